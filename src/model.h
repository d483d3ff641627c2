/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Models (models/<name>/) and forms: finding a model in the data folder,
 * reading a form and validating it against the models it asks for.
 */
#ifndef PP_MODEL_H
#define PP_MODEL_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "schema.h"
#include "value.h"

/* The form format version this paraphe reads. */
#define PP_FORM_VERSION 1

struct pp_model {
	char *name;		  /* "convention", "fiche-projet" */
	char *dir;		  /* the model's folder */
	struct pp_schema *schema; /* its form schema */
};

/*
 * Loads the model called name from datadir/models/, or from the folder name
 * itself when it contains a '/'.  Returns NULL with err filled.
 */
struct pp_model *pp_model_load(const char *datadir, const char *name,
			       struct pp_error *err);
/*
 * Where that model is, without reading its schema: its folder and its name
 * (g_free both).  -1 with err filled when there is no such model.
 */
int pp_model_locate(const char *datadir, const char *name, char **dir,
		    char **base, struct pp_error *err);
void pp_model_free(struct pp_model *m);

/* Names of the models under datadir/models, sorted; caller frees with
 * g_strfreev().  NULL when the folder cannot be read. */
char **pp_model_list(const char *datadir);

/* A form read from disk: its value tree lives in its own arena. */
struct pp_form {
	struct pp_arena *arena;
	char *path;
	struct pp_value *root;
	char *source; /* the file's bytes, as read */
	size_t source_len;
};

/* Reads a form; NULL with err filled when it cannot be read as YAML. */
struct pp_form *pp_form_read(const char *path, struct pp_error *err);
void pp_form_free(struct pp_form *f);

/*
 * The models a form asks for (document.types, "fiche_projet" naming the
 * model "fiche-projet"); NULL-terminated, caller frees with g_strfreev().
 * Both models when the form does not say.
 */
char **pp_form_model_names(const struct pp_form *f);

/*
 * Validates f: format version, then the schema of every model named in
 * models (NULL: the form's own list).  Appends sorted diagnostics, without
 * repeats, to d and returns the number of errors.  A model that cannot be
 * loaded is reported in d.  A form without errors is then checked for
 * coherence (src/coherence.h) against datadir's electoral calendar: its
 * warnings follow; a malformed calendar is reported as errors.
 */
size_t pp_form_validate(struct pp_form *f, const char *datadir,
			char *const *models, struct pp_diags *d);

#endif
