/* bantin-html.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-html"

#include "config.h"

#include "bantin-html.h"
#include "bantin-text.h"
#include "bantin-utf8-private.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

/* Both functions parse with libxml2's forgiving HTML parser and then walk
 * the tree without recursion (a feed can nest 100,000 <div>s), following
 * the parent/next pointers. Element names come lower-cased from the
 * parser; what each one means to us is looked up in a table that is built
 * once and only read afterwards, so both functions are thread-safe. */

typedef enum {
  ELEMENT_UNWRAP = 0,   /* Unknown: drop the tag, keep what is inside. */
  ELEMENT_KEEP,         /* Allowed: kept, possibly under another name. */
  ELEMENT_DROP,         /* Dropped together with everything inside. */
  ELEMENT_MEDIA,        /* Dropped, but a link to its source is kept. */
} ElementAction;

typedef struct
{
  const char    *name;
  ElementAction  action;
  const char    *rename;   /* Name written out, when not @name. */
  guint          block : 1;
  guint          is_void : 1;
} ElementInfo;

static const ElementInfo element_table[] = {
  /* Text-level elements. */
  { "a", ELEMENT_KEEP, NULL, 0, 0 },
  { "abbr", ELEMENT_KEEP, NULL, 0, 0 },
  { "b", ELEMENT_KEEP, NULL, 0, 0 },
  { "br", ELEMENT_KEEP, NULL, 0, 1 },
  { "cite", ELEMENT_KEEP, NULL, 0, 0 },
  { "code", ELEMENT_KEEP, NULL, 0, 0 },
  { "del", ELEMENT_KEEP, NULL, 0, 0 },
  { "em", ELEMENT_KEEP, NULL, 0, 0 },
  { "i", ELEMENT_KEEP, NULL, 0, 0 },
  { "img", ELEMENT_KEEP, NULL, 0, 1 },
  { "ins", ELEMENT_KEEP, NULL, 0, 0 },
  { "kbd", ELEMENT_KEEP, NULL, 0, 0 },
  { "mark", ELEMENT_KEEP, NULL, 0, 0 },
  { "q", ELEMENT_KEEP, NULL, 0, 0 },
  { "s", ELEMENT_KEEP, NULL, 0, 0 },
  { "samp", ELEMENT_KEEP, "code", 0, 0 },
  { "small", ELEMENT_KEEP, NULL, 0, 0 },
  { "strike", ELEMENT_KEEP, "s", 0, 0 },
  { "strong", ELEMENT_KEEP, NULL, 0, 0 },
  { "sub", ELEMENT_KEEP, NULL, 0, 0 },
  { "sup", ELEMENT_KEEP, NULL, 0, 0 },
  { "tt", ELEMENT_KEEP, "code", 0, 0 },
  { "u", ELEMENT_KEEP, NULL, 0, 0 },
  { "var", ELEMENT_KEEP, "i", 0, 0 },

  /* Blocks. */
  { "address", ELEMENT_KEEP, "div", 1, 0 },
  { "article", ELEMENT_KEEP, NULL, 1, 0 },
  { "aside", ELEMENT_KEEP, NULL, 1, 0 },
  { "blockquote", ELEMENT_KEEP, NULL, 1, 0 },
  { "caption", ELEMENT_KEEP, NULL, 1, 0 },
  { "center", ELEMENT_KEEP, "div", 1, 0 },
  { "dd", ELEMENT_KEEP, NULL, 1, 0 },
  { "details", ELEMENT_KEEP, "div", 1, 0 },
  { "dir", ELEMENT_KEEP, "ul", 1, 0 },
  { "div", ELEMENT_KEEP, NULL, 1, 0 },
  { "dl", ELEMENT_KEEP, NULL, 1, 0 },
  { "dt", ELEMENT_KEEP, NULL, 1, 0 },
  { "figcaption", ELEMENT_KEEP, NULL, 1, 0 },
  { "figure", ELEMENT_KEEP, NULL, 1, 0 },
  { "footer", ELEMENT_KEEP, NULL, 1, 0 },
  { "h1", ELEMENT_KEEP, NULL, 1, 0 },
  { "h2", ELEMENT_KEEP, NULL, 1, 0 },
  { "h3", ELEMENT_KEEP, NULL, 1, 0 },
  { "h4", ELEMENT_KEEP, NULL, 1, 0 },
  { "h5", ELEMENT_KEEP, NULL, 1, 0 },
  { "h6", ELEMENT_KEEP, NULL, 1, 0 },
  { "header", ELEMENT_KEEP, NULL, 1, 0 },
  { "hr", ELEMENT_KEEP, NULL, 1, 1 },
  { "li", ELEMENT_KEEP, NULL, 1, 0 },
  { "listing", ELEMENT_KEEP, "pre", 1, 0 },
  { "main", ELEMENT_KEEP, NULL, 1, 0 },
  { "menu", ELEMENT_KEEP, "ul", 1, 0 },
  { "nav", ELEMENT_KEEP, "div", 1, 0 },
  { "ol", ELEMENT_KEEP, NULL, 1, 0 },
  { "p", ELEMENT_KEEP, NULL, 1, 0 },
  { "pre", ELEMENT_KEEP, NULL, 1, 0 },
  { "section", ELEMENT_KEEP, NULL, 1, 0 },
  { "summary", ELEMENT_KEEP, "div", 1, 0 },
  { "table", ELEMENT_KEEP, NULL, 1, 0 },
  { "tbody", ELEMENT_KEEP, NULL, 1, 0 },
  { "td", ELEMENT_KEEP, NULL, 1, 0 },
  { "tfoot", ELEMENT_KEEP, NULL, 1, 0 },
  { "th", ELEMENT_KEEP, NULL, 1, 0 },
  { "thead", ELEMENT_KEEP, NULL, 1, 0 },
  { "tr", ELEMENT_KEEP, NULL, 1, 0 },
  { "ul", ELEMENT_KEEP, NULL, 1, 0 },
  { "xmp", ELEMENT_KEEP, "pre", 1, 0 },

  /* Unwrapped, but they still separate words in plain text. */
  { "body", ELEMENT_UNWRAP, NULL, 1, 0 },
  { "html", ELEMENT_UNWRAP, NULL, 1, 0 },
  { "picture", ELEMENT_UNWRAP, NULL, 0, 0 },
  { "legend", ELEMENT_UNWRAP, NULL, 1, 0 },
  { "fieldset", ELEMENT_UNWRAP, NULL, 1, 0 },
  { "option", ELEMENT_UNWRAP, NULL, 1, 0 },

  /* Never shown, whatever they contain. The void ones cannot contain
   * anything, but libxml2 2.9 does not know HTML5's and nests what follows
   * them inside: the sanitizer walks into those children. */
  { "applet", ELEMENT_DROP, NULL, 1, 0 },
  { "base", ELEMENT_DROP, NULL, 1, 1 },
  { "basefont", ELEMENT_DROP, NULL, 1, 1 },
  { "bgsound", ELEMENT_DROP, NULL, 1, 1 },
  { "button", ELEMENT_DROP, NULL, 1, 0 },
  { "canvas", ELEMENT_DROP, NULL, 1, 0 },
  { "datalist", ELEMENT_DROP, NULL, 1, 0 },
  { "dialog", ELEMENT_DROP, NULL, 1, 0 },
  { "embed", ELEMENT_DROP, NULL, 1, 1 },
  { "form", ELEMENT_DROP, NULL, 1, 0 },
  { "frame", ELEMENT_DROP, NULL, 1, 1 },
  { "frameset", ELEMENT_DROP, NULL, 1, 0 },
  { "head", ELEMENT_DROP, NULL, 1, 0 },
  { "input", ELEMENT_DROP, NULL, 1, 1 },
  { "isindex", ELEMENT_DROP, NULL, 1, 1 },
  { "keygen", ELEMENT_DROP, NULL, 1, 1 },
  { "link", ELEMENT_DROP, NULL, 1, 1 },
  { "map", ELEMENT_DROP, NULL, 1, 0 },
  { "math", ELEMENT_DROP, NULL, 1, 0 },
  { "meta", ELEMENT_DROP, NULL, 1, 1 },
  { "noembed", ELEMENT_DROP, NULL, 1, 0 },
  { "noframes", ELEMENT_DROP, NULL, 1, 0 },
  { "noscript", ELEMENT_DROP, NULL, 1, 0 },
  { "object", ELEMENT_DROP, NULL, 1, 0 },
  { "param", ELEMENT_DROP, NULL, 1, 1 },
  { "plaintext", ELEMENT_DROP, NULL, 1, 0 },
  { "script", ELEMENT_DROP, NULL, 1, 0 },
  { "select", ELEMENT_DROP, NULL, 1, 0 },
  { "source", ELEMENT_DROP, NULL, 1, 1 },
  { "style", ELEMENT_DROP, NULL, 1, 0 },
  { "svg", ELEMENT_DROP, NULL, 1, 0 },
  { "template", ELEMENT_DROP, NULL, 1, 0 },
  { "textarea", ELEMENT_DROP, NULL, 1, 0 },
  { "title", ELEMENT_DROP, NULL, 1, 0 },
  { "track", ELEMENT_DROP, NULL, 1, 1 },

  /* Never played or embedded; the reader may follow a link instead. */
  { "audio", ELEMENT_MEDIA, NULL, 1, 0 },
  { "iframe", ELEMENT_MEDIA, NULL, 1, 0 },
  { "video", ELEMENT_MEDIA, NULL, 1, 0 },
};

