/* bantin-feed-parser.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-feed-parser"

#include "config.h"

#include "bantin-feed-parser.h"
#include "bantin-charset.h"
#include "bantin-date.h"
#include "bantin-text.h"
#include "bantin-xml-lift-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* Larger documents are refused before any work is done on them. */
#define MAX_INPUT_SIZE (64 * 1024 * 1024)

/* A bound on the text one field may collect, so internal entities that
 * expand into each other cannot make us build gigabytes of text even when
 * libxml2's own amplification checks let a document through. */
#define MAX_FIELD_SIZE (4 * 1024 * 1024)
#define MAX_ENTITY_DEPTH 8

#define NS_ATOM10  "http://www.w3.org/2005/Atom"
#define NS_ATOM03  "http://purl.org/atom/ns#"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS10   "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_MEDIA   "http://search.yahoo.com/mrss/"
#define NS_XHTML   "http://www.w3.org/1999/xhtml"

/* The strict parse; XML_PARSE_RECOVER is added only for a second try.
 * Entities are never substituted (no XML_PARSE_NOENT), no DTD is loaded,
 * nothing goes to the network, and libxml2's size limits stay on (no
 * XML_PARSE_HUGE). The declared encoding is ignored: the text is already
 * UTF-8 by the time libxml2 sees it. */
#define XML_FLAGS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | \
                   XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC)

#define HTML_FLAGS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                    HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC)

G_DEFINE_QUARK (bantin-feed-parser-error-quark, bantin_feed_parser_error)

/* libxml2 setup, once per process. */

static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  g_debug ("Refusing to load external entity %s", url != NULL ? url : "(null)");
  return NULL;
}

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      /* Feeds come from strangers: no external entity or DTD is ever read,
       * whatever flags a future caller passes. */
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&initialized, 1);
    }
}

/* Collects the first error of a parse instead of printing it. */
static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  GString *first_error = ctxt->_private;

  if (first_error == NULL || first_error->len > 0 || error == NULL)
    return;

  if (error->level < XML_ERR_ERROR)
    return;

  g_string_append_printf (first_error, "line %d: %s", error->line,
                          error->message != NULL ? error->message : "error");
  while (first_error->len > 0 && g_ascii_isspace (first_error->str[first_error->len - 1]))
    g_string_truncate (first_error, first_error->len - 1);

  /* libxml2 may quote the document in its message, cut anywhere. */
  if (!g_utf8_validate_len (first_error->str, first_error->len, NULL))
    {
      g_autofree char *valid = bantin_text_make_valid (first_error->str, first_error->len);

      g_string_assign (first_error, valid);
    }
}

static xmlDocPtr
read_xml (const char *utf8,
          gsize       len,
          const char *base_url,
          gboolean    recover,
          GString    *first_error)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    return NULL;

  ctxt->_private = first_error;
  ctxt->sax->serror = structured_error_cb;
  ctxt->vctxt.error = NULL;
  ctxt->vctxt.warning = NULL;

  /* No encoding named: libxml2 then reads the text as the UTF-8 it is
   * (XML_PARSE_IGNORE_ENC ignores the declaration). Naming "UTF-8" would
   * pass it through a UTF-8 "decoder" into a second whole copy, 8 MB more
   * for a 4 MB feed while it is parsed. */
  doc = xmlCtxtReadMemory (ctxt, utf8, (int) len, base_url, NULL,
                           XML_FLAGS | (recover ? XML_PARSE_RECOVER : 0));

  if (doc != NULL && !recover && !ctxt->wellFormed)
    g_clear_pointer (&doc, xmlFreeDoc);

  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* Names and namespaces. */

static gboolean
ns_equal (const xmlChar *href,
          const char    *expected)
{
  gsize len;

  if (href == NULL)
    return FALSE;

  if (xmlStrEqual (href, (const xmlChar *) expected))
    return TRUE;

  /* Tolerate a missing trailing slash, as in "http://search.yahoo.com/mrss". */
  len = strlen (expected);
  return expected[len - 1] == '/' && (gsize) xmlStrlen (href) == len - 1 &&
         strncmp ((const char *) href, expected, len - 1) == 0;
}

static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  if (!xmlStrEqual (node->name, (const xmlChar *) name))
    return FALSE;

  if (ns == NULL)
    return node->ns == NULL || node->ns->href == NULL;

  return node->ns != NULL && ns_equal (node->ns->href, ns);
}

/* RSS 0.9x/2.0 elements have no namespace; RSS 1.0 and 0.90 have theirs. */
static gboolean
is_rss (xmlNode    *node,
        const char *name)
{
  return is_element (node, NULL, name) ||
         is_element (node, NS_RSS10, name) ||
         is_element (node, NS_RSS090, name);
}

static gboolean
is_atom (xmlNode    *node,
         const char *name)
{
  return is_element (node, NS_ATOM10, name) || is_element (node, NS_ATOM03, name);
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *result;

  if (value == NULL)
    return NULL;

  result = g_strdup ((const char *) value);
  xmlFree (value);
  return result;
}

/* Text. */

static void
collect_text (xmlDoc  *doc,
              xmlNode *first,
              GString *out,
              int      depth)
{
  xmlNode *node;

  for (node = first; node != NULL; node = node->next)
    {
      if (out->len >= MAX_FIELD_SIZE)
        return;

      switch (node->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (node->content != NULL)
            g_string_append (out, (const char *) node->content);
          break;

        case XML_ELEMENT_NODE:
          collect_text (doc, node->children, out, depth);
          break;

        case XML_ENTITY_REF_NODE:
          {
            xmlEntityPtr entity = xmlGetDocEntity (doc, node->name);

            /* Only internal entities, and only so deep: an external one
             * would read a file, a deep one is an expansion bomb. */
            if (entity == NULL || entity->etype != XML_INTERNAL_GENERAL_ENTITY ||
                depth >= MAX_ENTITY_DEPTH)
              break;

            if (entity->children != NULL)
              collect_text (doc, entity->children, out, depth + 1);
            else if (entity->content != NULL &&
                     strpbrk ((const char *) entity->content, "&<") == NULL)
              g_string_append (out, (const char *) entity->content);
          }
          break;

        case XML_ATTRIBUTE_NODE:
        case XML_ENTITY_NODE:
        case XML_PI_NODE:
        case XML_COMMENT_NODE:
        case XML_DOCUMENT_NODE:
        case XML_DOCUMENT_TYPE_NODE:
        case XML_DOCUMENT_FRAG_NODE:
        case XML_NOTATION_NODE:
        case XML_HTML_DOCUMENT_NODE:
        case XML_DTD_NODE:
        case XML_ELEMENT_DECL:
        case XML_ATTRIBUTE_DECL:
        case XML_ENTITY_DECL:
        case XML_NAMESPACE_DECL:
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END:
#ifdef LIBXML_DOCB_ENABLED
        case XML_DOCB_DOCUMENT_NODE:
#endif
        default:
          break;
        }
    }

  if (out->len > MAX_FIELD_SIZE)
    g_string_truncate (out, MAX_FIELD_SIZE);
}

