/* bantin-store.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bantin-article.h"
#include "bantin-feed.h"
#include "bantin-feed-parser.h"
#include "bantin-types.h"

G_BEGIN_DECLS

#define BANTIN_STORE_ERROR (bantin_store_error_quark ())

typedef enum {
  BANTIN_STORE_ERROR_FAILED,
  BANTIN_STORE_ERROR_NOT_FOUND,
  BANTIN_STORE_ERROR_EXISTS,
  BANTIN_STORE_ERROR_TOO_NEW,   /* The file was written by a newer Bantin. */
  BANTIN_STORE_ERROR_CORRUPT,
  BANTIN_STORE_ERROR_FULL,      /* The disk is full. */
} BantinStoreError;

/* What the UI and the CLI ask for. Zero/NULL members mean "no filter". */
typedef struct
{
  gint64      feed_id;
  const char *folder;
  BantinDay   day_from;      /* Inclusive local days, YYYYMMDD. */
  BantinDay   day_to;
  const char *search;        /* What the user typed; folded here. */
  gboolean    unread_only;
  gboolean    starred_only;
  guint       limit;
} BantinArticleQuery;

/* One feed's sync result, applied in a single transaction. */
typedef struct
{
  gint64            feed_id;
  gint64            checked_at;     /* Unix seconds. */
  int               http_status;    /* 0 when no response came. */
  const char       *etag;
  const char       *last_modified;
  const char       *new_url;        /* After a 301/308. */
  const char       *error_message;  /* NULL on success. Human readable. */
  gboolean          gone;           /* 410. */
  gint64            next_check;     /* Retry-After, or 0. */
  BantinParsedFeed *parsed;         /* NULL for 304 and errors. Borrowed. */

  /* Private to the store: the storable form of @parsed (sanitized HTML,
   * plain-text summary, folded search text, local days), computed by
   * bantin_feed_update_prepare() on any thread, so that the writer thread
   * only runs SQL. Freed by bantin_feed_update_clear(). */
  gpointer          prepared;
} BantinFeedUpdate;

typedef struct
{
  BantinDay day;
  guint     count;
} BantinDayCount;

#define BANTIN_TYPE_STORE (bantin_store_get_type ())

G_DECLARE_FINAL_TYPE (BantinStore, bantin_store, BANTIN, STORE, GObject)

/* A BantinStore is one SQLite connection: use it from one thread at a time.
 * Any number of stores may be open on the same file, in this process and
 * others (WAL; a busy timeout). */
