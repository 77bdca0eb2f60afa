/* test-cli.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (bantin_demo_server_get_uri (server), "http://127.0.0.1:"));

  feeds = bantin_demo_server_dup_feeds (server);
  g_assert_cmpuint (g_strv_length (feeds), ==, 3);

  for (guint i = 0; feeds[i] != NULL; i++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) again = NULL;
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

      /* Same day, same bytes: a conditional request gets 304. */
      again = http_get (feeds[i], etag, &status, NULL, NULL);
      g_assert_cmpuint (status, ==, 304);
      g_assert_cmpuint (g_bytes_get_size (again), ==, 0);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* With isolated dirs, GIO's GNOME proxy module would abort. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);

  g_test_add_func ("/bantin/demo-server/serve", test_demo_server);

  return g_test_run ();
}
