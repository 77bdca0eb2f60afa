/* bantin-sync-fetch.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One feed's HTTP exchange: a conditional GET, redirects followed by hand
 * (so a 301 can be told from a 302 and loops are caught), a body read in
 * bounded steps, a total deadline, and errors a person can read. */

#define G_LOG_DOMAIN "bantin-sync"

#include "config.h"

#include "bantin-sync-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define READ_STEP (64 * 1024)

/* RFC 6585; libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

/* The total time a feed may take is this many times the I/O timeout: a
 * big feed on a slow line gets time, a server that drips forever does not. */
#define DEADLINE_FACTOR 4

#define ACCEPT_FEEDS \
  "application/rss+xml, application/atom+xml, application/feed+json, " \
  "application/rdf+xml;q=0.9, application/json;q=0.9, application/xml;q=0.8, " \
  "text/xml;q=0.8, text/html;q=0.5, */*;q=0.3"

typedef struct
{
  SoupSession       *session;
  BantinFetchResult *result;
  char              *etag;
  char              *last_modified;
  gsize              max_body;
  guint              timeout_seconds;

  GUri              *uri;        /* Of the request in flight. */
  SoupMessage       *msg;
  GInputStream      *stream;
  GByteArray        *buffer;
  GHashTable        *visited;    /* URLs asked for, to catch loops. */
  guint              n_redirects;
  gboolean           permanent;  /* All redirects so far were 301/308. */

  /* Cancelled by the caller's cancellable or by the deadline. */
  GCancellable      *cancellable;
  GCancellable      *caller_cancellable;
  gulong             cancelled_id;
  GSource           *deadline;
  gboolean           timed_out;
} FetchData;

void
_bantin_fetch_result_free (BantinFetchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->url);
  g_free (result->final_url);
  g_free (result->permanent_url);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->content_type);
  g_free (result->etag);
  g_free (result->last_modified);
  g_clear_error (&result->error);
  g_free (result);
}

static void
fetch_data_free (FetchData *data)
{
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->result, _bantin_fetch_result_free);
  g_free (data->etag);
  g_free (data->last_modified);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_clear_pointer (&data->visited, g_hash_table_unref);
  g_clear_object (&data->session);
  g_free (data);
}

gint64
_bantin_parse_retry_after (const char *value,
                           gint64      now)
{
  g_autoptr(GDateTime) date = NULL;
  const char *p;

  if (value == NULL)
    return 0;

  while (g_ascii_isspace (*value))
    value++;

  for (p = value; g_ascii_isdigit (*p); p++)
    ;
  if (p != value && (*p == '\0' || g_ascii_isspace (*p)))
    {
      guint64 seconds = g_ascii_strtoull (value, NULL, 10);

      /* Nobody should make a reader wait more than a week. */
      return now + (gint64) MIN (seconds, (guint64) 7 * 24 * 3600);
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;

  return CLAMP (g_date_time_to_unix (date), now, now + 7 * 24 * 3600);
}

char *
_bantin_describe_network_error (const GError         *error,
                                GUri                 *uri,
                                GTlsCertificateFlags  tls_errors,
                                guint                 timeout_seconds)
{
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "";

  if (error->domain == G_RESOLVER_ERROR)
    return g_strdup_printf (_("Could not resolve host %s"), host);

  if (error->domain == G_TLS_ERROR || tls_errors != 0)
    {
      if (tls_errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
        return g_strdup (_("The server’s TLS certificate is not trusted (unknown authority)"));
      if (tls_errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
        return g_strdup_printf (_("The server’s TLS certificate is not valid for %s"), host);
      if (tls_errors & G_TLS_CERTIFICATE_EXPIRED)
        return g_strdup (_("The server’s TLS certificate has expired"));
      if (tls_errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
        return g_strdup (_("The server’s TLS certificate is not valid yet"));
      if (tls_errors & G_TLS_CERTIFICATE_REVOKED)
        return g_strdup (_("The server’s TLS certificate has been revoked"));
      if (tls_errors & G_TLS_CERTIFICATE_INSECURE)
        return g_strdup (_("The server’s TLS certificate uses an insecure algorithm"));
      return g_strdup_printf (_("The secure connection to %s failed: %s"), host, error->message);
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The server did not answer within %u second",
                                               "The server did not answer within %u seconds",
                                               timeout_seconds),
                                  timeout_seconds);
        case G_IO_ERROR_CONNECTION_REFUSED:
          return g_strdup_printf (_("Could not connect to %s: the connection was refused"), host);
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
          return g_strdup_printf (_("Could not reach %s: the network is unreachable"), host);
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_PARTIAL_INPUT:
          return g_strdup_printf (_("The connection to %s was closed before the feed was complete"), host);
        case G_IO_ERROR_INVALID_DATA:
          return g_strdup (_("The server sent damaged compressed data"));
        case G_IO_ERROR_PROXY_FAILED:
        case G_IO_ERROR_PROXY_AUTH_FAILED:
        case G_IO_ERROR_PROXY_NEED_AUTH:
        case G_IO_ERROR_PROXY_NOT_ALLOWED:
          return g_strdup_printf (_("The proxy server refused the connection: %s"), error->message);
        default:
          break;
        }
    }

  return g_strdup_printf (_("Network error: %s"), error->message);
}

static gboolean
fetch_return_if_cancelled (GTask     *task,
                           FetchData *data)
{
  if (data->caller_cancellable != NULL && g_cancellable_is_cancelled (data->caller_cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return TRUE;
    }

  return FALSE;
}

static void
fetch_finish_ok (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) _bantin_fetch_result_free);
}

