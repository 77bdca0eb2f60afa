/* bantin-sync-engine.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bantin-types.h"

G_BEGIN_DECLS

#define BANTIN_SYNC_ERROR (bantin_sync_error_quark ())

typedef enum {
  BANTIN_SYNC_ERROR_FAILED,
  BANTIN_SYNC_ERROR_HTTP,
  BANTIN_SYNC_ERROR_TOO_LARGE,
  BANTIN_SYNC_ERROR_NOT_A_FEED,
  BANTIN_SYNC_ERROR_REDIRECT_LOOP,
  BANTIN_SYNC_ERROR_GONE,
} BantinSyncError;

/* What one sync did, feed by feed. */
typedef struct
{
  gint64  feed_id;
  char   *url;
  char   *title;
  int     http_status;
  guint   new_articles;
  guint   updated_articles;
  char   *error_message;   /* NULL on success. */
} BantinFeedResult;

typedef struct
{
  GPtrArray *feeds;        /* (element-type BantinFeedResult) */
  guint      n_failed;
  guint      new_articles;

  /* For offline reading, after the feeds: */
  guint      pages_fetched;  /* Article pages whose full text was kept. */
  guint      pages_failed;
  guint      images_saved;
  guint      images_failed;
  guint64    image_bytes;
} BantinSyncReport;

#define BANTIN_TYPE_SYNC_ENGINE (bantin_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (BantinSyncEngine, bantin_sync_engine, BANTIN, SYNC_ENGINE, GObject)

/* Signals, emitted on the thread-default main context of the caller:
 *   "progress"      (guint done, guint total)
 *   "feed-finished" (gint64 feed_id, gboolean ok, guint new_articles)
 */
GQuark            bantin_sync_error_quark              (void);
BantinSyncEngine *bantin_sync_engine_new               (const char           *db_path);
const char       *bantin_sync_engine_get_db_path       (BantinSyncEngine     *self);
void              bantin_sync_engine_set_timeout       (BantinSyncEngine     *self,
                                                        guint                 seconds);
void              bantin_sync_engine_set_max_body_size (BantinSyncEngine     *self,
                                                        gsize                 max_bytes);
void              bantin_sync_engine_set_max_per_host  (BantinSyncEngine     *self,
                                                        guint                 max_per_host);
void              bantin_sync_engine_set_proxy_resolver (BantinSyncEngine    *self,
                                                        GProxyResolver       *resolver);
gboolean          bantin_sync_engine_get_fetch_full_articles (BantinSyncEngine *self);
void              bantin_sync_engine_set_fetch_full_articles (BantinSyncEngine *self,
                                                              gboolean          fetch_full_articles);
gboolean          bantin_sync_engine_get_download_images (BantinSyncEngine   *self);
void              bantin_sync_engine_set_download_images (BantinSyncEngine   *self,
                                                          gboolean            download_images);
void              bantin_sync_engine_set_image_limits  (BantinSyncEngine     *self,
                                                        gsize                 max_image_size,
                                                        guint64               max_cache_size);
void              bantin_sync_engine_set_max_offline_articles (BantinSyncEngine *self,
                                                               guint             max_articles);
gboolean          bantin_sync_engine_get_busy          (BantinSyncEngine     *self);

void              bantin_sync_engine_sync_async        (BantinSyncEngine     *self,
                                                        const gint64         *feed_ids,
                                                        guint                 n_feed_ids,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
BantinSyncReport *bantin_sync_engine_sync_finish       (BantinSyncEngine     *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void              bantin_sync_engine_subscribe_async   (BantinSyncEngine     *self,
                                                        const char           *url,
                                                        const char           *folder,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64            bantin_sync_engine_subscribe_finish  (BantinSyncEngine     *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void              bantin_sync_report_free              (BantinSyncReport     *report);
void              bantin_feed_result_free              (BantinFeedResult     *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinSyncReport, bantin_sync_report_free)

G_END_DECLS
