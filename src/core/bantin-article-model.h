/* bantin-article-model.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bantin-store.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_ARTICLE_MODEL (bantin_article_model_get_type ())

G_DECLARE_FINAL_TYPE (BantinArticleModel, bantin_article_model, BANTIN, ARTICLE_MODEL, GObject)

/* A lazy GListModel of BantinArticle, newest first. It holds only the row
 * ids of the current query (loaded off the main thread) and builds an
 * article when get_item() asks for it, so a million cached articles cost
 * eight megabytes of ids and nothing more. */
BantinArticleModel *bantin_article_model_new          (const char                *db_path);
void                bantin_article_model_set_query    (BantinArticleModel        *self,
                                                       const BantinArticleQuery  *query);
void                bantin_article_model_reload       (BantinArticleModel        *self);
gboolean            bantin_article_model_get_loading  (BantinArticleModel        *self);
guint               bantin_article_model_find         (BantinArticleModel        *self,
                                                       gint64                     article_id);
gint64              bantin_article_model_get_id       (BantinArticleModel        *self,
                                                       guint                      position);

G_END_DECLS
