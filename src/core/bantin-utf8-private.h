/* bantin-utf8-private.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decodes the character at @p, before @end, with the checks of
 * g_utf8_validate(): no overlong forms, no surrogates, nothing beyond
 * U+10FFFF, no sequence cut short. Returns its length in bytes, or 0
 * when @p does not start a valid sequence. @p is not ASCII. */
static inline gsize
_bantin_utf8_decode (const guchar *p,
                     const guchar *end,
                     gunichar     *out)
{
  guchar b = *p;

  if (b < 0xc2)
    return 0;

  if (b < 0xe0)
    {
      if (end - p < 2 || (p[1] & 0xc0) != 0x80)
        return 0;
      *out = ((gunichar) (b & 0x1f) << 6) | (p[1] & 0x3f);
      return 2;
    }

  if (b < 0xf0)
    {
      if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
          (b == 0xe0 && p[1] < 0xa0) ||   /* Overlong. */
          (b == 0xed && p[1] > 0x9f))     /* Surrogates. */
        return 0;
      *out = ((gunichar) (b & 0x0f) << 12) | ((gunichar) (p[1] & 0x3f) << 6) | (p[2] & 0x3f);
      return 3;
    }

  if (b > 0xf4 || end - p < 4 || (p[1] & 0xc0) != 0x80 ||
      (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80 ||
      (b == 0xf0 && p[1] < 0x90) ||   /* Overlong. */
      (b == 0xf4 && p[1] > 0x8f))     /* Beyond U+10FFFF. */
    return 0;
  *out = ((gunichar) (b & 0x07) << 18) | ((gunichar) (p[1] & 0x3f) << 12) |
         ((gunichar) (p[2] & 0x3f) << 6) | (p[3] & 0x3f);
  return 4;
}

G_END_DECLS
