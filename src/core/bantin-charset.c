/* bantin-charset.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-charset"

#include "config.h"

#include "bantin-charset.h"
#include "bantin-text.h"

#include <string.h>

#include <glib/gi18n.h>

/* How far into a document a declaration is looked for. */
#define DECLARATION_WINDOW 1024
#define META_WINDOW        4096

G_DEFINE_QUARK (bantin-charset-error-quark, bantin_charset_error)

/* Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F. The five bytes
 * Windows leaves undefined map to the C1 controls, as browsers do; glibc's
 * iconv rejects them instead, so this decoder is our own. */
static const gunichar windows_1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static char *
decode_windows_1252 (const guint8 *data,
                     gsize         len)
{
  GString *out = g_string_sized_new (len + len / 4);
  gsize i;

  for (i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b == 0)
        continue;
      else if (b < 0x80)
        g_string_append_c (out, (char) b);
      else if (b < 0xA0)
        g_string_append_unichar (out, windows_1252_high[b - 0x80]);
      else
        g_string_append_unichar (out, b);
    }

  return g_string_free (out, FALSE);
}

/* Lone surrogates become U+FFFD and a dangling odd byte is dropped, so a
 * damaged UTF-16 document still yields text. */
static char *
decode_utf16 (const guint8 *data,
              gsize         len,
              gboolean      big_endian)
{
  GString *out = g_string_sized_new (len);
  gsize i = 0;

  while (i + 1 < len)
    {
      gunichar unit = big_endian ? (data[i] << 8 | data[i + 1])
                                 : (data[i + 1] << 8 | data[i]);

      i += 2;

      if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < len)
        {
          gunichar low = big_endian ? (data[i] << 8 | data[i + 1])
                                    : (data[i + 1] << 8 | data[i]);

          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              i += 2;
              g_string_append_unichar (out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
              continue;
            }
        }

      if (unit == 0)
        continue;
      if (unit >= 0xD800 && unit <= 0xDFFF)
        unit = 0xFFFD;

      g_string_append_unichar (out, unit);
    }

  return g_string_free (out, FALSE);
}

typedef enum {
  BOM_NONE,
  BOM_UTF8,
  BOM_UTF16LE,
  BOM_UTF16BE,
} BomKind;

/* Reads a byte order mark, or the first characters of an XML document
 * written in UTF-16 without one ("<?" as two-byte units). */
static BomKind
detect_bom (const guint8 *data,
            gsize         len,
            gsize        *out_skip)
{
  *out_skip = 0;

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      *out_skip = 3;
      return BOM_UTF8;
    }

  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      *out_skip = 2;
      return BOM_UTF16LE;
    }

  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      *out_skip = 2;
      return BOM_UTF16BE;
    }

  if (len >= 4 && data[0] == '<' && data[1] == 0 && data[2] == '?' && data[3] == 0)
    return BOM_UTF16LE;

  if (len >= 4 && data[0] == 0 && data[1] == '<' && data[2] == 0 && data[3] == '?')
    return BOM_UTF16BE;

  return BOM_NONE;
}

static const char *
bom_charset (BomKind kind)
{
  switch (kind)
    {
    case BOM_UTF8:
      return "UTF-8";
    case BOM_UTF16LE:
      return "UTF-16LE";
    case BOM_UTF16BE:
      return "UTF-16BE";
    case BOM_NONE:
    default:
      return NULL;
    }
}

/* Turns a charset label into the name we decode with, or NULL if we cannot
 * (or should not) honour it. Latin-1 and ASCII labels mean Windows-1252, as
 * in browsers: servers say "ISO-8859-1" and send curly quotes. A UTF-16
 * label on a document without a BOM is a lie told by an 8-bit document. */
