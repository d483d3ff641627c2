/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the pool that runs renders and checks (serve_worker_run)
 * in pre-loaded processes, so that a preview does not pay a cold start.
 *
 * At start, and again whenever it has died, the server execs this same
 * paraphe as "paraphe serve" with PARAPHE_SERVE_POOL_FD naming one end of
 * a socketpair: pp_serve_pool_main then runs instead of a server.  It is
 * a fresh, single-threaded process (exec, not a bare fork of the server:
 * it holds none of the server's threads, locks, database or secrets), with
 * the environment the exec'd workers had (the server's, PARAPHE_DATADIR
 * set), so its locale and messages are theirs.  It warms what every
 * request needs by running one render and one check of the example
 * convention (libraries linked and opened, poppler and qpdf among them,
 * fontconfig, Pango and the message catalogue set up; the charter, models
 * and hyphenation patterns are still parsed by each job, as the command
 * line does, from files now in the page cache), gives back the memory
 * that freed (about 31 MB stays, counted in each job's limit as it was in
 * an exec'd worker's), then waits for jobs.  It has a single thread, so
 * forking it is safe.
 *
 * A job is one message on the socket: the locale of its messages (the
 * French one for a page's job, as serve_spawn gives an exec'd worker
 * LC_ALL; empty: the pool's own), the job folder and the subcommand's
 * arguments, NUL-separated, and one descriptor, the job's own socket;
 * nothing else crosses.  For each, the pool forks a child which chdirs
 * into the job folder, takes the same limits as an exec'd worker
 * (RLIMIT_DATA, no core, alarm, PDEATHSIG), sends its output into the
 * job's SERVE_WORKER_OUT and SERVE_WORKER_ERR, runs the subcommand's own
 * entry point (cli_render, cli_check: what main.c dispatches to) and
 * _exits with its status.  The pool reaps it and writes its wait status
 * on the job's socket.  The server thread waits on that socket with its
 * own deadline; closing it (deadline passed, request gone) makes the pool
 * kill the child.  A child that crashes costs its request only; a pool
 * that dies (EOF on the job's socket) sends the requests under way to
 * exec'd workers, as without a pool, and the next request starts a new
 * pool; after SERVE_POOL_DEATHS_MAX pools in a row died without finishing
 * a job, none is started for SERVE_POOL_RETRY_SECONDS, then one is tried
 * again (pool_died, pool_retry).  A job the pool cannot fork (no process
 * or memory left for a moment) is refused with one byte instead of a
 * status: it runs exec'd, and the pool, which is not at fault, stays.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib.h>
#include <locale.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "paraphe.h"
#include "serve-private.h"
#include "serve.h"

/* The descriptor the pool's socket is given in the exec'd process. */
#define POOL_FD 3
/* The largest job message: a folder and a few arguments. */
#define POOL_MSG_MAX 4096
/* Jobs under way in one pool at most (the server runs S->workers). */
#define POOL_JOBS_MAX 64
/* What the pool sends instead of a wait status when it could not fork the
 * job: one byte, which a status (an int) cannot be. */
#define POOL_REFUSED 'R'

/* Seconds before a pool is tried again once given up: lowered by
 * PARAPHE_SERVE_POOL_RETRY, for the tests. */
static unsigned pool_retry_seconds = SERVE_POOL_RETRY_SECONDS;

/* --- In the server ---------------------------------------------------- */

/* Execs a new pool; called with pool_lock held.  0, or -1. */
static int
pool_start(struct serve *S)
{
	int sv[2];
	pid_t pid;
	char *argv[3];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
		return -1;
	argv[0] = (char *)S->exe;
	argv[1] = "serve";
	argv[2] = NULL;
	/* Between fork and exec, in a process with threads: only
	 * async-signal-safe calls, everything prepared above. */
	pid = fork();
	if (pid == 0) {
		sigset_t none;

		if (sv[1] == POOL_FD)
			fcntl(POOL_FD, F_SETFD, 0);
		else if (dup2(sv[1], POOL_FD) < 0)
			_exit(126);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execve(S->exe, argv, S->pool_env);
		_exit(127);
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		return -1;
	}
	S->pool_pid = pid;
	S->pool_fd = sv[0];
	return 0;
}

/* Forgets a pool that died or stopped answering; pool_lock held. */
static void
pool_stop(struct serve *S)
{
	if (S->pool_fd >= 0)
		close(S->pool_fd);
	S->pool_fd = -1;
	if (S->pool_pid > 0) {
		kill(S->pool_pid, SIGKILL);
		waitpid(S->pool_pid, NULL, 0);
	}
	S->pool_pid = 0;
}

/* The pool died (or stopped answering): a new one for the next request,
 * unless SERVE_POOL_DEATHS_MAX died in a row without answering a job —
 * a warm-up that crashes every time would otherwise cost every request
 * a new pool that dies too.  The jobs then run exec'd, as without a
 * pool: slower, but they run.  pool_lock held. */
static void
pool_died(struct serve *S)
{
	pool_stop(S);
	if (S->pool_off)
		return;
	if (++S->pool_deaths >= SERVE_POOL_DEATHS_MAX) {
		S->pool_off = 1;
		S->pool_retry_ms = serve_now_ms() + pool_retry_seconds * 1000LL;
		fprintf(stderr,
			_("paraphe serve: the worker pool stopped %u times in "
			  "a row without finishing a job; each render or "
			  "check now runs in a new process (slower), and a "
			  "pool will be tried again in %u s\n"),
			S->pool_deaths, pool_retry_seconds);
		return;
	}
	pool_start(S);
}

/* A pool given up is tried again once its time has come (whatever made
 * it die, memory short for a while, may have passed); one more death
 * gives it up again.  pool_lock held. */
static void
pool_retry(struct serve *S)
{
	if (!S->pool_off || serve_now_ms() < S->pool_retry_ms)
		return;
	S->pool_off = 0;
	S->pool_deaths = SERVE_POOL_DEATHS_MAX - 1;
	fprintf(stderr, _("paraphe serve: trying a worker pool again\n"));
	if (pool_start(S) != 0)
		pool_died(S);
}

int
serve_pool_open(struct serve *S)
{
	int rc;

	const char *retry = getenv("PARAPHE_SERVE_POOL_RETRY");
	unsigned seconds;

	if (retry != NULL && sscanf(retry, "%u", &seconds) == 1 &&
	    seconds > 0 && seconds <= pool_retry_seconds)
		pool_retry_seconds = seconds;
	g_mutex_init(&S->pool_lock);
	S->pool_fd = -1;
	S->pool_env =
	    g_environ_setenv(g_strdupv(S->worker_env), "PARAPHE_SERVE_POOL_FD",
			     G_STRINGIFY(POOL_FD), TRUE);
	g_mutex_lock(&S->pool_lock);
	rc = pool_start(S);
	g_mutex_unlock(&S->pool_lock);
	return rc;
}

void
serve_pool_close(struct serve *S)
{
	if (S->pool_env == NULL)
		return;
	g_mutex_lock(&S->pool_lock);
	pool_stop(S);
	g_mutex_unlock(&S->pool_lock);
	g_mutex_clear(&S->pool_lock);
	g_strfreev(S->pool_env);
	S->pool_env = NULL;
}

/* Sends a job to the pool; its socket in *job.  0, or -1 when the pool is
 * dead (it is then replaced, for the next request). */
static int
pool_send(struct serve *S, const char *jobdir, char **args, int *job,
	  pid_t *pool)
{
	/* A page's thread runs in S->french: its job speaks French. */
	int french = S->french != (locale_t)0 && S->french_name != NULL &&
		     uselocale((locale_t)0) == S->french;
	GString *msg = g_string_new(french ? S->french_name : "");
	char control[CMSG_SPACE(sizeof(int))];
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *cm;
	int sv[2], rc = -1;
	char **a;

	*job = -1;
	g_string_append_c(msg, '\0');
	g_string_append(msg, jobdir);
	for (a = args; *a != NULL; a++) {
		g_string_append_c(msg, '\0');
		g_string_append(msg, *a);
	}
	if (msg->len >= POOL_MSG_MAX ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		g_string_free(msg, TRUE);
		return -1;
	}
	memset(&mh, 0, sizeof(mh));
	memset(control, 0, sizeof(control));
	iov.iov_base = msg->str;
	iov.iov_len = msg->len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = control;
	mh.msg_controllen = sizeof(control);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &sv[1], sizeof(int));
	g_mutex_lock(&S->pool_lock);
	if (S->pool_pid > 0 && waitpid(S->pool_pid, NULL, WNOHANG) != 0)
		S->pool_pid = 0; /* reaped: it died */
	pool_retry(S);
	if (S->pool_off) {
		/* given up: the job runs exec'd */
	} else if (S->pool_pid > 0 && S->pool_fd >= 0 &&
		   sendmsg(S->pool_fd, &mh, MSG_NOSIGNAL) ==
		       (ssize_t)msg->len) {
		*pool = S->pool_pid;
		rc = 0;
	} else {
		pool_died(S);
	}
	g_mutex_unlock(&S->pool_lock);
	close(sv[1]);
	g_string_free(msg, TRUE);
	if (rc == 0)
		*job = sv[0];
	else
		close(sv[0]);
	return rc;
}

int
serve_pool_run(struct serve *S, const char *jobdir, char **args, int *status)
{
	long long deadline;
	int job, st = 0;
	ssize_t n = -1;
	pid_t pool = 0;

	if (pool_send(S, jobdir, args, &job, &pool) != 0)
		return -1;
	/* alarm() kills a job that runs too long; this is the server's own
	 * deadline, should it ignore SIGALRM. */
	deadline = serve_now_ms() + (PP_SERVE_WORKER_SECONDS + 5) * 1000LL;
	for (;;) {
		struct pollfd p = {job, POLLIN, 0};
		long long left = deadline - serve_now_ms();
		int r;

		if (left <= 0)
			break;
		r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0) {
			n = recv(job, &st, sizeof(st), 0);
			if (n >= 0 || errno != EINTR)
				break;
		}
	}
	/* Closing the socket makes the pool kill a job still running. */
	close(job);
	if (n == 1)
		return -1; /* refused, POOL_REFUSED: the pool stays */
	if (n == 0 || (n < 0 && serve_now_ms() < deadline)) {
		/* The pool died under the job: the next request has a new
		 * one (unless another request replaced it already). */
		g_mutex_lock(&S->pool_lock);
		if (S->pool_pid == pool)
			pool_died(S);
		g_mutex_unlock(&S->pool_lock);
		return -1;
	}
	if (n == (ssize_t)sizeof(st)) {
		g_mutex_lock(&S->pool_lock);
		if (S->pool_pid == pool)
			S->pool_deaths = 0; /* it answered: it works */
		g_mutex_unlock(&S->pool_lock);
	}
	if (n != (ssize_t)sizeof(st))
		*status = -1; /* killed at the deadline */
	else
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return 0;
}

