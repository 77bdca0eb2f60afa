/* test-ui-window.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bantin-core.h"
#include "bantin-feed-row.h"
#include "bantin-test-server.h"
#include "bantin-window-private.h"

/* One real window over one store for the whole file: the tests run in
 * order and build on each other, as a reader would use the window. */
static BantinTestServer *server;
static BantinSyncEngine *engine;
static BantinWindow     *window;
static char             *data_dir;
static char             *db_path;

#define WAIT_TIMEOUT_MS 20000

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main loop until @cond holds, failing the test after a while. */
#define WAIT_UNTIL(cond)                                                     \
  G_STMT_START {                                                             \
    gint64 deadline_ = g_get_monotonic_time () + WAIT_TIMEOUT_MS * 1000;     \
    guint wake_id_ = g_timeout_add (20, wake_cb, NULL);                      \
    while (!(cond) && g_get_monotonic_time () < deadline_)                   \
      g_main_context_iteration (NULL, TRUE);                                 \
    g_source_remove (wake_id_);                                              \
    if (!(cond))                                                             \
      g_error ("Timed out waiting for: %s", #cond);                          \
  } G_STMT_END

static const char feed_a[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\"><channel><title>Báo A</title><link>http://a.example/</link>\n"
  "<item><guid>a1</guid><title>Đảng viên gương mẫu ở Mường La</title>"
  "<description>Bài viết về đảng viên.</description>"
  "<pubDate>Fri, 01 Mar 2024 08:00:00 +0700</pubDate></item>\n"
  "<item><guid>a2</guid><title>Giáo dục vùng cao</title>"
  "<pubDate>Fri, 01 Mar 2024 10:00:00 +0700</pubDate></item>\n"
  /* 29 February in UTC, but already 1 March in Hà Nội. */
  "<item><guid>a3</guid><title>Tin đêm khuya</title>"
  "<pubDate>Thu, 29 Feb 2024 18:30:00 +0000</pubDate></item>\n"
  "<item><guid>a4</guid><title>Bóng đá cuối tuần</title>"
  "<pubDate>Sun, 03 Mar 2024 09:00:00 +0700</pubDate></item>\n"
  "<item><guid>a5</guid><title>Thời tiết</title>"
  "<pubDate>Sun, 03 Mar 2024 20:00:00 +0700</pubDate></item>\n"
  "</channel></rss>\n";

static const char feed_b[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\"><channel><title>Báo B</title><link>http://b.example/</link>\n"
  "<item><guid>b1</guid><title>Kinh tế quý một</title>"
  "<pubDate>Fri, 01 Mar 2024 12:00:00 +0700</pubDate></item>\n"
  "<item><guid>b2</guid><title>Du lịch Đà Nẵng</title>"
  "<pubDate>Tue, 05 Mar 2024 09:00:00 +0700</pubDate></item>\n"
  "</channel></rss>\n";

static GListModel *
articles (void)
{
  return G_LIST_MODEL (bantin_window_get_article_model (window));
}

static gboolean
model_idle (void)
{
  return !bantin_article_model_get_loading (bantin_window_get_article_model (window));
}

static gboolean
window_idle (void)
{
  return !bantin_window_get_busy (window) && model_idle ();
}

static BantinSidebarItem *
find_sidebar_item (BantinSidebarKind  kind,
                   const char        *title)
{
  GListModel *model = bantin_window_get_sidebar_model (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BantinSidebarItem) item = g_list_model_get_item (model, i);

      if (bantin_sidebar_item_get_kind (item) == kind &&
          (title == NULL || g_strcmp0 (bantin_sidebar_item_get_title (item), title) == 0))
        return item;
    }

  return NULL;
}

static void
assert_all_on_day (BantinDay day)
{
  GListModel *model = articles ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BantinArticle) article = g_list_model_get_item (model, i);

      g_assert_cmpint (bantin_article_get_local_day (article), ==, day);
    }
}

static void
set_day (BantinDay day)
{
  bantin_date_picker_set_day (window->date_picker, day);
  WAIT_UNTIL (window->day == day && model_idle ());
}

