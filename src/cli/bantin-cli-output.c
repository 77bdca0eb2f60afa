/* bantin-cli-output.c: tables, JSON and plain text for the commands.
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-cli"

#include "config.h"

#include "bantin-cli-private.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#define FEED_COLUMN_WIDTH 24

/* Columns on a terminal: East Asian wide characters take two cells and
 * combining marks none. Vietnamese text is NFC, so mostly one each. */
static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* Appends @text cut to @width cells (with an ellipsis) and padded to it. */
static void
append_cell (GString    *out,
             const char *text,
             gsize       width,
             gboolean    align_right)
{
  gsize text_width = display_width (text);

  if (text_width > width)
    {
      gsize used = 0;

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          gsize w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

          if (used + w > width - 1)
            break;
          g_string_append_unichar (out, c);
          used += w;
        }
      g_string_append (out, "…");
      for (; used + 1 < width; used++)
        g_string_append_c (out, ' ');
      return;
    }

  if (!align_right)
    g_string_append (out, text);
  for (gsize i = text_width; i < width; i++)
    g_string_append_c (out, ' ');
  if (align_right)
    g_string_append (out, text);
}

static gsize
max_width (gsize       current,
           const char *text)
{
  return MAX (current, display_width (text));
}

static void
print_lines (GString *out)
{
  /* Trailing spaces from padding help no one. */
  g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i + 1] == NULL && *lines[i] == '\0')
        break;
      g_print ("%s\n", g_strchomp (lines[i]));
    }
}

char *
_bantin_cli_format_time (gint64     unix_time,
                         GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup ("—");

  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return g_strdup ("—");
  local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

void
_bantin_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *name,
                  gint64       unix_time)
{
  g_autofree char *text = unix_time != 0 ? bantin_date_format_rfc3339 (unix_time) : NULL;

  add_string_or_null (builder, name, text);
}

JsonNode *
_bantin_cli_feed_to_json (BantinFeed *feed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *error = bantin_feed_get_last_error (feed);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, bantin_feed_get_id (feed));
  add_string_or_null (builder, "url", bantin_feed_get_url (feed));
  add_string_or_null (builder, "title", bantin_feed_get_title (feed));
  add_string_or_null (builder, "site_url", bantin_feed_get_site_url (feed));
  add_string_or_null (builder, "folder", bantin_feed_get_folder (feed));
  json_builder_set_member_name (builder, "article_count");
  json_builder_add_int_value (builder, bantin_feed_get_article_count (feed));
  json_builder_set_member_name (builder, "unread_count");
  json_builder_add_int_value (builder, bantin_feed_get_unread_count (feed));
  json_builder_set_member_name (builder, "last_status");
  json_builder_add_int_value (builder, bantin_feed_get_last_status (feed));
  add_string_or_null (builder, "last_error", error != NULL && *error != '\0' ? error : NULL);
  add_time_or_null (builder, "last_success", bantin_feed_get_last_success (feed));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
