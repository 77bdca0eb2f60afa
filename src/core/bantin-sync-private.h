/* bantin-sync-private.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "bantin-image-cache.h"
#include "bantin-site-rules.h"
#include "bantin-store.h"
#include "bantin-sync-engine.h"

G_BEGIN_DECLS

/* Redirects followed before giving up (as browsers do, more or less). */
#define BANTIN_SYNC_MAX_REDIRECTS 10

/* What one GET (with its redirects) brought back. Always returned, also for
 * HTTP and network errors, so the caller can store status, Retry-After or
 * the gone flag; only a cancellation returns no result. */
typedef struct
{
  char    *url;             /* Asked for. */
  char    *final_url;       /* Where the last response came from. */
  char    *permanent_url;   /* The end of an unbroken 301/308 chain, or NULL. */
  guint    status;          /* Of the last response; 0 when none came. */
  GBytes  *body;            /* Only for 2xx. */
  char    *content_type;
  char    *etag;
  char    *last_modified;
  gint64   retry_after;     /* Unix time, or 0. */
  GError  *error;           /* BANTIN_SYNC_ERROR, with a human message. */
} BantinFetchResult;

void               _bantin_fetch_result_free     (BantinFetchResult    *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinFetchResult, _bantin_fetch_result_free)

/* Fetches @url on the thread-default main context, following redirects by
 * hand and reading at most @max_body bytes. */
void               _bantin_fetch_async           (SoupSession          *session,
                                                  const char           *url,
                                                  const char           *etag,
                                                  const char           *last_modified,
                                                  gsize                 max_body,
                                                  guint                 timeout_seconds,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
BantinFetchResult *_bantin_fetch_finish          (GAsyncResult         *result,
                                                  GError              **error);

gint64             _bantin_parse_retry_after     (const char           *value,
                                                  gint64                now);
char              *_bantin_describe_network_error (const GError        *error,
                                                  GUri                 *uri,
                                                  GTlsCertificateFlags  tls_errors,
                                                  guint                 timeout_seconds);
char              *_bantin_describe_parse_error  (const GError         *error);

/* The threads: a small pool that parses, and one writer that owns the
 * engine's BantinStore. Both complete @task from their thread, so its
 * callback runs on the context that created it. */
typedef void (*BantinWriterFunc) (BantinStore *store,
                                  GTask       *task);

typedef struct _BantinSyncThreads BantinSyncThreads;

BantinSyncThreads *_bantin_sync_threads_new      (const char           *db_path,
                                                  guint                 max_parsers);
void               _bantin_sync_threads_free     (BantinSyncThreads    *threads);
/* Runs @func (the GTask's task data set by the caller) on a parser thread. */
void               _bantin_sync_threads_parse    (BantinSyncThreads    *threads,
                                                  GTask                *task,
                                                  GTaskThreadFunc       func);
/* Runs @func on the writer thread with the writer's store. If the store
 * cannot be opened, @task gets that error instead. */
void               _bantin_sync_threads_write    (BantinSyncThreads    *threads,
                                                  GTask                *task,
                                                  BantinWriterFunc      func);

/* The offline half of a sync (bantin-sync-offline.c): the pages and
 * images owed to new articles. */
typedef struct
{
  SoupSession       *session;
  BantinSyncThreads *threads;
  BantinSiteRules   *rules;
  gboolean           fetch_pages;
  gboolean           download_images;
  guint              max_per_host;
  guint              max_total;
  guint              timeout_seconds;
  guint              max_articles;      /* Per sync. */
  gsize              max_image_size;
  guint64            max_cache_size;
} BantinOfflineOptions;

typedef struct
{
  guint    pages_fetched;    /* Pages whose article was kept. */
  guint    pages_failed;
  guint    images_saved;
  guint    images_failed;
  guint64  image_bytes;
} BantinOfflineStats;

void               _bantin_offline_run_async     (const BantinOfflineOptions *options,
                                                  const gint64         *feed_ids,
                                                  guint                 n_feed_ids,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean           _bantin_offline_run_finish    (GAsyncResult         *result,
                                                  BantinOfflineStats   *out_stats,
                                                  GError              **error);

G_END_DECLS
