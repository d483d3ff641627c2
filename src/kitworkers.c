/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Campaign kits: the pool of worker processes.  Each worker is forked
 * with the prepared campaign, loads the renderer once and renders the
 * partners whose index it reads from its jobs pipe, answering one line
 * per partner on its results pipe (with the charter check's verdict when
 * the campaign asks for it).  A worker that dies loses only its partner.
 */
#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "kit-private.h"
#include "paraphe.h"
#include "xalloc.h"

/*
 * The result protocol, from a worker to the main process: frames of a
 * 32-bit length (native order: both ends are the same program) and
 * fields, each 'N' for none or 'S' and its text, ended by a NUL (no C
 * string holds one, so no text is cut or altered).  Per partner, first
 * what its preparation found (kit_put_prepared), then, when it was
 * rendered, the outcome ("OK" or "ERR"): a worker that dies while
 * rendering loses only the documents, not the fingerprint or the
 * warnings the main process already has.
 */
static void
kit_put(GString *s, const char *v)
{
	if (v == NULL) {
		g_string_append_len(s, "N", 2);
		return;
	}
	g_string_append_c(s, 'S');
	g_string_append_len(s, v, (gssize)strlen(v) + 1);
}

static void
kit_put_int(GString *s, long v)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%ld", v);
	kit_put(s, tmp);
}

/* Sends a frame: its length, then its fields. */
static void
kit_send(int fd, GString *frame)
{
	guint32 len = (guint32)frame->len;

	if (pp_write_all(fd, &len, sizeof(len)) != 0 ||
	    pp_write_all(fd, frame->str, frame->len) != 0)
		_exit(3);
}

/* The first frame of partner idx: "BAD" (its form cannot be made or has
 * errors), "UP" (up to date) or "GO" (being rendered), with what the
 * main process keeps of it: the texts the indexes show, its fingerprint,
 * a kept verdict and the form's diagnostics. */
static void
kit_put_prepared(int fd, guint32 idx, const char *what,
		 const struct kit_partner *p)
{
	GString *s = g_string_new("");
	const struct pp_diags *d = &p->res->diags;
	size_t i;

	kit_put_int(s, (long)idx);
	kit_put(s, what);
	kit_put_int(s, p->made);
	for (i = 0; i < PP_KIT_INDEX_KEYS; i++)
		kit_put(s, p->made ? p->index_texts[i] : NULL);
	kit_put(s, p->hash);
	kit_put(s, p->verdict);
	kit_put_int(s, (long)d->n);
	for (i = 0; i < d->n; i++) {
		const struct pp_diag *g = &d->items[i];

		kit_put_int(s, (long)g->code);
		kit_put(s, g->file);
		kit_put_int(s, g->line);
		kit_put_int(s, g->col);
		kit_put(s, g->path);
		kit_put(s, g->message);
		kit_put(s, g->note_file);
		kit_put_int(s, g->note_line);
		kit_put_int(s, g->note_col);
		kit_put(s, g->note_path);
		kit_put(s, g->note);
	}
	kit_send(fd, s);
	g_string_free(s, TRUE);
}

/* The outcome of a partner's rendering: "OK" and the check's verdict, or
 * "ERR" and where and why. */
static void
kit_put_outcome(int fd, guint32 idx, const char *verdict,
		const struct pp_error *e, const char *why)
{
	GString *s = g_string_new("");

	kit_put_int(s, (long)idx);
	if (e == NULL) {
		kit_put(s, "OK");
		kit_put(s, verdict);
	} else {
		kit_put(s, "ERR");
		kit_put(s, e->file);
		kit_put_int(s, e->line);
		kit_put_int(s, e->col);
		kit_put_int(s, (long)e->code);
		kit_put(s, e->set ? e->message : why);
	}
	kit_send(fd, s);
	g_string_free(s, TRUE);
}

/* The charter check of a partner's outputs, as one line for the
 * manifest: "conforme", or the first error.  Static buffer: the worker
 * sends it at once. */
