/* bantin-report.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bantin-article.h"
#include "bantin-store.h"

G_BEGIN_DECLS

/* A day's report: articles (a day's, or a search's) gathered for printing
 * or for one self-contained HTML document, grouped by feed, with a title
 * page that lists feeds and headlines. Loading reads the store (use it on
 * the store's thread); writing HTML reads the cached image files. Nothing
 * is ever fetched: an image that is not in the cache stays out, and its
 * alt text and caption stand in for it. */

/* At most this many articles go into one report. */
#define BANTIN_REPORT_MAX_ARTICLES 500
/* Image files larger than this are not embedded. */
#define BANTIN_REPORT_MAX_IMAGE_BYTES (G_GINT64_CONSTANT (8) * 1024 * 1024)

typedef struct
{
  BantinArticle *article;   /* With its content loaded. */
  GHashTable    *images;    /* Image URL -> file of the cached copy. */
  gboolean       full;      /* Show the extracted article over the feed's. */
} BantinReportEntry;

typedef struct
{
  char      *title;
  char      *subtitle;      /* Nullable: e.g. what was searched for. */
  gint64     created;       /* Unix seconds. */
  GPtrArray *entries;       /* BantinReportEntry, grouped by feed. */
} BantinReport;

GHashTable   *bantin_report_load_images      (BantinStore         *store,
                                              gint64               article_id,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      bantin_report_full_is_better   (BantinArticle       *article);
const char   *bantin_report_pick_content     (BantinArticle       *article,
                                              gboolean             want_full,
                                              gboolean            *out_is_full);

BantinReport *bantin_report_new              (const char          *title,
                                              const char          *subtitle) G_GNUC_WARN_UNUSED_RESULT;
void          bantin_report_add              (BantinReport        *self,
                                              BantinArticle       *article,
                                              GHashTable          *images,
                                              gboolean             full);
BantinReport *bantin_report_load             (BantinStore         *store,
                                              const gint64        *ids,
                                              guint                n_ids,
                                              const char          *title,
                                              const char          *subtitle,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;
guint         bantin_report_count_feeds      (BantinReport        *self);
char         *bantin_report_to_html          (BantinReport        *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean      bantin_report_write_html       (BantinReport        *self,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GError             **error);
void          bantin_report_free             (BantinReport        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinReport, bantin_report_free)

G_END_DECLS
