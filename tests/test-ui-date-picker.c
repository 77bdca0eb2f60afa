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
#include "bantin-date-picker.h"
#include "bantin-month-grid.h"
#include "bantin-resources.h"

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


/* The widgets. */

typedef struct
{
  int year;
  int month;
} MonthChange;

typedef struct
{
  GtkWindow        *window;
  BantinDatePicker *picker;
  GArray           *changes;
  guint             day_notifies;
  BantinDay         wait_day;
} PickerFixture;

/* July 2018: weekdays busy, weekends quiet, one empty day. */
static const guint july_2018[31] = {
  3, 12, 12, 9, 15, 7, 2, 1, 11, 14, 0, 8, 10, 4, 2,
  9, 13, 40, 6, 5, 1, 2, 7, 8, 9, 12, 5, 3, 2, 6, 11,
};

static void
month_changed_cb (BantinDatePicker *picker,
                  int               year,
                  int               month,
                  PickerFixture    *fixture)
{
  MonthChange change = { year, month };

  g_array_append_val (fixture->changes, change);
}

static void
day_notify_cb (GObject       *object,
               GParamSpec    *pspec,
               PickerFixture *fixture)
{
  fixture->day_notifies++;
}

static void
picker_setup (PickerFixture *fixture,
              gconstpointer  data)
{
  GtkWidget *header;

  /* The demo may ask for Vietnamese before the widgets exist. */
  if (data == NULL)
    with_language ("C");

  fixture->changes = g_array_new (FALSE, FALSE, sizeof (MonthChange));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 640, 480);
  header = gtk_header_bar_new ();
  gtk_window_set_titlebar (fixture->window, header);

  fixture->picker = BANTIN_DATE_PICKER (bantin_date_picker_new ());
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), GTK_WIDGET (fixture->picker));

  bantin_date_picker_set_today (fixture->picker, 20180710);
  bantin_date_picker_set_day (fixture->picker, 20180703);

  g_signal_connect (fixture->picker, "month-changed",
                    G_CALLBACK (month_changed_cb), fixture);
  g_signal_connect (fixture->picker, "notify::day",
                    G_CALLBACK (day_notify_cb), fixture);

  gtk_window_present (fixture->window);
}

static void
picker_teardown (PickerFixture *fixture,
                 gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_array_unref (fixture->changes);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *icon_name,
                 const char *label)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      gboolean matches = TRUE;

      if (icon_name != NULL)
        matches = GTK_IS_BUTTON (widget) &&
                  g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
      if (label != NULL)
        matches = GTK_IS_BUTTON (widget) &&
                  g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
      if (matches)
        return widget;
    }

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, icon_name, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkMenuButton *
picker_menu_button (PickerFixture *fixture)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (fixture->picker), GTK_TYPE_MENU_BUTTON, NULL, NULL);

  g_assert_nonnull (button);
  return GTK_MENU_BUTTON (button);
}

static GtkWidget *
picker_popover (PickerFixture *fixture)
{
  GtkPopover *popover = gtk_menu_button_get_popover (picker_menu_button (fixture));

  g_assert_nonnull (popover);
  return GTK_WIDGET (popover);
}

