/* SPDX-License-Identifier: EUPL-1.2 */
/* Translation of user-facing strings (gettext, domain "paraphe"). */
#ifndef PP_I18N_H
#define PP_I18N_H

#include <libintl.h>

#define _(s)  dgettext("paraphe", s)
#define N_(s) s

#endif