/* --- In the pool ------------------------------------------------------ */

struct pool_job {
	pid_t pid;
	int fd;	    /* the job's socket, to the server */
	int killed; /* its request went away: SIGKILL sent */
};

static int pool_sigchld[2] = {-1, -1};

/* For the tests (tests/serve.sh), from the environment: lower limits for
 * the jobs (PARAPHE_SERVE_POOL_LIMITS="MIB SECONDS"), and a folder where
 * each job says it started and waits for a "go" file before it runs
 * (PARAPHE_SERVE_POOL_HOLD), as the exec'd workers' PARAPHE_SERVE_WORKER
 * allows; every job's fork taken as failed (PARAPHE_SERVE_POOL_NOFORK=1),
 * for the refusal.  The server's PARAPHE_SERVE_POOL_RETRY is read in
 * serve_pool_open. */
static unsigned long pool_mib = PP_SERVE_WORKER_MIB;
static unsigned pool_seconds = PP_SERVE_WORKER_SECONDS;
static char *pool_hold;
static int pool_nofork; /* PARAPHE_SERVE_POOL_NOFORK: every fork fails */

static void
pool_test_knobs(void)
{
	const char *v = getenv("PARAPHE_SERVE_POOL_LIMITS");
	unsigned long mib;
	unsigned seconds;

	if (v != NULL && sscanf(v, "%lu %u", &mib, &seconds) == 2 && mib > 0 &&
	    mib <= pool_mib && seconds > 0 && seconds <= pool_seconds) {
		pool_mib = mib;
		pool_seconds = seconds;
	}
	v = getenv("PARAPHE_SERVE_POOL_HOLD");
	if (v != NULL && v[0] != '\0')
		pool_hold = g_strdup(v);
	v = getenv("PARAPHE_SERVE_POOL_NOFORK");
	pool_nofork = v != NULL && strcmp(v, "1") == 0;
}

