/* bantin-feed.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bantin-types.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_FEED (bantin_feed_get_type ())

G_DECLARE_FINAL_TYPE (BantinFeed, bantin_feed, BANTIN, FEED, GObject)

/* A subscription as stored, with its counts. Built by BantinStore. */
gint64      bantin_feed_get_id            (BantinFeed *self);
const char *bantin_feed_get_url           (BantinFeed *self);
const char *bantin_feed_get_title         (BantinFeed *self);
const char *bantin_feed_get_site_url      (BantinFeed *self);
const char *bantin_feed_get_folder        (BantinFeed *self);
guint       bantin_feed_get_article_count (BantinFeed *self);
guint       bantin_feed_get_unread_count  (BantinFeed *self);
int         bantin_feed_get_last_status   (BantinFeed *self);
const char *bantin_feed_get_last_error    (BantinFeed *self);
gint64      bantin_feed_get_last_success  (BantinFeed *self);
gint64      bantin_feed_get_next_check    (BantinFeed *self);
gboolean    bantin_feed_get_gone          (BantinFeed *self);
void        bantin_feed_set_unread_count  (BantinFeed *self,
                                           guint       unread_count);

G_END_DECLS
