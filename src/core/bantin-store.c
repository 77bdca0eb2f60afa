/* bantin-store.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The connection, the schema and its migrations, and the feeds.
 * Articles are written in bantin-store-update.c and read in
 * bantin-store-query.c.
 *
 * Schema (version 7):
 *
 *   feeds         one row per subscription; "title" is the feed's own title
 *                 (refreshed by every sync), "user_title" the name the user
 *                 gave it, which wins.
 *   articles      one row per item, UNIQUE (feed_id, guid). "sort_key" is
 *                 published * 2^20 + a tie-breaker, unique, so ordering by
 *                 (local_day, sort_key) or by sort_key alone is ordering by
 *                 date, and every index below ends in it: a day's list,
 *                 a feed's list and a month of per-day counts are index
 *                 range scans with no sort step.
 *   search_text   the folded title and plain text of each article: the
 *                 external content of the FTS5 table "search", found by its
 *                 unique "sort_key". Rows are kept in the order they were
 *                 written (version 7), so a sync appends them.
 *   search_queue  sort_keys written by a sync but not yet in "search".
 *                 A sync writes articles + search_text + queue per feed, and
 *                 bantin_store_catch_up_search_index() indexes the whole
 *                 queue in one transaction at its end: FTS5 then builds a few
 *                 large segments instead of one small segment per feed, which
 *                 it would merge again and again.
 *   search        FTS5 over search_text (rowid = sort_key, so the newest hits
 *                 come first without sorting, and a date range is a rowid
 *                 range that FTS5 applies itself).
 *   search_terms  every word of the index, so that the prefix of the word
 *                 being typed can be written out as an OR of words. A
 *                 text's words are recorded when the text is written
 *                 (version 6), before it is indexed.
 *   article_pages the article's web page, fetched once during sync, and the
 *                 full text extracted from it (version 5).
 *   images        every image URL met in new articles, with the SHA-256
 *                 name of its bytes in the image cache once downloaded.
 *   article_images which article shows which image.
 */

#define G_LOG_DOMAIN "bantin-store"

#include "config.h"

#include "bantin-store-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

#include "bantin-html.h"
#include "bantin-text.h"

G_DEFINE_QUARK (bantin-store-error-quark, bantin_store_error)

G_DEFINE_FINAL_TYPE (BantinStore, bantin_store, G_TYPE_OBJECT)

/* SQLite waits this long for another connection's write to finish: the
 * window and a `bantin sync` from cron share one file. */
#define BUSY_TIMEOUT_MS 10000

typedef gboolean (*MigrationFunc) (BantinStore  *self,
                                   GError      **error);

static void
bantin_store_finalize (GObject *object)
{
  BantinStore *self = BANTIN_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->image_dir, g_free);
  g_clear_pointer (&self->known_terms, g_hash_table_unref);

  G_OBJECT_CLASS (bantin_store_parent_class)->finalize (object);
}

static void
bantin_store_class_init (BantinStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bantin_store_finalize;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
bantin_store_init (BantinStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            g_free, finalize_statement);
}

void
_bantin_stmt_release (BantinStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

sqlite3 *
_bantin_store_get_db (BantinStore *self)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);
  return self->db;
}

/* SQLite says SQLITE_FULL only when a write meets ENOSPC; a quota
 * (EDQUOT) or a file size limit (EFBIG) comes back as a plain write error,
 * and by the time it is reported errno has usually been overwritten. Both
 * mean the same to the user as a full disk, so a failed write is taken for
 * one when the errno survived, when the disk is nearly full, or when this
 * process may not grow files freely. */
static gboolean
write_failed_for_room (sqlite3    *db,
                       const char *path)
{
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;
  g_autofree char *dir = NULL;
  struct statvfs fs;
  struct rlimit limit;

  if (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG)
    return TRUE;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return TRUE;

  if (path == NULL || g_str_has_prefix (path, "file:") || strcmp (path, ":memory:") == 0)
    return FALSE;

  dir = g_path_get_dirname (path);
  return statvfs (dir, &fs) == 0 &&
         (guint64) fs.f_bavail * fs.f_frsize < 16 * 1024 * 1024;
}

