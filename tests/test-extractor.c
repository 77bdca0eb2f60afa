/* test-extractor.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "bantin-extractor.h"
#include "bantin-html.h"
#include "bantin-image-urls.h"
#include "bantin-site-rules-private.h"

/* The pages under tests/data/pages were written for these tests in the
 * style of Vietnamese provincial and national news sites (the province
 * and papers are made up). Each NAME.html has NAME.expected.txt: the
 * body's text as a reader would delimit it, compared with the text of the
 * extracted content. */

typedef struct
{
  const char             *name;
  const char             *url;
  BantinExtractionMethod  method;
  const char             *image;     /* A file name the kept <img> points to. */
  const char             *caption;   /* Start of the photo's caption. */
} PageCase;

static const PageCase page_cases[] = {
  { "article-element", "https://baothanhlam.example/thoi-su/khoi-cong-cau-ban-mon.html",
    BANTIN_EXTRACTION_SCORED, "cau-ban-mon.jpg", "Các đại biểu thực hiện nghi thức" },
  { "article-body", "http://thanhlam.gov.example/tin-tuc/chi-tiet.aspx?id=2041",
    BANTIN_EXTRACTION_ARTICLE_BODY, "hoi-nghi-cds.jpg", "Quang cảnh hội nghị" },
  { "scoring", "https://tintucthanhlam.vn/van-hoa/mua-hoa-ban-ta-leng.html",
    BANTIN_EXTRACTION_SCORED, "hoa-ban-ta-leng.jpg", "Du khách chụp ảnh" },
  { "windows-1258", "http://muongkhoa.thanhlam.example/tin/lua-xuan.htm",
    BANTIN_EXTRACTION_SCORED, "lua-xuan.jpg", "Bà con bản Nà Ún" },
  { "seed-style", "http://127.0.0.1:8080/thoi-su/hop-ubnd-thang.html",
    BANTIN_EXTRACTION_SCORED, "hop-ubnd.jpg", "Đồng chí Chủ tịch" },
};

/* Page furniture that must never reach the body. */
static const char * const furniture[] = {
  "Tìm kiếm theo ngày", "Tin liên quan", "Bài viết liên quan", "Các tin khác",
  "Bình luận", "Ý kiến bạn đọc", "Chia sẻ", "Facebook", "Đọc nhiều", "Trang chủ",
  "Địa chỉ:", "Xem thêm", "Quảng cáo", "Gửi bình luận", "Tin mới",
};

static GBytes *
load_page (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".html", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pages", file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static char *
load_expected (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".expected.txt", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pages", file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_strstrip (contents);
}

static BantinExtraction *
extract_page (const char       *name,
              const char       *url,
              BantinSiteRules  *rules,
              GError          **error)
{
  g_autoptr(GBytes) bytes = load_page (name);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return bantin_extractor_extract (data, len, "text/html", url, rules, error);
}

static void
assert_no_furniture (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (furniture); i++)
    {
      if (strstr (text, furniture[i]) != NULL)
        g_error ("Body has “%s”: %s", furniture[i], text);
    }
}

static void
test_page (gconstpointer data)
{
  const PageCase *page = data;
  g_autoptr(BantinSiteRules) rules = bantin_site_rules_new_default ();
  g_autoptr(BantinExtraction) extraction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = load_expected (page->name);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autofree char *figure = NULL;

  extraction = extract_page (page->name, page->url, rules, &error);
  g_assert_no_error (error);
  g_assert_nonnull (extraction);

  text = bantin_html_to_text (extraction->content, 0);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (extraction->text_length, ==, g_utf8_strlen (expected, -1));
  g_assert_cmpint (extraction->method, ==, page->method);
  g_assert_null (extraction->rule);

  /* The photo is kept, resolved against the page, and its caption with
   * it, right after it. */
  images = bantin_image_urls_collect (extraction->content, NULL);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (images, 0), page->image));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (images, 0), "http"));
  figure = g_strstr_len (extraction->content, -1, "<img") != NULL
             ? g_strdup (strstr (extraction->content, "<img")) : NULL;
  g_assert_nonnull (figure);
  {
    g_autofree char *after = bantin_html_to_text (figure, 0);

    g_assert_true (g_str_has_prefix (after, page->caption));
  }
  g_assert_nonnull (strstr (text, "Ảnh: "));

  assert_no_furniture (text);

  /* The sanitizer ran: nothing that executes or loads. */
  g_assert_null (strstr (extraction->content, "<script"));
  g_assert_null (strstr (extraction->content, "<form"));
  g_assert_null (strstr (extraction->content, "<input"));
  g_assert_null (strstr (extraction->content, "javascript:"));
}