_bantin_cli_article_to_json (BantinArticle *article,
                             GTimeZone     *tz,
                             gboolean       with_content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 published = bantin_article_get_published (article);
  BantinDay day = bantin_article_get_local_day (article);
  g_autofree char *local_day = NULL;

  if (day == 0 && published != 0)
    day = bantin_date_local_day (published, tz);
  if (day != 0)
    local_day = bantin_day_format_iso (day);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, bantin_article_get_id (article));
  json_builder_set_member_name (builder, "feed_id");
  json_builder_add_int_value (builder, bantin_article_get_feed_id (article));
  add_string_or_null (builder, "feed_title", bantin_article_get_feed_title (article));
  add_string_or_null (builder, "guid", bantin_article_get_guid (article));
  add_string_or_null (builder, "title", bantin_article_get_title (article));
  add_string_or_null (builder, "link", bantin_article_get_link (article));
  add_string_or_null (builder, "author", bantin_article_get_author (article));
  add_time_or_null (builder, "published", published);
  add_string_or_null (builder, "local_date", local_day);
  add_string_or_null (builder, "summary", bantin_article_get_summary (article));
  json_builder_set_member_name (builder, "read");
  json_builder_add_boolean_value (builder, bantin_article_get_read (article));
  json_builder_set_member_name (builder, "starred");
  json_builder_add_boolean_value (builder, bantin_article_get_starred (article));
  if (with_content)
    {
      add_string_or_null (builder, "content", bantin_article_get_content (article));
      add_string_or_null (builder, "full_content", bantin_article_get_full_content (article));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
feed_status_text (BantinFeed *feed)
{
  const char *error = bantin_feed_get_last_error (feed);
  int status = bantin_feed_get_last_status (feed);

  if (bantin_feed_get_gone (feed))
    return g_strdup (_("gone"));
  if (error != NULL && *error != '\0')
    {
      if (status > 0)
        return g_strdup_printf (_("failed (HTTP %d)"), status);
      return g_strdup (_("failed"));
    }
  if (bantin_feed_get_last_success (feed) == 0)
    return g_strdup (_("not synced"));

  return g_strdup (_("ok"));
}

void
_bantin_cli_print_feeds (GPtrArray *feeds,
                         GTimeZone *tz)
{
  /* Column headers, translated, and the width of each column. */
  const char *h_id = _("ID");
  const char *h_unread = _("Unread");
  const char *h_total = _("Total");
  const char *h_status = _("Status");
  const char *h_synced = _("Last success");
  const char *h_title = _("Title");
  gsize w_id, w_unread, w_total, w_status, w_synced, indent;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);

  w_id = display_width (h_id);
  w_unread = display_width (h_unread);
  w_total = display_width (h_total);
  w_status = display_width (h_status);
  w_synced = max_width (display_width (h_synced), "0000-00-00 00:00");

  for (guint i = 0; i < feeds->len; i++)
    {
      BantinFeed *feed = g_ptr_array_index (feeds, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bantin_feed_get_id (feed));
      g_autofree char *unread = g_strdup_printf ("%u", bantin_feed_get_unread_count (feed));
      g_autofree char *total = g_strdup_printf ("%u", bantin_feed_get_article_count (feed));
      char *status = feed_status_text (feed);
      char *synced = bantin_feed_get_last_success (feed) != 0
                     ? _bantin_cli_format_time (bantin_feed_get_last_success (feed), tz)
                     : g_strdup (_("never"));

      w_id = max_width (w_id, id);
      w_unread = max_width (w_unread, unread);
      w_total = max_width (w_total, total);
      w_status = max_width (w_status, status);
      w_synced = max_width (w_synced, synced);
      g_ptr_array_add (statuses, status);
      g_ptr_array_add (times, synced);
    }

  append_cell (out, h_id, w_id, TRUE);
  g_string_append (out, "  ");
  append_cell (out, h_unread, w_unread, TRUE);
  g_string_append (out, "  ");
  append_cell (out, h_total, w_total, TRUE);
  g_string_append (out, "  ");
  append_cell (out, h_status, w_status, FALSE);
  g_string_append (out, "  ");
  append_cell (out, h_synced, w_synced, FALSE);
  g_string_append (out, "  ");
  g_string_append (out, h_title);
  g_string_append_c (out, '\n');

  indent = w_id + w_unread + w_total + w_status + w_synced + 5 * 2;

  for (guint i = 0; i < feeds->len; i++)
    {
      BantinFeed *feed = g_ptr_array_index (feeds, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bantin_feed_get_id (feed));
      g_autofree char *unread = g_strdup_printf ("%u", bantin_feed_get_unread_count (feed));
      g_autofree char *total = g_strdup_printf ("%u", bantin_feed_get_article_count (feed));
      const char *title = bantin_feed_get_title (feed);
      const char *error = bantin_feed_get_last_error (feed);
      const char *folder = bantin_feed_get_folder (feed);

      append_cell (out, id, w_id, TRUE);
      g_string_append (out, "  ");
      append_cell (out, unread, w_unread, TRUE);
      g_string_append (out, "  ");
      append_cell (out, total, w_total, TRUE);
      g_string_append (out, "  ");
      append_cell (out, g_ptr_array_index (statuses, i), w_status, FALSE);
      g_string_append (out, "  ");
      append_cell (out, g_ptr_array_index (times, i), w_synced, FALSE);
      g_string_append (out, "  ");
      if (folder != NULL && *folder != '\0')
        g_string_append_printf (out, "%s / ", folder);
      g_string_append (out, title != NULL && *title != '\0' ? title : bantin_feed_get_url (feed));
      g_string_append_c (out, '\n');

      g_string_append_printf (out, "%*s%s\n", (int) indent, "", bantin_feed_get_url (feed));
      if (error != NULL && *error != '\0')
        {
          g_string_append_printf (out, "%*s", (int) indent, "");
          g_string_append_printf (out, _("Error: %s"), error);
          g_string_append_c (out, '\n');
        }
    }

  print_lines (out);
}

