/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The PDF, ODT and DOCX checks in a child process: poppler's allocations
 * on a crafted PDF are not bounded, nor is libxml2's time on crafted XML
 * (2.9.14 checks duplicate attributes in quadratic time), so pp_check_pdf
 * and pp_check_package run in a forked child with a memory limit (RLIMIT_DATA)
 * and a time limit, and send their findings back over a pipe in a
 * length-prefixed encoding that the parent decodes with bounds; a child
 * that dies, runs out of memory or time, or says too much becomes a clear
 * error.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "check_private.h"
#include "fileio.h"
#include "i18n.h"
#include "xalloc.h"

/* Why a child, and its limits as measured: doc/robustness.md. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CHECK_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||     \
    __has_feature(thread_sanitizer)
#define CHECK_SANITIZED 1
#endif
#endif
#ifndef CHECK_SANITIZED
#define CHECK_SANITIZED 0
#endif

#define CHECK_CHILD_MIB	   256
#define CHECK_CHILD_MS	   30000
#define CHECK_GRACE_MS	   1000	       /* the parent's deadline after */
#define CHECK_MAX_REPORT   (64u << 20) /* bytes the child may send */
#define CHECK_MAX_STDERR   16384       /* bytes of its stderr kept */
#define CHECK_STDERR_TAIL  4096	       /* and of its end */
#define CHECK_REPORT_MAGIC 0x4b435050u /* "PPCK" */

static struct {
	int isolate;	     /* 1: pp_check_pdf in a child */
	unsigned memory_mib; /* 0: no memory limit */
	unsigned time_ms;    /* 0: no time limit */
} check_limits = {1, CHECK_SANITIZED ? 0 : CHECK_CHILD_MIB, CHECK_CHILD_MS};

void
pp_check_set_isolation(int on)
{
	check_limits.isolate = on != 0;
}

void
pp_check_set_limits(unsigned memory_mib, unsigned time_ms)
{
	check_limits.memory_mib = CHECK_SANITIZED ? 0 : memory_mib;
	check_limits.time_ms = time_ms;
}

/* The report: u32 length of what follows, then
 *   u32 magic, u32 kind (0 findings, 1 error)
 *   findings: i32 pages, i32 partial, u32 n, then n times
 *             u32 rule, u32 severity, i32 page, f64 x, y, w, h,
 *             str found, str expected
 *   error:    u32 code, i32 line, i32 col, str file, str message
 * where str is a u32 length and the bytes (no NUL).  Native byte order:
 * both ends are the same program. */

static void
check_put_u32(struct pp_buf *b, unsigned v)
{
	uint32_t u = (uint32_t)v;

	pp_buf_add(b, &u, sizeof(u));
}

static void
check_put_f64(struct pp_buf *b, double v)
{
	pp_buf_add(b, &v, sizeof(v));
}

static void
check_put_str(struct pp_buf *b, const char *s)
{
	size_t len = strlen(s);

	check_put_u32(b, (unsigned)len);
	pp_buf_add(b, s, len);
}

/* The information a PDF gives of itself (check.h). */
static void
check_put_info(struct pp_buf *b, const struct pp_check_info *info)
{
	size_t i;

	check_put_u32(b, (unsigned)info->pdf);
	check_put_u32(b, (unsigned)info->nfields);
	for (i = 0; i < info->nfields; i++) {
		check_put_str(b, info->fields[i].name);
		check_put_u32(b, (unsigned)info->fields[i].signed_);
	}
	check_put_u32(b, (unsigned)info->pdfa_part);
	check_put_str(b, info->pdfa_conformance);
	check_put_u32(b, (unsigned)info->nsources);
	for (i = 0; i < info->nsources; i++) {
		check_put_str(b, info->sources[i].name);
		check_put_f64(b, (double)info->sources[i].size);
	}
}