static const char *
picker_button_text (PickerFixture *fixture)
{
  /* The label beside the calendar icon, inside the menu button's own
   * toggle button. */
  GtkWidget *button = GTK_WIDGET (picker_menu_button (fixture));
  GtkWidget *label = find_descendant (button, GTK_TYPE_LABEL, NULL, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static BantinMonthGrid *
picker_grid (PickerFixture *fixture)
{
  GtkWidget *grid = find_descendant (picker_popover (fixture), BANTIN_TYPE_MONTH_GRID, NULL, NULL);

  g_assert_nonnull (grid);
  return BANTIN_MONTH_GRID (grid);
}

static GtkWidget *
popover_button (PickerFixture *fixture,
                const char    *icon_name,
                const char    *label)
{
  GtkWidget *button = find_descendant (picker_popover (fixture), GTK_TYPE_BUTTON, icon_name, label);

  g_assert_nonnull (button);
  return button;
}

static void
assert_last_change (PickerFixture *fixture,
                    int            year,
                    int            month)
{
  MonthChange *last;

  g_assert_cmpuint (fixture->changes->len, >, 0);
  last = &g_array_index (fixture->changes, MonthChange, fixture->changes->len - 1);
  g_assert_cmpint (last->year, ==, year);
  g_assert_cmpint (last->month, ==, month);
}

static void
assert_visible_month (PickerFixture *fixture,
                      int            year,
                      int            month)
{
  int y = 0, m = 0;

  bantin_date_picker_get_visible_month (fixture->picker, &y, &m);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (bantin_month_grid_get_year (picker_grid (fixture)), ==, year);
  g_assert_cmpint (bantin_month_grid_get_month (picker_grid (fixture)), ==, month);
}

static void
assert_accessible_label (GtkWidget  *widget,
                         const char *expected)
{
  g_autofree char *error = NULL;

  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              expected);
  if (error != NULL)
    g_error ("accessible label: %s", error);
}

static void
test_picker_label (PickerFixture *fixture,
                   gconstpointer  data)
{
  g_assert_cmpint (bantin_date_picker_get_day (fixture->picker), ==, 20180703);
  g_assert_cmpint (bantin_date_picker_get_today (fixture->picker), ==, 20180710);
  g_assert_cmpstr (picker_button_text (fixture), ==, "Tue 3 Jul 2018");
  assert_visible_month (fixture, 2018, 7);

  /* Choosing a day in another month shows that month. */
  bantin_date_picker_set_day (fixture->picker, 20190101);
  g_assert_cmpstr (picker_button_text (fixture), ==, "Tue 1 Jan 2019");
  assert_visible_month (fixture, 2019, 1);
  assert_last_change (fixture, 2019, 1);
  g_assert_cmpuint (fixture->day_notifies, ==, 1);

  /* Setting the same day again is not a change. */
  bantin_date_picker_set_day (fixture->picker, 20190101);
  g_assert_cmpuint (fixture->day_notifies, ==, 1);

  bantin_date_picker_set_day (fixture->picker, 0);
  g_assert_cmpstr (picker_button_text (fixture), ==, "All Dates");
  g_assert_cmpuint (fixture->day_notifies, ==, 2);
  /* "All dates" keeps the month on screen. */
  assert_visible_month (fixture, 2019, 1);
}

static void
test_picker_navigation (PickerFixture *fixture,
                        gconstpointer  data)
{
  GtkWidget *next, *previous, *title;

  bantin_date_picker_popup (fixture->picker);
  /* Opening asks for the counts of the chosen day's month. */
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  assert_last_change (fixture, 2018, 7);

  next = popover_button (fixture, "go-next-symbolic", NULL);
  previous = popover_button (fixture, "go-previous-symbolic", NULL);

  bantin_date_picker_set_visible_month (fixture->picker, 2018, 11);
  assert_last_change (fixture, 2018, 11);
  g_signal_emit_by_name (next, "clicked");
  assert_last_change (fixture, 2018, 12);
  g_signal_emit_by_name (next, "clicked");
  assert_last_change (fixture, 2019, 1);
  assert_visible_month (fixture, 2019, 1);
  g_assert_cmpuint (fixture->changes->len, ==, 4);

  g_signal_emit_by_name (previous, "clicked");
  assert_last_change (fixture, 2018, 12);
  g_signal_emit_by_name (previous, "clicked");
  assert_last_change (fixture, 2018, 11);
  assert_visible_month (fixture, 2018, 11);
  g_assert_cmpuint (fixture->changes->len, ==, 6);

  /* Browsing does not choose a day. */
  g_assert_cmpint (bantin_date_picker_get_day (fixture->picker), ==, 20180703);
  g_assert_cmpuint (fixture->day_notifies, ==, 0);

  /* The title goes back to today's month. */
  title = gtk_widget_get_next_sibling (previous);
  g_assert_true (GTK_IS_BUTTON (title));
  g_signal_emit_by_name (title, "clicked");
  assert_last_change (fixture, 2018, 7);

  /* Reopening after browsing shows the chosen day's month again. */
  bantin_date_picker_popdown (fixture->picker);
  bantin_date_picker_set_visible_month (fixture->picker, 2020, 2);
  bantin_date_picker_popup (fixture->picker);
  assert_visible_month (fixture, 2018, 7);
  assert_last_change (fixture, 2018, 7);
}

static void
test_picker_counts (PickerFixture *fixture,
                    gconstpointer  data)
{
  BantinMonthGrid *grid;
  guint june[30] = { 0 };

  bantin_date_picker_popup (fixture->picker);
  grid = picker_grid (fixture);

  /* Before the window answers, a day has no count. */
  assert_accessible_label (bantin_month_grid_get_day_widget (grid, 20180703),
                           "Tuesday 3 July 2018");

  bantin_date_picker_set_counts (fixture->picker, 2018, 7, july_2018, 31);
  assert_accessible_label (bantin_month_grid_get_day_widget (grid, 20180703),
                           "Tuesday 3 July 2018, 12 articles");
  assert_accessible_label (bantin_month_grid_get_day_widget (grid, 20180708),
                           "Sunday 8 July 2018, 1 article");
  assert_accessible_label (bantin_month_grid_get_day_widget (grid, 20180711),
                           "Wednesday 11 July 2018, no articles");
  /* Leading days of June carry no July counts. */
  assert_accessible_label (bantin_month_grid_get_day_widget (grid, 20180630),
                           "Saturday 30 June 2018");
  g_assert_true (gtk_widget_has_css_class (bantin_month_grid_get_day_widget (grid, 20180630),
                                           "other-month"));
  g_assert_true (gtk_widget_has_css_class (bantin_month_grid_get_day_widget (grid, 20180718),
                                           "level-4"));
  g_assert_true (gtk_widget_has_css_class (bantin_month_grid_get_day_widget (grid, 20180711),
                                           "empty"));
  g_assert_true (gtk_widget_has_css_class (bantin_month_grid_get_day_widget (grid, 20180703),
                                           "selected"));
  g_assert_true (gtk_widget_has_css_class (bantin_month_grid_get_day_widget (grid, 20180710),
                                           "today"));

  /* A late answer for another month is dropped. */
  june[2] = 99;
  bantin_date_picker_set_counts (fixture->picker, 2018, 6, june, 30);
  assert_accessible_label (bantin_month_grid_get_day_widget (grid, 20180703),
                           "Tuesday 3 July 2018, 12 articles");

  /* Six weeks from Monday 25 June to Sunday 5 August. */
  g_assert_nonnull (bantin_month_grid_get_day_widget (grid, 20180625));
  g_assert_nonnull (bantin_month_grid_get_day_widget (grid, 20180805));
  g_assert_null (bantin_month_grid_get_day_widget (grid, 20180624));
  g_assert_null (bantin_month_grid_get_day_widget (grid, 20180806));

  /* Leaving the month drops its counts. */
  bantin_date_picker_set_visible_month (fixture->picker, 2018, 8);
  bantin_date_picker_set_visible_month (fixture->picker, 2018, 7);
  assert_accessible_label (bantin_month_grid_get_day_widget (grid, 20180703),
                           "Tuesday 3 July 2018");
}

static gboolean
day_is (gpointer data)
{
  PickerFixture *fixture = data;

  return bantin_date_picker_get_day (fixture->picker) == fixture->wait_day;
}

static void
test_picker_choose_day (PickerFixture *fixture,
                        gconstpointer  data)
{
  GtkWidget *popover = picker_popover (fixture);
  GtkWidget *day;

  bantin_date_picker_popup (fixture->picker);
  bantin_date_picker_set_counts (fixture->picker, 2018, 7, july_2018, 31);
  g_assert_true (gtk_widget_get_visible (popover));

  /* Through the real activation path: the button must be mapped. */
  day = bantin_month_grid_get_day_widget (picker_grid (fixture), 20180718);
  spin_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, day);
  g_assert_true (gtk_widget_get_mapped (day));
  g_assert_true (gtk_widget_activate (day));
  fixture->wait_day = 20180718;
  spin_until (day_is, fixture);

  g_assert_cmpint (bantin_date_picker_get_day (fixture->picker), ==, 20180718);
  g_assert_cmpuint (fixture->day_notifies, ==, 1);
  g_assert_cmpstr (picker_button_text (fixture), ==, "Wed 18 Jul 2018");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (gtk_widget_has_css_class (day, "selected"));
  g_assert_false (gtk_widget_has_css_class (bantin_month_grid_get_day_widget (picker_grid (fixture),
                                                                              20180703),
                                            "selected"));

  /* A trailing day of August chooses that day and shows August. */
  bantin_date_picker_popup (fixture->picker);
  day = bantin_month_grid_get_day_widget (picker_grid (fixture), 20180802);
  g_signal_emit_by_name (day, "clicked");
  g_assert_cmpint (bantin_date_picker_get_day (fixture->picker), ==, 20180802);
  assert_visible_month (fixture, 2018, 8);
  assert_last_change (fixture, 2018, 8);

  /* "Today" and "All Dates". */
  bantin_date_picker_popup (fixture->picker);
  g_signal_emit_by_name (popover_button (fixture, NULL, "Today"), "clicked");
  g_assert_cmpint (bantin_date_picker_get_day (fixture->picker), ==, 20180710);
  g_assert_false (gtk_widget_get_visible (popover));

  bantin_date_picker_popup (fixture->picker);
  g_signal_emit_by_name (popover_button (fixture, NULL, "All Dates"), "clicked");
  g_assert_cmpint (bantin_date_picker_get_day (fixture->picker), ==, 0);
  g_assert_cmpstr (picker_button_text (fixture), ==, "All Dates");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpuint (fixture->day_notifies, ==, 4);
}

