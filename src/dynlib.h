/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Libraries opened when first needed.  poppler (for `paraphe check`),
 * libzip (ODT) and librsvg (SVG logos) bring about thirty more shared
 * libraries between them; linked into the executable, they would be mapped
 * and relocated at the start of every run, render or not (doc/performance.md).
 * A module that uses one declares its functions with PP_DYNLIB_FUNC in a
 * struct and loads them with PP_DYNLIB_LOAD on first use:
 *
 *   #define POP_FUNCS(X) X(poppler_document_get_n_pages) ...
 *   static struct { POP_FUNCS(PP_DYNLIB_FUNC) } pop;
 *   if (PP_DYNLIB_LOAD(&lib, POP_FUNCS, pop, err) != 0) return -1;
 *   n = pop.poppler_document_get_n_pages(doc);
 *
 * The library's headers give the prototypes, the build its soname
 * (config.h), so a call through the struct is type-checked like a direct
 * one.
 */
#ifndef PP_DYNLIB_H
#define PP_DYNLIB_H

#include "diag.h"

struct pp_dynlib {
	const char *soname;   /* "libpoppler-glib.so.8" */
	const char *fallback; /* the file the build found, tried when the
				 soname is not in the loader's search path */
	const char *package;  /* the package that ships it, or "" */
	const char *purpose;  /* translated later: "check PDF files" */
	int state;	      /* 0 not tried, 1 loaded, -1 failed */
	void *handle;
	char error[512]; /* why it failed, for every later call */
};

#define PP_DYNLIB_INIT(soname, fallback, package, purpose)                     \
	{                                                                      \
		(soname), (fallback), (package), (purpose), 0, NULL, ""        \
	}

/* A struct member: a pointer to the library function of that name. */
#define PP_DYNLIB_FUNC(f) __typeof__(f) *f;

/* Opens lib's file; NULL with err filled and lib->error kept. */
void *pp_dynlib_open(struct pp_dynlib *lib, struct pp_error *err);
/* A symbol of the open library; NULL with err filled and lib->error kept. */
void *pp_dynlib_sym(struct pp_dynlib *lib, const char *name,
		    struct pp_error *err);
/* Reports, in err, why lib could not be loaded earlier. */
void pp_dynlib_failed(const struct pp_dynlib *lib, struct pp_error *err);

#define PP_DYNLIB_RESOLVE_(f)                                                  \
	if (ok_ && (fns_->f = (__typeof__(f) *)pp_dynlib_sym(lib_, #f,         \
							     err_)) == NULL)   \
		ok_ = 0;

/*
 * Opens lib the first time and fills every function of LIST into the struct
 * fns; later calls only say how the first one went.  0, or -1 with err
 * filled.
 */
#define PP_DYNLIB_LOAD(lib, LIST, fns, err)                                    \
	__extension__({                                                        \
		struct pp_dynlib *lib_ = (lib);                                \
		struct pp_error *err_ = (err);                                 \
		__typeof__(fns) *fns_ = &(fns);                                \
		if (lib_->state == 0) {                                        \
			int ok_ = pp_dynlib_open(lib_, err_) != NULL;          \
			LIST(PP_DYNLIB_RESOLVE_)                               \
			lib_->state = ok_ ? 1 : -1;                            \
		} else if (lib_->state < 0) {                                  \
			pp_dynlib_failed(lib_, err_);                          \
		}                                                              \
		lib_->state > 0 ? 0 : -1;                                      \
	})

#endif
