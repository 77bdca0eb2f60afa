/* test-feed-parser.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "bantin-feed-parser.h"
#include "bantin-xml-lift-private.h"

static GBytes *
load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "feeds", name, NULL),
                       &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static BantinParsedFeed *
parse_bytes (GBytes      *bytes,
             const char  *content_type,
             const char  *base_url,
             GError     **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return bantin_feed_parser_parse (data, len, content_type, base_url, error);
}

static BantinParsedFeed *
parse_fixture (const char *name,
               const char *base_url)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *feed = parse_bytes (bytes, NULL, base_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static BantinParsedFeed *
parse_string (const char  *text,
              const char  *base_url,
              GError     **error)
{
  return bantin_feed_parser_parse ((const guint8 *) text, strlen (text), NULL, base_url, error);
}

static BantinParsedItem *
item_at (BantinParsedFeed *feed,
         guint             i)
{
  g_assert_cmpuint (i, <, feed->items->len);
  return g_ptr_array_index (feed->items, i);
}

static const char *
string_at (GPtrArray *array,
           guint      i)
{
  g_assert_cmpuint (i, <, array->len);
  return g_ptr_array_index (array, i);
}

static char *
sha1_guid (const char *title,
           const char *body)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);

  if (title != NULL)
    g_checksum_update (checksum, (const guchar *) title, -1);
  if (body != NULL)
    g_checksum_update (checksum, (const guchar *) body, -1);

  return g_strconcat ("sha1:", g_checksum_get_string (checksum), NULL);
}

/* Every string in every item is valid UTF-8 in NFC. */
static void
assert_clean_strings (BantinParsedFeed *feed)
{
  guint i;

  for (i = 0; i < feed->items->len; i++)
    {
      BantinParsedItem *item = item_at (feed, i);
      const char *fields[] = { item->guid, item->link, item->title, item->author,
                               item->summary, item->content, item->image_url };
      gsize j;

      g_assert_nonnull (item->guid);
      for (j = 0; j < G_N_ELEMENTS (fields); j++)
        if (fields[j] != NULL)
          {
            g_autofree char *nfc = g_utf8_normalize (fields[j], -1, G_NORMALIZE_NFC);

            g_assert_true (g_utf8_validate (fields[j], -1, NULL));
            g_assert_cmpstr (fields[j], ==, nfc);
          }
    }
}

static void
test_rss2 (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("rss2-full.xml", "http://muongla.example.vn/rss/tin-moi.xml");
  BantinParsedItem *item;
  g_autofree char *hash = NULL;

  g_assert_cmpint (feed->format, ==, BANTIN_FEED_FORMAT_RSS);
  g_assert_cmpstr (feed->title, ==, "Cổng thông tin Huyện Mường La");
  g_assert_cmpstr (feed->site_url, ==, "http://muongla.example.vn/");
  g_assert_cmpstr (feed->description, ==, "Tin tức, sự kiện & văn bản chỉ đạo của UBND huyện");
  g_assert_cmpuint (feed->items->len, ==, 4);
  assert_clean_strings (feed);

  /* content:encoded, dc:*, media:group, enclosure, CDATA, relative links. */
  item = item_at (feed, 0);
  g_assert_cmpstr (item->guid, ==, "muongla-tin-1001");
  g_assert_cmpstr (item->link, ==, "http://muongla.example.vn/tin-tuc/hoi-nghi-nam-hoc-moi.html");
  g_assert_cmpstr (item->title, ==, "Hội nghị triển khai nhiệm vụ năm học mới");
  g_assert_cmpstr (item->author, ==, "Lò Văn Thắng");
  g_assert_cmpstr (item->summary, ==, "<p>Sáng nay, Phòng <b>Giáo dục</b> huyện tổ chức hội nghị.</p>");
  g_assert_cmpstr (item->content, ==,
                   "<p>Sáng nay, Phòng <b>Giáo dục và Đào tạo</b> huyện tổ chức hội nghị triển khai "
                   "nhiệm vụ năm học mới.</p><p>Hơn 120 đại biểu tham dự.</p>");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530552600));
  g_assert_cmpint (item->updated, ==, 0);
  g_assert_cmpstr (item->image_url, ==, "http://muongla.example.vn/anh/hoi-nghi-nho.jpg");
  g_assert_cmpuint (item->enclosures->len, ==, 2);
  g_assert_cmpstr (string_at (item->enclosures, 0), ==, "http://muongla.example.vn/anh/hoi-nghi-lon.jpg");
  g_assert_cmpstr (string_at (item->enclosures, 1), ==, "http://muongla.example.vn/tep/bao-cao-tong-ket.pdf");
  g_assert_cmpuint (item->categories->len, ==, 2);
  g_assert_cmpstr (string_at (item->categories, 0), ==, "Giáo dục");
  g_assert_cmpstr (string_at (item->categories, 1), ==, "Thời sự");

  /* Escaped HTML in a title, double-escaped entities, author "email (name)",
   * dc:date, an image enclosure, no guid: the link stands in. */
  item = item_at (feed, 1);
  g_assert_cmpstr (item->title, ==, "Thông báo lịch tiếp công dân tháng 7 & tháng 8");
  g_assert_cmpstr (item->guid, ==, "https://muongla.example.vn/thong-bao/lich-tiep-cong-dan");
  g_assert_cmpstr (item->author, ==, "Văn phòng HĐND-UBND");
  g_assert_cmpstr (item->summary, ==, "Lịch tiếp công dân của Chủ tịch UBND huyện &quot;định kỳ&quot;.");
  g_assert_null (item->content);
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530579600));
  g_assert_cmpstr (item->image_url, ==, "http://muongla.example.vn/anh/lich.png");

  /* Neither guid nor link nor date. */
  item = item_at (feed, 2);
  g_assert_null (item->link);
  g_assert_cmpint (item->published, ==, 0);
  g_assert_cmpint (item->updated, ==, 0);
  hash = sha1_guid ("Tin ngắn không có đường dẫn", "Đường liên xã Chiềng Lao được thông xe trở lại.");
  g_assert_cmpstr (item->guid, ==, hash);
  g_assert_null (item->image_url);
  g_assert_cmpuint (item->enclosures->len, ==, 0);

  /* A permalink guid is the link; a bad date is no date; the image
   * media:content wins over the video. */
  item = item_at (feed, 3);
  g_assert_cmpstr (item->guid, ==, "https://muongla.example.vn/tin/permalink-guid");
  g_assert_cmpstr (item->link, ==, "https://muongla.example.vn/tin/permalink-guid");
  g_assert_cmpint (item->published, ==, 0);
  g_assert_cmpstr (item->image_url, ==, "https://muongla.example.vn/anh/le-hoi.jpg");
  g_assert_cmpuint (item->enclosures->len, ==, 2);
}

