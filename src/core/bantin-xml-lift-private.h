/* bantin-xml-lift-private.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef struct _BantinXmlLift BantinXmlLift;

BantinXmlLift *_bantin_xml_lift_new      (const char    *utf8,
                                          gsize          len);
const char    *_bantin_xml_lift_get_text (BantinXmlLift *lift,
                                          gsize         *out_len);
guint          _bantin_xml_lift_get_runs (BantinXmlLift *lift);
void           _bantin_xml_lift_restore  (BantinXmlLift *lift,
                                          xmlDoc        *doc);
void           _bantin_xml_lift_free     (BantinXmlLift *lift);

void           _bantin_xml_lift_set_enabled (gboolean    enabled);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinXmlLift, _bantin_xml_lift_free)

G_END_DECLS
