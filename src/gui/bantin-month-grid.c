/* bantin-month-grid.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-month-grid"

#include "config.h"

#include "bantin-month-grid.h"

#include <glib/gi18n-lib.h>

#include "bantin-date-format.h"

#define N_WEEKS 6
#define N_CELLS (7 * N_WEEKS)
#define N_LEVELS 4

typedef struct
{
  GtkWidget *button;
  GtkWidget *number;
  GtkWidget *count;
  BantinDay  day;
} DayCell;

struct _BantinMonthGrid
{
  GtkWidget  parent_instance;

  GtkWidget *weekday_labels[7];
  DayCell    cells[N_CELLS];

  int        year;
  int        month;
  BantinDay  selected;
  BantinDay  today;

  /* The one day that takes part in the Tab chain ("roving" focus), so
   * that Tab leaves the grid instead of walking through 42 buttons. */
  BantinDay  focus_day;

  guint      counts[31];
  gboolean   has_counts;
};

G_DEFINE_FINAL_TYPE (BantinMonthGrid, bantin_month_grid, GTK_TYPE_WIDGET)

enum {
  DAY_ACTIVATED,
  MONTH_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char * const level_classes[N_LEVELS + 1] = {
  "level-0", "level-1", "level-2", "level-3", "level-4",
};

static BantinDay
day_from_date (const GDate *date)
{
  return g_date_get_year (date) * 10000
         + g_date_get_month (date) * 100
         + g_date_get_day (date);
}

static gboolean
date_from_day (BantinDay  day,
               GDate     *date)
{
  int y = day / 10000;
  int m = (day / 100) % 100;
  int d = day % 100;

  g_date_clear (date, 1);
  if (day <= 0 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static BantinDay
day_add_months (BantinDay day,
                int       n_months)
{
  GDate date;

  if (!date_from_day (day, &date))
    return 0;

  /* GDate clamps the day to the new month's length (31 Jan + 1 = 28 Feb),
   * which is what PageDown should do. */
  if (n_months >= 0)
    g_date_add_months (&date, n_months);
  else
    g_date_subtract_months (&date, -n_months);

  return day_from_date (&date);
}

static inline int
day_year (BantinDay day)
{
  return day / 10000;
}

static inline int
day_month (BantinDay day)
{
  return (day / 100) % 100;
}

static inline gboolean
day_in_month (BantinMonthGrid *self,
              BantinDay        day)
{
  return day_year (day) == self->year && day_month (day) == self->month;
}

static int
days_in_month (int year,
               int month)
{
  return g_date_get_days_in_month (month, year);
}

static DayCell *
find_cell (BantinMonthGrid *self,
           BantinDay        day)
{
  for (guint i = 0; i < N_CELLS; i++)
    {
      if (self->cells[i].day == day)
        return &self->cells[i];
    }

  return NULL;
}

static guint
count_for (BantinMonthGrid *self,
           const DayCell   *cell)
{
  if (!self->has_counts || !day_in_month (self, cell->day))
    return 0;

  return self->counts[cell->day % 100 - 1];
}

/* Grades a count against the busiest day of the month. The square root
 * keeps quiet days visible next to one very busy day. */
static guint
level_for (guint count,
           guint max_count)
{
  double ratio;
  guint level;

  if (count == 0 || max_count == 0)
    return 0;

  ratio = (double) count / (double) max_count;
  for (level = 1; level < N_LEVELS; level++)
    {
      double upper = (double) level / N_LEVELS;

      if (ratio <= upper * upper)
        break;
    }

  return level;
}

static void
update_cell_accessible (BantinMonthGrid *self,
                        DayCell         *cell,
                        guint            count)
{
  g_autofree char *day_text = bantin_date_format_day_full (cell->day);
  g_autofree char *label = NULL;

  if (!day_in_month (self, cell->day) || !self->has_counts)
    {
      label = g_steal_pointer (&day_text);
    }
  else
    {
      g_autofree char *count_text = NULL;

      if (count == 0)
        count_text = g_strdup (_("no articles"));
      else
        count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u article",
                                                   "%u articles",
                                                   count),
                                      count);

      /* Translators: a calendar day for screen readers: the day, "Tuesday 3
       * July 2018", then its number of articles, "12 articles". */
      label = g_strdup_printf (C_("accessible day", "%s, %s"), day_text, count_text);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  cell->day == self->today ? C_("calendar", "Today") : "",
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (cell->button),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               cell->day == self->selected
                                 ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                 : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    enabled)
{
  if (enabled)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
update_cells (BantinMonthGrid *self)
{
  guint max_count = 0;

  if (self->has_counts)
    {
      for (int i = 0; i < days_in_month (self->year, self->month); i++)
        max_count = MAX (max_count, self->counts[i]);
    }

  for (guint i = 0; i < N_CELLS; i++)
    {
      DayCell *cell = &self->cells[i];
      gboolean in_month = day_in_month (self, cell->day);
      guint count = count_for (self, cell);
      guint level = level_for (count, max_count);
      char number[4];

      g_snprintf (number, sizeof number, "%d", cell->day % 100);
      gtk_label_set_text (GTK_LABEL (cell->number), number);

      if (count > 0)
        {
          char count_text[16];

          g_snprintf (count_text, sizeof count_text, "%u", count);
          gtk_label_set_text (GTK_LABEL (cell->count), count_text);
        }
      else
        {
          /* Keep the line's height so every row lines up. */
          gtk_label_set_text (GTK_LABEL (cell->count), " ");
        }

      set_css_class (cell->button, "other-month", !in_month);
      set_css_class (cell->button, "today", cell->day == self->today);
      set_css_class (cell->button, "selected", cell->day == self->selected);
      set_css_class (cell->button, "empty", in_month && self->has_counts && count == 0);
      for (guint l = 0; l <= N_LEVELS; l++)
        set_css_class (cell->button, level_classes[l], l == level && in_month);

      gtk_widget_set_focusable (cell->button, cell->day == self->focus_day);

      update_cell_accessible (self, cell, count);
    }
}

static void
update_grid_accessible (BantinMonthGrid *self)
{
  g_autofree char *title = NULL;

  if (self->month == 0)
    return;

  title = bantin_date_format_month_year (self->year, self->month);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static BantinDay
default_focus_day (BantinMonthGrid *self)
{
  if (day_in_month (self, self->selected))
    return self->selected;
  if (day_in_month (self, self->today))
    return self->today;

  return self->year * 10000 + self->month * 100 + 1;
}

static void
fill_month (BantinMonthGrid *self)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, self->month, self->year);
  /* Weeks start on Monday, as Vietnamese calendars print them. */
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);

  for (guint i = 0; i < N_CELLS; i++)
    {
      self->cells[i].day = day_from_date (&date);
      g_date_add_days (&date, 1);
    }
}

static void
day_clicked_cb (GtkButton       *button,
                BantinMonthGrid *self)
{
  for (guint i = 0; i < N_CELLS; i++)
    {
      if (self->cells[i].button == GTK_WIDGET (button))
        {
          BantinDay day = self->cells[i].day;

          if (day_in_month (self, day))
            {
              self->focus_day = day;
              update_cells (self);
            }
          g_signal_emit (self, signals[DAY_ACTIVATED], 0, day);
          return;
        }
    }
}

static BantinDay
current_focus_day (BantinMonthGrid *self)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));

  for (guint i = 0; i < N_CELLS && focus != NULL; i++)
    {
      if (self->cells[i].button == focus)
        return self->cells[i].day;
    }

  return self->focus_day != 0 ? self->focus_day : default_focus_day (self);
}

