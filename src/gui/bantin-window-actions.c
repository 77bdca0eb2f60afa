/* bantin-window-actions.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bantin-application.h"
#include "bantin-date-format.h"
#include "bantin-export.h"
#include "bantin-feed-row.h"
#include "bantin-subscribe-dialog.h"
#include "bantin-window-private.h"

typedef struct
{
  gint64      feed_id;
  gint64     *ids;
  guint       n_ids;
  gboolean    value;
  char       *text;
  GBytes     *bytes;
  BantinArticleQuery query;
  char       *folder;
  char       *search;
  BantinDay   from;
  int         direction;
} WriteJob;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_free (job->ids);
  g_free (job->text);
  g_free (job->folder);
  g_free (job->search);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static WriteJob *
write_job_new_with_query (BantinWindow *self,
                          gboolean      with_day)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  _bantin_window_fill_query (self, &job->query, with_day);
  job->folder = g_strdup (job->query.folder);
  job->search = g_strdup (job->query.search);
  job->query.folder = job->folder;
  job->query.search = job->search;

  return job;
}

/* A callback for a job that must not be dropped when the window closes
 * (a write): it holds a reference on the window and checks that the
 * window is still alive before touching its widgets. */
static gboolean
window_gone (BantinWindow *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

/* Jobs, run on the worker thread. */

static void
set_read_job (BantinStore  *store,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (!bantin_store_set_read (store, job->ids, job->n_ids, job->value, &error))
    {
      g_warning ("Could not save the read state: %s", error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
set_starred_job (BantinStore  *store,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (!bantin_store_set_starred (store, job->ids, job->n_ids, job->value, &error))
    {
      g_warning ("Could not save the star: %s", error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
mark_query_read_job (BantinStore  *store,
                     GTask        *task,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;
  guint n;

  n = bantin_store_mark_query_read (store, &job->query, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
find_day_job (BantinStore  *store,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;
  BantinDay day;

  day = bantin_store_find_day_with_articles (store, &job->query, job->from, job->direction, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, day);
}

static void
rename_feed_job (BantinStore  *store,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (!bantin_store_rename_feed (store, job->feed_id, job->text, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
rename_folder_job (BantinStore  *store,
                   GTask        *task,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (!bantin_store_rename_folder (store, job->folder, job->text, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
move_feed_job (BantinStore  *store,
               GTask        *task,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (!bantin_store_set_feed_folder (store, job->feed_id, job->text, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
remove_feed_job (BantinStore  *store,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (!bantin_store_remove_feed (store, job->feed_id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_opml_job (BantinStore  *store,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (job->bytes, &len);

  entries = bantin_opml_parse (data, len, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      BantinOpmlEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (entry->url == NULL)
        continue;

      id = bantin_store_add_feed (store, entry->url, entry->title, entry->folder, &local_error);
      if (id > 0)
        g_array_append_val (ids, id);
      else if (!g_error_matches (local_error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS))
        g_warning ("Could not import %s: %s", entry->url, local_error->message);
    }

  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
}

static void
export_opml_job (BantinStore  *store,
                 GTask        *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;
  char *text;

  feeds = bantin_store_list_feeds (store, &error);
  if (feeds == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)bantin_opml_entry_free);
  for (guint i = 0; i < feeds->len; i++)
    {
      BantinFeed *feed = g_ptr_array_index (feeds, i);
      BantinOpmlEntry *entry = g_new0 (BantinOpmlEntry, 1);

      entry->url = g_strdup (bantin_feed_get_url (feed));
      entry->title = g_strdup (bantin_feed_get_title (feed));
      entry->site_url = g_strdup (bantin_feed_get_site_url (feed));
      entry->folder = g_strdup (bantin_feed_get_folder (feed));
      g_ptr_array_add (entries, entry);
    }

  text = bantin_opml_write (entries, _("Bantin subscriptions"));
  g_task_return_pointer (task, text, g_free);
}

static void
cleanup_job (BantinStore  *store,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WriteJob *job = task_data;
  BantinCleanupStats stats = { 0, };
  GError *error = NULL;

  if (!bantin_store_cleanup (store, (guint) job->direction, &stats, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, stats.articles_removed);
}

/* Read and star */

static void
update_list_item (BantinWindow  *self,
                  BantinArticle *article,
                  gboolean       starred,
                  gboolean       value)
{
  g_autoptr(BantinArticle) item = NULL;
  guint position;

  position = bantin_article_model_find (self->article_model, bantin_article_get_id (article));
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->article_model), position);
  if (item == NULL || item == article)
    return;

  if (starred)
    bantin_article_set_starred (item, value);
  else
    bantin_article_set_read (item, value);
}

void
_bantin_window_set_article_read (BantinWindow  *self,
                                 BantinArticle *article,
                                 gboolean       read)
{
  WriteJob *job;

  g_assert (BANTIN_IS_WINDOW (self));
  g_assert (BANTIN_IS_ARTICLE (article));

  if (bantin_article_get_read (article) == read)
    return;

  bantin_article_set_read (article, read);
  update_list_item (self, article, FALSE, read);
  _bantin_window_adjust_unread (self, bantin_article_get_feed_id (article), read ? -1 : 1);

  /* No cancellable and no callback: the write must land even when the
   * window closes right away; the worker drains its queue first. */
  job = g_new0 (WriteJob, 1);
  job->ids = g_new (gint64, 1);
  job->ids[0] = bantin_article_get_id (article);
  job->n_ids = 1;
  job->value = read;
  bantin_store_worker_push (self->worker, set_read_job, job, write_job_free,
                            _bantin_window_set_article_read, NULL, NULL, NULL);
}

static void
toggle_read_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  BantinArticle *article = _bantin_window_get_selected_article (self);

  if (article != NULL)
    _bantin_window_set_article_read (self, article, !bantin_article_get_read (article));
}

static void
toggle_star_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  BantinArticle *article = _bantin_window_get_selected_article (self);
  gboolean starred;
  WriteJob *job;

  if (article == NULL)
    return;

  starred = !bantin_article_get_starred (article);
  bantin_article_set_starred (article, starred);
  update_list_item (self, article, TRUE, starred);

  job = g_new0 (WriteJob, 1);
  job->ids = g_new (gint64, 1);
  job->ids[0] = bantin_article_get_id (article);
  job->n_ids = 1;
  job->value = starred;
  bantin_store_worker_push (self->worker, set_starred_job, job, write_job_free,
                            toggle_star_action, NULL, NULL, NULL);
}

static BantinSidebarItem *find_feed_item (BantinWindow *self,
                                          gint64        feed_id);

static void
mark_all_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  BantinArticle *article;
  BantinSidebarItem *feed;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);
  if (window_gone (self))
    return;

  if (error != NULL)
    {
      g_warning ("Could not mark articles as read: %s", error->message);
      _bantin_window_toast (self, _("The articles could not be marked as read"));
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u article marked as read",
                                       "%u articles marked as read",
                                       (gulong)n),
                          (guint)n);
  _bantin_window_toast (self, text);

  /* A feed's or a folder's menu marks articles that may not include the
   * open one. */
  article = bantin_article_view_get_article (self->article_view);
  if (article != NULL &&
      (job->feed_id == 0 || bantin_article_get_feed_id (article) == job->feed_id) &&
      (job->folder == NULL ||
       ((feed = find_feed_item (self, bantin_article_get_feed_id (article))) != NULL &&
        g_strcmp0 (bantin_sidebar_item_get_folder (feed), job->folder) == 0)))
    bantin_article_set_read (article, TRUE);

  bantin_article_model_reload (self->article_model);
  _bantin_window_reload_sidebar (self);
}

static void
mark_folder_read_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  WriteJob *job = g_new0 (WriteJob, 1);

  /* Every article of the folder's feeds, whatever the window shows. */
  job->folder = g_variant_dup_string (param, NULL);
  job->query.folder = job->folder;
  bantin_store_worker_push (self->worker, mark_query_read_job, job, write_job_free,
                            mark_folder_read_action, NULL, mark_all_read_cb, g_object_ref (self));
}

static void
mark_feed_read_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  WriteJob *job = g_new0 (WriteJob, 1);

  /* Every article of the feed, whatever the window shows. */
  job->feed_id = g_variant_get_int64 (param);
  job->query.feed_id = job->feed_id;
  bantin_store_worker_push (self->worker, mark_query_read_job, job, write_job_free,
                            mark_feed_read_action, NULL, mark_all_read_cb, g_object_ref (self));
}

static void
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  WriteJob *job = write_job_new_with_query (self, TRUE);

  bantin_store_worker_push (self->worker, mark_query_read_job, job, write_job_free,
                            mark_all_read_action, NULL, mark_all_read_cb, g_object_ref (self));
}

/* Moving through the list */

static void
move_selection (BantinWindow *self,
                int           delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->article_model));
  guint position = gtk_single_selection_get_selected (self->selection);
  guint target;

  if (n == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION && self->selected_article_id != 0)
    position = bantin_article_model_find (self->article_model, self->selected_article_id);

  if (position == GTK_INVALID_LIST_POSITION)
    target = 0;
  else if (delta < 0)
    target = position > 0 ? position - 1 : 0;
  else
    target = MIN (position + 1, n - 1);

  if (target == position)
    return;

  gtk_single_selection_set_selected (self->selection, target);
  gtk_widget_activate_action (GTK_WIDGET (self->article_list), "list.scroll-to-item", "u", target);
}

static void
next_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  move_selection (BANTIN_WINDOW (widget), 1);
}

static void
previous_article_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  move_selection (BANTIN_WINDOW (widget), -1);
}

/* Days */

static void
find_day_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BantinWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  BantinDay day;

  day = (BantinDay)g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not find a day with articles: %s", error->message);
      return;
    }

  if (day == 0)
    {
      _bantin_window_toast (self, job->direction < 0 ? _("No earlier articles")
                                                     : _("No later articles"));
      return;
    }

  bantin_date_picker_set_visible_month (self->date_picker, day / 10000, day / 100 % 100);
  _bantin_window_set_day (self, day);
}

static void
step_day (BantinWindow *self,
          int           direction)
{
  WriteJob *job = write_job_new_with_query (self, FALSE);

  job->direction = direction;
  job->from = self->day;

  /* From "All dates", both directions start at today: back finds the
   * latest day with articles, so Alt+Left is "the newest day". */
  if (job->from == 0)
    {
      BantinDay today = bantin_day_today (bantin_date_get_timezone ());

      job->from = direction < 0 ? bantin_day_add (today, 1) : today;
    }

  bantin_store_worker_push (self->worker, find_day_job, job, write_job_free,
                            step_day, self->cancellable, find_day_cb, self);
}

static void
previous_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  step_day (BANTIN_WINDOW (widget), -1);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  step_day (BANTIN_WINDOW (widget), 1);
}

static void
all_dates_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _bantin_window_set_day (BANTIN_WINDOW (widget), 0);
}

static void
go_to_nearest_day_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  BantinDay day = self->nearest_day;

  if (day == 0)
    return;

  bantin_date_picker_set_visible_month (self->date_picker, day / 10000, day / 100 % 100);
  _bantin_window_set_day (self, day);
}

/* Search */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);

  if (adw_leaflet_get_folded (self->inner_leaflet))
    adw_leaflet_set_visible_child (self->inner_leaflet, self->list_pane);
  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child (self->outer_leaflet, self->content_pane);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* The article view */

static void
forward_to_view_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  const char *target = NULL;

  if (g_str_equal (action_name, "win.zoom-in"))
    target = "article.zoom-in";
  else if (g_str_equal (action_name, "win.zoom-out"))
    target = "article.zoom-out";
  else if (g_str_equal (action_name, "win.zoom-reset"))
    target = "article.zoom-reset";
  else if (g_str_equal (action_name, "win.open-in-browser"))
    target = "article.open-in-browser";
  else if (g_str_equal (action_name, "win.print"))
    target = "article.print";

  if (target != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->article_view), target, NULL);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);

  adw_leaflet_set_visible_child (self->outer_leaflet, self->sidebar_pane);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);

  adw_leaflet_set_visible_child (self->inner_leaflet, self->list_pane);
}