static const ElementInfo unknown_element = { NULL, ELEMENT_UNWRAP, NULL, 0, 0 };

/* Kept elements nested deeper than this are unwrapped, so the output (and
 * the recursive renderer reading it) stays shallow; text is never lost. */
#define MAX_DEPTH 48

/* Longest URL and longest title/alt text kept, in bytes. */
#define MAX_URL_LEN 8192
#define MAX_TEXT_ATTR_LEN 2048

static GHashTable *elements;

/* The names the sanitizer writes, and for each one (by index) the set of
 * written elements whose start tag makes libxml2 close it: a <p> inside a
 * <p>, an <a> inside an <a>, an <li> inside an <li>. libxml2 only checks
 * the element that is open, so "<p>a<span><p>b" nests one <p> in another;
 * once the <span> is unwrapped, parsing the output again would close the
 * outer <p> early and sanitizing would not give the same result twice. */
#define MAX_OUTPUT_NAMES 64
static const char *output_names[MAX_OUTPUT_NAMES];
static guint n_output_names;
static guint64 closed_by[MAX_OUTPUT_NAMES];
static GHashTable *output_indices;

static htmlDocPtr parse_html (const char *html);

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) name))
        return node;
      if ((found = find_element (node->children, name)) != NULL)
        return found;
    }

  return NULL;
}

/* Asks libxml2 itself, once, rather than copying its table: a start tag
 * closes the open element when it does not end up inside it. */
