/* fuzz-html.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-html.h"

#include <libxml/HTMLparser.h>

#include "fuzz-common.h"

/* Article HTML is the most hostile input we take. The last byte of the
 * input picks the base URL and the plain-text limit. The sanitizer's
 * output is parsed again and must hold only what it promises (known
 * elements, known attributes, http(s)/mailto/bantin-image URLs), and
 * sanitizing it again must change nothing. The plain text must be one
 * line, squeezed, and no longer than asked. */

static const char * const base_urls[] = {
  NULL,
  "https://baochinhphu.vn/tin-tuc/bai-viet.htm",
  "http://example.org/a/b/?q=1#frag",
  "not a url",
};

static const char * const allowed_elements[] = {
  "html", "body", "a", "abbr", "b", "br", "cite", "code", "del", "em", "i",
  "img", "ins", "kbd", "mark", "q", "s", "small", "strong", "sub", "sup",
  "u", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hr", "li", "main", "ol", "p", "pre", "section", "table",
  "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
};

static const char * const allowed_attributes[] = {
  "href", "src", "cite", "title", "alt", "width", "height", "colspan",
  "rowspan", "start",
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static gboolean
in_list (const char         *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* http(s) with a host, mailto, or our own image scheme. */
static gboolean
is_safe_url (const char *url)
{
  static const char * const prefixes[] = { "http://", "https://", "mailto:", "bantin-image:" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (url, prefixes[i], n) == 0)
        return i >= 2 || (url[n] != '\0' && strchr ("/?#", url[n]) == NULL);
    }

  return FALSE;
}

static void
check_safe (const char *html)
{
  htmlDocPtr doc;
  xmlNode *node;

  if (*html == '\0')
    return;

  doc = htmlReadMemory (html, (int) strlen (html), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NODEFDTD | XML_PARSE_HUGE);
  FUZZ_CHECK (doc != NULL);

  /* Depth-first without recursion, as the output may still nest deep. */
  node = xmlDocGetRootElement (doc);
  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (!in_list ((const char *) node->name, allowed_elements, G_N_ELEMENTS (allowed_elements)))
            {
              fprintf (stderr, "Sanitized HTML has <%s>\n", node->name);
              abort ();
            }

          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              const char *name = (const char *) attr->name;
              xmlChar *value;

              if (!in_list (name, allowed_attributes, G_N_ELEMENTS (allowed_attributes)))
                {
                  fprintf (stderr, "Sanitized HTML has <%s %s>\n", node->name, name);
                  abort ();
                }

              value = xmlNodeGetContent ((xmlNode *) attr);
              if (strcmp (name, "href") == 0 || strcmp (name, "src") == 0 || strcmp (name, "cite") == 0)
                {
                  if (value == NULL || !is_safe_url ((const char *) value))
                    {
                      fprintf (stderr, "Sanitized HTML has %s=\"%s\"\n", name,
                               value != NULL ? (const char *) value : "(null)");
                      abort ();
                    }
                }
              xmlFree (value);
            }
        }

      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }
      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node != NULL && node->type != XML_ELEMENT_NODE)
            node = NULL;
        }
      if (node != NULL)
        node = node->next;
    }

  xmlFreeDoc (doc);
}

static void
check_text (const char *html,
            gsize       max_chars)
{
  g_autofree char *text = bantin_html_to_text (html, max_chars);

  FUZZ_CHECK (text != NULL);
  FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
  FUZZ_CHECK (max_chars == 0 || g_utf8_strlen (text, -1) <= (glong) max_chars);
  FUZZ_CHECK (strchr (text, '\n') == NULL);
  FUZZ_CHECK (strstr (text, "  ") == NULL);
  FUZZ_CHECK (*text == '\0' || (text[0] != ' ' && text[strlen (text) - 1] != ' '));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *html = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *again = NULL;
  const char *base_url;
  guint8 selector;

  if (size == 0 || size > 262144)
    return 0;

  selector = data[--size];
  base_url = base_urls[selector % G_N_ELEMENTS (base_urls)];
  html = fuzz_strdup (data, size);

  clean = bantin_html_sanitize (html, base_url);
  FUZZ_CHECK (clean != NULL);
  FUZZ_CHECK (g_utf8_validate (clean, -1, NULL));
  check_safe (clean);

  again = bantin_html_sanitize (clean, base_url);
  if (strcmp (again, clean) != 0)
    {
      fprintf (stderr, "Sanitizing twice changed\n%s\ninto\n%s\n", clean, again);
      abort ();
    }

  check_text (html, selector >> 2);
  check_text (html, 0);

  return 0;
}
