/* bantin-cached-image.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Decodes a file of the image cache (never a URL): at most
 * BANTIN_REPORT_MAX_IMAGE_BYTES, a JPEG, PNG, GIF or WebP by its bytes
 * (not by its name or the MIME database), and scaled down while decoding
 * so that neither side exceeds @max_size pixels. */
GdkTexture *bantin_cached_image_load (const char  *path,
                                      int          max_size,
                                      GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
