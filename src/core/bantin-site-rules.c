/* bantin-site-rules.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-site-rules"

#include "config.h"

#include "bantin-site-rules-private.h"

#include "bantin-sites-resources.h"

#include <glib/gi18n.h>
#include <string.h>

#define SITES_RESOURCE "/io/github/bantin/Bantin/sites/sites.conf"

/* A rule file bigger than this is a mistake, not a rule file. */
#define MAX_RULES_SIZE (1024 * 1024)
#define MAX_SELECTOR_LEN 1024

G_DEFINE_QUARK (bantin-site-rules-error-quark, bantin_site_rules_error)

/* Selectors */

typedef enum {
  ATTR_EXISTS,
  ATTR_EQUALS,      /* [a=v] */
  ATTR_WORD,        /* [a~=v] */
  ATTR_CONTAINS,    /* [a*=v] */
  ATTR_PREFIX,      /* [a^=v] */
} AttrOp;

typedef struct
{
  char   *name;
  char   *value;
  AttrOp  op;
} AttrTest;

typedef struct
{
  char      *tag;       /* NULL matches any element. */
  char      *id;
  GPtrArray *classes;   /* char* */
  GPtrArray *attrs;     /* AttrTest* */
} Compound;

/* A chain of compounds, each a descendant of the one before. */
typedef struct
{
  GPtrArray *compounds;
} Chain;

struct _BantinSelector
{
  GPtrArray *chains;
};

static void
attr_test_free (gpointer data)
{
  AttrTest *test = data;

  g_free (test->name);
  g_free (test->value);
  g_free (test);
}

static void
compound_free (gpointer data)
{
  Compound *compound = data;

  g_free (compound->tag);
  g_free (compound->id);
  g_ptr_array_unref (compound->classes);
  g_ptr_array_unref (compound->attrs);
  g_free (compound);
}

static Compound *
compound_new (void)
{
  Compound *compound = g_new0 (Compound, 1);

  compound->classes = g_ptr_array_new_with_free_func (g_free);
  compound->attrs = g_ptr_array_new_with_free_func (attr_test_free);
  return compound;
}

static void
chain_free (gpointer data)
{
  Chain *chain = data;

  g_ptr_array_unref (chain->compounds);
  g_free (chain);
}

void
_bantin_selector_free (BantinSelector *selector)
{
  if (selector == NULL)
    return;

  g_ptr_array_unref (selector->chains);
  g_free (selector);
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || (guchar) c >= 0x80;
}