/* PARAPHE_SERVE_POOL_HOLD: says the job started, waits for the go. */
static void
pool_test_hold(void)
{
	char *started, *go;
	int fd;

	if (pool_hold == NULL)
		return;
	started = g_build_filename(pool_hold, "started", NULL);
	go = g_build_filename(pool_hold, "go", NULL);
	fd = open(started, O_WRONLY | O_CREAT, 0600);
	if (fd >= 0)
		close(fd);
	while (access(go, F_OK) != 0)
		g_usleep(50000);
	g_free(started);
	g_free(go);
}

static void
pool_on_sigchld(int sig)
{
	int saved = errno;

	(void)sig;
	if (write(pool_sigchld[1], "", 1) < 0) {
		/* full: a wake-up is pending already */
	}
	errno = saved;
}

/* The job child: never returns. */
static void
pool_child(char *msg, size_t len, int control, int job, struct pool_job *jobs,
	   size_t njobs, const char *datadir,
	   int (*run)(int argc, char **argv, const char *datadir))
{
	GPtrArray *argv = g_ptr_array_new();
	struct rlimit core = {0, 0}, data;
	struct sigaction dfl;
	sigset_t none;
	const char *dir;
	size_t i;
	int fd, status;

	/* Nothing of the pool's: its socket, the jobs' sockets (this one's
	 * included: the pool answers on it). */
	close(control);
	close(job);
	close(pool_sigchld[0]);
	close(pool_sigchld[1]);
	for (i = 0; i < njobs; i++)
		close(jobs[i].fd);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(126);
	/* The locale, the folder, the arguments. */
	dir = msg + strlen(msg) + 1;
	if (dir >= msg + len)
		_exit(126);
	for (i = (size_t)(dir - msg) + strlen(dir) + 1; i < len;
	     i += strlen(msg + i) + 1)
		g_ptr_array_add(argv, msg + i);
	g_ptr_array_add(argv, NULL);
	if (msg[0] != '\0') {
		/* As main.c does under LC_ALL=msg. */
		setenv("LC_ALL", msg, 1);
		setlocale(LC_ALL, "");
		setlocale(LC_NUMERIC, "C");
	}
	if (chdir(dir) != 0)
		_exit(126);
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, 0) < 0)
		_exit(126);
	close(fd);
	fd = open(SERVE_WORKER_OUT, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, 1) < 0)
		_exit(126);
	close(fd);
	fd = open(SERVE_WORKER_ERR, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, 2) < 0)
		_exit(126);
	close(fd);
	setrlimit(RLIMIT_CORE, &core);
	alarm(pool_seconds);
	pool_test_hold();
	if (!PP_SERVE_SANITIZED && getrlimit(RLIMIT_DATA, &data) == 0) {
		rlim_t want = (rlim_t)pool_mib << 20;

		if (data.rlim_cur == RLIM_INFINITY || data.rlim_cur > want)
			data.rlim_cur = want;
		setrlimit(RLIMIT_DATA, &data);
	}
	status = run((int)argv->len - 1, (char **)argv->pdata, datadir);
	fflush(NULL);
	_exit(status);
}