static void
test_rdf (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("rdf.xml", NULL);
  BantinParsedItem *item;

  g_assert_cmpint (feed->format, ==, BANTIN_FEED_FORMAT_RDF);
  g_assert_cmpstr (feed->title, ==, "Sở Tư pháp tỉnh Sơn La");
  g_assert_cmpstr (feed->site_url, ==, "http://sotuphap.example.vn/");
  g_assert_cmpstr (feed->description, ==, "Văn bản quy phạm pháp luật mới");
  g_assert_cmpuint (feed->items->len, ==, 2);
  assert_clean_strings (feed);

  item = item_at (feed, 0);
  g_assert_cmpstr (item->guid, ==, "http://sotuphap.example.vn/vb/123");
  g_assert_cmpstr (item->title, ==, "Quyết định về công tác phổ biến pháp luật");
  g_assert_cmpstr (item->author, ==, "Phòng Phổ biến pháp luật");
  g_assert_cmpstr (item->summary, ==, "Quyết định ban hành kế hoạch phổ biến, giáo dục pháp luật năm 2018.");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530497700));
  g_assert_cmpstr (string_at (item->categories, 0), ==, "Pháp luật");

  /* rdf:about names the item even when it is not a URL. */
  item = item_at (feed, 1);
  g_assert_cmpstr (item->guid, ==, "urn:sotuphap:vb:124");
  g_assert_cmpstr (item->link, ==, "http://sotuphap.example.vn/vb/124");
  g_assert_cmpstr (item->content, ==, "<p>Hướng dẫn <em>mới</em> về chứng thực.</p>");
  g_assert_cmpint (item->published, ==, 0);
}

static void
test_atom10 (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("atom10.xml", "http://other.example.org/feed.atom");
  BantinParsedItem *item;

  g_assert_cmpint (feed->format, ==, BANTIN_FEED_FORMAT_ATOM);
  /* A text construct is plain text: "<" stays. */
  g_assert_cmpstr (feed->title, ==, "Báo Điện Biên <điện tử>");
  g_assert_cmpstr (feed->description, ==, "Tin tổng hợp hằng ngày");
  /* rel=alternate of type text/html wins over self and JSON alternates,
   * and xml:base beats the document URL. */
  g_assert_cmpstr (feed->site_url, ==, "http://baodienbien.example.vn/tin/");
  g_assert_cmpuint (feed->items->len, ==, 2);
  assert_clean_strings (feed);

  item = item_at (feed, 0);
  g_assert_cmpstr (item->guid, ==, "tag:baodienbien.example.vn,2018:entry-1");
  g_assert_cmpstr (item->title, ==, "Khai mạc Lễ hội Hoa Ban 2018");
  /* Nested xml:base: the entry's "2018/07/" under the feed's base. */
  g_assert_cmpstr (item->link, ==, "http://baodienbien.example.vn/tin/2018/07/khai-mac-le-hoi-hoa-ban.html");
  g_assert_cmpstr (item->author, ==, "Quàng Thị Mai");
  g_assert_cmpstr (item->summary, ==, "<p>Tối 2/7, lễ hội &lt;mở màn&gt; tại quảng trường.</p>");
  /* XHTML content: the div's children, links resolved with the content's
   * own xml:base. */
  g_assert_cmpstr (item->content, ==,
                   "<p>Lễ hội Hoa Ban năm nay có <strong>nhiều hoạt động</strong> đặc sắc.</p>\n"
                   "        <p><a href=\"http://baodienbien.example.vn/tin/2018/07/noi-dung/chuong-trinh.html\">"
                   "Xem chương trình</a></p>");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530536400));
  g_assert_cmpint (item->updated, ==, G_GINT64_CONSTANT (1530579600));
  g_assert_cmpstr (item->image_url, ==, "http://baodienbien.example.vn/tin/2018/07/anh/hoa-ban.jpg");
  g_assert_cmpuint (item->enclosures->len, ==, 1);
  g_assert_cmpstr (string_at (item->categories, 0), ==, "Văn hóa");

  /* No published: updated stands in. No author: the feed's. */
  item = item_at (feed, 1);
  g_assert_cmpstr (item->link, ==, "http://baodienbien.example.vn/tin/thong-bao-nghi-le");
  g_assert_cmpstr (item->author, ==, "Ban Biên tập");
  g_assert_cmpstr (item->content, ==, "<p>Các cơ quan nghỉ lễ theo quy định.</p>");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530406800));
  g_assert_cmpint (item->updated, ==, G_GINT64_CONSTANT (1530406800));
  g_assert_null (item->image_url);
}

