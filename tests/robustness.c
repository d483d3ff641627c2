/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * robustness: the malformed-input campaign (issue 8).  Mutates valid inputs
 * with fixed seeds -- forms, campaign files, partner tables, templates,
 * charters, ODTs, DOCXs and PDFs -- runs paraphe on each mutant with a time and
 * a memory limit, and classifies every run:
 *
 *   accepted  exit status 0
 *   rejected  exit status 1 or 2 with a message
 *   CRASH     a signal, an exit status >= 128, a sanitizer report, or
 *             a kit worker killed by a signal (the kit goes on)
 *   HANG      still running after the time limit
 *   STRAY     an output file for a rejected input (render), a truncated
 *             PDF or ODT or a temporary file left behind (kit)
 *   SILENT    any other exit status, or a rejection without a message
 *
 * Usage: robustness PARAPHE SRCROOT WORKDIR [-n N] [-j JOBS] [-t SECONDS]
 *                   [-m MEGABYTES] [-v] [-i INDEX] [KIND...]
 * Prints a TAP line per kind and a summary table; a failing mutant is kept
 * under WORKDIR/failures/ with the command that ran it.  -i INDEX runs
 * only mutant INDEX of each kind (to reproduce a failure), -v prints the
 * first line of every run's messages.  Exit status 0 when
 * no run crashed, hung, left a stray output or went unclassified.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

enum kind {
	K_FORM,
	K_CAMPAIGN,
	K_CSV,
	K_TEMPLATE,
	K_CHARTER,
	K_ODT,
	K_PDF,
	K_DOCX,
	K_COUNT
};

static const char *const kind_names[K_COUNT] = {
    "form", "campaign", "csv", "template", "charter", "odt", "pdf", "docx",
};

enum verdict {
	V_ACCEPTED,
	V_REJECTED,
	V_CRASH,
	V_HANG,
	V_STRAY,
	V_SILENT,
	V_COUNT
};

static const char *const verdict_names[V_COUNT] = {
    "accepted", "rejected", "CRASH", "HANG", "STRAY", "SILENT",
};

static const char *paraphe, *srcroot, *workdir;
static int timeout_s = 5, mem_mb = 256, verbose, only = -1;

/* --- Files --------------------------------------------------------------- */

struct bytes {
	unsigned char *p;
	size_t n, cap;
};

static void
die(const char *what)
{
	fprintf(stderr, "robustness: %s: %s\n", what, strerror(errno));
	exit(99);
}

