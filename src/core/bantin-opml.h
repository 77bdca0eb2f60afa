/* bantin-opml.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *url;
  char *title;
  char *site_url;
  char *folder;   /* NULL at the top level. Nested folders are joined with "/". */
} BantinOpmlEntry;

GPtrArray *bantin_opml_parse       (const guint8  *data,
                                    gsize          len,
                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;
char      *bantin_opml_write       (GPtrArray     *entries,
                                    const char    *title) G_GNUC_WARN_UNUSED_RESULT;
void       bantin_opml_entry_free  (BantinOpmlEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinOpmlEntry, bantin_opml_entry_free)

G_END_DECLS