static void
test_atom03 (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("atom03.xml", NULL);
  BantinParsedItem *item;

  g_assert_cmpint (feed->format, ==, BANTIN_FEED_FORMAT_ATOM);
  g_assert_cmpstr (feed->title, ==, "Nhật ký Xã Tả Phìn");
  g_assert_cmpstr (feed->description, ==, "Ghi chép của cán bộ xã");
  g_assert_cmpstr (feed->site_url, ==, "http://taphin.example.vn/");
  g_assert_cmpuint (feed->items->len, ==, 3);
  assert_clean_strings (feed);

  item = item_at (feed, 0);
  g_assert_cmpstr (item->guid, ==, "tag:taphin.example.vn,2018:1");
  g_assert_cmpstr (item->link, ==, "http://taphin.example.vn/mua-lua-chin");
  g_assert_cmpstr (item->author, ==, "Cán bộ văn hóa xã");
  g_assert_cmpstr (item->summary, ==, "<p>Lúa đã chín vàng khắp các bản.</p>");
  g_assert_cmpstr (item->content, ==, "<p>Bà con <b>thu hoạch</b> sớm.</p>");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530403200));
  g_assert_cmpint (item->updated, ==, G_GINT64_CONSTANT (1530410400));

  /* mode="xml" and mode="base64". */
  g_assert_cmpstr (item_at (feed, 1)->content, ==, "<p>Chợ họp từ sáng sớm.</p>");
  g_assert_cmpstr (item_at (feed, 2)->content, ==, "<p>Trường học mới</p>");
  g_assert_cmpint (item_at (feed, 2)->published, ==, G_GINT64_CONSTANT (1530252000));
}

static void
test_json10 (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("jsonfeed10.json", "https://soyte.example.vn/feed.json");
  BantinParsedItem *item;

  g_assert_cmpint (feed->format, ==, BANTIN_FEED_FORMAT_JSON);
  g_assert_cmpstr (feed->title, ==, "Bản tin Sở Y tế");
  g_assert_cmpstr (feed->site_url, ==, "https://soyte.example.vn/");
  g_assert_cmpstr (feed->description, ==, "Thông tin y tế dự phòng");
  g_assert_cmpuint (feed->items->len, ==, 2);
  assert_clean_strings (feed);

  /* A numeric id (allowed in 1.0), a relative url and image. */
  item = item_at (feed, 0);
  g_assert_cmpstr (item->guid, ==, "2018001");
  g_assert_cmpstr (item->link, ==, "https://soyte.example.vn/tin/tiem-chung-mo-rong");
  g_assert_cmpstr (item->title, ==, "Tiêm chủng mở rộng đợt 2");
  g_assert_cmpstr (item->summary, ==, "Lịch tiêm chủng đợt 2 năm 2018");
  g_assert_cmpstr (item->content, ==, "<p>Trạm y tế các xã tổ chức <strong>tiêm chủng</strong>.</p>");
  g_assert_cmpstr (item->author, ==, "Phòng Truyền thông");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530493200));
  g_assert_cmpint (item->updated, ==, G_GINT64_CONSTANT (1530496800));
  g_assert_cmpstr (item->image_url, ==, "https://soyte.example.vn/anh/tiem-chung.jpg");
  g_assert_cmpuint (item->categories->len, ==, 2);
  g_assert_cmpstr (string_at (item->categories, 1), ==, "Tiêm chủng");

  /* content_text is escaped into paragraphs. */
  item = item_at (feed, 1);
  g_assert_cmpstr (item->guid, ==, "soyte-2");
  g_assert_null (item->link);
  g_assert_cmpstr (item->content, ==,
                   "<p>Người dân cần giữ vệ sinh &lt;nhà ở&gt; &amp; nguồn nước.</p>"
                   "<p>Đến trạm y tế khi có triệu chứng sốt.</p>");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530439200));
  g_assert_cmpstr (string_at (item->enclosures, 0), ==, "https://soyte.example.vn/tep/khuyen-cao.pdf");
  g_assert_null (item->image_url);
}