/* Ends the fetch with a result that carries @message. */
static void
fetch_fail (GTask           *task,
            BantinSyncError  code,
            const char      *message)
{
  FetchData *data = g_task_get_task_data (task);

  if (fetch_return_if_cancelled (task, data))
    return;

  g_clear_error (&data->result->error);
  g_set_error_literal (&data->result->error, BANTIN_SYNC_ERROR, code, message);
  fetch_finish_ok (task);
}

static void
fetch_fail_network (GTask        *task,
                    const GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *message = NULL;
  GTlsCertificateFlags tls_errors = 0;

  if (fetch_return_if_cancelled (task, data))
    return;

  if (data->timed_out)
    {
      guint seconds = data->timeout_seconds * DEADLINE_FACTOR;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The server did not send the feed within %u second",
                                              "The server did not send the feed within %u seconds",
                                              seconds),
                                 seconds);
    }
  else
    {
      if (data->msg != NULL)
        tls_errors = soup_message_get_tls_peer_certificate_errors (data->msg);
      message = _bantin_describe_network_error (error, data->uri, tls_errors,
                                                data->timeout_seconds);
    }

  fetch_fail (task, BANTIN_SYNC_ERROR_FAILED, message);
}

/* Drops a response whose body we do not want. Closing the stream would
 * read the rest of the body first (to reuse the connection), which for a
 * huge or dripping body is what we must not do: cancelling ends the
 * message and closes its connection instead. The fetch is over then. */
static void
abandon_stream (FetchData *data)
{
  g_cancellable_cancel (data->cancellable);
  g_clear_object (&data->stream);
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);
static void send_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
fail_too_large (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *size = g_format_size (data->max_body);
  g_autofree char *message = g_strdup_printf (_("The feed is larger than %s"), size);

  fetch_fail (task, BANTIN_SYNC_ERROR_TOO_LARGE, message);
}

static void
read_next (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_STEP, G_PRIORITY_DEFAULT,
                                   data->cancellable, read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const guint8 *chunk;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      fetch_fail_network (task, error);
      return;
    }

  chunk = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      /* Close it now so the connection can go back to the pool. */
      g_input_stream_close (data->stream, NULL, NULL);
      data->result->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
      if (fetch_return_if_cancelled (task, data))
        return;
      fetch_finish_ok (task);
      return;
    }

  if (data->buffer->len + len > data->max_body)
    {
      abandon_stream (data);
      fail_too_large (task);
      return;
    }

  g_byte_array_append (data->buffer, chunk, len);
  read_next (g_steal_pointer (&task));
}

