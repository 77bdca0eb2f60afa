/* test-hostile.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Servers and documents that mean harm, or are merely broken, against the
 * real sync engine and a real SQLite file. Every case follows one pattern:
 * the feed is first synced from a good document, so it has articles; then
 * the server turns hostile; the sync must end in bounded time and memory
 * with a clear per-feed error or a correct result, and every article the
 * feed had must still be there. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bantin-core.h"
#include "bantin-test-server.h"

#define GOOD_FEED "sync/rss2.xml"
#define GOOD_COUNT 3

typedef struct
{
  BantinTestServer *server;
  char             *db_path;
  BantinSyncEngine *engine;
  BantinStore      *store;     /* A reader's connection, for the asserts. */
} Fixture;

/* A snapshot of what a feed had: "guid\ntitle" strings. */
typedef struct
{
  gint64     feed_id;
  GPtrArray *articles;
} Kept;

static void
kept_free (Kept *kept)
{
  g_ptr_array_unref (kept->articles);
  g_free (kept);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Kept, kept_free)

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
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_false (bantin_sync_engine_get_busy (f->engine));
  g_object_add_weak_pointer (G_OBJECT (f->engine), (gpointer *) &f->engine);
  g_object_unref (f->engine);
  while (f->engine != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (f->engine);
  g_clear_object (&f->store);
  g_clear_pointer (&f->server, bantin_test_server_free);
  g_unlink (f->db_path);
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
sync_feeds (Fixture      *f,
            const gint64 *ids,
            guint         n_ids)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BantinSyncReport *report;

  bantin_sync_engine_sync_async (f->engine, ids, n_ids, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  report = bantin_sync_engine_sync_finish (f->engine, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->feeds->len, ==, n_ids);
  return report;
}

static BantinFeedResult *
result_for (BantinSyncReport *report,
            gint64            feed_id)
{
  for (guint i = 0; i < report->feeds->len; i++)
    {
      BantinFeedResult *result = g_ptr_array_index (report->feeds, i);

      if (result->feed_id == feed_id)
        return result;
    }

  g_assert_not_reached ();
  return NULL;
}

static GArray *
article_ids (Fixture *f,
             gint64   feed_id)
{
  g_autoptr(GError) error = NULL;
  BantinArticleQuery query = { 0, };
  GArray *ids;

  query.feed_id = feed_id;
  ids = bantin_store_query_ids (f->store, &query, &error);
  g_assert_no_error (error);
  return ids;
}

static guint
count_articles (Fixture *f,
                gint64   feed_id)
{
  g_autoptr(GArray) ids = article_ids (f, feed_id);

  return ids->len;
}

static GPtrArray *
list_articles (Fixture *f,
               gint64   feed_id)
{
  g_autoptr(GArray) ids = article_ids (f, feed_id);
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BantinArticle) article = NULL;

      article = bantin_store_get_article (f->store, g_array_index (ids, gint64, i), TRUE, &error);
      g_assert_no_error (error);
      g_ptr_array_add (articles, g_strdup_printf ("%s\n%s", bantin_article_get_guid (article),
                                                  bantin_article_get_title (article)));
    }

  return articles;
}

/* Subscribes to @path, served the good feed, syncs it, and remembers what
 * the feed then has. */
static Kept *
prime (Fixture    *f,
       const char *path)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = bantin_test_server_url (f->server, path);
  Kept *kept = g_new0 (Kept, 1);

  kept->feed_id = bantin_store_add_feed (f->store, url, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept->feed_id, >, 0);

  bantin_test_server_serve_file (f->server, path, GOOD_FEED, NULL);
  report = sync_feeds (f, &kept->feed_id, 1);
  g_assert_null (result_for (report, kept->feed_id)->error_message);
  kept->articles = list_articles (f, kept->feed_id);
  g_assert_cmpuint (kept->articles->len, ==, GOOD_COUNT);

  return kept;
}

/* Every article the feed had is still there, guid and title alike. */
static void
assert_kept (Fixture *f,
             Kept    *kept)
{
  g_autoptr(GPtrArray) now = list_articles (f, kept->feed_id);

  for (guint i = 0; i < kept->articles->len; i++)
    {
      const char *before = g_ptr_array_index (kept->articles, i);

      if (!g_ptr_array_find_with_equal_func (now, before, g_str_equal, NULL))
        g_error ("Feed %" G_GINT64_FORMAT " lost its article %s", kept->feed_id, before);
    }
}

