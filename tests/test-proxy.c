/* test-proxy.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bantin-core.h"
#include "bantin-proxy.h"
#include "bantin-test-server.h"

/* A host name that cannot resolve: a fetch of it only succeeds when the
 * request goes to the proxy, which answers for any host. */
#define FAR_HOST "bantin-news.invalid"

static void
assert_lookup (GProxyResolver *resolver,
               const char     *uri,
               const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = g_proxy_resolver_lookup (resolver, uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (proxies);
  g_assert_cmpstr (proxies[0], ==, expected);
}

static void
test_resolver (void)
{
  g_autoptr(GProxyResolver) http = NULL;
  g_autoptr(GProxyResolver) socks = NULL;
  g_autoptr(GProxyResolver) none = NULL;
  g_autoptr(GProxyResolver) system = NULL;
  g_autoptr(GProxyResolver) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  http = bantin_proxy_resolver_new ("http", " proxy.so.gov.vn ", 3128, "cán bộ", "p@ss:1", &error);
  g_assert_no_error (error);
  /* The user name and password are escaped into the URI. */
  assert_lookup (http, "http://" FAR_HOST "/rss", "http://c%C3%A1n%20b%E1%BB%99:p%40ss%3A1@proxy.so.gov.vn:3128");
  assert_lookup (http, "https://" FAR_HOST "/rss", "http://c%C3%A1n%20b%E1%BB%99:p%40ss%3A1@proxy.so.gov.vn:3128");
  /* Loopback never goes through it. */
  assert_lookup (http, "http://127.0.0.1:8080/rss", "direct://");
  assert_lookup (http, "http://localhost/rss", "direct://");

  socks = bantin_proxy_resolver_new ("socks", "10.0.0.1", 1080, "", "ignored", &error);
  g_assert_no_error (error);
  assert_lookup (socks, "https://" FAR_HOST "/", "socks5://10.0.0.1:1080");

  none = bantin_proxy_resolver_new ("none", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_lookup (none, "https://" FAR_HOST "/", "direct://");

  system = bantin_proxy_resolver_new ("system", "ignored", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (system);

  broken = bantin_proxy_resolver_new ("http", "  ", 3128, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (broken);
  g_clear_error (&error);

  broken = bantin_proxy_resolver_new ("ftp", "proxy", 21, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (broken);
  g_clear_error (&error);

  /* Messages never show the password. */
  description = bantin_proxy_describe ("http", "proxy.so.gov.vn", 3128, "canbo");
  g_assert_cmpstr (description, ==, "http://canbo@proxy.so.gov.vn:3128");
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static BantinSyncReport *
run_sync (BantinSyncEngine *engine,
          gint64            feed_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BantinSyncReport *report;

  bantin_sync_engine_sync_async (engine, &feed_id, 1, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  report = bantin_sync_engine_sync_finish (engine, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The test server is the proxy: libsoup sends it "GET http://host/path"
 * and it answers by path, whatever the host. */
static void
test_sync_through_proxy (void)
{
  BantinTestServer *proxy = bantin_test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bantin-proxy-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(BantinSyncEngine) engine = NULL;
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinSyncReport) direct_report = NULL;
  g_autofree char *host = NULL;
  BantinFeedResult *result;
  gint64 feed_id;

  g_assert_no_error (error);
  db_path = g_build_filename (dir, "bantin.db", NULL);
  store = bantin_store_open (db_path, &error);
  g_assert_no_error (error);
  feed_id = bantin_store_add_feed (store, "http://" FAR_HOST "/rss.xml", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (feed_id, >, 0);

  bantin_test_server_serve_file (proxy, "/rss.xml", "sync/rss2.xml", NULL);

  engine = bantin_sync_engine_new (db_path);
  bantin_sync_engine_set_timeout (engine, 5);
  resolver = bantin_proxy_resolver_new ("http", "127.0.0.1", bantin_test_server_get_port (proxy),
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  bantin_sync_engine_set_proxy_resolver (engine, resolver);

  report = run_sync (engine, feed_id);
  g_assert_cmpuint (report->feeds->len, ==, 1);
  result = g_ptr_array_index (report->feeds, 0);
  g_assert_cmpstr (result->error_message, ==, NULL);
  g_assert_cmpint (result->http_status, ==, 200);
  g_assert_cmpuint (report->new_articles, >, 0);

  g_assert_cmpuint (bantin_test_server_get_request_count (proxy, "/rss.xml"), ==, 1);
  host = bantin_test_server_dup_request_header (proxy, "/rss.xml", "Host");
  g_assert_cmpstr (host, ==, FAR_HOST);

  /* Without the proxy the same feed cannot be reached, and the proxy
   * sees nothing more. */
  bantin_sync_engine_set_proxy_resolver (engine, NULL);
  g_clear_object (&resolver);
  resolver = bantin_proxy_resolver_new ("none", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  bantin_sync_engine_set_proxy_resolver (engine, resolver);
  direct_report = run_sync (engine, feed_id);
  g_assert_cmpuint (direct_report->feeds->len, ==, 1);
  g_assert_cmpuint (direct_report->n_failed, ==, 1);
  g_assert_cmpuint (bantin_test_server_get_request_count (proxy, "/rss.xml"), ==, 1);

  g_clear_object (&engine);
  g_clear_object (&store);
  bantin_test_server_free (proxy);

  {
    const char *suffixes[] = { "", "-wal", "-shm", NULL };

    for (guint i = 0; suffixes[i] != NULL; i++)
      {
        g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/proxy/resolver", test_resolver);
  g_test_add_func ("/proxy/sync", test_sync_through_proxy);

  return g_test_run ();
}