static void
test_json11 (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("jsonfeed11.json", NULL);
  BantinParsedItem *item;
  g_autofree char *hash = NULL;

  g_assert_cmpint (feed->format, ==, BANTIN_FEED_FORMAT_JSON);
  g_assert_cmpstr (feed->title, ==, "Đài Phát thanh huyện Sìn Hồ");
  g_assert_null (feed->description);
  g_assert_cmpuint (feed->items->len, ==, 2);

  item = item_at (feed, 0);
  g_assert_cmpstr (item->title, ==, "Chương trình phát thanh tiếng Mông");
  g_assert_cmpstr (item->author, ==, "Giàng A Páo");
  g_assert_cmpstr (item->image_url, ==, "https://sinho.example.vn/anh/banner.png");
  g_assert_cmpstr (string_at (item->enclosures, 0), ==, "https://sinho.example.vn/am-thanh/ban-tin.mp3");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530529200));

  /* Neither id nor url: a hash of title and content. Feed author applies. */
  item = item_at (feed, 1);
  hash = sha1_guid ("Bài không có id", "<p>Nội dung</p>");
  g_assert_cmpstr (item->guid, ==, hash);
  g_assert_cmpstr (item->author, ==, "Đài huyện");
  g_assert_cmpint (item->published, ==, 0);
}

static void
test_json_not_a_feed (void)
{
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *feed;

  feed = parse_string ("{\"version\": \"2\", \"items\": []}", NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED);
  g_clear_error (&error);

  feed = parse_string ("{\"version\": \"https://jsonfeed.org/version/1\", ", NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED);
}

static void
test_cdata_entities (void)
{
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\"><channel><title><![CDATA[Tin <i>nóng</i> &amp; mới]]></title>\n"
    "<item><title>Chào &#272;&#7843;ng b&#x1ED9; &quot;x&#227;&quot; &amp;amp; &lt;phường&gt;</title>\n"
    "<description><![CDATA[<p>A &amp; B</p>]]></description>\n"
    "<guid>  id-có-khoảng-trắng  </guid></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) feed = parse_string (xml, NULL, &error);
  BantinParsedItem *item;

  g_assert_no_error (error);
  /* CDATA with markup is HTML: tags stripped, entities decoded. */
  g_assert_cmpstr (feed->title, ==, "Tin nóng & mới");

  item = item_at (feed, 0);
  /* "<phường>" is not a tag (non-ASCII name) and survives as text. */
  g_assert_cmpstr (item->title, ==, "Chào Đảng bộ \"xã\" & <phường>");
  g_assert_cmpstr (item->summary, ==, "<p>A &amp; B</p>");
  g_assert_cmpstr (item->guid, ==, "id-có-khoảng-trắng");
}

static void
test_nfc_and_nul (void)
{
  /* A decomposed title ("Việt" in NFD) and a raw control character. */
  const char xml[] =
    "<rss version=\"2.0\"><channel><item><title>Vie\xcc\xa3\xcc\x82t\x01 Nam</title>"
    "<link>http://a.example.vn/1</link></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) feed = NULL;

  feed = bantin_feed_parser_parse ((const guint8 *) xml, sizeof xml - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item_at (feed, 0)->title, ==, "Việt Nam");
}

/* Character references are the one way a settled UTF-8 document (read
 * without a second check of its fields) can yield text to normalize. */
static void
test_char_reference_nfc (void)
{
  const char xml[] =
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<channel><item><title>Đảng</title><link>http://a.example.vn/1</link>"
    "<description>Vie&#x323;&#x302;t Nam</description>"
    "<content:encoded><![CDATA[<p>Đà Nẵng</p>]]></content:encoded></item>"
    "<item><title>Hai</title><link>http://a.example.vn/2</link>"
    "<content:encoded><![CDATA[<p>Huế</p>]]></content:encoded></item></channel></rss>";
  const char settled[] =
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<channel><item><title>Đảng</title><link>http://a.example.vn/1</link>"
    "<description>Việt Nam &amp; &lt;b&gt;</description>"
    "<content:encoded><![CDATA[<p>Đà Nẵng</p>\n]]></content:encoded></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) feed = NULL;
  g_autoptr(BantinParsedFeed) plain = NULL;

  feed = bantin_feed_parser_parse ((const guint8 *) xml, sizeof xml - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item_at (feed, 0)->summary, ==, "Việt Nam");
  g_assert_cmpstr (item_at (feed, 0)->content, ==, "<p>Đà Nẵng</p>");
  g_assert_cmpstr (item_at (feed, 1)->content, ==, "<p>Huế</p>");

  plain = bantin_feed_parser_parse ((const guint8 *) settled, sizeof settled - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item_at (plain, 0)->summary, ==, "Việt Nam & <b>");
  g_assert_cmpstr (item_at (plain, 0)->content, ==, "<p>Đà Nẵng</p>\n");
}

