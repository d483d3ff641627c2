/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The ODF package around an ODT's parts: a zip file (libzip, opened on
 * first use) whose first entry is the media type, stored, every entry
 * dated with the document's date, written under a temporary name beside
 * its destination and renamed into place only when complete.  What goes in
 * it is odt.c's business.
 */
#ifndef PP_ODTZIP_H
#define PP_ODTZIP_H

#include <stddef.h>

#include "diag.h"

struct pp_odtzip;

enum pp_odtzip_method {
	PP_ODTZIP_STORE,   /* as it is: the mimetype, compressed images */
	PP_ODTZIP_DEFLATE, /* XML parts, fonts */
};

/*
 * Starts the package that pp_odtzip_close will put at path, with its
 * "mimetype" entry holding mime (ODF), or none when mime is NULL (OOXML:
 * docx.c writes its packages here too).  what ("ODT", "DOCX") names the
 * package in messages.  date ("YYYY-MM-DDThh:mm:ssZ") dates every
 * entry, in DOS form: 1980-01-01 at the earliest, seconds halved; an
 * unreadable date gives 1980-01-01.  NULL with err filled (libzip missing,
 * folder not writable).
 */
struct pp_odtzip *pp_odtzip_open(const char *path, const char *what,
				 const char *mime, const char *date,
				 struct pp_error *err);

/* Adds the entry name with len bytes of data (copied).  -1 on failure, err
 * left to the caller, who knows what the entry was: pp_odtzip_error says
 * what libzip said. */
int pp_odtzip_add(struct pp_odtzip *z, const char *name, const void *data,
		  size_t len, enum pp_odtzip_method method);
/* libzip's last error message; borrowed. */
const char *pp_odtzip_error(struct pp_odtzip *z);

/* Writes the package, gives it the mode of any output (pp_output_mode) and
 * renames it to path; frees z.  -1 with err filled, nothing left at path
 * then. */
int pp_odtzip_close(struct pp_odtzip *z, struct pp_error *err);
/* Gives the package up, leaving nothing behind; frees z (NULL harmless). */
void pp_odtzip_discard(struct pp_odtzip *z);

#endif
