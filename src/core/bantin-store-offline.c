/* bantin-store-offline.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Offline content: the article pages a sync fetched and the text
 * extracted from them, the images saved for each article, and keeping the
 * cache in bounds (retention, orphan images, VACUUM).
 *
 * Images are files in a content-addressed cache (BantinImageCache) beside
 * the database, <data dir>/images/ab/abcdef…; the "images" table maps each
 * URL to the SHA-256 name of its bytes. The window looks images up by URL
 * (bantin_store_dup_image_path()) while it lays out the stored HTML, which
 * is never rewritten. */

#define G_LOG_DOMAIN "bantin-store"

#include "config.h"

#include "bantin-store-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#define IMAGE_HASH_LEN 64

void
bantin_article_image_free (BantinArticleImage *image)
{
  if (image == NULL)
    return;

  g_free (image->url);
  g_free (image->path);
  g_free (image);
}

/* The database's folder, or NULL for an in-memory database. */
static char *
dup_data_dir (BantinStore *self)
{
  g_autofree char *file = NULL;

  if (self->path == NULL || strcmp (self->path, ":memory:") == 0)
    return NULL;

  if (g_str_has_prefix (self->path, "file:"))
    {
      g_autofree char *uri = g_strdup (self->path);
      char *query = strchr (uri, '?');

      if (query != NULL)
        *query = '\0';
      file = g_filename_from_uri (uri, NULL, NULL);
      if (file == NULL || strcmp (file, ":memory:") == 0)
        return NULL;
    }
  else
    {
      file = g_strdup (self->path);
    }

  return g_path_get_dirname (file);
}

static const char *
get_image_dir (BantinStore *self)
{
  if (self->image_dir == NULL)
    {
      g_autofree char *data_dir = dup_data_dir (self);

      if (data_dir != NULL)
        self->image_dir = g_build_filename (data_dir, "images", NULL);
    }

  return self->image_dir;
}

/**
 * bantin_store_dup_image_dir:
 *
 * Returns: (nullable): the folder of the image cache that belongs to this
 *   database: "images" beside the database file. %NULL for an in-memory
 *   database, which has no place for files.
 */
char *
bantin_store_dup_image_dir (BantinStore *self)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);

  return g_strdup (get_image_dir (self));
}

static gboolean
is_image_hash (const char *hash)
{
  gsize i;

  if (hash == NULL)
    return FALSE;

  for (i = 0; i < IMAGE_HASH_LEN; i++)
    if (!g_ascii_isxdigit (hash[i]) || g_ascii_isupper (hash[i]))
      return FALSE;

  return hash[IMAGE_HASH_LEN] == '\0';
}

/* Where BantinImageCache keeps the image named @hash: <dir>/ab/abcdef…
 * NULL when @hash is not a cache name (a damaged row). */
char *
_bantin_store_build_image_path (BantinStore *self,
                                const char  *hash)
{
  const char *dir = get_image_dir (self);
  char prefix[3];

  if (dir == NULL || !is_image_hash (hash))
    return NULL;

  prefix[0] = hash[0];
  prefix[1] = hash[1];
  prefix[2] = '\0';

  return g_build_filename (dir, prefix, hash, NULL);
}

/* The file of a cached image, if it is really there: the cache may have
 * been emptied by hand, and the view then shows the placeholder rather
 * than a broken picture. */
static char *
existing_image_path (BantinStore *self,
                     const char  *hash)
{
  g_autofree char *path = _bantin_store_build_image_path (self, hash);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_steal_pointer (&path);
}

/**
 * bantin_store_dup_image_path:
 * @url: an image's absolute URL, as it appears in an article's HTML
 *   (after resolving it against the article's link) or as its image_url
 *
 * Looks up the cached copy of the image at @url. One indexed SELECT and
 * one stat(), so the window may call it for each image it lays out.
 *
 * Returns: (nullable): the file of the image, or %NULL when it was not
 *   saved (not downloaded yet, too large, failed, or removed).
 */
