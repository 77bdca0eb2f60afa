/* bantin-window.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bantin-application.h"
#include "bantin-article-row.h"
#include "bantin-date-format.h"
#include "bantin-feed-row.h"
#include "bantin-report.h"
#include "bantin-window-private.h"

#define SETTINGS_SCHEMA_ID "io.github.bantin.Bantin"

G_DEFINE_FINAL_TYPE (BantinWindow, bantin_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SYNC_ENGINE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void update_empty_state (BantinWindow *self);
static gboolean is_online (BantinWindow *self);
static void update_article_buttons (BantinWindow *self);

/* Store jobs: these run on the worker's thread. */

static void
list_feeds_job (BantinStore  *store,
                GTask        *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *feeds;

  feeds = bantin_store_list_feeds (store, &error);
  if (feeds == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, feeds, (GDestroyNotify)g_ptr_array_unref);
}

typedef struct
{
  BantinArticleQuery query;
  char              *folder;
  char              *search;
  BantinDay          first;
  BantinDay          last;
  int                year;
  int                month;
  int                direction;
  gint64             article_id;
} QueryJob;

static void
query_job_free (gpointer data)
{
  QueryJob *job = data;

  g_free (job->folder);
  g_free (job->search);
  g_free (job);
}

static QueryJob *
query_job_new (BantinWindow *self,
               gboolean      with_day)
{
  QueryJob *job = g_new0 (QueryJob, 1);

  _bantin_window_fill_query (self, &job->query, with_day);
  /* The query borrows its strings: give the job copies of its own. */
  job->folder = g_strdup (job->query.folder);
  job->search = g_strdup (job->query.search);
  job->query.folder = job->folder;
  job->query.search = job->search;

  return job;
}

static void
count_days_job (BantinStore  *store,
                GTask        *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  QueryJob *job = task_data;
  GError *error = NULL;
  GArray *counts;

  counts = bantin_store_count_days (store, &job->query, job->first, job->last, &error);
  if (counts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, counts, (GDestroyNotify)g_array_unref);
}

static void
find_nearest_day_job (BantinStore  *store,
                      GTask        *task,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  QueryJob *job = task_data;
  GError *error = NULL;
  BantinDay day;

  /* Direction 0: the nearest day on either side, the earlier on a tie. */
  day = bantin_store_find_day_with_articles (store, &job->query, job->first, 0, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, day);
}

/* The article, where its cached images are and those images decoded,
 * found together so that the view lays the article out once, with its
 * pictures, and the main thread only builds widgets. */