static void
learn_auto_close (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_table); i++)
    {
      const char *name;

      if (element_table[i].action != ELEMENT_KEEP)
        continue;

      name = element_table[i].rename != NULL ? element_table[i].rename : element_table[i].name;
      if (g_hash_table_contains (output_indices, name))
        continue;

      g_assert (n_output_names < MAX_OUTPUT_NAMES);
      output_names[n_output_names] = name;
      g_hash_table_insert (output_indices, (gpointer) name, GUINT_TO_POINTER (n_output_names + 1));
      n_output_names++;
    }

  for (guint open = 0; open < n_output_names; open++)
    {
      for (guint inner = 0; inner < n_output_names; inner++)
        {
          g_autofree char *probe = g_strdup_printf ("<%s>x<%s>y</%s></%s>",
                                                    output_names[open], output_names[inner],
                                                    output_names[inner], output_names[open]);
          htmlDocPtr doc = parse_html (probe);
          xmlNode *outer = doc != NULL ? find_element (doc->children, output_names[open]) : NULL;

          if (outer != NULL && outer->children != NULL &&
              find_element (outer->children, output_names[inner]) == NULL)
            closed_by[open] |= G_GUINT64_CONSTANT (1) << inner;

          if (doc != NULL)
            xmlFreeDoc (doc);
        }
    }
}

static guint
output_index (const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (output_indices, name)) - 1;
}

static gpointer
init_once (gpointer data)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  xmlInitParser ();

  for (guint i = 0; i < G_N_ELEMENTS (element_table); i++)
    g_hash_table_insert (table, (gpointer) element_table[i].name, (gpointer) &element_table[i]);

  output_indices = g_hash_table_new (g_str_hash, g_str_equal);
  learn_auto_close ();

  elements = table;
  return NULL;
}

static void
ensure_initialized (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
}

static const ElementInfo *
lookup_element (const xmlNode *node)
{
  const ElementInfo *info;

  if (node->name == NULL)
    return &unknown_element;

  info = g_hash_table_lookup (elements, node->name);
  return info != NULL ? info : &unknown_element;
}

static htmlDocPtr
parse_html (const char *html)
{
  g_autofree char *valid = NULL;
  gsize len = strlen (html);

  /* libxml2 2.9 switches the rest of the input to Latin-1 at the first
   * invalid UTF-8 sequence, which would garble Vietnamese text. */
  if (!bantin_text_validate (html, len))
    {
      valid = g_utf8_make_valid (html, len);
      html = valid;
      len = strlen (valid);
    }

  if (len > G_MAXINT)
    len = G_MAXINT;

  return htmlReadMemory (html, (int) len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                         HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT |
                         HTML_PARSE_NODEFDTD | XML_PARSE_HUGE);
}

/* Moves from @node (whose subtree is done) to the next node in document
 * order, calling @leave for every ancestor whose subtree ends on the way.
 * Returns NULL at the end of the document. */
typedef void (*LeaveFunc) (xmlNode  *node,
                           gpointer  data);

static xmlNode *
next_node (xmlNode   *node,
           LeaveFunc  leave,
           gpointer   data)
{
  while (node->next == NULL)
    {
      node = node->parent;
      if (node == NULL ||
          node->type == XML_DOCUMENT_NODE ||
          node->type == XML_HTML_DOCUMENT_NODE)
        return NULL;
      if (leave != NULL)
        leave (node, data);
    }

  return node->next;
}

/* Plain text
 *
 * Building a libxml2 tree costs about 140 µs for a 3 KB article (the HTML
 * parser runs at ~20 MB/s), which alone would cap a sync near 7,000
 * articles/s per core before storing anything. Plain text needs no tree,
 * so this is a single forward scan instead: tags are recognised and
 * skipped, the content of script-like elements is skipped, entities are
 * decoded with libxml2's HTML entity table, and white space is squeezed
 * while the text is appended to one GString. It stops as soon as it has
 * more than max_chars characters. */

typedef struct
{
  GString  *out;
  gsize     n_chars;          /* Counted only when there is a limit. */
  gsize     limit;            /* Stop past this many characters; 0 for none. */
  gboolean  pending_space;
} TextState;

/* Elements whose content is raw text, skipped up to their end tag. */
static const char * const raw_text_elements[] = {
  "script", "style", "title", "textarea", "iframe", "noembed", "noframes",
};

/* Elements whose whole subtree is left out of the text. */
static const char * const hidden_elements[] = {
  "noscript", "template", "svg", "math", "object", "select", "audio",
  "video", "applet", "datalist",
};

/* What Windows-1252 puts at 0x80-0x9F, which old feeds write as &#150;. */
static const guint16 cp1252_c1[32] = {
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
};

