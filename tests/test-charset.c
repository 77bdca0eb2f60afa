/* test-charset.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "bantin-charset.h"
#include "bantin-text.h"

#define XML_DECL(enc) "<?xml version=\"1.0\" encoding=\"" enc "\"?>"

static char *
sniff_string (const char *data,
              const char *content_type)
{
  return bantin_charset_sniff ((const guint8 *) data, strlen (data), content_type);
}

static char *
decode (const char *data,
        gsize       len,
        const char *content_type)
{
  g_autoptr(GError) error = NULL;
  gsize out_len = 0;
  char *out;

  out = bantin_charset_to_utf8 ((const guint8 *) data, len, content_type, &out_len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_cmpuint (out_len, ==, strlen (out));
  g_assert_true (g_utf8_validate (out, -1, NULL));
  return out;
}

static void
test_sniff_precedence (void)
{
  /* "Tiếng Việt" in UTF-8 after a declaration that says otherwise. */
  const char utf8_body[] = XML_DECL ("windows-1252") "<a>Ti\xe1\xba\xbfng Vi\xe1\xbb\x87t</a>";
  const char bom_doc[] = "\xef\xbb\xbf" XML_DECL ("windows-1252") "<a/>";
  char *s;

  /* BOM beats the HTTP header and the declaration. */
  s = sniff_string (bom_doc, "text/xml; charset=windows-1258");
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);

  /* The HTTP header beats the declaration. */
  s = sniff_string (XML_DECL ("windows-1252") "<a/>", "application/rss+xml; charset=windows-1258");
  g_assert_cmpstr (s, ==, "WINDOWS-1258");
  g_free (s);

  s = sniff_string (XML_DECL ("windows-1252") "<a/>", "application/rss+xml; Charset=\"CP1258\"");
  g_assert_cmpstr (s, ==, "WINDOWS-1258");
  g_free (s);

  /* A single-byte declaration does not beat bytes that can only be
   * UTF-8 (non-ASCII text that is valid UTF-8)... */
  s = sniff_string (utf8_body, "application/rss+xml");
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);

  /* ...but it does beat plain ASCII, and bytes that are not UTF-8. */
  s = sniff_string (XML_DECL ("windows-1252") "<a>cafe</a>", NULL);
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  s = sniff_string (XML_DECL ("windows-1258") "<a>caf\xe9</a>", NULL);
  g_assert_cmpstr (s, ==, "WINDOWS-1258");
  g_free (s);

  /* No label at all: UTF-8 if valid, else Windows-1252. */
  s = sniff_string ("<a>Ti\xe1\xba\xbfng Vi\xe1\xbb\x87t</a>", NULL);
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);

  s = sniff_string ("<a>caf\xe9</a>", NULL);
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  /* An unknown label is ignored, the next rule decides. */
  s = sniff_string (XML_DECL ("x-no-such-charset") "<a>caf\xc3\xa9</a>", "text/xml; charset=bogus");
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);
}

static void
test_sniff_labels (void)
{
  char *s;

  /* Latin-1 and ASCII labels mean Windows-1252, as in browsers. */
  s = sniff_string (XML_DECL ("ISO-8859-1") "<a/>", NULL);
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  s = sniff_string ("<a/>", "text/xml; charset=latin1");
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  s = sniff_string ("<a/>", "text/xml; charset=us-ascii");
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  /* A server's default Latin-1 label in front of real UTF-8 text: the
   * bytes can only be UTF-8, so they win over the label. */
  s = sniff_string ("<a>Đảng viên</a>", "text/xml; charset=ISO-8859-1");
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);

  s = sniff_string (XML_DECL ("windows-1258") "<a>Chính phủ</a>", NULL);
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);

  /* A UTF-8 label on bytes that are not UTF-8. */
  s = sniff_string (XML_DECL ("utf-8") "<a>caf\xe9</a>", NULL);
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  s = sniff_string ("<a>caf\xe9</a>", "text/xml; charset=UTF-8");
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  /* A UTF-16 label on an 8-bit document cannot be true. */
  s = sniff_string (XML_DECL ("UTF-16") "<a>x</a>", NULL);
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);

  /* Other charsets are passed to iconv by name. */
  s = sniff_string (XML_DECL ("iso-8859-15") "<a/>", NULL);
  g_assert_cmpstr (s, ==, "ISO-8859-15");
  g_free (s);
}

static void
test_sniff_html_meta (void)
{
  char *s;

  s = sniff_string ("<!DOCTYPE html><html><head><meta charset=\"windows-1258\">"
                    "<title>x</title></head></html>", NULL);
  g_assert_cmpstr (s, ==, "WINDOWS-1258");
  g_free (s);

  s = sniff_string ("<html><head><META HTTP-EQUIV=\"Content-Type\" "
                    "CONTENT=\"text/html; charset=ISO-8859-1\"></head></html>", NULL);
  g_assert_cmpstr (s, ==, "WINDOWS-1252");
  g_free (s);

  s = sniff_string ("<html><head><meta name=\"viewport\" content=\"width=device-width\">"
                    "<meta charset=utf-8></head></html>", NULL);
  g_assert_cmpstr (s, ==, "UTF-8");
  g_free (s);
}

