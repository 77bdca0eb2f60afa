/* bantin-report.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTML form of a report is one file that works anywhere, offline, for
 * years: CSS inline, images inline as data: URIs read from the cache, and a
 * Content-Security-Policy that forbids any other source, so that even a
 * browser asked to open it online fetches nothing. The stored HTML has
 * already been sanitized, but it is written out again through an allow
 * list of elements and attributes here rather than copied, because an
 * attribute that is harmless in our native view (a srcset, a style) would
 * make a browser fetch. */

#define G_LOG_DOMAIN "bantin-report"

#include "config.h"

#include "bantin-report.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "bantin-date.h"
#include "bantin-html.h"
#include "bantin-image-cache.h"

/* Sanitized HTML is at most 48 levels deep; stop well past that anyway. */
#define MAX_DEPTH 96
/* Beyond this many bytes of images in one document, the rest are left
 * out (with their alt text), so a day of photo stories stays openable. */
#define MAX_EMBEDDED_BYTES (G_GINT64_CONSTANT (256) * 1024 * 1024)

static void
entry_free (BantinReportEntry *entry)
{
  g_clear_object (&entry->article);
  g_clear_pointer (&entry->images, g_hash_table_unref);
  g_free (entry);
}

void
bantin_report_free (BantinReport *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->subtitle);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self);
}

/**
 * bantin_report_load_images:
 * @store: the store the article is in
 * @article_id: the article
 *
 * Returns: (transfer full): a table from image URL to the file of its
 *   cached copy, for the images of the article that are in the cache.
 */
GHashTable *
bantin_report_load_images (BantinStore  *store,
                           gint64        article_id,
                           GError      **error)
{
  g_autoptr(GPtrArray) images = NULL;
  GHashTable *table;

  g_return_val_if_fail (BANTIN_IS_STORE (store), NULL);

  images = bantin_store_list_article_images (store, article_id, error);
  if (images == NULL)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < images->len; i++)
    {
      BantinArticleImage *image = g_ptr_array_index (images, i);

      if (image->url != NULL && image->path != NULL)
        g_hash_table_replace (table, g_strdup (image->url), g_strdup (image->path));
    }

  return table;
}

static gsize
text_length (const char *html)
{
  g_autofree char *text = NULL;

  if (html == NULL || *html == '\0')
    return 0;

  text = bantin_html_to_text (html, 0);
  return g_utf8_strlen (text, -1);
}

/**
 * bantin_report_full_is_better:
 * @article: an article with its content loaded
 *
 * Returns: whether the article extracted from the web page has more text
 *   than the feed gave, so that it is the one to show by default.
 */
gboolean
bantin_report_full_is_better (BantinArticle *article)
{
  const char *full;

  g_return_val_if_fail (BANTIN_IS_ARTICLE (article), FALSE);

  full = bantin_article_get_full_content (article);
  if (full == NULL || *full == '\0')
    return FALSE;

  return text_length (full) > text_length (bantin_article_get_content (article));
}

/**
 * bantin_report_pick_content:
 * @article: an article with its content loaded
 * @want_full: whether the full article is wanted over the feed's content
 * @out_is_full: (out) (optional): whether the result is the full article
 *
 * Returns: (nullable): the sanitized HTML to show: the one asked for when
 *   the article has it, else the other one, else %NULL (then only the
 *   plain-text summary is left).
 */
const char *
bantin_report_pick_content (BantinArticle *article,
                            gboolean       want_full,
                            gboolean      *out_is_full)
{
  const char *full;
  const char *feed;
  const char *result;
  gboolean is_full;

  g_return_val_if_fail (BANTIN_IS_ARTICLE (article), NULL);

  full = bantin_article_get_full_content (article);
  feed = bantin_article_get_content (article);
  if (full != NULL && *full == '\0')
    full = NULL;
  if (feed != NULL && *feed == '\0')
    feed = NULL;

  if (want_full && full != NULL)
    is_full = TRUE;
  else if (feed != NULL)
    is_full = FALSE;
  else
    is_full = full != NULL;

  result = is_full ? full : feed;
  if (out_is_full != NULL)
    *out_is_full = is_full;
  return result;
}