static void
check_encode(struct pp_buf *b, int rc, const struct pp_check *r,
	     const struct pp_error *err)
{
	size_t i;

	check_put_u32(b, 0); /* the length, filled in below */
	check_put_u32(b, CHECK_REPORT_MAGIC);
	if (rc != 0) {
		check_put_u32(b, 1);
		check_put_u32(b, err->set ? (unsigned)err->code : PP_DIAG_IO);
		check_put_u32(b, (unsigned)err->line);
		check_put_u32(b, (unsigned)err->col);
		check_put_str(b, err->file);
		check_put_str(b, err->set ? err->message : "?");
	} else {
		check_put_u32(b, 0);
		check_put_u32(b, (unsigned)r->pages);
		check_put_u32(b, (unsigned)r->partial);
		check_put_u32(b, (unsigned)r->n);
		for (i = 0; i < r->n; i++) {
			const struct pp_finding *f = &r->items[i];

			check_put_u32(b, (unsigned)f->rule);
			check_put_u32(b, (unsigned)f->severity);
			check_put_u32(b, (unsigned)f->page);
			check_put_f64(b, f->x);
			check_put_f64(b, f->y);
			check_put_f64(b, f->w);
			check_put_f64(b, f->h);
			check_put_str(b, f->found);
			check_put_str(b, f->expected);
		}
		check_put_info(b, &r->info);
	}
	{
		uint32_t len = (uint32_t)(b->len - sizeof(uint32_t));

		memcpy(b->data, &len, sizeof(len));
	}
}

struct check_reader {
	const unsigned char *p;
	size_t left;
	int bad; /* 1 once a read went past the end or a value is wrong */
};

/* Copies the next size bytes into out; zeros, and rd marked bad, past the
 * end. */
static void
check_get(struct check_reader *rd, void *out, size_t size)
{
	if (rd->left < size) {
		rd->bad = 1;
		memset(out, 0, size);
		return;
	}
	memcpy(out, rd->p, size);
	rd->p += size;
	rd->left -= size;
}

static uint32_t
check_get_u32(struct check_reader *rd)
{
	uint32_t u;

	check_get(rd, &u, sizeof(u));
	return u;
}

static int32_t
check_get_i32(struct check_reader *rd)
{
	int32_t i;

	check_get(rd, &i, sizeof(i));
	return i;
}

static double
check_get_f64(struct check_reader *rd)
{
	double v;

	check_get(rd, &v, sizeof(v));
	return v;
}

/* A string without NUL, owned by the caller; NULL when malformed. */
static char *
check_get_str(struct check_reader *rd)
{
	uint32_t len = check_get_u32(rd);
	char *s;

	if (rd->bad || len > rd->left || memchr(rd->p, '\0', len) != NULL) {
		rd->bad = 1;
		return NULL;
	}
	s = pp_xstrndup((const char *)rd->p, len);
	rd->p += len;
	rd->left -= len;
	return s;
}

/* The information check_put_info wrote, within its bounds; rd marked bad
 * otherwise. */
static void
check_get_info(struct check_reader *rd, struct pp_check_info *info)
{
	uint32_t n, k;
	char *conf;

	pp_check_info_fini(info);
	info->pdf = check_get_u32(rd) != 0;
	n = check_get_u32(rd);
	if (n > PP_CHECK_MAX_FIELDS) {
		rd->bad = 1;
		return;
	}
	info->fields = pp_xcalloc(n + 1, sizeof(*info->fields));
	for (k = 0; k < n && !rd->bad; k++) {
		char *name = check_get_str(rd);

		if (name == NULL)
			return;
		info->fields[k].name = name;
		info->fields[k].signed_ = check_get_u32(rd) != 0;
		info->nfields++;
	}
	info->pdfa_part = (int)check_get_u32(rd);
	conf = check_get_str(rd);
	if (conf == NULL || strlen(conf) >= sizeof(info->pdfa_conformance) ||
	    info->pdfa_part > 9) {
		rd->bad = 1;
		free(conf);
		return;
	}
	strcpy(info->pdfa_conformance, conf);
	free(conf);
	n = check_get_u32(rd);
	if (n > PP_CHECK_MAX_SOURCES) {
		rd->bad = 1;
		return;
	}
	info->sources = pp_xcalloc(n + 1, sizeof(*info->sources));
	for (k = 0; k < n && !rd->bad; k++) {
		char *name = check_get_str(rd);

		if (name == NULL)
			return;
		info->sources[k].name = name;
		info->sources[k].size = (long long)check_get_f64(rd);
		info->nsources++;
	}
}

/* Decodes the child's report (without its length) into r or err: 0, -1
 * for an error the child reported, -2 when the report is malformed. */
