/* SPDX-License-Identifier: EUPL-1.2 */
/* The ODF package (zip) that odt.c fills with an ODT's parts: odtzip.h. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "config.h"
#include "dynlib.h"
#include "fileio.h"
#include "i18n.h"
#include "odtzip.h"
#include "xalloc.h"

/* libzip, opened on the first ODT written (dynlib.h). */
#define ZIPW_FUNCS(X)                                                          \
	X(zip_close)                                                           \
	X(zip_discard)                                                         \
	X(zip_file_add)                                                        \
	X(zip_file_set_dostime)                                                \
	X(zip_open)                                                            \
	X(zip_set_file_compression)                                            \
	X(zip_source_buffer)                                                   \
	X(zip_source_free)                                                     \
	X(zip_strerror)
static struct {
	ZIPW_FUNCS(PP_DYNLIB_FUNC)
} zw;
static struct pp_dynlib zipw_lib =
    PP_DYNLIB_INIT(PP_SONAME_ZIP, PP_LIBPATH_ZIP, PP_PACKAGE_ZIP,
		   N_("write ODT and DOCX files"));

/* DOS dates count years from 1980: nothing earlier can be written. */
#define ODTZIP_DOS_EPOCH 1980
/* Deflate as hard as zlib can: the parts are small, kits write many. */
#define ODTZIP_DEFLATE_LEVEL 9

struct pp_odtzip {
	struct pp_atomic tmpfile; /* the name the package is written under */
	zip_t *za;
	zip_uint16_t dtime, ddate; /* every entry's date, DOS form */
	const char *what;	   /* "ODT", "DOCX": for messages */
};

/* date ("YYYY-MM-DDThh:mm:ss...") in DOS form; -1, with the outputs left
 * alone, when it cannot be read. */
static int
odtzip_dos_time(const char *date, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	int y = ODTZIP_DOS_EPOCH, mo = 1, d = 1, h = 0, mi = 0, s = 0;

	if (sscanf(date, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 3)
		return -1;
	if (y < ODTZIP_DOS_EPOCH) {
		y = ODTZIP_DOS_EPOCH;
		mo = d = 1;
		h = mi = s = 0;
	}
	/* hhhhhmmm mmmsssss (seconds / 2), yyyyyyym mmmddddd */
	*dtime = (zip_uint16_t)((h << 11) | (mi << 5) | (s / 2));
	*ddate = (zip_uint16_t)(((y - ODTZIP_DOS_EPOCH) << 9) | (mo << 5) | d);
	return 0;
}

struct pp_odtzip *
pp_odtzip_open(const char *path, const char *what, const char *mime,
	       const char *date, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct pp_odtzip *z;
	int zerr;

	if (PP_DYNLIB_LOAD(&zipw_lib, ZIPW_FUNCS, zw, err) != 0)
		return NULL;
	z = pp_xcalloc(1, sizeof(*z));
	z->what = what;
	z->dtime = 0;
	z->ddate = (1 << 5) | 1; /* 1980-01-01 */
	odtzip_dos_time(date, &z->dtime, &z->ddate);
	/* libzip writes to a name of its own beside the temporary file and
	 * renames it over it on close: the temporary file only reserves the
	 * name, then is committed like any other output. */
	if (pp_atomic_begin(&z->tmpfile, path, err) != 0) {
		free(z);
		return NULL;
	}
	close(z->tmpfile.fd);
	z->tmpfile.fd = -1;
	z->za = zw.zip_open(z->tmpfile.tmp, ZIP_TRUNCATE, &zerr);
	if (z->za == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot write the %s"),
			     what);
		pp_odtzip_discard(z);
		return NULL;
	}
	/* ODF: the media type first, stored, so that its name and value sit
	 * at a fixed offset from the start of the file. */
	if (mime != NULL && pp_odtzip_add(z, "mimetype", mime, strlen(mime),
					  PP_ODTZIP_STORE) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the %s: %s"), what,
			     pp_odtzip_error(z));
		pp_odtzip_discard(z);
		return NULL;
	}
	return z;
}

int
pp_odtzip_add(struct pp_odtzip *z, const char *name, const void *data,
	      size_t len, enum pp_odtzip_method method)
{
	void *copy = pp_xmalloc(len ? len : 1);
	int store = method == PP_ODTZIP_STORE;
	zip_source_t *src;
	zip_int64_t idx;

	memcpy(copy, data, len);
	src = zw.zip_source_buffer(z->za, copy, len, 1);
	if (src == NULL) {
		free(copy);
		return -1;
	}
	idx = zw.zip_file_add(z->za, name, src,
			      ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zw.zip_source_free(src);
		return -1;
	}
	if (zw.zip_set_file_compression(
		z->za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
		store ? 0 : ODTZIP_DEFLATE_LEVEL) != 0 ||
	    zw.zip_file_set_dostime(z->za, (zip_uint64_t)idx, z->dtime,
				    z->ddate, 0) != 0)
		return -1;
	return 0;
}

const char *
pp_odtzip_error(struct pp_odtzip *z)
{
	return zw.zip_strerror(z->za);
}

int
pp_odtzip_close(struct pp_odtzip *z, struct pp_error *err)
{
	struct pp_pos pos = {z->tmpfile.path, 0, 0};
	int rc;

	if (zw.zip_close(z->za) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the %s: %s"), z->what,
			     pp_odtzip_error(z));
		pp_odtzip_discard(z);
		return -1;
	}
	/* libzip wrote a file of its own in place of ours: give it the
	 * output's mode again. */
	z->tmpfile.fd = open(z->tmpfile.tmp, O_RDONLY | O_CLOEXEC);
	if (z->tmpfile.fd >= 0)
		fchmod(z->tmpfile.fd, z->tmpfile.mode);
	rc = pp_atomic_commit(&z->tmpfile, err);
	free(z);
	return rc;
}

void
pp_odtzip_discard(struct pp_odtzip *z)
{
	if (z == NULL)
		return;
	if (z->za != NULL)
		zw.zip_discard(z->za);
	pp_atomic_abort(&z->tmpfile);
	free(z);
}