/* Sync */

static void
set_sync_status (BantinWindow *self,
                 const char   *text,
                 double        fraction)
{
  gtk_label_set_label (self->sync_label, text);
  gtk_progress_bar_set_fraction (self->sync_progress, fraction);
  gtk_revealer_set_reveal_child (self->sync_revealer, text != NULL);
  gtk_stack_set_visible_child_name (self->refresh_stack, text != NULL ? "busy" : "idle");
  /* A spinning spinner keeps the frame clock ticking even on a hidden
   * stack page: an idle window redrew 60 times a second. */
  gtk_spinner_set_spinning (self->sync_spinner, text != NULL);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  BantinWindow *self = user_data;

  self->reload_timeout_id = 0;
  bantin_article_model_reload (self->article_model);
  _bantin_window_reload_sidebar (self);
  _bantin_window_refresh_counts (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reload (BantinWindow *self)
{
  /* Feeds report in quickly during a sync: reload at most once a second. */
  if (self->reload_timeout_id == 0)
    self->reload_timeout_id = g_timeout_add (1000, reload_timeout_cb, self);
}

static void
sync_progress_cb (BantinWindow     *self,
                  guint             done,
                  guint             total,
                  BantinSyncEngine *engine)
{
  g_autofree char *text = NULL;

  /* Translators: feeds synced so far / feeds to sync. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing %u/%u feed", "Syncing %u/%u feeds", total),
                          done, total);
  set_sync_status (self, text, total > 0 ? (double)done / total : 0.0);
}

static void
feed_finished_cb (BantinWindow     *self,
                  gint64            feed_id,
                  gboolean          ok,
                  guint             new_articles,
                  BantinSyncEngine *engine)
{
  if (!ok || new_articles > 0)
    schedule_reload (self);
}

static void
cleanup_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize removed;

  removed = g_task_propagate_int (G_TASK (result), &error);
  if (window_gone (self))
    return;

  if (error != NULL)
    g_warning ("Could not clean up the cache: %s", error->message);
  else if (removed > 0)
    {
      bantin_article_model_reload (self->article_model);
      _bantin_window_reload_sidebar (self);
      _bantin_window_refresh_counts (self);
    }
}

/* Old articles go after a sync, so that the retention period is kept
 * without a timer of its own; starred articles always stay. */
static void
clean_up_after_sync (BantinWindow *self)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->direction = (int) g_settings_get_uint (self->settings, "retention-days");
  bantin_store_worker_push (self->worker, cleanup_job, job, write_job_free,
                            clean_up_after_sync, NULL, cleanup_done_cb, g_object_ref (self));
}

static void
notify_if_unseen (BantinWindow     *self,
                  BantinSyncReport *report)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* Only news the user has not asked for and cannot see arriving. */
  if (!self->sync_in_background || report->new_articles == 0 ||
      gtk_window_is_active (GTK_WINDOW (self)) || !BANTIN_IS_APPLICATION (app))
    return;

  /* A notification replaces the one before it: it counts every article
   * that came in since the window was last in use. */
  self->unseen_new_articles += report->new_articles;
  bantin_application_notify_new_articles (BANTIN_APPLICATION (app), self->unseen_new_articles);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  report = bantin_sync_engine_sync_finish (BANTIN_SYNC_ENGINE (source), result, &error);
  if (window_gone (self))
    return;

  self->syncing = FALSE;
  set_sync_status (self, NULL, 0.0);
  _bantin_window_update_actions (self);

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Sync failed: %s"), error->message);

          _bantin_window_toast (self, message);
        }
      return;
    }

  if (report->n_failed > 0 && report->new_articles > 0)
    {
      g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u new article",
                                                             "%u new articles",
                                                             report->new_articles),
                                                report->new_articles);
      g_autofree char *failed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u feed failed",
                                                              "%u feeds failed",
                                                              report->n_failed),
                                                 report->n_failed);
      /* Translators: "5 new articles, 2 feeds failed". */
      text = g_strdup_printf (_("%s, %s"), added, failed);
    }
  else if (report->n_failed > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u feed could not be synced",
                                           "%u feeds could not be synced",
                                           report->n_failed),
                              report->n_failed);
    }
  else if (report->new_articles > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u new article",
                                           "%u new articles",
                                           report->new_articles),
                              report->new_articles);
    }
  else if (!self->quiet_sync)
    {
      text = g_strdup (_("No new articles"));
    }

  /* Right after subscribing, the feeds' articles are already in: saying
   * "No new articles" would only confuse. */
  self->quiet_sync = FALSE;
  if (text != NULL)
    _bantin_window_toast (self, text);

  notify_if_unseen (self, report);

  g_clear_handle_id (&self->reload_timeout_id, g_source_remove);
  reload_timeout_cb (self);
  clean_up_after_sync (self);

  if (self->sync_again)
    _bantin_window_sync_feeds (self, NULL, 0);
}