static int
check_decode(const unsigned char *data, size_t len, struct pp_check *r,
	     struct pp_error *err)
{
	struct check_reader rd = {data, len, 0};
	uint32_t kind, n, k;
	size_t n0 = r->n;

	if (check_get_u32(&rd) != CHECK_REPORT_MAGIC)
		return -2;
	kind = check_get_u32(&rd);
	if (kind == 1) {
		uint32_t code = check_get_u32(&rd);
		int line = check_get_i32(&rd), col = check_get_i32(&rd);
		char *file = check_get_str(&rd);
		char *message = check_get_str(&rd);
		int ok = !rd.bad && rd.left == 0 && code < PP_DIAG__COUNT;

		if (ok) {
			struct pp_pos pos = {file, line, col};

			pp_error_set(err, (enum pp_diag_code)code,
				     file[0] != '\0' ? &pos : NULL, "%s",
				     message);
		}
		free(file);
		free(message);
		return ok ? -1 : -2;
	}
	if (kind != 0)
		return -2;
	r->pages = check_get_i32(&rd);
	r->partial |= check_get_i32(&rd) != 0;
	n = check_get_u32(&rd);
	for (k = 0; k < n && !rd.bad; k++) {
		uint32_t rule = check_get_u32(&rd), sev = check_get_u32(&rd);
		int page = check_get_i32(&rd);
		double x = check_get_f64(&rd), y = check_get_f64(&rd);
		double w = check_get_f64(&rd), h = check_get_f64(&rd);
		char *found = check_get_str(&rd),
		     *expected = check_get_str(&rd);
		struct pp_finding *f;

		/* One of our rules, with a severity a finding can have. */
		if (rd.bad || rule >= PP_RULE__COUNT ||
		    (sev != PP_SEV_ERROR && sev != PP_SEV_WARNING)) {
			rd.bad = 1;
			free(found);
			free(expected);
			break;
		}
		f = pp_check_push(r);
		f->rule = (enum pp_check_rule)rule;
		f->severity = (enum pp_severity)sev;
		f->page = page;
		f->x = x;
		f->y = y;
		f->w = w;
		f->h = h;
		f->found = found;
		f->expected = expected;
	}
	if (!rd.bad)
		check_get_info(&rd, &r->info);
	if (!rd.bad && rd.left == 0)
		return 0;
	pp_check_info_fini(&r->info);
	while (r->n > n0) { /* none of a malformed report */
		r->n--;
		free(r->items[r->n].found);
		free(r->items[r->n].expected);
	}
	return -2;
}

/* The data the process holds (VmData, bytes), 0 when unknown. */
static size_t
check_data_bytes(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long kb = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmData: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return (size_t)kb * 1024;
}

static void
check_too_many_findings(struct pp_error *err, const char *path)
{
	struct pp_pos pos = {path, 0, 0};

	pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
		     _("this PDF has more findings than %u MiB can hold: "
		       "refused"),
		     CHECK_MAX_REPORT >> 20);
}

/* The process that forks the child, for the child to see it is gone. */
static pid_t check_parent;

/* A check the child runs: pp_check_pdf or pp_check_package. */
typedef int (*check_fn)(const char *path, const struct pp_charte *c,
			struct pp_check *r, struct pp_error *err);