static void
assert_focus_on (PickerFixture *fixture,
                 BantinDay      day)
{
  BantinMonthGrid *grid = picker_grid (fixture);
  GtkWidget *button = bantin_month_grid_get_day_widget (grid, day);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_focus_child (GTK_WIDGET (grid)) == button);
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (button)) == button);
  /* Only the focused day is in the Tab chain. */
  g_assert_true (gtk_widget_get_focusable (button));
  g_assert_false (gtk_widget_get_focusable (bantin_month_grid_get_day_widget (grid,
                                                                              bantin_day_add (day, 1))));
}

static void
test_picker_keyboard (PickerFixture *fixture,
                      gconstpointer  data)
{
  GtkWidget *grid;

  bantin_date_picker_popup (fixture->picker);
  grid = GTK_WIDGET (picker_grid (fixture));
  spin_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, grid);

  /* Opening puts the focus on the chosen day. */
  assert_focus_on (fixture, 20180703);

  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-days", "(ib)", 7, FALSE));
  assert_focus_on (fixture, 20180710);
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-to-edge", "b", TRUE));
  assert_focus_on (fixture, 20180731);

  /* Right from the 31st crosses into August, and the picker follows. */
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-days", "(ib)", 1, TRUE));
  assert_visible_month (fixture, 2018, 8);
  assert_last_change (fixture, 2018, 8);
  assert_focus_on (fixture, 20180801);

  /* Up a week goes back to July. */
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-days", "(ib)", -7, FALSE));
  assert_visible_month (fixture, 2018, 7);
  assert_focus_on (fixture, 20180725);

  /* PageDown keeps the day number, clamped to the month's length. */
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-to-edge", "b", TRUE));
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-months", "i", 2));
  assert_visible_month (fixture, 2018, 9);
  assert_focus_on (fixture, 20180930);

  /* Across the year end, both ways. */
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-months", "i", 3));
  assert_last_change (fixture, 2018, 12);
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-days", "(ib)", 7, FALSE));
  assert_visible_month (fixture, 2019, 1);
  assert_last_change (fixture, 2019, 1);
  assert_focus_on (fixture, 20190106);
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-to-edge", "b", FALSE));
  g_assert_true (gtk_widget_activate_action (grid, "month-grid.move-days", "(ib)", -1, TRUE));
  assert_visible_month (fixture, 2018, 12);
  assert_focus_on (fixture, 20181231);

  /* Enter on the focused day chooses it. */
  g_assert_true (gtk_widget_activate (bantin_month_grid_get_day_widget (picker_grid (fixture),
                                                                        20181231)));
  fixture->wait_day = 20181231;
  spin_until (day_is, fixture);
  g_assert_cmpint (bantin_date_picker_get_day (fixture->picker), ==, 20181231);
}

