/* bantin-image-urls.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-image-urls"

#include "config.h"

#include "bantin-image-urls.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#define MAX_URL_LEN 8192

/* Attributes that lazy-loading scripts copy into src, in the order the
 * sanitizer (bantin-html.c) reads them, so that both pick the same URL. */
static const char * const lazy_attrs[] = {
  "data-src", "data-original", "data-lazy-src", "data-lazyload", "data-url", NULL
};

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
is_tag (const xmlNode *node,
        const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         strcmp ((const char *) node->name, name) == 0;
}

/* Blank images that lazy-loading pages put in src until a script runs. */
static gboolean
is_placeholder (const char *url)
{
  static const char * const names[] = {
    "blank.", "spacer.", "pixel.", "transparent.", "1x1.", "lazy.", "placeholder.",
    "grey.", "gray.", "loading.", NULL
  };
  const char *base;

  while (*url != '\0' && g_ascii_isspace (*url))
    url++;
  if (*url == '\0' || g_ascii_strncasecmp (url, "data:", 5) == 0)
    return TRUE;

  base = strrchr (url, '/');
  base = base != NULL ? base + 1 : url;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strncasecmp (base, names[i], strlen (names[i])) == 0)
      return TRUE;

  return FALSE;
}

/* GLib 2.74, parsing relaxed, reads a ';' in the authority ("//h;x") as
 * the start of the path, then fails an assertion when it joins the parts
 * again: a critical, and NULL without an error. No real address has one.
 * (The same check is in bantin-html.c and bantin-feed-parser.c.) */
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
absolute_url (const char *raw,
              const char *base_url)
{
  g_autofree char *stripped = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr(GString) encoded = NULL;

  if (raw == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (raw));
  if (*stripped == '\0' || strlen (stripped) > MAX_URL_LEN || is_placeholder (stripped))
    return NULL;

  /* GUri refuses spaces and non-ASCII bytes; browsers escape them. */
  encoded = g_string_sized_new (strlen (stripped) + 8);
  for (const char *p = stripped; *p != '\0'; p++)
    {
      guchar b = (guchar) *p;

      if (b < 0x20 || b == 0x7f)
        continue;
      if (b == ' ' || b == '"' || b == '<' || b == '>' || b >= 0x80)
        g_string_append_printf (encoded, "%%%02X", b);
      else
        g_string_append_c (encoded, (char) b);
    }

  if (authority_has_semicolon (encoded->str) ||
      (base_url != NULL && authority_has_semicolon (base_url)))
    return NULL;

  if (base_url != NULL && *base_url != '\0')
    resolved = g_uri_resolve_relative (base_url, encoded->str,
                                       G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  else if (g_uri_is_valid (encoded->str, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL))
    resolved = g_strdup (encoded->str);
  if (resolved == NULL)
    return NULL;

  scheme = g_uri_parse_scheme (resolved);
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;

  return g_steal_pointer (&resolved);
}

/**
 * bantin_image_urls_best_srcset:
 * @srcset: (nullable): a srcset attribute ("a.jpg 480w, b.jpg 1200w")
 * @base_url: (nullable): the URL relative candidates resolve against
 *
 * Picks the widest candidate no wider than BANTIN_IMAGE_URLS_MAX_WIDTH
 * pixels (or, for density descriptors, the densest up to 2x); when every
 * candidate is wider, the narrowest one.
 *
 * Returns: (nullable): an absolute http(s) URL
 */
char *
bantin_image_urls_best_srcset (const char *srcset,
                               const char *base_url)
{
  g_autofree char *best_fit = NULL;
  g_autofree char *smallest_over = NULL;
  double best_fit_size = -1, smallest_over_size = G_MAXDOUBLE;
  const char *p = srcset;

  if (srcset == NULL)
    return NULL;

  while (*p != '\0')
    {
      g_autofree char *url = NULL;
      const char *start;
      double size = 1, limit;
      gboolean width = FALSE;

      while (*p != '\0' && (g_ascii_isspace (*p) || *p == ','))
        p++;
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (p > start && p[-1] == ',')
        url = g_strndup (start, p - start - 1);
      else
        {
          const char *desc;

          url = g_strndup (start, p - start);
          while (*p != '\0' && g_ascii_isspace (*p))
            p++;
          desc = p;
          while (*p != '\0' && *p != ',')
            p++;
          if (p > desc)
            {
              g_autofree char *d = g_strstrip (g_strndup (desc, p - desc));
              gsize len = strlen (d);
              char *end = NULL;
              double value = len > 1 ? g_ascii_strtod (d, &end) : 0;

              if (len > 1 && end == d + len - 1 && value > 0)
                {
                  if (d[len - 1] == 'w' || d[len - 1] == 'W')
                    {
                      size = value;
                      width = TRUE;
                    }
                  else if (d[len - 1] == 'x' || d[len - 1] == 'X')
                    size = value;
                }
            }
        }

      limit = width ? BANTIN_IMAGE_URLS_MAX_WIDTH : 2.0;
      if (!width && size > 10)
        continue;   /* Neither a width nor a sane density. */

      {
        g_autofree char *absolute = absolute_url (url, base_url);

        if (absolute == NULL)
          continue;

        /* Widths win over densities when a page mixes them. */
        if (width)
          size += 1000;
        if (size - (width ? 1000 : 0) <= limit)
          {
            if (size > best_fit_size)
              {
                g_free (best_fit);
                best_fit = g_steal_pointer (&absolute);
                best_fit_size = size;
              }
          }
        else if (size < smallest_over_size)
          {
            g_free (smallest_over);
            smallest_over = g_steal_pointer (&absolute);
            smallest_over_size = size;
          }
      }
    }

  if (best_fit != NULL)
    return g_steal_pointer (&best_fit);
  return g_steal_pointer (&smallest_over);
}

static gboolean
is_tracking_pixel (xmlNode *node)
{
  g_autofree char *width = get_attr (node, "width");
  g_autofree char *height = get_attr (node, "height");

  return width != NULL && height != NULL &&
         g_ascii_strtoll (width, NULL, 10) <= 1 && g_ascii_strtoll (height, NULL, 10) <= 1;
}

/* The URL to download for an <img>, <amp-img> or <source>. */
static char *
image_url (xmlNode    *node,
           const char *base_url)
{
  g_autofree char *srcset = NULL;
  char *url;

  if (is_tracking_pixel (node))
    return NULL;

  srcset = get_attr (node, "srcset");
  if (srcset == NULL)
    srcset = get_attr (node, "data-srcset");
  url = bantin_image_urls_best_srcset (srcset, base_url);
  if (url != NULL)
    return url;

  {
    g_autofree char *src = get_attr (node, "src");

    url = absolute_url (src, base_url);
    if (url != NULL)
      return url;
  }

  for (guint i = 0; lazy_attrs[i] != NULL; i++)
    {
      g_autofree char *lazy = get_attr (node, lazy_attrs[i]);

      url = absolute_url (lazy, base_url);
      if (url != NULL)
        return url;
    }

  return NULL;
}

typedef struct
{
  GPtrArray  *urls;
  GHashTable *seen;
  char       *base_url;
} Collector;

static void
add_url (Collector *c,
         char      *url)
{
  if (url == NULL)
    return;

  if (g_hash_table_add (c->seen, url))
    g_ptr_array_add (c->urls, g_strdup (url));
}

/* A <picture>: its <img> if that gives a URL, else its first <source>. */
static void
collect_picture (Collector *c,
                 xmlNode   *picture)
{
  g_autofree char *from_source = NULL;
  xmlNode *node = picture->children;

  /* libxml2 2.9 does not know <source> is void and may nest the <img>
   * inside it, so the whole subtree is searched, without recursion. */
  while (node != NULL && node != picture)
    {
      if (is_tag (node, "img") || is_tag (node, "amp-img"))
        {
          char *url = image_url (node, c->base_url);

          if (url != NULL)
            {
              add_url (c, url);
              return;
            }
        }
      else if (is_tag (node, "source") && from_source == NULL)
        from_source = image_url (node, c->base_url);

      if (node->children != NULL)
        node = node->children;
      else
        {
          while (node != picture && node->next == NULL)
            node = node->parent;
          if (node != picture)
            node = node->next;
        }
    }

  add_url (c, g_steal_pointer (&from_source));
}

static void
visit (Collector *c,
       xmlNode   *node,
       gboolean  *descend)
{
  *descend = TRUE;

  if (is_tag (node, "base"))
    {
      g_autofree char *href = get_attr (node, "href");
      char *base = absolute_url (href, c->base_url);

      if (base != NULL)
        {
          g_free (c->base_url);
          c->base_url = base;
        }
    }
  else if (is_tag (node, "meta"))
    {
      g_autofree char *property = get_attr (node, "property");

      if (property == NULL)
        property = get_attr (node, "name");
      if (property != NULL &&
          (g_ascii_strcasecmp (property, "og:image") == 0 ||
           g_ascii_strcasecmp (property, "og:image:url") == 0 ||
           g_ascii_strcasecmp (property, "og:image:secure_url") == 0))
        {
          g_autofree char *content = get_attr (node, "content");

          add_url (c, absolute_url (content, c->base_url));
        }
    }
  else if (is_tag (node, "picture"))
    {
      collect_picture (c, node);
      *descend = FALSE;
    }
  else if (is_tag (node, "img") || is_tag (node, "amp-img"))
    add_url (c, image_url (node, c->base_url));
  else if (is_tag (node, "script") || is_tag (node, "style") || is_tag (node, "template"))
    *descend = FALSE;
}

/**
 * bantin_image_urls_collect:
 * @html: (nullable): a page or an HTML fragment
 * @base_url: (nullable): the URL relative references resolve against
 *
 * Lists the images worth downloading for offline reading: <img> and
 * <amp-img> (srcset first, then src, then the lazy-loading attributes
 * data-src, data-original, data-lazy-src…), <picture> (its <img>, else its
 * first <source>), and og:image. Only absolute http(s) URLs are returned,
 * each once, in document order; blank placeholders, data: URIs and
 * tracking pixels (width and height of at most 1) are left out.
 *
 * Returns: (transfer full) (element-type utf8): the URLs
 */
GPtrArray *
bantin_image_urls_collect (const char *html,
                           const char *base_url)
{
  Collector c = { NULL, NULL, NULL };
  g_autofree char *valid = NULL;
  htmlDocPtr doc;
  xmlNode *node;
  gsize len;

  c.urls = g_ptr_array_new_with_free_func (g_free);
  if (html == NULL || *html == '\0')
    return c.urls;

  len = strlen (html);
  if (!g_utf8_validate_len (html, len, NULL))
    {
      valid = g_utf8_make_valid (html, len);
      html = valid;
      len = strlen (html);
    }

  doc = htmlReadMemory (html, (int) MIN (len, G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT |
                        HTML_PARSE_NODEFDTD | XML_PARSE_HUGE);
  if (doc == NULL)
    return c.urls;

  c.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.base_url = g_strdup (base_url);

  node = xmlDocGetRootElement (doc);
  while (node != NULL)
    {
      gboolean descend = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        visit (&c, node, &descend);

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node != NULL && (node->type == XML_DOCUMENT_NODE ||
                               node->type == XML_HTML_DOCUMENT_NODE))
            node = NULL;
        }
      if (node != NULL)
        node = node->next;
    }

  xmlFreeDoc (doc);
  g_hash_table_unref (c.seen);
  g_free (c.base_url);

  return c.urls;
}
