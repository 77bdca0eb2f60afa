/* bantin-cli-commands.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-cli"

#include "config.h"

#include "bantin-cli-private.h"
#include "bantin-proxy.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void apply_proxy_settings (BantinSyncEngine *engine);

#define DEFAULT_LIMIT 50
#define DEMO_LIMIT    15

/* Helpers */

static int
usage_error (const char *command,
             const char *message)
{
  _bantin_cli_error ("%s", message);
  g_printerr (_("Run “bantin %s --help” to see its options.\n"), command);
  return BANTIN_EXIT_USAGE;
}

static gboolean
cancel_on_signal_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* Ctrl+C cancels the running sync instead of killing it mid-write. */
static guint
watch_interrupt (GCancellable *cancellable)
{
  return g_unix_signal_add (SIGINT, cancel_on_signal_cb, cancellable);
}

static gboolean
looks_like_url (const char *text)
{
  g_autofree char *scheme = g_uri_parse_scheme (text);

  return scheme != NULL
         && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL);
}

static void
progress_cb (BantinSyncEngine *engine,
             guint             done,
             guint             total,
             gpointer          user_data)
{
  g_printerr ("\r%u/%u", done, total);
}

static void
clear_progress (gboolean shown)
{
  if (shown)
    g_printerr ("\r\033[K");
}

static GPtrArray *
load_articles (BantinStore  *store,
               GArray       *ids,
               gboolean      with_content,
               GError      **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      BantinArticle *article;

      article = bantin_store_get_article (store, g_array_index (ids, gint64, i), with_content, error);
      if (article == NULL)
        return NULL;
      g_ptr_array_add (articles, article);
    }

  return g_steal_pointer (&articles);
}

/* Prints the articles of @query, as a table or as JSON. */
static int
list_articles (BantinStore              *store,
               const BantinArticleQuery *query,
               gboolean                  as_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GTimeZone) tz = bantin_date_get_timezone ();

  ids = bantin_store_query_ids (store, query, &error);
  if (ids != NULL)
    articles = load_articles (store, ids, FALSE, &error);
  if (articles == NULL)
    {
      _bantin_cli_error (_("Could not read the articles: %s"), error->message);
      return BANTIN_EXIT_STORE;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (articles->len);

      for (guint i = 0; i < articles->len; i++)
        json_array_add_element (array, _bantin_cli_article_to_json (g_ptr_array_index (articles, i), tz, FALSE));
      json_node_set_array (root, array);
      _bantin_cli_print_json (root);
    }
  else if (articles->len == 0)
    {
      g_printerr ("%s\n", _("No articles."));
    }
  else
    {
      _bantin_cli_print_articles (articles, tz);
    }

  return BANTIN_EXIT_OK;
}

/* subscribe */

static gint64
subscribe_one (BantinSyncEngine  *engine,
               const char        *url,
               const char        *folder,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bantin_sync_engine_subscribe_async (engine, url, folder, cancellable,
                                      _bantin_cli_async_done_cb, &result);
  _bantin_cli_wait (&result);

  return bantin_sync_engine_subscribe_finish (engine, result, error);
}

