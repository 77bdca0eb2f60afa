/* bantin-extractor.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bantin-site-rules.h"

G_BEGIN_DECLS

#define BANTIN_EXTRACTOR_ERROR (bantin_extractor_error_quark ())

typedef enum {
  BANTIN_EXTRACTOR_ERROR_NOT_HTML,      /* The Content-Type is not HTML. */
  BANTIN_EXTRACTOR_ERROR_TOO_LARGE,     /* Over BANTIN_EXTRACTOR_MAX_PAGE_SIZE. */
  BANTIN_EXTRACTOR_ERROR_NOT_ARTICLE,   /* A front page, a list, an empty page. */
} BantinExtractorError;

/* Pages larger than this are refused rather than parsed. */
#define BANTIN_EXTRACTOR_MAX_PAGE_SIZE (16 * 1024 * 1024)

typedef enum {
  BANTIN_EXTRACTION_SITE_RULE,     /* A rule of BantinSiteRules chose the body. */
  BANTIN_EXTRACTION_ARTICLE_BODY,  /* The element marked itemprop="articleBody". */
  BANTIN_EXTRACTION_SCORED,        /* Readability-style scoring. */
} BantinExtractionMethod;

typedef struct
{
  char                   *title;        /* Nullable. */
  char                   *byline;       /* Nullable: the author, as written. */
  char                   *published;    /* Nullable: as found, usually ISO 8601. */
  char                   *lead_image;   /* Nullable: absolute http(s) URL (og:image). */
  char                   *site_name;    /* Nullable: og:site_name. */
  char                   *content;      /* Sanitized HTML of the body, never NULL. */
  gsize                   text_length;  /* Characters of text in @content. */
  BantinExtractionMethod  method;
  char                   *rule;         /* Nullable: the id of the site rule used. */
} BantinExtraction;

GQuark            bantin_extractor_error_quark        (void);
BantinExtraction *bantin_extractor_extract            (const guint8            *html,
                                                       gsize                    len,
                                                       const char              *content_type,
                                                       const char              *page_url,
                                                       BantinSiteRules         *rules,
                                                       GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean          bantin_extractor_is_summary         (const char              *feed_html);
gboolean          bantin_extraction_is_better         (const BantinExtraction  *self,
                                                       const char              *feed_html);
void              bantin_extraction_free              (BantinExtraction        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinExtraction, bantin_extraction_free)

G_END_DECLS