typedef struct
{
  const char *fixture;
  const char *feed_title;
  const char *item_title;
} CharsetCase;

static void
test_charset_fixture (gconstpointer data)
{
  const CharsetCase *c = data;
  g_autoptr(BantinParsedFeed) feed = parse_fixture (c->fixture, NULL);

  g_assert_cmpint (feed->format, ==, BANTIN_FEED_FORMAT_RSS);
  g_assert_cmpstr (feed->title, ==, c->feed_title);
  g_assert_cmpstr (item_at (feed, 0)->title, ==, c->item_title);
  assert_clean_strings (feed);
}

static void
test_charset_http_header (void)
{
  /* Windows-1258 bytes with no declaration: only the header says so. */
  const char xml[] = "<rss version=\"2.0\"><channel><title>Vi\xea\xf2t Nam</title></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) feed = NULL;

  feed = bantin_feed_parser_parse ((const guint8 *) xml, sizeof xml - 1,
                                   "application/rss+xml; charset=windows-1258", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feed->title, ==, "Việt Nam");
}

static void
test_ill_formed_entities (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("ill-formed.xml", NULL);
  BantinParsedItem *item;

  g_assert_cmpstr (feed->title, ==, "Tin Bắc Yên & Phù Yên");
  g_assert_cmpuint (feed->items->len, ==, 1);
  item = item_at (feed, 0);
  g_assert_cmpstr (item->title, ==, "Giá nông sản tuần này – ngô & sắn");
  g_assert_cmpstr (item->link, ==, "http://bacyen.example.vn/gia-nong-san?tuan=27&nam=2018");
  g_assert_cmpstr (item->summary, ==, "Giá ngô tăng … giá sắn giữ nguyên.");
  g_assert_cmpint (item->published, ==, G_GINT64_CONSTANT (1530576000));
}

static void
test_ill_formed_recovered (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("ill-formed-tags.xml", NULL);

  g_assert_cmpuint (feed->items->len, ==, 2);
  g_assert_cmpstr (item_at (feed, 0)->title, ==, "Mưa lớn ở vùng cao");
  g_assert_cmpstr (item_at (feed, 0)->link, ==, "http://phuyen.example.vn/mua-lon");
  g_assert_cmpint (item_at (feed, 0)->published, ==, G_GINT64_CONSTANT (1530572400));
  g_assert_cmpstr (item_at (feed, 1)->title, ==, "Thời tiết cuối tuần");
  g_assert_true (g_str_has_prefix (item_at (feed, 1)->summary, "Trời <b>nắng nóng</b>"));
}

static void
test_errors (void)
{
  const guint8 garbage[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x7f };
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *feed;

  feed = bantin_feed_parser_parse (garbage, sizeof garbage, NULL, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED);
  g_clear_error (&error);

  feed = bantin_feed_parser_parse ((const guint8 *) "", 0, NULL, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_EMPTY);
  g_clear_error (&error);

  feed = parse_string (" \n\t ", NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_EMPTY);
  g_clear_error (&error);

  /* Truncated XML whose recovery yields no article. */
  feed = parse_string ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><tit", NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line"));
  g_clear_error (&error);

  /* Well-formed XML of another kind. */
  feed = parse_string ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED);
  g_clear_error (&error);

  feed = parse_string ("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title></head></html>",
                       NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED);
}

static void
test_html_page (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("homepage.html");
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *feed;

  feed = parse_bytes (bytes, "text/html; charset=utf-8", "https://laichau.example.vn/", &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED);
}

static void
test_too_large (void)
{
  gsize len = 64 * 1024 * 1024 + 1;
  g_autofree guint8 *big = g_malloc (len);
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *feed;

  memset (big, ' ', len);
  memcpy (big, "<rss>", 5);
  feed = bantin_feed_parser_parse (big, len, NULL, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_TOO_LARGE);
}

