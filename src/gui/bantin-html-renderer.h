/* bantin-html-renderer.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders sanitized HTML (the output of bantin_html_sanitize()) into a
 * GtkTextView: tags for headings, emphasis, links, lists, quotes and
 * preformatted text; child widgets for images (with captions) and tables.
 * Returns the number of images it placed.
 *
 * The image function returns a new reference (transfer full) to a paintable
 * for the URL, or NULL when the image is not available offline, in which
 * case a placeholder with the alt text is shown. Nothing is ever fetched.
 * Links are tags that carry their URL (see bantin_html_renderer_get_link());
 * clicking one opens it with gtk_show_uri(). */
typedef GdkPaintable *(*BantinHtmlImageFunc) (const char *url,
                                              gpointer    user_data);

guint       bantin_html_renderer_render   (GtkTextView         *view,
                                           const char          *html,
                                           BantinHtmlImageFunc  image_func,
                                           gpointer             user_data);
const char *bantin_html_renderer_get_link (const GtkTextIter   *iter);
void        bantin_html_renderer_set_max_image_width (GtkTextView *view,
                                                      int          width);

G_END_DECLS
