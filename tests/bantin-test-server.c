/* bantin-test-server.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-test-server.h"

#include <libsoup/soup.h>
#include <string.h>

#define TRICKLE_PIECE 16
#define GENERATED_CHUNK (64 * 1024)

typedef struct
{
  guint     status;          /* 0: 200, or 404 when there is no body. */
  char     *data_file;       /* Relative to tests/data. */
  GBytes   *body;
  char     *content_type;
  char     *location;
  gsize     generated_size;
  gboolean  generated;
  gboolean  with_length;
  GPtrArray *headers;        /* Name, value, name, value... */
  char     *etag;
  char     *last_modified;
  guint     delay_ms;
  guint     trickle_ms;
  guint     trickle_piece;   /* Bytes per trickle; 0: TRICKLE_PIECE. */
  gboolean  gzip;
  GBytes   *raw;             /* Written as is on the stolen connection. */
  gboolean  hold_open;
} Route;

typedef struct
{
  guint               count;
  SoupMessageHeaders *last_headers;
} PathStats;

typedef struct
{
  guint in_flight;
  guint max;
} Concurrency;

struct _BantinTestServer
{
  /* Set once before the thread starts serving; read-only afterwards. */
  char         *data_dir;
  char         *uri;
  guint         port;
  gboolean      tls;

  /* Owned by the server thread. */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GPtrArray    *timers;       /* GSources of delayed and trickled replies. */
  GPtrArray    *held;         /* GIOStreams of raw replies kept open. */

  /* Start-up handshake. */
  GMutex        start_mutex;
  GCond         start_cond;
  gboolean      started;
  GError       *start_error;

  /* Everything below is shared with the test thread, under @mutex. */
  GMutex        mutex;
  GHashTable   *routes;       /* path -> Route */
  GHashTable   *stats;        /* path -> PathStats */
  GHashTable   *concurrency;  /* host ("" for all) -> Concurrency */
  guint         total_count;
};

/* A response being produced over time (delay, trickle, generated). */
typedef struct
{
  BantinTestServer  *server;
  SoupServerMessage *msg;
  Route             *route;
  GBytes            *body;       /* For trickle. */
  gsize              offset;
  guint              next_item;  /* For generated bodies. */
  gboolean           owns_msg;   /* Else @msg owns us (object data). */
} Pending;

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->data_file);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_clear_pointer (&route->raw, g_bytes_unref);
  g_free (route->content_type);
  g_free (route->location);
  g_clear_pointer (&route->headers, g_ptr_array_unref);
  g_free (route->etag);
  g_free (route->last_modified);
  g_free (route);
}

static Route *
route_copy (const Route *route)
{
  Route *copy = g_new0 (Route, 1);

  *copy = *route;
  copy->data_file = g_strdup (route->data_file);
  copy->body = route->body != NULL ? g_bytes_ref (route->body) : NULL;
  copy->raw = route->raw != NULL ? g_bytes_ref (route->raw) : NULL;
  copy->content_type = g_strdup (route->content_type);
  copy->location = g_strdup (route->location);
  copy->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; route->headers != NULL && i < route->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (route->headers, i)));
  copy->etag = g_strdup (route->etag);
  copy->last_modified = g_strdup (route->last_modified);

  return copy;
}

static void
path_stats_free (gpointer data)
{
  PathStats *stats = data;

  g_clear_pointer (&stats->last_headers, soup_message_headers_unref);
  g_free (stats);
}

static void
pending_free (Pending *pending)
{
  if (pending->owns_msg)
    g_object_unref (pending->msg);
  route_free (pending->route);
  g_clear_pointer (&pending->body, g_bytes_unref);
  g_free (pending);
}

static const char *
guess_content_type (const char *name)
{
  if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rss"))
    return "application/rss+xml";
  if (g_str_has_suffix (name, ".rdf"))
    return "application/rdf+xml";
  if (g_str_has_suffix (name, ".atom"))
    return "application/atom+xml";
  if (g_str_has_suffix (name, ".json"))
    return "application/feed+json";
  if (g_str_has_suffix (name, ".html") || g_str_has_suffix (name, ".htm"))
    return "text/html; charset=utf-8";
  if (g_str_has_suffix (name, ".opml"))
    return "text/x-opml";
  if (g_str_has_suffix (name, ".txt"))
    return "text/plain";
  return "application/octet-stream";
}