static char *
feed_error (Fixture *f,
            gint64   feed_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinFeed) feed = bantin_store_get_feed (f->store, feed_id, &error);

  g_assert_no_error (error);
  return g_strdup (bantin_feed_get_last_error (feed));
}

/* Peak memory of this process in kB, and a way to start measuring anew:
 * writing 5 to clear_refs sets the peak back to the current RSS. */
static gsize
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return (gsize) g_ascii_strtoull (line + strlen (field) + 1, NULL, 10);
}

static gboolean
reset_peak_memory (void)
{
  FILE *clear_refs = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (clear_refs == NULL)
    return FALSE;
  ok = fputs ("5", clear_refs) >= 0;
  ok = fclose (clear_refs) == 0 && ok;
  return ok;
}

static gboolean
under_valgrind (void)
{
  /* Valgrind's own memory shows in VmHWM, and it runs 20-50x slower. */
  return g_getenv ("LD_PRELOAD") != NULL && strstr (g_getenv ("LD_PRELOAD"), "valgrind") != NULL;
}

static gboolean
with_sanitizer (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
  return TRUE;
# else
  return FALSE;
# endif
#else
  return FALSE;
#endif
}

static void
serve_rss (Fixture    *f,
           const char *path,
           GString    *doc)
{
  bantin_test_server_serve_bytes (f->server, path, 200, "application/rss+xml", doc->str, doc->len);
}

/* Slow servers: one byte a second, headers that never end, a body that
 * stops half-way on a connection that stays open. The I/O timeout catches
 * silence, the total deadline (4 x the timeout) catches dripping. */
static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Kept) drip = prime (f, "/drip");
  g_autoptr(Kept) headers = prime (f, "/headers");
  g_autoptr(Kept) stalled = prime (f, "/stalled");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autofree char *drip_error = NULL;
  g_autofree char *headers_error = NULL;
  g_autofree char *stalled_error = NULL;
  gint64 ids[3] = { drip->feed_id, headers->feed_id, stalled->feed_id };
  gint64 start;
  gint64 elapsed;

  bantin_sync_engine_set_timeout (f->engine, 2);
  bantin_test_server_set_trickle (f->server, "/drip", 1000);
  bantin_test_server_set_trickle_piece (f->server, "/drip", 1);
  bantin_test_server_serve_raw (f->server, "/headers",
                                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n", -1, TRUE);
  bantin_test_server_serve_raw (f->server, "/stalled",
                                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                                "Content-Length: 5000\r\n\r\n<?xml version=\"1.0\"?><rss><chan", -1, TRUE);

  start = g_get_monotonic_time ();
  report = sync_feeds (f, ids, G_N_ELEMENTS (ids));
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (report->n_failed, ==, 3);
  drip_error = feed_error (f, drip->feed_id);
  g_assert_cmpstr (drip_error, ==, "The server did not send the feed within 8 seconds");
  headers_error = feed_error (f, headers->feed_id);
  g_assert_cmpstr (headers_error, ==, "The server did not answer within 2 seconds");
  stalled_error = feed_error (f, stalled->feed_id);
  g_assert_cmpstr (stalled_error, ==, "The server did not answer within 2 seconds");
  /* The drip would take half an hour; the deadline is 8 s. */
  g_assert_cmpint (elapsed, <, 11 * G_USEC_PER_SEC);
  g_test_message ("Slow servers ended after %.1f s", elapsed / (double) G_USEC_PER_SEC);

  assert_kept (f, drip);
  assert_kept (f, headers);
  assert_kept (f, stalled);
}

/* A body that never ends, at full speed: the body cap ends it (the default
 * one, 32 MB), without the whole of it ever being held. */
