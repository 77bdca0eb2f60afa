/* bantin-store-private.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bantin-store.h"
#include "bantin-word-set.h"

G_BEGIN_DECLS

/* The schema version this build writes; see the migration steps in
 * bantin-store.c. */
#define BANTIN_STORE_SCHEMA_VERSION 7

/* The search index and the list order use one key per article,
 * published * 2^20 + a small tie-breaker, so that sorting by the key is
 * sorting by date and an FTS5 rowid range is a date range. */
#define BANTIN_SORT_KEY_SHIFT ((gint64) 1 << 20)

/* The columns every article row is read with, in the order that
 * _bantin_article_new_from_row() expects. "a" is articles, "f" feeds. */
#define BANTIN_ARTICLE_COLUMNS \
  "a.id, a.feed_id, COALESCE (f.user_title, f.title, f.url), a.guid, a.title, a.link, " \
  "a.author, a.summary, a.published, a.local_day, a.fetched, a.read, a.starred, a.image_url"
#define BANTIN_ARTICLE_N_COLUMNS 14

/* What the relative links of an article's stored HTML (as the feed sent
 * it) resolve against: its own address, else its feed's ("a" is the
 * article, "f" its feed). */
#define BANTIN_ARTICLE_BASE_URL "COALESCE (NULLIF (a.link, ''), f.url)"

#define BANTIN_FEED_COLUMNS \
  "f.id, f.url, COALESCE (f.user_title, f.title, f.url), f.site_url, f.folder, f.last_status, " \
  "f.last_error, f.last_success, f.next_check, f.gone"
#define BANTIN_FEED_N_COLUMNS 10

/* A prepared statement borrowed from the connection's cache; g_autoptr()
 * resets it, which also ends the read transaction it may hold. */
typedef sqlite3_stmt BantinStmt;
void _bantin_stmt_release (BantinStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinStmt, _bantin_stmt_release)

struct _BantinStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *image_dir;    /* Computed on first use; NULL for :memory:. */
  GHashTable *statements;   /* SQL text -> sqlite3_stmt */
  int         schema_version;
  GHashTable *known_terms;  /* See record_terms() in bantin-store-update.c. */

  /* See bantin_store_hand_off_checkpoints(). */
  guint                 checkpoint_pages;
  BantinCheckpointFunc  checkpoint_func;
  gpointer              checkpoint_data;
};

/* Connection helpers shared by the bantin-store-*.c files. */
BantinStmt    *_bantin_store_prepare        (BantinStore   *self,
                                             const char    *sql,
                                             GError       **error);
gboolean       _bantin_store_exec           (BantinStore   *self,
                                             const char    *sql,
                                             GError       **error);
gboolean       _bantin_store_begin          (BantinStore   *self,
                                             GError       **error);
gboolean       _bantin_store_commit         (BantinStore   *self,
                                             GError       **error);
void           _bantin_store_rollback       (BantinStore   *self);
void           _bantin_store_set_error      (BantinStore   *self,
                                             int            rc,
                                             GError       **error);
sqlite3       *_bantin_store_get_db         (BantinStore   *self);

/* Opens @path and applies only the first @n_steps migrations: for tests
 * that build a database as an earlier version of Bantin left it. */
BantinStore   *_bantin_store_open_at_version (const char   *path,
                                              int           n_steps,
                                              GError      **error);

/* The folded text for the search index of one article, shared with the
 * migration that builds the index for existing articles. */
char          *_bantin_store_search_body    (const char    *content_html);

/* Inserts @words into the vocabulary that prefix searches are expanded
 * with (search_terms), in the caller's transaction. */
gboolean       _bantin_store_add_terms      (BantinStore   *self,
                                             BantinWordSet *words,
                                             GError       **error);
gboolean       _bantin_store_add_text_terms (BantinStore   *self,
                                             const char    *text,
                                             GError       **error);
gboolean       _bantin_store_add_queued_terms (BantinStore *self,
                                               GError     **error);

/* The file BantinImageCache keeps the image named @hash in, under this
 * database's image folder; NULL when @hash is not an image name. */
char          *_bantin_store_build_image_path (BantinStore *self,
                                               const char  *hash);

/* Deletes the images no article shows any more, rows and files. */
gboolean       _bantin_store_remove_orphan_images (BantinStore        *self,
                                                   BantinCleanupStats *stats,
                                                   GError            **error);

/* Row constructors for the store. */
BantinArticle *_bantin_article_new_from_row (sqlite3_stmt  *stmt,
                                             int            first_column);
void           _bantin_article_set_content  (BantinArticle *self,
                                             const char    *content);
void           _bantin_article_set_full_content (BantinArticle *self,
                                                 const char    *full_content);
guint          _bantin_article_get_n_built  (void);
BantinFeed    *_bantin_feed_new_from_row    (sqlite3_stmt  *stmt,
                                             int            first_column,
                                             guint          article_count,
                                             guint          unread_count);

G_END_DECLS
