/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the parts of a campaign kit share.  kit.c loads the campaign and
 * its partners, decides what to rebuild and runs the kit (pp_kit_run);
 * kitworkers.c renders the partners in a pool of worker processes;
 * kitmanifest.c writes the kit's indexes, manifest.json and
 * recapitulatif.csv, and merges those of shards (pp_kit_merge).
 */
#ifndef PP_KIT_PRIVATE_H
#define PP_KIT_PRIVATE_H

#include <glib.h>
#include <stddef.h>

#include "calendar.h"
#include "digest.h"
#include "paraphe.h"

/* How many keys of a partner's form the indexes show (pp_kit_index_keys). */
#define PP_KIT_INDEX_KEYS 2

/* One partner of the campaign.  The main process reads it; what its form
 * gives (made to the status) comes from the worker that prepared it. */
struct kit_partner {
	const char *id;
	/* The partner's entry (inline, or a row of the CSV table).  Its form
	 * (the campaign's defaults, its fichier_formulaire and its entry
	 * merged) is made only once it is selected, by the worker that
	 * renders it, and only for as long as it is used
	 * (pp_kit_partner_prepare): a campaign's memory grows with its rows,
	 * not with partners x defaults. */
	const struct pp_value *entry;
	/* Once its form was made: the texts of pp_kit_index_keys in it, for
	 * the indexes (pp_kit_partner_text), in the campaign's arena. */
	int made;
	const char *index_texts[PP_KIT_INDEX_KEYS];
	struct pp_pos pos; /* where the entry starts */
	char *outdir;
	char hash[65];
	int invalid;   /* the form has errors: not rendered */
	int skip;      /* up to date */
	int selected;  /* in --only and in this shard */
	char *verdict; /* "conforme" or why not, when checked */
	struct pp_kit_partner_result *res;
};

/* The campaign being built, with its partners; kit.c fills it, each worker
 * process gets its copy by fork(). */
struct kit {
	const struct pp_kit_opts *o;
	struct pp_arena *arena;
	const char *path;      /* campaign file */
	char *dir;	       /* its folder: relative paths start there */
	const char *kitdir;    /* the kit's folder: a partner's is in it */
	struct pp_value *root; /* the campaign */
	const char *campaign;  /* campagne.id */
	char **models;	       /* documents to write */
	unsigned formats;
	int check; /* campagne.sorties.controle_conformite */
	struct kit_partner *partners;
	size_t n;
	struct pp_sha256 common;   /* hash of the inputs every partner shares */
	struct pp_model **schemas; /* the models' schemas */
	struct pp_value *base;	   /* what every partner's form starts from */
	/* The electoral calendar (NULL when the data folder has none): the
	 * coherence warnings of each partner, as "paraphe validate" gives
	 * them. */
	struct pp_calendar *calendar;
};

/* A file of a model in one of the campaign's formats. */
struct kit_file {
	char *name; /* "convention.pdf", in the partner's folder */
	const struct pp_output *format;
};

/* --- The campaign (kit.c) ------------------------------------------------ */

/* The files of a partner's documents in dir, in the campaign's order of
 * models and formats; caller frees with pp_kit_files_free(). */
GArray *pp_kit_files(const struct kit *k, const char *dir);
/* Frees what pp_kit_files() returned. */
void pp_kit_files_free(GArray *files);
/* Appends to out the lines of the digests of the partner's files in dir,
 * which its ".empreinte" keeps for the manifest (kitmanifest.c). */
void pp_kit_sums_append(const struct kit *k, const char *dir, GString *out);

/*
 * Makes partner p's form in a (the campaign's defaults, its
 * fichier_formulaire, its entry; the models fill in their defaults),
 * validates it, fingerprints its inputs and decides whether it is up to
 * date: sets p->made and p->index_texts (in a), p->invalid, p->outdir,
 * p->hash, p->skip and p->verdict, and says what it found in
 * p->res->diags.  Returns the form to render, or NULL when the form is
 * invalid or the partner up to date.  Run by the workers (kitworkers.c),
 * in parallel; they send the main process what it keeps.
 */
struct pp_value *pp_kit_partner_prepare(struct kit *k, struct kit_partner *p,
					struct pp_arena *a);

/* The keys of a partner's form the indexes show (pp_kit_partner_text). */
extern const char *const pp_kit_index_keys[PP_KIT_INDEX_KEYS];

/* --- The workers (kitworkers.c) ------------------------------------------ */

/* Prepares the partners whose indexes are todo[0..ntodo) and renders
 * those not up to date in at most k->o->jobs worker processes, records
 * each outcome in res and k's partners and reports progress, counting
 * from total_done_before of total. */
void pp_kit_workers_run(struct kit *k, struct pp_kit_result *res, size_t *todo,
			size_t ntodo, size_t total_done_before, size_t total);

/* --- The indexes (kitmanifest.c) ----------------------------------------- */

/* Writes kitdir/manifest.json and kitdir/recapitulatif.csv for the
 * selected partners; -1 with err filled when a file cannot be written. */
int pp_kit_manifest_write(struct kit *k, const char *kitdir,
			  struct pp_error *err);

/* The text at the dotted key of partner p's form (its denomination, its
 * role) for the indexes: from its form once expanded; for a partner not
 * selected, from its entry, else its fichier_formulaire (read again, not
 * kept), else the campaign's defaults.  NULL when none gives one, or when
 * the partner's form could not be made.  In the campaign's arena. */
const char *pp_kit_partner_text(const struct kit *k,
				const struct kit_partner *p, const char *key);

/* The digests of font files kept between runs (kitdigests.c). */
struct pp_kit_digests;
struct pp_kit_digests *pp_kit_digests_open(void);
/* The SHA-256 of the file at path in hex (64 digits and a NUL): the kept
 * one when the file is unchanged, else computed (and kept).  -1 when it
 * is not an ordinary file or cannot be read. */
int pp_kit_digests_file(struct pp_kit_digests *c, const char *path,
			char hex[65]);
/* Saves the cache when it changed, and frees it. */
void pp_kit_digests_close(struct pp_kit_digests *c);

#endif