char *
bantin_store_dup_image_path (BantinStore *self,
                             const char  *url)
{
  g_autoptr(BantinStmt) stmt = NULL;

  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);

  if (url == NULL || *url == '\0')
    return NULL;

  stmt = _bantin_store_prepare (self,
                                "SELECT hash FROM images WHERE url = ? AND hash IS NOT NULL",
                                NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return existing_image_path (self, (const char *) sqlite3_column_text (stmt, 0));
}

/**
 * bantin_store_list_article_images:
 *
 * Lists the images of an article, in the order they appear in it (the
 * header picture first), whether saved or not.
 *
 * Returns: (element-type BantinArticleImage): the images; an article
 *   without images, or one stored before images were saved, gives an
 *   empty array.
 */
GPtrArray *
bantin_store_list_article_images (BantinStore  *self,
                                  gint64        article_id,
                                  GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  g_autoptr(GPtrArray) images = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);

  stmt = _bantin_store_prepare (self,
                                "SELECT i.url, i.hash, i.bytes"
                                " FROM article_images ai JOIN images i ON i.id = ai.image_id"
                                " WHERE ai.article_id = ?"
                                " ORDER BY ai.position, i.id",
                                error);
  if (stmt == NULL)
    return NULL;

  images = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_article_image_free);

  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BantinArticleImage *image = g_new0 (BantinArticleImage, 1);

      image->url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      image->path = existing_image_path (self, (const char *) sqlite3_column_text (stmt, 1));
      image->bytes = image->path != NULL ? sqlite3_column_int64 (stmt, 2) : 0;
      g_ptr_array_add (images, image);
    }

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&images);
}

/* Feeds. */

/**
 * bantin_store_get_feed_fetch_full:
 *
 * Returns: whether syncs fetch the page of every new article of the feed
 *   (%FALSE also on error, with @error set).
 */
gboolean
bantin_store_get_feed_fetch_full (BantinStore  *self,
                                  gint64        feed_id,
                                  GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  stmt = _bantin_store_prepare (self, "SELECT fetch_full FROM feeds WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, feed_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0) != 0;

  if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, feed_id);

      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND,
                   _("There is no subscription number %s."), number);
    }
  else
    {
      _bantin_store_set_error (self, rc, error);
    }

  return FALSE;
}

/**
 * bantin_store_set_feed_fetch_full:
 * @fetch_full: %TRUE to fetch the page of every new article, %FALSE to
 *   fetch only the pages of articles that the feed gives as a summary
 */
gboolean
bantin_store_set_feed_fetch_full (BantinStore  *self,
                                  gint64        feed_id,
                                  gboolean      fetch_full,
                                  GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  stmt = _bantin_store_prepare (self, "UPDATE feeds SET fetch_full = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, fetch_full ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, feed_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, feed_id);

      g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND,
                   _("There is no subscription number %s."), number);
      return FALSE;
    }

  return TRUE;
}

/* The sync's side. */

void
bantin_offline_work_free (BantinOfflineWork *work)
{
  if (work == NULL)
    return;

  g_free (work->link);
  g_free (work->base_url);
  g_free (work->content);
  g_free (work->image_url);
  g_free (work);
}