void
_bantin_window_sync_feeds (BantinWindow *self,
                           const gint64 *feed_ids,
                           guint         n_feed_ids)
{
  g_assert (BANTIN_IS_WINDOW (self));

  /* One sync at a time; a request that comes in meanwhile (a feed added
   * during a sync) becomes a full sync afterwards. */
  if (self->syncing)
    {
      self->sync_again = TRUE;
      self->background_sync = FALSE;
      return;
    }

  self->syncing = TRUE;
  self->sync_again = FALSE;
  self->sync_in_background = self->background_sync;
  self->background_sync = FALSE;
  g_clear_object (&self->sync_cancellable);
  self->sync_cancellable = g_cancellable_new ();
  set_sync_status (self, _("Syncing…"), 0.0);
  _bantin_window_update_actions (self);

  bantin_sync_engine_sync_async (self->engine, feed_ids, n_feed_ids, self->sync_cancellable,
                                 sync_done_cb, g_object_ref (self));
}

void
bantin_window_sync (BantinWindow *self)
{
  g_return_if_fail (BANTIN_IS_WINDOW (self));

  _bantin_window_sync_feeds (self, NULL, 0);
}

gboolean
bantin_window_get_busy (BantinWindow *self)
{
  g_return_val_if_fail (BANTIN_IS_WINDOW (self), FALSE);

  return self->syncing || g_hash_table_size (self->pending_subscriptions) > 0;
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  bantin_window_sync (BANTIN_WINDOW (widget));
}