static void
test_endless_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Kept) chunked = prime (f, "/endless");
  g_autoptr(Kept) sized = prime (f, "/endless-sized");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autofree char *chunked_error = NULL;
  g_autofree char *sized_error = NULL;
  g_autofree char *cap = g_format_size (32 * 1024 * 1024);
  g_autofree char *expected = g_strdup_printf ("The feed is larger than %s", cap);
  gint64 ids[2] = { chunked->feed_id, sized->feed_id };
  gint64 start;

  /* 2^60 bytes: "never ends" for any practical purpose. */
  bantin_test_server_serve_generated (f->server, "/endless", (gsize) 1 << 60, FALSE);
  bantin_test_server_serve_generated (f->server, "/endless-sized", (gsize) 1 << 60, TRUE);

  start = g_get_monotonic_time ();
  report = sync_feeds (f, ids, G_N_ELEMENTS (ids));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);

  g_assert_cmpuint (report->n_failed, ==, 2);
  chunked_error = feed_error (f, chunked->feed_id);
  g_assert_cmpstr (chunked_error, ==, expected);
  sized_error = feed_error (f, sized->feed_id);
  g_assert_cmpstr (sized_error, ==, expected);
  assert_kept (f, chunked);
  assert_kept (f, sized);
}

/* A Content-Length that lies, both ways. Longer than the body, then the
 * connection closes: the feed is incomplete and nothing of it is stored,
 * even though the bytes that came are a whole document. Shorter than the
 * body: HTTP says the body ends there, so what follows is garbage on the
 * connection, which must not become the next feed's response. */
static void
test_content_length (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Kept) longer = prime (f, "/longer");
  g_autoptr(Kept) shorter = prime (f, "/shorter");
  g_autoptr(Kept) after = prime (f, "/after");
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(GString) response = g_string_new (NULL);
  g_autofree char *longer_error = NULL;
  g_autofree char *expected = NULL;
  gint64 ids[2] = { longer->feed_id, shorter->feed_id };

  g_string_append (doc,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<rss version=\"2.0\"><channel><title>Lies</title>"
                   "<item><title>Incomplete one</title><guid>lie-1</guid></item>"
                   "<item><title>Incomplete two</title><guid>lie-2</guid></item>"
                   "</channel></rss>\n");

  g_string_printf (response, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                   "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                   doc->len + 1000, doc->str);
  bantin_test_server_serve_raw (f->server, "/longer", response->str, response->len, FALSE);

  /* Declares only the document, then sends a response of its own. */
  g_string_printf (response, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                   "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s"
                   "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 140\r\n\r\n"
                   "<rss version=\"2.0\"><channel><title>Smuggled</title><item><title>Smuggled"
                   "</title><guid>smuggled</guid></item></channel></rss>",
                   doc->len, doc->str);
  bantin_test_server_serve_raw (f->server, "/shorter", response->str, response->len, TRUE);

  first = sync_feeds (f, ids, G_N_ELEMENTS (ids));
  longer_error = feed_error (f, longer->feed_id);
  expected = g_strdup_printf ("The connection to 127.0.0.1 was closed before the feed was complete");
  g_assert_cmpstr (longer_error, ==, expected);
  g_assert_cmpuint (count_articles (f, longer->feed_id), ==, GOOD_COUNT);
  assert_kept (f, longer);

  /* The declared length is the body: it parses, and is correct. */
  g_assert_null (result_for (first, shorter->feed_id)->error_message);
  g_assert_cmpuint (result_for (first, shorter->feed_id)->new_articles, ==, 2);
  assert_kept (f, shorter);

  /* The next requests on this server must get their own responses. */
  second = sync_feeds (f, &after->feed_id, 1);
  g_assert_null (result_for (second, after->feed_id)->error_message);
  assert_kept (f, after);
  g_assert_cmpuint (count_articles (f, after->feed_id), ==, GOOD_COUNT);
}