static char *
node_text (xmlDoc  *doc,
           xmlNode *node)
{
  GString *out = g_string_new (NULL);

  collect_text (doc, node->children, out, 0);
  return g_string_free (out, FALSE);
}

static gboolean
has_element_children (xmlNode *node)
{
  xmlNode *child;

  for (child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;

  return FALSE;
}

static char *
serialize_children (xmlDoc  *doc,
                    xmlNode *parent)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlNode *child;
  char *result;

  for (child = parent->children; child != NULL; child = child->next)
    {
      xmlNodeDump (buffer, doc, child, 0, 0);
      if (xmlBufferLength (buffer) > MAX_FIELD_SIZE)
        break;
    }

  result = g_strndup ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return result;
}

/* HTML carried in an element: usually escaped text, sometimes raw markup. */
static char *
node_html (xmlDoc  *doc,
           xmlNode *node)
{
  if (has_element_children (node))
    return serialize_children (doc, node);

  return node_text (doc, node);
}

/* Set as xmlDoc._private on a document read from settled text (see
 * bantin_text_validate_settled()) without character references: every text
 * node, attribute and serialization of it is settled too, as only
 * predefined entities, which are ASCII, add characters. */
#define SETTLED_DOC GINT_TO_POINTER (1)

/* Frees @text and returns NULL when it is blank. */
static char *
unless_blank (char *text)
{
  const char *p;

  if (text == NULL)
    return NULL;

  for (p = text; *p != '\0' && g_ascii_isspace (*p); p++)
    ;

  if (*p == '\0')
    {
      g_free (text);
      return NULL;
    }

  return text;
}

/* Takes ownership of @text and returns it valid, or NULL when blank. */
static char *
clean (char *text)
{
  text = unless_blank (text);
  return text != NULL ? bantin_text_make_valid_take (text) : NULL;
}

/* clean() for markup or text taken from @doc as it is, which need not be
 * checked again when @doc is settled: the HTML of articles is most of a
 * feed's bytes. */
static char *
clean_from (xmlDoc *doc,
            char   *text)
{
  if (doc->_private == SETTLED_DOC)
    return unless_blank (text);

  return clean (text);
}

static void
decode_entities (GString    *out,
                 const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *semi;

      if (*p != '&' || (semi = strchr (p, ';')) == NULL || semi - p > 32)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (p[1] == '#')
        {
          gunichar c;
          char *end = NULL;

          if (p[2] == 'x' || p[2] == 'X')
            c = (gunichar) g_ascii_strtoull (p + 3, &end, 16);
          else
            c = (gunichar) g_ascii_strtoull (p + 2, &end, 10);

          if (end == semi && end > p + 2 && g_unichar_validate (c) && c != 0)
            {
              g_string_append_unichar (out, c);
              p = semi + 1;
              continue;
            }
        }
      else
        {
          g_autofree char *name = g_strndup (p + 1, semi - p - 1);
          const htmlEntityDesc *desc = htmlEntityLookup ((const xmlChar *) name);

          if (desc == NULL && g_str_equal (name, "apos"))
            {
              g_string_append_c (out, '\'');
              p = semi + 1;
              continue;
            }

          if (desc != NULL)
            {
              g_string_append_unichar (out, desc->value);
              p = semi + 1;
              continue;
            }
        }

      g_string_append_c (out, *p++);
    }
}

/* "<b>", "</p>", "<br/>", "<!--" and "<img src=…>" start tags; "< 5" and
 * "<phường>" (a word in angle brackets) do not. */
static gboolean
is_tag_start (const char *p)
{
  const char *q = p + 1;

  if (*p != '<')
    return FALSE;

  if (*q == '!' || *q == '?')
    return TRUE;

  if (*q == '/')
    q++;

  if (!g_ascii_isalpha (*q))
    return FALSE;

  while (g_ascii_isalnum (*q) || *q == '-' || *q == ':')
    q++;

  return *q == '>' || *q == '/' || g_ascii_isspace (*q);
}

static gboolean
looks_like_markup (const char *text)
{
  const char *p;

  for (p = strchr (text, '<'); p != NULL; p = strchr (p + 1, '<'))
    if (is_tag_start (p))
      return TRUE;

  return FALSE;
}

static gboolean
is_block_tag (const char *tag)
{
  static const char * const blocks[] = {
    "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2",
    "h3", "h4", "h5", "h6", "blockquote", "hr", "section", "article", "dd", "dt",
  };
  char name[16];
  gsize n = 0;
  gsize i;

  if (*tag == '/')
    tag++;

  while (n + 1 < sizeof name && g_ascii_isalnum (tag[n]))
    {
      name[n] = g_ascii_tolower (tag[n]);
      n++;
    }
  name[n] = '\0';

  for (i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_str_equal (name, blocks[i]))
      return TRUE;

  return FALSE;
}

/* Plain text from something that may be HTML: tags dropped, entities
 * decoded, white space squeezed. Takes ownership of @text. */
static char *
plain_text (char     *text,
            gboolean  is_html)
{
  g_autofree char *squeezed = NULL;
  GString *stripped;
  GString *decoded;
  const char *p;

  if (text == NULL)
    return NULL;

  stripped = g_string_new (NULL);
  if (is_html || looks_like_markup (text))
    {
      for (p = text; *p != '\0'; p++)
        {
          if (is_tag_start (p))
            {
              const char *end = strchr (p, '>');

              if (end == NULL)
                break;
              /* Block tags separate words; inline ones may sit inside one. */
              if (is_block_tag (p + 1))
                g_string_append_c (stripped, ' ');
              p = end;
              continue;
            }
          g_string_append_c (stripped, *p);
        }
    }
  else
    g_string_append (stripped, text);

  g_free (text);

  decoded = g_string_new (NULL);
  decode_entities (decoded, stripped->str);
  g_string_free (stripped, TRUE);

  squeezed = bantin_text_squeeze (decoded->str);
  g_string_free (decoded, TRUE);

  return clean (g_steal_pointer (&squeezed));
}

static char *
escape_text_as_html (const char *text)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) paragraphs = NULL;
  GString *out;
  guint i;

  if (text == NULL)
    return NULL;

  out = g_string_new (NULL);
  paragraphs = g_regex_split_simple ("\\r?\\n\\s*\\n", text, 0, 0);

  for (i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (paragraphs[i]));
      g_auto(GStrv) lines = NULL;

      if (*trimmed == '\0')
        continue;

      g_free (escaped);
      escaped = g_markup_escape_text (trimmed, -1);
      lines = g_strsplit (escaped, "\n", -1);
      g_string_append (out, "<p>");
      {
        g_autofree char *joined = g_strjoinv ("<br>", lines);
        g_string_append (out, joined);
      }
      g_string_append (out, "</p>");
    }

  return g_string_free (out, FALSE);
}

/* URLs. */

