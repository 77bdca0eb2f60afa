/* bantin-print.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Printing lays the sanitized HTML out again with Pango rather than
 * drawing the article view's widgets: a page is not a scrolled window, and
 * text has to break across pages line by line. The HTML becomes a list of
 * blocks (paragraphs as Pango markup, images, rules); begin-print measures
 * them at the page's width and deals their lines out to pages; draw-page
 * draws one page's share. Images are decoded only when their page is
 * drawn, so a long report never holds all its pictures at once. */

#define G_LOG_DOMAIN "bantin-print"

#include "config.h"

#include "bantin-print.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "bantin-cached-image.h"
#include "bantin-date.h"

#define MAX_DEPTH 96
#define FOOTER_HEIGHT 18.0
/* Images are laid out at 96 pixels to the inch. */
#define POINTS_PER_PIXEL 0.75
/* Enough for a page's width at 300 dots to the inch. */
#define MAX_IMAGE_PIXELS 2400

typedef enum {
  BLOCK_TEXT,
  BLOCK_MISSING_IMAGE,
  BLOCK_IMAGE,
  BLOCK_RULE,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef enum {
  STYLE_BODY,
  STYLE_DOC_TITLE,
  STYLE_SUBTITLE,
  STYLE_TITLE,
  STYLE_FEED,
  STYLE_META,
  STYLE_H2,
  STYLE_H3,
  STYLE_CAPTION,
  STYLE_QUOTE,
  STYLE_PRE,
  STYLE_LIST,
  STYLE_TOC_FEED,
  STYLE_TOC_ITEM,
  N_STYLES,
} BlockStyle;

typedef struct
{
  const char     *font;
  double          space_before;
  double          space_after;
  PangoAlignment  alignment;
  gboolean        dim;
  gboolean        keep_with_next;
} StyleInfo;

static const StyleInfo styles[N_STYLES] = {
  [STYLE_BODY] = { "Serif 11", 0, 7, PANGO_ALIGN_LEFT, FALSE, FALSE },
  [STYLE_DOC_TITLE] = { "Sans Bold 22", 0, 8, PANGO_ALIGN_LEFT, FALSE, TRUE },
  [STYLE_SUBTITLE] = { "Sans 13", 0, 6, PANGO_ALIGN_LEFT, FALSE, TRUE },
  [STYLE_TITLE] = { "Sans Bold 17", 2, 5, PANGO_ALIGN_LEFT, FALSE, TRUE },
  [STYLE_FEED] = { "Sans Bold 9", 0, 2, PANGO_ALIGN_LEFT, TRUE, TRUE },
  [STYLE_META] = { "Sans 9", 0, 10, PANGO_ALIGN_LEFT, TRUE, FALSE },
  [STYLE_H2] = { "Sans Bold 13.5", 8, 4, PANGO_ALIGN_LEFT, FALSE, TRUE },
  [STYLE_H3] = { "Sans Bold 11.5", 6, 3, PANGO_ALIGN_LEFT, FALSE, TRUE },
  [STYLE_CAPTION] = { "Sans Italic 9", 0, 10, PANGO_ALIGN_CENTER, TRUE, FALSE },
  [STYLE_QUOTE] = { "Serif Italic 11", 0, 7, PANGO_ALIGN_LEFT, TRUE, FALSE },
  [STYLE_PRE] = { "Monospace 9", 0, 7, PANGO_ALIGN_LEFT, FALSE, FALSE },
  [STYLE_LIST] = { "Serif 11", 0, 3, PANGO_ALIGN_LEFT, FALSE, FALSE },
  [STYLE_TOC_FEED] = { "Sans Bold 12", 12, 4, PANGO_ALIGN_LEFT, FALSE, TRUE },
  [STYLE_TOC_ITEM] = { "Serif 11", 0, 3, PANGO_ALIGN_LEFT, FALSE, FALSE },
};

typedef struct
{
  BlockKind    kind;
  BlockStyle   style;
  char        *markup;      /* Text and missing images. */
  double       indent;      /* Points. */
  char        *path;        /* Images. */
  int          pixel_width;
  int          pixel_height;

  /* Set by pagination. */
  PangoLayout *layout;
  double       width;
  double       height;
} Block;

typedef struct
{
  Block  *block;
  int     first_line;       /* Text: the lines on this page. */
  int     n_lines;
  double  y;                /* Top of the placement on the page. */
  double  offset;           /* Text: where the first line is in the layout. */
  double  height;
} Placement;

typedef struct
{
  BantinReport *report;
  gboolean      title_page;
  GPtrArray    *blocks;     /* Block */
  GPtrArray    *pages;      /* GArray of Placement */
} PrintJob;

static void
block_free (Block *block)
{
  g_free (block->markup);
  g_free (block->path);
  g_clear_object (&block->layout);
  g_free (block);
}

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->report, bantin_report_free);
  g_clear_pointer (&job->blocks, g_ptr_array_unref);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_free (job);
}