/* gzip that stops half-way, and bytes that only claim to be gzip. */
static void
test_bad_gzip (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Kept) truncated = prime (f, "/truncated");
  g_autoptr(Kept) fake = prime (f, "/fake");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autofree char *truncated_error = NULL;
  g_autofree char *fake_error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sync", "rss2-more.xml", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  guint8 out[64 * 1024];
  gsize read;
  gsize written;
  gint64 ids[2] = { truncated->feed_id, fake->feed_id };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), contents, len, out, sizeof out,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, &error),
                   ==, G_CONVERTER_FINISHED);
  g_assert_no_error (error);
  g_assert_cmpuint (written, >, 100);

  bantin_test_server_serve_bytes (f->server, "/truncated", 200, "application/rss+xml", out, written / 2);
  bantin_test_server_set_header (f->server, "/truncated", "Content-Encoding", "gzip");
  bantin_test_server_serve_bytes (f->server, "/fake", 200, "application/rss+xml",
                                  "\x1f\x8b this is not deflate data at all", -1);
  bantin_test_server_set_header (f->server, "/fake", "Content-Encoding", "gzip");

  report = sync_feeds (f, ids, G_N_ELEMENTS (ids));
  g_assert_cmpuint (report->n_failed, ==, 2);
  /* Half a gzip stream is half a feed, not a feed: nothing of it is kept
   * (libsoup's own decoder would take it for the whole). */
  truncated_error = feed_error (f, truncated->feed_id);
  g_assert_cmpstr (truncated_error, ==, "The connection to 127.0.0.1 was closed before the feed was complete");
  fake_error = feed_error (f, fake->feed_id);
  g_assert_cmpstr (fake_error, ==, "The server sent damaged compressed data");
  g_assert_cmpuint (count_articles (f, truncated->feed_id), ==, GOOD_COUNT);
  assert_kept (f, truncated);
  assert_kept (f, fake);
}

static void
test_redirect_chain (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Kept) kept = prime (f, "/hop0");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *url = bantin_test_server_url (f->server, "/hop0");

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *from = g_strdup_printf ("/hop%u", i);
      g_autofree char *to = g_strdup_printf ("/hop%u", i + 1);

      bantin_test_server_serve_redirect (f->server, from, 301, to);
    }
  bantin_test_server_serve_file (f->server, "/hop30", GOOD_FEED, NULL);
  bantin_test_server_reset_counts (f->server);

  report = sync_feeds (f, &kept->feed_id, 1);
  message = feed_error (f, kept->feed_id);
  g_assert_cmpstr (message, ==, "Too many redirects");
  /* Ten redirects followed, then it stops. */
  g_assert_cmpuint (bantin_test_server_get_request_count (f->server, NULL), ==, 11);
  /* A chain that fails moves nothing. */
  feed = bantin_store_get_feed (f->store, kept->feed_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bantin_feed_get_url (feed), ==, url);
  assert_kept (f, kept);
}

/* The feed moves (301) to a server whose certificate nobody vouches for. */
static void
test_tls_unknown_ca (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BantinTestServer) tls = bantin_test_server_new_tls ();
  g_autoptr(Kept) kept = prime (f, "/moving");
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *target = bantin_test_server_url (tls, "/" GOOD_FEED);
  g_autofree char *url = bantin_test_server_url (f->server, "/moving");

  bantin_test_server_serve_redirect (f->server, "/moving", 301, target);
  first = sync_feeds (f, &kept->feed_id, 1);
  message = feed_error (f, kept->feed_id);
  g_assert_cmpstr (message, ==, "The server’s TLS certificate is not trusted (unknown authority)");
  g_assert_cmpuint (bantin_test_server_get_request_count (tls, NULL), ==, 0);
  assert_kept (f, kept);

  /* The subscription stays where it worked, so it works again once the
   * redirect is gone. */
  feed = bantin_store_get_feed (f->store, kept->feed_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bantin_feed_get_url (feed), ==, url);
  bantin_test_server_serve_file (f->server, "/moving", GOOD_FEED, NULL);
  second = sync_feeds (f, &kept->feed_id, 1);
  g_assert_null (result_for (second, kept->feed_id)->error_message);
}

/* 100,000 items: all stored, in memory that does not grow with the feed
 * beyond the document itself and its parsed form. */
