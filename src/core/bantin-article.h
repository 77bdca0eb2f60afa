/* bantin-article.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bantin-types.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_ARTICLE (bantin_article_get_type ())

G_DECLARE_FINAL_TYPE (BantinArticle, bantin_article, BANTIN, ARTICLE, GObject)

/* One stored article. Built by BantinStore; content is loaded only when
 * asked for (bantin_store_get_article (…, TRUE, …)), since list rows never
 * need it. "read" and "starred" notify when changed. */
gint64      bantin_article_get_id         (BantinArticle *self);
gint64      bantin_article_get_feed_id    (BantinArticle *self);
const char *bantin_article_get_feed_title (BantinArticle *self);
const char *bantin_article_get_guid       (BantinArticle *self);
const char *bantin_article_get_title      (BantinArticle *self);
const char *bantin_article_get_link       (BantinArticle *self);
const char *bantin_article_get_author     (BantinArticle *self);
const char *bantin_article_get_summary    (BantinArticle *self);   /* Plain text. */
const char *bantin_article_get_content    (BantinArticle *self);   /* Sanitized HTML, or NULL if not loaded. */
const char *bantin_article_get_image_url  (BantinArticle *self);
/* The article extracted from its web page during sync (sanitized HTML),
 * or NULL when none was fetched or content was not loaded. */
const char *bantin_article_get_full_content (BantinArticle *self);
gint64      bantin_article_get_published  (BantinArticle *self);   /* Unix seconds, UTC. */
BantinDay   bantin_article_get_local_day  (BantinArticle *self);
gint64      bantin_article_get_fetched    (BantinArticle *self);
gboolean    bantin_article_get_read       (BantinArticle *self);
gboolean    bantin_article_get_starred    (BantinArticle *self);
void        bantin_article_set_read       (BantinArticle *self,
                                           gboolean       read);
void        bantin_article_set_starred    (BantinArticle *self,
                                           gboolean       starred);

G_END_DECLS
