/* bantin-print.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bantin-report.h"

G_BEGIN_DECLS

/* Prints a report with Pango and cairo: with @title_page, a first page
 * with the title, the feeds and their numbered headlines, and each article
 * from a new page; without, the articles one after the other (printing
 * one article). Text, headings, lists, quotes, tables as lines, images
 * from the cache scaled to the width, captions, and for an image that is
 * not cached its alt text in a frame. Page numbers at the foot.
 *
 * The operation takes ownership of @report. Export to PDF with
 * gtk_print_operation_set_export_filename() and
 * GTK_PRINT_OPERATION_ACTION_EXPORT. */
GtkPrintOperation *bantin_print_operation_new (BantinReport  *report,
                                               gboolean       title_page) G_GNUC_WARN_UNUSED_RESULT;
gboolean           bantin_print_export_pdf    (BantinReport  *report,
                                               gboolean       title_page,
                                               const char    *path,
                                               GError       **error);

G_END_DECLS
