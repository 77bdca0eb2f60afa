/* bantin-html-renderer.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-html-renderer"

#include "config.h"

#include "bantin-html-renderer.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "bantin-text.h"

/* The input has already been through bantin_html_sanitize(), so it is
 * shallow (at most 48 kept levels) and uses only a known vocabulary; the
 * walk below is recursive but still stops descending at MAX_DEPTH in case
 * it is ever handed something else. */
#define MAX_DEPTH 96

/* Images and rules are never wider than this, in pixels: the article
 * column is clamped to 720 pixels minus its margins. */
#define MAX_IMAGE_WIDTH 640
#define MAX_IMAGE_WIDTH_KEY "bantin-max-image-width"

#define URL_KEY "bantin-url"
#define LINK_TAGS_KEY "bantin-link-tags"
#define CONTROLLERS_KEY "bantin-link-controllers"

typedef struct
{
  GtkTextView         *view;
  GtkTextBuffer       *buffer;
  BantinHtmlImageFunc  image_func;
  gpointer             user_data;
  guint                n_images;
  int                  max_image_width;

  GPtrArray           *tags;          /* Active style tags, innermost last. */
  GArray              *lists;         /* int per open list: next number, or -1 for bullets. */
  GPtrArray           *link_tags;     /* Owned by the buffer's tag table. */
  int                  quote_level;
  int                  pre;
  gboolean             pending_space;
} RenderState;

static gboolean
node_is (const xmlNode *node,
         const char    *name)
{
  return node->type == XML_ELEMENT_NODE &&
         node->name != NULL &&
         strcmp ((const char *) node->name, name) == 0;
}

static char *
node_get_attr (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static int
node_get_int_attr (xmlNode    *node,
                   const char *name,
                   int         fallback)
{
  g_autofree char *value = node_get_attr (node, name);
  char *end = NULL;
  gint64 v;

  if (value == NULL)
    return fallback;

  v = g_ascii_strtoll (value, &end, 10);
  if (end == value || v < G_MININT / 2 || v > G_MAXINT / 2)
    return fallback;
  return (int) v;
}

/* Tags */

static gboolean
prefers_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static GtkTextTag *
get_tag (RenderState *st,
         const char  *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (st->buffer);

  return gtk_text_tag_table_lookup (table, name);
}

/* Creates the named tags once per buffer. Their order is their priority:
 * later tags win where two set the same property. */
static void
ensure_tags (RenderState *st)
{
  static const double heading_scale[] = { 1.9, 1.55, 1.3, 1.15, 1.05, 1.0 };
  GtkTextBuffer *buffer = st->buffer;
  gboolean dark = prefers_dark ();
  GdkRGBA link_color, dim_color, code_bg, mark_bg;
  GtkTextTag *tag;

  gdk_rgba_parse (&link_color, dark ? "#78aeed" : "#1c71d8");
  gdk_rgba_parse (&dim_color, dark ? "#9a9996" : "#5e5c64");
  gdk_rgba_parse (&code_bg, dark ? "rgba(255,255,255,0.07)" : "rgba(0,0,0,0.05)");
  gdk_rgba_parse (&mark_bg, dark ? "rgba(229,165,10,0.45)" : "rgba(246,211,45,0.5)");

  if (get_tag (st, "bantin-p") == NULL)
    {
      gtk_text_buffer_create_tag (buffer, "bantin-p", "pixels-below-lines", 12, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-li", "pixels-below-lines", 4, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-gap", "size-points", 4.0, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-pre",
                                  "family", "monospace",
                                  "wrap-mode", GTK_WRAP_CHAR,
                                  "left-margin", 12,
                                  "right-margin", 12,
                                  NULL);

      for (int i = 0; i < 6; i++)
        {
          g_autofree char *name = g_strdup_printf ("bantin-h%d", i + 1);

          gtk_text_buffer_create_tag (buffer, name,
                                      "weight", PANGO_WEIGHT_BOLD,
                                      "scale", heading_scale[i],
                                      "pixels-above-lines", i < 2 ? 12 : 8,
                                      "pixels-below-lines", 8,
                                      NULL);
        }

      gtk_text_buffer_create_tag (buffer, "bantin-bold", "weight", PANGO_WEIGHT_BOLD, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-italic", "style", PANGO_STYLE_ITALIC, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-underline", "underline", PANGO_UNDERLINE_SINGLE, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-strike", "strikethrough", TRUE, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-mono", "family", "monospace", NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-code", NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-small", "scale", PANGO_SCALE_SMALL, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-sub", "rise", -4 * PANGO_SCALE, "scale", PANGO_SCALE_SMALL, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-sup", "rise", 6 * PANGO_SCALE, "scale", PANGO_SCALE_SMALL, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-mark", NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-quote", "style", PANGO_STYLE_ITALIC, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-caption",
                                  "scale", PANGO_SCALE_SMALL,
                                  "justification", GTK_JUSTIFY_CENTER,
                                  "pixels-below-lines", 12,
                                  NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-center", "justification", GTK_JUSTIFY_CENTER, NULL);
      gtk_text_buffer_create_tag (buffer, "bantin-link", "underline", PANGO_UNDERLINE_SINGLE, NULL);
    }

  /* Colours follow the current light or dark style at each render. */
  g_object_set (get_tag (st, "bantin-link"), "foreground-rgba", &link_color, NULL);
  g_object_set (get_tag (st, "bantin-quote"), "foreground-rgba", &dim_color, NULL);
  g_object_set (get_tag (st, "bantin-caption"), "foreground-rgba", &dim_color, NULL);
  g_object_set (get_tag (st, "bantin-code"), "background-rgba", &code_bg, "family", "monospace", NULL);
  g_object_set (get_tag (st, "bantin-pre"), "paragraph-background-rgba", &code_bg, NULL);
  g_object_set (get_tag (st, "bantin-mark"), "background-rgba", &mark_bg, NULL);

  tag = get_tag (st, "bantin-link");
  gtk_text_tag_set_priority (tag, gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (buffer)) - 1);
}

/* Left margin for the current nesting of quotes and lists; list items
 * hang their bullet to the left of the text. */
static GtkTextTag *
margin_tag (RenderState *st)
{
  int lists = (int) st->lists->len;
  g_autofree char *name = NULL;
  GtkTextTag *tag;

  if (st->quote_level == 0 && lists == 0)
    return NULL;

  name = g_strdup_printf ("bantin-margin-%d-%d", st->quote_level, lists);
  tag = get_tag (st, name);
  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (st->buffer, name,
                                        "left-margin", st->quote_level * 24 + lists * 28,
                                        "indent", lists > 0 ? -18 : 0,
                                        NULL);
      gtk_text_tag_set_priority (tag, 0);
    }
  return tag;
}

