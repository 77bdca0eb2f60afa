/* test-ui-date-picker.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>

#include "bantin-date-format.h"

/* The Vietnamese cases read the real po/vi.po, compiled into a temporary
 * LOCALEDIR, so that a broken translation fails here and not in front of
 * an official. */
static char *vi_localedir;
static const char *vi_skip_reason;

static gboolean
run_tool (const char * const *argv,
          GError            **error)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, NULL, NULL, &status, error))
    return FALSE;

  return g_spawn_check_wait_status (status, error);
}

static void
compile_vietnamese_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *po = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *uniq = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *msguniq = g_find_program_in_path ("msguniq");

  if (msgfmt == NULL || msguniq == NULL)
    {
      vi_skip_reason = "msgfmt/msguniq (gettext) not installed";
      return;
    }

  if (setlocale (LC_ALL, "vi_VN.UTF-8") == NULL)
    {
      vi_skip_reason = "the vi_VN.UTF-8 locale is not generated (locale-gen)";
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");

  po = g_test_build_filename (G_TEST_DIST, "..", "po", "vi.po", NULL);
  tmp = g_dir_make_tmp ("bantin-test-locale-XXXXXX", &error);
  g_assert_no_error (error);
  messages = g_build_filename (tmp, "vi", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  uniq = g_build_filename (tmp, "vi.po", NULL);
  mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);

  /* Several people append to vi.po at once; the first definition of a
   * message wins, as the lead's merge will keep it. */
  {
    const char *uniq_argv[] = { "msguniq", "--use-first", "-o", uniq, po, NULL };
    const char *fmt_argv[] = { "msgfmt", "--check-format", "-o", mo, uniq, NULL };

    run_tool (uniq_argv, &error);
    g_assert_no_error (error);
    run_tool (fmt_argv, &error);
    g_assert_no_error (error);
  }

  vi_localedir = g_steal_pointer (&tmp);
}