static void
test_metadata (void)
{
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;

  e = extract_page ("article-element", "https://baothanhlam.example/thoi-su/cau.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->title, ==, "Thanh Lâm khởi công cầu Bản Mòn nối hai huyện vùng cao");
  g_assert_cmpstr (e->byline, ==, "Quang Huy");
  g_assert_cmpstr (e->published, ==, "2024-05-14T09:15:00+07:00");
  g_assert_cmpstr (e->lead_image, ==, "https://baothanhlam.example/uploads/2024/05/14/cau-ban-mon.jpg");
  g_assert_cmpstr (e->site_name, ==, "Báo Thanh Lâm điện tử");
  g_clear_pointer (&e, bantin_extraction_free);

  /* From itemprop, and the title from <h1> when there is no og:title. */
  e = extract_page ("article-body", "http://thanhlam.gov.example/tin-tuc/chi-tiet.aspx?id=2041",
                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->title, ==, "Hội nghị triển khai nhiệm vụ chuyển đổi số năm 2024");
  g_assert_cmpstr (e->published, ==, "2024-05-13T16:40:00+07:00");
  g_assert_cmpstr (e->byline, ==, "Văn phòng Ủy ban nhân dân tỉnh");
  g_assert_null (e->lead_image);
  /* The lazy-loaded photo: data-src, not the blank placeholder. */
  g_assert_nonnull (strstr (e->content,
                            "src=\"http://thanhlam.gov.example/Uploads/2024/5/13/hoi-nghi-cds.jpg\""));
  g_assert_null (strstr (e->content, "blank.gif"));
  g_clear_pointer (&e, bantin_extraction_free);

  /* From <title>, without the site's name. */
  e = extract_page ("scoring", "https://tintucthanhlam.vn/van-hoa/x.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->title, ==, "Mùa hoa ban trên những triền núi Tà Lèng");
  g_clear_pointer (&e, bantin_extraction_free);

  e = extract_page ("windows-1258", "http://muongkhoa.thanhlam.example/tin/lua-xuan.htm",
                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->title, ==, "Nông dân Mường Khoa được mùa lúa xuân");
}

static void
test_windows_1258_http_charset (void)
{
  g_autoptr(GBytes) bytes = load_page ("windows-1258");
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = load_expected ("windows-1258");
  g_autofree char *text = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  /* The header agrees with the <meta>; the text is NFC either way. */
  e = bantin_extractor_extract (data, len, "text/html; charset=windows-1258",
                                "http://muongkhoa.thanhlam.example/tin/lua-xuan.htm", NULL, &error);
  g_assert_no_error (error);
  text = bantin_html_to_text (e->content, 0);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, "Điêu Văn Đức"));
}

static BantinSiteRules *
load_test_rules (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pages", "test-sites.conf", NULL);
  BantinSiteRules *rules = bantin_site_rules_new_default ();
  g_autoptr(GError) error = NULL;
  guint n = bantin_site_rules_get_n_rules (rules);

  bantin_site_rules_load_file (rules, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bantin_site_rules_get_n_rules (rules), ==, n + 1);
  return rules;
}

