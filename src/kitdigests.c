/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The SHA-256 digests of a kit's font files, kept between runs in the
 * user's cache folder ($XDG_CACHE_HOME/paraphe/font-digests, beside
 * fontconfig's cache): hashing the charter's fonts and the Liberation
 * fonts for the kit's fingerprint was 230 M instructions a run, even when
 * nothing was to be rebuilt.  A digest is reused only when the file's
 * path, size, modification and status-change times (to the nanosecond),
 * device and inode are all the same as when it was hashed; writing or
 * replacing a file changes its status-change time, so a changed file is
 * always hashed again.  A file changed in the last KIT_DIGESTS_SETTLE
 * seconds is not kept (a write in the same clock tick as the hashing
 * would not show in its times).  The cache is a hint: unreadable or
 * malformed, it is ignored; it holds at most KIT_DIGESTS_MAX files and is
 * written atomically.
 *
 * Format: a first line "paraphe font-digests 1", then one line a file:
 *   DIGEST SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS DEV INODE PATH
 * (DIGEST 64 hexadecimal digits, numbers in decimal, PATH to the end of
 * the line).
 */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "digest.h"
#include "fileio.h"
#include "kit-private.h"
#include "xalloc.h"

#define KIT_DIGESTS_HEADER   "paraphe font-digests 1\n"
#define KIT_DIGESTS_MAX	     4096
#define KIT_DIGESTS_FILE_MAX (KIT_DIGESTS_MAX * (size_t)4352)
#define KIT_DIGESTS_SETTLE   2

struct kit_digest {
	char hex[65];
	uint64_t size, dev, ino;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
	int used; /* looked up or added by this run */
};

struct pp_kit_digests {
	char *path;	/* the cache file, or NULL: not kept */
	GHashTable *by; /* file path -> struct kit_digest */
	int changed;
};