static void
load_article_job (BantinStore  *store,
                  GTask        *task,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  QueryJob *job = task_data;
  GError *error = NULL;
  BantinArticle *article;
  GHashTable *images;

  article = bantin_store_get_article (store, job->article_id, TRUE, &error);
  if (article == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  images = bantin_report_load_images (store, job->article_id, &error);
  if (images == NULL)
    {
      g_debug ("Could not list the images of article %" G_GINT64_FORMAT ": %s",
               job->article_id, error->message);
      g_clear_error (&error);
    }
  else
    {
      /* The photos are decoded here too: on the main thread, an article
       * with a few large ones stalled the window for a moment. */
      g_object_set_data_full (G_OBJECT (article), "bantin-textures",
                              bantin_article_view_decode_images (images),
                              (GDestroyNotify) g_hash_table_unref);
      g_object_set_data_full (G_OBJECT (article), "bantin-images", images,
                              (GDestroyNotify) g_hash_table_unref);
    }

  g_task_return_pointer (task, article, g_object_unref);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Sidebar */

static char *
describe_view (BantinWindow *self)
{
  switch (self->view_kind)
    {
    case BANTIN_SIDEBAR_UNREAD:
      return g_strdup ("unread");

    case BANTIN_SIDEBAR_STARRED:
      return g_strdup ("starred");

    case BANTIN_SIDEBAR_FOLDER:
      return g_strdup ("folder");

    case BANTIN_SIDEBAR_FEED:
      return g_strdup ("feed");

    case BANTIN_SIDEBAR_ALL:
    case BANTIN_SIDEBAR_HEADING:
    default:
      return g_strdup ("all");
    }
}

static BantinSidebarKind
parse_view (const char *name)
{
  if (g_strcmp0 (name, "unread") == 0)
    return BANTIN_SIDEBAR_UNREAD;
  if (g_strcmp0 (name, "starred") == 0)
    return BANTIN_SIDEBAR_STARRED;
  if (g_strcmp0 (name, "folder") == 0)
    return BANTIN_SIDEBAR_FOLDER;
  if (g_strcmp0 (name, "feed") == 0)
    return BANTIN_SIDEBAR_FEED;
  return BANTIN_SIDEBAR_ALL;
}

static int
compare_feeds (gconstpointer a,
               gconstpointer b)
{
  BantinFeed *fa = *(BantinFeed **)a;
  BantinFeed *fb = *(BantinFeed **)b;
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;
  int ret;

  /* Folders first (by name), then the feeds outside any folder. */
  if ((bantin_feed_get_folder (fa) == NULL) != (bantin_feed_get_folder (fb) == NULL))
    return bantin_feed_get_folder (fa) == NULL ? 1 : -1;

  ret = g_utf8_collate (bantin_feed_get_folder (fa) ? bantin_feed_get_folder (fa) : "",
                        bantin_feed_get_folder (fb) ? bantin_feed_get_folder (fb) : "");
  if (ret != 0)
    return ret;

  ka = g_utf8_casefold (bantin_feed_get_title (fa) ? bantin_feed_get_title (fa) : bantin_feed_get_url (fa), -1);
  kb = g_utf8_casefold (bantin_feed_get_title (fb) ? bantin_feed_get_title (fb) : bantin_feed_get_url (fb), -1);
  return g_utf8_collate (ka, kb);
}

static const char *
feed_display_title (BantinFeed *feed)
{
  const char *title = bantin_feed_get_title (feed);

  if (title != NULL && title[0] != '\0')
    return title;
  return bantin_feed_get_url (feed);
}

static GPtrArray *
build_sidebar_items (GPtrArray *feeds)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  BantinSidebarItem *all;
  BantinSidebarItem *unread;
  BantinSidebarItem *folder_item = NULL;
  guint total_unread = 0;

  all = bantin_sidebar_item_new (BANTIN_SIDEBAR_ALL, 0, NULL, _("All Articles"));
  unread = bantin_sidebar_item_new (BANTIN_SIDEBAR_UNREAD, 0, NULL, _("Unread"));
  g_ptr_array_add (items, all);
  g_ptr_array_add (items, unread);
  g_ptr_array_add (items, bantin_sidebar_item_new (BANTIN_SIDEBAR_STARRED, 0, NULL, _("Starred")));

  g_ptr_array_sort (feeds, compare_feeds);

  for (guint i = 0; i < feeds->len; i++)
    {
      BantinFeed *feed = g_ptr_array_index (feeds, i);
      const char *folder = bantin_feed_get_folder (feed);
      BantinSidebarItem *item;
      guint feed_unread = bantin_feed_get_unread_count (feed);

      if (folder != NULL && folder[0] == '\0')
        folder = NULL;

      if (i == 0)
        g_ptr_array_add (items, bantin_sidebar_item_new (BANTIN_SIDEBAR_HEADING, 0, NULL,
                                                         _("Subscriptions")));

      if (folder != NULL &&
          (folder_item == NULL || g_strcmp0 (bantin_sidebar_item_get_folder (folder_item), folder) != 0))
        {
          folder_item = bantin_sidebar_item_new (BANTIN_SIDEBAR_FOLDER, 0, folder, folder);
          g_ptr_array_add (items, folder_item);
        }

      item = bantin_sidebar_item_new (BANTIN_SIDEBAR_FEED, bantin_feed_get_id (feed), folder,
                                      feed_display_title (feed));
      bantin_sidebar_item_set_unread_count (item, feed_unread);
      bantin_sidebar_item_set_error (item, bantin_feed_get_last_error (feed));
      g_ptr_array_add (items, item);

      if (folder != NULL)
        bantin_sidebar_item_set_unread_count (folder_item,
                                              bantin_sidebar_item_get_unread_count (folder_item) + feed_unread);
      total_unread += feed_unread;
    }

  bantin_sidebar_item_set_unread_count (all, total_unread);
  bantin_sidebar_item_set_unread_count (unread, total_unread);

  return items;
}

static gboolean
same_shape (GListModel *model,
            GPtrArray  *items)
{
  guint n = g_list_model_get_n_items (model);

  if (n != items->len)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BantinSidebarItem) old = g_list_model_get_item (model, i);
      BantinSidebarItem *item = g_ptr_array_index (items, i);

      if (!bantin_sidebar_item_matches (old,
                                        bantin_sidebar_item_get_kind (item),
                                        bantin_sidebar_item_get_feed_id (item),
                                        bantin_sidebar_item_get_folder (item)))
        return FALSE;
    }

  return TRUE;
}

static void
select_current_view_row (BantinWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BantinSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_store), i);

      if (bantin_sidebar_item_matches (item, self->view_kind, self->view_feed_id, self->view_folder))
        {
          if (gtk_single_selection_get_selected (self->sidebar_selection) != i)
            {
              self->restoring = TRUE;
              gtk_single_selection_set_selected (self->sidebar_selection, i);
              self->restoring = FALSE;
            }
          return;
        }
    }
}

void
_bantin_window_update_main_page (BantinWindow *self)
{
  /* While feeds are being added, show the reader with its progress. */
  const char *page = self->has_feeds || g_hash_table_size (self->pending_subscriptions) > 0
                     ? "reader" : "welcome";

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), page) != 0)
    gtk_stack_set_visible_child_name (self->main_stack, page);
}

