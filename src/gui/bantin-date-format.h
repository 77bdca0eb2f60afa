/* bantin-date-format.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bantin-core.h"

G_BEGIN_DECLS

/* Dates as people read them, in the interface language: Vietnamese
 * "Thứ Ba, 03/07/2018", English "Tue 3 Jul 2018". Names come from our own
 * translations, not from the C library's locale data.
 *
 * Weekdays are numbered 1 = Monday … 7 = Sunday, months 1 … 12. Time zones
 * are the reading zone (bantin_date_get_timezone ()) and must not be NULL. */
char       *bantin_date_format_day_long      (BantinDay   day) G_GNUC_WARN_UNUSED_RESULT;
char       *bantin_date_format_month_year    (int         year,
                                              int         month) G_GNUC_WARN_UNUSED_RESULT;
const char *bantin_date_format_weekday_short (int         weekday);  /* 1 = Monday … 7 = Sunday */
char       *bantin_date_format_time          (gint64      unix_time,
                                              GTimeZone  *tz) G_GNUC_WARN_UNUSED_RESULT;
char       *bantin_date_format_relative      (gint64      unix_time,
                                              gint64      now,
                                              GTimeZone  *tz) G_GNUC_WARN_UNUSED_RESULT;

/* Full weekday and month names: "Thứ Ba" / "Tuesday", "Tháng 7" / "July". */
const char *bantin_date_format_weekday       (int         weekday);
const char *bantin_date_format_month         (int         month);

/* "Tuesday 3 July 2018" / "Thứ Ba, 3 tháng 7, 2018": the spoken form, for
 * accessible labels and tooltips. */
char       *bantin_date_format_day_full      (BantinDay   day) G_GNUC_WARN_UNUSED_RESULT;

/* "3 Jul 2018" / "03/07/2018": dense lists. */
char       *bantin_date_format_day_short     (BantinDay   day) G_GNUC_WARN_UNUSED_RESULT;

/* "Today" / "Hôm nay", "Yesterday" / "Hôm qua", else the long form. */
char       *bantin_date_format_day_relative  (BantinDay   day,
                                              BantinDay   today) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