/* Presses a key through the grid's own key bindings: the shortcut that
 * the widget class installed for @keyval is looked up and activated as
 * GTK would on a key press. */
static void
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_error ("no key binding for %s", gdk_keyval_name (keyval));
}

static void
test_picker_keys (PickerFixture *fixture,
                  gconstpointer  data)
{
  GtkWidget *grid;

  bantin_date_picker_popup (fixture->picker);
  grid = GTK_WIDGET (picker_grid (fixture));
  spin_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, grid);
  assert_focus_on (fixture, 20180703);

  press_key (grid, GDK_KEY_Right, 0);
  assert_focus_on (fixture, 20180704);
  press_key (grid, GDK_KEY_Down, 0);
  assert_focus_on (fixture, 20180711);
  press_key (grid, GDK_KEY_KP_Up, 0);
  assert_focus_on (fixture, 20180704);
  press_key (grid, GDK_KEY_Left, 0);
  assert_focus_on (fixture, 20180703);
  press_key (grid, GDK_KEY_End, 0);
  assert_focus_on (fixture, 20180731);
  press_key (grid, GDK_KEY_Home, 0);
  assert_focus_on (fixture, 20180701);
  press_key (grid, GDK_KEY_Page_Down, 0);
  assert_visible_month (fixture, 2018, 8);
  assert_focus_on (fixture, 20180801);
  press_key (grid, GDK_KEY_Page_Up, GDK_SHIFT_MASK);
  assert_visible_month (fixture, 2017, 8);
  assert_last_change (fixture, 2017, 8);
  press_key (grid, GDK_KEY_Page_Up, 0);
  assert_visible_month (fixture, 2017, 7);
  assert_focus_on (fixture, 20170701);

  /* In a right-to-left interface, Left moves forward in time. */
  gtk_widget_set_direction (grid, GTK_TEXT_DIR_RTL);
  press_key (grid, GDK_KEY_Left, 0);
  assert_focus_on (fixture, 20170702);
}