static void
sidebar_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BantinWindow *self = user_data;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean view_exists = FALSE;

  feeds = g_task_propagate_pointer (G_TASK (result), &error);
  if (feeds == NULL)
    {
      if (!is_cancelled (error))
        g_warning ("Could not list the feeds: %s", error->message);
      return;
    }

  items = build_sidebar_items (feeds);

  if (same_shape (G_LIST_MODEL (self->sidebar_store), items))
    {
      /* Update in place, so rows, their selection and any open context
       * menu stay where they are while a sync reports in. */
      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(BantinSidebarItem) old = g_list_model_get_item (G_LIST_MODEL (self->sidebar_store), i);
          BantinSidebarItem *item = g_ptr_array_index (items, i);

          bantin_sidebar_item_set_title (old, bantin_sidebar_item_get_title (item));
          bantin_sidebar_item_set_unread_count (old, bantin_sidebar_item_get_unread_count (item));
          bantin_sidebar_item_set_error (old, bantin_sidebar_item_get_error (item));
        }
    }
  else
    {
      self->restoring = TRUE;
      g_list_store_splice (self->sidebar_store, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_store)),
                           items->pdata, items->len);
      self->restoring = FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    if (bantin_sidebar_item_matches (g_ptr_array_index (items, i), self->view_kind,
                                     self->view_feed_id, self->view_folder))
      view_exists = TRUE;

  self->has_feeds = feeds->len > 0;
  _bantin_window_update_main_page (self);

  if (!self->sidebar_loaded)
    {
      self->sidebar_loaded = TRUE;
      if (self->has_feeds && is_online (self) &&
          g_settings_get_boolean (self->settings, "sync-on-start"))
        {
          self->background_sync = TRUE;
          _bantin_window_sync_feeds (self, NULL, 0);
        }
    }

  /* The chosen feed may have been unsubscribed meanwhile. */
  if (!view_exists)
    {
      self->view_kind = BANTIN_SIDEBAR_ALL;
      self->view_feed_id = 0;
      g_clear_pointer (&self->view_folder, g_free);
      _bantin_window_reload_articles (self);
    }

  select_current_view_row (self);
  _bantin_window_update_actions (self);
}

void
_bantin_window_reload_sidebar (BantinWindow *self)
{
  g_assert (BANTIN_IS_WINDOW (self));

  bantin_store_worker_push (self->worker, list_feeds_job, NULL, NULL,
                            _bantin_window_reload_sidebar, self->cancellable,
                            sidebar_loaded_cb, self);
}

void
_bantin_window_adjust_unread (BantinWindow *self,
                              gint64        feed_id,
                              int           delta)
{
  guint n;
  const char *folder = NULL;

  g_assert (BANTIN_IS_WINDOW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BantinSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_store), i);

      if (bantin_sidebar_item_get_kind (item) == BANTIN_SIDEBAR_FEED &&
          bantin_sidebar_item_get_feed_id (item) == feed_id)
        folder = bantin_sidebar_item_get_folder (item);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BantinSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_store), i);
      BantinSidebarKind kind = bantin_sidebar_item_get_kind (item);
      gboolean affected = FALSE;
      int count;

      switch (kind)
        {
        case BANTIN_SIDEBAR_ALL:
        case BANTIN_SIDEBAR_UNREAD:
          affected = TRUE;
          break;

        case BANTIN_SIDEBAR_FEED:
          affected = bantin_sidebar_item_get_feed_id (item) == feed_id;
          break;

        case BANTIN_SIDEBAR_FOLDER:
          affected = folder != NULL && g_strcmp0 (bantin_sidebar_item_get_folder (item), folder) == 0;
          break;

        case BANTIN_SIDEBAR_STARRED:
        case BANTIN_SIDEBAR_HEADING:
        default:
          break;
        }

      if (!affected)
        continue;

      count = (int)bantin_sidebar_item_get_unread_count (item) + delta;
      bantin_sidebar_item_set_unread_count (item, MAX (count, 0));
    }
}

/* The sidebar is a GtkListView, so that a thousand feeds cost no more
 * rows than fit on screen: GtkListBox built and measured every row before
 * the first frame (1.5 s for 1,000 feeds). */

static void
sidebar_row_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        BantinWindow    *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (bantin_feed_row_get_item (BANTIN_FEED_ROW (row)) == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  _bantin_window_show_feed_menu (self, row, x, y);
}

static void
sidebar_row_long_pressed_cb (GtkGestureLongPress *gesture,
                             double               x,
                             double               y,
                             BantinWindow        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (bantin_feed_row_get_item (BANTIN_FEED_ROW (row)) != NULL)
    _bantin_window_show_feed_menu (self, row, x, y);
}

static void sidebar_row_released_cb (GtkGestureClick *gesture,
                                     int              n_press,
                                     double           x,
                                     double           y,
                                     BantinWindow    *self);

