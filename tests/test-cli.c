/* test-cli.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "bantin-core.h"
#include "bantin-test-server.h"

/* The demo server, in process. */

static GBytes *
http_get (const char  *url,
          const char  *if_none_match,
          guint       *out_status,
          char       **out_content_type,
          char       **out_etag)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  GBytes *body;

  if (if_none_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "If-None-Match", if_none_match);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  headers = soup_message_get_response_headers (msg);
  *out_status = soup_message_get_status (msg);
  if (out_content_type != NULL)
    *out_content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  if (out_etag != NULL)
    *out_etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  return body;
}

static char *
bytes_to_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_demo_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinDemoServer) server = bantin_demo_server_start (&error);
  g_auto(GStrv) feeds = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) three_days_ago = g_date_time_add_days (now, -3);
  g_autofree char *expected_day = g_date_time_format (three_days_ago, "%Y-%m-%dT");
  const char *types[] = { "application/rss+xml", "application/atom+xml", "application/feed+json" };
  char *etags[3] = { NULL, };

  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (bantin_demo_server_get_uri (server), "http://127.0.0.1:"));

  feeds = bantin_demo_server_dup_feeds (server);
  g_assert_cmpuint (g_strv_length (feeds), ==, 3);

  for (guint i = 0; feeds[i] != NULL; i++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autofree char *text = NULL;
      g_autofree char *content_type = NULL;
      g_autofree char *etag = NULL;
      g_autoptr(BantinParsedFeed) parsed = NULL;
      guint status = 0;

      g_assert_true (g_str_has_prefix (feeds[i], bantin_demo_server_get_uri (server)));
      body = http_get (feeds[i], NULL, &status, &content_type, &etag);
      g_assert_cmpuint (status, ==, 200);
      g_assert_true (g_str_has_prefix (content_type, types[i]));
      g_assert_nonnull (strstr (content_type, "charset=utf-8"));
      g_assert_nonnull (etag);

      /* Every placeholder was filled in, with the server's own address. */
      text = bytes_to_string (body);
      g_assert_null (strstr (text, "{{"));
      g_assert_nonnull (strstr (text, bantin_demo_server_get_uri (server)));

      parsed = bantin_feed_parser_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                         content_type, feeds[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (parsed->items->len, >=, 15);
      etags[i] = g_steal_pointer (&etag);
    }

  /* Same day, same bytes: a conditional request gets 304, also seconds
   * later (before today's items are due, they must not be dated "now"). */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  for (guint i = 0; feeds[i] != NULL; i++)
    {
      g_autoptr(GBytes) again = NULL;
      guint status = 0;

      again = http_get (feeds[i], etags[i], &status, NULL, NULL);
      g_assert_cmpuint (status, ==, 304);
      g_assert_cmpuint (g_bytes_get_size (again), ==, 0);
      g_free (etags[i]);
    }

  /* The Atom feed counts its days in Vietnam: {{ISO-3 …}} is three days ago there. */
  {
    g_autoptr(GBytes) body = NULL;
    g_autofree char *text = NULL;
    guint status = 0;

    body = http_get (feeds[1], NULL, &status, NULL, NULL);
    text = bytes_to_string (body);
    g_assert_nonnull (strstr (text, expected_day));
    g_assert_nonnull (strstr (text, "+07:00"));
  }

  /* The home page announces the RSS feed, and images come as images. */
  {
    g_autofree char *home = g_strdup_printf ("%s/", bantin_demo_server_get_uri (server));
    g_autofree char *image = g_strdup_printf ("%s/images/dong-lua.jpg", bantin_demo_server_get_uri (server));
    g_autofree char *missing = g_strdup_printf ("%s/../etc/passwd", bantin_demo_server_get_uri (server));
    g_autofree char *content_type = NULL;
    g_autofree char *image_type = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GBytes) jpeg = NULL;
    g_autoptr(GBytes) none = NULL;
    guint status = 0;

    body = http_get (home, NULL, &status, &content_type, NULL);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (content_type, ==, "text/html; charset=utf-8");
    text = bytes_to_string (body);
    g_assert_nonnull (strstr (text, "rel=\"alternate\" type=\"application/rss+xml\""));

    jpeg = http_get (image, NULL, &status, &image_type, NULL);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (image_type, ==, "image/jpeg");
    g_assert_cmpuint (g_bytes_get_size (jpeg), >, 1000);
    g_assert_cmpint (((const guint8 *) g_bytes_get_data (jpeg, NULL))[0], ==, 0xFF);

    none = http_get (missing, NULL, &status, NULL, NULL);
    g_assert_cmpuint (status, ==, 404);
  }
}