static void
move_focus (BantinMonthGrid *self,
            BantinDay        target)
{
  if (target == 0)
    return;

  if (!day_in_month (self, target))
    bantin_month_grid_set_month (self, day_year (target), day_month (target));

  bantin_month_grid_focus_day (self, target);
}

static void
move_days_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BantinMonthGrid *self = BANTIN_MONTH_GRID (widget);
  gboolean horizontal;
  int n_days;

  g_variant_get (parameter, "(ib)", &n_days, &horizontal);

  /* Left and right follow the reading direction. */
  if (horizontal && gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    n_days = -n_days;

  move_focus (self, bantin_day_add (current_focus_day (self), n_days));
}

static void
move_months_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BantinMonthGrid *self = BANTIN_MONTH_GRID (widget);

  move_focus (self, day_add_months (current_focus_day (self),
                                    g_variant_get_int32 (parameter)));
}

static void
move_to_edge_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BantinMonthGrid *self = BANTIN_MONTH_GRID (widget);
  gboolean end = g_variant_get_boolean (parameter);
  int mday = end ? days_in_month (self->year, self->month) : 1;

  move_focus (self, self->year * 10000 + self->month * 100 + mday);
}

static GtkWidget *
create_day_button (BantinMonthGrid *self,
                   DayCell         *cell)
{
  GtkWidget *box;

  cell->button = gtk_button_new ();
  gtk_widget_add_css_class (cell->button, "day");
  gtk_widget_set_focus_on_click (cell->button, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  cell->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->number, "day-number");
  gtk_widget_add_css_class (cell->number, "numeric");
  gtk_box_append (GTK_BOX (box), cell->number);

  cell->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->count, "day-count");
  gtk_widget_add_css_class (cell->count, "numeric");
  gtk_box_append (GTK_BOX (box), cell->count);

  gtk_button_set_child (GTK_BUTTON (cell->button), box);
  g_signal_connect (cell->button, "clicked", G_CALLBACK (day_clicked_cb), self);

  return cell->button;
}

