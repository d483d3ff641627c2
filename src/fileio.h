/* SPDX-License-Identifier: EUPL-1.2 */
/* Reading inputs with a size limit; writing outputs atomically. */
#ifndef PP_FILEIO_H
#define PP_FILEIO_H

#include <stddef.h>

#include "diag.h"

/*
 * Reads a regular file of at most max bytes into a fresh NUL-terminated
 * buffer (caller frees *data).  Returns 0, or -1 with err filled (too big,
 * missing, not a regular file, unreadable).
 */
int pp_file_read(const char *path, size_t max, char **data, size_t *len,
		 struct pp_error *err);

/*
 * Writes data to path atomically: a temporary file in the same folder,
 * fsync, rename over path, fsync of the folder.  On failure nothing is
 * left at path (an older file stays as it was) and err is filled.
 */
int pp_file_write_atomic(const char *path, const void *data, size_t len,
			 struct pp_error *err);

#endif