static void
set_error_for_db (sqlite3     *db,
                  const char  *path,
                  int          rc,
                  GError     **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if (rc == SQLITE_IOERR_WRITE && write_failed_for_room (db, path))
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_FULL,
                           _("The disk is full. Free some space and try again."));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_CORRUPT,
                   _("The article database “%s” is damaged or is not a Bantin database."),
                   path != NULL ? path : "");
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_FAILED,
                           _("The article database is busy in another program. Try again in a moment."));
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_FAILED,
                   _("Cannot open the article database “%s” for writing (%s)."),
                   path != NULL ? path : "", detail);
      break;

    case SQLITE_IOERR:
      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_FAILED,
                   _("Cannot read or write the article database (%s)."), detail);
      break;

    case SQLITE_NOMEM:
      g_set_error_literal (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_FAILED,
                           _("Not enough memory to use the article database."));
      break;

    default:
      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_FAILED,
                   _("Article database error: %s"), detail);
      break;
    }
}

void
_bantin_store_set_error (BantinStore  *self,
                         int           rc,
                         GError      **error)
{
  set_error_for_db (self->db, self->path, rc, error);
}

/**
 * _bantin_store_prepare:
 *
 * Returns the connection's cached statement for @sql, prepared on first
 * use. Declare the result with g_autoptr(BantinStmt) so that it is reset
 * when it goes out of scope.
 */