/* The real binary, end to end. */

typedef struct
{
  char             *data_dir;
  BantinTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("bantin-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->server = bantin_test_server_new ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->data_dir);
  g_free (f->data_dir);
  bantin_test_server_free (f->server);
}

/* Runs bantin with @args (NULL-terminated), with "--data-dir=DIR" first
 * when @f is given, no display and the test's environment. Returns the
 * exit status, or -1 if it died of a signal. */
static int
run_bantinv (Fixture     *f,
             const char  *const *extra_env,
             char       **out_stdout,
             char       **out_stderr,
             const char  *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *bin = g_getenv ("BANTIN_BIN");

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  if (f != NULL)
    g_ptr_array_add (argv, g_strdup_printf ("--data-dir=%s", f->data_dir));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The commands must never need a display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, extra_env[i], extra_env[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_test_message ("bantin %s%s -> stdout:\n%s\nstderr:\n%s",
                  args[0], args[0] != NULL && args[1] != NULL ? " …" : "", out, err);

  /* Failures are one-line messages, never GLib warnings or criticals. */
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
  g_assert_null (strstr (err, "Gtk"));

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);

  if (!g_subprocess_get_if_exited (process))
    return -1;
  return g_subprocess_get_exit_status (process);
}

#define run_bantin(f, out, err, ...) \
  run_bantinv ((f), NULL, (out), (err), (const char * const[]) { __VA_ARGS__, NULL })

static JsonArray *
parse_json_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static JsonObject *
parse_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static JsonArray *
articles_json (Fixture    *f,
               const char *const *extra_env,
               const char *option1,
               const char *option2)
{
  g_autofree char *out = NULL;
  const char *args[] = { "articles", "--json", "--limit=0", option1, option2, NULL };

  g_assert_cmpint (run_bantinv (f, extra_env, &out, NULL, args), ==, 0);
  return parse_json_array (out);
}

static JsonObject *
find_by_title (JsonArray  *array,
               const char *title)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "title"), title) == 0)
        return object;
    }

  return NULL;
}