static void
test_many_items (Fixture       *f,
                 gconstpointer  data)
{
  /* Sanitizers and valgrind make every allocation many times dearer; the
   * full size runs in the plain builds. */
  guint n_items = under_valgrind () || with_sanitizer () ? 10000 : 100000;
  g_autoptr(Kept) kept = prime (f, "/many");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GString) doc = g_string_new (NULL);
  gsize rss_before;
  gsize peak;
  gint64 start;
  double seconds;

  g_string_append (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<rss version=\"2.0\"><channel><title>Nhiều tin</title>\n");
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (doc,
                            "<item><title>Tin số %u về giáo dục</title><guid>many-%u</guid>"
                            "<pubDate>Mon, %02u Jul 2018 %02u:%02u:00 +0700</pubDate>"
                            "<description>Nội dung của tin %u.</description></item>\n",
                            i, i, 1 + i % 28, i / 60 % 24, i % 60, i);
  g_string_append (doc, "</channel></rss>\n");
  serve_rss (f, "/many", doc);
  g_test_message ("Document of %u items: %" G_GSIZE_FORMAT " bytes", n_items, doc->len);

  rss_before = read_status_kb ("VmRSS:");
  if (!reset_peak_memory ())
    g_test_message ("Cannot reset the peak memory; measuring from the start");

  start = g_get_monotonic_time ();
  report = sync_feeds (f, &kept->feed_id, 1);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  peak = read_status_kb ("VmHWM:");

  g_assert_null (result_for (report, kept->feed_id)->error_message);
  g_assert_cmpuint (result_for (report, kept->feed_id)->new_articles, ==, n_items);
  g_assert_cmpuint (count_articles (f, kept->feed_id), ==, n_items + GOOD_COUNT);
  assert_kept (f, kept);

  g_test_message ("%u items synced in %.1f s; RSS %" G_GSIZE_FORMAT " kB before, peak %"
                  G_GSIZE_FORMAT " kB (+%" G_GSIZE_FORMAT " kB) for a %" G_GSIZE_FORMAT " kB document",
                  n_items, seconds, rss_before, peak, peak - rss_before, doc->len / 1024);

  /* The bound: the test server's copy and the engine's copy of the
   * document (2 x 17 MB), libxml2's tree of it (about 10x the text of the
   * items), the parsed and prepared items, SQLite's 16 MB page cache, and
   * slack for malloc's arenas. 400 MB is generous for that and far below
   * what holding several copies of the parse would cost; the figure
   * measured is in HACKING.md. Sanitizers and valgrind keep freed memory
   * in quarantine, so the bound only holds in a plain build. */
  if (!with_sanitizer () && !under_valgrind ())
    g_assert_cmpuint (peak - rss_before, <, 400 * 1024);
}

/* A 10 MB title: cut to a bounded size, stored, the feed still works. */
static void
test_huge_title (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Kept) kept = prime (f, "/huge-title");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gsize longest = 0;

  g_string_append (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<rss version=\"2.0\"><channel><title>Tiêu đề dài</title>"
                        "<item><guid>huge</guid><title>");
  while (doc->len < 10 * 1000 * 1000)
    g_string_append (doc, "Tiêu đề rất dài ");
  g_string_append (doc, "</title><description>Ngắn.</description></item></channel></rss>\n");
  serve_rss (f, "/huge-title", doc);

  report = sync_feeds (f, &kept->feed_id, 1);
  g_assert_null (result_for (report, kept->feed_id)->error_message);
  g_assert_cmpuint (count_articles (f, kept->feed_id), ==, GOOD_COUNT + 1);
  assert_kept (f, kept);

  ids = article_ids (f, kept->feed_id);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(BantinArticle) article = bantin_store_get_article (f->store, g_array_index (ids, gint64, i),
                                                                   FALSE, &error);
      const char *title;

      g_assert_no_error (error);
      title = bantin_article_get_title (article);
      g_assert_true (g_utf8_validate (title, -1, NULL));
      longest = MAX (longest, strlen (title));
    }
  /* A title is a line in a list, not a book. */
  g_assert_cmpuint (longest, >, 100);
  g_assert_cmpuint (longest, <=, 4096);
}

/* Nesting 100,000 deep: in the XML itself, in the HTML of an item (which
 * the sanitizer walks), and in a JSON feed. */
