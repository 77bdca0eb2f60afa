/* bantin-store-query.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading articles: lists of ids, single articles, per-day counts, the
 * nearest day with articles, search, and marking read or starred. */

#define G_LOG_DOMAIN "bantin-store"

#include "config.h"

#include "bantin-store-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bantin-date.h"
#include "bantin-html.h"
#include "bantin-text.h"

typedef struct
{
  gboolean    is_text;
  gint64      number;
  const char *text;
} Bind;

/* One SELECT built from a BantinArticleQuery. Its SQL text is also the
 * key of the connection's statement cache, and only the set of filters
 * changes it, so a handful of statements are ever prepared. */
typedef struct
{
  GString  *sql;
  GArray   *binds;
  char     *match;       /* The folded FTS5 expression, or NULL. */
} Select;

static void
select_clear (Select *select)
{
  if (select->sql != NULL)
    g_string_free (select->sql, TRUE);
  g_clear_pointer (&select->binds, g_array_unref);
  g_clear_pointer (&select->match, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Select, select_clear)

static void
bind_number (Select *select,
             gint64  number)
{
  Bind bind = { FALSE, number, NULL };

  g_array_append_val (select->binds, bind);
}

static void
bind_text (Select     *select,
           const char *text)
{
  Bind bind = { TRUE, 0, text };

  g_array_append_val (select->binds, bind);
}

/* The first second of @day in UTC. Local days are at most 14 hours away
 * from it, so a day range padded by one day on each side contains every
 * article of the range in any zone. */
static gint64
utc_midnight (BantinDay day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (day / 10000, (day / 100) % 100, day % 100, 0, 0, 0);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* Most prefixes that are written out; beyond that FTS5's own prefix
 * query is used. */
#define MAX_PREFIX_TERMS 300

static gboolean
is_single_word (const char *text)
{
  const char *p;

  if (*text == '\0')
    return FALSE;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && !g_unichar_ismark (c))
        return FALSE;
    }

  return TRUE;
}

/* Writes the words of the vocabulary that start with @prefix as
 * ("w1" OR "w2" …) into @out. FALSE when there are none or too many. */
static gboolean
append_prefix_terms (BantinStore  *self,
                     GString      *out,
                     const char   *prefix,
                     GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  g_autofree char *upper = g_strdup (prefix);
  gsize start = out->len;
  guint n = 0;
  int rc;

  /* Folded words are compared byte by byte, and the last byte of UTF-8
   * text is never 0xff, so this bounds every word with the prefix. */
  upper[strlen (upper) - 1]++;

  stmt = _bantin_store_prepare (self,
                                "SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, MAX_PREFIX_TERMS + 1);

  g_string_append_c (out, '(');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ > 0)
        g_string_append (out, " OR ");
      g_string_append_printf (out, "\"%s\"", (const char *) sqlite3_column_text (stmt, 0));
    }
  g_string_append_c (out, ')');

  if (rc != SQLITE_DONE || n == 0 || n > MAX_PREFIX_TERMS)
    {
      g_string_truncate (out, start);
      return FALSE;
    }

  return TRUE;
}

/* Rewrites the expression of bantin_text_fold_query() ("w1" "w2 w3" "w4"*)
 * with explicit ANDs, and the prefix term written out as the words that
 * have that prefix, which FTS5 reads lazily instead of merging them all. */
static char *
expand_prefixes (BantinStore  *self,
                 const char   *match,
                 GError      **error)
{
  GString *out = g_string_new (NULL);
  GString *term = g_string_new (NULL);
  const char *p = match;

  while (*p == '"')
    {
      gboolean prefix;
      const char *open = p;

      g_string_truncate (term, 0);
      for (p++; *p != '\0'; p++)
        {
          if (*p == '"' && p[1] == '"')
            p++;
          else if (*p == '"')
            break;
          g_string_append_c (term, *p);
        }
      if (*p != '"')
        break;
      p++;
      prefix = *p == '*';
      if (prefix)
        p++;

      if (out->len > 0)
        g_string_append (out, " AND ");

      if (!prefix || !is_single_word (term->str) ||
          !append_prefix_terms (self, out, term->str, error))
        g_string_append_len (out, open, p - open);

      if (error != NULL && *error != NULL)
        break;
      while (*p == ' ')
        p++;
    }

  g_string_free (term, TRUE);

  /* Anything unexpected: the original expression is still correct. */
  if (*p != '\0' || (error != NULL && *error != NULL))
    {
      g_string_free (out, TRUE);
      return g_strdup (match);
    }

  return g_string_free (out, FALSE);
}