/* Inserting */

static gboolean
at_line_start (RenderState *st)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (st->buffer, &end);
  if (gtk_text_iter_is_start (&end))
    return TRUE;
  gtk_text_iter_backward_char (&end);
  return gtk_text_iter_get_char (&end) == '\n';
}

static void
apply_current_tags (RenderState *st,
                    int          start_offset)
{
  GtkTextIter start, end;
  GtkTextTag *margin;

  gtk_text_buffer_get_iter_at_offset (st->buffer, &start, start_offset);
  gtk_text_buffer_get_end_iter (st->buffer, &end);

  for (guint i = 0; i < st->tags->len; i++)
    gtk_text_buffer_apply_tag (st->buffer, g_ptr_array_index (st->tags, i), &start, &end);

  margin = margin_tag (st);
  if (margin != NULL)
    gtk_text_buffer_apply_tag (st->buffer, margin, &start, &end);
  if (st->quote_level > 0)
    gtk_text_buffer_apply_tag (st->buffer, get_tag (st, "bantin-quote"), &start, &end);
}

static void
insert_raw (RenderState *st,
            const char  *text,
            int          len)
{
  GtkTextIter end;
  int offset;

  gtk_text_buffer_get_end_iter (st->buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (st->buffer, &end, text, len);
  apply_current_tags (st, offset);
}

/* Ends the current line unless already at the start of one. */
static void
block_break (RenderState *st)
{
  GtkTextIter end;

  st->pending_space = FALSE;
  if (at_line_start (st))
    return;

  gtk_text_buffer_get_end_iter (st->buffer, &end);
  gtk_text_buffer_insert (st->buffer, &end, "\n", 1);
}

/* A space before a link or code span is not part of it: no underline or
 * background under it. */
static void
insert_plain_space (RenderState *st)
{
  static const char * const decorations[] = {
    "bantin-link", "bantin-underline", "bantin-strike", "bantin-mark", "bantin-code",
  };
  g_autoptr(GPtrArray) saved = g_ptr_array_copy (st->tags, NULL, NULL);

  g_ptr_array_set_size (st->tags, 0);
  for (guint i = 0; i < saved->len; i++)
    {
      GtkTextTag *tag = g_ptr_array_index (saved, i);
      g_autofree char *name = NULL;
      gboolean keep = TRUE;

      g_object_get (tag, "name", &name, NULL);
      if (name == NULL)
        keep = FALSE;
      for (guint j = 0; keep && j < G_N_ELEMENTS (decorations); j++)
        keep = strcmp (name, decorations[j]) != 0;
      if (keep)
        g_ptr_array_add (st->tags, tag);
    }

  insert_raw (st, " ", 1);

  g_ptr_array_set_size (st->tags, 0);
  g_ptr_array_extend (st->tags, saved, NULL, NULL);
}

/* A short empty line after lists, quotes, code and figures, which have no
 * spacing of their own; never two in a row. */
static void
block_gap (RenderState *st)
{
  GtkTextIter start, end;
  GtkTextTag *gap = get_tag (st, "bantin-gap");
  int offset;

  block_break (st);
  gtk_text_buffer_get_end_iter (st->buffer, &end);
  if (gtk_text_iter_is_start (&end))
    return;

  start = end;
  gtk_text_iter_backward_char (&start);
  if (gtk_text_iter_has_tag (&start, gap))
    return;

  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (st->buffer, &end, "\n", 1);
  gtk_text_buffer_get_iter_at_offset (st->buffer, &start, offset);
  gtk_text_buffer_get_end_iter (st->buffer, &end);
  gtk_text_buffer_apply_tag (st->buffer, gap, &start, &end);
}

static void
insert_text_node (RenderState *st,
                  const char  *text)
{
  GString *run;
  gboolean line_start;
  const char *p;

  if (st->pre > 0)
    {
      insert_raw (st, text, -1);
      return;
    }

  /* Runs of white space become one space, none at the start of a line. */
  run = g_string_new (NULL);
  line_start = at_line_start (st);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) && c != 0x00a0)
        {
          st->pending_space = TRUE;
          continue;
        }

      if (st->pending_space && !(line_start && run->len == 0))
        {
          if (run->len == 0)
            insert_plain_space (st);
          else
            g_string_append_c (run, ' ');
        }
      st->pending_space = FALSE;
      g_string_append_unichar (run, c);
    }

  if (run->len > 0)
    insert_raw (st, run->str, (int) run->len);
  g_string_free (run, TRUE);
}

