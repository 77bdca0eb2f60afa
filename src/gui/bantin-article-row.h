/* bantin-article-row.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_ARTICLE_ROW (bantin_article_row_get_type ())

G_DECLARE_FINAL_TYPE (BantinArticleRow, bantin_article_row, BANTIN, ARTICLE_ROW, GtkWidget)

/* One line of the article list: title (bold while unread), a line of the
 * summary, the feed, the time, and a star. It follows the article's
 * "read" and "starred" properties. */
GtkWidget     *bantin_article_row_new      (void);
BantinArticle *bantin_article_row_get_item (BantinArticleRow *self);
void           bantin_article_row_set_item (BantinArticleRow *self,
                                            BantinArticle    *item);

G_END_DECLS
