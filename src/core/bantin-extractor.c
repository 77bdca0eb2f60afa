/* bantin-extractor.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-extractor"

#include "config.h"

#include "bantin-extractor.h"

#include "bantin-charset.h"
#include "bantin-html.h"
#include "bantin-site-rules-private.h"
#include "bantin-text.h"

#include <glib/gi18n.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

/* How the body of an article page is found
 *
 * The page is decoded, parsed by libxml2's HTML parser, and then:
 *
 *  1. The head and the body are read once for metadata: Open Graph, the
 *     article: and itemprop= properties, <title>, the first <h1>.
 *  2. What is never content goes: scripts, forms, navigation, asides, the
 *     page's header and footer, hidden elements.
 *  3. A site rule, if one applies and its selector finds something, picks
 *     the body. Otherwise the element marked itemprop="articleBody" does,
 *     and otherwise a readability-style scoring: first the elements whose
 *     class, id or role say navigation, sidebar, comments, related
 *     articles or share bar are removed, and so are the boxes whose
 *     heading says so in Vietnamese ("Tin liên quan", "Bình luận",
 *     "Tìm kiếm theo ngày"…); then every paragraph gives points, for its
 *     length and its commas, to its parent and less to its further
 *     ancestors; an ancestor's points are cut by its link density; the
 *     best one wins, with those of its siblings that look like its
 *     continuation (the sapo, a photo and its caption, more paragraphs).
 *     When the page has one dominant <article>, the scoring stays in it.
 *  4. The result is cleaned (the title, the date line, link lists and
 *     empty boxes go; photos with their captions stay), written out and
 *     run through the sanitizer.
 *
 * Every walk over the tree is iterative: a hostile page may nest elements
 * 100,000 deep. Each node's statistics (text length, link text, counts)
 * are computed in one post-order pass and kept in an array indexed from
 * xmlNode._private, so every step is linear in the size of the page. */

#define MIN_PARAGRAPH_LEN   25
#define MIN_ARTICLE_LEN     200
#define SCORE_LEVELS        5
#define MAX_LABEL_LEN       48
#define MAX_META_BLOCK_LEN  120
#define MAX_CAPTION_LEN     300
#define MAX_BYLINE_LEN      100
#define SUMMARY_MAX_LEN     600

G_DEFINE_QUARK (bantin-extractor-error-quark, bantin_extractor_error)

typedef struct
{
  double    score;
  guint     text_len;    /* Characters, a run of white space counting as one. */
  guint     link_len;    /* Of which inside <a>. */
  guint     commas;
  guint     n_p;
  guint     n_img;
  guint     n_li;
  guint     n_input;
  guint     n_teasers;   /* Headings that are mostly a link. */
  guint     scored : 1;
  guint     protected : 1;   /* Holds the itemprop="articleBody" element. */
} NodeStats;

typedef struct
{
  htmlDocPtr   doc;
  const char  *page_url;
  GArray      *stats;         /* NodeStats, at xmlNode._private - 1. */
  GPtrArray   *candidates;    /* Scored elements. */

  /* Found while reading the metadata; borrowed from the tree. */
  xmlNode     *body;
  xmlNode     *first_h1;
  xmlNode     *article_h1;
  GPtrArray   *articles;
  GPtrArray   *article_bodies;

  /* Metadata. */
  char        *og_title;
  char        *html_title;
  char        *og_image;
  char        *twitter_image;
  char        *og_type;
  char        *site_name;
  char        *generator;
  char        *published;
  char        *published_fallback;
  char        *byline;
  char        *byline_fallback;
  char        *title;          /* The one chosen. */
} Extractor;

static void
extractor_clear (Extractor *ex)
{
  if (ex->doc != NULL)
    xmlFreeDoc (ex->doc);
  g_clear_pointer (&ex->stats, g_array_unref);
  g_clear_pointer (&ex->candidates, g_ptr_array_unref);
  g_clear_pointer (&ex->articles, g_ptr_array_unref);
  g_clear_pointer (&ex->article_bodies, g_ptr_array_unref);
  g_free (ex->og_title);
  g_free (ex->html_title);
  g_free (ex->og_image);
  g_free (ex->twitter_image);
  g_free (ex->og_type);
  g_free (ex->site_name);
  g_free (ex->generator);
  g_free (ex->published);
  g_free (ex->published_fallback);
  g_free (ex->byline);
  g_free (ex->byline_fallback);
  g_free (ex->title);
}

/* Tree helpers */

typedef gboolean (*EnterFunc) (xmlNode  *node,
                               gpointer  data);
typedef void     (*LeaveFunc) (xmlNode  *node,
                               gpointer  data);

/* Visits the subtree of @root in document order without recursion.
 * @enter returns whether to walk into the node's children; @leave, when
 * given, runs once a node's subtree is done. Neither may free nodes. */
static void
walk (xmlNode   *root,
      EnterFunc  enter,
      LeaveFunc  leave,
      gpointer   data)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (enter (node, data) && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      for (;;)
        {
          xmlNode *next = node->next;
          xmlNode *parent = node->parent;

          if (leave != NULL)
            leave (node, data);
          if (node == root)
            return;
          if (next != NULL)
            {
              node = next;
              break;
            }
          node = parent;
          if (node == NULL)
            return;
        }
    }
}

static gboolean
is_element (const xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL;
}

static gboolean
is_tag (const xmlNode *node,
        const char    *name)
{
  return is_element (node) && strcmp ((const char *) node->name, name) == 0;
}

static gboolean
tag_in (const xmlNode      *node,
        const char * const *names)
{
  if (!is_element (node))
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp ((const char *) node->name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_heading (const xmlNode *node)
{
  static const char * const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };

  return tag_in (node, headings);
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

/* The element's text with white space squeezed, or NULL when empty. */
static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text;

  if (content == NULL)
    return NULL;

  text = bantin_text_squeeze ((const char *) content);
  xmlFree (content);
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
remove_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* Removes @nodes, which were collected in document order by a walk that
 * did not enter a collected node, so none is inside another. */
static void
remove_all (GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    remove_node (g_ptr_array_index (nodes, i));
  g_ptr_array_set_size (nodes, 0);
}

static gboolean
is_inside (xmlNode *node,
           xmlNode *ancestor)
{
  for (xmlNode *p = node; p != NULL; p = p->parent)
    if (p == ancestor)
      return TRUE;
  return FALSE;
}

/* Statistics */

static NodeStats *
stats_of (Extractor *ex,
          xmlNode   *node)
{
  guint index = GPOINTER_TO_UINT (node->_private);

  if (index == 0 || index > ex->stats->len)
    {
      NodeStats zero = { 0, };

      g_array_append_val (ex->stats, zero);
      index = ex->stats->len;
      node->_private = GUINT_TO_POINTER (index);
    }

  return &g_array_index (ex->stats, NodeStats, index - 1);
}

static double
link_density (const NodeStats *st)
{
  if (st->text_len == 0)
    return 0.0;

  return MIN (1.0, (double) st->link_len / st->text_len);
}

static void
count_text (const char *text,
            guint      *chars,
            guint      *commas)
{
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00a0 || g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space)
        (*chars)++;
      space = FALSE;
      (*chars)++;
      if (c == ',' || c == 0xff0c)
        (*commas)++;
    }
}