/**
 * bantin_report_new:
 * @title: the report's title
 * @subtitle: (nullable): a line under it
 *
 * Returns: (transfer full): an empty report; see bantin_report_add().
 */
BantinReport *
bantin_report_new (const char *title,
                   const char *subtitle)
{
  BantinReport *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_new0 (BantinReport, 1);
  self->title = g_strdup (title);
  self->subtitle = subtitle != NULL && *subtitle != '\0' ? g_strdup (subtitle) : NULL;
  self->created = g_get_real_time () / G_USEC_PER_SEC;
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  return self;
}

/**
 * bantin_report_add:
 * @article: an article with its content loaded
 * @images: (nullable): image URL -> cached file, as from
 *   bantin_report_load_images(); a reference is taken
 * @full: whether to show the extracted article rather than the feed's
 *   content (when it has both)
 *
 * Adds an article at the end, whatever its feed.
 */
void
bantin_report_add (BantinReport  *self,
                   BantinArticle *article,
                   GHashTable    *images,
                   gboolean       full)
{
  BantinReportEntry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (BANTIN_IS_ARTICLE (article));

  entry = g_new0 (BantinReportEntry, 1);
  entry->article = g_object_ref (article);
  entry->images = images != NULL ? g_hash_table_ref (images)
                                 : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  entry->full = full;
  g_ptr_array_add (self->entries, entry);
}

/* Loading */

typedef struct
{
  char              *key;     /* The feed title's collation key. */
  guint              index;
  BantinReportEntry *entry;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const SortItem *x = a;
  const SortItem *y = b;
  int cmp = strcmp (x->key, y->key);

  if (cmp != 0)
    return cmp;
  if (bantin_article_get_feed_id (x->entry->article) != bantin_article_get_feed_id (y->entry->article))
    return bantin_article_get_feed_id (x->entry->article) < bantin_article_get_feed_id (y->entry->article) ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Feeds in alphabetical order, each feed's articles in the order given. */
static void
group_by_feed (GPtrArray *entries)
{
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), entries->len);

  for (guint i = 0; i < entries->len; i++)
    {
      BantinReportEntry *entry = g_ptr_array_index (entries, i);
      const char *feed = bantin_article_get_feed_title (entry->article);
      SortItem item = { g_utf8_collate_key (feed != NULL ? feed : "", -1), i, entry };

      g_array_append_val (items, item);
    }

  g_array_sort (items, compare_sort_items);

  for (guint i = 0; i < items->len; i++)
    {
      SortItem *item = &g_array_index (items, SortItem, i);

      entries->pdata[i] = item->entry;
      g_free (item->key);
    }
}

/**
 * bantin_report_load:
 * @store: the store
 * @ids: (array length=n_ids): articles, in the order to list them per feed
 * @title: the report's title
 * @subtitle: (nullable): a line under it
 *
 * Loads the articles (at most %BANTIN_REPORT_MAX_ARTICLES), their content
 * and where their cached images are. Articles removed meanwhile are
 * skipped.
 *
 * Returns: (transfer full): the report, or %NULL on a store error.
 */
