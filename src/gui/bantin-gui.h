/* bantin-gui.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the window: `bantin`, `bantin --data-dir=DIR`, `bantin --demo`. */
int bantin_gui_main (int    argc,
                     char **argv);

G_END_DECLS
