/* bantin-date-format.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-date-format"

#include "config.h"

#include "bantin-date-format.h"

#include <glib/gi18n-lib.h>

/* The names come from our catalog rather than from strftime(): the C
 * library's Vietnamese locale data abbreviates differently from what
 * officials read on the newspapers' sites ("Thứ Ba, 03/07/2018"), and the
 * interface language may differ from LC_TIME. */

static const char * const weekday_names[] = {
  NC_("weekday", "Monday"),
  NC_("weekday", "Tuesday"),
  NC_("weekday", "Wednesday"),
  NC_("weekday", "Thursday"),
  NC_("weekday", "Friday"),
  NC_("weekday", "Saturday"),
  NC_("weekday", "Sunday"),
};

static const char * const weekday_abbreviations[] = {
  NC_("weekday abbreviation", "Mon"),
  NC_("weekday abbreviation", "Tue"),
  NC_("weekday abbreviation", "Wed"),
  NC_("weekday abbreviation", "Thu"),
  NC_("weekday abbreviation", "Fri"),
  NC_("weekday abbreviation", "Sat"),
  NC_("weekday abbreviation", "Sun"),
};

static const char * const month_names[] = {
  NC_("month name", "January"),
  NC_("month name", "February"),
  NC_("month name", "March"),
  NC_("month name", "April"),
  NC_("month name", "May"),
  NC_("month name", "June"),
  NC_("month name", "July"),
  NC_("month name", "August"),
  NC_("month name", "September"),
  NC_("month name", "October"),
  NC_("month name", "November"),
  NC_("month name", "December"),
};

static const char * const month_abbreviations[] = {
  NC_("month abbreviation", "Jan"),
  NC_("month abbreviation", "Feb"),
  NC_("month abbreviation", "Mar"),
  NC_("month abbreviation", "Apr"),
  NC_("month abbreviation", "May"),
  NC_("month abbreviation", "Jun"),
  NC_("month abbreviation", "Jul"),
  NC_("month abbreviation", "Aug"),
  NC_("month abbreviation", "Sep"),
  NC_("month abbreviation", "Oct"),
  NC_("month abbreviation", "Nov"),
  NC_("month abbreviation", "Dec"),
};

const char *
bantin_date_format_weekday (int weekday)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", weekday_names[weekday - 1]);
}

const char *
bantin_date_format_weekday_short (int weekday)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday abbreviation",
                       weekday_abbreviations[weekday - 1]);
}

const char *
bantin_date_format_month (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[month - 1]);
}

static const char *
month_abbreviation (int month)
{
  g_assert (month >= 1 && month <= 12);

  return g_dpgettext2 (GETTEXT_PACKAGE, "month abbreviation",
                       month_abbreviations[month - 1]);
}