/* Starts @select with "FROM … WHERE …" for the filters of @query, with
 * the day range replaced by [@from, @to] (0 for open ends). Articles are
 * "a"; with a search, the FTS5 table "search" is "s" and drives the join,
 * so that hits come out newest first (rowid = sort key) and the day range
 * becomes a rowid range that FTS5 applies while reading its index. */
static gboolean
select_init (BantinStore              *self,
             Select                   *select,
             const BantinArticleQuery *query,
             BantinDay                 from,
             BantinDay                 to,
             GError                  **error)
{
  select->sql = g_string_new (NULL);
  select->binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  select->match = query->search != NULL ? bantin_text_fold_query (query->search) : NULL;

  if (select->match != NULL)
    {
      g_autofree char *folded = g_steal_pointer (&select->match);

      /* The search index and its vocabulary must have what the last sync
       * queued before they are asked. */
      if (!bantin_store_catch_up_search_index (self, error))
        return FALSE;

      select->match = expand_prefixes (self, folded, error);
    }

  if (select->match != NULL)
    {
      g_string_append (select->sql,
                       " FROM search s CROSS JOIN articles a ON a.sort_key = s.rowid"
                       " WHERE search MATCH ?");
      bind_text (select, select->match);

      if (from > 0)
        {
          g_string_append (select->sql, " AND s.rowid >= ?");
          bind_number (select, utc_midnight (bantin_day_add (from, -1)) * BANTIN_SORT_KEY_SHIFT);
        }
      if (to > 0)
        {
          g_string_append (select->sql, " AND s.rowid < ?");
          bind_number (select, utc_midnight (bantin_day_add (to, 2)) * BANTIN_SORT_KEY_SHIFT);
        }
    }
  else
    {
      g_string_append (select->sql, " FROM articles a WHERE 1");
    }

  if (from > 0)
    {
      g_string_append (select->sql, " AND a.local_day >= ?");
      bind_number (select, from);
    }
  if (to > 0)
    {
      g_string_append (select->sql, " AND a.local_day <= ?");
      bind_number (select, to);
    }
  if (query->feed_id > 0)
    {
      g_string_append (select->sql, " AND a.feed_id = ?");
      bind_number (select, query->feed_id);
    }
  if (query->folder != NULL)
    {
      g_string_append (select->sql, " AND a.feed_id IN (SELECT id FROM feeds WHERE folder = ?)");
      bind_text (select, query->folder);
    }
  /* Written as literals so that the partial indexes apply. */
  if (query->unread_only)
    g_string_append (select->sql, " AND a.read = 0");
  if (query->starred_only)
    g_string_append (select->sql, " AND a.starred = 1");

  return TRUE;
}

static void
select_order (Select   *select,
              gboolean  newest_first)
{
  if (select->match != NULL)
    g_string_append (select->sql, newest_first ? " ORDER BY s.rowid DESC"
                                               : " ORDER BY s.rowid");
  else
    g_string_append (select->sql, newest_first ? " ORDER BY a.local_day DESC, a.sort_key DESC"
                                               : " ORDER BY a.local_day, a.sort_key");
}

/* Prepares @select with @prefix in front ("SELECT a.id", …) and binds its
 * parameters. */
