/* fuzz-charset.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-charset.h"

#include "fuzz-common.h"

/* Documents arrive in any encoding, labelled right, wrong or not at all.
 * The last byte of the input picks the Content-Type: below 0x80 one of
 * the table's, else the (byte & 0x3f) bytes before it, so the fuzzer can
 * also write labels of its own. The result must be NFC UTF-8 without NUL
 * bytes, or a charset error. */

static const char * const content_types[] = {
  NULL,
  "text/xml",
  "application/rss+xml; charset=utf-8",
  "text/xml; charset=windows-1258",
  "text/html; charset=\"ISO-8859-1\"",
  "application/xml;charset=UTF-16",
  "text/plain; charset=utf-16be",
  "text/xml; charset=UTF-32",
  "text/xml; charset=Shift_JIS",
  "text/xml; charset=gb18030",
  "text/xml; charset=koi8-r",
  "text/xml; charset=us-ascii",
  "text/xml; charset=utf-7",
  "text/xml; charset=x-no-such-charset",
  "text/xml; charset=",
  "text/xml; format=flowed; charset=tcvn",
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *own_type = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;
  gsize out_len = G_MAXSIZE;
  guint8 selector;

  if (size == 0 || size > 262144)
    return 0;

  selector = data[--size];
  if (selector < 0x80)
    {
      content_type = content_types[selector % G_N_ELEMENTS (content_types)];
    }
  else
    {
      gsize n = MIN (size, (gsize) (selector & 0x3f));

      own_type = g_strndup ((const char *) data + size - n, n);
      content_type = own_type;
      size -= n;
    }

  charset = bantin_charset_sniff (data, size, content_type);
  FUZZ_CHECK (charset != NULL && *charset != '\0');
  for (const char *p = charset; *p != '\0'; p++)
    FUZZ_CHECK (g_ascii_isalnum (*p) || strchr ("-_.:+()", *p) != NULL);

  text = bantin_charset_to_utf8 (size > 0 ? data : NULL, size, content_type, &out_len, &error);
  if (text == NULL)
    {
      FUZZ_CHECK (g_error_matches (error, BANTIN_CHARSET_ERROR, BANTIN_CHARSET_ERROR_UNSUPPORTED));
      return 0;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (out_len == strlen (text));
  FUZZ_CHECK (fuzz_is_nfc_utf8 (text));

  return 0;
}