/* The child: limits, the check, the report; never returns. */
__attribute__((noreturn)) static void
check_child(int report, int errfd, size_t data_limit, const char *path,
	    const struct pp_charte *c, const char *file, check_fn fn)
{
	struct pp_check r;
	struct pp_error err;
	struct pp_buf out;
	sigset_t set;
	int rc;

	struct rlimit no_core = {0, 0};
	int null;

	/* The report pipe above the standard descriptors, which a caller
	 * may have left closed (pipe() would then have given 1 or 2). */
	if (report <= STDERR_FILENO) {
		int moved = fcntl(report, F_DUPFD, STDERR_FILENO + 1);

		if (moved < 0)
			_exit(126);
		report = moved;
	}
	if (dup2(errfd, STDERR_FILENO) < 0)
		_exit(126);
	close(errfd);
	/* Nothing on the caller's stdout (a kit's results pipe, a shell's
	 * pipe) stays open in the child. */
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDIN_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	/* A parent that dies takes the child with it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != check_parent)
		_exit(124);
	/* poppler aborts when the memory limit bites: no core file of up
	 * to 256 MiB in the user's folder for each hostile PDF. */
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_DUMPABLE, 0);
	signal(SIGALRM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	if (data_limit > 0) {
		struct rlimit rl;

		if (getrlimit(RLIMIT_DATA, &rl) == 0 &&
		    (rl.rlim_cur == RLIM_INFINITY ||
		     rl.rlim_cur > data_limit)) {
			rl.rlim_cur = data_limit;
			setrlimit(RLIMIT_DATA, &rl);
		}
	}
	if (check_limits.time_ms > 0) {
		struct itimerval it;

		memset(&it, 0, sizeof(it));
		it.it_value.tv_sec = check_limits.time_ms / 1000;
		it.it_value.tv_usec = (check_limits.time_ms % 1000) * 1000;
		setitimer(ITIMER_REAL, &it, NULL);
	}
	pp_check_init(&r, file);
	pp_error_init(&err);
	rc = fn(path, c, &r, &err);
	pp_buf_init(&out);
	check_encode(&out, rc, &r, &err);
	if (out.len > CHECK_MAX_REPORT + sizeof(uint32_t)) {
		pp_error_init(&err);
		check_too_many_findings(&err, path);
		pp_buf_reset(&out);
		check_encode(&out, -1, &r, &err);
	}
	/* _exit: nothing of the parent's (stdio buffers, atexit) runs
	 * twice. */
	_exit(pp_write_all(report, out.data, out.len) == 0 ? 0 : 125);
}

static int
check_cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static long long
check_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keeps the head of the child's stderr (shown to the user) in head, and
 * its last CHECK_STDERR_TAIL bytes in tail: the words of a failed
 * allocation come last, after any amount of poppler's warnings. */
static void
check_keep_stderr(struct pp_buf *head, char *tail, size_t *tail_len,
		  const char *buf, size_t len)
{
	size_t room =
	    head->len < CHECK_MAX_STDERR ? CHECK_MAX_STDERR - head->len : 0;

	pp_buf_add(head, buf, len < room ? len : room);
	if (len >= CHECK_STDERR_TAIL) {
		memcpy(tail, buf + len - CHECK_STDERR_TAIL, CHECK_STDERR_TAIL);
		*tail_len = CHECK_STDERR_TAIL;
	} else {
		size_t keep = *tail_len + len > CHECK_STDERR_TAIL
				  ? CHECK_STDERR_TAIL - len
				  : *tail_len;

		memmove(tail, tail + *tail_len - keep, keep);
		memcpy(tail + keep, buf, len);
		*tail_len = keep + len;
	}
}

/* What the child wrote on stderr (len bytes, NULs included) says it ran
 * out of memory. */
static int
check_said_oom(const char *data, size_t len)
{
	static const char *const marks[] = {
	    "out of memory",	      /* poppler's gmalloc, pp_xmalloc */
	    "bad_alloc",	      /* C++ new, uncaught */
	    "failed to allocate",     /* g_malloc */
	    "cannot allocate memory", /* strerror(ENOMEM) */
	};
	char *text = g_malloc(len + 1);
	size_t i;
	int found = 0;

	for (i = 0; i < len; i++)
		text[i] = data[i] == '\0' ? ' ' : g_ascii_tolower(data[i]);
	text[len] = '\0';
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]) && !found; i++)
		found = strstr(text, marks[i]) != NULL;
	g_free(text);
	return found;
}

/* A child at work, and what the parent gathers from it. */
struct check_run {
	pid_t pid;
	int report_fd, err_fd;		 /* the read ends of its pipes */
	struct pp_buf report;		 /* what it sent on report_fd */
	struct pp_buf errtext;		 /* the head of its stderr */
	char errtail[CHECK_STDERR_TAIL]; /* and the end */
	size_t tail_len;
	int status;    /* from waitpid; -1 when unknown */
	int timed_out; /* 1: ended by the time limit */
	int overflow;  /* 1: killed for a report beyond CHECK_MAX_REPORT */
};

static void
check_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Starts check_child on path: 0, or -1 with err filled and no pipe left
 * open. */