/* g_string_append_len() is a call into GLib 2.74 per word. */
static inline void
text_append_bytes (GString    *out,
                   const char *s,
                   gsize       len)
{
  if (out->len + len < out->allocated_len)
    {
      memcpy (out->str + out->len, s, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    {
      g_string_append_len (out, s, len);
    }
}

static inline void
text_append_visible (TextState  *st,
                     const char *s,
                     gsize       len)
{
  if (st->pending_space && st->out->len > 0)
    {
      text_append_bytes (st->out, " ", 1);
      st->n_chars++;
    }
  st->pending_space = FALSE;
  text_append_bytes (st->out, s, len);
  st->n_chars++;
}

/* What a byte that is not UTF-8 becomes, as with g_utf8_make_valid(). */
#define REPLACEMENT_CHAR "\xef\xbf\xbd"

static void
text_append_unichar (TextState *st,
                     gunichar   c)
{
  char buf[6];

  if (c == 0x00a0 || g_unichar_isspace (c))
    st->pending_space = TRUE;
  else if (c >= 0x20 && c != 0x7f)
    text_append_visible (st, buf, g_unichar_to_utf8 (c, buf));
}

static inline gboolean
is_ascii_text_space (guchar b)
{
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

/* Every space separator is U+00A0, U+1680 or at or above U+2000. */
static inline gboolean
is_non_ascii_space (gunichar c)
{
  return c == 0x00a0 || c == 0x1680 || (c >= 0x2000 && g_unichar_isspace (c));
}

/* Appends the text between @p and @end, which holds no markup. Without a
 * limit, each word is appended as a whole and characters are not counted.
 * The text is validated here, on the way: a byte that does not start a
 * valid sequence becomes U+FFFD, as g_utf8_make_valid() would make it
 * (markup is ASCII, so a sequence never straddles two runs). */
static void
text_append_run (TextState  *st,
                 const char *p,
                 const char *end)
{
  const guchar *uend = (const guchar *) end;

  while (p < end)
    {
      guchar b = (guchar) *p;
      gunichar c = 0;
      gsize n = 0;

      if (st->limit == 0)
        {
          const char *word = p;

          while (p < end)
            {
              b = (guchar) *p;
              if (b < 0x80)
                {
                  if (b <= 0x20 || b == 0x7f)
                    break;
                  p++;
                  continue;
                }
              n = _bantin_utf8_decode ((const guchar *) p, uend, &c);
              if (n == 0 || is_non_ascii_space (c))
                break;
              p += n;
            }

          if (p > word)
            text_append_visible (st, word, p - word);
          if (p == end)
            return;

          /* @p is at white space, a control character or a byte that is
           * not UTF-8. */
          if (b < 0x80)
            {
              if (is_ascii_text_space (b))
                st->pending_space = TRUE;
              p++;
            }
          else if (n == 0)
            {
              text_append_visible (st, REPLACEMENT_CHAR, 3);
              p++;
            }
          else
            {
              st->pending_space = TRUE;
              p += n;
            }
          continue;
        }

      if (st->n_chars > st->limit)
        return;

      if (b < 0x80)
        {
          if (is_ascii_text_space (b))
            st->pending_space = TRUE;
          else if (b >= 0x20 && b != 0x7f)
            text_append_visible (st, p, 1);
          p++;
        }
      else if ((n = _bantin_utf8_decode ((const guchar *) p, uend, &c)) == 0)
        {
          text_append_visible (st, REPLACEMENT_CHAR, 3);
          p++;
        }
      else
        {
          if (is_non_ascii_space (c))
            st->pending_space = TRUE;
          else
            text_append_visible (st, p, n);
          p += n;
        }
    }
}

/* Decodes the character reference at @p (which points at '&') and returns
 * where the text continues, or NULL when this is a lone ampersand. */
static const char *
decode_entity (const char *p,
               gunichar   *out)
{
  const char *q = p + 1;

  if (*q == '#')
    {
      guint64 value = 0;
      gboolean hex = (q[1] == 'x' || q[1] == 'X');
      const char *digits = q + (hex ? 2 : 1);

      for (q = digits; g_ascii_isxdigit (*q) && (hex || g_ascii_isdigit (*q)); q++)
        {
          if (value < 0x110000)
            value = value * (hex ? 16 : 10) + (guint64) g_ascii_xdigit_value (*q);
        }
      if (q == digits)
        return NULL;
      if (*q == ';')
        q++;

      if (value >= 0x80 && value < 0xa0)
        value = cp1252_c1[value - 0x80];
      else if (value == 0 || value >= 0x110000 || (value >= 0xd800 && value < 0xe000))
        value = 0xfffd;
      *out = (gunichar) value;
      return q;
    }
  else
    {
      char name[33];
      gsize len = 0;
      const htmlEntityDesc *desc;

      while (g_ascii_isalnum (q[len]) && len < sizeof name - 1)
        {
          name[len] = q[len];
          len++;
        }
      name[len] = '\0';
      if (len == 0)
        return NULL;

      desc = htmlEntityLookup ((const xmlChar *) name);
      if (desc == NULL)
        return NULL;

      /* Without the semicolon only the few names browsers also accept. */
      if (q[len] != ';' &&
          strcmp (name, "amp") != 0 && strcmp (name, "lt") != 0 &&
          strcmp (name, "gt") != 0 && strcmp (name, "quot") != 0 &&
          strcmp (name, "nbsp") != 0)
        return NULL;

      *out = desc->value;
      return q + len + (q[len] == ';' ? 1 : 0);
    }
}

static gboolean
name_in (const char        *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Reads a tag name at @p into @name (lower case, truncated to fit) and
 * returns the end of the name. */
static const char *
read_tag_name (const char *p,
               char       *name,
               gsize       size)
{
  gsize len = 0;

  while (g_ascii_isalnum (*p) || *p == '-' || *p == ':' || *p == '_')
    {
      if (len < size - 1)
        name[len++] = g_ascii_tolower (*p);
      p++;
    }
  name[len] = '\0';
  return p;
}

/* Returns the end of the tag whose attributes start at @p (just past the
 * '>'), skipping quoted attribute values. *@self_closing is set for "/>". */
static const char *
skip_tag (const char *p,
          gboolean   *self_closing)
{
  char prev = '\0';

  *self_closing = FALSE;
  while (*p != '\0' && *p != '>')
    {
      if ((*p == '"' || *p == '\'') && prev == '=')
        {
          const char *close = strchr (p + 1, *p);

          if (close == NULL)
            return p + strlen (p);
          p = close + 1;
          prev = '"';
          continue;
        }
      if (!g_ascii_isspace (*p))
        prev = *p;
      p++;
    }

  *self_closing = (prev == '/');
  return *p == '>' ? p + 1 : p;
}

/* Skips past the end tag </@name> of a raw text element. */
static const char *
skip_raw_text (const char *p,
               const char *name)
{
  gsize len = strlen (name);

  for (;;)
    {
      gboolean self_closing;

      p = strstr (p, "</");
      if (p == NULL)
        return NULL;
      p += 2;
      if (g_ascii_strncasecmp (p, name, len) == 0 && !g_ascii_isalnum (p[len]))
        return skip_tag (p + len, &self_closing);
    }
}

/* Skips the subtree of the element @name whose start tag ended at @p,
 * counting nested elements of the same name. */
static const char *
skip_subtree (const char *p,
              const char *name)
{
  int depth = 1;

  while (depth > 0)
    {
      char tag[16];
      gboolean closing, self_closing;

      p = strchr (p, '<');
      if (p == NULL)
        return NULL;
      p++;

      if (g_str_has_prefix (p, "!--"))
        {
          p = strstr (p + 3, "-->");
          if (p == NULL)
            return NULL;
          continue;
        }

      closing = (*p == '/');
      if (closing)
        p++;
      if (!g_ascii_isalpha (*p))
        continue;

      p = read_tag_name (p, tag, sizeof tag);
      p = skip_tag (p, &self_closing);
      if (strcmp (tag, name) == 0 && !self_closing)
        depth += closing ? -1 : 1;
    }

  return p;
}

static gboolean
is_trailing_junk (gunichar c)
{
  return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' ||
         c == 0x2013 || c == 0x2014 || c == '(' || c == '[';
}

/* Cuts @out to at most @max_chars characters including the ellipsis,
 * at the last word boundary when there is one in the second half. */
static void
truncate_at_word (GString *out,
                  gsize    max_chars)
{
  const char *start = out->str;
  const char *cut;
  const char *space = NULL;
  gsize i;

  if (max_chars <= 1)
    {
      g_string_assign (out, max_chars == 1 ? "…" : "");
      return;
    }

  cut = start;
  for (i = 0; i < max_chars - 1; i++)
    cut = g_utf8_next_char (cut);

  /* A word boundary right at the cut keeps the whole last word. */
  if (*cut == ' ')
    space = cut;
  else
    {
      const char *p;
      gsize n = 0;

      for (p = cut; p > start; n++)
        {
          p = g_utf8_prev_char (p);
          if (*p == ' ')
            {
              space = p;
              break;
            }
        }
      if (space != NULL && n > (max_chars - 1) / 2)
        space = NULL;
    }

  if (space != NULL)
    cut = space;

  while (cut > start)
    {
      const char *prev = g_utf8_prev_char (cut);

      if (!is_trailing_junk (g_utf8_get_char (prev)))
        break;
      cut = prev;
    }

  g_string_truncate (out, cut - start);
  g_string_append (out, "…");
}

/**
 * bantin_html_to_text:
 * @html: an HTML fragment, or %NULL
 * @max_chars: the longest result in characters, or 0 for no limit
 *
 * Returns the text of @html on one line: entities decoded, scripts, styles
 * and the like left out, blocks separated by a space and every run of white
 * space squeezed to one space. When the text is longer than @max_chars it
 * is cut at a word boundary and ends with "…", which counts towards
 * @max_chars.
 */
char *
bantin_html_to_text (const char *html,
                     gsize       max_chars)
{
  TextState st = { NULL, 0, 0, FALSE };
  const char *p;
  gsize len;

  if (html == NULL || *html == '\0')
    return g_strdup ("");

  ensure_initialized ();

  /* Not validated first: text_append_run() does it as it goes. */
  len = strlen (html);

  st.out = g_string_sized_new (max_chars > 0 ? MIN (max_chars * 2 + 8, len + 1) : len + 1);
  st.limit = max_chars;

  p = html;
  while (p != NULL && *p != '\0')
    {
      const char *run;

      if (max_chars > 0 && st.n_chars > max_chars)
        break;

      if (*p == '&')
        {
          gunichar c;
          const char *after = decode_entity (p, &c);

          if (after == NULL)
            {
              text_append_run (&st, p, p + 1);
              p++;
            }
          else
            {
              text_append_unichar (&st, c);
              p = after;
            }
          continue;
        }

      if (*p == '<')
        {
          const char *q = p + 1;
          gboolean closing = FALSE, self_closing;
          char name[16];
          const ElementInfo *info;

          if (g_str_has_prefix (q, "!--"))
            {
              p = strstr (q + 3, "-->");
              p = p != NULL ? p + 3 : NULL;
              continue;
            }
          if (*q == '!' || *q == '?')
            {
              p = strchr (q, '>');
              p = p != NULL ? p + 1 : NULL;
              continue;
            }
          if (*q == '/')
            {
              closing = TRUE;
              q++;
            }
          if (!g_ascii_isalpha (*q))
            {
              /* A lone '<' is text, as in "a < b". */
              text_append_run (&st, p, p + 1);
              p++;
              continue;
            }

          q = read_tag_name (q, name, sizeof name);
          p = skip_tag (q, &self_closing);

          if (!closing && !self_closing)
            {
              if (name_in (name, raw_text_elements, G_N_ELEMENTS (raw_text_elements)))
                {
                  p = skip_raw_text (p, name);
                  continue;
                }
              if (name_in (name, hidden_elements, G_N_ELEMENTS (hidden_elements)))
                {
                  p = skip_subtree (p, name);
                  continue;
                }
            }

          info = g_hash_table_lookup (elements, name);
          if (info != NULL && (info->block || info->is_void))
            st.pending_space = TRUE;
          continue;
        }

      run = p;
      while (*p != '\0' && *p != '<' && *p != '&')
        p++;
      text_append_run (&st, run, p);
    }

  if (max_chars > 0 && st.n_chars > max_chars)
    truncate_at_word (st.out, max_chars);

  return g_string_free (st.out, FALSE);
}

/* Sanitizing
 *
 * An allow-list: the document is parsed by libxml2 and a new document is
 * written from the elements and attributes listed above; anything else is
 * unwrapped (its text kept) or dropped with its content. URLs are checked
 * after libxml2 decoded their entities and after the control characters
 * and white space that browsers ignore are removed, and the check is made
 * on exactly the string that is written out. */

typedef struct
{
  GString    *out;
  const char *base_url;
  int         depth;
  gboolean    in_paragraph;   /* A <p> we opened around top-level text. */
  guint       open[MAX_DEPTH + 1];  /* Output indices of the open elements. */
} SanitizeState;

typedef enum {
  URL_LINK,
  URL_IMAGE,
} UrlKind;

/* Marks, in xmlNode._private, an element whose start tag was written. */
#define EMITTED GINT_TO_POINTER (1)

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  const char *p = text;
  const char *run = text;

  for (; *p != '\0'; p++)
    {
      const char *entity;
      guchar b = (guchar) *p;

      switch (b)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = attribute ? "&quot;" : NULL; break;
        case '\t':
        case '\n':
        case '\r':
          entity = attribute ? " " : NULL;
          break;
        default:
          entity = (b < 0x20 || b == 0x7f) ? "" : NULL;
          break;
        }

      if (entity != NULL)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, entity);
          run = p + 1;
        }
    }

  g_string_append_len (out, run, p - run);
}

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
url_has_allowed_scheme (const char *url,
                        UrlKind     kind)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (scheme == NULL)
    return FALSE;

  /* A web address needs a host: "http:" alone or "http:/x" loads nothing
   * (and browsers read "http:x" as a relative path). */
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    {
      const char *rest = url + strlen (scheme) + 1;

      return rest[0] == '/' && rest[1] == '/' && rest[2] != '\0' && strchr ("/?#", rest[2]) == NULL;
    }
  if (kind == URL_LINK)
    return g_ascii_strcasecmp (scheme, "mailto") == 0;
  return g_ascii_strcasecmp (scheme, "bantin-image") == 0;
}

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

