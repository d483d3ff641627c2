/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confine.h"
#include "i18n.h"

static GPtrArray *allowed; /* real paths */

static char *confine_real(const char *path);

void
pp_confine_allow(const char *dir)
{
	if (allowed == NULL)
		allowed = g_ptr_array_new_with_free_func(free);
	g_ptr_array_add(allowed, confine_real(dir));
}

void
pp_confine_reset(void)
{
	if (allowed != NULL)
		g_ptr_array_free(allowed, TRUE);
	allowed = NULL;
}

/* path made absolute and without "." or ".." components, by its letters
 * alone (for a path whose folders do not exist). */
static char *
confine_lexical(const char *path)
{
	char *cwd = g_get_current_dir();
	char *abs = g_path_is_absolute(path)
			? g_strdup(path)
			: g_build_filename(cwd, path, NULL);
	char **parts = g_strsplit(abs, "/", -1);
	GPtrArray *kept = g_ptr_array_new();
	GString *out = g_string_new("");
	guint i;
	char *r;

	for (i = 0; parts[i] != NULL; i++) {
		if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0)
			continue;
		if (strcmp(parts[i], "..") == 0) {
			if (kept->len > 0)
				g_ptr_array_remove_index(kept, kept->len - 1);
			continue;
		}
		g_ptr_array_add(kept, parts[i]);
	}
	for (i = 0; i < kept->len; i++)
		g_string_append_printf(out, "/%s", (char *)kept->pdata[i]);
	if (out->len == 0)
		g_string_append_c(out, '/');
	r = strdup(out->str);
	g_string_free(out, TRUE);
	g_ptr_array_free(kept, TRUE);
	g_strfreev(parts);
	g_free(abs);
	g_free(cwd);
	return r;
}

/* The real path of path (symbolic links followed); for a path that does
 * not exist, the real path of its deepest existing folder followed by the
 * rest, by letters.  Never NULL. */
static char *
confine_real(const char *path)
{
	char *lex = confine_lexical(path);
	size_t n = strlen(lex);

	for (;;) {
		char save = lex[n], *real, *joined;

		lex[n] = '\0';
		real = realpath(n > 0 ? lex : "/", NULL);
		lex[n] = save;
		if (real != NULL) {
			joined = g_strconcat(strcmp(real, "/") == 0 ? "" : real,
					     lex + n, NULL);
			free(real);
			free(lex);
			real = strdup(joined);
			g_free(joined);
			return real;
		}
		if (n == 0)
			return lex; /* "/" itself did not resolve */
		while (n > 0 && lex[--n] != '/')
			;
	}
}

static int
confine_under(const char *real, const char *root)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return 1;
	return strncmp(real, root, n) == 0 &&
	       (real[n] == '/' || real[n] == '\0');
}

int
pp_confine_check(const char *root, const char *named, const char *path,
		 char *why, size_t size)
{
	char *real = confine_real(path), *rroot = confine_real(root);
	int ok = confine_under(real, rroot);
	guint i;

	for (i = 0; !ok && allowed != NULL && i < allowed->len; i++)
		ok = confine_under(real, allowed->pdata[i]);
	if (!ok) {
		if (g_path_is_absolute(named))
			snprintf(why, size,
				 _("%s: a file outside the folder %s; name it "
				   "by a path relative to that folder, or "
				   "allow its folder with --allow-path"),
				 named, rroot);
		else
			snprintf(why, size,
				 _("%s: this path leads outside the folder %s "
				   "(by \"..\" or a symbolic link); move the "
				   "file inside it, or allow its folder with "
				   "--allow-path"),
				 named, rroot);
	}
	free(real);
	free(rroot);
	return ok ? 0 : -1;
}