BantinReport *
bantin_report_load (BantinStore   *store,
                    const gint64  *ids,
                    guint          n_ids,
                    const char    *title,
                    const char    *subtitle,
                    GError       **error)
{
  g_autoptr(BantinReport) report = NULL;

  g_return_val_if_fail (BANTIN_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  report = bantin_report_new (title, subtitle);

  for (guint i = 0; i < n_ids && report->entries->len < BANTIN_REPORT_MAX_ARTICLES; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(BantinArticle) article = NULL;
      GHashTable *images;

      article = bantin_store_get_article (store, ids[i], TRUE, &local_error);
      if (article == NULL)
        {
          if (g_error_matches (local_error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      images = bantin_report_load_images (store, ids[i], error);
      if (images == NULL)
        return NULL;

      bantin_report_add (report, article, images, bantin_report_full_is_better (article));
      g_hash_table_unref (images);
    }

  group_by_feed (report->entries);

  return g_steal_pointer (&report);
}

/**
 * bantin_report_count_feeds:
 *
 * Returns: how many feeds the report's articles come from.
 */
guint
bantin_report_count_feeds (BantinReport *self)
{
  guint n = 0;
  gint64 last = -1;

  g_return_val_if_fail (self != NULL, 0);

  /* Entries are grouped by feed. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      BantinReportEntry *entry = g_ptr_array_index (self->entries, i);
      gint64 feed_id = bantin_article_get_feed_id (entry->article);

      if (i == 0 || feed_id != last)
        n++;
      last = feed_id;
    }

  return n;
}

/* Writing HTML */

typedef struct
{
  GString    *out;
  GHashTable *images;            /* Borrowed: the entry's. */
  const char *header_image;      /* Nullable. */
  gboolean    saw_header_image;
  gint64      embedded_bytes;
  GHashTable *data_uris;         /* Path -> data: URI, shared by the whole document. */
} HtmlContext;

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

static gboolean
name_in (const char         *name,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const kept_elements[] = {
  "p", "div", "span", "section", "article", "header", "footer", "main", "aside", "nav",
  "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "ins", "s", "del",
  "strike", "code", "kbd", "tt", "samp", "var", "small", "big", "sub", "sup", "mark", "q",
  "cite", "abbr", "dfn", "time", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd",
  "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
  "br", "hr", "a", "address", "center",
  NULL
};

/* Left out with everything inside them. Anything else unknown is left out
 * but its text is kept. */
static const char * const dropped_elements[] = {
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
  "math", "video", "audio", "source", "track", "picture", "link", "meta", "base",
  "template", "noscript", "form", "input", "button", "select", "textarea", "canvas",
  "head", "title", "map", "area",
  NULL
};

static const char * const void_elements[] = { "br", "hr", "img", "wbr", NULL };

static gboolean
is_safe_href (const char *href)
{
  return g_str_has_prefix (href, "https://") ||
         g_str_has_prefix (href, "http://") ||
         g_str_has_prefix (href, "mailto:");
}

static gboolean
is_number (const char *value)
{
  if (value == NULL || *value == '\0' || strlen (value) > 6)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

static void
append_kept_attributes (GString    *out,
                        xmlNode    *node,
                        const char *element)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      xmlChar *raw = xmlNodeGetContent ((xmlNode *) attr);
      const char *value = (const char *) raw;
      gboolean keep = FALSE;

      if (value == NULL)
        continue;

      if (strcmp (name, "title") == 0 || strcmp (name, "lang") == 0)
        keep = TRUE;
      else if (strcmp (name, "dir") == 0)
        keep = strcmp (value, "ltr") == 0 || strcmp (value, "rtl") == 0 || strcmp (value, "auto") == 0;
      else if (strcmp (element, "a") == 0 && strcmp (name, "href") == 0)
        keep = is_safe_href (value);
      else if ((strcmp (element, "td") == 0 || strcmp (element, "th") == 0) &&
               (strcmp (name, "colspan") == 0 || strcmp (name, "rowspan") == 0))
        keep = is_number (value);
      else if (strcmp (element, "ol") == 0 && strcmp (name, "start") == 0)
        keep = is_number (value);

      if (keep)
        append_attribute (out, name, value);
      xmlFree (raw);
    }
}

/* The image file as a data: URI, or NULL when it is missing, too large,
 * not a bitmap we know (SVG is refused: it can fetch), or over budget. */
static const char *
get_data_uri (HtmlContext *ctx,
              const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  BantinImageType type;
  const char *uri;
  gsize length = 0;

  uri = g_hash_table_lookup (ctx->data_uris, path);
  if (uri != NULL)
    return *uri != '\0' ? uri : NULL;

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL ||
      g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) > BANTIN_REPORT_MAX_IMAGE_BYTES ||
      ctx->embedded_bytes + g_file_info_get_size (info) > MAX_EMBEDDED_BYTES ||
      !g_file_get_contents (path, &contents, &length, &error))
    {
      g_debug ("Not embedding %s: %s", path, error != NULL ? error->message : "too large");
      g_hash_table_insert (ctx->data_uris, g_strdup (path), g_strdup (""));
      return NULL;
    }

  type = bantin_image_sniff ((const guint8 *) contents, length);
  if (type == BANTIN_IMAGE_TYPE_UNKNOWN || type == BANTIN_IMAGE_TYPE_SVG)
    {
      g_hash_table_insert (ctx->data_uris, g_strdup (path), g_strdup (""));
      return NULL;
    }

  ctx->embedded_bytes += length;
  encoded = g_base64_encode ((const guchar *) contents, length);
  uri = g_strconcat ("data:", bantin_image_type_to_mime_type (type), ";base64,", encoded, NULL);
  g_hash_table_insert (ctx->data_uris, g_strdup (path), (char *) uri);

  return uri;
}

static void
append_missing_image (GString    *out,
                      const char *alt)
{
  g_string_append (out, "<span class=\"missing-image\">");
  append_escaped (out, alt != NULL && *alt != '\0' ? alt : _("Image not available offline"));
  g_string_append (out, "</span>");
}

static void
append_image (HtmlContext *ctx,
              const char  *url,
              const char  *alt,
              const char  *width,
              const char  *height)
{
  const char *path = url != NULL ? g_hash_table_lookup (ctx->images, url) : NULL;
  const char *data_uri = path != NULL ? get_data_uri (ctx, path) : NULL;

  if (ctx->header_image != NULL && g_strcmp0 (url, ctx->header_image) == 0)
    ctx->saw_header_image = TRUE;

  if (data_uri == NULL)
    {
      append_missing_image (ctx->out, alt);
      return;
    }

  g_string_append (ctx->out, "<img src=\"");
  g_string_append (ctx->out, data_uri);
  g_string_append_c (ctx->out, '"');
  append_attribute (ctx->out, "alt", alt != NULL ? alt : "");
  if (is_number (width))
    append_attribute (ctx->out, "width", width);
  if (is_number (height))
    append_attribute (ctx->out, "height", height);
  g_string_append (ctx->out, ">");
}

static const char * const block_elements[] = {
  "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure",
  "figcaption", "table", "ul", "ol", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
  "h6", "hr", "address", "center",
  NULL
};

static gboolean
has_block_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *name = NULL;

      if (child->type != XML_ELEMENT_NODE || child->name == NULL)
        continue;
      name = g_ascii_strdown ((const char *) child->name, -1);
      if (name_in (name, block_elements))
        return TRUE;
    }
  return FALSE;
}

static void write_children (HtmlContext *ctx,
                            xmlNode     *node,
                            int          depth);

static void
write_element (HtmlContext *ctx,
               xmlNode     *node,
               int          depth)
{
  g_autofree char *name = g_ascii_strdown ((const char *) node->name, -1);

  if (name_in (name, dropped_elements))
    return;

  if (strcmp (name, "img") == 0)
    {
      xmlChar *src = xmlGetProp (node, (const xmlChar *) "src");
      xmlChar *alt = xmlGetProp (node, (const xmlChar *) "alt");
      xmlChar *width = xmlGetProp (node, (const xmlChar *) "width");
      xmlChar *height = xmlGetProp (node, (const xmlChar *) "height");

      append_image (ctx, (const char *) src, (const char *) alt, (const char *) width, (const char *) height);
      xmlFree (src);
      xmlFree (alt);
      xmlFree (width);
      xmlFree (height);
      return;
    }

  if (!name_in (name, kept_elements))
    {
      write_children (ctx, node, depth);
      return;
    }

  /* libxml2's parser (HTML 4) leaves a figure or a list inside the <p>
   * before it, which a browser would split into empty paragraphs. */
  if (strcmp (name, "p") == 0 && has_block_child (node))
    {
      g_string_append (ctx->out, "<div class=\"p\"");
      append_kept_attributes (ctx->out, node, name);
      g_string_append_c (ctx->out, '>');
      write_children (ctx, node, depth);
      g_string_append (ctx->out, "</div>");
      return;
    }

  /* Headings inside an article sit below its title. */
  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0' && name[1] < '3')
    name[1] = name[1] == '1' ? '2' : '3';

  g_string_append_printf (ctx->out, "<%s", name);
  append_kept_attributes (ctx->out, node, name);
  g_string_append_c (ctx->out, '>');

  if (name_in (name, void_elements))
    return;

  write_children (ctx, node, depth);
  g_string_append_printf (ctx->out, "</%s>", name);
}

static void
write_children (HtmlContext *ctx,
                xmlNode     *node,
                int          depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && child->content != NULL)
        append_escaped (ctx->out, (const char *) child->content);
      else if (child->type == XML_CDATA_SECTION_NODE && child->content != NULL)
        append_escaped (ctx->out, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE && child->name != NULL)
        write_element (ctx, child, depth + 1);
    }
}

