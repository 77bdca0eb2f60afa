/* bantin-application.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-application"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>

#include "bantin-application.h"
#include "bantin-bench-hook.h"
#include "bantin-preferences-window.h"
#include "bantin-proxy.h"
#include "bantin-window.h"

#define NEW_ARTICLES_NOTIFICATION "new-articles"

struct _BantinApplication
{
  AdwApplication    parent_instance;

  /* Owned references */
  char             *db_path;
  char             *demo_dir;      /* Removed at shutdown. */
  BantinDemoServer *demo_server;   /* Runs as long as the application. */
  BantinSyncEngine *engine;
  GSettings        *settings;

  guint             demo_mode : 1;
  guint             demo_started : 1;
};

G_DEFINE_FINAL_TYPE (BantinApplication, bantin_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the articles in DIR (DIR/bantin.db)"), N_("DIR") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try Bantin with its bundled demo feeds, in a throwaway folder"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static gboolean
remove_tree (GFile   *file,
             GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        if (!remove_tree (child, error))
          return FALSE;
    }

  return g_file_delete (file, NULL, error);
}

static int
bantin_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  BantinApplication *self = BANTIN_APPLICATION (app);
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("bantin %s\n", PACKAGE_VERSION);
      return 0;
    }

  self->demo_mode = g_variant_dict_contains (options, "demo");
  g_variant_dict_lookup (options, "data-dir", "^ay", &data_dir);

  if (self->demo_mode)
    {
      self->demo_dir = g_dir_make_tmp ("bantin-demo-XXXXXX", &error);
      if (self->demo_dir == NULL)
        {
          g_printerr (_("Could not make a folder for the demo: %s\n"), error->message);
          return 1;
        }
      self->db_path = g_build_filename (self->demo_dir, "bantin.db", NULL);
    }
  else if (data_dir != NULL)
    {
      if (g_mkdir_with_parents (data_dir, 0700) != 0)
        {
          g_printerr (_("Could not make the folder %s: %s\n"), data_dir, g_strerror (errno));
          return 1;
        }
      self->db_path = g_build_filename (data_dir, "bantin.db", NULL);
    }

  /* Another store, another instance: only the default store is shared
   * with a Bantin that is already running. */
  if (self->db_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GApplication *app = user_data;
  g_autolist(GtkWindow) windows = NULL;

  /* Closing (rather than g_application_quit) saves the window state. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (app)),
                              (GCopyFunc)g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Bantin authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Bantin"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Bantin authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Read the news offline, and find articles by day, by feed and by words, with or without Vietnamese accents."),
                        "website", "https://github.com/bantin/bantin",
                        "issue-url", "https://github.com/bantin/bantin/issues",
                        "developers", developers,
                        "copyright", _("© 2026 The Bantin authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, e.g.
                         * "Nguyễn Văn A <a@example.vn>". */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);
  BantinPreferencesWindow *preferences;

  /* One preferences window at a time. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (BANTIN_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }

  preferences = bantin_preferences_window_new (gtk_application_get_active_window (app));
  gtk_window_set_application (GTK_WINDOW (preferences), app);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
activate_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static void
apply_color_scheme (BantinApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_application_get_style_manager (ADW_APPLICATION (self)),
                                      color_scheme);
}

static void
apply_proxy (BantinApplication *self)
{
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;

  /* A half-typed setting (a manual proxy with no host yet) falls back to
   * the desktop's proxy rather than to a direct connection. */
  resolver = bantin_proxy_resolver_new_from_settings (self->settings, &error);
  if (error != NULL)
    g_debug ("Proxy setting not used: %s", error->message);

  bantin_sync_engine_set_proxy_resolver (self->engine, resolver);
}

static void
apply_timezone (BantinApplication *self)
{
  g_autofree char *tz = g_settings_get_string (self->settings, "timezone");

  bantin_date_set_timezone (tz[0] != '\0' ? tz : NULL);
}

static void
settings_changed_cb (BantinApplication *self,
                     const char        *key,
                     GSettings         *settings)
{
  if (g_str_equal (key, "color-scheme"))
    apply_color_scheme (self);
  else if (g_str_has_prefix (key, "proxy-"))
    apply_proxy (self);
  else if (g_str_equal (key, "timezone"))
    apply_timezone (self);
}

static gboolean
terminate_cb (gpointer user_data)
{
  /* Ctrl+C or a kill still runs shutdown, which removes the demo folder. */
  quit_action (NULL, NULL, user_data);
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "activate", activate_action },
};