/* Warms the caches every job uses: a render and a check of the example
 * convention, their output thrown away.  Nothing is said of a failure:
 * the jobs will say it. */
static void
pool_warm(const char *datadir,
	  int (*run)(int argc, char **argv, const char *datadir))
{
	char *tmp = g_dir_make_tmp("paraphe-pool-XXXXXX", NULL);
	char *form = g_build_filename(datadir, "models", "convention",
				      "exemple.yaml", NULL);
	char *pdf, *out;
	int saved[2], null;

	if (tmp == NULL || !g_file_test(form, G_FILE_TEST_IS_REGULAR)) {
		g_free(form);
		g_free(tmp);
		return;
	}
	out = g_build_filename(tmp, "out", NULL);
	pdf = g_build_filename(out, "convention.pdf", NULL);
	fflush(NULL);
	saved[0] = dup(1);
	saved[1] = dup(2);
	null = open("/dev/null", O_WRONLY);
	if (saved[0] >= 0 && saved[1] >= 0 && null >= 0) {
		char *render[] = {"render", "-m",	   "convention",
				  "-f",	    "pdf,odt,png", "-o",
				  out,	    form,	   NULL};
		char *check[] = {"check", "--format", "json", pdf, NULL};

		dup2(null, 1);
		dup2(null, 2);
		run(G_N_ELEMENTS(render) - 1, render, datadir);
		if (g_file_test(pdf, G_FILE_TEST_IS_REGULAR))
			run(G_N_ELEMENTS(check) - 1, check, datadir);
		fflush(NULL);
		dup2(saved[0], 1);
		dup2(saved[1], 2);
	}
	if (null >= 0)
		close(null);
	if (saved[0] >= 0)
		close(saved[0]);
	if (saved[1] >= 0)
		close(saved[1]);
	serve_rmtree_public(tmp);
	g_free(pdf);
	g_free(out);
	g_free(form);
	g_free(tmp);
}

