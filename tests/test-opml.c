/* test-opml.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "bantin-feed-parser.h"
#include "bantin-opml.h"

static BantinOpmlEntry *
entry_at (GPtrArray *entries,
          guint      i)
{
  g_assert_cmpuint (i, <, entries->len);
  return g_ptr_array_index (entries, i);
}

static GPtrArray *
parse_string (const char  *text,
              GError     **error)
{
  return bantin_opml_parse ((const guint8 *) text, strlen (text), error);
}

static BantinOpmlEntry *
entry_new (const char *url,
           const char *title,
           const char *site_url,
           const char *folder)
{
  BantinOpmlEntry *entry = g_new0 (BantinOpmlEntry, 1);

  entry->url = g_strdup (url);
  entry->title = g_strdup (title);
  entry->site_url = g_strdup (site_url);
  entry->folder = g_strdup (folder);
  return entry;
}

static void
test_parse_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  BantinOpmlEntry *entry;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "opml", "subscriptions.opml", NULL),
                       &contents, &len, &error);
  g_assert_no_error (error);

  entries = bantin_opml_parse ((const guint8 *) contents, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);

  /* title wins over text. */
  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->url, ==, "https://chinhphu.example.vn/rss/tin-moi.xml");
  g_assert_cmpstr (entry->title, ==, "Tin Chính phủ & Quốc hội");
  g_assert_cmpstr (entry->site_url, ==, "https://chinhphu.example.vn/");
  g_assert_cmpstr (entry->folder, ==, "Báo Trung ương");

  /* Nested folders, names from title or text, spaces squeezed. */
  entry = entry_at (entries, 1);
  g_assert_cmpstr (entry->url, ==, "https://giaoduc.example.vn/rss");
  g_assert_cmpstr (entry->title, ==, "Giáo dục đào tạo");
  g_assert_null (entry->site_url);
  g_assert_cmpstr (entry->folder, ==, "Báo Trung ương/Chuyên đề");

  /* Attribute names in any case. */
  entry = entry_at (entries, 2);
  g_assert_cmpstr (entry->url, ==, "https://yte.example.vn/atom.xml");
  g_assert_cmpstr (entry->folder, ==, "Báo Trung ương/Chuyên đề");

  /* A nameless outline adds no folder level. */
  entry = entry_at (entries, 3);
  g_assert_cmpstr (entry->url, ==, "http://muongla.example.vn/rss");
  g_assert_cmpstr (entry->site_url, ==, "http://muongla.example.vn/");
  g_assert_cmpstr (entry->folder, ==, "Địa phương");

  entry = entry_at (entries, 4);
  g_assert_cmpstr (entry->title, ==, "Sở Tư pháp");
  g_assert_null (entry->folder);
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_opml_entry_free);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  BantinOpmlEntry *entry;

  g_ptr_array_add (entries, entry_new ("http://a.example.vn/rss?x=1&y=2", "Tin \"A\" & <B>",
                                       "http://a.example.vn/", "Báo chí/Trung ương"));
  g_ptr_array_add (entries, entry_new ("http://b.example.vn/rss", NULL, NULL, NULL));
  g_ptr_array_add (entries, entry_new ("http://c.example.vn/rss", "Đài Sơn La", NULL, "Báo chí"));
  g_ptr_array_add (entries, entry_new ("http://d.example.vn/rss", "Tin D", NULL, "Báo chí/Trung ương"));

  written = bantin_opml_write (entries, "Nguồn tin & bạn đọc");
  g_assert_nonnull (written);
  g_assert_true (g_utf8_validate (written, -1, NULL));
  g_assert_true (g_str_has_prefix (written, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  g_assert_nonnull (strstr (written, "<title>Nguồn tin &amp; bạn đọc</title>"));
  g_assert_nonnull (strstr (written, "xmlUrl=\"http://a.example.vn/rss?x=1&amp;y=2\""));
  g_assert_nonnull (strstr (written, "title=\"Tin &quot;A&quot; &amp; &lt;B&gt;\""));
  /* One outline per folder, however many feeds it holds. */
  g_assert_nonnull (strstr (written, "text=\"Báo chí\""));
  g_assert_null (strstr (strstr (written, "text=\"Báo chí\"") + 1, "text=\"Báo chí\""));

  parsed = bantin_opml_parse ((const guint8 *) written, strlen (written), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 4);

  /* Entries come back grouped by folder, in first-use order. */
  entry = entry_at (parsed, 0);
  g_assert_cmpstr (entry->url, ==, "http://a.example.vn/rss?x=1&y=2");
  g_assert_cmpstr (entry->title, ==, "Tin \"A\" & <B>");
  g_assert_cmpstr (entry->site_url, ==, "http://a.example.vn/");
  g_assert_cmpstr (entry->folder, ==, "Báo chí/Trung ương");

  entry = entry_at (parsed, 1);
  g_assert_cmpstr (entry->url, ==, "http://d.example.vn/rss");
  g_assert_cmpstr (entry->folder, ==, "Báo chí/Trung ương");

  entry = entry_at (parsed, 2);
  g_assert_cmpstr (entry->url, ==, "http://c.example.vn/rss");
  g_assert_cmpstr (entry->title, ==, "Đài Sơn La");
  g_assert_cmpstr (entry->folder, ==, "Báo chí");

  /* A feed without a title is named by its URL. */
  entry = entry_at (parsed, 3);
  g_assert_cmpstr (entry->url, ==, "http://b.example.vn/rss");
  g_assert_cmpstr (entry->title, ==, "http://b.example.vn/rss");
  g_assert_null (entry->folder);
}

static void
test_write_empty (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = bantin_opml_write (entries, NULL);

  g_assert_nonnull (strstr (written, "<opml version=\"2.0\">"));
  parsed = parse_string (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 0);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  entries = parse_string ("", &error);
  g_assert_null (entries);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_EMPTY);
  g_clear_error (&error);

  entries = parse_string ("<rss version=\"2.0\"><channel/></rss>", &error);
  g_assert_null (entries);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED);
  g_clear_error (&error);

  entries = parse_string ("this is not xml", &error);
  g_assert_null (entries);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED);
}