/* Returns an absolute URL of an allowed scheme for @raw (an attribute value
 * with entities already decoded), or NULL. */
static char *
clean_url (const char *raw,
           const char *base_url,
           UrlKind     kind)
{
  g_autoptr(GString) url = NULL;
  g_autofree char *resolved = NULL;
  const char *end;
  const char *p;

  if (raw == NULL)
    return NULL;

  /* White space and control characters are ignored by browsers at both
   * ends, and tabs and newlines anywhere ("jav&#x09;ascript:"). */
  while (*raw != '\0' && (guchar) *raw <= 0x20)
    raw++;
  end = raw + strlen (raw);
  while (end > raw && (guchar) end[-1] <= 0x20)
    end--;
  if (end == raw || end - raw > MAX_URL_LEN)
    return NULL;

  url = g_string_sized_new (end - raw + 16);
  for (p = raw; p < end; p++)
    {
      guchar b = (guchar) *p;

      if (b < 0x20 || b == 0x7f)
        continue;
      /* GUri rejects these; browsers send them percent-encoded. */
      if (b == ' ' || b == '"' || b == '<' || b == '>' || b == '`' ||
          b == '{' || b == '}' || b == '|' || b == '^' || b >= 0x80)
        g_string_append_printf (url, "%%%02X", b);
      else if (b == '\\')
        g_string_append_c (url, '/');
      else
        g_string_append_c (url, (char) b);
    }

  if (authority_has_semicolon (url->str) ||
      (base_url != NULL && authority_has_semicolon (base_url)))
    return NULL;

  if (base_url != NULL && *base_url != '\0')
    resolved = g_uri_resolve_relative (base_url, url->str,
                                       G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED,
                                       NULL);
  else if (g_uri_is_valid (url->str, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL))
    resolved = g_strdup (url->str);

  /* The limit holds for what is written, too: encoding and resolving make
   * a URL longer, and the output must sanitize to itself. */
  if (resolved == NULL || strlen (resolved) > MAX_URL_LEN ||
      !url_has_allowed_scheme (resolved, kind))
    return NULL;

  return g_steal_pointer (&resolved);
}

