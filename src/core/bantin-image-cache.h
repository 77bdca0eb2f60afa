/* bantin-image-cache.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BANTIN_IMAGE_CACHE_ERROR (bantin_image_cache_error_quark ())

typedef enum {
  BANTIN_IMAGE_CACHE_ERROR_TOO_LARGE,     /* Over the per-image cap. */
  BANTIN_IMAGE_CACHE_ERROR_FULL,          /* Would go over the total cap. */
  BANTIN_IMAGE_CACHE_ERROR_NOT_IMAGE,     /* Not a format we display. */
  BANTIN_IMAGE_CACHE_ERROR_UNSUPPORTED,   /* SVG: refused, see the .c file. */
  BANTIN_IMAGE_CACHE_ERROR_INVALID_HASH,
} BantinImageCacheError;

typedef enum {
  BANTIN_IMAGE_TYPE_UNKNOWN,
  BANTIN_IMAGE_TYPE_JPEG,
  BANTIN_IMAGE_TYPE_PNG,
  BANTIN_IMAGE_TYPE_GIF,
  BANTIN_IMAGE_TYPE_WEBP,
  BANTIN_IMAGE_TYPE_SVG,
} BantinImageType;

/* Defaults: 5 MiB per image, 512 MiB in all. */
#define BANTIN_IMAGE_CACHE_DEFAULT_MAX_IMAGE_SIZE (G_GUINT64_CONSTANT (5) * 1024 * 1024)
#define BANTIN_IMAGE_CACHE_DEFAULT_MAX_TOTAL_SIZE (G_GUINT64_CONSTANT (512) * 1024 * 1024)

#define BANTIN_TYPE_IMAGE_CACHE (bantin_image_cache_get_type ())

G_DECLARE_FINAL_TYPE (BantinImageCache, bantin_image_cache, BANTIN, IMAGE_CACHE, GObject)

GQuark            bantin_image_cache_error_quark      (void);
BantinImageCache *bantin_image_cache_new              (const char        *directory,
                                                       guint64            max_image_size,
                                                       guint64            max_total_size);
const char       *bantin_image_cache_get_directory    (BantinImageCache  *self);
guint64           bantin_image_cache_get_max_image_size (BantinImageCache *self);
void              bantin_image_cache_set_max_image_size (BantinImageCache *self,
                                                         guint64           max_image_size);
guint64           bantin_image_cache_get_max_total_size (BantinImageCache *self);
void              bantin_image_cache_set_max_total_size (BantinImageCache *self,
                                                         guint64           max_total_size);
gboolean          bantin_image_cache_put              (BantinImageCache  *self,
                                                       const char        *url,
                                                       GBytes            *bytes,
                                                       char             **out_hash,
                                                       GError           **error);
char             *bantin_image_cache_lookup           (BantinImageCache  *self,
                                                       const char        *hash) G_GNUC_WARN_UNUSED_RESULT;
GBytes           *bantin_image_cache_load             (BantinImageCache  *self,
                                                       const char        *hash,
                                                       GError           **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean          bantin_image_cache_remove           (BantinImageCache  *self,
                                                       const char        *hash,
                                                       GError           **error);
guint64           bantin_image_cache_get_total_size   (BantinImageCache  *self);

BantinImageType   bantin_image_sniff                  (const guint8      *data,
                                                       gsize              len);
const char       *bantin_image_type_to_mime_type      (BantinImageType    type);

G_END_DECLS