static char *
normalize_label (const char *label)
{
  g_autofree char *lower = NULL;
  GIConv cd;

  if (label == NULL)
    return NULL;

  lower = g_ascii_strdown (label, -1);
  g_strstrip (lower);
  if (*lower == '\0')
    return NULL;

  if (g_str_equal (lower, "utf-8") || g_str_equal (lower, "utf8") ||
      g_str_equal (lower, "unicode-1-1-utf-8") || g_str_equal (lower, "x-unicode20utf8"))
    return g_strdup ("UTF-8");

  if (g_str_equal (lower, "iso-8859-1") || g_str_equal (lower, "iso8859-1") ||
      g_str_equal (lower, "iso_8859-1") || g_str_equal (lower, "iso88591") ||
      g_str_equal (lower, "latin1") || g_str_equal (lower, "latin-1") ||
      g_str_equal (lower, "l1") || g_str_equal (lower, "us-ascii") ||
      g_str_equal (lower, "ascii") || g_str_equal (lower, "windows-1252") ||
      g_str_equal (lower, "cp1252") || g_str_equal (lower, "x-cp1252") ||
      g_str_equal (lower, "cp819") || g_str_equal (lower, "ibm819"))
    return g_strdup ("WINDOWS-1252");

  if (g_str_equal (lower, "windows-1258") || g_str_equal (lower, "cp1258") ||
      g_str_equal (lower, "x-cp1258"))
    return g_strdup ("WINDOWS-1258");

  if (g_str_has_prefix (lower, "utf-16") || g_str_has_prefix (lower, "utf16") ||
      g_str_has_prefix (lower, "utf-32") || g_str_has_prefix (lower, "ucs"))
    return NULL;

  /* Anything else must be a charset name (glibc's iconv would also open
   * "iso-\xff8859-1", ignoring the junk, and the label would end up in
   * messages as invalid UTF-8) and known to iconv. */
  if (strlen (lower) > 64 || strspn (lower, "abcdefghijklmnopqrstuvwxyz0123456789-_.:+()") != strlen (lower))
    return NULL;

  cd = g_iconv_open ("UTF-8", lower);
  if (cd == (GIConv) -1)
    {
      g_debug ("Ignoring unknown charset “%s”", label);
      return NULL;
    }
  g_iconv_close (cd);

  return g_ascii_strup (lower, -1);
}

/* The charset parameter of a Content-Type header value. */
static char *
charset_from_content_type (const char *content_type)
{
  g_auto(GStrv) params = NULL;
  guint i;

  if (content_type == NULL)
    return NULL;

  /* An empty header splits into no strings at all. */
  params = g_strsplit (content_type, ";", -1);
  for (i = 1; params[0] != NULL && params[i] != NULL; i++)
    {
      char *param = g_strstrip (params[i]);
      char *value;

      if (g_ascii_strncasecmp (param, "charset", 7) != 0)
        continue;

      value = g_strchug (param + 7);
      if (*value != '=')
        continue;

      value = g_strstrip (value + 1);
      if (*value == '"' || *value == '\'')
        {
          char quote = *value;
          char *end;

          value++;
          end = strchr (value, quote);
          if (end != NULL)
            *end = '\0';
        }

      return g_strdup (value);
    }

  return NULL;
}

/* Finds "name = 'value'" (or "name=value") in an attribute list. */
static char *
find_attribute (const char *start,
                const char *end,
                const char *name)
{
  gsize name_len = strlen (name);
  const char *p;

  for (p = start; p + name_len < end; p++)
    {
      const char *q;
      const char *value_start;

      if (g_ascii_strncasecmp (p, name, name_len) != 0)
        continue;
      /* Whole words only: "encoding", not "xencoding". */
      if (p > start && (g_ascii_isalnum (p[-1]) || p[-1] == '-' || p[-1] == '_'))
        continue;

      q = p + name_len;
      while (q < end && g_ascii_isspace (*q))
        q++;
      if (q >= end || *q != '=')
        continue;
      q++;
      while (q < end && g_ascii_isspace (*q))
        q++;

      if (q < end && (*q == '"' || *q == '\''))
        {
          char quote = *q++;

          value_start = q;
          while (q < end && *q != quote)
            q++;
        }
      else
        {
          value_start = q;
          while (q < end && !g_ascii_isspace (*q) && *q != '>' && *q != ';' &&
                 *q != '"' && *q != '\'' && *q != '/')
            q++;
        }

      if (q > value_start)
        return g_strndup (value_start, q - value_start);
    }

  return NULL;
}

