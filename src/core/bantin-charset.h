/* bantin-charset.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BANTIN_CHARSET_ERROR (bantin_charset_error_quark ())

typedef enum {
  BANTIN_CHARSET_ERROR_UNSUPPORTED,
} BantinCharsetError;

GQuark  bantin_charset_error_quark (void);
char   *bantin_charset_sniff       (const guint8 *data,
                                    gsize         len,
                                    const char   *content_type) G_GNUC_WARN_UNUSED_RESULT;
char   *bantin_charset_to_utf8     (const guint8 *data,
                                    gsize         len,
                                    const char   *content_type,
                                    gsize        *out_len,
                                    GError      **error) G_GNUC_WARN_UNUSED_RESULT;
char   *bantin_charset_to_utf8_settled (const guint8 *data,
                                        gsize         len,
                                        const char   *content_type,
                                        gsize        *out_len,
                                        gboolean     *out_settled,
                                        GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