BantinStmt *
_bantin_store_prepare (BantinStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_warning ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_bantin_store_exec (BantinStore  *self,
                    const char   *sql,
                    GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Write transactions take the write lock at once (IMMEDIATE), so that
 * waiting for another writer goes through the busy timeout instead of
 * failing half-way when a read would have to turn into a write. */
gboolean
_bantin_store_begin (BantinStore  *self,
                     GError      **error)
{
  return _bantin_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_bantin_store_commit (BantinStore  *self,
                      GError      **error)
{
  if (!_bantin_store_exec (self, "COMMIT", error))
    {
      _bantin_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_bantin_store_rollback (BantinStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
read_user_version (BantinStore  *self,
                   GError      **error)
{
  g_autoptr(BantinStmt) stmt = _bantin_store_prepare (self, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bantin_store_set_error (self, rc, error);
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

/* Migrations. Each step runs in its own transaction together with the
 * user_version bump, so a crash leaves the file at a version it really
 * has. Steps are never edited once released: a change to the schema is a
 * new step at the end. Tables that hang off an article reference
 * articles (id) ON DELETE CASCADE. */

/* Version 1: feeds and articles with their indexes. */
static gboolean
migrate_to_v1 (BantinStore  *self,
               GError      **error)
{
  return _bantin_store_exec (self,
    "CREATE TABLE feeds ("
    "  id            INTEGER PRIMARY KEY,"
    "  url           TEXT NOT NULL UNIQUE,"
    "  title         TEXT,"
    "  user_title    TEXT,"
    "  site_url      TEXT,"
    "  folder        TEXT,"
    "  etag          TEXT,"
    "  last_modified TEXT,"
    "  last_status   INTEGER NOT NULL DEFAULT 0,"
    "  last_error    TEXT,"
    "  last_success  INTEGER NOT NULL DEFAULT 0,"
    "  last_checked  INTEGER NOT NULL DEFAULT 0,"
    "  next_check    INTEGER NOT NULL DEFAULT 0,"
    "  gone          INTEGER NOT NULL DEFAULT 0,"
    "  created       INTEGER NOT NULL"
    ");"
    "CREATE INDEX feeds_folder ON feeds (folder) WHERE folder IS NOT NULL;"
    "CREATE TABLE articles ("
    "  id         INTEGER PRIMARY KEY,"
    "  feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,"
    "  guid       TEXT NOT NULL,"
    "  link       TEXT,"
    "  title      TEXT,"
    "  author     TEXT,"
    "  summary    TEXT,"
    "  content    TEXT,"
    "  published  INTEGER NOT NULL,"
    "  local_day  INTEGER NOT NULL,"
    "  sort_key   INTEGER NOT NULL,"
    "  fetched    INTEGER NOT NULL,"
    "  hash       INTEGER NOT NULL,"
    "  read       INTEGER NOT NULL DEFAULT 0,"
    "  starred    INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (feed_id, guid)"
    ");"
    /* Every index ends in sort_key, so each serves "newest first". */
    "CREATE UNIQUE INDEX articles_sort ON articles (sort_key);"
    "CREATE INDEX articles_day ON articles (local_day, sort_key);"
    "CREATE INDEX articles_feed_day ON articles (feed_id, local_day, sort_key);"
    "CREATE INDEX articles_unread ON articles (feed_id, local_day, sort_key) WHERE read = 0;"
    "CREATE INDEX articles_starred ON articles (local_day, sort_key) WHERE starred = 1;",
    error);
}

char *
_bantin_store_search_body (const char *content_html)
{
  g_autofree char *text = bantin_html_to_text (content_html, 0);

  return bantin_text_fold (text);
}

/* Version 2: the full-text index. Articles stored by version 1 get their
 * search text here and wait in the queue to be indexed. */
static gboolean
migrate_to_v2 (BantinStore  *self,
               GError      **error)
{
  g_autoptr(BantinStmt) select = NULL;
  g_autoptr(BantinStmt) insert = NULL;
  g_autoptr(BantinStmt) enqueue = NULL;
  int rc;

  if (!_bantin_store_exec (self,
        "CREATE TABLE search_text ("
        "  sort_key INTEGER PRIMARY KEY,"
        "  title    TEXT NOT NULL,"
        "  body     TEXT NOT NULL"
        ");"
        "CREATE TABLE search_queue (sort_key INTEGER PRIMARY KEY);"
        "CREATE VIRTUAL TABLE search USING fts5 ("
        "  title, body,"
        "  content = 'search_text', content_rowid = 'sort_key',"
        "  tokenize = 'unicode61 remove_diacritics 2'"
        ");"
        /* FTS5 flushes a segment whenever its pending terms pass this
         * size (1 MiB by default) and merges the segments again and
         * again; with 16 MiB, indexing a sync's queue took 40 % less
         * time. The setting is stored in the database. */
        "INSERT INTO search (search, rank) VALUES ('hashsize', 16777216);",
        error))
    return FALSE;

  select = _bantin_store_prepare (self,
                                  "SELECT sort_key, title, COALESCE (content, summary) FROM articles",
                                  error);
  insert = _bantin_store_prepare (self,
                                  "INSERT INTO search_text (sort_key, title, body) VALUES (?, ?, ?)",
                                  error);
  enqueue = _bantin_store_prepare (self,
                                   "INSERT INTO search_queue (sort_key) VALUES (?)",
                                   error);
  if (select == NULL || insert == NULL || enqueue == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 sort_key = sqlite3_column_int64 (select, 0);
      g_autofree char *title = bantin_text_fold ((const char *) sqlite3_column_text (select, 1));
      g_autofree char *body = _bantin_store_search_body ((const char *) sqlite3_column_text (select, 2));

      sqlite3_bind_int64 (insert, 1, sort_key);
      sqlite3_bind_text (insert, 2, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, body, -1, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        break;

      sqlite3_bind_int64 (enqueue, 1, sort_key);
      rc = sqlite3_step (enqueue);
      sqlite3_reset (enqueue);
      if (rc != SQLITE_DONE)
        break;
    }

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Version 3: what the parser gives beyond version 1: the item's picture
 * (for thumbnails and the image cache of a later release) and its
 * "updated" date. */
static gboolean
migrate_to_v3 (BantinStore  *self,
               GError      **error)
{
  return _bantin_store_exec (self,
                             "ALTER TABLE articles ADD COLUMN image_url TEXT;"
                             "ALTER TABLE articles ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;",
                             error);
}

/* Version 4: the vocabulary of the search index. FTS5 answers a prefix
 * query ("la*") by merging the whole posting lists of every word with that
 * prefix before it can return the first hit, which took 0.1–0.6 s on
 * 200,000 articles for the one or two letters just typed; the same words
 * written out as an OR are read lazily, newest first, in a few ms. This
 * table lists the words so a prefix can be written out. */
static gboolean
migrate_to_v4 (BantinStore  *self,
               GError      **error)
{
  g_autoptr(BantinWordSet) terms = _bantin_word_set_new ();
  g_autoptr(BantinStmt) select = NULL;
  int rc;

  if (!_bantin_store_exec (self,
                           "CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;",
                           error))
    return FALSE;

  select = _bantin_store_prepare (self, "SELECT title, body FROM search_text", error);
  if (select == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      _bantin_word_set_add_text (terms, (const char *) sqlite3_column_text (select, 0));
      _bantin_word_set_add_text (terms, (const char *) sqlite3_column_text (select, 1));
    }

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return _bantin_store_add_terms (self, terms, error);
}

/* Version 5: offline content. Every article a sync adds gets a row in
 * article_pages at once, in the same transaction: the row is the durable
 * to-do item for its page and images ("state" 0: nothing done yet; 1: the
 * page is settled, fetched or not needed or failed for good; 2: its images
 * were tried too), so a sync that is killed half-way resumes where it
 * stopped and a page is never fetched twice. Articles stored before this
 * version get no row and no work. Images are shared by URL and named in the
 * image cache by the SHA-256 of their bytes ("hash"); article_images links
 * them to articles, and an image without links is deleted with its file. */
static gboolean
migrate_to_v5 (BantinStore  *self,
               GError      **error)
{
  return _bantin_store_exec (self,
    "ALTER TABLE feeds ADD COLUMN fetch_full INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE article_pages ("
    "  article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  url          TEXT,"
    "  state        INTEGER NOT NULL DEFAULT 0,"
    "  status       INTEGER NOT NULL DEFAULT 0,"
    "  tries        INTEGER NOT NULL DEFAULT 0,"
    "  fetched      INTEGER NOT NULL DEFAULT 0,"
    "  error        TEXT,"
    "  full_content TEXT,"
    "  text_length  INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX article_pages_pending ON article_pages (state) WHERE state < 2;"
    "CREATE TABLE images ("
    "  id      INTEGER PRIMARY KEY,"
    "  url     TEXT NOT NULL UNIQUE,"
    "  hash    TEXT,"
    "  bytes   INTEGER NOT NULL DEFAULT 0,"
    "  mime    TEXT,"
    "  tries   INTEGER NOT NULL DEFAULT 0,"
    "  fetched INTEGER NOT NULL DEFAULT 0,"
    "  error   TEXT"
    ");"
    "CREATE INDEX images_hash ON images (hash) WHERE hash IS NOT NULL;"
    "CREATE TABLE article_images ("
    "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  image_id   INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,"
    "  position   INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (article_id, image_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX article_images_image ON article_images (image_id);",
    error);
}

/* Version 6: the words of a text are recorded in search_terms when the
 * text is written (on the writer thread, from a list made on a parser
 * thread), no longer when the search queue is indexed. The texts queued
 * by an older Bantin get theirs here. No table changes. */
static gboolean
migrate_to_v6 (BantinStore  *self,
               GError      **error)
{
  return _bantin_store_add_queued_terms (self, error);
}

/* Version 7: search_text in the order its rows were written, with the
 * sort key in a unique index of its own. Keyed by the sort key, a row of
 * about 3 KB went to its date's place in the table, and each one split a
 * full page and rebalanced its neighbours: a cold sync wrote every page of
 * search_text 4.4 times, 60 % of everything it wrote. Now a sync's rows
 * are appended, and only the small index takes random inserts. FTS5 finds
 * a row through "content_rowid = 'sort_key'", which needs only that the
 * column be unique and indexed, so the index itself is unchanged. */
static gboolean
migrate_to_v7 (BantinStore  *self,
               GError      **error)
{
  return _bantin_store_exec (self,
    "CREATE TABLE search_text_v7 ("
    "  id       INTEGER PRIMARY KEY,"
    "  sort_key INTEGER NOT NULL UNIQUE,"
    "  title    TEXT NOT NULL,"
    "  body     TEXT NOT NULL"
    ");"
    "INSERT INTO search_text_v7 (sort_key, title, body)"
    " SELECT sort_key, title, body FROM search_text ORDER BY sort_key;"
    "DROP TABLE search_text;"
    "ALTER TABLE search_text_v7 RENAME TO search_text;",
    error);
}

static const MigrationFunc migrations[] = {
  migrate_to_v1,
  migrate_to_v2,
  migrate_to_v3,
  migrate_to_v4,
  migrate_to_v5,
  migrate_to_v6,
  migrate_to_v7,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BANTIN_STORE_SCHEMA_VERSION);

static gboolean
migrate (BantinStore  *self,
         int           target,
         GError      **error)
{
  int version = read_user_version (self, error);

  if (version < 0)
    return FALSE;

  if (version > BANTIN_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_TOO_NEW,
                   _("The article database “%s” was written by a newer version of Bantin. "
                     "Update Bantin to open it."),
                   self->path);
      return FALSE;
    }

  while (version < target)
    {
      g_autofree char *bump = NULL;

      if (!_bantin_store_begin (self, error))
        return FALSE;

      /* Another process may have migrated while we waited for the lock. */
      version = read_user_version (self, error);
      if (version < 0)
        {
          _bantin_store_rollback (self);
          return FALSE;
        }
      if (version >= target)
        {
          _bantin_store_rollback (self);
          break;
        }

      g_debug ("Migrating %s to schema version %d", self->path, version + 1);

      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!migrations[version] (self, error) ||
          !_bantin_store_exec (self, bump, error) ||
          !_bantin_store_commit (self, error))
        {
          _bantin_store_rollback (self);
          g_prefix_error (error, _("Cannot upgrade the article database: "));
          return FALSE;
        }

      version++;
    }

  /* Statements prepared against an older schema are stale now. */
  g_hash_table_remove_all (self->statements);
  self->schema_version = read_user_version (self, error);

  return self->schema_version >= 0;
}

static BantinStore *
open_store (const char  *path,
            int          target_version,
            GError     **error)
{
  g_autoptr(BantinStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (path, ":memory:") != 0 && !g_str_has_prefix (path, "file:"))
    {
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_FAILED,
                       _("Cannot create the folder “%s”: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  self = g_object_new (BANTIN_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* One connection per thread, so SQLite's own mutexes are not needed. */
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* The first statement reads the header: a file that is not a database
   * fails here with SQLITE_NOTADB. */
  if (!_bantin_store_exec (self,
                           "PRAGMA journal_mode = WAL;"
                           "PRAGMA synchronous = NORMAL;"
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA temp_store = MEMORY;"
                           "PRAGMA cache_size = -2048;", /* 2 MiB */
                           error))
    return NULL;

  if (!migrate (self, target_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Runs after each commit of a store whose checkpoints were handed off,
 * in place of SQLite's automatic checkpoint. */
static int
wal_committed_cb (gpointer    user_data,
                  sqlite3    *db,
                  const char *db_name,
                  int         n_pages)
{
  BantinStore *self = user_data;

  if (n_pages >= 0 && (guint) n_pages >= self->checkpoint_pages)
    self->checkpoint_func (self->checkpoint_data);

  return SQLITE_OK;
}

/**
 * bantin_store_hand_off_checkpoints:
 * @min_pages: how many pages the log must hold before @func is called
 * @func: (nullable): called on the store's thread after a commit that
 *   leaves at least @min_pages in the log; %NULL gives the checkpoints
 *   back to SQLite
 * @user_data: for @func
 *
 * By default the connection whose commit makes the write-ahead log pass
 * a thousand pages copies the log into the database file itself, before
 * its commit returns. A writer that commits feed after feed then spends a
 * fifth of its time copying, and copies again the pages that every
 * commit rewrites. Handed off, the copying is left to @func, which
 * typically asks another thread to call bantin_store_checkpoint() with
 * its own store, while this one goes on writing.
 */
void
bantin_store_hand_off_checkpoints (BantinStore          *self,
                                   guint                 min_pages,
                                   BantinCheckpointFunc  func,
                                   gpointer              user_data)
{
  g_return_if_fail (BANTIN_IS_STORE (self));

  self->checkpoint_pages = min_pages;
  self->checkpoint_func = func;
  self->checkpoint_data = user_data;

  /* Either call replaces the other's hook. */
  if (func != NULL)
    sqlite3_wal_hook (self->db, wal_committed_cb, self);
  else
    sqlite3_wal_autocheckpoint (self->db, 1000);   /* SQLite's default. */
}

/**
 * bantin_store_checkpoint:
 *
 * Copies into the database file what the write-ahead log holds and no
 * reader still needs, without waiting for readers or writers and without
 * blocking them (a passive checkpoint). The next commit after a complete
 * checkpoint starts the log again from its beginning.
 */
gboolean
bantin_store_checkpoint (BantinStore  *self,
                         GError      **error)
{
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  /* Busy: another connection is checkpointing already. */
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * bantin_store_default_path:
 *
 * Returns: the database of the user: $XDG_DATA_HOME/bantin/bantin.db.
 */
char *
bantin_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "bantin", "bantin.db", NULL);
}

/**
 * bantin_store_open:
 * @path: the database file; its folder is created if needed
 *
 * Opens a connection to @path and brings its schema up to date. Fails with
 * %BANTIN_STORE_ERROR_TOO_NEW when a newer Bantin wrote the file and with
 * %BANTIN_STORE_ERROR_CORRUPT when it is not a database.
 */
BantinStore *
bantin_store_open (const char  *path,
                   GError     **error)
{
  return open_store (path, BANTIN_STORE_SCHEMA_VERSION, error);
}

BantinStore *
_bantin_store_open_at_version (const char  *path,
                               int          n_steps,
                               GError     **error)
{
  g_return_val_if_fail (n_steps >= 0 && n_steps <= BANTIN_STORE_SCHEMA_VERSION, NULL);

  return open_store (path, n_steps, error);
}

const char *
bantin_store_get_path (BantinStore *self)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);
  return self->path;
}

int
bantin_store_get_schema_version (BantinStore *self)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), 0);
  return self->schema_version;
}

/* Feeds. */

static void
set_feed_not_found (GError **error,
                    gint64   feed_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, feed_id);

  g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND,
               _("There is no subscription number %s."), number);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/**
 * bantin_store_add_feed:
 * @url: the feed's address
 * @title: (nullable): its title, if known; a sync replaces it by the
 *   feed's own title unless the user renamed the feed
 * @folder: (nullable): a folder name
 *
 * Subscribes to @url. If @url is already subscribed, nothing changes: the
 * existing subscription's id is returned AND @error is set to
 * %BANTIN_STORE_ERROR_EXISTS, so a caller may treat that as success.
 *
 * Returns: the feed's id, or 0 on other errors.
 */
gint64
bantin_store_add_feed (BantinStore  *self,
                       const char   *url,
                       const char   *title,
                       const char   *folder,
                       GError      **error)
{
  g_autoptr(BantinStmt) find = NULL;
  g_autoptr(BantinStmt) insert = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), 0);
  g_return_val_if_fail (url != NULL && *url != '\0', 0);

  find = _bantin_store_prepare (self, "SELECT id FROM feeds WHERE url = ?", error);
  if (find == NULL)
    return 0;

  sqlite3_bind_text (find, 1, url, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      gint64 existing = sqlite3_column_int64 (find, 0);

      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS,
                   _("You are already subscribed to “%s”."), url);
      return existing;
    }
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return 0;
    }

  insert = _bantin_store_prepare (self,
                                  "INSERT INTO feeds (url, title, folder, created) VALUES (?, ?, ?, ?)",
                                  error);
  if (insert == NULL)
    return 0;

  sqlite3_bind_text (insert, 1, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, nonempty (title), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, nonempty (folder), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 4, g_get_real_time () / G_USEC_PER_SEC);

  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

/**
 * bantin_store_remove_feed:
 *
 * Unsubscribes and deletes the feed's articles and their search entries,
 * pages and images (the images no other article shows, files included).
 */
gboolean
bantin_store_remove_feed (BantinStore  *self,
                          gint64        feed_id,
                          GError      **error)
{
  static const char * const steps[] = {
    /* Indexed entries of an external-content FTS5 table are removed by
     * giving it back the text that was indexed. */
    "INSERT INTO search (search, rowid, title, body)"
    " SELECT 'delete', t.sort_key, t.title, t.body"
    " FROM articles a JOIN search_text t ON t.sort_key = a.sort_key"
    " WHERE a.feed_id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM search_queue q WHERE q.sort_key = a.sort_key)",
    "DELETE FROM search_queue WHERE sort_key IN"
    " (SELECT sort_key FROM articles WHERE feed_id = ?1)",
    "DELETE FROM search_text WHERE sort_key IN"
    " (SELECT sort_key FROM articles WHERE feed_id = ?1)",
    "DELETE FROM feeds WHERE id = ?1",
  };
  g_autoptr(GError) orphan_error = NULL;
  gsize i;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  if (!_bantin_store_begin (self, error))
    return FALSE;

  for (i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(BantinStmt) stmt = _bantin_store_prepare (self, steps[i], error);
      int rc;

      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, feed_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _bantin_store_set_error (self, rc, error);
          goto failed;
        }

      if (i == G_N_ELEMENTS (steps) - 1 && sqlite3_changes (self->db) == 0)
        {
          set_feed_not_found (error, feed_id);
          goto failed;
        }
    }

  if (!_bantin_store_commit (self, error))
    return FALSE;

  /* The feed is gone either way; its images are only room. */
  if (!_bantin_store_remove_orphan_images (self, NULL, &orphan_error))
    g_warning ("Cannot remove the images of feed %" G_GINT64_FORMAT ": %s",
               feed_id, orphan_error->message);

  return TRUE;

failed:
  _bantin_store_rollback (self);
  return FALSE;
}

static gboolean
update_feed_text (BantinStore  *self,
                  const char   *sql,
                  gint64        feed_id,
                  const char   *text,
                  GError      **error)
{
  g_autoptr(BantinStmt) stmt = _bantin_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, nonempty (text), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, feed_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      set_feed_not_found (error, feed_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * bantin_store_rename_feed:
 * @title: (nullable): the new name; %NULL or "" goes back to the feed's
 *   own title
 */
gboolean
bantin_store_rename_feed (BantinStore  *self,
                          gint64        feed_id,
                          const char   *title,
                          GError      **error)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  return update_feed_text (self, "UPDATE feeds SET user_title = ? WHERE id = ?",
                           feed_id, title, error);
}

/**
 * bantin_store_set_feed_folder:
 * @folder: (nullable): the folder; %NULL or "" for none
 */
gboolean
bantin_store_set_feed_folder (BantinStore  *self,
                              gint64        feed_id,
                              const char   *folder,
                              GError      **error)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  return update_feed_text (self, "UPDATE feeds SET folder = ? WHERE id = ?",
                           feed_id, folder, error);
}

/**
 * bantin_store_rename_folder:
 * @folder: the folder's name
 * @new_name: (nullable): its new name; the feeds join that folder when it
 *   exists already, and leave every folder when it is %NULL or ""
 *
 * Moves every feed of @folder at once, in one statement.
 */
gboolean
bantin_store_rename_folder (BantinStore  *self,
                            const char   *folder,
                            const char   *new_name,
                            GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  stmt = _bantin_store_prepare (self, "UPDATE feeds SET folder = ? WHERE folder = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, nonempty (new_name), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The counts come from the index on (feed_id, …) and from the partial
 * index of unread articles, never from the rows themselves. */
#define FEED_SELECT \
  "SELECT " BANTIN_FEED_COLUMNS "," \
  " (SELECT count(*) FROM articles a WHERE a.feed_id = f.id)," \
  " (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0)" \
  " FROM feeds f"

static BantinFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  return _bantin_feed_new_from_row (stmt, 0,
                                    sqlite3_column_int (stmt, BANTIN_FEED_N_COLUMNS),
                                    sqlite3_column_int (stmt, BANTIN_FEED_N_COLUMNS + 1));
}

static BantinFeed *
get_one_feed (BantinStore  *self,
              const char   *sql,
              gint64        feed_id,
              const char   *url,
              GError      **error)
{
  g_autoptr(BantinStmt) stmt = _bantin_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (url != NULL)
    sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, feed_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return feed_from_row (stmt);

  if (rc != SQLITE_DONE)
    _bantin_store_set_error (self, rc, error);
  else if (url == NULL)
    set_feed_not_found (error, feed_id);

  return NULL;
}

/**
 * bantin_store_get_feed:
 *
 * Returns: the feed with its counts, or %NULL with
 *   %BANTIN_STORE_ERROR_NOT_FOUND.
 */
BantinFeed *
bantin_store_get_feed (BantinStore  *self,
                       gint64        feed_id,
                       GError      **error)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);

  return get_one_feed (self, FEED_SELECT " WHERE f.id = ?", feed_id, NULL, error);
}

/**
 * bantin_store_find_feed:
 *
 * Returns: the feed subscribed at exactly @url, or %NULL without an error
 *   when there is none.
 */
BantinFeed *
bantin_store_find_feed (BantinStore  *self,
                        const char   *url,
                        GError      **error)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return get_one_feed (self, FEED_SELECT " WHERE f.url = ?", 0, url, error);
}