void
_bantin_cli_print_articles (GPtrArray *articles,
                            GTimeZone *tz)
{
  const char *h_id = _("ID");
  const char *h_time = _("Published");
  const char *h_feed = _("Feed");
  const char *h_title = _("Title");
  gsize w_id = display_width (h_id);
  gsize w_time = max_width (display_width (h_time), "0000-00-00 00:00");
  gsize w_feed = display_width (h_feed);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      BantinArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bantin_article_get_id (article));
      const char *feed = bantin_article_get_feed_title (article);

      w_id = max_width (w_id, id);
      w_feed = max_width (w_feed, feed != NULL ? feed : "");
    }
  w_feed = MIN (w_feed, FEED_COLUMN_WIDTH);

  append_cell (out, h_id, w_id, TRUE);
  g_string_append (out, "    ");
  append_cell (out, h_time, w_time, FALSE);
  g_string_append (out, "  ");
  append_cell (out, h_feed, w_feed, FALSE);
  g_string_append (out, "  ");
  g_string_append (out, h_title);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < articles->len; i++)
    {
      BantinArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bantin_article_get_id (article));
      g_autofree char *when = _bantin_cli_format_time (bantin_article_get_published (article), tz);
      const char *feed = bantin_article_get_feed_title (article);
      const char *title = bantin_article_get_title (article);

      append_cell (out, id, w_id, TRUE);
      /* One mark for unread, one for starred, as in the window's list. */
      g_string_append (out, bantin_article_get_read (article) ? "  " : " •");
      g_string_append (out, bantin_article_get_starred (article) ? "★ " : "  ");
      append_cell (out, when, w_time, FALSE);
      g_string_append (out, "  ");
      append_cell (out, feed != NULL ? feed : "", w_feed, FALSE);
      g_string_append (out, "  ");
      g_string_append (out, title != NULL && *title != '\0' ? title : _("(untitled)"));
      g_string_append_c (out, '\n');
    }

  print_lines (out);
}

/* Article text for a terminal: paragraphs, headings, lists and quotes
 * from the sanitized HTML, without any markup. */

typedef struct
{
  GString  *out;
  GString  *prefix;          /* Put at the start of every line ("│ " in quotes). */
  guint     pending_breaks;  /* Line breaks owed before the next text, */
  gsize     break_prefix;    /* and how much of the prefix their blank lines get. */
  gboolean  pending_space;
  gboolean  at_line_start;
} TextRender;

static void
render_break (TextRender *r,
              guint       n)
{
  if (r->out->len == 0)
    return;
  /* A break asked for outside a quote stays outside it, even when the
   * text that follows is quoted. */
  if (r->pending_breaks == 0)
    r->break_prefix = r->prefix->len;
  r->pending_breaks = MAX (r->pending_breaks, n);
  r->pending_space = FALSE;
}

