/* test-report.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "bantin-feed-parser.h"
#include "bantin-image-cache.h"
#include "bantin-report.h"
#include "bantin-store.h"

#define PHOTO_URL "https://img.baochinhphu.example/2018/hoi-nghi.png"
#define HEADER_URL "https://img.baochinhphu.example/2018/dau-trang.png"
#define MISSING_URL "https://tracker.example/pixel.png"

typedef struct
{
  char        *dir;
  BantinStore *store;
  gint64       gov_feed;
  gint64       vnx_feed;
} Fixture;

static gint64
add_article (Fixture    *fx,
             gint64      feed_id,
             const char *guid,
             const char *title,
             const char *content,
             const char *image_url,
             gint64      published)
{
  g_autoptr(BantinParsedFeed) parsed = g_new0 (BantinParsedFeed, 1);
  BantinParsedItem *item = g_new0 (BantinParsedItem, 1);
  BantinFeedUpdate update = { 0 };
  BantinArticleQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 id = 0;

  parsed->format = BANTIN_FEED_FORMAT_RSS;
  parsed->items = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_parsed_item_free);
  item->guid = g_strdup (guid);
  item->link = g_strdup_printf ("https://baochinhphu.example/tin/%s.html", guid);
  item->title = g_strdup (title);
  item->author = g_strdup ("Phóng viên A");
  item->content = g_strdup (content);
  item->image_url = g_strdup (image_url);
  item->published = published;
  g_ptr_array_add (parsed->items, item);

  update.feed_id = feed_id;
  update.checked_at = published;
  update.http_status = 200;
  update.parsed = parsed;
  bantin_feed_update_prepare (&update, NULL);
  g_assert_true (bantin_store_apply_update (fx->store, &update, NULL, NULL, &error));
  g_assert_no_error (error);
  bantin_feed_update_clear (&update);

  ids = bantin_store_query_ids (fx->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(BantinArticle) article = bantin_store_get_article (fx->store, g_array_index (ids, gint64, i),
                                                                   FALSE, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (bantin_article_get_guid (article), guid) == 0)
        id = bantin_article_get_id (article);
    }
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Records the page and images a sync would have saved: @full_content as
 * the extracted article, and each of @cached (a NULL-terminated list of
 * URL, file pairs) in the image cache. Other URLs stay uncached. */
static void
save_offline (Fixture            *fx,
              gint64              article_id,
              const char         *full_content,
              const char * const *image_urls,
              const char * const *cached)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *image_dir = bantin_store_dup_image_dir (fx->store);
  g_autoptr(BantinImageCache) cache = bantin_image_cache_new (image_dir, 0, 0);
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (BantinImageResult));
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) download = NULL;
  BantinArticlePage page = { 0 };

  page.url = "https://baochinhphu.example/tin/full.html";
  page.http_status = 200;
  page.full_content = full_content;
  page.text_length = full_content != NULL ? strlen (full_content) : 0;
  g_assert_true (bantin_store_save_article_page (fx->store, article_id, full_content != NULL ? &page : NULL,
                                                 image_urls, TRUE, &download, &error));
  g_assert_no_error (error);

  for (guint i = 0; cached != NULL && cached[i] != NULL; i += 2)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      BantinImageResult result = { 0 };
      char *hash = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "report", cached[i + 1], NULL),
                                          &contents, &len, &error));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      g_assert_true (bantin_image_cache_put (cache, cached[i], bytes, &hash, &error));
      g_assert_no_error (error);
      g_ptr_array_add (hashes, hash);

      result.url = cached[i];
      result.hash = hash;
      result.bytes = (gint64) len;
      result.mime_type = "image/png";
      g_array_append_val (results, result);
    }

  /* An empty GArray has no data to take the address of. */
  g_assert_true (bantin_store_save_article_images (fx->store, article_id,
                                                   results->len > 0 ? &g_array_index (results, BantinImageResult, 0) : NULL,
                                                   results->len, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("bantin-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "bantin.db", NULL);
  fx->store = bantin_store_open (path, &error);
  g_assert_no_error (error);
  fx->gov_feed = bantin_store_add_feed (fx->store, "https://baochinhphu.example/rss",
                                        "Báo Điện tử Chính phủ", NULL, &error);
  g_assert_no_error (error);
  fx->vnx_feed = bantin_store_add_feed (fx->store, "https://vnexpress.example/rss",
                                        "VnExpress <Thời sự> & \"Pháp luật\"", NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_assert_finalize_object (fx->store);
  remove_tree (fx->dir);
  g_free (fx->dir);
}

/* XPath over the parsed document. */

static xmlXPathObjectPtr
eval (htmlDocPtr  doc,
      const char *xpath)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) xpath, ctx);

  xmlXPathFreeContext (ctx);
  g_assert_nonnull (result);
  return result;
}

