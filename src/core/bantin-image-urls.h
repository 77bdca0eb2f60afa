/* bantin-image-urls.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The widest srcset candidate picked when a page offers several. */
#define BANTIN_IMAGE_URLS_MAX_WIDTH 1600

GPtrArray *bantin_image_urls_collect     (const char *html,
                                          const char *base_url) G_GNUC_WARN_UNUSED_RESULT;
char      *bantin_image_urls_best_srcset (const char *srcset,
                                          const char *base_url) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