static void
test_subscribe_and_list (void)
{
  g_autofree char *url_a = bantin_test_server_url (server, "/a.xml");
  g_autofree char *url_b = bantin_test_server_url (server, "/b.xml");
  const char *urls[] = { url_a, url_b, NULL };

  /* Before any feed the window offers to add one. */
  WAIT_UNTIL (window->sidebar_loaded);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");

  bantin_window_subscribe_urls (window, urls);
  g_assert_true (bantin_window_get_busy (window));
  WAIT_UNTIL (window_idle () && g_list_model_get_n_items (articles ()) == 7);

  WAIT_UNTIL (find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo B") != NULL);
  g_assert_nonnull (find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo A"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "reader");
  g_assert_cmpuint (bantin_sidebar_item_get_unread_count (find_sidebar_item (BANTIN_SIDEBAR_ALL, NULL)), ==, 7);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->list_stack), ==, "list");
}

static void
drag_handle (BantinPaneHandle *handle,
             double            dx)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (handle));
  GtkGesture *drag = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);

  /* What GtkGestureDrag reports for a press on the line, a move and a
   * release, as the handle would see them from a pointer. */
  g_signal_emit_by_name (drag, "drag-begin", 0.0, 100.0);
  g_signal_emit_by_name (drag, "drag-update", dx, 0.0);
  g_signal_emit_by_name (drag, "drag-end", dx, 0.0);
}

/* What GtkEventControllerKey reports for a key the handle has the focus
 * for. */
