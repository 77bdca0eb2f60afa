/* test-ui-article-view.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bantin-article-view.h"
#include "bantin-core.h"
#include "bantin-html-renderer.h"
#include "bantin-image-cache.h"
#include "bantin-print.h"
#include "bantin-report.h"

#define ARTICLE_HTML \
  "<h1>Tiêu đề lớn</h1>" \
  "<p>Đoạn <b>đậm</b>, <i>nghiêng</i>, <u>gạch dưới</u>, <s>gạch ngang</s>, <code>mã</code>, " \
  "<mark>tô sáng</mark>, H<sub>2</sub>O, m<sup>2</sup> và <a href=\"https://example.vn/tin\">liên kết</a>.</p>" \
  "<h2>Danh sách</h2>" \
  "<ul><li>một</li><li>hai<ul><li>hai-a</li></ul></li></ul>" \
  "<ol start=\"3\"><li>ba</li><li>bốn</li></ol>" \
  "<blockquote><p>Trích dẫn của đồng chí.</p></blockquote>" \
  "<pre>  giữ   khoảng\n  trắng</pre>" \
  "<p>dòng một<br>dòng hai</p>" \
  "<hr>" \
  "<figure><img src=\"https://img.example/co.png\" alt=\"Có ảnh\" width=\"400\" height=\"225\">" \
  "<figcaption>Ảnh có trong bộ nhớ đệm</figcaption></figure>" \
  "<figure><img src=\"https://img.example/khong.png\" alt=\"Ảnh chưa tải\">" \
  "<figcaption>Ảnh không có sẵn</figcaption></figure>" \
  "<table><caption>Bảng số liệu</caption>" \
  "<tr><th>Chỉ tiêu</th><th colspan=\"2\">Kết quả</th></tr>" \
  "<tr><td>Dịch vụ công</td><td>95%</td><td>Đạt</td></tr></table>" \
  "<h3>Hết</h3>"

static GdkTexture *
make_texture (int width,
              int height)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *pixels = g_malloc (width * height * 4);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (y * width + x) * 4;

        p[0] = (guint8) (x * 255 / width);
        p[1] = (guint8) (y * 255 / height);
        p[2] = 160;
        p[3] = 255;
      }

  bytes = g_bytes_new_take (pixels, width * height * 4);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, width * 4);
}

static GdkPaintable *
image_lookup (const char *url,
              gpointer    user_data)
{
  guint *calls = user_data;

  if (calls != NULL)
    (*calls)++;

  if (g_strcmp0 (url, "https://img.example/co.png") == 0)
    return GDK_PAINTABLE (make_texture (400, 225));
  return NULL;
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Finds @needle in the buffer and returns an iter at its first character. */
static gboolean
find_text (GtkTextView *view,
           const char  *needle,
           GtkTextIter *out)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  return gtk_text_iter_forward_search (&start, needle, GTK_TEXT_SEARCH_TEXT_ONLY, out, &match_end, NULL);
}

static gboolean
has_tag_at (GtkTextView *view,
            const char  *needle,
            const char  *tag_name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  if (!find_text (view, needle, &iter))
    g_error ("\"%s\" is not in the buffer", needle);
  return gtk_text_iter_has_tag (&iter, tag);
}

typedef struct
{
  guint      n_anchors;
  GPtrArray *widgets;
} Anchors;

static void
collect_anchors (GtkTextView *view,
                 Anchors     *anchors)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  anchors->n_anchors = 0;
  anchors->widgets = g_ptr_array_new ();

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      GtkTextChildAnchor *anchor = gtk_text_iter_get_child_anchor (&iter);

      if (anchor != NULL)
        {
          guint n = 0;
          GtkWidget **widgets = gtk_text_child_anchor_get_widgets (anchor, &n);

          anchors->n_anchors++;
          g_assert_cmpuint (n, ==, 1);
          g_ptr_array_add (anchors->widgets, widgets[0]);
          g_free (widgets);
        }
    }
  while (gtk_text_iter_forward_char (&iter));
}