static int
count (htmlDocPtr  doc,
       const char *xpath)
{
  xmlXPathObjectPtr result = eval (doc, xpath);
  int n = result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  return n;
}

static char *
text_of (htmlDocPtr  doc,
         const char *xpath)
{
  xmlXPathObjectPtr result = eval (doc, xpath);
  char *text = NULL;

  if (result->nodesetval != NULL && result->nodesetval->nodeNr > 0)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);

      text = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  return text;
}

static GPtrArray *
all_values (htmlDocPtr  doc,
            const char *xpath)
{
  xmlXPathObjectPtr result = eval (doc, xpath);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; result->nodesetval != NULL && i < result->nodesetval->nodeNr; i++)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[i]);

      g_ptr_array_add (values, g_strdup ((const char *) content));
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  return values;
}

static BantinReport *
load_all (Fixture    *fx,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  BantinArticleQuery query = { 0 };
  BantinReport *report;

  query.day_from = query.day_to = 20180703;
  ids = bantin_store_query_ids (fx->store, &query, &error);
  g_assert_no_error (error);
  report = bantin_report_load (fx->store, &g_array_index (ids, gint64, 0), ids->len, title, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_html_export (Fixture       *fx,
                  gconstpointer  data)
{
  const char *urls[] = { HEADER_URL, PHOTO_URL, MISSING_URL, NULL };
  const char *cached[] = { PHOTO_URL, "photo.png", HEADER_URL, "header.png", NULL };
  g_autoptr(BantinReport) report = NULL;
  g_autoptr(GPtrArray) srcs = NULL;
  g_autoptr(GPtrArray) hrefs = NULL;
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *written = NULL;
  htmlDocPtr doc;
  gint64 photo_id, other_id;

  /* 2018-07-03 in Hà Nội. */
  photo_id = add_article (fx, fx->gov_feed, "hoi-nghi",
                          "Thủ tướng chủ trì hội nghị trực tuyến",
                          "<p>Tóm tắt ngắn từ nguồn tin.</p>", HEADER_URL, 1530606600);
  save_offline (fx, photo_id,
                "<p>Sáng 3/7, Thủ tướng chủ trì hội nghị trực tuyến với các địa phương về "
                "phát triển kinh tế - xã hội.</p>"
                "<figure><img src=\"" PHOTO_URL "\" alt=\"Toàn cảnh hội nghị\" width=\"320\" height=\"180\">"
                "<figcaption>Toàn cảnh hội nghị. Ảnh: VGP</figcaption></figure>"
                "<figure><img src=\"" MISSING_URL "\" alt=\"Biểu đồ tăng trưởng\">"
                "<figcaption>Tăng trưởng GDP sáu tháng đầu năm</figcaption></figure>"
                "<p>Hội nghị kết thúc lúc 12 giờ.</p>",
                urls, cached);

  other_id = add_article (fx, fx->gov_feed, "tin-2",
                          "Đẩy mạnh cải cách thủ tục hành chính",
                          "<p>Nội dung đầy đủ của tin thứ hai, không có ảnh.</p>", NULL, 1530613800);
  save_offline (fx, other_id, NULL, NULL, NULL);

  add_article (fx, fx->vnx_feed, "xss",
               "<script>alert(1)</script> & “Tiêu đề” 'lạ'",
               "<p onclick=\"x()\" style=\"background:url(https://tracker.example/bg.png)\">"
               "Văn bản <b>đậm</b> &lt;không phải thẻ&gt;</p>"
               "<img src=\"https://tracker.example/open.gif\" srcset=\"https://tracker.example/2x.gif 2x\">",
               NULL, 1530622800);

  report = load_all (fx, "Bản tin ngày 03/07/2018");
  g_assert_cmpuint (report->entries->len, ==, 3);
  g_assert_cmpuint (bantin_report_count_feeds (report), ==, 2);

  html = bantin_report_to_html (report);
  if (g_getenv ("BANTIN_REPORT_OUT") != NULL)
    g_file_set_contents (g_getenv ("BANTIN_REPORT_OUT"), html, -1, NULL);
  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));

  /* Nothing that could fetch. */
  g_assert_null (strstr (html, "tracker.example/bg.png"));
  g_assert_null (strstr (html, "srcset"));
  g_assert_null (strstr (html, "onclick"));
  g_assert_null (strstr (html, "<script"));
  g_assert_nonnull (strstr (html, "default-src 'none'"));

  doc = htmlReadMemory (html, (int) strlen (html), NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  g_assert_nonnull (doc);

  g_assert_cmpint (count (doc, "//script"), ==, 0);
  g_assert_cmpint (count (doc, "//*[@style]"), ==, 0);
  g_assert_cmpint (count (doc, "//link"), ==, 0);

  /* Every image is inline; the two cached ones (the header picture is not
   * in the text, so it comes first) and no other. */
  srcs = all_values (doc, "//img/@src");
  g_assert_cmpuint (srcs->len, ==, 2);
  for (guint i = 0; i < srcs->len; i++)
    {
      const char *src = g_ptr_array_index (srcs, i);

      g_assert_true (g_str_has_prefix (src, "data:image/png;base64,"));
    }
  {
    g_autofree char *expected = NULL;
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "report", "photo.png", NULL),
                                        &contents, &len, &error));
    expected = g_base64_encode ((const guchar *) contents, len);
    g_assert_cmpstr ((char *) g_ptr_array_index (srcs, 1) + strlen ("data:image/png;base64,"), ==, expected);
  }
  g_assert_cmpint (count (doc, "//img[@alt='Toàn cảnh hội nghị']"), ==, 1);

  /* A missing image keeps its alt text and its caption. */
  g_free (text);
  text = text_of (doc, "//*[@class='missing-image']");
  g_assert_cmpstr (text, ==, "Biểu đồ tăng trưởng");
  g_assert_cmpint (count (doc, "//figcaption[text()='Tăng trưởng GDP sáu tháng đầu năm']"), ==, 1);
  g_assert_cmpint (count (doc, "//figcaption[text()='Toàn cảnh hội nghị. Ảnh: VGP']"), ==, 1);
  /* The hostile article's remote image is gone, shown as a placeholder. */
  g_assert_cmpint (count (doc, "//*[@class='missing-image']"), ==, 2);

  /* The better of the two contents: the extracted article. */
  g_assert_nonnull (strstr (html, "Hội nghị kết thúc lúc 12 giờ."));
  g_assert_null (strstr (html, "Tóm tắt ngắn từ nguồn tin."));

  /* The title page: each feed once, in alphabetical order, with every
   * headline linked to its article. */
  g_free (text);
  text = text_of (doc, "//title");
  g_assert_cmpstr (text, ==, "Bản tin ngày 03/07/2018");
  titles = all_values (doc, "//nav/h2");
  g_assert_cmpuint (titles->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Báo Điện tử Chính phủ");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "VnExpress <Thời sự> & \"Pháp luật\"");

  headlines = all_values (doc, "//nav//li/a");
  hrefs = all_values (doc, "//nav//li/a/@href");
  g_assert_cmpuint (headlines->len, ==, 3);
  g_assert_cmpuint (hrefs->len, ==, 3);
  for (guint i = 0; i < report->entries->len; i++)
    {
      BantinReportEntry *entry = g_ptr_array_index (report->entries, i);
      g_autofree char *xpath = NULL;
      g_autofree char *target = NULL;

      g_assert_cmpstr (g_ptr_array_index (headlines, i), ==, bantin_article_get_title (entry->article));
      g_assert_true (((char *) g_ptr_array_index (hrefs, i))[0] == '#');
      xpath = g_strdup_printf ("//article[@id='%s']//h1", (char *) g_ptr_array_index (hrefs, i) + 1);
      target = text_of (doc, xpath);
      g_assert_cmpstr (target, ==, bantin_article_get_title (entry->article));
    }
  g_assert_cmpstr (g_ptr_array_index (headlines, 2), ==, "<script>alert(1)</script> & “Tiêu đề” 'lạ'");

  /* Text that looks like markup stays text. */
  g_assert_cmpint (count (doc, "//b[text()='đậm']"), ==, 1);
  g_assert_nonnull (strstr (html, "&lt;không phải thẻ&gt;"));

  xmlFreeDoc (doc);

  /* Written to a file, the same document. */
  {
    g_autofree char *path = g_build_filename (fx->dir, "ban-tin.html", NULL);

    file = g_file_new_for_path (path);
    g_assert_true (bantin_report_write_html (report, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &written, NULL, &error));
    g_assert_cmpstr (written, ==, html);
  }
}