static char *
read_ident (const char **p)
{
  const char *start = *p;

  while (is_ident_char (**p))
    (*p)++;

  return *p > start ? g_strndup (start, *p - start) : NULL;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

static gboolean
selector_error (GError    **error,
                const char *text,
                const char *p,
                const char *what)
{
  g_set_error (error, BANTIN_SITE_RULES_ERROR, BANTIN_SITE_RULES_ERROR_INVALID,
               _("Selector “%s”, at offset %d: %s"),
               text, (int) (p - text), what);
  return FALSE;
}

/* Parses "[name op value]" with @p just past the '['. */
static gboolean
parse_attr_test (const char  *text,
                 const char **p,
                 Compound    *compound,
                 GError     **error)
{
  g_autofree char *name = NULL;
  AttrTest *test;

  skip_spaces (p);
  name = read_ident (p);
  if (name == NULL)
    return selector_error (error, text, *p, _("attribute name expected"));
  skip_spaces (p);

  test = g_new0 (AttrTest, 1);
  test->name = g_ascii_strdown (name, -1);
  g_ptr_array_add (compound->attrs, test);

  if (**p == ']')
    {
      test->op = ATTR_EXISTS;
      (*p)++;
      return TRUE;
    }

  if (**p == '=')
    test->op = ATTR_EQUALS;
  else if ((**p == '~' || **p == '*' || **p == '^') && (*p)[1] == '=')
    {
      test->op = **p == '~' ? ATTR_WORD : **p == '*' ? ATTR_CONTAINS : ATTR_PREFIX;
      (*p)++;
    }
  else
    return selector_error (error, text, *p, _("“]”, “=”, “~=”, “*=” or “^=” expected"));
  (*p)++;
  skip_spaces (p);

  if (**p == '"' || **p == '\'')
    {
      const char *close = strchr (*p + 1, **p);

      if (close == NULL)
        return selector_error (error, text, *p, _("unterminated string"));
      test->value = g_strndup (*p + 1, close - *p - 1);
      *p = close + 1;
    }
  else
    {
      test->value = read_ident (p);
      if (test->value == NULL)
        return selector_error (error, text, *p, _("attribute value expected"));
    }

  skip_spaces (p);
  if (**p != ']')
    return selector_error (error, text, *p, _("“]” expected"));
  (*p)++;
  return TRUE;
}

static Compound *
parse_compound (const char  *text,
                const char **p,
                GError     **error)
{
  Compound *compound = compound_new ();
  gboolean empty = TRUE;

  if (**p == '*')
    {
      (*p)++;
      empty = FALSE;
    }
  else if (is_ident_char (**p))
    {
      g_autofree char *tag = read_ident (p);

      compound->tag = g_ascii_strdown (tag, -1);
      empty = FALSE;
    }

  for (;;)
    {
      char c = **p;

      if (c == '.' || c == '#')
        {
          char *ident;

          (*p)++;
          ident = read_ident (p);
          if (ident == NULL)
            {
              selector_error (error, text, *p, _("name expected"));
              compound_free (compound);
              return NULL;
            }
          if (c == '.')
            g_ptr_array_add (compound->classes, ident);
          else
            {
              g_free (compound->id);
              compound->id = ident;
            }
        }
      else if (c == '[')
        {
          (*p)++;
          if (!parse_attr_test (text, p, compound, error))
            {
              compound_free (compound);
              return NULL;
            }
        }
      else
        break;

      empty = FALSE;
    }

  if (empty)
    {
      if (**p == '>' || **p == '+' || **p == '~')
        selector_error (error, text, *p, _("only the descendant combinator is supported"));
      else
        selector_error (error, text, *p, _("element, class, id or attribute expected"));
      compound_free (compound);
      return NULL;
    }

  return compound;
}

/**
 * _bantin_selector_parse:
 * @text: a selector list such as "div.detail-content, article [itemprop=articleBody]"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the selector, or %NULL with @error set
 */
BantinSelector *
_bantin_selector_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(BantinSelector) selector = NULL;
  const char *p = text;
  Chain *chain = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) > MAX_SELECTOR_LEN)
    {
      selector_error (error, text, text, _("too long"));
      return NULL;
    }

  selector = g_new0 (BantinSelector, 1);
  selector->chains = g_ptr_array_new_with_free_func (chain_free);

  skip_spaces (&p);
  for (;;)
    {
      Compound *compound;

      if (chain == NULL)
        {
          chain = g_new0 (Chain, 1);
          chain->compounds = g_ptr_array_new_with_free_func (compound_free);
          g_ptr_array_add (selector->chains, chain);
        }

      compound = parse_compound (text, &p, error);
      if (compound == NULL)
        return NULL;
      g_ptr_array_add (chain->compounds, compound);

      skip_spaces (&p);
      if (*p == '\0')
        break;
      if (*p == ',')
        {
          p++;
          skip_spaces (&p);
          chain = NULL;
        }
    }

  return g_steal_pointer (&selector);
}