static Block *
add_block (PrintJob   *job,
           BlockKind   kind,
           BlockStyle  style,
           char       *markup)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->style = style;
  block->markup = markup;
  g_ptr_array_add (job->blocks, block);
  return block;
}

static void
add_text (PrintJob   *job,
          BlockStyle  style,
          const char *text)
{
  if (text != NULL && *text != '\0')
    add_block (job, BLOCK_TEXT, style, g_markup_escape_text (text, -1));
}

/* An image file of the cache that decodes; its size in pixels (as
 * decoded for print, at most MAX_IMAGE_PIXELS on a side). */
static gboolean
probe_image (const char *path,
             int        *width,
             int        *height)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return FALSE;

  texture = bantin_cached_image_load (path, MAX_IMAGE_PIXELS, &error);
  if (texture == NULL)
    {
      g_debug ("Not printing %s: %s", path, error->message);
      return FALSE;
    }

  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  return TRUE;
}

static gboolean
add_image (PrintJob   *job,
           const char *path)
{
  int width = 0, height = 0;
  Block *block;

  if (!probe_image (path, &width, &height))
    return FALSE;

  block = add_block (job, BLOCK_IMAGE, STYLE_BODY, NULL);
  block->path = g_strdup (path);
  block->pixel_width = width;
  block->pixel_height = height;
  return TRUE;
}

/* HTML to blocks */

typedef struct
{
  PrintJob          *job;
  BantinReportEntry *entry;
  const char        *header_image;
  gboolean           saw_header_image;
  GString           *para;
  BlockStyle         style;
  double             indent;
  int                pre;
  GArray            *lists;     /* int per open list: next number, or -1. */
  gboolean           pending_space;
} Walker;

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static void
flush (Walker *w)
{
  g_autofree char *text = NULL;

  w->pending_space = FALSE;
  if (w->para->len == 0)
    return;

  /* Only markup and white space: nothing to print. */
  text = NULL;
  if (pango_parse_markup (w->para->str, -1, 0, NULL, &text, NULL, NULL))
    {
      g_strstrip (text);
      if (*text != '\0')
        {
          Block *block = add_block (w->job, BLOCK_TEXT, w->style, g_strdup (w->para->str));

          block->indent = w->indent;
        }
    }
  g_string_truncate (w->para, 0);
}

static void
append_text (Walker     *w,
             const char *text)
{
  if (w->pre > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append (w->para, escaped);
      return;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[8];
      int len;

      if (g_unichar_isspace (c) && c != 0x00a0)
        {
          w->pending_space = TRUE;
          continue;
        }

      if (w->pending_space && w->para->len > 0 && w->para->str[w->para->len - 1] != '\n')
        g_string_append_c (w->para, ' ');
      w->pending_space = FALSE;

      if (c == '&')
        g_string_append (w->para, "&amp;");
      else if (c == '<')
        g_string_append (w->para, "&lt;");
      else if (c == '>')
        g_string_append (w->para, "&gt;");
      else
        {
          len = g_unichar_to_utf8 (c, buf);
          g_string_append_len (w->para, buf, len);
        }
    }
}

