/* bantin-xml-lift.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Long runs of text, lifted out of an XML document before libxml2 reads it.
 *
 * libxml2 2.9 reads character data and CDATA sections one character at a
 * time (xmlCurrentChar(), xmlCopyChar()), some forty instructions for each
 * character of Vietnamese text, and a feed is mostly such text: every
 * item's HTML, in a CDATA section or escaped. That was a fifth of all the
 * instructions of a cold sync. This pass walks the markup only, decodes
 * each long run of text inside the root element here, in bulk, and puts a
 * marker in a CDATA section where the run was. libxml2 then parses a
 * document of markup and markers, and _bantin_xml_lift_restore() puts each
 * run back into the text node that holds its marker.
 *
 * A run is lifted only when it is certain to be what libxml2 would read:
 * legal XML characters, no "]]>" outside a CDATA section, and no reference
 * but the five predefined entities and character references to legal
 * characters, decoded and with line ends normalized as XML defines. Any
 * other run is left in place for libxml2, so what it rejects it still
 * rejects. A document with a DOCTYPE, which may declare entities, or with
 * markup this pass does not follow, is not lifted at all; and the caller
 * parses the untouched document whenever the lifted one is not
 * well-formed, so errors and their line numbers are libxml2's own. The
 * markers hold a random key, so that no feed can forge one.
 */

#define G_LOG_DOMAIN "bantin-xml-lift"

#include "config.h"

#include "bantin-xml-lift-private.h"

#include <string.h>

/* Shorter runs cost libxml2 less than a marker costs us. */
#define MIN_RUN 96

/* libxml2 refuses a text node longer than this without XML_PARSE_HUGE;
 * such a run is left to it, to be refused. */
#define MAX_RUN 10000000

/* U+E000 and U+E001, private use characters: legal in XML, never in a
 * feed's markup, and they open and close a marker. */
#define MARK_OPEN  "\xee\x80\x80"
#define MARK_CLOSE "\xee\x80\x81"
#define MARK_LEN   3
#define KEY_LEN    16

typedef struct
{
  const char *text;   /* Into the document, or into owned. */
  gsize       len;
  char       *owned;
} Run;

/* Tests compare the parse with and without lifting. */
static gint lifting_disabled;

void
_bantin_xml_lift_set_enabled (gboolean enabled)
{
  g_atomic_int_set (&lifting_disabled, !enabled);
}

struct _BantinXmlLift
{
  GString *doc;
  GArray  *runs;      /* Run */
  char     prefix[MARK_LEN + KEY_LEN + 1];
};

static void
run_clear (gpointer data)
{
  Run *run = data;

  g_free (run->owned);
}

static const char *
find (const char *p,
      const char *end,
      const char *needle,
      gsize       needle_len)
{
  while (p < end && (gsize) (end - p) >= needle_len)
    {
      p = memchr (p, needle[0], end - p - needle_len + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
      p++;
    }

  return NULL;
}

static gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix,
            gsize       prefix_len)
{
  return (gsize) (end - p) >= prefix_len && memcmp (p, prefix, prefix_len) == 0;
}

/* Legal in an XML 1.0 document (the production Char). */
static inline gboolean
is_legal_char (gunichar c)
{
  return (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
         (c >= 0x10000 && c <= 0x10ffff) || c == 0x9 || c == 0xa || c == 0xd;
}

/* Reads the reference at @p ("&...;"), as libxml2 would in content.
 * Returns its length, or 0 when the reference is anything but one of the
 * five predefined entities or a character reference to a legal
 * character. */
static gsize
read_reference (const char *p,
                const char *end,
                gunichar   *out)
{
  static const struct { const char *name; gsize len; gunichar c; } predefined[] = {
    { "&lt;", 4, '<' }, { "&gt;", 4, '>' }, { "&amp;", 5, '&' },
    { "&quot;", 6, '"' }, { "&apos;", 6, '\'' },
  };
  const char *q;
  gunichar value = 0;
  gboolean hex;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (predefined); i++)
    if (has_prefix (p, end, predefined[i].name, predefined[i].len))
      {
        *out = predefined[i].c;
        return predefined[i].len;
      }

  if (!has_prefix (p, end, "&#", 2))
    return 0;

  q = p + 2;
  hex = q < end && *q == 'x';
  if (hex)
    q++;

  for (i = 0; q < end && *q != ';'; q++, i++)
    {
      int digit = hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q);

      /* Eight digits reach beyond U+10FFFF already. */
      if (digit < 0 || i >= 8)
        return 0;
      value = value * (hex ? 16 : 10) + (gunichar) digit;
    }

  if (i == 0 || q >= end || !is_legal_char (value))
    return 0;

  *out = value;
  return q + 1 - p;
}

/* What decode_run() must stop at, by byte: 1 in a CDATA section and in
 * content, 2 in content only. The rest is copied as it is. */
