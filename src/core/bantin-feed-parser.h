/* bantin-feed-parser.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BANTIN_FEED_PARSER_ERROR (bantin_feed_parser_error_quark ())

typedef enum {
  BANTIN_FEED_PARSER_ERROR_EMPTY,
  BANTIN_FEED_PARSER_ERROR_NOT_A_FEED,
  BANTIN_FEED_PARSER_ERROR_MALFORMED,
  BANTIN_FEED_PARSER_ERROR_ENCODING,
  BANTIN_FEED_PARSER_ERROR_TOO_LARGE,
} BantinFeedParserError;

typedef enum {
  BANTIN_FEED_FORMAT_UNKNOWN,
  BANTIN_FEED_FORMAT_RSS,     /* RSS 0.9x and 2.0 */
  BANTIN_FEED_FORMAT_RDF,     /* RSS 1.0 */
  BANTIN_FEED_FORMAT_ATOM,    /* Atom 0.3 and 1.0 */
  BANTIN_FEED_FORMAT_JSON,    /* JSON Feed 1.0 and 1.1 */
} BantinFeedFormat;

/* Every string is valid UTF-8 in NFC, or NULL when the feed had none.
 * URLs are absolute (resolved against xml:base and the feed's URL). */
typedef struct
{
  char   *guid;        /* Never NULL: id/guid, else link, else a hash of title + content. */
  char   *link;
  char   *title;       /* Plain text. */
  char   *author;      /* Plain text. */
  char   *summary;     /* HTML, as the feed gave it (not yet sanitized). */
  char   *content;     /* HTML, as the feed gave it (not yet sanitized). */
  gint64  published;   /* Unix time in seconds; 0 when the feed gave no parseable date. */
  gint64  updated;     /* Unix time in seconds; 0 when absent. */
  char   *image_url;   /* media:content, media:thumbnail or an image enclosure. */
  GPtrArray *enclosures; /* (element-type utf8): URLs of enclosures and media. */
  GPtrArray *categories; /* (element-type utf8): category, dc:subject, tags; plain text. */
} BantinParsedItem;

typedef struct
{
  BantinFeedFormat  format;
  char             *title;
  char             *site_url;
  char             *description;
  GPtrArray        *items;   /* (element-type BantinParsedItem) */
} BantinParsedFeed;

GQuark            bantin_feed_parser_error_quark (void);
BantinParsedFeed *bantin_feed_parser_parse       (const guint8  *data,
                                                  gsize          len,
                                                  const char    *content_type,
                                                  const char    *base_url,
                                                  GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char            **bantin_feed_parser_discover    (const guint8  *data,
                                                  gsize          len,
                                                  const char    *content_type,
                                                  const char    *base_url) G_GNUC_WARN_UNUSED_RESULT;
void              bantin_parsed_feed_free        (BantinParsedFeed *feed);
void              bantin_parsed_item_free        (BantinParsedItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinParsedFeed, bantin_parsed_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinParsedItem, bantin_parsed_item_free)

G_END_DECLS
