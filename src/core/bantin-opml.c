/* bantin-opml.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-opml"

#include "config.h"

#include "bantin-opml.h"
#include "bantin-charset.h"
#include "bantin-feed-parser.h"
#include "bantin-text.h"

#include <string.h>

#include <glib/gi18n.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* Nesting of outlines that the reader follows. */
#define MAX_OUTLINE_DEPTH 32
#define MAX_OPML_SIZE (16 * 1024 * 1024)

/* The same safe flags as the feed parser: no entity substitution, no DTD,
 * no network, no huge mode, and the (already decoded) declaration ignored. */
#define OPML_FLAGS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | \
                    XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC)

static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&initialized, 1);
    }
}

static void
ignore_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  GString *first_error = ctxt->_private;

  if (first_error != NULL && first_error->len == 0 && error != NULL &&
      error->level >= XML_ERR_ERROR && error->message != NULL)
    {
      g_string_append_printf (first_error, "line %d: %s", error->line, error->message);
      while (first_error->len > 0 && g_ascii_isspace (first_error->str[first_error->len - 1]))
        g_string_truncate (first_error, first_error->len - 1);
    }
}

static xmlDocPtr
read_opml (const char *utf8,
           gsize       len,
           gboolean    recover,
           GString    *first_error)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlDocPtr doc;

  if (ctxt == NULL)
    return NULL;

  ctxt->_private = first_error;
  ctxt->sax->serror = ignore_error_cb;

  doc = xmlCtxtReadMemory (ctxt, utf8, (int) len, NULL, "UTF-8",
                           OPML_FLAGS | (recover ? XML_PARSE_RECOVER : 0));
  if (doc != NULL && !recover && !ctxt->wellFormed)
    g_clear_pointer (&doc, xmlFreeDoc);

  xmlFreeParserCtxt (ctxt);
  return doc;
}

/**
 * bantin_opml_entry_free:
 * @entry: (nullable): an entry
 */
void
bantin_opml_entry_free (BantinOpmlEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->url);
  g_free (entry->title);
  g_free (entry->site_url);
  g_free (entry->folder);
  g_free (entry);
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* Attribute names are matched without regard to case: "xmlUrl" is often
 * written "xmlurl" or "XMLURL" by older exporters. */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlAttr *attr;

  for (attr = node->properties; attr != NULL; attr = attr->next)
    if (g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
      {
        xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
        char *result = NULL;

        if (value != NULL)
          {
            g_autofree char *valid = bantin_text_make_valid ((const char *) value, -1);

            result = bantin_text_squeeze (valid);
            xmlFree (value);
          }

        if (result != NULL && *result == '\0')
          g_clear_pointer (&result, g_free);

        return result;
      }

  return NULL;
}

static char *
outline_name (xmlNode *node)
{
  char *name = get_attr (node, "title");

  if (name == NULL)
    name = get_attr (node, "text");

  return name;
}

static void
parse_outlines (xmlNode    *first,
                const char *folder,
                GPtrArray  *entries,
                int         depth)
{
  xmlNode *node;

  /* Hostile files can nest without end; real ones nest a few levels. */
  if (depth > MAX_OUTLINE_DEPTH)
    return;

  for (node = first; node != NULL; node = node->next)
    {
      g_autofree char *url = NULL;

      if (!is_named (node, "outline"))
        continue;

      url = get_attr (node, "xmlUrl");
      if (url != NULL)
        {
          BantinOpmlEntry *entry = g_new0 (BantinOpmlEntry, 1);

          entry->url = g_steal_pointer (&url);
          entry->title = outline_name (node);
          entry->site_url = get_attr (node, "htmlUrl");
          entry->folder = g_strdup (folder);
          g_ptr_array_add (entries, entry);
          continue;
        }

      if (node->children != NULL)
        {
          g_autofree char *name = outline_name (node);
          g_autofree char *path = NULL;

          if (name == NULL)
            path = g_strdup (folder);
          else if (folder == NULL)
            path = g_steal_pointer (&name);
          else
            path = g_strconcat (folder, "/", name, NULL);

          parse_outlines (node->children, path, entries, depth + 1);
        }
    }
}

/**
 * bantin_opml_parse:
 * @data: an OPML document
 * @len: its length
 * @error: return location for a #BANTIN_FEED_PARSER_ERROR
 *
 * Reads the subscriptions of an OPML file. Outlines with an xmlUrl are
 * feeds; outlines around them are folders, nested ones joined with "/".
 *
 * Returns: (transfer full) (element-type BantinOpmlEntry): the feeds, in
 *   document order, or %NULL with @error set.
 */