static const char *
find_bytes (const char *haystack,
            gsize       haystack_len,
            const char *needle)
{
  gsize needle_len = strlen (needle);
  gsize i;

  if (needle_len > haystack_len)
    return NULL;

  for (i = 0; i + needle_len <= haystack_len; i++)
    if (g_ascii_strncasecmp (haystack + i, needle, needle_len) == 0)
      return haystack + i;

  return NULL;
}

/* The encoding pseudo-attribute of an XML declaration, or the charset of an
 * HTML <meta> element near the top of the document. */
static char *
charset_from_document (const char *data,
                       gsize       len)
{
  gsize window = MIN (len, META_WINDOW);
  const char *p = data;
  const char *end = data + MIN (len, DECLARATION_WINDOW);
  const char *meta;

  while (p < end && g_ascii_isspace (*p))
    p++;

  if (end - p >= 5 && strncmp (p, "<?xml", 5) == 0)
    {
      const char *decl_end = find_bytes (p, end - p, "?>");

      if (decl_end != NULL)
        return find_attribute (p + 5, decl_end, "encoding");

      return NULL;
    }

  p = data;
  while ((meta = find_bytes (p, window - (p - data), "<meta")) != NULL)
    {
      const char *tag_end = memchr (meta, '>', window - (meta - data));
      char *charset;

      if (tag_end == NULL)
        break;

      /* Both <meta charset="x"> and the http-equiv content="…; charset=x". */
      charset = find_attribute (meta + 5, tag_end, "charset");
      if (charset != NULL)
        return charset;

      p = tag_end;
    }

  return NULL;
}

static gboolean
is_ascii (const guint8 *data,
          gsize         len)
{
  guint64 high = 0;
  gsize i = 0;

  /* Eight bytes at a time: it runs over whole documents. */
  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, data + i, sizeof w);
      high |= w;
    }
  if (high & G_GUINT64_CONSTANT (0x8080808080808080))
    return FALSE;

  for (; i < len; i++)
    if (data[i] >= 0x80)
      return FALSE;

  return TRUE;
}

/* UTF-8 validity that tolerates NUL bytes, which g_utf8_validate() would
 * count as the end of the string. NULs are dropped later anyway. Sets
 * *@out_settled, when not NULL, to whether the bytes are settled text as
 * well (see bantin_text_validate_settled()), found in the same pass. */
static gboolean
is_valid_utf8 (const guint8 *data,
               gsize         len,
               gboolean     *out_settled)
{
  const char *p = (const char *) data;
  const char *end = p + len;
  gboolean settled;

  if (out_settled == NULL)
    out_settled = &settled;
  *out_settled = FALSE;

  if (memchr (data, 0, len) == NULL)
    return bantin_text_validate_settled (p, len, out_settled);

  while (p < end)
    {
      const char *stop = NULL;

      if (g_utf8_validate (p, end - p, &stop))
        return TRUE;

      if (*stop != '\0')
        return FALSE;

      p = stop + 1;
    }

  return TRUE;
}

/* Sets *@out_valid_utf8 when it found the bytes to be valid UTF-8 on the
 * way, so that decoding need not check again, and *@out_settled when they
 * are settled too. */
