/* test-date.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "bantin-date.h"

typedef struct
{
  const char *text;
  gint64      expected;
} DateRow;

/* Dates as feeds send them. The expected values were computed with GNU
 * date(1) from an unambiguous spelling of the same instant. */
static const DateRow good_dates[] = {
  { "Mon, 02 Jul 2018 10:00:00 +0700", G_GINT64_CONSTANT (1530500400) },
  { "Mon, 02 Jul 2018 10:00:00 GMT", G_GINT64_CONSTANT (1530525600) },
  { "Mon, 2 Jul 2018 10:00:00 GMT", G_GINT64_CONSTANT (1530525600) },
  { "02 Jul 2018 10:00:00 GMT", G_GINT64_CONSTANT (1530525600) },
  { "Mon, 02 Jul 2018 9:05:00 GMT", G_GINT64_CONSTANT (1530522300) },
  { "Mon, 02 Jul 2018 10:00 GMT", G_GINT64_CONSTANT (1530525600) },
  { "Mon, 02 Jul 18 10:00:00 GMT", G_GINT64_CONSTANT (1530525600) },
  { "Fri, 15 Oct 99 08:30:00 GMT", G_GINT64_CONSTANT (939976200) },
  { "mon, 02 jul 2018 10:00:00 gmt", G_GINT64_CONSTANT (1530525600) },
  { "Mon,  02   Jul   2018   10:00:00   +0700", G_GINT64_CONSTANT (1530500400) },
  { "Mon, 02 Jul 2018 10:00:00 +0700 (ICT)", G_GINT64_CONSTANT (1530500400) },
  { "Mon, 02 Jul 2018 10:00:00 UT", G_GINT64_CONSTANT (1530525600) },
  { "Mon, 02 Jul 2018 10:00:00 UTC", G_GINT64_CONSTANT (1530525600) },
  { "Mon, 02 Jul 2018 10:00:00 Z", G_GINT64_CONSTANT (1530525600) },
  { "Mon, 02 Jul 2018 10:00:00 EST", G_GINT64_CONSTANT (1530543600) },
  { "Mon, 02 Jul 2018 10:00:00 EDT", G_GINT64_CONSTANT (1530540000) },
  { "Mon, 02 Jul 2018 10:00:00 CST", G_GINT64_CONSTANT (1530547200) },
  { "Mon, 02 Jul 2018 10:00:00 CDT", G_GINT64_CONSTANT (1530543600) },
  { "Mon, 02 Jul 2018 10:00:00 MST", G_GINT64_CONSTANT (1530550800) },
  { "Mon, 02 Jul 2018 10:00:00 MDT", G_GINT64_CONSTANT (1530547200) },
  { "Mon, 02 Jul 2018 10:00:00 PST", G_GINT64_CONSTANT (1530554400) },
  { "Mon, 02 Jul 2018 10:00:00 PDT", G_GINT64_CONSTANT (1530550800) },
  { "Mon, 02 Jul 2018 10:00:00 G", G_GINT64_CONSTANT (1530500400) },
  { "Mon, 02 Jul 2018 10:00:00 A", G_GINT64_CONSTANT (1530522000) },
  { "Mon, 02 Jul 2018 10:00:00 M", G_GINT64_CONSTANT (1530482400) },
  { "Mon, 02 Jul 2018 10:00:00 N", G_GINT64_CONSTANT (1530529200) },
  { "Mon, 02 Jul 2018 10:00:00 Y", G_GINT64_CONSTANT (1530568800) },
  { "Mon, 02 Jul 2018 10:00:00 -0330", G_GINT64_CONSTANT (1530538200) },
  { "Mon, 02 Jul 2018 10:00:00 +07:00", G_GINT64_CONSTANT (1530500400) },
  { "Mon, 02 Jul 2018 10:00:00 GMT+0700", G_GINT64_CONSTANT (1530500400) },
  { "Mon, 02 Jul 2018 10:00:00 GMT+7", G_GINT64_CONSTANT (1530500400) },
  { "Mon, 02 Jul 2018 10:00:00", G_GINT64_CONSTANT (1530525600) },
  { "Monday, 02 July 2018 10:00:00 +0700", G_GINT64_CONSTANT (1530500400) },
  { "Tues, 03 Jul 2018 10:00:00 +0700", G_GINT64_CONSTANT (1530586800) },
  { "Mon, 02-Jul-2018 10:00:00 GMT", G_GINT64_CONSTANT (1530525600) },
  { "Jul 02 2018 10:00:00 GMT", G_GINT64_CONSTANT (1530525600) },
  { "Thu, 29 Feb 2024 23:59:59 +0000", G_GINT64_CONSTANT (1709251199) },
  { "Fri, 31 Dec 1999 23:59:59 GMT", G_GINT64_CONSTANT (946684799) },
  { "Sat, 01 Jan 2000 06:59:59 +0700", G_GINT64_CONSTANT (946684799) },
  { "Tue, 03 Jul 2018 00:30:00 +0700", G_GINT64_CONSTANT (1530552600) },
  { "Thu, 01 Jan 1970 00:00:00 GMT", G_GINT64_CONSTANT (0) },
  { "Mon, 02 Sept 2019 10:00:00 GMT", G_GINT64_CONSTANT (1567418400) },
  { "Mon, 02 Jul 2018 10:00:00 +0700 trailing junk here", G_GINT64_CONSTANT (1530500400) },
  { "  Mon, 02 Jul 2018 10:00:00 GMT  ", G_GINT64_CONSTANT (1530525600) },
  { "2018-07-02T10:00:00Z", G_GINT64_CONSTANT (1530525600) },
  { "2018-07-02T10:00:00+07:00", G_GINT64_CONSTANT (1530500400) },
  { "2018-07-02T10:00:00-05:00", G_GINT64_CONSTANT (1530543600) },
  { "2018-07-02T10:00:00+0700", G_GINT64_CONSTANT (1530500400) },
  { "2018-07-02T10:00Z", G_GINT64_CONSTANT (1530525600) },
  { "2018-07-02T10:00+07:00", G_GINT64_CONSTANT (1530500400) },
  { "2018-07-02T10:00:00.123Z", G_GINT64_CONSTANT (1530525600) },
  { "2018-07-02T10:00:00.123456789+07:00", G_GINT64_CONSTANT (1530500400) },
  { "2018-07-02 10:00:00+07:00", G_GINT64_CONSTANT (1530500400) },
  { "2018-07-02 10:00:00 +07:00", G_GINT64_CONSTANT (1530500400) },
  { "2018-07-02T10:00:00", G_GINT64_CONSTANT (1530525600) },
  { "2018-07-02", G_GINT64_CONSTANT (1530489600) },
  { "2018-07", G_GINT64_CONSTANT (1530403200) },
  { "20180702T100000Z", G_GINT64_CONSTANT (1530525600) },
  { "2018-07-02t10:00:00z", G_GINT64_CONSTANT (1530525600) },
  { "2018-07-02T17:30:00Z", G_GINT64_CONSTANT (1530552600) },
  { "2016-02-29T12:00:00+05:30", G_GINT64_CONSTANT (1456727400) },
  { "2018-12-31T23:59:60Z", G_GINT64_CONSTANT (1546300800) },
  { "2018-07-02T24:00:00Z", G_GINT64_CONSTANT (1530576000) },
  { "1969-12-31T23:59:59Z", G_GINT64_CONSTANT (-1) },
  { "2018-07-02T10:00:00 UTC", G_GINT64_CONSTANT (1530525600) },
};

