/* bantin-date.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-date"

#include "config.h"

#include "bantin-date.h"

#include <stdlib.h>
#include <string.h>

/* Calendar arithmetic is done on plain integers (days since 1970-01-01 in
 * the proleptic Gregorian calendar) rather than through GDateTime, so the
 * parser allocates nothing and is trivially safe on worker threads. */

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;

  return days[month - 1];
}

static gboolean
valid_ymd (int year,
           int month,
           int day)
{
  return year >= 1 && year <= 9999 &&
         month >= 1 && month <= 12 &&
         day >= 1 && day <= days_in_month (year, month);
}

static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2 ? 1 : 0);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  days,
                 int    *out_year,
                 int    *out_month,
                 int    *out_day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int day = (int) (doy - (153 * mp + 2) / 5 + 1);
  int month = (int) (mp < 10 ? mp + 3 : mp - 9);
  int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));

  *out_year = year;
  *out_month = month;
  *out_day = day;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

/* Parsing helpers. Each takes a cursor and advances it on success. */

static gboolean
read_digits (const char **cursor,
             int          min_digits,
             int          max_digits,
             int         *out_value)
{
  const char *p = *cursor;
  int value = 0;
  int n = 0;

  while (n < max_digits && g_ascii_isdigit (*p))
    {
      value = value * 10 + (*p - '0');
      p++;
      n++;
    }

  if (n < min_digits)
    return FALSE;

  *cursor = p;
  *out_value = value;
  return TRUE;
}

static void
skip_chars (const char **cursor,
            const char  *chars)
{
  while (**cursor != '\0' && strchr (chars, **cursor) != NULL)
    (*cursor)++;
}

/* Reads a run of ASCII letters, lower-cased, into @buf. */
static gsize
read_word (const char **cursor,
           char        *buf,
           gsize        buf_size)
{
  const char *p = *cursor;
  gsize n = 0;

  while (g_ascii_isalpha (*p))
    {
      if (n + 1 < buf_size)
        buf[n++] = g_ascii_tolower (*p);
      p++;
    }

  buf[n] = '\0';
  n = p - *cursor;
  *cursor = p;
  return n;
}

/* Matches an abbreviation or full name: "jul", "july", "sept". */
static int
lookup_name (const char         *word,
             const char * const *names,
             int                 n_names)
{
  gsize len = strlen (word);
  int i;

  if (len < 3)
    return -1;

  for (i = 0; i < n_names; i++)
    if (strncmp (names[i], word, len) == 0)
      return i;

  return -1;
}

static int
lookup_month (const char *word)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
  };
  int month = lookup_name (word, months, G_N_ELEMENTS (months));

  return month < 0 ? -1 : month + 1;
}

static gboolean
is_weekday (const char *word)
{
  static const char * const days[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };

  /* "Tues" and "Thur" are common enough to accept as well. */
  return lookup_name (word, days, G_N_ELEMENTS (days)) >= 0 ||
         g_str_equal (word, "tues") || g_str_equal (word, "thur") ||
         g_str_equal (word, "thurs");
}

