/* bantin-pane.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BANTIN_TYPE_PANE (bantin_pane_get_type ())

G_DECLARE_FINAL_TYPE (BantinPane, bantin_pane, BANTIN, PANE, GtkWidget)

/* One pane of the window's leaflets. It holds one child and asks for
 * "natural-width" as its natural width: the width the user chose, which
 * the leaflet gives it when the window is wide enough. Its minimum stays
 * the child's, so the leaflet still folds where it did. -1 asks for the
 * child's own natural width, 0 for no more than its minimum. It does not
 * expand horizontally unless its own "hexpand" is set. */
GtkWidget *bantin_pane_new               (void);
GtkWidget *bantin_pane_get_child         (BantinPane *self);
int        bantin_pane_get_natural_width (BantinPane *self);
void       bantin_pane_set_child         (BantinPane *self,
                                          GtkWidget  *child);
void       bantin_pane_set_natural_width (BantinPane *self,
                                          int         natural_width);

G_END_DECLS