static void
render_text (TextRender *r,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          r->pending_space = !r->at_line_start || r->pending_breaks == 0;
          continue;
        }

      if (r->pending_breaks > 0)
        {
          for (guint i = 0; i < r->pending_breaks; i++)
            {
              g_string_append_c (r->out, '\n');
              if (i + 1 < r->pending_breaks)
                {
                  g_string_append_len (r->out, r->prefix->str,
                                       MIN (r->break_prefix, r->prefix->len));
                  while (r->out->len > 0 && r->out->str[r->out->len - 1] == ' ')
                    g_string_truncate (r->out, r->out->len - 1);
                }
            }
          r->pending_breaks = 0;
          r->at_line_start = TRUE;
          r->pending_space = FALSE;
        }
      if (r->at_line_start)
        {
          g_string_append (r->out, r->prefix->str);
          r->at_line_start = FALSE;
          r->pending_space = FALSE;
        }
      if (r->pending_space)
        g_string_append_c (r->out, ' ');
      r->pending_space = FALSE;
      g_string_append_unichar (r->out, c);
    }
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static void render_children (TextRender *r, xmlNode *node, gboolean ordered);

static void
render_node (TextRender *r,
             xmlNode    *node,
             gboolean    in_ordered,
             guint       index)
{
  const char *name = (const char *) node->name;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      render_text (r, (const char *) node->content);
      return;
    }
  if (node->type != XML_ELEMENT_NODE)
    return;

  if (is_element (node, "br"))
    {
      if (r->pending_breaks == 0)
        r->break_prefix = r->prefix->len;
      r->pending_breaks = MAX (r->pending_breaks, 1);
    }
  else if (is_element (node, "img"))
    {
      g_autofree char *alt = (char *) xmlGetProp (node, (const xmlChar *) "alt");
      g_autofree char *label = NULL;

      /* Inside a figure the caption says it better. */
      if (node->parent != NULL && is_element (node->parent, "figure"))
        return;
      label = g_strdup_printf (_("[Image: %s]"), alt != NULL && *alt != '\0' ? alt : "…");
      render_text (r, label);
    }
  else if (strlen (name) == 2 && g_ascii_tolower (name[0]) == 'h' && name[1] >= '1' && name[1] <= '6')
    {
      render_break (r, 2);
      render_children (r, node, FALSE);
      render_break (r, 2);
    }
  else if (is_element (node, "li"))
    {
      g_autofree char *bullet = in_ordered ? g_strdup_printf ("%u. ", index) : g_strdup ("• ");

      render_break (r, 1);
      render_text (r, bullet);
      render_children (r, node, FALSE);
      render_break (r, 1);
    }
  else if (is_element (node, "blockquote"))
    {
      gsize old_len = r->prefix->len;

      render_break (r, 2);
      g_string_append (r->prefix, "│ ");
      render_children (r, node, FALSE);
      render_break (r, 2);
      /* The owed break is written with the outer prefix. */
      g_string_truncate (r->prefix, old_len);
    }
  else if (is_element (node, "ul") || is_element (node, "ol"))
    {
      render_break (r, 2);
      render_children (r, node, is_element (node, "ol"));
      render_break (r, 2);
    }
  else if (is_element (node, "figcaption"))
    {
      render_break (r, 1);
      render_text (r, "[");
      r->pending_space = FALSE;
      render_children (r, node, FALSE);
      r->pending_space = FALSE;
      render_text (r, "]");
      render_break (r, 1);
    }
  else if (is_element (node, "p") || is_element (node, "div") || is_element (node, "figure")
           || is_element (node, "pre") || is_element (node, "table") || is_element (node, "section")
           || is_element (node, "article") || is_element (node, "hr"))
    {
      render_break (r, 2);
      render_children (r, node, FALSE);
      render_break (r, 2);
    }
  else if (is_element (node, "tr") || is_element (node, "dt") || is_element (node, "dd"))
    {
      render_break (r, 1);
      render_children (r, node, FALSE);
      render_break (r, 1);
    }
  else if (is_element (node, "script") || is_element (node, "style"))
    {
      return;
    }
  else
    {
      render_children (r, node, FALSE);
    }
}

