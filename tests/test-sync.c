/* test-sync.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "bantin-core.h"
#include "bantin-sync-private.h"
#include "bantin-test-server.h"

/* The test server itself: what the sync tests rely on. */

static GBytes *
fetch (const char  *url,
       const char  *header,
       const char  *value,
       guint       *out_status,
       char       **out_content_encoding)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, value);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  if (out_content_encoding != NULL)
    *out_content_encoding = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                    "Content-Encoding"));
  return body;
}

static void
test_server_files (void)
{
  g_autoptr(BantinTestServer) server = bantin_test_server_new ();
  g_autofree char *url = bantin_test_server_url (server, "/sync/rss2.xml");
  g_autofree char *missing = bantin_test_server_url (server, "/sync/nothing.xml");
  g_autofree char *ua = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) body2 = NULL;
  guint status = 0;

  g_assert_true (g_str_has_prefix (bantin_test_server_get_uri (server), "http://127.0.0.1:"));
  body = fetch (url, "User-Agent", "probe/1", &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "Tin Chính phủ"));
  body2 = fetch (missing, NULL, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 404);

  g_assert_cmpuint (bantin_test_server_get_request_count (server, "/sync/rss2.xml"), ==, 1);
  g_assert_cmpuint (bantin_test_server_get_request_count (server, NULL), ==, 2);
  ua = bantin_test_server_dup_request_header (server, "/sync/rss2.xml", "User-Agent");
  g_assert_cmpstr (ua, ==, "probe/1");
}

