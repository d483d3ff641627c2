/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Drawing laid-out pages with Cairo: a tagged PDF with metadata, bookmarks
 * and links, written to a temporary file and renamed; or PNG previews.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "layout.h"
#include "xalloc.h"

struct pdf_sink {
	int fd;
	int failed;
	int errnum;
};

static cairo_status_t
pdf_write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_sink *s = closure;

	while (len > 0) {
		ssize_t n = write(s->fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->failed = 1;
			s->errnum = n < 0 ? errno : ENOSPC;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		data += n;
		len -= (unsigned int)n;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void
pdf_color(cairo_t *cr, const struct pp_color *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* The bloc-marque: the official artwork when the charter names one,
 * otherwise the placeholder block (its texts are ordinary text items). */
static void
pdf_marque(cairo_t *cr, const struct pp_item *it)
{
	if (it->name != NULL) {
		GError *gerr = NULL;
		RsvgHandle *h = rsvg_handle_new_from_file(it->name, &gerr);

		if (h != NULL) {
			RsvgRectangle vp = {it->x, it->y, it->w, it->h};

			rsvg_handle_set_dpi(h, 72);
			rsvg_handle_render_document(h, cr, &vp, NULL);
			g_object_unref(h);
			return;
		}
		g_clear_error(&gerr);
	}
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0x91 / 255.0);
	cairo_rectangle(cr, it->x, it->y, it->w / 2, it->h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0xE1 / 255.0, 0, 0x0F / 255.0);
	cairo_rectangle(cr, it->x + it->w / 2, it->y, it->w / 2, it->h);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void
pdf_page(cairo_t *cr, const struct pp_page *pg, int tags)
{
	size_t k;

	for (k = 0; k < pg->n; k++) {
		const struct pp_item *it = &pg->items[k];

		switch (it->kind) {
		case PP_ITEM_TEXT:
			pdf_color(cr, &it->color);
			/* The whole layout, not its line: alignment is a
			 * property of the layout. */
			cairo_move_to(cr, it->x, it->y + it->layout_dy);
			pango_cairo_show_layout(cr, it->layout);
			if (tags && it->link != NULL) {
				char *attrs = g_strdup_printf(
				    "%s rect=[%.2f %.2f %.2f %.2f]", it->link,
				    it->link_x, it->y, it->link_w, it->h);

				cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
				cairo_tag_end(cr, CAIRO_TAG_LINK);
				g_free(attrs);
			}
			break;
		case PP_ITEM_RECT:
			pdf_color(cr, &it->color);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_fill(cr);
			break;
		case PP_ITEM_FRAME:
			pdf_color(cr, &it->color);
			cairo_set_line_width(cr, 0.5);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_stroke(cr);
			break;
		case PP_ITEM_RULE:
			pdf_color(cr, &it->color);
			cairo_set_line_width(cr, it->h > 0 ? it->h : 0.5);
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->x + it->w, it->y);
			cairo_stroke(cr);
			break;
		case PP_ITEM_MARQUE:
			if (tags) {
				char *a = g_strdup_printf(
				    "name='paraphe-bloc-marque'");

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				g_free(a);
			}
			pdf_marque(cr, it);
			if (tags)
				cairo_tag_end(cr, CAIRO_TAG_DEST);
			break;
		case PP_ITEM_IMAGE:
			break;
		case PP_ITEM_TAG_BEGIN:
			if (tags)
				cairo_tag_begin(cr, it->tag,
						it->attrs ? it->attrs : "");
			break;
		case PP_ITEM_TAG_END:
			if (tags)
				cairo_tag_end(cr, it->tag);
			break;
		case PP_ITEM_DEST:
			if (tags) {
				char *a =
				    g_strdup_printf("name='%s'", it->name);

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				cairo_tag_end(cr, CAIRO_TAG_DEST);
				g_free(a);
			}
			break;
		}
	}
}

int
pp_pdf_write(const struct pp_pages *p, const char *path, const char *date,
	     const char *creator, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct pdf_sink sink = {-1, 0, 0};
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	size_t i;
	int rc = -1;

	sink.fd = mkstemp(tmp);
	if (sink.fd < 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create a file in %s: %s"), dir,
			     strerror(errno));
		goto out;
	}
	fchmod(sink.fd, 0644);
	s = cairo_pdf_surface_create_for_stream(pdf_write_cb, &sink, p->width,
						p->height);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	if (p->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       p->title);
	if (p->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
					       p->author);
	if (p->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
					       p->subject);
	if (p->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS,
					       p->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", "");
	for (i = 0; i < p->n; i++) {
		char label[32];

		snprintf(label, sizeof(label), "%zu", i + 1);
		cairo_pdf_surface_set_page_label(s, label);
		pdf_page(cr, &p->pages[i], 1);
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	for (i = 0; i < p->noutline; i++) {
		char *link = g_strdup_printf("dest='%s'", p->outline[i].dest);

		cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT,
					      p->outline[i].title, link, 0);
		g_free(link);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS || sink.failed) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the PDF: %s"),
			     sink.failed ? strerror(sink.errnum)
					 : cairo_status_to_string(st));
		goto out;
	}
	if (fsync(sink.fd) != 0 || close(sink.fd) != 0) {
		sink.fd = -1;
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the PDF: %s"), strerror(errno));
		goto out;
	}
	sink.fd = -1;
	if (rename(tmp, path) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the PDF: %s"), strerror(errno));
		goto out;
	}
	{
		int dfd = open(dir, O_RDONLY | O_DIRECTORY);

		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	rc = 0;
out:
	if (sink.fd >= 0)
		close(sink.fd);
	if (rc != 0)
		unlink(tmp);
	g_free(tmp);
	g_free(dir);
	g_free(base);
	return rc;
}

int
pp_png_write(const struct pp_pages *p, const char *path_prefix, double dpi,
	     struct pp_error *err)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		double scale = dpi / 72.0;
		int w = (int)(p->width * scale + 0.5);
		int h = (int)(p->height * scale + 0.5);
		cairo_surface_t *s =
		    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_t *cr = cairo_create(s);
		char *path = g_strdup_printf("%s-%zu.png", path_prefix, i + 1);
		char *tmp = g_strdup_printf("%s.tmp", path);
		cairo_status_t st;

		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, scale, scale);
		pdf_page(cr, &p->pages[i], 0);
		cairo_destroy(cr);
		st = cairo_surface_write_to_png(s, tmp);
		cairo_surface_destroy(s);
		if (st != CAIRO_STATUS_SUCCESS || rename(tmp, path) != 0) {
			struct pp_pos pos = {path, 0, 0};

			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot write the image: %s"),
				     cairo_status_to_string(st));
			unlink(tmp);
			g_free(tmp);
			g_free(path);
			return -1;
		}
		g_free(tmp);
		g_free(path);
	}
	return 0;
}