static gint64
subscribe_news (Fixture *f)
{
  g_autofree char *url = bantin_test_server_url (f->server, "/cli/news.xml");
  g_autofree char *out = NULL;
  g_autofree char *feeds = NULL;
  g_autoptr(JsonArray) array = NULL;

  g_assert_cmpint (run_bantin (f, &out, NULL, "subscribe", url), ==, 0);
  g_assert_nonnull (strstr (out, "Bản tin Thử nghiệm"));

  g_assert_cmpint (run_bantin (f, &feeds, NULL, "feeds", "--json"), ==, 0);
  array = parse_json_array (feeds);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_object_get_int_member (json_array_get_object_element (array, 0), "id");
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *version = NULL;
  const char *commands[] = { "subscribe", "unsubscribe", "feeds", "sync", "articles", "show",
                             "mark-read", "star", "unstar", "import-opml", "export-opml", "demo" };

  g_assert_cmpint (run_bantin (NULL, &out, NULL, "--help"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *needle = g_strdup_printf ("bantin %s", commands[i]);
      g_assert_nonnull (strstr (out, needle));
    }
  g_assert_nonnull (strstr (out, "--data-dir=DIR"));
  g_assert_nonnull (strstr (out, "Exit status"));
  g_assert_nonnull (strstr (out, "Asia/Ho_Chi_Minh"));

  g_assert_cmpint (run_bantin (NULL, &version, NULL, "--version"), ==, 0);
  g_assert_true (g_str_has_prefix (version, "bantin " PACKAGE_VERSION));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *const cases[][4] = {
    { "frobnicate", NULL },
    { "--frobnicate", "feeds", NULL },
    { "feeds", "--frobnicate", NULL },
    { "feeds", "extra", NULL },
    { "articles", "--date=2018-13-45", NULL },
    { "articles", "--date=2018-07-03", "--from=2018-07-01", NULL },
    { "articles", "--from=2018-07-05", "--to=2018-07-01", NULL },
    { "articles", "--limit=-3", NULL },
    { "articles", "--limit=many", NULL },
    { "show", NULL },
    { "show", "abc", NULL },
    { "mark-read", NULL },
    { "star", "1", "x", NULL },
    { "subscribe", NULL },
    { "subscribe", "not a url", NULL },
    { "subscribe", "file:///etc/passwd", NULL },
    { "unsubscribe", NULL },
    { "import-opml", NULL },
    { "export-opml", "a", "b", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_bantinv (f, NULL, NULL, &err, cases[i]), ==, 2);
      g_assert_true (g_str_has_prefix (err, "bantin: "));
    }
}

static void
test_subscribe_and_feeds (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *url = bantin_test_server_url (f->server, "/cli/news.xml");
  g_autofree char *home = bantin_test_server_url (f->server, "/cli/home.html");
  g_autofree char *missing = bantin_test_server_url (f->server, "/cli/missing.xml");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again_err = NULL;
  g_autofree char *missing_err = NULL;
  g_autofree char *table = NULL;
  g_autoptr(JsonArray) feeds = NULL;
  JsonObject *feed;
  const char *last_success;

  g_assert_cmpint (run_bantin (f, NULL, NULL, "subscribe", url), ==, 0);

  /* A home page leads to its feed: the same one, so it is already there. */
  g_assert_cmpint (run_bantin (f, NULL, &again_err, "subscribe", home), ==, 1);
  g_assert_true (g_str_has_prefix (again_err, "bantin: "));
  g_assert_nonnull (strstr (again_err, "Already subscribed"));

  g_assert_cmpint (run_bantin (f, NULL, &missing_err, "subscribe", missing), ==, 1);
  g_assert_true (g_str_has_prefix (missing_err, "bantin: "));
  g_assert_nonnull (strstr (missing_err, "404"));

  g_assert_cmpint (run_bantin (f, &out, &err, "feeds", "--json"), ==, 0);
  feeds = parse_json_array (out);
  g_assert_cmpuint (json_array_get_length (feeds), ==, 1);
  feed = json_array_get_object_element (feeds, 0);
  g_assert_cmpint (json_object_get_int_member (feed, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (feed, "url"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (feed, "title"), ==, "Bản tin Thử nghiệm");
  g_assert_cmpstr (json_object_get_string_member (feed, "site_url"), ==, "https://tin.example.vn/");
  g_assert_cmpint (json_object_get_int_member (feed, "article_count"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (feed, "unread_count"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (feed, "last_status"), ==, 200);
  g_assert_true (json_object_get_null_member (feed, "last_error"));
  last_success = json_object_get_string_member (feed, "last_success");
  g_assert_nonnull (last_success);
  g_assert_cmpuint (strlen (last_success), ==, strlen ("2018-07-03T01:15:00Z"));
  g_assert_true (g_str_has_suffix (last_success, "Z"));

  /* The table has a header and the feed's title and address. */
  g_assert_cmpint (run_bantin (f, &table, NULL, "feeds"), ==, 0);
  g_assert_true (g_str_has_prefix (table, "ID"));
  g_assert_nonnull (strstr (table, "Bản tin Thử nghiệm"));
  g_assert_nonnull (strstr (table, url));
}

static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  subscribe_news (f);
  bantin_test_server_reset_counts (f->server);

  g_assert_cmpint (run_bantin (f, &out, &err, "sync"), ==, 0);
  g_assert_nonnull (strstr (out, "Synced 1 feed"));
  g_assert_nonnull (strstr (out, "0 failed"));
  /* Not a terminal: no progress on stderr. */
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/cli/news.xml"), ==, 1);

  /* --data-dir may also follow the command. */
  {
    g_autofree char *option = g_strdup_printf ("--data-dir=%s", f->data_dir);
    g_autofree char *json = NULL;
    g_autoptr(JsonArray) feeds = NULL;

    g_assert_cmpint (run_bantin (NULL, &json, NULL, "feeds", option, "--json"), ==, 0);
    feeds = parse_json_array (json);
    g_assert_cmpuint (json_array_get_length (feeds), ==, 1);
  }
}

static void
test_articles_by_date (Fixture       *f,
                       gconstpointer  data)
{
  const char *const utc[] = { "BANTIN_TIMEZONE", "UTC", NULL };
  g_autoptr(JsonArray) day3 = NULL;
  g_autoptr(JsonArray) day4 = NULL;
  g_autoptr(JsonArray) day3_utc = NULL;
  g_autoptr(JsonArray) range = NULL;
  g_autoptr(JsonArray) from = NULL;
  g_autoptr(JsonArray) to = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autofree char *table = NULL;
  JsonObject *late;
  JsonObject *early;

  subscribe_news (f);

  /* 23:30 and 06:00 in Vietnam on the 3rd, though one is the 2nd in UTC. */
  day3 = articles_json (f, NULL, "--date=2018-07-03", NULL);
  g_assert_cmpuint (json_array_get_length (day3), ==, 2);
  late = find_by_title (day3, "Hội nghị Ban Chấp hành Đảng bộ huyện");
  early = find_by_title (day3, "Đường tỉnh mới thông xe");
  g_assert_nonnull (late);
  g_assert_nonnull (early);
  g_assert_cmpstr (json_object_get_string_member (late, "published"), ==, "2018-07-03T16:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (late, "local_date"), ==, "2018-07-03");
  g_assert_cmpstr (json_object_get_string_member (early, "published"), ==, "2018-07-02T23:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (early, "local_date"), ==, "2018-07-03");
  g_assert_cmpstr (json_object_get_string_member (late, "author"), ==, "Minh Châu");
  g_assert_cmpstr (json_object_get_string_member (late, "feed_title"), ==, "Bản tin Thử nghiệm");
  g_assert_cmpstr (json_object_get_string_member (late, "guid"), ==, "https://tin.example.vn/bai/1");
  g_assert_cmpstr (json_object_get_string_member (late, "link"), ==, "https://tin.example.vn/bai/1");
  g_assert_null (strstr (json_object_get_string_member (late, "summary"), "<"));
  g_assert_false (json_object_get_boolean_member (late, "read"));
  g_assert_false (json_object_get_boolean_member (late, "starred"));

  /* 00:30 on the 4th in Vietnam is still the 3rd in UTC. */
  day4 = articles_json (f, NULL, "--date=2018-07-04", NULL);
  g_assert_cmpuint (json_array_get_length (day4), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (day4, 0), "title"),
                   ==, "Khai giảng năm học mới ở vùng cao");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (day4, 0), "published"),
                   ==, "2018-07-03T17:30:00Z");

  /* The reading zone is the user's to choose; days are counted when the
   * articles are stored, so this needs a cache of its own. */
  {
    g_autofree char *url = bantin_test_server_url (f->server, "/cli/news.xml");
    g_autofree char *utc_dir = g_build_filename (f->data_dir, "utc", NULL);
    g_autofree char *option = g_strdup_printf ("--data-dir=%s", utc_dir);
    g_autofree char *out = NULL;
    const char *subscribe[] = { option, "subscribe", url, NULL };
    const char *list[] = { option, "articles", "--json", "--date=2018-07-03", NULL };

    g_assert_cmpint (run_bantinv (NULL, utc, NULL, NULL, subscribe), ==, 0);
    g_assert_cmpint (run_bantinv (NULL, utc, &out, NULL, list), ==, 0);
    day3_utc = parse_json_array (out);
  }
  g_assert_cmpuint (json_array_get_length (day3_utc), ==, 2);
  g_assert_nonnull (find_by_title (day3_utc, "Khai giảng năm học mới ở vùng cao"));
  g_assert_null (find_by_title (day3_utc, "Đường tỉnh mới thông xe"));

  range = articles_json (f, NULL, "--from=2018-07-03", "--to=2018-07-04");
  g_assert_cmpuint (json_array_get_length (range), ==, 3);
  g_assert_null (find_by_title (range, "Dự báo thời tiết cuối tuần"));
  from = articles_json (f, NULL, "--from=2018-07-04", NULL);
  g_assert_cmpuint (json_array_get_length (from), ==, 2);
  to = articles_json (f, NULL, "--to=2018-07-03", NULL);
  g_assert_cmpuint (json_array_get_length (to), ==, 2);

  /* Newest first. */
  all = articles_json (f, NULL, "--limit=2", NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 0), "title"),
                   ==, "Dự báo thời tiết cuối tuần");

  /* The table shows local times. */
  g_assert_cmpint (run_bantin (f, &table, NULL, "articles", "--date=2018-07-04"), ==, 0);
  g_assert_nonnull (strstr (table, "2018-07-04 00:30"));
  g_assert_nonnull (strstr (table, "Khai giảng năm học mới ở vùng cao"));
}

static void
test_articles_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonArray) dang = NULL;
  g_autoptr(JsonArray) duong = NULL;
  g_autoptr(JsonArray) nothing = NULL;
  g_autofree char *empty_err = NULL;

  subscribe_news (f);

  /* Typed without accents, and đ as d. */
  dang = articles_json (f, NULL, "--search=dang bo", NULL);
  g_assert_cmpuint (json_array_get_length (dang), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dang, 0), "title"),
                   ==, "Hội nghị Ban Chấp hành Đảng bộ huyện");

  duong = articles_json (f, NULL, "--search=duong tinh", NULL);
  g_assert_cmpuint (json_array_get_length (duong), ==, 1);

  nothing = articles_json (f, NULL, "--search=dang", "--date=2018-07-06");
  g_assert_cmpuint (json_array_get_length (nothing), ==, 0);

  g_assert_cmpint (run_bantin (f, NULL, &empty_err, "articles", "--search=khongcogica"), ==, 0);
  g_assert_nonnull (strstr (empty_err, "No articles"));
}