static gboolean
has_word (const char *list,
          const char *word)
{
  gsize len = strlen (word);
  const char *p = list;

  if (len == 0)
    return FALSE;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if ((gsize) (p - start) == len && memcmp (start, word, len) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
attr_matches (xmlNode        *node,
              const AttrTest *test)
{
  xmlChar *raw = xmlGetProp (node, (const xmlChar *) test->name);
  const char *value = (const char *) raw;
  gboolean result = FALSE;

  if (raw == NULL)
    return FALSE;

  switch (test->op)
    {
    case ATTR_EXISTS:
      result = TRUE;
      break;
    case ATTR_EQUALS:
      result = strcmp (value, test->value) == 0;
      break;
    case ATTR_WORD:
      result = has_word (value, test->value);
      break;
    case ATTR_CONTAINS:
      result = test->value[0] != '\0' && strstr (value, test->value) != NULL;
      break;
    case ATTR_PREFIX:
      result = test->value[0] != '\0' && g_str_has_prefix (value, test->value);
      break;
    default:
      g_assert_not_reached ();
    }

  xmlFree (raw);
  return result;
}

static gboolean
compound_matches (xmlNode        *node,
                  const Compound *compound)
{
  if (compound->tag != NULL && strcmp ((const char *) node->name, compound->tag) != 0)
    return FALSE;

  if (compound->id != NULL)
    {
      xmlChar *id = xmlGetProp (node, (const xmlChar *) "id");
      gboolean same = id != NULL && strcmp ((const char *) id, compound->id) == 0;

      xmlFree (id);
      if (!same)
        return FALSE;
    }

  if (compound->classes->len > 0)
    {
      xmlChar *classes = xmlGetProp (node, (const xmlChar *) "class");
      gboolean all = classes != NULL;

      for (guint i = 0; all && i < compound->classes->len; i++)
        all = has_word ((const char *) classes, g_ptr_array_index (compound->classes, i));
      xmlFree (classes);
      if (!all)
        return FALSE;
    }

  for (guint i = 0; i < compound->attrs->len; i++)
    if (!attr_matches (node, g_ptr_array_index (compound->attrs, i)))
      return FALSE;

  return TRUE;
}

/**
 * _bantin_selector_select:
 * @selector: a selector
 * @root: the element to search in, itself included
 *
 * Walks the subtree once, without recursion. For a descendant chain, the
 * state of an element is how many compounds of the chain its ancestors
 * matched in order; matching them greedily is enough because every
 * combinator is "descendant of". An element matches when its parent's
 * state reaches the last compound and it matches that compound itself.
 *
 * Returns: (transfer container) (element-type xmlNode): the matching
 *   elements in document order
 */
GPtrArray *
_bantin_selector_select (const BantinSelector *selector,
                         xmlNode              *root)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autoptr(GArray) states = NULL;
  guint n_chains;
  xmlNode *node;
  guint depth = 0;

  g_return_val_if_fail (selector != NULL, result);

  if (root == NULL)
    return result;

  n_chains = selector->chains->len;
  states = g_array_new (FALSE, TRUE, sizeof (guint));
  /* Level 0 is the virtual parent of @root, with nothing matched. */
  g_array_set_size (states, n_chains);

  node = root;
  while (node != NULL)
    {
      gboolean descend = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          gboolean matched = FALSE;
          guint base = depth * n_chains;

          g_array_set_size (states, (depth + 2) * n_chains);
          for (guint c = 0; c < n_chains; c++)
            {
              const Chain *chain = g_ptr_array_index (selector->chains, c);
              guint n = chain->compounds->len;
              guint parent_state = g_array_index (states, guint, base + c);
              guint state = parent_state;

              if (state < n && compound_matches (node, g_ptr_array_index (chain->compounds, state)))
                state++;
              if (!matched && parent_state + 1 >= n &&
                  compound_matches (node, g_ptr_array_index (chain->compounds, n - 1)))
                matched = TRUE;
              g_array_index (states, guint, base + n_chains + c) = state;
            }

          if (matched)
            g_ptr_array_add (result, node);

          descend = node->children != NULL;
        }

      if (descend)
        {
          depth++;
          node = node->children;
          continue;
        }

      if (node == root)
        break;

      while (node->next == NULL)
        {
          node = node->parent;
          depth--;
          if (node == root || node == NULL)
            {
              node = NULL;
              break;
            }
        }
      if (node != NULL)
        node = node->next;
    }

  return result;
}

/* Rules */

struct _BantinSiteRules
{
  gatomicrefcount  ref_count;
  GPtrArray       *rules;   /* BantinSiteRule*, later files first. */
};