typedef struct
{
  Extractor *ex;
  xmlNode   *root;
} StatsWalk;

static gboolean
stats_enter_cb (xmlNode  *node,
                gpointer  data)
{
  StatsWalk *w = data;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL && node->parent != NULL && node != w->root)
        {
          NodeStats *parent = stats_of (w->ex, node->parent);

          count_text ((const char *) node->content, &parent->text_len, &parent->commas);
        }
      return FALSE;
    }

  if (!is_element (node))
    return FALSE;

  {
    NodeStats *st = stats_of (w->ex, node);
    double score = st->score;
    gboolean scored = st->scored;
    gboolean protected = st->protected;

    /* The scores survive a recount; the counts start again. */
    memset (st, 0, sizeof *st);
    st->score = score;
    st->scored = scored;
    st->protected = protected;
  }

  return TRUE;
}

static void
stats_leave_cb (xmlNode  *node,
                gpointer  data)
{
  StatsWalk *w = data;
  NodeStats *st;
  const char *name;

  if (!is_element (node))
    return;

  st = stats_of (w->ex, node);
  name = (const char *) node->name;

  if (strcmp (name, "a") == 0)
    st->link_len = st->text_len;
  else if (strcmp (name, "p") == 0)
    st->n_p++;
  else if (strcmp (name, "img") == 0 || strcmp (name, "amp-img") == 0)
    st->n_img++;
  else if (strcmp (name, "li") == 0)
    st->n_li++;
  else if (strcmp (name, "input") == 0 || strcmp (name, "select") == 0 ||
           strcmp (name, "textarea") == 0)
    st->n_input++;
  else if (is_heading (node) && st->text_len > 0 && link_density (st) > 0.6)
    st->n_teasers++;

  if (node != w->root && node->parent != NULL && is_element (node->parent))
    {
      NodeStats *parent = stats_of (w->ex, node->parent);

      /* The parent was entered before: no entry was added, none moved. */
      parent->text_len += st->text_len;
      parent->link_len += st->link_len;
      parent->commas += st->commas;
      parent->n_p += st->n_p;
      parent->n_img += st->n_img;
      parent->n_li += st->n_li;
      parent->n_input += st->n_input;
      parent->n_teasers += st->n_teasers;
    }
}

static void
compute_stats (Extractor *ex,
               xmlNode   *root)
{
  StatsWalk w = { ex, root };

  walk (root, stats_enter_cb, stats_leave_cb, &w);
}

/* Class names and labels */

typedef enum {
  WEIGHT_NEUTRAL,
  WEIGHT_POSITIVE,
  WEIGHT_NEGATIVE,
  WEIGHT_STRONG_NEGATIVE,
} WeightKind;

/* Matched inside the class and id, lower-cased, with '-' and '_' removed:
 * "binh-luan", "binh_luan" and "binhluan" are the same. */
static const char * const strong_negative_words[] = {
  "sidebar", "breadcrumb", "comment", "binhluan", "ykienbandoc", "related",
  "relate", "lienquan", "share", "sharing", "social", "chiase", "footer",
  "menu", "navbar", "navigation", "tinkhac", "cungchuyenmuc", "docnhieu",
  "xemnhieu", "mostread", "mostview", "timkiem", "search", NULL
};

static const char * const negative_words[] = {
  "banner", "advert", "quangcao", "popup", "modal", "widget", "sponsor",
  "promo", "keyword", "tukhoa", "rating", "vote", "poll", "print",
  "toolbar", "tools", "calendar", "newsletter", "subscribe", "masthead",
  "hidden", "cookie", "paging", "pagination", NULL
};

/* Whole words only: as substrings these would hit "leads" or "shadow". */
static const char * const negative_tokens[] = {
  "ad", "ads", "nav", "tag", "tags", "lich", "top", "header", "login", NULL
};

static const char * const positive_words[] = {
  "article", "content", "body", "main", "post", "entry", "text", "story",
  "detail", "chitiet", "noidung", "baiviet", "fck", "sapo", NULL
};