static const char * const bad_dates[] = {
  "",
  "   ",
  "hello world",
  "Mon, 32 Jul 2018 10:00:00 GMT",
  "Mon, 30 Feb 2018 10:00:00 GMT",
  "Thu, 29 Feb 2019 10:00:00 GMT",
  "Mon, 02 Foo 2018 10:00:00 GMT",
  "Mon, 02 Jul 2018 25:00:00 GMT",
  "Mon, 02 Jul 2018 10:61:00 GMT",
  "Mon, 02 Jul",
  "Mon, 02 Jul 2018 10:00:00 +9900",
  "Blursday, 02 Jul 2018 10:00:00 GMT",
  "2018-13-02T10:00:00Z",
  "2018-07-32",
  "2018-02-29",
  "2018-07-02T25:00:00Z",
  "2018-07-02T10:00:00Zjunk",
  "2018-07-02T10",
  "2018/07/02",
  "12345",
  "02 Jul 201812 10:00:00 GMT",
};

static void
test_parse_good (gconstpointer data)
{
  const DateRow *row = data;
  gint64 parsed = -1;

  g_assert_true (bantin_date_parse (row->text, &parsed));
  g_assert_cmpint (parsed, ==, row->expected);
}

static void
test_parse_bad (gconstpointer data)
{
  const char *text = data;
  gint64 parsed = 42;

  g_assert_false (bantin_date_parse (text, &parsed));
  /* A failed parse leaves the output alone. */
  g_assert_cmpint (parsed, ==, 42);
}