static gboolean
split_day (BantinDay  day,
           int       *year,
           int       *month,
           int       *mday,
           int       *weekday)
{
  int y = day / 10000;
  int m = (day / 100) % 100;
  int d = day % 100;

  if (day <= 0 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  *year = y;
  *month = m;
  *mday = d;

  if (weekday != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      *weekday = g_date_get_weekday (&date);
    }

  return TRUE;
}

/* Expands a translated pattern. The directives are ours, documented for
 * translators beside each pattern, so that a translation can reorder the
 * parts and add words ("tháng") without touching C code:
 *   %A weekday name   %a weekday abbreviation
 *   %B month name     %b month abbreviation
 *   %d day, 2 digits  %e day without padding
 *   %m month, 2 digits %n month without padding
 *   %Y year           %% a percent sign
 * A weekday of 0 means the pattern has no weekday. */
static char *
expand_pattern (const char *pattern,
                int         year,
                int         month,
                int         mday,
                int         weekday)
{
  GString *out = g_string_sized_new (32);
  const char *p;

  for (p = pattern; *p != '\0'; p++)
    {
      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }

      p++;
      switch (*p)
        {
        case 'A':
          if (weekday != 0)
            g_string_append (out, bantin_date_format_weekday (weekday));
          break;

        case 'a':
          if (weekday != 0)
            g_string_append (out, bantin_date_format_weekday_short (weekday));
          break;

        case 'B':
          g_string_append (out, bantin_date_format_month (month));
          break;

        case 'b':
          g_string_append (out, month_abbreviation (month));
          break;

        case 'd':
          g_string_append_printf (out, "%02d", mday);
          break;

        case 'e':
          g_string_append_printf (out, "%d", mday);
          break;

        case 'm':
          g_string_append_printf (out, "%02d", month);
          break;

        case 'n':
          g_string_append_printf (out, "%d", month);
          break;

        case 'Y':
          g_string_append_printf (out, "%d", year);
          break;

        case '%':
          g_string_append_c (out, '%');
          break;

        default:
          /* An unknown directive is most likely a translator's typo: keep
           * it visible rather than dropping text. */
          g_string_append_c (out, '%');
          g_string_append_c (out, *p);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
format_day (BantinDay   day,
            const char *pattern)
{
  int year, month, mday, weekday;

  g_return_val_if_fail (split_day (day, &year, &month, &mday, &weekday), NULL);

  return expand_pattern (pattern, year, month, mday, weekday);
}

char *
bantin_date_format_day_long (BantinDay day)
{
  /* Translators: the chosen day on the date button, e.g. "Tue 3 Jul 2018".
   * Directives: %A weekday name, %a weekday abbreviation, %B month name,
   * %b month abbreviation, %d day with 2 digits, %e day without padding,
   * %m month with 2 digits, %n month without padding, %Y year.
   * Vietnamese: "%A, %d/%m/%Y" gives "Thứ Ba, 03/07/2018". */
  /* xgettext:no-c-format */
  return format_day (day, _("%a %e %b %Y"));
}

char *
bantin_date_format_day_full (BantinDay day)
{
  /* Translators: a day spelled out for screen readers and tooltips, e.g.
   * "Tuesday 3 July 2018". Directives: %A weekday name, %a weekday
   * abbreviation, %B month name, %b month abbreviation, %d day with 2
   * digits, %e day without padding, %m month with 2 digits, %n month
   * without padding, %Y year.
   * Vietnamese: "%A, %e tháng %n, %Y" gives "Thứ Ba, 3 tháng 7, 2018". */
  /* xgettext:no-c-format */
  return format_day (day, _("%A %e %B %Y"));
}

char *
bantin_date_format_day_short (BantinDay day)
{
  /* Translators: a compact day in lists, e.g. "3 Jul 2018". Directives:
   * %b month abbreviation, %d day with 2 digits, %e day without padding,
   * %m month with 2 digits, %n month without padding, %Y year.
   * Vietnamese: "%d/%m/%Y" gives "03/07/2018". */
  /* xgettext:no-c-format */
  return format_day (day, _("%e %b %Y"));
}

char *
bantin_date_format_month_year (int year,
                               int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  g_return_val_if_fail (year >= 1 && year <= 9999, NULL);

  /* Translators: the month shown in the calendar, e.g. "July 2018".
   * Directives: %B month name, %b month abbreviation, %m month with 2
   * digits, %n month without padding, %Y year.
   * Vietnamese: "%B, %Y" gives "Tháng 7, 2018". */
  /* xgettext:no-c-format */
  return expand_pattern (_("%B %Y"), year, month, 1, 0);
}

char *
bantin_date_format_day_relative (BantinDay day,
                                 BantinDay today)
{
  int year, month, mday;

  g_return_val_if_fail (split_day (day, &year, &month, &mday, NULL), NULL);

  if (day == today)
    return g_strdup (C_("relative day", "Today"));

  if (split_day (today, &year, &month, &mday, NULL))
    {
      GDate yesterday;

      g_date_clear (&yesterday, 1);
      g_date_set_dmy (&yesterday, mday, month, year);
      g_date_subtract_days (&yesterday, 1);

      if (day == g_date_get_year (&yesterday) * 10000
                 + g_date_get_month (&yesterday) * 100
                 + g_date_get_day (&yesterday))
        return g_strdup (C_("relative day", "Yesterday"));
    }

  return bantin_date_format_day_long (day);
}

char *
bantin_date_format_time (gint64     unix_time,
                         GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (tz != NULL, NULL);

  utc = g_date_time_new_from_unix_utc (unix_time);
  g_return_val_if_fail (utc != NULL, NULL);
  local = g_date_time_to_timezone (utc, tz);

  /* A 24-hour clock in both languages, as Vietnamese newspapers print it. */
  return g_strdup_printf ("%02d:%02d",
                          g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

static BantinDay
day_of (GDateTime *dt)
{
  return g_date_time_get_year (dt) * 10000
         + g_date_time_get_month (dt) * 100
         + g_date_time_get_day_of_month (dt);
}

char *
bantin_date_format_relative (gint64     unix_time,
                             gint64     now,
                             GTimeZone *tz)
{
  g_autoptr(GDateTime) then_utc = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GDateTime) then_local = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *time = NULL;
  gint64 delta = now - unix_time;
  BantinDay then_day;

  g_return_val_if_fail (tz != NULL, NULL);

  then_utc = g_date_time_new_from_unix_utc (unix_time);
  now_utc = g_date_time_new_from_unix_utc (now);
  g_return_val_if_fail (then_utc != NULL && now_utc != NULL, NULL);

  /* Feeds' clocks are often a little ahead of ours: a minute either way
   * is "now". */
  if (delta > -60 && delta < 60)
    return g_strdup (_("Just now"));

  if (delta >= 60 && delta < 60 * 60)
    {
      int minutes = (int) (delta / 60);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d minute ago",
                                           "%d minutes ago",
                                           minutes),
                              minutes);
    }

  then_local = g_date_time_to_timezone (then_utc, tz);
  now_local = g_date_time_to_timezone (now_utc, tz);
  then_day = day_of (then_local);

  if (then_day == day_of (now_local))
    {
      if (delta > 0)
        {
          int hours = (int) (delta / (60 * 60));

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%d hour ago",
                                               "%d hours ago",
                                               hours),
                                  hours);
        }

      time = bantin_date_format_time (unix_time, tz);
      /* Translators: an article published later today (its feed's clock is
       * ahead); %s is the time, "08:15". */
      return g_strdup_printf (_("Today %s"), time);
    }

  yesterday = g_date_time_add_days (now_local, -1);
  if (then_day == day_of (yesterday))
    {
      time = bantin_date_format_time (unix_time, tz);
      /* Translators: %s is the time, "08:15". */
      return g_strdup_printf (_("Yesterday %s"), time);
    }

  return bantin_date_format_day_short (then_day);
}