static const char *
kit_verdict(struct kit *k, struct pp_renderer *r, struct kit_partner *p)
{
	static char verdict[1536];
	GArray *files = pp_kit_files(k, p->outdir);
	size_t errors = 0, warnings = 0;
	guint n;

	g_strlcpy(verdict, "conforme", sizeof(verdict));
	for (n = 0; n < files->len; n++) {
		const struct kit_file *kf =
		    &g_array_index(files, struct kit_file, n);
		const char *f = kf->name;
		struct pp_check c;
		struct pp_error err;
		char *path;

		if (!(kf->format->flags & PP_OUTPUT_CHECKED))
			continue;
		path = g_build_filename(p->outdir, f, NULL);
		pp_check_init(&c, f);
		pp_error_init(&err);
		if (pp_check_file(path, pp_renderer_charte(r), &c, &err) != 0) {
			snprintf(verdict, sizeof(verdict), "non conforme : %s",
				 err.message);
			errors++;
		} else {
			size_t i;

			if (c.partial && errors++ == 0)
				snprintf(verdict, sizeof(verdict),
					 "non vérifié entièrement : %s dépasse "
					 "les limites de paraphe",
					 f);
			for (i = 0; i < c.n; i++) {
				if (c.items[i].severity != PP_SEV_ERROR) {
					warnings++;
					continue;
				}
				if (errors++ == 0)
					snprintf(
					    verdict, sizeof(verdict),
					    "non conforme : %s [%s] %s", f,
					    pp_check_rule_id(c.items[i].rule),
					    c.items[i].found);
			}
		}
		pp_check_fini(&c);
		g_free(path);
	}
	pp_kit_files_free(files);
	if (errors == 0 && warnings > 0)
		snprintf(verdict, sizeof(verdict),
			 "conforme (%zu avertissement%s)", warnings,
			 warnings > 1 ? "s" : "");
	return verdict;
}

/* The worker: prepares every partner index it reads from jobs (its
 * form, its fingerprint, whether it is up to date), renders those that
 * are not, and answers on results.  The renderer is loaded once, for the
 * first partner to render. */
static void
kit_worker(struct kit *k, int jobs, int results)
{
	struct pp_renderer *r = NULL;
	struct pp_diags d;
	struct pp_error err;
	int loaded = 0;
	guint32 idx;

	pp_diags_init(&d);
	pp_error_init(&err);
	while (read(jobs, &idx, sizeof(idx)) == (ssize_t)sizeof(idx)) {
		struct kit_partner *p = &k->partners[idx];
		struct pp_arena *a = pp_arena_new();
		struct pp_value *form = pp_kit_partner_prepare(k, p, a);
		char date[64];
		struct pp_error e;
		size_t m;

		kit_put_prepared(results, idx,
				 p->invalid ? "BAD"
				 : p->skip  ? "UP"
					    : "GO",
				 p);
		if (form != NULL && !loaded) {
			loaded = 1;
			r = pp_renderer_new(k->o->datadir, k->o->charte, 1, &d,
					    &err);
			if (r == NULL && !err.set && d.n > 0)
				err = (struct pp_error){0};
			/* The charter's glyphs read once for all the checks
			 * of this worker (each check's child inherits them).
			 */
			if (r != NULL && k->check)
				pp_check_prepare(pp_renderer_charte(r));
		}
		pp_error_init(&e);
		if (form == NULL) {
			/* Said by its first frame. */
		} else if (r == NULL) {
			kit_put_outcome(results, idx, NULL, &err,
					_("the charter cannot be loaded"));
		} else {
			pp_render_date(form, date, sizeof(date));
			if (pp_renderer_render(r, k->models, form, NULL, 0,
					       p->outdir, k->formats, date,
					       NULL, &e) != 0) {
				kit_put_outcome(results, idx, NULL, &e, "?");
			} else {
				char *stamp = g_build_filename(
				    p->outdir, ".empreinte", NULL);
				const char *verdict =
				    k->check ? kit_verdict(k, r, p) : "";
				/* The fingerprint, and the verdict for the
				 * runs that will find this partner up to
				 * date; then the files' digests, worked out
				 * here, in parallel, for the manifest. */
				GString *text = g_string_new("");

				g_string_printf(text, "%s\n%s\n", p->hash,
						verdict);
				pp_kit_sums_append(k, p->outdir, text);
				pp_file_write_atomic(stamp, text->str,
						     text->len, &e);
				g_string_free(text, TRUE);
				g_free(stamp);
				kit_put_outcome(results, idx,
						k->check ? verdict : NULL, NULL,
						NULL);
			}
		}
		/* Nothing of this partner is kept: the main process has it. */
		pp_diags_fini(&p->res->diags);
		g_free(p->outdir);
		g_free(p->verdict);
		p->outdir = p->verdict = NULL;
		for (m = 0; m < PP_KIT_INDEX_KEYS; m++)
			p->index_texts[m] = NULL;
		pp_arena_free(a);
	}
	pp_check_unprepare();
	pp_renderer_free(r);
	pp_diags_fini(&d);
	_exit(0);
}