/* Must hold the lock. */
static Route *
lookup_route (BantinTestServer *self,
              const char       *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  if (route == NULL)
    {
      route = g_new0 (Route, 1);
      route->headers = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->routes, g_strdup (path), route);
    }

  return route;
}

static void
clear_body (Route *route)
{
  g_clear_pointer (&route->data_file, g_free);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_clear_pointer (&route->raw, g_bytes_unref);
  route->hold_open = FALSE;
  g_clear_pointer (&route->location, g_free);
  g_clear_pointer (&route->content_type, g_free);
  route->generated = FALSE;
  route->generated_size = 0;
  route->status = 0;
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  memory = g_memory_output_stream_new_resizable ();
  out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  if (!g_output_stream_write_all (out, data, len, NULL, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    g_error ("gzip: %s", error->message);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static gboolean
etag_matches (const char *if_none_match,
              const char *etag)
{
  g_auto(GStrv) tags = NULL;

  if (if_none_match == NULL)
    return FALSE;
  if (strcmp (if_none_match, "*") == 0)
    return TRUE;

  tags = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (strcmp (tag, etag) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
append_headers (SoupServerMessage *msg,
                Route             *route)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  for (guint i = 0; i + 1 < route->headers->len; i += 2)
    soup_message_headers_replace (headers,
                                  g_ptr_array_index (route->headers, i),
                                  g_ptr_array_index (route->headers, i + 1));
}

static GString *
generated_piece (Pending *pending)
{
  static const char head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\"><channel><title>Generated</title>"
    "<link>http://127.0.0.1/</link><description>A big feed</description>\n";
  static const char tail[] = "</channel></rss>\n";
  gsize size = pending->route->generated_size;
  gsize tail_len = strlen (tail);
  GString *piece = g_string_new (NULL);

  if (pending->offset == 0)
    g_string_append (piece, head);

  while (piece->len < GENERATED_CHUNK)
    {
      g_autofree char *item = NULL;
      gsize left = size - (pending->offset + piece->len);

      if (left == 0)
        break;

      item = g_strdup_printf ("<item><title>Item %u</title><guid>generated-%u</guid>"
                              "<description>Padding text for item %u of a generated "
                              "feed, to make it large.</description></item>\n",
                              pending->next_item, pending->next_item, pending->next_item);
      if (left >= strlen (item) + tail_len)
        {
          g_string_append (piece, item);
          pending->next_item++;
        }
      else if (left > tail_len)
        {
          /* Pad with spaces so the document has exactly @size bytes. */
          gsize n = MIN (left - tail_len, (gsize) GENERATED_CHUNK);

          for (gsize i = 0; i < n; i++)
            g_string_append_c (piece, ' ');
        }
      else
        {
          g_string_append (piece, tail);
          break;
        }
    }

  pending->offset += piece->len;
  return piece;
}

static void
generated_wrote_chunk_cb (SoupServerMessage *msg,
                          gpointer           user_data)
{
  Pending *pending = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (pending->offset >= pending->route->generated_size)
    {
      soup_message_body_complete (body);
    }
  else
    {
      GString *piece = generated_piece (pending);
      gsize len = piece->len;

      soup_message_body_append_take (body, (guchar *) g_string_free (piece, FALSE), len);
    }
}

static gboolean
message_aborted (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "bantin-test-aborted") != NULL;
}

static gboolean
trickle_cb (gpointer user_data)
{
  Pending *pending = user_data;
  SoupMessageBody *body;
  gsize len;
  gsize n;

  if (message_aborted (pending->msg))
    return G_SOURCE_REMOVE;

  body = soup_server_message_get_response_body (pending->msg);
  len = g_bytes_get_size (pending->body);
  n = MIN (pending->route->trickle_piece > 0 ? pending->route->trickle_piece : TRICKLE_PIECE,
           len - pending->offset);
  if (n > 0)
    soup_message_body_append (body, SOUP_MEMORY_COPY,
                              (const char *) g_bytes_get_data (pending->body, NULL) + pending->offset,
                              n);
  pending->offset += n;
  if (pending->offset >= len)
    soup_message_body_complete (body);
  soup_server_message_unpause (pending->msg);

  return pending->offset >= len ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static GBytes *
load_body (BantinTestServer *self,
           Route            *route,
           const char       *request_path)
{
  g_autofree char *file = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (route->body != NULL)
    return g_bytes_ref (route->body);

  file = g_build_filename (self->data_dir,
                           route->data_file != NULL ? route->data_file : request_path,
                           NULL);
  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR) ||
      !g_file_get_contents (file, &contents, &len, NULL))
    return NULL;

  if (route->content_type == NULL)
    route->content_type = g_strdup (guess_content_type (file));

  return g_bytes_new_take (contents, len);
}

static void
respond (BantinTestServer  *self,
         SoupServerMessage *msg,
         Route             *route)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request, "If-Modified-Since");
  g_autoptr(GBytes) body = NULL;
  guint status;

  append_headers (msg, route);

  if (route->location != NULL)
    {
      soup_server_message_set_redirect (msg, route->status, route->location);
      return;
    }

  status = route->status != 0 ? route->status : SOUP_STATUS_OK;

  if (status == SOUP_STATUS_OK)
    {
      gboolean not_modified = FALSE;

      if (route->etag != NULL)
        soup_message_headers_replace (response, "ETag", route->etag);
      if (route->last_modified != NULL)
        soup_message_headers_replace (response, "Last-Modified", route->last_modified);

      /* If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2). */
      if (route->etag != NULL && inm != NULL)
        not_modified = etag_matches (inm, route->etag);
      else if (route->last_modified != NULL && ims != NULL && inm == NULL)
        {
          g_autoptr(GDateTime) since = NULL;
          g_autoptr(GDateTime) modified = NULL;

          since = soup_date_time_new_from_http_string (ims);
          modified = soup_date_time_new_from_http_string (route->last_modified);
          not_modified = since != NULL && modified != NULL &&
                         g_date_time_compare (modified, since) <= 0;
        }

      if (not_modified)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  if (route->generated)
    {
      Pending *pending = g_new0 (Pending, 1);
      GString *piece;
      gsize len;

      pending->server = self;
      pending->msg = msg;
      pending->route = route_copy (route);
      soup_server_message_set_status (msg, status, NULL);
      soup_message_headers_replace (response, "Content-Type", "application/rss+xml");
      if (route->with_length)
        soup_message_headers_set_content_length (response, route->generated_size);
      else
        soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
      piece = generated_piece (pending);
      len = piece->len;
      soup_message_body_append_take (soup_server_message_get_response_body (msg),
                                     (guchar *) g_string_free (piece, FALSE), len);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (generated_wrote_chunk_cb), pending);
      g_object_set_data_full (G_OBJECT (msg), "bantin-test-pending", pending,
                              (GDestroyNotify) pending_free);
      return;
    }

  body = load_body (self, route, path);
  if (body == NULL)
    {
      if (route->status == 0)
        status = SOUP_STATUS_NOT_FOUND;
      body = g_bytes_new (soup_status_get_phrase (status), strlen (soup_status_get_phrase (status)));
      g_clear_pointer (&route->content_type, g_free);
      route->content_type = g_strdup ("text/plain");
    }

  if (route->gzip)
    {
      GBytes *compressed = gzip_bytes (body);

      g_bytes_unref (body);
      body = compressed;
      soup_message_headers_replace (response, "Content-Encoding", "gzip");
    }

  soup_server_message_set_status (msg, status, NULL);

  if (route->trickle_ms > 0)
    {
      Pending *pending = g_new0 (Pending, 1);
      GSource *source;

      pending->server = self;
      pending->msg = g_object_ref (msg);
      pending->owns_msg = TRUE;
      pending->route = route_copy (route);
      pending->body = g_bytes_ref (body);
      soup_message_headers_replace (response, "Content-Type", route->content_type);
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      source = g_timeout_source_new (route->trickle_ms);
      g_source_set_callback (source, trickle_cb, pending, (GDestroyNotify) pending_free);
      g_source_attach (source, self->context);
      g_ptr_array_add (self->timers, source);
      return;
    }

  {
    gsize len;
    const char *data = g_bytes_get_data (body, &len);

    soup_server_message_set_response (msg, route->content_type, SOUP_MEMORY_COPY, data, len);
  }
}

