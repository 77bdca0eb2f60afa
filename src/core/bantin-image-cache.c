/* bantin-image-cache.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-image-cache"

#include "config.h"

#include "bantin-image-cache.h"

#include <glib/gi18n.h>
#include <string.h>

/* A content-addressed store of article images: each image is a file named
 * by the SHA-256 of its bytes, under a directory named by the first two
 * hex digits (<dir>/ab/abcdef…), so an image shared by many articles is
 * stored once, and the name proves the content. Files are written to a
 * temporary name and renamed, so a crash never leaves a half image under
 * a real name. The store maps nothing to URLs: which article uses which
 * hash is the database's business.
 *
 * The type is sniffed from the bytes, never taken from the server's
 * Content-Type. SVG is refused: it is a document rather than a picture,
 * may reference other files and URLs, and GTK would hand it to librsvg,
 * a large parser we would rather not expose to whatever a news site
 * serves; news photos are JPEG, PNG, GIF or WebP anyway.
 *
 * The object is thread-safe: the sync engine stores images from worker
 * threads while the window reads them. */

#define HASH_LEN 64

struct _BantinImageCache
{
  GObject  parent_instance;

  char    *directory;
  guint64  max_image_size;
  guint64  max_total_size;

  GMutex   mutex;            /* Guards what follows and the files. */
  guint64  total_size;
  gboolean total_known;
};

G_DEFINE_FINAL_TYPE (BantinImageCache, bantin_image_cache, G_TYPE_OBJECT)

G_DEFINE_QUARK (bantin-image-cache-error-quark, bantin_image_cache_error)

static void
bantin_image_cache_finalize (GObject *object)
{
  BantinImageCache *self = (BantinImageCache *) object;

  g_clear_pointer (&self->directory, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (bantin_image_cache_parent_class)->finalize (object);
}

static void
bantin_image_cache_class_init (BantinImageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bantin_image_cache_finalize;
}

static void
bantin_image_cache_init (BantinImageCache *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * bantin_image_cache_new:
 * @directory: where the images are kept; created when needed
 * @max_image_size: the largest image stored, in bytes (0 for the default)
 * @max_total_size: the most all images may take, in bytes (0 for the default)
 */
BantinImageCache *
bantin_image_cache_new (const char *directory,
                        guint64     max_image_size,
                        guint64     max_total_size)
{
  BantinImageCache *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (BANTIN_TYPE_IMAGE_CACHE, NULL);
  self->directory = g_strdup (directory);
  self->max_image_size = max_image_size > 0 ? max_image_size
                                            : BANTIN_IMAGE_CACHE_DEFAULT_MAX_IMAGE_SIZE;
  self->max_total_size = max_total_size > 0 ? max_total_size
                                            : BANTIN_IMAGE_CACHE_DEFAULT_MAX_TOTAL_SIZE;
  return self;
}

const char *
bantin_image_cache_get_directory (BantinImageCache *self)
{
  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), NULL);

  return self->directory;
}

guint64
bantin_image_cache_get_max_image_size (BantinImageCache *self)
{
  guint64 value;

  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), 0);

  g_mutex_lock (&self->mutex);
  value = self->max_image_size;
  g_mutex_unlock (&self->mutex);
  return value;
}

void
bantin_image_cache_set_max_image_size (BantinImageCache *self,
                                       guint64           max_image_size)
{
  g_return_if_fail (BANTIN_IS_IMAGE_CACHE (self));
  g_return_if_fail (max_image_size > 0);

  g_mutex_lock (&self->mutex);
  self->max_image_size = max_image_size;
  g_mutex_unlock (&self->mutex);
}

guint64
bantin_image_cache_get_max_total_size (BantinImageCache *self)
{
  guint64 value;

  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), 0);

  g_mutex_lock (&self->mutex);
  value = self->max_total_size;
  g_mutex_unlock (&self->mutex);
  return value;
}

/* Lowering the cap does not delete anything; later puts are refused
 * until enough is removed. */
void
bantin_image_cache_set_max_total_size (BantinImageCache *self,
                                       guint64           max_total_size)
{
  g_return_if_fail (BANTIN_IS_IMAGE_CACHE (self));
  g_return_if_fail (max_total_size > 0);

  g_mutex_lock (&self->mutex);
  self->max_total_size = max_total_size;
  g_mutex_unlock (&self->mutex);
}