static void
bantin_month_grid_dispose (GObject *object)
{
  BantinMonthGrid *self = BANTIN_MONTH_GRID (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  memset (self->cells, 0, sizeof self->cells);
  memset (self->weekday_labels, 0, sizeof self->weekday_labels);

  G_OBJECT_CLASS (bantin_month_grid_parent_class)->dispose (object);
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           keypad_keyval,
                  int             n_days,
                  gboolean        horizontal)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0,
                                       "month-grid.move-days", "(ib)", n_days, horizontal);
  gtk_widget_class_add_binding_action (widget_class, keypad_keyval, 0,
                                       "month-grid.move-days", "(ib)", n_days, horizontal);
}

static void
bantin_month_grid_class_init (BantinMonthGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bantin_month_grid_dispose;

  /**
   * BantinMonthGrid::day-activated:
   * @day: the BantinDay that was clicked or activated
   */
  signals[DAY_ACTIVATED] =
    g_signal_new ("day-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * BantinMonthGrid::month-changed:
   * @year: the year now shown
   * @month: the month now shown, 1 … 12
   *
   * Emitted whenever the shown month changes, also when the keyboard
   * crosses a month boundary, so that the owner can follow.
   */
  signals[MONTH_CHANGED] =
    g_signal_new ("month-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  /* Keyboard moves are actions, so that tests and assistive tools can
   * drive them without synthesizing key events. */
  gtk_widget_class_install_action (widget_class, "month-grid.move-days", "(ib)",
                                   move_days_action);
  gtk_widget_class_install_action (widget_class, "month-grid.move-months", "i",
                                   move_months_action);
  gtk_widget_class_install_action (widget_class, "month-grid.move-to-edge", "b",
                                   move_to_edge_action);

  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, TRUE);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, TRUE);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, -7, FALSE);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 7, FALSE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "month-grid.move-months", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "month-grid.move-months", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_SHIFT_MASK,
                                       "month-grid.move-months", "i", -12);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_SHIFT_MASK,
                                       "month-grid.move-months", "i", 12);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0,
                                       "month-grid.move-to-edge", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0,
                                       "month-grid.move-to-edge", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0,
                                       "month-grid.move-to-edge", "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0,
                                       "month-grid.move-to-edge", "b", TRUE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bantin-month-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bantin_month_grid_init (BantinMonthGrid *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_grid_layout_set_column_homogeneous (GTK_GRID_LAYOUT (layout), TRUE);
  gtk_grid_layout_set_column_spacing (GTK_GRID_LAYOUT (layout), 2);
  gtk_grid_layout_set_row_spacing (GTK_GRID_LAYOUT (layout), 2);

  for (int wd = 1; wd <= 7; wd++)
    {
      GtkWidget *label = gtk_label_new (bantin_date_format_weekday_short (wd));
      GtkLayoutChild *child;

      gtk_widget_add_css_class (label, "weekday");
      if (wd >= 6)
        gtk_widget_add_css_class (label, "weekend");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      bantin_date_format_weekday (wd),
                                      -1);
      gtk_widget_set_parent (label, GTK_WIDGET (self));
      child = gtk_layout_manager_get_layout_child (layout, label);
      gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (child), wd - 1);
      gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (child), 0);
      self->weekday_labels[wd - 1] = label;
    }

  for (guint i = 0; i < N_CELLS; i++)
    {
      GtkWidget *button = create_day_button (self, &self->cells[i]);
      GtkLayoutChild *child;

      gtk_widget_set_parent (button, GTK_WIDGET (self));
      child = gtk_layout_manager_get_layout_child (layout, button);
      gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (child), i % 7);
      gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (child), 1 + i / 7);
    }

  /* The owner normally sets the month at once; until then show the
   * machine's month rather than an empty grid. */
  self->year = g_date_time_get_year (now);
  self->month = g_date_time_get_month (now);
  fill_month (self);
  self->focus_day = default_focus_day (self);
  update_cells (self);
  update_grid_accessible (self);
}