static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Kept) xml = prime (f, "/deep-xml");
  g_autoptr(Kept) html = prime (f, "/deep-html");
  g_autoptr(Kept) json = prime (f, "/deep-json");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autofree char *xml_error = NULL;
  gint64 ids[3] = { xml->feed_id, html->feed_id, json->feed_id };
  const guint depth = 100000;

  g_string_append (doc, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Deep</title>"
                        "<item><guid>deep-xml</guid><title>");
  for (guint i = 0; i < depth; i++)
    g_string_append (doc, "<b>");
  for (guint i = 0; i < depth; i++)
    g_string_append (doc, "</b>");
  g_string_append (doc, "</title></item></channel></rss>\n");
  serve_rss (f, "/deep-xml", doc);

  g_string_assign (doc, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Deep</title>"
                        "<item><guid>deep-html</guid><title>Sâu</title><description><![CDATA[");
  for (guint i = 0; i < depth; i++)
    g_string_append (doc, "<div><span>");
  g_string_append (doc, "đáy");
  g_string_append (doc, "]]></description></item></channel></rss>\n");
  serve_rss (f, "/deep-html", doc);

  g_string_assign (doc, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Deep\", "
                        "\"items\": [{\"id\": \"deep-json\", \"title\": \"Sâu\", \"_x\": ");
  for (guint i = 0; i < depth; i++)
    g_string_append (doc, "[{\"a\":");
  g_string_append (doc, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append (doc, "}]");
  g_string_append (doc, "}]}");
  bantin_test_server_serve_bytes (f->server, "/deep-json", 200, "application/feed+json", doc->str, doc->len);

  report = sync_feeds (f, ids, G_N_ELEMENTS (ids));

  /* libxml2 refuses documents deeper than 256 (no XML_PARSE_HUGE). */
  xml_error = feed_error (f, xml->feed_id);
  g_assert_cmpstr (xml_error, ==, "The feed is not well-formed XML: line 2: "
                   "Excessive depth in document: 256 use XML_PARSE_HUGE option");
  /* HTML in an item is the feed's business: it is stored, sanitized. */
  g_assert_null (result_for (report, html->feed_id)->error_message);
  g_assert_cmpuint (count_articles (f, html->feed_id), ==, GOOD_COUNT + 1);
  {
    g_autoptr(GArray) html_ids = article_ids (f, html->feed_id);

    for (guint i = 0; i < html_ids->len; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(BantinArticle) article = NULL;
        const char *content;
        guint opened = 0;

        article = bantin_store_get_article (f->store, g_array_index (html_ids, gint64, i), TRUE, &error);
        g_assert_no_error (error);
        if (g_strcmp0 (bantin_article_get_guid (article), "deep-html") != 0)
          continue;
        content = bantin_article_get_content (article);
        for (const char *p = content; p != NULL && (p = strstr (p, "<div")) != NULL; p++)
          opened++;
        g_test_message ("Deep HTML stored as %" G_GSIZE_FORMAT " bytes with %u <div>",
                        content != NULL ? strlen (content) : 0, opened);
        /* The sanitizer keeps a bounded depth, so the window never
         * recurses 100,000 deep either. */
        g_assert_nonnull (content);
        g_assert_cmpuint (opened, >, 0);
        g_assert_cmpuint (opened, <, 300);
      }
  }
  g_assert_cmpstr (result_for (report, json->feed_id)->error_message, ==,
                   "The feed could not be read: Invalid JSON: the document is nested too deeply");
  assert_kept (f, xml);
  assert_kept (f, html);
  assert_kept (f, json);
}

/* Bytes that are not UTF-8, and NUL bytes, in XML and in JSON: stored
 * as valid UTF-8 without them, or refused. */