static void
test_server_conditional (void)
{
  g_autoptr(BantinTestServer) server = bantin_test_server_new ();
  g_autofree char *url = bantin_test_server_url (server, "/feed");
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GBytes) d = NULL;
  guint status = 0;

  bantin_test_server_serve_file (server, "/feed", "sync/rss2.xml", NULL);
  bantin_test_server_set_etag (server, "/feed", "\"v1\"");
  a = fetch (url, "If-None-Match", "\"v0\"", &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  b = fetch (url, "If-None-Match", "\"v1\"", &status, NULL);
  g_assert_cmpuint (status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (b), ==, 0);

  bantin_test_server_set_etag (server, "/feed", NULL);
  bantin_test_server_set_last_modified (server, "/feed", "Tue, 03 Jul 2018 02:00:00 GMT");
  c = fetch (url, "If-Modified-Since", "Tue, 03 Jul 2018 02:00:00 GMT", &status, NULL);
  g_assert_cmpuint (status, ==, 304);
  d = fetch (url, "If-Modified-Since", "Mon, 02 Jul 2018 02:00:00 GMT", &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (bantin_test_server_get_request_count (server, "/feed"), ==, 4);
}

static void
test_server_redirect_status_gzip (void)
{
  g_autoptr(BantinTestServer) server = bantin_test_server_new ();
  g_autofree char *moved = bantin_test_server_url (server, "/moved");
  g_autofree char *limited = bantin_test_server_url (server, "/limited");
  g_autofree char *zipped = bantin_test_server_url (server, "/zipped");
  g_autofree char *encoding = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  guint status = 0;

  bantin_test_server_serve_redirect (server, "/moved", 301, "/sync/rss2.xml");
  a = fetch (moved, NULL, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 301);

  bantin_test_server_serve_status (server, "/limited", 429);
  bantin_test_server_set_header (server, "/limited", "Retry-After", "120");
  b = fetch (limited, NULL, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 429);

  bantin_test_server_serve_file (server, "/zipped", "sync/rss2.xml", NULL);
  bantin_test_server_set_gzip (server, "/zipped", TRUE);
  c = fetch (zipped, NULL, NULL, &status, &encoding);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (encoding, ==, "gzip");
  /* libsoup 3 decodes gzip by itself (SoupContentDecoder is on by default). */
  g_assert_nonnull (strstr (g_bytes_get_data (c, NULL), "Tin Chính phủ"));
  location = bantin_test_server_dup_request_header (server, "/zipped", "Accept-Encoding");
  g_assert_nonnull (strstr (location, "gzip"));
}

static void
test_server_generated (void)
{
  g_autoptr(BantinTestServer) server = bantin_test_server_new ();
  g_autofree char *url = bantin_test_server_url (server, "/big");
  g_autoptr(GBytes) body = NULL;
  guint status = 0;
  gsize len;
  const char *data;

  for (guint i = 0; i < 2; i++)
    {
      gsize size = i == 0 ? 1000 * 1000 + 7 : 300;

      bantin_test_server_serve_generated (server, "/big", size, i == 1);
      g_clear_pointer (&body, g_bytes_unref);
      body = fetch (url, NULL, NULL, &status, NULL);
      g_assert_cmpuint (status, ==, 200);
      data = g_bytes_get_data (body, &len);
      g_assert_cmpuint (len, ==, size);
      g_assert_true (g_str_has_prefix (data, "<?xml"));
      g_assert_true (memcmp (data + len - 17, "</channel></rss>\n", 17) == 0);
    }
}

static void
test_server_slow (void)
{
  g_autoptr(BantinTestServer) server = bantin_test_server_new ();
  g_autofree char *url = bantin_test_server_url (server, "/slow");
  g_autoptr(GBytes) body = NULL;
  guint status = 0;
  gint64 start = g_get_monotonic_time ();

  bantin_test_server_serve_bytes (server, "/slow", 200, "text/plain", "0123456789abcdef0123456789", -1);
  bantin_test_server_set_delay (server, "/slow", 200);
  bantin_test_server_set_trickle (server, "/slow", 50);
  body = fetch (url, NULL, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 26);
  /* 200 ms of delay, then two pieces 50 ms apart. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 290 * 1000);
}

/* The engine, against the test server and a real SQLite file. */

typedef struct
{
  BantinTestServer *server;
  char             *db_path;
  BantinSyncEngine *engine;
  BantinStore      *store;     /* A reader's connection, for the asserts. */
  guint             n_progress;
  guint             last_done;
  guint             last_total;
  guint             n_finished;
  guint             n_finished_ok;
} Fixture;

static void
progress_cb (BantinSyncEngine *engine,
             guint             done,
             guint             total,
             Fixture          *f)
{
  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, f->last_done);
  f->n_progress++;
  f->last_done = done;
  f->last_total = total;
}

static void
feed_finished_cb (BantinSyncEngine *engine,
                  gint64            feed_id,
                  gboolean          ok,
                  guint             new_articles,
                  Fixture          *f)
{
  g_assert_cmpint (feed_id, >, 0);
  f->n_finished++;
  if (ok)
    f->n_finished_ok++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  f->server = bantin_test_server_new ();
  f->db_path = g_build_filename (dir, "bantin.db", NULL);
  f->store = bantin_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->engine = bantin_sync_engine_new (f->db_path);
  g_signal_connect (f->engine, "progress", G_CALLBACK (progress_cb), f);
  g_signal_connect (f->engine, "feed-finished", G_CALLBACK (feed_finished_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_false (bantin_sync_engine_get_busy (f->engine));
  /* The threads give their last task references back on this context. */
  g_object_add_weak_pointer (G_OBJECT (f->engine), (gpointer *) &f->engine);
  g_object_unref (f->engine);
  while (f->engine != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (f->engine);
  g_clear_object (&f->store);
  g_clear_pointer (&f->server, bantin_test_server_free);
  g_free (f->db_path);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static BantinSyncReport *
run_sync (Fixture       *f,
          const gint64  *ids,
          guint          n_ids,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  f->n_progress = f->last_done = f->last_total = 0;
  f->n_finished = f->n_finished_ok = 0;
  bantin_sync_engine_sync_async (f->engine, ids, n_ids, cancellable, store_result_cb, &result);
  g_assert_true (bantin_sync_engine_get_busy (f->engine));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return bantin_sync_engine_sync_finish (f->engine, result, error);
}

static BantinSyncReport *
sync_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  BantinSyncReport *report = run_sync (f, NULL, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (f->n_finished, ==, report->feeds->len);
  return report;
}

static BantinSyncReport *
sync_one (Fixture *f,
          gint64   feed_id)
{
  g_autoptr(GError) error = NULL;
  BantinSyncReport *report = run_sync (f, &feed_id, 1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
subscribe (Fixture     *f,
           const char  *url,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bantin_sync_engine_subscribe_async (f->engine, url, NULL, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return bantin_sync_engine_subscribe_finish (f->engine, result, error);
}

static gint64
add_feed (Fixture    *f,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = bantin_test_server_url (f->server, path);
  gint64 id = bantin_store_add_feed (f->store, url, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static BantinFeed *
get_feed (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  BantinFeed *feed = bantin_store_get_feed (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static guint
count_articles (Fixture *f,
                gint64   feed_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  BantinArticleQuery query = { 0, };

  query.feed_id = feed_id;
  ids = bantin_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  return ids->len;
}

/* Whether one of the feed's articles has this title, as stored. */
static gboolean
has_article_titled (Fixture    *f,
                    gint64      feed_id,
                    const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  BantinArticleQuery query = { 0, };

  query.feed_id = feed_id;
  ids = bantin_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(BantinArticle) article = NULL;

      article = bantin_store_get_article (f->store, g_array_index (ids, gint64, i), FALSE, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (bantin_article_get_title (article), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static BantinFeedResult *
only_result (BantinSyncReport *report)
{
  g_assert_cmpuint (report->feeds->len, ==, 1);
  return g_ptr_array_index (report->feeds, 0);
}

static void
test_conditional_get (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinSyncReport) third = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autofree char *inm = NULL;
  g_autofree char *ims = NULL;
  g_autofree char *ua = NULL;
  g_autofree char *accept = NULL;
  const char *lm = "Tue, 03 Jul 2018 02:00:00 GMT";
  gint64 id = add_feed (f, "/feed");

  bantin_test_server_serve_file (f->server, "/feed", "sync/rss2.xml", NULL);
  bantin_test_server_set_etag (f->server, "/feed", "\"v1\"");
  bantin_test_server_set_last_modified (f->server, "/feed", lm);

  first = sync_ok (f);
  g_assert_cmpuint (first->new_articles, ==, 3);
  g_assert_cmpuint (first->n_failed, ==, 0);
  g_assert_cmpint (only_result (first)->http_status, ==, 200);
  g_assert_null (only_result (first)->error_message);
  g_assert_cmpstr (only_result (first)->title, ==, "Tin Chính phủ");
  g_assert_cmpuint (f->n_finished_ok, ==, 1);
  g_assert_cmpuint (f->last_done, ==, 1);
  g_assert_cmpuint (f->last_total, ==, 1);
  g_assert_cmpuint (count_articles (f, id), ==, 3);
  g_assert_true (has_article_titled (f, id, "Đảng viên học tập nghị quyết"));
  /* No validators stored yet: the first request is unconditional. */
  inm = bantin_test_server_dup_request_header (f->server, "/feed", "If-None-Match");
  g_assert_null (inm);
  ua = bantin_test_server_dup_request_header (f->server, "/feed", "User-Agent");
  g_assert_true (g_str_has_prefix (ua, "Bantin/" PACKAGE_VERSION));
  accept = bantin_test_server_dup_request_header (f->server, "/feed", "Accept");
  g_assert_nonnull (strstr (accept, "application/rss+xml"));
  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "Tin Chính phủ");
  g_assert_cmpint (bantin_feed_get_last_status (feed), ==, 200);
  g_assert_null (bantin_feed_get_last_error (feed));
  g_clear_object (&feed);

  /* The feed changes on the server but its ETag does not: the server says
   * 304, and the engine must neither parse nor write anything. */
  bantin_test_server_serve_file (f->server, "/feed", "sync/rss2-more.xml", NULL);
  second = sync_ok (f);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/feed"), ==, 2);
  inm = bantin_test_server_dup_request_header (f->server, "/feed", "If-None-Match");
  ims = bantin_test_server_dup_request_header (f->server, "/feed", "If-Modified-Since");
  g_assert_cmpstr (inm, ==, "\"v1\"");
  g_assert_cmpstr (ims, ==, lm);
  g_assert_cmpint (only_result (second)->http_status, ==, 304);
  g_assert_null (only_result (second)->error_message);
  g_assert_cmpuint (only_result (second)->new_articles, ==, 0);
  g_assert_cmpuint (only_result (second)->updated_articles, ==, 0);
  g_assert_cmpuint (f->n_finished_ok, ==, 1);
  g_assert_cmpuint (count_articles (f, id), ==, 3);
  feed = get_feed (f, id);
  g_assert_cmpint (bantin_feed_get_last_status (feed), ==, 304);
  g_clear_object (&feed);

  /* A new version: 200 again, two new items, the new validator stored. */
  bantin_test_server_set_etag (f->server, "/feed", "\"v2\"");
  third = sync_ok (f);
  g_assert_cmpint (only_result (third)->http_status, ==, 200);
  g_assert_cmpuint (only_result (third)->new_articles, ==, 2);
  g_assert_cmpuint (count_articles (f, id), ==, 5);
  g_clear_pointer (&third, bantin_sync_report_free);
  third = sync_ok (f);
  g_clear_pointer (&inm, g_free);
  inm = bantin_test_server_dup_request_header (f->server, "/feed", "If-None-Match");
  g_assert_cmpstr (inm, ==, "\"v2\"");
  g_assert_cmpint (only_result (third)->http_status, ==, 304);
}

typedef struct
{
  guint    status;
  gboolean moves;
} RedirectCase;

static void
test_redirect (Fixture       *f,
               gconstpointer  data)
{
  const RedirectCase *rc = data;
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autofree char *old_url = bantin_test_server_url (f->server, "/old");
  g_autofree char *new_url = bantin_test_server_url (f->server, "/sync/rss2.xml");
  gint64 id = add_feed (f, "/old");

  bantin_test_server_serve_redirect (f->server, "/old", rc->status, "/sync/rss2.xml");
  first = sync_ok (f);
  g_assert_null (only_result (first)->error_message);
  g_assert_cmpint (only_result (first)->http_status, ==, 200);
  g_assert_cmpuint (count_articles (f, id), ==, 3);

  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_url (feed), ==, rc->moves ? new_url : old_url);
  g_assert_cmpstr (only_result (first)->url, ==, rc->moves ? new_url : old_url);

  /* Moved for good: the next sync goes straight to the new address. */
  second = sync_ok (f);
  g_assert_null (only_result (second)->error_message);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/old"), ==, rc->moves ? 1 : 2);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/sync/rss2.xml"), ==, 2);
  g_assert_cmpuint (count_articles (f, id), ==, 3);
}

static void
test_redirect_chain (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autofree char *middle = bantin_test_server_url (f->server, "/middle");
  gint64 id = add_feed (f, "/start");

  /* 301 then 302: only the permanent part of the way is remembered. */
  bantin_test_server_serve_redirect (f->server, "/start", 301, "/middle");
  bantin_test_server_serve_redirect (f->server, "/middle", 302, "/sync/atom.xml");
  report = sync_ok (f);
  g_assert_null (only_result (report)->error_message);
  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_url (feed), ==, middle);
  g_assert_cmpuint (count_articles (f, id), ==, 2);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) loop_feed = NULL;
  g_autoptr(BantinFeed) long_feed = NULL;
  g_autofree char *loop_url = bantin_test_server_url (f->server, "/a");
  gint64 loop_id = add_feed (f, "/a");
  gint64 long_id = add_feed (f, "/r0");

  bantin_test_server_serve_redirect (f->server, "/a", 301, "/b");
  bantin_test_server_serve_redirect (f->server, "/b", 302, loop_url);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *from = g_strdup_printf ("/r%u", i);
      g_autofree char *to = g_strdup_printf ("/r%u", i + 1);

      bantin_test_server_serve_redirect (f->server, from, 307, to);
    }
  bantin_test_server_serve_file (f->server, "/r12", "sync/rss2.xml", NULL);

  report = sync_ok (f);
  g_assert_cmpuint (report->n_failed, ==, 2);
  g_assert_cmpuint (f->n_finished_ok, ==, 0);

  loop_feed = get_feed (f, loop_id);
  g_assert_cmpstr (bantin_feed_get_last_error (loop_feed), ==,
                   "Too many redirects: the address redirects in a loop");
  /* The loop is not followed forever. */
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/a"), ==, 1);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/b"), ==, 1);

  long_feed = get_feed (f, long_id);
  g_assert_cmpstr (bantin_feed_get_last_error (long_feed), ==, "Too many redirects");
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/r10"), ==, 1);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/r11"), ==, 0);
  g_assert_cmpuint (count_articles (f, long_id), ==, 0);
}

typedef struct
{
  guint       status;
  const char *message;
} ErrorCase;

/* An error is stored on the feed, and the articles it had stay. */
static void
test_http_error (Fixture       *f,
                 gconstpointer  data)
{
  const ErrorCase *ec = data;
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  gint64 id = add_feed (f, "/feed");

  bantin_test_server_serve_file (f->server, "/feed", "sync/rss2.xml", NULL);
  first = sync_ok (f);
  g_assert_cmpuint (count_articles (f, id), ==, 3);

  bantin_test_server_serve_status (f->server, "/feed", ec->status);
  second = sync_ok (f);
  g_assert_cmpuint (second->n_failed, ==, 1);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpuint (f->n_finished_ok, ==, 0);
  g_assert_cmpint (only_result (second)->http_status, ==, ec->status);
  g_assert_cmpstr (only_result (second)->error_message, ==, ec->message);

  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_last_error (feed), ==, ec->message);
  g_assert_cmpint (bantin_feed_get_last_status (feed), ==, ec->status);
  g_assert_false (bantin_feed_get_gone (feed));
  g_assert_cmpuint (count_articles (f, id), ==, 3);
  g_assert_true (has_article_titled (f, id, "Đà Nẵng đón khách quốc tế"));
}

static void
test_gone (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinSyncReport) third = NULL;
  g_autoptr(BantinSyncReport) fourth = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  gint64 id = add_feed (f, "/feed");
  gint64 other = add_feed (f, "/sync/atom.xml");

  bantin_test_server_serve_file (f->server, "/feed", "sync/rss2.xml", NULL);
  first = sync_ok (f);
  g_assert_cmpuint (first->new_articles, ==, 5);

  bantin_test_server_serve_status (f->server, "/feed", 410);
  second = sync_ok (f);
  g_assert_cmpuint (second->n_failed, ==, 1);
  feed = get_feed (f, id);
  g_assert_true (bantin_feed_get_gone (feed));
  g_assert_cmpstr (bantin_feed_get_last_error (feed), ==, "The feed is gone (HTTP 410)");
  g_assert_cmpuint (count_articles (f, id), ==, 3);

  /* Later syncs leave it alone... */
  third = sync_ok (f);
  g_assert_cmpuint (third->feeds->len, ==, 1);
  g_assert_cmpint (((BantinFeedResult *) g_ptr_array_index (third->feeds, 0))->feed_id, ==, other);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/feed"), ==, 2);

  /* ...unless asked for by name. */
  bantin_test_server_serve_file (f->server, "/feed", "sync/rss2.xml", NULL);
  fourth = sync_one (f, id);
  g_assert_null (only_result (fourth)->error_message);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/feed"), ==, 3);
  g_clear_object (&feed);
  feed = get_feed (f, id);
  g_assert_false (bantin_feed_get_gone (feed));
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinSyncReport) third = NULL;
  g_autoptr(BantinFeed) limited = NULL;
  g_autoptr(BantinFeed) busy = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *http_date = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 limited_id = add_feed (f, "/limited");
  gint64 busy_id = add_feed (f, "/busy");

  bantin_test_server_serve_status (f->server, "/limited", 429);
  bantin_test_server_set_header (f->server, "/limited", "Retry-After", "120");
  later = g_date_time_new_from_unix_utc (now + 3600);
  http_date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  bantin_test_server_serve_status (f->server, "/busy", 503);
  bantin_test_server_set_header (f->server, "/busy", "Retry-After", http_date);

  first = sync_ok (f);
  g_assert_cmpuint (first->n_failed, ==, 2);

  limited = get_feed (f, limited_id);
  g_assert_cmpint (bantin_feed_get_next_check (limited), >=, now + 120);
  g_assert_cmpint (bantin_feed_get_next_check (limited), <=, now + 125);
  g_assert_cmpstr (bantin_feed_get_last_error (limited), ==, "HTTP 429: Too Many Requests");
  busy = get_feed (f, busy_id);
  g_assert_cmpint (bantin_feed_get_next_check (busy), ==, now + 3600);
  g_assert_cmpstr (bantin_feed_get_last_error (busy), ==, "HTTP 503: Service Unavailable");

  /* Both are skipped until then. */
  second = sync_ok (f);
  g_assert_cmpuint (second->feeds->len, ==, 0);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/limited"), ==, 1);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, "/busy"), ==, 1);

  /* A manual sync of one of them still tries, and success clears it. */
  bantin_test_server_serve_file (f->server, "/limited", "sync/rss2.xml", NULL);
  third = sync_one (f, limited_id);
  g_assert_null (only_result (third)->error_message);
  g_clear_object (&limited);
  limited = get_feed (f, limited_id);
  g_assert_cmpint (bantin_feed_get_next_check (limited), ==, 0);
  g_assert_cmpuint (count_articles (f, limited_id), ==, 3);
}