static void
test_site_rule_generator (void)
{
  g_autoptr(BantinSiteRules) rules = load_test_rules ();
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(BantinExtraction) generic = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = load_expected ("generator-rule");
  g_autofree char *text = NULL;
  g_autofree char *generic_text = NULL;

  e = extract_page ("generator-rule", "https://baovanhoa.thanhlam.example/van-hoa/hoi-thi.html",
                    rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->method, ==, BANTIN_EXTRACTION_SITE_RULE);
  g_assert_cmpstr (e->rule, ==, "thanhlam-cms");
  text = bantin_html_to_text (e->content, 0);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (e->lead_image, ==, "https://baovanhoa.thanhlam.example/img/hoi-thi.jpg");

  /* Without the rule, the advert inside the body cannot be told from the
   * text: this is what the rule is for. */
  generic = extract_page ("generator-rule", "https://baovanhoa.thanhlam.example/van-hoa/hoi-thi.html",
                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (generic->method, ==, BANTIN_EXTRACTION_SCORED);
  generic_text = bantin_html_to_text (generic->content, 0);
  g_assert_nonnull (strstr (generic_text, "Mời quý độc giả"));
  g_assert_null (strstr (text, "Mời quý độc giả"));
}

static void
test_site_rule_host (void)
{
  static const char rule_text[] =
    "[scoring-site]\n"
    "Hosts=tintucthanhlam.vn\n"
    "Content=div.o2\n"
    "Lead=h2.gioi-thieu\n"
    "Strip=p[style*=right]\n"
    "[stale]\n"
    "Hosts=muongkhoa.thanhlam.example\n"
    "Content=div.was-renamed\n";
  g_autoptr(BantinSiteRules) rules = bantin_site_rules_new ();
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = load_expected ("scoring");
  g_autofree char *text = NULL;

  bantin_site_rules_load_data (rules, rule_text, -1, &error);
  g_assert_no_error (error);

  /* A subdomain matches; the author line is stripped by the rule. */
  e = extract_page ("scoring", "https://m.tintucthanhlam.vn/van-hoa/x.html", rules, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->rule, ==, "scoring-site");
  text = bantin_html_to_text (e->content, 0);
  g_assert_true (g_str_has_suffix (expected, " Mai Lan"));
  expected[strlen (expected) - strlen (" Mai Lan")] = '\0';
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&e, bantin_extraction_free);

  /* A rule whose selector finds nothing falls back to scoring. */
  e = extract_page ("windows-1258", "http://muongkhoa.thanhlam.example/tin/lua-xuan.htm", rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->method, ==, BANTIN_EXTRACTION_SCORED);
  g_assert_null (e->rule);
}