typedef struct
{
  BantinTestServer  *server;
  SoupServerMessage *msg;
  Route             *route;
} Delayed;

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  if (!message_aborted (delayed->msg))
    {
      respond (delayed->server, delayed->msg, delayed->route);
      soup_server_message_unpause (delayed->msg);
    }

  return G_SOURCE_REMOVE;
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->msg);
  route_free (delayed->route);
  g_free (delayed);
}

static void
note_request_done (BantinTestServer  *self,
                   SoupServerMessage *msg)
{
  g_autofree char *host = g_object_steal_data (G_OBJECT (msg), "bantin-test-host");
  Concurrency *all;
  Concurrency *per_host;

  if (host == NULL)
    return;

  g_mutex_lock (&self->mutex);
  all = g_hash_table_lookup (self->concurrency, "");
  per_host = g_hash_table_lookup (self->concurrency, host);
  if (all != NULL && all->in_flight > 0)
    all->in_flight--;
  if (per_host != NULL && per_host->in_flight > 0)
    per_host->in_flight--;
  g_mutex_unlock (&self->mutex);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  note_request_done (user_data, msg);
}

static void
request_aborted_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), "bantin-test-aborted", GINT_TO_POINTER (1));
  note_request_done (user_data, msg);
}

static void
count_in_flight (BantinTestServer *self,
                 const char       *host)
{
  const char *keys[] = { "", host };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      Concurrency *c = g_hash_table_lookup (self->concurrency, keys[i]);

      if (c == NULL)
        {
          c = g_new0 (Concurrency, 1);
          g_hash_table_insert (self->concurrency, g_strdup (keys[i]), c);
        }
      c->in_flight++;
      c->max = MAX (c->max, c->in_flight);
    }
}