static guint
count_descendants (GtkWidget *widget,
                   GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_descendants (child, type);
  return n;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_renderer_text_and_tags (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  g_autofree char *text = NULL;
  guint calls = 0;
  guint n_images;

  n_images = bantin_html_renderer_render (GTK_TEXT_VIEW (view), ARTICLE_HTML, image_lookup, &calls);
  g_assert_cmpuint (n_images, ==, 1);
  g_assert_cmpuint (calls, ==, 2);

  text = buffer_text (GTK_TEXT_VIEW (view));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text,
                                   "Tiêu đề lớn\n"
                                   "Đoạn đậm, nghiêng, gạch dưới, gạch ngang, mã, tô sáng, H2O, m2 và liên kết.\n"
                                   "Danh sách\n"
                                   "• một\n"
                                   "• hai\n"
                                   "◦ hai-a\n"
                                   "\n"   /* A short gap after each list, quote and code block. */
                                   "3. ba\n"
                                   "4. bốn\n"
                                   "\n"
                                   "Trích dẫn của đồng chí.\n"
                                   "\n"
                                   "  giữ   khoảng\n  trắng\n"
                                   "\n"
                                   "dòng một\xe2\x80\xa8" "dòng hai\n"));
  g_assert_true (g_str_has_suffix (text, "\nHết"));

  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Tiêu đề lớn", "bantin-h1"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Danh sách", "bantin-h2"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Hết", "bantin-h3"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "đậm", "bantin-bold"));
  g_assert_false (has_tag_at (GTK_TEXT_VIEW (view), "Đoạn", "bantin-bold"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "nghiêng", "bantin-italic"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "gạch dưới", "bantin-underline"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "gạch ngang", "bantin-strike"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "mã", "bantin-code"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "tô sáng", "bantin-mark"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "2O", "bantin-sub"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Trích dẫn", "bantin-quote"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "giữ", "bantin-pre"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Ảnh có trong", "bantin-caption"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "liên kết", "bantin-link"));
  g_assert_false (has_tag_at (GTK_TEXT_VIEW (view), "Đoạn", "bantin-link"));
  /* Nested list items are indented further than their parents. */
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "• một", "bantin-margin-0-1"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "◦ hai-a", "bantin-margin-0-2"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Trích dẫn", "bantin-margin-1-0"));

  g_assert_finalize_object (view);
}

static void
test_renderer_links (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter iter;
  int n_tags;

  bantin_html_renderer_render (GTK_TEXT_VIEW (view),
                               "<p>Xem <a href=\"https://a.example/1\">một</a> và "
                               "<a href=\"mailto:b@example.vn\">hai</a>.</p>",
                               NULL, NULL);

  g_assert_true (find_text (GTK_TEXT_VIEW (view), "một", &iter));
  g_assert_cmpstr (bantin_html_renderer_get_link (&iter), ==, "https://a.example/1");
  g_assert_true (find_text (GTK_TEXT_VIEW (view), "hai", &iter));
  gtk_text_iter_forward_char (&iter);
  g_assert_cmpstr (bantin_html_renderer_get_link (&iter), ==, "mailto:b@example.vn");
  g_assert_true (find_text (GTK_TEXT_VIEW (view), "Xem", &iter));
  g_assert_null (bantin_html_renderer_get_link (&iter));
  g_assert_true (find_text (GTK_TEXT_VIEW (view), ".", &iter));
  g_assert_null (bantin_html_renderer_get_link (&iter));

  /* Rendering again replaces the old links rather than piling up tags. */
  n_tags = gtk_text_tag_table_get_size (table);
  bantin_html_renderer_render (GTK_TEXT_VIEW (view),
                               "<p>Xem <a href=\"https://a.example/1\">một</a> và "
                               "<a href=\"mailto:b@example.vn\">hai</a>.</p>",
                               NULL, NULL);
  g_assert_cmpint (gtk_text_tag_table_get_size (table), ==, n_tags);

  bantin_html_renderer_render (GTK_TEXT_VIEW (view), NULL, NULL, NULL);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);

  g_assert_finalize_object (view);
}

static void
test_renderer_children (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  Anchors anchors;
  GtkWidget *table_box = NULL;
  GtkWidget *grid;
  guint n_pictures = 0, n_placeholders = 0, n_separators = 0;

  bantin_html_renderer_render (GTK_TEXT_VIEW (view), ARTICLE_HTML, image_lookup, NULL);
  collect_anchors (GTK_TEXT_VIEW (view), &anchors);

  /* The rule, two images and the table. */
  g_assert_cmpuint (anchors.n_anchors, ==, 4);
  for (guint i = 0; i < anchors.widgets->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (anchors.widgets, i);

      if (GTK_IS_PICTURE (child))
        {
          n_pictures++;
          g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (child)), ==, "Có ảnh");
        }
      else if (GTK_IS_SEPARATOR (child))
        n_separators++;
      else if (gtk_widget_has_css_class (child, "bantin-image-placeholder"))
        {
          n_placeholders++;
          g_assert_nonnull (find_label (child, "Ảnh chưa tải"));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (child), ==, "https://img.example/khong.png");
        }
      else if (gtk_widget_has_css_class (child, "bantin-table-box"))
        table_box = child;
    }
  g_assert_cmpuint (n_pictures, ==, 1);
  g_assert_cmpuint (n_placeholders, ==, 1);
  g_assert_cmpuint (n_separators, ==, 1);
  g_assert_nonnull (table_box);

  g_assert_nonnull (find_label (table_box, "Bảng số liệu"));
  grid = gtk_widget_get_last_child (table_box);
  g_assert_true (GTK_IS_GRID (grid));
  g_assert_cmpuint (count_descendants (grid, GTK_TYPE_LABEL), ==, 5);
  {
    GtkWidget *header = gtk_grid_get_child_at (GTK_GRID (grid), 2, 0);
    GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), 2, 1);
    int column, row, width, height;

    g_assert_nonnull (header);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, "Kết quả");
    gtk_grid_query_child (GTK_GRID (grid), header, &column, &row, &width, &height);
    g_assert_cmpint (column, ==, 1);
    g_assert_cmpint (width, ==, 2);
    g_assert_true (gtk_widget_has_css_class (header, "bantin-table-header"));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "Đạt");
  }

  g_ptr_array_unref (anchors.widgets);
  g_assert_finalize_object (view);
}

