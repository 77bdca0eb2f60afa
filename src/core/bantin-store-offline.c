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