static gboolean
press_key_on_handle (BantinPaneHandle *handle,
                     guint             keyval,
                     GdkModifierType   state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (handle));
  GtkEventController *key = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        key = GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_nonnull (key);

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static void
test_pane_widths (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bantin.Bantin");
  graphene_point_t point;
  int widest;

  /* main() saved 300 and 380 before the window opened. The welcome page
   * fades out first, and would be what the pointer finds meanwhile. */
  WAIT_UNTIL (gtk_widget_get_width (window->sidebar_pane) == 300 &&
              gtk_widget_get_width (window->list_pane) == 380 &&
              !gtk_stack_get_transition_running (window->main_stack));
  g_assert_false (adw_leaflet_get_folded (window->outer_leaflet));
  g_assert_false (adw_leaflet_get_folded (window->inner_leaflet));
  g_assert_cmpint (gtk_widget_get_width (window->view_pane), >=, 360);

  /* The line is one pixel wide, but the pointer finds it a little off. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window->sidebar_handle), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (0, 200), &point));
  g_assert_true (gtk_widget_pick (GTK_WIDGET (window), point.x + 3, point.y, GTK_PICK_DEFAULT) ==
                 GTK_WIDGET (window->sidebar_handle));

  /* A drag widens the sidebar; the width is saved when it ends, and the
   * article list keeps its own. */
  drag_handle (window->sidebar_handle, 40);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 340);
  WAIT_UNTIL (gtk_widget_get_width (window->sidebar_pane) == 340);
  g_assert_cmpint (gtk_widget_get_width (window->list_pane), ==, 380);

  /* No narrower than the sidebar's minimum... */
  drag_handle (window->sidebar_handle, -1000);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 260);
  WAIT_UNTIL (gtk_widget_get_width (window->sidebar_pane) == 260);

  /* ...and no wider than leaves the list its width and the article its
   * minimum: a drag never folds the window. */
  drag_handle (window->sidebar_handle, 1000);
  widest = g_settings_get_int (settings, "sidebar-width");
  g_assert_cmpint (widest, >, 340);
  g_assert_cmpint (widest, <, 600);
  WAIT_UNTIL (gtk_widget_get_width (window->sidebar_pane) == widest);
  g_assert_cmpint (gtk_widget_get_width (window->list_pane), ==, 380);
  g_assert_cmpint (gtk_widget_get_width (window->view_pane), >=, 360);
  g_assert_false (adw_leaflet_get_folded (window->inner_leaflet));

  /* The article list's line works the same way. */
  drag_handle (window->list_handle, -30);
  g_assert_cmpint (g_settings_get_int (settings, "article-list-width"), ==, 350);
  WAIT_UNTIL (gtk_widget_get_width (window->list_pane) == 350);

  /* A click without a move saves nothing. */
  g_settings_set_int (settings, "article-list-width", 370);
  WAIT_UNTIL (gtk_widget_get_width (window->list_pane) == 370);
  drag_handle (window->list_handle, 0);
  g_assert_cmpint (g_settings_get_int (settings, "article-list-width"), ==, 370);

  /* The keyboard moves a line too, when it has the focus (Tab reaches
   * it; a click does not take it). */
  g_settings_set_int (settings, "sidebar-width", 300);
  WAIT_UNTIL (gtk_widget_get_width (window->sidebar_pane) == 300);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (window->list_handle)));
  g_assert_false (gtk_widget_get_focus_on_click (GTK_WIDGET (window->list_handle)));
  g_assert_true (press_key_on_handle (window->list_handle, GDK_KEY_Right, 0));
  g_assert_cmpint (g_settings_get_int (settings, "article-list-width"), ==, 386);
  g_assert_true (press_key_on_handle (window->list_handle, GDK_KEY_Right, 0));
  g_assert_cmpint (g_settings_get_int (settings, "article-list-width"), ==, 402);
  WAIT_UNTIL (gtk_widget_get_width (window->list_pane) == 402);
  /* Ctrl takes bigger steps, and no step goes below the list's 340-pixel
   * minimum. */
  g_assert_true (press_key_on_handle (window->list_handle, GDK_KEY_Left, GDK_CONTROL_MASK));
  g_assert_cmpint (g_settings_get_int (settings, "article-list-width"), ==, 340);
  g_assert_true (press_key_on_handle (window->list_handle, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_cmpint (g_settings_get_int (settings, "article-list-width"), ==, 404);
  WAIT_UNTIL (gtk_widget_get_width (window->list_pane) == 404);
  g_assert_true (press_key_on_handle (window->list_handle, GDK_KEY_Home, 0));
  g_assert_cmpint (g_settings_get_int (settings, "article-list-width"), ==, 340);
  WAIT_UNTIL (gtk_widget_get_width (window->list_pane) == 340);
  g_assert_true (press_key_on_handle (window->sidebar_handle, GDK_KEY_End, 0));
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, widest + 40);
  g_assert_false (press_key_on_handle (window->list_handle, GDK_KEY_a, 0));
  WAIT_UNTIL (gtk_widget_get_width (window->sidebar_pane) == widest + 40);
  g_assert_false (adw_leaflet_get_folded (window->inner_leaflet));

  g_settings_set_int (settings, "article-list-width", 380);
  g_settings_set_int (settings, "sidebar-width", 300);
  WAIT_UNTIL (gtk_widget_get_width (window->sidebar_pane) == 300 &&
              gtk_widget_get_width (window->list_pane) == 380);
}

static void
test_pick_day (void)
{
  set_day (20240301);
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 4);
  assert_all_on_day (20240301);

  set_day (20240303);
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 2);
  assert_all_on_day (20240303);

  /* "All dates" shows everything again. */
  set_day (0);
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 7);
}

static void
test_step_days (void)
{
  set_day (20240301);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-day", NULL);
  WAIT_UNTIL (window->day == 20240303 && model_idle ());
  g_assert_cmpint (bantin_date_picker_get_day (window->date_picker), ==, 20240303);
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-day", NULL);
  WAIT_UNTIL (window->day == 20240305 && model_idle ());
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 1);
  assert_all_on_day (20240305);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-day", NULL);
  WAIT_UNTIL (window->day == 20240303 && model_idle ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-day", NULL);
  WAIT_UNTIL (window->day == 20240301 && model_idle ());
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 4);

  /* A day without articles: the empty state offers the nearest day. */
  set_day (20240302);
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->list_stack), ==, "empty");
  WAIT_UNTIL (window->nearest_day != 0);
  g_assert_true (gtk_widget_get_visible (window->go_to_day_button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-nearest-day", NULL);
  WAIT_UNTIL (window->day == 20240301 && model_idle ());
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 4);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->list_stack), ==, "list");

  set_day (0);
}