static void
test_site_rules_matching (void)
{
  g_autoptr(BantinSiteRules) rules = bantin_site_rules_new_default ();
  g_autoptr(BantinSiteRules) user = bantin_site_rules_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (bantin_site_rules_get_n_rules (rules), >=, 5);
  g_assert_cmpstr (bantin_site_rules_match (rules, "https://vnexpress.net/a-1.html", NULL), ==, "vnexpress");
  g_assert_cmpstr (bantin_site_rules_match (rules, "https://M.VnExpress.net./a.html", NULL), ==, "vnexpress");
  g_assert_null (bantin_site_rules_match (rules, "https://notvnexpress.net/a.html", NULL));
  g_assert_null (bantin_site_rules_match (rules, "https://vnexpress.net.evil.example/", NULL));
  g_assert_null (bantin_site_rules_match (rules, "not a url", NULL));
  g_assert_null (bantin_site_rules_match (rules, NULL, NULL));
  g_assert_cmpstr (bantin_site_rules_match (rules, "https://dantri.com.vn/xa-hoi/a.htm", NULL), ==, "dantri");

  /* A user's rule overrides a built-in one for the same host. */
  bantin_site_rules_load_data (rules, "[mine]\nHosts=vnexpress.net\nContent=div.x\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bantin_site_rules_match (rules, "https://vnexpress.net/a.html", NULL), ==, "mine");

  /* Generators match by case-insensitive prefix. */
  bantin_site_rules_load_data (user, "[cms]\nGenerators=Some CMS\nContent=article\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bantin_site_rules_match (user, "http://x.example/", "some cms 4.1"), ==, "cms");
  g_assert_null (bantin_site_rules_match (user, "http://x.example/", "Other"));
}

static void
test_site_rules_errors (void)
{
  static const char * const bad[] = {
    "not a key file",
    "[a]\nHosts=x.example\n",                           /* No Content. */
    "[a]\nContent=div\n",                               /* Neither Hosts nor Generators. */
    "[a]\nHosts=x.example\nContent=div > p\n",          /* Child combinator. */
    "[a]\nHosts=x.example\nContent=div.\n",
    "[a]\nHosts=x.example\nContent=[x\n",
    "[a]\nHosts=x.example\nContent=a[href=\"x]\n",
    "[a]\nHosts=x.example\nContent=div\nStrip=p,,\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(BantinSiteRules) rules = bantin_site_rules_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (bantin_site_rules_load_data (rules, bad[i], -1, &error));
      g_assert_error (error, BANTIN_SITE_RULES_ERROR, BANTIN_SITE_RULES_ERROR_INVALID);
      g_assert_cmpuint (bantin_site_rules_get_n_rules (rules), ==, 0);
    }

  {
    g_autoptr(BantinSiteRules) rules = bantin_site_rules_new ();
    g_autoptr(GError) error = NULL;

    g_assert_false (bantin_site_rules_load_file (rules, "/nonexistent/rules.conf", &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

typedef struct
{
  const char *selector;
  const char *expected;   /* The ids of the matches, in order. */
} SelectorCase;

static const char selector_doc[] =
  "<html><body>"
  "<div id=\"a\" class=\"box main\">"
  "  <p id=\"b\" class=\"x\">one</p>"
  "  <section id=\"c\"><p id=\"d\" data-kind=\"lead text\">two</p>"
  "    <div id=\"e\" class=\"main\"><span id=\"f\" class=\"x y\">three</span></div></section>"
  "</div>"
  "<p id=\"g\" class=\"xy\">four</p>"
  "<a id=\"h\" href=\"https://example.vn/tin\">five</a>"
  "</body></html>";

static const SelectorCase selector_cases[] = {
  { "p", "b d g" },
  { "P", "b d g" },
  { ".x", "b f" },
  { "#e", "e" },
  { "div.main", "a e" },
  { ".box.main", "a" },
  { "div p", "b d" },
  { "div div span.x.y", "f" },
  { "body section p", "d" },
  { ".main .main span", "f" },
  { "[data-kind]", "d" },
  { "[data-kind~=text]", "d" },
  { "[data-kind=\"lead text\"]", "d" },
  { "[data-kind=lead]", "" },
  { "[class*=x]", "a b f g" },
  { "a[href^='https://example.vn']", "h" },
  { "section, #g", "c g" },
  { "* #f", "f" },
  { "span p", "" },
};

static void
test_selectors (void)
{
  htmlDocPtr doc = htmlReadMemory (selector_doc, (int) strlen (selector_doc), NULL, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  xmlNode *root = xmlDocGetRootElement (doc);

  for (guint i = 0; i < G_N_ELEMENTS (selector_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BantinSelector) selector = _bantin_selector_parse (selector_cases[i].selector, &error);
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GString) ids = g_string_new (NULL);

      g_assert_no_error (error);
      found = _bantin_selector_select (selector, root);
      for (guint j = 0; j < found->len; j++)
        {
          xmlChar *id = xmlGetProp (g_ptr_array_index (found, j), (const xmlChar *) "id");

          g_string_append_printf (ids, "%s%s", j > 0 ? " " : "", (const char *) id);
          xmlFree (id);
        }
      g_assert_cmpstr (ids->str, ==, selector_cases[i].expected);
    }

  xmlFreeDoc (doc);
}

static void
test_not_article (void)
{
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;
  static const char empty[] = "";
  static const char tiny[] = "<html><body><p>Trang đang bảo trì.</p></body></html>";

  e = extract_page ("section-front", "https://baothanhlam.example/thoi-su/", NULL, &error);
  g_assert_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_NOT_ARTICLE);
  g_assert_null (e);
  g_clear_error (&error);

  e = bantin_extractor_extract ((const guint8 *) empty, 0, NULL, NULL, NULL, &error);
  g_assert_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_NOT_ARTICLE);
  g_assert_null (e);
  g_clear_error (&error);

  e = bantin_extractor_extract ((const guint8 *) tiny, strlen (tiny), "text/html", NULL, NULL, &error);
  g_assert_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_NOT_ARTICLE);
  g_assert_null (e);
  g_clear_error (&error);

  e = bantin_extractor_extract ((const guint8 *) tiny, strlen (tiny), "application/pdf",
                                NULL, NULL, &error);
  g_assert_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_NOT_HTML);
  g_assert_null (e);
}

/* Hostile pages must finish and never recurse: a recursive walk would
 * overflow the stack on the deep page, and a quadratic one would run into
 * meson's timeout. How long they take is the benchmark's business; the
 * time is only logged here. */
static void
log_time (gint64      start,
          const char *what)
{
  g_test_message ("%s: %.2f s", what, (g_get_monotonic_time () - start) / 1e6);
}

static void
test_hostile_deep (void)
{
  GString *page = g_string_new ("<html><body>");
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  guint depth = 0;

  /* 2 MB: about 120,000 nested elements, with paragraphs of text every
   * 50 levels; far deeper than any stack would take. */
  while (page->len < 2 * 1024 * 1024)
    {
      g_string_append (page, "<div class=\"x\">");
      if (depth % 50 == 0)
        g_string_append (page, "<p>Đoạn văn ở giữa, có dấu phẩy, đủ dài để được tính điểm, "
                               "và thêm vài dấu phẩy nữa, cho chắc.</p>");
      depth++;
    }
  g_string_append (page, "</body></html>");

  start = g_get_monotonic_time ();
  e = bantin_extractor_extract ((const guint8 *) page->str, page->len, NULL,
                                "https://x.example/", NULL, &error);
  log_time (start, "deep");
  g_test_message ("depth %u, error %s", depth, error != NULL ? error->message : "none");
  /* Whatever is kept is well-formed and has the text. */
  if (e != NULL)
    g_assert_nonnull (strstr (e->content, "Đoạn văn ở giữa"));
  else
    g_assert_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_NOT_ARTICLE);

  g_string_free (page, TRUE);
}

static void
test_hostile_wide (void)
{
  GString *page = g_string_new ("<html><head><title>Bài rất dài</title></head><body>");
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 start;
  guint n = 0;

  /* A sidebar of 20,000 links, then 5 MB of paragraphs, links and
   * unclosed tags, and attributes of every size. */
  g_string_append (page, "<div class=\"sidebar\"><ul>");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (page, "<li><a href=\"/t/%u\">Tin %u</a></li>", i, i);
  g_string_append (page, "</ul></div><div class=\"noi-dung\">");
  while (page->len < 5 * 1024 * 1024)
    {
      g_string_append_printf (page,
                              "<p title=\"%0*d\">Đoạn %u, nói về kinh tế, xã hội, quốc phòng và an ninh "
                              "của tỉnh trong <b>năm <i>nay <a href=\"/x\">xem</a>.</p>",
                              (int) (n % 200), 0, n);
      n++;
    }
  g_string_append (page, "</div></body></html>");

  start = g_get_monotonic_time ();
  e = bantin_extractor_extract ((const guint8 *) page->str, page->len, NULL,
                                "https://x.example/", NULL, &error);
  log_time (start, "wide");
  g_assert_no_error (error);
  text = bantin_html_to_text (e->content, 0);
  g_assert_nonnull (strstr (text, "Đoạn 0, nói về kinh tế"));
  g_assert_null (strstr (text, "Tin 19999"));

  g_string_free (page, TRUE);
}

static void
test_too_large (void)
{
  gsize len = BANTIN_EXTRACTOR_MAX_PAGE_SIZE + 1;
  g_autofree guint8 *data = g_malloc0 (len);
  g_autoptr(GError) error = NULL;
  BantinExtraction *e;

  e = bantin_extractor_extract (data, len, NULL, NULL, NULL, &error);
  g_assert_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_TOO_LARGE);
  g_assert_null (e);
}