static void
render_children (TextRender *r,
                 xmlNode    *node,
                 gboolean    ordered)
{
  guint index = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "li"))
        index++;
      render_node (r, child, ordered, index);
    }
}

static char *
html_to_terminal_text (const char *html)
{
  TextRender r = { g_string_new (NULL), g_string_new (NULL), 0, 0, FALSE, TRUE };
  htmlDocPtr doc;
  xmlNode *root;

  doc = htmlReadMemory (html, (int) strlen (html), NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                        | HTML_PARSE_NOIMPLIED | HTML_PARSE_NOBLANKS);
  if (doc != NULL)
    {
      root = xmlDocGetRootElement (doc);
      for (xmlNode *node = root; node != NULL; node = node->next)
        render_node (&r, node, FALSE, 0);
      xmlFreeDoc (doc);
    }

  g_string_free (r.prefix, TRUE);
  return g_string_free (r.out, FALSE);
}

/* [{url, cached, bytes}] of BantinArticleImage. */
JsonArray *
_bantin_cli_images_to_json (GPtrArray *images)
{
  JsonArray *array = json_array_sized_new (images->len);

  for (guint i = 0; i < images->len; i++)
    {
      BantinArticleImage *image = g_ptr_array_index (images, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "url", image->url);
      json_object_set_boolean_member (object, "cached", image->path != NULL);
      json_object_set_int_member (object, "bytes", image->bytes);
      json_array_add_object_element (array, object);
    }

  return array;
}

/**
 * _bantin_cli_print_article:
 * @images: (nullable) (element-type BantinArticleImage): its images
 *
 * Prints the article extracted from its page when there is one (it is the
 * fuller text), else the feed's, then the images kept for it.
 */
void
_bantin_cli_print_article (BantinArticle *article,
                           GPtrArray     *images,
                           GTimeZone     *tz)
{
  g_autofree char *when = _bantin_cli_format_time (bantin_article_get_published (article), tz);
  const char *title = bantin_article_get_title (article);
  const char *author = bantin_article_get_author (article);
  const char *link = bantin_article_get_link (article);
  const char *full_content = bantin_article_get_full_content (article);
  const char *content = full_content != NULL && *full_content != '\0' ?
                        full_content : bantin_article_get_content (article);
  const char *summary = bantin_article_get_summary (article);
  g_autofree char *text = NULL;

  g_print ("%s\n", title != NULL && *title != '\0' ? title : _("(untitled)"));
  g_print ("%s: %s\n", _("Feed"), bantin_article_get_feed_title (article));
  g_print ("%s: %s\n", _("Published"), when);
  if (author != NULL && *author != '\0')
    g_print ("%s: %s\n", _("Author"), author);
  if (link != NULL && *link != '\0')
    g_print ("%s: %s\n", _("Link"), link);
  g_print ("%s: %s%s\n", _("State"),
           bantin_article_get_read (article) ? _("read") : _("unread"),
           bantin_article_get_starred (article) ? _(", starred") : "");

  if (content != NULL && *content != '\0')
    text = html_to_terminal_text (content);
  if ((text == NULL || *text == '\0') && summary != NULL)
    {
      g_free (text);
      text = g_strdup (summary);
    }
  if (text != NULL && *text != '\0')
    g_print ("\n%s\n", text);

  if (images != NULL && images->len > 0)
    {
      g_print ("\n%s\n", _("Images:"));
      for (guint i = 0; i < images->len; i++)
        {
          BantinArticleImage *image = g_ptr_array_index (images, i);
          g_autofree char *size = NULL;

          if (image->path != NULL)
            {
              size = g_format_size ((guint64) image->bytes);
              /* TRANSLATORS: an image's URL, its size and its file. */
              g_print (_("  %s (%s, saved in %s)\n"), image->url, size, image->path);
            }
          else
            {
              g_print (_("  %s (not saved)\n"), image->url);
            }
        }
    }
}