static void
write_content (HtmlContext *ctx,
               const char  *html)
{
  htmlDocPtr doc;
  xmlNode *root;
  g_autofree char *valid = NULL;
  gsize len;

  if (html == NULL || *html == '\0')
    return;

  len = strlen (html);
  if (!g_utf8_validate_len (html, len, NULL))
    {
      valid = g_utf8_make_valid (html, len);
      html = valid;
      len = strlen (html);
    }

  doc = htmlReadMemory (html, (int) MIN (len, G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NODEFDTD | HTML_PARSE_NOIMPLIED);
  if (doc == NULL)
    return;

  /* With NOIMPLIED the fragment's nodes are the document's children. */
  root = (xmlNode *) doc;
  write_children (ctx, root, 0);
  xmlFreeDoc (doc);
}

static char *
format_time (gint64      unix_time,
             const char *format)
{
  g_autoptr(GTimeZone) tz = bantin_date_get_timezone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, format);
}

static gboolean
spans_several_days (BantinReport *self)
{
  BantinDay first = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      BantinReportEntry *entry = g_ptr_array_index (self->entries, i);
      BantinDay day = bantin_article_get_local_day (entry->article);

      if (day == 0)
        continue;
      if (first == 0)
        first = day;
      else if (day != first)
        return TRUE;
    }

  return FALSE;
}