static gboolean
is_placeholder_src (const char *src)
{
  static const char * const names[] = {
    "blank.gif", "spacer.gif", "pixel.gif", "transparent.gif", "1x1.gif",
    "1x1.png", "blank.png", "transparent.png", "lazy.gif", "placeholder.gif",
    "placeholder.png",
  };
  const char *base;

  while (*src != '\0' && (guchar) *src <= 0x20)
    src++;
  if (*src == '\0' || g_ascii_strncasecmp (src, "data:", 5) == 0)
    return TRUE;

  base = strrchr (src, '/');
  base = base != NULL ? base + 1 : src;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strncasecmp (base, names[i], strlen (names[i])) == 0)
      return TRUE;

  return FALSE;
}

/* The first candidate of a srcset: a URL up to white space, without the
 * commas that separate candidates. */
static char *
first_srcset_url (const char *srcset)
{
  const char *p = srcset;
  const char *start;

  if (srcset == NULL)
    return NULL;

  while (*p != '\0' && (g_ascii_isspace (*p) || *p == ','))
    p++;
  start = p;
  while (*p != '\0' && !g_ascii_isspace (*p))
    p++;
  while (p > start && p[-1] == ',')
    p--;

  return p > start ? g_strndup (start, p - start) : NULL;
}

static char *
image_source (xmlNode    *node,
              const char *base_url)
{
  static const char * const lazy_attrs[] = {
    "data-src", "data-original", "data-lazy-src", "data-lazyload", "data-url",
  };
  g_autofree char *src = get_attr (node, "src");
  g_autofree char *srcset = NULL;
  g_autofree char *first = NULL;

  if (src != NULL && !is_placeholder_src (src))
    return clean_url (src, base_url, URL_IMAGE);

  for (guint i = 0; i < G_N_ELEMENTS (lazy_attrs); i++)
    {
      g_autofree char *lazy = get_attr (node, lazy_attrs[i]);

      if (lazy != NULL && !is_placeholder_src (lazy))
        return clean_url (lazy, base_url, URL_IMAGE);
    }

  srcset = get_attr (node, "srcset");
  if (srcset == NULL)
    srcset = get_attr (node, "data-srcset");
  first = first_srcset_url (srcset);
  if (first != NULL && !is_placeholder_src (first))
    return clean_url (first, base_url, URL_IMAGE);

  return NULL;
}