static void
start_request (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&data->msg);
  g_clear_object (&data->stream);

  data->msg = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  /* We decode gzip ourselves: libsoup's decoder takes a gzip stream that
   * stops half-way for a whole one, and a truncated feed would be stored
   * as if it were complete. */
  soup_message_disable_feature (data->msg, SOUP_TYPE_CONTENT_DECODER);
  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept", ACCEPT_FEEDS);
  soup_message_headers_replace (headers, "Accept-Encoding", "gzip");
  /* Conditional from the very first fetch on: a 304 costs no parse. */
  if (data->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", data->last_modified);

  g_hash_table_add (data->visited, g_uri_to_string (data->uri));

  soup_session_send_async (data->session, data->msg, G_PRIORITY_DEFAULT,
                           data->cancellable, send_cb, task);
}

/* Takes @task. */
static void
follow_redirect (GTask      *task,
                 guint       status,
                 const char *location)
{
  g_autoptr(GTask) owned = task;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_str = NULL;
  const char *scheme;

  target = g_uri_parse_relative (data->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = target != NULL ? g_uri_get_scheme (target) : NULL;
  if (target == NULL || g_uri_get_host (target) == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_autofree char *message = g_strdup_printf (_("The server redirected to an invalid address: %s"),
                                                  location);

      fetch_fail (task, BANTIN_SYNC_ERROR_HTTP, message);
      return;
    }

  target_str = g_uri_to_string (target);
  if (g_hash_table_contains (data->visited, target_str))
    {
      fetch_fail (task, BANTIN_SYNC_ERROR_REDIRECT_LOOP,
                  _("Too many redirects: the address redirects in a loop"));
      return;
    }
  if (++data->n_redirects > BANTIN_SYNC_MAX_REDIRECTS)
    {
      fetch_fail (task, BANTIN_SYNC_ERROR_REDIRECT_LOOP, _("Too many redirects"));
      return;
    }

  /* Only a chain of permanent redirects moves the subscription. */
  if (data->permanent &&
      (status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_PERMANENT_REDIRECT))
    {
      g_free (data->result->permanent_url);
      data->result->permanent_url = g_strdup (target_str);
    }
  else
    {
      data->permanent = FALSE;
    }

  g_debug ("%u redirect to %s", status, target_str);

  g_clear_pointer (&data->uri, g_uri_unref);
  data->uri = g_steal_pointer (&target);
  start_request (g_steal_pointer (&owned));
}

static char *
describe_status (guint status)
{
  const char *phrase;

  /* Newer codes that libsoup 3.2 calls "Unknown Error". */
  switch (status)
    {
    case HTTP_TOO_MANY_REQUESTS:
      phrase = "Too Many Requests";
      break;
    case 451:
      phrase = "Unavailable For Legal Reasons";
      break;
    case 511:
      phrase = "Network Authentication Required";
      break;
    default:
      phrase = soup_status_get_phrase (status);
      break;
    }

  /* Translators: "HTTP 404: Not Found"; the phrase comes from the HTTP
   * standard and stays in English. */
  return g_strdup_printf (_("HTTP %u: %s"), status,
                          phrase != NULL ? phrase : _("Unknown error"));
}

/* Wraps the body stream in a strict decoder for each Content-Encoding,
 * the last one applied first. Returns FALSE, with the fetch failed, for
 * an encoding we never asked for and cannot read. */
static gboolean
decode_body (GTask              *task,
             SoupMessageHeaders *headers)
{
  FetchData *data = g_task_get_task_data (task);
  const char *value = soup_message_headers_get_list (headers, "Content-Encoding");
  g_auto(GStrv) codings = NULL;
  guint n;

  if (value == NULL)
    return TRUE;

  codings = g_strsplit (value, ",", -1);
  n = g_strv_length (codings);
  for (guint i = n; i > 0; i--)
    {
      const char *coding = g_strstrip (codings[i - 1]);
      g_autoptr(GZlibDecompressor) decompressor = NULL;
      GInputStream *decoded;

      if (*coding == '\0' || g_ascii_strcasecmp (coding, "identity") == 0)
        continue;

      if (g_ascii_strcasecmp (coding, "gzip") == 0 || g_ascii_strcasecmp (coding, "x-gzip") == 0)
        decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      else if (g_ascii_strcasecmp (coding, "deflate") == 0)
        decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
      else
        {
          g_autofree char *message = g_strdup_printf (_("The server compressed the feed in a way Bantin cannot read (%s)"),
                                                      coding);

          abandon_stream (data);
          fetch_fail (task, BANTIN_SYNC_ERROR_HTTP, message);
          return FALSE;
        }

      decoded = g_converter_input_stream_new (data->stream, G_CONVERTER (decompressor));
      g_object_unref (data->stream);
      data->stream = decoded;
    }

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  BantinFetchResult *res = data->result;
  guint status;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      fetch_fail_network (task, error);
      return;
    }

  status = soup_message_get_status (data->msg);
  headers = soup_message_get_response_headers (data->msg);
  res->status = status;
  g_free (res->final_url);
  res->final_url = g_uri_to_string (data->uri);

  g_debug ("GET %s: %u", res->final_url, status);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      if (location != NULL && status != SOUP_STATUS_MULTIPLE_CHOICES &&
          status != SOUP_STATUS_USE_PROXY)
        {
          /* A redirect's body is small: let libsoup finish it in the
           * background and keep the connection. */
          g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, closed_cb, NULL);
          follow_redirect (g_steal_pointer (&task), status, location);
          return;
        }
    }

  g_free (res->etag);
  res->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  g_free (res->last_modified);
  res->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  g_free (res->content_type);
  res->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      g_input_stream_close (data->stream, NULL, NULL);
      fetch_finish_ok (task);
      return;
    }

  if (status == SOUP_STATUS_GONE)
    {
      abandon_stream (data);
      fetch_fail (task, BANTIN_SYNC_ERROR_GONE, _("The feed is gone (HTTP 410)"));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *message = describe_status (status);

      if (status == HTTP_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        {
          gint64 now = g_get_real_time () / G_USEC_PER_SEC;

          res->retry_after = _bantin_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                                        now);
          /* Being told "too many" without a time still means: not now. */
          if (res->retry_after == 0 && status == HTTP_TOO_MANY_REQUESTS)
            res->retry_after = now + 10 * 60;
        }

      abandon_stream (data);
      fetch_fail (task, BANTIN_SYNC_ERROR_HTTP, message);
      return;
    }

  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      length > 0 && (guint64) length > data->max_body)
    {
      abandon_stream (data);
      fail_too_large (task);
      return;
    }

  if (!decode_body (task, headers))
    return;

  data->buffer = g_byte_array_sized_new (length > 0 ? (guint) MIN ((guint64) length, data->max_body) : READ_STEP);
  read_next (g_steal_pointer (&task));
}