GtkWidget *
bantin_month_grid_new (void)
{
  return g_object_new (BANTIN_TYPE_MONTH_GRID, NULL);
}

void
bantin_month_grid_set_month (BantinMonthGrid *self,
                             int              year,
                             int              month)
{
  g_return_if_fail (BANTIN_IS_MONTH_GRID (self));
  g_return_if_fail (month >= 1 && month <= 12);
  g_return_if_fail (year >= 1 && year <= 9999);

  if (self->year == year && self->month == month)
    return;

  self->year = year;
  self->month = month;

  /* The counts belonged to the old month; the owner answers
   * "month-changed" with the new ones. */
  memset (self->counts, 0, sizeof self->counts);
  self->has_counts = FALSE;

  fill_month (self);
  self->focus_day = default_focus_day (self);
  update_cells (self);
  update_grid_accessible (self);

  g_signal_emit (self, signals[MONTH_CHANGED], 0, year, month);
}

int
bantin_month_grid_get_year (BantinMonthGrid *self)
{
  g_return_val_if_fail (BANTIN_IS_MONTH_GRID (self), 0);

  return self->year;
}

int
bantin_month_grid_get_month (BantinMonthGrid *self)
{
  g_return_val_if_fail (BANTIN_IS_MONTH_GRID (self), 0);

  return self->month;
}

void
bantin_month_grid_set_counts (BantinMonthGrid *self,
                              const guint     *counts,
                              guint            n_days)
{
  guint n;

  g_return_if_fail (BANTIN_IS_MONTH_GRID (self));
  g_return_if_fail (counts != NULL || n_days == 0);

  memset (self->counts, 0, sizeof self->counts);
  n = MIN (n_days, (guint) days_in_month (self->year, self->month));
  if (n > 0)
    memcpy (self->counts, counts, n * sizeof (guint));
  self->has_counts = TRUE;

  update_cells (self);
}

void
bantin_month_grid_set_selected (BantinMonthGrid *self,
                                BantinDay        day)
{
  g_return_if_fail (BANTIN_IS_MONTH_GRID (self));

  if (self->selected == day)
    return;

  self->selected = day;
  if (day_in_month (self, day))
    self->focus_day = day;
  update_cells (self);
}

void
bantin_month_grid_set_today (BantinMonthGrid *self,
                             BantinDay        today)
{
  g_return_if_fail (BANTIN_IS_MONTH_GRID (self));

  if (self->today == today)
    return;

  self->today = today;
  update_cells (self);
}

/* Moves keyboard focus to @day if it is shown in the current month (the
 * leading and trailing days of the neighbours are not focus targets:
 * moving there switches the month first). */
void
bantin_month_grid_focus_day (BantinMonthGrid *self,
                             BantinDay        day)
{
  DayCell *cell;

  g_return_if_fail (BANTIN_IS_MONTH_GRID (self));

  if (!day_in_month (self, day))
    return;

  cell = find_cell (self, day);
  g_return_if_fail (cell != NULL);

  self->focus_day = day;
  update_cells (self);
  gtk_widget_grab_focus (cell->button);
}

GtkWidget *
bantin_month_grid_get_day_widget (BantinMonthGrid *self,
                                  BantinDay        day)
{
  DayCell *cell;

  g_return_val_if_fail (BANTIN_IS_MONTH_GRID (self), NULL);

  cell = find_cell (self, day);
  return cell != NULL ? cell->button : NULL;
}