static void
test_renderer_whitespace (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  g_autofree char *text = NULL;

  bantin_html_renderer_render (GTK_TEXT_VIEW (view),
                               "<div>\n  <p>  một\n   hai  </p>\n\n  <p>ba <b> bốn </b> năm</p>\n</div>\n",
                               NULL, NULL);
  text = buffer_text (GTK_TEXT_VIEW (view));
  g_assert_cmpstr (text, ==, "một hai\nba bốn năm");

  g_assert_finalize_object (view);
}

/* The article view, with an article from a real store. */

typedef struct
{
  char        *dir;
  BantinStore *store;
  gint64       feed_id;
} StoreFixture;

/* The parser's free functions are not used, so this test does not depend
 * on the parser being linked; the structs are plain. */
static void
free_item (gpointer data)
{
  BantinParsedItem *item = data;

  g_free (item->guid);
  g_free (item->link);
  g_free (item->title);
  g_free (item->author);
  g_free (item->summary);
  g_free (item->content);
  g_free (item->image_url);
  g_clear_pointer (&item->enclosures, g_ptr_array_unref);
  g_free (item);
}

static void
free_feed (BantinParsedFeed *feed)
{
  g_free (feed->title);
  g_free (feed->site_url);
  g_free (feed->description);
  g_ptr_array_unref (feed->items);
  g_free (feed);
}