static gboolean
deadline_cb (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->deadline, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  /* May run on any thread; GCancellable is thread-safe. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
_bantin_fetch_async (SoupSession         *session,
                     const char          *url,
                     const char          *etag,
                     const char          *last_modified,
                     gsize                max_body,
                     guint                timeout_seconds,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _bantin_fetch_async);
  /* We report cancellation ourselves, after cleaning up. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (FetchData, 1);
  data->session = g_object_ref (session);
  data->result = g_new0 (BantinFetchResult, 1);
  data->result->url = g_strdup (url);
  data->result->final_url = g_strdup (url);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);
  data->max_body = max_body;
  data->timeout_seconds = timeout_seconds;
  data->permanent = TRUE;
  data->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                  g_object_ref (data->cancellable), g_object_unref);
    }

  data->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (data->uri == NULL || g_uri_get_host (data->uri) == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (data->uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (data->uri), "https") != 0))
    {
      g_autofree char *message = g_strdup_printf (_("Not a web address: %s"), url);

      fetch_fail (task, BANTIN_SYNC_ERROR_FAILED, message);
      return;
    }

  if (timeout_seconds > 0)
    {
      data->deadline = g_timeout_source_new_seconds (timeout_seconds * DEADLINE_FACTOR);
      g_source_set_callback (data->deadline, deadline_cb, data, NULL);
      g_source_attach (data->deadline, g_main_context_get_thread_default ());
    }

  start_request (g_steal_pointer (&task));
}

BantinFetchResult *
_bantin_fetch_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