static gboolean
contains_any (const char         *haystack,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (haystack, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
has_token (const char         *value,
           const char * const *tokens)
{
  const char *p = value;

  while (*p != '\0')
    {
      const char *start;
      gsize len;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      len = p - start;
      for (guint i = 0; len > 0 && tokens[i] != NULL; i++)
        if (strlen (tokens[i]) == len && g_ascii_strncasecmp (start, tokens[i], len) == 0)
          return TRUE;
    }

  return FALSE;
}

/* Returns class and id, lower-cased, with separators removed
 * ("squeezed"), and the plain lower-cased string ("spaced"). */
static gboolean
class_and_id (xmlNode  *node,
              char    **squeezed,
              char    **spaced)
{
  g_autofree char *klass = get_attr (node, "class");
  g_autofree char *id = get_attr (node, "id");
  g_autofree char *both = NULL;
  char *out;
  gsize n = 0;

  if (klass == NULL && id == NULL)
    return FALSE;

  both = g_strconcat (klass != NULL ? klass : "", " ", id != NULL ? id : "", NULL);
  *spaced = g_ascii_strdown (both, -1);
  out = g_strdup (*spaced);
  for (const char *p = *spaced; *p != '\0'; p++)
    if (*p != '-' && *p != '_')
      out[n++] = *p;
  out[n] = '\0';
  *squeezed = out;
  return TRUE;
}

static WeightKind
classify (xmlNode *node)
{
  g_autofree char *squeezed = NULL;
  g_autofree char *spaced = NULL;
  g_autofree char *role = get_attr (node, "role");

  if (role != NULL &&
      (strcmp (role, "navigation") == 0 || strcmp (role, "complementary") == 0 ||
       strcmp (role, "banner") == 0 || strcmp (role, "contentinfo") == 0 ||
       strcmp (role, "search") == 0 || strcmp (role, "menu") == 0 ||
       strcmp (role, "dialog") == 0))
    return WEIGHT_STRONG_NEGATIVE;

  if (!class_and_id (node, &squeezed, &spaced))
    return WEIGHT_NEUTRAL;

  if (contains_any (squeezed, strong_negative_words))
    return WEIGHT_STRONG_NEGATIVE;
  if (contains_any (squeezed, positive_words))
    return WEIGHT_POSITIVE;
  if (contains_any (squeezed, negative_words) || has_token (spaced, negative_tokens))
    return WEIGHT_NEGATIVE;

  return WEIGHT_NEUTRAL;
}

static int
class_weight (xmlNode *node)
{
  switch (classify (node))
    {
    case WEIGHT_POSITIVE:
      return 25;
    case WEIGHT_NEGATIVE:
    case WEIGHT_STRONG_NEGATIVE:
      return -25;
    case WEIGHT_NEUTRAL:
    default:
      return 0;
    }
}

/* Date lines and similar bits of page furniture inside the body. */
static gboolean
is_meta_block (xmlNode *node)
{
  static const char * const words[] = {
    "date", "time", "publish", "posted", "ngaydang", "thoigian", "byline",
    "meta", "infotime", "postinfo", NULL
  };
  g_autofree char *squeezed = NULL;
  g_autofree char *spaced = NULL;

  if (is_tag (node, "time"))
    return TRUE;
  if (!class_and_id (node, &squeezed, &spaced))
    return FALSE;

  return contains_any (squeezed, words);
}

/* Box headings that mark what is not the article, folded (no diacritics,
 * đ as d, lower case). The first ones must be the whole label; the
 * others may be followed by more words. */
static const char * const exact_labels[] = {
  "chia se", "chia se bai viet", "in bai", "in bai viet", "gui email",
  "binh luan", "gui binh luan", "y kien", "tu khoa", "tags", "tag",
  "theo doi", "lich", "tim kiem", "quang cao", NULL
};

static const char * const prefix_labels[] = {
  "tin lien quan", "bai viet lien quan", "bai lien quan", "tin cung chuyen muc",
  "tin khac", "cac tin khac", "tin moi", "tin moi nhat", "tin moi hon",
  "tin cu hon", "doc nhieu", "xem nhieu", "tin doc nhieu", "tin xem nhieu",
  "tim kiem theo ngay", "xem theo ngay", "y kien ban doc", "binh luan (",
  "cac binh luan", "tin noi bat", "co the ban quan tam", "xem them", "doc them",
  NULL
};

static gboolean
is_label_text (const char *text)
{
  g_autofree char *folded = bantin_text_fold (text);
  gsize len;

  g_strstrip (folded);
  len = strlen (folded);
  while (len > 0 && (folded[len - 1] == ':' || folded[len - 1] == ' '))
    folded[--len] = '\0';

  for (guint i = 0; exact_labels[i] != NULL; i++)
    if (strcmp (folded, exact_labels[i]) == 0)
      return TRUE;

  for (guint i = 0; prefix_labels[i] != NULL; i++)
    if (g_str_has_prefix (folded, prefix_labels[i]))
      return TRUE;

  return FALSE;
}

/* Metadata */

static void
set_once (char       **field,
          const char  *value)
{
  if (*field == NULL && value != NULL && *value != '\0')
    *field = bantin_text_squeeze (value);
}

static void
read_meta (Extractor *ex,
           xmlNode   *node)
{
  g_autofree char *property = get_attr (node, "property");
  g_autofree char *name = get_attr (node, "name");
  g_autofree char *itemprop = get_attr (node, "itemprop");
  g_autofree char *content = get_attr (node, "content");
  g_autofree char *key = NULL;

  if (content == NULL)
    return;

  key = g_ascii_strdown (property != NULL ? property : name != NULL ? name :
                         itemprop != NULL ? itemprop : "", -1);

  if (strcmp (key, "og:title") == 0)
    set_once (&ex->og_title, content);
  else if (strcmp (key, "og:image") == 0 || strcmp (key, "og:image:url") == 0 ||
           strcmp (key, "og:image:secure_url") == 0)
    set_once (&ex->og_image, content);
  else if (strcmp (key, "twitter:image") == 0 || strcmp (key, "twitter:image:src") == 0)
    set_once (&ex->twitter_image, content);
  else if (strcmp (key, "og:type") == 0)
    set_once (&ex->og_type, content);
  else if (strcmp (key, "og:site_name") == 0)
    set_once (&ex->site_name, content);
  else if (strcmp (key, "generator") == 0)
    set_once (&ex->generator, content);
  else if (strcmp (key, "article:published_time") == 0 ||
           strcmp (key, "datepublished") == 0)
    set_once (&ex->published, content);
  else if (strcmp (key, "pubdate") == 0 || strcmp (key, "publishdate") == 0 ||
           strcmp (key, "dc.date.issued") == 0 || strcmp (key, "dcterms.created") == 0 ||
           strcmp (key, "date") == 0)
    set_once (&ex->published_fallback, content);
  else if (strcmp (key, "author") == 0 || strcmp (key, "article:author") == 0 ||
           strcmp (key, "dc.creator") == 0)
    {
      if (!g_str_has_prefix (content, "http://") && !g_str_has_prefix (content, "https://"))
        set_once (&ex->byline, content);
    }
}

static gboolean
looks_like_byline_class (xmlNode *node)
{
  static const char * const words[] = { "author", "byline", "tacgia", NULL };
  g_autofree char *squeezed = NULL;
  g_autofree char *spaced = NULL;

  if (!class_and_id (node, &squeezed, &spaced))
    return FALSE;
  return contains_any (squeezed, words);
}

static void
read_short_text (xmlNode  *node,
                 char    **field)
{
  g_autofree char *text = NULL;

  if (*field != NULL)
    return;

  text = node_text (node);
  if (text != NULL && g_utf8_strlen (text, -1) <= MAX_BYLINE_LEN)
    *field = g_steal_pointer (&text);
}

typedef struct
{
  Extractor *ex;
  guint      in_article;
} MetaWalk;

static gboolean
meta_enter_cb (xmlNode  *node,
               gpointer  data)
{
  MetaWalk *w = data;
  Extractor *ex = w->ex;
  const char *name;
  g_autofree char *itemprop = NULL;

  if (!is_element (node))
    return FALSE;

  name = (const char *) node->name;

  if (strcmp (name, "meta") == 0)
    {
      read_meta (ex, node);
      return TRUE;   /* libxml2 may nest what follows a void element. */
    }
  if (strcmp (name, "title") == 0)
    {
      if (ex->html_title == NULL)
        ex->html_title = node_text (node);
      return FALSE;
    }
  if (strcmp (name, "script") == 0 || strcmp (name, "style") == 0)
    return FALSE;
  if (strcmp (name, "body") == 0 && ex->body == NULL)
    ex->body = node;
  else if (strcmp (name, "article") == 0)
    w->in_article++;
  else if (strcmp (name, "h1") == 0)
    {
      if (ex->first_h1 == NULL)
        ex->first_h1 = node;
      if (w->in_article > 0 && ex->article_h1 == NULL)
        ex->article_h1 = node;
    }
  else if (strcmp (name, "time") == 0 && ex->published_fallback == NULL)
    {
      g_autofree char *datetime = get_attr (node, "datetime");

      set_once (&ex->published_fallback, datetime);
    }
  else if (strcmp (name, "a") == 0 && ex->byline_fallback == NULL)
    {
      g_autofree char *rel = get_attr (node, "rel");

      if (rel != NULL && strcmp (rel, "author") == 0)
        read_short_text (node, &ex->byline_fallback);
    }

  itemprop = get_attr (node, "itemprop");
  if (itemprop != NULL)
    {
      if (strcmp (itemprop, "datePublished") == 0 && ex->published == NULL)
        {
          g_autofree char *value = get_attr (node, "datetime");

          if (value == NULL)
            value = get_attr (node, "content");
          if (value == NULL)
            value = node_text (node);
          set_once (&ex->published, value);
        }
      else if (strcmp (itemprop, "author") == 0 && strcmp (name, "meta") != 0)
        read_short_text (node, &ex->byline_fallback);
    }
  else if (ex->byline_fallback == NULL && strcmp (name, "html") != 0 &&
           strcmp (name, "body") != 0 && looks_like_byline_class (node))
    read_short_text (node, &ex->byline_fallback);

  return TRUE;
}

static void
meta_leave_cb (xmlNode  *node,
               gpointer  data)
{
  MetaWalk *w = data;

  if (is_tag (node, "article"))
    w->in_article--;
}

/* "Tiêu đề bài - Báo Thanh Lâm" gives "Tiêu đề bài". */
static char *
strip_site_suffix (const char *title)
{
  static const char * const separators[] = { " | ", " - ", " – ", " — ", NULL };

  for (guint i = 0; separators[i] != NULL; i++)
    {
      const char *sep = g_strrstr (title, separators[i]);

      if (sep != NULL && g_utf8_strlen (title, sep - title) >= 15)
        return g_strndup (title, sep - title);
    }

  return g_strdup (title);
}

static void
choose_title (Extractor *ex)
{
  g_autofree char *h1 = NULL;

  if (ex->article_h1 != NULL)
    h1 = node_text (ex->article_h1);
  if (h1 == NULL && ex->first_h1 != NULL)
    h1 = node_text (ex->first_h1);

  if (ex->og_title != NULL)
    ex->title = g_strdup (ex->og_title);
  else if (h1 != NULL)
    ex->title = g_steal_pointer (&h1);
  else if (ex->html_title != NULL)
    ex->title = strip_site_suffix (ex->html_title);
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
absolute_http_url (const char *raw,
                   const char *base)
{
  g_autofree char *resolved = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *scheme = NULL;

  if (raw == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (raw));
  if (*stripped == '\0' || g_str_has_prefix (stripped, "data:"))
    return NULL;

  if (authority_has_semicolon (stripped) || (base != NULL && authority_has_semicolon (base)))
    return NULL;

  if (base != NULL)
    resolved = g_uri_resolve_relative (base, stripped, G_URI_FLAGS_PARSE_RELAXED, NULL);
  else
    resolved = g_strdup (stripped);
  if (resolved == NULL)
    return NULL;

  scheme = g_uri_parse_scheme (resolved);
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;

  /* And a host: GLib reads "https:x//h/a.jpg" as an absolute URL. */
  {
    const char *rest = resolved + strlen (scheme) + 1;

    if (rest[0] != '/' || rest[1] != '/' || rest[2] == '\0' || strchr ("/?#", rest[2]) != NULL)
      return NULL;
  }

  return g_steal_pointer (&resolved);
}

typedef struct
{
  const char *tag;
  const char *itemprop;
  GPtrArray  *found;
} CollectWalk;

static gboolean
collect_enter_cb (xmlNode  *node,
                  gpointer  data)
{
  CollectWalk *w = data;

  if (!is_element (node))
    return FALSE;

  if (w->tag != NULL && is_tag (node, w->tag))
    g_ptr_array_add (w->found, node);
  else if (w->itemprop != NULL)
    {
      g_autofree char *itemprop = get_attr (node, "itemprop");

      if (itemprop != NULL && strcmp (itemprop, w->itemprop) == 0)
        g_ptr_array_add (w->found, node);
    }

  return TRUE;
}

/* Collects the elements named @tag, or with itemprop="@itemprop". */
static GPtrArray *
collect (xmlNode    *root,
         const char *tag,
         const char *itemprop)
{
  CollectWalk w = { tag, itemprop, g_ptr_array_new () };

  walk (root, collect_enter_cb, NULL, &w);
  return w.found;
}

/* Pruning */

static const char * const junk_elements[] = {
  "script", "style", "noscript", "template", "iframe", "form", "button",
  "input", "select", "textarea", "nav", "aside", "svg", "canvas", "object",
  "embed", "link", "meta", "applet", "dialog", "map", "math", "frame",
  "frameset", "label", "head", NULL
};

static gboolean
is_hidden (xmlNode *node)
{
  g_autofree char *aria = NULL;
  g_autofree char *style = NULL;
  xmlAttr *hidden = xmlHasProp (node, (const xmlChar *) "hidden");

  if (hidden != NULL)
    return TRUE;

  aria = get_attr (node, "aria-hidden");
  if (aria != NULL && strcmp (aria, "true") == 0)
    return TRUE;

  style = get_attr (node, "style");
  if (style != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (style, -1);
      g_autofree char *compact = g_strdup (lower);
      gsize n = 0;

      for (const char *p = lower; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          compact[n++] = *p;
      compact[n] = '\0';

      if (strstr (compact, "display:none") != NULL || strstr (compact, "visibility:hidden") != NULL)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  Extractor *ex;
  GPtrArray *doomed;
  guint      in_article;
  guint      wrapper_len;   /* Elements holding this much text stay. */
} JunkWalk;

static gboolean
junk_enter_cb (xmlNode  *node,
               gpointer  data)
{
  JunkWalk *w = data;

  if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
    {
      g_ptr_array_add (w->doomed, node);
      return FALSE;
    }
  if (!is_element (node))
    return FALSE;

  /* ASP.NET pages wrap the whole page in a <form>, and some hide the
   * page until a script shows it: what holds most of the text stays. */
  if ((is_tag (node, "form") || is_hidden (node)) &&
      stats_of (w->ex, node)->text_len >= w->wrapper_len)
    return TRUE;

  if (tag_in (node, junk_elements) || is_hidden (node))
    {
      g_ptr_array_add (w->doomed, node);
      return FALSE;
    }

  /* The page's own header and footer go; an article's may hold its sapo. */
  if ((is_tag (node, "header") || is_tag (node, "footer")) && w->in_article == 0 &&
      stats_of (w->ex, node)->text_len < w->wrapper_len)
    {
      g_ptr_array_add (w->doomed, node);
      return FALSE;
    }

  if (is_tag (node, "article") || is_tag (node, "main"))
    w->in_article++;

  return TRUE;
}

static void
junk_leave_cb (xmlNode  *node,
               gpointer  data)
{
  JunkWalk *w = data;

  /* A doomed node was not entered, and it is the last one doomed. */
  if (w->doomed->len > 0 && g_ptr_array_index (w->doomed, w->doomed->len - 1) == node)
    return;

  if (is_tag (node, "article") || is_tag (node, "main"))
    w->in_article--;
}

static void
remove_junk (Extractor *ex,
             xmlNode   *root)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  JunkWalk w = { ex, doomed, 0, 0 };

  compute_stats (ex, root);
  w.wrapper_len = MAX (stats_of (ex, root)->text_len / 2, 1);
  walk (root, junk_enter_cb, junk_leave_cb, &w);

  /* libxml2 may put the <body> inside junk (a <noscript>, an <svg>): then
   * the body goes with it and the whole page is read instead. */
  if (ex->body != root && doomed->len > 0)
    {
      g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < doomed->len; i++)
        g_hash_table_add (set, g_ptr_array_index (doomed, i));
      for (xmlNode *n = ex->body; n != NULL && n != root; n = n->parent)
        if (g_hash_table_contains (set, n))
          {
            ex->body = root;
            break;
          }
    }

  remove_all (doomed);
}

typedef struct
{
  Extractor *ex;
  GPtrArray *doomed;
  guint      wrapper_len;   /* Elements holding this much text stay. */
} UnlikelyWalk;

static gboolean
unlikely_enter_cb (xmlNode  *node,
                   gpointer  data)
{
  UnlikelyWalk *w = data;
  NodeStats *st;
  WeightKind kind;

  if (!is_element (node))
    return FALSE;

  if (is_tag (node, "html") || is_tag (node, "body") || is_tag (node, "article") ||
      is_tag (node, "main") || is_tag (node, "a"))
    return TRUE;

  st = stats_of (w->ex, node);
  if (st->protected)
    return TRUE;

  kind = classify (node);
  if (kind == WEIGHT_STRONG_NEGATIVE && st->text_len < w->wrapper_len)
    {
      g_ptr_array_add (w->doomed, node);
      return FALSE;
    }
  if (kind == WEIGHT_NEGATIVE && st->text_len < w->wrapper_len &&
      (st->text_len < 200 || link_density (st) > 0.3))
    {
      g_ptr_array_add (w->doomed, node);
      return FALSE;
    }

  return TRUE;
}

/* Finds the box a label such as "Tin liên quan" heads: its nearest
 * ancestor with more text than the label. Returns the doomed subtree: the
 * whole box when it does not look like the article, else the label and
 * everything after it in the box (the article's own comments section). */
static void
doom_labelled_box (Extractor *ex,
                   xmlNode   *label,
                   xmlNode   *stop,
                   GPtrArray *doomed)
{
  NodeStats *label_st = stats_of (ex, label);
  guint label_len = label_st->text_len;
  xmlNode *box = label;
  xmlNode *child = label;
  NodeStats *st;

  while (box != stop && box->parent != NULL && is_element (box->parent))
    {
      child = box;
      box = box->parent;
      if (stats_of (ex, box)->text_len > label_len + 2)
        break;
    }

  if (box == label)
    return;

  st = stats_of (ex, box);
  if (!st->protected && box != stop &&
      (st->text_len - st->link_len < 500 + label_len || link_density (st) > 0.4 ||
       st->n_input > 0))
    {
      g_ptr_array_add (doomed, box);
      return;
    }

  for (xmlNode *n = child; n != NULL; n = n->next)
    if (!is_element (n) || !stats_of (ex, n)->protected)
      g_ptr_array_add (doomed, n);
}

typedef struct
{
  Extractor *ex;
  GPtrArray *labels;
} LabelWalk;

static gboolean
label_enter_cb (xmlNode  *node,
                gpointer  data)
{
  static const char * const label_tags[] = {
    "h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong", "b", "a",
    "header", "legend", "li", "dt", "th", NULL
  };
  LabelWalk *w = data;
  NodeStats *st;

  if (!is_element (node))
    return FALSE;

  st = stats_of (w->ex, node);
  if (st->text_len == 0 || st->protected)
    return st->protected;

  if (st->text_len <= MAX_LABEL_LEN && tag_in (node, label_tags))
    {
      g_autofree char *text = node_text (node);

      if (text != NULL && is_label_text (text))
        {
          g_ptr_array_add (w->labels, node);
          return FALSE;
        }
    }

  return TRUE;
}

static void
remove_labelled_boxes (Extractor *ex,
                       xmlNode   *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  LabelWalk w = { ex, labels };

  walk (root, label_enter_cb, NULL, &w);

  for (guint i = 0; i < labels->len; i++)
    doom_labelled_box (ex, g_ptr_array_index (labels, i), root, doomed);

  /* Boxes may contain other labels' boxes, and two labels may doom the
   * same box: free each subtree once. */
  for (guint i = 0; i < doomed->len; i++)
    if (!g_hash_table_add (seen, g_ptr_array_index (doomed, i)))
      g_ptr_array_index (doomed, i) = NULL;
  for (guint i = 0; i < doomed->len; i++)
    {
      xmlNode *node = g_ptr_array_index (doomed, i);
      gboolean nested = FALSE;

      if (node == NULL)
        continue;
      for (xmlNode *p = node->parent; p != NULL && !nested; p = p->parent)
        nested = g_hash_table_contains (seen, p);
      if (nested)
        g_ptr_array_index (doomed, i) = NULL;
    }
  for (guint i = 0; i < doomed->len; i++)
    {
      xmlNode *node = g_ptr_array_index (doomed, i);

      if (node != NULL)
        remove_node (node);
    }
}

static void
remove_unlikely (Extractor *ex,
                 xmlNode   *root)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  UnlikelyWalk w = { ex, doomed, 0 };

  compute_stats (ex, root);
  /* An element with half of the page's text is a wrapper, whatever its
   * class says ("page has-sidebar"). */
  w.wrapper_len = MAX (stats_of (ex, root)->text_len / 2, 1);
  walk (root, unlikely_enter_cb, NULL, &w);
  remove_all (doomed);

  compute_stats (ex, root);
  remove_labelled_boxes (ex, root);
  compute_stats (ex, root);
}

/* Scoring */

static const char * const block_elements[] = {
  "address", "article", "aside", "blockquote", "dl", "div", "fieldset",
  "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hr", "main", "ol", "p", "pre", "section", "table", "ul", NULL
};

static gboolean
has_block_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (tag_in (child, block_elements))
      return TRUE;
  return FALSE;
}

static gboolean
is_paragraph_like (xmlNode *node)
{
  if (is_tag (node, "p") || is_tag (node, "pre") || is_tag (node, "td"))
    return TRUE;

  return (is_tag (node, "div") || is_tag (node, "section")) && !has_block_children (node);
}

static double
initial_score (xmlNode *node)
{
  static const char * const plus_three[] = { "pre", "td", "blockquote", NULL };
  static const char * const minus_three[] = {
    "address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL
  };
  static const char * const minus_five[] = { "h1", "h2", "h3", "h4", "h5", "h6", "th", NULL };
  double score = class_weight (node);

  if (is_tag (node, "div") || is_tag (node, "article") || is_tag (node, "section"))
    score += 5;
  else if (tag_in (node, plus_three))
    score += 3;
  else if (tag_in (node, minus_three))
    score -= 3;
  else if (tag_in (node, minus_five))
    score -= 5;

  return score;
}

typedef struct
{
  Extractor *ex;
  xmlNode   *root;
} ScoreWalk;

static gboolean
score_enter_cb (xmlNode  *node,
                gpointer  data)
{
  ScoreWalk *w = data;
  NodeStats *st;
  double points;
  xmlNode *ancestor;

  if (!is_element (node))
    return FALSE;

  if (!is_paragraph_like (node))
    return TRUE;

  st = stats_of (w->ex, node);
  if (st->text_len < MIN_PARAGRAPH_LEN)
    return TRUE;

  points = 1.0 + st->commas + MIN (st->text_len / 100, 3);

  ancestor = node->parent;
  for (guint level = 0; level < SCORE_LEVELS && is_element (ancestor); level++)
    {
      NodeStats *ast = stats_of (w->ex, ancestor);
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

      if (!ast->scored)
        {
          ast->scored = TRUE;
          ast->score = initial_score (ancestor);
          g_ptr_array_add (w->ex->candidates, ancestor);
        }
      ast->score += points / divider;

      if (ancestor == w->root)
        break;
      ancestor = ancestor->parent;
    }

  /* Nested paragraph-like elements (a <td> holding <p>s) count once. */
  return !is_tag (node, "p");
}

static double
final_score (Extractor *ex,
             xmlNode   *node)
{
  NodeStats *st = stats_of (ex, node);

  return st->score * (1.0 - link_density (st));
}

static xmlNode *
find_top_candidate (Extractor *ex,
                    xmlNode   *root)
{
  ScoreWalk w = { ex, root };
  xmlNode *best[5] = { NULL, };
  double best_score[5] = { 0, };
  xmlNode *top;
  guint n_best = 0;

  walk (root, score_enter_cb, NULL, &w);

  for (guint i = 0; i < ex->candidates->len; i++)
    {
      xmlNode *node = g_ptr_array_index (ex->candidates, i);
      double score = final_score (ex, node);

      for (guint j = 0; j < G_N_ELEMENTS (best); j++)
        {
          if (best[j] == NULL || score > best_score[j])
            {
              memmove (&best[j + 1], &best[j], (G_N_ELEMENTS (best) - j - 1) * sizeof best[0]);
              memmove (&best_score[j + 1], &best_score[j],
                       (G_N_ELEMENTS (best) - j - 1) * sizeof best_score[0]);
              best[j] = node;
              best_score[j] = score;
              n_best = MIN (n_best + 1, G_N_ELEMENTS (best));
              break;
            }
        }
    }

  if (n_best == 0)
    return NULL;

  top = best[0];

  /* When the body is split into several blocks of similar weight (text
   * around photos, say), their common ancestor is the article. */
  {
    guint strong = 0;

    for (guint i = 1; i < n_best; i++)
      if (best_score[i] >= best_score[0] * 0.75)
        strong++;

    if (strong >= 2)
      {
        guint level = 0;

        for (xmlNode *a = top->parent; is_element (a) && level < 16; a = a->parent, level++)
          {
            guint inside = 0;

            for (guint i = 1; i < n_best; i++)
              if (best_score[i] >= best_score[0] * 0.75 && is_inside (best[i], a))
                inside++;
            if (inside >= 2)
              {
                top = a;
                break;
              }
            if (a == root)
              break;
          }
      }
  }

  /* A wrapper that adds nothing to the top candidate stands for it, so
   * that its siblings (the sapo, the photo) are looked at too. */
  while (top != root && is_element (top->parent) && !is_tag (top->parent, "body") &&
         stats_of (ex, top->parent)->text_len <= stats_of (ex, top)->text_len + 2)
    top = top->parent;

  return top;
}

static gboolean
is_caption_text (const char *text)
{
  return strstr (text, "Ảnh:") != NULL || strstr (text, "Ảnh :") != NULL ||
         strstr (text, "(Ảnh") != NULL || strstr (text, "Ảnh minh họa") != NULL ||
         strstr (text, "Ảnh minh hoạ") != NULL || g_str_has_prefix (text, "Ảnh ");
}

static gboolean
is_sapo (xmlNode *node)
{
  static const char * const words[] = {
    "sapo", "lead", "summary", "description", "tomtat", "chapeau", NULL
  };
  g_autofree char *squeezed = NULL;
  g_autofree char *spaced = NULL;

  if (!class_and_id (node, &squeezed, &spaced))
    return FALSE;
  return contains_any (squeezed, words);
}

typedef enum {
  SIBLING_SKIP,
  SIBLING_KEEP,
  SIBLING_IF_NEXT_TO_KEPT,   /* A photo or a caption. */
} SiblingVerdict;

static SiblingVerdict
judge_sibling (Extractor *ex,
               xmlNode   *sibling,
               xmlNode   *top,
               double     top_score)
{
  NodeStats *st = stats_of (ex, sibling);
  double threshold = MAX (10.0, top_score * 0.2);
  double density = link_density (st);

  if (sibling == top)
    return SIBLING_KEEP;
  if (is_tag (sibling, "h1") || is_meta_block (sibling) || class_weight (sibling) < 0)
    return SIBLING_SKIP;

  if (st->scored && st->score * (1.0 - density) >= threshold)
    return SIBLING_KEEP;

  if ((is_paragraph_like (sibling) || is_sapo (sibling) ||
       ((is_tag (sibling, "h2") || is_tag (sibling, "h3")) && st->text_len >= 80)) &&
      st->n_img == 0)
    {
      if (st->text_len >= 80 && density < 0.25)
        return SIBLING_KEEP;
    }

  if (st->n_img > 0 && st->n_img <= 3 && st->text_len <= MAX_CAPTION_LEN && density < 0.5)
    return SIBLING_IF_NEXT_TO_KEPT;

  if (st->n_img == 0 && st->text_len > 0 && st->text_len <= MAX_CAPTION_LEN && density == 0)
    {
      g_autofree char *text = node_text (sibling);

      if (text != NULL && is_caption_text (text))
        return SIBLING_IF_NEXT_TO_KEPT;
    }

  return SIBLING_SKIP;
}

static GPtrArray *
gather_siblings (Extractor *ex,
                 xmlNode   *top)
{
  g_autoptr(GPtrArray) siblings = g_ptr_array_new ();
  g_autoptr(GArray) verdicts = g_array_new (FALSE, FALSE, sizeof (SiblingVerdict));
  GPtrArray *kept = g_ptr_array_new ();
  double top_score = final_score (ex, top);
  gboolean changed = TRUE;

  if (top->parent == NULL || !is_element (top->parent) || is_tag (top, "body"))
    {
      g_ptr_array_add (kept, top);
      return kept;
    }

  for (xmlNode *n = top->parent->children; n != NULL; n = n->next)
    {
      SiblingVerdict verdict;

      if (!is_element (n))
        continue;
      verdict = judge_sibling (ex, n, top, top_score);
      g_ptr_array_add (siblings, n);
      g_array_append_val (verdicts, verdict);
    }

  /* Photos and captions join when they touch what is kept, in either
   * direction, until nothing changes. */
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < siblings->len; i++)
        {
          SiblingVerdict *v = &g_array_index (verdicts, SiblingVerdict, i);

          if (*v != SIBLING_IF_NEXT_TO_KEPT)
            continue;
          if ((i > 0 && g_array_index (verdicts, SiblingVerdict, i - 1) == SIBLING_KEEP) ||
              (i + 1 < siblings->len &&
               g_array_index (verdicts, SiblingVerdict, i + 1) == SIBLING_KEEP))
            {
              *v = SIBLING_KEEP;
              changed = TRUE;
            }
        }
    }

  for (guint i = 0; i < siblings->len; i++)
    if (g_array_index (verdicts, SiblingVerdict, i) == SIBLING_KEEP)
      g_ptr_array_add (kept, g_ptr_array_index (siblings, i));

  return kept;
}

