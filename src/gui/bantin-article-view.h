/* bantin-article-view.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_ARTICLE_VIEW (bantin_article_view_get_type ())

G_DECLARE_FINAL_TYPE (BantinArticleView, bantin_article_view, BANTIN, ARTICLE_VIEW, AdwBin)

/* Shows one article natively (no web engine): a header with title, feed,
 * author and date, an "Open in browser" button, and the sanitized HTML
 * rendered by BantinHtmlRenderer at a comfortable reading width. Text is
 * selectable across paragraphs; links open in the browser. Nothing is
 * fetched from the network: images come from the image lookup function
 * (the offline cache), else a placeholder with their alt text.
 *
 * When the article has both the feed's content and the article extracted
 * from its web page, the better one shows first and two linked buttons
 * switch between them; the reader's choice holds for the following
 * articles ("shown-content", "full" or "feed").
 *
 * Images come from the article's cached files (see
 * bantin_article_view_show_article()), else from the lookup function.
 *
 * Actions on the widget: "article.zoom-in", "article.zoom-out",
 * "article.zoom-reset", "article.open-in-browser", "article.print",
 * "article.shown-content" (a string: "full" or "feed"). */
typedef GdkPaintable *(*BantinImageLookupFunc) (const char *url,
                                                gpointer    user_data);

GtkWidget     *bantin_article_view_new               (void);
BantinArticle *bantin_article_view_get_article       (BantinArticleView     *self);
void           bantin_article_view_set_article       (BantinArticleView     *self,
                                                      BantinArticle         *article);
void           bantin_article_view_show_article      (BantinArticleView     *self,
                                                      BantinArticle         *article,
                                                      GHashTable            *images,
                                                      GHashTable            *textures);
GHashTable    *bantin_article_view_decode_images     (GHashTable            *images) G_GNUC_WARN_UNUSED_RESULT;
gboolean       bantin_article_view_get_showing_full  (BantinArticleView     *self);
const char    *bantin_article_view_get_shown_content (BantinArticleView     *self);
void           bantin_article_view_set_shown_content (BantinArticleView     *self,
                                                      const char            *shown);
GtkPrintOperation *bantin_article_view_create_print_operation (BantinArticleView *self) G_GNUC_WARN_UNUSED_RESULT;
double         bantin_article_view_get_zoom          (BantinArticleView     *self);
void           bantin_article_view_set_zoom          (BantinArticleView     *self,
                                                      double                 zoom);
void           bantin_article_view_set_image_lookup  (BantinArticleView     *self,
                                                      BantinImageLookupFunc  func,
                                                      gpointer               user_data,
                                                      GDestroyNotify         destroy);

G_END_DECLS
