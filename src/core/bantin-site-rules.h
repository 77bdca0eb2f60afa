/* bantin-site-rules.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BANTIN_SITE_RULES_ERROR (bantin_site_rules_error_quark ())

typedef enum {
  BANTIN_SITE_RULES_ERROR_INVALID,
} BantinSiteRulesError;

#define BANTIN_TYPE_SITE_RULES (bantin_site_rules_get_type ())

/* A set of per-site extraction rules, read from key files (see
 * data/sites/sites.conf). Loading is not thread-safe; once loaded, a set
 * is only read and may be shared between threads. */
typedef struct _BantinSiteRules BantinSiteRules;

GQuark           bantin_site_rules_error_quark (void);
GType            bantin_site_rules_get_type    (void) G_GNUC_CONST;
BantinSiteRules *bantin_site_rules_new         (void);
BantinSiteRules *bantin_site_rules_new_default (void);
BantinSiteRules *bantin_site_rules_ref         (BantinSiteRules  *self);
void             bantin_site_rules_unref       (BantinSiteRules  *self);
gboolean         bantin_site_rules_load_data   (BantinSiteRules  *self,
                                                const char       *data,
                                                gssize            len,
                                                GError          **error);
gboolean         bantin_site_rules_load_file   (BantinSiteRules  *self,
                                                const char       *path,
                                                GError          **error);
guint            bantin_site_rules_get_n_rules (BantinSiteRules  *self);
const char      *bantin_site_rules_match       (BantinSiteRules  *self,
                                                const char       *page_url,
                                                const char       *generator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinSiteRules, bantin_site_rules_unref)

G_END_DECLS
