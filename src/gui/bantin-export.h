/* bantin-export.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-core.h"
#include "bantin-store-worker.h"

G_BEGIN_DECLS

/* Exporting the articles of a query (the list the reader sees: a day, a
 * search) as one document: asks where to save it, then writes a PDF
 * (printed with a title page) or a self-contained HTML file, chosen by the
 * file's extension or the chosen filter. The store is read on @worker's
 * thread; @toasts tells how it went. */
typedef enum {
  BANTIN_EXPORT_FORMAT_PDF,
  BANTIN_EXPORT_FORMAT_HTML,
} BantinExportFormat;

void               bantin_export_run          (GtkWindow                *parent,
                                               BantinStoreWorker        *worker,
                                               const BantinArticleQuery *query,
                                               const char               *title,
                                               const char               *subtitle,
                                               const char               *file_stem,
                                               AdwToastOverlay          *toasts,
                                               GCancellable             *cancellable);
void               bantin_export_to_file      (GtkWindow                *parent,
                                               BantinStoreWorker        *worker,
                                               const BantinArticleQuery *query,
                                               const char               *title,
                                               const char               *subtitle,
                                               GFile                    *file,
                                               BantinExportFormat        format,
                                               AdwToastOverlay          *toasts,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data);
gboolean           bantin_export_to_file_finish (GAsyncResult           *result,
                                                 GError                **error);
BantinExportFormat bantin_export_format_for_file (GFile                 *file,
                                                  BantinExportFormat     fallback);

G_END_DECLS