struct kit_worker {
	pid_t pid;
	int jobs, results; /* parent's ends */
	long current;	   /* partner index being rendered, or -1 */
	GString *pending;  /* partial result line */
};

static int
kit_spawn(struct kit *k, struct kit_worker *w, struct kit_worker *all,
	  int nworkers)
{
	int jp[2], rp[2], i;
	pid_t pid;

	if (pipe(jp) != 0)
		return -1;
	if (pipe(rp) != 0) {
		close(jp[0]);
		close(jp[1]);
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(jp[0]);
		close(jp[1]);
		close(rp[0]);
		close(rp[1]);
		return -1;
	}
	if (pid == 0) {
		for (i = 0; i < nworkers; i++) {
			if (all[i].pid > 0) {
				close(all[i].jobs);
				close(all[i].results);
			}
		}
		close(jp[1]);
		close(rp[0]);
		kit_worker(k, jp[0], rp[1]);
	}
	close(jp[0]);
	close(rp[1]);
	w->pid = pid;
	w->jobs = jp[1];
	w->results = rp[0];
	w->current = -1;
	w->pending = g_string_new("");
	return 0;
}

/* The fields of a frame's payload (kit_put), NULL for none; NULL when
 * it is malformed.  Caller frees with g_ptr_array_free. */
static GPtrArray *
kit_fields(const char *data, size_t len)
{
	GPtrArray *f = g_ptr_array_new();
	size_t at = 0;

	while (at < len) {
		const char *end = memchr(data + at, '\0', len - at);

		if (end == NULL ||
		    (data[at] != 'S' &&
		     !(data[at] == 'N' && end == data + at + 1))) {
			g_ptr_array_free(f, TRUE);
			return NULL;
		}
		g_ptr_array_add(f, data[at] == 'S' ? (gpointer)(data + at + 1)
						   : NULL);
		at = (size_t)(end - data) + 1;
	}
	return f;
}

static const char *
kit_field(const GPtrArray *f, guint i)
{
	return i < f->len ? g_ptr_array_index(f, i) : NULL;
}

static int
kit_field_int(const GPtrArray *f, guint i)
{
	const char *v = kit_field(f, i);

	return v != NULL ? atoi(v) : 0;
}

static enum pp_diag_code
kit_field_code(const GPtrArray *f, guint i)
{
	int c = kit_field_int(f, i);

	return c >= 0 && c < PP_DIAG__COUNT ? (enum pp_diag_code)c
					    : PP_DIAG_PARTNER;
}

/* What a worker found preparing partner p (kit_put_prepared): kept as
 * the main process would have found it. */