static void
test_flags (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) unread = NULL;
  g_autoptr(JsonArray) starred = NULL;
  g_autoptr(JsonArray) unstarred = NULL;
  g_autoptr(JsonArray) feeds = NULL;
  g_autofree char *feeds_out = NULL;
  g_autofree char *missing_err = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *feed_option = NULL;
  gint64 feed_id;

  feed_id = subscribe_news (f);
  all = articles_json (f, NULL, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 4);
  id1 = g_strdup_printf ("%" G_GINT64_FORMAT,
                         json_object_get_int_member (find_by_title (all, "Đường tỉnh mới thông xe"), "id"));
  id2 = g_strdup_printf ("%" G_GINT64_FORMAT,
                         json_object_get_int_member (find_by_title (all, "Dự báo thời tiết cuối tuần"), "id"));

  g_assert_cmpint (run_bantin (f, NULL, NULL, "mark-read", id1, id2), ==, 0);
  unread = articles_json (f, NULL, "--unread", NULL);
  g_assert_cmpuint (json_array_get_length (unread), ==, 2);
  g_assert_null (find_by_title (unread, "Đường tỉnh mới thông xe"));

  g_assert_cmpint (run_bantin (f, &feeds_out, NULL, "feeds", "--json"), ==, 0);
  feeds = parse_json_array (feeds_out);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (feeds, 0), "unread_count"), ==, 2);

  g_assert_cmpint (run_bantin (f, NULL, NULL, "star", id2), ==, 0);
  starred = articles_json (f, NULL, "--starred", NULL);
  g_assert_cmpuint (json_array_get_length (starred), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (starred, 0), "title"),
                   ==, "Dự báo thời tiết cuối tuần");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (starred, 0), "starred"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (starred, 0), "read"));

  g_assert_cmpint (run_bantin (f, NULL, NULL, "unstar", id2), ==, 0);
  unstarred = articles_json (f, NULL, "--starred", NULL);
  g_assert_cmpuint (json_array_get_length (unstarred), ==, 0);

  /* An unknown ID is an error, and the known ones still change. */
  g_assert_cmpint (run_bantin (f, NULL, &missing_err, "star", "987654", id1), ==, 1);
  g_assert_nonnull (strstr (missing_err, "987654"));
  {
    g_autoptr(JsonArray) now_starred = articles_json (f, NULL, "--starred", NULL);
    g_assert_cmpuint (json_array_get_length (now_starred), ==, 1);
  }

  feed_option = g_strdup_printf ("--feed=%" G_GINT64_FORMAT, feed_id);
  {
    g_autoptr(JsonArray) of_feed = articles_json (f, NULL, feed_option, "--unread");
    g_assert_cmpuint (json_array_get_length (of_feed), ==, 2);
  }
  g_assert_cmpint (run_bantin (f, NULL, NULL, "articles", "--feed=424242"), ==, 1);
}

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonObject) article = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *missing_err = NULL;
  const char *content;

  subscribe_news (f);
  all = articles_json (f, NULL, NULL, NULL);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (find_by_title (all, "Hội nghị Ban Chấp hành Đảng bộ huyện"), "id"));

  g_assert_cmpint (run_bantin (f, &json, NULL, "show", id, "--json"), ==, 0);
  article = parse_json_object (json);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, "Hội nghị Ban Chấp hành Đảng bộ huyện");
  content = json_object_get_string_member (article, "content");
  g_assert_nonnull (content);
  g_assert_nonnull (strstr (content, "<p>"));
  g_assert_nonnull (strstr (content, "Đoạn thứ hai."));
  g_assert_null (strstr (content, "<script"));
  g_assert_null (strstr (content, "alert"));
  g_assert_null (strstr (content, "onclick"));

  g_assert_cmpint (run_bantin (f, &text, NULL, "show", id), ==, 0);
  g_assert_true (g_str_has_prefix (text, "Hội nghị Ban Chấp hành Đảng bộ huyện\n"));
  g_assert_nonnull (strstr (text, "Minh Châu"));
  g_assert_nonnull (strstr (text, "2018-07-03 23:30"));
  g_assert_nonnull (strstr (text, "sáu tháng đầu năm.\n\nĐoạn thứ hai."));
  g_assert_nonnull (strstr (text, "• một\n• hai\n\n│ Trích dẫn một.\n│\n│ Trích dẫn hai.\n\n[Ảnh: Hội trường]\n"));
  g_assert_null (strstr (text, "<p>"));

  g_assert_cmpint (run_bantin (f, NULL, &missing_err, "show", "987654"), ==, 1);
  g_assert_true (g_str_has_prefix (missing_err, "bantin: "));
}