G_DEFINE_BOXED_TYPE (BantinSiteRules, bantin_site_rules,
                     bantin_site_rules_ref, bantin_site_rules_unref)

static void
site_rule_free (gpointer data)
{
  BantinSiteRule *rule = data;

  g_free (rule->id);
  g_free (rule->name);
  g_strfreev (rule->hosts);
  g_strfreev (rule->generators);
  g_clear_pointer (&rule->content, g_ptr_array_unref);
  g_clear_pointer (&rule->lead, g_ptr_array_unref);
  g_clear_pointer (&rule->strip, g_ptr_array_unref);
  g_free (rule);
}

BantinSiteRules *
bantin_site_rules_new (void)
{
  BantinSiteRules *self = g_new0 (BantinSiteRules, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->rules = g_ptr_array_new_with_free_func (site_rule_free);
  return self;
}

/**
 * bantin_site_rules_new_default:
 *
 * Returns a new set holding the rules compiled into the program from
 * data/sites/sites.conf. A user's own file can be loaded on top with
 * bantin_site_rules_load_file(); its rules then take precedence.
 */
BantinSiteRules *
bantin_site_rules_new_default (void)
{
  g_autoptr(BantinSiteRules) self = bantin_site_rules_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  bytes = g_resource_lookup_data (bantin_sites_get_resource (), SITES_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("Built-in site rules are missing: %s", error->message);
      return g_steal_pointer (&self);
    }

  data = g_bytes_get_data (bytes, &len);
  if (!bantin_site_rules_load_data (self, data, (gssize) len, &error))
    g_critical ("Built-in site rules are invalid: %s", error->message);

  return g_steal_pointer (&self);
}

BantinSiteRules *
bantin_site_rules_ref (BantinSiteRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bantin_site_rules_unref (BantinSiteRules *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->rules);
      g_free (self);
    }
}