static BantinStmt *
select_prepare (BantinStore  *self,
                Select       *select,
                const char   *prefix,
                GError      **error)
{
  BantinStmt *stmt;
  guint i;

  g_string_prepend (select->sql, prefix);

  stmt = _bantin_store_prepare (self, select->sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (i = 0; i < select->binds->len; i++)
    {
      const Bind *bind = &g_array_index (select->binds, Bind, i);

      if (bind->is_text)
        sqlite3_bind_text (stmt, i + 1, bind->text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, i + 1, bind->number);
    }

  return stmt;
}

/**
 * bantin_store_query_ids:
 * @query: what to list
 *
 * Returns: (element-type gint64): the ids of the matching articles,
 *   newest first, at most @query->limit of them (0 for all).
 */
GArray *
bantin_store_query_ids (BantinStore               *self,
                        const BantinArticleQuery  *query,
                        GError                   **error)
{
  g_auto(Select) select = { NULL, };
  g_autoptr(BantinStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!select_init (self, &select, query, query->day_from, query->day_to, error))
    return NULL;
  select_order (&select, TRUE);
  g_string_append (select.sql, " LIMIT ?");
  bind_number (&select, query->limit > 0 ? (gint64) query->limit : -1);

  stmt = select_prepare (self, &select, "SELECT a.id", error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), query->limit > 0 ? query->limit : 256);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * bantin_store_get_article:
 * @with_content: whether to load the HTML too, the feed's (sanitized
 *   here: it is stored as the feed sent it) and the one extracted from the
 *   article's page (the list needs neither)
 *
 * Returns: the article with its feed's title, or %NULL with
 *   %BANTIN_STORE_ERROR_NOT_FOUND.
 */
BantinArticle *
bantin_store_get_article (BantinStore  *self,
                          gint64        article_id,
                          gboolean      with_content,
                          GError      **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  BantinArticle *article;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);

  if (with_content)
    stmt = _bantin_store_prepare (self,
                                  "SELECT " BANTIN_ARTICLE_COLUMNS ", a.content, p.full_content, "
                                  BANTIN_ARTICLE_BASE_URL
                                  " FROM articles a JOIN feeds f ON f.id = a.feed_id"
                                  " LEFT JOIN article_pages p ON p.article_id = a.id"
                                  " WHERE a.id = ?",
                                  error);
  else
    stmt = _bantin_store_prepare (self,
                                  "SELECT " BANTIN_ARTICLE_COLUMNS
                                  " FROM articles a JOIN feeds f ON f.id = a.feed_id"
                                  " WHERE a.id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND,
                     _("The article is no longer stored."));
      else
        _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  article = _bantin_article_new_from_row (stmt, 0);
  if (with_content)
    {
      const char *content = (const char *) sqlite3_column_text (stmt, BANTIN_ARTICLE_N_COLUMNS);
      const char *full_content = (const char *) sqlite3_column_text (stmt, BANTIN_ARTICLE_N_COLUMNS + 1);
      const char *base_url = (const char *) sqlite3_column_text (stmt, BANTIN_ARTICLE_N_COLUMNS + 2);
      g_autofree char *safe = NULL;

      /* The feed's HTML is stored as it came and made safe here, on its
       * way to any reader. The extracted page was sanitized when it was
       * stored (and sanitizing twice changes nothing). */
      safe = bantin_html_sanitize (content, base_url);
      _bantin_article_set_content (article, safe);
      _bantin_article_set_full_content (article, full_content);
    }

  return article;
}

/**
 * bantin_store_count_days:
 * @query: the filters; its day range is ignored
 * @first: the first day to count
 * @last: the last day to count
 *
 * Counts the matching articles of each day from @first to @last in one
 * query (a month of the calendar).
 *
 * Returns: (element-type BantinDayCount): the days that have articles,
 *   in order.
 */
GArray *
bantin_store_count_days (BantinStore               *self,
                         const BantinArticleQuery  *query,
                         BantinDay                  first,
                         BantinDay                  last,
                         GError                   **error)
{
  g_auto(Select) select = { NULL, };
  g_autoptr(BantinStmt) stmt = NULL;
  g_autoptr(GArray) counts = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (first > 0 && last >= first, NULL);

  if (!select_init (self, &select, query, first, last, error))
    return NULL;
  g_string_append (select.sql, " GROUP BY a.local_day ORDER BY a.local_day");

  stmt = select_prepare (self, &select, "SELECT a.local_day, count(*)", error);
  if (stmt == NULL)
    return NULL;

  counts = g_array_new (FALSE, FALSE, sizeof (BantinDayCount));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BantinDayCount count;

      count.day = sqlite3_column_int (stmt, 0);
      count.count = sqlite3_column_int (stmt, 1);
      g_array_append_val (counts, count);
    }

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/* The first day after @from (@direction > 0) or before it with an
 * article, 0 when there is none, -1 on error. */