static gboolean
opml_has (GPtrArray  *entries,
          const char *url,
          const char *folder)
{
  for (guint i = 0; i < entries->len; i++)
    {
      BantinOpmlEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->url, url) == 0)
        return g_strcmp0 (entry->folder, folder) == 0;
    }

  return FALSE;
}

static void
test_opml (Fixture       *f,
           gconstpointer  data)
{
  const char *opml_path = g_test_get_filename (G_TEST_DIST, "data", "cli", "folders.opml", NULL);
  g_autofree char *export_path = g_build_filename (f->data_dir, "export.opml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *stdout_opml = NULL;
  g_autofree char *written = NULL;
  g_autofree char *missing_err = NULL;
  g_autoptr(JsonArray) feeds = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) stdout_entries = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_cmpint (run_bantin (f, &out, NULL, "import-opml", opml_path), ==, 0);
  g_assert_nonnull (strstr (out, "Added 3 feeds"));

  /* Nothing was fetched: the next sync does it. */
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, NULL), ==, 0);

  g_assert_cmpint (run_bantin (f, &again, NULL, "import-opml", opml_path), ==, 0);
  g_assert_nonnull (strstr (again, "Added 0 feeds (3 already subscribed)"));

  g_free (out);
  out = NULL;
  g_assert_cmpint (run_bantin (f, &out, NULL, "feeds", "--json"), ==, 0);
  feeds = parse_json_array (out);
  g_assert_cmpuint (json_array_get_length (feeds), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *feed = json_array_get_object_element (feeds, i);

      g_assert_true (json_object_get_null_member (feed, "last_success"));
      g_assert_cmpint (json_object_get_int_member (feed, "article_count"), ==, 0);
    }

  g_assert_cmpint (run_bantin (f, NULL, NULL, "export-opml", export_path), ==, 0);
  g_file_get_contents (export_path, &written, &len, &error);
  g_assert_no_error (error);
  entries = bantin_opml_parse ((const guint8 *) written, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_true (opml_has (entries, "https://chinhphu.example.vn/rss.xml", "Trung ương"));
  g_assert_true (opml_has (entries, "https://giaoduc.example.vn/rss", "Trung ương/Chuyên đề"));
  g_assert_true (opml_has (entries, "http://sotuphap.example.vn/rss", NULL));

  g_assert_cmpint (run_bantin (f, &stdout_opml, NULL, "export-opml"), ==, 0);
  stdout_entries = bantin_opml_parse ((const guint8 *) stdout_opml, strlen (stdout_opml), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stdout_entries->len, ==, 3);

  /* Round trip into an empty cache. */
  {
    g_autofree char *other_dir = g_build_filename (f->data_dir, "other", NULL);
    g_autofree char *option = g_strdup_printf ("--data-dir=%s", other_dir);
    g_autofree char *list = NULL;
    g_autoptr(JsonArray) other = NULL;

    g_assert_cmpint (run_bantin (NULL, NULL, NULL, option, "import-opml", export_path), ==, 0);
    g_assert_cmpint (run_bantin (NULL, &list, NULL, option, "feeds", "--json"), ==, 0);
    other = parse_json_array (list);
    g_assert_cmpuint (json_array_get_length (other), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *feed = json_array_get_object_element (other, i);

        if (g_strcmp0 (json_object_get_string_member (feed, "url"), "https://giaoduc.example.vn/rss") == 0)
          g_assert_cmpstr (json_object_get_string_member (feed, "folder"), ==, "Trung ương/Chuyên đề");
      }
  }

  g_assert_cmpint (run_bantin (f, NULL, &missing_err, "import-opml", "/nonexistent/x.opml"), ==, 1);
  g_assert_true (g_str_has_prefix (missing_err, "bantin: "));
}

