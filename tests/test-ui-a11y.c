/* test-ui-a11y.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bantin-core.h"
#include "bantin-date-format.h"
#include "bantin-preferences-window.h"
#include "bantin-resources.h"
#include "bantin-subscribe-dialog.h"
#include "bantin-test-server.h"
#include "bantin-window-private.h"

/* The real window, its dialogs and the date picker's popover, walked
 * widget by widget: every control must have a name a screen reader can
 * say. The whole file runs in Vietnamese when the vi_VN.UTF-8 locale and
 * the catalog meson built (<build>/po) are there, which is how officials
 * use Bantin, and checks that the interface really is Vietnamese. */

static BantinTestServer *server;
static BantinSyncEngine *engine;
static BantinWindow     *window;
static char             *data_dir;
static gboolean          vietnamese;
static GtkWidget        *never_shown;   /* Left out of the walk. */

#define WAIT_TIMEOUT_MS 20000

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

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

static const char feed[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\"><channel><title>Báo Tỉnh</title><link>http://a.example/</link>\n"
  "<item><guid>a1</guid><title>Hội nghị cán bộ chủ chốt</title>"
  "<link>http://a.example/a1</link>"
  "<description>&lt;p&gt;Nội dung &lt;a href=\"http://a.example/x\"&gt;liên kết&lt;/a&gt;.&lt;/p&gt;</description>"
  "<pubDate>Fri, 01 Mar 2024 08:00:00 +0700</pubDate></item>\n"
  "<item><guid>a2</guid><title>Giáo dục vùng cao</title>"
  "<pubDate>Sat, 02 Mar 2024 10:00:00 +0700</pubDate></item>\n"
  "</channel></rss>\n";

/* Controls a screen reader user operates; their internal parts (a spin
 * button's +/- buttons, a menu button's toggle) are named by them. */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_DROP_DOWN (widget);
}

static gboolean
has_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && text[0] != '\0';
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child) && has_label_text (child))
      return TRUE;

  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && tooltip[0] != '\0')
    return TRUE;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

      if (label != NULL && label[0] != '\0')
        return TRUE;
    }

  /* A button's own label, or a label inside it (AdwButtonContent). */
  return (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && has_label_text (widget);
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));

      g_string_prepend (path, " > ");
      if (name != NULL)
        {
          g_string_prepend (path, ")");
          g_string_prepend (path, name);
          g_string_prepend (path, "(");
        }
      g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
    }

  return g_string_free (path, FALSE);
}

static void
walk (GtkWidget *widget,
      gboolean   inside_control,
      GPtrArray *unnamed,
      guint     *n_controls)
{
  if (widget == never_shown)
    return;

  /* A popover's contents are controls of their own. */
  if (GTK_IS_POPOVER (widget))
    inside_control = FALSE;

  if (!inside_control && is_control (widget))
    {
      (*n_controls)++;
      if (!is_named (widget))
        g_ptr_array_add (unnamed, describe (widget));
      inside_control = TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, inside_control, unnamed, n_controls);
}

static void
assert_all_named (GtkWidget *root,
                  guint      min_controls)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  guint n_controls = 0;

  walk (root, FALSE, unnamed, &n_controls);

  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("No accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (unnamed->len, ==, 0);
  /* The walk must have seen the controls, or it proves nothing. */
  g_assert_cmpuint (n_controls, >=, min_controls);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window (void)
{
  g_autofree char *url = bantin_test_server_url (server, "/feed.xml");
  const char *urls[] = { url, NULL };

  WAIT_UNTIL (window->sidebar_loaded);
  /* The welcome page, before any feed. */
  assert_all_named (GTK_WIDGET (window), 15);

  bantin_window_subscribe_urls (window, urls);
  WAIT_UNTIL (!bantin_window_get_busy (window) && window->has_feeds &&
              g_list_model_get_n_items (G_LIST_MODEL (bantin_window_get_article_model (window))) == 2 &&
              !bantin_article_model_get_loading (bantin_window_get_article_model (window)));

  /* An article open in the view, its links and buttons shown. */
  gtk_single_selection_set_selected (window->selection, 0);
  WAIT_UNTIL (bantin_article_view_get_article (window->article_view) != NULL);
  g_main_context_iteration (NULL, FALSE);

  assert_all_named (GTK_WIDGET (window), 20);

  if (vietnamese)
    {
      g_assert_nonnull (find_label (GTK_WIDGET (window->sidebar_list), "Tất cả bài viết"));
      g_assert_nonnull (find_label (GTK_WIDGET (window->sidebar_list), "Chưa đọc"));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->star_button)), ==, "Gắn sao (S)");
    }
}

