/* bantin-date-picker.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-date-picker"

#include "config.h"

#include "bantin-date-picker.h"

#include <glib/gi18n-lib.h>

#include "bantin-date-format.h"
#include "bantin-month-grid.h"

struct _BantinDatePicker
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkMenuButton   *button;
  GtkLabel        *button_label;
  GtkPopover      *popover;
  GtkButton       *title_button;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  BantinMonthGrid *grid;

  BantinDay        day;
  BantinDay        today;

  /* Set while the popover resets its month on opening, which emits
   * "month-changed" once itself. */
  gboolean         quiet_month_change;
};

G_DEFINE_FINAL_TYPE (BantinDatePicker, bantin_date_picker, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DAY,
  PROP_TODAY,
  N_PROPS,
};

enum {
  MONTH_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_button_label (BantinDatePicker *self)
{
  g_autofree char *text = NULL;

  if (self->day == 0)
    text = g_strdup (_("All Dates"));
  else
    text = bantin_date_format_day_long (self->day);

  gtk_label_set_text (self->button_label, text);
}

static void
update_title (BantinDatePicker *self)
{
  g_autofree char *title = NULL;

  title = bantin_date_format_month_year (bantin_month_grid_get_year (self->grid),
                                         bantin_month_grid_get_month (self->grid));
  gtk_label_set_text (self->title_label, title);
}

static void
emit_month_changed (BantinDatePicker *self)
{
  g_signal_emit (self, signals[MONTH_CHANGED], 0,
                 bantin_month_grid_get_year (self->grid),
                 bantin_month_grid_get_month (self->grid));
}

static void
show_month_of (BantinDatePicker *self,
               BantinDay         day)
{
  if (day > 0)
    bantin_month_grid_set_month (self->grid, day / 10000, day / 100 % 100);
}

static void
grid_month_changed_cb (BantinDatePicker *self,
                       int               year,
                       int               month,
                       BantinMonthGrid  *grid)
{
  update_title (self);

  /* The counts shown are for the old month until the window answers. */
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);

  if (!self->quiet_month_change)
    emit_month_changed (self);
}

static void
grid_day_activated_cb (BantinDatePicker *self,
                       BantinDay         day,
                       BantinMonthGrid  *grid)
{
  bantin_date_picker_set_day (self, day);
  bantin_date_picker_popdown (self);
}

static void
previous_clicked_cb (BantinDatePicker *self)
{
  int year = bantin_month_grid_get_year (self->grid);
  int month = bantin_month_grid_get_month (self->grid);

  if (--month < 1)
    {
      month = 12;
      year--;
    }

  if (year >= 1)
    bantin_month_grid_set_month (self->grid, year, month);
}

static void
next_clicked_cb (BantinDatePicker *self)
{
  int year = bantin_month_grid_get_year (self->grid);
  int month = bantin_month_grid_get_month (self->grid);

  if (++month > 12)
    {
      month = 1;
      year++;
    }

  if (year <= 9999)
    bantin_month_grid_set_month (self->grid, year, month);
}

static void
title_clicked_cb (BantinDatePicker *self)
{
  show_month_of (self, self->today);
}

static void
today_clicked_cb (BantinDatePicker *self)
{
  bantin_date_picker_set_day (self, self->today);
  bantin_date_picker_popdown (self);
}

static void
all_dates_clicked_cb (BantinDatePicker *self)
{
  bantin_date_picker_set_day (self, 0);
  bantin_date_picker_popdown (self);
}

static void
popover_show_cb (BantinDatePicker *self)
{
  /* Open on the chosen day's month (or today's), even if the user browsed
   * elsewhere last time, and ask for fresh counts: articles may have
   * arrived since. */
  self->quiet_month_change = TRUE;
  show_month_of (self, self->day != 0 ? self->day : self->today);
  self->quiet_month_change = FALSE;

  emit_month_changed (self);
}

static void
popover_map_cb (BantinDatePicker *self)
{
  BantinDay focus = self->day != 0 ? self->day : self->today;

  /* Keyboard users land on a day, not on the "previous month" arrow. */
  bantin_month_grid_focus_day (self->grid, focus);
}