static gboolean
is_valid_hash (const char *hash)
{
  gsize i;

  if (hash == NULL)
    return FALSE;

  for (i = 0; i < HASH_LEN; i++)
    if (!g_ascii_isxdigit (hash[i]) || g_ascii_isupper (hash[i]))
      return FALSE;

  return hash[HASH_LEN] == '\0';
}

static gboolean
check_hash (const char  *hash,
            GError     **error)
{
  if (is_valid_hash (hash))
    return TRUE;

  g_set_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_INVALID_HASH,
               _("“%s” is not the name of a cached image"), hash != NULL ? hash : "");
  return FALSE;
}

static GFile *
file_for_hash (BantinImageCache *self,
               const char       *hash)
{
  char prefix[3] = { hash[0], hash[1], '\0' };
  g_autofree char *path = g_build_filename (self->directory, prefix, hash, NULL);

  return g_file_new_for_path (path);
}

/* Adds up the sizes of the stored images, once, with the lock held. */
static void
ensure_total_locked (BantinImageCache *self)
{
  g_autoptr(GFile) root = NULL;
  g_autoptr(GFileEnumerator) dirs = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;

  if (self->total_known)
    return;

  root = g_file_new_for_path (self->directory);
  dirs = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                    G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (dirs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Cannot read the image cache %s: %s", self->directory, error->message);
      self->total_size = 0;
      self->total_known = TRUE;
      return;
    }

  for (;;)
    {
      g_autoptr(GFileEnumerator) files = NULL;
      GFileInfo *info = NULL;
      GFile *dir = NULL;

      if (!g_file_enumerator_iterate (dirs, &info, &dir, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY ||
          strlen (g_file_info_get_name (info)) != 2)
        continue;

      files = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                         G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                         G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      if (files == NULL)
        continue;

      for (;;)
        {
          GFileInfo *file_info = NULL;

          if (!g_file_enumerator_iterate (files, &file_info, NULL, NULL, NULL) ||
              file_info == NULL)
            break;
          if (g_file_info_get_file_type (file_info) == G_FILE_TYPE_REGULAR &&
              is_valid_hash (g_file_info_get_name (file_info)))
            total += (guint64) g_file_info_get_size (file_info);
        }
    }

  self->total_size = total;
  self->total_known = TRUE;
}

/**
 * bantin_image_sniff:
 * @data: the first bytes of a file (16 are enough, except for SVG)
 * @len: how many
 *
 * Returns: the image format the bytes start with
 */
BantinImageType
bantin_image_sniff (const guint8 *data,
                    gsize         len)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize i = 0;
  gsize window;

  if (data == NULL)
    return BANTIN_IMAGE_TYPE_UNKNOWN;

  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return BANTIN_IMAGE_TYPE_JPEG;
  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return BANTIN_IMAGE_TYPE_PNG;
  if (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return BANTIN_IMAGE_TYPE_GIF;
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return BANTIN_IMAGE_TYPE_WEBP;

  /* SVG is text: a BOM, white space, an XML declaration, comments or a
   * doctype may come before <svg. */
  if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] == '<')
    {
      window = MIN (len, 4096);
      for (gsize j = i; j + 4 <= window; j++)
        if (data[j] == '<' && g_ascii_strncasecmp ((const char *) data + j + 1, "svg", 3) == 0 &&
            (j + 4 == window || !g_ascii_isalnum (data[j + 4])))
          return BANTIN_IMAGE_TYPE_SVG;
    }

  return BANTIN_IMAGE_TYPE_UNKNOWN;
}