static GtkTextChildAnchor *
insert_anchor (RenderState *st,
               gboolean     centered)
{
  GtkTextIter end, start;
  GtkTextChildAnchor *anchor;
  int offset;

  gtk_text_buffer_get_end_iter (st->buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  anchor = gtk_text_buffer_create_child_anchor (st->buffer, &end);
  apply_current_tags (st, offset);

  if (centered)
    {
      gtk_text_buffer_get_iter_at_offset (st->buffer, &start, offset);
      gtk_text_buffer_get_end_iter (st->buffer, &end);
      gtk_text_buffer_apply_tag (st->buffer, get_tag (st, "bantin-center"), &start, &end);
    }

  return anchor;
}

/* Images */

static GtkWidget *
make_placeholder (const char *url,
                  const char *alt)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  const char *text = alt != NULL && *alt != '\0' ? alt : _("Image not available offline");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "bantin-image-placeholder");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 50));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_tooltip_text (box, url);

  return box;
}

static GtkWidget *
make_picture (GdkPaintable *paintable,
              xmlNode      *node,
              const char   *alt,
              int           max_width)
{
  GtkWidget *picture = gtk_picture_new_for_paintable (paintable);
  int width = gdk_paintable_get_intrinsic_width (paintable);
  int height = gdk_paintable_get_intrinsic_height (paintable);
  int attr_width = node_get_int_attr (node, "width", 0);
  int attr_height = node_get_int_attr (node, "height", 0);

  if (width <= 0 || height <= 0)
    {
      width = attr_width > 0 ? attr_width : max_width;
      height = attr_height > 0 ? attr_height : width * 9 / 16;
    }
  else if (attr_width > 0 && attr_width < width)
    {
      height = (int) ((double) height * attr_width / width);
      width = attr_width;
    }

  if (width > max_width)
    {
      height = (int) ((double) height * max_width / width);
      width = max_width;
    }

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, width, MAX (height, 1));
  if (alt != NULL && *alt != '\0')
    {
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), alt);
      gtk_widget_set_tooltip_text (picture, alt);
    }
  gtk_widget_add_css_class (picture, "bantin-image");

  return picture;
}

