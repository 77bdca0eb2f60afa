/* bantin-pane-handle.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bantin-pane.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_PANE_HANDLE (bantin_pane_handle_get_type ())

G_DECLARE_FINAL_TYPE (BantinPaneHandle, bantin_pane_handle, BANTIN, PANE_HANDLE, GtkWidget)

/* The line between two panes of a leaflet, drawn as a separator. Dragging
 * it sets the natural width of "pane", the pane before it, between the
 * pane's minimum and "max-width", and never so wide that the panes after
 * it get less than they ask for. "resized" is emitted when a drag that
 * changed the width ends. Nothing happens while the leaflet is folded. */
GtkWidget  *bantin_pane_handle_new           (void);
BantinPane *bantin_pane_handle_get_pane      (BantinPaneHandle *self);
int         bantin_pane_handle_get_max_width (BantinPaneHandle *self);
void        bantin_pane_handle_set_pane      (BantinPaneHandle *self,
                                              BantinPane       *pane);
void        bantin_pane_handle_set_max_width (BantinPaneHandle *self,
                                              int               max_width);

G_END_DECLS
