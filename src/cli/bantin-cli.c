/* bantin-cli.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-cli"

#include "config.h"

#include "bantin-cli.h"
#include "bantin-cli-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  const char           *name;
  const char           *synopsis;   /* Untranslated: it names options. */
  const char           *summary;    /* Translatable. */
  BantinCliCommandFunc  run;
} BantinCliCommand;

static const BantinCliCommand commands[] = {
  { "subscribe", "subscribe URL…",
    N_("Fetch a feed, or a web page that links to one, and subscribe to it"),
    _bantin_cli_subscribe },
  { "unsubscribe", "unsubscribe ID|URL",
    N_("Remove a feed and its articles"),
    _bantin_cli_unsubscribe },
  { "feeds", "feeds [--json]",
    N_("List the feeds, with their counts and the result of the last sync"),
    _bantin_cli_feeds },
  { "sync", "sync",
    N_("Fetch every feed and store what is new, with the full text and the images of new articles"),
    _bantin_cli_sync },
  { "articles", "articles [--date=DAY] [--from=DAY --to=DAY] [--search=TEXT] [--feed=ID]\n"
                "                [--unread] [--starred] [--limit=N] [--json]",
    N_("List articles, newest first"),
    _bantin_cli_articles },
  { "show", "show ID [--json]",
    N_("Show one article with its text"),
    _bantin_cli_show },
  { "mark-read", "mark-read ID…",
    N_("Mark articles as read"),
    _bantin_cli_mark_read },
  { "star", "star ID…",
    N_("Star articles"),
    _bantin_cli_star },
  { "unstar", "unstar ID…",
    N_("Remove the star from articles"),
    _bantin_cli_unstar },
  { "import-opml", "import-opml FILE",
    N_("Subscribe to the feeds of an OPML file, with their folders; the next sync fetches them"),
    _bantin_cli_import_opml },
  { "export-opml", "export-opml [FILE]",
    N_("Write the subscriptions as OPML to FILE, or to the standard output"),
    _bantin_cli_export_opml },
  { "cleanup", "cleanup [--older-than=DAYS]",
    N_("Remove old articles (never starred ones) and the images no article shows, "
       "and compact the cache"),
    _bantin_cli_cleanup },
  { "demo", "demo",
    N_("Serve the bundled demo feeds on this computer, subscribe to them in a throwaway folder, "
       "sync them over HTTP and list the newest articles"),
    _bantin_cli_demo },
};

static const BantinCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

static gboolean
is_help_option (const char *arg)
{
  return strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0
         || strcmp (arg, "-?") == 0 || strcmp (arg, "--help-all") == 0;
}

/* Options that come before the command and take a value. */
static gboolean
is_data_dir_option (const char  *arg,
                    const char **out_value,
                    gboolean    *out_takes_next)
{
  *out_value = NULL;
  *out_takes_next = FALSE;

  if (strcmp (arg, "--data-dir") == 0 || strcmp (arg, "-d") == 0)
    {
      *out_takes_next = TRUE;
      return TRUE;
    }
  if (g_str_has_prefix (arg, "--data-dir="))
    {
      *out_value = arg + strlen ("--data-dir=");
      return TRUE;
    }
  if (g_str_has_prefix (arg, "-d") && arg[2] != '\0')
    {
      *out_value = arg + 2;
      return TRUE;
    }

  return FALSE;
}

/**
 * bantin_cli_handles:
 *
 * Decides, without side effects, whether the command line is for the CLI:
 * a word that is not an option's value (a command, or a typo that deserves
 * an error rather than a window), --help or --version. Only options such as
 * --data-dir and --demo, or nothing at all, open the window.
 */
gboolean
bantin_cli_handles (int    argc,
                    char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value;
      gboolean takes_next;

      if (is_help_option (arg) || strcmp (arg, "--version") == 0)
        return TRUE;
      if (is_data_dir_option (arg, &value, &takes_next))
        {
          if (takes_next)
            i++;
          continue;
        }
      if (strcmp (arg, "--") == 0)
        return i + 1 < argc;
      if (arg[0] != '-')
        return TRUE;
    }

  return FALSE;
}

/* Prints @text as one paragraph, broken between words before @width
 * columns, each line indented by @indent spaces. */
static void
print_wrapped (FILE       *out,
               int         indent,
               const char *text,
               gsize       width)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  gsize column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize len = g_utf8_strlen (words[i], -1);

      if (*words[i] == '\0')
        continue;
      if (column > 0 && column + 1 + len > width)
        {
          fputc ('\n', out);
          column = 0;
        }
      if (column == 0)
        {
          fprintf (out, "%*s%s", indent, "", words[i]);
          column = indent + len;
        }
      else
        {
          fprintf (out, " %s", words[i]);
          column += 1 + len;
        }
    }
  fputc ('\n', out);
}