static void
test_pick_content (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(BantinArticle) plain = NULL;
  g_autoptr(GHashTable) images = NULL;
  const char *urls[] = { PHOTO_URL, MISSING_URL, NULL };
  const char *cached[] = { PHOTO_URL, "photo.png", NULL };
  gboolean is_full = FALSE;
  gint64 id, plain_id;

  id = add_article (fx, fx->gov_feed, "a", "Tin A",
                    "<p>Tóm tắt.</p>", NULL, 1530606600);
  save_offline (fx, id, "<p>Toàn bộ bài viết, dài hơn nhiều so với bản tóm tắt.</p>", urls, cached);
  plain_id = add_article (fx, fx->gov_feed, "b", "Tin B",
                          "<p>Chỉ có nội dung từ nguồn tin.</p>", NULL, 1530606600);

  article = bantin_store_get_article (fx->store, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (bantin_report_full_is_better (article));
  g_assert_cmpstr (bantin_report_pick_content (article, TRUE, &is_full), ==,
                   "<p>Toàn bộ bài viết, dài hơn nhiều so với bản tóm tắt.</p>");
  g_assert_true (is_full);
  g_assert_cmpstr (bantin_report_pick_content (article, FALSE, &is_full), ==, "<p>Tóm tắt.</p>");
  g_assert_false (is_full);

  plain = bantin_store_get_article (fx->store, plain_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (bantin_report_full_is_better (plain));
  g_assert_cmpstr (bantin_report_pick_content (plain, TRUE, &is_full), ==, "<p>Chỉ có nội dung từ nguồn tin.</p>");
  g_assert_false (is_full);

  /* Only the cached image has a file. */
  images = bantin_report_load_images (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (images), ==, 1);
  g_assert_true (g_file_test (g_hash_table_lookup (images, PHOTO_URL), G_FILE_TEST_IS_REGULAR));
  g_assert_null (g_hash_table_lookup (images, MISSING_URL));
}

static void
test_empty_and_missing (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinReport) report = NULL;
  g_autofree char *html = NULL;
  gint64 ids[] = { 999999, 0 };
  htmlDocPtr doc;

  ids[1] = add_article (fx, fx->gov_feed, "only", "Tin duy nhất",
                        NULL, NULL, 1530606600);

  /* An id deleted meanwhile is skipped. */
  report = bantin_report_load (fx->store, ids, G_N_ELEMENTS (ids), "Kết quả tìm kiếm", "“hội nghị”", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->entries->len, ==, 1);

  html = bantin_report_to_html (report);
  doc = htmlReadMemory (html, (int) strlen (html), NULL, "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_cmpint (count (doc, "//article"), ==, 1);
  g_assert_cmpint (count (doc, "//p[@class='subtitle' and text()='“hội nghị”']"), ==, 1);
  g_assert_cmpint (count (doc, "//img"), ==, 0);
  xmlFreeDoc (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/report/html-export", Fixture, NULL, fixture_setup, test_html_export, fixture_teardown);
  g_test_add ("/report/pick-content", Fixture, NULL, fixture_setup, test_pick_content, fixture_teardown);
  g_test_add ("/report/empty-and-missing", Fixture, NULL, fixture_setup, test_empty_and_missing, fixture_teardown);

  return g_test_run ();
}
