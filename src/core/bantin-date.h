/* bantin-date.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bantin-types.h"

G_BEGIN_DECLS

/* The reading day is the local day in this zone unless configured
 * otherwise (the BANTIN_TIMEZONE environment variable, or the setting). */
#define BANTIN_DEFAULT_TIMEZONE "Asia/Ho_Chi_Minh"

gboolean   bantin_date_parse            (const char *text,
                                         gint64     *out_unix);
GTimeZone *bantin_date_get_timezone     (void);
void       bantin_date_set_timezone     (const char *identifier);
BantinDay  bantin_date_local_day        (gint64      unix_time,
                                         GTimeZone  *tz);
gboolean   bantin_date_day_range        (BantinDay   day,
                                         GTimeZone  *tz,
                                         gint64     *out_start,
                                         gint64     *out_end);
gboolean   bantin_day_parse             (const char *yyyy_mm_dd,
                                         BantinDay  *out_day);
char      *bantin_day_format_iso        (BantinDay   day) G_GNUC_WARN_UNUSED_RESULT;
BantinDay  bantin_day_add               (BantinDay   day,
                                         int         n_days);
BantinDay  bantin_day_today             (GTimeZone  *tz);
char      *bantin_date_format_rfc3339   (gint64      unix_time) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