static gboolean
run_done (BantinStore   *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
bind_nullable_text (sqlite3_stmt *stmt,
                    int           column,
                    const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The columns bantin_store_list_offline_work() reads, in order. */
#define OFFLINE_WORK_COLUMNS \
  "a.id, a.feed_id, a.link, a.content, a.image_url, p.state, f.fetch_full, " \
  BANTIN_ARTICLE_BASE_URL

/**
 * bantin_store_list_offline_work:
 * @feed_id: the feed
 * @pages_only: list only the articles whose page is not settled yet
 *   (for a sync that saves no images)
 * @limit: the most articles to list
 *
 * Lists the feed's articles that are still owed their page or their
 * images, newest first.
 *
 * Returns: (element-type BantinOfflineWork): the articles
 */
GPtrArray *
bantin_store_list_offline_work (BantinStore  *self,
                                gint64        feed_id,
                                gboolean      pages_only,
                                guint         limit,
                                GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  g_autoptr(GPtrArray) works = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);

  /* The literal "p.state < 2" lets SQLite use the partial index of the
   * pending rows, which stays small. */
  if (pages_only)
    stmt = _bantin_store_prepare (self,
      "SELECT " OFFLINE_WORK_COLUMNS
      " FROM article_pages p JOIN articles a ON a.id = p.article_id"
      " JOIN feeds f ON f.id = a.feed_id"
      " WHERE p.state < 2 AND p.state = 0 AND a.feed_id = ?1"
      " ORDER BY a.sort_key DESC LIMIT ?2",
      error);
  else
    stmt = _bantin_store_prepare (self,
      "SELECT " OFFLINE_WORK_COLUMNS
      " FROM article_pages p JOIN articles a ON a.id = p.article_id"
      " JOIN feeds f ON f.id = a.feed_id"
      " WHERE p.state < 2 AND a.feed_id = ?1"
      " ORDER BY a.sort_key DESC LIMIT ?2",
      error);
  if (stmt == NULL)
    return NULL;

  works = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_offline_work_free);

  sqlite3_bind_int64 (stmt, 1, feed_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BantinOfflineWork *work = g_new0 (BantinOfflineWork, 1);

      work->article_id = sqlite3_column_int64 (stmt, 0);
      work->feed_id = sqlite3_column_int64 (stmt, 1);
      work->link = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      work->content = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      work->image_url = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      work->page_settled = sqlite3_column_int (stmt, 5) >= 1;
      work->fetch_full = sqlite3_column_int (stmt, 6) != 0;
      work->base_url = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (works, work);
    }

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&works);
}

/* Puts the extracted article in the search index in place of the feed's
 * text, so that a search finds words only the full article has. The index
 * is brought up to date by bantin_store_catch_up_search_index(). */