/* Parses a whole-number attribute; returns FALSE when it is missing or out
 * of [@min, @max]. A trailing unit ("300px") is ignored. */
static gboolean
get_int_attr (xmlNode    *node,
              const char *name,
              gint64      min,
              gint64      max,
              gint64     *value)
{
  g_autofree char *text = get_attr (node, name);
  char *end = NULL;
  gint64 v;

  if (text == NULL)
    return FALSE;

  g_strstrip (text);
  v = g_ascii_strtoll (text, &end, 10);
  if (end == text || v < min || v > max)
    return FALSE;

  *value = v;
  return TRUE;
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static void
append_text_attr (GString    *out,
                  xmlNode    *node,
                  const char *name)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL)
    return;

  if (strlen (value) > MAX_TEXT_ATTR_LEN)
    {
      char *cut = g_utf8_find_prev_char (value, value + MAX_TEXT_ATTR_LEN + 1);

      if (cut != NULL)
        *cut = '\0';
    }

  append_attr (out, name, value);
}

static void
append_url_attr (GString    *out,
                 xmlNode    *node,
                 const char *name,
                 const char *base_url,
                 UrlKind     kind)
{
  g_autofree char *raw = get_attr (node, name);
  g_autofree char *url = clean_url (raw, base_url, kind);

  if (url != NULL)
    append_attr (out, name, url);
}

static void
append_int_attr (GString    *out,
                 xmlNode    *node,
                 const char *name,
                 gint64      min,
                 gint64      max)
{
  gint64 value;

  if (get_int_attr (node, name, min, max, &value))
    g_string_append_printf (out, " %s=\"%" G_GINT64_FORMAT "\"", name, value);
}

/* libxml2 puts text that has no parent element into an implied <p>, so
 * the output does that itself: then sanitizing the output again gives the
 * same output, and the renderer never sees text outside a block. */
static void
begin_inline (SanitizeState *st)
{
  if (st->depth == 0)
    {
      g_string_append (st->out, "<p>");
      st->in_paragraph = TRUE;
      st->open[st->depth] = output_index ("p");
      st->depth++;
    }
}

static void
begin_block (SanitizeState *st)
{
  if (st->in_paragraph && st->depth == 1)
    {
      g_string_append (st->out, "</p>");
      st->in_paragraph = FALSE;
      st->depth--;
    }
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Audio, video and frames are never embedded; a link lets the reader open
 * them in the browser. It is inline, since it may stand inside a <p>. */
static void
append_media_link (SanitizeState *st,
                   xmlNode       *node)
{
  g_autofree char *raw = get_attr (node, "src");
  g_autofree char *url = NULL;
  g_autofree char *poster = NULL;

  if (raw == NULL)
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          if (child->type == XML_ELEMENT_NODE &&
              xmlStrEqual (child->name, (const xmlChar *) "source"))
            {
              raw = get_attr (child, "src");
              if (raw != NULL)
                break;
            }
        }
    }

  url = clean_url (raw, st->base_url, URL_LINK);
  if (url == NULL || g_str_has_prefix (url, "mailto:"))
    return;

  /* Not inside a link (or whatever else an <a> would close). */
  if (st->depth > 0 &&
      (closed_by[st->open[st->depth - 1]] & (G_GUINT64_CONSTANT (1) << output_index ("a"))) != 0)
    return;

  {
    g_autofree char *raw_poster = get_attr (node, "poster");

    poster = clean_url (raw_poster, st->base_url, URL_IMAGE);
  }

  begin_inline (st);
  if (poster != NULL)
    {
      g_string_append (st->out, "<img");
      append_attr (st->out, "src", poster);
      g_string_append (st->out, "><br>");
    }
  g_string_append (st->out, "<a");
  append_attr (st->out, "href", url);
  g_string_append_c (st->out, '>');
  append_escaped (st->out, url, FALSE);
  g_string_append (st->out, "</a>");
}

