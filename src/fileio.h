/* SPDX-License-Identifier: EUPL-1.2 */
/* Reading inputs with a size limit; writing outputs atomically. */
#ifndef PP_FILEIO_H
#define PP_FILEIO_H

#include <sys/stat.h>
#include <sys/types.h>
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
 * An output being written: a temporary file beside its final name, made
 * visible only by pp_atomic_commit.  Every writer of paraphe (PDF, ODT,
 * text) goes through it, so a kill or a full disk never leaves a truncated
 * file at a final name.
 */
struct pp_atomic {
	char *path;  /* the final name */
	char *tmp;   /* the temporary one, ".NAME.XXXXXX" in the same folder */
	int fd;	     /* open on tmp, or -1 once closed */
	mode_t mode; /* the final file's: kept when it exists, else 0666 &
			~umask */
};

/* Opens path for reading when it is an ordinary file, without blocking on
 * a FIFO or a device; fills st.  -1 with err filled (a folder, a pipe, a
 * device, a socket, or open's reason). */
int pp_open_regular(const char *path, struct stat *st, struct pp_error *err);

/* The mode an output written to path gets (see pp_atomic_begin). */
mode_t pp_output_mode(const char *path);

/* Creates the temporary file, with the mode the final file will have: an
 * existing file's, or the one a new file gets (0666 & ~umask), as cp or a
 * shell redirection would.  -1 with err filled. */
int pp_atomic_begin(struct pp_atomic *a, const char *path,
		    struct pp_error *err);
/* fsyncs, closes and renames it to the final name, then fsyncs the folder.
 * -1 with err filled; the temporary file is then removed. */
int pp_atomic_commit(struct pp_atomic *a, struct pp_error *err);
/* Closes and removes the temporary file; harmless after a commit. */
void pp_atomic_abort(struct pp_atomic *a);

/*
 * Writes data to path atomically: a temporary file in the same folder,
 * fsync, rename over path, fsync of the folder.  On failure nothing is
 * left at path (an older file stays as it was) and err is filled.
 */
int pp_file_write_atomic(const char *path, const void *data, size_t len,
			 struct pp_error *err);

/*
 * Writes all of data to fd, again after EINTR and short writes.  0, or -1
 * with errno set (ENOSPC when write() returns 0).  Only write(2): safe in
 * a child between fork and _exit.
 */
int pp_write_all(int fd, const void *data, size_t len);

#endif