static gboolean
index_full_content (BantinStore  *self,
                    gint64        article_id,
                    const char   *full_content,
                    GError      **error)
{
  g_autoptr(BantinStmt) key = NULL;
  g_autoptr(BantinStmt) enqueue = NULL;
  g_autoptr(BantinStmt) unindex = NULL;
  g_autoptr(BantinStmt) update = NULL;
  g_autofree char *body = NULL;
  gint64 sort_key;
  int rc;

  key = _bantin_store_prepare (self, "SELECT sort_key FROM articles WHERE id = ?", error);
  if (key == NULL)
    return FALSE;

  sqlite3_bind_int64 (key, 1, article_id);
  rc = sqlite3_step (key);
  if (rc != SQLITE_ROW)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }
  sort_key = sqlite3_column_int64 (key, 0);
  _bantin_stmt_release (key);

  enqueue = _bantin_store_prepare (self,
                                   "INSERT OR IGNORE INTO search_queue (sort_key) VALUES (?)",
                                   error);
  unindex = _bantin_store_prepare (self,
    "INSERT INTO search (search, rowid, title, body)"
    " SELECT 'delete', sort_key, title, body FROM search_text WHERE sort_key = ?",
    error);
  update = _bantin_store_prepare (self,
                                  "UPDATE search_text SET body = ? WHERE sort_key = ?",
                                  error);
  if (enqueue == NULL || unindex == NULL || update == NULL)
    return FALSE;

  /* Indexed already (not in the queue): take the old text out first. */
  sqlite3_bind_int64 (enqueue, 1, sort_key);
  if (!run_done (self, enqueue, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    {
      sqlite3_bind_int64 (unindex, 1, sort_key);
      if (!run_done (self, unindex, error))
        return FALSE;
    }

  body = _bantin_store_search_body (full_content);
  sqlite3_bind_text (update, 1, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 2, sort_key);

  /* Its words join the vocabulary with the text, as a sync's do. */
  return run_done (self, update, error) && _bantin_store_add_text_terms (self, body, error);
}

static gboolean
link_images (BantinStore         *self,
             gint64               article_id,
             const char * const  *image_urls,
             GError             **error)
{
  g_autoptr(BantinStmt) add = NULL;
  g_autoptr(BantinStmt) link = NULL;
  guint i;

  add = _bantin_store_prepare (self, "INSERT OR IGNORE INTO images (url) VALUES (?)", error);
  link = _bantin_store_prepare (self,
    "INSERT OR IGNORE INTO article_images (article_id, image_id, position)"
    " SELECT ?1, id, ?2 FROM images WHERE url = ?3",
    error);
  if (add == NULL || link == NULL)
    return FALSE;

  for (i = 0; image_urls[i] != NULL; i++)
    {
      sqlite3_bind_text (add, 1, image_urls[i], -1, SQLITE_STATIC);
      if (!run_done (self, add, error))
        return FALSE;

      sqlite3_bind_int64 (link, 1, article_id);
      sqlite3_bind_int (link, 2, (int) i);
      sqlite3_bind_text (link, 3, image_urls[i], -1, SQLITE_STATIC);
      if (!run_done (self, link, error))
        return FALSE;
    }

  return TRUE;
}

static char **
list_images_to_download (BantinStore  *self,
                         gint64        article_id,
                         GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  int rc;

  stmt = _bantin_store_prepare (self,
    "SELECT i.url FROM article_images ai JOIN images i ON i.id = ai.image_id"
    " WHERE ai.article_id = ? AND i.hash IS NULL AND i.tries < ?"
    " ORDER BY ai.position",
    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, BANTIN_STORE_MAX_IMAGE_TRIES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (urls, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  return g_strv_builder_end (urls);
}

static gboolean
set_page_state (BantinStore  *self,
                gint64        article_id,
                int           from,
                int           to,
                GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;

  stmt = _bantin_store_prepare (self,
                                "UPDATE article_pages SET state = ?3"
                                " WHERE article_id = ?1 AND state = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, from);
  sqlite3_bind_int (stmt, 3, to);
  return run_done (self, stmt, error);
}

static gboolean
record_page (BantinStore              *self,
             gint64                    article_id,
             const BantinArticlePage  *page,
             GError                  **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  gboolean settled;

  stmt = _bantin_store_prepare (self,
    "UPDATE article_pages SET url = COALESCE (?2, url), status = ?3, error = ?4,"
    " full_content = ?5, text_length = ?6, fetched = ?7, tries = tries + 1,"
    " state = CASE WHEN ?8 OR tries + 1 >= ?9 THEN 1 ELSE 0 END"
    " WHERE article_id = ?1 AND state = 0",
    error);
  if (stmt == NULL)
    return FALSE;

  settled = page->error_message == NULL || !page->retry;

  sqlite3_bind_int64 (stmt, 1, article_id);
  bind_nullable_text (stmt, 2, page->url);
  sqlite3_bind_int (stmt, 3, page->http_status);
  bind_nullable_text (stmt, 4, page->error_message);
  bind_nullable_text (stmt, 5, page->error_message == NULL ? page->full_content : NULL);
  sqlite3_bind_int64 (stmt, 6, (gint64) page->text_length);
  sqlite3_bind_int64 (stmt, 7, now_unix ());
  sqlite3_bind_int (stmt, 8, settled ? 1 : 0);
  sqlite3_bind_int (stmt, 9, BANTIN_STORE_MAX_PAGE_TRIES);
  if (!run_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0 && page->error_message == NULL && page->full_content != NULL)
    return index_full_content (self, article_id, page->full_content, error);

  return TRUE;
}

/**
 * bantin_store_save_article_page:
 * @article_id: an article listed by bantin_store_list_offline_work()
 * @page: (nullable): what its page gave, or %NULL when the page was not
 *   fetched: not needed (the feed has the whole article), not wanted (the
 *   sync fetches no pages), or settled earlier
 * @image_urls: (nullable) (array zero-terminated=1): the article's images,
 *   header picture first
 * @images_wanted: whether this sync saves images; if not, the article is
 *   owed nothing more once its page is settled
 * @out_download: (out) (optional) (array zero-terminated=1): the images of
 *   the article still to download
 *
 * Records the page of an article (once: a page that worked, or failed for
 * good or too often, is never fetched again) and which images it shows,
 * in one transaction. An article deleted in the meantime is skipped.
 */
gboolean
bantin_store_save_article_page (BantinStore               *self,
                                gint64                     article_id,
                                const BantinArticlePage   *page,
                                const char * const        *image_urls,
                                gboolean                   images_wanted,
                                char                    ***out_download,
                                GError                   **error)
{
  g_auto(GStrv) download = NULL;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  if (out_download != NULL)
    *out_download = NULL;

  if (!_bantin_store_begin (self, error))
    return FALSE;

  if (page != NULL)
    {
      if (!record_page (self, article_id, page, error))
        goto failed;
    }
  else if (!set_page_state (self, article_id, 0, 1, error))
    {
      goto failed;
    }

  if (images_wanted)
    {
      if (image_urls != NULL && !link_images (self, article_id, image_urls, error))
        goto failed;

      download = list_images_to_download (self, article_id, error);
      if (download == NULL)
        goto failed;
    }

  /* Nothing left to download: the article is owed nothing more, once its
   * page is settled. */
  if ((download == NULL || download[0] == NULL) &&
      !set_page_state (self, article_id, 1, 2, error))
    goto failed;

  if (!_bantin_store_commit (self, error))
    return FALSE;

  if (out_download != NULL && download != NULL && download[0] != NULL)
    *out_download = g_steal_pointer (&download);

  return TRUE;

failed:
  _bantin_store_rollback (self);
  return FALSE;
}

/**
 * bantin_store_save_article_images:
 * @article_id: the article the images were downloaded for
 * @results: (array length=n_results): what each download gave
 * @complete: whether every image of the article was tried; if not (a
 *   server asked us to wait), the rest is left for a later sync
 *
 * Records downloaded images (shared by URL with every article that shows
 * them) in one transaction.
 */
gboolean
bantin_store_save_article_images (BantinStore              *self,
                                  gint64                    article_id,
                                  const BantinImageResult  *results,
                                  guint                     n_results,
                                  gboolean                  complete,
                                  GError                  **error)
{
  g_autoptr(BantinStmt) saved = NULL;
  g_autoptr(BantinStmt) failed = NULL;
  gint64 now = now_unix ();
  guint i;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (results != NULL || n_results == 0, FALSE);

  if (!_bantin_store_begin (self, error))
    return FALSE;

  saved = _bantin_store_prepare (self,
    "UPDATE images SET hash = ?2, bytes = ?3, mime = ?4, fetched = ?5, error = NULL,"
    " tries = tries + 1 WHERE url = ?1",
    error);
  failed = _bantin_store_prepare (self,
    "UPDATE images SET error = ?2, fetched = ?3,"
    " tries = CASE WHEN ?4 THEN tries + 1 ELSE max (tries + 1, ?5) END"
    " WHERE url = ?1 AND hash IS NULL",
    error);
  if (saved == NULL || failed == NULL)
    goto failed;

  for (i = 0; i < n_results; i++)
    {
      const BantinImageResult *result = &results[i];

      if (result->url == NULL)
        continue;

      if (result->hash != NULL)
        {
          sqlite3_bind_text (saved, 1, result->url, -1, SQLITE_STATIC);
          sqlite3_bind_text (saved, 2, result->hash, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (saved, 3, result->bytes);
          bind_nullable_text (saved, 4, result->mime_type);
          sqlite3_bind_int64 (saved, 5, now);
          if (!run_done (self, saved, error))
            goto failed;
        }
      else
        {
          sqlite3_bind_text (failed, 1, result->url, -1, SQLITE_STATIC);
          bind_nullable_text (failed, 2, result->error_message);
          sqlite3_bind_int64 (failed, 3, now);
          sqlite3_bind_int (failed, 4, result->retry ? 1 : 0);
          sqlite3_bind_int (failed, 5, BANTIN_STORE_MAX_IMAGE_TRIES);
          if (!run_done (self, failed, error))
            goto failed;
        }
    }

  if (complete && !set_page_state (self, article_id, 1, 2, error))
    goto failed;

  return _bantin_store_commit (self, error);

failed:
  _bantin_store_rollback (self);
  return FALSE;
}

/* Cleaning up. */

typedef struct
{
  char    *hash;
  gint64   bytes;
} OrphanFile;

static void
orphan_file_free (OrphanFile *file)
{
  g_free (file->hash);
  g_free (file);
}

/* Deletes the images no article shows any more, their rows first (in one
 * transaction) and then their files, unless another URL still has the
 * same bytes. A file whose row is gone but that could not be deleted
 * is only wasted room, never a broken picture. */
gboolean
_bantin_store_remove_orphan_images (BantinStore         *self,
                                    BantinCleanupStats  *stats,
                                    GError             **error)
{
  g_autoptr(BantinStmt) select = NULL;
  g_autoptr(BantinStmt) delete = NULL;
  g_autoptr(BantinStmt) used = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) orphan_file_free);
  guint removed;
  int rc;

  if (!_bantin_store_begin (self, error))
    return FALSE;

  select = _bantin_store_prepare (self,
    "SELECT hash, bytes FROM images i"
    " WHERE NOT EXISTS (SELECT 1 FROM article_images ai WHERE ai.image_id = i.id)"
    " AND hash IS NOT NULL",
    error);
  delete = _bantin_store_prepare (self,
    "DELETE FROM images"
    " WHERE NOT EXISTS (SELECT 1 FROM article_images ai WHERE ai.image_id = images.id)",
    error);
  if (select == NULL || delete == NULL)
    goto failed;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      OrphanFile *file = g_new0 (OrphanFile, 1);

      file->hash = g_strdup ((const char *) sqlite3_column_text (select, 0));
      file->bytes = sqlite3_column_int64 (select, 1);
      g_ptr_array_add (files, file);
    }
  sqlite3_reset (select);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      goto failed;
    }

  if (!run_done (self, delete, error))
    goto failed;
  removed = sqlite3_changes (self->db);

  if (!_bantin_store_commit (self, error))
    return FALSE;

  if (stats != NULL)
    stats->images_removed += removed;

  used = _bantin_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM images WHERE hash = ?)", error);
  if (used == NULL)
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    {
      OrphanFile *file = g_ptr_array_index (files, i);
      g_autofree char *path = NULL;
      gboolean still_used;

      sqlite3_bind_text (used, 1, file->hash, -1, SQLITE_STATIC);
      rc = sqlite3_step (used);
      still_used = rc != SQLITE_ROW || sqlite3_column_int (used, 0) != 0;
      sqlite3_reset (used);
      if (still_used)
        continue;

      path = _bantin_store_build_image_path (self, file->hash);
      if (path == NULL)
        continue;

      if (g_unlink (path) == 0)
        {
          if (stats != NULL)
            stats->bytes_freed += (guint64) MAX (file->bytes, 0);
        }
      else if (errno != ENOENT)
        {
          int saved_errno = errno;

          g_warning ("Cannot delete the cached image %s: %s", path, g_strerror (saved_errno));
        }
    }

  return TRUE;

failed:
  _bantin_store_rollback (self);
  return FALSE;
}