static const char stylesheet[] =
  "body{margin:0;background:#fff;color:#1d1d1d;"
  "font:17px/1.6 \"Noto Serif\",\"DejaVu Serif\",Georgia,serif}"
  "main{max-width:44em;margin:0 auto;padding:2em 1.5em}"
  "h1,h2,h3,h4,.feed,.meta,nav,.generated{font-family:\"Cantarell\",\"Noto Sans\",\"DejaVu Sans\",sans-serif}"
  ".title-page{text-align:left;padding-bottom:2em;border-bottom:3px double #999}"
  ".title-page h1{font-size:2.1em;line-height:1.2;margin:.5em 0 .2em}"
  ".subtitle{font-size:1.2em;margin:0 0 .3em}"
  ".generated,.meta,.time,.feed{color:#5e5c64;font-size:.9em}"
  "nav h2{font-size:1.15em;margin:1.4em 0 .3em;padding-bottom:.2em;border-bottom:1px solid #ccc}"
  "nav ol{margin:0;padding-left:1.6em}nav li{margin:.25em 0}"
  "nav a{color:inherit;text-decoration:none}nav a:hover{text-decoration:underline}"
  "article{padding-top:2em;margin-top:2em;border-top:1px solid #ccc}"
  "article header h1{font-size:1.6em;line-height:1.25;margin:.2em 0}"
  ".feed{text-transform:uppercase;letter-spacing:.04em;margin:0}"
  "a{color:#1c71d8}"
  "img{max-width:100%;height:auto;display:block;margin:1em auto}"
  ".p{margin:1em 0}figure{margin:1.2em 0}figcaption{color:#5e5c64;font-size:.9em;text-align:center}"
  ".missing-image{display:block;margin:1em 0;padding:.6em .8em;border:1px dashed #999;"
  "border-radius:6px;color:#5e5c64;font-size:.9em;background:#f6f5f4}"
  ".missing-image::before{content:\"\\1F5BC\\FE0E  \"}"
  "blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #ccc;color:#444}"
  "pre{white-space:pre-wrap;background:#f6f5f4;padding:.6em}"
  "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em}"
  ".source{font-size:.9em;color:#5e5c64;margin-top:1.5em}"
  ".top{font-size:.85em}"
  "@media print{body{font-size:11pt}main{max-width:none;padding:0}"
  "article{break-before:page;border-top:none;margin-top:0;padding-top:0}"
  ".top{display:none}a{color:inherit}}";

