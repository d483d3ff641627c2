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

/* Escapes tabs and newlines for the result protocol. */
static void
kit_put_field(GString *s, const char *v)
{
	for (; v != NULL && *v != '\0'; v++)
		g_string_append_c(s, *v == '\t' || *v == '\n' ? ' ' : *v);
	g_string_append_c(s, '\t');
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

/* The worker: loads the renderer once, then renders every partner index
 * it reads from jobs, answering one line per partner on results. */
static void
kit_worker(struct kit *k, int jobs, int results)
{
	struct pp_renderer *r;
	struct pp_diags d;
	struct pp_error err;
	guint32 idx;

	pp_diags_init(&d);
	pp_error_init(&err);
	r = pp_renderer_new(k->o->datadir, k->o->charte, 1, &d, &err);
	if (r == NULL && !err.set && d.n > 0)
		err = (struct pp_error){0};
	/* The charter's glyphs read once for all the checks of this worker
	 * (each check's child inherits them). */
	if (r != NULL && k->check)
		pp_check_prepare(pp_renderer_charte(r));
	while (read(jobs, &idx, sizeof(idx)) == (ssize_t)sizeof(idx)) {
		struct kit_partner *p = &k->partners[idx];
		GString *line = g_string_new("");
		char date[64];
		struct pp_error e;

		struct pp_arena *a = pp_arena_new();
		struct pp_diags fd;
		struct pp_value *form;

		pp_error_init(&e);
		pp_diags_init(&fd);
		g_string_append_printf(line, "%u\t", idx);
		/* Made again, as the parent hashed it: the parent drops each
		 * form once hashed, so that no process holds them all. */
		form = pp_kit_partner_form(k, p, a, &fd);
		if (form != NULL)
			pp_render_date(form, date, sizeof(date));
		if (form == NULL) {
			/* Its files changed since the parent read them. */
			const struct pp_diag *g = NULL;
			size_t i;

			for (i = 0; i < fd.n && g == NULL; i++)
				if (fd.items[i].severity == PP_SEV_ERROR)
					g = &fd.items[i];

			g_string_append(line, "ERR\t");
			kit_put_field(line, g != NULL ? g->file : NULL);
			g_string_append_printf(
			    line, "%d\t%d\t%d\t", g != NULL ? g->line : 0,
			    g != NULL ? g->col : 0,
			    g != NULL ? (int)g->code : (int)PP_DIAG_PARTNER);
			kit_put_field(line, g != NULL ? g->message : "?");
		} else if (r == NULL) {
			g_string_append(line, "ERR\t");
			kit_put_field(line, err.file);
			g_string_append_printf(line, "%d\t%d\t%d\t", err.line,
					       err.col, (int)err.code);
			kit_put_field(line, err.set ? err.message
						    : _("the charter cannot be "
							"loaded"));
		} else if (pp_renderer_render(r, k->models, form, NULL, 0,
					      p->outdir, k->formats, date, NULL,
					      &e) != 0) {
			g_string_append(line, "ERR\t");
			kit_put_field(line, e.file);
			g_string_append_printf(line, "%d\t%d\t%d\t", e.line,
					       e.col, (int)e.code);
			kit_put_field(line, e.message);
		} else {
			char *stamp =
			    g_build_filename(p->outdir, ".empreinte", NULL);
			const char *verdict =
			    k->check ? kit_verdict(k, r, p) : "";
			/* The fingerprint, and the verdict for the runs that
			 * will find this partner up to date; then the files'
			 * digests, worked out here, in parallel, for the
			 * manifest. */
			GString *text = g_string_new("");

			g_string_printf(text, "%s\n%s\n", p->hash, verdict);
			pp_kit_sums_append(k, p->outdir, text);
			pp_file_write_atomic(stamp, text->str, text->len, &e);
			g_string_free(text, TRUE);
			g_free(stamp);
			g_string_append(line, "OK\t");
			if (k->check)
				kit_put_field(line, verdict);
		}
		pp_diags_fini(&fd);
		pp_arena_free(a);
		g_string_append_c(line, '\n');
		if (pp_write_all(results, line->str, line->len) != 0)
			_exit(3);
		g_string_free(line, TRUE);
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

static void
kit_record(struct kit *k, struct pp_kit_result *res, const char *line)
{
	char **f = g_strsplit(line, "\t", 7);
	guint32 idx;
	struct kit_partner *p;

	if (f[0] == NULL || f[1] == NULL) {
		g_strfreev(f);
		return;
	}
	idx = (guint32)strtoul(f[0], NULL, 10);
	if (idx >= k->n) {
		g_strfreev(f);
		return;
	}
	p = &k->partners[idx];
	if (strcmp(f[1], "OK") == 0) {
		p->res->status = PP_KIT_DONE;
		res->done++;
		if (f[2] != NULL && f[2][0] != '\0') {
			g_free(p->verdict);
			p->verdict = g_strdup(g_strchomp(f[2]));
		}
	} else {
		struct pp_pos pos = {NULL, 0, 0};

		if (f[2] != NULL && f[2][0] != '\0')
			pos.file = f[2];
		pos.line = f[3] ? atoi(f[3]) : 0;
		pos.col = f[4] ? atoi(f[4]) : 0;
		pp_diags_add(&p->res->diags,
			     f[5] != NULL && atoi(f[5]) >= 0 &&
				     atoi(f[5]) < PP_DIAG__COUNT
				 ? (enum pp_diag_code)atoi(f[5])
				 : PP_DIAG_PARTNER,
			     &pos, NULL, "%s",
			     f[6] != NULL ? g_strchomp(f[6]) : "?");
		p->res->status = PP_KIT_FAILED;
		res->failed++;
	}
	g_strfreev(f);
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
			char *nl;

			if (pfd[i].fd < 0 ||
			    !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(w[i].results, buf, sizeof(buf));
			if (got > 0) {
				g_string_append_len(w[i].pending, buf, got);
				while ((nl = strchr(w[i].pending->str, '\n')) !=
				       NULL) {
					*nl = '\0';
					kit_record(k, res, w[i].pending->str);
					g_string_erase(w[i].pending, 0,
						       nl - w[i].pending->str +
							   1);
					if (w[i].current >= 0 &&
					    k->o->progress != NULL)
						k->o->progress(
						    k->o->progress_data,
						    total_done_before +
							finished + 1,
						    total, res->failed,
						    k->partners[w[i].current]
							.id);
					w[i].current = -1;
					finished++;
				}
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