static void
test_bad_bytes (Fixture       *f,
                gconstpointer  data)
{
  static const char xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Bytes</title>"
    "<item><guid>bytes-1</guid><title>Bad \xff\xfe bytes \xc0\x80 overlong \xed\xa0\x80 surrogate</title>"
    "<description>Cut \xe1\xba</description></item>"
    "<item><guid>bytes-2</guid><title>Nul\0inside</title><description>a\0b</description></item>"
    "</channel></rss>\n";
  static const char json[] =
    "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Bytes \xff\", \"items\": ["
    "{\"id\": \"bytes-json-1\", \"title\": \"Nul \\u0000 escaped\", \"content_text\": \"x\\u0000y\"},"
    "{\"id\": \"bytes-json-2\", \"title\": \"Raw \xc3\x28 bad\", \"content_html\": \"<p>\xf8\x88\x80\x80\x80</p>\"}"
    "]}";
  g_autoptr(Kept) kept_xml = prime (f, "/bytes-xml");
  g_autoptr(Kept) kept_json = prime (f, "/bytes-json");
  g_autoptr(BantinSyncReport) report = NULL;
  gint64 ids[2] = { kept_xml->feed_id, kept_json->feed_id };

  bantin_test_server_serve_bytes (f->server, "/bytes-xml", 200, "application/rss+xml", xml, sizeof xml - 1);
  bantin_test_server_serve_bytes (f->server, "/bytes-json", 200, "application/feed+json", json, sizeof json - 1);
  report = sync_feeds (f, ids, G_N_ELEMENTS (ids));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GArray) article_list = article_ids (f, ids[i]);
      BantinFeedResult *result = result_for (report, ids[i]);

      g_test_message ("Feed %u: %s, %u new", i,
                      result->error_message != NULL ? result->error_message : "ok",
                      result->new_articles);
      for (guint j = 0; j < article_list->len; j++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(BantinArticle) article = NULL;

          article = bantin_store_get_article (f->store, g_array_index (article_list, gint64, j), TRUE, &error);
          g_assert_no_error (error);
          g_assert_true (g_utf8_validate (bantin_article_get_title (article), -1, NULL));
          g_assert_true (bantin_article_get_content (article) == NULL ||
                         g_utf8_validate (bantin_article_get_content (article), -1, NULL));
          g_assert_true (bantin_article_get_summary (article) == NULL ||
                         g_utf8_validate (bantin_article_get_summary (article), -1, NULL));
        }
    }
  assert_kept (f, kept_xml);
  assert_kept (f, kept_json);
}

/* JSON Feeds of the wrong shape: no crash, no garbage, nothing lost. */
static const char * const wrong_json[] = {
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"A\", \"items\": {\"id\": \"x\"}}",
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"A\", \"items\": \"none\"}",
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": 42, \"items\": [1, \"two\", [3], true]}",
  ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": [\"A\"], \"items\": "
   "[{\"id\": 7, \"title\": 8, \"url\": 9, \"content_html\": 10, \"date_published\": 11, "
   "\"authors\": 12, \"tags\": 13, \"attachments\": 14, \"image\": {}}]}"),
  ("{\"version\": \"https://jsonfeed.org/version/1\", \"title\": null, \"home_page_url\": null, "
   "\"feed_url\": null, \"author\": null, \"items\": [null, "
   "{\"id\": null, \"title\": null, \"url\": null, \"content_html\": null, \"content_text\": null, "
   "\"summary\": null, \"image\": null, \"date_published\": null, \"date_modified\": null, "
   "\"author\": null, \"authors\": [null], \"tags\": [null], "
   "\"attachments\": [null, {\"url\": null, \"mime_type\": null}]}]}"),
  "{\"version\": null, \"title\": null, \"items\": null}",
  ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": 1e999, \"title\": -0.0, "
   "\"date_published\": \"9999999-99-99T99:99:99Z\", \"tags\": [{}, []], \"authors\": [{\"name\": {}}]}]}"),
  "[1, 2, 3]",
  "null",
  "\"items\"",
  "{\"items\": [{\"id\": \"only-id\"}]",
};

static void
test_wrong_json (Fixture       *f,
                 gconstpointer  data)
{
  GPtrArray *kept_list = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(BantinSyncReport) report = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (wrong_json); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-%u", i);
      Kept *kept = prime (f, path);

      g_ptr_array_add (kept_list, kept);
      g_array_append_val (ids, kept->feed_id);
      bantin_test_server_serve_bytes (f->server, path, 200, "application/feed+json", wrong_json[i], -1);
    }

  report = sync_feeds (f, &g_array_index (ids, gint64, 0), ids->len);
  for (guint i = 0; i < kept_list->len; i++)
    {
      Kept *kept = g_ptr_array_index (kept_list, i);
      BantinFeedResult *result = result_for (report, kept->feed_id);

      g_test_message ("JSON %u: %s, %u new", i,
                      result->error_message != NULL ? result->error_message : "ok",
                      result->new_articles);
      /* At most the one item with an id is taken. */
      g_assert_cmpuint (result->new_articles, <=, 1);
      assert_kept (f, kept);
    }
  g_ptr_array_unref (kept_list);
}