static BantinDay
find_day_one_way (BantinStore               *self,
                  const BantinArticleQuery  *query,
                  BantinDay                  from,
                  int                        direction,
                  GError                   **error)
{
  g_auto(Select) select = { NULL, };
  g_autoptr(BantinStmt) stmt = NULL;
  int rc;

  if (!select_init (self, &select, query,
                    direction < 0 ? 0 : bantin_day_add (from, 1),
                    direction < 0 ? bantin_day_add (from, -1) : 0,
                    error))
    return -1;

  select_order (&select, direction < 0);
  g_string_append (select.sql, " LIMIT 1");

  stmt = select_prepare (self, &select, "SELECT a.local_day", error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0);

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return -1;
    }

  return 0;
}

static gint64
day_number (BantinDay day)
{
  return utc_midnight (day) / 86400;
}

/**
 * bantin_store_find_day_with_articles:
 * @query: the filters; its day range is ignored
 * @from: the day to start from
 * @direction: < 0 for the nearest earlier day, > 0 for the nearest later
 *   day, 0 for @from itself if it has articles, else the nearest day on
 *   either side (the earlier one on a tie)
 *
 * Returns: the day, or 0 when there is none (or on error, with @error set).
 */
BantinDay
bantin_store_find_day_with_articles (BantinStore               *self,
                                     const BantinArticleQuery  *query,
                                     BantinDay                  from,
                                     int                        direction,
                                     GError                   **error)
{
  BantinDay earlier;
  BantinDay later;

  g_return_val_if_fail (BANTIN_IS_STORE (self), 0);
  g_return_val_if_fail (query != NULL, 0);
  g_return_val_if_fail (from > 0, 0);

  if (direction != 0)
    return MAX (find_day_one_way (self, query, from, direction, error), 0);

  /* Does @from itself have an article? Then the day after it, looking
   * back, finds it. */
  earlier = find_day_one_way (self, query, bantin_day_add (from, 1), -1, error);
  if (earlier < 0)
    return 0;
  if (earlier == from)
    return from;

  later = find_day_one_way (self, query, from, 1, error);
  if (later < 0)
    return 0;

  if (earlier == 0)
    return later;
  if (later == 0)
    return earlier;

  return day_number (from) - day_number (earlier) <= day_number (later) - day_number (from)
         ? earlier : later;
}

static gboolean
set_flag (BantinStore   *self,
          const char    *sql,
          const gint64  *ids,
          guint          n_ids,
          gboolean       value,
          GError       **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  guint i;

  if (n_ids == 0)
    return TRUE;

  if (!_bantin_store_begin (self, error))
    return FALSE;

  stmt = _bantin_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int (stmt, 1, value ? 1 : 0);

  for (i = 0; i < n_ids; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 2, ids[i]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _bantin_store_set_error (self, rc, error);
          goto failed;
        }
    }

  _bantin_stmt_release (g_steal_pointer (&stmt));
  return _bantin_store_commit (self, error);

failed:
  _bantin_store_rollback (self);
  return FALSE;
}

/**
 * bantin_store_set_read:
 * @ids: (array length=n_ids): article ids; unknown ones are skipped
 *
 * Marks the articles read or unread, in one transaction.
 */
gboolean
bantin_store_set_read (BantinStore   *self,
                       const gint64  *ids,
                       guint          n_ids,
                       gboolean       read,
                       GError       **error)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  return set_flag (self, "UPDATE articles SET read = ?1 WHERE id = ?2 AND read != ?1",
                   ids, n_ids, read, error);
}

/**
 * bantin_store_set_starred:
 * @ids: (array length=n_ids): article ids; unknown ones are skipped
 *
 * Stars or unstars the articles, in one transaction.
 */
gboolean
bantin_store_set_starred (BantinStore   *self,
                          const gint64  *ids,
                          guint          n_ids,
                          gboolean       starred,
                          GError       **error)
{
  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  return set_flag (self, "UPDATE articles SET starred = ?1 WHERE id = ?2 AND starred != ?1",
                   ids, n_ids, starred, error);
}