static void
kit_record_prepared(struct kit *k, struct kit_partner *p, const GPtrArray *f)
{
	guint i, n, at = 8;

	p->made = kit_field_int(f, 2);
	for (i = 0; i < PP_KIT_INDEX_KEYS; i++) {
		const char *t = kit_field(f, 3 + i);

		p->index_texts[i] =
		    p->made && t != NULL ? pp_arena_strdup(k->arena, t) : NULL;
	}
	if (kit_field(f, 5) != NULL && strlen(kit_field(f, 5)) == 64) {
		g_strlcpy(p->hash, kit_field(f, 5), sizeof(p->hash));
		g_free(p->outdir);
		p->outdir = g_build_filename(k->kitdir, p->id, NULL);
	}
	if (kit_field(f, 6) != NULL) {
		g_free(p->verdict);
		p->verdict = g_strdup(kit_field(f, 6));
	}
	n = (guint)kit_field_int(f, 7);
	for (i = 0; i < n && at + 11 <= f->len; i++, at += 11) {
		struct pp_pos pos = {(char *)kit_field(f, at + 1),
				     kit_field_int(f, at + 2),
				     kit_field_int(f, at + 3)};
		const char *note = kit_field(f, at + 10);

		pp_diags_add(&p->res->diags, kit_field_code(f, at), &pos,
			     kit_field(f, at + 4), "%s",
			     kit_field(f, at + 5) != NULL ? kit_field(f, at + 5)
							  : "?");
		if (note != NULL) {
			struct pp_pos npos = {(char *)kit_field(f, at + 6),
					      kit_field_int(f, at + 7),
					      kit_field_int(f, at + 8)};

			pp_diags_add_note(&p->res->diags, &npos,
					  kit_field(f, at + 9), "%s", note);
		}
	}
}

/* Records a frame of a worker: the partner's index when it is its last
 * one (the partner is finished), else -1.  *rendered is set when the
 * partner was rendered (not found invalid or up to date). */
static long
kit_record(struct kit *k, struct pp_kit_result *res, const char *data,
	   size_t len, int *rendered)
{
	GPtrArray *f = kit_fields(data, len);
	const char *what = f != NULL ? kit_field(f, 1) : NULL;
	struct kit_partner *p;
	long idx;

	*rendered = 0;
	if (f == NULL || kit_field(f, 0) == NULL || what == NULL ||
	    (idx = strtol(kit_field(f, 0), NULL, 10)) < 0 ||
	    (size_t)idx >= k->n) {
		if (f != NULL)
			g_ptr_array_free(f, TRUE);
		return -1;
	}
	p = &k->partners[idx];
	if (strcmp(what, "BAD") == 0 || strcmp(what, "UP") == 0 ||
	    strcmp(what, "GO") == 0) {
		kit_record_prepared(k, p, f);
		if (strcmp(what, "GO") == 0)
			idx = -1;
		else if (strcmp(what, "BAD") == 0) {
			p->invalid = 1;
			p->res->status = PP_KIT_FAILED;
			res->failed++;
		} else {
			p->skip = 1;
			p->res->status = PP_KIT_UP_TO_DATE;
			res->up_to_date++;
		}
	} else if (strcmp(what, "OK") == 0) {
		*rendered = 1;
		p->res->status = PP_KIT_DONE;
		res->done++;
		if (kit_field(f, 2) != NULL && kit_field(f, 2)[0] != '\0') {
			g_free(p->verdict);
			p->verdict = g_strdup(kit_field(f, 2));
		}
	} else {
		struct pp_pos pos = {(char *)kit_field(f, 2),
				     kit_field_int(f, 3), kit_field_int(f, 4)};

		*rendered = 1;
		pp_diags_add(&p->res->diags, kit_field_code(f, 5), &pos, NULL,
			     "%s",
			     kit_field(f, 6) != NULL ? kit_field(f, 6) : "?");
		p->res->status = PP_KIT_FAILED;
		res->failed++;
	}
	g_ptr_array_free(f, TRUE);
	return idx;
}

/* Records the whole frames worker w sent, and reports progress for each
 * partner finished: with its id when it was rendered; without one, as
 * the partners found failed or up to date before, when it was not. */
static void
kit_frames(struct kit *k, struct pp_kit_result *res, struct kit_worker *w,
	   size_t *finished, size_t total_done_before, size_t total)
{
	guint32 len;

	while (w->pending->len >= sizeof(len)) {
		long idx;
		int rendered;

		memcpy(&len, w->pending->str, sizeof(len));
		if (w->pending->len - sizeof(len) < len)
			break;
		idx = kit_record(k, res, w->pending->str + sizeof(len), len,
				 &rendered);
		g_string_erase(w->pending, 0, (gssize)(sizeof(len) + len));
		if (idx < 0 || idx != w->current)
			continue;
		(*finished)++;
		if (k->o->progress != NULL)
			k->o->progress(k->o->progress_data,
				       total_done_before + *finished, total,
				       res->failed,
				       rendered ? k->partners[idx].id : NULL);
		w->current = -1;
	}
}