/* Subscriptions */

typedef struct
{
  BantinWindow *self;
  guint         pending;
  guint         total;
  GArray       *ids;
  GPtrArray    *errors;
} SubscribeBatch;

static void
subscribe_batch_finish (SubscribeBatch *batch)
{
  BantinWindow *self = batch->self;

  if (!window_gone (self))
    {
      g_hash_table_remove (self->pending_subscriptions, batch);
      set_sync_status (self, NULL, 0.0);
      _bantin_window_update_main_page (self);

      if (batch->errors->len > 0)
        {
          g_autofree char *joined = NULL;
          g_autofree char *text = NULL;

          g_ptr_array_add (batch->errors, NULL);
          joined = g_strjoinv ("; ", (char **)batch->errors->pdata);
          text = g_strdup_printf (_("Could not subscribe: %s"), joined);
          _bantin_window_toast (self, text);
        }
      else if (batch->ids->len > 0)
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed added", "%u feeds added",
                                               batch->ids->len),
                                  batch->ids->len);
          _bantin_window_toast (self, text);
        }

      _bantin_window_reload_sidebar (self);
      if (batch->ids->len > 0)
        {
          self->quiet_sync = !self->syncing;
          _bantin_window_sync_feeds (self, (const gint64 *)(gpointer)batch->ids->data, batch->ids->len);
        }
    }

  g_array_unref (batch->ids);
  g_ptr_array_unref (batch->errors);
  g_object_unref (batch->self);
  g_free (batch);
}