static char *
sniff (const guint8 *data,
       gsize         len,
       const char   *content_type,
       gsize        *out_skip,
       gboolean     *out_valid_utf8,
       gboolean     *out_settled)
{
  BomKind bom = detect_bom (data, len, out_skip);
  g_autofree char *http_label = NULL;
  g_autofree char *doc_label = NULL;
  char *charset;

  *out_valid_utf8 = FALSE;
  *out_settled = FALSE;

  if (bom != BOM_NONE)
    return g_strdup (bom_charset (bom));

  http_label = charset_from_content_type (content_type);
  if ((charset = normalize_label (http_label)) == NULL)
    {
      doc_label = charset_from_document ((const char *) data, len);
      charset = normalize_label (doc_label);
    }

  if (charset != NULL)
    {
      /* A document labelled UTF-8 that is not is most often Windows-1252. */
      if (g_str_equal (charset, "UTF-8"))
        {
          if (!is_valid_utf8 (data, len, out_settled))
            {
              g_free (charset);
              return g_strdup ("WINDOWS-1252");
            }
          *out_valid_utf8 = TRUE;
        }

      /* The opposite mislabelling is just as common: a server that says
       * ISO-8859-1 (or any legacy single-byte charset) by default in front
       * of UTF-8 text. Non-ASCII text in a single-byte charset is almost
       * never valid UTF-8 by accident, so valid multibyte UTF-8 wins. */
      if (!g_str_equal (charset, "UTF-8") &&
          !g_str_has_prefix (charset, "UTF-16") &&
          !is_ascii (data, len) &&
          is_valid_utf8 (data, len, out_settled))
        {
          g_free (charset);
          *out_valid_utf8 = TRUE;
          return g_strdup ("UTF-8");
        }

      return charset;
    }

  if (is_valid_utf8 (data, len, out_settled))
    {
      *out_valid_utf8 = TRUE;
      return g_strdup ("UTF-8");
    }

  return g_strdup ("WINDOWS-1252");
}

/**
 * bantin_charset_sniff:
 * @data: the document's bytes
 * @len: their length
 * @content_type: (nullable): the HTTP Content-Type header, if any
 *
 * Decides how to decode a document: a byte order mark first, then the
 * charset of @content_type, then the XML declaration (or an HTML <meta>),
 * then UTF-8 if the bytes are valid UTF-8, else Windows-1252. Labels for
 * ISO-8859-1 and ASCII give Windows-1252, a UTF-8 label on bytes that
 * are not UTF-8 gives Windows-1252 too, and a single-byte label on bytes
 * that are valid non-ASCII UTF-8 gives UTF-8.
 *
 * Returns: (transfer full): an iconv name such as "UTF-8", "UTF-16LE",
 *   "WINDOWS-1252" or "WINDOWS-1258".
 */
char *
bantin_charset_sniff (const guint8 *data,
                      gsize         len,
                      const char   *content_type)
{
  gsize skip;
  gboolean valid_utf8;
  gboolean settled;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  return sniff (data, len, content_type, &skip, &valid_utf8, &settled);
}

static char *
strip_nul (const guint8 *data,
           gsize         len)
{
  char *out;
  gsize i;
  gsize n = 0;

  if (memchr (data, 0, len) == NULL)
    return g_strndup ((const char *) data, len);

  out = g_malloc (len + 1);
  for (i = 0; i < len; i++)
    if (data[i] != 0)
      out[n++] = (char) data[i];

  out[n] = '\0';
  return out;
}

static char *
finish (char  *utf8,
        gsize  len,
        gsize *out_len)
{
  char *result;

  if (memchr (utf8, 0, len) != NULL)
    {
      char *stripped = strip_nul ((const guint8 *) utf8, len);

      g_free (utf8);
      utf8 = stripped;
      len = strlen (utf8);
    }

  /* Plain ASCII is already valid and normalized; skip the costly pass. */
  if (is_ascii ((const guint8 *) utf8, len))
    {
      if (out_len != NULL)
        *out_len = len;
      return utf8;
    }

  result = bantin_text_make_valid_take (utf8);
  if (out_len != NULL)
    *out_len = strlen (result);

  return result;
}

