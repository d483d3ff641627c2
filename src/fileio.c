/* SPDX-License-Identifier: EUPL-1.2 */
#include <errno.h>
#include <fcntl.h>
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
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot open: %s"),
			     strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("is a folder, not a file"));
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("the file is %lld bytes long; the limit is "
			       "%zu bytes"),
			     (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
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

int
pp_file_write_atomic(const char *path, const void *data, size_t len,
		     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	char *copy = pp_xstrdup(path), *tmp;
	const char *dir = dirname(copy);
	const char *p = data;
	int fd, dfd;
	size_t done = 0;

	tmp = pp_xasprintf("%s/.%s.XXXXXX", dir,
			   strrchr(path, '/') != NULL ? strrchr(path, '/') + 1
						      : path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create a file in %s: %s"), dir,
			     strerror(errno));
		goto fail_nofile;
	}
	if (fchmod(fd, 0644) != 0)
		goto fail;
	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		done += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(copy);
	return 0;
fail:
	pp_error_set(err, PP_DIAG_IO, &pos, _("cannot write: %s"),
		     strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
fail_nofile:
	free(tmp);
	free(copy);
	return -1;
}