static void
digests_stat(struct kit_digest *d, const struct stat *st)
{
	d->size = (uint64_t)st->st_size;
	d->dev = (uint64_t)st->st_dev;
	d->ino = (uint64_t)st->st_ino;
	d->mtime_s = (int64_t)st->st_mtim.tv_sec;
	d->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	d->ctime_s = (int64_t)st->st_ctim.tv_sec;
	d->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

static int
digests_same(const struct kit_digest *a, const struct kit_digest *b)
{
	return a->size == b->size && a->dev == b->dev && a->ino == b->ino &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	       a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

static int
digests_hex(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!g_ascii_isxdigit(s[i]) || g_ascii_isupper(s[i]))
			return 0;
	return s[64] == '\0';
}

/* Reads the cache file's lines into c; what cannot be read is left out. */
static void
digests_load(struct pp_kit_digests *c)
{
	struct pp_error err;
	char *data = NULL, *line, *next;
	size_t len = 0;

	pp_error_init(&err);
	if (pp_file_read(c->path, KIT_DIGESTS_FILE_MAX, &data, &len, &err) !=
		0 ||
	    strncmp(data, KIT_DIGESTS_HEADER, strlen(KIT_DIGESTS_HEADER)) !=
		0) {
		free(data);
		return;
	}
	for (line = data + strlen(KIT_DIGESTS_HEADER); *line != '\0';
	     line = next) {
		struct kit_digest d;
		char hex[65];
		int n = 0;

		next = strchr(line, '\n');
		if (next == NULL)
			break; /* a last line cut short */
		*next++ = '\0';
		memset(&d, 0, sizeof(d));
		if (sscanf(line,
			   "%64s %" SCNu64 " %" SCNd64 " %" SCNd64 " %" SCNd64
			   " %" SCNd64 " %" SCNu64 " %" SCNu64 " %n",
			   hex, &d.size, &d.mtime_s, &d.mtime_ns, &d.ctime_s,
			   &d.ctime_ns, &d.dev, &d.ino, &n) != 8 ||
		    n == 0 || line[n] != '/' || !digests_hex(hex) ||
		    g_hash_table_size(c->by) >= KIT_DIGESTS_MAX)
			continue;
		memcpy(d.hex, hex, sizeof(d.hex));
		g_hash_table_replace(c->by, g_strdup(line + n),
				     g_memdup2(&d, sizeof(d)));
	}
	free(data);
}

struct pp_kit_digests *
pp_kit_digests_open(void)
{
	struct pp_kit_digests *c = pp_xcalloc(1, sizeof(*c));

	c->by = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	c->path = g_build_filename(g_get_user_cache_dir(), "paraphe",
				   "font-digests", NULL);
	digests_load(c);
	return c;
}

int
pp_kit_digests_file(struct pp_kit_digests *c, const char *path, char hex[65])
{
	struct kit_digest now, *d;
	struct stat st;
	gchar *data = NULL, *abs;
	gsize len = 0;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	memset(&now, 0, sizeof(now));
	digests_stat(&now, &st);
	abs = g_canonicalize_filename(path, NULL);
	d = g_hash_table_lookup(c->by, abs);
	if (d != NULL && digests_same(d, &now)) {
		d->used = 1;
		memcpy(hex, d->hex, 65);
		g_free(abs);
		return 0;
	}
	if (!g_file_get_contents(path, &data, &len, NULL)) {
		g_free(abs);
		return -1;
	}
	pp_sha256_hex(data, len, hex);
	g_free(data);
	/* Read again after the hashing: a file written meanwhile, or just
	 * before in the same clock tick, is not kept. */
	if (stat(path, &st) == 0) {
		struct kit_digest after;
		time_t t = time(NULL);

		memset(&after, 0, sizeof(after));
		digests_stat(&after, &st);
		if (digests_same(&after, &now) && strchr(abs, '\n') == NULL &&
		    (int64_t)t - now.mtime_s >= KIT_DIGESTS_SETTLE &&
		    (int64_t)t - now.ctime_s >= KIT_DIGESTS_SETTLE) {
			now.used = 1;
			memcpy(now.hex, hex, 65);
			g_hash_table_replace(c->by, abs,
					     g_memdup2(&now, sizeof(now)));
			c->changed = 1;
			return 0;
		}
	}
	if (d != NULL) { /* stale */
		g_hash_table_remove(c->by, abs);
		c->changed = 1;
	}
	g_free(abs);
	return 0;
}

static int
digests_path_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes the cache file when it changed: the files of this run first, then
 * the others up to KIT_DIGESTS_MAX, each group in path order. */
static void
digests_save(struct pp_kit_digests *c)
{
	GPtrArray *keys = g_ptr_array_new();
	GHashTableIter it;
	gpointer k, v;
	GString *out = g_string_new(KIT_DIGESTS_HEADER);
	struct pp_error err;
	char *dir;
	guint i;
	int pass, n = 0;

	g_hash_table_iter_init(&it, c->by);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_ptr_array_add(keys, k);
	g_ptr_array_sort(keys, digests_path_cmp);
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < keys->len && n < KIT_DIGESTS_MAX; i++) {
			const struct kit_digest *d =
			    g_hash_table_lookup(c->by, keys->pdata[i]);

			if (d->used != pass)
				continue;
			g_string_append_printf(
			    out,
			    "%s %" PRIu64 " %" PRId64 " %" PRId64 " %" PRId64
			    " %" PRId64 " %" PRIu64 " %" PRIu64 " %s\n",
			    d->hex, d->size, d->mtime_s, d->mtime_ns,
			    d->ctime_s, d->ctime_ns, d->dev, d->ino,
			    (const char *)keys->pdata[i]);
			n++;
		}
	g_ptr_array_free(keys, TRUE);
	dir = g_path_get_dirname(c->path);
	pp_error_init(&err);
	/* A cache that cannot be written only costs the hashing next time. */
	if (g_mkdir_with_parents(dir, 0700) == 0)
		(void)pp_file_write_atomic(c->path, out->str, out->len, &err);
	g_free(dir);
	g_string_free(out, TRUE);
}

void
pp_kit_digests_close(struct pp_kit_digests *c)
{
	if (c == NULL)
		return;
	if (c->changed)
		digests_save(c);
	g_hash_table_destroy(c->by);
	g_free(c->path);
	free(c);
}
