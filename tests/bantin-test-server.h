/* bantin-test-server.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An HTTP server on 127.0.0.1 for tests, running in a thread of its own
 * with its own GMainContext, so the code under test can use its usual
 * (async or sync) libsoup calls from the test's thread.
 *
 * Every path without a route is served from tests/data: GET /sync/rss2.xml
 * returns tests/data/sync/rss2.xml (Content-Type guessed from the suffix),
 * or 404. A route programs what one path returns; the setters below may be
 * called at any time, also between two syncs, and each replaces only its
 * own part of the route (so set_etag + serve_file combine).
 *
 * bantin_test_server_new() sets GIO_USE_PROXY_RESOLVER=dummy unless it is
 * set: with isolated test dirs GIO's GNOME proxy module would abort.
 *
 * The server counts requests per path (ignoring the query), remembers the
 * request headers of the last request to each path, and measures how many
 * requests were in flight at once, in total and per Host.
 *
 *   g_autoptr(BantinTestServer) server = bantin_test_server_new ();
 *   g_autofree char *url = bantin_test_server_url (server, "/feed");
 *
 *   bantin_test_server_serve_file (server, "/feed", "sync/rss2.xml", NULL);
 *   bantin_test_server_set_etag (server, "/feed", "\"v1\"");
 *   ... fetch url twice ...
 *   g_assert_cmpuint (bantin_test_server_get_request_count (server, "/feed"), ==, 2);
 *   inm = bantin_test_server_dup_request_header (server, "/feed", "If-None-Match");
 */
typedef struct _BantinTestServer BantinTestServer;

BantinTestServer *bantin_test_server_new                 (void);
/* Over HTTPS, with a self-signed certificate nobody trusts. */
BantinTestServer *bantin_test_server_new_tls             (void);
void              bantin_test_server_free                (BantinTestServer *self);

/* "http://127.0.0.1:PORT" (https for TLS), without a trailing slash. */
const char       *bantin_test_server_get_uri             (BantinTestServer *self);
guint             bantin_test_server_get_port            (BantinTestServer *self);
/* The full URL of @path ("/feed?x=1"). With a @host ("localhost") the URL
 * names that host instead, to look like a second server. */
char             *bantin_test_server_url                 (BantinTestServer *self,
                                                          const char       *path) G_GNUC_WARN_UNUSED_RESULT;
char             *bantin_test_server_url_for_host        (BantinTestServer *self,
                                                          const char       *host,
                                                          const char       *path) G_GNUC_WARN_UNUSED_RESULT;

/* Bodies. A @content_type of NULL is guessed from the file name
 * (.xml/.rss application/rss+xml, .atom application/atom+xml, .json
 * application/feed+json, .html text/html, else application/octet-stream). */
void              bantin_test_server_serve_file          (BantinTestServer *self,
                                                          const char       *path,
                                                          const char       *data_file,
                                                          const char       *content_type);
void              bantin_test_server_serve_bytes         (BantinTestServer *self,
                                                          const char       *path,
                                                          guint             status,
                                                          const char       *content_type,
                                                          const void       *body,
                                                          gssize            len);
/* An empty-ish response with this status and the reason phrase as body. */
void              bantin_test_server_serve_status        (BantinTestServer *self,
                                                          const char       *path,
                                                          guint             status);
/* 301, 302, 307 or 308 to @location (absolute, or a path on this server). */
void              bantin_test_server_serve_redirect      (BantinTestServer *self,
                                                          const char       *path,
                                                          guint             status,
                                                          const char       *location);
/* @size bytes of a well-formed RSS document, produced while it is sent
 * (chunked, no Content-Length unless @with_length), so huge bodies cost
 * the server no memory. */
void              bantin_test_server_serve_generated     (BantinTestServer *self,
                                                          const char       *path,
                                                          gsize             size,
                                                          gboolean          with_length);

/* @response is written byte for byte (status line, headers, body) on the
 * connection, which is then closed, or with @hold_open kept open and
 * silent until the server is freed: for lying Content-Lengths and bodies
 * cut short, which no HTTP library sends. */
void              bantin_test_server_serve_raw           (BantinTestServer *self,
                                                          const char       *path,
                                                          const void       *response,
                                                          gssize            len,
                                                          gboolean          hold_open);

/* Response modifiers. */
void              bantin_test_server_set_header          (BantinTestServer *self,
                                                          const char       *path,
                                                          const char       *name,
                                                          const char       *value);
/* Sent with 200s; a request whose If-None-Match (or, without an ETag,
 * If-Modified-Since) matches gets 304 Not Modified. NULL removes it. */
void              bantin_test_server_set_etag            (BantinTestServer *self,
                                                          const char       *path,
                                                          const char       *etag);
void              bantin_test_server_set_last_modified   (BantinTestServer *self,
                                                          const char       *path,
                                                          const char       *http_date);
/* Wait @delay_ms before the response starts. */
void              bantin_test_server_set_delay           (BantinTestServer *self,
                                                          const char       *path,
                                                          guint             delay_ms);
/* Send headers at once, then the body in 16-byte pieces every @interval_ms
 * (0 turns it off): a server that is alive but never finishes in time. */
void              bantin_test_server_set_trickle         (BantinTestServer *self,
                                                          const char       *path,
                                                          guint             interval_ms);
/* Bytes per trickled piece (0: 16): 1 makes a server that sends one
 * byte per interval. */
void              bantin_test_server_set_trickle_piece   (BantinTestServer *self,
                                                          const char       *path,
                                                          guint             piece_bytes);
/* Compress the body with gzip and say so in Content-Encoding. */
void              bantin_test_server_set_gzip            (BantinTestServer *self,
                                                          const char       *path,
                                                          gboolean          gzip);
/* Forget the route: @path is served from tests/data again. */
void              bantin_test_server_remove_route        (BantinTestServer *self,
                                                          const char       *path);

/* What the clients did. @path NULL means all paths. */
guint             bantin_test_server_get_request_count   (BantinTestServer *self,
                                                          const char       *path);
/* A header of the last request to @path, or NULL. */
char             *bantin_test_server_dup_request_header  (BantinTestServer *self,
                                                          const char       *path,
                                                          const char       *name) G_GNUC_WARN_UNUSED_RESULT;
/* The most requests in flight at the same time; @host NULL means any host. */
guint             bantin_test_server_get_max_concurrent  (BantinTestServer *self,
                                                          const char       *host);
void              bantin_test_server_reset_counts        (BantinTestServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinTestServer, bantin_test_server_free)

G_END_DECLS