/* GLib 2.74, parsing relaxed, reads a ';' in the authority ("//h;x") as
 * the start of the path, then fails an assertion when it joins the parts
 * again: a critical, and NULL without an error. No real address has one. */
static gboolean
authority_has_semicolon (const char *url)
{
  const char *colon = strpbrk (url, ":/?#");
  const char *authority;

  if (colon != NULL && *colon == ':')
    url = colon + 1;
  if (url[0] != '/' || url[1] != '/')
    return FALSE;

  authority = url + 2;
  return memchr (authority, ';', strcspn (authority, "/?#")) != NULL;
}

static char *
resolve_url (const char *base,
             const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GError) error = NULL;
  char *resolved;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  if (*trimmed == '\0')
    return NULL;

  if (authority_has_semicolon (trimmed) || (base != NULL && authority_has_semicolon (base)))
    return NULL;

  resolved = g_uri_resolve_relative (base, trimmed, G_URI_FLAGS_PARSE_RELAXED, &error);
  if (resolved == NULL)
    {
      g_debug ("Cannot resolve “%s” against “%s”: %s", trimmed, base,
               error != NULL ? error->message : "no reason given");
      return NULL;
    }

  return clean (resolved);
}

/* Resolves against the element's xml:base chain and the document URL. */
static char *
node_url (xmlDoc     *doc,
          xmlNode    *node,
          const char *url)
{
  xmlChar *base = xmlNodeGetBase (doc, node);
  char *resolved;

  resolved = resolve_url ((const char *) base, url);
  if (base != NULL)
    xmlFree (base);

  return resolved;
}

/* Items. */

static BantinParsedItem *
item_new (void)
{
  BantinParsedItem *item = g_new0 (BantinParsedItem, 1);

  item->enclosures = g_ptr_array_new_with_free_func (g_free);
  item->categories = g_ptr_array_new_with_free_func (g_free);
  return item;
}

/**
 * bantin_parsed_item_free:
 * @item: (nullable): an item
 */
void
bantin_parsed_item_free (BantinParsedItem *item)
{
  if (item == NULL)
    return;

  g_free (item->guid);
  g_free (item->link);
  g_free (item->title);
  g_free (item->author);
  g_free (item->summary);
  g_free (item->content);
  g_free (item->image_url);
  g_clear_pointer (&item->enclosures, g_ptr_array_unref);
  g_clear_pointer (&item->categories, g_ptr_array_unref);
  g_free (item);
}

/**
 * bantin_parsed_feed_free:
 * @feed: (nullable): a feed
 */
void
bantin_parsed_feed_free (BantinParsedFeed *feed)
{
  if (feed == NULL)
    return;

  g_free (feed->title);
  g_free (feed->site_url);
  g_free (feed->description);
  g_clear_pointer (&feed->items, g_ptr_array_unref);
  g_free (feed);
}

static BantinParsedFeed *
feed_new (BantinFeedFormat format)
{
  BantinParsedFeed *feed = g_new0 (BantinParsedFeed, 1);

  feed->format = format;
  feed->items = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_parsed_item_free);
  return feed;
}

static void
set_field (char **field,
           char  *value)
{
  if (value == NULL)
    return;

  g_free (*field);
  *field = value;
}

/* Keeps the first value only. */
static void
set_field_once (char **field,
                char  *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

static void
add_unique (GPtrArray *array,
            char      *value)
{
  guint i;

  if (value == NULL)
    return;

  for (i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      {
        g_free (value);
        return;
      }

  g_ptr_array_add (array, value);
}

static void
set_date (gint64     *field,
          const char *text)
{
  gint64 parsed;

  if (*field == 0 && bantin_date_parse (text, &parsed))
    *field = parsed;
}

static gboolean
is_image_type (const char *type,
               const char *medium,
               const char *url)
{
  if (medium != NULL)
    return g_ascii_strcasecmp (medium, "image") == 0;

  if (type != NULL)
    return g_ascii_strncasecmp (type, "image/", 6) == 0;

  if (url != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (url, -1);
      char *query = strpbrk (lower, "?#");

      if (query != NULL)
        *query = '\0';

      return g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg") ||
             g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".gif") ||
             g_str_has_suffix (lower, ".webp");
    }

  return FALSE;
}

/* Images are ranked: a thumbnail beats an image media:content, which
 * beats an image enclosure; the first of the best rank wins. */
typedef enum {
  IMAGE_NONE,
  IMAGE_ENCLOSURE,
  IMAGE_MEDIA_CONTENT,
  IMAGE_THUMBNAIL,
} ImageRank;

typedef struct
{
  BantinParsedItem *item;
  ImageRank         image_rank;
  char             *dc_creator;
  char             *rss_author;
  gboolean          guid_is_permalink;
  char             *guid_text;
} ItemBuilder;

static void
offer_image (ItemBuilder *builder,
             ImageRank    rank,
             const char  *url)
{
  if (url == NULL || rank <= builder->image_rank)
    return;

  g_free (builder->item->image_url);
  builder->item->image_url = g_strdup (url);
  builder->image_rank = rank;
}

static void
parse_media (ItemBuilder *builder,
             xmlDoc      *doc,
             xmlNode     *node)
{
  if (is_element (node, NS_MEDIA, "group"))
    {
      xmlNode *child;

      for (child = node->children; child != NULL; child = child->next)
        parse_media (builder, doc, child);
    }
  else if (is_element (node, NS_MEDIA, "thumbnail"))
    {
      g_autofree char *raw = get_attr (node, "url");
      g_autofree char *url = node_url (doc, node, raw);

      offer_image (builder, IMAGE_THUMBNAIL, url);
    }
  else if (is_element (node, NS_MEDIA, "content"))
    {
      g_autofree char *raw = get_attr (node, "url");
      g_autofree char *type = get_attr (node, "type");
      g_autofree char *medium = get_attr (node, "medium");
      char *url = node_url (doc, node, raw);
      xmlNode *child;

      if (url == NULL)
        return;

      if (is_image_type (type, medium, url))
        offer_image (builder, IMAGE_MEDIA_CONTENT, url);

      add_unique (builder->item->enclosures, url);

      /* media:content may carry its own thumbnail. */
      for (child = node->children; child != NULL; child = child->next)
        parse_media (builder, doc, child);
    }
}

static void
parse_enclosure (ItemBuilder *builder,
                 xmlDoc      *doc,
                 xmlNode     *node,
                 const char  *url_attribute)
{
  g_autofree char *raw = get_attr (node, url_attribute);
  g_autofree char *type = get_attr (node, "type");
  char *url = node_url (doc, node, raw);

  if (url == NULL)
    return;

  if (is_image_type (type, NULL, url))
    offer_image (builder, IMAGE_ENCLOSURE, url);

  add_unique (builder->item->enclosures, url);
}

static void
add_category (BantinParsedItem *item,
              char             *text)
{
  add_unique (item->categories, plain_text (text, FALSE));
}

/* "editor@example.com (Nguyễn Văn A)" names the person in parentheses. */
static char *
author_from_rss (const char *text)
{
  const char *open;
  const char *close;

  if (text == NULL)
    return NULL;

  open = strchr (text, '(');
  close = strrchr (text, ')');
  if (open != NULL && close != NULL && close > open + 1 && strchr (text, '@') != NULL)
    return g_strndup (open + 1, close - open - 1);

  return g_strdup (text);
}

/* Fills the item's fallbacks; called once all its elements are read. */
static void
finish_item (ItemBuilder *builder)
{
  BantinParsedItem *item = builder->item;

  set_field_once (&item->author, plain_text (g_steal_pointer (&builder->dc_creator), FALSE));
  set_field_once (&item->author, plain_text (author_from_rss (builder->rss_author), FALSE));
  g_clear_pointer (&builder->rss_author, g_free);

  if (builder->guid_text != NULL)
    {
      /* An RSS guid is a permalink unless it says otherwise. */
      if (item->link == NULL && builder->guid_is_permalink &&
          (g_str_has_prefix (builder->guid_text, "http://") ||
           g_str_has_prefix (builder->guid_text, "https://")))
        item->link = resolve_url (NULL, builder->guid_text);

      set_field_once (&item->guid, g_steal_pointer (&builder->guid_text));
    }

  if (item->published == 0)
    item->published = item->updated;

  if (item->guid == NULL && item->link != NULL)
    item->guid = g_strdup (item->link);

  if (item->guid == NULL)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
      const char *body = item->content != NULL ? item->content : item->summary;

      if (item->title != NULL)
        g_checksum_update (checksum, (const guchar *) item->title, -1);
      if (body != NULL)
        g_checksum_update (checksum, (const guchar *) body, -1);

      item->guid = g_strconcat ("sha1:", g_checksum_get_string (checksum), NULL);
    }
}

