/* SPDX-License-Identifier: EUPL-1.2 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libgen.h>
#include <stdio.h>

#include "fileio.h"
#include "i18n.h"
#include "xalloc.h"

int
pp_open_regular(const char *path, struct stat *st, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	int fd, flags;

	/* O_NONBLOCK: opening a FIFO with no writer would wait forever. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot open: %s"),
			     strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0 || S_ISDIR(st->st_mode)) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("is a folder, not a file"));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("is not an ordinary file (a pipe, a device or "
			       "a socket): paraphe reads only files"));
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

int
pp_file_read(const char *path, size_t max, char **data, size_t *len,
	     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct stat st;
	char *buf = NULL;
	size_t used = 0, cap;
	int fd;

	*data = NULL;
	*len = 0;
	fd = pp_open_regular(path, &st, err);
	if (fd < 0)
		return -1;
	if ((unsigned long long)st.st_size > max) {
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("the file is %lld bytes long; the limit is "
			       "%zu bytes"),
			     (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	cap = (size_t)st.st_size + 1;
	buf = pp_xmalloc(cap + 1);
	for (;;) {
		ssize_t n;

		if (used == cap) {
			if (cap > max) {
				break;
			}
			cap *= 2;
			buf = pp_xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot read: %s"), strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (used > max) {
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("the file is longer than the limit of %zu "
			       "bytes"),
			     max);
		free(buf);
		return -1;
	}
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return 0;
}

/* The process's umask, read without changing it where Linux tells it
 * (/proc/self/status, since 4.7): umask() alone would set it, and another
 * thread could create a file in between. */
static mode_t
fileio_umask(void)
{
	static gsize once;
	static mode_t mask;

	if (g_once_init_enter(&once)) {
		FILE *f = fopen("/proc/self/status", "re");
		char line[256];
		unsigned int m;
		int found = 0;

		while (f != NULL && fgets(line, sizeof(line), f) != NULL)
			if (sscanf(line, "Umask: %o", &m) == 1) {
				mask = (mode_t)m;
				found = 1;
				break;
			}
		if (f != NULL)
			fclose(f);
		if (!found) {
			mask = umask(022);
			umask(mask);
		}
		g_once_init_leave(&once, 1);
	}
	return mask;
}

mode_t
pp_output_mode(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	return 0666 & ~fileio_umask();
}

int
pp_atomic_begin(struct pp_atomic *a, const char *path, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	char *copy = pp_xstrdup(path);
	const char *slash = strrchr(path, '/');

	const char *dir = dirname(copy);

	a->path = pp_xstrdup(path);
	a->tmp = pp_xasprintf("%s/.%s.XXXXXX", dir,
			      slash != NULL ? slash + 1 : path);
	a->fd = mkstemp(a->tmp);
	if (a->fd < 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create a file in %s: %s"), dir,
			     strerror(errno));
		free(copy);
		free(a->tmp);
		free(a->path);
		a->tmp = a->path = NULL;
		return -1;
	}
	free(copy);
	/* mkstemp makes 0600: the output gets the mode any new file would
	 * get, or keeps the one it had. */
	a->mode = pp_output_mode(path);
	fchmod(a->fd, a->mode);
	return 0;
}

int
pp_atomic_commit(struct pp_atomic *a, struct pp_error *err)
{
	struct pp_pos pos = {a->path, 0, 0};
	char *copy;
	int dfd, rc = 0;

	if (a->fd >= 0 && fsync(a->fd) != 0)
		rc = -1;
	if (a->fd >= 0 && close(a->fd) != 0)
		rc = -1;
	a->fd = -1;
	if (rc == 0 && rename(a->tmp, a->path) != 0)
		rc = -1;
	if (rc != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot write: %s"),
			     strerror(errno));
		pp_atomic_abort(a);
		return -1;
	}
	copy = pp_xstrdup(a->path);
	dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	return 0;
}

void
pp_atomic_abort(struct pp_atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
	if (a->tmp != NULL)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
}

int
pp_file_write_atomic(const char *path, const void *data, size_t len,
		     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct pp_atomic a;

	if (pp_atomic_begin(&a, path, err) != 0)
		return -1;
	if (pp_write_all(a.fd, data, len) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot write: %s"),
			     strerror(errno));
		pp_atomic_abort(&a);
		return -1;
	}
	return pp_atomic_commit(&a, err);
}

int
pp_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