static void
search_for (const char *text)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (window->search_bar));
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), text);
  /* The entry debounces: wait for the query to reach the window. */
  WAIT_UNTIL (g_strcmp0 (window->search_text, text[0] ? text : NULL) == 0 && model_idle ());
}

static void
assert_only_title (const char *title)
{
  g_autoptr(BantinArticle) article = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 1);
  article = g_list_model_get_item (articles (), 0);
  g_assert_cmpstr (bantin_article_get_title (article), ==, title);
}

static void
test_search (void)
{
  search_for ("dang vien");
  assert_only_title ("Đảng viên gương mẫu ở Mường La");

  search_for ("đảng viên");
  assert_only_title ("Đảng viên gương mẫu ở Mường La");

  search_for ("da nang");
  assert_only_title ("Du lịch Đà Nẵng");

  /* Combined with the day. */
  set_day (20240301);
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->list_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (window->empty_page), ==, "No Results");
  set_day (0);

  search_for ("khongcogica");
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 0);
  g_assert_cmpstr (adw_status_page_get_title (window->empty_page), ==, "No Results");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-search", NULL);
  WAIT_UNTIL (window->search_text == NULL && model_idle ());
  g_assert_false (gtk_search_bar_get_search_mode (window->search_bar));
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 7);
}

static gboolean
stored_flag (gint64   id,
             gboolean starred)
{
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  /* A second connection sees only what was written to the file. */
  store = bantin_store_open (db_path, &error);
  g_assert_no_error (error);
  article = bantin_store_get_article (store, id, FALSE, &error);
  g_assert_no_error (error);

  return starred ? bantin_article_get_starred (article) : bantin_article_get_read (article);
}

static void
test_read_and_star (void)
{
  g_autoptr(BantinArticle) first = NULL;
  BantinSidebarItem *all;
  gint64 id;

  first = g_list_model_get_item (articles (), 0);
  id = bantin_article_get_id (first);
  g_assert_false (stored_flag (id, FALSE));
  all = find_sidebar_item (BANTIN_SIDEBAR_ALL, NULL);
  g_assert_cmpuint (bantin_sidebar_item_get_unread_count (all), ==, 7);

  /* Opening an article marks it read, in the list and in the store. */
  gtk_single_selection_set_selected (window->selection, 0);
  WAIT_UNTIL (bantin_article_view_get_article (window->article_view) != NULL);
  g_assert_cmpint (bantin_article_get_id (bantin_article_view_get_article (window->article_view)), ==, id);
  g_assert_nonnull (bantin_article_get_content (bantin_article_view_get_article (window->article_view)));
  WAIT_UNTIL (stored_flag (id, FALSE));
  g_assert_true (bantin_article_get_read (first));
  g_assert_cmpuint (bantin_sidebar_item_get_unread_count (all), ==, 6);

  /* M toggles it back, S stars it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-read", NULL);
  WAIT_UNTIL (!stored_flag (id, FALSE));
  g_assert_false (bantin_article_get_read (first));
  g_assert_cmpuint (bantin_sidebar_item_get_unread_count (all), ==, 7);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-star", NULL);
  WAIT_UNTIL (stored_flag (id, TRUE));
  g_assert_true (bantin_article_get_starred (first));

  /* J moves down the list and opens the next article. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-article", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (window->selection), ==, 1);
  WAIT_UNTIL (bantin_article_view_get_article (window->article_view) != NULL &&
              bantin_article_get_id (bantin_article_view_get_article (window->article_view)) != id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-article", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (window->selection), ==, 0);

  /* Shift+Ctrl+A: everything shown (here one day) becomes read. */
  set_day (20240303);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-all-read", NULL);
  WAIT_UNTIL (bantin_sidebar_item_get_unread_count (all) == 4);
  set_day (0);
}