/* Elements shared by RSS 2.0 and RSS 1.0 items. */
static void
parse_rss_item_child (ItemBuilder *builder,
                      xmlDoc      *doc,
                      xmlNode     *node)
{
  BantinParsedItem *item = builder->item;

  if (is_rss (node, "title"))
    set_field (&item->title, plain_text (node_text (doc, node), FALSE));
  else if (is_rss (node, "link"))
    {
      g_autofree char *raw = node_text (doc, node);

      set_field_once (&item->link, node_url (doc, node, raw));
    }
  else if (is_rss (node, "description"))
    set_field (&item->summary, clean_from (doc, node_html (doc, node)));
  else if (is_element (node, NS_CONTENT, "encoded"))
    set_field (&item->content, clean_from (doc, node_html (doc, node)));
  else if (is_rss (node, "guid"))
    {
      g_autofree char *permalink = get_attr (node, "isPermaLink");

      g_free (builder->guid_text);
      builder->guid_text = clean (g_strstrip (node_text (doc, node)));
      builder->guid_is_permalink = permalink == NULL ||
                                   g_ascii_strcasecmp (g_strstrip (permalink), "false") != 0;
    }
  else if (is_rss (node, "pubDate") || is_element (node, NS_DC, "date") ||
           is_element (node, NS_DCTERMS, "issued") || is_element (node, NS_DCTERMS, "created"))
    {
      g_autofree char *text = node_text (doc, node);

      set_date (&item->published, text);
    }
  else if (is_element (node, NS_DCTERMS, "modified") || is_atom (node, "updated"))
    {
      g_autofree char *text = node_text (doc, node);

      set_date (&item->updated, text);
    }
  else if (is_element (node, NS_DC, "creator"))
    set_field_once (&builder->dc_creator, node_text (doc, node));
  else if (is_rss (node, "author"))
    set_field_once (&builder->rss_author, node_text (doc, node));
  else if (is_rss (node, "category") || is_element (node, NS_DC, "subject"))
    add_category (item, node_text (doc, node));
  else if (is_rss (node, "enclosure"))
    parse_enclosure (builder, doc, node, "url");
  else if (node->ns != NULL && ns_equal (node->ns->href, NS_MEDIA))
    parse_media (builder, doc, node);
}

static BantinParsedItem *
parse_rss_item (xmlDoc  *doc,
                xmlNode *node)
{
  ItemBuilder builder = { item_new (), IMAGE_NONE, NULL, NULL, TRUE, NULL };
  xmlNode *child;

  for (child = node->children; child != NULL; child = child->next)
    parse_rss_item_child (&builder, doc, child);

  /* RSS 1.0 items name themselves in rdf:about. */
  if (builder.guid_text == NULL)
    {
      xmlChar *about = xmlGetNsProp (node, (const xmlChar *) "about", (const xmlChar *) NS_RDF);

      if (about != NULL)
        {
          builder.guid_text = clean (g_strdup ((const char *) about));
          builder.guid_is_permalink = FALSE;
          xmlFree (about);
        }
    }

  finish_item (&builder);
  return builder.item;
}

static void
parse_rss_channel_child (BantinParsedFeed *feed,
                         xmlDoc           *doc,
                         xmlNode          *node)
{
  if (is_rss (node, "title"))
    set_field_once (&feed->title, plain_text (node_text (doc, node), FALSE));
  else if (is_rss (node, "link"))
    {
      g_autofree char *raw = node_text (doc, node);

      set_field_once (&feed->site_url, node_url (doc, node, raw));
    }
  else if (is_rss (node, "description"))
    set_field_once (&feed->description, plain_text (node_text (doc, node), FALSE));
  else if (is_rss (node, "item"))
    g_ptr_array_add (feed->items, parse_rss_item (doc, node));
}

static BantinParsedFeed *
parse_rss (xmlDoc  *doc,
           xmlNode *root)
{
  BantinParsedFeed *feed = feed_new (BANTIN_FEED_FORMAT_RSS);
  xmlNode *node;

  for (node = root->children; node != NULL; node = node->next)
    {
      if (is_rss (node, "channel"))
        {
          xmlNode *child;

          for (child = node->children; child != NULL; child = child->next)
            parse_rss_channel_child (feed, doc, child);
        }
      /* Some RSS 0.9x feeds put items beside the channel. */
      else if (is_rss (node, "item"))
        g_ptr_array_add (feed->items, parse_rss_item (doc, node));
    }

  return feed;
}

static BantinParsedFeed *
parse_rdf (xmlDoc  *doc,
           xmlNode *root)
{
  BantinParsedFeed *feed = feed_new (BANTIN_FEED_FORMAT_RDF);
  xmlNode *node;

  for (node = root->children; node != NULL; node = node->next)
    {
      if (is_rss (node, "channel"))
        {
          xmlNode *child;

          for (child = node->children; child != NULL; child = child->next)
            if (!is_rss (child, "item"))
              parse_rss_channel_child (feed, doc, child);
        }
      else if (is_rss (node, "item"))
        g_ptr_array_add (feed->items, parse_rss_item (doc, node));
    }

  return feed;
}

/* Atom. */