/* Writes the route's bytes, status line and headers included, on the
 * connection taken from libsoup: for responses that no HTTP library would
 * send (a Content-Length that lies, a body cut short). */
static void
respond_raw (BantinTestServer  *self,
             SoupServerMessage *msg,
             Route             *route)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autoptr(GError) error = NULL;
  gsize len;
  const void *data = g_bytes_get_data (route->raw, &len);

  /* A stolen message never finishes: count it done now. */
  note_request_done (self, msg);

  if (!g_output_stream_write_all (g_io_stream_get_output_stream (stream), data, len,
                                  NULL, NULL, &error) ||
      !g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, &error))
    g_debug ("Raw reply not sent: %s", error->message);

  if (route->hold_open)
    g_ptr_array_add (self->held, g_steal_pointer (&stream));
  else
    g_io_stream_close (stream, NULL, NULL);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  BantinTestServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *host = g_uri_get_host (soup_server_message_get_uri (msg));
  const char *name;
  const char *value;
  PathStats *stats;
  Route *route;

  g_mutex_lock (&self->mutex);

  stats = g_hash_table_lookup (self->stats, path);
  if (stats == NULL)
    {
      stats = g_new0 (PathStats, 1);
      g_hash_table_insert (self->stats, g_strdup (path), stats);
    }
  stats->count++;
  self->total_count++;
  g_clear_pointer (&stats->last_headers, soup_message_headers_unref);
  stats->last_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, request);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (stats->last_headers, name, value);

  host = host != NULL ? host : "";
  count_in_flight (self, host);
  g_object_set_data_full (G_OBJECT (msg), "bantin-test-host", g_strdup (host), g_free);

  if (g_hash_table_contains (self->routes, path))
    {
      route = route_copy (g_hash_table_lookup (self->routes, path));
    }
  else
    {
      route = g_new0 (Route, 1);
      route->headers = g_ptr_array_new_with_free_func (g_free);
    }

  g_mutex_unlock (&self->mutex);

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0 &&
      strcmp (soup_server_message_get_method (msg), SOUP_METHOD_HEAD) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      route_free (route);
      return;
    }

  if (route->raw != NULL)
    {
      respond_raw (self, msg, route);
      route_free (route);
      return;
    }

  if (route->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);
      GSource *source;

      delayed->server = self;
      delayed->msg = g_object_ref (msg);
      delayed->route = route;
      soup_server_message_pause (msg);
      source = g_timeout_source_new (route->delay_ms);
      g_source_set_callback (source, delayed_cb, delayed, delayed_free);
      g_source_attach (source, self->context);
      g_ptr_array_add (self->timers, source);
      return;
    }

  respond (self, msg, route);
  route_free (route);
}

