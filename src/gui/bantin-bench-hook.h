/* bantin-bench-hook.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* With BANTIN_BENCH_FIRST_FRAME=1 in the environment, build-aux/bench.sh
 * learns how long the window took to paint its first frame, measured from
 * the start of the process, and how much memory it used then; the
 * application then quits. Without the variable this does nothing. */
gboolean bantin_bench_hook_enabled (void);
void     bantin_bench_hook_watch   (GtkWindow *window);

G_END_DECLS