static void
test_summary (void)
{
  g_autoptr(GString) full = g_string_new ("<p>");
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 40; i++)
    g_string_append (full, "Câu văn đầy đủ của bài báo, kể lại sự việc. ");
  g_string_append (full, "</p>");

  g_assert_true (bantin_extractor_is_summary (NULL));
  g_assert_true (bantin_extractor_is_summary ("<p>Phiên họp tập trung vào tiến độ giải ngân.</p>"));
  g_assert_false (bantin_extractor_is_summary (full->str));
  g_string_append (full, "<p>Xem tiếp</p>");
  g_assert_true (bantin_extractor_is_summary (full->str));
  g_string_truncate (full, full->len - strlen ("<p>Xem tiếp</p>"));
  g_string_append (full, "<p>Câu cuối…</p>");
  g_assert_true (bantin_extractor_is_summary (full->str));

  e = extract_page ("article-element", "https://baothanhlam.example/a.html", NULL, &error);
  g_assert_no_error (error);
  /* The feed's sapo alone is worse than the page; a full copy is not. */
  g_assert_true (bantin_extraction_is_better (e, "<p>Sáng 14/5, Ủy ban nhân dân tỉnh Thanh Lâm "
                                                 "tổ chức lễ khởi công xây dựng cầu Bản Mòn.</p>"));
  g_assert_false (bantin_extraction_is_better (e, e->content));
}