static void
bantin_date_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BantinDatePicker *self = BANTIN_DATE_PICKER (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_int (value, self->day);
      break;

    case PROP_TODAY:
      g_value_set_int (value, self->today);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_date_picker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BantinDatePicker *self = BANTIN_DATE_PICKER (object);

  switch (prop_id)
    {
    case PROP_DAY:
      bantin_date_picker_set_day (self, g_value_get_int (value));
      break;

    case PROP_TODAY:
      bantin_date_picker_set_today (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_date_picker_dispose (GObject *object)
{
  /* The menu button is both AdwBin's child and a template child: detach it
   * from the bin first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), BANTIN_TYPE_DATE_PICKER);

  G_OBJECT_CLASS (bantin_date_picker_parent_class)->dispose (object);
}

static void
bantin_date_picker_class_init (BantinDatePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bantin_date_picker_get_property;
  object_class->set_property = bantin_date_picker_set_property;
  object_class->dispose = bantin_date_picker_dispose;

  /**
   * BantinDatePicker:day:
   *
   * The chosen day as a BantinDay (YYYYMMDD), or 0 for all dates.
   */
  properties[PROP_DAY] =
    g_param_spec_int ("day", NULL, NULL,
                      0, 99991231, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BantinDatePicker:today:
   *
   * Today in the reading time zone: outlined in the grid, and the target
   * of the "Today" button.
   */
  properties[PROP_TODAY] =
    g_param_spec_int ("today", NULL, NULL,
                      0, 99991231, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BantinDatePicker::month-changed:
   * @year: the year shown
   * @month: the month shown, 1 … 12
   *
   * Emitted when the visible month changes and when the popover opens;
   * answer with bantin_date_picker_set_counts().
   */
  signals[MONTH_CHANGED] =
    g_signal_new ("month-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  g_type_ensure (BANTIN_TYPE_MONTH_GRID);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bantin/Bantin/ui/bantin-date-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, BantinDatePicker, button);
  gtk_widget_class_bind_template_child (widget_class, BantinDatePicker, button_label);
  gtk_widget_class_bind_template_child (widget_class, BantinDatePicker, popover);
  gtk_widget_class_bind_template_child (widget_class, BantinDatePicker, title_button);
  gtk_widget_class_bind_template_child (widget_class, BantinDatePicker, title_label);
  gtk_widget_class_bind_template_child (widget_class, BantinDatePicker, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BantinDatePicker, grid);
  gtk_widget_class_bind_template_callback (widget_class, grid_month_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_day_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_dates_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_map_cb);

  gtk_widget_class_set_css_name (widget_class, "bantin-date-picker");
}

static void
bantin_date_picker_init (BantinDatePicker *self)
{
  g_autoptr(GTimeZone) tz = bantin_date_get_timezone ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->today = bantin_day_today (tz);
  bantin_month_grid_set_today (self->grid, self->today);

  self->quiet_month_change = TRUE;
  show_month_of (self, self->today);
  self->quiet_month_change = FALSE;

  update_title (self);
  update_button_label (self);
}

GtkWidget *
bantin_date_picker_new (void)
{
  return g_object_new (BANTIN_TYPE_DATE_PICKER, NULL);
}

BantinDay
bantin_date_picker_get_day (BantinDatePicker *self)
{
  g_return_val_if_fail (BANTIN_IS_DATE_PICKER (self), 0);

  return self->day;
}

/* Chooses @day (0 for all dates) and shows its month. */
void
bantin_date_picker_set_day (BantinDatePicker *self,
                            BantinDay         day)
{
  g_return_if_fail (BANTIN_IS_DATE_PICKER (self));
  g_return_if_fail (day == 0 || g_date_valid_dmy (day % 100, day / 100 % 100, day / 10000));

  if (self->day == day)
    return;

  self->day = day;
  bantin_month_grid_set_selected (self->grid, day);
  show_month_of (self, day);
  update_button_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

BantinDay
bantin_date_picker_get_today (BantinDatePicker *self)
{
  g_return_val_if_fail (BANTIN_IS_DATE_PICKER (self), 0);

  return self->today;
}

void
bantin_date_picker_set_today (BantinDatePicker *self,
                              BantinDay         today)
{
  g_return_if_fail (BANTIN_IS_DATE_PICKER (self));

  if (self->today == today)
    return;

  self->today = today;
  bantin_month_grid_set_today (self->grid, today);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

void
bantin_date_picker_get_visible_month (BantinDatePicker *self,
                                      int              *year,
                                      int              *month)
{
  g_return_if_fail (BANTIN_IS_DATE_PICKER (self));

  if (year != NULL)
    *year = bantin_month_grid_get_year (self->grid);
  if (month != NULL)
    *month = bantin_month_grid_get_month (self->grid);
}

void
bantin_date_picker_set_visible_month (BantinDatePicker *self,
                                      int               year,
                                      int               month)
{
  g_return_if_fail (BANTIN_IS_DATE_PICKER (self));
  g_return_if_fail (month >= 1 && month <= 12);
  g_return_if_fail (year >= 1 && year <= 9999);

  bantin_month_grid_set_month (self->grid, year, month);
}

/* Shows @counts (articles per day, counts[0] for the 1st) if @year and
 * @month are still the month shown: a late answer for a month the user
 * has already left is dropped. */
void
bantin_date_picker_set_counts (BantinDatePicker *self,
                               int               year,
                               int               month,
                               const guint      *counts,
                               guint             n_days)
{
  g_autofree char *subtitle = NULL;
  guint total = 0;

  g_return_if_fail (BANTIN_IS_DATE_PICKER (self));
  g_return_if_fail (counts != NULL || n_days == 0);

  if (year != bantin_month_grid_get_year (self->grid) ||
      month != bantin_month_grid_get_month (self->grid))
    return;

  bantin_month_grid_set_counts (self->grid, counts, n_days);

  for (guint i = 0; i < n_days && i < 31; i++)
    total += counts[i];

  if (total == 0)
    subtitle = g_strdup (C_("month total", "No articles"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u article",
                                             "%u articles",
                                             total),
                                total);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
}

void
bantin_date_picker_popup (BantinDatePicker *self)
{
  g_return_if_fail (BANTIN_IS_DATE_PICKER (self));

  gtk_menu_button_popup (self->button);
}

void
bantin_date_picker_popdown (BantinDatePicker *self)
{
  g_return_if_fail (BANTIN_IS_DATE_PICKER (self));

  gtk_menu_button_popdown (self->button);
}
