/* main.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bantin-cli.h"
#if HAVE_GUI
# include "bantin-gui.h"
#endif

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* BANTIN_LOCALEDIR runs an uninstalled build in its own translations
   * (meson builds them into <build>/po), for tests and translators. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BANTIN_LOCALEDIR") != NULL ? g_getenv ("BANTIN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A command (`bantin sync`, `bantin feeds`…) never touches GTK, so it
   * works over SSH, from cron and with no display at all. */
  if (bantin_cli_handles (argc, argv))
    return bantin_cli_main (argc, argv);

#if HAVE_GUI
  return bantin_gui_main (argc, argv);
#else
  return bantin_cli_main (argc, argv);
#endif
}