static gint64
add_article_with_image (StoreFixture *fx,
                        const char   *guid,
                        const char   *title,
                        const char   *summary,
                        const char   *content,
                        const char   *image_url)
{
  BantinParsedFeed *parsed = g_new0 (BantinParsedFeed, 1);
  BantinParsedItem *item = g_new0 (BantinParsedItem, 1);
  BantinFeedUpdate update = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  BantinArticleQuery query = { 0 };
  gint64 id = 0;

  parsed->format = BANTIN_FEED_FORMAT_RSS;
  parsed->title = g_strdup ("Báo Điện tử Chính phủ");
  parsed->site_url = g_strdup ("https://baochinhphu.example/");
  parsed->items = g_ptr_array_new_with_free_func (free_item);

  item->guid = g_strdup (guid);
  item->link = g_strdup ("https://baochinhphu.example/tin/1.html");
  item->title = g_strdup (title);
  item->author = g_strdup ("Phóng viên A");
  item->summary = g_strdup (summary);
  item->content = g_strdup (content);
  item->published = 1530606600;   /* 2018-07-03 08:30 UTC, 15:30 in Hà Nội. */
  item->image_url = g_strdup (image_url);
  g_ptr_array_add (parsed->items, item);

  update.feed_id = fx->feed_id;
  update.checked_at = 1530606600;
  update.http_status = 200;
  update.parsed = parsed;
  bantin_feed_update_prepare (&update, NULL);
  bantin_store_apply_update (fx->store, &update, NULL, NULL, &error);
  g_assert_no_error (error);
  bantin_feed_update_clear (&update);
  free_feed (parsed);

  ids = bantin_store_query_ids (fx->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(BantinArticle) article = bantin_store_get_article (fx->store, g_array_index (ids, gint64, i), FALSE, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (bantin_article_get_guid (article), guid) == 0)
        id = bantin_article_get_id (article);
    }
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_article (StoreFixture *fx,
             const char   *guid,
             const char   *title,
             const char   *summary,
             const char   *content)
{
  return add_article_with_image (fx, guid, title, summary, content, NULL);
}

/* Records what a sync would have saved offline for an article: the page's
 * text as @full_content, and the files of tests/data/report/ named in
 * @cached (URL, file name pairs) as cached images. */
static void
save_offline (StoreFixture       *fx,
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

  page.url = "https://baochinhphu.example/tin/1.html";
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

  g_assert_true (bantin_store_save_article_images (fx->store, article_id, &g_array_index (results, BantinImageResult, 0),
                                                   results->len, TRUE, &error));
  g_assert_no_error (error);
}

static void
store_setup (StoreFixture  *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("bantin-article-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "bantin.db", NULL);
  fx->store = bantin_store_open (path, &error);
  g_assert_no_error (error);
  fx->feed_id = bantin_store_add_feed (fx->store, "https://baochinhphu.example/rss", "Báo Điện tử Chính phủ", NULL, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
store_teardown (StoreFixture  *fx,
                gconstpointer  data)
{
  g_assert_finalize_object (fx->store);
  remove_dir (fx->dir);
  g_free (fx->dir);
}

static GtkWidget *
find_button_with_action (GtkWidget  *widget,
                         const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkTextView *
find_text_view (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return GTK_TEXT_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = find_text_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot saved to %s", path);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_view_article (StoreFixture  *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticle) article = NULL;
  BantinArticleView *view;
  GtkWidget *window;
  GtkTextView *text_view;
  GtkWidget *title, *button;
  g_autofree char *text = NULL;
  gint64 id;

  id = add_article (fx, "full", "Thủ tướng chủ trì hội nghị trực tuyến với các địa phương",
                    "Tóm tắt", ARTICLE_HTML);
  article = bantin_store_get_article (fx->store, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bantin_article_get_content (article));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 1400);
  view = BANTIN_ARTICLE_VIEW (bantin_article_view_new ());
  bantin_article_view_set_image_lookup (view, image_lookup, NULL, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));

  g_assert_null (bantin_article_view_get_article (view));
  bantin_article_view_set_article (view, article);
  g_assert_true (bantin_article_view_get_article (view) == article);

  title = find_label (GTK_WIDGET (view), "Thủ tướng chủ trì hội nghị trực tuyến với các địa phương");
  g_assert_nonnull (title);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (title)));

  text_view = find_text_view (GTK_WIDGET (view));
  g_assert_nonnull (text_view);
  g_assert_false (gtk_text_view_get_editable (text_view));
  g_assert_false (gtk_text_view_get_cursor_visible (text_view));
  text = buffer_text (text_view);
  g_assert_true (g_str_has_prefix (text, "Tiêu đề lớn\nĐoạn đậm"));

  button = find_button_with_action (GTK_WIDGET (view), "article.open-in-browser");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Feed, author and date on one line. */
  {
    GtkWidget *meta = NULL;
    GtkWidget *w = gtk_widget_get_parent (button);

    for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_LABEL (c))
        meta = c;
    g_assert_nonnull (meta);
    g_test_message ("meta: %s", gtk_label_get_text (GTK_LABEL (meta)));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (meta)), "Báo Điện tử Chính phủ · Phóng viên A · "));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (meta)), "2018"));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (meta)), "15:30"));
  }

  gtk_window_present (GTK_WINDOW (window));
  spin (500);

  /* Zoom. */
  g_assert_cmpfloat (bantin_article_view_get_zoom (view), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (view), "article.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (bantin_article_view_get_zoom (view), 1.1, 0.0001);
  gtk_widget_activate_action (GTK_WIDGET (view), "article.zoom-out", NULL);
  g_assert_cmpfloat (bantin_article_view_get_zoom (view), ==, 1.0);
  for (int i = 0; i < 30; i++)
    gtk_widget_activate_action (GTK_WIDGET (view), "article.zoom-in", NULL);
  g_assert_cmpfloat (bantin_article_view_get_zoom (view), ==, 3.0);
  gtk_widget_activate_action (GTK_WIDGET (view), "article.zoom-reset", NULL);
  g_assert_cmpfloat (bantin_article_view_get_zoom (view), ==, 1.0);
  for (int i = 0; i < 30; i++)
    gtk_widget_activate_action (GTK_WIDGET (view), "article.zoom-out", NULL);
  g_assert_cmpfloat (bantin_article_view_get_zoom (view), ==, 0.5);

  /* A bigger zoom makes the title taller. */
  {
    int small_height, big_height;

    spin (200);
    gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, 600, NULL, &small_height, NULL, NULL);
    bantin_article_view_set_zoom (view, 2.0);
    spin (200);
    gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, 600, NULL, &big_height, NULL, NULL);
    g_test_message ("title height %d at zoom 0.5, %d at zoom 2", small_height, big_height);
    g_assert_cmpint (big_height, >, small_height * 2);
    bantin_article_view_set_zoom (view, 1.0);
  }

  if (g_getenv ("BANTIN_SCREENSHOT") != NULL)
    {
      const char *seconds = g_getenv ("BANTIN_SCREENSHOT_SECONDS");

      spin (800);
      save_screenshot (window, g_getenv ("BANTIN_SCREENSHOT"));
      if (seconds != NULL)
        spin (atoi (seconds) * 1000);
    }

  /* Nothing shown for no article. */
  bantin_article_view_set_article (view, NULL);
  g_assert_null (bantin_article_view_get_article (view));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (title)));
  g_free (text);
  text = buffer_text (text_view);
  g_assert_cmpstr (text, ==, "");
  g_assert_false (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_summary_fallback (StoreFixture  *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticle) article = NULL;
  GtkWidget *view = g_object_ref_sink (bantin_article_view_new ());
  g_autofree char *text = NULL;
  gint64 id;

  id = add_article (fx, "summary-only", "Chỉ có tóm tắt",
                    "<p>Bản tin <b>ngắn</b> &amp; gọn.</p>", NULL);
  article = bantin_store_get_article (fx->store, id, TRUE, &error);
  g_assert_no_error (error);

  bantin_article_view_set_article (BANTIN_ARTICLE_VIEW (view), article);
  text = buffer_text (find_text_view (view));
  g_test_message ("content: %s", bantin_article_get_content (article));

  /* Either the store kept the summary as content or the view falls back
   * to the plain-text summary; the words show either way. */
  g_assert_nonnull (strstr (text, "Bản tin ngắn & gọn."));

  g_assert_finalize_object (view);
}

