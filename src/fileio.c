/* SPDX-License-Identifier: EUPL-1.2 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