/* Cleaning what was kept */

typedef struct
{
  Extractor *ex;
  xmlNode   *root;
  GPtrArray *doomed;
} CleanWalk;

static gboolean
should_drop_block (Extractor *ex,
                   xmlNode   *node)
{
  static const char * const blocks[] = {
    "div", "section", "table", "ul", "ol", "dl", "center", "header", "footer", NULL
  };
  NodeStats *st = stats_of (ex, node);
  double density = link_density (st);
  int weight;

  if (!tag_in (node, blocks))
    return FALSE;

  weight = class_weight (node);
  if (weight + (st->scored ? st->score : 0) < 0)
    return TRUE;
  if (st->commas >= 10)
    return FALSE;
  if (st->n_input > st->n_p / 3)
    return TRUE;
  if (!is_tag (node, "ul") && !is_tag (node, "ol") && st->text_len < MIN_PARAGRAPH_LEN &&
      (st->n_img == 0 || st->n_img > 2))
    return TRUE;
  if (weight < 25 && density > 0.2)
    return TRUE;
  if (weight >= 25 && density > 0.5)
    return TRUE;

  return FALSE;
}

static gboolean
clean_enter_cb (xmlNode  *node,
                gpointer  data)
{
  CleanWalk *w = data;
  NodeStats *st;

  if (!is_element (node))
    return FALSE;
  if (node == w->root)
    return TRUE;

  st = stats_of (w->ex, node);

  if (is_tag (node, "h1") ||
      (is_meta_block (node) && st->text_len <= MAX_META_BLOCK_LEN && st->n_img == 0))
    goto drop;

  if ((is_tag (node, "h2") || is_tag (node, "h3")) && w->ex->title != NULL)
    {
      g_autofree char *text = node_text (node);

      if (text != NULL && strcmp (text, w->ex->title) == 0)
        goto drop;
    }

  if (should_drop_block (w->ex, node))
    goto drop;

  /* "Xem thêm: <a>…</a>" lines. */
  if (is_tag (node, "p") && st->n_img == 0 && st->text_len > 0 && st->text_len < 250 &&
      link_density (st) > 0.5)
    goto drop;

  if ((is_tag (node, "p") || is_tag (node, "div") || is_tag (node, "span")) &&
      st->text_len == 0 && st->n_img == 0)
    goto drop;

  return TRUE;

drop:
  g_ptr_array_add (w->doomed, node);
  return FALSE;
}

