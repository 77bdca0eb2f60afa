/* bantin-application.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_APPLICATION (bantin_application_get_type ())

G_DECLARE_FINAL_TYPE (BantinApplication, bantin_application, BANTIN, APPLICATION, AdwApplication)

/* io.github.bantin.Bantin. Options: --data-dir=DIR opens DIR/bantin.db;
 * --demo serves the bundled demo feeds on loopback from this process,
 * in a throwaway data folder removed at exit. */
BantinApplication  *bantin_application_new                   (void);
const char         *bantin_application_get_db_path           (BantinApplication  *self);
gboolean            bantin_application_get_demo_mode         (BantinApplication  *self);
char              **bantin_application_dup_demo_feeds        (BantinApplication  *self,
                                                              GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void                bantin_application_notify_new_articles   (BantinApplication  *self,
                                                              guint               n_articles);
void                bantin_application_withdraw_new_articles (BantinApplication  *self);

G_END_DECLS