/**
 * bantin_charset_to_utf8:
 * @data: the document's bytes
 * @len: their length
 * @content_type: (nullable): the HTTP Content-Type header, if any
 * @out_len: (out) (optional): the length of the result in bytes
 * @error: return location for an error
 *
 * Decodes a document as bantin_charset_sniff() decides. When the chosen
 * charset cannot decode the bytes, the document is read as UTF-8 if it is
 * valid UTF-8, else as Windows-1252, which decodes any byte. The result is
 * valid UTF-8 in NFC without NUL bytes; a byte order mark is removed.
 *
 * Returns: (transfer full): the text, or %NULL with @error set when the
 *   charset is one iconv cannot open at all.
 */
char *
bantin_charset_to_utf8 (const guint8  *data,
                        gsize          len,
                        const char    *content_type,
                        gsize         *out_len,
                        GError       **error)
{
  gboolean settled;

  return bantin_charset_to_utf8_settled (data, len, content_type, out_len, &settled, error);
}

/**
 * bantin_charset_to_utf8_settled:
 * @out_settled: (out): whether the result is settled text (see
 *   bantin_text_validate_settled())
 *
 * Like bantin_charset_to_utf8(), and says whether the text read from the
 * result needs checking again. It costs nothing more: a UTF-8 document is
 * scanned once either way.
 */
char *
bantin_charset_to_utf8_settled (const guint8  *data,
                                gsize          len,
                                const char    *content_type,
                                gsize         *out_len,
                                gboolean      *out_settled,
                                GError       **error)
{
  g_autofree char *charset = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize skip = 0;
  gboolean valid_utf8 = FALSE;
  gboolean settled = FALSE;
  char *converted;
  gsize converted_len = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (out_settled != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *out_settled = FALSE;

  if (len == 0)
    {
      if (out_len != NULL)
        *out_len = 0;
      *out_settled = TRUE;
      return g_strdup ("");
    }

  charset = sniff (data, len, content_type, &skip, &valid_utf8, &settled);
  data += skip;
  len -= skip;

  if (g_str_equal (charset, "UTF-16LE") || g_str_equal (charset, "UTF-16BE"))
    {
      converted = decode_utf16 (data, len, g_str_equal (charset, "UTF-16BE"));
      return finish (converted, strlen (converted), out_len);
    }

  if (g_str_equal (charset, "WINDOWS-1252"))
    {
      converted = decode_windows_1252 (data, len);
      return finish (converted, strlen (converted), out_len);
    }

  if (g_str_equal (charset, "UTF-8"))
    {
      /* The usual case: nothing to repair, one copy. (Sniffing says
       * settled only of a document without a byte order mark.) */
      if (settled)
        {
          if (out_len != NULL)
            *out_len = len;
          *out_settled = TRUE;
          return g_strndup ((const char *) data, len);
        }

      if (valid_utf8 || is_valid_utf8 (data, len, NULL))
        {
          converted = strip_nul (data, len);
          return finish (converted, strlen (converted), out_len);
        }

      converted = decode_windows_1252 (data, len);
      return finish (converted, strlen (converted), out_len);
    }

  converted = g_convert ((const char *) data, len, "UTF-8", charset,
                         NULL, &converted_len, &local_error);
  if (converted == NULL)
    {
      if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        {
          g_set_error (error, BANTIN_CHARSET_ERROR, BANTIN_CHARSET_ERROR_UNSUPPORTED,
                       _("Cannot decode charset “%s”: %s"), charset, local_error->message);
          return NULL;
        }

      g_debug ("Document is not valid %s (%s), guessing", charset, local_error->message);

      if (is_valid_utf8 (data, len, NULL))
        converted = strip_nul (data, len);
      else
        converted = decode_windows_1252 (data, len);

      return finish (converted, strlen (converted), out_len);
    }

  /* Iconv keeps NULs; bantin_text_make_valid() drops them in finish(). */
  return finish (converted, converted_len, out_len);
}
