/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A tiny TAP harness for the unit tests (meson runs them with
 * protocol: 'tap').  Each check prints "ok N - name" or "not ok N - name"
 * with the values compared; harness_done() prints the plan and returns the
 * exit status.
 */
#ifndef PP_HARNESS_H
#define PP_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_count;
static int harness_failed;

static inline int
harness_ok(int cond, const char *file, int line, const char *name)
{
	harness_count++;
	if (!cond)
		harness_failed++;
	printf("%sok %d - ", cond ? "" : "not ", harness_count);
	/* A name is one TAP line: line breaks in it would break the
	 * protocol. */
	for (; *name != '\0'; name++)
		putchar(*name == '\n' || *name == '\r' ? ' ' : *name);
	putchar('\n');
	if (!cond)
		printf("# failed at %s:%d\n", file, line);
	return cond;
}

#define OK(cond, name) harness_ok((cond) != 0, __FILE__, __LINE__, name)

#define INT_EQ(got, want, name)                                                \
	do {                                                                   \
		long long got_ = (long long)(got), want_ = (long long)(want);  \
		if (!harness_ok(got_ == want_, __FILE__, __LINE__, name))      \
			printf("#   got %lld, want %lld\n", got_, want_);      \
	} while (0)

#define STR_EQ(got, want, name)                                                \
	do {                                                                   \
		const char *got_ = (got), *want_ = (want);                     \
		int same_ = got_ != NULL && want_ != NULL                      \
				? strcmp(got_, want_) == 0                     \
				: got_ == want_;                               \
		if (!harness_ok(same_, __FILE__, __LINE__, name))              \
			printf("#   got  \"%s\"\n#   want \"%s\"\n",           \
			       got_ ? got_ : "(null)",                         \
			       want_ ? want_ : "(null)");                      \
	} while (0)

static inline int
harness_done(void)
{
	printf("1..%d\n", harness_count);
	return harness_failed != 0;
}

#endif