int
_bantin_cli_subscribe (BantinCli  *cli,
                       int         argc,
                       char      **argv)
{
  g_autofree char *folder = NULL;
  g_auto(GStrv) urls = NULL;
  const GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder, N_("File the feeds in this folder"), N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &urls, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("subscribe", entries);
  g_autoptr(BantinSyncEngine) engine = NULL;
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint signal_id;
  int status;
  guint n_failed = 0;

  status = _bantin_cli_parse_options (context, "subscribe", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (urls == NULL || urls[0] == NULL)
    return usage_error ("subscribe", _("Give the address of a feed or of a web page"));
  for (guint i = 0; urls[i] != NULL; i++)
    {
      if (!looks_like_url (urls[i]))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not an http:// or https:// address"), urls[i]);
          return usage_error ("subscribe", message);
        }
    }

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  engine = bantin_sync_engine_new (cli->db_path);
  apply_proxy_settings (engine);
  signal_id = watch_interrupt (cancellable);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BantinFeed) feed = NULL;
      g_autofree char *id_text = NULL;
      gint64 feed_id;

      feed_id = subscribe_one (engine, urls[i], folder, cancellable, &error);
      if (feed_id <= 0)
        {
          if (g_error_matches (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS))
            _bantin_cli_error (_("Already subscribed to %s"), urls[i]);
          else
            _bantin_cli_error (_("Could not subscribe to %s: %s"), urls[i],
                               error != NULL ? error->message : _("unknown error"));
          if (error != NULL && _bantin_cli_exit_for_error (error) == BANTIN_EXIT_STORE)
            status = BANTIN_EXIT_STORE;
          n_failed++;
          if (g_cancellable_is_cancelled (cancellable))
            break;
          continue;
        }

      feed = bantin_store_get_feed (store, feed_id, NULL);
      id_text = g_strdup_printf ("%" G_GINT64_FORMAT, feed_id);
      if (feed != NULL)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "Subscribed to “%s” (ID %s, %u article): %s\n",
                              "Subscribed to “%s” (ID %s, %u articles): %s\n",
                              bantin_feed_get_article_count (feed)),
                 bantin_feed_get_title (feed), id_text,
                 bantin_feed_get_article_count (feed), bantin_feed_get_url (feed));
      else
        g_print (_("Subscribed to %s (ID %s)\n"), urls[i], id_text);
    }

  g_source_remove (signal_id);

  if (status == BANTIN_EXIT_STORE)
    return status;
  return n_failed > 0 ? BANTIN_EXIT_FAILED : BANTIN_EXIT_OK;
}

/* unsubscribe */

static BantinFeed *
find_feed (BantinStore  *store,
           const char   *id_or_url,
           int          *out_status)
{
  g_autoptr(GError) error = NULL;
  BantinFeed *feed;
  gint64 id;

  if (_bantin_cli_parse_id (id_or_url, &id))
    feed = bantin_store_get_feed (store, id, &error);
  else
    feed = bantin_store_find_feed (store, id_or_url, &error);

  if (feed == NULL)
    {
      if (error != NULL && _bantin_cli_exit_for_error (error) == BANTIN_EXIT_STORE)
        {
          _bantin_cli_error (_("Could not read the feeds: %s"), error->message);
          *out_status = BANTIN_EXIT_STORE;
        }
      else
        {
          _bantin_cli_error (_("No feed with the ID or address “%s”"), id_or_url);
          *out_status = BANTIN_EXIT_FAILED;
        }
    }

  return feed;
}

