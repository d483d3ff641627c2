/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The paraphe library: what the command line (main.c), the campaign kits
 * (kit.c) and the tests build on.  One header for all of it; each module's
 * header below documents its part (who owns what, how a call fails).
 *
 * Conventions (DESIGN.md): every symbol starts with pp_; a call that can
 * fail returns -1 (or NULL) and fills the caller's struct pp_error; findings
 * that are not failures go to a struct pp_diags; the library never prints
 * and never exits (running out of memory aborts).
 *
 * Private to the library, not included here: the stages that render.h
 * drives (layout.h with the PDF and PNG writers, odt.h, images.h), the
 * helpers of single modules (expr.h, french.h, hyphenate.h, identifiers.h,
 * suggest.h, template_private.h, utf8.h, dynlib.h) and the allocators
 * (xalloc.h).  Unit tests may include those headers directly.
 */
#ifndef PP_PARAPHE_H
#define PP_PARAPHE_H

/* Positions, errors, diagnostics; the arenas forms and documents live in;
 * growable text buffers. */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "snippet.h"

/* Files: size-limited reading, atomic writing. */
#include "fileio.h"

/* Inputs: the value tree, read from YAML (forms, campaigns, charters) or
 * CSV (partner tables). */
#include "csvin.h"
#include "value.h"
#include "yamlin.h"

/* Models and forms: schemas, validation, a schema as JSON Schema; the
 * form "paraphe init" prints. */
#include "init.h"
#include "jsonschema.h"
#include "model.h"
#include "schema.h"

/* Templates expanded over a form into the document tree. */
#include "doc.h"
#include "template.h"

/* The graphic charter. */
#include "charte.h"

/* Outputs: a form's documents (PDF, ODT, PNG, XML, layout dumps); the
 * conformity checker; campaign kits. */
#include "check.h"
#include "kit.h"
#include "diff.h"
#include "pdfsource.h"
#include "render.h"

#endif
