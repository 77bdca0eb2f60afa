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
 * (BantinDay) when a day is clicked or activated with Enter/Space. */
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

G_END_DECLS