static void
test_unsubscribe (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *url = bantin_test_server_url (f->server, "/cli/news.xml");
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) feeds = NULL;
  g_autoptr(JsonArray) articles = NULL;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, subscribe_news (f));

  g_assert_cmpint (run_bantin (f, &out, NULL, "unsubscribe", id), ==, 0);
  g_assert_nonnull (strstr (out, "Bản tin Thử nghiệm"));
  g_assert_cmpint (run_bantin (f, NULL, &err, "unsubscribe", id), ==, 1);
  g_assert_true (g_str_has_prefix (err, "bantin: "));

  g_free (out);
  out = NULL;
  g_assert_cmpint (run_bantin (f, &out, NULL, "feeds", "--json"), ==, 0);
  feeds = parse_json_array (out);
  g_assert_cmpuint (json_array_get_length (feeds), ==, 0);
  articles = articles_json (f, NULL, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (articles), ==, 0);

  /* By address too. */
  g_assert_cmpint (run_bantin (f, NULL, NULL, "subscribe", url), ==, 0);
  g_assert_cmpint (run_bantin (f, NULL, NULL, "unsubscribe", url), ==, 0);
  g_assert_cmpint (run_bantin (f, NULL, NULL, "unsubscribe", url), ==, 1);
}

static void
test_failing_feed (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *good = bantin_test_server_url (f->server, "/cli/news.xml");
  g_autofree char *flaky = bantin_test_server_url (f->server, "/flaky");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autofree char *table = NULL;
  g_autoptr(JsonArray) feeds = NULL;
  JsonObject *broken = NULL;

  bantin_test_server_serve_file (f->server, "/flaky", "sync/atom.xml", NULL);
  g_assert_cmpint (run_bantin (f, NULL, NULL, "subscribe", good, flaky), ==, 0);

  bantin_test_server_serve_status (f->server, "/flaky", 500);
  g_assert_cmpint (run_bantin (f, &out, &err, "sync"), ==, 1);
  g_assert_nonnull (strstr (out, "1 failed"));
  g_assert_true (g_str_has_prefix (err, "bantin: "));
  g_assert_nonnull (strstr (err, flaky));
  g_assert_null (strstr (err, good));

  g_assert_cmpint (run_bantin (f, &json, NULL, "feeds", "--json"), ==, 0);
  feeds = parse_json_array (json);
  g_assert_cmpuint (json_array_get_length (feeds), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *feed = json_array_get_object_element (feeds, i);

      if (g_strcmp0 (json_object_get_string_member (feed, "url"), flaky) == 0)
        broken = feed;
      else
        g_assert_true (json_object_get_null_member (feed, "last_error"));
    }
  g_assert_nonnull (broken);
  g_assert_cmpint (json_object_get_int_member (broken, "last_status"), ==, 500);
  g_assert_false (json_object_get_null_member (broken, "last_error"));
  g_assert_cmpstr (json_object_get_string_member (broken, "last_error"), !=, "");
  /* It did work once. */
  g_assert_false (json_object_get_null_member (broken, "last_success"));

  g_assert_cmpint (run_bantin (f, &table, NULL, "feeds"), ==, 0);
  g_assert_nonnull (strstr (table, "failed (HTTP 500)"));
  g_assert_nonnull (strstr (table, "Error: "));

  /* Once the server is back, all is well again. */
  bantin_test_server_serve_file (f->server, "/flaky", "sync/atom.xml", NULL);
  g_assert_cmpint (run_bantin (f, NULL, NULL, "sync"), ==, 0);
}

