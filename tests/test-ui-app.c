/* test-ui-app.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bantin-application.h"
#include "bantin-test-server.h"
#include "bantin-window-private.h"

/* The application as it runs, registered on the test's session bus, with
 * the window its activation opens. */
static BantinApplication *app;
static guint              n_activations;
static BantinTestServer  *server;

/* What a D-Bus monitor sees of the session bus: notifications sent, and
 * a marker each test call sends after them. Written on GDBus's thread. */
static GDBusConnection   *monitor;
static char              *app_bus_name;
static GMutex             seen_lock;
static int                n_notifications;
static int                n_markers;
static char              *last_notification;

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

static BantinWindow *
the_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (BANTIN_IS_WINDOW (windows->data));

  return windows->data;
}

/* Keys that are one key on the keyboard, shown once in the shortcuts
 * window: the keypad's twins, and Ctrl+= for Ctrl++ (the same key
 * without Shift on most layouts). */
static char *
accelerator_key (guint           keyval,
                 GdkModifierType mods)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Add:
    case GDK_KEY_equal:
      keyval = GDK_KEY_plus;
      break;

    case GDK_KEY_KP_Subtract:
      keyval = GDK_KEY_minus;
      break;

    case GDK_KEY_KP_0:
      keyval = GDK_KEY_0;
      break;

    default:
      break;
    }

  mods &= GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK;
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods);
}

static void
add_accelerator (GHashTable *set,
                 const char *accelerator,
                 const char *where)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
  g_hash_table_add (set, accelerator_key (keyval, mods));
  g_test_message ("%s: %s", where, accelerator);
}

/* Every shortcut of the window's own actions and of the application's. */
static GHashTable *
registered_shortcuts (BantinWindow *window)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          const char *name;
          g_autofree char *accelerator = NULL;

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;

          /* GtkWindow's own bindings (focus, the inspector) are not ours. */
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (!g_str_has_prefix (name, "win.") && !g_str_has_prefix (name, "app."))
            continue;

          accelerator = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          add_accelerator (set, accelerator, name);
        }
    }

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accelerator (set, accels[j], actions[i]);
    }

  return set;
}

static void
collect_listed (GtkWidget  *widget,
                GHashTable *set)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        if (accels[i][0] != '\0')
          add_accelerator (set, accels[i], "listed");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, set);
}

static guint
report_missing (GHashTable *from,
                GHashTable *in,
                const char *what)
{
  GHashTableIter iter;
  const char *key;
  guint missing = 0;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
    if (!g_hash_table_contains (in, key))
      {
        g_test_message ("%s: %s", what, key);
        missing++;
      }

  return missing;
}

static void
test_shortcuts_listed (void)
{
  BantinWindow *window = the_window ();
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_autoptr(GHashTable) registered = registered_shortcuts (window);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint unlisted;
  guint unknown;

  g_assert_nonnull (overlay);
  collect_listed (GTK_WIDGET (overlay), listed);

  /* Ctrl+P prints the article: the case that was missing. */
  g_assert_true (g_hash_table_contains (registered, "<Control>p"));
  g_assert_true (g_hash_table_contains (listed, "<Control>p"));

  unlisted = report_missing (registered, listed, "registered but not in the shortcuts window");
  unknown = report_missing (listed, registered, "in the shortcuts window but does nothing");
  g_assert_cmpuint (unlisted, ==, 0);
  g_assert_cmpuint (unknown, ==, 0);
}

static void
activated_cb (GApplication *application)
{
  n_activations++;
}

static void
second_exited_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *exited = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *exited = TRUE;
}