static void
test_billion_laughs (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("billion-laughs.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) feed = NULL;
  gint64 start = g_get_monotonic_time ();

  feed = parse_bytes (bytes, NULL, NULL, &error);

  /* Fails fast, or at worst yields bounded text. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  if (feed == NULL)
    g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED);
  else
    {
      guint i;

      for (i = 0; i < feed->items->len; i++)
        {
          BantinParsedItem *item = item_at (feed, i);

          g_assert_true (item->title == NULL || strlen (item->title) <= 4 * 1024 * 1024);
          g_assert_true (item->summary == NULL || strlen (item->summary) <= 4 * 1024 * 1024);
        }
    }
}

static void
test_external_entity (void)
{
  g_autoptr(BantinParsedFeed) feed = parse_fixture ("xxe.xml", NULL);
  BantinParsedItem *item = item_at (feed, 0);

  g_assert_cmpstr (item->title, ==, "Tiêu đề");
  g_assert_null (strstr (item->summary, "root:"));
  g_assert_cmpstr (g_strstrip (item->summary), ==, "Mô tả");
  g_assert_cmpstr (item->link, ==, "http://xxe.example.vn/1");
}

static void
test_discover (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("homepage.html");
  g_auto(GStrv) urls = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  urls = bantin_feed_parser_discover (data, len, "text/html", "https://laichau.example.vn/");
  g_assert_nonnull (urls);
  /* RSS and Atom first, then JSON; duplicates once; <base href> applies. */
  g_assert_cmpuint (g_strv_length (urls), ==, 4);
  g_assert_cmpstr (urls[0], ==, "https://laichau.example.vn/cong/rss/tin-moi.xml");
  g_assert_cmpstr (urls[1], ==, "https://laichau.example.vn/atom.xml");
  g_assert_cmpstr (urls[2], ==, "https://laichau.example.vn/cong/feed.json");
  g_assert_cmpstr (urls[3], ==, "https://laichau.example.vn/feed-1.1.json");
}

static void
test_discover_none (void)
{
  const char *page = "<html><head><title>Không có tin</title>"
                     "<link rel=\"stylesheet\" href=\"a.css\"></head><body>x</body></html>";
  const char *legacy = "<html><head><meta charset=\"windows-1258\"><title>Vi\xea\xf2t</title>"
                       "<link rel=alternate type=application/rss+xml href=/rss></head></html>";
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) one = NULL;

  none = bantin_feed_parser_discover ((const guint8 *) page, strlen (page), NULL, "http://a.example.vn/");
  g_assert_null (none);

  one = bantin_feed_parser_discover ((const guint8 *) legacy, strlen (legacy), NULL, "http://a.example.vn/x/");
  g_assert_nonnull (one);
  g_assert_cmpstr (one[0], ==, "http://a.example.vn/rss");
  g_assert_null (one[1]);
}

static gpointer
parse_in_thread (gpointer data)
{
  GBytes *bytes = data;
  guint i;

  for (i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BantinParsedFeed) feed = parse_bytes (bytes, NULL, "http://muongla.example.vn/", &error);

      if (feed == NULL || feed->items->len != 4)
        return GINT_TO_POINTER (1);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("rss2-full.xml");
  GThread *threads[4];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_in_thread, bytes);

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

/* Found by tests/fuzz/fuzz-feed-parser.c: json-glib quotes the bad token
 * cut at a byte count, in the middle of a character, and the message was
 * passed on as invalid UTF-8. */
