/* bantin-sidebar-item.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  BANTIN_SIDEBAR_ALL,
  BANTIN_SIDEBAR_UNREAD,
  BANTIN_SIDEBAR_STARRED,
  BANTIN_SIDEBAR_FOLDER,
  BANTIN_SIDEBAR_FEED,
  /* The "Subscriptions" label above the folders and feeds: an item of
   * its own, since GtkListView in GTK 4.8 has no section headers. */
  BANTIN_SIDEBAR_HEADING,
} BantinSidebarKind;

#define BANTIN_TYPE_SIDEBAR_ITEM (bantin_sidebar_item_get_type ())

G_DECLARE_FINAL_TYPE (BantinSidebarItem, bantin_sidebar_item, BANTIN, SIDEBAR_ITEM, GObject)

/* One entry of the sidebar: a smart view, a folder or a feed. The window
 * fills these from the store; BantinFeedRow only shows them. "title",
 * "unread-count" and "error" notify when the window updates them. */
BantinSidebarItem *bantin_sidebar_item_new              (BantinSidebarKind  kind,
                                                         gint64             feed_id,
                                                         const char        *folder,
                                                         const char        *title);
BantinSidebarKind  bantin_sidebar_item_get_kind         (BantinSidebarItem *self);
gint64             bantin_sidebar_item_get_feed_id      (BantinSidebarItem *self);
const char        *bantin_sidebar_item_get_folder       (BantinSidebarItem *self);
const char        *bantin_sidebar_item_get_icon_name    (BantinSidebarItem *self);
gboolean           bantin_sidebar_item_get_nested       (BantinSidebarItem *self);
const char        *bantin_sidebar_item_get_title        (BantinSidebarItem *self);
void               bantin_sidebar_item_set_title        (BantinSidebarItem *self,
                                                         const char        *title);
guint              bantin_sidebar_item_get_unread_count (BantinSidebarItem *self);
void               bantin_sidebar_item_set_unread_count (BantinSidebarItem *self,
                                                         guint              count);
const char        *bantin_sidebar_item_get_error        (BantinSidebarItem *self);
void               bantin_sidebar_item_set_error        (BantinSidebarItem *self,
                                                         const char        *error);
gboolean           bantin_sidebar_item_matches          (BantinSidebarItem *self,
                                                         BantinSidebarKind  kind,
                                                         gint64             feed_id,
                                                         const char        *folder);

G_END_DECLS