static void
print_help (FILE *out)
{
  g_autofree char *default_path = bantin_store_default_path ();
  g_autofree char *default_dir = g_path_get_dirname (default_path);

  fprintf (out, "%s\n  bantin [--data-dir=DIR] %s\n  bantin [--data-dir=DIR] [--demo]\n\n",
           _("Usage:"), _("COMMAND [OPTION…]"));
  print_wrapped (out, 0,
                 _("Bantin reads news feeds (RSS, Atom, JSON Feed) into a local cache, to be read "
                   "offline and found by day, by feed and by a search that ignores Vietnamese "
                   "accents. Without a command it opens the window; the commands below work "
                   "without a display."), 78);
  fputc ('\n', out);

  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      fprintf (out, "  bantin %s\n", commands[i].synopsis);
      print_wrapped (out, 6, _(commands[i].summary), 78);
    }

  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  -d, --data-dir=DIR  %s\n", _("Keep the cache in DIR"));
  fprintf (out, "                      %s %s\n", _("Default:"), default_dir);
  fprintf (out, "  --demo              %s\n", _("Open the window on the demo feeds"));
  fprintf (out, "  -h, --help          %s\n", _("Show this help; “bantin COMMAND --help” shows a command’s options"));
  fprintf (out, "  --version           %s\n", _("Show the version"));

  fprintf (out, "\n%s\n", _("Dates:"));
  fprintf (out, "  %s\n", _("A DAY is written YYYY-MM-DD and means a local day in the reading time zone:"));
  fprintf (out, "  %s\n", _("the one named by BANTIN_TIMEZONE, else Asia/Ho_Chi_Minh."));
  fprintf (out, "  %s\n", _("JSON output gives times in UTC (RFC 3339) and the local day."));

  fprintf (out, "\n%s\n", _("Exit status:"));
  fprintf (out, "  0  %s\n", _("Success"));
  fprintf (out, "  1  %s\n", _("A feed failed, or an ID, URL or file was not found or not readable"));
  fprintf (out, "  2  %s\n", _("Usage error: unknown command or option, bad value"));
  fprintf (out, "  3  %s\n", _("The cache could not be opened, read or written"));
}

void
_bantin_cli_error (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("bantin: %s\n", message);
}

int
_bantin_cli_exit_for_error (const GError *error)
{
  if (error != NULL && error->domain == BANTIN_STORE_ERROR
      && error->code != BANTIN_STORE_ERROR_NOT_FOUND
      && error->code != BANTIN_STORE_ERROR_EXISTS)
    return BANTIN_EXIT_STORE;

  return BANTIN_EXIT_FAILED;
}

GOptionContext *
_bantin_cli_option_context (const char         *command,
                            const GOptionEntry *entries)
{
  const BantinCliCommand *cmd = find_command (command);
  const char *params = strchr (cmd->synopsis, ' ');
  GOptionContext *context;
  g_autofree char *parameter_string = NULL;

  /* "articles [--date=DAY] …" shows only what follows the name, and
   * GOption lists the options itself. */
  parameter_string = g_strdup_printf ("%s%s", command, params != NULL && params[1] != '[' ? params : "");
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(cmd->summary));
  g_option_context_set_description (context,
                                    _("--data-dir=DIR may come before or after the command. "
                                      "“bantin --help” explains dates and exit codes."));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

/* Returns BANTIN_EXIT_OK, or the exit code after printing the error. */
int
_bantin_cli_parse_options (GOptionContext   *context,
                           const char       *command,
                           int              *argc,
                           char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _bantin_cli_error ("%s", error->message);
      g_printerr (_("Run “bantin %s --help” to see its options.\n"), command);
      return BANTIN_EXIT_USAGE;
    }

  return BANTIN_EXIT_OK;
}

BantinStore *
_bantin_cli_open_store (BantinCli *cli,
                        int       *out_exit)
{
  g_autoptr(GError) error = NULL;
  BantinStore *store;

  store = bantin_store_open (cli->db_path, &error);
  if (store == NULL)
    {
      _bantin_cli_error (_("Could not open the cache %s: %s"), cli->db_path, error->message);
      *out_exit = BANTIN_EXIT_STORE;
      return NULL;
    }

  *out_exit = BANTIN_EXIT_OK;
  return store;
}

void
_bantin_cli_async_done_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* Runs the default main context until the operation that was given
 * _bantin_cli_async_done_cb() and @slot finishes. */
gpointer
_bantin_cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

gboolean
_bantin_cli_parse_id (const char *text,
                      gint64     *out_id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_id = (gint64) value;
  return TRUE;
}

