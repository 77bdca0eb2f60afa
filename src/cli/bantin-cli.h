/* bantin-cli.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv names a command (or --help/--version), which the CLI runs
 * without initialising GTK; FALSE when the window should open. */
gboolean bantin_cli_handles (int    argc,
                             char **argv);
int      bantin_cli_main    (int    argc,
                             char **argv);

G_END_DECLS
