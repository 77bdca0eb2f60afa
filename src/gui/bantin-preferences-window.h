/* bantin-preferences-window.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BANTIN_TYPE_PREFERENCES_WINDOW (bantin_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BantinPreferencesWindow, bantin_preferences_window, BANTIN, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Every row is bound to a key of io.github.bantin.Bantin: a change is
 * saved at once, and the application and the windows follow the keys. */
BantinPreferencesWindow *bantin_preferences_window_new (GtkWindow *parent);

/* The time zones the time-zone row offers, Asia/Ho_Chi_Minh first. */
const char * const      *bantin_preferences_window_get_timezones (void);

G_END_DECLS