static int
check_start(struct check_run *run, const char *path, const struct pp_charte *c,
	    const char *file, check_fn fn, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	int rp[2] = {-1, -1}, ep[2] = {-1, -1}, start_errno;
	size_t data_limit = 0;

	/* What the process holds plus the allowance; no limit when /proc
	 * cannot say what it holds (an absolute limit could be below it). */
	if (check_limits.memory_mib > 0) {
		size_t held = check_data_bytes();
		size_t allow = (size_t)check_limits.memory_mib;

		if (held > 0 && allow <= (SIZE_MAX - held) >> 20)
			data_limit = held + (allow << 20);
	}
	run->pid = -1;
	if (check_cloexec_pipe(rp) == 0 && check_cloexec_pipe(ep) == 0) {
		/* Should poppler call exit(), nothing buffered is written
		 * twice. */
		fflush(NULL);
		check_parent = getpid();
		run->pid = fork();
		if (run->pid == 0) {
			close(rp[0]);
			close(ep[0]);
			check_child(rp[1], ep[1], data_limit, path, c, file,
				    fn);
		}
	}
	start_errno = errno;
	/* The write ends are the child's. */
	check_close(&rp[1]);
	check_close(&ep[1]);
	if (run->pid < 0) {
		check_close(&rp[0]);
		check_close(&ep[0]);
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot start the check of this file: %s"),
			     strerror(start_errno));
		return -1;
	}
	run->report_fd = rp[0];
	run->err_fd = ep[0];
	return 0;
}

/* Reads both pipes of run until both end, the time limit passes or the
 * report outgrows CHECK_MAX_REPORT (the child is then killed); reaps the
 * child. */
static void
check_gather(struct check_run *run)
{
	struct pollfd fds[2] = {{run->report_fd, POLLIN, 0},
				{run->err_fd, POLLIN, 0}};
	long long deadline = 0;
	char buf[65536];
	pid_t got;
	int k;

	if (check_limits.time_ms > 0)
		deadline =
		    check_now_ms() + check_limits.time_ms + CHECK_GRACE_MS;
	/* Both pipes until both end: a child blocked writing one while we
	 * wait on the other would never finish. */
	while ((fds[0].fd >= 0 || fds[1].fd >= 0) && !run->overflow) {
		int wait_ms = -1;

		if (deadline > 0) {
			long long left = deadline - check_now_ms();

			if (left <= 0) {
				kill(run->pid, SIGKILL);
				run->timed_out = 1;
				break;
			}
			wait_ms = left > 60000 ? 60000 : (int)left;
		}
		if (poll(fds, 2, wait_ms) < 0) {
			if (errno == EINTR)
				continue;
			kill(run->pid, SIGKILL);
			break;
		}
		for (k = 0; k < 2; k++) {
			ssize_t n;

			if (fds[k].fd < 0 || fds[k].revents == 0)
				continue;
			n = read(fds[k].fd, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				check_close(&fds[k].fd);
				continue;
			}
			if (k == 1) {
				check_keep_stderr(&run->errtext, run->errtail,
						  &run->tail_len, buf,
						  (size_t)n);
			} else if (run->report.len + (size_t)n >
				   CHECK_MAX_REPORT + sizeof(uint32_t)) {
				run->overflow = 1;
				kill(run->pid, SIGKILL);
			} else {
				pp_buf_add(&run->report, buf, (size_t)n);
			}
		}
	}
	for (k = 0; k < 2; k++)
		check_close(&fds[k].fd);
	while ((got = waitpid(run->pid, &run->status, 0)) < 0 && errno == EINTR)
		;
	/* Reaped already (SIGCHLD ignored by whoever started us): the cause
	 * is unknown, not "exit status 0". */
	if (got != run->pid)
		run->status = -1;
	if (run->status != -1 && WIFSIGNALED(run->status) &&
	    WTERMSIG(run->status) == SIGALRM)
		run->timed_out = 1;
}

/* Why a child sent no complete report, in err (kind: 0 a PDF, 1 an ODT,
 * 2 a DOCX).  Returns 1 when it ran out of memory, 0 otherwise. */