typedef enum {
  ATOM_TEXT,
  ATOM_HTML,
  ATOM_XHTML,
  ATOM_BASE64,
} AtomTextType;

static AtomTextType
atom_text_type (xmlNode *node)
{
  g_autofree char *type = get_attr (node, "type");
  g_autofree char *mode = get_attr (node, "mode");

  /* Atom 0.3 says how the content is carried in "mode". */
  if (mode != NULL && g_ascii_strcasecmp (mode, "base64") == 0)
    return ATOM_BASE64;
  if (mode != NULL && g_ascii_strcasecmp (mode, "xml") == 0)
    return ATOM_XHTML;

  if (type == NULL)
    return mode != NULL && g_ascii_strcasecmp (mode, "escaped") == 0 ? ATOM_HTML : ATOM_TEXT;

  if (g_ascii_strcasecmp (type, "html") == 0 || g_ascii_strcasecmp (type, "text/html") == 0)
    return ATOM_HTML;
  if (g_ascii_strcasecmp (type, "xhtml") == 0 ||
      g_ascii_strcasecmp (type, "application/xhtml+xml") == 0)
    return ATOM_XHTML;

  return ATOM_TEXT;
}

/* Inline XHTML is the one kind of content whose relative links we can
 * resolve against its own xml:base chain before it loses it. */
static void
resolve_xhtml_links (xmlDoc  *doc,
                     xmlNode *node)
{
  static const char * const attributes[] = { "href", "src" };
  xmlNode *child;
  gsize i;

  for (child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      for (i = 0; i < G_N_ELEMENTS (attributes); i++)
        {
          g_autofree char *value = get_attr (child, attributes[i]);
          g_autofree char *resolved = NULL;

          if (value == NULL)
            continue;

          resolved = node_url (doc, child, value);
          if (resolved != NULL)
            xmlSetProp (child, (const xmlChar *) attributes[i], (const xmlChar *) resolved);
        }

      resolve_xhtml_links (doc, child);
    }
}

/* The children of the wrapping <div> of xhtml content. */
static char *
atom_xhtml (xmlDoc  *doc,
            xmlNode *node)
{
  xmlNode *container = node;
  xmlNode *child;

  for (child = node->children; child != NULL; child = child->next)
    if (is_element (child, NS_XHTML, "div") || is_element (child, NULL, "div"))
      {
        container = child;
        break;
      }

  resolve_xhtml_links (doc, container);
  return g_strstrip (serialize_children (doc, container));
}

static char *
atom_base64 (xmlDoc  *doc,
             xmlNode *node)
{
  g_autofree char *text = node_text (doc, node);
  gsize len = 0;
  guchar *decoded = g_base64_decode (g_strstrip (text), &len);
  char *result = bantin_text_make_valid ((const char *) decoded, len);

  g_free (decoded);
  return result;
}

static char *
atom_text_as_html (xmlDoc  *doc,
                   xmlNode *node)
{
  switch (atom_text_type (node))
    {
    case ATOM_HTML:
      return clean_from (doc, node_html (doc, node));
    case ATOM_XHTML:
      return clean (atom_xhtml (doc, node));
    case ATOM_BASE64:
      return clean (atom_base64 (doc, node));
    case ATOM_TEXT:
    default:
      {
        g_autofree char *text = node_text (doc, node);

        /* Escaping adds only ASCII. */
        return clean_from (doc, escape_text_as_html (text));
      }
    }
}

static char *
atom_text_as_plain (xmlDoc  *doc,
                    xmlNode *node)
{
  switch (atom_text_type (node))
    {
    case ATOM_HTML:
      return plain_text (node_text (doc, node), TRUE);
    case ATOM_XHTML:
      return plain_text (node_text (doc, node), FALSE);
    case ATOM_BASE64:
      return plain_text (atom_base64 (doc, node), TRUE);
    case ATOM_TEXT:
    default:
      {
        /* Text constructs are plain text: nothing to strip or decode. */
        g_autofree char *text = node_text (doc, node);

        return clean (bantin_text_squeeze (text));
      }
    }
}

static char *
atom_person_name (xmlDoc  *doc,
                  xmlNode *node)
{
  xmlNode *child;

  for (child = node->children; child != NULL; child = child->next)
    if (is_atom (child, "name"))
      return plain_text (node_text (doc, child), FALSE);

  return NULL;
}

/* The best alternate link: rel="alternate" (or no rel) of an HTML type
 * first, then any alternate. */
typedef struct
{
  char *best;
  char *fallback;
} LinkChoice;

static void
consider_atom_link (LinkChoice *choice,
                    xmlDoc     *doc,
                    xmlNode    *node)
{
  g_autofree char *rel = get_attr (node, "rel");
  g_autofree char *type = get_attr (node, "type");
  g_autofree char *href = get_attr (node, "href");
  char *url;

  if (rel != NULL && g_ascii_strcasecmp (rel, "alternate") != 0 &&
      g_ascii_strcasecmp (rel, "http://www.iana.org/assignments/relation/alternate") != 0)
    return;

  if ((url = node_url (doc, node, href)) == NULL)
    return;

  if (type == NULL || g_ascii_strcasecmp (type, "text/html") == 0 ||
      g_ascii_strcasecmp (type, "application/xhtml+xml") == 0)
    set_field_once (&choice->best, url);
  else
    set_field_once (&choice->fallback, url);
}

static char *
link_choice_take (LinkChoice *choice)
{
  if (choice->best != NULL)
    {
      g_free (choice->fallback);
      return choice->best;
    }

  return choice->fallback;
}

static BantinParsedItem *
parse_atom_entry (xmlDoc     *doc,
                  xmlNode    *node,
                  const char *feed_author)
{
  ItemBuilder builder = { item_new (), IMAGE_NONE, NULL, NULL, FALSE, NULL };
  BantinParsedItem *item = builder.item;
  LinkChoice links = { NULL, NULL };
  xmlNode *child;

  for (child = node->children; child != NULL; child = child->next)
    {
      if (is_atom (child, "id"))
        set_field_once (&builder.guid_text, clean (g_strstrip (node_text (doc, child))));
      else if (is_atom (child, "title"))
        set_field (&item->title, atom_text_as_plain (doc, child));
      else if (is_atom (child, "link"))
        {
          g_autofree char *rel = get_attr (child, "rel");

          if (rel != NULL && g_ascii_strcasecmp (rel, "enclosure") == 0)
            parse_enclosure (&builder, doc, child, "href");
          else
            consider_atom_link (&links, doc, child);
        }
      else if (is_atom (child, "summary"))
        set_field (&item->summary, atom_text_as_html (doc, child));
      else if (is_atom (child, "content"))
        {
          g_autofree char *src = get_attr (child, "src");

          /* Out-of-line content is a link, not text. */
          if (src != NULL)
            set_field_once (&links.fallback, node_url (doc, child, src));
          else
            set_field (&item->content, atom_text_as_html (doc, child));
        }
      else if (is_atom (child, "published") || is_atom (child, "issued") ||
               is_atom (child, "created") || is_element (child, NS_DC, "date"))
        {
          g_autofree char *text = node_text (doc, child);

          set_date (&item->published, text);
        }
      else if (is_atom (child, "updated") || is_atom (child, "modified"))
        {
          g_autofree char *text = node_text (doc, child);

          set_date (&item->updated, text);
        }
      else if (is_atom (child, "author"))
        set_field_once (&item->author, atom_person_name (doc, child));
      else if (is_atom (child, "category"))
        {
          char *label = get_attr (child, "label");

          if (label == NULL)
            label = get_attr (child, "term");
          add_category (item, label);
        }
      else if (is_element (child, NS_DC, "creator"))
        set_field_once (&builder.dc_creator, node_text (doc, child));
      else if (is_element (child, NS_DC, "subject"))
        add_category (item, node_text (doc, child));
      else if (child->ns != NULL && ns_equal (child->ns->href, NS_MEDIA))
        parse_media (&builder, doc, child);
    }

  item->link = link_choice_take (&links);

  if (item->author == NULL && builder.dc_creator == NULL && feed_author != NULL)
    item->author = g_strdup (feed_author);

  finish_item (&builder);
  return item;
}