static gpointer
server_thread (gpointer data)
{
  BantinTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->timers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->server = soup_server_new ("server-header", "BantinTestServer ", NULL);
  if (self->tls)
    {
      g_autofree char *pem = g_build_filename (self->data_dir, "sync", "test-server.pem", NULL);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem, &error);

      if (certificate != NULL)
        soup_server_set_tls_certificate (self->server, certificate);
    }
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_finished_cb), self);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (request_aborted_cb), self);

  if (error == NULL &&
      soup_server_listen_local (self->server, 0,
                                SOUP_SERVER_LISTEN_IPV4_ONLY |
                                (self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                &error))
    {
      uris = soup_server_get_uris (self->server);
      self->port = g_uri_get_port (uris->data);
      self->uri = g_strdup_printf ("%s://127.0.0.1:%u", self->tls ? "https" : "http", self->port);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->start_mutex);
  self->start_error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_mutex);

  if (self->uri != NULL)
    g_main_loop_run (self->loop);

  /* Replies still waiting release their messages here. */
  for (guint i = 0; i < self->timers->len; i++)
    g_source_destroy (g_ptr_array_index (self->timers, i));
  g_clear_pointer (&self->timers, g_ptr_array_unref);
  for (guint i = 0; i < self->held->len; i++)
    g_io_stream_close (g_ptr_array_index (self->held, i), NULL, NULL);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * bantin_test_server_new:
 *
 * Starts a server on a free port of 127.0.0.1. Call it after g_test_init():
 * it serves files from g_test_get_dir (G_TEST_DIST)/data.
 */
static BantinTestServer *
test_server_new (gboolean tls)
{
  BantinTestServer *self = g_new0 (BantinTestServer, 1);

  /* Under G_TEST_OPTION_ISOLATE_DIRS no GSettings schemas are found, and
   * GIO's GNOME proxy module aborts the process when it cannot read its
   * settings. Tests talk to 127.0.0.1 only, so no proxy is the truth.
   * This is set before our thread starts, and child processes (the CLI
   * under test) inherit it. */
  if (g_getenv ("GIO_USE_PROXY_RESOLVER") == NULL)
    g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  self->tls = tls;
  self->data_dir = g_build_filename (g_test_get_dir (G_TEST_DIST), "data", NULL);
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  self->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, path_stats_free);
  self->concurrency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  self->thread = g_thread_new ("bantin-test-server", server_thread, self);

  g_mutex_lock (&self->start_mutex);
  while (!self->started)
    g_cond_wait (&self->start_cond, &self->start_mutex);
  g_mutex_unlock (&self->start_mutex);

  if (self->start_error != NULL)
    g_error ("Could not start the test server: %s", self->start_error->message);

  return self;
}

BantinTestServer *
bantin_test_server_new (void)
{
  return test_server_new (FALSE);
}

/**
 * bantin_test_server_new_tls:
 *
 * Like bantin_test_server_new(), over HTTPS with a self-signed certificate
 * (tests/data/sync/test-server.pem, for 127.0.0.1 and localhost) that no
 * client trusts: for testing that certificates are checked.
 */
BantinTestServer *
bantin_test_server_new_tls (void)
{
  return test_server_new (TRUE);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
bantin_test_server_free (BantinTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  g_clear_pointer (&self->concurrency, g_hash_table_unref);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->start_mutex);
  g_cond_clear (&self->start_cond);
  g_free (self->data_dir);
  g_free (self->uri);
  g_free (self);
}

const char *
bantin_test_server_get_uri (BantinTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->uri;
}

guint
bantin_test_server_get_port (BantinTestServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

char *
bantin_test_server_url (BantinTestServer *self,
                        const char       *path)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  return g_strconcat (self->uri, path, NULL);
}

char *
bantin_test_server_url_for_host (BantinTestServer *self,
                                 const char       *host,
                                 const char       *path)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  return g_strdup_printf ("http://%s:%u%s", host, self->port, path);
}

void
bantin_test_server_serve_file (BantinTestServer *self,
                               const char       *path,
                               const char       *data_file,
                               const char       *content_type)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL && data_file != NULL);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  clear_body (route);
  route->data_file = g_strdup (data_file);
  route->content_type = g_strdup (content_type);
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_serve_bytes (BantinTestServer *self,
                                const char       *path,
                                guint             status,
                                const char       *content_type,
                                const void       *body,
                                gssize            len)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (body != NULL || len == 0);

  if (len < 0)
    len = strlen (body);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  clear_body (route);
  route->status = status;
  route->body = g_bytes_new (body, len);
  route->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
  g_mutex_unlock (&self->mutex);
}

/**
 * bantin_test_server_serve_raw:
 * @response: a whole HTTP response: status line, headers, blank line, body
 * @hold_open: keep the connection open afterwards (until the server is
 *   freed) instead of closing it
 *
 * Writes @response byte for byte on the connection, whatever it says.
 */
