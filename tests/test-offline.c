/* test-offline.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Offline completeness: after one sync, every article reads in full with
 * its photos and no network. The feed gives summaries that link to article
 * pages in the style of Vietnamese news sites (lazy-loaded photos, srcset,
 * og:image, "Ảnh: …" captions), served with their photos by the test
 * server, which is then stopped. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bantin-core.h"
#include "bantin-store-private.h"
#include "bantin-test-server.h"

/* Small enough that anh-lon.jpg (68 KB) is refused, large enough for the
 * others (under 2 KB). */
#define TEST_MAX_IMAGE_SIZE (20 * 1024)

typedef struct
{
  char             *data_dir;
  char             *db_path;
  BantinTestServer *server;
  BantinStore      *store;
  BantinSyncEngine *engine;
  gint64            feed_id;
  char             *base;       /* The server's URI, kept after it stops. */
} Fixture;

static char *
read_data_file (const char *name,
                gsize      *out_len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "offline", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_len, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
make_feed (BantinTestServer *server,
           gboolean          with_second_page_item)
{
  const char *base = bantin_test_server_get_uri (server);
  g_autoptr(GString) feed = g_string_new (NULL);
  g_autoptr(GString) long_text = g_string_new (NULL);

  for (guint i = 0; i < 8; i++)
    g_string_append (long_text,
                     "&lt;p&gt;Hội đồng nhân dân tỉnh khóa XVII đã thông qua nghị quyết về "
                     "chính sách hỗ trợ người có công, hộ nghèo và đồng bào vùng cao trong "
                     "năm 2025, với tổng kinh phí dự kiến hơn 120 tỷ đồng.&lt;/p&gt;");

  g_string_append_printf (feed,
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
    "<channel><title>Tin Sáng</title><link>%s/</link>\n"
    "<item><title>Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 5</title>"
    "<link>%s/tin/hop-ubnd.html</link><guid>hop-ubnd</guid>"
    "<pubDate>Mon, 03 Jun 2024 08:30:00 +0700</pubDate>"
    "<enclosure url=\"%s/anh/hop-ubnd.jpg\" type=\"image/jpeg\" length=\"387\"/>"
    "<description>Sáng 3/6, UBND tỉnh họp phiên thường kỳ tháng 5…</description></item>\n"
    "<item><title>Hơn 300.000 học sinh dự lễ khai giảng năm học mới</title>"
    "<link>%s/tin/khai-giang.html</link><guid>khai-giang</guid>"
    "<pubDate>Thu, 05 Sep 2024 09:00:00 +0700</pubDate>"
    "<description>Sáng 5/9, học sinh toàn tỉnh dự lễ khai giảng. Xem tiếp</description></item>\n"
    "<item><title>Khánh thành cầu mới nối hai bờ sông Lam Giang</title>"
    "<link>%s/tin/cau-moi.html</link><guid>cau-moi</guid>"
    "<pubDate>Sat, 12 Oct 2024 15:00:00 +0700</pubDate>"
    "<description>Chiều 12/10, tỉnh khánh thành cầu Lam Giang 2.</description></item>\n"
    "<item><title>Bài đã gỡ</title>"
    "<link>%s/tin/da-go.html</link><guid>da-go</guid>"
    "<pubDate>Sun, 13 Oct 2024 10:00:00 +0700</pubDate>"
    "<description>Tóm tắt của một bài không còn trên trang.</description></item>\n"
    "<item><title>Hội đồng nhân dân tỉnh thông qua chính sách hỗ trợ</title>"
    "<link>%s/tin/day-du.html</link><guid>day-du</guid>"
    "<pubDate>Mon, 14 Oct 2024 10:00:00 +0700</pubDate>"
    "<content:encoded>%s&lt;p&gt;&lt;img src=\"%s/anh/logo-chung.png\" alt=\"Biểu trưng\" "
    "width=\"32\" height=\"32\"&gt;&lt;/p&gt;</content:encoded></item>\n",
    base, base, base, base, base, base, base, long_text->str, base);

  if (with_second_page_item)
    g_string_append_printf (feed,
      "<item><title>Khai giảng (đăng lại)</title>"
      "<link>%s/tin/khai-giang.html</link><guid>khai-giang-2</guid>"
      "<pubDate>Tue, 15 Oct 2024 10:00:00 +0700</pubDate>"
      "<description>Bài đăng lại, cùng ảnh.</description></item>\n",
      base);

  g_string_append (feed, "</channel></rss>\n");
  return g_string_free (g_steal_pointer (&feed), FALSE);
}

static void
serve_feed (Fixture  *f,
            gboolean  with_second_page_item)
{
  g_autofree char *feed = make_feed (f->server, with_second_page_item);

  bantin_test_server_serve_bytes (f->server, "/feed.xml", 200, "application/rss+xml", feed, -1);
}

static void
serve_site (Fixture *f)
{
  static const char * const pages[][2] = {
    { "/tin/hop-ubnd.html", "offline/bai-hop-ubnd.html" },
    { "/tin/khai-giang.html", "offline/bai-khai-giang.html" },
    { "/tin/cau-moi.html", "offline/bai-cau-moi.html" },
  };
  static const char * const images[] = {
    "hop-ubnd.jpg", "le-khai-giang.jpg", "logo-chung.png", "og-cau-moi.jpg", "anh-lon.jpg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    bantin_test_server_serve_file (f->server, pages[i][0], pages[i][1], "text/html; charset=utf-8");

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      g_autofree char *path = g_strconcat ("/anh/", images[i], NULL);
      g_autofree char *file = g_strconcat ("offline/", images[i], NULL);

      bantin_test_server_serve_file (f->server, path, file,
                                     g_str_has_suffix (file, ".png") ? "image/png" : "image/jpeg");
    }

  serve_feed (f, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *feed_url = NULL;

  f->data_dir = g_build_filename (g_get_user_data_dir (), "bantin", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->data_dir, 0700), ==, 0);
  f->db_path = g_build_filename (f->data_dir, "bantin.db", NULL);
  f->server = bantin_test_server_new ();
  f->base = g_strdup (bantin_test_server_get_uri (f->server));
  serve_site (f);

  f->store = bantin_store_open (f->db_path, &error);
  g_assert_no_error (error);
  feed_url = bantin_test_server_url (f->server, "/feed.xml");
  f->feed_id = bantin_store_add_feed (f->store, feed_url, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The test environment turns offline content off by default. */
  f->engine = bantin_sync_engine_new (f->db_path);
  g_assert_false (bantin_sync_engine_get_fetch_full_articles (f->engine));
  g_object_set (f->engine, "fetch-full-articles", TRUE, "download-images", TRUE, NULL);
  bantin_sync_engine_set_image_limits (f->engine, TEST_MAX_IMAGE_SIZE, 0);
}

static void
stop_server (Fixture *f)
{
  g_clear_pointer (&f->server, bantin_test_server_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_false (bantin_sync_engine_get_busy (f->engine));
  g_object_add_weak_pointer (G_OBJECT (f->engine), (gpointer *) &f->engine);
  g_object_unref (f->engine);
  while (f->engine != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (f->engine);
  g_clear_object (&f->store);
  stop_server (f);
  g_free (f->db_path);
  g_free (f->data_dir);
  g_free (f->base);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static BantinSyncReport *
sync_all (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BantinSyncReport *report;

  bantin_sync_engine_sync_async (f->engine, NULL, 0, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  report = bantin_sync_engine_sync_finish (f->engine, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_failed, ==, 0);
  return report;
}

static gint64
article_id (Fixture    *f,
            const char *guid)
{
  g_autoptr(BantinStmt) stmt = _bantin_store_prepare (f->store, "SELECT id FROM articles WHERE guid = ?", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
query_number (Fixture    *f,
              const char *sql)
{
  g_autoptr(BantinStmt) stmt = _bantin_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The cached file of @url must hold exactly the bytes of the fixture. */
static void
assert_cached (Fixture    *f,
               const char *name)
{
  g_autofree char *url = g_strconcat (f->base, "/anh/", name, NULL);
  g_autofree char *path = bantin_store_dup_image_path (f->store, url);
  g_autofree char *expected = NULL;
  g_autofree char *cached = NULL;
  g_autoptr(GError) error = NULL;
  gsize expected_len, cached_len;

  g_assert_nonnull (path);
  expected = read_data_file (name, &expected_len);
  g_file_get_contents (path, &cached, &cached_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (cached, cached_len, expected, expected_len);
}

static void
assert_not_cached (Fixture    *f,
                   const char *name)
{
  g_autofree char *url = g_strconcat (f->base, "/anh/", name, NULL);
  g_autofree char *path = bantin_store_dup_image_path (f->store, url);

  g_assert_null (path);
}

/* The images of an article, as "name:cached" in order, e.g.
 * "hop-ubnd.jpg:1 logo-chung.png:0". */
static char *
describe_images (Fixture *f,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = bantin_store_list_article_images (f->store, id, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < images->len; i++)
    {
      BantinArticleImage *image = g_ptr_array_index (images, i);
      const char *name = strrchr (image->url, '/') + 1;

      g_assert_true (g_str_has_prefix (image->url, f->base));
      g_assert_true ((image->path != NULL) == (image->bytes > 0));
      if (image->path != NULL)
        g_assert_true (g_file_test (image->path, G_FILE_TEST_IS_REGULAR));
      g_string_append_printf (out, "%s%s:%d", i > 0 ? " " : "", name, image->path != NULL);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static BantinArticle *
get_article (Fixture    *f,
             const char *guid)
{
  g_autoptr(GError) error = NULL;
  BantinArticle *article = bantin_store_get_article (f->store, article_id (f, guid), TRUE, &error);

  g_assert_no_error (error);
  return article;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_files (child);
      else
        n++;
    }

  return n;
}

static guint
page_requests (Fixture    *f,
               const char *path)
{
  return bantin_test_server_get_request_count (f->server, path);
}

/* One sync, then no network: every article reads in full, with every
 * photo from the cache. */
static void
test_offline_proof (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinArticle) hop = NULL;
  g_autoptr(BantinArticle) khai = NULL;
  g_autoptr(BantinArticle) cau = NULL;
  g_autoptr(BantinArticle) go = NULL;
  g_autoptr(BantinArticle) day_du = NULL;
  g_autofree char *images = NULL;
  g_autofree char *image_dir = NULL;
  g_autofree char *expected_dir = NULL;

  report = sync_all (f);
  g_assert_cmpuint (report->new_articles, ==, 5);
  g_assert_cmpuint (report->pages_fetched, ==, 3);
  g_assert_cmpuint (report->pages_failed, ==, 1);
  /* hop-ubnd, le-khai-giang, og-cau-moi, logo-chung; anh-lon is refused. */
  g_assert_cmpuint (report->images_saved, ==, 4);
  g_assert_cmpuint (report->images_failed, ==, 1);

  /* Each page once; the article whose feed has it all, never. */
  g_assert_cmpuint (page_requests (f, "/tin/hop-ubnd.html"), ==, 1);
  g_assert_cmpuint (page_requests (f, "/tin/khai-giang.html"), ==, 1);
  g_assert_cmpuint (page_requests (f, "/tin/cau-moi.html"), ==, 1);
  g_assert_cmpuint (page_requests (f, "/tin/da-go.html"), ==, 1);
  g_assert_cmpuint (page_requests (f, "/tin/day-du.html"), ==, 0);
  /* The shared image, and the one in a feed and its page, once. */
  g_assert_cmpuint (page_requests (f, "/anh/logo-chung.png"), ==, 1);
  g_assert_cmpuint (page_requests (f, "/anh/hop-ubnd.jpg"), ==, 1);

  stop_server (f);

  hop = get_article (f, "hop-ubnd");
  g_assert_nonnull (strstr (bantin_article_get_full_content (hop), "giải ngân được 31,5% kế hoạch vốn năm"));
  g_assert_nonnull (strstr (bantin_article_get_full_content (hop), "Ảnh: Minh Châu"));
  g_assert_null (strstr (bantin_article_get_full_content (hop), "Mưa lớn ở các huyện vùng cao"));
  /* The feed's own text stays, for the reader to switch to. */
  g_assert_nonnull (strstr (bantin_article_get_content (hop), "UBND tỉnh họp phiên thường kỳ"));
  images = describe_images (f, bantin_article_get_id (hop));
  g_assert_cmpstr (images, ==, "hop-ubnd.jpg:1");
  g_clear_pointer (&images, g_free);

  khai = get_article (f, "khai-giang");
  g_assert_nonnull (strstr (bantin_article_get_full_content (khai), "hơn 25.000 học sinh"));
  g_assert_nonnull (strstr (bantin_article_get_full_content (khai), "Ảnh: Thu Hà"));
  images = describe_images (f, bantin_article_get_id (khai));
  g_assert_cmpstr (images, ==, "og-cau-moi.jpg:1 le-khai-giang.jpg:1 logo-chung.png:1");
  g_clear_pointer (&images, g_free);

  /* A photo over the cap is not kept; the article is whole anyway. */
  cau = get_article (f, "cau-moi");
  g_assert_nonnull (strstr (bantin_article_get_full_content (cau), "rút ngắn quãng đường"));
  images = describe_images (f, bantin_article_get_id (cau));
  g_assert_cmpstr (images, ==, "anh-lon.jpg:0 hop-ubnd.jpg:1");
  g_clear_pointer (&images, g_free);
  assert_not_cached (f, "anh-lon.jpg");

  /* A page that is gone: recorded, and the feed's text is what shows. */
  go = get_article (f, "da-go");
  g_assert_null (bantin_article_get_full_content (go));
  g_assert_nonnull (strstr (bantin_article_get_content (go), "Tóm tắt của một bài"));
  g_assert_cmpint (query_number (f, "SELECT status FROM article_pages p JOIN articles a"
                                    " ON a.id = p.article_id WHERE a.guid = 'da-go'"), ==, 404);

  day_du = get_article (f, "day-du");
  g_assert_null (bantin_article_get_full_content (day_du));
  images = describe_images (f, bantin_article_get_id (day_du));
  g_assert_cmpstr (images, ==, "logo-chung.png:1");

  assert_cached (f, "hop-ubnd.jpg");
  assert_cached (f, "le-khai-giang.jpg");
  assert_cached (f, "logo-chung.png");
  assert_cached (f, "og-cau-moi.jpg");

  /* Shared images are stored once. */
  image_dir = bantin_store_dup_image_dir (f->store);
  expected_dir = g_build_filename (f->data_dir, "images", NULL);
  g_assert_cmpstr (image_dir, ==, expected_dir);
  g_assert_cmpuint (count_files (image_dir), ==, 4);
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM images"), ==, 5);

  /* Search finds words only the page has. */
  {
    BantinArticleQuery query = { 0, };
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) ids = NULL;

    query.search = "giai ngan chi tiet";
    ids = bantin_store_query_ids (f->store, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, bantin_article_get_id (hop));
  }

  /* Nothing is owed any more. */
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM article_pages WHERE state < 2"), ==, 0);
}

/* A second sync fetches no page and no image again, not even the page
 * that failed for good; a new article whose page and images are known
 * costs one request for its page and none for its images. */
static void
test_resync (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinSyncReport) third = NULL;
  g_autofree char *images = NULL;

  bantin_sync_report_free (sync_all (f));
  bantin_test_server_reset_counts (f->server);
  second = sync_all (f);
  g_assert_cmpuint (second->new_articles, ==, 0);
  g_assert_cmpuint (second->pages_fetched + second->pages_failed, ==, 0);
  g_assert_cmpuint (second->images_saved + second->images_failed, ==, 0);
  g_assert_cmpuint (page_requests (f, "/feed.xml"), ==, 1);
  g_assert_cmpuint (page_requests (f, NULL), ==, 1);

  serve_feed (f, TRUE);
  bantin_test_server_reset_counts (f->server);
  third = sync_all (f);
  g_assert_cmpuint (third->new_articles, ==, 1);
  g_assert_cmpuint (third->pages_fetched, ==, 1);
  g_assert_cmpuint (page_requests (f, "/tin/khai-giang.html"), ==, 1);
  g_assert_cmpuint (page_requests (f, "/tin/da-go.html"), ==, 0);
  g_assert_cmpuint (page_requests (f, NULL), ==, 2);

  stop_server (f);
  images = describe_images (f, article_id (f, "khai-giang-2"));
  g_assert_cmpstr (images, ==, "og-cau-moi.jpg:1 le-khai-giang.jpg:1 logo-chung.png:1");
}

/* A server that fails for a while: the page is tried again in the next
 * sync, up to a limit, and never more. */
static void
test_page_retry (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BantinArticle) article = NULL;

  bantin_test_server_serve_status (f->server, "/tin/cau-moi.html", 500);

  for (guint i = 0; i < BANTIN_STORE_MAX_PAGE_TRIES + 2; i++)
    bantin_sync_report_free (sync_all (f));
  g_assert_cmpuint (page_requests (f, "/tin/cau-moi.html"), ==, BANTIN_STORE_MAX_PAGE_TRIES);
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM article_pages WHERE state < 2"), ==, 0);

  article = get_article (f, "cau-moi");
  g_assert_null (bantin_article_get_full_content (article));
  g_assert_nonnull (strstr (bantin_article_get_content (article), "Lam Giang 2"));
}

/* A server that asks us to wait is not asked again in the same sync; what
 * it owes comes with the next one. */
static void
test_back_off (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BantinSyncReport) first = NULL;
  g_autoptr(BantinSyncReport) second = NULL;
  g_autoptr(BantinArticle) article = NULL;

  bantin_sync_engine_set_max_per_host (f->engine, 1);
  bantin_test_server_serve_status (f->server, "/tin/hop-ubnd.html", 503);
  bantin_test_server_serve_status (f->server, "/tin/khai-giang.html", 503);
  bantin_test_server_serve_status (f->server, "/tin/cau-moi.html", 503);
  bantin_test_server_serve_status (f->server, "/tin/da-go.html", 503);

  first = sync_all (f);
  g_assert_cmpuint (page_requests (f, "/tin/hop-ubnd.html") + page_requests (f, "/tin/khai-giang.html") +
                    page_requests (f, "/tin/cau-moi.html") + page_requests (f, "/tin/da-go.html"), ==, 1);
  g_assert_cmpuint (first->pages_fetched, ==, 0);

  serve_site (f);
  bantin_test_server_remove_route (f->server, "/tin/da-go.html");
  second = sync_all (f);
  g_assert_cmpuint (second->pages_fetched, ==, 3);

  article = get_article (f, "hop-ubnd");
  g_assert_nonnull (bantin_article_get_full_content (article));
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM article_pages WHERE state < 2"), ==, 0);
}

/* With both settings off a sync fetches the feeds and nothing else, and
 * the articles stay owed for when they are turned on. */
static void
test_disabled (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(BantinSyncReport) later = NULL;

  g_object_set (f->engine, "fetch-full-articles", FALSE, "download-images", FALSE, NULL);
  report = sync_all (f);
  g_assert_cmpuint (report->new_articles, ==, 5);
  g_assert_cmpuint (page_requests (f, NULL), ==, 1);
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM article_pages WHERE state = 0"), ==, 5);

  /* Pages only: the articles are then owed nothing. */
  bantin_sync_engine_set_fetch_full_articles (f->engine, TRUE);
  later = sync_all (f);
  g_assert_cmpuint (later->pages_fetched, ==, 3);
  g_assert_cmpuint (later->images_saved, ==, 0);
  g_assert_cmpuint (page_requests (f, "/anh/hop-ubnd.jpg"), ==, 0);
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM article_pages WHERE state < 2"), ==, 0);
}

static gboolean
file_exists_for (Fixture    *f,
                 const char *name)
{
  g_autofree char *expected = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *image_dir = bantin_store_dup_image_dir (f->store);
  g_autofree char *path = NULL;
  gsize len;

  expected = read_data_file (name, &len);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) expected, len);
  path = g_build_filename (image_dir, (char[]) { hash[0], hash[1], '\0' }, hash, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* An item without a link of its own: the feed's HTML is stored as sent,
 * and its relative image resolves against the feed's address, as when
 * the view shows it, so the picture is saved and found. */
static void
test_relative_image_without_link (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinSyncReport) report = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(BantinArticle) article = NULL;
  g_autofree char *expected_url = g_strconcat (f->base, "/anh/le-khai-giang.jpg", NULL);
  gint64 article_id;

  bantin_test_server_serve_bytes (f->server, "/feed.xml", 200, "application/rss+xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\"><channel><title>Không liên kết</title>\n"
    "<item><title>Lễ khai giảng</title><guid isPermaLink=\"false\">khong-link</guid>"
    "<pubDate>Tue, 15 Oct 2024 08:00:00 +0700</pubDate>"
    "<description><![CDATA[<p>Học sinh dự lễ.</p><img src=\"anh/le-khai-giang.jpg\" alt=\"Lễ\">]]>"
    "</description></item>\n"
    "</channel></rss>\n", -1);

  report = sync_all (f);
  g_assert_cmpuint (report->new_articles, ==, 1);
  g_assert_cmpuint (report->images_saved, ==, 1);
  g_assert_cmpuint (page_requests (f, "/anh/le-khai-giang.jpg"), ==, 1);

  article_id = query_number (f, "SELECT id FROM articles WHERE guid = 'khong-link'");
  images = bantin_store_list_article_images (f->store, article_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, 1);

  article = bantin_store_get_article (f->store, article_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (bantin_article_get_content (article), expected_url));
  g_assert_true (file_exists_for (f, "le-khai-giang.jpg"));
}

/* Retention deletes old unstarred articles and the images only they
 * showed, files included, and keeps starred ones with theirs. */
static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = sync_all (f);
  BantinCleanupStats stats = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 cau = article_id (f, "cau-moi");
  gint64 khai = article_id (f, "khai-giang");
  guint64 size_before, size_after;
  g_autofree char *sql = NULL;

  stop_server (f);
  g_assert_cmpuint (report->images_saved, ==, 4);

  /* Everything is old (2024) but one article, made recent; khai-giang is
   * starred. */
  sql = g_strdup_printf ("UPDATE articles SET published = %" G_GINT64_FORMAT " WHERE guid = 'day-du'",
                         now - 3600);
  g_assert_true (_bantin_store_exec (f->store, sql, NULL));
  g_assert_true (bantin_store_set_starred (f->store, &khai, 1, TRUE, &error));
  g_assert_no_error (error);

  size_before = bantin_store_get_cache_size (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (file_exists_for (f, "hop-ubnd.jpg"));

  g_assert_true (bantin_store_cleanup (f->store, 30, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.articles_removed, ==, 3);
  /* hop-ubnd.jpg and anh-lon.jpg (never saved); og, le-khai-giang and
   * logo stay with the starred article and the recent one. */
  g_assert_cmpuint (stats.images_removed, ==, 2);
  g_assert_cmpuint (stats.bytes_freed, ==, 387);

  g_assert_false (file_exists_for (f, "hop-ubnd.jpg"));
  g_assert_true (file_exists_for (f, "le-khai-giang.jpg"));
  g_assert_true (file_exists_for (f, "logo-chung.png"));
  assert_not_cached (f, "hop-ubnd.jpg");
  assert_cached (f, "og-cau-moi.jpg");

  {
    g_autoptr(BantinArticle) gone = bantin_store_get_article (f->store, cau, TRUE, &error);

    g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND);
    g_assert_null (gone);
    g_clear_error (&error);
  }
  {
    g_autoptr(BantinArticle) kept = bantin_store_get_article (f->store, khai, TRUE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (bantin_article_get_full_content (kept));
  }
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM article_pages"), ==, 2);
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM search_text"), ==, 2);

  size_after = bantin_store_get_cache_size (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size_after, >, 0);
  g_assert_cmpuint (size_after, <=, size_before);

  /* Unsubscribing takes the rest, files included. */
  g_assert_true (bantin_store_remove_feed (f->store, f->feed_id, &error));
  g_assert_no_error (error);
  g_assert_false (file_exists_for (f, "le-khai-giang.jpg"));
  g_assert_false (file_exists_for (f, "logo-chung.png"));
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM images"), ==, 0);
}

/* VACUUM runs when more than a tenth of the file is free pages, not
 * otherwise. */
static void
test_vacuum (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BantinSyncReport) report = sync_all (f);
  BantinCleanupStats stats = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *sql = NULL;

  stop_server (f);
  g_assert_cmpuint (report->new_articles, ==, 5);

  g_assert_true (bantin_store_cleanup (f->store, 0, &stats, &error));
  g_assert_no_error (error);
  g_assert_false (stats.vacuumed);
  g_assert_cmpuint (stats.articles_removed, ==, 0);

  /* 2 MB of old articles, then retention deletes them. */
  filler = g_strnfill (20000, 'x');
  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("INSERT INTO articles (feed_id, guid, content, published, local_day,"
                             " sort_key, fetched, hash) VALUES (%" G_GINT64_FORMAT ", 'old%u', '%s',"
                             " 1000 + %u, 19700101, (1000 + %u) * 1048576, 1, 0)",
                             f->feed_id, i, filler, i, i);
      g_assert_true (_bantin_store_exec (f->store, sql, &error));
      g_assert_no_error (error);
    }

  memset (&stats, 0, sizeof stats);
  g_assert_true (bantin_store_cleanup (f->store, 365 * 50, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.articles_removed, ==, 100);
  g_assert_true (stats.vacuumed);
  g_assert_cmpint (query_number (f, "PRAGMA freelist_count"), ==, 0);
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM articles"), ==, 5);
}

/* Runs the real bantin on the fixture's data folder, with the offline
 * content on as the settings have it by default. */
static int
run_bantin (Fixture     *f,
            char       **out_stdout,
            const char  *first_arg,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *bin = g_getenv ("BANTIN_BIN");
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup_printf ("--data-dir=%s", f->data_dir));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "BANTIN_OFFLINE_CONTENT");
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("bantin %s -> stdout:\n%s\nstderr:\n%s", first_arg, out, err);
  g_assert_null (strstr (err, "WARNING"));
  g_assert_null (strstr (err, "CRITICAL"));

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* The command line: a sync saves pages and images as the settings say,
 * "show --json" gives them, "cleanup" applies the retention. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected_url = NULL;
  JsonObject *object;
  JsonArray *images;

  g_assert_cmpint (run_bantin (f, &out, "sync", NULL), ==, 0);
  /* The command line keeps the default cap (5 MiB): anh-lon.jpg too. */
  g_assert_nonnull (strstr (out, "3 full articles, 5 images"));
  g_assert_cmpuint (page_requests (f, "/tin/hop-ubnd.html"), ==, 1);
  stop_server (f);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, article_id (f, "khai-giang"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_bantin (f, &out, "show", id, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "full_content"), "hơn 25.000 học sinh"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "content"), "Xem tiếp"));
  images = json_object_get_array_member (object, "images");
  g_assert_cmpuint (json_array_get_length (images), ==, 3);
  expected_url = g_strconcat (f->base, "/anh/le-khai-giang.jpg", NULL);
  object = json_array_get_object_element (images, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, expected_url);
  g_assert_true (json_object_get_boolean_member (object, "cached"));
  g_assert_cmpint (json_object_get_int_member (object, "bytes"), ==, 1436);

  /* The article without a page: full_content is null. */
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&out, g_free);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, article_id (f, "da-go"));
  g_assert_cmpint (run_bantin (f, &out, "show", id, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (object, "full_content"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "images")), ==, 0);

  /* The human form prefers the full text and lists the images. */
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&out, g_free);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, article_id (f, "cau-moi"));
  g_assert_cmpint (run_bantin (f, &out, "show", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Người dân xã Hòa Bình"));
  g_assert_nonnull (strstr (out, "Images:\n"));
  g_assert_nonnull (strstr (out, "/anh/hop-ubnd.jpg (387 bytes, saved in "));
  g_assert_nonnull (strstr (out, "/anh/anh-lon.jpg ("));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_bantin (f, &out, "cleanup", "--older-than=30", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Removed 5 articles and 5 images"));
  g_assert_nonnull (strstr (out, "the cache takes"));
  g_assert_cmpint (query_number (f, "SELECT count(*) FROM articles"), ==, 0);
  g_assert_false (file_exists_for (f, "logo-chung.png"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_bantin (f, &out, "cleanup", "--older-than=-3", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/offline/proof", test_offline_proof);
  ADD ("/offline/resync", test_resync);
  ADD ("/offline/page-retry", test_page_retry);
  ADD ("/offline/back-off", test_back_off);
  ADD ("/offline/disabled", test_disabled);
  ADD ("/offline/retention", test_retention);
  ADD ("/offline/vacuum", test_vacuum);
  ADD ("/offline/cli", test_cli);
  ADD ("/offline/relative-image-without-link", test_relative_image_without_link);

#undef ADD

  return g_test_run ();
}