static void
render_image (RenderState *st,
              xmlNode     *node)
{
  g_autofree char *src = node_get_attr (node, "src");
  g_autofree char *alt = node_get_attr (node, "alt");
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkTextChildAnchor *anchor;
  GtkWidget *child;
  int width = node_get_int_attr (node, "width", 0);
  gboolean inline_image = width > 0 && width <= 48;

  if (src == NULL)
    return;

  if (st->image_func != NULL)
    paintable = st->image_func (src, st->user_data);

  /* Small images (icons, emoji) stay in the line; others get their own. */
  if (!inline_image)
    block_break (st);

  anchor = insert_anchor (st, !inline_image);
  if (paintable != NULL)
    {
      child = make_picture (paintable, node, alt, st->max_image_width);
      st->n_images++;
    }
  else
    {
      child = make_placeholder (src, alt);
    }
  gtk_text_view_add_child_at_anchor (st->view, child, anchor);

  if (!inline_image)
    block_break (st);
}

/* Tables */

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = bantin_text_squeeze ((const char *) content);

  xmlFree (content);
  return text;
}

static void
collect_rows (xmlNode   *node,
              GPtrArray *rows,
              xmlNode  **caption)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (node_is (child, "tr"))
        g_ptr_array_add (rows, child);
      else if (node_is (child, "thead") || node_is (child, "tbody") || node_is (child, "tfoot"))
        collect_rows (child, rows, caption);
      else if (node_is (child, "caption") && *caption == NULL)
        *caption = child;
    }
}

static GtkWidget *
make_table (xmlNode *table)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  xmlNode *caption = NULL;
  GtkWidget *box, *grid;
  int n_columns = 0, budget;

  collect_rows (table, rows, &caption);

  /* Children of a text view get their minimum width, so each cell asks
   * for a share of the column's width in characters. */
  for (guint r = 0; r < MIN (rows->len, 500); r++)
    {
      int n = 0;

      for (xmlNode *cell = ((xmlNode *) g_ptr_array_index (rows, r))->children; cell != NULL; cell = cell->next)
        if (node_is (cell, "td") || node_is (cell, "th"))
          n += CLAMP (node_get_int_attr (cell, "colspan", 1), 1, 64);
      n_columns = MAX (n_columns, n);
    }
  budget = CLAMP (72 / MAX (n_columns, 1), 6, 40);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "bantin-table-box");

  if (caption != NULL)
    {
      g_autofree char *text = node_text (caption);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 60));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "bantin-table-caption");
      gtk_box_append (GTK_BOX (box), label);
    }

  grid = gtk_grid_new ();
  gtk_widget_add_css_class (grid, "bantin-table");
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), grid);

  /* Rows and columns are capped so a hostile table stays a table. */
  for (guint r = 0; r < MIN (rows->len, 500); r++)
    {
      xmlNode *tr = g_ptr_array_index (rows, r);
      int col = 0;

      for (xmlNode *cell = tr->children; cell != NULL; cell = cell->next)
        {
          g_autofree char *text = NULL;
          GtkWidget *label;
          int colspan, rowspan;

          if (!node_is (cell, "td") && !node_is (cell, "th"))
            continue;

          while (g_hash_table_contains (taken, GINT_TO_POINTER ((r << 8) | col)) && col < 64)
            col++;
          if (col >= 64)
            break;

          colspan = CLAMP (node_get_int_attr (cell, "colspan", 1), 1, 64 - col);
          rowspan = CLAMP (node_get_int_attr (cell, "rowspan", 1), 1, 500);
          for (int dr = 0; dr < rowspan; dr++)
            for (int dc = 0; dc < colspan; dc++)
              g_hash_table_add (taken, GINT_TO_POINTER (((r + dr) << 8) | (col + dc)));

          text = node_text (cell);
          label = gtk_label_new (text);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1) + 2, budget * colspan));
          gtk_label_set_max_width_chars (GTK_LABEL (label), budget * colspan);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_label_set_yalign (GTK_LABEL (label), 0.0);
          gtk_widget_set_focusable (label, FALSE);
          gtk_widget_add_css_class (label, "bantin-table-cell");
          if (node_is (cell, "th"))
            gtk_widget_add_css_class (label, "bantin-table-header");

          gtk_grid_attach (GTK_GRID (grid), label, col, (int) r, colspan, rowspan);
          col += colspan;
        }
    }

  return box;
}