#define PHOTO_URL "https://img.baochinhphu.example/2018/hoi-nghi.png"
#define HEADER_URL "https://img.baochinhphu.example/2018/dau-trang.png"
#define MISSING_URL "https://img.baochinhphu.example/2018/bieu-do.png"

#define FULL_HTML \
  "<p>Sáng 3/7, Thủ tướng chủ trì hội nghị trực tuyến với các địa phương về phát triển kinh tế - xã hội.</p>" \
  "<figure><img src=\"" PHOTO_URL "\" alt=\"Toàn cảnh hội nghị\" width=\"320\" height=\"180\">" \
  "<figcaption>Toàn cảnh hội nghị. Ảnh: VGP</figcaption></figure>" \
  "<figure><img src=\"" MISSING_URL "\" alt=\"Biểu đồ tăng trưởng\">" \
  "<figcaption>Tăng trưởng GDP sáu tháng đầu năm</figcaption></figure>" \
  "<p>Hội nghị kết thúc lúc 12 giờ cùng ngày.</p>"

static gint64
add_offline_article (StoreFixture *fx,
                     const char   *guid)
{
  const char *urls[] = { HEADER_URL, PHOTO_URL, MISSING_URL, NULL };
  const char *cached[] = { PHOTO_URL, "photo.png", HEADER_URL, "header.png", NULL };
  gint64 id;

  id = add_article_with_image (fx, guid, "Thủ tướng chủ trì hội nghị trực tuyến", "Tóm tắt",
                               "<p>Tóm tắt ngắn từ nguồn tin.</p>", HEADER_URL);
  save_offline (fx, id, FULL_HTML, urls, cached);
  return id;
}

static BantinArticle *
load_article (StoreFixture  *fx,
              gint64         id,
              GHashTable   **images)
{
  g_autoptr(GError) error = NULL;
  BantinArticle *article = bantin_store_get_article (fx->store, id, TRUE, &error);

  g_assert_no_error (error);
  *images = bantin_report_load_images (fx->store, id, &error);
  g_assert_no_error (error);
  return article;
}