static void
bantin_application_startup (GApplication *app)
{
  BantinApplication *self = BANTIN_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (bantin_application_parent_class)->startup (app);

  self->settings = g_settings_new ("io.github.bantin.Bantin");

  /* The reading day's zone: the environment still wins inside
   * bantin_date_get_timezone(), for scripts and tests. */
  apply_timezone (self);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);

  if (self->db_path == NULL)
    {
      g_autofree char *dir = NULL;

      self->db_path = bantin_store_default_path ();
      dir = g_path_get_dirname (self->db_path);
      g_mkdir_with_parents (dir, 0700);
    }

  self->engine = bantin_sync_engine_new (self->db_path);
  apply_proxy (self);

  /* BANTIN_OFFLINE_CONTENT=0 (tests, benchmarks) keeps the engine from
   * fetching pages and images whatever the preferences say. */
  if (g_getenv ("BANTIN_OFFLINE_CONTENT") == NULL)
    {
      g_settings_bind (self->settings, "fetch-full-articles", self->engine, "fetch-full-articles",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "download-images", self->engine, "download-images",
                       G_SETTINGS_BIND_GET);
    }

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_unix_signal_add (SIGINT, terminate_cb, app);
  g_unix_signal_add (SIGTERM, terminate_cb, app);
}

static void
bantin_application_activate (GApplication *app)
{
  BantinApplication *self = BANTIN_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (bantin_window_new (GTK_APPLICATION (app), self->engine));
      bantin_bench_hook_watch (window);
    }

  gtk_window_present (window);

  if (self->demo_mode && !self->demo_started)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) feeds = NULL;

      self->demo_started = TRUE;
      feeds = bantin_application_dup_demo_feeds (self, &error);
      if (feeds == NULL)
        g_warning ("Could not start the demo server: %s", error->message);
      else
        bantin_window_subscribe_urls (BANTIN_WINDOW (window), (const char * const *)feeds);
    }
}

static void
bantin_application_shutdown (GApplication *app)
{
  BantinApplication *self = BANTIN_APPLICATION (app);

  G_APPLICATION_CLASS (bantin_application_parent_class)->shutdown (app);

  /* The engine and the windows' stores must be closed before the demo
   * folder goes. */
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->demo_server, bantin_demo_server_stop);

  if (self->demo_dir != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (self->demo_dir);
      g_autoptr(GError) error = NULL;

      if (!remove_tree (dir, &error))
        g_warning ("Could not remove %s: %s", self->demo_dir, error->message);
    }
}

static void
bantin_application_finalize (GObject *object)
{
  BantinApplication *self = (BantinApplication *)object;

  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->demo_server, bantin_demo_server_stop);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->demo_dir, g_free);

  G_OBJECT_CLASS (bantin_application_parent_class)->finalize (object);
}

static void
bantin_application_class_init (BantinApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bantin_application_finalize;

  app_class->handle_local_options = bantin_application_handle_local_options;
  app_class->startup = bantin_application_startup;
  app_class->activate = bantin_application_activate;
  app_class->shutdown = bantin_application_shutdown;
}

static void
bantin_application_init (BantinApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Bantin keeps the news on this computer. "
                                              "Run “bantin help” for the commands."));
}

BantinApplication *
bantin_application_new (void)
{
  return g_object_new (BANTIN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/bantin/Bantin",
                       NULL);
}

const char *
bantin_application_get_db_path (BantinApplication *self)
{
  g_return_val_if_fail (BANTIN_IS_APPLICATION (self), NULL);

  return self->db_path;
}

gboolean
bantin_application_get_demo_mode (BantinApplication *self)
{
  g_return_val_if_fail (BANTIN_IS_APPLICATION (self), FALSE);

  return self->demo_mode;
}

char **
bantin_application_dup_demo_feeds (BantinApplication  *self,
                                   GError            **error)
{
  g_return_val_if_fail (BANTIN_IS_APPLICATION (self), NULL);

  if (self->demo_server == NULL)
    {
      self->demo_server = bantin_demo_server_start (error);
      if (self->demo_server == NULL)
        return NULL;
    }

  return bantin_demo_server_dup_feeds (self->demo_server);
}

/**
 * bantin_application_notify_new_articles:
 * @n_articles: articles added since the window was last in use
 *
 * Tells the user about new articles with a desktop notification, when the
 * notify-new-articles setting is on. The window calls it after an
 * automatic sync while it is not the active window. Activating the
 * notification raises the window.
 */
void
bantin_application_notify_new_articles (BantinApplication *self,
                                        guint              n_articles)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (BANTIN_IS_APPLICATION (self));

  if (n_articles == 0 || self->settings == NULL ||
      !g_settings_get_boolean (self->settings, "notify-new-articles"))
    return;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u new article is ready to read, also offline.",
                                       "%u new articles are ready to read, also offline.",
                                       n_articles),
                          n_articles);
  notification = g_notification_new (_("New Articles"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (G_APPLICATION (self), NEW_ARTICLES_NOTIFICATION, notification);
}

/**
 * bantin_application_withdraw_new_articles:
 *
 * Takes back the notification about new articles, once the window that
 * shows them is in use again.
 */
void
bantin_application_withdraw_new_articles (BantinApplication *self)
{
  g_return_if_fail (BANTIN_IS_APPLICATION (self));

  g_application_withdraw_notification (G_APPLICATION (self), NEW_ARTICLES_NOTIFICATION);
}