static void
subscribed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SubscribeBatch *batch = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = bantin_sync_engine_subscribe_finish (BANTIN_SYNC_ENGINE (source), result, &error);
  if (id > 0)
    g_array_append_val (batch->ids, id);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_ptr_array_add (batch->errors, g_strdup (error->message));

  batch->pending--;
  if (!window_gone (batch->self) && batch->pending > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Adding %u/%u feed", "Adding %u/%u feeds",
                                           batch->total),
                              batch->total - batch->pending, batch->total);
      set_sync_status (batch->self, text, (double)(batch->total - batch->pending) / batch->total);
    }

  if (batch->pending == 0)
    subscribe_batch_finish (batch);
}

void
bantin_window_subscribe_urls (BantinWindow       *self,
                              const char * const *urls)
{
  SubscribeBatch *batch;
  guint n;

  g_return_if_fail (BANTIN_IS_WINDOW (self));

  n = urls != NULL ? g_strv_length ((char **)urls) : 0;
  if (n == 0)
    return;

  batch = g_new0 (SubscribeBatch, 1);
  batch->self = g_object_ref (self);
  batch->pending = n;
  batch->total = n;
  batch->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  batch->errors = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_add (self->pending_subscriptions, batch);

  set_sync_status (self, _("Adding feeds…"), 0.0);
  _bantin_window_update_main_page (self);

  for (guint i = 0; i < n; i++)
    bantin_sync_engine_subscribe_async (self->engine, urls[i], NULL, self->cancellable,
                                        subscribed_cb, batch);
}

static void
dialog_subscribed_cb (BantinWindow *self,
                      gint64        feed_id)
{
  _bantin_window_toast (self, _("Feed added"));
  _bantin_window_reload_sidebar (self);
  self->quiet_sync = !self->syncing;
  _bantin_window_sync_feeds (self, &feed_id, 1);
}

static void
add_feed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  BantinSubscribeDialog *dialog;

  dialog = bantin_subscribe_dialog_new (GTK_WINDOW (self), self->engine);
  g_signal_connect_object (dialog, "subscribed", G_CALLBACK (dialog_subscribed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
try_demo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) feeds = NULL;

  if (!BANTIN_IS_APPLICATION (app))
    return;

  feeds = bantin_application_dup_demo_feeds (BANTIN_APPLICATION (app), &error);
  if (feeds == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The demo feeds could not be started: %s"), error->message);

      _bantin_window_toast (self, text);
      return;
    }

  bantin_window_subscribe_urls (self, (const char * const *)feeds);
}

/* OPML */

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (window_gone (self))
    return;

  if (ids == NULL)
    {
      text = g_strdup_printf (_("Could not import the subscriptions: %s"), error->message);
      _bantin_window_toast (self, text);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u subscription imported",
                                       "%u subscriptions imported",
                                       ids->len),
                          ids->len);
  _bantin_window_toast (self, text);
  _bantin_window_reload_sidebar (self);
  if (ids->len > 0)
    _bantin_window_sync_feeds (self, (const gint64 *)(gpointer)ids->data, ids->len);
}

static void
opml_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  WriteJob *job;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error))
    {
      if (!window_gone (self))
        {
          g_autofree char *text = g_strdup_printf (_("Could not read the file: %s"), error->message);

          _bantin_window_toast (self, text);
        }
      return;
    }

  if (window_gone (self))
    return;

  job = g_new0 (WriteJob, 1);
  job->bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  bantin_store_worker_push (self->worker, import_opml_job, job, write_job_free,
                            opml_loaded_cb, NULL, imported_cb, g_object_ref (self));
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    BantinWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_file_load_contents_async (file, self->cancellable, opml_loaded_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
}

static void
import_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Import Subscriptions"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("OPML files"));
  gtk_file_filter_add_pattern (filter, "*.opml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "text/x-opml+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
opml_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!window_gone (self))
        {
          g_autofree char *text = g_strdup_printf (_("Could not save the file: %s"), error->message);

          _bantin_window_toast (self, text);
        }
      return;
    }

  if (!window_gone (self))
    _bantin_window_toast (self, _("Subscriptions exported"));
}