static void
test_picker_vietnamese (PickerFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GtkWidget) grid = NULL;

  if (vi_localedir == NULL)
    {
      g_test_skip (vi_skip_reason);
      return;
    }

  with_language ("vi");

  grid = g_object_ref_sink (bantin_month_grid_new ());
  bantin_month_grid_set_month (BANTIN_MONTH_GRID (grid), 2018, 7);
  bantin_month_grid_set_counts (BANTIN_MONTH_GRID (grid), july_2018, 31);
  assert_accessible_label (bantin_month_grid_get_day_widget (BANTIN_MONTH_GRID (grid), 20180703),
                           "Thứ Ba, 3 tháng 7, 2018, 12 bài viết");
  assert_accessible_label (bantin_month_grid_get_day_widget (BANTIN_MONTH_GRID (grid), 20180711),
                           "Thứ Tư, 11 tháng 7, 2018, không có bài viết");
  assert_accessible_label (grid, "Tháng 7, 2018");

  bantin_date_picker_set_day (fixture->picker, 20180704);
  g_assert_cmpstr (picker_button_text (fixture), ==, "Thứ Tư, 04/07/2018");
  bantin_date_picker_set_day (fixture->picker, 0);
  g_assert_cmpstr (picker_button_text (fixture), ==, "Tất cả các ngày");

  with_language ("C");
}

