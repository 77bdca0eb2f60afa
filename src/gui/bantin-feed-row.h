/* bantin-feed-row.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-sidebar-item.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_FEED_ROW (bantin_feed_row_get_type ())

G_DECLARE_FINAL_TYPE (BantinFeedRow, bantin_feed_row, BANTIN, FEED_ROW, GtkWidget)

/* A sidebar row: icon, title, unread count, and a warning icon whose
 * tooltip says why the feed's last sync failed. */
GtkWidget         *bantin_feed_row_new      (BantinSidebarItem *item);
BantinSidebarItem *bantin_feed_row_get_item (BantinFeedRow     *self);
void               bantin_feed_row_set_item (BantinFeedRow     *self,
                                             BantinSidebarItem *item);

G_END_DECLS
