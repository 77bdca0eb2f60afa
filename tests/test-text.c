/* test-text.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "bantin-text.h"

typedef struct
{
  const char *input;
  const char *expected;
} TextCase;

static const TextCase fold_cases[] = {
  { "Đảng", "dang" },
  { "đảng viên", "dang vien" },
  { "GIÁO DỤC", "giao duc" },
  { "Mường", "muong" },
  { "Mường La", "muong la" },
  { "Đà Nẵng", "da nang" },
  { "đường", "duong" },
  { "Nghị quyết số 15/NQ-TW", "nghi quyet so 15/nq-tw" },
  { "Thừa Thiên Huế", "thua thien hue" },
  { "ỦY BAN NHÂN DÂN", "uy ban nhan dan" },
  /* The same word decomposed folds the same way. */
  { "Vie\xcc\xa3\xcc\x82t", "viet" },
  { "", "" },
  { "plain ascii", "plain ascii" },
};

static void
test_fold (gconstpointer data)
{
  const TextCase *c = data;
  g_autofree char *folded = bantin_text_fold (c->input);

  g_assert_cmpstr (folded, ==, c->expected);
}

static void
test_fold_null (void)
{
  g_autofree char *folded = bantin_text_fold (NULL);

  g_assert_cmpstr (folded, ==, "");
}

/* bantin_text_fold() computed the slow and obvious way: each character
 * decomposed, its marks dropped, đ turned into d, then lower case. */
static char *
reference_fold (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *end = text + strlen (text);
  const char *p = text;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      char utf8[8];
      g_autofree char *nfd = NULL;
      const char *q;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      if (c < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower ((char) c));
          continue;
        }

      utf8[g_unichar_to_utf8 (c, utf8)] = '\0';
      nfd = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD);
      for (q = nfd; q != NULL && *q != '\0'; q = g_utf8_next_char (q))
        {
          gunichar d = g_utf8_get_char (q);
          GUnicodeType type = g_unichar_type (d);

          if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
              type == G_UNICODE_ENCLOSING_MARK)
            continue;
          g_string_append_unichar (out, d == 0x0110 || d == 0x0111 ? 'd' : g_unichar_tolower (d));
        }
    }

  return g_string_free (out, FALSE);
}

/* Random text from every range the fold treats differently: ASCII, the
 * table (Latin, Vietnamese, combining marks, Greek), beyond it (letters
 * that decompose, CJK, astral), letters whose lower case is longer in
 * UTF-8 (Ⱥ → ⱥ, which makes the buffer grow), and bytes that are not
 * UTF-8. */
static void
test_fold_random (void)
{
  static const gunichar ranges[][2] = {
    { 'A', 'z' }, { ' ', '/' }, { 0xc0, 0x17f }, { 0x1ea0, 0x1ef9 }, { 0x300, 0x36f },
    { 0x370, 0x3ff }, { 0x1f00, 0x1fff }, { 0x2100, 0x214f }, { 0x4e00, 0x4e20 },
    { 0x1d400, 0x1d420 }, { 0x23a, 0x23e },
  };
  GRand *rand = g_rand_new_with_seed (1129);
  guint round;

  for (round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 200);
      g_autofree char *folded = NULL;
      g_autofree char *expected = NULL;
      guint i;

      for (i = 0; i < n; i++)
        {
          guint r = g_rand_int_range (rand, 0, G_N_ELEMENTS (ranges) + 1);

          if (r == G_N_ELEMENTS (ranges))
            g_string_append_c (text, (char) (0x80 + g_rand_int_range (rand, 0, 0x80)));
          else
            g_string_append_unichar (text, g_rand_int_range (rand, ranges[r][0], ranges[r][1] + 1));
        }

      folded = bantin_text_fold (text->str);
      expected = reference_fold (text->str);
      g_assert_cmpstr (folded, ==, expected);
    }

  /* Longer when folded, all of it. */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autofree char *folded = NULL;

    for (round = 0; round < 1000; round++)
      g_string_append (text, "\xc8\xba");   /* Ⱥ */
    folded = bantin_text_fold (text->str);
    g_assert_cmpuint (strlen (folded), ==, 3000);
    g_assert_true (g_str_has_prefix (folded, "\xe2\xb1\xa5"));   /* ⱥ */
  }

  g_rand_free (rand);
}