/* BANTIN_DATE_PICKER_DEMO=SECONDS keeps a window with the popover open,
 * for screenshots (BANTIN_DATE_PICKER_DEMO_CSS=FILE loads extra CSS,
 * BANTIN_DATE_PICKER_DEMO_LANG=vi shows it in Vietnamese,
 * BANTIN_DATE_PICKER_DEMO_POPUP=0 leaves the popover closed). */
static int
run_demo (const char *seconds)
{
  PickerFixture fixture = { 0 };
  const char *css = g_getenv ("BANTIN_DATE_PICKER_DEMO_CSS");
  gint64 end;

  if (css != NULL)
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_path (provider, css);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  if (g_strcmp0 (g_getenv ("BANTIN_DATE_PICKER_DEMO_LANG"), "vi") == 0 && vi_localedir != NULL)
    {
      with_language ("vi");
      picker_setup (&fixture, "vi");
    }
  else
    {
      picker_setup (&fixture, NULL);
    }
  if (g_strcmp0 (g_getenv ("BANTIN_DATE_PICKER_DEMO_POPUP"), "0") != 0)
    bantin_date_picker_popup (fixture.picker);
  bantin_date_picker_set_counts (fixture.picker, 2018, 7, july_2018, 31);

  end = g_get_monotonic_time () + (gint64) (g_ascii_strtod (seconds, NULL) * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  picker_teardown (&fixture, NULL);
  return 0;
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
  /* The demo wants the system's icon theme, which isolated XDG dirs hide. */
  if (g_getenv ("BANTIN_DATE_PICKER_DEMO") != NULL)
    g_test_init (&argc, &argv, NULL);
  else
    g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  compile_vietnamese_catalog ();

  g_test_add_func ("/bantin/date-format/english", test_format_english);
  g_test_add_func ("/bantin/date-format/vietnamese", test_format_vietnamese);

  /* The in-process test backend lets us read accessible labels back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (gtk_init_check ())
    {
      adw_init ();
      /* Pull the resources (templates, style.css) into this binary. */
      g_assert_nonnull (bantin_get_resource ());

      if (g_getenv ("BANTIN_DATE_PICKER_DEMO") != NULL)
        ret = run_demo (g_getenv ("BANTIN_DATE_PICKER_DEMO"));
      else
        {
          g_test_add ("/bantin/date-picker/label", PickerFixture, NULL,
                      picker_setup, test_picker_label, picker_teardown);
          g_test_add ("/bantin/date-picker/navigation", PickerFixture, NULL,
                      picker_setup, test_picker_navigation, picker_teardown);
          g_test_add ("/bantin/date-picker/counts", PickerFixture, NULL,
                      picker_setup, test_picker_counts, picker_teardown);
          g_test_add ("/bantin/date-picker/choose-day", PickerFixture, NULL,
                      picker_setup, test_picker_choose_day, picker_teardown);
          g_test_add ("/bantin/date-picker/keyboard", PickerFixture, NULL,
                      picker_setup, test_picker_keyboard, picker_teardown);
          g_test_add ("/bantin/date-picker/keys", PickerFixture, NULL,
                      picker_setup, test_picker_keys, picker_teardown);
          g_test_add ("/bantin/date-picker/vietnamese", PickerFixture, NULL,
                      picker_setup, test_picker_vietnamese, picker_teardown);
          ret = g_test_run ();
        }
    }
  else
    {
      /* The date-format cases need no display. */
      g_test_message ("no display: skipping the widget tests");
      ret = g_test_run ();
    }

  if (vi_localedir != NULL)
    remove_tree (vi_localedir);
  g_free (vi_localedir);

  return ret;
}
