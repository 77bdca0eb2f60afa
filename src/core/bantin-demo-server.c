/* bantin-demo-server.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-demo"

#include "config.h"

#include "bantin-demo-server.h"

#include "bantin-demo-resources.h"

#include <libsoup/soup.h>
#include <string.h>

#define DEMO_PREFIX "/io/github/bantin/Bantin/demo"

/* The demo newspaper is Vietnamese: its "days ago" are counted in
 * Vietnam's zone whatever the reader's own setting is. */
#define DEMO_TIMEZONE "Asia/Ho_Chi_Minh"

struct _BantinDemoServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;      /* Owned and used by the server thread only. */
  GResource    *resource;    /* Borrowed: static in the binary. */

  /* Startup handshake with bantin_demo_server_start(). */
  GMutex        mutex;
  GCond         cond;
  gboolean      started;
  GError       *error;

  char         *uri;         /* "http://127.0.0.1:PORT", no trailing slash. */
};

typedef struct
{
  const char *suffix;
  const char *content_type;
  gboolean    is_template;
} DemoType;

static const DemoType demo_types[] = {
  { ".xml",  "application/xml; charset=utf-8", TRUE },
  { ".json", "application/feed+json; charset=utf-8", TRUE },
  { ".html", "text/html; charset=utf-8", TRUE },
  { ".txt",  "text/plain; charset=utf-8", TRUE },
  { ".jpg",  "image/jpeg", FALSE },
  { ".png",  "image/png", FALSE },
};

static const char * const day_names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const DemoType *
demo_type_for_path (const char *path)
{
  /* RSS and Atom share ".xml"; give each its proper media type. */
  static const DemoType rss = { ".xml", "application/rss+xml; charset=utf-8", TRUE };
  static const DemoType atom = { ".xml", "application/atom+xml; charset=utf-8", TRUE };

  if (g_str_has_suffix (path, "/rss.xml"))
    return &rss;
  if (g_str_has_suffix (path, "/atom.xml"))
    return &atom;

  for (guint i = 0; i < G_N_ELEMENTS (demo_types); i++)
    {
      if (g_str_has_suffix (path, demo_types[i].suffix))
        return &demo_types[i];
    }

  return NULL;
}

static GTimeZone *
demo_timezone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier (DEMO_TIMEZONE);

  /* A system without tzdata still gets the right day: Vietnam has had no
   * daylight saving time since 1975. */
  if (tz == NULL)
    tz = g_time_zone_new_offset (7 * 3600);

  return tz;
}

/* Parses "N HH:MM}}" (after "{{DATE-" or "{{ISO-") into a time that many
 * days before today. Returns the length consumed, or 0 if it is not one. */
static gsize
parse_placeholder (const char  *p,
                   GTimeZone   *tz,
                   GDateTime   *now,
                   GDateTime  **out_time)
{
  const char *start = p;
  guint64 days;
  guint64 hour;
  guint64 minute;
  char *end;
  g_autoptr(GDateTime) day = NULL;
  GDateTime *result;

  if (!g_ascii_isdigit (*p))
    return 0;
  days = g_ascii_strtoull (p, &end, 10);
  if (*end != ' ' || days > 3650)
    return 0;
  p = end + 1;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != ':'
      || !g_ascii_isdigit (p[3]) || !g_ascii_isdigit (p[4])
      || p[5] != '}' || p[6] != '}')
    return 0;
  hour = (p[0] - '0') * 10 + (p[1] - '0');
  minute = (p[3] - '0') * 10 + (p[4] - '0');
  if (hour > 23 || minute > 59)
    return 0;

  day = g_date_time_add_days (now, -(int) days);
  result = g_date_time_new (tz,
                            g_date_time_get_year (day),
                            g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day),
                            (int) hour, (int) minute, 0);
  if (result == NULL)
    return 0;

  /* A paper does not publish in the future: when the demo runs before
   * today's early edition is due, the edition is dated midnight. Not "now":
   * the served bytes, and so the ETag, must stay the same all day, or a
   * conditional re-fetch a second later would never get 304. */
  if (g_date_time_compare (result, now) > 0)
    {
      g_date_time_unref (result);
      result = g_date_time_new (tz,
                                g_date_time_get_year (now),
                                g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now),
                                0, 0, 0);
    }

  *out_time = result;
  return (p + 7) - start;
}

static void
append_rfc822 (GString   *out,
               GDateTime *time)
{
  int offset = (int) (g_date_time_get_utc_offset (time) / G_TIME_SPAN_MINUTE);

  /* Written by hand because strftime's %a and %b follow the locale, and
   * RFC 822 wants the English names. */
  g_string_append_printf (out, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                          day_names[g_date_time_get_day_of_week (time) - 1],
                          g_date_time_get_day_of_month (time),
                          month_names[g_date_time_get_month (time) - 1],
                          g_date_time_get_year (time),
                          g_date_time_get_hour (time),
                          g_date_time_get_minute (time),
                          g_date_time_get_second (time),
                          offset < 0 ? '-' : '+',
                          ABS (offset) / 60, ABS (offset) % 60);
}