static void
test_sniff_utf16 (void)
{
  const char le_bom[] = "\xff\xfe<\0a\0/\0>\0";
  const char be_bom[] = "\xfe\xff\0<\0a\0/\0>";
  const char le_bare[] = "<\0?\0x\0m\0l\0";
  const char be_bare[] = "\0<\0?\0x\0m\0l";
  char *s;

  s = bantin_charset_sniff ((const guint8 *) le_bom, sizeof le_bom - 1, "text/xml; charset=utf-8");
  g_assert_cmpstr (s, ==, "UTF-16LE");
  g_free (s);
  s = bantin_charset_sniff ((const guint8 *) be_bom, sizeof be_bom - 1, NULL);
  g_assert_cmpstr (s, ==, "UTF-16BE");
  g_free (s);
  s = bantin_charset_sniff ((const guint8 *) le_bare, sizeof le_bare - 1, NULL);
  g_assert_cmpstr (s, ==, "UTF-16LE");
  g_free (s);
  s = bantin_charset_sniff ((const guint8 *) be_bare, sizeof be_bare - 1, NULL);
  g_assert_cmpstr (s, ==, "UTF-16BE");
  g_free (s);
}

static void
test_decode_windows_1252 (void)
{
  /* € ‚ “ ” – … and an undefined byte (0x81), as browsers decode them. */
  const char data[] = "\x80 \x82 \x93x\x94 \x96 \x85 \x81 \xe9";
  g_autofree char *out = decode (data, sizeof data - 1, "text/plain; charset=windows-1252");

  g_assert_cmpstr (out, ==, "\xe2\x82\xac \xe2\x80\x9a \xe2\x80\x9cx\xe2\x80\x9d "
                            "\xe2\x80\x93 \xe2\x80\xa6 \xc2\x81 \xc3\xa9");
}

static void
test_decode_nul_and_bom (void)
{
  const char with_nul[] = "ab\0cd";
  const char with_bom[] = "\xef\xbb\xbf<a>\xc4\x91</a>";
  g_autofree char *a = decode (with_nul, sizeof with_nul - 1, NULL);
  g_autofree char *b = decode (with_bom, sizeof with_bom - 1, NULL);
  g_autofree char *c = decode ("", 0, NULL);

  g_assert_cmpstr (a, ==, "abcd");
  g_assert_cmpstr (b, ==, "<a>\xc4\x91</a>");
  g_assert_cmpstr (c, ==, "");
}

static void
test_decode_nfc (void)
{
  /* "Việt" with decomposed marks comes out precomposed. */
  const char nfd[] = "Vie\xcc\xa3\xcc\x82t";
  g_autofree char *out = decode (nfd, sizeof nfd - 1, "text/plain; charset=utf-8");

  g_assert_cmpstr (out, ==, "Vi\xe1\xbb\x87t");
}

/* Settled text needs no second look; anything else says so. */
static void
test_decode_settled (void)
{
  static const struct
  {
    const char *data;
    const char *content_type;
    gboolean    settled;
  } cases[] = {
    { "<p>Đảng viên “gương mẫu” – 100 €</p>", "text/xml; charset=utf-8", TRUE },
    { "plain ASCII", NULL, TRUE },
    { "Vie\xcc\xa3\xcc\x82t", "text/plain; charset=utf-8", FALSE },   /* NFD */
    { "a\x01b", NULL, FALSE },                                           /* control */
    { "\xef\xbb\xbfĐ", NULL, FALSE },                                   /* BOM */
    { "\xe4\xb8\xad\xe6\x96\x87", NULL, FALSE },                      /* CJK: NFC, not settled */
    { XML_DECL ("windows-1258") "<a>Vie\xf2t</a>", NULL, FALSE },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *out = NULL;
      gsize len = strlen (cases[i].data);
      gsize out_len = 0;
      gboolean settled = !cases[i].settled;

      out = bantin_charset_to_utf8_settled ((const guint8 *) cases[i].data, len,
                                            cases[i].content_type, &out_len, &settled, &error);
      g_assert_no_error (error);
      plain = bantin_charset_to_utf8 ((const guint8 *) cases[i].data, len,
                                      cases[i].content_type, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpstr (out, ==, plain);
      g_assert_cmpuint (out_len, ==, strlen (out));
      g_assert_cmpint (settled, ==, cases[i].settled);
      /* Never settled when it is not; a decoded document may be settled
       * without being said to be. */
      if (settled)
        {
          gboolean really_settled = FALSE;

          g_assert_true (bantin_text_validate_settled (out, out_len, &really_settled));
          g_assert_true (really_settled);
        }
    }
}

static void
test_decode_utf16_damaged (void)
{
  /* "Đ", a lone high surrogate, "a", then an odd trailing byte. */
  const char data[] = "\xff\xfe\x10\x01\x00\xd8" "a\0" "z";
  g_autofree char *out = decode (data, sizeof data - 1, NULL);

  g_assert_cmpstr (out, ==, "\xc4\x90\xef\xbf\xbd" "a");
}

static void
test_decode_iconv (void)
{
  /* ISO-8859-15 has the euro sign at 0xA4, where Latin-1 has ¤. */
  const char data[] = XML_DECL ("ISO-8859-15") "<a>\xa4</a>";
  g_autofree char *out = decode (data, sizeof data - 1, NULL);

  g_assert_true (g_str_has_suffix (out, "<a>\xe2\x82\xac</a>"));
}

static void
test_decode_windows_1258_inline (void)
{
  /* Windows-1258 spells "Việt" as 'V' 'i' 0xEA (ê) 0xF2 (a combining dot
   * below) 't'; the result must be the precomposed ệ. */
  const char data[] = "Vi\xea\xf2t Nam";
  g_autofree char *out = decode (data, sizeof data - 1, "text/plain; charset=windows-1258");

  g_assert_cmpstr (out, ==, "Vi\xe1\xbb\x87t Nam");
}

/* Each legacy fixture was generated from a UTF-8 source with iconv, and
 * its declaration was kept, so decoding must give back the source exactly. */
static void
test_decode_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *encoded = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *decoded = NULL;
  gsize encoded_len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "feeds", name, NULL),
                       &encoded, &encoded_len, &error);
  g_assert_no_error (error);
  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "feeds", "sources", name, NULL),
                       &expected, NULL, &error);
  g_assert_no_error (error);

  /* The fixture really is not UTF-8 (otherwise the test proves nothing). */
  g_assert_false (g_utf8_validate (encoded, encoded_len, NULL));

  decoded = decode (encoded, encoded_len, NULL);
  g_assert_cmpstr (decoded, ==, expected);
}