void
bantin_test_server_serve_raw (BantinTestServer *self,
                              const char       *path,
                              const void       *response,
                              gssize            len,
                              gboolean          hold_open)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL && response != NULL);

  if (len < 0)
    len = strlen (response);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  clear_body (route);
  route->raw = g_bytes_new (response, len);
  route->hold_open = !!hold_open;
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_serve_status (BantinTestServer *self,
                                 const char       *path,
                                 guint             status)
{
  const char *phrase = soup_status_get_phrase (status);

  bantin_test_server_serve_bytes (self, path, status, "text/plain", phrase, -1);
}

void
bantin_test_server_serve_redirect (BantinTestServer *self,
                                   const char       *path,
                                   guint             status,
                                   const char       *location)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL && location != NULL);
  g_return_if_fail (status >= 300 && status < 400);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  clear_body (route);
  route->status = status;
  route->location = g_strdup (location);
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_serve_generated (BantinTestServer *self,
                                    const char       *path,
                                    gsize             size,
                                    gboolean          with_length)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (size >= 256);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  clear_body (route);
  route->generated = TRUE;
  route->generated_size = size;
  route->with_length = with_length;
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_set_header (BantinTestServer *self,
                               const char       *path,
                               const char       *name,
                               const char       *value)
{
  Route *route;
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL && name != NULL);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  for (i = 0; i + 1 < route->headers->len; i += 2)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (route->headers, i), name) == 0)
        {
          g_ptr_array_remove_range (route->headers, i, 2);
          break;
        }
    }
  if (value != NULL)
    {
      g_ptr_array_add (route->headers, g_strdup (name));
      g_ptr_array_add (route->headers, g_strdup (value));
    }
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_set_etag (BantinTestServer *self,
                             const char       *path,
                             const char       *etag)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  g_free (route->etag);
  route->etag = g_strdup (etag);
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_set_last_modified (BantinTestServer *self,
                                      const char       *path,
                                      const char       *http_date)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_mutex_lock (&self->mutex);
  route = lookup_route (self, path);
  g_free (route->last_modified);
  route->last_modified = g_strdup (http_date);
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_set_delay (BantinTestServer *self,
                              const char       *path,
                              guint             delay_ms)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_mutex_lock (&self->mutex);
  lookup_route (self, path)->delay_ms = delay_ms;
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_set_trickle (BantinTestServer *self,
                                const char       *path,
                                guint             interval_ms)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_mutex_lock (&self->mutex);
  lookup_route (self, path)->trickle_ms = interval_ms;
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_set_trickle_piece (BantinTestServer *self,
                                      const char       *path,
                                      guint             piece_bytes)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_mutex_lock (&self->mutex);
  lookup_route (self, path)->trickle_piece = piece_bytes;
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_set_gzip (BantinTestServer *self,
                             const char       *path,
                             gboolean          gzip)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_mutex_lock (&self->mutex);
  lookup_route (self, path)->gzip = !!gzip;
  g_mutex_unlock (&self->mutex);
}

void
bantin_test_server_remove_route (BantinTestServer *self,
                                 const char       *path)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->routes, path);
  g_mutex_unlock (&self->mutex);
}

guint
bantin_test_server_get_request_count (BantinTestServer *self,
                                      const char       *path)
{
  guint count;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  if (path == NULL)
    {
      count = self->total_count;
    }
  else
    {
      PathStats *stats = g_hash_table_lookup (self->stats, path);

      count = stats != NULL ? stats->count : 0;
    }
  g_mutex_unlock (&self->mutex);

  return count;
}

char *
bantin_test_server_dup_request_header (BantinTestServer *self,
                                       const char       *path,
                                       const char       *name)
{
  PathStats *stats;
  char *value = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL && name != NULL, NULL);

  g_mutex_lock (&self->mutex);
  stats = g_hash_table_lookup (self->stats, path);
  if (stats != NULL && stats->last_headers != NULL)
    value = g_strdup (soup_message_headers_get_one (stats->last_headers, name));
  g_mutex_unlock (&self->mutex);

  return value;
}

guint
bantin_test_server_get_max_concurrent (BantinTestServer *self,
                                       const char       *host)
{
  Concurrency *c;
  guint max;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  c = g_hash_table_lookup (self->concurrency, host != NULL ? host : "");
  max = c != NULL ? c->max : 0;
  g_mutex_unlock (&self->mutex);

  return max;
}

void
bantin_test_server_reset_counts (BantinTestServer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->stats);
  self->total_count = 0;
  /* Keep in-flight numbers: requests still running finish later. */
  g_hash_table_iter_init (&iter, self->concurrency);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Concurrency *c = value;

      c->max = c->in_flight;
    }
  g_mutex_unlock (&self->mutex);
}