static BantinParsedFeed *
parse_atom (xmlDoc  *doc,
            xmlNode *root)
{
  BantinParsedFeed *feed = feed_new (BANTIN_FEED_FORMAT_ATOM);
  g_autofree char *feed_author = NULL;
  LinkChoice links = { NULL, NULL };
  xmlNode *node;

  /* The feed's author applies to entries without one, wherever it is. */
  for (node = root->children; node != NULL; node = node->next)
    if (is_atom (node, "author"))
      {
        set_field_once (&feed_author, atom_person_name (doc, node));
        break;
      }

  for (node = root->children; node != NULL; node = node->next)
    {
      if (is_atom (node, "title"))
        set_field_once (&feed->title, atom_text_as_plain (doc, node));
      else if (is_atom (node, "subtitle") || is_atom (node, "tagline"))
        set_field_once (&feed->description, atom_text_as_plain (doc, node));
      else if (is_atom (node, "link"))
        consider_atom_link (&links, doc, node);
      else if (is_atom (node, "entry"))
        g_ptr_array_add (feed->items, parse_atom_entry (doc, node, feed_author));
    }

  feed->site_url = link_choice_take (&links);
  return feed;
}

/* JSON Feed. */

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
json_object_member (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
json_array_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static char *
json_plain (JsonObject *object,
            const char *member)
{
  return plain_text (g_strdup (json_string (object, member)), FALSE);
}

static char *
json_id (JsonObject *object)
{
  JsonNode *node;

  if (!json_object_has_member (object, "id"))
    return NULL;

  node = json_object_get_member (object, "id");
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  /* Version 1.0 allowed numbers; 1.1 says to read them as strings. */
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return clean (g_strstrip (g_strdup (json_node_get_string (node))));

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }

  return NULL;
}

static char *
json_author (JsonObject *object)
{
  JsonArray *authors = json_array_member (object, "authors");
  JsonObject *author = json_object_member (object, "author");

  if (authors != NULL && json_array_get_length (authors) > 0)
    {
      JsonNode *first = json_array_get_element (authors, 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        author = json_node_get_object (first);
    }

  return author != NULL ? json_plain (author, "name") : NULL;
}

static BantinParsedItem *
parse_json_item (JsonObject *object,
                 const char *base_url,
                 const char *feed_author)
{
  ItemBuilder builder = { item_new (), IMAGE_NONE, NULL, NULL, FALSE, NULL };
  BantinParsedItem *item = builder.item;
  JsonArray *array;
  const char *text;
  guint i;

  builder.guid_text = json_id (object);
  item->link = resolve_url (base_url, json_string (object, "url"));
  if (item->link == NULL)
    item->link = resolve_url (base_url, json_string (object, "external_url"));
  item->title = json_plain (object, "title");
  item->summary = clean (g_strdup (json_string (object, "summary")));

  if ((text = json_string (object, "content_html")) != NULL)
    item->content = clean (g_strdup (text));
  else if ((text = json_string (object, "content_text")) != NULL)
    item->content = clean (escape_text_as_html (text));

  set_date (&item->published, json_string (object, "date_published"));
  set_date (&item->updated, json_string (object, "date_modified"));

  item->author = json_author (object);
  if (item->author == NULL && feed_author != NULL)
    item->author = g_strdup (feed_author);

  {
    g_autofree char *image = resolve_url (base_url, json_string (object, "image"));
    g_autofree char *banner = resolve_url (base_url, json_string (object, "banner_image"));

    offer_image (&builder, IMAGE_MEDIA_CONTENT, image);
    offer_image (&builder, IMAGE_ENCLOSURE, banner);
  }

  if ((array = json_array_member (object, "tags")) != NULL)
    for (i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *tag = json_array_get_element (array, i);

        if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
          add_category (item, g_strdup (json_node_get_string (tag)));
      }

  if ((array = json_array_member (object, "attachments")) != NULL)
    for (i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *element = json_array_get_element (array, i);
        JsonObject *attachment;
        char *url;

        if (!JSON_NODE_HOLDS_OBJECT (element))
          continue;

        attachment = json_node_get_object (element);
        url = resolve_url (base_url, json_string (attachment, "url"));
        if (url == NULL)
          continue;

        if (is_image_type (json_string (attachment, "mime_type"), NULL, url))
          offer_image (&builder, IMAGE_ENCLOSURE, url);
        add_unique (item->enclosures, url);
      }

  finish_item (&builder);
  return item;
}

/* json-glib parses recursively, a few stack frames per level, so a
 * document nested 100,000 deep overflows a thread's stack. No JSON Feed
 * needs more than a handful of levels. */
#define MAX_JSON_DEPTH 256

static gboolean
json_nesting_ok (const char *text,
                 gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return TRUE;
}

static BantinParsedFeed *
parse_json (const char  *utf8,
            gsize        len,
            const char  *base_url,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *feed_author = NULL;
  BantinParsedFeed *feed;
  JsonObject *root;
  JsonArray *items;
  const char *version;
  guint i;

  if (!json_nesting_ok (utf8, len))
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED,
                           _("Invalid JSON: the document is nested too deeply"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, utf8, (gssize) len, &local_error))
    {
      /* json-glib quotes the bad token cut at a byte count, which may
       * split a character: the message is shown and stored. */
      g_autofree char *message = bantin_text_make_valid (local_error->message, -1);

      g_set_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED,
                   _("Invalid JSON: %s"), message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED,
                           _("The JSON document is not a JSON Feed"));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  version = json_string (root, "version");
  if (version == NULL || strstr (version, "jsonfeed.org") == NULL)
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED,
                           _("The JSON document is not a JSON Feed"));
      return NULL;
    }

  feed = feed_new (BANTIN_FEED_FORMAT_JSON);
  feed->title = json_plain (root, "title");
  feed->site_url = resolve_url (base_url, json_string (root, "home_page_url"));
  feed->description = json_plain (root, "description");
  feed_author = json_author (root);

  if ((items = json_array_member (root, "items")) != NULL)
    for (i = 0; i < json_array_get_length (items); i++)
      {
        JsonNode *element = json_array_get_element (items, i);

        if (JSON_NODE_HOLDS_OBJECT (element))
          g_ptr_array_add (feed->items,
                           parse_json_item (json_node_get_object (element), base_url, feed_author));
      }

  return feed;
}

