/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Campaign kits: one campaign file (and optionally a partner table) gives
 * one complete form per partner, rendered in parallel worker processes.
 * One partner's failure, or even a worker's crash, never stops or loses
 * the others.  The kit is incremental: a partner whose inputs have not
 * changed is not rebuilt.
 */
#ifndef PP_KIT_H
#define PP_KIT_H

#include <stddef.h>

#include "diag.h"

enum pp_kit_status {
	PP_KIT_DONE,	   /* written in this run */
	PP_KIT_UP_TO_DATE, /* nothing changed since the last run */
	PP_KIT_FAILED,	   /* invalid form, or rendering failed */
};

struct pp_kit_opts {
	const char *datadir;
	const char *outdir; /* the kit goes in outdir/<campaign id>/ */
	const char *charte; /* charter name or path */
	int jobs;	    /* worker processes, >= 1 */
	int force;	    /* rebuild partners that are up to date */
	char **only;	    /* NULL, or the partner ids to produce */
	int shard, shards;  /* this run produces shard K (1-based) of N */
	/* Called in the parent after each partner; may be NULL. */
	void (*progress)(void *data, size_t done, size_t total, size_t failed,
			 const char *id);
	void *progress_data;
};

struct pp_kit_partner_result {
	char *id;
	enum pp_kit_status status;
	struct pp_diags diags; /* why it failed, with positions */
};

struct pp_kit_result {
	char *campaign; /* campaign id */
	char *dir;	/* outdir/<campaign id> */
	struct pp_kit_partner_result *partners;
	size_t n;
	size_t done, up_to_date, failed;
};

/*
 * Builds the kit of the campaign file path.  Returns 0 when the campaign
 * could be read (partners may still have failed: see res), -1 when the
 * campaign itself is unusable: its mistakes are in d.  Writes
 * <dir>/manifest.json and <dir>/recapitulatif.csv.
 */
int pp_kit_run(const char *path, const struct pp_kit_opts *o,
	       struct pp_kit_result *res, struct pp_diags *d,
	       struct pp_error *err);
void pp_kit_result_fini(struct pp_kit_result *res);

/*
 * The kit folder that dir names for a merge: dir itself when it holds a
 * manifest.json, else its one campaign folder that does (dir is then the
 * folder a shard was given with -o).  NULL with err filled when there is
 * none, or several (two campaigns).  Caller frees with g_free.
 */
char *pp_kit_merge_folder(const char *dir, struct pp_error *err);

/*
 * Joins the manifest.json of the kits produced by shards of one campaign
 * (NULL-terminated list of kit folders or -o folders, as
 * pp_kit_merge_folder finds them) into outdir/manifest.json and
 * recapitulatif.csv: the indexes only, the documents stay where each
 * shard wrote them.  Each partner keeps the entry of the shard that built
 * it.  -1 with err filled (a folder without manifest, two campaigns).
 */
int pp_kit_merge(char *const *dirs, const char *outdir, struct pp_error *err);

#endif
