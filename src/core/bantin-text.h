/* bantin-text.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bantin_text_make_valid  (const char *data,
                               gssize      len) G_GNUC_WARN_UNUSED_RESULT;
char *bantin_text_make_valid_take (char   *text) G_GNUC_WARN_UNUSED_RESULT;
gboolean bantin_text_validate (const char *data,
                               gsize       len);
gboolean bantin_text_validate_settled (const char *data,
                                       gsize       len,
                                       gboolean   *out_settled);
char *bantin_text_fold        (const char *text) G_GNUC_WARN_UNUSED_RESULT;
char *bantin_text_fold_query  (const char *query) G_GNUC_WARN_UNUSED_RESULT;
char *bantin_text_squeeze     (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