static void
test_selection_survives_sync (void)
{
  g_autoptr(BantinArticle) selected = NULL;
  g_autofree char *body = NULL;
  gint64 id;

  gtk_single_selection_set_selected (window->selection, 2);
  selected = g_object_ref (gtk_single_selection_get_selected_item (window->selection));
  id = bantin_article_get_id (selected);
  WAIT_UNTIL (bantin_article_view_get_article (window->article_view) != NULL &&
              bantin_article_get_id (bantin_article_view_get_article (window->article_view)) == id);

  /* A newer article arrives above the selection. */
  body = g_strdup_printf ("%.*s<item><guid>b3</guid><title>Tin mới</title>"
                          "<pubDate>Wed, 06 Mar 2024 09:00:00 +0700</pubDate></item>\n"
                          "</channel></rss>\n",
                          (int)(strstr (feed_b, "</channel>") - feed_b), feed_b);
  bantin_test_server_serve_bytes (server, "/b.xml", 200, "application/rss+xml", body, -1);

  bantin_window_sync (window);
  WAIT_UNTIL (window_idle () && g_list_model_get_n_items (articles ()) == 8);
  WAIT_UNTIL (gtk_single_selection_get_selected (window->selection) == 3);
  g_assert_cmpint (bantin_article_model_get_id (bantin_window_get_article_model (window), 3), ==, id);
}

/* The row the sidebar shows for @item, if it is on screen. */
static GtkWidget *
find_feed_row (GtkWidget         *widget,
               BantinSidebarItem *item)
{
  if (BANTIN_IS_FEED_ROW (widget) && bantin_feed_row_get_item (BANTIN_FEED_ROW (widget)) == item)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_feed_row (child, item);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_feed_error (void)
{
  BantinSidebarItem *item;
  GtkWidget *row = NULL;
  GtkWidget *child;
  GtkWidget *icon = NULL;
  const char *tooltip;

  bantin_test_server_serve_status (server, "/b.xml", 500);
  bantin_window_sync (window);
  WAIT_UNTIL (window_idle ());

  item = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo B");
  WAIT_UNTIL (bantin_sidebar_item_get_error (item) != NULL);
  g_assert_null (bantin_sidebar_item_get_error (find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo A")));

  /* The row shows a warning icon whose tooltip says why. */
  WAIT_UNTIL ((row = find_feed_row (GTK_WIDGET (window->sidebar_list), item)) != NULL);

  for (child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child) &&
        g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), "dialog-warning-symbolic") == 0)
      icon = child;

  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_get_visible (icon));
  tooltip = gtk_widget_get_tooltip_text (icon);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, bantin_sidebar_item_get_error (item)));
  g_assert_nonnull (strstr (tooltip, "500"));
}

static void
test_view_persists (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bantin.Bantin");
  BantinSidebarItem *item = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo A");
  GListModel *sidebar = bantin_window_get_sidebar_model (window);
  g_autofree char *view = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (sidebar); i++)
    {
      g_autoptr(BantinSidebarItem) it = g_list_model_get_item (sidebar, i);

      if (it == item)
        gtk_single_selection_set_selected (window->sidebar_selection, i);
    }

  WAIT_UNTIL (window->view_feed_id == bantin_sidebar_item_get_feed_id (item) && model_idle ());
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 5);
  set_day (20240303);
  g_assert_cmpuint (g_list_model_get_n_items (articles ()), ==, 2);

  view = g_settings_get_string (settings, "selected-view");
  g_assert_cmpstr (view, ==, "feed");
  g_assert_cmpint (g_settings_get_int64 (settings, "selected-feed"), ==, bantin_sidebar_item_get_feed_id (item));
  g_assert_cmpint (g_settings_get_int (settings, "selected-day"), ==, 20240303);
}

static void
select_sidebar_item (BantinSidebarItem *item)
{
  GListModel *model = bantin_window_get_sidebar_model (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BantinSidebarItem) it = g_list_model_get_item (model, i);

      if (it == item)
        gtk_single_selection_set_selected (window->sidebar_selection, i);
    }
}

/* Whether @menu, or a section of it, has an item for @action with
 * @target (a floating @target is consumed). */
