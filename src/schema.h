/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Model schemas: what a form for a model must hold (models/<m>/schema.yaml,
 * with shared named types in models/types.yaml), and the validator that
 * reports every breach with its position and data path.
 *
 * A field specification is a map:
 *   type         string | integer | number | boolean | date | list | map |
 *                enum | any | <a named type from types.yaml>
 *   required     true when the key must be present (null counts as absent)
 *   required_if  {field: SIBLING, values: [...]}: required when the sibling
 *                key holds one of the values
 *   default      value filled in when the key is absent
 *   description  what the field is, in French, for users and editors
 *   fields       map: the keys it may hold, each a field specification
 *   items        list: the specification of every item
 *   values       enum: the allowed values
 *   min, max     integer, number: bounds
 *   min_length, max_length   string: characters; list: items
 *   pattern      string: a regular expression the whole text must match
 *   pattern_help string: what the pattern means, shown when it fails
 *   format       string: siren, siret, tva, rna, email, url, telephone,
 *                code_postal, couleur; or image: a path, relative to the
 *                form's folder, to a readable PNG, JPEG or SVG file of at
 *                most PP_IMAGE_MAX_BYTES (images.h; the file is opened)
 *                markdown: an annex's Markdown file, relative to the
 *                form's folder and inside it (annex.h; the file is read
 *                and checked)
 *   must_be      boolean: the only acceptable value; message: why
 *   not_before   date: a sibling date this one may not precede
 *   excludes     a sibling key that may not be given with this one
 */
#ifndef PP_SCHEMA_H
#define PP_SCHEMA_H

#include "arena.h"
#include "diag.h"
#include "value.h"

struct pp_schema;

/*
 * Loads schema_path, whose named types come from types_path (may be NULL).
 * Returns a schema (free with pp_schema_free) or NULL with err filled.
 */
struct pp_schema *pp_schema_load(const char *schema_path,
				 const char *types_path, struct pp_error *err);
void pp_schema_free(struct pp_schema *s);

/* The schema's model name and title (borrowed). */
const char *pp_schema_model(const struct pp_schema *s);
const char *pp_schema_title(const struct pp_schema *s);
/* The root field specification (borrowed), for exporters. */
const struct pp_value *pp_schema_root(const struct pp_schema *s);
/* Resolves a named type (borrowed), or NULL. */
const struct pp_value *pp_schema_type(const struct pp_schema *s,
				      const char *name);

/*
 * Validates form against s, appending every breach to d.  Fills absent keys
 * that have a default (new nodes in arena a) and turns scalars written
 * where text is expected into text.  Returns the number of errors added.
 */
size_t pp_schema_validate(const struct pp_schema *s, struct pp_arena *a,
			  struct pp_value *form, struct pp_diags *d);

/*
 * The same, with the folder that relative paths of the "image" format start
 * from.  base_dir NULL: the folder of the form's file (form->pos.file, "."
 * for a form without one), which is what pp_schema_validate uses.
 */
size_t pp_schema_validate_dir(const struct pp_schema *s, struct pp_arena *a,
			      struct pp_value *form, const char *base_dir,
			      struct pp_diags *d);

/*
 * Whether a form must hold the key at path (dotted, list items as their
 * number: "fiche_projet.jalons.0.date"; an item has its list's need):
 * PP_FIELD_REQUIRED when it and each key above it are required;
 * PP_FIELD_REQUIRED_IF when it is required only when a sibling holds
 * certain values (returns that sibling's name, borrowed from the schema);
 * PP_FIELD_REQUIRED_IN when it is required but a key above it may be left
 * out (returns the nearest such key); PP_FIELD_OPTIONAL when it may be
 * left out; PP_FIELD_UNKNOWN when the schema has no such key;
 * PP_FIELD_FIXED when the key, present or not, may hold only one value
 * (must_be; returns it, "true" or "false").
 */
enum {
	PP_FIELD_UNKNOWN,
	PP_FIELD_OPTIONAL,
	PP_FIELD_REQUIRED_IF,
	PP_FIELD_REQUIRED_IN,
	PP_FIELD_REQUIRED,
	PP_FIELD_FIXED,
};
const char *pp_schema_field_need(const struct pp_schema *s, const char *path,
				 int *need);

/*
 * The value "paraphe init" writes where the form needs the user's own:
 * validation refuses a text that holds it in capitals (with or without
 * its accents) or that is only it (in any case), at its position, saying
 * what to write instead.
 */
#define PP_PLACEHOLDER "À COMPLÉTER"
/* 1 when text holds PP_PLACEHOLDER so. */
int pp_schema_is_placeholder(const char *text);

#endif