int
_bantin_cli_unsubscribe (BantinCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("unsubscribe", entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  status = _bantin_cli_parse_options (context, "unsubscribe", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (args == NULL || g_strv_length (args) != 1)
    return usage_error ("unsubscribe", _("Give one feed, by its ID or its address"));

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  feed = find_feed (store, args[0], &status);
  if (feed == NULL)
    return status;

  if (!bantin_store_remove_feed (store, bantin_feed_get_id (feed), &error))
    {
      _bantin_cli_error (_("Could not remove the feed: %s"), error->message);
      return _bantin_cli_exit_for_error (error);
    }

  g_print (_("Unsubscribed from “%s”\n"), bantin_feed_get_title (feed));
  return BANTIN_EXIT_OK;
}

/* feeds */

int
_bantin_cli_feeds (BantinCli  *cli,
                   int         argc,
                   char      **argv)
{
  gboolean as_json = FALSE;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("feeds", entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = bantin_date_get_timezone ();
  int status;

  status = _bantin_cli_parse_options (context, "feeds", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (rest != NULL)
    return usage_error ("feeds", _("This command takes no arguments"));

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  feeds = bantin_store_list_feeds (store, &error);
  if (feeds == NULL)
    {
      _bantin_cli_error (_("Could not read the feeds: %s"), error->message);
      return BANTIN_EXIT_STORE;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (feeds->len);

      for (guint i = 0; i < feeds->len; i++)
        json_array_add_element (array, _bantin_cli_feed_to_json (g_ptr_array_index (feeds, i)));
      json_node_set_array (root, array);
      _bantin_cli_print_json (root);
    }
  else if (feeds->len == 0)
    {
      g_printerr ("%s\n", _("No feeds yet. Add one with “bantin subscribe URL”."));
    }
  else
    {
      _bantin_cli_print_feeds (feeds, tz);
    }

  return BANTIN_EXIT_OK;
}

/* The window's settings, when its schema is installed and has @key;
 * otherwise the built-in defaults hold. */
static GSettings *
open_settings_with (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* Full articles and images as the window is set, unless
 * BANTIN_OFFLINE_CONTENT says otherwise (the engine reads it). */
static void
apply_offline_settings (BantinSyncEngine *engine)
{
  g_autoptr(GSettings) settings = NULL;

  if (g_getenv ("BANTIN_OFFLINE_CONTENT") != NULL)
    return;

  settings = open_settings_with ("download-images");
  if (settings == NULL)
    return;

  bantin_sync_engine_set_fetch_full_articles (engine, g_settings_get_boolean (settings, "fetch-full-articles"));
  bantin_sync_engine_set_download_images (engine, g_settings_get_boolean (settings, "download-images"));
}

/* The window's proxy override, so that `bantin sync` from cron goes out
 * the same way on a network whose desktop has no proxy settings. A
 * manual proxy without a host is reported and the desktop's used. */
static void
apply_proxy_settings (BantinSyncEngine *engine)
{
  g_autoptr(GSettings) settings = open_settings_with ("proxy-mode");
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;

  if (settings == NULL)
    return;

  resolver = bantin_proxy_resolver_new_from_settings (settings, &error);
  if (error != NULL)
    g_printerr (_("The proxy setting is not used: %s\n"), error->message);
  else if (resolver != NULL)
    bantin_sync_engine_set_proxy_resolver (engine, resolver);
}

/* sync */

static int
run_sync (BantinSyncEngine *engine,
          gboolean          quiet_success)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean show_progress = isatty (STDERR_FILENO);
  gulong handler = 0;
  guint signal_id;

  if (show_progress)
    handler = g_signal_connect (engine, "progress", G_CALLBACK (progress_cb), NULL);
  signal_id = watch_interrupt (cancellable);

  bantin_sync_engine_sync_async (engine, NULL, 0, cancellable, _bantin_cli_async_done_cb, &result);
  _bantin_cli_wait (&result);
  report = bantin_sync_engine_sync_finish (engine, result, &error);

  g_source_remove (signal_id);
  g_clear_signal_handler (&handler, engine);
  clear_progress (show_progress);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _bantin_cli_error (_("Sync cancelled"));
      else
        _bantin_cli_error (_("Sync failed: %s"), error->message);
      return _bantin_cli_exit_for_error (error);
    }

  if (!quiet_success || report->n_failed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Synced %u feed: %u new articles, %u failed\n",
                          "Synced %u feeds: %u new articles, %u failed\n",
                          report->feeds->len),
             report->feeds->len, report->new_articles, report->n_failed);

  if (!quiet_success && (report->pages_fetched > 0 || report->images_saved > 0))
    {
      g_autofree char *size = g_format_size (report->image_bytes);

      g_print (_("Saved for offline reading: %u full articles, %u images (%s)\n"),
               report->pages_fetched, report->images_saved, size);
    }

  for (guint i = 0; i < report->feeds->len; i++)
    {
      BantinFeedResult *feed = g_ptr_array_index (report->feeds, i);
      const char *name = feed->title != NULL && *feed->title != '\0' ? feed->title : feed->url;

      if (feed->error_message == NULL)
        continue;
      if (feed->http_status > 0)
        _bantin_cli_error (_("%s (%s): HTTP %d: %s"), name, feed->url, feed->http_status, feed->error_message);
      else
        _bantin_cli_error (_("%s (%s): %s"), name, feed->url, feed->error_message);
    }

  return report->n_failed > 0 ? BANTIN_EXIT_FAILED : BANTIN_EXIT_OK;
}

int
_bantin_cli_sync (BantinCli  *cli,
                  int         argc,
                  char      **argv)
{
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("sync", entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(BantinSyncEngine) engine = NULL;
  int status;

  status = _bantin_cli_parse_options (context, "sync", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (rest != NULL)
    return usage_error ("sync", _("This command takes no arguments"));

  /* Opening the store first reports a bad data folder plainly, and
   * creates the cache so that the engine finds it. */
  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  engine = bantin_sync_engine_new (cli->db_path);
  apply_offline_settings (engine);
  apply_proxy_settings (engine);
  return run_sync (engine, FALSE);
}

/* articles */

static gboolean
parse_day_option (const char *command,
                  const char *option,
                  const char *text,
                  BantinDay  *out_day,
                  int        *out_status)
{
  if (text == NULL)
    return TRUE;
  if (!bantin_day_parse (text, out_day))
    {
      g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a date; write YYYY-MM-DD"), option, text);
      *out_status = usage_error (command, message);
      return FALSE;
    }

  return TRUE;
}

int
_bantin_cli_articles (BantinCli  *cli,
                      int         argc,
                      char      **argv)
{
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *search = NULL;
  g_autofree char *folder = NULL;
  gint64 feed_id = 0;
  gboolean unread = FALSE;
  gboolean starred = FALSE;
  int limit = DEFAULT_LIMIT;
  gboolean as_json = FALSE;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Articles of this local day"), N_("YYYY-MM-DD") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Articles from this local day on"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Articles up to this local day"), N_("YYYY-MM-DD") },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Articles that contain these words (accents are optional)"), N_("TEXT") },
    { "feed", 0, 0, G_OPTION_ARG_INT64, &feed_id, N_("Articles of this feed"), N_("ID") },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder, N_("Articles of the feeds in this folder"), N_("NAME") },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread articles"), NULL },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred articles"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most N articles (default 50, 0 for all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("articles", entries);
  g_autoptr(BantinStore) store = NULL;
  BantinArticleQuery query = { 0 };
  int status = BANTIN_EXIT_OK;

  status = _bantin_cli_parse_options (context, "articles", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (rest != NULL)
    return usage_error ("articles", _("This command takes no arguments, only options"));
  if (date != NULL && (from != NULL || to != NULL))
    return usage_error ("articles", _("--date cannot be combined with --from or --to"));
  if (limit < 0)
    return usage_error ("articles", _("--limit must be 0 or more"));
  if (feed_id < 0)
    return usage_error ("articles", _("--feed must be a feed’s ID"));

  if (!parse_day_option ("articles", "--date", date, &query.day_from, &status)
      || !parse_day_option ("articles", "--from", from, &query.day_from, &status)
      || !parse_day_option ("articles", "--to", to, &query.day_to, &status))
    return status;
  if (date != NULL)
    query.day_to = query.day_from;
  if (query.day_from != 0 && query.day_to != 0 && query.day_from > query.day_to)
    return usage_error ("articles", _("--from must not be after --to"));

  if (search != NULL)
    {
      g_strstrip (search);
      if (*search != '\0')
        query.search = search;
    }
  if (folder != NULL && *folder != '\0')
    query.folder = folder;
  query.feed_id = feed_id;
  query.unread_only = unread;
  query.starred_only = starred;
  query.limit = (guint) limit;

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (feed_id > 0)
    {
      g_autoptr(BantinFeed) feed = NULL;
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, feed_id);

      feed = find_feed (store, id_text, &status);
      if (feed == NULL)
        return status;
    }

  return list_articles (store, &query, as_json);
}

/* show */

int
_bantin_cli_show (BantinCli  *cli,
                  int         argc,
                  char      **argv)
{
  gboolean as_json = FALSE;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print JSON, with the feed’s HTML as “content”, the article fetched from its page as "
         "“full_content” and its images"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("show", entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = bantin_date_get_timezone ();
  gint64 id;
  int status;

  status = _bantin_cli_parse_options (context, "show", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (args == NULL || g_strv_length (args) != 1)
    return usage_error ("show", _("Give one article ID"));
  if (!_bantin_cli_parse_id (args[0], &id))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an article ID"), args[0]);
      return usage_error ("show", message);
    }

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  article = bantin_store_get_article (store, id, TRUE, &error);
  if (article == NULL)
    {
      if (error != NULL && _bantin_cli_exit_for_error (error) == BANTIN_EXIT_STORE)
        {
          _bantin_cli_error (_("Could not read the article: %s"), error->message);
          return BANTIN_EXIT_STORE;
        }
      _bantin_cli_error (_("No article with the ID %s"), args[0]);
      return BANTIN_EXIT_FAILED;
    }

  images = bantin_store_list_article_images (store, id, &error);
  if (images == NULL)
    {
      _bantin_cli_error (_("Could not read the article: %s"), error->message);
      return _bantin_cli_exit_for_error (error);
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = _bantin_cli_article_to_json (article, tz, TRUE);

      json_object_set_array_member (json_node_get_object (node), "images",
                                    _bantin_cli_images_to_json (images));
      _bantin_cli_print_json (node);
    }
  else
    {
      _bantin_cli_print_article (article, images, tz);
    }

  return BANTIN_EXIT_OK;
}

/* cleanup */

int
_bantin_cli_cleanup (BantinCli  *cli,
                     int         argc,
                     char      **argv)
{
  int older_than = -1;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "older-than", 0, 0, G_OPTION_ARG_INT, &older_than,
      N_("Remove articles published more than DAYS days ago, except starred ones "
         "(default: the window’s setting; 0 keeps every article)"), N_("DAYS") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("cleanup", entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *freed = NULL;
  g_autofree char *size = NULL;
  BantinCleanupStats stats = { 0, };
  guint64 cache_size;
  int status;

  status = _bantin_cli_parse_options (context, "cleanup", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (rest != NULL)
    return usage_error ("cleanup", _("This command takes no arguments"));
  if (older_than < -1 || older_than > 36500)
    return usage_error ("cleanup", _("--older-than takes a number of days from 0 to 36500"));

  if (older_than < 0)
    {
      g_autoptr(GSettings) settings = open_settings_with ("retention-days");

      older_than = settings != NULL ? (int) g_settings_get_uint (settings, "retention-days") : 0;
    }

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  if (!bantin_store_cleanup (store, (guint) older_than, &stats, &error))
    {
      _bantin_cli_error (_("Cleanup failed: %s"), error->message);
      return _bantin_cli_exit_for_error (error);
    }

  cache_size = bantin_store_get_cache_size (store, NULL);
  freed = g_format_size (stats.bytes_freed);
  size = g_format_size (cache_size);
  g_print (_("Removed %u articles and %u images (%s)%s; the cache takes %s\n"),
           stats.articles_removed, stats.images_removed, freed,
           stats.vacuumed ? _(", compacted the database") : "", size);

  return BANTIN_EXIT_OK;
}

/* mark-read, star, unstar */

typedef enum {
  FLAG_READ,
  FLAG_STARRED,
  FLAG_UNSTARRED,
} FlagAction;

static int
set_flag (BantinCli   *cli,
          const char  *command,
          FlagAction   action,
          int          argc,
          char       **argv)
{
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context (command, entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gboolean ok;
  guint n_missing = 0;
  int status;

  status = _bantin_cli_parse_options (context, command, &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (args == NULL)
    return usage_error (command, _("Give one or more article IDs"));
  for (guint i = 0; args[i] != NULL; i++)
    {
      gint64 id;

      if (!_bantin_cli_parse_id (args[i], &id))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not an article ID"), args[i]);
          return usage_error (command, message);
        }
      g_array_append_val (ids, id);
    }

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  /* Unknown IDs are reported, and the others still changed. */
  for (guint i = 0; i < ids->len;)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(BantinArticle) article = bantin_store_get_article (store, id, FALSE, NULL);

      if (article == NULL)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          _bantin_cli_error (_("No article with the ID %s"), id_text);
          g_array_remove_index (ids, i);
          n_missing++;
          continue;
        }
      i++;
    }

  if (ids->len == 0)
    return BANTIN_EXIT_FAILED;

  switch (action)
    {
    case FLAG_READ:
      ok = bantin_store_set_read (store, (const gint64 *) (gpointer) ids->data, ids->len, TRUE, &error);
      break;
    case FLAG_STARRED:
    case FLAG_UNSTARRED:
      ok = bantin_store_set_starred (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                     action == FLAG_STARRED, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      _bantin_cli_error (_("Could not change the articles: %s"), error->message);
      return BANTIN_EXIT_STORE;
    }

  return n_missing > 0 ? BANTIN_EXIT_FAILED : BANTIN_EXIT_OK;
}

int
_bantin_cli_mark_read (BantinCli  *cli,
                       int         argc,
                       char      **argv)
{
  return set_flag (cli, "mark-read", FLAG_READ, argc, argv);
}

int
_bantin_cli_star (BantinCli  *cli,
                  int         argc,
                  char      **argv)
{
  return set_flag (cli, "star", FLAG_STARRED, argc, argv);
}

int
_bantin_cli_unstar (BantinCli  *cli,
                    int         argc,
                    char      **argv)
{
  return set_flag (cli, "unstar", FLAG_UNSTARRED, argc, argv);
}

/* import-opml, export-opml */

int
_bantin_cli_import_opml (BantinCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("import-opml", entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  guint n_added = 0;
  guint n_existing = 0;
  guint n_failed = 0;
  int status;

  status = _bantin_cli_parse_options (context, "import-opml", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (args == NULL || g_strv_length (args) != 1)
    return usage_error ("import-opml", _("Give one OPML file"));

  if (!g_file_get_contents (args[0], &data, &len, &error))
    {
      _bantin_cli_error (_("Could not read %s: %s"), args[0], error->message);
      return BANTIN_EXIT_FAILED;
    }

  entries_found = bantin_opml_parse ((const guint8 *) data, len, &error);
  if (entries_found == NULL)
    {
      _bantin_cli_error (_("%s is not an OPML file: %s"), args[0], error->message);
      return BANTIN_EXIT_FAILED;
    }

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  for (guint i = 0; i < entries_found->len; i++)
    {
      BantinOpmlEntry *entry = g_ptr_array_index (entries_found, i);
      g_autoptr(GError) add_error = NULL;

      if (entry->url == NULL || !looks_like_url (entry->url))
        {
          _bantin_cli_error (_("Skipped “%s”: not an http:// or https:// address"),
                             entry->url != NULL ? entry->url : "");
          n_failed++;
          continue;
        }

      /* An existing subscription comes back with its id and an error. */
      if (bantin_store_add_feed (store, entry->url, entry->title, entry->folder, &add_error) > 0
          && add_error == NULL)
        {
          n_added++;
        }
      else if (g_error_matches (add_error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS))
        {
          n_existing++;
        }
      else
        {
          _bantin_cli_error (_("Could not add %s: %s"), entry->url,
                             add_error != NULL ? add_error->message : _("unknown error"));
          return BANTIN_EXIT_STORE;
        }
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Added %u feed (%u already subscribed). Run “bantin sync” to fetch it.\n",
                        "Added %u feeds (%u already subscribed). Run “bantin sync” to fetch them.\n",
                        n_added),
           n_added, n_existing);

  return n_failed > 0 ? BANTIN_EXIT_FAILED : BANTIN_EXIT_OK;
}

int
_bantin_cli_export_opml (BantinCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("export-opml", entries);
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;
  int status;

  status = _bantin_cli_parse_options (context, "export-opml", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (args != NULL && g_strv_length (args) > 1)
    return usage_error ("export-opml", _("Give at most one file"));

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  feeds = bantin_store_list_feeds (store, &error);
  if (feeds == NULL)
    {
      _bantin_cli_error (_("Could not read the feeds: %s"), error->message);
      return BANTIN_EXIT_STORE;
    }

  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_opml_entry_free);
  for (guint i = 0; i < feeds->len; i++)
    {
      BantinFeed *feed = g_ptr_array_index (feeds, i);
      BantinOpmlEntry *entry = g_new0 (BantinOpmlEntry, 1);
      const char *folder = bantin_feed_get_folder (feed);

      entry->url = g_strdup (bantin_feed_get_url (feed));
      entry->title = g_strdup (bantin_feed_get_title (feed));
      entry->site_url = g_strdup (bantin_feed_get_site_url (feed));
      entry->folder = folder != NULL && *folder != '\0' ? g_strdup (folder) : NULL;
      g_ptr_array_add (outlines, entry);
    }

  opml = bantin_opml_write (outlines, _("Bantin subscriptions"));

  if (args == NULL || strcmp (args[0], "-") == 0)
    {
      g_print ("%s", opml);
      return BANTIN_EXIT_OK;
    }

  if (!g_file_set_contents (args[0], opml, -1, &error))
    {
      _bantin_cli_error (_("Could not write %s: %s"), args[0], error->message);
      return BANTIN_EXIT_FAILED;
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %u feed to %s\n", "Wrote %u feeds to %s\n", feeds->len),
              feeds->len, args[0]);
  return BANTIN_EXIT_OK;
}

/* demo */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static int
run_demo (BantinCli  *cli,
          const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinDemoServer) server = NULL;
  g_autoptr(BantinSyncEngine) engine = NULL;
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(GStrv) feeds = NULL;
  BantinArticleQuery query = { 0 };
  guint n_failed = 0;
  int status;

  server = bantin_demo_server_start (&error);
  if (server == NULL)
    {
      _bantin_cli_error (_("Could not start the demo server: %s"), error->message);
      return BANTIN_EXIT_FAILED;
    }

  g_print (_("Serving the demo feeds at %s\n"), bantin_demo_server_get_uri (server));
  g_print (_("Throwaway data folder: %s\n\n"), dir);

  store = _bantin_cli_open_store (cli, &status);
  if (store == NULL)
    return status;

  engine = bantin_sync_engine_new (cli->db_path);
  feeds = bantin_demo_server_dup_feeds (server);
  for (guint i = 0; feeds[i] != NULL; i++)
    {
      g_autoptr(GError) subscribe_error = NULL;
      g_autoptr(BantinFeed) feed = NULL;
      gint64 feed_id;

      feed_id = subscribe_one (engine, feeds[i], NULL, cancellable, &subscribe_error);
      if (feed_id <= 0)
        {
          _bantin_cli_error (_("Could not subscribe to %s: %s"), feeds[i],
                             subscribe_error != NULL ? subscribe_error->message : _("unknown error"));
          n_failed++;
          continue;
        }
      feed = bantin_store_get_feed (store, feed_id, NULL);
      g_print (_("Subscribed to “%s”\n"), feed != NULL ? bantin_feed_get_title (feed) : feeds[i]);
    }

  /* A second pass through the real sync path: the server answers 304,
   * as a newspaper's would when nothing changed. */
  status = run_sync (engine, FALSE);
  g_print ("\n");

  query.limit = DEMO_LIMIT;
  if (list_articles (store, &query, FALSE) != BANTIN_EXIT_OK)
    return BANTIN_EXIT_STORE;

  g_print ("\n%s\n", _("Try “bantin --demo” to read them in the window."));

  if (n_failed > 0)
    return BANTIN_EXIT_FAILED;
  return status;
}

int
_bantin_cli_demo (BantinCli  *cli,
                  int         argc,
                  char      **argv)
{
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = _bantin_cli_option_context ("demo", entries);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *saved_db_path = NULL;
  int status;

  status = _bantin_cli_parse_options (context, "demo", &argc, &argv);
  if (status != BANTIN_EXIT_OK)
    return status;
  if (rest != NULL)
    return usage_error ("demo", _("This command takes no arguments"));

  /* The demo never touches the real cache, --data-dir or not. */
  dir = g_dir_make_tmp ("bantin-demo-XXXXXX", &error);
  if (dir == NULL)
    {
      _bantin_cli_error (_("Could not make a folder for the demo: %s"), error->message);
      return BANTIN_EXIT_STORE;
    }

  saved_db_path = g_steal_pointer (&cli->db_path);
  cli->db_path = g_build_filename (dir, "bantin.db", NULL);

  status = run_demo (cli, dir);

  remove_tree (dir);
  g_free (cli->db_path);
  cli->db_path = g_steal_pointer (&saved_db_path);

  return status;
}