static void
test_retry_after_parse (void)
{
  gint64 now = 1530000000;

  g_assert_cmpint (_bantin_parse_retry_after ("120", now), ==, now + 120);
  g_assert_cmpint (_bantin_parse_retry_after (" 0", now), ==, now);
  g_assert_cmpint (_bantin_parse_retry_after ("Tue, 26 Jun 2018 08:00:00 GMT", now), ==, 1530000000);
  g_assert_cmpint (_bantin_parse_retry_after ("Tue, 26 Jun 2018 09:00:00 GMT", now), ==, 1530003600);
  /* In the past: now. Absurdly far: a week. Nonsense: nothing. */
  g_assert_cmpint (_bantin_parse_retry_after ("Mon, 25 Jun 2018 08:00:00 GMT", now), ==, now);
  g_assert_cmpint (_bantin_parse_retry_after ("99999999999", now), ==, now + 7 * 24 * 3600);
  g_assert_cmpint (_bantin_parse_retry_after ("soon", now), ==, 0);
  g_assert_cmpint (_bantin_parse_retry_after ("12abc", now), ==, 0);
  g_assert_cmpint (_bantin_parse_retry_after (NULL, now), ==, 0);
}

static void
test_network_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) refused = NULL;
  g_autoptr(BantinFeed) unresolved = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *refused_url = NULL;
  gint64 refused_id;
  gint64 unresolved_id;

  /* A port that is bound but not listening refuses connections. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  refused_url = g_strdup_printf ("http://127.0.0.1:%u/feed",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  refused_id = bantin_store_add_feed (f->store, refused_url, NULL, NULL, &error);
  g_assert_no_error (error);
  /* .invalid never resolves (RFC 2606), and no resolver is asked twice. */
  unresolved_id = bantin_store_add_feed (f->store, "http://bantin-test.invalid/feed", NULL, NULL, &error);
  g_assert_no_error (error);

  report = sync_ok (f);
  g_assert_cmpuint (report->n_failed, ==, 2);
  refused = get_feed (f, refused_id);
  g_assert_cmpstr (bantin_feed_get_last_error (refused), ==,
                   "Could not connect to 127.0.0.1: the connection was refused");
  g_assert_cmpint (bantin_feed_get_last_status (refused), ==, 0);
  unresolved = get_feed (f, unresolved_id);
  g_assert_cmpstr (bantin_feed_get_last_error (unresolved), ==,
                   "Could not resolve host bantin-test.invalid");
}