static void xsnprintf(char *dst, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* snprintf that refuses to truncate */
static void
xsnprintf(char *dst, size_t n, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(dst, n, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= n) {
		errno = ENAMETOOLONG;
		die(fmt);
	}
}

static void
reserve(struct bytes *b, size_t more)
{
	if (b->n + more + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + more + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (b->p == NULL)
			die("realloc");
		b->cap = cap;
	}
}

static int
slurp(const char *path, struct bytes *b)
{
	FILE *f = fopen(path, "rb");
	size_t got;

	b->n = 0;
	if (f == NULL)
		return -1;
	for (;;) {
		reserve(b, 65536);
		got = fread(b->p + b->n, 1, 65536, f);
		b->n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	return 0;
}

static void
spit(const char *path, const unsigned char *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		die(path);
}

static int
run_sh(const char *fmt, const char *a, const char *b)
{
	char cmd[4096];

	xsnprintf(cmd, sizeof(cmd), fmt, a, b);
	return system(cmd);
}

/* rm -rf PATH (PATH is ours) */
static void
rmtree(const char *path)
{
	run_sh("rm -rf '%s'%s", path, "");
}

/* --- Deterministic randomness: splitmix64 --------------------------------- */

static uint64_t rng;

static uint64_t
rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t
below(size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd() % n);
}

/* --- Mutations ------------------------------------------------------------ */

static const char *const yaml_tokens[] = {
    "&a ",
    "*a",
    "!!",
    "{",
    "[",
    ":",
    ": ",
    "- ",
    "\n",
    "'",
    "\"",
    "? ",
    "<<: *a",
    "\t",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "!!binary ",
    "!x ",
    "}",
    "]",
    "#",
    "\xff",
    "\xef\xbf\xbe",
    "\\x01",
    "\\uFFFE",
    "~",
    "null",
    "&a [*a]",
    "\xc3",
    "  ",
    ",",
    "|\n",
    ">-\n",
    "0x",
    "-1",
    "99999999999999999999",
    "2026-02-30",
    "@",
    "`",
};

static const char *const xml_tokens[] = {
    "<!ENTITY",
    "&",
    "<",
    ">",
    "]]>",
    "<![CDATA[",
    "</",
    "\"",
    "'",
    "&amp;",
    "&#0;",
    "&#xFFFE;",
    "&e;",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
    "<!DOCTYPE d SYSTEM \"http://127.0.0.1:9/x.dtd\">",
    "<!DOCTYPE d [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>",
    "<x:y xmlns:x=\"urn:x\">",
    "xmlns=\"\"",
    "/>",
    "=",
    "\xff",
    "\xef\xbf\xbe",
    "{",
    "}",
    "{{",
    "}}",
    "$",
    "(",
    ")",
};

static const char *const csv_tokens[] = {
    "\"",   ";",    "\n",   "\r\n",	    "\r",  ",",	 "|", "\xef\xbb\xbf",
    "\"\"", ";;;;", "\xff", "\xef\xbf\xbe", "../", "\t", "=", "\"\n\"",
};

static const char *const pdf_tokens[] = {
    "obj",
    "endobj",
    "stream\n",
    "endstream",
    "xref\n",
    "trailer",
    "<<",
    ">>",
    "/Length 999999",
    "/Length -1",
    "0 0 R",
    "99999 0 R",
    "%%EOF",
    "(",
    ")",
    "/Type /Page",
    "[",
    "]",
    "startxref\n0\n",
    "\n",
    "/Filter /FlateDecode",
    "/Kids [1 0 R]",
    "\\",
    "<",
    ">",
};

struct dict {
	const char *const *tok;
	size_t n;
};

#define DICT(a)                                                                \
	{                                                                      \
		a, sizeof(a) / sizeof(a[0])                                    \
	}

static void
insert_at(struct bytes *b, size_t at, const void *p, size_t n)
{
	reserve(b, n);
	memmove(b->p + at + n, b->p + at, b->n - at);
	memcpy(b->p + at, p, n);
	b->n += n;
}

/* One mutation of B: a flip, a truncation, a duplicated or deleted slice,
 * a dictionary token. */
static void
mutate_once(struct bytes *b, const struct dict *d)
{
	size_t at = below(b->n + 1), len;
	const char *t;

	switch (below(8)) {
	case 0: /* flip bits */
		if (b->n > 0)
			b->p[below(b->n)] ^= (unsigned char)(1u << below(8));
		break;
	case 1: /* random byte */
		if (b->n > 0)
			b->p[below(b->n)] = (unsigned char)rnd();
		break;
	case 2: /* truncation */
		b->n = at;
		break;
	case 3: /* duplicate a slice */
		if (b->n > 0) {
			size_t from = below(b->n);
			len =
			    1 + below(b->n - from < 4096 ? b->n - from : 4096);
			unsigned char *tmp = malloc(len);
			if (tmp == NULL)
				die("malloc");
			memcpy(tmp, b->p + from, len);
			insert_at(b, at, tmp, len);
			free(tmp);
		}
		break;
	case 4: /* delete a slice */
		if (at < b->n) {
			len = 1 + below(b->n - at < 256 ? b->n - at : 256);
			memmove(b->p + at, b->p + at + len, b->n - at - len);
			b->n -= len;
		}
		break;
	default: /* tokens, the most useful */
		t = d->tok[below(d->n)];
		insert_at(b, at, t, strlen(t));
		break;
	}
}

static void
mutate(struct bytes *b, const struct dict *d)
{
	size_t i, k = 1 + below(4);

	for (i = 0; i < k; i++)
		mutate_once(b, d);
}

/* A zip read as bytes: change the sizes, the CRC or the name of a local or
 * central header, or turn a name into ../ or into its neighbour's. */
static void
mutate_zip_headers(struct bytes *b)
{
	size_t pos[256], npos = 0, i, h;
	unsigned char *p;

	for (i = 0; i + 46 <= b->n && npos < 256; i++)
		if (b->p[i] == 'P' && b->p[i + 1] == 'K' &&
		    ((b->p[i + 2] == 3 && b->p[i + 3] == 4) ||
		     (b->p[i + 2] == 1 && b->p[i + 3] == 2) ||
		     (b->p[i + 2] == 5 && b->p[i + 3] == 6)))
			pos[npos++] = i;
	if (npos == 0) {
		mutate_once(b, &(struct dict)DICT(csv_tokens));
		return;
	}
	h = pos[below(npos)];
	p = b->p + h;
	if (p[2] == 5) { /* end of central directory: counts, size, offset */
		size_t off = 8 + 2 * below(6);
		p[off] = (unsigned char)rnd();
		return;
	}
	int central = p[2] == 1;
	size_t crc = central ? 16 : 14, csize = crc + 4, usize = crc + 8;
	size_t nlen_off = central ? 28 : 26, name = central ? 46 : 30;
	size_t nlen = (size_t)p[nlen_off] | (size_t)p[nlen_off + 1] << 8;

	switch (below(7)) {
	case 0: /* lying uncompressed size */
		p[usize + below(4)] = (unsigned char)rnd();
		break;
	case 1: /* lying compressed size */
		p[csize + below(4)] = (unsigned char)rnd();
		break;
	case 2: /* wrong CRC */
		p[crc + below(4)] ^= 0x5a;
		break;
	case 3: /* ../ in the name */
		if (h + name + 3 <= b->n && nlen >= 3)
			memcpy(p + name, "../", 3);
		break;
	case 4: /* a name copied from another header: duplicate entries */
		for (i = 0; i < npos; i++) {
			unsigned char *q = b->p + pos[i];
			int qc = q[2] == 1;
			size_t qn, qname = qc ? 46 : 30;
			if (q[2] == 5 || q == p)
				continue;
			qn = (size_t)q[qc ? 28 : 26] |
			     (size_t)q[(qc ? 28 : 26) + 1] << 8;
			if (qn == nlen && h + name + nlen <= b->n &&
			    pos[i] + qname + qn <= b->n) {
				memmove(p + name, q + qname, nlen);
				break;
			}
		}
		break;
	case 5: /* name length */
		p[nlen_off] = (unsigned char)rnd();
		break;
	default: /* compression method */
		p[central ? 10 : 8] = (unsigned char)below(20);
		break;
	}
}

/* Rewrites one member of the package at PATH (a copy of the base), one of
 * the N PARTS, with a mutation of its text. */
static void
mutate_package_part(const char *path, const char *const *parts, size_t n)
{
	const char *part = parts[below(n)];
	struct dict d = DICT(xml_tokens);
	struct bytes b = {0};
	zip_t *z;
	zip_file_t *f;
	zip_stat_t st;
	zip_source_t *src;
	zip_int64_t idx;
	int err;

	z = zip_open(path, 0, &err);
	if (z == NULL)
		return;
	idx = zip_name_locate(z, part, 0);
	if (idx < 0 || zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0 ||
	    (f = zip_fopen_index(z, (zip_uint64_t)idx, 0)) == NULL) {
		zip_discard(z);
		return;
	}
	reserve(&b, (size_t)st.size);
	b.n = (size_t)zip_fread(f, b.p, st.size);
	zip_fclose(f);
	mutate(&b, &d);
	src = zip_source_buffer(z, b.p, b.n, 0);
	if (below(4) == 0) /* an added member of the same name */
		zip_file_add(z, part, src, 0);
	else if (src != NULL)
		zip_file_replace(z, (zip_uint64_t)idx, src, 0);
	if (zip_close(z) != 0)
		zip_discard(z);
	free(b.p);
}

/* The members of the ODT and of the DOCX that are mutated. */
static const char *const odt_parts[] = {
    "content.xml",	     "styles.xml", "meta.xml", "settings.xml",
    "META-INF/manifest.xml", "mimetype",
};
static const char *const docx_parts[] = {
    "word/document.xml",	   "word/styles.xml",
    "word/theme/theme1.xml",	   "word/header1.xml",
    "word/_rels/header1.xml.rels", "[Content_Types].xml",
    "docProps/core.xml",	   "word/fontTable.xml",
};

/* --- Running paraphe -------------------------------------------------------
 */

struct run {
	int status; /* from waitpid */
	int timed_out;
	double seconds;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
spawn(char *const argv[], const char *errpath, const char *outpath,
      struct run *r)
{
	double t0 = now();
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int fd;
		setpgid(0, 0);
		if (mem_mb > 0) {
			struct rlimit rl;
			rl.rlim_cur = rl.rlim_max = (rlim_t)mem_mb << 20;
			setrlimit(RLIMIT_AS, &rl);
		}
		fd = open("/dev/null", O_RDONLY);
		dup2(fd, 0);
		fd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 1);
		fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		execv(argv[0], argv);
		fprintf(stderr, "robustness: cannot execute %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	r->timed_out = 0;
	for (;;) {
		pid_t w = waitpid(pid, &r->status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			die("waitpid");
		if (now() - t0 > timeout_s && !r->timed_out) {
			r->timed_out = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
		usleep(2000);
	}
	if (r->timed_out)
		kill(-pid, SIGKILL); /* stray grandchildren */
	r->seconds = now() - t0;
}

/* memmem, which C11 and POSIX lack */
static const void *
find_bytes(const void *hay, size_t n, const void *needle, size_t m)
{
	const unsigned char *h = hay;
	size_t i;

	for (i = 0; m <= n && i <= n - m; i++)
		if (memcmp(h + i, needle, m) == 0)
			return h + i;
	return NULL;
}

static int
file_has(const char *path, const char *needle)
{
	struct bytes b = {0};
	int found = 0;

	if (slurp(path, &b) == 0 && b.n > 0) {
		b.p[b.n] = 0;
		found = find_bytes(b.p, b.n, needle, strlen(needle)) != NULL;
	}
	free(b.p);
	return found;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* Counts the files under DIR; reports in WHY a truncated PDF or ODT or a
 * temporary file. */
static int
scan_outputs(const char *dir, char *why, size_t whylen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int count = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		size_t len = strlen(e->d_name);
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		xsnprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			count += scan_outputs(path, why, whylen);
			continue;
		}
		count++;
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".empreinte") != 0)
			xsnprintf(why, whylen, "temporary file %s", path);
		else if (len > 4 && strcmp(e->d_name + len - 4, ".pdf") == 0) {
			struct bytes b = {0};
			slurp(path, &b);
			if (b.n < 16 || memcmp(b.p, "%PDF-", 5) != 0 ||
			    find_bytes(b.p + (b.n > 64 ? b.n - 64 : 0),
				       b.n > 64 ? 64 : b.n, "%%EOF", 5) == NULL)
				xsnprintf(why, whylen, "truncated PDF %s",
					  path);
			free(b.p);
		} else if (len > 4 &&
			   strcmp(e->d_name + len - 4, ".odt") == 0) {
			int err;
			zip_t *z =
			    zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
			if (z == NULL)
				xsnprintf(why, whylen, "truncated ODT %s",
					  path);
			else
				zip_discard(z);
		}
	}
	closedir(d);
	return count;
}

/* --- One mutant ------------------------------------------------------------
 */

struct slot {
	char dir[2048];	 /* the worker's folder */
	char camp[2100]; /* copy of examples/campagne-8-mars */
	char model[2100];
	char charte[2100];
	char ex[2100]; /* copy of examples/ (the forms' logos) */
	struct bytes base[K_COUNT][4];
	size_t nbase[K_COUNT];
	char odt_base[2100], pdf_base[2100];
};

static void
load_base(struct slot *s, enum kind k, const char *rel)
{
	char path[4096];

	xsnprintf(path, sizeof(path), "%s/%s", srcroot, rel);
	if (slurp(path, &s->base[k][s->nbase[k]]) != 0)
		die(path);
	s->nbase[k]++;
}

static void
setup_slot(struct slot *s, int id)
{
	char path[4096];

	memset(s, 0, sizeof(*s));
	xsnprintf(s->dir, sizeof(s->dir), "%s/w%d", workdir, id);
	rmtree(s->dir);
	if (mkdir(s->dir, 0755) != 0)
		die(s->dir);
	xsnprintf(s->camp, sizeof(s->camp), "%s/camp", s->dir);
	xsnprintf(path, sizeof(path), "%s/examples/campagne-8-mars", srcroot);
	run_sh("cp -R '%s' '%s'", path, s->camp);
	xsnprintf(s->ex, sizeof(s->ex), "%s/ex", s->dir);
	xsnprintf(path, sizeof(path), "%s/examples", srcroot);
	run_sh("cp -R '%s' '%s'", path, s->ex);
	xsnprintf(s->model, sizeof(s->model), "%s/models", s->dir);
	xsnprintf(path, sizeof(path), "%s/models", srcroot);
	run_sh("cp -R '%s' '%s'", path, s->model);
	xsnprintf(s->charte, sizeof(s->charte), "%s/charte", s->dir);
	xsnprintf(path, sizeof(path), "%s/charte", srcroot);
	run_sh("cp -R '%s' '%s'", path, s->charte);
	load_base(s, K_FORM, "examples/mobilite-verte.yaml");
	load_base(s, K_FORM, "examples/parite-ensemble.yaml");
	load_base(s, K_FORM, "examples/boussole-rencontres.yaml");
	load_base(s, K_FORM, "examples/mutuelle-solidaire-atlantique.yaml");
	load_base(s, K_CAMPAIGN, "examples/campagne-8-mars/campagne.yaml");
	load_base(s, K_CSV, "examples/campagne-8-mars/partenaires.csv");
	load_base(s, K_TEMPLATE, "models/convention/template.xml");
	load_base(s, K_CHARTER, "charte/etat/charte.yaml");
	xsnprintf(path, sizeof(path), "%s/base/convention.odt", workdir);
	if (slurp(path, &s->base[K_ODT][0]) != 0)
		die(path);
	s->nbase[K_ODT] = 1;
	xsnprintf(path, sizeof(path), "%s/base/convention.pdf", workdir);
	if (slurp(path, &s->base[K_PDF][0]) != 0)
		die(path);
	s->nbase[K_PDF] = 1;
	xsnprintf(path, sizeof(path), "%s/base/conformant.docx", workdir);
	if (slurp(path, &s->base[K_DOCX][0]) != 0)
		die(path);
	s->nbase[K_DOCX] = 1;
}

/* Runs mutant I of kind K; writes its verdict and a reason. */
static enum verdict
one(struct slot *s, enum kind k, int i, char *why, size_t whylen, char *cmdline,
    size_t cmdlen)
{
	char in[4096], out[4096], err[4096], sout[4096];
	char *argv[16];
	int argc = 0, exitst, msg, nout;
	struct bytes b = {0};
	const struct bytes *base;
	struct dict yd = DICT(yaml_tokens), xd = DICT(xml_tokens),
		    cd = DICT(csv_tokens), pd = DICT(pdf_tokens);
	struct run r;
	const char *sanitizer[] = {"AddressSanitizer", "LeakSanitizer",
				   "UndefinedBehaviorSanitizer",
				   "runtime error:", "==ERROR",
				   /* a kit worker's death, which the kit
				    * survives but we count */
				   "producing this partner stopped"};
	size_t j;

	rng = 0x5eed0000ULL + (uint64_t)k * 1000003ULL + (uint64_t)i;
	base = &s->base[k][below(s->nbase[k])];
	reserve(&b, base->n);
	memcpy(b.p, base->p, base->n);
	b.n = base->n;
	why[0] = 0;
	xsnprintf(out, sizeof(out), "%s/out", s->dir);
	rmtree(out);
	xsnprintf(err, sizeof(err), "%s/stderr", s->dir);
	xsnprintf(sout, sizeof(sout), "%s/stdout", s->dir);
	argv[argc++] = (char *)paraphe;
	switch (k) {
	case K_FORM:
		mutate(&b, &yd);
		xsnprintf(in, sizeof(in), "%s/form.yaml", s->ex);
		spit(in, b.p, b.n);
		argv[argc++] = "validate";
		argv[argc++] = in;
		break;
	case K_CAMPAIGN:
	case K_CSV:
		if (k == K_CAMPAIGN) {
			mutate(&b, &yd);
			xsnprintf(in, sizeof(in), "%s/campagne.yaml", s->camp);
			spit(in, b.p, b.n);
		} else {
			mutate(&b, &cd);
			xsnprintf(in, sizeof(in), "%s/partenaires.csv",
				  s->camp);
			spit(in, b.p, b.n);
			xsnprintf(in, sizeof(in), "%s/campagne-csv.yaml",
				  s->camp);
		}
		argv[argc++] = "kit";
		argv[argc++] = in;
		argv[argc++] = "-o";
		argv[argc++] = out;
		argv[argc++] = "-q";
		argv[argc++] = "-j1";
		argv[argc++] = "--only";
		argv[argc++] = "mobilite-verte";
		break;
	case K_TEMPLATE:
	case K_CHARTER:
		if (k == K_TEMPLATE) {
			mutate(&b, &xd);
			xsnprintf(in, sizeof(in), "%s/convention/template.xml",
				  s->model);
		} else {
			mutate(&b, &yd);
			xsnprintf(in, sizeof(in), "%s/etat/charte.yaml",
				  s->charte);
		}
		spit(in, b.p, b.n);
		{
			static char form[4096], model[4096];
			xsnprintf(form, sizeof(form),
				  "%s/examples/mobilite-verte.yaml", srcroot);
			if (k == K_TEMPLATE)
				xsnprintf(model, sizeof(model), "%s/convention",
					  s->model);
			else
				xsnprintf(model, sizeof(model), "convention");
			argv[argc++] = "render";
			argv[argc++] = form;
			argv[argc++] = "-m";
			argv[argc++] = model;
			argv[argc++] = "-f";
			argv[argc++] = "pdf,odt";
			argv[argc++] = "-o";
			argv[argc++] = out;
			if (k == K_CHARTER) {
				argv[argc++] = "-c";
				argv[argc++] = in;
			}
		}
		break;
	case K_ODT:
	case K_DOCX:
		xsnprintf(in, sizeof(in), "%s/mutant.%s", s->dir,
			  k == K_ODT ? "odt" : "docx");
		if (below(2) == 0) {
			spit(in, b.p, b.n);
			if (k == K_ODT)
				mutate_package_part(in, odt_parts,
						    sizeof(odt_parts) /
							sizeof(odt_parts[0]));
			else
				mutate_package_part(in, docx_parts,
						    sizeof(docx_parts) /
							sizeof(docx_parts[0]));
			if (below(3) == 0) {
				free(b.p);
				b.p = NULL;
				b.n = b.cap = 0;
				slurp(in, &b);
				mutate_zip_headers(&b);
				spit(in, b.p, b.n);
			}
		} else {
			size_t m, nm = 1 + below(3);
			for (m = 0; m < nm; m++) {
				if (below(2) == 0)
					mutate_zip_headers(&b);
				else
					mutate_once(&b, &pd);
			}
			spit(in, b.p, b.n);
		}
		argv[argc++] = "check";
		argv[argc++] = in;
		break;
	case K_PDF:
		mutate(&b, &pd);
		xsnprintf(in, sizeof(in), "%s/mutant.pdf", s->dir);
		spit(in, b.p, b.n);
		argv[argc++] = "check";
		argv[argc++] = in;
		break;
	case K_COUNT:
		break;
	}
	argv[argc] = NULL;
	cmdline[0] = 0;
	for (j = 0; j < (size_t)argc; j++) {
		size_t l = strlen(cmdline);
		xsnprintf(cmdline + l, cmdlen - l, "%s'%s'", j ? " " : "",
			  argv[j]);
	}
	spawn(argv, err, sout, &r);
	free(b.p);
	/* the next mutant starts from the valid file */
	if (k == K_CAMPAIGN || k == K_TEMPLATE || k == K_CHARTER)
		spit(in, base->p, base->n);
	else if (k == K_CSV) {
		xsnprintf(in, sizeof(in), "%s/partenaires.csv", s->camp);
		spit(in, base->p, base->n);
	}

	if (r.timed_out) {
		xsnprintf(why, whylen, "still running after %d s", timeout_s);
		return V_HANG;
	}
	if (WIFSIGNALED(r.status)) {
		xsnprintf(why, whylen, "killed by signal %d",
			  WTERMSIG(r.status));
		return V_CRASH;
	}
	exitst = WEXITSTATUS(r.status);
	for (j = 0; j < sizeof(sanitizer) / sizeof(sanitizer[0]); j++)
		if (file_has(err, sanitizer[j])) {
			xsnprintf(why, whylen, "crash report (%s)",
				  sanitizer[j]);
			return V_CRASH;
		}
	if (exitst >= 128) {
		xsnprintf(why, whylen, "exit status %d", exitst);
		return V_CRASH;
	}
	nout = scan_outputs(out, why, whylen);
	if (why[0])
		return V_STRAY;
	if (exitst == 0)
		return V_ACCEPTED;
	if (exitst != 1 && exitst != 2) {
		xsnprintf(why, whylen, "exit status %d", exitst);
		return V_SILENT;
	}
	msg = file_size(err) > 0 || (k >= K_ODT && file_size(sout) > 0);
	if (!msg) {
		xsnprintf(why, whylen, "exit status %d and no message", exitst);
		return V_SILENT;
	}
	/* render writes nothing when it fails; an unusable campaign (exit
	 * status 2) neither */
	if (nout > 0 && (k == K_TEMPLATE || k == K_CHARTER ||
			 ((k == K_CAMPAIGN || k == K_CSV) && exitst == 2))) {
		xsnprintf(why, whylen, "exit status %d and %d file(s) written",
			  exitst, nout);
		return V_STRAY;
	}
	return V_REJECTED;
}

/* --- Workers ----------------------------------------------------------------
 */

static void
worker(int id, int jobs, int n, const int *kinds, int nkinds, FILE *res)
{
	static struct slot s;
	int ki, i;
	char why[8192], cmd[16384];

	setup_slot(&s, id);
	for (ki = 0; ki < nkinds; ki++)
		for (i = id; i < n; i += jobs) {
			enum kind k = (enum kind)kinds[ki];
			if (only >= 0 && i != only)
				continue;
			double t0 = now();
			enum verdict v =
			    one(&s, k, i, why, sizeof(why), cmd, sizeof(cmd));
			fprintf(res, "%d %d %d %.3f\n", k, i, v, now() - t0);
			if (verbose) {
				char line[512] = "", ep[4096];
				FILE *e;
				xsnprintf(ep, sizeof(ep), "%s/stderr", s.dir);
				e = fopen(ep, "r");
				if (e != NULL) {
					if (fgets(line, sizeof(line), e) ==
					    NULL)
						line[0] = 0;
					fclose(e);
				}
				fprintf(res, "# %s %d %s: %s", kind_names[k], i,
					verdict_names[v],
					line[0] ? line : "\n");
			}
			if (v >= V_CRASH) {
				char keep[4096];
				xsnprintf(keep, sizeof(keep),
					  "%s/failures/%s-%d", workdir,
					  kind_names[k], i);
				char cp[12288];
				xsnprintf(cp, sizeof(cp),
					  "mkdir -p '%s' && cp -R '%s'/* '%s' "
					  "2>/dev/null",
					  keep, s.dir, keep);
				if (system(cp) != 0)
					fprintf(res, "# cannot keep %s\n",
						keep);
				fprintf(res, "# %s %d: %s: %s\n", kind_names[k],
					i, verdict_names[v], why);
				fprintf(res, "#   %s\n", cmd);
			}
			fflush(res);
		}
}

static int
usage(void)
{
	fprintf(stderr,
		"Usage: robustness PARAPHE SRCROOT WORKDIR [-n N] [-j JOBS] "
		"[-t SECONDS] [-m MEGABYTES] [-v] [-i INDEX] [KIND...]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	int n = 500, jobs = 2, kinds[K_COUNT], nkinds = 0, i, k, failed = 0;
	int counts[K_COUNT][V_COUNT] = {{0}};
	double secs[K_COUNT] = {0}, t0 = now();
	char path[4096], basedir[4096];
	pid_t pids[64];

	if (argc < 4)
		return usage();
	paraphe = argv[1];
	srcroot = argv[2];
	workdir = argv[3];
	for (i = 4; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = atoi(argv[++i]);
		else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc)
			jobs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
			timeout_s = atoi(argv[++i]);
		else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
			only = atoi(argv[++i]);
		else if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			mem_mb = atoi(argv[++i]);
		else {
			for (k = 0; k < K_COUNT; k++)
				if (strcmp(argv[i], kind_names[k]) == 0)
					break;
			if (k == K_COUNT)
				return usage();
			kinds[nkinds++] = k;
		}
	}
	if (jobs < 1 || jobs > 64 || n < 1)
		return usage();
	if (nkinds == 0)
		for (k = 0; k < K_COUNT; k++)
			kinds[nkinds++] = k;
	signal(SIGPIPE, SIG_IGN);
	mkdir(workdir, 0755);
	xsnprintf(path, sizeof(path), "%s/failures", workdir);
	rmtree(path);

	/* The ODT and PDF to mutate: the example convention, rendered by the
	 * paraphe under test. */
	xsnprintf(basedir, sizeof(basedir), "%s/base", workdir);
	rmtree(basedir);
	xsnprintf(path, sizeof(path),
		  "'%s' render '%s/examples/mobilite-verte.yaml' -m convention "
		  "-f pdf,odt -o ",
		  paraphe, srcroot);
	if (run_sh("%s'%s' >/dev/null", path, basedir) != 0) {
		fprintf(stderr, "robustness: the example does not render\n");
		return 99;
	}
	/* The DOCX to mutate: the conformant fixture of the checker's tests
	 * (tests/check-docx-fixtures.py). */
	if (run_sh("python3 '%s/tests/check-docx-fixtures.py' '%s' "
		   "conformant.docx",
		   srcroot, basedir) != 0) {
		fprintf(stderr,
			"robustness: cannot write the DOCX to mutate\n");
		return 99;
	}

	for (i = 0; i < jobs; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0) {
			FILE *res;
			xsnprintf(path, sizeof(path), "%s/results-%d", workdir,
				  i);
			res = fopen(path, "w");
			if (res == NULL)
				die(path);
			worker(i, jobs, n, kinds, nkinds, res);
			fclose(res);
			_exit(0);
		}
	}
	for (i = 0; i < jobs; i++) {
		int st;
		waitpid(pids[i], &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "robustness: worker %d failed\n", i);
			failed = 1;
		}
	}

	/* Gather. */
	for (i = 0; i < jobs; i++) {
		FILE *res;
		char line[16384];
		xsnprintf(path, sizeof(path), "%s/results-%d", workdir, i);
		res = fopen(path, "r");
		if (res == NULL)
			continue;
		while (fgets(line, sizeof(line), res)) {
			int kk, idx, v;
			double sec;
			if (line[0] == '#') {
				fputs(line, stdout);
				continue;
			}
			if (sscanf(line, "%d %d %d %lf", &kk, &idx, &v, &sec) ==
				4 &&
			    kk >= 0 && kk < K_COUNT && v >= 0 && v < V_COUNT) {
				counts[kk][v]++;
				secs[kk] += sec;
			}
		}
		fclose(res);
	}

	printf("# %-9s %6s %8s %8s %6s %5s %6s %6s %8s\n", "kind", "runs",
	       "accepted", "rejected", "CRASH", "HANG", "STRAY", "SILENT",
	       "seconds");
	for (i = 0; i < nkinds; i++) {
		int total = 0;
		k = kinds[i];
		for (int v = 0; v < V_COUNT; v++)
			total += counts[k][v];
		printf("# %-9s %6d %8d %8d %6d %5d %6d %6d %8.1f\n",
		       kind_names[k], total, counts[k][V_ACCEPTED],
		       counts[k][V_REJECTED], counts[k][V_CRASH],
		       counts[k][V_HANG], counts[k][V_STRAY],
		       counts[k][V_SILENT], secs[k]);
	}
	for (i = 0; i < nkinds; i++) {
		int total = 0, bad;
		k = kinds[i];
		for (int v = 0; v < V_COUNT; v++)
			total += counts[k][v];
		bad = counts[k][V_CRASH] + counts[k][V_HANG] +
		      counts[k][V_STRAY] + counts[k][V_SILENT];
		if (bad == 0 && (total == n || (only >= 0 && total == 1)))
			printf("ok %d - %s: %d mutants, 0 crashes, 0 hangs, "
			       "0 stray outputs, all classified\n",
			       i + 1, kind_names[k], total);
		else {
			printf("not ok %d - %s: %d of %d mutants, %d "
			       "failures\n",
			       i + 1, kind_names[k], total, n, bad);
			failed = 1;
		}
	}
	printf("1..%d\n", nkinds);
	printf("# wall time %.1f s, %d jobs, time limit %d s, memory limit "
	       "%d MB%s\n",
	       now() - t0, jobs, timeout_s, mem_mb,
	       failed ? "; failures kept under WORKDIR/failures" : "");
	return failed;
}
