/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Confinement: which paths a form or a campaign may name (confine.h).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confine.h"

#include "../harness.h"

static char root[] = "/tmp/paraphe-confine-XXXXXX";

/* root/REL, named REL. */
static int
inside(const char *rel)
{
	char *path = g_build_filename(root, rel, NULL);
	char why[1024];
	int rc = pp_confine_check(root, rel, path, why, sizeof(why));

	g_free(path);
	return rc == 0;
}

int
main(void)
{
	char *sub, *outside, *link, *allowed;
	char why[1024];

	if (!OK(mkdtemp(root) != NULL, "a temporary folder"))
		return harness_done();
	sub = g_build_filename(root, "form", NULL);
	g_mkdir(sub, 0700);
	outside = g_build_filename(root, "secret.txt", NULL);
	g_file_set_contents(outside, "x", 1, NULL);
	link = g_build_filename(sub, "lien.png", NULL);
	OK(symlink(outside, link) == 0, "a symbolic link to outside");

	OK(inside("logo.png"), "a file of the folder, even absent");
	OK(inside("logos/a/b.png"), "in absent subfolders");
	OK(inside("logos/../logo.png"), "\"..\" that stays inside");
	OK(!inside("../x.png"), "\"..\" that leaves");
	OK(!inside("a/../../x.png"), "\"..\" that leaves through a subfolder");
	OK(!inside("nope/../../../etc/passwd"),
	   "deep \"..\" through absent ones");
	/* The form's folder is root/form here. */
	OK(pp_confine_check(sub, "lien.png", link, why, sizeof(why)) != 0 &&
	       strstr(why, "symbolic link") != NULL,
	   "a symbolic link that leads outside, said so");
	OK(pp_confine_check(sub, "/etc/passwd", "/etc/passwd", why,
			    sizeof(why)) != 0 &&
	       strstr(why, "/etc/passwd: a file outside the folder") != NULL,
	   "an absolute path outside");
	OK(pp_confine_check(sub, outside, outside, why, sizeof(why)) != 0,
	   "an absolute path to the parent folder");
	pp_confine_allow(root);
	OK(pp_confine_check(sub, outside, outside, why, sizeof(why)) == 0,
	   "allowed with --allow-path");
	OK(pp_confine_check(sub, "lien.png", link, why, sizeof(why)) == 0,
	   "the link too, once its target's folder is allowed");
	OK(pp_confine_check(sub, "/etc/passwd", "/etc/passwd", why,
			    sizeof(why)) != 0,
	   "not what lies outside the folder allowed");
	pp_confine_reset();
	OK(pp_confine_check(sub, outside, outside, why, sizeof(why)) != 0,
	   "reset forgets it");
	allowed = g_strdup_printf("%s-other", root);
	OK(pp_confine_check(root, allowed, allowed, why, sizeof(why)) != 0,
	   "a sibling whose name starts like the folder is outside");
	unlink(link);
	unlink(outside);
	rmdir(sub);
	rmdir(root);
	g_free(allowed);
	g_free(sub);
	g_free(outside);
	g_free(link);
	return harness_done();
}