static void
clean_kept (Extractor *ex,
            xmlNode   *root)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  CleanWalk w = { ex, root, doomed };

  compute_stats (ex, root);
  walk (root, clean_enter_cb, NULL, &w);
  remove_all (doomed);
}

/* Site rules */

static void
strip_selected (Extractor      *ex,
                GPtrArray      *kept,
                BantinSelector *selector)
{
  g_autoptr(GHashTable) doomed = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < kept->len; i++)
    {
      g_autoptr(GPtrArray) found = _bantin_selector_select (selector, g_ptr_array_index (kept, i));

      for (guint j = 0; j < found->len; j++)
        {
          xmlNode *node = g_ptr_array_index (found, j);

          /* A kept root itself is not stripped, only its insides. */
          if (node != g_ptr_array_index (kept, i) && g_hash_table_add (doomed, node))
            g_ptr_array_add (order, node);
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      xmlNode *node = g_ptr_array_index (order, i);
      gboolean nested = FALSE;

      for (xmlNode *p = node->parent; p != NULL && !nested; p = p->parent)
        nested = g_hash_table_contains (doomed, p);
      if (nested)
        g_ptr_array_index (order, i) = NULL;
    }

  for (guint i = 0; i < order->len; i++)
    if (g_ptr_array_index (order, i) != NULL)
      remove_node (g_ptr_array_index (order, i));
}

