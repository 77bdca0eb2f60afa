/* bantin-bench-hook.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-bench-hook"

#include "config.h"

#include "bantin-bench-hook.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

gboolean
bantin_bench_hook_enabled (void)
{
  return g_strcmp0 (g_getenv ("BANTIN_BENCH_FIRST_FRAME"), "1") == 0;
}

/* Milliseconds since the process started, so exec, dynamic linking and
 * GTK's own start-up count too: field 22 of /proc/self/stat is the start
 * in clock ticks since boot, the clock CLOCK_BOOTTIME also counts from. */
static double
ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  struct timespec now;
  const char *p;
  unsigned long long start_ticks = 0;
  int field;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;

  /* The command name (field 2) may hold spaces: count from its end. */
  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;

  for (field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &start_ticks) != 1)
    return -1;

  clock_gettime (CLOCK_BOOTTIME, &now);

  return (now.tv_sec * 1000.0 + now.tv_nsec / 1e6) -
         (start_ticks * 1000.0 / sysconf (_SC_CLK_TCK));
}

static double
rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *p;
  unsigned long kib = 0;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  p = strstr (status, "VmRSS:");
  if (p == NULL || sscanf (p + strlen ("VmRSS:"), "%lu", &kib) != 1)
    return -1;

  return kib / 1024.0;
}

static gboolean
settled_cb (gpointer user_data)
{
  GtkWindow *window = user_data;

  /* A second reading once the list has had time to load its ids. */
  printf ("settled: rss %.1f MiB\n", rss_mib ());
  fflush (stdout);
  gtk_window_destroy (window);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  printf ("first-frame: %.1f ms rss %.1f MiB\n", ms_since_process_start (), rss_mib ());
  fflush (stdout);

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 2, settled_cb,
                              g_object_ref (window), g_object_unref);
}

static void
realized_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb),
                           widget, G_CONNECT_DEFAULT);
}

void
bantin_bench_hook_watch (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (!bantin_bench_hook_enabled ())
    return;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realized_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (realized_cb), NULL);
}