static void
test_parse_null (void)
{
  gint64 parsed = 7;

  g_assert_false (bantin_date_parse (NULL, &parsed));
  g_assert_cmpint (parsed, ==, 7);
}

static void
test_local_day_boundary (void)
{
  g_autoptr(GTimeZone) hanoi = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 t;

  /* 2018-07-02T17:30:00Z is half past midnight on 3 July in Hanoi. */
  g_assert_true (bantin_date_parse ("2018-07-02T17:30:00Z", &t));
  g_assert_cmpint (bantin_date_local_day (t, hanoi), ==, 20180703);
  g_assert_cmpint (bantin_date_local_day (t, utc), ==, 20180702);

  /* One second before local midnight is still the 2nd. */
  g_assert_true (bantin_date_parse ("2018-07-02T16:59:59Z", &t));
  g_assert_cmpint (bantin_date_local_day (t, hanoi), ==, 20180702);
  g_assert_true (bantin_date_parse ("2018-07-02T17:00:00Z", &t));
  g_assert_cmpint (bantin_date_local_day (t, hanoi), ==, 20180703);

  /* Before 1970 too. */
  g_assert_cmpint (bantin_date_local_day (-1, utc), ==, 19691231);
  g_assert_cmpint (bantin_date_local_day (-1, hanoi), ==, 19700101);
}

static void
test_local_day_default_zone (void)
{
  gint64 t;

  /* The test environment sets BANTIN_TIMEZONE=Asia/Ho_Chi_Minh. */
  g_assert_true (bantin_date_parse ("2018-07-02T17:30:00Z", &t));
  g_assert_cmpint (bantin_date_local_day (t, NULL), ==, 20180703);
}

static void
test_timezone_selection (void)
{
  g_autoptr(GTimeZone) tz = NULL;
  gint64 t;

  g_assert_true (bantin_date_parse ("2018-07-02T12:00:00Z", &t));

  g_setenv ("BANTIN_TIMEZONE", "America/New_York", TRUE);
  bantin_date_set_timezone ("Europe/Berlin");
  tz = bantin_date_get_timezone ();
  g_assert_cmpint (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t)), ==, -4 * 3600);
  g_clear_pointer (&tz, g_time_zone_unref);

  /* Without the variable, the configured zone applies. */
  g_unsetenv ("BANTIN_TIMEZONE");
  tz = bantin_date_get_timezone ();
  g_assert_cmpint (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t)), ==, 2 * 3600);
  g_clear_pointer (&tz, g_time_zone_unref);

  /* An unknown variable falls through to the configured zone. */
  g_setenv ("BANTIN_TIMEZONE", "Nowhere/Atlantis", TRUE);
  tz = bantin_date_get_timezone ();
  g_assert_cmpint (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t)), ==, 2 * 3600);
  g_clear_pointer (&tz, g_time_zone_unref);

  /* With neither, Vietnam. */
  g_unsetenv ("BANTIN_TIMEZONE");
  bantin_date_set_timezone (NULL);
  tz = bantin_date_get_timezone ();
  g_assert_cmpint (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t)), ==, 7 * 3600);
  g_clear_pointer (&tz, g_time_zone_unref);

  g_setenv ("BANTIN_TIMEZONE", "Asia/Ho_Chi_Minh", TRUE);
}