static char *
expand_template (const char *text,
                 gsize       len,
                 const char *base_uri)
{
  g_autoptr(GTimeZone) tz = demo_timezone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GString *out = g_string_sized_new (len + 256);
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *open = memchr (p, '{', end - p);
      g_autoptr(GDateTime) time = NULL;
      gsize used = 0;

      if (open == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }

      g_string_append_len (out, p, open - p);
      p = open;

      if (end - p >= 8 && strncmp (p, "{{BASE}}", 8) == 0)
        {
          g_string_append (out, base_uri);
          p += 8;
          continue;
        }
      if (end - p > 7 && strncmp (p, "{{DATE-", 7) == 0
          && (used = parse_placeholder (p + 7, tz, now, &time)) > 0)
        {
          append_rfc822 (out, time);
          p += 7 + used;
          continue;
        }
      if (end - p > 6 && strncmp (p, "{{ISO-", 6) == 0
          && (used = parse_placeholder (p + 6, tz, now, &time)) > 0)
        {
          g_autofree char *iso = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");

          g_string_append (out, iso);
          p += 6 + used;
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

static gboolean
etag_matches (const char *if_none_match,
              const char *etag)
{
  g_auto(GStrv) tags = NULL;

  if (if_none_match == NULL)
    return FALSE;

  tags = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (strcmp (tag, "*") == 0 || strcmp (tag, etag) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  BantinDemoServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const DemoType *type;
  g_autofree char *resource_path = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *etag = NULL;
  const char *if_none_match;

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_replace (response_headers, "Allow", "GET, HEAD");
      return;
    }

  if (g_strcmp0 (path, "/") == 0 || g_strcmp0 (path, "") == 0)
    path = "/index.html";

  type = demo_type_for_path (path);
  if (type == NULL || strstr (path, "..") != NULL || strstr (path, "//") != NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  resource_path = g_strconcat (DEMO_PREFIX, path, NULL);
  data = g_resource_lookup_data (self->resource, resource_path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (data == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (type->is_template)
    {
      gsize len;
      const char *text = g_bytes_get_data (data, &len);
      char *expanded = expand_template (text, len, self->uri);

      body = g_bytes_new_take (expanded, strlen (expanded));
    }
  else
    {
      body = g_bytes_ref (data);
    }

  /* The dates move every day, so the tag is a hash of what is served: a
   * re-sync on the same day gets 304 Not Modified. */
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, body);
  etag = g_strdup_printf ("\"%.16s\"", checksum);
  soup_message_headers_replace (response_headers, "ETag", etag);
  soup_message_headers_replace (response_headers, "Cache-Control", "no-cache");

  if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "If-None-Match");
  if (etag_matches (if_none_match, etag))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (response_headers, type->content_type, NULL);
  /* For HEAD, libsoup sends the headers of this body and not the body. */
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

static gpointer
demo_server_thread (gpointer data)
{
  BantinDemoServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "bantin-demo ", NULL);
  soup_server_add_handler (self->server, NULL, handle_request_cb, self, NULL);

  if (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (self->server);
      if (uris != NULL)
        {
          char *uri = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);

          /* The handler reads self->uri, but only after start() returned. */
          if (g_str_has_suffix (uri, "/"))
            uri[strlen (uri) - 1] = '\0';
          self->uri = uri;
        }
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->mutex);
  if (self->uri == NULL && error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "The demo server has no address");
  self->error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->error == NULL)
    g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  /* Let the disconnected sockets finish closing before the context goes. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/**
 * bantin_demo_server_start:
 * @error: return location for an error
 *
 * Starts serving the bundled demo files on a random port of 127.0.0.1.
 * Text files have {{BASE}}, {{DATE-N HH:MM}} (RFC 822) and {{ISO-N HH:MM}}
 * (RFC 3339) filled in, N being days before today in Vietnam.
 *
 * Returns: (transfer full): the server, to be stopped with
 *   bantin_demo_server_stop(), or %NULL
 */
BantinDemoServer *
bantin_demo_server_start (GError **error)
{
  BantinDemoServer *self = g_new0 (BantinDemoServer, 1);

  /* Referencing the resource also makes the linker keep it. */
  self->resource = bantin_demo_get_resource ();
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);

  self->thread = g_thread_new ("bantin-demo-server", demo_server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      bantin_demo_server_stop (self);
      return NULL;
    }

  g_debug ("Serving the demo feeds at %s", self->uri);

  return self;
}

const char *
bantin_demo_server_get_uri (BantinDemoServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->uri;
}

/**
 * bantin_demo_server_dup_feeds:
 * @self: a #BantinDemoServer
 *
 * Returns: (transfer full): the full URLs of the demo feeds, in the order
 *   of data/demo/feeds.txt
 */
char **
bantin_demo_server_dup_feeds (BantinDemoServer *self)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = g_strv_builder_new ();
  data = g_resource_lookup_data (self->resource, DEMO_PREFIX "/feeds.txt",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (data == NULL)
    return g_strv_builder_end (builder);

  text = g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      g_autofree char *url = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      if (*line == '/')
        line++;
      url = g_strdup_printf ("%s/%s", self->uri, line);
      g_strv_builder_add (builder, url);
    }

  return g_strv_builder_end (builder);
}

/**
 * bantin_demo_server_stop:
 * @self: (nullable) (transfer full): a #BantinDemoServer
 *
 * Stops serving, waits for the server thread to end and frees @self.
 */
void
bantin_demo_server_stop (BantinDemoServer *self)
{
  g_autoptr(GSource) quit = NULL;

  if (self == NULL)
    return;

  /* Quit from inside the server's context: a g_main_loop_quit() from here
   * could come before the thread enters g_main_loop_run() and be lost. */
  quit = g_idle_source_new ();
  g_source_set_callback (quit, quit_loop_cb, self->loop, NULL);
  g_source_attach (quit, self->context);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_clear_error (&self->error);
  g_free (self->uri);
  g_free (self);
}