void
pp_kit_workers_run(struct kit *k, struct pp_kit_result *res, size_t *todo,
		   size_t ntodo, size_t total_done_before, size_t total)
{
	int nworkers = k->o->jobs < 1 ? 1 : k->o->jobs, i;
	struct kit_worker *w;
	size_t next = 0, finished = 0;

	if ((size_t)nworkers > ntodo)
		nworkers = (int)ntodo;
	if (nworkers == 0)
		return;
	w = pp_xcalloc((size_t)nworkers, sizeof(*w));
	for (i = 0; i < nworkers; i++)
		w[i].pid = -1;
	for (i = 0; i < nworkers; i++)
		kit_spawn(k, &w[i], w, nworkers);
	while (finished < ntodo) {
		struct pollfd *pfd = pp_xcalloc((size_t)nworkers, sizeof(*pfd));
		int n = 0;

		/* Give every idle worker its next partner. */
		for (i = 0; i < nworkers; i++) {
			if (w[i].pid > 0 && w[i].current < 0 && next < ntodo) {
				guint32 idx = (guint32)todo[next++];

				w[i].current = (long)idx;
				if (pp_write_all(w[i].jobs, (const char *)&idx,
						 sizeof(idx)) != 0)
					w[i].current = (long)idx;
			}
			if (w[i].pid > 0 && w[i].current < 0 && next >= ntodo &&
			    w[i].jobs >= 0) {
				close(w[i].jobs);
				w[i].jobs = -1;
			}
		}
		for (i = 0; i < nworkers; i++) {
			pfd[i].fd = w[i].pid > 0 ? w[i].results : -1;
			pfd[i].events = POLLIN;
			n += w[i].pid > 0;
		}
		if (n == 0) {
			free(pfd);
			break;
		}
		if (poll(pfd, (nfds_t)nworkers, -1) < 0 && errno != EINTR) {
			free(pfd);
			break;
		}
		for (i = 0; i < nworkers; i++) {
			char buf[4096];
			ssize_t got;

			if (pfd[i].fd < 0 ||
			    !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(w[i].results, buf, sizeof(buf));
			if (got > 0) {
				g_string_append_len(w[i].pending, buf, got);
				kit_frames(k, res, &w[i], &finished,
					   total_done_before, total);
				continue;
			}
			/* The worker is gone: a crash loses only its partner.
			 */
			{
				int st = 0;

				waitpid(w[i].pid, &st, 0);
				close(w[i].results);
				if (w[i].jobs >= 0)
					close(w[i].jobs);
				w[i].pid = -1;
				if (w[i].current >= 0) {
					struct kit_partner *p =
					    &k->partners[w[i].current];

					pp_diags_add(
					    &p->res->diags, PP_DIAG_PARTNER,
					    &p->pos, NULL,
					    _("the process producing this "
					      "partner stopped (%s); its "
					      "documents were not written"),
					    WIFSIGNALED(st)
						? strsignal(WTERMSIG(st))
						: "exit");
					p->res->status = PP_KIT_FAILED;
					res->failed++;
					finished++;
					if (k->o->progress != NULL)
						k->o->progress(
						    k->o->progress_data,
						    total_done_before +
							finished,
						    total, res->failed, p->id);
					w[i].current = -1;
				}
				g_string_free(w[i].pending, TRUE);
				w[i].pending = NULL;
				if (next < ntodo)
					kit_spawn(k, &w[i], w, nworkers);
			}
		}
		free(pfd);
	}
	for (i = 0; i < nworkers; i++) {
		if (w[i].pid > 0) {
			if (w[i].jobs >= 0)
				close(w[i].jobs);
			close(w[i].results);
			waitpid(w[i].pid, NULL, 0);
		}
		if (w[i].pending != NULL)
			g_string_free(w[i].pending, TRUE);
	}
	free(w);
}
