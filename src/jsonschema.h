/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A model's form schema as a JSON Schema (draft 2020-12), for the YAML
 * language server of editors: it completes keys, shows the French
 * descriptions and flags unknown keys, wrong kinds, values outside a list,
 * lengths, bounds and patterns while the form is typed.  `paraphe validate`
 * stays the reference: identifier checks (SIREN, e-mail...), image files
 * and dates that may not precede another are not expressed.
 *
 * The translation:
 *   map with fields   "type": "object", "properties", "required",
 *                     "additionalProperties": false; required_if becomes
 *                     "allOf": [{"if": ..., "then": {"required": ...}}]
 *   map without       "type": "object" (free-form)
 *   list              "type": "array", "items", "minItems", "maxItems"
 *   string            "type": "string", "minLength", "maxLength", and
 *                     "pattern" anchored as "^(?:...)$" (left out when it
 *                     uses a construct ECMA-262 does not have; "(?i)" is
 *                     rewritten as letter classes)
 *   date              "type": "string", "format": "date" and a pattern
 *   integer, number   "type", "minimum", "maximum"
 *   boolean           "type": "boolean"; must_be gives "const"
 *   enum              "enum" (with "type": "string" when every value is
 *                     text)
 *   any               {} ; the top-level "version" gets "const": 1
 *   named type        "$ref": "#/$defs/NAME", each type used listed once
 *                     under "$defs"; a field that overrides a keyword of
 *                     its named type is written out in full instead
 * An optional field also accepts null (paraphe treats null as absent).
 * "description" and "default" are copied.
 */
#ifndef PP_JSONSCHEMA_H
#define PP_JSONSCHEMA_H

#include "buf.h"
#include "diag.h"
#include "schema.h"

/*
 * Appends the JSON Schema of s's form to out (UTF-8, indented, with a
 * final newline).  Returns 0, or -1 with err filled (PP_DIAG_SCHEMA) when
 * a named type refers to itself or specifications nest too deeply; out
 * is then left as it was.
 */
int pp_schema_to_json(const struct pp_schema *s, struct pp_buf *out,
		      struct pp_error *err);

#endif
