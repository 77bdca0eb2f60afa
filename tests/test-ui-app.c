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
#include "bantin-window-private.h"

/* The application as it runs, registered on the test's session bus, with
 * the window its activation opens. */
static BantinApplication *app;
static guint              n_activations;

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

  ret = g_test_run ();

  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_clear_object (&app);
  remove_tree (home);

  return ret;
}