static const TextCase query_cases[] = {
  /* Every word must match; the last one is still being typed. */
  { "dang vien", "\"dang\" \"vien\"*" },
  { "Đảng viên", "\"dang\" \"vien\"*" },
  { "giáo", "\"giao\"*" },
  /* A quoted phrase is matched as a phrase, never as a prefix. */
  { "\"giáo dục\"", "\"giao duc\"" },
  { "\"giáo dục\" mường", "\"giao duc\" \"muong\"*" },
  { "mường \"giáo dục\"", "\"muong\" \"giao duc\"" },
  /* FTS5 syntax typed by a user is quoted, not obeyed. */
  { "dang OR vien", "\"dang\" \"or\" \"vien\"*" },
  { "title:dang", "\"title:dang\"*" },
  { "dang*", "\"dang*\"*" },
  { "a\"b", "\"a\" \"b\"" },
  { "  nhiều   khoảng   trắng  ", "\"nhieu\" \"khoang\" \"trang\"" },
};

static void
test_fold_query (gconstpointer data)
{
  const TextCase *c = data;
  g_autofree char *query = bantin_text_fold_query (c->input);

  g_assert_cmpstr (query, ==, c->expected);
}

static void
test_fold_query_empty (void)
{
  const char *empty[] = { NULL, "", "   ", "\"\"", "- + * ( )", "\"  \"" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autofree char *query = bantin_text_fold_query (empty[i]);

      g_assert_null (query);
    }
}

static void
test_make_valid_invalid_bytes (void)
{
  /* A lone continuation byte becomes U+FFFD; GLib replaces each byte of a
   * truncated sequence, so two bytes give two. */
  g_autofree char *a = bantin_text_make_valid ("Vi\x80t \xe1\xbb", -1);
  g_autofree char *b = bantin_text_make_valid ("Tin t\xe1\xbb\xa9\xff", -1);

  g_assert_true (g_utf8_validate (a, -1, NULL));
  g_assert_cmpstr (a, ==, "Vi\xef\xbf\xbdt \xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (b, ==, "Tin t\xe1\xbb\xa9\xef\xbf\xbd");
}

static void
test_make_valid_nul_and_controls (void)
{
  /* With an explicit length, an embedded NUL is invalid input: it becomes
   * U+FFFD instead of cutting the text short. Other C0 controls go, tab
   * and newlines stay. */
  const char with_nul[] = "ab\0cd";
  g_autofree char *a = bantin_text_make_valid (with_nul, sizeof with_nul - 1);
  g_autofree char *b = bantin_text_make_valid ("x\x01y\x7fz\tw\nv\r", -1);
  g_autofree char *c = bantin_text_make_valid ("abc", 2);

  g_assert_cmpstr (a, ==, "ab\xef\xbf\xbd" "cd");
  g_assert_null (memchr (a, '\0', strlen (a)));
  g_assert_cmpstr (b, ==, "xyz\tw\nv\r");
  g_assert_cmpstr (c, ==, "ab");
  g_assert_null (bantin_text_make_valid (NULL, -1));
}

static void
test_make_valid_nfc (void)
{
  /* "Việt Nam" with decomposed marks (NFD), as Windows-1258 decodes. */
  g_autofree char *a = bantin_text_make_valid ("Vie\xcc\xa3\xcc\x82t Nam", -1);
  /* The marks in the other canonical order compose the same. */
  g_autofree char *b = bantin_text_make_valid ("Vie\xcc\x82\xcc\xa3t", -1);
  g_autofree char *c = bantin_text_make_valid ("Đảng", -1);

  g_assert_cmpstr (a, ==, "Việt Nam");
  g_assert_cmpstr (b, ==, "Việt");
  g_assert_cmpstr (c, ==, "Đảng");
  g_assert_cmpuint (strlen (a), ==, strlen ("Việt Nam"));
}

static void
test_squeeze (void)
{
  g_autofree char *a = bantin_text_squeeze ("  Hội   nghị\n\ttỉnh  ");
  g_autofree char *b = bantin_text_squeeze ("a\xc2\xa0\xc2\xa0" "b");
  g_autofree char *c = bantin_text_squeeze ("   ");
  g_autofree char *d = bantin_text_squeeze (NULL);

  g_assert_cmpstr (a, ==, "Hội nghị tỉnh");
  g_assert_cmpstr (b, ==, "a b");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "");
}