/* Offsets of the zone names RFC 822 defines, plus military letters. */
static gboolean
lookup_zone (const char *word,
             int        *out_offset)
{
  static const struct {
    const char *name;
    int hours;
  } zones[] = {
    { "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 },
    { "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
    { "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (zones); i++)
    if (g_str_equal (word, zones[i].name))
      {
        *out_offset = zones[i].hours * 3600;
        return TRUE;
      }

  /* Military zones by their real meaning (A is UTC+1, N is UTC-1, J is
   * unused). RFC 822 printed the signs the other way round; feeds that use
   * these letters follow the military convention. */
  if (strlen (word) == 1)
    {
      char c = word[0];

      if (c >= 'a' && c <= 'i')
        *out_offset = (c - 'a' + 1) * 3600;
      else if (c >= 'k' && c <= 'm')
        *out_offset = (c - 'k' + 10) * 3600;
      else if (c >= 'n' && c <= 'y')
        *out_offset = -(c - 'n' + 1) * 3600;
      else
        return FALSE;

      return TRUE;
    }

  return FALSE;
}

/* Reads "+0700", "+07:00", "+07" or "+7" at the cursor. */
static gboolean
read_numeric_offset (const char **cursor,
                     int         *out_offset)
{
  const char *p = *cursor;
  int sign;
  int hours = 0;
  int minutes = 0;
  const char *start;

  if (*p != '+' && *p != '-')
    return FALSE;

  sign = *p == '-' ? -1 : 1;
  p++;
  start = p;

  if (!read_digits (&p, 1, 4, &hours))
    return FALSE;

  switch (p - start)
    {
    case 1:
    case 2:
      if (*p == ':' && g_ascii_isdigit (p[1]))
        {
          p++;
          if (!read_digits (&p, 2, 2, &minutes))
            return FALSE;
        }
      break;

    case 3:
      minutes = hours % 100;
      hours = hours / 100;
      break;

    case 4:
      minutes = hours % 100;
      hours = hours / 100;
      break;

    default:
      return FALSE;
    }

  if (hours > 14 || minutes > 59)
    return FALSE;

  *cursor = p;
  *out_offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

static gboolean
make_time (int     year,
           int     month,
           int     day,
           int     hour,
           int     minute,
           int     second,
           int     offset,
           gint64 *out_unix)
{
  if (!valid_ymd (year, month, day))
    return FALSE;

  /* 24:00 is the end of the day in ISO 8601; 60 is a leap second. */
  if (hour == 24 && (minute != 0 || second != 0))
    return FALSE;
  if (hour > 24 || minute > 59 || second > 60)
    return FALSE;

  *out_unix = days_from_civil (year, month, day) * 86400 +
              hour * 3600 + minute * 60 + second - offset;
  return TRUE;
}

/* RFC 822 and the looser forms feeds actually send, e.g.
 * "Mon, 02 Jul 2018 10:00:00 +0700", "2 jul 18 9:05 GMT",
 * "Jul 02 2018 10:00:00 PDT", "Mon,  2 Jul 2018 10:00:00 +0700 (ICT)". */
static gboolean
parse_rfc822 (const char *text,
              gint64     *out_unix)
{
  const char *p = text;
  char word[16];
  int day = 0;
  int month = -1;
  int year = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset = 0;
  const char *year_start;

  skip_chars (&p, " \t\r\n,");

  if (g_ascii_isalpha (*p))
    {
      read_word (&p, word, sizeof word);
      if (is_weekday (word))
        {
          skip_chars (&p, " \t\r\n,.");
          if (g_ascii_isalpha (*p))
            {
              read_word (&p, word, sizeof word);
              if ((month = lookup_month (word)) < 0)
                return FALSE;
            }
        }
      else if ((month = lookup_month (word)) < 0)
        return FALSE;
    }

  if (month < 0)
    {
      /* Day, then month: "02 Jul", "2-Jul", "02 July". */
      if (!read_digits (&p, 1, 2, &day))
        return FALSE;
      skip_chars (&p, " \t\r\n-.,");
      if (read_word (&p, word, sizeof word) == 0 ||
          (month = lookup_month (word)) < 0)
        return FALSE;
      skip_chars (&p, " \t\r\n-.,");
    }
  else
    {
      /* Month, then day: "Jul 02 2018". */
      skip_chars (&p, " \t\r\n-.,");
      if (!read_digits (&p, 1, 2, &day))
        return FALSE;
      skip_chars (&p, " \t\r\n-.,");
    }

  year_start = p;
  if (!read_digits (&p, 2, 4, &year))
    return FALSE;
  if (g_ascii_isdigit (*p))
    return FALSE;

  /* Two-digit years as RFC 2822 reads them; three digits count from 1900. */
  if (p - year_start == 2)
    year += year < 50 ? 2000 : 1900;
  else if (p - year_start == 3)
    year += 1900;

  skip_chars (&p, " \t\r\n,");

  if (g_ascii_isdigit (*p))
    {
      if (!read_digits (&p, 1, 2, &hour) || *p != ':')
        return FALSE;
      p++;
      if (!read_digits (&p, 1, 2, &minute))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 1, 2, &second))
            return FALSE;
        }
      /* Fractions of a second are dropped. */
      if (*p == '.' && g_ascii_isdigit (p[1]))
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }
      if (g_ascii_isdigit (*p))
        return FALSE;
    }

  skip_chars (&p, " \t\r\n");

  if (*p == '+' || *p == '-')
    {
      if (!read_numeric_offset (&p, &offset))
        return FALSE;
    }
  else if (g_ascii_isalpha (*p))
    {
      const char *after_word = p;
      int numeric = 0;

      read_word (&after_word, word, sizeof word);

      /* An unknown zone name is treated like "-0000": the time is in UTC
       * as far as anybody can tell. Trailing junk is ignored the same way. */
      if (lookup_zone (word, &offset))
        {
          p = after_word;
          /* "GMT+0700" and "UTC+7". */
          if ((*p == '+' || *p == '-') && read_numeric_offset (&p, &numeric))
            offset += numeric;
        }
    }

  return make_time (year, month, day, hour, minute, second, offset, out_unix);
}

/* ISO 8601 as feeds use it (W3C-DTF and RFC 3339): "2018-07-02",
 * "2018-07-02T10:00Z", "2018-07-02 10:00:00.123+07:00", "20180702T100000Z". */
static gboolean
parse_iso8601 (const char *text,
               gint64     *out_unix)
{
  const char *p = text;
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset = 0;
  gboolean extended;

  skip_chars (&p, " \t\r\n");

  if (!read_digits (&p, 4, 4, &year))
    return FALSE;

  extended = *p == '-';
  if (extended)
    {
      p++;
      if (!read_digits (&p, 2, 2, &month))
        return FALSE;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, 2, &day))
            return FALSE;
        }
    }
  else
    {
      if (!read_digits (&p, 2, 2, &month) || !read_digits (&p, 2, 2, &day))
        return FALSE;
    }

  if (g_ascii_isdigit (*p))
    return FALSE;

  if ((*p == 'T' || *p == 't' || *p == ' ') && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_digits (&p, 2, 2, &hour))
        return FALSE;
      if (*p == ':')
        p++;
      else if (extended)
        return FALSE;
      if (!read_digits (&p, 2, 2, &minute))
        return FALSE;
      if (*p == ':' || (!extended && g_ascii_isdigit (*p)))
        {
          if (*p == ':')
            p++;
          if (!read_digits (&p, 2, 2, &second))
            return FALSE;
          if ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      if (g_ascii_isdigit (*p))
        return FALSE;

      skip_chars (&p, " ");

      if (*p == 'Z' || *p == 'z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          if (!read_numeric_offset (&p, &offset))
            return FALSE;
        }
      else if (g_ascii_strncasecmp (p, "UTC", 3) == 0 ||
               g_ascii_strncasecmp (p, "GMT", 3) == 0)
        p += 3;
    }

  skip_chars (&p, " \t\r\n");
  if (*p != '\0')
    return FALSE;

  return make_time (year, month, day, hour, minute, second, offset, out_unix);
}

