/* bantin-subscribe-dialog.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_SUBSCRIBE_DIALOG (bantin_subscribe_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BantinSubscribeDialog, bantin_subscribe_dialog, BANTIN, SUBSCRIBE_DIALOG, AdwWindow)

/* Asks for the address of a feed or of a site (the feed is discovered
 * from its page), subscribes through the sync engine and shows errors in
 * place. Emits "subscribed" (gint64 feed_id) and closes on success. */
BantinSubscribeDialog *bantin_subscribe_dialog_new     (GtkWindow             *parent,
                                                        BantinSyncEngine      *engine);
void                   bantin_subscribe_dialog_set_url (BantinSubscribeDialog *self,
                                                        const char            *url);

G_END_DECLS
