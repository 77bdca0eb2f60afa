/* bantin-month-grid.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_MONTH_GRID (bantin_month_grid_get_type ())

G_DECLARE_FINAL_TYPE (BantinMonthGrid, bantin_month_grid, BANTIN, MONTH_GRID, GtkWidget)

/* A keyboard-navigable, accessible grid of one month's days (weeks start
 * on Monday), each with its article count. Emits "day-activated"
 * (BantinDay) when a day is clicked or activated with Enter/Space, and
 * "month-changed" (int year, int month) whenever the shown month changes,
 * including when the keyboard (arrows, PageUp/PageDown, Shift+PageUp/
 * PageDown for years, Home/End) crosses a month boundary.
 *
 * The keys are bound to widget actions: "month-grid.move-days" ((ib): a
 * number of days, and whether it is a horizontal move that follows the
 * text direction), "month-grid.move-months" (i) and
 * "month-grid.move-to-edge" (b: FALSE for the 1st, TRUE for the last). */
GtkWidget  *bantin_month_grid_new           (void);
void        bantin_month_grid_set_month     (BantinMonthGrid *self,
                                             int              year,
                                             int              month);
int         bantin_month_grid_get_year      (BantinMonthGrid *self);
int         bantin_month_grid_get_month     (BantinMonthGrid *self);
void        bantin_month_grid_set_counts    (BantinMonthGrid *self,
                                             const guint     *counts,
                                             guint            n_days);
void        bantin_month_grid_set_selected  (BantinMonthGrid *self,
                                             BantinDay        day);
void        bantin_month_grid_set_today     (BantinMonthGrid *self,
                                             BantinDay        today);
void        bantin_month_grid_focus_day     (BantinMonthGrid *self,
                                             BantinDay        day);

/* The button that shows @day (of this month or a neighbouring one's
 * leading/trailing days), or NULL: for tests and focus handling. */
GtkWidget  *bantin_month_grid_get_day_widget (BantinMonthGrid *self,
                                              BantinDay        day);

G_END_DECLS