/**
 * bantin_date_parse:
 * @text: (nullable): a date as a feed gives it
 * @out_unix: (out): where to store the Unix time in seconds
 *
 * Parses the date formats feeds use: RFC 822 with the variants seen in the
 * wild, and ISO 8601 / W3C-DTF / RFC 3339. A date without a zone is taken
 * to be in UTC.
 *
 * Returns: %TRUE when @text was a date; @out_unix is untouched otherwise.
 */
gboolean
bantin_date_parse (const char *text,
                   gint64     *out_unix)
{
  const char *p = text;
  gint64 result = 0;
  gboolean ok;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  while (g_ascii_isspace (*p))
    p++;

  if (*p == '\0')
    return FALSE;

  /* Four digits first means ISO 8601; RFC 822 starts with a name or a day. */
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) &&
      g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
    ok = parse_iso8601 (p, &result);
  else
    ok = parse_rfc822 (p, &result);

  if (ok)
    *out_unix = result;

  return ok;
}

/* Time zone selection. The cache is shared by every thread. */

G_LOCK_DEFINE_STATIC (timezone);
static char *configured_identifier;
static char *cached_identifier;
static GTimeZone *cached_timezone;

static GTimeZone *
timezone_for_identifier (const char *identifier)
{
  if (identifier == NULL || *identifier == '\0')
    return NULL;

  return g_time_zone_new_identifier (identifier);
}