static void
append_image (SanitizeState *st,
              xmlNode       *node)
{
  g_autofree char *src = image_source (node, st->base_url);
  gint64 width = 0, height = 0;
  gboolean has_width, has_height;

  if (src == NULL)
    return;

  has_width = get_int_attr (node, "width", 0, 100000, &width);
  has_height = get_int_attr (node, "height", 0, 100000, &height);

  /* Tracking pixels. */
  if (has_width && has_height && width <= 1 && height <= 1)
    return;

  begin_inline (st);
  g_string_append (st->out, "<img");
  append_attr (st->out, "src", src);
  append_text_attr (st->out, node, "alt");
  append_text_attr (st->out, node, "title");
  if (has_width && width > 0)
    g_string_append_printf (st->out, " width=\"%" G_GINT64_FORMAT "\"", width);
  if (has_height && height > 0)
    g_string_append_printf (st->out, " height=\"%" G_GINT64_FORMAT "\"", height);
  g_string_append_c (st->out, '>');
}

/* Writes what the node contributes before its children; returns whether
 * to walk into them. */
static gboolean
sanitize_enter (SanitizeState *st,
                xmlNode       *node)
{
  const ElementInfo *info;
  const char *name;
  g_autofree char *href = NULL;
  guint index;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        {
          if (!is_blank ((const char *) node->content))
            begin_inline (st);
          append_escaped (st->out, (const char *) node->content, FALSE);
        }
      return FALSE;
    }

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  info = lookup_element (node);
  switch (info->action)
    {
    case ELEMENT_DROP:
      return info->is_void;

    case ELEMENT_MEDIA:
      append_media_link (st, node);
      return FALSE;

    case ELEMENT_UNWRAP:
      return TRUE;

    case ELEMENT_KEEP:
    default:
      break;
    }

  name = info->rename != NULL ? info->rename : info->name;

  if (strcmp (name, "img") == 0)
    {
      append_image (st, node);
      return FALSE;
    }

  if (strcmp (name, "a") == 0)
    {
      g_autofree char *raw = get_attr (node, "href");

      href = clean_url (raw, st->base_url, URL_LINK);
      if (href == NULL)
        return TRUE;
    }

  /* Too deep: keep the text, flatten the structure. */
  if (!info->is_void && st->depth >= MAX_DEPTH)
    return TRUE;

  /* Where libxml2 would close the open element here, unwrap instead
   * (the <p> we opened around top-level text is closed below). */
  index = output_index (name);
  if (st->depth > 0 && !(info->block && st->in_paragraph && st->depth == 1) &&
      (closed_by[st->open[st->depth - 1]] & (G_GUINT64_CONSTANT (1) << index)) != 0)
    return TRUE;

  if (info->block)
    begin_block (st);
  else
    begin_inline (st);

  g_string_append_c (st->out, '<');
  g_string_append (st->out, name);

  if (href != NULL)
    {
      append_attr (st->out, "href", href);
      append_text_attr (st->out, node, "title");
    }
  else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    {
      append_int_attr (st->out, node, "colspan", 2, 1000);
      append_int_attr (st->out, node, "rowspan", 2, 1000);
    }
  else if (strcmp (name, "ol") == 0)
    {
      append_int_attr (st->out, node, "start", -1000000, 1000000);
    }
  else if (strcmp (name, "blockquote") == 0 || strcmp (name, "q") == 0)
    {
      append_url_attr (st->out, node, "cite", st->base_url, URL_LINK);
    }
  else if (strcmp (name, "abbr") == 0)
    {
      append_text_attr (st->out, node, "title");
    }

  g_string_append_c (st->out, '>');

  if (info->is_void)
    return FALSE;

  node->_private = EMITTED;
  st->open[st->depth] = index;
  st->depth++;
  return TRUE;
}

static void
sanitize_leave_cb (xmlNode  *node,
                   gpointer  data)
{
  SanitizeState *st = data;
  const ElementInfo *info;

  if (node->type != XML_ELEMENT_NODE || node->_private != EMITTED)
    return;

  info = lookup_element (node);
  g_string_append (st->out, "</");
  g_string_append (st->out, info->rename != NULL ? info->rename : info->name);
  g_string_append_c (st->out, '>');
  st->depth--;
}

/**
 * bantin_html_sanitize:
 * @html: untrusted HTML from a feed, or %NULL
 * @base_url: (nullable): the URL relative links and images resolve against
 *
 * Returns HTML that is safe to store and render: only the elements and
 * attributes our renderer understands, absolute http(s)/mailto links and
 * http(s) images, nothing that runs, loads or styles anything, at most
 * MAX_DEPTH levels deep, and valid UTF-8. Empty input gives "".
 */
char *
bantin_html_sanitize (const char *html,
                      const char *base_url)
{
  SanitizeState st = { NULL, base_url, 0, FALSE };
  htmlDocPtr doc;
  xmlNode *node;
  char *result;

  if (html == NULL || *html == '\0')
    return g_strdup ("");

  ensure_initialized ();

  doc = parse_html (html);
  if (doc == NULL)
    return g_strdup ("");

  st.out = g_string_sized_new (strlen (html) + 16);

  node = doc->children;
  while (node != NULL)
    {
      if (sanitize_enter (&st, node) && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      sanitize_leave_cb (node, &st);
      node = next_node (node, sanitize_leave_cb, &st);
    }

  xmlFreeDoc (doc);

  if (st.in_paragraph)
    g_string_append (st.out, "</p>");

  result = g_string_free (st.out, FALSE);
  return g_strstrip (result);
}
