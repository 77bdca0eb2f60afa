/* bantin-demo-server.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Serves the bundled demo feeds (data/demo, compiled into the binary) over
 * HTTP on 127.0.0.1, from a thread of its own, so `bantin demo` and
 * `bantin --demo` go through the real sync path with no network. */
typedef struct _BantinDemoServer BantinDemoServer;

BantinDemoServer *bantin_demo_server_start     (GError           **error);
const char       *bantin_demo_server_get_uri   (BantinDemoServer  *self);
char            **bantin_demo_server_dup_feeds (BantinDemoServer  *self) G_GNUC_WARN_UNUSED_RESULT;
void              bantin_demo_server_stop      (BantinDemoServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinDemoServer, bantin_demo_server_stop)

G_END_DECLS