/* make_valid skips normalization for text whose characters are all in
 * its "NFC-safe" ranges: check against GLib's full normalization that the
 * shortcut never changes a result, on every character of those ranges and
 * on those characters followed by combining marks. */
static void
test_make_valid_matches_full_nfc (void)
{
  static const gunichar marks[] = { 0x0300, 0x0301, 0x0303, 0x0309, 0x0323, 0x031B };
  gunichar c;

  for (c = 0x20; c < 0x2100; c++)
    {
      char buf[32];
      int n;
      guint m;

      if (c == 0x7f || (c >= 0xD800 && c <= 0xDFFF))
        continue;

      n = g_unichar_to_utf8 (c, buf);
      buf[n] = '\0';

      {
        g_autofree char *ours = bantin_text_make_valid (buf, -1);
        g_autofree char *full = g_utf8_normalize (buf, -1, G_NORMALIZE_NFC);

        g_assert_cmpstr (ours, ==, full);
      }

      for (m = 0; m < G_N_ELEMENTS (marks); m++)
        {
          int k = n + g_unichar_to_utf8 (marks[m], buf + n);
          g_autofree char *ours = NULL;
          g_autofree char *full = NULL;

          buf[k] = '\0';
          ours = bantin_text_make_valid (buf, -1);
          full = g_utf8_normalize (buf, -1, G_NORMALIZE_NFC);
          g_assert_cmpstr (ours, ==, full);
          buf[n] = '\0';
        }
    }
}

/* A long document of decomposed Vietnamese (as Windows-1258 produces) is
 * normalized in pieces with the same result as in one go. */
static void
test_make_valid_long_nfd (void)
{
  GString *nfd = g_string_new (NULL);
  g_autofree char *ours = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *doc = NULL;
  int i;

  for (i = 0; i < 3000; i++)
    g_string_append (nfd, "Đa\xcc\x89ng vie\xcc\x82\xcc\xa3n ho\xcc\xa3" "c ta\xcc\xa3\xcc\x82p. ");

  doc = g_string_free (nfd, FALSE);
  ours = bantin_text_make_valid (doc, -1);
  expected = g_utf8_normalize (doc, -1, G_NORMALIZE_NFC);
  g_assert_nonnull (expected);
  /* Not g_assert_cmpstr: a mismatch would print 100 KB twice. */
  g_assert_true (g_str_equal (ours, expected));
  g_assert_nonnull (strstr (ours, "Đảng việ"));
  g_assert_nonnull (strstr (ours, "học tập"));
}

/* What make_valid promises, computed the slow and obvious way. */
static char *
reference_make_valid (const char *data,
                      gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (data, len);
  GString *kept = g_string_new (NULL);
  g_autofree char *stripped = NULL;
  const char *p;

  for (p = valid; *p != '\0'; p++)
    {
      guchar b = (guchar) *p;

      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f)
        continue;
      g_string_append_c (kept, *p);
    }

  stripped = g_string_free (kept, FALSE);
  return g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
}

