/* bantin-export.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-export"

#include "config.h"

#include "bantin-export.h"

#include <glib/gi18n.h>

#include "bantin-print.h"
#include "bantin-report.h"

typedef struct
{
  BantinArticleQuery  query;
  char               *folder;
  char               *search;
  char               *title;
  char               *subtitle;
  GFile              *file;
  BantinExportFormat  format;
  GtkWindow          *parent;
  AdwToastOverlay    *toasts;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->folder);
  g_free (data->search);
  g_free (data->title);
  g_free (data->subtitle);
  g_clear_object (&data->file);
  g_clear_object (&data->parent);
  g_clear_object (&data->toasts);
  g_free (data);
}

static void
toast (ExportData *data,
       const char *text)
{
  if (data->toasts != NULL)
    adw_toast_overlay_add_toast (data->toasts, adw_toast_new (text));
}

/**
 * bantin_export_format_for_file:
 *
 * Returns: the format the name of @file asks for, else @fallback.
 */
BantinExportFormat
bantin_export_format_for_file (GFile              *file,
                               BantinExportFormat  fallback)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_utf8_strdown (name, -1) : NULL;

  if (lower == NULL)
    return fallback;
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    return BANTIN_EXPORT_FORMAT_HTML;
  if (g_str_has_suffix (lower, ".pdf"))
    return BANTIN_EXPORT_FORMAT_PDF;
  return fallback;
}

/* On the worker's thread: the articles, and for HTML the whole file. */
static void
export_job (BantinStore  *store,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ExportData *data = task_data;
  BantinArticleQuery query = data->query;
  g_autoptr(BantinReport) report = NULL;
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  query.limit = BANTIN_REPORT_MAX_ARTICLES;
  ids = bantin_store_query_ids (store, &query, &error);
  if (ids != NULL)
    report = bantin_report_load (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                 data->title, data->subtitle, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (report->entries->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("There are no articles to export."));
      return;
    }

  if (data->format == BANTIN_EXPORT_FORMAT_HTML &&
      !bantin_report_write_html (report, data->file, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) bantin_report_free);
}

static void
report_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(BantinReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);

  if (report != NULL && data->format == BANTIN_EXPORT_FORMAT_PDF)
    {
      g_autoptr(GtkPrintOperation) operation = NULL;
      g_autofree char *path = g_file_get_path (data->file);

      if (path == NULL)
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A PDF can only be saved to a local folder."));
        }
      else
        {
          operation = bantin_print_operation_new (g_steal_pointer (&report), TRUE);
          gtk_print_operation_set_export_filename (operation, path);
          gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, data->parent, &error);
        }
    }

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          text = g_strdup_printf (_("Could not export the articles: %s"), error->message);
          toast (data, text);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  name = g_file_get_basename (data->file);
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("Articles exported to “%s”"), name);
  toast (data, text);
  g_task_return_boolean (task, TRUE);
}

/**
 * bantin_export_to_file:
 * @parent: (nullable): the window
 * @query: the articles (at most %BANTIN_REPORT_MAX_ARTICLES, in the
 *   query's order within each feed)
 * @title: the document's title
 * @subtitle: (nullable): a line under it
 * @file: where to write
 * @format: PDF or HTML
 * @toasts: (nullable): where to say how it went
 *
 * Writes the document without asking anything.
 */
void
bantin_export_to_file (GtkWindow                *parent,
                       BantinStoreWorker        *worker,
                       const BantinArticleQuery *query,
                       const char               *title,
                       const char               *subtitle,
                       GFile                    *file,
                       BantinExportFormat        format,
                       AdwToastOverlay          *toasts,
                       GCancellable             *cancellable,
                       GAsyncReadyCallback       callback,
                       gpointer                  user_data)
{
  ExportData *data;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (BANTIN_IS_STORE_WORKER (worker));
  g_return_if_fail (query != NULL);
  g_return_if_fail (title != NULL);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->query = *query;
  data->folder = g_strdup (query->folder);
  data->search = g_strdup (query->search);
  data->query.folder = data->folder;
  data->query.search = data->search;
  data->title = g_strdup (title);
  data->subtitle = g_strdup (subtitle);
  data->file = g_object_ref (file);
  data->format = format;
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bantin_export_to_file);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  /* The task holds the data until the worker's answer comes back. */
  bantin_store_worker_push (worker, export_job, data, NULL, bantin_export_to_file,
                            cancellable, report_loaded_cb, task);
}

