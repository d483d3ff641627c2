/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The document tree: the contract between templates and the PDF and ODT
 * writers.  Blocks (headings, paragraphs, articles, lists, tables,
 * signatures...) hold inline runs (text, strong, emphasis, links).  Every
 * node and string lives in the document's arena, freed at once.
 */
#ifndef PP_DOC_H
#define PP_DOC_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"

enum pp_node_kind {
	/* blocks */
	PP_NODE_DOCUMENT,
	PP_NODE_MARQUE,	    /* the bloc-marque; lines */
	PP_NODE_LOGOS,	    /* the partner zone; title = label */
	PP_NODE_LOGO,	    /* href = image file, title = partner name */
	PP_NODE_HEADING,    /* number = level 1..3 */
	PP_NODE_PARAGRAPH,  /* inlines */
	PP_NODE_ARTICLE,    /* id, title, number */
	PP_NODE_ANNEX,	    /* id, title, number */
	PP_NODE_LIST,	    /* number = 1 when numbered */
	PP_NODE_ITEM,	    /* blocks */
	PP_NODE_TABLE,	    /* widths */
	PP_NODE_ROW,	    /* number = 1 for a header row */
	PP_NODE_CELL,	    /* blocks */
	PP_NODE_SIGNATURES, /* parties */
	PP_NODE_PARTY,	    /* title; text = its paraphe box label; blocks */
	PP_NODE_PAGEBREAK,
	/* inlines */
	PP_NODE_TEXT,	   /* text */
	PP_NODE_STRONG,	   /* inlines */
	PP_NODE_EMPH,	   /* inlines */
	PP_NODE_LINK,	   /* href; inlines */
	PP_NODE_LINEBREAK, /* forced line break */
	PP_NODE_REF,	   /* id = target; text = resolved words as plain
			      text; inlines = the same words to print */
	PP_NODE_SUPER,	   /* inlines set as a superscript ("1er") */
	PP_NODE__COUNT
};

struct pp_node {
	enum pp_node_kind kind;
	struct pp_node *parent, *first, *last, *prev, *next;
	const char *style;  /* a charter style name, or NULL for the default */
	const char *text;   /* TEXT, REF */
	const char *id;	    /* ARTICLE, ANNEX, REF (target) */
	const char *title;  /* ARTICLE, ANNEX, PARTY, LOGOS, LOGO */
	const char *href;   /* LINK, LOGO */
	int number;	    /* see the kinds above */
	const char **lines; /* MARQUE: the title lines */
	size_t nlines;
	int *widths; /* TABLE: column widths in per cent */
	size_t ncols;
	struct pp_pos pos; /* where the template made it */
};

/* A clause of the library that the document includes. */
struct pp_doc_clause {
	const char *id, *version, *status;
};

struct pp_doc {
	struct pp_arena *arena;
	struct pp_node *root; /* PP_NODE_DOCUMENT */
	const char *model;    /* the model's name */
	const char *title, *subject, *keywords;
	const char *author;    /* the issuing ministry, for the PDF */
	const char *reference; /* printed in every footer, or NULL */
	int paraphes;	       /* 1: boxes for initials, one per party, on
				  every page but the signature page
				  (handwritten signature) */
	int draft; /* 1: a draft, marked PP_DRAFT_MARK on every page */
	/* 1: the PDF gets an empty signature field over each party's
	 * signature space (electronic signature, or on request) */
	int signature_fields;
	struct pp_doc_clause *clauses; /* in order of first use */
	size_t nclauses, clauses_cap;
	/* The folder that relative image paths (PP_NODE_LOGO's href, as the
	 * form wrote it) start from: pp_template_expand sets it to the folder
	 * of the form's file (the form value's pos.file; "." for a form read
	 * from memory without a file name).  A caller whose form comes from
	 * elsewhere may point it to another string that outlives the doc
	 * (e.g. pp_arena_strdup(doc->arena, dir)).  NULL: the current
	 * folder. */
	const char *base_dir;
	/* Proper nouns of the form that neither output may hyphenate
	 * (DOMAIN §2.4; hyphennames.h), NULL-terminated, or NULL: the
	 * renderer sets them from the form. */
	const char *const *nohyphen;
};

/* A new empty document with its own arena; free with pp_doc_free. */
struct pp_doc *pp_doc_new(void);
void pp_doc_free(struct pp_doc *doc);

/* A detached node in doc's arena; pos may be NULL. */
struct pp_node *pp_doc_node_new(struct pp_doc *doc, enum pp_node_kind kind,
				const struct pp_pos *pos);
/* 1 when a node of kind child may be a child of a node of kind parent:
 * the tree's one invariant table. */
int pp_doc_can_contain(enum pp_node_kind parent, enum pp_node_kind child);
/* Appends child to parent; -1 (and nothing done) when the table forbids
 * it. */
int pp_doc_append(struct pp_node *parent, struct pp_node *child);
/* Inserts node after sibling, under sibling's parent; -1 (and nothing
 * done) when the table forbids it or sibling has no parent. */
int pp_doc_insert_after(struct pp_node *sibling, struct pp_node *node);
void pp_doc_remove(struct pp_node *node);
int pp_doc_is_inline(enum pp_node_kind kind);
/* The element name used in dumps ("paragraph", "article"...). */
const char *pp_doc_kind_name(enum pp_node_kind kind);
/* Records a clause once (strings copied into the arena). */
void pp_doc_add_clause(struct pp_doc *doc, const char *id, const char *version,
		       const char *status);

/*
 * Appends to parent (a paragraph or heading) the inlines of an article's
 * heading, "Article N – title": the first article reads "Article 1er", its
 * "er" a PP_NODE_SUPER.  Nodes and strings in doc's arena.
 */
void pp_doc_article_heading(struct pp_doc *doc, struct pp_node *parent,
			    int number, const char *title);
/* The same heading as plain text ("Article 1er – Objet"), for outlines and
 * metadata, in buf (truncated to size). */
void pp_doc_article_heading_text(int number, const char *title, char *buf,
				 size_t size);

/* The block a word processor's signature page opens with when the
 * layout did not say (the ODT and the DOCX): the paragraph before the
 * signature block that introduces it, or the block itself; NULL when the
 * document has none. */
const struct pp_node *pp_doc_signature_opener(const struct pp_doc *doc);

/* The tree as indented XML, the golden-file format. */
void pp_doc_dump(const struct pp_doc *doc, struct pp_buf *out);

#endif