static void
sidebar_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  BantinWindow             *self)
{
  GtkWidget *row = bantin_feed_row_new (NULL);
  GtkGesture *gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (sidebar_row_pressed_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (sidebar_row_long_pressed_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "released", G_CALLBACK (sidebar_row_released_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, row);
}

static void
sidebar_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 BantinWindow             *self)
{
  BantinSidebarItem *item = gtk_list_item_get_item (list_item);
  gboolean heading = bantin_sidebar_item_get_kind (item) == BANTIN_SIDEBAR_HEADING;

  bantin_feed_row_set_item (BANTIN_FEED_ROW (gtk_list_item_get_child (list_item)), item);
  gtk_list_item_set_selectable (list_item, !heading);
  gtk_list_item_set_activatable (list_item, !heading);
}

static void
sidebar_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   BantinWindow             *self)
{
  bantin_feed_row_set_item (BANTIN_FEED_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
sidebar_selected_cb (BantinWindow *self)
{
  g_autofree char *view = NULL;
  BantinSidebarItem *item;

  if (self->restoring)
    return;

  item = gtk_single_selection_get_selected_item (self->sidebar_selection);
  if (item == NULL || bantin_sidebar_item_get_kind (item) == BANTIN_SIDEBAR_HEADING)
    return;

  if (!bantin_sidebar_item_matches (item, self->view_kind, self->view_feed_id, self->view_folder))
    {
      self->view_kind = bantin_sidebar_item_get_kind (item);
      self->view_feed_id = bantin_sidebar_item_get_feed_id (item);
      g_free (self->view_folder);
      self->view_folder = g_strdup (bantin_sidebar_item_get_folder (item));

      view = describe_view (self);
      g_settings_set_string (self->settings, "selected-view", view);
      g_settings_set_int64 (self->settings, "selected-feed", self->view_feed_id);
      g_settings_set_string (self->settings, "selected-folder", self->view_folder ? self->view_folder : "");

      _bantin_window_reload_articles (self);
      _bantin_window_refresh_counts (self);
    }
}

/* On a narrow window, clicking a feed (or Enter on it) goes on to its
 * articles; moving through the sidebar with the arrow keys does not. */
static void
sidebar_activate_cb (BantinWindow *self,
                     guint         position)
{
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, self->content_pane);
}

static void
sidebar_row_released_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         BantinWindow    *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  BantinSidebarItem *item = bantin_feed_row_get_item (BANTIN_FEED_ROW (row));

  if (item != NULL && bantin_sidebar_item_get_kind (item) != BANTIN_SIDEBAR_HEADING)
    sidebar_activate_cb (self, 0);
}

static void
outer_folded_cb (BantinWindow *self)
{
  /* On a narrow window the list matters more than the sidebar. */
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, self->content_pane);
}

static void
active_changed_cb (BantinWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The new articles are in sight now: the notification is old news. */
  if (!gtk_window_is_active (GTK_WINDOW (self)) || self->unseen_new_articles == 0)
    return;

  self->unseen_new_articles = 0;
  if (BANTIN_IS_APPLICATION (app))
    bantin_application_withdraw_new_articles (BANTIN_APPLICATION (app));
}

static void
pane_resized_cb (BantinWindow     *self,
                 BantinPaneHandle *handle)
{
  BantinPane *pane = bantin_pane_handle_get_pane (handle);
  const char *key = handle == self->sidebar_handle ? "sidebar-width" : "article-list-width";

  g_settings_set_int (self->settings, key, bantin_pane_get_natural_width (pane));
}

/* Articles */

void
_bantin_window_fill_query (BantinWindow       *self,
                           BantinArticleQuery *query,
                           gboolean            with_day)
{
  g_assert (BANTIN_IS_WINDOW (self));

  memset (query, 0, sizeof *query);

  switch (self->view_kind)
    {
    case BANTIN_SIDEBAR_UNREAD:
      query->unread_only = TRUE;
      break;

    case BANTIN_SIDEBAR_STARRED:
      query->starred_only = TRUE;
      break;

    case BANTIN_SIDEBAR_FOLDER:
      query->folder = self->view_folder;
      break;

    case BANTIN_SIDEBAR_FEED:
      query->feed_id = self->view_feed_id;
      break;

    case BANTIN_SIDEBAR_ALL:
    case BANTIN_SIDEBAR_HEADING:
    default:
      break;
    }

  if (with_day && self->day != 0)
    {
      query->day_from = self->day;
      query->day_to = self->day;
    }

  if (self->search_text != NULL && self->search_text[0] != '\0')
    query->search = self->search_text;
}

void
_bantin_window_reload_articles (BantinWindow *self)
{
  BantinArticleQuery query;

  g_assert (BANTIN_IS_WINDOW (self));

  _bantin_window_fill_query (self, &query, TRUE);
  bantin_article_model_set_query (self->article_model, &query);
  self->scroll_after_load = TRUE;
  update_empty_state (self);
}

BantinArticle *
_bantin_window_get_selected_article (BantinWindow *self)
{
  g_assert (BANTIN_IS_WINDOW (self));

  return bantin_article_view_get_article (self->article_view);
}

static void
nearest_day_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BantinWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  QueryJob *job;
  BantinDay target;

  target = (BantinDay)g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!is_cancelled (error))
        g_warning ("Could not find a day with articles: %s", error->message);
      return;
    }

  /* The answer may be for a day that is no longer shown. */
  job = g_task_get_task_data (G_TASK (result));
  if (job->first != self->day || target == self->day)
    return;

  self->nearest_day = target;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-nearest-day", target != 0);

  if (target != 0)
    {
      g_autofree char *day = bantin_date_format_day_long (target);
      g_autofree char *label = g_strdup_printf (_("Go to %s"), day);

      gtk_button_set_label (GTK_BUTTON (self->go_to_day_button), label);
      gtk_widget_set_visible (self->go_to_day_button, TRUE);
    }
}