static void
append_title_page (BantinReport *self,
                   GString      *out,
                   gboolean      several_days)
{
  g_autofree char *created = format_time (self->created, "%d/%m/%Y %H:%M");
  g_autofree char *generated = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *n_articles_text = NULL;
  g_autofree char *n_feeds_text = NULL;
  guint n_feeds = bantin_report_count_feeds (self);
  gint64 last_feed = -1;
  gboolean open = FALSE;

  g_string_append (out, "<section class=\"title-page\" id=\"top\">\n<h1>");
  append_escaped (out, self->title);
  g_string_append (out, "</h1>\n");
  if (self->subtitle != NULL)
    {
      g_string_append (out, "<p class=\"subtitle\">");
      append_escaped (out, self->subtitle);
      g_string_append (out, "</p>\n");
    }

  n_articles_text = g_strdup_printf (ngettext ("%u article", "%u articles", self->entries->len),
                                     self->entries->len);
  n_feeds_text = g_strdup_printf (ngettext ("%u feed", "%u feeds", n_feeds), n_feeds);
  /* Translators: the first %s is "N articles", the second "N feeds". */
  articles = g_strdup_printf (_("%s from %s"), n_articles_text, n_feeds_text);
  /* Translators: %s is a date and time, e.g. "03/07/2018 15:30". */
  generated = g_strdup_printf (_("Prepared with Bantin on %s"), created);
  g_string_append (out, "<p class=\"generated\">");
  append_escaped (out, articles);
  g_string_append (out, " · ");
  append_escaped (out, generated);
  g_string_append (out, "</p>\n<nav>\n");

  for (guint i = 0; i < self->entries->len; i++)
    {
      BantinReportEntry *entry = g_ptr_array_index (self->entries, i);
      BantinArticle *article = entry->article;
      const char *title = bantin_article_get_title (article);
      gint64 published = bantin_article_get_published (article);

      if (!open || bantin_article_get_feed_id (article) != last_feed)
        {
          const char *feed = bantin_article_get_feed_title (article);

          if (open)
            g_string_append (out, "</ol>\n");
          g_string_append (out, "<h2>");
          append_escaped (out, feed != NULL && *feed != '\0' ? feed : _("Unknown source"));
          g_string_append_printf (out, "</h2>\n<ol start=\"%u\">\n", i + 1);
          open = TRUE;
          last_feed = bantin_article_get_feed_id (article);
        }

      g_string_append_printf (out, "<li><a href=\"#article-%u\">", i + 1);
      append_escaped (out, title != NULL && *title != '\0' ? title : _("(Untitled)"));
      g_string_append (out, "</a>");
      if (published > 0)
        {
          g_autofree char *when = format_time (published, several_days ? "%d/%m/%Y %H:%M" : "%H:%M");

          g_string_append (out, " <span class=\"time\">");
          append_escaped (out, when);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</li>\n");
    }

  if (open)
    g_string_append (out, "</ol>\n");
  g_string_append (out, "</nav>\n</section>\n");
}

static void
append_article (BantinReport      *self,
                GString           *out,
                GHashTable        *data_uris,
                gint64            *embedded_bytes,
                BantinReportEntry *entry,
                guint              number)
{
  BantinArticle *article = entry->article;
  const char *title = bantin_article_get_title (article);
  const char *feed = bantin_article_get_feed_title (article);
  const char *author = bantin_article_get_author (article);
  const char *link = bantin_article_get_link (article);
  const char *image_url = bantin_article_get_image_url (article);
  gint64 published = bantin_article_get_published (article);
  const char *content = bantin_report_pick_content (article, entry->full, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  HtmlContext ctx = { 0 };

  ctx.out = body;
  ctx.images = entry->images;
  ctx.header_image = image_url;
  ctx.data_uris = data_uris;
  ctx.embedded_bytes = *embedded_bytes;

  if (content != NULL)
    {
      write_content (&ctx, content);
    }
  else
    {
      const char *summary = bantin_article_get_summary (article);

      if (summary != NULL && *summary != '\0')
        {
          g_string_append (body, "<p>");
          append_escaped (body, summary);
          g_string_append (body, "</p>");
        }
    }

  g_string_append_printf (out, "<article id=\"article-%u\">\n<header>\n", number);
  if (feed != NULL && *feed != '\0')
    {
      g_string_append (out, "<p class=\"feed\">");
      append_escaped (out, feed);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "<h1>");
  append_escaped (out, title != NULL && *title != '\0' ? title : _("(Untitled)"));
  g_string_append (out, "</h1>\n");

  if ((author != NULL && *author != '\0') || published > 0)
    {
      g_string_append (out, "<p class=\"meta\">");
      if (author != NULL && *author != '\0')
        append_escaped (out, author);
      if (author != NULL && *author != '\0' && published > 0)
        g_string_append (out, " · ");
      if (published > 0)
        {
          g_autofree char *when = format_time (published, "%d/%m/%Y %H:%M");

          append_escaped (out, when);
        }
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</header>\n");

  /* The item's picture, when the text does not show it already. Only a
   * cached copy: a missing header picture has no caption worth a box. */
  if (image_url != NULL && !ctx.saw_header_image)
    {
      const char *path = g_hash_table_lookup (entry->images, image_url);
      const char *data_uri = path != NULL ? get_data_uri (&ctx, path) : NULL;

      if (data_uri != NULL)
        {
          g_string_append (out, "<figure><img src=\"");
          g_string_append (out, data_uri);
          g_string_append (out, "\" alt=\"\"></figure>\n");
        }
    }

  g_string_append_len (out, body->str, body->len);
  g_string_append_c (out, '\n');

  if (link != NULL && is_safe_href (link))
    {
      g_string_append (out, "<p class=\"source\">");
      append_escaped (out, _("Original article:"));
      g_string_append (out, " <a");
      append_attribute (out, "href", link);
      g_string_append_c (out, '>');
      append_escaped (out, link);
      g_string_append (out, "</a></p>\n");
    }
  g_string_append_printf (out, "<p class=\"top\"><a href=\"#top\">%s</a></p>\n", _("↑ Contents"));
  g_string_append (out, "</article>\n");

  *embedded_bytes = ctx.embedded_bytes;
}

/**
 * bantin_report_to_html:
 *
 * Writes the report as one self-contained HTML document: a title page
 * listing the feeds and their headlines (linked to the articles), then
 * each article with its images inline. Reads the image files.
 *
 * Returns: (transfer full): UTF-8 HTML.
 */
char *
bantin_report_to_html (BantinReport *self)
{
  g_autoptr(GHashTable) data_uris = NULL;
  GString *out;
  gint64 embedded = 0;

  g_return_val_if_fail (self != NULL, NULL);

  data_uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  out = g_string_sized_new (64 * 1024);

  g_string_append (out,
                   "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "img-src data:; style-src 'unsafe-inline'\">\n"
                   "<meta name=\"referrer\" content=\"no-referrer\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"Bantin\">\n<title>");
  append_escaped (out, self->title);
  g_string_append (out, "</title>\n<style>");
  g_string_append (out, stylesheet);
  g_string_append (out, "</style>\n</head>\n<body>\n<main>\n");

  append_title_page (self, out, spans_several_days (self));
  for (guint i = 0; i < self->entries->len; i++)
    append_article (self, out, data_uris, &embedded, g_ptr_array_index (self->entries, i), i + 1);

  g_string_append (out, "</main>\n</body>\n</html>\n");

  return g_string_free (out, FALSE);
}

/**
 * bantin_report_write_html:
 * @file: where to write; replaced atomically
 *
 * Writes bantin_report_to_html() to @file.
 */
gboolean
bantin_report_write_html (BantinReport  *self,
                          GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *html = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  html = bantin_report_to_html (self);
  return g_file_replace_contents (file, html, strlen (html), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}