/* Appends the outermost of @found to @kept, skipping those inside (or
 * around) what is already kept. */
static void
add_outermost (GPtrArray *kept,
               GPtrArray *found)
{
  for (guint i = 0; i < found->len; i++)
    {
      xmlNode *node = g_ptr_array_index (found, i);
      gboolean overlaps = FALSE;

      for (guint j = 0; j < kept->len && !overlaps; j++)
        {
          xmlNode *other = g_ptr_array_index (kept, j);

          overlaps = is_inside (node, other) || is_inside (other, node);
        }
      if (!overlaps)
        g_ptr_array_add (kept, node);
    }
}

static GPtrArray *
apply_rule (Extractor            *ex,
            const BantinSiteRule *rule)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  xmlNode *root = xmlDocGetRootElement (ex->doc);

  for (guint i = 0; i < rule->lead->len && kept->len == 0; i++)
    {
      g_autoptr(GPtrArray) found = _bantin_selector_select (g_ptr_array_index (rule->lead, i), root);

      add_outermost (kept, found);
    }

  for (guint i = 0; i < rule->content->len; i++)
    {
      g_autoptr(GPtrArray) found = _bantin_selector_select (g_ptr_array_index (rule->content, i), root);
      guint before = kept->len;

      add_outermost (kept, found);
      if (kept->len > before)
        {
          for (guint j = 0; j < rule->strip->len; j++)
            strip_selected (ex, kept, g_ptr_array_index (rule->strip, j));
          return g_steal_pointer (&kept);
        }
    }

  return NULL;
}