/* Found by tests/fuzz/fuzz-charset.c: glibc's iconv opens a label with junk
 * bytes in it, so the charset name came back as invalid UTF-8. */
static void
test_sniff_junk_label (void)
{
  static const char doc[] = "<?xml version='1.0' encoding='ISO-\xff\xff" "8859-1'?><a>caf\xe9</a>";
  g_autofree char *charset = bantin_charset_sniff ((const guint8 *) doc, strlen (doc), NULL);
  g_autofree char *labelled = bantin_charset_sniff ((const guint8 *) "abc", 3,
                                                    "text/xml; charset=utf\xc3\xa9-8");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (charset, ==, "WINDOWS-1252");
  g_assert_cmpstr (labelled, ==, "UTF-8");

  text = bantin_charset_to_utf8 ((const guint8 *) doc, strlen (doc), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "<a>caf\xc3\xa9</a>"));
}

/* Found by tests/fuzz/fuzz-charset.c: an empty Content-Type header made
 * the parameter loop read past the end of the split. */
static void
test_sniff_empty_content_type (void)
{
  g_autofree char *charset = bantin_charset_sniff ((const guint8 *) "<a>caf\xc3\xa9</a>", 12, "");
  g_autofree char *spaces = bantin_charset_sniff ((const guint8 *) "<a>\xe9</a>", 8, "  ");
  g_autofree char *text = bantin_charset_to_utf8 ((const guint8 *) "<a>\xe9</a>", 8, "", NULL, NULL);

  g_assert_cmpstr (charset, ==, "UTF-8");
  g_assert_cmpstr (spaces, ==, "WINDOWS-1252");
  g_assert_cmpstr (text, ==, "<a>\xc3\xa9</a>");
}

int
main (int argc, char *argv[])
{
  static const char * const fixtures[] = {
    "charset-win1258.xml",
    "charset-win1252.xml",
    "charset-latin1.xml",
    "charset-mislabelled.xml",
    "charset-utf16.xml",
  };
  gsize i;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/charset/sniff/precedence", test_sniff_precedence);
  g_test_add_func ("/charset/sniff/labels", test_sniff_labels);
  g_test_add_func ("/charset/sniff/html-meta", test_sniff_html_meta);
  g_test_add_func ("/charset/sniff/utf16", test_sniff_utf16);
  g_test_add_func ("/charset/sniff/junk-label", test_sniff_junk_label);
  g_test_add_func ("/charset/sniff/empty-content-type", test_sniff_empty_content_type);
  g_test_add_func ("/charset/decode/windows-1252", test_decode_windows_1252);
  g_test_add_func ("/charset/decode/nul-and-bom", test_decode_nul_and_bom);
  g_test_add_func ("/charset/decode/nfc", test_decode_nfc);
  g_test_add_func ("/charset/decode/settled", test_decode_settled);
  g_test_add_func ("/charset/decode/utf16-damaged", test_decode_utf16_damaged);
  g_test_add_func ("/charset/decode/iconv", test_decode_iconv);
  g_test_add_func ("/charset/decode/windows-1258", test_decode_windows_1258_inline);

  for (i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/charset/fixture/%s", fixtures[i]);

      g_test_add_data_func (path, fixtures[i], test_decode_fixture);
    }

  return g_test_run ();
}