static void
update_empty_state (BantinWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->article_model));
  gboolean searching = self->search_text != NULL && self->search_text[0] != '\0';

  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  /* An empty list while the ids are still loading is not "empty". */
  if (bantin_article_model_get_loading (self->article_model))
    return;

  gtk_widget_set_visible (self->go_to_day_button, FALSE);
  gtk_widget_set_visible (self->all_dates_button, self->day != 0);
  gtk_widget_set_visible (self->clear_search_button, searching);
  self->nearest_day = 0;

  if (searching)
    {
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      if (self->day != 0)
        {
          g_autofree char *day = bantin_date_format_day_long (self->day);
          g_autofree char *text = g_strdup_printf (_("Nothing matches your search on %s."), day);

          adw_status_page_set_description (self->empty_page, text);
        }
      else
        {
          adw_status_page_set_description (self->empty_page,
                                           _("Try other words, or another feed."));
        }
    }
  else if (self->day != 0)
    {
      g_autofree char *day = bantin_date_format_day_long (self->day);
      g_autofree char *text = g_strdup_printf (_("There are no articles on %s here."), day);
      QueryJob *job;

      adw_status_page_set_icon_name (self->empty_page, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing on This Day"));
      adw_status_page_set_description (self->empty_page, text);

      job = query_job_new (self, FALSE);
      job->first = self->day;
      bantin_store_worker_push (self->worker, find_nearest_day_job, job, query_job_free,
                                update_empty_state, self->cancellable, nearest_day_cb, self);
    }
  else if (self->view_kind == BANTIN_SIDEBAR_UNREAD)
    {
      adw_status_page_set_icon_name (self->empty_page, "object-select-symbolic");
      adw_status_page_set_title (self->empty_page, _("All Caught Up"));
      adw_status_page_set_description (self->empty_page, _("Every article has been read."));
    }
  else if (self->view_kind == BANTIN_SIDEBAR_STARRED)
    {
      adw_status_page_set_icon_name (self->empty_page, "non-starred-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Starred Articles"));
      adw_status_page_set_description (self->empty_page, _("Press S to star the article you are reading."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "application-rss+xml-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Articles Yet"));
      adw_status_page_set_description (self->empty_page, _("Sync to fetch the newest articles."));
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
reselect_article (BantinWindow *self)
{
  guint position;

  if (self->selected_article_id == 0)
    return;

  position = bantin_article_model_find (self->article_model, self->selected_article_id);
  if (position == GTK_INVALID_LIST_POSITION ||
      position == gtk_single_selection_get_selected (self->selection))
    return;

  self->suppress_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->suppress_selection = FALSE;
}

static void
model_items_changed_cb (BantinWindow *self,
                        guint         position,
                        guint         removed,
                        guint         added)
{
  reselect_article (self);
  update_empty_state (self);
  _bantin_window_update_actions (self);
}

static void
scroll_to_selection (BantinWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  /* The model keeps rows it had in common with the old list, so the view
   * would stay where that row went: after a new query, start at the top
   * (or at the article being read, when it is in the new list). */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->article_model)) == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->article_list), "list.scroll-to-item", "u",
                              position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
model_loading_changed_cb (BantinWindow *self)
{
  if (!bantin_article_model_get_loading (self->article_model))
    {
      reselect_article (self);
      if (self->scroll_after_load)
        {
          self->scroll_after_load = FALSE;
          scroll_to_selection (self);
        }
      update_empty_state (self);
      _bantin_window_update_actions (self);
    }
}

static void
update_article_buttons (BantinWindow *self)
{
  BantinArticle *article = bantin_article_view_get_article (self->article_view);
  gboolean read = article != NULL && bantin_article_get_read (article);
  gboolean starred = article != NULL && bantin_article_get_starred (article);

  gtk_button_set_icon_name (self->star_button, starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               starred ? _("Unstar (S)") : _("Star (S)"));
  gtk_button_set_icon_name (self->read_button, read ? "mail-unread-symbolic" : "mail-read-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->read_button),
                               read ? _("Mark as Unread (M)") : _("Mark as Read (M)"));
  adw_window_title_set_title (self->view_title, article ? bantin_article_get_feed_title (article) : NULL);
}

static void
article_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BantinWindow *self = user_data;
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  BantinArticle *old;

  article = g_task_propagate_pointer (G_TASK (result), &error);
  if (article == NULL)
    {
      if (!is_cancelled (error))
        {
          g_warning ("Could not load article: %s", error->message);
          _bantin_window_toast (self, _("This article could not be opened"));
        }
      return;
    }

  old = bantin_article_view_get_article (self->article_view);
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, update_article_buttons, self);

  bantin_article_view_show_article (self->article_view, article,
                                    g_object_get_data (G_OBJECT (article), "bantin-images"),
                                    g_object_get_data (G_OBJECT (article), "bantin-textures"));
  g_signal_connect_object (article, "notify::read", G_CALLBACK (update_article_buttons), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (article, "notify::starred", G_CALLBACK (update_article_buttons), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->view_stack, "article");
  update_article_buttons (self);
  _bantin_window_update_actions (self);

  if (!bantin_article_get_read (article))
    _bantin_window_set_article_read (self, article, TRUE);
}

