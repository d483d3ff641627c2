/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Where the files named by a form or a campaign may be.  A form or a
 * campaign names logos, annexes, partner forms and tables; a value such as
 * "/etc/passwd" or "../../secret.yaml" must not make paraphe read (and
 * repeat) a file from elsewhere on the machine.  Such a file must lie in
 * the folder of the file that was given on the command line (the form's,
 * the campaign's) or below it, after symbolic links are followed — unless
 * the user allowed a folder with --allow-path.
 */
#ifndef PP_CONFINE_H
#define PP_CONFINE_H

#include <stddef.h>

/* Allows the files under dir as well (--allow-path; for the process). */
void pp_confine_allow(const char *dir);
/* Forgets the folders allowed (tests). */
void pp_confine_reset(void);

/*
 * 0 when path (as resolved, from the value named) stays inside root or an
 * allowed folder; -1 with a sentence for the user in why otherwise.  A
 * path that does not exist is judged by its folder (its open will fail
 * later with its own message).
 */
int pp_confine_check(const char *root, const char *named, const char *path,
		     char *why, size_t size);

#endif