static gboolean
menu_has (GMenuModel *menu,
          const char *action,
          GVariant   *target)
{
  g_autoptr(GVariant) wanted = g_variant_ref_sink (target);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *name = NULL;
      g_autoptr(GVariant) value = NULL;

      if (section != NULL && menu_has (section, action, wanted))
        return TRUE;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name))
        continue;
      value = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      if (g_strcmp0 (name, action) == 0 && value != NULL && g_variant_equal (value, wanted))
        return TRUE;
    }

  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_folder_menu (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bantin.Bantin");
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected = NULL;
  BantinSidebarItem *item_a = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo A");
  BantinSidebarItem *item_b = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo B");
  gint64 feed_a_id = bantin_sidebar_item_get_feed_id (item_a);
  BantinSidebarItem *folder = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row = NULL;
  GtkWidget *popover = NULL;
  guint b_unread;

  set_day (0);

  store = bantin_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (bantin_store_set_feed_folder (store, feed_a_id, "Tin tức", &error));
  g_assert_no_error (error);
  _bantin_window_reload_sidebar (window);
  WAIT_UNTIL ((folder = find_sidebar_item (BANTIN_SIDEBAR_FOLDER, "Tin tức")) != NULL);
  item_a = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo A");
  item_b = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo B");
  g_assert_cmpuint (bantin_sidebar_item_get_unread_count (folder), >, 0);
  b_unread = bantin_sidebar_item_get_unread_count (item_b);
  g_assert_cmpuint (b_unread, >, 0);

  /* A right click on the folder's row opens its menu. */
  WAIT_UNTIL ((row = find_feed_row (GTK_WIDGET (window->sidebar_list), folder)) != NULL);
  _bantin_window_show_feed_menu (window, row, 10, 10);
  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      popover = child;
  g_assert_nonnull (popover);
  g_assert_true (menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)),
                           "win.sync-folder", g_variant_new_string ("Tin tức")));
  g_assert_true (menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)),
                           "win.rename-folder", g_variant_new_string ("Tin tức")));
  g_assert_true (menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)),
                           "win.mark-folder-read", g_variant_new_string ("Tin tức")));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Mark All as Read: the folder's feeds, every day, and no other feed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-folder-read", "s", "Tin tức");
  WAIT_UNTIL (bantin_sidebar_item_get_unread_count (folder) == 0 &&
              bantin_sidebar_item_get_unread_count (item_a) == 0);
  g_assert_cmpuint (bantin_sidebar_item_get_unread_count (item_b), ==, b_unread);

  /* Rename it while the window shows it: the view follows. */
  select_sidebar_item (folder);
  WAIT_UNTIL (window->view_kind == BANTIN_SIDEBAR_FOLDER && model_idle ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-folder", "s", "Tin tức");
  WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "  Thời sự ");
  adw_message_dialog_response (dialog, "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));

  WAIT_UNTIL (find_sidebar_item (BANTIN_SIDEBAR_FOLDER, "Thời sự") != NULL &&
              find_sidebar_item (BANTIN_SIDEBAR_FOLDER, "Tin tức") == NULL);
  g_assert_cmpstr (window->view_folder, ==, "Thời sự");
  selected = g_settings_get_string (settings, "selected-folder");
  g_assert_cmpstr (selected, ==, "Thời sự");
  WAIT_UNTIL (model_idle () && g_list_model_get_n_items (articles ()) == 5);

  feed = bantin_store_get_feed (store, feed_a_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bantin_feed_get_folder (feed), ==, "Thời sự");
}