static void
open_article (BantinWindow  *self,
              BantinArticle *article)
{
  QueryJob *job;

  self->selected_article_id = bantin_article_get_id (article);

  g_cancellable_cancel (self->article_cancellable);
  g_clear_object (&self->article_cancellable);
  self->article_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->article_cancellable,
                           G_CONNECT_SWAPPED);

  job = g_new0 (QueryJob, 1);
  job->article_id = self->selected_article_id;
  bantin_store_worker_push (self->worker, load_article_job, job, query_job_free,
                            open_article, self->article_cancellable, article_loaded_cb, self);

  /* Also when unfolded: should the window fold while the article is
   * open, the article stays in sight. */
  adw_leaflet_set_visible_child (self->inner_leaflet, self->view_pane);
}

static void
selection_changed_cb (BantinWindow *self)
{
  BantinArticle *article;

  if (self->suppress_selection)
    return;

  /* A reload drops the selection for a moment; the view keeps showing the
   * article and reselect_article() puts the selection back. */
  article = gtk_single_selection_get_selected_item (self->selection);
  if (article == NULL)
    return;

  if (bantin_article_get_id (article) == self->selected_article_id &&
      bantin_article_view_get_article (self->article_view) != NULL)
    return;

  open_article (self, article);
}

/* Date picker */

static void
counts_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BantinWindow *self = user_data;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  QueryJob *job;
  guint per_day[31] = { 0 };
  guint n_days;

  counts = g_task_propagate_pointer (G_TASK (result), &error);
  if (counts == NULL)
    {
      if (!is_cancelled (error))
        g_warning ("Could not count articles per day: %s", error->message);
      return;
    }

  job = g_task_get_task_data (G_TASK (result));
  n_days = g_date_get_days_in_month ((GDateMonth)job->month, (GDateYear)job->year);

  for (guint i = 0; i < counts->len; i++)
    {
      const BantinDayCount *dc = &g_array_index (counts, BantinDayCount, i);
      int d = dc->day % 100;

      if (dc->day / 100 == job->year * 100 + job->month && d >= 1 && d <= (int)n_days)
        per_day[d - 1] = dc->count;
    }

  bantin_date_picker_set_counts (self->date_picker, job->year, job->month, per_day, n_days);
}

static void
request_counts (BantinWindow *self,
                int           year,
                int           month)
{
  QueryJob *job;

  if (year < 1 || month < 1 || month > 12)
    return;

  job = query_job_new (self, FALSE);
  job->year = year;
  job->month = month;
  job->first = year * 10000 + month * 100 + 1;
  job->last = year * 10000 + month * 100 + g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year);

  bantin_store_worker_push (self->worker, count_days_job, job, query_job_free,
                            request_counts, self->cancellable, counts_loaded_cb, self);
}

void
_bantin_window_refresh_counts (BantinWindow *self)
{
  int year = 0;
  int month = 0;

  g_assert (BANTIN_IS_WINDOW (self));

  bantin_date_picker_set_today (self->date_picker, bantin_day_today (bantin_date_get_timezone ()));
  bantin_date_picker_get_visible_month (self->date_picker, &year, &month);
  request_counts (self, year, month);
}

static void
month_changed_cb (BantinWindow     *self,
                  int               year,
                  int               month,
                  BantinDatePicker *picker)
{
  request_counts (self, year, month);
}

void
_bantin_window_set_day (BantinWindow *self,
                        BantinDay     day)
{
  g_assert (BANTIN_IS_WINDOW (self));

  if (bantin_date_picker_get_day (self->date_picker) != day)
    bantin_date_picker_set_day (self->date_picker, day);

  if (self->day == day)
    return;

  self->day = day;
  g_settings_set_int (self->settings, "selected-day", day);
  _bantin_window_reload_articles (self);
  _bantin_window_update_actions (self);
}

static void
day_changed_cb (BantinWindow *self)
{
  _bantin_window_set_day (self, bantin_date_picker_get_day (self->date_picker));
}

/* Search */

static void
search_changed_cb (BantinWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (g_strcmp0 (text[0] ? text : NULL, self->search_text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = text[0] ? g_strdup (text) : NULL;
  _bantin_window_reload_articles (self);
}

static void
stop_search_cb (BantinWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  search_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_list));
}

static void
search_activate_cb (BantinWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->article_model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->article_list));
    }
}

static void
search_mode_changed_cb (BantinWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar) &&
      self->search_text != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self);
    }
}

/* Misc */