/* Image URLs */

typedef struct
{
  const char *html;
  const char *expected;   /* Space-separated URLs. */
} ImageCase;

static const ImageCase image_cases[] = {
  { "<img src=\"a.jpg\">", "https://bao.example/tin/a.jpg" },
  { "<img src=\"/a.jpg\"><img src=\"https://bao.example/a.jpg\">", "https://bao.example/a.jpg" },
  { "<img src=\"data:image/gif;base64,R0lGOD\" data-src=\"/anh/1.jpg\">", "https://bao.example/anh/1.jpg" },
  { "<img src=\"/images/blank.gif\" data-original=\"//cdn.example/2.jpg\">", "https://cdn.example/2.jpg" },
  { "<img data-lazy-src=\"3.png\">", "https://bao.example/tin/3.png" },
  { "<img src=\"s.jpg\" srcset=\"s.jpg 320w, m.jpg 800w, l.jpg 1600w, xl.jpg 3000w\">",
    "https://bao.example/tin/l.jpg" },
  { "<img srcset=\"xl.jpg 3000w, xxl.jpg 4000w\">", "https://bao.example/tin/xl.jpg" },
  { "<img src=\"a.jpg\" srcset=\"a.jpg, a2.jpg 2x, a3.jpg 3x\">", "https://bao.example/tin/a2.jpg" },
  { "<img srcset=\"https://x.example/a,b.jpg 100w\">", "https://x.example/a,b.jpg" },
  { "<amp-img src=\"/amp.jpg\" width=\"600\" height=\"400\"></amp-img>", "https://bao.example/amp.jpg" },
  { "<picture><source srcset=\"/p.webp 1000w\" type=\"image/webp\"><img src=\"/p.jpg\"></picture>",
    "https://bao.example/p.jpg" },
  { "<picture><source srcset=\"/only.webp\"><img src=\"data:,\"></picture>",
    "https://bao.example/only.webp" },
  { "<img src=\"/pixel?id=1\" width=\"1\" height=\"1\"><img src=\"/t.gif\" width=\"0\" height=\"0\">", "" },
  { "<img src=\"javascript:alert(1)\"><img src=\"file:///etc/passwd\"><img src=\"ftp://x/a.jpg\">", "" },
  { "<html><head><meta property=\"og:image\" content=\"/og.jpg\"></head><body><img src=\"/og.jpg\"></body></html>",
    "https://bao.example/og.jpg" },
  { "<html><head><base href=\"https://cdn.example/base/\"></head><body><img src=\"x.jpg\"></body></html>",
    "https://cdn.example/base/x.jpg" },
  { "<img src=\"/ảnh đẹp.jpg\">", "https://bao.example/%E1%BA%A3nh%20%C4%91%E1%BA%B9p.jpg" },
  { "<script>var s = '<img src=\"/in-script.jpg\">';</script><img src=\"/b.jpg\">", "https://bao.example/b.jpg" },
};