static void
apply_timezone_setting (void)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *identifier = NULL;

  /* The window's choice of reading zone holds here too, when its schema is
   * installed; BANTIN_TIMEZONE still wins (bantin-date.c). */
  source = g_settings_schema_source_get_default ();
  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "timezone"))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  identifier = g_settings_get_string (settings, "timezone");
  if (identifier != NULL && *identifier != '\0')
    bantin_date_set_timezone (identifier);
}

int
bantin_cli_main (int    argc,
                 char **argv)
{
  BantinCli cli = { NULL, NULL };
  const BantinCliCommand *command = NULL;
  int first = 1;
  int status;
  g_autoptr(GPtrArray) sub_argv = NULL;

  g_set_prgname ("bantin");

  for (; first < argc; first++)
    {
      const char *arg = argv[first];
      const char *value;
      gboolean takes_next;

      if (is_help_option (arg))
        {
          print_help (stdout);
          return BANTIN_EXIT_OK;
        }
      if (strcmp (arg, "--version") == 0)
        {
          g_print ("bantin %s\n", PACKAGE_VERSION);
          return BANTIN_EXIT_OK;
        }
      if (is_data_dir_option (arg, &value, &takes_next))
        {
          if (takes_next)
            {
              if (first + 1 >= argc)
                {
                  _bantin_cli_error (_("Missing folder after %s"), arg);
                  return BANTIN_EXIT_USAGE;
                }
              value = argv[++first];
            }
          if (*value == '\0')
            {
              _bantin_cli_error (_("The data folder must not be empty"));
              return BANTIN_EXIT_USAGE;
            }
          g_free (cli.data_dir);
          cli.data_dir = g_strdup (value);
          continue;
        }
      if (strcmp (arg, "--demo") == 0)
        continue;
      if (strcmp (arg, "--") == 0)
        {
          first++;
          break;
        }
      if (arg[0] == '-')
        {
          _bantin_cli_error (_("Unknown option %s"), arg);
          g_printerr (_("Run “bantin --help” to see the commands and options.\n"));
          g_free (cli.data_dir);
          return BANTIN_EXIT_USAGE;
        }
      break;
    }

  if (first >= argc)
    {
      /* Only reached in a build without the window. */
      print_help (stdout);
      g_free (cli.data_dir);
      return BANTIN_EXIT_OK;
    }

  command = find_command (argv[first]);
  if (command == NULL)
    {
      _bantin_cli_error (_("Unknown command “%s”"), argv[first]);
      g_printerr (_("Run “bantin --help” to see the commands and options.\n"));
      g_free (cli.data_dir);
      return BANTIN_EXIT_USAGE;
    }

  /* The command sees "bantin COMMAND ARGS…", so its GOptionContext names
   * it in messages and --help. */
  sub_argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (sub_argv, g_strdup_printf ("bantin %s", command->name));
  for (int i = first + 1; i < argc; i++)
    {
      const char *value;
      gboolean takes_next;

      /* --data-dir may also follow the command; it is taken out here so
       * that every command accepts it. Past "--" everything is an argument. */
      if (strcmp (argv[i], "--") == 0)
        {
          for (; i < argc; i++)
            g_ptr_array_add (sub_argv, g_strdup (argv[i]));
          break;
        }
      if (g_str_has_prefix (argv[i], "--data-dir")
          && is_data_dir_option (argv[i], &value, &takes_next))
        {
          if (takes_next)
            {
              if (i + 1 >= argc)
                {
                  _bantin_cli_error (_("Missing folder after %s"), argv[i]);
                  g_free (cli.data_dir);
                  return BANTIN_EXIT_USAGE;
                }
              value = argv[++i];
            }
          g_free (cli.data_dir);
          cli.data_dir = g_strdup (value);
          continue;
        }
      g_ptr_array_add (sub_argv, g_strdup (argv[i]));
    }
  g_ptr_array_add (sub_argv, NULL);

  if (cli.data_dir != NULL && *cli.data_dir == '\0')
    {
      _bantin_cli_error (_("The data folder must not be empty"));
      g_free (cli.data_dir);
      return BANTIN_EXIT_USAGE;
    }

  if (cli.data_dir != NULL)
    cli.db_path = g_build_filename (cli.data_dir, "bantin.db", NULL);
  else
    cli.db_path = bantin_store_default_path ();

  apply_timezone_setting ();

  {
    /* GOptionContext may remove and reorder elements: keep our own copy
     * of the pointers to free them. */
    int sub_argc = (int) sub_argv->len - 1;
    g_autofree char **view = g_memdup2 (sub_argv->pdata, sizeof (char *) * sub_argv->len);

    status = command->run (&cli, sub_argc, view);
  }

  g_free (cli.data_dir);
  g_free (cli.db_path);

  return status;
}