static void
test_single_instance (void)
{
  BantinWindow *window = the_window ();
  const char *bantin = g_getenv ("BANTIN_BIN");
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exited = FALSE;
  guint before = n_activations;

  if (g_application_get_dbus_connection (G_APPLICATION (app)) == NULL)
    {
      g_test_skip ("No session bus: every launch is an instance of its own");
      return;
    }
  g_assert_nonnull (bantin);

  /* `bantin` launched again, as from the desktop: it finds this one on
   * the bus, asks it to activate, and exits. Were it an instance of its
   * own, it would open a second window and never exit. */
  /* Silenced, so that it holds none of the test's pipes should the test
   * die first: it goes when the session bus does. */
  second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, bantin, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (second, NULL, second_exited_cb, &exited);
  WAIT_UNTIL (exited && n_activations > before);

  /* The first window is presented again, and stays the only one. */
  g_assert_true (the_window () == window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
}

static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  const char *interface = g_dbus_message_get_interface (message);
  const char *member = g_dbus_message_get_member (message);
  GVariant *body = g_dbus_message_get_body (message);
  char *text = NULL;

  /* BecomeMonitor itself, and its reply. */
  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;

  if (g_strcmp0 (g_dbus_message_get_sender (message), app_bus_name) != 0)
    {
      g_object_unref (message);
      return NULL;
    }

  /* org.freedesktop.Notifications, or GTK's own service when it runs. */
  if (g_strcmp0 (interface, "org.freedesktop.Notifications") == 0 &&
      g_strcmp0 (member, "Notify") == 0 &&
      g_variant_is_of_type (body, G_VARIANT_TYPE ("(susssasa{sv}i)")))
    {
      const char *summary;
      const char *text_body;

      g_variant_get (body, "(&su&s&s&s@as@a{sv}i)", NULL, NULL, NULL, &summary, &text_body, NULL, NULL, NULL);
      text = g_strdup_printf ("%s: %s", summary, text_body);
    }
  else if (g_strcmp0 (interface, "org.gtk.Notifications") == 0 &&
           g_strcmp0 (member, "AddNotification") == 0 &&
           g_variant_is_of_type (body, G_VARIANT_TYPE ("(ssa{sv})")))
    {
      g_autoptr(GVariant) dict = g_variant_get_child_value (body, 2);
      const char *title = NULL;
      const char *text_body = NULL;

      g_variant_lookup (dict, "title", "&s", &title);
      g_variant_lookup (dict, "body", "&s", &text_body);
      text = g_strdup_printf ("%s: %s", title, text_body);
    }
  else if (g_strcmp0 (member, "GetId") == 0)
    {
      g_atomic_int_inc (&n_markers);
    }

  if (text != NULL)
    {
      g_mutex_lock (&seen_lock);
      g_free (last_notification);
      last_notification = text;
      n_notifications++;
      g_mutex_unlock (&seen_lock);
    }

  /* A monitor must never answer: drop every call it sees here. */
  g_object_unref (message);
  return NULL;
}

static void
monitor_start (GDBusConnection *bus)
{
  const char *rules[] = {
    "type='method_call',interface='org.freedesktop.Notifications'",
    "type='method_call',interface='org.gtk.Notifications'",
    "type='method_call',interface='org.freedesktop.DBus',member='GetId'",
    NULL
  };
  g_autofree char *address = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (monitor != NULL)
    return;

  app_bus_name = g_strdup (g_dbus_connection_get_unique_name (bus));
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  monitor = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (monitor, FALSE);
  g_dbus_connection_add_filter (monitor, monitor_filter, NULL, NULL);
  reply = g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* Returns once the monitor has seen every message the application sent
 * before: a connection's messages reach the monitor in order. */
static void
sync_with_monitor (GDBusConnection *bus)
{
  int before = g_atomic_int_get (&n_markers);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId",
                                       NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (g_atomic_int_get (&n_markers) > before);
}

static char *
dup_last_notification (void)
{
  char *text;

  g_mutex_lock (&seen_lock);
  text = g_strdup (last_notification);
  g_mutex_unlock (&seen_lock);

  return text;
}

/* Without a notification service on the test's bus, GIO warns that the
 * notification could not be shown: it was sent all the same, which is
 * what the monitor checks. Only that warning is let through. */
static gboolean
is_no_service_warning (const char *log_domain,
                       const char *message)
{
  return g_strcmp0 (log_domain, "GLib-GIO") == 0 &&
         g_str_has_prefix (message, "unable to send notifications through");
}

static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !is_no_service_warning (log_domain, message);
}

static void
gio_log_cb (const char     *log_domain,
            GLogLevelFlags  log_level,
            const char     *message,
            gpointer        user_data)
{
  if (is_no_service_warning (log_domain, message))
    g_test_message ("%s (no notification service on the test's bus)", message);
  else
    g_log_default_handler (log_domain, log_level, message, user_data);
}

static void
serve_feed (guint n_items)
{
  g_autoptr(GString) feed = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<rss version=\"2.0\"><channel><title>Báo C</title>"
                                          "<link>http://c.example/</link>\n");

  for (guint i = 1; i <= n_items; i++)
    g_string_append_printf (feed, "<item><guid>c%u</guid><title>Tin số %u</title>"
                            "<pubDate>Fri, %02u Mar 2024 08:00:00 +0700</pubDate></item>\n",
                            i, i, i);
  g_string_append (feed, "</channel></rss>\n");
  bantin_test_server_serve_bytes (server, "/c.xml", 200, "application/rss+xml", feed->str, feed->len);
}

/* What the sync timer does (auto_sync_cb): a sync nobody asked for. */
static void
sync_in_background (BantinWindow *window)
{
  window->background_sync = TRUE;
  _bantin_window_sync_feeds (window, NULL, 0);
  WAIT_UNTIL (!bantin_window_get_busy (window));
}