static guint8 stops[256];

static void
init_stops (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      guint b;

      for (b = 0; b < 0x20; b++)
        stops[b] = 1;
      stops['\t'] = stops['\n'] = 0;
      /* U+FFFE and U+FFFF, not legal in XML, begin with this byte. */
      stops[0xef] = 1;
      stops['&'] = stops[']'] = 2;
      g_once_init_leave (&initialized, 1);
    }
}

/* Appends the text of [p, end) to @out (when not %NULL) as libxml2 would
 * read it: in content (@cdata FALSE) or in a CDATA section. Returns FALSE
 * when the run is not certain to be read that way, or is not legal.
 * The text is valid UTF-8, so only a few bytes need a look; plain text is
 * appended in whole segments. */
static gboolean
decode_run (const char *p,
            const char *end,
            gboolean    cdata,
            GString    *out)
{
  const guint8 stop_at = cdata ? 1 : 2;
  const char *segment = p;

  while (p < end)
    {
      guchar b = (guchar) *p;

      if (stops[b] == 0 || stops[b] > stop_at)
        {
          p++;
          continue;
        }

      if (b == 0xef)
        {
          if (end - p >= 3 && (guchar) p[1] == 0xbf && ((guchar) p[2] & 0xfe) == 0xbe)
            return FALSE;
          p++;
          continue;
        }

      if (b == ']')
        {
          if (has_prefix (p, end, "]]>", 3))
            return FALSE;
          p++;
          continue;
        }

      if (b != '&' && b != '\r')
        return FALSE;

      if (out != NULL)
        g_string_append_len (out, segment, p - segment);

      if (b == '&')
        {
          gunichar c;
          gsize n = read_reference (p, end, &c);

          if (n == 0)
            return FALSE;
          if (out != NULL)
            g_string_append_unichar (out, c);
          p += n;
        }
      else
        {
          /* Line ends: CR LF and a lone CR both become LF. */
          if (out != NULL)
            g_string_append_c (out, '\n');
          p++;
          if (p < end && *p == '\n')
            p++;
        }

      segment = p;
    }

  if (out != NULL)
    g_string_append_len (out, segment, p - segment);

  return TRUE;
}

/* Puts [start, end) aside as run number n and writes its marker. */
static gboolean
lift_run (BantinXmlLift *self,
          const char    *start,
          const char    *end,
          gboolean       cdata)
{
  Run run = { start, end - start, NULL };
  g_autoptr(GString) decoded = NULL;

  if (end - start < MIN_RUN || end - start > MAX_RUN)
    return FALSE;

  /* A CDATA section with no CR is its own text: checked, not copied. */
  if (!cdata || memchr (start, '\r', end - start) != NULL)
    decoded = g_string_sized_new (end - start);
  if (!decode_run (start, end, cdata, decoded))
    return FALSE;

  if (decoded != NULL)
    {
      run.len = decoded->len;
      run.owned = g_string_free (g_steal_pointer (&decoded), FALSE);
      run.text = run.owned;
    }

  g_string_append (self->doc, "<![CDATA[");
  g_string_append (self->doc, self->prefix);
  g_string_append_printf (self->doc, "%x" MARK_CLOSE "]]>", self->runs->len);
  g_array_append_val (self->runs, run);
  return TRUE;
}

/* Where the markup starting at @p ('<') ends, and how it changes the
 * element depth; NULL when this pass does not follow it. */
static const char *
skip_markup (const char *p,
             const char *end,
             int        *depth)
{
  const char *q;

  if (has_prefix (p, end, "<?", 2))
    {
      q = find (p + 2, end, "?>", 2);
      return q != NULL ? q + 2 : NULL;
    }

  if (has_prefix (p, end, "<!--", 4))
    {
      q = find (p + 4, end, "-->", 3);
      return q != NULL ? q + 3 : NULL;
    }

  /* A DOCTYPE, or a declaration out of place. */
  if (has_prefix (p, end, "<!", 2))
    return NULL;

  if (has_prefix (p, end, "</", 2))
    {
      q = memchr (p + 2, '>', end - (p + 2));
      if (q == NULL)
        return NULL;
      (*depth)--;
      return q + 1;
    }

  /* A start tag: to its '>', past quoted attribute values. */
  for (q = p + 1; q < end; q++)
    {
      if (*q == '"' || *q == '\'')
        {
          q = memchr (q + 1, *q, end - (q + 1));
          if (q == NULL)
            return NULL;
        }
      else if (*q == '<')
        {
          return NULL;
        }
      else if (*q == '>')
        {
          if (q[-1] != '/')
            (*depth)++;
          return q + 1;
        }
    }

  return NULL;
}