/**
 * bantin_date_set_timezone:
 * @identifier: (nullable): an Olson zone name such as "Asia/Ho_Chi_Minh",
 *   or %NULL for the default
 *
 * Sets the zone in which articles are sorted into days. The environment
 * variable BANTIN_TIMEZONE still wins, so tests and users can override it.
 */
void
bantin_date_set_timezone (const char *identifier)
{
  G_LOCK (timezone);
  g_free (configured_identifier);
  configured_identifier = g_strdup (identifier);
  G_UNLOCK (timezone);
}

/**
 * bantin_date_get_timezone:
 *
 * Returns the zone of the reading day: the one named by the environment
 * variable BANTIN_TIMEZONE if it is set and valid, else the one given to
 * bantin_date_set_timezone(), else %BANTIN_DEFAULT_TIMEZONE. When the system
 * lacks tzdata for Vietnam, a fixed UTC+07:00 stands in (Vietnam has no
 * daylight saving time).
 *
 * Returns: (transfer full): the zone; free with g_time_zone_unref().
 */
GTimeZone *
bantin_date_get_timezone (void)
{
  const char *candidates[3];
  GTimeZone *result = NULL;
  gsize i;

  G_LOCK (timezone);

  candidates[0] = g_getenv ("BANTIN_TIMEZONE");
  candidates[1] = configured_identifier;
  candidates[2] = BANTIN_DEFAULT_TIMEZONE;

  for (i = 0; i < G_N_ELEMENTS (candidates) && result == NULL; i++)
    {
      const char *identifier = candidates[i];
      GTimeZone *tz;

      if (identifier == NULL || *identifier == '\0')
        continue;

      if (cached_timezone != NULL && g_strcmp0 (cached_identifier, identifier) == 0)
        {
          result = g_time_zone_ref (cached_timezone);
          break;
        }

      tz = timezone_for_identifier (identifier);
      if (tz == NULL)
        {
          g_debug ("Unknown time zone “%s”", identifier);
          continue;
        }

      g_clear_pointer (&cached_timezone, g_time_zone_unref);
      g_free (cached_identifier);
      cached_identifier = g_strdup (identifier);
      cached_timezone = tz;
      result = g_time_zone_ref (tz);
    }

  G_UNLOCK (timezone);

  if (result == NULL)
    result = g_time_zone_new_offset (7 * 3600);

  return result;
}

static int
offset_at (GTimeZone *tz,
           gint64     unix_time)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);

  if (interval < 0)
    return 0;

  return g_time_zone_get_offset (tz, interval);
}

static BantinDay
day_from_days (gint64 days)
{
  int year;
  int month;
  int day;

  civil_from_days (days, &year, &month, &day);
  return year * 10000 + month * 100 + day;
}

static gboolean
split_day (BantinDay  day,
           int       *out_year,
           int       *out_month,
           int       *out_day)
{
  int y = day / 10000;
  int m = (day / 100) % 100;
  int d = day % 100;

  if (day <= 0 || !valid_ymd (y, m, d))
    return FALSE;

  *out_year = y;
  *out_month = m;
  *out_day = d;
  return TRUE;
}

/**
 * bantin_date_local_day:
 * @unix_time: an instant
 * @tz: (nullable): the zone, or %NULL for bantin_date_get_timezone()
 *
 * Returns: the calendar day that @unix_time falls on in @tz.
 */
BantinDay
bantin_date_local_day (gint64     unix_time,
                       GTimeZone *tz)
{
  g_autoptr(GTimeZone) own_tz = NULL;
  gint64 local;

  if (tz == NULL)
    tz = own_tz = bantin_date_get_timezone ();

  local = unix_time + offset_at (tz, unix_time);
  return day_from_days (floor_div (local, 86400));
}

/* The first instant of the local day, also across a DST change at
 * midnight, where GDateTime picks the first valid local time. */
