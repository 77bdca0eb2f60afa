/* bantin-gui.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-application.h"
#include "bantin-gui.h"

int
bantin_gui_main (int    argc,
                 char **argv)
{
  g_autoptr(BantinApplication) app = NULL;

  g_set_application_name ("Bantin");
  app = bantin_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
