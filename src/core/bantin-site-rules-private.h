/* bantin-site-rules-private.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bantin-site-rules.h"

#include <libxml/tree.h>

G_BEGIN_DECLS

/* A parsed selector list: tag, .class, #id, [attr], [attr=value],
 * [attr~=value], [attr*=value] and [attr^=value] compounds joined by the
 * descendant combinator, alternatives separated by commas. */
typedef struct _BantinSelector BantinSelector;

typedef struct
{
  char      *id;          /* The key file group. */
  char      *name;
  GStrv      hosts;       /* Matched with their subdomains. */
  GStrv      generators;  /* Prefixes of <meta name="generator">. */
  GPtrArray *content;     /* BantinSelector: the first that matches wins. */
  GPtrArray *lead;        /* BantinSelector: the sapo, put before the body. */
  GPtrArray *strip;       /* BantinSelector: removed from what was kept. */
} BantinSiteRule;

BantinSelector       *_bantin_selector_parse     (const char            *text,
                                                  GError               **error);
void                  _bantin_selector_free      (BantinSelector        *selector);
GPtrArray            *_bantin_selector_select    (const BantinSelector  *selector,
                                                  xmlNode               *root);
const BantinSiteRule *_bantin_site_rules_lookup  (BantinSiteRules       *self,
                                                  const char            *page_url,
                                                  const char            *generator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinSelector, _bantin_selector_free)

G_END_DECLS