static void
export_opml_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GFile *file;
  g_autoptr(GBytes) bytes = NULL;

  text = g_task_propagate_pointer (G_TASK (result), &error);
  if (window_gone (self))
    return;

  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the subscriptions: %s"), error->message);

      _bantin_window_toast (self, message);
      return;
    }

  file = g_task_get_task_data (G_TASK (result));
  bytes = g_bytes_new (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, opml_saved_cb, g_object_ref (self));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    BantinWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      bantin_store_worker_push (self->worker, export_opml_job, file, g_object_unref,
                                export_response_cb, self->cancellable, export_opml_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
}

static void
export_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Subscriptions"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "bantin-subscriptions.opml");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Exporting the list as one document */

static void
export_articles_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  BantinArticleQuery query;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *stem = NULL;

  _bantin_window_fill_query (self, &query, TRUE);

  if (query.search != NULL)
    {
      g_autofree char *day = self->day != 0 ? bantin_date_format_day_long (self->day) : NULL;

      title = g_strdup (_("Search Results"));
      /* Translators: what was searched for, in quotes; then maybe the day. */
      subtitle = day != NULL ? g_strdup_printf (_("“%s”, %s"), query.search, day)
                             : g_strdup_printf (_("“%s”"), query.search);
      stem = g_strdup ("bantin-search");
    }
  else if (self->day != 0)
    {
      g_autofree char *day = bantin_date_format_day_long (self->day);
      g_autofree char *iso = bantin_day_format_iso (self->day);

      /* Translators: %s is a day, e.g. "Thứ Ba, 03/07/2018". */
      title = g_strdup_printf (_("News of %s"), day);
      stem = g_strdup_printf ("bantin-%s", iso);
    }
  else
    {
      title = g_strdup (_("Latest News"));
      stem = g_strdup ("bantin");
    }

  bantin_export_run (GTK_WINDOW (self), self->worker, &query, title, subtitle, stem,
                     self->toast_overlay, self->cancellable);
}

/* Feed management from the sidebar's context menu */

static BantinSidebarItem *
find_feed_item (BantinWindow *self,
                gint64        feed_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BantinSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_store), i);

      if (bantin_sidebar_item_get_kind (item) == BANTIN_SIDEBAR_FEED &&
          bantin_sidebar_item_get_feed_id (item) == feed_id)
        return item;
    }

  return NULL;
}

static void
feed_changed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (window_gone (self))
    return;

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The change could not be saved: %s"), error->message);

      _bantin_window_toast (self, text);
    }

  _bantin_window_reload_sidebar (self);
  _bantin_window_reload_articles (self);
  _bantin_window_refresh_counts (self);
}

static GtkWidget *
entry_dialog_new (BantinWindow *self,
                  const char   *heading,
                  const char   *body,
                  const char   *text,
                  const char   *placeholder,
                  const char   *accept_label)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "bantin-entry", entry);

  return dialog;
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BantinWindow     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "bantin-entry");
  const char *title = gtk_editable_get_text (entry);
  WriteJob *job;

  if (g_strcmp0 (response, "accept") != 0 || title[0] == '\0')
    return;

  job = g_new0 (WriteJob, 1);
  job->feed_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "bantin-feed-id");
  job->text = g_strstrip (g_strdup (title));
  bantin_store_worker_push (self->worker, rename_feed_job, job, write_job_free,
                            rename_response_cb, NULL, feed_changed_cb, g_object_ref (self));
}

static void
set_dialog_feed_id (GtkWidget *dialog,
                    gint64     feed_id)
{
  gint64 *boxed = g_new (gint64, 1);

  *boxed = feed_id;
  g_object_set_data_full (G_OBJECT (dialog), "bantin-feed-id", boxed, g_free);
}

static void
rename_feed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  gint64 feed_id = g_variant_get_int64 (param);
  BantinSidebarItem *item = find_feed_item (self, feed_id);
  GtkWidget *dialog;

  if (item == NULL)
    return;

  dialog = entry_dialog_new (self, _("Rename Feed"), NULL,
                             bantin_sidebar_item_get_title (item), _("Name"), _("_Rename"));
  set_dialog_feed_id (dialog, feed_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  BantinWindow     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "bantin-entry");
  g_autofree char *folder = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  WriteJob *job;

  if (g_strcmp0 (response, "accept") != 0)
    return;

  job = g_new0 (WriteJob, 1);
  job->feed_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "bantin-feed-id");
  job->text = folder[0] != '\0' ? g_steal_pointer (&folder) : NULL;
  bantin_store_worker_push (self->worker, move_feed_job, job, write_job_free,
                            move_response_cb, NULL, feed_changed_cb, g_object_ref (self));
}

static void
move_feed_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  gint64 feed_id = g_variant_get_int64 (param);
  BantinSidebarItem *item = find_feed_item (self, feed_id);
  GtkWidget *dialog;

  if (item == NULL)
    return;

  dialog = entry_dialog_new (self, _("Move to Folder"),
                             _("Feeds with the same folder name are shown together. Leave it empty to take the feed out of its folder."),
                             bantin_sidebar_item_get_folder (item), _("Folder"), _("_Move"));
  set_dialog_feed_id (dialog, feed_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (move_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unsubscribe_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         BantinWindow     *self)
{
  WriteJob *job;

  if (g_strcmp0 (response, "unsubscribe") != 0)
    return;

  job = g_new0 (WriteJob, 1);
  job->feed_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "bantin-feed-id");
  bantin_store_worker_push (self->worker, remove_feed_job, job, write_job_free,
                            unsubscribe_response_cb, NULL, feed_changed_cb, g_object_ref (self));
}

