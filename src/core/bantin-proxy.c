/* bantin-proxy.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-proxy"

#include "config.h"

#include "bantin-proxy.h"

#include <glib/gi18n-lib.h>

/* A proxy elsewhere on the network cannot reach this computer's own
 * services (the demo server, a local feed generator). */
static const char * const loopback_hosts[] = {
  "localhost",
  "127.0.0.0/8",
  "::1",
  NULL
};

static const char *
scheme_for_mode (const char *mode)
{
  if (g_strcmp0 (mode, "http") == 0)
    return "http";
  if (g_strcmp0 (mode, "socks") == 0)
    return "socks5";
  return NULL;
}

static char *
build_uri (const char *scheme,
           const char *host,
           guint       port,
           const char *user,
           const char *password)
{
  g_autofree char *escaped_user = NULL;
  g_autofree char *escaped_password = NULL;

  /* Escaped by hand, all but the unreserved characters: GUri would leave
   * UTF-8 and ':' in a password as they are, which not every proxy
   * client reads back the same. */
  if (user != NULL && user[0] != '\0')
    {
      escaped_user = g_uri_escape_string (user, NULL, FALSE);
      if (password != NULL && password[0] != '\0')
        escaped_password = g_uri_escape_string (password, NULL, FALSE);
    }

  return g_uri_join_with_user (G_URI_FLAGS_ENCODED,
                               scheme, escaped_user, escaped_password, NULL,
                               host, port > 0 ? (int) port : -1,
                               "", NULL, NULL);
}

GProxyResolver *
bantin_proxy_resolver_new (const char  *mode,
                           const char  *host,
                           guint        port,
                           const char  *user,
                           const char  *password,
                           GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *uri = NULL;
  const char *scheme;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mode == NULL || g_str_equal (mode, "system"))
    return NULL;

  if (g_str_equal (mode, "none"))
    return g_simple_proxy_resolver_new ("direct://", NULL);

  scheme = scheme_for_mode (mode);
  if (scheme == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown proxy type “%s”"), mode);
      return NULL;
    }

  stripped = g_strstrip (g_strdup (host != NULL ? host : ""));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The proxy server’s address is missing"));
      return NULL;
    }

  uri = build_uri (scheme, stripped, port, user, password);
  return g_simple_proxy_resolver_new (uri, (char **) loopback_hosts);
}

GProxyResolver *
bantin_proxy_resolver_new_from_settings (GSettings  *settings,
                                         GError    **error)
{
  g_autofree char *mode = NULL;
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  mode = g_settings_get_string (settings, "proxy-mode");
  host = g_settings_get_string (settings, "proxy-host");
  user = g_settings_get_string (settings, "proxy-user");
  password = g_settings_get_string (settings, "proxy-password");

  return bantin_proxy_resolver_new (mode, host, g_settings_get_uint (settings, "proxy-port"),
                                    user, password, error);
}

char *
bantin_proxy_describe (const char *mode,
                       const char *host,
                       guint       port,
                       const char *user)
{
  const char *scheme;

  if (g_strcmp0 (mode, "none") == 0)
    return g_strdup ("direct://");

  scheme = scheme_for_mode (mode);
  if (scheme == NULL || host == NULL || host[0] == '\0')
    return NULL;

  return build_uri (scheme, host, port, user, NULL);
}