void
_bantin_window_toast (BantinWindow *self,
                      const char   *text)
{
  AdwToast *toast;

  g_assert (BANTIN_IS_WINDOW (self));

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Network and automatic sync */

static gboolean
is_online (BantinWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The demo feeds are served on loopback: no network needed. */
  if (BANTIN_IS_APPLICATION (app) && bantin_application_get_demo_mode (BANTIN_APPLICATION (app)))
    return TRUE;

  /* Limited connectivity (a captive portal, a proxy-only office network)
   * still reaches many feeds: only "no network at all" is offline. */
  return g_network_monitor_get_network_available (self->network_monitor);
}

static void
network_changed_cb (BantinWindow *self)
{
  gboolean online = is_online (self);
  gboolean was_offline = gtk_revealer_get_reveal_child (self->offline_revealer);

  gtk_revealer_set_reveal_child (self->offline_revealer, !online);

  if (online && was_offline && self->has_feeds)
    {
      self->background_sync = TRUE;
      _bantin_window_sync_feeds (self, NULL, 0);
    }
}

static gboolean
auto_sync_cb (gpointer user_data)
{
  BantinWindow *self = user_data;

  if (is_online (self) && self->has_feeds)
    {
      self->background_sync = TRUE;
      _bantin_window_sync_feeds (self, NULL, 0);
    }

  return G_SOURCE_CONTINUE;
}

static void
schedule_auto_sync (BantinWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval");

  g_clear_handle_id (&self->sync_timeout_id, g_source_remove);
  if (minutes > 0)
    self->sync_timeout_id = g_timeout_add_seconds (minutes * 60, auto_sync_cb, self);
}

static void
recompute_days_job (BantinStore  *store,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GTimeZone) tz = bantin_date_get_timezone ();
  GError *error = NULL;
  guint changed = 0;

  if (!bantin_store_recompute_days (store, tz, &changed, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, changed);
}

static void
days_recomputed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  BantinWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!is_cancelled (error))
        g_warning ("Could not sort the articles into days again: %s", error->message);
      return;
    }

  bantin_article_model_reload (self->article_model);
  _bantin_window_refresh_counts (self);
}

static void
timezone_changed_cb (BantinWindow *self)
{
  g_autofree char *identifier = g_settings_get_string (self->settings, "timezone");
  g_autoptr(GTimeZone) tz = NULL;

  /* The application sets it too, from its own GSettings object; which of
   * the two hears the change first is not defined. */
  bantin_date_set_timezone (identifier[0] != '\0' ? identifier : NULL);
  tz = bantin_date_get_timezone ();
  bantin_date_picker_set_today (self->date_picker, bantin_day_today (tz));
  bantin_store_worker_push (self->worker, recompute_days_job, NULL, NULL,
                            timezone_changed_cb, self->cancellable,
                            days_recomputed_cb, self);
}

static gboolean
bantin_window_close_request (GtkWindow *window)
{
  BantinWindow *self = BANTIN_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (bantin_window_parent_class)->close_request (window);
}

static void
restore_state (BantinWindow *self)
{
  g_autofree char *view = NULL;
  g_autofree char *folder = NULL;
  BantinDay day;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "selected-view");
  folder = g_settings_get_string (self->settings, "selected-folder");
  self->view_kind = parse_view (view);
  self->view_feed_id = g_settings_get_int64 (self->settings, "selected-feed");
  self->view_folder = folder[0] != '\0' ? g_steal_pointer (&folder) : NULL;

  if ((self->view_kind == BANTIN_SIDEBAR_FEED && self->view_feed_id <= 0) ||
      (self->view_kind == BANTIN_SIDEBAR_FOLDER && self->view_folder == NULL))
    self->view_kind = BANTIN_SIDEBAR_ALL;
  if (self->view_kind != BANTIN_SIDEBAR_FEED)
    self->view_feed_id = 0;
  if (self->view_kind != BANTIN_SIDEBAR_FOLDER)
    g_clear_pointer (&self->view_folder, g_free);

  day = g_settings_get_int (self->settings, "selected-day");
  self->day = day;
  bantin_date_picker_set_today (self->date_picker, bantin_day_today (bantin_date_get_timezone ()));
  if (day != 0)
    {
      bantin_date_picker_set_day (self->date_picker, day);
      bantin_date_picker_set_visible_month (self->date_picker, day / 10000, day / 100 % 100);
    }
}