/* Output */

static int
write_to_string_cb (void       *context,
                    const char *buffer,
                    int         len)
{
  g_string_append_len (context, buffer, len);
  return len;
}

static int
close_string_cb (void *context)
{
  return 0;
}

/* Through an output callback, libxml2 writes in chunks of a few KB; into
 * an xmlBuffer it would grow the buffer a little at a time instead. */
static void
append_node_html (GString *out,
                  xmlDoc  *doc,
                  xmlNode *node)
{
  xmlOutputBufferPtr buffer = xmlOutputBufferCreateIO (write_to_string_cb, close_string_cb,
                                                       out, NULL);

  if (buffer == NULL)
    return;

  htmlNodeDumpFormatOutput (buffer, doc, node, NULL, 0);
  xmlOutputBufferClose (buffer);
  g_string_append_c (out, '\n');
}

static gboolean
html_content_type (const char *content_type)
{
  g_autofree char *lower = NULL;

  if (content_type == NULL || *content_type == '\0')
    return TRUE;

  lower = g_ascii_strdown (content_type, -1);
  g_strstrip (lower);
  return g_str_has_prefix (lower, "text/html") ||
         g_str_has_prefix (lower, "application/xhtml+xml") ||
         g_str_has_prefix (lower, "text/plain") ||
         g_str_has_prefix (lower, "application/octet-stream");
}

static htmlDocPtr
parse_document (const char *utf8,
                gsize       len)
{
  if (len > G_MAXINT)
    len = G_MAXINT;

  return htmlReadMemory (utf8, (int) len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                         HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT |
                         HTML_PARSE_NODEFDTD | XML_PARSE_HUGE);
}

static gboolean
not_article (GError    **error,
             const char *message)
{
  g_set_error_literal (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_NOT_ARTICLE, message);
  return FALSE;
}

/* The element to score in: the one <article> that holds most of the
 * text of all of them, if there is one. */
static xmlNode *
scoring_root (Extractor *ex)
{
  xmlNode *best = NULL;
  guint best_len = 0, total = 0;

  for (guint i = 0; i < ex->articles->len; i++)
    {
      xmlNode *article = g_ptr_array_index (ex->articles, i);
      guint len;

      len = stats_of (ex, article)->text_len;
      total += len;
      if (len > best_len)
        {
          best = article;
          best_len = len;
        }
    }

  if (best != NULL && best_len >= MIN_ARTICLE_LEN && best_len * 10 >= total * 6)
    return best;

  return ex->body;
}

static void
protect_ancestors (Extractor *ex,
                   xmlNode   *node)
{
  for (xmlNode *p = node; is_element (p); p = p->parent)
    stats_of (ex, p)->protected = TRUE;
}

/**
 * bantin_extractor_extract:
 * @html: the page's bytes
 * @len: their length
 * @content_type: (nullable): the HTTP Content-Type, for its charset
 * @page_url: (nullable): the page's URL, for relative links and site rules
 * @rules: (nullable): site rules, e.g. from bantin_site_rules_new_default()
 * @error: return location for a #GError
 *
 * Finds the main content of an article page and returns it, sanitized
 * (with @page_url as the base of relative URLs), with the page's metadata.
 * Pure and thread-safe: no I/O; callers fetch the page.
 *
 * Returns: (transfer full) (nullable): the extraction, or %NULL with
 *   @error set (%BANTIN_EXTRACTOR_ERROR_NOT_ARTICLE for pages that are not
 *   an article, a charset error for undecodable bytes)
 */
