/* bantin-cli-private.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bantin-core.h"

G_BEGIN_DECLS

/* Exit codes, documented in `bantin --help`. */
enum {
  BANTIN_EXIT_OK = 0,
  BANTIN_EXIT_FAILED = 1,    /* A feed failed, or an ID, URL or file was not found. */
  BANTIN_EXIT_USAGE = 2,
  BANTIN_EXIT_STORE = 3,     /* The cache could not be opened, read or written. */
};

typedef struct
{
  char *data_dir;   /* NULL for the default. */
  char *db_path;
} BantinCli;

typedef int (*BantinCliCommandFunc) (BantinCli  *cli,
                                     int         argc,
                                     char      **argv);

/* bantin-cli.c */
void          _bantin_cli_error           (const char   *format,
                                           ...) G_GNUC_PRINTF (1, 2);
int           _bantin_cli_exit_for_error  (const GError *error);
GOptionContext *_bantin_cli_option_context (const char  *command,
                                           const GOptionEntry *entries);
int           _bantin_cli_parse_options   (GOptionContext *context,
                                           const char   *command,
                                           int          *argc,
                                           char       ***argv);
BantinStore  *_bantin_cli_open_store      (BantinCli    *cli,
                                           int          *out_exit);
gpointer      _bantin_cli_wait            (GAsyncResult **slot);
void          _bantin_cli_async_done_cb   (GObject      *source,
                                           GAsyncResult *result,
                                           gpointer      user_data);
gboolean      _bantin_cli_parse_id        (const char   *text,
                                           gint64       *out_id);

/* bantin-cli-output.c */
void          _bantin_cli_print_json      (JsonNode     *node);
JsonNode     *_bantin_cli_feed_to_json    (BantinFeed   *feed);
JsonNode     *_bantin_cli_article_to_json (BantinArticle *article,
                                           GTimeZone    *tz,
                                           gboolean      with_content);
void          _bantin_cli_print_feeds     (GPtrArray    *feeds,
                                           GTimeZone    *tz);
void          _bantin_cli_print_articles  (GPtrArray    *articles,
                                           GTimeZone    *tz);
void          _bantin_cli_print_article   (BantinArticle *article,
                                           GPtrArray    *images,
                                           GTimeZone    *tz);
JsonArray    *_bantin_cli_images_to_json  (GPtrArray    *images);
char         *_bantin_cli_format_time     (gint64        unix_time,
                                           GTimeZone    *tz) G_GNUC_WARN_UNUSED_RESULT;

/* bantin-cli-commands.c */
int _bantin_cli_subscribe    (BantinCli *cli, int argc, char **argv);
int _bantin_cli_unsubscribe  (BantinCli *cli, int argc, char **argv);
int _bantin_cli_feeds        (BantinCli *cli, int argc, char **argv);
int _bantin_cli_sync         (BantinCli *cli, int argc, char **argv);
int _bantin_cli_articles     (BantinCli *cli, int argc, char **argv);
int _bantin_cli_show         (BantinCli *cli, int argc, char **argv);
int _bantin_cli_mark_read    (BantinCli *cli, int argc, char **argv);
int _bantin_cli_star         (BantinCli *cli, int argc, char **argv);
int _bantin_cli_unstar       (BantinCli *cli, int argc, char **argv);
int _bantin_cli_import_opml  (BantinCli *cli, int argc, char **argv);
int _bantin_cli_export_opml  (BantinCli *cli, int argc, char **argv);
int _bantin_cli_demo         (BantinCli *cli, int argc, char **argv);
int _bantin_cli_cleanup      (BantinCli *cli, int argc, char **argv);

G_END_DECLS
