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

#endif