static void
test_day_range (void)
{
  g_autoptr(GTimeZone) hanoi = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 start = 0;
  gint64 end = 0;

  if (hanoi == NULL)
    hanoi = g_time_zone_new_offset (7 * 3600);

  g_assert_true (bantin_date_day_range (20180703, hanoi, &start, &end));
  /* 2018-07-02T17:00:00Z .. 2018-07-03T17:00:00Z */
  g_assert_cmpint (start, ==, G_GINT64_CONSTANT (1530550800));
  g_assert_cmpint (end, ==, G_GINT64_CONSTANT (1530637200));
  g_assert_cmpint (bantin_date_local_day (start, hanoi), ==, 20180703);
  g_assert_cmpint (bantin_date_local_day (end - 1, hanoi), ==, 20180703);
  g_assert_cmpint (bantin_date_local_day (end, hanoi), ==, 20180704);

  /* Year end. */
  g_assert_true (bantin_date_day_range (20181231, hanoi, &start, &end));
  g_assert_cmpint (end - start, ==, 86400);
  g_assert_cmpint (bantin_date_local_day (end, hanoi), ==, 20190101);

  /* A DST day is 23 hours long. */
  if (berlin != NULL)
    {
      g_assert_true (bantin_date_day_range (20180325, berlin, &start, &end));
      g_assert_cmpint (end - start, ==, 23 * 3600);
    }

  g_assert_false (bantin_date_day_range (20180230, hanoi, &start, &end));
  g_assert_false (bantin_date_day_range (0, hanoi, &start, &end));
  g_assert_false (bantin_date_day_range (20181301, hanoi, &start, &end));
}

static void
test_day_helpers (void)
{
  BantinDay day = 0;
  g_autofree char *iso = NULL;
  g_autofree char *bad_iso = NULL;

  g_assert_true (bantin_day_parse ("2018-07-03", &day));
  g_assert_cmpint (day, ==, 20180703);
  g_assert_true (bantin_day_parse ("20240229", &day));
  g_assert_cmpint (day, ==, 20240229);
  g_assert_false (bantin_day_parse ("2023-02-29", &day));
  g_assert_false (bantin_day_parse ("2018-07-03x", &day));
  g_assert_false (bantin_day_parse ("yesterday", &day));
  g_assert_false (bantin_day_parse (NULL, &day));

  iso = bantin_day_format_iso (20180703);
  g_assert_cmpstr (iso, ==, "2018-07-03");
  bad_iso = bantin_day_format_iso (20181340);
  g_assert_null (bad_iso);

  g_assert_cmpint (bantin_day_add (20180731, 1), ==, 20180801);
  g_assert_cmpint (bantin_day_add (20181231, 1), ==, 20190101);
  g_assert_cmpint (bantin_day_add (20190101, -1), ==, 20181231);
  g_assert_cmpint (bantin_day_add (20240228, 1), ==, 20240229);
  g_assert_cmpint (bantin_day_add (20230228, 1), ==, 20230301);
  g_assert_cmpint (bantin_day_add (21000228, 1), ==, 21000301);
  g_assert_cmpint (bantin_day_add (20000228, 1), ==, 20000229);
  g_assert_cmpint (bantin_day_add (20180703, 365), ==, 20190703);
  g_assert_cmpint (bantin_day_add (20180703, 0), ==, 20180703);
  g_assert_cmpint (bantin_day_add (20180703, -31), ==, 20180602);
}