static void
test_view_full_and_summary (StoreFixture  *fx,
                            gconstpointer  data)
{
  g_autoptr(BantinArticle) first = NULL;
  g_autoptr(BantinArticle) second = NULL;
  g_autoptr(BantinArticle) plain = NULL;
  g_autoptr(GHashTable) first_images = NULL;
  g_autoptr(GHashTable) second_images = NULL;
  g_autoptr(GHashTable) plain_images = NULL;
  GtkWidget *window;
  BantinArticleView *view;
  GtkWidget *full_button, *feed_button;
  GtkTextView *text_view;
  g_autofree char *text = NULL;

  first = load_article (fx, add_offline_article (fx, "first"), &first_images);
  second = load_article (fx, add_offline_article (fx, "second"), &second_images);
  plain = load_article (fx, add_article (fx, "plain", "Chỉ có tin từ nguồn", "Tóm tắt",
                                         "<p>Nội dung từ nguồn tin.</p>"), &plain_images);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 900);
  view = BANTIN_ARTICLE_VIEW (bantin_article_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  text_view = find_text_view (GTK_WIDGET (view));

  /* The extracted article is longer: it shows first. */
  bantin_article_view_show_article (view, first, first_images, NULL);
  g_assert_true (bantin_article_view_get_showing_full (view));
  g_assert_cmpstr (bantin_article_view_get_shown_content (view), ==, "full");
  text = buffer_text (text_view);
  g_assert_nonnull (strstr (text, "Hội nghị kết thúc lúc 12 giờ"));
  g_assert_null (strstr (text, "Tóm tắt ngắn"));

  full_button = find_button_with_action (GTK_WIDGET (view), "article.shown-content");
  g_assert_nonnull (full_button);
  feed_button = gtk_widget_get_next_sibling (full_button);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (feed_button));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (full_button)));

  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (full_button)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (feed_button)));

  if (g_getenv ("BANTIN_SCREENSHOT_FULL") != NULL)
    save_screenshot (window, g_getenv ("BANTIN_SCREENSHOT_FULL"));

  /* The reader switches to the feed's text, by the button. */
  g_signal_emit_by_name (feed_button, "clicked");
  spin (100);
  g_assert_false (bantin_article_view_get_showing_full (view));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (feed_button)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (full_button)));
  g_free (text);
  text = buffer_text (text_view);
  /* The header picture, then the feed's text. */
  g_assert_cmpstr (text, ==, "\nTóm tắt ngắn từ nguồn tin.");

  if (g_getenv ("BANTIN_SCREENSHOT_SUMMARY") != NULL)
    save_screenshot (window, g_getenv ("BANTIN_SCREENSHOT_SUMMARY"));

  /* The choice holds for the next article. */
  bantin_article_view_show_article (view, second, second_images, NULL);
  g_assert_false (bantin_article_view_get_showing_full (view));
  g_free (text);
  text = buffer_text (text_view);
  /* The header picture, then the feed's text. */
  g_assert_cmpstr (text, ==, "\nTóm tắt ngắn từ nguồn tin.");

  /* An article with one content has no switch. */
  bantin_article_view_show_article (view, plain, plain_images, NULL);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (full_button)));
  g_free (text);
  text = buffer_text (text_view);
  g_assert_cmpstr (text, ==, "Nội dung từ nguồn tin.");

  /* And back to the full article, by the action. */
  bantin_article_view_show_article (view, second, second_images, NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "article.shown-content", "s", "full");
  g_assert_true (bantin_article_view_get_showing_full (view));
  g_free (text);
  text = buffer_text (text_view);
  g_assert_nonnull (strstr (text, "Hội nghị kết thúc lúc 12 giờ"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_cached_images (StoreFixture  *fx,
                         gconstpointer  data)
{
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(GHashTable) images = NULL;
  GtkWidget *window;
  BantinArticleView *view;
  GtkTextView *text_view;
  Anchors anchors;
  GtkWidget *placeholder = NULL;
  GPtrArray *pictures = g_ptr_array_new ();
  GtkTextIter iter;
  guint calls = 0;

  article = load_article (fx, add_offline_article (fx, "images"), &images);
  g_assert_cmpuint (g_hash_table_size (images), ==, 2);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 900);
  view = BANTIN_ARTICLE_VIEW (bantin_article_view_new ());
  /* A lookup that would answer for every URL: the cache comes first, and
   * nothing reaches the lookup for a cached image. */
  bantin_article_view_set_image_lookup (view, image_lookup, &calls, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  bantin_article_view_show_article (view, article, images, NULL);

  text_view = find_text_view (GTK_WIDGET (view));
  collect_anchors (text_view, &anchors);
  for (guint i = 0; i < anchors.widgets->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (anchors.widgets, i);

      if (GTK_IS_PICTURE (child))
        g_ptr_array_add (pictures, child);
      else if (gtk_widget_has_css_class (child, "bantin-image-placeholder"))
        placeholder = child;
    }

  /* The header picture (not in the text) first, then the photo; both are
   * textures decoded from the cached files. */
  g_assert_cmpuint (pictures->len, ==, 2);
  for (guint i = 0; i < pictures->len; i++)
    {
      GdkPaintable *paintable = gtk_picture_get_paintable (g_ptr_array_index (pictures, i));

      g_assert_true (GDK_IS_TEXTURE (paintable));
      g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, i == 0 ? 160 : 320);
      g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, i == 0 ? 90 : 180);
    }
  g_assert_cmpstr (gtk_picture_get_alternative_text (g_ptr_array_index (pictures, 1)), ==, "Toàn cảnh hội nghị");
  /* Only the uncached image was asked of the lookup, which has nothing. */
  g_assert_cmpuint (calls, ==, 1);

  /* The missing one: a placeholder with its alt text, and its caption. */
  g_assert_nonnull (placeholder);
  g_assert_nonnull (find_label (placeholder, "Biểu đồ tăng trưởng"));
  g_assert_true (find_text (text_view, "Tăng trưởng GDP sáu tháng đầu năm", &iter));
  g_assert_true (has_tag_at (text_view, "Tăng trưởng GDP sáu tháng đầu năm", "bantin-caption"));
  g_assert_true (has_tag_at (text_view, "Toàn cảnh hội nghị. Ảnh: VGP", "bantin-caption"));

  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  if (g_getenv ("BANTIN_SCREENSHOT_IMAGES") != NULL)
    save_screenshot (window, g_getenv ("BANTIN_SCREENSHOT_IMAGES"));

  g_ptr_array_unref (anchors.widgets);
  g_ptr_array_unref (pictures);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The pictures placed in the article view's text, in order. */
static GPtrArray *
find_pictures (BantinArticleView *view)
{
  GPtrArray *pictures = g_ptr_array_new ();
  Anchors anchors;

  collect_anchors (find_text_view (GTK_WIDGET (view)), &anchors);
  for (guint i = 0; i < anchors.widgets->len; i++)
    if (GTK_IS_PICTURE (g_ptr_array_index (anchors.widgets, i)))
      g_ptr_array_add (pictures, g_ptr_array_index (anchors.widgets, i));
  g_ptr_array_unref (anchors.widgets);

  return pictures;
}

static gpointer
decode_thread (gpointer data)
{
  return bantin_article_view_decode_images (data);
}

/* The window decodes an article's photos on its worker thread; the view
 * then shows those very textures and decodes nothing itself, even when
 * it lays the article out again (the feed's text, then the full one). */
static void
test_view_decoded_images (StoreFixture  *fx,
                          gconstpointer  data)
{
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(GHashTable) images = NULL;
  g_autoptr(GHashTable) textures = NULL;
  g_autoptr(GHashTable) broken = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  GtkWidget *window;
  BantinArticleView *view;
  GHashTableIter iter;
  gpointer path;

  article = load_article (fx, add_offline_article (fx, "decoded"), &images);
  g_assert_cmpuint (g_hash_table_size (images), ==, 2);

  textures = g_thread_join (g_thread_new ("decode", decode_thread, images));
  g_assert_cmpuint (g_hash_table_size (textures), ==, 2);
  g_hash_table_iter_init (&iter, images);
  while (g_hash_table_iter_next (&iter, NULL, &path))
    g_assert_true (GDK_IS_TEXTURE (g_hash_table_lookup (textures, path)));

  /* A file that is not an image is left out, not an error. */
  broken = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (broken, (gpointer) "https://example.vn/x.jpg", (gpointer) "/nonexistent/bantin/x");
  none = bantin_article_view_decode_images (broken);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);

  /* Remove the files: whatever the view shows now comes from @textures. */
  g_hash_table_iter_init (&iter, images);
  while (g_hash_table_iter_next (&iter, NULL, &path))
    g_assert_cmpint (g_unlink (path), ==, 0);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 900);
  view = BANTIN_ARTICLE_VIEW (bantin_article_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  bantin_article_view_show_article (view, article, images, textures);
  g_assert_true (bantin_article_view_get_showing_full (view));
  bantin_article_view_set_shown_content (view, "feed");
  bantin_article_view_set_shown_content (view, "full");
  g_assert_true (bantin_article_view_get_showing_full (view));

  pictures = find_pictures (view);
  g_assert_cmpuint (pictures->len, ==, 2);
  for (guint i = 0; i < pictures->len; i++)
    {
      GdkPaintable *paintable = gtk_picture_get_paintable (g_ptr_array_index (pictures, i));
      gboolean found = FALSE;

      g_hash_table_iter_init (&iter, textures);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &path))
        found |= (gpointer) paintable == path;
      g_assert_true (found);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A photo wider than the room the text has is shown within it, rather
 * than widening the view (which made an adaptive window fold and hide
 * the article). */