static void
test_date_picker_popover (void)
{
  BantinDay today = 20240301;
  g_autofree char *relative = NULL;
  GtkWidget *popover = NULL;

  /* The popover is built with the picker; open it so its month is laid
   * out as a user sees it. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (window->date_picker));
       w != NULL && popover == NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_MENU_BUTTON (w))
      {
        gtk_menu_button_popup (GTK_MENU_BUTTON (w));
        popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (w)));
      }
  g_assert_nonnull (popover);
  WAIT_UNTIL (gtk_widget_get_mapped (popover));

  /* Month navigation, today, all dates and 28-42 day buttons. */
  assert_all_named (popover, 30);

  if (vietnamese)
    {
      relative = bantin_date_format_day_relative (today, today);
      g_assert_cmpstr (relative, ==, "Hôm nay");
      g_assert_nonnull (find_label (popover, "Hôm nay"));
      {
        g_autofree char *month = NULL;
        int year;
        int month_number;

        bantin_date_picker_get_visible_month (window->date_picker, &year, &month_number);
        month = bantin_date_format_month_year (year, month_number);
        g_assert_true (g_str_has_prefix (month, "Tháng "));
        g_assert_nonnull (find_label (popover, month));
      }
    }

  gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_preferences (void)
{
  BantinPreferencesWindow *preferences = bantin_preferences_window_new (GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (preferences));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)));

  /* libadwaita's own search entry, never shown with search disabled. */
  g_assert_false (adw_preferences_window_get_search_enabled (ADW_PREFERENCES_WINDOW (preferences)));
  never_shown = find_search_entry (GTK_WIDGET (preferences));
  g_assert_nonnull (never_shown);

  /* Spin buttons, switches and the close button at least. */
  assert_all_named (GTK_WIDGET (preferences), 9);
  never_shown = NULL;

  if (vietnamese)
    {
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==, "Tùy chỉnh");
      g_assert_nonnull (find_label (GTK_WIDGET (preferences), "Đồng bộ khi khởi động Bantin"));
    }

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_subscribe_dialog (void)
{
  BantinSubscribeDialog *dialog = bantin_subscribe_dialog_new (GTK_WINDOW (window), engine);

  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  assert_all_named (GTK_WIDGET (dialog), 3);
  if (vietnamese)
    g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Thêm nguồn tin"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* `bantin --help` and `bantin feeds` from the build tree, in Vietnamese. */
static void
test_cli_vietnamese (void)
{
  const char *bin = g_getenv ("BANTIN_BIN");
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *data_arg = g_strdup_printf ("--data-dir=%s/cli", data_dir);
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!vietnamese)
    {
      g_test_skip ("no vi_VN.UTF-8 locale or no built catalog");
      return;
    }
  g_assert_nonnull (bin);

  env = g_environ_setenv (env, "LANG", "vi_VN.UTF-8", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "vi_VN.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "vi", TRUE);
  env = g_environ_setenv (env, "BANTIN_LOCALEDIR", localedir, TRUE);

  {
    const char *argv[] = { bin, "--help", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Cách dùng:"));
    g_assert_nonnull (strstr (out, "Các lệnh:"));
    g_assert_null (strstr (out, "Usage:"));
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { bin, data_arg, "feeds", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    /* Printed on standard error, as a note rather than a result. */
    g_assert_true (strstr (out, "Chưa có nguồn tin nào") != NULL || strstr (err, "Chưa có nguồn tin nào") != NULL);
  }
}

static gboolean
set_up_vietnamese (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "vi", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || setlocale (LC_ALL, "vi_VN.UTF-8") == NULL)
    {
      setlocale (LC_ALL, "C.UTF-8");
      return FALSE;
    }

  g_setenv ("LANGUAGE", "vi", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return g_strcmp0 (_("All Articles"), "Tất cả bài viết") == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) data_dirs = NULL;
  g_autofree char *data_dirs_env = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  data_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
  data_dirs_env = g_strjoinv (":", data_dirs);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("XDG_DATA_DIRS", data_dirs_env, TRUE);
  /* The in-process accessibility backend, whose properties a test can
   * read back; it must be chosen before GTK starts. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  vietnamese = set_up_vietnamese ();

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  g_assert_nonnull (bantin_get_resource ());
  bantin_date_set_timezone ("Asia/Ho_Chi_Minh");

  server = bantin_test_server_new ();
  bantin_test_server_serve_bytes (server, "/feed.xml", 200, "application/rss+xml", feed, -1);
  data_dir = g_dir_make_tmp ("bantin-a11y-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (data_dir, "bantin.db", NULL);
  engine = bantin_sync_engine_new (db_path);
  window = g_object_ref_sink (bantin_window_new (NULL, engine));
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/a11y/window", test_window);
  g_test_add_func ("/a11y/date-picker-popover", test_date_picker_popover);
  g_test_add_func ("/a11y/preferences", test_preferences);
  g_test_add_func ("/a11y/subscribe-dialog", test_subscribe_dialog);
  g_test_add_func ("/i18n/cli-vietnamese", test_cli_vietnamese);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&window);
  g_clear_object (&engine);
  bantin_test_server_free (server);

  return ret;
}
