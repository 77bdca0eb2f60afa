/* bantin-window.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_WINDOW (bantin_window_get_type ())

G_DECLARE_FINAL_TYPE (BantinWindow, bantin_window, BANTIN, WINDOW, AdwApplicationWindow)

/* The reader window: sidebar, article list and article view. It wires the
 * store's models to the widgets and runs every store access off the main
 * thread. @application may be NULL (tests). */
BantinWindow       *bantin_window_new                (GtkApplication   *application,
                                                      BantinSyncEngine *engine);
BantinSyncEngine   *bantin_window_get_sync_engine    (BantinWindow     *self);
BantinArticleModel *bantin_window_get_article_model  (BantinWindow     *self);
GListModel         *bantin_window_get_sidebar_model  (BantinWindow     *self);
void                bantin_window_sync               (BantinWindow     *self);
void                bantin_window_subscribe_urls     (BantinWindow     *self,
                                                      const char * const *urls);
gboolean            bantin_window_get_busy           (BantinWindow     *self);

G_END_DECLS