static void
test_view_image_room (StoreFixture  *fx,
                      gconstpointer  data)
{
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(GHashTable) images = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  GtkWidget *window;
  BantinArticleView *view;
  int room;

  article = load_article (fx, add_offline_article (fx, "room"), &images);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 600);
  view = BANTIN_ARTICLE_VIEW (bantin_article_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  room = gtk_widget_get_width (GTK_WIDGET (view));
  g_assert_cmpint (room, >, 0);
  g_assert_cmpint (room, <, 320);

  bantin_article_view_show_article (view, article, images, NULL);
  spin (200);

  pictures = find_pictures (view);
  g_assert_cmpuint (pictures->len, ==, 2);
  for (guint i = 0; i < pictures->len; i++)
    {
      GtkWidget *picture = g_ptr_array_index (pictures, i);
      int width, height;

      /* The photo is 320 x 180: it shrinks, keeping its shape. */
      gtk_widget_get_size_request (picture, &width, &height);
      g_assert_cmpint (width, <, room);
      if (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (GTK_PICTURE (picture))) == 320)
        g_assert_cmpint (ABS (height * 16 - width * 9), <=, 16);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), ==, room);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pages in a PDF written by cairo: "/Type /Page" but not "/Type /Pages". */
static guint
count_pdf_pages (const char *contents,
                 gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i + 12 <= len; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n++;
  return n;
}