/* A certificate nobody vouches for is an error, always. */
static void
test_tls_untrusted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BantinTestServer) tls = bantin_test_server_new_tls ();
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = bantin_test_server_url (tls, "/sync/rss2.xml");
  g_autofree char *other = bantin_test_server_url (tls, "/sync/atom.xml");
  gint64 id;

  g_assert_true (g_str_has_prefix (url, "https://"));
  id = bantin_store_add_feed (f->store, url, NULL, NULL, &error);
  g_assert_no_error (error);

  report = sync_ok (f);
  g_assert_cmpuint (report->n_failed, ==, 1);
  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_last_error (feed), ==,
                   "The server’s TLS certificate is not trusted (unknown authority)");
  g_assert_cmpuint (count_articles (f, id), ==, 0);
  /* The handshake failed: no request was ever sent. */
  g_assert_cmpuint (bantin_test_server_get_request_count (tls, NULL), ==, 0);

  g_assert_cmpint (subscribe (f, other, &error), ==, 0);
  g_assert_error (error, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "The server’s TLS certificate is not trusted (unknown authority)");
}

static void
test_tls_messages (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "bad");
  g_autoptr(GUri) uri = g_uri_parse ("https://example.vn/rss", G_URI_FLAGS_NONE, NULL);
  g_autofree char *unknown = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *timeout = NULL;
  g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");

  unknown = _bantin_describe_network_error (error, uri, G_TLS_CERTIFICATE_UNKNOWN_CA, 30);
  g_assert_cmpstr (unknown, ==, "The server’s TLS certificate is not trusted (unknown authority)");
  identity = _bantin_describe_network_error (error, uri, G_TLS_CERTIFICATE_BAD_IDENTITY, 30);
  g_assert_cmpstr (identity, ==, "The server’s TLS certificate is not valid for example.vn");
  expired = _bantin_describe_network_error (error, uri, G_TLS_CERTIFICATE_EXPIRED, 30);
  g_assert_cmpstr (expired, ==, "The server’s TLS certificate has expired");
  timeout = _bantin_describe_network_error (timed_out, uri, 0, 30);
  g_assert_cmpstr (timeout, ==, "The server did not answer within 30 seconds");
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) silent = NULL;
  g_autoptr(BantinFeed) dripping = NULL;
  g_autoptr(BantinFeed) fine = NULL;
  gint64 silent_id = add_feed (f, "/silent");
  gint64 dripping_id = add_feed (f, "/dripping");
  gint64 fine_id = add_feed (f, "/sync/rss2.xml");
  gint64 start;
  gint64 elapsed;

  bantin_sync_engine_set_timeout (f->engine, 1);
  /* Says nothing for 3 s. */
  bantin_test_server_serve_file (f->server, "/silent", "sync/rss2.xml", NULL);
  bantin_test_server_set_delay (f->server, "/silent", 3000);
  /* Answers at once, then sends 16 bytes every 200 ms: never idle for a
   * second, but the whole feed would take 14 s. */
  bantin_test_server_serve_file (f->server, "/dripping", "sync/rss2.xml", NULL);
  bantin_test_server_set_trickle (f->server, "/dripping", 200);

  start = g_get_monotonic_time ();
  report = sync_ok (f);
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (report->n_failed, ==, 2);
  silent = get_feed (f, silent_id);
  g_assert_cmpstr (bantin_feed_get_last_error (silent), ==, "The server did not answer within 1 second");
  dripping = get_feed (f, dripping_id);
  g_assert_cmpstr (bantin_feed_get_last_error (dripping), ==, "The server did not send the feed within 4 seconds");
  fine = get_feed (f, fine_id);
  g_assert_null (bantin_feed_get_last_error (fine));
  g_assert_cmpuint (count_articles (f, fine_id), ==, 3);
  /* The total deadline (4 x 1 s, in whole seconds) ended it, not the 14 s. */
  g_assert_cmpint (elapsed, <, 7 * G_USEC_PER_SEC);
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autofree char *accept = NULL;
  gint64 id = add_feed (f, "/zipped");

  bantin_test_server_serve_file (f->server, "/zipped", "sync/rss2.xml", NULL);
  bantin_test_server_set_gzip (f->server, "/zipped", TRUE);
  report = sync_ok (f);
  g_assert_null (only_result (report)->error_message);
  accept = bantin_test_server_dup_request_header (f->server, "/zipped", "Accept-Encoding");
  g_assert_nonnull (strstr (accept, "gzip"));
  g_assert_cmpuint (count_articles (f, id), ==, 3);
  g_assert_true (has_article_titled (f, id, "Giáo dục vùng cao Mường La"));
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinFeed) chunked = NULL;
  g_autoptr(BantinFeed) sized = NULL;
  g_autoptr(BantinFeed) fits = NULL;
  g_autofree char *limit = g_format_size (64 * 1024);
  g_autofree char *expected = g_strdup_printf ("The feed is larger than %s", limit);
  gint64 chunked_id = add_feed (f, "/chunked");
  gint64 sized_id = add_feed (f, "/sized");
  gint64 fits_id = add_feed (f, "/fits");

  bantin_sync_engine_set_max_body_size (f->engine, 64 * 1024);
  bantin_test_server_serve_file (f->server, "/chunked", "sync/rss2.xml", NULL);
  bantin_test_server_serve_file (f->server, "/sized", "sync/atom.xml", NULL);
  bantin_test_server_serve_generated (f->server, "/fits", 60 * 1024, FALSE);
  first = sync_ok (f);
  g_assert_cmpuint (first->n_failed, ==, 0);
  g_assert_cmpuint (count_articles (f, chunked_id), ==, 3);

  /* 50 MB, with and without Content-Length: both stop at 64 kB. */
  bantin_test_server_serve_generated (f->server, "/chunked", 50 * 1000 * 1000, FALSE);
  bantin_test_server_serve_generated (f->server, "/sized", 50 * 1000 * 1000, TRUE);
  second = sync_ok (f);
  g_assert_cmpuint (second->n_failed, ==, 2);
  chunked = get_feed (f, chunked_id);
  g_assert_cmpstr (bantin_feed_get_last_error (chunked), ==, expected);
  g_assert_cmpuint (count_articles (f, chunked_id), ==, 3);
  sized = get_feed (f, sized_id);
  g_assert_cmpstr (bantin_feed_get_last_error (sized), ==, expected);
  fits = get_feed (f, fits_id);
  g_assert_null (bantin_feed_get_last_error (fits));
  g_assert_cmpuint (count_articles (f, fits_id), >, 100);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinSyncReport) third = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autoptr(BantinFeed) page = NULL;
  g_autofree char *inm = NULL;
  gint64 id = add_feed (f, "/feed");
  gint64 page_id = add_feed (f, "/sync/page-nofeed.html");

  bantin_test_server_serve_file (f->server, "/feed", "sync/rss2.xml", NULL);
  bantin_test_server_set_etag (f->server, "/feed", "\"good\"");
  first = sync_ok (f);
  g_assert_cmpuint (count_articles (f, id), ==, 3);

  bantin_test_server_serve_file (f->server, "/feed", "sync/malformed.xml", NULL);
  bantin_test_server_set_etag (f->server, "/feed", "\"broken\"");
  second = sync_ok (f);
  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_last_error (feed), ==,
                   "The feed is not well-formed XML: line 6: xmlParseEntityRef: no name");
  g_assert_cmpuint (count_articles (f, id), ==, 3);
  page = get_feed (f, page_id);
  g_assert_cmpstr (bantin_feed_get_last_error (page), ==, "Not a feed: the page has no RSS, Atom or JSON Feed");

  /* A broken version must not become the one we claim to have. */
  third = sync_ok (f);
  inm = bantin_test_server_dup_request_header (f->server, "/feed", "If-None-Match");
  g_assert_cmpstr (inm, ==, "\"good\"");
}