/* make_valid validates and scans eight bytes at a time when it can: on
 * random mixes of printable ASCII, controls, NULs, valid and broken
 * sequences (overlong, surrogates, beyond U+10FFFF, truncated) at every
 * alignment, it must give what the slow way gives, and so must
 * make_valid_take on the same text without its NULs. */
static void
test_make_valid_random (void)
{
  static const char * const pieces[] = {
    "a", "Tin tức ", "12345678", "\t", "\n", "\r", "\x01", "\x1f", "\x7f", "\0",
    "\xc3\xa0", "\xc4\x91", "\xe1\xbb\x87", "\xcc\x81", "\xcc\xa3", "\xe2\x80\x9c",
    "\xf0\x9f\x98\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80",
    "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe1\xbb", "\xf0\x9f\x98", "\x80",
    "\xbf", "\xfe", "\xff", "\xef\xbf\xbd", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf",
  };
  GRand *rand = g_rand_new_with_seed (20261128);
  int round;

  for (round = 0; round < 20000; round++)
    {
      GString *input = g_string_new (NULL);
      int n = g_rand_int_range (rand, 0, 24);
      int i;

      for (i = 0; i < n; i++)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          /* "\0" is one byte; the others are strings. */
          g_string_append_len (input, piece, *piece == '\0' ? 1 : (gssize) strlen (piece));
        }

      {
        g_autofree char *ours = bantin_text_make_valid (input->str, input->len);
        g_autofree char *expected = reference_make_valid (input->str, input->len);
        g_autofree char *taken = NULL;
        g_autofree char *expected_taken = NULL;

        g_assert_cmpstr (ours, ==, expected);

        /* _take reads up to the first NUL, as a C string. */
        taken = bantin_text_make_valid_take (g_strdup (input->str));
        expected_taken = reference_make_valid (input->str, strlen (input->str));
        g_assert_cmpstr (taken, ==, expected_taken);
      }

      g_string_free (input, TRUE);
    }

  g_rand_free (rand);
}

static void
test_make_valid_take (void)
{
  char *clean = g_strdup ("Đảng viên họp");
  char *same = bantin_text_make_valid_take (clean);
  g_autofree char *fixed = bantin_text_make_valid_take (g_strdup ("Vie\xcc\xa3\xcc\x82t\x01"));

  /* Clean text comes back as it is, without a copy. */
  g_assert_true (same == clean);
  g_assert_cmpstr (fixed, ==, "Việt");
  g_assert_null (bantin_text_make_valid_take (NULL));
  g_free (same);
}

int
main (int argc, char *argv[])
{
  gsize i;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (i = 0; i < G_N_ELEMENTS (fold_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/text/fold/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &fold_cases[i], test_fold);
    }

  for (i = 0; i < G_N_ELEMENTS (query_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/text/fold-query/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &query_cases[i], test_fold_query);
    }

  g_test_add_func ("/text/fold/null", test_fold_null);
  g_test_add_func ("/text/fold/random", test_fold_random);
  g_test_add_func ("/text/fold-query/empty", test_fold_query_empty);
  g_test_add_func ("/text/make-valid/invalid-bytes", test_make_valid_invalid_bytes);
  g_test_add_func ("/text/make-valid/nul-and-controls", test_make_valid_nul_and_controls);
  g_test_add_func ("/text/make-valid/nfc", test_make_valid_nfc);
  g_test_add_func ("/text/make-valid/matches-full-nfc", test_make_valid_matches_full_nfc);
  g_test_add_func ("/text/make-valid/long-nfd", test_make_valid_long_nfd);
  g_test_add_func ("/text/make-valid/random", test_make_valid_random);
  g_test_add_func ("/text/make-valid/take", test_make_valid_take);
  g_test_add_func ("/text/squeeze", test_squeeze);

  return g_test_run ();
}