static void walk_children (Walker  *w,
                           xmlNode *node,
                           int      depth);

static void
walk_block (Walker     *w,
            xmlNode    *node,
            int         depth,
            BlockStyle  style,
            double      indent)
{
  BlockStyle saved_style = w->style;
  double saved_indent = w->indent;

  flush (w);
  w->style = style;
  w->indent = indent;
  walk_children (w, node, depth);
  flush (w);
  w->style = saved_style;
  w->indent = saved_indent;
}

static void
walk_inline (Walker     *w,
             xmlNode    *node,
             int         depth,
             const char *open,
             const char *close)
{
  /* A space before the span goes outside it. */
  if (w->pending_space && w->para->len > 0)
    {
      g_string_append_c (w->para, ' ');
      w->pending_space = FALSE;
    }
  g_string_append (w->para, open);
  walk_children (w, node, depth);
  g_string_append (w->para, close);
}

static void
walk_image (Walker  *w,
            xmlNode *node)
{
  g_autofree char *src = get_attr (node, "src");
  g_autofree char *alt = get_attr (node, "alt");
  g_autofree char *width = get_attr (node, "width");
  const char *path = src != NULL ? g_hash_table_lookup (w->entry->images, src) : NULL;
  BlockStyle saved_style = w->style;

  if (src != NULL && g_strcmp0 (src, w->header_image) == 0)
    w->saw_header_image = TRUE;

  /* Icons and emoji drawn as images: their alt text is enough. */
  if (width != NULL && atoi (width) > 0 && atoi (width) <= 48)
    {
      if (alt != NULL)
        append_text (w, alt);
      return;
    }

  flush (w);
  if (!add_image (w->job, path))
    {
      const char *text = alt != NULL && *alt != '\0' ? alt : _("Image not available offline");

      add_block (w->job, BLOCK_MISSING_IMAGE, STYLE_CAPTION, g_markup_escape_text (text, -1));
    }
  w->style = saved_style;
}

static void
walk_table_row (Walker  *w,
                xmlNode *row,
                int      depth)
{
  gboolean first = TRUE;

  flush (w);
  for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
    {
      gboolean header;

      if (cell->type != XML_ELEMENT_NODE ||
          (strcmp ((const char *) cell->name, "td") != 0 && strcmp ((const char *) cell->name, "th") != 0))
        continue;

      header = strcmp ((const char *) cell->name, "th") == 0;
      if (!first)
        g_string_append (w->para, "  │  ");
      first = FALSE;
      w->pending_space = FALSE;
      if (header)
        g_string_append (w->para, "<b>");
      walk_children (w, cell, depth);
      if (header)
        g_string_append (w->para, "</b>");
    }
  flush (w);
}

static void
walk_table (Walker  *w,
            xmlNode *node,
            int      depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *name = (const char *) child->name;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (strcmp (name, "tr") == 0)
        walk_table_row (w, child, depth);
      else if (strcmp (name, "caption") == 0)
        walk_block (w, child, depth, STYLE_CAPTION, w->indent);
      else if (strcmp (name, "thead") == 0 || strcmp (name, "tbody") == 0 || strcmp (name, "tfoot") == 0)
        walk_table (w, child, depth + 1);
    }
}