static void
with_language (const char *language)
{
  if (g_strcmp0 (language, "vi") == 0)
    {
      g_assert_nonnull (setlocale (LC_ALL, "vi_VN.UTF-8"));
      bindtextdomain (GETTEXT_PACKAGE, vi_localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  else
    {
      setlocale (LC_ALL, "C.UTF-8");
    }
}

static gint64
unix_at (GTimeZone *tz,
         int        year,
         int        month,
         int        day,
         int        hour,
         int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
assert_format_day (BantinDay   day,
                   const char *day_long,
                   const char *day_full,
                   const char *day_short)
{
  g_autofree char *l = bantin_date_format_day_long (day);
  g_autofree char *f = bantin_date_format_day_full (day);
  g_autofree char *s = bantin_date_format_day_short (day);

  g_assert_cmpstr (l, ==, day_long);
  g_assert_cmpstr (f, ==, day_full);
  g_assert_cmpstr (s, ==, day_short);
}

static void
assert_relative (gint64      then,
                 gint64      now,
                 GTimeZone  *tz,
                 const char *expected)
{
  g_autofree char *text = bantin_date_format_relative (then, now, tz);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_english (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autofree char *month = NULL;
  g_autofree char *month_jan = NULL;
  g_autofree char *time = NULL;
  g_autofree char *today = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *other = NULL;
  gint64 t;

  with_language ("C");

  assert_format_day (20180703, "Tue 3 Jul 2018", "Tuesday 3 July 2018", "3 Jul 2018");
  assert_format_day (20240229, "Thu 29 Feb 2024", "Thursday 29 February 2024", "29 Feb 2024");
  assert_format_day (20181230, "Sun 30 Dec 2018", "Sunday 30 December 2018", "30 Dec 2018");

  month = bantin_date_format_month_year (2018, 7);
  g_assert_cmpstr (month, ==, "July 2018");
  month_jan = bantin_date_format_month_year (2019, 1);
  g_assert_cmpstr (month_jan, ==, "January 2019");

  g_assert_cmpstr (bantin_date_format_weekday_short (1), ==, "Mon");
  g_assert_cmpstr (bantin_date_format_weekday_short (7), ==, "Sun");
  g_assert_cmpstr (bantin_date_format_weekday (2), ==, "Tuesday");
  g_assert_cmpstr (bantin_date_format_month (5), ==, "May");

  /* 08:15 in Hà Nội is 01:15 UTC: the zone, not the machine, decides. */
  t = unix_at (tz, 2018, 7, 3, 8, 15);
  time = bantin_date_format_time (t, tz);
  g_assert_cmpstr (time, ==, "08:15");

  assert_relative (t, t + 30, tz, "Just now");
  assert_relative (t, t - 30, tz, "Just now");
  assert_relative (t, t + 60, tz, "1 minute ago");
  assert_relative (t, t + 5 * 60 + 59, tz, "5 minutes ago");
  assert_relative (t, t + 60 * 60, tz, "1 hour ago");
  assert_relative (t, t + 2 * 60 * 60 + 10, tz, "2 hours ago");
  /* Ahead of our clock by an hour, still today. */
  assert_relative (t, t - 60 * 60, tz, "Today 08:15");
  /* Yesterday morning, seen the next evening (34 hours later). */
  assert_relative (t, unix_at (tz, 2018, 7, 4, 18, 0), tz, "Yesterday 08:15");
  /* 23:50 yesterday seen at 00:20 is still minutes, not "yesterday". */
  assert_relative (unix_at (tz, 2018, 7, 3, 23, 50), unix_at (tz, 2018, 7, 4, 0, 20),
                   tz, "30 minutes ago");
  assert_relative (unix_at (tz, 2018, 7, 3, 22, 0), unix_at (tz, 2018, 7, 4, 1, 0),
                   tz, "Yesterday 22:00");
  assert_relative (t, unix_at (tz, 2018, 7, 6, 9, 0), tz, "3 Jul 2018");
  /* Across a year end. */
  assert_relative (unix_at (tz, 2018, 12, 31, 20, 5), unix_at (tz, 2019, 1, 1, 9, 0),
                   tz, "Yesterday 20:05");

  today = bantin_date_format_day_relative (20180703, 20180703);
  yesterday = bantin_date_format_day_relative (20181231, 20190101);
  other = bantin_date_format_day_relative (20181230, 20190101);
  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  g_assert_cmpstr (other, ==, "Sun 30 Dec 2018");
}

static void
test_format_vietnamese (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autofree char *month = NULL;
  g_autofree char *today = NULL;
  gint64 t;

  if (vi_localedir == NULL)
    {
      g_test_skip (vi_skip_reason);
      return;
    }

  with_language ("vi");

  assert_format_day (20180703, "Thứ Ba, 03/07/2018", "Thứ Ba, 3 tháng 7, 2018", "03/07/2018");
  assert_format_day (20180708, "Chủ Nhật, 08/07/2018", "Chủ Nhật, 8 tháng 7, 2018", "08/07/2018");

  month = bantin_date_format_month_year (2018, 7);
  g_assert_cmpstr (month, ==, "Tháng 7, 2018");
  g_assert_cmpstr (bantin_date_format_weekday_short (1), ==, "T2");
  g_assert_cmpstr (bantin_date_format_weekday_short (6), ==, "T7");
  g_assert_cmpstr (bantin_date_format_weekday_short (7), ==, "CN");
  g_assert_cmpstr (bantin_date_format_weekday (4), ==, "Thứ Năm");
  g_assert_cmpstr (bantin_date_format_month (12), ==, "Tháng 12");

  t = unix_at (tz, 2018, 7, 3, 8, 15);
  assert_relative (t, t + 10, tz, "Vừa xong");
  assert_relative (t, t + 5 * 60, tz, "5 phút trước");
  assert_relative (t, t + 2 * 60 * 60, tz, "2 giờ trước");
  assert_relative (t, unix_at (tz, 2018, 7, 4, 18, 0), tz, "Hôm qua 08:15");
  assert_relative (t, unix_at (tz, 2018, 7, 6, 9, 0), tz, "03/07/2018");

  today = bantin_date_format_day_relative (20180703, 20180703);
  g_assert_cmpstr (today, ==, "Hôm nay");

  with_language ("C");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  compile_vietnamese_catalog ();

  g_test_add_func ("/bantin/date-format/english", test_format_english);
  g_test_add_func ("/bantin/date-format/vietnamese", test_format_vietnamese);

  ret = g_test_run ();

  if (vi_localedir != NULL)
    remove_tree (vi_localedir);
  g_free (vi_localedir);

  return ret;
}