static void
test_recovered (void)
{
  /* A bare ampersand in a URL: recovery still finds both feeds. */
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries =
    parse_string ("<opml version=\"1.0\"><body>"
                  "<outline text=\"Một\" xmlUrl=\"http://a.example.vn/rss\"/>"
                  "<outline text=\"Hai\" xmlUrl=\"http://b.example.vn/rss\"/>"
                  "<outline text=\"Ba & bốn\" xmlUrl=\"http://c.example.vn/rss\"></body></opml>",
                  &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 2);
  g_assert_cmpstr (entry_at (entries, 0)->title, ==, "Một");
  g_assert_cmpstr (entry_at (entries, 1)->url, ==, "http://b.example.vn/rss");
}

static void
test_external_entity (void)
{
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE opml [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n"
    "<opml version=\"2.0\"><body>"
    "<outline text=\"&secret;\" xmlUrl=\"http://a.example.vn/&secret;\"/>"
    "</body></opml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = parse_string (xml, &error);
  guint i;

  /* Whatever happens, nothing from the file may appear. */
  for (i = 0; entries != NULL && i < entries->len; i++)
    {
      BantinOpmlEntry *entry = entry_at (entries, i);

      g_assert_null (entry->url != NULL ? strstr (entry->url, "root") : NULL);
      g_assert_null (entry->title != NULL ? strstr (entry->title, "root") : NULL);
    }
}

/* Found by tests/fuzz/fuzz-opml.c: folder titles may hold slashes, so 20
 * nested "a/b" folders were written 40 outlines deep, past what the reader
 * follows, and the feed inside was lost on reading the export back. */
static void
test_deep_folders_round_trip (void)
{
  g_autoptr(GString) doc = g_string_new ("<opml version=\"2.0\"><body>");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  BantinOpmlEntry *entry;

  for (guint i = 0; i < 32; i++)
    g_string_append (doc, "<outline text=\"a/b\">");
  g_string_append (doc, "<outline text=\"F\" xmlUrl=\"http://e.vn/rss\"/>");
  for (guint i = 0; i < 32; i++)
    g_string_append (doc, "</outline>");
  g_string_append (doc, "</body></opml>");

  entries = bantin_opml_parse ((const guint8 *) doc->str, doc->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);

  written = bantin_opml_write (entries, NULL);
  again = bantin_opml_parse ((const guint8 *) written, strlen (written), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  entry = g_ptr_array_index (again, 0);
  g_assert_cmpstr (entry->url, ==, "http://e.vn/rss");
  g_assert_cmpstr (entry->folder, ==, ((BantinOpmlEntry *) g_ptr_array_index (entries, 0))->folder);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/opml/parse", test_parse_fixture);
  g_test_add_func ("/opml/round-trip", test_round_trip);
  g_test_add_func ("/opml/write-empty", test_write_empty);
  g_test_add_func ("/opml/errors", test_errors);
  g_test_add_func ("/opml/recovered", test_recovered);
  g_test_add_func ("/opml/external-entity", test_external_entity);
  g_test_add_func ("/opml/deep-folders-round-trip", test_deep_folders_round_trip);

  return g_test_run ();
}