static gboolean
load_selectors (GKeyFile    *file,
                const char  *group,
                const char  *key,
                GPtrArray  **out,
                GError     **error)
{
  g_auto(GStrv) values = g_key_file_get_string_list (file, group, key, NULL, NULL);
  g_autoptr(GPtrArray) selectors = g_ptr_array_new_with_free_func ((GDestroyNotify) _bantin_selector_free);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      BantinSelector *selector;

      g_strstrip (values[i]);
      if (values[i][0] == '\0')
        continue;

      selector = _bantin_selector_parse (values[i], &local_error);
      if (selector == NULL)
        {
          g_set_error (error, BANTIN_SITE_RULES_ERROR, BANTIN_SITE_RULES_ERROR_INVALID,
                       "[%s] %s: %s", group, key, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (selectors, selector);
    }

  *out = g_steal_pointer (&selectors);
  return TRUE;
}

static GStrv
load_lowercase_list (GKeyFile   *file,
                     const char *group,
                     const char *key)
{
  g_auto(GStrv) values = g_key_file_get_string_list (file, group, key, NULL, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      char *value = g_strstrip (values[i]);

      if (*value != '\0')
        {
          g_autofree char *lower = g_utf8_strdown (value, -1);

          g_strv_builder_add (builder, lower);
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * bantin_site_rules_load_data:
 * @self: a rule set
 * @data: a key file (see data/sites/sites.conf for the format)
 * @len: its length, or -1 when nul-terminated
 * @error: return location for a #GError
 *
 * Adds the rules of @data to @self; they take precedence over the rules
 * already there. Nothing is added when @data has an error.
 */
gboolean
bantin_site_rules_load_data (BantinSiteRules  *self,
                             const char       *data,
                             gssize            len,
                             GError          **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (site_rule_free);
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (len < 0)
    len = (gssize) strlen (data);
  if (len > MAX_RULES_SIZE)
    {
      g_set_error (error, BANTIN_SITE_RULES_ERROR, BANTIN_SITE_RULES_ERROR_INVALID,
                   _("The site rules are larger than %d KB"), MAX_RULES_SIZE / 1024);
      return FALSE;
    }

  if (!g_key_file_load_from_data (file, data, (gsize) len, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, BANTIN_SITE_RULES_ERROR, BANTIN_SITE_RULES_ERROR_INVALID,
                   "%s", local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      BantinSiteRule *rule = g_new0 (BantinSiteRule, 1);

      g_ptr_array_add (loaded, rule);
      rule->id = g_strdup (groups[i]);
      rule->name = g_key_file_get_string (file, groups[i], "Name", NULL);
      rule->hosts = load_lowercase_list (file, groups[i], "Hosts");
      rule->generators = load_lowercase_list (file, groups[i], "Generators");

      if (!load_selectors (file, groups[i], "Content", &rule->content, error) ||
          !load_selectors (file, groups[i], "Lead", &rule->lead, error) ||
          !load_selectors (file, groups[i], "Strip", &rule->strip, error))
        return FALSE;

      if (rule->content->len == 0)
        {
          g_set_error (error, BANTIN_SITE_RULES_ERROR, BANTIN_SITE_RULES_ERROR_INVALID,
                       _("[%s] has no Content selector"), groups[i]);
          return FALSE;
        }
      if (rule->hosts[0] == NULL && rule->generators[0] == NULL)
        {
          g_set_error (error, BANTIN_SITE_RULES_ERROR, BANTIN_SITE_RULES_ERROR_INVALID,
                       _("[%s] has neither Hosts nor Generators"), groups[i]);
          return FALSE;
        }
    }

  /* Later loads win: they go in front, in their own order. */
  for (guint i = loaded->len; i > 0; i--)
    g_ptr_array_insert (self->rules, 0, g_ptr_array_steal_index (loaded, i - 1));

  return TRUE;
}

gboolean
bantin_site_rules_load_file (BantinSiteRules  *self,
                             const char       *path,
                             GError          **error)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;

  return bantin_site_rules_load_data (self, contents, (gssize) len, error);
}

guint
bantin_site_rules_get_n_rules (BantinSiteRules *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rules->len;
}

static gboolean
host_matches (const char *host,
              const char *pattern)
{
  gsize host_len = strlen (host);
  gsize len = strlen (pattern);

  if (host_len == len)
    return strcmp (host, pattern) == 0;

  return host_len > len && host[host_len - len - 1] == '.' &&
         strcmp (host + host_len - len, pattern) == 0;
}

const BantinSiteRule *
_bantin_site_rules_lookup (BantinSiteRules *self,
                           const char      *page_url,
                           const char      *generator)
{
  g_autofree char *host = NULL;
  g_autofree char *gen = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (page_url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (page_url, G_URI_FLAGS_PARSE_RELAXED, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        {
          host = g_ascii_strdown (g_uri_get_host (uri), -1);
          if (g_str_has_suffix (host, "."))
            host[strlen (host) - 1] = '\0';
        }
    }

  if (generator != NULL)
    gen = g_utf8_strdown (generator, -1);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const BantinSiteRule *rule = g_ptr_array_index (self->rules, i);

      for (guint j = 0; host != NULL && rule->hosts[j] != NULL; j++)
        if (host_matches (host, rule->hosts[j]))
          return rule;

      for (guint j = 0; gen != NULL && rule->generators[j] != NULL; j++)
        if (g_str_has_prefix (g_strstrip (gen), rule->generators[j]))
          return rule;
    }

  return NULL;
}

/**
 * bantin_site_rules_match:
 * @self: a rule set
 * @page_url: (nullable): the article's URL
 * @generator: (nullable): the page's <meta name="generator"> content
 *
 * Returns: (nullable): the id (key file group) of the rule that applies,
 *   or %NULL
 */
const char *
bantin_site_rules_match (BantinSiteRules *self,
                         const char      *page_url,
                         const char      *generator)
{
  const BantinSiteRule *rule = _bantin_site_rules_lookup (self, page_url, generator);

  return rule != NULL ? rule->id : NULL;
}