static void
test_day_today (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  BantinDay today = bantin_day_today (utc);
  BantinDay expected = g_date_time_get_year (now) * 10000 +
                       g_date_time_get_month (now) * 100 +
                       g_date_time_get_day_of_month (now);

  /* Tolerate a midnight passing between the two calls. */
  g_assert_true (today == expected || today == bantin_day_add (expected, 1));
}

static void
test_format_rfc3339 (void)
{
  g_autofree char *a = bantin_date_format_rfc3339 (G_GINT64_CONSTANT (1530552600));
  g_autofree char *b = bantin_date_format_rfc3339 (0);
  g_autofree char *c = bantin_date_format_rfc3339 (-1);
  gint64 round_trip = 0;

  g_assert_cmpstr (a, ==, "2018-07-02T17:30:00Z");
  g_assert_cmpstr (b, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (c, ==, "1969-12-31T23:59:59Z");

  g_assert_true (bantin_date_parse (a, &round_trip));
  g_assert_cmpint (round_trip, ==, G_GINT64_CONSTANT (1530552600));
}

static gpointer
local_day_thread (gpointer data)
{
  guint i;

  for (i = 0; i < 2000; i++)
    {
      gint64 t = G_GINT64_CONSTANT (1530550800) + (gint64) (i % 48) * 1800;
      gint64 parsed = 0;

      /* Every half hour of 3 July, Hanoi time. */
      if (bantin_date_local_day (t, NULL) != 20180703)
        return GINT_TO_POINTER (1);
      if (!bantin_date_parse ("Tue, 03 Jul 2018 00:30:00 +0700", &parsed) ||
          parsed != G_GINT64_CONSTANT (1530552600))
        return GINT_TO_POINTER (1);
    }

  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("date", local_day_thread, NULL);

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

/* Found by tests/fuzz/fuzz-date.c: the last day GDateTime knows was
 * parsed as a day but had no range. */
static void
test_day_range_last_day (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  BantinDay day = 0;
  gint64 start = 0, end = 0;

  g_assert_true (bantin_day_parse ("9999-12-31", &day));
  g_assert_true (bantin_date_day_range (day, utc, &start, &end));
  g_assert_cmpint (start, ==, G_GINT64_CONSTANT (253402214400));
  g_assert_cmpint (end, ==, G_GINT64_CONSTANT (253402300800));
  g_assert_true (bantin_date_day_range (day, NULL, &start, &end));
  g_assert_cmpint (end - start, ==, 86400);
}

int
main (int argc, char *argv[])
{
  gsize i;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (i = 0; i < G_N_ELEMENTS (good_dates); i++)
    {
      g_autofree char *path = g_strdup_printf ("/date/parse/good/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &good_dates[i], test_parse_good);
    }

  for (i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autofree char *path = g_strdup_printf ("/date/parse/bad/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, bad_dates[i], test_parse_bad);
    }

  g_test_add_func ("/date/parse/null", test_parse_null);
  g_test_add_func ("/date/local-day/boundary", test_local_day_boundary);
  g_test_add_func ("/date/local-day/default-zone", test_local_day_default_zone);
  g_test_add_func ("/date/timezone/selection", test_timezone_selection);
  g_test_add_func ("/date/day-range", test_day_range);
  g_test_add_func ("/date/day/helpers", test_day_helpers);
  g_test_add_func ("/date/day/today", test_day_today);
  g_test_add_func ("/date/format/rfc3339", test_format_rfc3339);
  g_test_add_func ("/date/threads", test_threads);
  g_test_add_func ("/date/day-range/last-day", test_day_range_last_day);

  return g_test_run ();
}