static void
test_feed_menu_mark_read (void)
{
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a_ids = NULL;
  BantinSidebarItem *item_a = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo A");
  BantinSidebarItem *item_b = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo B");
  BantinSidebarItem *all = find_sidebar_item (BANTIN_SIDEBAR_ALL, NULL);
  gint64 feed_b_id = bantin_sidebar_item_get_feed_id (item_b);
  BantinArticleQuery query = { 0, };
  GtkWidget *row = NULL;
  GtkWidget *popover = NULL;
  guint all_unread;
  guint b_unread = bantin_sidebar_item_get_unread_count (item_b);

  /* Feed A unread again (the folder test read it), to see it stay so. */
  store = bantin_store_open (db_path, &error);
  g_assert_no_error (error);
  query.feed_id = bantin_sidebar_item_get_feed_id (item_a);
  a_ids = bantin_store_query_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a_ids->len, >, 0);
  g_assert_true (bantin_store_set_read (store, &g_array_index (a_ids, gint64, 0), a_ids->len, FALSE, &error));
  g_assert_no_error (error);
  _bantin_window_reload_sidebar (window);
  WAIT_UNTIL ((item_a = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo A")) != NULL &&
              bantin_sidebar_item_get_unread_count (item_a) == a_ids->len);
  item_b = find_sidebar_item (BANTIN_SIDEBAR_FEED, "Báo B");
  all = find_sidebar_item (BANTIN_SIDEBAR_ALL, NULL);
  b_unread = bantin_sidebar_item_get_unread_count (item_b);
  all_unread = bantin_sidebar_item_get_unread_count (all);
  g_assert_cmpuint (b_unread, >, 0);
  g_assert_cmpuint (all_unread, ==, b_unread + a_ids->len);

  /* The feed's menu offers it... */
  WAIT_UNTIL ((row = find_feed_row (GTK_WIDGET (window->sidebar_list), item_b)) != NULL);
  _bantin_window_show_feed_menu (window, row, 10, 10);
  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      popover = child;
  g_assert_nonnull (popover);
  g_assert_true (menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)),
                           "win.mark-feed-read", g_variant_new_int64 (feed_b_id)));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* ...and it marks that feed's articles, on every day, and no others. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-feed-read", "x", feed_b_id);
  WAIT_UNTIL (bantin_sidebar_item_get_unread_count (item_b) == 0 &&
              bantin_sidebar_item_get_unread_count (all) == all_unread - b_unread);
  g_assert_cmpuint (bantin_sidebar_item_get_unread_count (item_a), ==, a_ids->len);

  feed = bantin_store_get_feed (store, feed_b_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bantin_feed_get_unread_count (feed), ==, 0);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_auto(GStrv) data_dirs = NULL;
  g_autofree char *data_dirs_env = NULL;

  /* Isolated dirs hide the system's icon theme and MIME database (without
   * which no SVG icon loads): keep the system's data folders. */
  data_dirs = g_strdupv ((char **)g_get_system_data_dirs ());
  data_dirs_env = g_strjoinv (":", data_dirs);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("XDG_DATA_DIRS", data_dirs_env, TRUE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
    }
  bantin_date_set_timezone ("Asia/Ho_Chi_Minh");

  /* No sync behind the test's back. */
  settings = g_settings_new ("io.github.bantin.Bantin");
  g_settings_set_boolean (settings, "sync-on-start", FALSE);
  g_settings_set_uint (settings, "sync-interval", 0);
  /* Pane widths from an earlier session (see test_pane_widths). */
  g_settings_set_int (settings, "sidebar-width", 300);
  g_settings_set_int (settings, "article-list-width", 380);

  server = bantin_test_server_new ();
  bantin_test_server_serve_bytes (server, "/a.xml", 200, "application/rss+xml", feed_a, -1);
  bantin_test_server_serve_bytes (server, "/b.xml", 200, "application/rss+xml", feed_b, -1);

  data_dir = g_dir_make_tmp ("bantin-ui-window-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (data_dir, "bantin.db", NULL);
  engine = bantin_sync_engine_new (db_path);
  window = bantin_window_new (NULL, engine);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/ui/window/subscribe-and-list", test_subscribe_and_list);
  g_test_add_func ("/ui/window/pane-widths", test_pane_widths);
  g_test_add_func ("/ui/window/pick-day", test_pick_day);
  g_test_add_func ("/ui/window/step-days", test_step_days);
  g_test_add_func ("/ui/window/search", test_search);
  g_test_add_func ("/ui/window/read-and-star", test_read_and_star);
  g_test_add_func ("/ui/window/selection-survives-sync", test_selection_survives_sync);
  g_test_add_func ("/ui/window/feed-error", test_feed_error);
  g_test_add_func ("/ui/window/view-persists", test_view_persists);
  g_test_add_func ("/ui/window/folder-menu", test_folder_menu);
  g_test_add_func ("/ui/window/feed-menu-mark-read", test_feed_menu_mark_read);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&engine);
  bantin_test_server_free (server);
  remove_dir (data_dir);
  g_free (db_path);
  g_free (data_dir);

  return ret;
}
