/* SPDX-License-Identifier: EUPL-1.2 */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

#include "i18n.h"

static void
dynlib_fail(struct pp_dynlib *lib, struct pp_error *err, const char *why)
{
	if (lib->package != NULL && lib->package[0] != '\0')
		snprintf(lib->error, sizeof(lib->error),
			 _("cannot load %s, which paraphe needs to %s: %s "
			   "(install the package %s)"),
			 lib->soname, _(lib->purpose), why, lib->package);
	else
		snprintf(lib->error, sizeof(lib->error),
			 _("cannot load %s, which paraphe needs to %s: %s"),
			 lib->soname, _(lib->purpose), why);
	lib->state = -1;
	pp_dynlib_failed(lib, err);
}

void *
pp_dynlib_open(struct pp_dynlib *lib, struct pp_error *err)
{
	const char *why;

	if (lib->handle != NULL)
		return lib->handle;
	/* RTLD_NOW: a missing symbol shows here, not in the middle of a
	 * document; RTLD_LOCAL: nothing of it leaks into later lookups. */
	lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (lib->handle == NULL && lib->fallback != NULL) {
		char first[256];

		why = dlerror();
		snprintf(first, sizeof(first), "%s", why != NULL ? why : "");
		lib->handle = dlopen(lib->fallback, RTLD_NOW | RTLD_LOCAL);
		if (lib->handle == NULL)
			/* What the search by soname said is the clearer. */
			dynlib_fail(lib, err,
				    first[0] != '\0' ? first : "dlopen");
	} else if (lib->handle == NULL) {
		why = dlerror();
		dynlib_fail(lib, err, why != NULL ? why : "dlopen");
	}
	return lib->handle;
}

void *
pp_dynlib_sym(struct pp_dynlib *lib, const char *name, struct pp_error *err)
{
	void *sym;
	char why[256];

	dlerror();
	sym = dlsym(lib->handle, name);
	if (sym == NULL) {
		const char *dl = dlerror();

		snprintf(why, sizeof(why), _("the function %s is missing (%s)"),
			 name, dl != NULL ? dl : "dlsym");
		dynlib_fail(lib, err, why);
	}
	return sym;
}

void
pp_dynlib_failed(const struct pp_dynlib *lib, struct pp_error *err)
{
	pp_error_set(err, PP_DIAG_LIBRARY, NULL, "%s", lib->error);
}
