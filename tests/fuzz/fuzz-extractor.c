/* fuzz-extractor.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-extractor.h"

#include "fuzz-common.h"

/* Whole web pages, fetched from wherever an item links. The last byte of
 * the input picks the page's URL (some of them matched by the built-in
 * site rules) and the Content-Type. An extraction must be clean text with
 * a body; a failure must be a BANTIN_EXTRACTOR_ERROR. */

static const char * const page_urls[] = {
  "https://baochinhphu.vn/tin-tuc/bai-viet-102260704.htm",
  "https://vnexpress.net/thoi-su/bai-viet-4800000.html",
  "https://tuoitre.vn/bai-viet-2026070412.htm",
  "http://example.org/news/article.html",
};

static const char * const content_types[] = {
  "text/html; charset=utf-8",
  "text/html",
  "application/xhtml+xml",
  "text/html; charset=windows-1258",
};

static BantinSiteRules *rules;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  rules = bantin_site_rules_new_default ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BantinExtraction) extraction = NULL;
  g_autoptr(GError) error = NULL;
  guint8 selector;

  if (size == 0 || size > 524288)
    return 0;

  selector = data[--size];
  extraction = bantin_extractor_extract (data, size,
                                         content_types[selector % G_N_ELEMENTS (content_types)],
                                         page_urls[(selector >> 2) % G_N_ELEMENTS (page_urls)],
                                         rules, &error);
  if (extraction == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == BANTIN_EXTRACTOR_ERROR);
      return 0;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (extraction->content != NULL);
  FUZZ_CHECK (g_utf8_validate (extraction->content, -1, NULL));
  FUZZ_CHECK (extraction->title == NULL || g_utf8_validate (extraction->title, -1, NULL));
  FUZZ_CHECK (extraction->byline == NULL || g_utf8_validate (extraction->byline, -1, NULL));
  FUZZ_CHECK (extraction->published == NULL || g_utf8_validate (extraction->published, -1, NULL));
  FUZZ_CHECK (extraction->site_name == NULL || g_utf8_validate (extraction->site_name, -1, NULL));
  FUZZ_CHECK (extraction->lead_image == NULL ||
              g_str_has_prefix (extraction->lead_image, "http://") ||
              g_str_has_prefix (extraction->lead_image, "https://"));

  /* Both ways of judging it must cope with any feed HTML. */
  (void) bantin_extraction_is_better (extraction, (const char *) extraction->content);
  (void) bantin_extractor_is_summary (extraction->content);

  return 0;
}