gboolean
bantin_export_to_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The dialog */

typedef struct
{
  BantinStoreWorker  *worker;
  BantinArticleQuery  query;
  char               *folder;
  char               *search;
  char               *title;
  char               *subtitle;
  GtkWindow          *parent;
  AdwToastOverlay    *toasts;
  GCancellable       *cancellable;
  GtkFileFilter      *html_filter;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->worker);
  g_free (data->folder);
  g_free (data->search);
  g_free (data->title);
  g_free (data->subtitle);
  g_clear_object (&data->parent);
  g_clear_object (&data->toasts);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->html_filter);
  g_free (data);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bantin_export_to_file_finish (result, &error))
    g_debug ("Export failed: %s", error->message);
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             DialogData      *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      BantinExportFormat fallback = filter != NULL && filter == data->html_filter
                                    ? BANTIN_EXPORT_FORMAT_HTML : BANTIN_EXPORT_FORMAT_PDF;
      BantinExportFormat format = bantin_export_format_for_file (chosen, fallback);
      g_autoptr(GFile) file = NULL;
      g_autofree char *name = g_file_get_basename (chosen);
      g_autofree char *lower = g_utf8_strdown (name, -1);

      /* A name without an extension gets the one of the chosen type. */
      if (!g_str_has_suffix (lower, ".pdf") && !g_str_has_suffix (lower, ".html") &&
          !g_str_has_suffix (lower, ".htm"))
        {
          g_autoptr(GFile) dir = g_file_get_parent (chosen);
          g_autofree char *full = g_strconcat (name, format == BANTIN_EXPORT_FORMAT_HTML ? ".html" : ".pdf", NULL);

          file = dir != NULL ? g_file_get_child (dir, full) : g_object_ref (chosen);
        }
      else
        {
          file = g_object_ref (chosen);
        }

      bantin_export_to_file (data->parent, data->worker, &data->query, data->title, data->subtitle,
                             file, format, data->toasts, data->cancellable, exported_cb, NULL);
    }

  dialog_data_free (data);
  g_object_unref (chooser);
}

/**
 * bantin_export_run:
 * @file_stem: the suggested file name, without extension
 *
 * Asks where to save the articles of @query, as PDF or HTML, and saves
 * them there.
 */
void
bantin_export_run (GtkWindow                *parent,
                   BantinStoreWorker        *worker,
                   const BantinArticleQuery *query,
                   const char               *title,
                   const char               *subtitle,
                   const char               *file_stem,
                   AdwToastOverlay          *toasts,
                   GCancellable             *cancellable)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *pdf_filter;
  g_autofree char *name = NULL;
  DialogData *data;

  g_return_if_fail (BANTIN_IS_STORE_WORKER (worker));
  g_return_if_fail (query != NULL);
  g_return_if_fail (title != NULL);

  data = g_new0 (DialogData, 1);
  data->worker = g_object_ref (worker);
  data->query = *query;
  data->folder = g_strdup (query->folder);
  data->search = g_strdup (query->search);
  data->query.folder = data->folder;
  data->query.search = data->search;
  data->title = g_strdup (title);
  data->subtitle = g_strdup (subtitle);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  chooser = gtk_file_chooser_native_new (_("Export Articles"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  pdf_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (pdf_filter, _("PDF document"));
  gtk_file_filter_add_pattern (pdf_filter, "*.pdf");
  gtk_file_filter_add_mime_type (pdf_filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf_filter);

  data->html_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (data->html_filter, _("Web page, single file (HTML)"));
  gtk_file_filter_add_pattern (data->html_filter, "*.html");
  gtk_file_filter_add_pattern (data->html_filter, "*.htm");
  gtk_file_filter_add_mime_type (data->html_filter, "text/html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), data->html_filter);

  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), pdf_filter);
  g_object_unref (pdf_filter);

  name = g_strconcat (file_stem != NULL ? file_stem : "bantin", ".pdf", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