/* Deletes the articles published before @cutoff, except starred ones,
 * with their search entries; pages and image links go by cascade. */
static gboolean
remove_old_articles (BantinStore         *self,
                     gint64               cutoff,
                     BantinCleanupStats  *stats,
                     GError             **error)
{
  static const char * const steps[] = {
    "INSERT INTO search (search, rowid, title, body)"
    " SELECT 'delete', t.sort_key, t.title, t.body"
    " FROM articles a JOIN search_text t ON t.sort_key = a.sort_key"
    " WHERE a.published < ?1 AND a.starred = 0"
    " AND NOT EXISTS (SELECT 1 FROM search_queue q WHERE q.sort_key = a.sort_key)",
    "DELETE FROM search_queue WHERE sort_key IN"
    " (SELECT sort_key FROM articles WHERE published < ?1 AND starred = 0)",
    "DELETE FROM search_text WHERE sort_key IN"
    " (SELECT sort_key FROM articles WHERE published < ?1 AND starred = 0)",
    "DELETE FROM articles WHERE published < ?1 AND starred = 0",
  };
  gsize i;

  if (!_bantin_store_begin (self, error))
    return FALSE;

  for (i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(BantinStmt) stmt = _bantin_store_prepare (self, steps[i], error);

      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, cutoff);
      if (!run_done (self, stmt, error))
        goto failed;

      if (i == G_N_ELEMENTS (steps) - 1 && stats != NULL)
        stats->articles_removed += sqlite3_changes (self->db);
    }

  return _bantin_store_commit (self, error);