/* UTF-8 bytes that the server calls ISO-8859-1 (a common server default). */
static void
test_charset_mislabelled (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  gint64 id = add_feed (f, "/mislabelled");

  bantin_test_server_serve_file (f->server, "/mislabelled", "sync/mislabelled-utf8.xml",
                                 "application/rss+xml; charset=ISO-8859-1");
  report = sync_ok (f);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpuint (count_articles (f, id), ==, 3);

  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "Tin Chính phủ");
  g_assert_true (has_article_titled (f, id, "Đảng viên học tập nghị quyết"));
}

/* Windows-1258 with decomposed tone marks, labelled as such. */
static void
test_charset_windows_1258 (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  gint64 id = add_feed (f, "/cp1258");

  bantin_test_server_serve_file (f->server, "/cp1258", "sync/windows-1258.xml",
                                 "text/xml; charset=windows-1258");
  report = sync_ok (f);
  g_assert_cmpuint (report->n_failed, ==, 0);

  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "Tin Chính phủ");
  g_assert_true (has_article_titled (f, id, "Đảng viên học tập nghị quyết"));
  g_assert_true (has_article_titled (f, id, "Giáo dục vùng cao Mường La"));
  g_assert_true (has_article_titled (f, id, "Đà Nẵng đón khách quốc tế"));
}

