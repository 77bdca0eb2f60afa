/* test-sync.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

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

  return g_test_run ();
}