failed:
  _bantin_store_rollback (self);
  return FALSE;
}

static gint64
pragma_number (BantinStore  *self,
               const char   *sql,
               GError      **error)
{
  g_autoptr(BantinStmt) stmt = _bantin_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bantin_store_set_error (self, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Deleting leaves free pages in the file, which SQLite reuses but never
 * gives back: VACUUM rewrites the file when more than a tenth of it is
 * free, and the WAL it grew is then emptied. */
static gboolean
vacuum_if_worth_it (BantinStore         *self,
                    BantinCleanupStats  *stats,
                    GError             **error)
{
  gint64 free_pages = pragma_number (self, "PRAGMA freelist_count", error);
  gint64 pages = free_pages >= 0 ? pragma_number (self, "PRAGMA page_count", error) : -1;

  if (free_pages < 0 || pages < 0)
    return FALSE;

  g_debug ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " pages are free", free_pages, pages);
  if (pages == 0 || free_pages * 10 <= pages)
    return TRUE;

  if (!_bantin_store_exec (self, "VACUUM", error))
    return FALSE;

  /* Only room is at stake here: a reader holding the WAL is no error. */
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  if (stats != NULL)
    stats->vacuumed = TRUE;

  return TRUE;
}

/**
 * bantin_store_cleanup:
 * @retention_days: delete articles published more than this many days
 *   ago, except starred ones; 0 keeps every article
 * @out_stats: (out caller-allocates) (optional): what was removed
 *
 * Keeps the cache in bounds: old articles (with their pages and image
 * links), then the images no article shows any more (rows and files),
 * then VACUUM when more than 10 % of the file is free pages. The window
 * runs it when idle, `bantin cleanup` from the command line. It takes the
 * write lock for short transactions only, except for VACUUM.
 */
gboolean
bantin_store_cleanup (BantinStore         *self,
                      guint                retention_days,
                      BantinCleanupStats  *out_stats,
                      GError             **error)
{
  BantinCleanupStats stats = { 0, };
  gboolean ok;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  ok = (retention_days == 0 ||
        remove_old_articles (self, now_unix () - (gint64) retention_days * 24 * 60 * 60,
                             &stats, error)) &&
       _bantin_store_remove_orphan_images (self, &stats, error) &&
       vacuum_if_worth_it (self, &stats, error);

  if (out_stats != NULL)
    *out_stats = stats;

  return ok;
}

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return 0;

  return (guint64) buf.st_size;
}

/**
 * bantin_store_get_cache_size:
 *
 * Returns: the bytes the cache takes on disk: the database with its
 *   write-ahead log, and the saved images (each file counted once). Fast
 *   enough for a preferences page: two stat() calls and an index scan.
 */
guint64
bantin_store_get_cache_size (BantinStore  *self,
                             GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  g_autofree char *data_dir = NULL;
  guint64 total = 0;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), 0);

  data_dir = dup_data_dir (self);
  if (data_dir != NULL)
    {
      const char *db_file = sqlite3_db_filename (self->db, "main");

      if (db_file != NULL && *db_file != '\0')
        {
          g_autofree char *wal = g_strconcat (db_file, "-wal", NULL);

          total += file_size (db_file) + file_size (wal);
        }
    }

  stmt = _bantin_store_prepare (self,
    "SELECT total (bytes) FROM"
    " (SELECT max (bytes) AS bytes FROM images WHERE hash IS NOT NULL GROUP BY hash)",
    error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bantin_store_set_error (self, rc, error);
      return 0;
    }

  return total + (guint64) sqlite3_column_double (stmt, 0);
}