static void
test_notify_new_articles (void)
{
  BantinWindow *window = the_window ();
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (app));
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bantin.Bantin");
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  const char *urls[2] = { NULL, NULL };
  GtkWidget *other;

  if (bus == NULL)
    {
      g_test_skip ("No session bus to send notifications on");
      return;
    }

  monitor_start (bus);
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  g_log_set_handler ("GLib-GIO", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, gio_log_cb, NULL);

  server = bantin_test_server_new ();
  serve_feed (1);
  url = bantin_test_server_url (server, "/c.xml");
  urls[0] = url;
  bantin_window_subscribe_urls (window, urls);
  WAIT_UNTIL (!bantin_window_get_busy (window) && window->has_feeds);

  /* Another window has the focus: articles arrive unseen. */
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  WAIT_UNTIL (!gtk_window_is_active (GTK_WINDOW (window)));

  serve_feed (3);
  sync_in_background (window);
  sync_with_monitor (bus);
  g_assert_cmpint (g_atomic_int_get (&n_notifications), ==, 1);
  text = dup_last_notification ();
  g_assert_cmpstr (text, ==, "New Articles: 2 new articles are ready to read, also offline.");
  g_clear_pointer (&text, g_free);

  /* Still away: the next one counts everything not seen yet. */
  serve_feed (4);
  sync_in_background (window);
  sync_with_monitor (bus);
  g_assert_cmpint (g_atomic_int_get (&n_notifications), ==, 2);
  text = dup_last_notification ();
  g_assert_cmpstr (text, ==, "New Articles: 3 new articles are ready to read, also offline.");
  g_clear_pointer (&text, g_free);

  /* A sync the user asked for says so in the window, not in a
   * notification. */
  serve_feed (5);
  bantin_window_sync (window);
  WAIT_UNTIL (!bantin_window_get_busy (window));
  sync_with_monitor (bus);
  g_assert_cmpint (g_atomic_int_get (&n_notifications), ==, 2);

  /* The setting turns them off. */
  g_settings_set_boolean (settings, "notify-new-articles", FALSE);
  serve_feed (6);
  sync_in_background (window);
  sync_with_monitor (bus);
  g_assert_cmpint (g_atomic_int_get (&n_notifications), ==, 2);
  g_settings_set_boolean (settings, "notify-new-articles", TRUE);

  /* Nothing while the window is in use, and what was there is seen. */
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (window)));
  serve_feed (7);
  sync_in_background (window);
  sync_with_monitor (bus);
  g_assert_cmpint (g_atomic_int_get (&n_notifications), ==, 2);

  gtk_window_present (GTK_WINDOW (other));
  WAIT_UNTIL (!gtk_window_is_active (GTK_WINDOW (window)));
  serve_feed (8);
  sync_in_background (window);
  sync_with_monitor (bus);
  g_assert_cmpint (g_atomic_int_get (&n_notifications), ==, 3);
  text = dup_last_notification ();
  g_assert_cmpstr (text, ==, "New Articles: 1 new article is ready to read, also offline.");

  gtk_window_destroy (GTK_WINDOW (other));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  int ret;

  /* One home for the whole run, set before GLib reads it: the
   * application opens its store in the default place (XDG_DATA_HOME)
   * once, and keeps it open across the tests. G_TEST_OPTION_ISOLATE_DIRS
   * would move the folders under it between tests. */
  home = g_dir_make_tmp ("bantin-ui-app-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  /* No sync behind the test's back. */
  settings = g_settings_new ("io.github.bantin.Bantin");
  g_settings_set_boolean (settings, "sync-on-start", FALSE);
  g_settings_set_uint (settings, "sync-interval", 0);

  /* Registered here rather than in a test, so that its store is in the
   * program's own isolated data folder for the whole run. */
  app = bantin_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  if (g_application_get_is_remote (G_APPLICATION (app)))
    {
      /* Another Bantin owns the name on this bus: do not drive it. */
      g_print ("1..0 # SKIP Bantin already runs on this session bus\n");
      return 0;
    }
  g_signal_connect (app, "activate", G_CALLBACK (activated_cb), NULL);
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/ui/app/shortcuts-listed", test_shortcuts_listed);
  g_test_add_func ("/ui/app/single-instance", test_single_instance);
  g_test_add_func ("/ui/app/notify-new-articles", test_notify_new_articles);

  ret = g_test_run ();

  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_clear_object (&app);
  g_clear_pointer (&server, bantin_test_server_free);
  if (monitor != NULL)
    g_dbus_connection_close_sync (monitor, NULL, NULL);
  g_clear_object (&monitor);
  g_clear_pointer (&app_bus_name, g_free);
  g_clear_pointer (&last_notification, g_free);
  remove_tree (home);

  return ret;
}