static void
unsubscribe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  gint64 feed_id = g_variant_get_int64 (param);
  BantinSidebarItem *item = find_feed_item (self, feed_id);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;

  heading = g_strdup_printf (_("Unsubscribe from “%s”?"), bantin_sidebar_item_get_title (item));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its saved articles will be removed from this computer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unsubscribe", _("_Unsubscribe"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unsubscribe",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  set_dialog_feed_id (dialog, feed_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsubscribe_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_feed_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  gint64 feed_id = g_variant_get_int64 (param);

  _bantin_window_sync_feeds (BANTIN_WINDOW (widget), &feed_id, 1);
}

static void
sync_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  const char *folder = g_variant_get_string (param, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BantinSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_store), i);
      gint64 feed_id = bantin_sidebar_item_get_feed_id (item);

      if (bantin_sidebar_item_get_kind (item) == BANTIN_SIDEBAR_FEED &&
          g_strcmp0 (bantin_sidebar_item_get_folder (item), folder) == 0)
        g_array_append_val (ids, feed_id);
    }

  if (ids->len > 0)
    _bantin_window_sync_feeds (self, (const gint64 *)(gpointer)ids->data, ids->len);
}

static void
folder_renamed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BantinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  WriteJob *job = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), &error);
  if (window_gone (self))
    return;

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The change could not be saved: %s"), error->message);

      _bantin_window_toast (self, text);
    }
  else if (self->view_kind == BANTIN_SIDEBAR_FOLDER && g_strcmp0 (self->view_folder, job->folder) == 0)
    {
      /* The window keeps showing the folder under its new name. */
      g_free (self->view_folder);
      self->view_folder = g_strdup (job->text);
      g_settings_set_string (self->settings, "selected-folder", self->view_folder);
    }

  _bantin_window_reload_sidebar (self);
  _bantin_window_reload_articles (self);
  _bantin_window_refresh_counts (self);
}

static void
rename_folder_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           BantinWindow     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "bantin-entry");
  const char *folder = g_object_get_data (G_OBJECT (dialog), "bantin-folder");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  WriteJob *job;

  if (g_strcmp0 (response, "accept") != 0 || name[0] == '\0' || g_strcmp0 (name, folder) == 0)
    return;

  job = g_new0 (WriteJob, 1);
  job->folder = g_strdup (folder);
  job->text = g_steal_pointer (&name);
  bantin_store_worker_push (self->worker, rename_folder_job, job, write_job_free,
                            rename_folder_response_cb, NULL, folder_renamed_cb, g_object_ref (self));
}