/* Entry points. */

static BantinParsedFeed *
parse_xml_root (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;

  if (is_element (root, NULL, "rss"))
    return parse_rss (doc, root);

  if (is_element (root, NS_RDF, "RDF"))
    return parse_rdf (doc, root);

  if (is_atom (root, "feed"))
    return parse_atom (doc, root);

  return NULL;
}

static gboolean
is_html_root (xmlDoc *doc)
{
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  return root != NULL && root->name != NULL &&
         g_ascii_strcasecmp ((const char *) root->name, "html") == 0;
}

static gboolean
looks_like_html (const char *text,
                 gsize       len)
{
  gsize window = MIN (len, 1024);
  g_autofree char *head = g_ascii_strdown (text, window);

  return strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL;
}

static gboolean
has_real_items (BantinParsedFeed *feed)
{
  guint i;

  for (i = 0; i < feed->items->len; i++)
    {
      BantinParsedItem *item = g_ptr_array_index (feed->items, i);

      if (item->title != NULL || item->link != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Rewrites HTML named entities as characters and bare ampersands as
 * "&amp;". Returns NULL when there is nothing to repair, or when the
 * document declares entities of its own. */
static GString *
repair_entities (const char *utf8,
                 gsize       len)
{
  GString *out;
  gboolean changed = FALSE;
  gsize i = 0;

  if (g_strstr_len (utf8, len, "<!ENTITY") != NULL)
    return NULL;

  out = g_string_sized_new (len + 64);

  while (i < len)
    {
      const char *p = utf8 + i;
      gsize name_len = 0;

      if (*p != '&')
        {
          g_string_append_c (out, *p);
          i++;
          continue;
        }

      if (p[1] == '#')
        {
          g_string_append_c (out, '&');
          i++;
          continue;
        }

      while (i + 1 + name_len < len && name_len < 32 && g_ascii_isalnum (p[1 + name_len]))
        name_len++;

      if (name_len > 0 && i + 1 + name_len < len && p[1 + name_len] == ';')
        {
          g_autofree char *name = g_strndup (p + 1, name_len);
          const htmlEntityDesc *desc = NULL;

          if (g_str_equal (name, "amp") || g_str_equal (name, "lt") || g_str_equal (name, "gt") ||
              g_str_equal (name, "quot") || g_str_equal (name, "apos"))
            {
              g_string_append_len (out, p, name_len + 2);
              i += name_len + 2;
              continue;
            }

          desc = htmlEntityLookup ((const xmlChar *) name);
          if (desc != NULL)
            {
              g_string_append_printf (out, "&#%u;", desc->value);
              i += name_len + 2;
              changed = TRUE;
              continue;
            }
        }

      g_string_append (out, "&amp;");
      i++;
      changed = TRUE;
    }

  if (!changed)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return out;
}

static gboolean
has_char_reference (const char *text,
                    gsize       len)
{
  const char *end = text + len;
  const char *p = text;

  while ((p = memchr (p, '&', end - p)) != NULL)
    {
      if (++p < end && *p == '#')
        return TRUE;
    }

  return FALSE;
}

/* The strict parse, with the long runs of text lifted out of libxml2's
 * way (see bantin-xml-lift.c). NULL when there was nothing to lift or the
 * lifted document is not well-formed: the caller then parses @utf8 itself,
 * for its own errors. */
static xmlDocPtr
read_lifted_xml (const char *utf8,
                 gsize       len,
                 const char *base_url)
{
  g_autoptr(BantinXmlLift) lift = _bantin_xml_lift_new (utf8, len);
  g_autoptr(GString) ignored_error = NULL;
  const char *lifted;
  gsize lifted_len;
  xmlDocPtr doc;

  if (lift == NULL)
    return NULL;

  ignored_error = g_string_new (NULL);
  lifted = _bantin_xml_lift_get_text (lift, &lifted_len);
  doc = read_xml (lifted, lifted_len, base_url, FALSE, ignored_error);
  if (doc != NULL)
    _bantin_xml_lift_restore (lift, doc);

  return doc;
}

static BantinParsedFeed *
parse_xml (const char  *utf8,
           gsize        len,
           gboolean     settled,
           const char  *base_url,
           GError     **error)
{
  g_autoptr(GString) strict_error = g_string_new (NULL);
  g_autoptr(GString) recover_error = g_string_new (NULL);
  g_autoptr(GString) repaired = NULL;
  BantinParsedFeed *feed = NULL;
  xmlDocPtr doc;

  ensure_libxml ();

  doc = read_lifted_xml (utf8, len, base_url);
  if (doc == NULL)
    doc = read_xml (utf8, len, base_url, FALSE, strict_error);
  if (doc != NULL)
    {
      if (settled && !has_char_reference (utf8, len))
        doc->_private = SETTLED_DOC;
      feed = parse_xml_root (doc);
      if (feed == NULL)
        g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED,
                             is_html_root (doc) ? _("The document is a web page, not a feed")
                                                : _("The document is XML but not a feed"));
      xmlFreeDoc (doc);
      return feed;
    }

  /* Ill-formed: a web page, or a feed with a broken tag or entity. */
  if (looks_like_html (utf8, len))
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED,
                           _("The document is a web page, not a feed"));
      return NULL;
    }

  /* The commonest breakage is HTML entities and bare ampersands; fixing
   * those often makes the feed well-formed again. */
  repaired = repair_entities (utf8, len);
  if (repaired != NULL)
    {
      utf8 = repaired->str;
      len = repaired->len;

      doc = read_xml (utf8, len, base_url, FALSE, recover_error);
      if (doc != NULL)
        {
          feed = parse_xml_root (doc);
          xmlFreeDoc (doc);
          if (feed != NULL)
            return feed;
        }
      g_string_truncate (recover_error, 0);
    }

  doc = read_xml (utf8, len, base_url, TRUE, recover_error);
  if (doc != NULL)
    {
      feed = parse_xml_root (doc);
      if (feed == NULL && is_html_root (doc))
        {
          xmlFreeDoc (doc);
          g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED,
                               _("The document is a web page, not a feed"));
          return NULL;
        }
      xmlFreeDoc (doc);
    }

  /* Recovery is only worth it when it still finds articles. */
  if (feed != NULL && has_real_items (feed))
    {
      g_debug ("Read an ill-formed feed in recovery mode (%s)", strict_error->str);
      return feed;
    }

  g_clear_pointer (&feed, bantin_parsed_feed_free);
  g_set_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED,
               _("The feed is not well-formed XML (%s)"),
               strict_error->len > 0 ? strict_error->str : _("no document element"));
  return NULL;
}