GPtrArray *
bantin_opml_parse (const guint8  *data,
                   gsize          len,
                   GError       **error)
{
  g_autoptr(GString) first_error = g_string_new (NULL);
  g_autofree char *utf8 = NULL;
  GPtrArray *entries;
  xmlDocPtr doc;
  xmlNode *root;
  xmlNode *node;
  gsize utf8_len = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > MAX_OPML_SIZE)
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_TOO_LARGE,
                           _("The OPML file is too large"));
      return NULL;
    }

  utf8 = len > 0 ? bantin_charset_to_utf8 (data, len, NULL, &utf8_len, NULL) : NULL;
  if (utf8 == NULL || *g_strchug (utf8) == '\0')
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_EMPTY,
                           _("The OPML file is empty"));
      return NULL;
    }
  utf8_len = strlen (utf8);

  ensure_libxml ();

  doc = read_opml (utf8, utf8_len, FALSE, first_error);
  if (doc == NULL)
    doc = read_opml (utf8, utf8_len, TRUE, NULL);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      g_set_error (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_MALFORMED,
                   _("The OPML file is not well-formed XML (%s)"),
                   first_error->len > 0 ? first_error->str : _("no document element"));
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  if (!is_named (root, "opml"))
    {
      g_set_error_literal (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED,
                           _("The file is not an OPML document"));
      xmlFreeDoc (doc);
      return NULL;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_opml_entry_free);
  for (node = root->children; node != NULL; node = node->next)
    if (is_named (node, "body"))
      parse_outlines (node->children, NULL, entries, 0);

  xmlFreeDoc (doc);
  return entries;
}

static void
set_prop (xmlNode    *node,
          const char *name,
          const char *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    return;

  valid = bantin_text_make_valid (value, -1);
  xmlSetProp (node, (const xmlChar *) name, (const xmlChar *) valid);
}

/* The outline for a folder path such as "A/B", made on first use. */
static xmlNode *
folder_node (GHashTable *folders,
             xmlNode    *body,
             const char *path)
{
  xmlNode *node;
  const char *slash;
  xmlNode *parent = body;
  g_autofree char *parent_path = NULL;

  if (path == NULL || *path == '\0')
    return body;

  if ((node = g_hash_table_lookup (folders, path)) != NULL)
    return node;

  slash = strrchr (path, '/');

  /* Titles may hold slashes, so a path can have more parts than the reader
   * follows outlines: past that depth the rest stays whole in one outline,
   * and reading it back joins the same path. */
  {
    guint n_slashes = 0;

    for (const char *p = path; (p = strchr (p, '/')) != NULL; p++)
      if (++n_slashes == MAX_OUTLINE_DEPTH - 1)
        {
          slash = p;
          break;
        }
  }

  if (slash != NULL)
    {
      parent_path = g_strndup (path, slash - path);
      parent = folder_node (folders, body, parent_path);
    }

  node = xmlNewChild (parent, NULL, (const xmlChar *) "outline", NULL);
  set_prop (node, "text", slash != NULL ? slash + 1 : path);
  set_prop (node, "title", slash != NULL ? slash + 1 : path);
  g_hash_table_insert (folders, g_strdup (path), node);
  return node;
}

/**
 * bantin_opml_write:
 * @entries: (element-type BantinOpmlEntry): the feeds
 * @title: (nullable): the document title
 *
 * Writes the feeds as OPML 2.0 in UTF-8, folders as nested outlines.
 *
 * Returns: (transfer full): the document.
 */
char *
bantin_opml_write (GPtrArray  *entries,
                   const char *title)
{
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlDocPtr doc;
  xmlNode *root;
  xmlNode *head;
  xmlNode *body;
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;
  guint i;

  ensure_libxml ();

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewDocNode (doc, NULL, (const xmlChar *) "opml", NULL);
  xmlDocSetRootElement (doc, root);
  xmlSetProp (root, (const xmlChar *) "version", (const xmlChar *) "2.0");

  head = xmlNewChild (root, NULL, (const xmlChar *) "head", NULL);
  if (title != NULL)
    {
      xmlNode *title_node = xmlNewChild (head, NULL, (const xmlChar *) "title", NULL);
      g_autofree char *valid = bantin_text_make_valid (title, -1);

      /* xmlNodeAddContent escapes; xmlNewChild's content would not. */
      xmlNodeAddContent (title_node, (const xmlChar *) valid);
    }

  body = xmlNewChild (root, NULL, (const xmlChar *) "body", NULL);

  for (i = 0; entries != NULL && i < entries->len; i++)
    {
      BantinOpmlEntry *entry = g_ptr_array_index (entries, i);
      xmlNode *parent;
      xmlNode *outline;
      const char *name;

      if (entry == NULL || entry->url == NULL)
        continue;

      parent = folder_node (folders, body, entry->folder);
      name = entry->title != NULL ? entry->title : entry->url;

      outline = xmlNewChild (parent, NULL, (const xmlChar *) "outline", NULL);
      set_prop (outline, "type", "rss");
      set_prop (outline, "text", name);
      set_prop (outline, "title", name);
      set_prop (outline, "xmlUrl", entry->url);
      set_prop (outline, "htmlUrl", entry->site_url);
    }

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  result = g_strndup ((const char *) buffer, size);
  xmlFree (buffer);
  xmlFreeDoc (doc);

  return result;
}