static void
test_image_urls (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (image_cases); i++)
    {
      g_autoptr(GPtrArray) urls = bantin_image_urls_collect (image_cases[i].html,
                                                             "https://bao.example/tin/bai.html");
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint j = 0; j < urls->len; j++)
        g_string_append_printf (joined, "%s%s", j > 0 ? " " : "", (char *) g_ptr_array_index (urls, j));
      g_assert_cmpstr (joined->str, ==, image_cases[i].expected);
    }

  {
    g_autoptr(GPtrArray) none = bantin_image_urls_collect (NULL, NULL);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_image_urls_page (void)
{
  g_autoptr(GBytes) bytes = load_page ("article-element");
  g_autofree char *html = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GPtrArray) urls = bantin_image_urls_collect (html, "https://baothanhlam.example/thoi-su/a.html");

  /* og:image and the body photo are one image; the logo and the advert
   * are listed too, since this is the whole page. */
  g_assert_cmpuint (urls->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (urls, 0), ==, "https://baothanhlam.example/uploads/2024/05/14/cau-ban-mon.jpg");
  g_assert_cmpstr (g_ptr_array_index (urls, 1), ==, "https://baothanhlam.example/images/logo.png");
  g_assert_cmpstr (g_ptr_array_index (urls, 2), ==, "https://baothanhlam.example/ads/ngan-hang-300x250.jpg");
}

/* Each hostile page runs in a process of its own: after one 5 MB page,
 * glibc's MALLOC_PERTURB_ (which meson sets) scribbles over the large free
 * chunk it left on every later realloc next to it, and libxml2's parser
 * reallocs a lot; that would measure the allocator, not us. */