/* Walking */

static void render_children (RenderState *st,
                             xmlNode     *node,
                             int          depth);

static void
push_tag (RenderState *st,
          const char  *name)
{
  g_ptr_array_add (st->tags, get_tag (st, name));
}

static void
pop_tag (RenderState *st)
{
  g_ptr_array_set_size (st->tags, st->tags->len - 1);
}

static const char *
style_tag_for (const char *name)
{
  static const struct { const char *element; const char *tag; } map[] = {
    { "b", "bantin-bold" }, { "strong", "bantin-bold" }, { "dt", "bantin-bold" },
    { "th", "bantin-bold" },
    { "i", "bantin-italic" }, { "em", "bantin-italic" }, { "cite", "bantin-italic" },
    { "u", "bantin-underline" }, { "ins", "bantin-underline" },
    { "s", "bantin-strike" }, { "del", "bantin-strike" },
    { "code", "bantin-code" }, { "kbd", "bantin-code" }, { "tt", "bantin-code" },
    { "small", "bantin-small" }, { "sub", "bantin-sub" }, { "sup", "bantin-sup" },
    { "mark", "bantin-mark" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (map[i].element, name) == 0)
      return map[i].tag;
  return NULL;
}

static gboolean
is_block (const char *name)
{
  static const char * const blocks[] = {
    "p", "div", "section", "article", "header", "footer", "main", "aside",
    "dl", "dt", "dd", "figure", "tr", "caption", "address", "center", "nav",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (strcmp (blocks[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void
render_list_item (RenderState *st,
                  xmlNode     *node,
                  int          depth)
{
  static const char * const bullets[] = { "•", "◦", "▪" };
  g_autofree char *marker = NULL;
  int *counter = NULL;

  block_break (st);

  if (st->lists->len > 0)
    counter = &g_array_index (st->lists, int, st->lists->len - 1);

  if (counter != NULL && *counter >= 0)
    marker = g_strdup_printf ("%d. ", (*counter)++);
  else
    marker = g_strdup_printf ("%s ", bullets[MIN (MAX (st->lists->len, 1) - 1, G_N_ELEMENTS (bullets) - 1)]);

  push_tag (st, "bantin-li");
  insert_raw (st, marker, -1);
  render_children (st, node, depth);
  pop_tag (st);
  block_break (st);
}

static void
render_element (RenderState *st,
                xmlNode     *node,
                int          depth)
{
  const char *name = (const char *) node->name;
  const char *style = style_tag_for (name);

  if (strcmp (name, "br") == 0)
    {
      /* A line break inside the paragraph, so no paragraph spacing. */
      insert_raw (st, "\xe2\x80\xa8", -1);
      st->pending_space = FALSE;
      return;
    }

  if (strcmp (name, "hr") == 0)
    {
      GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      GtkTextChildAnchor *anchor;

      block_break (st);
      anchor = insert_anchor (st, TRUE);
      gtk_widget_set_size_request (separator, MAX_IMAGE_WIDTH / 2, -1);
      gtk_widget_set_margin_top (separator, 12);
      gtk_widget_set_margin_bottom (separator, 12);
      gtk_widget_add_css_class (separator, "bantin-rule");
      gtk_text_view_add_child_at_anchor (st->view, separator, anchor);
      block_break (st);
      return;
    }

  if (strcmp (name, "img") == 0)
    {
      render_image (st, node);
      return;
    }

  if (strcmp (name, "table") == 0)
    {
      GtkTextChildAnchor *anchor;

      block_break (st);
      anchor = insert_anchor (st, FALSE);
      gtk_text_view_add_child_at_anchor (st->view, make_table (node), anchor);
      block_gap (st);
      return;
    }

  if (strcmp (name, "a") == 0)
    {
      g_autofree char *href = node_get_attr (node, "href");
      GtkTextTag *link;

      if (href == NULL)
        {
          render_children (st, node, depth);
          return;
        }

      link = gtk_text_buffer_create_tag (st->buffer, NULL, NULL);
      g_object_set_data_full (G_OBJECT (link), URL_KEY, g_steal_pointer (&href), g_free);
      g_ptr_array_add (st->link_tags, link);

      g_ptr_array_add (st->tags, link);
      push_tag (st, "bantin-link");
      render_children (st, node, depth);
      pop_tag (st);
      pop_tag (st);
      return;
    }

  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    {
      g_autofree char *tag = g_strdup_printf ("bantin-%s", name);

      block_break (st);
      push_tag (st, tag);
      render_children (st, node, depth);
      pop_tag (st);
      block_break (st);
      return;
    }

  if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0)
    {
      int first = strcmp (name, "ol") == 0 ? node_get_int_attr (node, "start", 1) : -1;

      block_break (st);
      g_array_append_val (st->lists, first);
      render_children (st, node, depth);
      g_array_set_size (st->lists, st->lists->len - 1);
      if (st->lists->len == 0)
        block_gap (st);
      else
        block_break (st);
      return;
    }

  if (strcmp (name, "li") == 0)
    {
      render_list_item (st, node, depth);
      return;
    }

  if (strcmp (name, "blockquote") == 0)
    {
      block_break (st);
      st->quote_level++;
      push_tag (st, "bantin-p");
      render_children (st, node, depth);
      pop_tag (st);
      st->quote_level--;
      block_gap (st);
      return;
    }

  if (strcmp (name, "pre") == 0)
    {
      block_break (st);
      st->pre++;
      push_tag (st, "bantin-pre");
      render_children (st, node, depth);
      pop_tag (st);
      st->pre--;
      block_gap (st);
      return;
    }

  if (strcmp (name, "figcaption") == 0)
    {
      block_break (st);
      push_tag (st, "bantin-caption");
      render_children (st, node, depth);
      pop_tag (st);
      block_break (st);
      return;
    }

  if (strcmp (name, "q") == 0)
    {
      insert_text_node (st, "“");
      render_children (st, node, depth);
      insert_text_node (st, "”");
      return;
    }

  if (is_block (name))
    {
      gboolean paragraph = strcmp (name, "p") == 0 || strcmp (name, "dd") == 0;

      block_break (st);
      if (paragraph)
        push_tag (st, "bantin-p");
      if (style != NULL)
        push_tag (st, style);
      render_children (st, node, depth);
      if (style != NULL)
        pop_tag (st);
      if (paragraph)
        pop_tag (st);
      block_break (st);
      return;
    }

  if (style != NULL)
    {
      push_tag (st, style);
      render_children (st, node, depth);
      pop_tag (st);
      return;
    }

  render_children (st, node, depth);
}

static void
render_children (RenderState *st,
                 xmlNode     *node,
                 int          depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && child->content != NULL)
        insert_text_node (st, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE && depth < MAX_DEPTH)
        render_element (st, child, depth + 1);
    }
}

/* Links */

/**
 * bantin_html_renderer_get_link:
 * @iter: a position in a buffer filled by bantin_html_renderer_render()
 *
 * Returns: (nullable): the URL of the link at @iter.
 */
const char *
bantin_html_renderer_get_link (const GtkTextIter *iter)
{
  GSList *tags = gtk_text_iter_get_tags (iter);
  const char *url = NULL;

  for (GSList *l = tags; l != NULL && url == NULL; l = l->next)
    url = g_object_get_data (l->data, URL_KEY);

  g_slist_free (tags);
  return url;
}

static const char *
link_at_widget_coords (GtkTextView *view,
                       double       x,
                       double       y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
    return NULL;
  return bantin_html_renderer_get_link (&iter);
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkTextView     *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  const char *url;
  GtkRoot *root;

  if (n_press != 1)
    return;

  /* Releasing after selecting text is not a click on a link. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  url = link_at_widget_coords (view, x, y);
  if (url == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (view));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              GtkTextView              *view)
{
  const char *url = link_at_widget_coords (view, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (view), url != NULL ? "pointer" : "text");
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *url;

  if (keyboard)
    return FALSE;

  url = link_at_widget_coords (GTK_TEXT_VIEW (widget), x, y);
  if (url == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, url);
  return TRUE;
}

static void
ensure_controllers (GtkTextView *view)
{
  GtkGesture *click;
  GtkEventController *motion;

  if (g_object_get_data (G_OBJECT (view), CONTROLLERS_KEY) != NULL)
    return;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), view);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), view);
  gtk_widget_add_controller (GTK_WIDGET (view), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (view), TRUE);
  g_signal_connect (view, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  g_object_set_data (G_OBJECT (view), CONTROLLERS_KEY, GINT_TO_POINTER (1));
}

static void
remove_link_tags (GtkTextBuffer *buffer)
{
  GPtrArray *old = g_object_get_data (G_OBJECT (buffer), LINK_TAGS_KEY);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (old == NULL)
    return;

  for (guint i = 0; i < old->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (old, i));
  g_object_set_data (G_OBJECT (buffer), LINK_TAGS_KEY, NULL);
}

/**
 * bantin_html_renderer_set_max_image_width:
 * @view: a text view the renderer fills
 * @width: the widest a picture may be, in pixels, or 0 for the default
 *
 * A picture asks for its width as its minimum, and a text view is at
 * least as wide as its widest child: a photo wider than the room the
 * view has would widen its pane, and an adaptive window would fold to
 * make room. The next render sizes pictures within @width.
 */
void
bantin_html_renderer_set_max_image_width (GtkTextView *view,
                                          int          width)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  g_object_set_data (G_OBJECT (view), MAX_IMAGE_WIDTH_KEY, GINT_TO_POINTER (MAX (width, 0)));
}

/**
 * bantin_html_renderer_render:
 * @view: the text view to fill; its buffer is cleared first
 * @html: (nullable): sanitized HTML
 * @image_func: (nullable): looks images up in the offline cache
 * @user_data: data for @image_func
 *
 * Returns: the number of images placed (placeholders not counted).
 */
guint
bantin_html_renderer_render (GtkTextView         *view,
                             const char          *html,
                             BantinHtmlImageFunc  image_func,
                             gpointer             user_data)
{
  RenderState st = { 0 };
  htmlDocPtr doc = NULL;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), 0);

  st.view = view;
  st.buffer = gtk_text_view_get_buffer (view);
  st.image_func = image_func;
  st.user_data = user_data;
  st.max_image_width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), MAX_IMAGE_WIDTH_KEY));
  if (st.max_image_width <= 0 || st.max_image_width > MAX_IMAGE_WIDTH)
    st.max_image_width = MAX_IMAGE_WIDTH;

  ensure_controllers (view);

  gtk_text_buffer_set_text (st.buffer, "", 0);
  remove_link_tags (st.buffer);
  ensure_tags (&st);

  if (html == NULL || *html == '\0')
    return 0;

  doc = htmlReadMemory (html, (int) MIN (strlen (html), G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NODEFDTD);
  if (doc == NULL)
    return 0;

  st.tags = g_ptr_array_new ();
  st.lists = g_array_new (FALSE, FALSE, sizeof (int));
  st.link_tags = g_ptr_array_new ();

  {
    xmlNode *root = xmlDocGetRootElement (doc);

    if (root != NULL)
      {
        xmlNode fake = { 0 };

        /* Render the root itself as the one child of a fake parent. */
        fake.children = root;
        render_children (&st, &fake, 0);
      }
  }

  /* No trailing empty line. */
  for (;;)
    {
      gtk_text_buffer_get_end_iter (st.buffer, &end);
      start = end;
      if (!gtk_text_iter_backward_char (&start) || gtk_text_iter_get_char (&start) != '\n')
        break;
      gtk_text_buffer_delete (st.buffer, &start, &end);
    }

  gtk_text_buffer_get_start_iter (st.buffer, &start);
  gtk_text_buffer_place_cursor (st.buffer, &start);

  g_object_set_data_full (G_OBJECT (st.buffer), LINK_TAGS_KEY,
                          g_steal_pointer (&st.link_tags),
                          (GDestroyNotify) g_ptr_array_unref);

  g_ptr_array_unref (st.tags);
  g_array_unref (st.lists);
  xmlFreeDoc (doc);

  return st.n_images;
}
