/* bantin-html.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bantin_html_sanitize (const char *html,
                            const char *base_url) G_GNUC_WARN_UNUSED_RESULT;
char *bantin_html_to_text  (const char *html,
                            gsize       max_chars) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