/**
 * bantin_store_mark_query_read:
 * @query: the articles to mark; its limit is ignored
 *
 * Marks every article that @query matches as read ("mark all read" of a
 * feed, a day or a search).
 *
 * Returns: how many articles changed (0 on error, with @error set).
 */
guint
bantin_store_mark_query_read (BantinStore               *self,
                              const BantinArticleQuery  *query,
                              GError                   **error)
{
  g_auto(Select) select = { NULL, };
  g_autoptr(BantinStmt) stmt = NULL;
  guint changed;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), 0);
  g_return_val_if_fail (query != NULL, 0);

  if (!select_init (self, &select, query, query->day_from, query->day_to, error))
    return 0;
  g_string_append (select.sql, ")");

  stmt = select_prepare (self, &select,
                         "UPDATE articles SET read = 1 WHERE read = 0 AND id IN (SELECT a.id",
                         error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return 0;
    }

  changed = sqlite3_changes (self->db);
  return changed;
}

/**
 * bantin_store_recompute_days:
 * @tz: the zone of the reading day, as bantin_date_get_timezone() gives it
 * @out_changed: (out) (optional): how many articles moved to another day
 *
 * Sorts every article into its local day in @tz again. A sync stores the
 * day next to the instant, in the zone of that moment; after the user picks
 * another zone the calendar would otherwise mix both. Works in batches of
 * a few thousand articles, each its own short transaction, so that a sync
 * running meanwhile is never locked out for long.
 */
gboolean
bantin_store_recompute_days (BantinStore  *self,
                             GTimeZone    *tz,
                             guint        *out_changed,
                             GError      **error)
{
  const guint batch = 4096;
  gint64 last_id = 0;
  guint changed = 0;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);

  for (;;)
    {
      g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
      guint n_rows = 0;

      {
        g_autoptr(BantinStmt) select = NULL;
        int rc;

        select = _bantin_store_prepare (self,
                                        "SELECT id, published, local_day FROM articles"
                                        " WHERE id > ? ORDER BY id LIMIT ?", error);
        if (select == NULL)
          return FALSE;

        sqlite3_bind_int64 (select, 1, last_id);
        sqlite3_bind_int (select, 2, (int) batch);

        while ((rc = sqlite3_step (select)) == SQLITE_ROW)
          {
            gint64 move[2];
            BantinDay day;

            last_id = sqlite3_column_int64 (select, 0);
            day = bantin_date_local_day (sqlite3_column_int64 (select, 1), tz);
            n_rows++;

            if (day == sqlite3_column_int (select, 2))
              continue;

            move[0] = last_id;
            move[1] = day;
            g_array_append_val (moves, move);
          }

        if (rc != SQLITE_DONE)
          {
            _bantin_store_set_error (self, rc, error);
            return FALSE;
          }
      }

      if (moves->len > 0)
        {
          g_autoptr(BantinStmt) update = NULL;

          if (!_bantin_store_begin (self, error))
            return FALSE;

          update = _bantin_store_prepare (self, "UPDATE articles SET local_day = ?2 WHERE id = ?1", error);
          if (update == NULL)
            {
              _bantin_store_rollback (self);
              return FALSE;
            }

          for (guint i = 0; i < moves->len; i++)
            {
              const gint64 *move = &g_array_index (moves, gint64, i * 2);
              int rc;

              sqlite3_bind_int64 (update, 1, move[0]);
              sqlite3_bind_int64 (update, 2, move[1]);
              rc = sqlite3_step (update);
              sqlite3_reset (update);
              if (rc != SQLITE_DONE)
                {
                  _bantin_store_set_error (self, rc, error);
                  _bantin_stmt_release (g_steal_pointer (&update));
                  _bantin_store_rollback (self);
                  return FALSE;
                }
            }

          _bantin_stmt_release (g_steal_pointer (&update));
          if (!_bantin_store_commit (self, error))
            return FALSE;

          changed += moves->len;
        }

      if (n_rows < batch)
        break;
    }

  if (out_changed != NULL)
    *out_changed = changed;

  return TRUE;
}