static void
rename_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BantinWindow *self = BANTIN_WINDOW (widget);
  const char *folder = g_variant_get_string (param, NULL);
  GtkWidget *dialog;

  dialog = entry_dialog_new (self, _("Rename Folder"),
                             _("Its feeds move with it. A name that another folder has already joins the two."),
                             folder, _("Name"), _("_Rename"));
  g_object_set_data_full (G_OBJECT (dialog), "bantin-folder", g_strdup (folder), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_folder_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
popover_closed_cb (GtkPopover *popover)
{
  /* Unparent once the menu has activated its item. */
  g_idle_add_once ((GSourceOnceFunc)gtk_widget_unparent, popover);
}

static void
append_target_item (GMenu      *menu,
                    const char *label,
                    const char *action,
                    GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

static void
append_feed_item (GMenu      *menu,
                  const char *label,
                  const char *action,
                  gint64      feed_id)
{
  append_target_item (menu, label, action, g_variant_new_int64 (feed_id));
}

static void
append_folder_item (GMenu      *menu,
                    const char *label,
                    const char *action,
                    const char *folder)
{
  append_target_item (menu, label, action, g_variant_new_string (folder));
}

void
_bantin_window_show_feed_menu (BantinWindow *self,
                               GtkWidget    *row,
                               double        x,
                               double        y)
{
  BantinSidebarItem *item;
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) section = NULL;
  g_autoptr(GMenu) danger = NULL;
  const char *folder;
  GtkWidget *popover;
  gint64 feed_id;

  g_assert (BANTIN_IS_WINDOW (self));
  g_assert (BANTIN_IS_FEED_ROW (row));

  item = bantin_feed_row_get_item (BANTIN_FEED_ROW (row));
  if (item == NULL)
    return;

  menu = g_menu_new ();
  section = g_menu_new ();
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  switch (bantin_sidebar_item_get_kind (item))
    {
    case BANTIN_SIDEBAR_FEED:
      feed_id = bantin_sidebar_item_get_feed_id (item);
      danger = g_menu_new ();
      append_feed_item (section, _("_Sync This Feed"), "win.sync-feed", feed_id);
      append_feed_item (section, _("_Rename…"), "win.rename-feed", feed_id);
      append_feed_item (section, _("_Move to Folder…"), "win.move-feed", feed_id);
      append_feed_item (section, _("_Mark All as Read"), "win.mark-feed-read", feed_id);
      append_feed_item (danger, _("_Unsubscribe…"), "win.unsubscribe", feed_id);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
      break;

    case BANTIN_SIDEBAR_FOLDER:
      folder = bantin_sidebar_item_get_folder (item);
      append_folder_item (section, _("_Sync This Folder"), "win.sync-folder", folder);
      append_folder_item (section, _("_Rename…"), "win.rename-folder", folder);
      append_folder_item (section, _("_Mark All as Read"), "win.mark-folder-read", folder);
      break;

    case BANTIN_SIDEBAR_ALL:
    case BANTIN_SIDEBAR_UNREAD:
    case BANTIN_SIDEBAR_STARRED:
    case BANTIN_SIDEBAR_HEADING:
    default:
      return;
    }

  /* Parented to our own row widget, which unparents it when it goes. */
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, row);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

void
_bantin_window_update_actions (BantinWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_article = bantin_article_view_get_article (self->article_view) != NULL;
  gboolean has_items = g_list_model_get_n_items (G_LIST_MODEL (self->article_model)) > 0;

  gtk_widget_action_set_enabled (widget, "win.toggle-read", has_article);
  gtk_widget_action_set_enabled (widget, "win.toggle-star", has_article);
  gtk_widget_action_set_enabled (widget, "win.zoom-in", has_article);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", has_article);
  gtk_widget_action_set_enabled (widget, "win.zoom-reset", has_article);
  gtk_widget_action_set_enabled (widget, "win.open-in-browser", has_article);
  gtk_widget_action_set_enabled (widget, "win.print", has_article);
  gtk_widget_action_set_enabled (widget, "win.export-articles", has_items);
  gtk_widget_action_set_enabled (widget, "win.next-article", has_items);
  gtk_widget_action_set_enabled (widget, "win.previous-article", has_items);
  gtk_widget_action_set_enabled (widget, "win.mark-all-read", has_items);
  gtk_widget_action_set_enabled (widget, "win.all-dates", self->day != 0);
  gtk_widget_action_set_enabled (widget, "win.refresh", !self->syncing);
  gtk_widget_action_set_enabled (widget, "win.sync-feed", !self->syncing);
  gtk_widget_action_set_enabled (widget, "win.sync-folder", !self->syncing);
  gtk_widget_action_set_enabled (widget, "win.export-opml", self->has_feeds);
}

void
_bantin_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-search", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-read", NULL, toggle_read_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-star", NULL, toggle_star_action);
  gtk_widget_class_install_action (widget_class, "win.mark-all-read", NULL, mark_all_read_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, next_article_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL, previous_article_action);
  gtk_widget_class_install_action (widget_class, "win.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "win.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "win.all-dates", NULL, all_dates_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-nearest-day", NULL, go_to_nearest_day_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, forward_to_view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, forward_to_view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, forward_to_view_action);
  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL, forward_to_view_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, forward_to_view_action);
  gtk_widget_class_install_action (widget_class, "win.export-articles", NULL, export_articles_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.add-feed", NULL, add_feed_action);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, try_demo_action);
  gtk_widget_class_install_action (widget_class, "win.import-opml", NULL, import_opml_action);
  gtk_widget_class_install_action (widget_class, "win.export-opml", NULL, export_opml_action);
  gtk_widget_class_install_action (widget_class, "win.sync-feed", "x", sync_feed_action);
  gtk_widget_class_install_action (widget_class, "win.rename-feed", "x", rename_feed_action);
  gtk_widget_class_install_action (widget_class, "win.move-feed", "x", move_feed_action);
  gtk_widget_class_install_action (widget_class, "win.unsubscribe", "x", unsubscribe_action);
  gtk_widget_class_install_action (widget_class, "win.sync-folder", "s", sync_folder_action);
  gtk_widget_class_install_action (widget_class, "win.rename-folder", "s", rename_folder_action);
  gtk_widget_class_install_action (widget_class, "win.mark-folder-read", "s", mark_folder_read_action);
  gtk_widget_class_install_action (widget_class, "win.mark-feed-read", "x", mark_feed_read_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "win.toggle-read", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "win.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.mark-all-read", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.next-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-feed", NULL);
}

void
_bantin_window_connect_engine (BantinWindow *self)
{
  g_signal_connect_object (self->engine, "progress", G_CALLBACK (sync_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "feed-finished", G_CALLBACK (feed_finished_cb), self, G_CONNECT_SWAPPED);
}
