/* bantin-date-picker.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_DATE_PICKER (bantin_date_picker_get_type ())

G_DECLARE_FINAL_TYPE (BantinDatePicker, bantin_date_picker, BANTIN, DATE_PICKER, AdwBin)

/* The header-bar date button ("Thứ Ba, 03/07/2018" or "All dates") and its
 * popover: a month grid whose days show how many articles they have,
 * previous/next month, "Today" and "All dates".
 *
 * It displays what it is given: when the visible month changes (and when
 * the popover opens) it emits "month-changed" (int year, int month), and
 * the window answers with bantin_date_picker_set_counts(). Choosing a day
 * sets the "day" property (a BantinDay, 0 for all dates) and closes the
 * popover. */
GtkWidget  *bantin_date_picker_new                (void);
BantinDay   bantin_date_picker_get_day            (BantinDatePicker *self);
void        bantin_date_picker_set_day            (BantinDatePicker *self,
                                                   BantinDay         day);
BantinDay   bantin_date_picker_get_today          (BantinDatePicker *self);
void        bantin_date_picker_set_today          (BantinDatePicker *self,
                                                   BantinDay         today);
void        bantin_date_picker_get_visible_month  (BantinDatePicker *self,
                                                   int              *year,
                                                   int              *month);
void        bantin_date_picker_set_visible_month  (BantinDatePicker *self,
                                                   int               year,
                                                   int               month);
void        bantin_date_picker_set_counts         (BantinDatePicker *self,
                                                   int               year,
                                                   int               month,
                                                   const guint      *counts,
                                                   guint             n_days);
void        bantin_date_picker_popup              (BantinDatePicker *self);
void        bantin_date_picker_popdown            (BantinDatePicker *self);

G_END_DECLS