static void
bantin_window_constructed (GObject *object)
{
  BantinWindow *self = (BantinWindow *)object;
  BantinArticleQuery query;

  G_OBJECT_CLASS (bantin_window_parent_class)->constructed (object);

  g_assert (self->engine != NULL);

  self->worker = bantin_store_worker_new (bantin_sync_engine_get_db_path (self->engine));
  self->article_model = bantin_article_model_new (bantin_sync_engine_get_db_path (self->engine));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->article_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->article_list, GTK_SELECTION_MODEL (self->selection));

  /* Connected after the selection model's own handler, so the selection
   * has already followed the change when we look at it. */
  g_signal_connect_object (self->article_model, "items-changed",
                           G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_model, "notify::loading",
                           G_CALLBACK (model_loading_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  restore_state (self);

  g_signal_connect_object (self->date_picker, "notify::day",
                           G_CALLBACK (day_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_picker, "month-changed",
                           G_CALLBACK (month_changed_cb), self, G_CONNECT_SWAPPED);

  /* Both loads run off the main thread: the window shows first. */
  _bantin_window_fill_query (self, &query, TRUE);
  bantin_article_model_set_query (self->article_model, &query);
  _bantin_window_reload_sidebar (self);
  _bantin_window_refresh_counts (self);

  _bantin_window_connect_engine (self);

  self->network_monitor = g_network_monitor_get_default ();
  g_signal_connect_object (self->network_monitor, "notify::network-available",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_revealer_set_reveal_child (self->offline_revealer, !is_online (self));
  /* The application is set after construction, and decides demo mode. */
  g_signal_connect_object (self, "notify::application",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sync-interval",
                           G_CALLBACK (schedule_auto_sync), self, G_CONNECT_SWAPPED);
  schedule_auto_sync (self);
  g_signal_connect_object (self->settings, "changed::timezone",
                           G_CALLBACK (timezone_changed_cb), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "article-font-scale", self->article_view, "zoom", G_SETTINGS_BIND_DEFAULT);

  _bantin_window_update_actions (self);
}

static void
bantin_window_dispose (GObject *object)
{
  BantinWindow *self = (BantinWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->sync_cancellable);
  g_clear_handle_id (&self->sync_timeout_id, g_source_remove);
  g_clear_handle_id (&self->reload_timeout_id, g_source_remove);

  if (self->article_list != NULL)
    gtk_list_view_set_model (self->article_list, NULL);
  if (self->sidebar_list != NULL)
    gtk_list_view_set_model (self->sidebar_list, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), BANTIN_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->article_model);
  g_clear_object (&self->worker);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->sidebar_store);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->article_cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_pointer (&self->pending_subscriptions, g_hash_table_unref);

  G_OBJECT_CLASS (bantin_window_parent_class)->dispose (object);
}

static void
bantin_window_finalize (GObject *object)
{
  BantinWindow *self = (BantinWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->view_folder, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (bantin_window_parent_class)->finalize (object);
}

static void
bantin_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BantinWindow *self = BANTIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BantinWindow *self = BANTIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SYNC_ENGINE:
      self->engine = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_window_class_init (BantinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = bantin_window_constructed;
  object_class->dispose = bantin_window_dispose;
  object_class->finalize = bantin_window_finalize;
  object_class->get_property = bantin_window_get_property;
  object_class->set_property = bantin_window_set_property;

  window_class->close_request = bantin_window_close_request;

  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL,
                         BANTIN_TYPE_SYNC_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BANTIN_TYPE_ARTICLE_ROW);
  g_type_ensure (BANTIN_TYPE_ARTICLE_VIEW);
  g_type_ensure (BANTIN_TYPE_DATE_PICKER);
  g_type_ensure (BANTIN_TYPE_PANE);
  g_type_ensure (BANTIN_TYPE_PANE_HANDLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bantin/Bantin/ui/bantin-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, outer_leaflet);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, inner_leaflet);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, view_pane);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, list_handle);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, date_picker);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, go_to_day_button);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, all_dates_button);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, clear_search_button);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, view_title);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, BantinWindow, read_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  _bantin_window_class_actions_init (widget_class);
}

static void
bantin_window_init (BantinWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->content_pane = GTK_WIDGET (self->inner_leaflet);
  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  self->sidebar_store = g_list_store_new (BANTIN_TYPE_SIDEBAR_ITEM);
  self->pending_subscriptions = g_hash_table_new (g_int64_hash, g_int64_equal);

  self->sidebar_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sidebar_store)));
  gtk_single_selection_set_autoselect (self->sidebar_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->sidebar_selection, TRUE);
  g_signal_connect_object (self->sidebar_selection, "notify::selected",
                           G_CALLBACK (sidebar_selected_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (sidebar_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (sidebar_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (sidebar_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->sidebar_list, factory);
  gtk_list_view_set_model (self->sidebar_list, GTK_SELECTION_MODEL (self->sidebar_selection));
  g_signal_connect_object (self->sidebar_list, "activate",
                           G_CALLBACK (sidebar_activate_cb), self, G_CONNECT_SWAPPED);

  /* The panes' widths are read whenever the setting changes, and written
   * once a drag ends rather than on every step of it. */
  g_settings_bind (self->settings, "sidebar-width", self->sidebar_pane, "natural-width",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "article-list-width", self->list_pane, "natural-width",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->sidebar_handle, "resized",
                           G_CALLBACK (pane_resized_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_handle, "resized",
                           G_CALLBACK (pane_resized_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);

  g_signal_connect_object (self->outer_leaflet, "notify::folded",
                           G_CALLBACK (outer_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  update_article_buttons (self);
}

BantinWindow *
bantin_window_new (GtkApplication   *application,
                   BantinSyncEngine *engine)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (engine), NULL);

  return g_object_new (BANTIN_TYPE_WINDOW,
                       "application", application,
                       "sync-engine", engine,
                       NULL);
}

BantinSyncEngine *
bantin_window_get_sync_engine (BantinWindow *self)
{
  g_return_val_if_fail (BANTIN_IS_WINDOW (self), NULL);

  return self->engine;
}

BantinArticleModel *
bantin_window_get_article_model (BantinWindow *self)
{
  g_return_val_if_fail (BANTIN_IS_WINDOW (self), NULL);

  return self->article_model;
}

GListModel *
bantin_window_get_sidebar_model (BantinWindow *self)
{
  g_return_val_if_fail (BANTIN_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->sidebar_store);
}