const char *
bantin_image_type_to_mime_type (BantinImageType type)
{
  switch (type)
    {
    case BANTIN_IMAGE_TYPE_JPEG:
      return "image/jpeg";
    case BANTIN_IMAGE_TYPE_PNG:
      return "image/png";
    case BANTIN_IMAGE_TYPE_GIF:
      return "image/gif";
    case BANTIN_IMAGE_TYPE_WEBP:
      return "image/webp";
    case BANTIN_IMAGE_TYPE_SVG:
      return "image/svg+xml";
    case BANTIN_IMAGE_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * bantin_image_cache_put:
 * @self: an image cache
 * @url: (nullable): where the image came from, for error messages
 * @bytes: the image
 * @out_hash: (out) (optional) (transfer full): the image's name in the cache
 * @error: return location for a #GError
 *
 * Stores @bytes unless they are already stored. Refuses what is not a
 * JPEG, PNG, GIF or WebP image, what is larger than the per-image cap, and
 * what would take the cache over its total cap.
 */
gboolean
bantin_image_cache_put (BantinImageCache  *self,
                        const char        *url,
                        GBytes            *bytes,
                        char             **out_hash,
                        GError           **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *cap_text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  BantinImageType type;
  const guint8 *data;
  gsize len;
  gboolean ok = FALSE;

  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url == NULL)
    url = "";

  data = g_bytes_get_data (bytes, &len);
  type = bantin_image_sniff (data, len);
  if (type == BANTIN_IMAGE_TYPE_SVG)
    {
      g_set_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_UNSUPPORTED,
                   _("The image %s is an SVG drawing, which is not kept for offline reading"),
                   url);
      return FALSE;
    }
  if (type == BANTIN_IMAGE_TYPE_UNKNOWN)
    {
      g_set_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_NOT_IMAGE,
                   _("%s is not a JPEG, PNG, GIF or WebP image"), url);
      return FALSE;
    }

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  file = file_for_hash (self, hash);
  dir = g_file_get_parent (file);

  g_mutex_lock (&self->mutex);

  if (len > self->max_image_size)
    {
      size_text = g_format_size (len);
      cap_text = g_format_size (self->max_image_size);
      g_set_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_TOO_LARGE,
                   _("The image %s takes %s, more than the %s allowed for one image"),
                   url, size_text, cap_text);
      goto out;
    }

  ensure_total_locked (self);

  /* Stored already, by this article or another one. */
  if (g_file_query_exists (file, NULL))
    {
      ok = TRUE;
      goto out;
    }

  if (self->total_size + len > self->max_total_size)
    {
      cap_text = g_format_size (self->max_total_size);
      g_set_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_FULL,
                   _("The image cache is full (%s): the image %s was not kept"),
                   cap_text, url);
      goto out;
    }

  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  path = g_file_get_path (file);
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    goto out;

  self->total_size += len;
  ok = TRUE;

out:
  g_mutex_unlock (&self->mutex);

  if (ok && out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);

  return ok;
}

/**
 * bantin_image_cache_lookup:
 * @self: an image cache
 * @hash: an image's name, from bantin_image_cache_put()
 *
 * Returns: (nullable) (transfer full): the image's file path, or %NULL
 *   when it is not stored (or @hash is not a valid name)
 */
char *
bantin_image_cache_lookup (BantinImageCache *self,
                           const char       *hash)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), NULL);

  if (!is_valid_hash (hash))
    return NULL;

  file = file_for_hash (self, hash);
  if (!g_file_query_exists (file, NULL))
    return NULL;

  return g_file_get_path (file);
}

/**
 * bantin_image_cache_load:
 * @self: an image cache
 * @hash: an image's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the image's bytes
 */
GBytes *
bantin_image_cache_load (BantinImageCache  *self,
                         const char        *hash,
                         GError           **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), NULL);

  if (!check_hash (hash, error))
    return NULL;

  file = file_for_hash (self, hash);
  return g_file_load_bytes (file, NULL, NULL, error);
}

/**
 * bantin_image_cache_remove:
 * @self: an image cache
 * @hash: an image's name
 * @error: return location for a #GError
 *
 * Deletes the image; removing one that is not stored is not an error.
 * The caller makes sure no article still uses it.
 */
gboolean
bantin_image_cache_remove (BantinImageCache  *self,
                           const char        *hash,
                           GError           **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), FALSE);

  if (!check_hash (hash, error))
    return FALSE;

  file = file_for_hash (self, hash);

  g_mutex_lock (&self->mutex);
  ensure_total_locked (self);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info != NULL)
    {
      if (g_file_delete (file, NULL, &local_error))
        {
          guint64 size = (guint64) g_file_info_get_size (info);

          self->total_size -= MIN (size, self->total_size);
        }
      else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }

  g_mutex_unlock (&self->mutex);
  return ok;
}

/**
 * bantin_image_cache_get_total_size:
 * @self: an image cache
 *
 * Returns: the bytes taken by the stored images; the first call reads the
 *   directory, later ones are kept up to date by put and remove
 */
guint64
bantin_image_cache_get_total_size (BantinImageCache *self)
{
  guint64 total;

  g_return_val_if_fail (BANTIN_IS_IMAGE_CACHE (self), 0);

  g_mutex_lock (&self->mutex);
  ensure_total_locked (self);
  total = self->total_size;
  g_mutex_unlock (&self->mutex);

  return total;
}