GQuark          bantin_store_error_quark          (void);
char           *bantin_store_default_path         (void) G_GNUC_WARN_UNUSED_RESULT;
BantinStore    *bantin_store_open                 (const char                *path,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
const char     *bantin_store_get_path             (BantinStore               *self);
int             bantin_store_get_schema_version   (BantinStore               *self);

/* Checkpoints: copying the write-ahead log into the database file. */
typedef void (*BantinCheckpointFunc) (gpointer user_data);

void            bantin_store_hand_off_checkpoints (BantinStore               *self,
                                                   guint                      min_pages,
                                                   BantinCheckpointFunc       func,
                                                   gpointer                   user_data);
gboolean        bantin_store_checkpoint           (BantinStore               *self,
                                                   GError                   **error);

/* Feeds. */
gint64          bantin_store_add_feed             (BantinStore               *self,
                                                   const char                *url,
                                                   const char                *title,
                                                   const char                *folder,
                                                   GError                   **error);
gboolean        bantin_store_remove_feed          (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   GError                   **error);
gboolean        bantin_store_rename_feed          (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   const char                *title,
                                                   GError                   **error);
gboolean        bantin_store_set_feed_folder      (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   const char                *folder,
                                                   GError                   **error);
gboolean        bantin_store_rename_folder        (BantinStore               *self,
                                                   const char                *folder,
                                                   const char                *new_name,
                                                   GError                   **error);
BantinFeed     *bantin_store_get_feed             (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
BantinFeed     *bantin_store_find_feed            (BantinStore               *self,
                                                   const char                *url,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray      *bantin_store_list_feeds           (BantinStore               *self,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean        bantin_store_get_feed_validators  (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   char                     **out_url,
                                                   char                     **out_etag,
                                                   char                     **out_last_modified,
                                                   GError                   **error);
gboolean        bantin_store_apply_update         (BantinStore               *self,
                                                   const BantinFeedUpdate    *update,
                                                   guint                     *out_new,
                                                   guint                     *out_updated,
                                                   GError                   **error);

void            bantin_feed_update_prepare        (BantinFeedUpdate          *update,
                                                   GTimeZone                 *tz);
void            bantin_feed_update_clear          (BantinFeedUpdate          *update);

/* Articles. */
GArray         *bantin_store_query_ids            (BantinStore               *self,
                                                   const BantinArticleQuery  *query,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
BantinArticle  *bantin_store_get_article          (BantinStore               *self,
                                                   gint64                     article_id,
                                                   gboolean                   with_content,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
GArray         *bantin_store_count_days           (BantinStore               *self,
                                                   const BantinArticleQuery  *query,
                                                   BantinDay                  first,
                                                   BantinDay                  last,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
BantinDay       bantin_store_find_day_with_articles (BantinStore             *self,
                                                   const BantinArticleQuery  *query,
                                                   BantinDay                  from,
                                                   int                        direction,
                                                   GError                   **error);
gboolean        bantin_store_set_read             (BantinStore               *self,
                                                   const gint64              *ids,
                                                   guint                      n_ids,
                                                   gboolean                   read,
                                                   GError                   **error);
gboolean        bantin_store_set_starred          (BantinStore               *self,
                                                   const gint64              *ids,
                                                   guint                      n_ids,
                                                   gboolean                   starred,
                                                   GError                   **error);
guint           bantin_store_mark_query_read      (BantinStore               *self,
                                                   const BantinArticleQuery  *query,
                                                   GError                   **error);
gboolean        bantin_store_catch_up_search_index (BantinStore              *self,
                                                   GError                   **error);

/* Offline content: images saved during sync, content-addressed under
 * <data dir>/images/. The window shows images only from here. */
typedef struct
{
  char   *url;
  char   *path;     /* NULL when the image is not in the cache. */
  gint64  bytes;
} BantinArticleImage;

GPtrArray      *bantin_store_list_article_images  (BantinStore               *self,
                                                   gint64                     article_id,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
char           *bantin_store_dup_image_path       (BantinStore               *self,
                                                   const char                *url) G_GNUC_WARN_UNUSED_RESULT;
char           *bantin_store_dup_image_dir        (BantinStore               *self) G_GNUC_WARN_UNUSED_RESULT;
void            bantin_article_image_free         (BantinArticleImage        *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinArticleImage, bantin_article_image_free)

/* Whether syncs fetch the page of every new article of the feed, not only
 * of those whose feed content is a summary. */
gboolean        bantin_store_get_feed_fetch_full  (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   GError                   **error);
gboolean        bantin_store_set_feed_fetch_full  (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   gboolean                   fetch_full,
                                                   GError                   **error);

/* The sync's side: every article a sync adds is owed its page and images
 * (see bantin-store.c, version 5). These are for the sync engine. */
typedef struct
{
  gint64    article_id;
  gint64    feed_id;
  char     *link;          /* The article's page, or NULL. */
  char     *base_url;      /* What @content's relative links resolve
                            * against: @link, else the feed's URL. */
  char     *content;       /* The feed's HTML as stored (as sent), or NULL. */
  char     *image_url;     /* The item's picture, or NULL. */
  gboolean  page_settled;  /* Only the images are still owed. */
  gboolean  fetch_full;    /* The feed's setting. */
} BantinOfflineWork;

typedef struct
{
  const char *url;            /* Where the page came from, or NULL when it was not fetched. */
  int         http_status;
  const char *error_message;  /* NULL on success. */
  gboolean    retry;          /* The failure may pass: try again in a later sync. */
  const char *full_content;   /* Sanitized HTML, only when better than the feed's. */
  gsize       text_length;    /* Characters of text extracted. */
} BantinArticlePage;

typedef struct
{
  const char *url;
  const char *hash;           /* The name in the image cache; NULL on failure. */
  gint64      bytes;
  const char *mime_type;
  const char *error_message;
  gboolean    retry;
} BantinImageResult;

/* Tries before a page or an image that keeps failing is given up. */
#define BANTIN_STORE_MAX_PAGE_TRIES  3
#define BANTIN_STORE_MAX_IMAGE_TRIES 3

GPtrArray      *bantin_store_list_offline_work    (BantinStore               *self,
                                                   gint64                     feed_id,
                                                   gboolean                   pages_only,
                                                   guint                      limit,
                                                   GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean        bantin_store_save_article_page    (BantinStore               *self,
                                                   gint64                     article_id,
                                                   const BantinArticlePage   *page,
                                                   const char * const        *image_urls,
                                                   gboolean                   images_wanted,
                                                   char                    ***out_download,
                                                   GError                   **error);
gboolean        bantin_store_save_article_images  (BantinStore               *self,
                                                   gint64                     article_id,
                                                   const BantinImageResult   *results,
                                                   guint                      n_results,
                                                   gboolean                   complete,
                                                   GError                   **error);
void            bantin_offline_work_free          (BantinOfflineWork         *work);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinOfflineWork, bantin_offline_work_free)

/* Sorts every article into its local day in @tz again, after the zone of
 * the reading day changed. */
gboolean        bantin_store_recompute_days       (BantinStore               *self,
                                                   GTimeZone                 *tz,
                                                   guint                     *out_changed,
                                                   GError                   **error);

/* Keeping the cache in bounds. */
typedef struct
{
  guint    articles_removed;
  guint    images_removed;
  guint64  bytes_freed;      /* Image files deleted. */
  gboolean vacuumed;
} BantinCleanupStats;

gboolean        bantin_store_cleanup              (BantinStore               *self,
                                                   guint                      retention_days,
                                                   BantinCleanupStats        *out_stats,
                                                   GError                   **error);
guint64         bantin_store_get_cache_size       (BantinStore               *self,
                                                   GError                   **error);

G_END_DECLS