static void
test_json_error_message_valid (void)
{
  g_autoptr(GString) doc = g_string_new ("{\"version\": \"ht");
  g_autoptr(BantinParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append (doc, "\xc3\xbf");
  g_string_append (doc, "\"\n");

  feed = bantin_feed_parser_parse ((const guint8 *) doc->str, doc->len,
                                   "application/feed+json", NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "Invalid JSON"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Found by tests/fuzz/fuzz-feed-parser.c: GLib 2.74 fails an assertion on
 * a ';' in a URL's authority and returns NULL without an error, which the
 * parser then read: "//h;x" as a link crashed the sync. */
static void
test_semicolon_in_authority (void)
{
  static const char doc[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
    "<link>http://h;x/</link>"
    "<item><title>A</title><link>//h;x</link><guid>a</guid></item>"
    "<item xml:base=\"http://b;c/\"><title>B</title><link>p.html</link><guid>b</guid></item>"
    "<item><title>C</title><link>/c;d.html</link><guid>c</guid></item>"
    "</channel></rss>";
  g_autoptr(BantinParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  BantinParsedItem *item;

  feed = bantin_feed_parser_parse ((const guint8 *) doc, strlen (doc), NULL,
                                   "https://e.vn/feed.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->items->len, ==, 3);
  g_assert_null (feed->site_url);

  item = g_ptr_array_index (feed->items, 0);
  g_assert_null (item->link);
  item = g_ptr_array_index (feed->items, 2);
  g_assert_cmpstr (item->link, ==, "https://e.vn/c;d.html");
}

/* Lifting long runs of text out of libxml2's way must change nothing but
 * the time: the same feed, or the same error, as libxml2 alone. */

static void
describe_strings (GString    *out,
                  const char *label,
                  GPtrArray  *strings)
{
  guint i;

  g_string_append_printf (out, "%s:", label);
  for (i = 0; strings != NULL && i < strings->len; i++)
    g_string_append_printf (out, " [%s]", (const char *) strings->pdata[i]);
  g_string_append_c (out, '\n');
}

static char *
describe_parse (const char *data,
                gsize       len,
                gboolean    lift)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) feed = NULL;
  GString *out = g_string_new (NULL);
  guint i;

  _bantin_xml_lift_set_enabled (lift);
  feed = bantin_feed_parser_parse ((const guint8 *) data, len, NULL, "https://bao.example.vn/rss", &error);
  _bantin_xml_lift_set_enabled (TRUE);

  if (feed == NULL)
    {
      g_string_append_printf (out, "error %s %d: %s\n", g_quark_to_string (error->domain),
                              error->code, error->message);
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out, "format %d\ntitle [%s]\nsite [%s]\ndescription [%s]\n",
                          feed->format, feed->title, feed->site_url, feed->description);
  for (i = 0; i < feed->items->len; i++)
    {
      BantinParsedItem *item = feed->items->pdata[i];

      g_string_append_printf (out,
                              "item %u\n guid [%s]\n link [%s]\n title [%s]\n author [%s]\n"
                              " summary [%s]\n content [%s]\n published %" G_GINT64_FORMAT
                              "\n updated %" G_GINT64_FORMAT "\n image [%s]\n",
                              i, item->guid, item->link, item->title, item->author,
                              item->summary, item->content, item->published, item->updated,
                              item->image_url);
      describe_strings (out, " enclosures", item->enclosures);
      describe_strings (out, " categories", item->categories);
    }

  return g_string_free (out, FALSE);
}

static void
assert_lift_changes_nothing (const char *data,
                             gsize       len)
{
  g_autofree char *plain = describe_parse (data, len, FALSE);
  g_autofree char *lifted = describe_parse (data, len, TRUE);

  if (g_strcmp0 (plain, lifted) != 0)
    {
      g_autofree char *shown = g_strndup (data, MIN (len, 4000));

      g_test_message ("document: %s", shown);
    }
  g_assert_cmpstr (lifted, ==, plain);
}

static void
test_lift_fixtures (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "feeds", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;
      const char *data;

      if (!g_str_has_suffix (name, ".xml"))
        continue;

      bytes = load_fixture (name);
      data = g_bytes_get_data (bytes, &len);
      assert_lift_changes_nothing (data, len);
      n++;
    }

  g_assert_cmpuint (n, >=, 10);
}

/* Typical items are lifted, and come back whole. */
static void
test_lift_restores (void)
{
  static const char text[] =
    "Ủy ban nhân dân tỉnh Hà Giang họp bàn kế hoạch phát triển kinh tế – xã hội "
    "năm 2026, giáo dục và đào tạo nguồn nhân lực chất lượng cao.";
  g_autofree char *feed_xml = g_strdup_printf (
    "<?xml version=\"1.0\"?>\r\n<rss version=\"2.0\"><channel><title>Báo</title>"
    "<item><title>Tin</title><guid>g1</guid>"
    "<description>%s &amp; &lt;b&gt;%s&lt;/b&gt;&#13;&#x1EA0;\r\nhết</description>"
    "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<![CDATA[<p>%s</p>\r\n<p>%s & <b>]]]]></content:encoded></item></channel></rss>",
    text, text, text, text);
  g_autoptr(BantinXmlLift) lift = _bantin_xml_lift_new (feed_xml, strlen (feed_xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) feed = NULL;
  g_autofree char *summary = g_strdup_printf ("%s & <b>%s</b>\r\u1ea0\nhết", text, text);
  g_autofree char *content = g_strdup_printf ("<p>%s</p>\n<p>%s & <b>]]", text, text);
  BantinParsedItem *item;

  g_assert_nonnull (lift);
  g_assert_cmpuint (_bantin_xml_lift_get_runs (lift), ==, 2);

  feed = parse_string (feed_xml, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->items->len, ==, 1);
  item = feed->items->pdata[0];
  g_assert_cmpstr (item->summary, ==, summary);
  g_assert_cmpstr (item->content, ==, content);

  assert_lift_changes_nothing (feed_xml, strlen (feed_xml));
}

/* Random documents from pieces that a lift must leave to libxml2, or get
 * exactly right: references good and bad, line ends, illegal characters,
 * "]]>", markup inside comments, processing instructions and attribute
 * values, text outside the root, a DOCTYPE, the marker's own characters,
 * and documents cut short. */
static void
test_lift_random (void)
{
  static const char * const pieces[] = {
    "Đảng bộ tỉnh Quảng Nam tổng kết công tác xây dựng Đảng năm 2025 ",
    "giáo dục đào tạo, khoa học công nghệ và chuyển đổi số ",
    "plain ascii words for the run ", "&amp;", "&lt;p&gt;", "&quot;&apos;",
    "&#7843;", "&#x1EA0;", "&#13;", "&#0;", "&#1;", "&#x1F;", "&#x9;",
    "&#xFFFE;", "&#xD800;", "&#x110000;",
    "&#99999999999;", "&nbsp;", "&bogus;", "& ", "&#;", "&#x;", "]]>", "]]",
    "]", "\r\n", "\r", "\n", "\t", "\x01", "\x7f", "\xc2\x85",
    "\xef\xbf\xbe", "\xef\xbf\xbf", "\xee\x80\x80", "\xee\x80\x81",
    "<![CDATA[Bài viết <b>đậm</b> & \r\n nghiêng ]] ]>]]>",
    "<![CDATA[]]>", "<!-- chú thích <![CDATA[ x ]]> <b> -->",
    "<?pi <![CDATA[ ?>", "<b>đậm</b>", "<i/>", "<a href=\"x>y\" t='\"<'>liên kết</a>",
    "<a title='<![CDATA[x]]>'>z</a>", "</x>", "<", ">", "\"", "'",
  };
  static const char * const heads[] = {
    "", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<!DOCTYPE rss [<!ENTITY e \"thực thể\">]>\n", "<!-- đầu -->\n",
  };
  GRand *rand = g_rand_new_with_seed (20261129);
  guint n_lifted = 0;
  guint round;

  for (round = 0; round < 1500; round++)
    {
      g_autoptr(GString) doc = g_string_new (heads[g_rand_int_range (rand, 0, G_N_ELEMENTS (heads))]);
      guint items = g_rand_int_range (rand, 1, 4);
      guint i;

      if (g_rand_int_range (rand, 0, 8) == 0)
        g_string_append (doc, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_string_append (doc, "<rss version=\"2.0\"><channel><title>Báo Quảng Nam</title>");
      for (i = 0; i < items; i++)
        {
          guint n = g_rand_int_range (rand, 1, 24);
          guint j;

          g_string_append_printf (doc, "<item><guid>g%u</guid><title>Tin %u</title><description>", i, i);
          for (j = 0; j < n; j++)
            {
              /* Mostly text, so that runs pass the lifting threshold. */
              guint k = g_rand_int_range (rand, 0, 4) != 0 ? g_rand_int_range (rand, 0, 3)
                                                          : g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces));

              g_string_append (doc, pieces[k]);
            }
          g_string_append (doc, "</description></item>");
        }
      g_string_append (doc, "</channel></rss>");
      if (g_rand_int_range (rand, 0, 8) == 0)
        g_string_append (doc, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_truncate (doc, g_rand_int_range (rand, 1, doc->len));

      assert_lift_changes_nothing (doc->str, doc->len);

      {
        g_autoptr(BantinXmlLift) lift = _bantin_xml_lift_new (doc->str, doc->len);

        if (lift != NULL)
          n_lifted++;
      }
    }

  /* Most documents had something lifted, so the comparison means something. */
  g_test_message ("%u of 1500 documents lifted", n_lifted);
  g_assert_cmpuint (n_lifted, >=, 500);

  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  static const CharsetCase charset_cases[] = {
    { "charset-win1258.xml", "Bản tin Huyện Mường Tè", "Khởi công đường giao thông nông thôn" },
    { "charset-win1252.xml", "Café Sài Gòn", "Menu “mùa hè” – naïve crème brûlée" },
    { "charset-latin1.xml", "Bánh “Tét” Cà Mau", "Vé tham quan – 120 € mùa hè" },
    { "charset-mislabelled.xml", "Crème “Cà Mau” – façade", "Giá “mát” à Cà Mau" },
    { "charset-utf16.xml", "Tin Đà Nẵng", "Cầu Rồng phun lửa dịp cuối tuần" },
  };
  gsize i;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/feed-parser/rss2", test_rss2);
  g_test_add_func ("/feed-parser/rdf", test_rdf);
  g_test_add_func ("/feed-parser/atom10", test_atom10);
  g_test_add_func ("/feed-parser/atom03", test_atom03);
  g_test_add_func ("/feed-parser/json10", test_json10);
  g_test_add_func ("/feed-parser/json11", test_json11);
  g_test_add_func ("/feed-parser/json-not-a-feed", test_json_not_a_feed);
  g_test_add_func ("/feed-parser/cdata-entities", test_cdata_entities);
  g_test_add_func ("/feed-parser/char-reference-nfc", test_char_reference_nfc);
  g_test_add_func ("/feed-parser/nfc-and-controls", test_nfc_and_nul);

  for (i = 0; i < G_N_ELEMENTS (charset_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed-parser/charset/%s", charset_cases[i].fixture);

      g_test_add_data_func (path, &charset_cases[i], test_charset_fixture);
    }

  g_test_add_func ("/feed-parser/charset/http-header", test_charset_http_header);
  g_test_add_func ("/feed-parser/ill-formed/entities", test_ill_formed_entities);
  g_test_add_func ("/feed-parser/ill-formed/recovered", test_ill_formed_recovered);
  g_test_add_func ("/feed-parser/errors", test_errors);
  g_test_add_func ("/feed-parser/html-page", test_html_page);
  g_test_add_func ("/feed-parser/too-large", test_too_large);
  g_test_add_func ("/feed-parser/security/billion-laughs", test_billion_laughs);
  g_test_add_func ("/feed-parser/security/external-entity", test_external_entity);
  g_test_add_func ("/feed-parser/discover", test_discover);
  g_test_add_func ("/feed-parser/discover-none", test_discover_none);
  g_test_add_func ("/feed-parser/threads", test_threads);
  g_test_add_func ("/feed-parser/json/error-message-valid", test_json_error_message_valid);
  g_test_add_func ("/feed-parser/semicolon-in-authority", test_semicolon_in_authority);
  g_test_add_func ("/feed-parser/lift/fixtures", test_lift_fixtures);
  g_test_add_func ("/feed-parser/lift/restores", test_lift_restores);
  g_test_add_func ("/feed-parser/lift/random", test_lift_random);

  return g_test_run ();
}