/**
 * _bantin_xml_lift_new:
 * @utf8: an XML document in valid UTF-8, as bantin_charset_to_utf8()
 *   returns it
 * @len: its length in bytes
 *
 * Returns: (nullable): the lifted document, or %NULL when there is
 *   nothing worth lifting or the document is not one this pass follows:
 *   then parse @utf8 as it is.
 */
BantinXmlLift *
_bantin_xml_lift_new (const char *utf8,
                      gsize       len)
{
  g_autoptr(BantinXmlLift) self = NULL;
  const char *end = utf8 + len;
  const char *copied = utf8;   /* Written to self->doc up to here. */
  const char *p = utf8;
  int depth = 0;

  if (g_atomic_int_get (&lifting_disabled))
    return NULL;

  init_stops ();
  self = g_new0 (BantinXmlLift, 1);
  self->doc = g_string_sized_new (len / 4);
  self->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_array_set_clear_func (self->runs, run_clear);
  g_snprintf (self->prefix, sizeof self->prefix, MARK_OPEN "%08x%08x",
              g_random_int (), g_random_int ());

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      const char *next;

      if (lt == NULL)
        lt = end;

      /* Text, from p to the next markup. */
      if (lt > p && depth > 0)
        {
          g_string_append_len (self->doc, copied, p - copied);
          if (lift_run (self, p, lt, FALSE))
            copied = lt;
          else
            copied = p;
        }
      if (lt >= end)
        break;

      if (has_prefix (lt, end, "<![CDATA[", 9))
        {
          const char *content = lt + 9;
          const char *close = find (content, end, "]]>", 3);

          if (close == NULL)
            return NULL;
          if (depth > 0)
            {
              g_string_append_len (self->doc, copied, lt - copied);
              if (lift_run (self, content, close, TRUE))
                copied = close + 3;
              else
                copied = lt;
            }
          p = close + 3;
          continue;
        }

      next = skip_markup (lt, end, &depth);
      if (next == NULL || depth < 0)
        return NULL;
      p = next;
    }

  if (self->runs->len == 0)
    return NULL;

  g_string_append_len (self->doc, copied, end - copied);
  return g_steal_pointer (&self);
}

const char *
_bantin_xml_lift_get_text (BantinXmlLift *self,
                           gsize         *out_len)
{
  *out_len = self->doc->len;
  return self->doc->str;
}

guint
_bantin_xml_lift_get_runs (BantinXmlLift *self)
{
  return self->runs->len;
}

/* Replaces every marker in @node's text by its run. */
static void
restore_node (BantinXmlLift *self,
              xmlNode       *node)
{
  const char *text = (const char *) node->content;
  const gsize prefix_len = MARK_LEN + KEY_LEN;
  const char *end;
  const char *p;
  const char *mark;
  g_autoptr(GString) out = NULL;

  if (text == NULL)
    return;

  end = text + strlen (text);
  mark = find (text, end, self->prefix, prefix_len);
  if (mark == NULL)
    return;

  out = g_string_new (NULL);
  for (p = text; mark != NULL; mark = find (p, end, self->prefix, prefix_len))
    {
      const char *digits = mark + prefix_len;
      const char *close = find (digits, end, MARK_CLOSE, MARK_LEN);
      const char *d;
      guint index = 0;

      g_string_append_len (out, p, mark - p);
      p = digits;

      /* Only this pass knows the key, so a marker is always one it wrote;
       * still, nothing is trusted that does not read back as one. */
      for (d = digits; close != NULL && d < close && close - digits <= 8; d++)
        {
          if (!g_ascii_isxdigit (*d))
            break;
          index = index * 16 + (guint) g_ascii_xdigit_value (*d);
        }
      if (close == NULL || d != close || close == digits || index >= self->runs->len)
        {
          g_string_append_len (out, mark, prefix_len);
          continue;
        }

      g_string_append_len (out, g_array_index (self->runs, Run, index).text,
                           g_array_index (self->runs, Run, index).len);
      p = close + MARK_LEN;
    }
  g_string_append_len (out, p, end - p);

  xmlNodeSetContentLen (node, (const xmlChar *) out->str, (int) out->len);
}

/**
 * _bantin_xml_lift_restore:
 * @doc: the document parsed from the lifted text
 *
 * Puts every lifted run back in place of its marker.
 */
void
_bantin_xml_lift_restore (BantinXmlLift *self,
                          xmlDoc        *doc)
{
  xmlNode *node = doc->children;

  while (node != NULL)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        restore_node (self, node);

      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node == NULL || (xmlNode *) node == (xmlNode *) doc)
            return;
        }
      if (node != NULL)
        node = node->next;
    }
}

void
_bantin_xml_lift_free (BantinXmlLift *self)
{
  if (self == NULL)
    return;

  if (self->doc != NULL)
    g_string_free (self->doc, TRUE);
  g_clear_pointer (&self->runs, g_array_unref);
  g_free (self);
}