static gboolean
local_midnight (int        year,
                int        month,
                int        day,
                GTimeZone *tz,
                gint64    *out_unix)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, 0, 0, 0);

  if (dt == NULL)
    return FALSE;

  *out_unix = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * bantin_date_day_range:
 * @day: a day
 * @tz: (nullable): the zone, or %NULL for bantin_date_get_timezone()
 * @out_start: (out): the first second of @day
 * @out_end: (out): the first second of the next day
 *
 * Gives the half-open range [start, end) of Unix times that fall on @day
 * in @tz.
 *
 * Returns: %FALSE when @day is not a valid date.
 */
gboolean
bantin_date_day_range (BantinDay  day,
                       GTimeZone *tz,
                       gint64    *out_start,
                       gint64    *out_end)
{
  g_autoptr(GTimeZone) own_tz = NULL;
  int y, m, d;
  int ny, nm, nd;
  gint64 start;
  gint64 end;

  if (!split_day (day, &y, &m, &d))
    return FALSE;

  if (tz == NULL)
    tz = own_tz = bantin_date_get_timezone ();

  civil_from_days (days_from_civil (y, m, d) + 1, &ny, &nm, &nd);

  if (!local_midnight (y, m, d, tz, &start))
    return FALSE;

  /* GDateTime ends at 9999-12-31, whose day would have no end. */
  if (!local_midnight (ny, nm, nd, tz, &end))
    end = start + 24 * 60 * 60;

  if (out_start != NULL)
    *out_start = start;
  if (out_end != NULL)
    *out_end = end;

  return TRUE;
}

/**
 * bantin_day_parse:
 * @yyyy_mm_dd: "2018-07-03" (or "20180703")
 * @out_day: (out): the day
 *
 * Returns: %TRUE if @yyyy_mm_dd is a valid date.
 */
gboolean
bantin_day_parse (const char *yyyy_mm_dd,
                  BantinDay  *out_day)
{
  const char *p = yyyy_mm_dd;
  int y, m, d;

  if (p == NULL)
    return FALSE;

  if (!read_digits (&p, 4, 4, &y))
    return FALSE;

  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 1, 2, &m) || *p != '-')
        return FALSE;
      p++;
      if (!read_digits (&p, 1, 2, &d))
        return FALSE;
    }
  else if (!read_digits (&p, 2, 2, &m) || !read_digits (&p, 2, 2, &d))
    return FALSE;

  if (*p != '\0' || !valid_ymd (y, m, d))
    return FALSE;

  if (out_day != NULL)
    *out_day = y * 10000 + m * 100 + d;

  return TRUE;
}

/**
 * bantin_day_format_iso:
 * @day: a day
 *
 * Returns: "YYYY-MM-DD", or %NULL if @day is not a valid date.
 */
char *
bantin_day_format_iso (BantinDay day)
{
  int y, m, d;

  if (!split_day (day, &y, &m, &d))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/**
 * bantin_day_add:
 * @day: a day
 * @n_days: days to add, may be negative
 *
 * Returns: the day @n_days after @day, across month and year ends, or 0
 *   if @day is not a valid date.
 */
BantinDay
bantin_day_add (BantinDay day,
                int       n_days)
{
  int y, m, d;

  if (!split_day (day, &y, &m, &d))
    return 0;

  return day_from_days (days_from_civil (y, m, d) + n_days);
}

/**
 * bantin_day_today:
 * @tz: (nullable): the zone, or %NULL for bantin_date_get_timezone()
 *
 * Returns: today in @tz.
 */
BantinDay
bantin_day_today (GTimeZone *tz)
{
  return bantin_date_local_day (g_get_real_time () / G_USEC_PER_SEC, tz);
}

/**
 * bantin_date_format_rfc3339:
 * @unix_time: an instant
 *
 * Returns: @unix_time in UTC as "2018-07-02T17:30:00Z".
 */
char *
bantin_date_format_rfc3339 (gint64 unix_time)
{
  gint64 days = floor_div (unix_time, 86400);
  gint64 seconds = unix_time - days * 86400;
  int y, m, d;

  civil_from_days (days, &y, &m, &d);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          y, m, d,
                          (int) (seconds / 3600),
                          (int) (seconds % 3600 / 60),
                          (int) (seconds % 60));
}