static void
test_concurrency (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  guint n_feeds = 40;

  bantin_sync_engine_set_max_per_host (f->engine, 3);
  for (guint i = 0; i < n_feeds; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("/feed%u", i);
      g_autofree char *url = bantin_test_server_url_for_host (f->server, i % 2 ? "localhost" : "127.0.0.1", path);

      bantin_test_server_serve_file (f->server, path, i % 3 ? "sync/rss2.xml" : "sync/atom.xml", NULL);
      bantin_test_server_set_delay (f->server, path, 100);
      g_assert_cmpint (bantin_store_add_feed (f->store, url, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
    }

  report = sync_ok (f);
  g_assert_cmpuint (report->feeds->len, ==, n_feeds);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpuint (f->n_finished, ==, n_feeds);
  g_assert_cmpuint (f->n_finished_ok, ==, n_feeds);
  /* One "0 of 40" at the start, then one per feed. */
  g_assert_cmpuint (f->n_progress, ==, n_feeds + 1);
  g_assert_cmpuint (f->last_done, ==, n_feeds);
  g_assert_cmpuint (f->last_total, ==, n_feeds);
  /* (40 - 14) feeds of 3 items and 14 of 2, every guid per feed. */
  g_assert_cmpuint (report->new_articles, ==, 26 * 3 + 14 * 2);

  /* Feeds ran side by side, but never more than 3 on one host. */
  g_assert_cmpuint (bantin_test_server_get_max_concurrent (f->server, "127.0.0.1"), ==, 3);
  g_assert_cmpuint (bantin_test_server_get_max_concurrent (f->server, "localhost"), ==, 3);
  g_assert_cmpuint (bantin_test_server_get_max_concurrent (f->server, NULL), >=, 4);
  g_assert_cmpuint (bantin_test_server_get_max_concurrent (f->server, NULL), <=, 6);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinSyncReport) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow%u", i);

      add_feed (f, path);
      bantin_test_server_serve_file (f->server, path, "sync/rss2.xml", NULL);
      bantin_test_server_set_delay (f->server, path, 2000);
    }

  bantin_sync_engine_sync_async (f->engine, NULL, 0, cancellable, store_result_cb, &result);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  start = g_get_monotonic_time ();
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = bantin_sync_engine_sync_finish (f->engine, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (report);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_false (bantin_sync_engine_get_busy (f->engine));

  /* Nothing was written: no articles, no errors, not even "checked". */
  feeds = bantin_store_list_feeds (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 20);
  for (guint i = 0; i < feeds->len; i++)
    {
      BantinFeed *feed = g_ptr_array_index (feeds, i);

      g_assert_null (bantin_feed_get_last_error (feed));
      g_assert_cmpint (bantin_feed_get_last_status (feed), ==, 0);
      g_assert_cmpuint (count_articles (f, bantin_feed_get_id (feed)), ==, 0);
    }

  /* The engine is still usable. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow%u", i);

      bantin_test_server_set_delay (f->server, path, 0);
    }
  after = sync_ok (f);
  g_assert_cmpuint (after->n_failed, ==, 0);
  g_assert_cmpuint (after->new_articles, ==, 60);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinSyncReport) unknown = NULL;

  report = sync_ok (f);
  g_assert_cmpuint (report->feeds->len, ==, 0);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpuint (f->n_progress, ==, 1);
  g_assert_cmpuint (f->last_total, ==, 0);

  /* An id that is not (or no longer) a feed is no error. */
  unknown = sync_one (f, 4242);
  g_assert_cmpuint (unknown->feeds->len, ==, 0);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, NULL), ==, 0);
}

