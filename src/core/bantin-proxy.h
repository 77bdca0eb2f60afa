/* bantin-proxy.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Bantin's own proxy setting, for networks whose desktop has no proxy
 * settings (the GSettings keys proxy-mode, -host, -port, -user and
 * -password of io.github.bantin.Bantin). @mode is "system" (NULL is
 * returned: use the desktop's resolver), "none" (connect directly),
 * "http" or "socks" (SOCKS 5, which also serves SOCKS 4a servers' users
 * poorly: ask for a SOCKS 5 server). Loopback addresses never go through
 * the proxy. Sets @error (G_IO_ERROR_INVALID_ARGUMENT) for a manual mode
 * without a host, or an unknown mode. */
GProxyResolver *bantin_proxy_resolver_new               (const char  *mode,
                                                         const char  *host,
                                                         guint        port,
                                                         const char  *user,
                                                         const char  *password,
                                                         GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* The same, read from @settings (a GSettings of io.github.bantin.Bantin). */
GProxyResolver *bantin_proxy_resolver_new_from_settings (GSettings   *settings,
                                                         GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* The proxy URI the resolver uses, for messages: the password is left
 * out. NULL for "system". */
char           *bantin_proxy_describe                   (const char  *mode,
                                                         const char  *host,
                                                         guint        port,
                                                         const char  *user) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