/**
 * bantin_store_list_feeds:
 *
 * Returns: (element-type BantinFeed): every feed with its article and
 *   unread counts, feeds without a folder first, then by folder and by
 *   title.
 */
GPtrArray *
bantin_store_list_feeds (BantinStore  *self,
                         GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);

  stmt = _bantin_store_prepare (self,
                                FEED_SELECT
                                " ORDER BY f.folder IS NOT NULL, f.folder COLLATE NOCASE,"
                                " COALESCE (f.user_title, f.title, f.url) COLLATE NOCASE, f.id",
                                error);
  if (stmt == NULL)
    return NULL;

  feeds = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&feeds);
}

/**
 * bantin_store_get_feed_validators:
 * @out_url: (out) (optional): the feed's URL
 * @out_etag: (out) (optional) (nullable): the ETag of the last response
 * @out_last_modified: (out) (optional) (nullable): its Last-Modified
 *
 * Gives what a conditional request for the feed needs.
 */
gboolean
bantin_store_get_feed_validators (BantinStore  *self,
                                  gint64        feed_id,
                                  char        **out_url,
                                  char        **out_etag,
                                  char        **out_last_modified,
                                  GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  stmt = _bantin_store_prepare (self,
                                "SELECT url, etag, last_modified FROM feeds WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, feed_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_feed_not_found (error, feed_id);
      else
        _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  if (out_url != NULL)
    *out_url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (out_etag != NULL)
    *out_etag = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (out_last_modified != NULL)
    *out_last_modified = g_strdup ((const char *) sqlite3_column_text (stmt, 2));

  return TRUE;
}