static void
test_subscribe_cancel (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autofree char *url = bantin_test_server_url (f->server, "/sync/rss2.xml");

  bantin_test_server_set_delay (f->server, "/sync/rss2.xml", 3000);
  bantin_sync_engine_subscribe_async (f->engine, url, NULL, cancellable, store_result_cb, &result);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (bantin_sync_engine_subscribe_finish (f->engine, result, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  feeds = bantin_store_list_feeds (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 0);
}

static void
test_subscribe_feed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autofree char *url = bantin_test_server_url (f->server, "/sync/rss2.xml");
  gint64 id;

  bantin_test_server_set_etag (f->server, "/sync/rss2.xml", "\"s1\"");
  id = subscribe (f, url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  feed = get_feed (f, id);
  g_assert_cmpstr (bantin_feed_get_url (feed), ==, url);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "Tin Chính phủ");
  g_assert_cmpuint (count_articles (f, id), ==, 3);
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, NULL), ==, 1);

  /* Subscribing stored the validators: the first sync is conditional. */
  {
    g_autoptr(BantinSyncReport) report = sync_ok (f);
    g_autofree char *inm = bantin_test_server_dup_request_header (f->server, "/sync/rss2.xml", "If-None-Match");

    g_assert_cmpstr (inm, ==, "\"s1\"");
    g_assert_cmpint (only_result (report)->http_status, ==, 304);
  }
}

