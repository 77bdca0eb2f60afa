/* bantin-cached-image.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-cached-image"

#include "config.h"

#include "bantin-cached-image.h"

#include <glib/gi18n.h>

#include "bantin-image-cache.h"
#include "bantin-report.h"

/* Pictures are decoded through a GdkPixbufLoader chosen by the sniffed
 * type: gdk_pixbuf_get_file_info() and gdk_texture_new_from_filename()
 * pick a loader through the MIME database, which a cache file without an
 * extension may not match, and they decode a huge picture at full size. */

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int max_size = GPOINTER_TO_INT (user_data);
  double scale;

  if (width <= max_size && height <= max_size)
    return;

  scale = MIN ((double) max_size / width, (double) max_size / height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
}

/**
 * bantin_cached_image_load:
 * @path: a file in the image cache
 * @max_size: the largest width or height wanted, in pixels
 *
 * Returns: (transfer full): the picture, or %NULL with @error set.
 */
GdkTexture *
bantin_cached_image_load (const char  *path,
                          int          max_size,
                          GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  const char *type_name = NULL;
  const guint8 *data;
  GdkPixbuf *pixbuf;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  if (!g_path_is_absolute (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, "Not a cache file: %s", path);
      return NULL;
    }

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  data = (const guint8 *) g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  if (len > (gsize) BANTIN_REPORT_MAX_IMAGE_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Image too large: %s", path);
      return NULL;
    }

  switch (bantin_image_sniff (data, len))
    {
    case BANTIN_IMAGE_TYPE_JPEG:
      type_name = "jpeg";
      break;
    case BANTIN_IMAGE_TYPE_PNG:
      type_name = "png";
      break;
    case BANTIN_IMAGE_TYPE_GIF:
      type_name = "gif";
      break;
    case BANTIN_IMAGE_TYPE_WEBP:
      type_name = "webp";
      break;
    case BANTIN_IMAGE_TYPE_SVG:
    case BANTIN_IMAGE_TYPE_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Not a bitmap image: %s", path);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new_with_type (type_name, error);
  if (loader == NULL)
    return NULL;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), GINT_TO_POINTER (max_size));
  if (!gdk_pixbuf_loader_write (loader, data, len, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not decode %s", path);
      return NULL;
    }

  return gdk_texture_new_for_pixbuf (pixbuf);
}