/**
 * bantin_feed_parser_parse:
 * @data: the bytes as fetched
 * @len: their length
 * @content_type: (nullable): the HTTP Content-Type header
 * @base_url: (nullable): the feed's URL, to resolve relative links against
 * @error: return location for a #BANTIN_FEED_PARSER_ERROR
 *
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1. The bytes
 * are decoded to UTF-8 first (see bantin_charset_to_utf8()), so whatever
 * the document declares, libxml2 reads UTF-8. Pure: no I/O, no global
 * state beyond libxml2's one-time setup, safe on any thread.
 *
 * Returns: (transfer full): the feed, or %NULL with @error set.
 */
BantinParsedFeed *
bantin_feed_parser_parse (const guint8  *data,
                          gsize          len,
                          const char    *content_type,
                          const char    *base_url,
                          GError       **error)
{
  g_autoptr(GError) charset_error = NULL;
  g_autofree char *utf8 = NULL;
  gsize utf8_len = 0;
  gboolean settled = FALSE;
  const char *start;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > MAX_INPUT_SIZE)
    {
      g_set_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_TOO_LARGE,
                   _("The feed is larger than %d MiB"), MAX_INPUT_SIZE / (1024 * 1024));
      return NULL;
    }

  if (len == 0)
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_EMPTY,
                           _("The feed is empty"));
      return NULL;
    }

  utf8 = bantin_charset_to_utf8_settled (data, len, content_type, &utf8_len, &settled, &charset_error);
  if (utf8 == NULL)
    {
      g_set_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_ENCODING,
                   _("Cannot decode the feed: %s"), charset_error->message);
      return NULL;
    }

  for (start = utf8; *start != '\0' && g_ascii_isspace (*start); start++)
    ;

  if (*start == '\0')
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_EMPTY,
                           _("The feed is empty"));
      return NULL;
    }

  utf8_len -= start - utf8;

  if (*start == '{' || *start == '[')
    return parse_json (start, utf8_len, base_url, error);

  if (*start != '<')
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED,
                           _("The document is neither XML nor JSON"));
      return NULL;
    }

  if (utf8_len > G_MAXINT)
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_TOO_LARGE,
                           _("The feed is too large"));
      return NULL;
    }

  return parse_xml (start, utf8_len, settled, base_url, error);
}

/* Discovery. */

static gboolean
rel_has_alternate (const char *rel)
{
  g_auto(GStrv) tokens = NULL;
  guint i;

  if (rel == NULL)
    return FALSE;

  tokens = g_strsplit_set (rel, " \t\r\n\f", -1);
  for (i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], "alternate") == 0)
      return TRUE;

  return FALSE;
}

static void
discover_links (xmlNode    *node,
                const char *base,
                GPtrArray  *xml_feeds,
                GPtrArray  *json_feeds)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (node->name != NULL && g_ascii_strcasecmp ((const char *) node->name, "link") == 0)
        {
          g_autofree char *rel = get_attr (node, "rel");
          g_autofree char *type = get_attr (node, "type");
          g_autofree char *href = get_attr (node, "href");
          GPtrArray *target = NULL;

          if (rel_has_alternate (rel) && type != NULL && href != NULL)
            {
              char *semi = strchr (type, ';');

              if (semi != NULL)
                *semi = '\0';
              g_strstrip (type);

              if (g_ascii_strcasecmp (type, "application/rss+xml") == 0 ||
                  g_ascii_strcasecmp (type, "application/atom+xml") == 0 ||
                  g_ascii_strcasecmp (type, "application/rdf+xml") == 0)
                target = xml_feeds;
              else if (g_ascii_strcasecmp (type, "application/feed+json") == 0 ||
                       g_ascii_strcasecmp (type, "application/json") == 0)
                target = json_feeds;
            }

          if (target != NULL)
            add_unique (target, resolve_url (base, href));
        }

      discover_links (node->children, base, xml_feeds, json_feeds);
    }
}

static xmlNode *
find_html_element (xmlNode    *node,
                   const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (node->name != NULL && g_ascii_strcasecmp ((const char *) node->name, name) == 0)
        return node;

      if ((found = find_html_element (node->children, name)) != NULL)
        return found;
    }

  return NULL;
}

/**
 * bantin_feed_parser_discover:
 * @data: a web page as fetched
 * @len: its length
 * @content_type: (nullable): the HTTP Content-Type header
 * @base_url: (nullable): the page's URL
 *
 * Finds the feeds a web page advertises with <link rel="alternate">, RSS
 * and Atom before JSON Feed, each group in document order.
 *
 * Returns: (transfer full) (nullable): a %NULL-terminated array of
 *   absolute URLs, or %NULL when the page names no feed.
 */
char **
bantin_feed_parser_discover (const guint8 *data,
                             gsize         len,
                             const char   *content_type,
                             const char   *base_url)
{
  g_autoptr(GPtrArray) xml_feeds = NULL;
  g_autoptr(GPtrArray) json_feeds = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *base = NULL;
  htmlParserCtxtPtr ctxt;
  htmlDocPtr doc;
  xmlNode *base_element;
  gsize utf8_len = 0;
  guint i;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0 || len > MAX_INPUT_SIZE)
    return NULL;

  utf8 = bantin_charset_to_utf8 (data, len, content_type, &utf8_len, NULL);
  if (utf8 == NULL || utf8_len == 0)
    return NULL;

  ensure_libxml ();

  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    return NULL;

  ctxt->_private = NULL;
  ctxt->sax->serror = structured_error_cb;
  doc = htmlCtxtReadMemory (ctxt, utf8, (int) utf8_len, base_url, "UTF-8", HTML_FLAGS);
  htmlFreeParserCtxt (ctxt);

  if (doc == NULL)
    return NULL;

  /* A <base href> changes what relative links mean. */
  base = g_strdup (base_url);
  base_element = find_html_element (xmlDocGetRootElement (doc), "base");
  if (base_element != NULL)
    {
      g_autofree char *href = get_attr (base_element, "href");
      char *resolved = resolve_url (base_url, href);

      if (resolved != NULL)
        {
          g_free (base);
          base = resolved;
        }
    }

  xml_feeds = g_ptr_array_new_with_free_func (g_free);
  json_feeds = g_ptr_array_new_with_free_func (g_free);
  discover_links (xmlDocGetRootElement (doc), base, xml_feeds, json_feeds);
  xmlFreeDoc (doc);

  for (i = 0; i < json_feeds->len; i++)
    add_unique (xml_feeds, g_strdup (g_ptr_array_index (json_feeds, i)));

  if (xml_feeds->len == 0)
    return NULL;

  g_ptr_array_add (xml_feeds, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&xml_feeds), FALSE);
}