/* Entities: a billion laughs must not expand, and external entities must
 * never be read, so no file of this computer can end up stored. */
static void
test_entities (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Kept) laughs = prime (f, "/laughs");
  g_autoptr(Kept) external = prime (f, "/external");
  g_autoptr(Kept) parameter = prime (f, "/parameter");
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autofree char *passwd = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 ids[3] = { laughs->feed_id, external->feed_id, parameter->feed_id };
  gint64 start;

  g_string_append (doc, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
  g_string_append (doc, "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
  for (guint i = 2; i <= 9; i++)
    {
      g_string_append_printf (doc, "<!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (doc, "&lol%u;", i - 1);
      g_string_append (doc, "\">\n");
    }
  g_string_append (doc, "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>"
                        "<item><guid>laughs</guid><title>&lol9;</title><description>&lol9;</description>"
                        "</item></channel></rss>\n");
  serve_rss (f, "/laughs", doc);

  g_string_assign (doc, "<?xml version=\"1.0\"?>\n"
                        "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                        "<rss version=\"2.0\"><channel><title>&xxe;</title>"
                        "<item><guid>external</guid><title>Lộ &xxe;</title>"
                        "<description>&xxe;</description></item></channel></rss>\n");
  serve_rss (f, "/external", doc);

  g_string_assign (doc, "<?xml version=\"1.0\"?>\n"
                        "<!DOCTYPE rss [<!ENTITY % file SYSTEM \"file:///etc/passwd\">"
                        "<!ENTITY % dtd SYSTEM \"file:///etc/passwd\"> %dtd; %file;]>\n"
                        "<rss version=\"2.0\"><channel><title>P</title>"
                        "<item><guid>parameter</guid><title>Tham số</title>"
                        "<description>x</description></item></channel></rss>\n");
  serve_rss (f, "/parameter", doc);

  start = g_get_monotonic_time ();
  report = sync_feeds (f, ids, G_N_ELEMENTS (ids));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  g_assert_true (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL));
  lines = g_strsplit (passwd, "\n", -1);
  g_assert_nonnull (lines[0]);
  g_assert_cmpuint (strlen (lines[0]), >, 5);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GArray) article_list = article_ids (f, ids[i]);
      BantinFeedResult *result = result_for (report, ids[i]);

      g_test_message ("Entities %u: %s, %u new", i,
                      result->error_message != NULL ? result->error_message : "ok",
                      result->new_articles);
      for (guint j = 0; j < article_list->len; j++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(BantinArticle) article = NULL;
          const char *fields[3];

          article = bantin_store_get_article (f->store, g_array_index (article_list, gint64, j), TRUE, &error);
          g_assert_no_error (error);
          fields[0] = bantin_article_get_title (article);
          fields[1] = bantin_article_get_content (article);
          fields[2] = bantin_article_get_summary (article);
          for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
            {
              if (fields[k] == NULL)
                continue;
              g_assert_null (strstr (fields[k], lines[0]));
              g_assert_null (strstr (fields[k], "root:"));
              /* No laugh was expanded into anything big. */
              g_assert_cmpuint (strlen (fields[k]), <, 64 * 1024);
            }
        }
    }
  assert_kept (f, laughs);
  assert_kept (f, external);
  assert_kept (f, parameter);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/hostile/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("slow", test_slow);
  ADD ("endless-body", test_endless_body);
  ADD ("content-length", test_content_length);
  ADD ("bad-gzip", test_bad_gzip);
  ADD ("redirect-chain", test_redirect_chain);
  ADD ("tls-unknown-ca", test_tls_unknown_ca);
  ADD ("many-items", test_many_items);
  ADD ("huge-title", test_huge_title);
  ADD ("deep-nesting", test_deep_nesting);
  ADD ("bad-bytes", test_bad_bytes);
  ADD ("wrong-json", test_wrong_json);
  ADD ("entities", test_entities);

#undef ADD

  return g_test_run ();
}