static void
test_hostile (gconstpointer data)
{
  g_autofree char *path = g_strconcat ("/extractor/hostile/", (const char *) data, "/subprocess", NULL);

  g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Found by tests/fuzz/fuzz-extractor.c: two labels ("Tin liên quan",
 * "Xem thêm") in one box doomed the box twice, and it was freed twice. */
static void
test_two_labels_one_box (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Tiêu đề</title></head><body><article><h1>Tiêu đề</h1><div>");
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append (page, "<p>Câu văn đầy đủ của bài báo, kể lại sự việc một cách rõ ràng.</p>");
  g_string_append (page, "</div><div><i>x</i> <b>Tin liên quan</b> <b>Xem thêm</b></div>"
                         "</article></body></html>");

  e = bantin_extractor_extract ((const guint8 *) page->str, page->len, "text/html",
                                "http://example.org/a.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);
  g_assert_nonnull (strstr (e->content, "Câu văn đầy đủ"));
  g_assert_null (strstr (e->content, "Xem thêm"));
}

/* Found by tests/fuzz/fuzz-extractor.c: GLib 2.74 fails an assertion (a
 * critical, fatal in tests) resolving a URL with a ';' in its authority. */
static void
test_semicolon_in_authority (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><title>Tiêu đề</title>"
                                          "<meta property=\"og:image\" content=\"//h;x/a.jpg\">"
                                          "</head><body><article><h1>Tiêu đề</h1><div>");
  g_autoptr(BantinExtraction) e = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append (page, "<p>Câu văn đầy đủ của bài báo, kể lại sự việc một cách rõ ràng.</p>");
  g_string_append (page, "<p><img src=\"http://h;x/i.jpg\"><img src=\"/b;c.jpg\"></p>"
                         "</div></article></body></html>");

  e = bantin_extractor_extract ((const guint8 *) page->str, page->len, "text/html",
                                "http://example.org/a.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (e->lead_image);

  /* Found by fuzz-extractor too: an og:image without a host. */
  {
    g_autoptr(GString) hostless = g_string_new (page->str);
    g_autoptr(BantinExtraction) e2 = NULL;

    g_string_replace (hostless, "//h;x/a.jpg", "https:tim//e.vn/a.jpg", 1);
    e2 = bantin_extractor_extract ((const guint8 *) hostless->str, hostless->len, "text/html",
                                   "https://example.org/a.html", NULL, &error);
    g_assert_no_error (error);
    g_assert_null (e2->lead_image);
  }

  images = bantin_image_urls_collect (page->str, "http://example.org/a.html");
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (images, 0), ==, "http://example.org/b;c.jpg");
}

/* Found by tests/fuzz/fuzz-extractor.c: an unknown element in the <head>
 * ("<m>") kept libxml2 in the head, so the <body> ended up inside it;
 * removing the head as junk freed the body the extractor went on reading. */
static void
test_body_inside_junk (void)
{
  static const char * const pages[] = {
    "<html><head><m><title>T</title><body><form id=\"f\"><p>TEXT</p></form></body></m></head></html>",
    "<html><head><title>T</title></head><form id=\"aspnetForm\"><body><p>TEXT</p></body></form></html>",
    "<html><head><title>T</title></head><noscript><body><p>TEXT</p></body></noscript></html>",
    "<html><body><form action=\"x\"><body><p>TEXT</p><body><p>TEXT</p></form></body></html>",
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 30; i++)
    g_string_append (text, "Câu văn đầy đủ của bài báo, kể lại sự việc một cách rõ ràng. ");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_auto(GStrv) parts = g_strsplit (pages[i], "TEXT", -1);
      g_autofree char *page = g_strjoinv (text->str, parts);
      g_autoptr(BantinExtraction) e = NULL;
      g_autoptr(GError) error = NULL;

      e = bantin_extractor_extract ((const guint8 *) page, strlen (page), "text/html",
                                    "http://example.org/a.html", NULL, &error);
      g_assert_true (e != NULL || error != NULL);
      if (e != NULL)
        g_assert_true (g_utf8_validate (e->content, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (page_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/extractor/page/", page_cases[i].name, NULL);

      g_test_add_data_func (path, &page_cases[i], test_page);
    }
  g_test_add_func ("/extractor/metadata", test_metadata);
  g_test_add_func ("/extractor/windows-1258-header", test_windows_1258_http_charset);
  g_test_add_func ("/extractor/site-rule/generator", test_site_rule_generator);
  g_test_add_func ("/extractor/site-rule/host", test_site_rule_host);
  g_test_add_func ("/extractor/site-rules/matching", test_site_rules_matching);
  g_test_add_func ("/extractor/site-rules/errors", test_site_rules_errors);
  g_test_add_func ("/extractor/selectors", test_selectors);
  g_test_add_func ("/extractor/not-article", test_not_article);
  g_test_add_data_func ("/extractor/hostile/deep", "deep", test_hostile);
  g_test_add_func ("/extractor/hostile/deep/subprocess", test_hostile_deep);
  g_test_add_data_func ("/extractor/hostile/wide", "wide", test_hostile);
  g_test_add_func ("/extractor/hostile/wide/subprocess", test_hostile_wide);
  g_test_add_func ("/extractor/too-large", test_too_large);
  g_test_add_func ("/extractor/summary", test_summary);
  g_test_add_func ("/extractor/two-labels-one-box", test_two_labels_one_box);
  g_test_add_func ("/extractor/semicolon-in-authority", test_semicolon_in_authority);
  g_test_add_func ("/extractor/body-inside-junk", test_body_inside_junk);
  g_test_add_func ("/image-urls/cases", test_image_urls);
  g_test_add_func ("/image-urls/page", test_image_urls_page);

  return g_test_run ();
}