static void
test_print_pdf (StoreFixture  *fx,
                gconstpointer  data)
{
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(BantinArticle) short_article = NULL;
  g_autoptr(GHashTable) images = NULL;
  g_autoptr(GHashTable) short_images = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GString) html = g_string_new (FULL_HTML);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "bai-viet.pdf", NULL);
  g_autofree char *report_path = g_build_filename (fx->dir, "ban-tin.pdf", NULL);
  g_autofree char *contents = NULL;
  const char *urls[] = { PHOTO_URL, NULL };
  const char *cached[] = { PHOTO_URL, "photo.png", NULL };
  BantinArticleView *view;
  BantinReport *report;
  GtkPrintOperationResult result;
  guint long_pages, short_pages;
  gsize len;
  gint64 id;

  for (int i = 1; i <= 60; i++)
    g_string_append_printf (html, "<h2>Mục %d</h2><p>Đoạn %d: Ủy ban nhân dân tỉnh đã triển khai đồng bộ "
                            "các giải pháp cải cách hành chính, nâng cao chất lượng phục vụ người dân "
                            "và doanh nghiệp trên địa bàn.</p>", i, i);
  id = add_article (fx, "long", "Báo cáo dài về cải cách hành chính", "Tóm tắt", "<p>Tóm tắt.</p>");
  save_offline (fx, id, html->str, urls, cached);
  article = load_article (fx, id, &images);

  view = BANTIN_ARTICLE_VIEW (g_object_ref_sink (bantin_article_view_new ()));
  g_assert_null (bantin_article_view_create_print_operation (view));
  bantin_article_view_show_article (view, article, images, NULL);
  operation = bantin_article_view_create_print_operation (view);
  g_assert_nonnull (operation);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  long_pages = count_pdf_pages (contents, len);
  g_test_message ("the long article printed on %u pages", long_pages);
  g_assert_cmpuint (long_pages, >, 1);

  /* A short article fits on one page. */
  short_article = load_article (fx, add_article (fx, "short", "Tin ngắn", "Tóm tắt", "<p>Một đoạn.</p>"),
                                &short_images);
  report = bantin_report_new ("Tin ngắn", NULL);
  bantin_report_add (report, short_article, short_images, FALSE);
  g_assert_true (bantin_print_export_pdf (report, FALSE, path, &error));
  g_assert_no_error (error);
  g_free (contents);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  short_pages = count_pdf_pages (contents, len);
  g_assert_cmpuint (short_pages, ==, 1);

  /* A day's report: a title page, then each article from a new page. */
  report = bantin_report_new ("Bản tin ngày 03/07/2018", NULL);
  bantin_report_add (report, short_article, short_images, FALSE);
  bantin_report_add (report, article, images, TRUE);
  g_assert_true (bantin_print_export_pdf (report, TRUE, report_path, &error));
  g_assert_no_error (error);
  g_free (contents);
  g_assert_true (g_file_get_contents (report_path, &contents, &len, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (count_pdf_pages (contents, len), ==, 1 + short_pages + long_pages);

  if (g_getenv ("BANTIN_REPORT_PDF") != NULL)
    g_file_set_contents (g_getenv ("BANTIN_REPORT_PDF"), contents, (gssize) len, NULL);

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  /* What the application loads, so the screenshot looks like the app. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/bantin/Bantin/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/article-view/renderer/text-and-tags", test_renderer_text_and_tags);
  g_test_add_func ("/article-view/renderer/links", test_renderer_links);
  g_test_add_func ("/article-view/renderer/children", test_renderer_children);
  g_test_add_func ("/article-view/renderer/whitespace", test_renderer_whitespace);
  g_test_add ("/article-view/view/article", StoreFixture, NULL, store_setup, test_view_article, store_teardown);
  g_test_add ("/article-view/view/summary-fallback", StoreFixture, NULL, store_setup, test_view_summary_fallback, store_teardown);
  g_test_add ("/article-view/view/full-and-summary", StoreFixture, NULL, store_setup, test_view_full_and_summary, store_teardown);
  g_test_add ("/article-view/view/cached-images", StoreFixture, NULL, store_setup, test_view_cached_images, store_teardown);
  g_test_add ("/article-view/view/decoded-images", StoreFixture, NULL, store_setup, test_view_decoded_images, store_teardown);
  g_test_add ("/article-view/view/image-room", StoreFixture, NULL, store_setup, test_view_image_room, store_teardown);
  g_test_add ("/article-view/print/pdf", StoreFixture, NULL, store_setup, test_print_pdf, store_teardown);

  return g_test_run ();
}