static void
test_store_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->data_dir, "bantin.db", NULL);
  g_autofree char *file_dir = g_build_filename (f->data_dir, "bantin.db", "sub", NULL);
  g_autofree char *option = g_strdup_printf ("--data-dir=%s", file_dir);
  g_autofree char *err = NULL;
  g_autofree char *file_err = NULL;
  g_autoptr(GError) error = NULL;

  /* Not a database. */
  g_file_set_contents (db, "Đây không phải là cơ sở dữ liệu SQLite, chỉ là văn bản thường. "
                           "Đây không phải là cơ sở dữ liệu SQLite, chỉ là văn bản thường.", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_bantin (f, NULL, &err, "feeds"), ==, 3);
  g_assert_true (g_str_has_prefix (err, "bantin: "));
  g_assert_nonnull (strstr (err, db));

  /* A data folder inside a file. */
  g_assert_cmpint (run_bantin (NULL, NULL, &file_err, option, "articles"), ==, 3);
  g_assert_true (g_str_has_prefix (file_err, "bantin: "));
}

static void
test_demo (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_bantin (NULL, &out, &err, "demo"), ==, 0);
  g_assert_nonnull (strstr (out, "Tin Sáng — Thời sự"));
  g_assert_nonnull (strstr (out, "Tin Sáng — Giáo dục & Văn hóa"));
  g_assert_nonnull (strstr (out, "Tin Sáng — Nông nghiệp & Sức khỏe"));
  g_assert_nonnull (strstr (out, "0 failed"));
  /* Today's lead story is always among the newest. */
  g_assert_nonnull (strstr (out, "Ủy ban nhân dân tỉnh họp phiên thường kỳ"));
  g_assert_cmpstr (err, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* With isolated dirs, GIO's GNOME proxy module would abort. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);

  g_test_add_func ("/bantin/demo-server/serve", test_demo_server);
  g_test_add_func ("/bantin/cli/help", test_help);
  g_test_add ("/bantin/cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors, fixture_tear_down);
  g_test_add ("/bantin/cli/subscribe", Fixture, NULL, fixture_set_up, test_subscribe_and_feeds, fixture_tear_down);
  g_test_add ("/bantin/cli/sync", Fixture, NULL, fixture_set_up, test_sync, fixture_tear_down);
  g_test_add ("/bantin/cli/articles/date", Fixture, NULL, fixture_set_up, test_articles_by_date, fixture_tear_down);
  g_test_add ("/bantin/cli/articles/search", Fixture, NULL, fixture_set_up, test_articles_search, fixture_tear_down);
  g_test_add ("/bantin/cli/articles/flags", Fixture, NULL, fixture_set_up, test_flags, fixture_tear_down);
  g_test_add ("/bantin/cli/show", Fixture, NULL, fixture_set_up, test_show, fixture_tear_down);
  g_test_add ("/bantin/cli/opml", Fixture, NULL, fixture_set_up, test_opml, fixture_tear_down);
  g_test_add ("/bantin/cli/unsubscribe", Fixture, NULL, fixture_set_up, test_unsubscribe, fixture_tear_down);
  g_test_add ("/bantin/cli/failing-feed", Fixture, NULL, fixture_set_up, test_failing_feed, fixture_tear_down);
  g_test_add ("/bantin/cli/store-errors", Fixture, NULL, fixture_set_up, test_store_errors, fixture_tear_down);
  g_test_add_func ("/bantin/cli/demo", test_demo);

  return g_test_run ();
}