static int
check_refuse(const struct check_run *run, const char *path, int kind,
	     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	int status = run->status;
	/* poppler, C++ and GLib abort on a failed allocation; a crash that
	 * merely prints such words is a crash. */
	int aborted = status != -1 &&
		      ((WIFSIGNALED(status) && (WTERMSIG(status) == SIGABRT ||
						WTERMSIG(status) == SIGTRAP)) ||
		       (WIFEXITED(status) && WEXITSTATUS(status) != 0));
	int oom = check_limits.memory_mib > 0 && !run->timed_out && aborted &&
		  (check_said_oom(run->errtext.data, run->errtext.len) ||
		   check_said_oom(run->errtail, run->tail_len));

	if (run->timed_out)
		pp_error_set(err, PP_DIAG_LIMIT, &pos,
			     kind == 2 ? _("checking this DOCX took longer "
					   "than %g s: refused")
			     : kind == 1
				 ? _("checking this ODT took longer than %g s: "
				     "refused")
				 : _("checking this PDF took longer than %g s: "
				     "refused"),
			     check_limits.time_ms / 1000.0);
	else if (oom)
		pp_error_set(
		    err, PP_DIAG_LIMIT, &pos,
		    kind == 2 ? _("this DOCX needs more memory than the check "
				  "allows (%u MiB): refused")
		    : kind == 1 ? _("this ODT needs more memory than the check "
				    "allows (%u MiB): refused")
				: _("this PDF needs more memory than the check "
				    "allows (%u MiB): refused"),
		    check_limits.memory_mib);
	else if (run->overflow)
		check_too_many_findings(err, path);
	else if (kind == 2)
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the DOCX reader stopped on this file: it is "
			       "damaged or crafted: refused"));
	else if (kind == 1)
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the ODT reader stopped on this file: it is "
			       "damaged or crafted: refused"));
	else if (status != -1 && WIFSIGNALED(status))
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the PDF reader (poppler) stopped on this PDF "
			       "(%s): the file is damaged or crafted: refused"),
			     strsignal(WTERMSIG(status)));
	else
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the PDF reader (poppler) stopped on this PDF "
			       "(exit status %d): the file is damaged or "
			       "crafted: refused"),
			     status != -1 && WIFEXITED(status)
				 ? WEXITSTATUS(status)
				 : -1);
	return oom;
}

/* fn (pp_check_pdf, or pp_check_package for kind 1 or 2, as
 * check_refuse) in a child under check_limits. */
static int
check_in_child(const char *path, const struct pp_charte *c, struct pp_check *r,
	       check_fn fn, int kind, struct pp_error *err)
{
	struct check_run run;
	int rc = -2, oom = 0;

	memset(&run, 0, sizeof(run));
	if (check_start(&run, path, c, r->file, fn, err) != 0)
		return -1;
	pp_buf_init(&run.report);
	pp_buf_init(&run.errtext);
	check_gather(&run);
	/* A complete report stands whatever happened after it was sent (a
	 * child under valgrind exits with valgrind's status, for instance). */
	if (!run.overflow && run.report.len >= sizeof(uint32_t)) {
		uint32_t len;

		memcpy(&len, run.report.data, sizeof(len));
		if (len == run.report.len - sizeof(uint32_t))
			rc = check_decode(
			    (const unsigned char *)run.report.data +
				sizeof(uint32_t),
			    len, r, err);
	}
	if (rc == -2) {
		oom = check_refuse(&run, path, kind, err);
		rc = -1;
	}
	/* What the child said is poppler's or a sanitizer's, as it would
	 * have been in-process; not when it is only the noise of the memory
	 * limit. */
	if (!oom && run.errtext.len > 0)
		pp_write_all(STDERR_FILENO, run.errtext.data, run.errtext.len);
	pp_buf_fini(&run.report);
	pp_buf_fini(&run.errtext);
	return rc;
}

int
pp_check_pdf_isolated(const char *path, const struct pp_charte *c,
		      struct pp_check *r, struct pp_error *err)
{
	/* Loaded here, called only in the child (doc/robustness.md). */
	if (pp_check_pdf_load(err) != 0)
		return -1;
	return check_limits.isolate
		   ? check_in_child(path, c, r, pp_check_pdf, 0, err)
		   : pp_check_pdf(path, c, r, err);
}

int
pp_check_package_isolated(const char *path, const struct pp_charte *c,
			  struct pp_check *r, struct pp_error *err)
{
	return check_limits.isolate
		   ? check_in_child(path, c, r, pp_check_package,
				    pp_check_zip_hint(path), err)
		   : pp_check_package(path, c, r, err);
}
