/* test-html.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bantin-html.h"

typedef struct
{
  const char *input;
  gsize       max_chars;
  const char *expected;
} TextCase;

static const TextCase text_cases[] = {
  { "", 0, "" },
  { "plain words", 0, "plain words" },
  { "<p>Hà Nội</p><p>Đà Nẵng</p>", 0, "Hà Nội Đà Nẵng" },
  { "<b>đảng</b><i>viên</i>", 0, "đảngviên" },
  { "<b>đảng</b> <i>viên</i>", 0, "đảng viên" },
  { "a&amp;b &lt;tag&gt; &quot;q&quot; &#273;&#x1EA1;i &nbsp;x", 0, "a&b <tag> \"q\" đại x" },
  { "  lots \n\n of\t\twhite   space  ", 0, "lots of white space" },
  { "<script>alert(1)</script>visible<style>p{color:red}</style>", 0, "visible" },
  { "<noscript>no</noscript><template><p>t</p></template>ok", 0, "ok" },
  { "<html><head><title>T</title><meta charset=\"iso-8859-1\"></head><body>Thủ tướng</body></html>",
    0, "Thủ tướng" },
  { "<ul><li>một</li><li>hai</li></ul><br>ba<br/>bốn", 0, "một hai ba bốn" },
  { "<table><tr><td>a</td><td>b</td></tr></table>", 0, "a b" },
  { "<!-- comment -->x<!-- more -->y", 0, "xy" },
  { "<p>unclosed <b>bold <i>both", 0, "unclosed bold both" },
  { "tab\x01" "ctl", 0, "tabctl" },
  /* Truncation: at most max_chars characters, ellipsis included. */
  { "Chính phủ ban hành nghị định mới", 15, "Chính phủ ban…" },
  { "Chính phủ ban hành", 18, "Chính phủ ban hành" },
  { "Chính phủ ban hành", 17, "Chính phủ ban…" },
  { "Chính phủ, ban hành", 11, "Chính phủ…" },
  { "Supercalifragilisticexpialidocious", 10, "Supercali…" },
  { "<p>one</p><p>two</p><p>three</p>", 8, "one two…" },
  { "abc def", 1, "…" },
  { "   ", 0, "" },
};

static void
test_to_text_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autofree char *text = bantin_html_to_text (text_cases[i].input, text_cases[i].max_chars);

      g_test_message ("case %u: %s", i, text_cases[i].input);
      g_assert_cmpstr (text, ==, text_cases[i].expected);
      if (text_cases[i].max_chars > 0)
        g_assert_cmpuint (g_utf8_strlen (text, -1), <=, text_cases[i].max_chars);
    }
}

static void
test_to_text_null (void)
{
  g_autofree char *text = bantin_html_to_text (NULL, 10);

  g_assert_cmpstr (text, ==, "");
}

static void
test_to_text_invalid_utf8 (void)
{
  /* Invalid bytes must not turn the rest of the text into Latin-1. */
  g_autofree char *text = bantin_html_to_text ("<p>a\xff b</p><p>Việt Nam</p>", 0);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, "a\xef\xbf\xbd b Việt Nam");
}

static void
test_to_text_long_truncated (void)
{
  GString *html = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (int i = 0; i < 20000; i++)
    g_string_append (html, "<p>Người dân <b>phấn khởi</b> đón năm mới.</p>\n");

  text = bantin_html_to_text (html->str, 200);
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 200);
  g_assert_cmpuint (g_utf8_strlen (text, -1), >, 150);
  g_assert_true (g_str_has_prefix (text, "Người dân phấn khởi đón năm mới. Người dân"));
  g_assert_true (g_str_has_suffix (text, "…"));
  g_assert_false (g_str_has_suffix (text, " …"));
  g_string_free (html, TRUE);
}

static gpointer
to_text_thread (gpointer data)
{
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *text = bantin_html_to_text ("<div><p>Tin <em>mới</em></p><script>x</script></div>", 0);

      if (g_strcmp0 (text, "Tin mới") != 0)
        return GINT_TO_POINTER (1);
    }
  return NULL;
}

static void
test_to_text_threads (void)
{
  GThread *threads[4];
  int failures = 0;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("to-text", to_text_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    failures += GPOINTER_TO_INT (g_thread_join (threads[i]));

  g_assert_cmpint (failures, ==, 0);
}

static void
test_to_text_speed (void)
{
  GString *html = g_string_new (NULL);
  gint64 start, elapsed;
  int n = 2000;

  /* A typical article body of about 4 KB. */
  for (int i = 0; i < 12; i++)
    g_string_append (html,
                     "<p>Sáng nay, tại Hà Nội, Thủ tướng Chính phủ đã chủ trì <a href=\"/x\">hội nghị</a> "
                     "trực tuyến với các <strong>địa phương</strong> về phát triển kinh tế &amp; xã hội.</p>\n"
                     "<img src=\"a.jpg\" alt=\"ảnh\">\n");

  start = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    {
      g_autofree char *text = bantin_html_to_text (html->str, 300);

      g_assert_cmpuint (strlen (text), >, 0);
    }
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("to_text: %.1f µs per %zu-byte article", (double) elapsed / n, html->len);
  /* Generous even under sanitizers; the sync needs far less than this. */
  g_assert_cmpint (elapsed / n, <, 5000);
  g_string_free (html, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/html/to-text/table", test_to_text_table);
  g_test_add_func ("/html/to-text/null", test_to_text_null);
  g_test_add_func ("/html/to-text/invalid-utf8", test_to_text_invalid_utf8);
  g_test_add_func ("/html/to-text/long-truncated", test_to_text_long_truncated);
  g_test_add_func ("/html/to-text/threads", test_to_text_threads);
  g_test_add_func ("/html/to-text/speed", test_to_text_speed);

  return g_test_run ();
}