static gboolean
is_block_element (const char *name)
{
  static const char * const blocks[] = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure",
    "dl", "dt", "dd", "address", "center",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (strcmp (blocks[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void
walk_element (Walker  *w,
              xmlNode *node,
              int      depth)
{
  const char *name = (const char *) node->name;

  if (strcmp (name, "script") == 0 || strcmp (name, "style") == 0)
    return;

  if (strcmp (name, "br") == 0)
    {
      g_string_append_c (w->para, '\n');
      w->pending_space = FALSE;
    }
  else if (strcmp (name, "img") == 0)
    walk_image (w, node);
  else if (strcmp (name, "hr") == 0)
    {
      flush (w);
      add_block (w->job, BLOCK_RULE, STYLE_BODY, NULL);
    }
  else if (strcmp (name, "table") == 0)
    walk_table (w, node, depth);
  else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    walk_block (w, node, depth, name[1] <= '2' ? STYLE_H2 : STYLE_H3, w->indent);
  else if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0)
    {
      xmlChar *start = xmlGetProp (node, (const xmlChar *) "start");
      int first = strcmp (name, "ol") == 0 ? (start != NULL ? atoi ((const char *) start) : 1) : -1;

      xmlFree (start);
      flush (w);
      g_array_append_val (w->lists, first);
      walk_children (w, node, depth);
      g_array_set_size (w->lists, w->lists->len - 1);
      flush (w);
    }
  else if (strcmp (name, "li") == 0)
    {
      BlockStyle saved_style = w->style;
      double saved_indent = w->indent;
      int *counter = w->lists->len > 0 ? &g_array_index (w->lists, int, w->lists->len - 1) : NULL;

      flush (w);
      w->style = STYLE_LIST;
      w->indent = saved_indent + 16;
      if (counter != NULL && *counter >= 0)
        g_string_append_printf (w->para, "%d. ", (*counter)++);
      else
        g_string_append (w->para, "• ");
      walk_children (w, node, depth);
      flush (w);
      w->style = saved_style;
      w->indent = saved_indent;
    }
  else if (strcmp (name, "blockquote") == 0)
    walk_block (w, node, depth, STYLE_QUOTE, w->indent + 18);
  else if (strcmp (name, "pre") == 0)
    {
      w->pre++;
      walk_block (w, node, depth, STYLE_PRE, w->indent);
      w->pre--;
    }
  else if (strcmp (name, "figcaption") == 0)
    walk_block (w, node, depth, STYLE_CAPTION, w->indent);
  else if (strcmp (name, "b") == 0 || strcmp (name, "strong") == 0 || strcmp (name, "dt") == 0)
    walk_inline (w, node, depth, "<b>", "</b>");
  else if (strcmp (name, "i") == 0 || strcmp (name, "em") == 0 || strcmp (name, "cite") == 0)
    walk_inline (w, node, depth, "<i>", "</i>");
  else if (strcmp (name, "u") == 0 || strcmp (name, "ins") == 0)
    walk_inline (w, node, depth, "<u>", "</u>");
  else if (strcmp (name, "s") == 0 || strcmp (name, "del") == 0 || strcmp (name, "strike") == 0)
    walk_inline (w, node, depth, "<s>", "</s>");
  else if (strcmp (name, "code") == 0 || strcmp (name, "kbd") == 0 || strcmp (name, "tt") == 0)
    walk_inline (w, node, depth, "<tt>", "</tt>");
  else if (strcmp (name, "sub") == 0)
    walk_inline (w, node, depth, "<sub>", "</sub>");
  else if (strcmp (name, "sup") == 0)
    walk_inline (w, node, depth, "<sup>", "</sup>");
  else if (strcmp (name, "small") == 0)
    walk_inline (w, node, depth, "<small>", "</small>");
  else if (strcmp (name, "a") == 0)
    walk_inline (w, node, depth, "<span foreground=\"#1a5fb4\">", "</span>");
  else if (strcmp (name, "q") == 0)
    walk_inline (w, node, depth, "“", "”");
  else if (is_block_element (name))
    walk_block (w, node, depth, w->style, w->indent);
  else
    walk_children (w, node, depth);
}

static void
walk_children (Walker  *w,
               xmlNode *node,
               int      depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && child->content != NULL)
        append_text (w, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE && child->name != NULL)
        walk_element (w, child, depth + 1);
    }
}

/* Returns whether the content showed the header image. */
static gboolean
add_content (PrintJob          *job,
             BantinReportEntry *entry,
             const char        *html)
{
  Walker w = { 0 };
  htmlDocPtr doc;

  doc = htmlReadMemory (html, (int) MIN (strlen (html), G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NODEFDTD);
  if (doc == NULL)
    return FALSE;

  w.job = job;
  w.entry = entry;
  w.header_image = bantin_article_get_image_url (entry->article);
  w.para = g_string_new (NULL);
  w.style = STYLE_BODY;
  w.lists = g_array_new (FALSE, FALSE, sizeof (int));

  walk_children (&w, (xmlNode *) doc, 0);
  flush (&w);

  g_string_free (w.para, TRUE);
  g_array_unref (w.lists);
  xmlFreeDoc (doc);

  return w.saw_header_image;
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

static void
add_article (PrintJob          *job,
             BantinReportEntry *entry)
{
  BantinArticle *article = entry->article;
  const char *feed = bantin_article_get_feed_title (article);
  const char *title = bantin_article_get_title (article);
  const char *author = bantin_article_get_author (article);
  const char *link = bantin_article_get_link (article);
  const char *image_url = bantin_article_get_image_url (article);
  const char *content = bantin_report_pick_content (article, entry->full, NULL);
  gint64 published = bantin_article_get_published (article);
  g_autoptr(GString) meta = g_string_new (NULL);
  guint header_index;
  gboolean saw_header_image = FALSE;

  if (feed != NULL && *feed != '\0')
    {
      g_autofree char *upper = g_utf8_strup (feed, -1);

      add_text (job, STYLE_FEED, upper);
    }
  add_text (job, STYLE_TITLE, title != NULL && *title != '\0' ? title : _("(Untitled)"));

  if (author != NULL && *author != '\0')
    g_string_append (meta, author);
  if (published > 0)
    {
      g_autofree char *when = format_time (published, "%d/%m/%Y %H:%M");

      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, when);
    }
  add_text (job, STYLE_META, meta->str);

  header_index = job->blocks->len;
  if (content != NULL)
    {
      saw_header_image = add_content (job, entry, content);
    }
  else
    {
      const char *summary = bantin_article_get_summary (article);

      add_text (job, STYLE_BODY, summary);
    }

  /* The item's picture goes first, unless the text shows it already. */
  if (image_url != NULL && !saw_header_image)
    {
      const char *path = g_hash_table_lookup (entry->images, image_url);
      guint before = job->blocks->len;

      if (path != NULL && add_image (job, path))
        {
          Block *block = g_ptr_array_steal_index (job->blocks, before);

          g_ptr_array_insert (job->blocks, (int) header_index, block);
        }
    }

  if (link != NULL && (g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://")))
    {
      g_autofree char *text = g_strdup_printf ("%s %s", _("Original article:"), link);

      add_text (job, STYLE_META, text);
    }
}

static void
add_title_page (PrintJob *job)
{
  BantinReport *report = job->report;
  g_autofree char *created = format_time (report->created, "%d/%m/%Y %H:%M");
  g_autofree char *n_articles = NULL;
  g_autofree char *n_feeds = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *line = NULL;
  guint feeds = bantin_report_count_feeds (report);
  gint64 last_feed = -1;

  add_text (job, STYLE_DOC_TITLE, report->title);
  add_text (job, STYLE_SUBTITLE, report->subtitle);

  n_articles = g_strdup_printf (ngettext ("%u article", "%u articles", report->entries->len),
                                report->entries->len);
  n_feeds = g_strdup_printf (ngettext ("%u feed", "%u feeds", feeds), feeds);
  /* Translators: the first %s is "N articles", the second "N feeds". */
  counts = g_strdup_printf (_("%s from %s"), n_articles, n_feeds);
  /* Translators: %s is a date and time, e.g. "03/07/2018 15:30". */
  generated = g_strdup_printf (_("Prepared with Bantin on %s"), created);
  line = g_strdup_printf ("%s · %s", counts, generated);
  add_text (job, STYLE_META, line);
  add_block (job, BLOCK_RULE, STYLE_BODY, NULL);

  for (guint i = 0; i < report->entries->len; i++)
    {
      BantinReportEntry *entry = g_ptr_array_index (report->entries, i);
      const char *title = bantin_article_get_title (entry->article);
      gint64 published = bantin_article_get_published (entry->article);
      g_autofree char *escaped = NULL;
      g_autofree char *when = NULL;
      Block *block;

      if (i == 0 || bantin_article_get_feed_id (entry->article) != last_feed)
        {
          const char *feed = bantin_article_get_feed_title (entry->article);

          add_text (job, STYLE_TOC_FEED, feed != NULL && *feed != '\0' ? feed : _("Unknown source"));
          last_feed = bantin_article_get_feed_id (entry->article);
        }

      escaped = g_markup_escape_text (title != NULL && *title != '\0' ? title : _("(Untitled)"), -1);
      when = published > 0 ? format_time (published, "%H:%M") : g_strdup ("");
      block = add_block (job, BLOCK_TEXT, STYLE_TOC_ITEM,
                         g_strdup_printf ("%u. %s  <span foreground=\"#77767b\" size=\"small\">%s</span>",
                                          i + 1, escaped, when));
      block->indent = 8;
    }
}

static void
build_blocks (PrintJob *job)
{
  if (job->title_page)
    add_title_page (job);

  for (guint i = 0; i < job->report->entries->len; i++)
    {
      if (job->title_page || i > 0)
        add_block (job, BLOCK_PAGE_BREAK, STYLE_BODY, NULL);
      add_article (job, g_ptr_array_index (job->report->entries, i));
    }
}

/* Pagination */

typedef struct
{
  PrintJob *job;
  GArray   *page;
  double    y;
  double    page_height;
} Pager;

static void
new_page (Pager *pager)
{
  pager->page = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_ptr_array_add (pager->job->pages, pager->page);
  pager->y = 0;
}

static void
place (Pager     *pager,
       Placement *placement)
{
  placement->y = pager->y;
  g_array_append_val (pager->page, *placement);
  pager->y += placement->height;
}

static void
paginate_text (Pager *pager,
               Block *block)
{
  const StyleInfo *style = &styles[block->style];
  PangoLayoutIter *iter;
  Placement run = { block, 0, 0, 0, 0, 0 };
  double padding = block->kind == BLOCK_MISSING_IMAGE ? 8.0 : 0.0;
  int line = 0;

  if (pager->y > 0)
    pager->y += style->space_before;
  pager->y += padding;

  /* Keep a heading with the first lines of what follows it. */
  if (style->keep_with_next && pager->y > 0 && pager->y + block->height + 48 > pager->page_height)
    new_page (pager);

  iter = pango_layout_get_iter (block->layout);
  do
    {
      PangoRectangle logical;
      double top, height, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = logical.y / (double) PANGO_SCALE;
      height = logical.height / (double) PANGO_SCALE;

      bottom = pager->y + (run.n_lines > 0 ? top + height - run.offset : height);
      if (bottom > pager->page_height && (run.n_lines > 0 || pager->page->len > 0))
        {
          if (run.n_lines > 0)
            place (pager, &run);
          new_page (pager);
          run.first_line = line;
          run.n_lines = 0;
        }

      if (run.n_lines == 0)
        {
          run.offset = top;
          run.height = 0;
        }
      run.n_lines++;
      run.height = top + height - run.offset;
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  if (run.n_lines > 0)
    {
      double start = pager->y;

      run.y = start;
      g_array_append_val (pager->page, run);
      pager->y = start + run.height;
    }

  pager->y += padding + style->space_after;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  double width = gtk_print_context_get_width (context);
  Pager pager = { job, NULL, 0, gtk_print_context_get_height (context) - FOOTER_HEIGHT };

  g_clear_pointer (&job->pages, g_ptr_array_unref);
  job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  new_page (&pager);

  for (guint i = 0; i < job->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (job->blocks, i);

      switch (block->kind)
        {
        case BLOCK_PAGE_BREAK:
          if (pager.page->len > 0)
            new_page (&pager);
          break;

        case BLOCK_RULE:
          {
            Placement placement = { block, 0, 0, 0, 0, 18 };

            if (pager.y + placement.height > pager.page_height)
              new_page (&pager);
            block->width = width;
            place (&pager, &placement);
          }
          break;

        case BLOCK_IMAGE:
          {
            double scale = 1.0;
            Placement placement = { block, 0, 0, 0, 0, 0 };

            block->width = block->pixel_width * POINTS_PER_PIXEL;
            block->height = block->pixel_height * POINTS_PER_PIXEL;
            if (block->width > width)
              scale = width / block->width;
            if (block->height * scale > pager.page_height * 0.7)
              scale = pager.page_height * 0.7 / block->height;
            block->width *= scale;
            block->height *= scale;

            if (pager.y > 0)
              pager.y += 4;
            if (pager.y + block->height > pager.page_height && pager.page->len > 0)
              new_page (&pager);
            placement.height = block->height;
            place (&pager, &placement);
            pager.y += 6;
          }
          break;

        case BLOCK_TEXT:
        case BLOCK_MISSING_IMAGE:
          {
            const StyleInfo *style = &styles[block->style];
            g_autoptr(PangoFontDescription) font = pango_font_description_from_string (style->font);
            double padding = block->kind == BLOCK_MISSING_IMAGE ? 8.0 : 0.0;
            PangoRectangle logical;

            g_clear_object (&block->layout);
            block->layout = gtk_print_context_create_pango_layout (context);
            pango_layout_set_font_description (block->layout, font);
            pango_layout_set_width (block->layout, (int) ((width - block->indent - 2 * padding) * PANGO_SCALE));
            pango_layout_set_wrap (block->layout, PANGO_WRAP_WORD_CHAR);
            pango_layout_set_alignment (block->layout, style->alignment);
            pango_layout_set_spacing (block->layout, block->style == STYLE_BODY ? 2 * PANGO_SCALE : 0);
            if (pango_parse_markup (block->markup, -1, 0, NULL, NULL, NULL, NULL))
              pango_layout_set_markup (block->layout, block->markup, -1);
            else
              pango_layout_set_text (block->layout, block->markup, -1);

            pango_layout_get_extents (block->layout, NULL, &logical);
            block->height = logical.height / (double) PANGO_SCALE;
            block->width = width - block->indent;
            paginate_text (&pager, block);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  gtk_print_operation_set_n_pages (operation, (int) job->pages->len);
}

/* Drawing */

static void
draw_image (cairo_t *cr,
            Block   *block,
            double   x,
            double   y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  int width, height;

  texture = bantin_cached_image_load (block->path, MAX_IMAGE_PIXELS, &error);
  if (texture == NULL)
    {
      g_debug ("Could not load %s: %s", block->path, error->message);
      return;
    }

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return;
    }
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, block->width / width, block->height / height);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  cairo_surface_destroy (surface);
}

static void
draw_text (cairo_t   *cr,
           Placement *placement,
           double     page_width)
{
  Block *block = placement->block;
  const StyleInfo *style = &styles[block->style];
  double padding = block->kind == BLOCK_MISSING_IMAGE ? 8.0 : 0.0;
  double x = block->indent + padding;
  PangoLayoutIter *iter;
  int line = 0;

  if (block->kind == BLOCK_MISSING_IMAGE)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 0.75);
      cairo_set_dash (cr, (double[]) { 3.0, 2.0 }, 2, 0);
      cairo_rectangle (cr, block->indent + 0.5, placement->y - padding + 0.5,
                       page_width - block->indent - 1, placement->height + 2 * padding - 1);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  if (style->dim)
    cairo_set_source_rgb (cr, 0.37, 0.36, 0.39);
  else
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);

  iter = pango_layout_get_iter (block->layout);
  do
    {
      if (line >= placement->first_line && line < placement->first_line + placement->n_lines)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr,
                         x + logical.x / (double) PANGO_SCALE,
                         placement->y + baseline / (double) PANGO_SCALE - placement->offset);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (line < placement->first_line + placement->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  GArray *page;

  if (job->pages == NULL || page_nr < 0 || (guint) page_nr >= job->pages->len)
    return;

  page = g_ptr_array_index (job->pages, page_nr);
  for (guint i = 0; i < page->len; i++)
    {
      Placement *placement = &g_array_index (page, Placement, i);
      Block *block = placement->block;

      switch (block->kind)
        {
        case BLOCK_TEXT:
        case BLOCK_MISSING_IMAGE:
          draw_text (cr, placement, width);
          break;

        case BLOCK_IMAGE:
          draw_image (cr, block, (width - block->width) / 2, placement->y);
          break;

        case BLOCK_RULE:
          cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
          cairo_set_line_width (cr, 0.75);
          cairo_move_to (cr, 0, placement->y + 9);
          cairo_line_to (cr, width, placement->y + 9);
          cairo_stroke (cr);
          break;

        case BLOCK_PAGE_BREAK:
        default:
          break;
        }
    }

  /* The page number, and the report's title on every page but the first. */
  {
    g_autoptr(PangoLayout) footer = gtk_print_context_create_pango_layout (context);
    g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
    g_autofree char *text = NULL;

    if (page_nr > 0 && job->title_page)
      text = g_strdup_printf ("%s  ·  %d / %u", job->report->title, page_nr + 1, job->pages->len);
    else
      text = g_strdup_printf ("%d / %u", page_nr + 1, job->pages->len);

    pango_layout_set_font_description (footer, font);
    pango_layout_set_width (footer, (int) (width * PANGO_SCALE));
    pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);
    pango_layout_set_ellipsize (footer, PANGO_ELLIPSIZE_MIDDLE);
    pango_layout_set_text (footer, text, -1);
    cairo_set_source_rgb (cr, 0.47, 0.46, 0.48);
    cairo_move_to (cr, 0, height - FOOTER_HEIGHT + 6);
    pango_cairo_show_layout (cr, footer);
  }
}

static void
end_print_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              PrintJob          *job)
{
  g_clear_pointer (&job->pages, g_ptr_array_unref);
}

/**
 * bantin_print_operation_new:
 * @report: (transfer full): what to print
 * @title_page: whether to start with a title page and start each article
 *   on a new page
 *
 * Returns: (transfer full): a print operation on A4 paper.
 */
GtkPrintOperation *
bantin_print_operation_new (BantinReport *report,
                            gboolean      title_page)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPrintOperation *operation;
  PrintJob *job;

  g_return_val_if_fail (report != NULL, NULL);

  job = g_new0 (PrintJob, 1);
  job->report = report;
  job->title_page = title_page;
  job->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  build_blocks (job);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_top_margin (setup, 18, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 14, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 20, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 20, GTK_UNIT_MM);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, report->title);

  g_object_set_data_full (G_OBJECT (operation), "bantin-print-job", job, (GDestroyNotify) print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "end-print", G_CALLBACK (end_print_cb), job);

  return operation;
}

/**
 * bantin_print_export_pdf:
 * @report: (transfer full): what to print
 * @path: the PDF file to write
 *
 * Exports @report as PDF, without a dialog.
 */
gboolean
bantin_print_export_pdf (BantinReport  *report,
                         gboolean       title_page,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = bantin_print_operation_new (report, title_page);
  gtk_print_operation_set_export_filename (operation, path);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
