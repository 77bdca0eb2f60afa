/* bantin-window-private.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bantin-article-view.h"
#include "bantin-date-picker.h"
#include "bantin-pane-handle.h"
#include "bantin-sidebar-item.h"
#include "bantin-store-worker.h"
#include "bantin-window.h"

G_BEGIN_DECLS

struct _BantinWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *outer_leaflet;
  AdwLeaflet           *inner_leaflet;
  GtkWidget            *sidebar_pane;      /* A BantinPane, like the list's and the view's. */
  GtkWidget            *content_pane;
  GtkWidget            *list_pane;
  GtkWidget            *view_pane;
  BantinPaneHandle     *sidebar_handle;
  BantinPaneHandle     *list_handle;
  GtkListView          *sidebar_list;
  BantinDatePicker     *date_picker;
  GtkStack             *refresh_stack;
  GtkSpinner           *sync_spinner;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *offline_revealer;
  GtkRevealer          *sync_revealer;
  GtkLabel             *sync_label;
  GtkProgressBar       *sync_progress;
  GtkStack             *list_stack;
  GtkListView          *article_list;
  AdwStatusPage        *empty_page;
  GtkWidget            *go_to_day_button;
  GtkWidget            *all_dates_button;
  GtkWidget            *clear_search_button;
  GtkStack             *view_stack;
  BantinArticleView    *article_view;
  AdwWindowTitle       *view_title;
  GtkButton            *star_button;
  GtkButton            *read_button;

  /* Owned references */
  GSettings            *settings;
  BantinSyncEngine     *engine;
  BantinStoreWorker    *worker;
  BantinArticleModel   *article_model;
  GtkSingleSelection   *selection;
  GListStore           *sidebar_store;
  GtkSingleSelection   *sidebar_selection;
  GNetworkMonitor      *network_monitor;   /* Borrowed: the default monitor. */
  GCancellable         *cancellable;       /* Cancelled when the window goes. */
  GCancellable         *article_cancellable; /* Cancelled when another article opens. */
  GCancellable         *sync_cancellable;
  GHashTable           *pending_subscriptions;

  /* The current view. */
  BantinSidebarKind     view_kind;
  gint64                view_feed_id;
  char                 *view_folder;
  BantinDay             day;
  char                 *search_text;
  gint64                selected_article_id;
  BantinDay             nearest_day;

  guint                 sync_timeout_id;
  guint                 reload_timeout_id;
  guint                 unseen_new_articles; /* Since the window was last active. */
  guint                 count_serial;
  guint                 sidebar_serial;
  guint                 suppress_selection : 1;
  guint                 syncing : 1;
  guint                 sync_again : 1;
  guint                 scroll_after_load : 1;
  guint                 quiet_sync : 1;
  guint                 sidebar_loaded : 1;
  guint                 restoring : 1;
  guint                 has_feeds : 1;
  guint                 background_sync : 1;   /* The next sync was not asked for. */
  guint                 sync_in_background : 1; /* The running one was not. */
};

/* bantin-window.c */
void     _bantin_window_fill_query         (BantinWindow        *self,
                                            BantinArticleQuery  *query,
                                            gboolean             with_day);
void     _bantin_window_reload_sidebar     (BantinWindow        *self);
void     _bantin_window_reload_articles    (BantinWindow        *self);
void     _bantin_window_refresh_counts     (BantinWindow        *self);
void     _bantin_window_toast              (BantinWindow        *self,
                                            const char          *text);
BantinArticle *_bantin_window_get_selected_article (BantinWindow *self);
void     _bantin_window_adjust_unread      (BantinWindow        *self,
                                            gint64               feed_id,
                                            int                  delta);
void     _bantin_window_update_main_page   (BantinWindow        *self);
void     _bantin_window_set_day            (BantinWindow        *self,
                                            BantinDay            day);

/* bantin-window-actions.c */
void     _bantin_window_class_actions_init (GtkWidgetClass      *widget_class);
void     _bantin_window_update_actions     (BantinWindow        *self);
void     _bantin_window_set_article_read   (BantinWindow        *self,
                                            BantinArticle       *article,
                                            gboolean             read);
void     _bantin_window_show_feed_menu     (BantinWindow        *self,
                                            GtkWidget           *row,
                                            double               x,
                                            double               y);
void     _bantin_window_connect_engine     (BantinWindow        *self);
void     _bantin_window_sync_feeds         (BantinWindow        *self,
                                            const gint64        *feed_ids,
                                            guint                n_feed_ids);

G_END_DECLS