BantinExtraction *
bantin_extractor_extract (const guint8     *html,
                          gsize             len,
                          const char       *content_type,
                          const char       *page_url,
                          BantinSiteRules  *rules,
                          GError          **error)
{
  Extractor ex = { NULL, };
  g_autoptr(BantinExtraction) result = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  const BantinSiteRule *rule = NULL;
  MetaWalk meta = { &ex, 0 };
  gsize utf8_len = 0;
  xmlNode *root;

  g_return_val_if_fail (html != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!html_content_type (content_type))
    {
      g_set_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_NOT_HTML,
                   _("The page is not HTML but “%s”"), content_type);
      return NULL;
    }
  if (len > BANTIN_EXTRACTOR_MAX_PAGE_SIZE)
    {
      g_set_error (error, BANTIN_EXTRACTOR_ERROR, BANTIN_EXTRACTOR_ERROR_TOO_LARGE,
                   _("The page is larger than %d MB"), BANTIN_EXTRACTOR_MAX_PAGE_SIZE / (1024 * 1024));
      return NULL;
    }

  utf8 = bantin_charset_to_utf8 (html, len, content_type, &utf8_len, error);
  if (utf8 == NULL)
    return NULL;

  ex.page_url = page_url;
  ex.stats = g_array_new (FALSE, TRUE, sizeof (NodeStats));
  ex.candidates = g_ptr_array_new ();

  if (utf8_len > 0)
    ex.doc = parse_document (utf8, utf8_len);
  g_clear_pointer (&utf8, g_free);

  root = ex.doc != NULL ? xmlDocGetRootElement (ex.doc) : NULL;
  if (root == NULL)
    {
      not_article (error, _("The page is empty"));
      extractor_clear (&ex);
      return NULL;
    }

  walk (root, meta_enter_cb, meta_leave_cb, &meta);
  choose_title (&ex);
  if (ex.body == NULL)
    ex.body = root;

  result = g_new0 (BantinExtraction, 1);
  result->title = g_strdup (ex.title);
  result->byline = g_strdup (ex.byline != NULL ? ex.byline : ex.byline_fallback);
  result->published = g_strdup (ex.published != NULL ? ex.published : ex.published_fallback);
  result->lead_image = absolute_http_url (ex.og_image != NULL ? ex.og_image : ex.twitter_image,
                                          page_url);
  result->site_name = g_strdup (ex.site_name);

  remove_junk (&ex, root);

  /* Nothing removes these from now on, so the pointers stay valid. */
  ex.article_bodies = collect (ex.body, NULL, "articleBody");
  for (guint i = 0; i < ex.article_bodies->len; i++)
    protect_ancestors (&ex, g_ptr_array_index (ex.article_bodies, i));

  if (rules != NULL)
    rule = _bantin_site_rules_lookup (rules, page_url, ex.generator);
  if (rule != NULL)
    {
      kept = apply_rule (&ex, rule);
      if (kept != NULL)
        {
          result->method = BANTIN_EXTRACTION_SITE_RULE;
          result->rule = g_strdup (rule->id);
          for (guint i = 0; i < kept->len; i++)
            remove_unlikely (&ex, g_ptr_array_index (kept, i));
        }
      else
        g_debug ("Rule “%s” found nothing on %s", rule->id, page_url);
    }

  if (kept == NULL)
    {
      xmlNode *body_node = NULL;

      remove_unlikely (&ex, ex.body);

      for (guint i = 0; i < ex.article_bodies->len; i++)
        {
          xmlNode *node = g_ptr_array_index (ex.article_bodies, i);

          if (stats_of (&ex, node)->text_len >= MIN_ARTICLE_LEN &&
              (body_node == NULL ||
               stats_of (&ex, node)->text_len > stats_of (&ex, body_node)->text_len))
            body_node = node;
        }

      if (body_node != NULL)
        {
          kept = g_ptr_array_new ();
          g_ptr_array_add (kept, body_node);
          result->method = BANTIN_EXTRACTION_ARTICLE_BODY;
        }
      else
        {
          xmlNode *top;

          ex.articles = collect (ex.body, "article", NULL);
          top = find_top_candidate (&ex, scoring_root (&ex));

          if (top == NULL)
            {
              not_article (error, _("The page has no paragraphs of text, so it is not an article"));
              extractor_clear (&ex);
              return NULL;
            }

          if (stats_of (&ex, top)->n_teasers >= 3)
            {
              not_article (error, _("The page is a list of articles, not an article"));
              extractor_clear (&ex);
              return NULL;
            }

          kept = gather_siblings (&ex, top);
          result->method = BANTIN_EXTRACTION_SCORED;
        }

      for (guint i = 0; i < kept->len; i++)
        clean_kept (&ex, g_ptr_array_index (kept, i));
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < kept->len; i++)
    append_node_html (out, ex.doc, g_ptr_array_index (kept, i));

  result->content = bantin_html_sanitize (out->str, page_url);
  text = bantin_html_to_text (result->content, 0);
  result->text_length = g_utf8_strlen (text, -1);

  extractor_clear (&ex);

  if (result->text_length < MIN_ARTICLE_LEN)
    {
      not_article (error, _("The page has too little text to be an article"));
      return NULL;
    }

  return g_steal_pointer (&result);
}

void
bantin_extraction_free (BantinExtraction *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->byline);
  g_free (self->published);
  g_free (self->lead_image);
  g_free (self->site_name);
  g_free (self->content);
  g_free (self->rule);
  g_free (self);
}

/**
 * bantin_extractor_is_summary:
 * @feed_html: (nullable): an item's content from its feed
 *
 * Whether the feed gives only a summary of the article, so that its page
 * is worth fetching: the content is short, or ends the way teasers end
 * ("…", "[…]", "Xem tiếp", "Đọc tiếp").
 */
gboolean
bantin_extractor_is_summary (const char *feed_html)
{
  static const char * const endings[] = {
    "…", "...", "[…]", "[...]", "xem tiep", "doc tiep", "xem them", "read more",
    "continue reading", NULL
  };
  g_autofree char *text = bantin_html_to_text (feed_html, 0);
  g_autofree char *folded = NULL;

  if (g_utf8_strlen (text, -1) < SUMMARY_MAX_LEN)
    return TRUE;

  folded = bantin_text_fold (text);
  g_strstrip (folded);
  for (guint i = 0; endings[i] != NULL; i++)
    if (g_str_has_suffix (folded, endings[i]))
      return TRUE;

  return FALSE;
}

/**
 * bantin_extraction_is_better:
 * @self: an extraction
 * @feed_html: (nullable): the item's content from its feed
 *
 * Whether the extracted body should be shown rather than the feed's
 * content: it has clearly more text.
 */
gboolean
bantin_extraction_is_better (const BantinExtraction *self,
                             const char             *feed_html)
{
  g_autofree char *text = bantin_html_to_text (feed_html, 0);
  gsize feed_len;

  g_return_val_if_fail (self != NULL, FALSE);

  feed_len = g_utf8_strlen (text, -1);
  return self->text_length >= feed_len + MAX (150, feed_len / 4);
}
