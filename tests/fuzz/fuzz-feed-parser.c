/* fuzz-feed-parser.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-feed-parser.h"

#include "fuzz-common.h"

/* Every format (RSS 0.9x/2.0, RDF, Atom 0.3/1.0, JSON Feed, and HTML pages
 * for discovery) in every encoding. The last byte of the input picks the
 * Content-Type (low four bits) and the feed's URL (the rest), so a corpus
 * file is a document plus one byte. A parsed feed must keep the header's
 * promises: every string NFC UTF-8, every item a guid; a failure must be
 * a BANTIN_FEED_PARSER_ERROR. */

static const char * const content_types[16] = {
  NULL,
  "application/rss+xml",
  "application/atom+xml; charset=utf-8",
  "application/rdf+xml",
  "application/feed+json",
  "application/json; charset=utf-8",
  "text/xml; charset=windows-1258",
  "text/xml; charset=ISO-8859-1",
  "application/xml; charset=UTF-16",
  "text/html; charset=utf-8",
  "text/html",
  "text/plain",
  "application/octet-stream",
  "text/xml; charset=x-bogus",
  "application/xml; charset=\"windows-1252\"",
  "application/x-rss+xml;charset=UTF-16BE",
};

static const char * const base_urls[] = {
  NULL,
  "https://baochinhphu.vn/rss/home.rss",
  "http://example.org/a/b/feed.xml?x=1",
  "https://xn--bo-vpa.vn/",
  "not a url",
  "file:///etc/passwd",
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_strings (GPtrArray *strings)
{
  if (strings == NULL)
    return;

  for (guint i = 0; i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);

      FUZZ_CHECK (s != NULL);
      FUZZ_CHECK (fuzz_is_nfc_utf8 (s));
    }
}

static void
check_item (BantinParsedItem *item)
{
  FUZZ_CHECK (item != NULL);
  FUZZ_CHECK (item->guid != NULL && *item->guid != '\0');
  FUZZ_CHECK (fuzz_is_nfc_utf8 (item->guid));
  FUZZ_CHECK (fuzz_is_nfc_utf8 (item->link));
  FUZZ_CHECK (fuzz_is_nfc_utf8 (item->title));
  FUZZ_CHECK (fuzz_is_nfc_utf8 (item->author));
  FUZZ_CHECK (fuzz_is_nfc_utf8 (item->summary));
  FUZZ_CHECK (fuzz_is_nfc_utf8 (item->content));
  FUZZ_CHECK (fuzz_is_nfc_utf8 (item->image_url));
  check_strings (item->enclosures);
  check_strings (item->categories);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BantinParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) links = NULL;
  const char *content_type;
  const char *base_url;
  guint8 selector;

  if (size == 0 || size > 1048576)
    return 0;

  selector = data[--size];
  content_type = content_types[selector & 0x0f];
  base_url = base_urls[(selector >> 4) % G_N_ELEMENTS (base_urls)];

  feed = bantin_feed_parser_parse (data, size, content_type, base_url, &error);
  if (feed == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == BANTIN_FEED_PARSER_ERROR);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (feed->format != BANTIN_FEED_FORMAT_UNKNOWN);
      FUZZ_CHECK (feed->items != NULL);
      FUZZ_CHECK (fuzz_is_nfc_utf8 (feed->title));
      FUZZ_CHECK (fuzz_is_nfc_utf8 (feed->site_url));
      FUZZ_CHECK (fuzz_is_nfc_utf8 (feed->description));
      for (guint i = 0; i < feed->items->len; i++)
        check_item (g_ptr_array_index (feed->items, i));
    }

  /* Discovery reads the same bytes as a web page that may link feeds. */
  links = bantin_feed_parser_discover (data, size, content_type, base_url);
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    FUZZ_CHECK (fuzz_is_nfc_utf8 (links[i]));

  return 0;
}