/* Receives one job: its message in msg (NUL-terminated), its socket in
 * *fd.  The message's length, 0 at the end (the server is gone), or -1
 * for a message to ignore. */
static ssize_t
pool_receive(int control, char *msg, int *fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *cm;
	ssize_t n;

	*fd = -1;
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = msg;
	iov.iov_len = POOL_MSG_MAX - 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	n = recvmsg(control, &mh, MSG_CMSG_CLOEXEC);
	if (n <= 0)
		return n < 0 && errno == EINTR ? -1 : 0;
	for (cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SCM_RIGHTS &&
		    cm->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(fd, CMSG_DATA(cm), sizeof(int));
	msg[n] = '\0';
	if (*fd < 0 || (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) ||
	    memchr(msg, '\0', (size_t)n) == NULL) {
		if (*fd >= 0)
			close(*fd);
		return -1;
	}
	return n;
}

int
pp_serve_pool_main(int control, const char *datadir,
		   int (*run)(int argc, char **argv, const char *datadir))
{
	struct pool_job jobs[POOL_JOBS_MAX];
	struct pollfd p[POOL_JOBS_MAX + 2];
	struct sigaction sa;
	char msg[POOL_MSG_MAX];
	size_t njobs = 0, i;

	unsetenv("PARAPHE_SERVE_POOL_FD");
	pool_test_knobs();
	fcntl(control, F_SETFD, FD_CLOEXEC);
	if (!g_unix_open_pipe(pool_sigchld, FD_CLOEXEC, NULL))
		return 1;
	fcntl(pool_sigchld[0], F_SETFL, O_NONBLOCK);
	fcntl(pool_sigchld[1], F_SETFL, O_NONBLOCK);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pool_on_sigchld;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	pool_warm(datadir, run);
	/* What the warm-up freed goes back, and large blocks (pages, images)
	 * are mapped and unmapped each time: every job starts small and
	 * what it allocates counts against its own limit. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
	malloc_trim(0);
	for (;;) {
		size_t np = 0;
		int fd;
		ssize_t n;
		pid_t pid;

		p[np++] = (struct pollfd){pool_sigchld[0], POLLIN, 0};
		/* No new job while the table is full: the server never
		 * sends more than its workers, this is a safety. */
		if (njobs < POOL_JOBS_MAX)
			p[np++] = (struct pollfd){control, POLLIN, 0};
		for (i = 0; i < njobs; i++)
			p[np++] = (struct pollfd){
			    jobs[i].killed ? -1 : jobs[i].fd, POLLIN, 0};
		if (poll(p, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* Jobs that ended: their status to their request. */
		if (p[0].revents) {
			char drain[64];
			int st;

			while (read(pool_sigchld[0], drain, sizeof(drain)) > 0)
				;
			while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
				for (i = 0; i < njobs; i++)
					if (jobs[i].pid == pid) {
						if (send(jobs[i].fd, &st,
							 sizeof(st),
							 MSG_NOSIGNAL) < 0) {
							/* request gone */
						}
						close(jobs[i].fd);
						jobs[i] = jobs[--njobs];
						break;
					}
			continue;
		}
		/* Requests gone (their deadline passed): their jobs end. */
		for (i = 0; i < njobs; i++)
			if (p[np - njobs + i].revents) {
				kill(jobs[i].pid, SIGKILL);
				jobs[i].killed = 1;
			}
		if (njobs >= POOL_JOBS_MAX || p[1].revents == 0)
			continue;
		n = pool_receive(control, msg, &fd);
		if (n == 0)
			break; /* the server is gone */
		if (n < 0)
			continue;
		fflush(NULL);
		pid = pool_nofork ? -1 : fork();
		if (pid == 0)
			pool_child(msg, (size_t)n, control, fd, jobs, njobs,
				   datadir, run);
		if (pid < 0) {
			char refused = POOL_REFUSED;

			if (send(fd, &refused, 1, MSG_NOSIGNAL) < 0) {
				/* request gone */
			}
			close(fd);
			continue;
		}
		jobs[njobs].pid = pid;
		jobs[njobs].fd = fd;
		jobs[njobs].killed = 0;
		njobs++;
	}
	for (i = 0; i < njobs; i++)
		kill(jobs[i].pid, SIGKILL);
	return 0;
}