static void
test_subscribe_discovery (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autofree char *page = bantin_test_server_url (f->server, "/sync/page.html");
  g_autofree char *atom = bantin_test_server_url (f->server, "/sync/atom.xml");
  g_autofree char *nofeed = bantin_test_server_url (f->server, "/sync/page-nofeed.html");
  g_autoptr(GPtrArray) feeds = NULL;
  gint64 id;

  id = subscribe (f, page, &error);
  g_assert_no_error (error);
  feed = get_feed (f, id);
  /* The page's first feed, not the page. */
  g_assert_cmpstr (bantin_feed_get_url (feed), ==, atom);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "Báo Nhân Dân (Atom)");
  g_assert_cmpuint (count_articles (f, id), ==, 2);
  g_assert_true (has_article_titled (f, id, "Phòng chống thiên tai"));

  /* A page without feeds. */
  g_assert_cmpint (subscribe (f, nofeed, &error), ==, 0);
  g_assert_error (error, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_NOT_A_FEED);
  g_assert_cmpstr (error->message, ==, "Not a feed: the page has no RSS, Atom or JSON Feed");
  g_clear_error (&error);

  feeds = bantin_store_list_feeds (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
}

static void
test_subscribe_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autofree char *url = bantin_test_server_url (f->server, "/sync/rss2.xml");
  g_autofree char *page = bantin_test_server_url (f->server, "/sync/page.html");
  g_autofree char *missing = bantin_test_server_url (f->server, "/missing.xml");
  g_autofree char *moved = bantin_test_server_url (f->server, "/moved");
  gint64 id;

  id = subscribe (f, url, &error);
  g_assert_no_error (error);

  /* Twice. */
  g_assert_cmpint (subscribe (f, url, &error), ==, 0);
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "You are already subscribed to this feed");
  g_clear_error (&error);

  /* Through an address that moved for good to it. */
  bantin_test_server_serve_redirect (f->server, "/moved", 301, "/sync/rss2.xml");
  g_assert_cmpint (subscribe (f, moved, &error), ==, 0);
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* A 404. */
  g_assert_cmpint (subscribe (f, missing, &error), ==, 0);
  g_assert_error (error, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "HTTP 404: Not Found");
  g_clear_error (&error);

  /* Not a web address at all. */
  g_assert_cmpint (subscribe (f, "ftp://example.vn/rss", &error), ==, 0);
  g_assert_error (error, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_FAILED);
  g_clear_error (&error);

  feeds = bantin_store_list_feeds (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
  g_assert_cmpint (bantin_feed_get_id (g_ptr_array_index (feeds, 0)), ==, id);

  /* Via a page that names it plus another feed: the first is taken. */
  {
    gint64 atom_id = subscribe (f, page, &error);

    g_assert_no_error (error);
    g_assert_cmpint (atom_id, !=, id);
    g_assert_cmpint (subscribe (f, page, &error), ==, 0);
    g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS);
  }
}

static const RedirectCase redirects[] = {
  { 301, TRUE },
  { 302, FALSE },
  { 307, FALSE },
  { 308, TRUE },
};

static const ErrorCase errors[] = {
  { 404, "HTTP 404: Not Found" },
  { 500, "HTTP 500: Internal Server Error" },
  { 403, "HTTP 403: Forbidden" },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/server/files", test_server_files);
  g_test_add_func ("/sync/server/conditional", test_server_conditional);
  g_test_add_func ("/sync/server/redirect-status-gzip", test_server_redirect_status_gzip);
  g_test_add_func ("/sync/server/generated", test_server_generated);
  g_test_add_func ("/sync/server/slow", test_server_slow);

  g_test_add_func ("/sync/parse-retry-after", test_retry_after_parse);
  g_test_add_func ("/sync/tls-messages", test_tls_messages);

#define ADD(path, func, data) \
  g_test_add ("/sync/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("conditional-get", test_conditional_get, NULL);
  ADD ("redirect/301", test_redirect, &redirects[0]);
  ADD ("redirect/302", test_redirect, &redirects[1]);
  ADD ("redirect/307", test_redirect, &redirects[2]);
  ADD ("redirect/308", test_redirect, &redirects[3]);
  ADD ("redirect/chain", test_redirect_chain, NULL);
  ADD ("redirect/loop", test_redirect_loop, NULL);
  ADD ("error/404", test_http_error, &errors[0]);
  ADD ("error/500", test_http_error, &errors[1]);
  ADD ("error/403", test_http_error, &errors[2]);
  ADD ("error/network", test_network_errors, NULL);
  ADD ("error/tls", test_tls_untrusted, NULL);
  ADD ("gone", test_gone, NULL);
  ADD ("retry-after", test_retry_after, NULL);
  ADD ("timeout", test_timeout, NULL);
  ADD ("gzip", test_gzip, NULL);
  ADD ("too-large", test_too_large, NULL);
  ADD ("malformed", test_malformed, NULL);
  ADD ("charset/mislabelled", test_charset_mislabelled, NULL);
  ADD ("charset/windows-1258", test_charset_windows_1258, NULL);
  ADD ("concurrency", test_concurrency, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("empty", test_empty, NULL);
  ADD ("subscribe/feed", test_subscribe_feed, NULL);
  ADD ("subscribe/cancel", test_subscribe_cancel, NULL);
  ADD ("subscribe/discovery", test_subscribe_discovery, NULL);
  ADD ("subscribe/errors", test_subscribe_errors, NULL);

#undef ADD

  return g_test_run ();
}
