/* bantin-store-update.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writing one feed's sync result: bantin_feed_update_prepare() does the
 * CPU work on any thread, bantin_store_apply_update() only runs SQL, in
 * one transaction, and bantin_store_catch_up_search_index() indexes what
 * the syncs queued. */

#define G_LOG_DOMAIN "bantin-store"

#include "config.h"

#include "bantin-store-private.h"

#include <string.h>

#include "bantin-date.h"
#include "bantin-html.h"
#include "bantin-text.h"

/* The plain-text summary shown in the list. */
#define SUMMARY_CHARS 300

/* Titles and names are one line in a list: a feed may send megabytes of
 * title, which no one reads and which a label would lay out for seconds. */
#define MAX_LINE_CHARS 1000

/* Dates beyond this (year ±141,000) are nonsense; clamping them keeps
 * published * 2^20 inside 64 bits. */
#define MAX_ABS_TIME ((gint64) 1 << 42)

typedef struct
{
  char      *guid;
  char      *link;
  char      *title;
  char      *author;
  char      *summary;      /* Plain text. */
  char      *content;      /* HTML as the feed sent it (valid UTF-8). */
  char      *image_url;
  char      *fold_title;
  char      *fold_body;
  gint64     published;    /* The item's date, or the fetch time. */
  gint64     updated;
  gint64     hash;
  BantinDay  local_day;
  gboolean   dated;        /* FALSE when published is the fetch time. */
} StoreItem;

typedef struct
{
  char      *title;
  char      *site_url;
  StoreItem *items;
  guint      n_items;
  gint64     fetched;
  BantinWordSet *words;    /* Every word of the folded texts, once, */
  GPtrArray     *terms;    /* and sorted, borrowed from it. */
} StoreUpdate;

static void
store_update_free (StoreUpdate *prepared)
{
  guint i;

  for (i = 0; i < prepared->n_items; i++)
    {
      StoreItem *item = &prepared->items[i];

      g_free (item->guid);
      g_free (item->link);
      g_free (item->title);
      g_free (item->author);
      g_free (item->summary);
      g_free (item->content);
      g_free (item->image_url);
      g_free (item->fold_title);
      g_free (item->fold_body);
    }

  g_free (prepared->items);
  g_clear_pointer (&prepared->terms, g_ptr_array_unref);
  g_clear_pointer (&prepared->words, _bantin_word_set_free);
  g_free (prepared->title);
  g_free (prepared->site_url);
  g_free (prepared);
}

/* FNV-1a over the fields as the feed gave them: enough to notice that a
 * re-fetched item changed, so that unchanged items cost one lookup and no
 * write. */
static guint64
hash_field (guint64     hash,
            const char *text)
{
  const guchar *p;

  if (text == NULL)
    return (hash ^ 0xff) * G_GUINT64_CONSTANT (0x100000001b3);

  for (p = (const guchar *) text; *p != '\0'; p++)
    hash = (hash ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);

  /* A separator, so that ("ab", "c") and ("a", "bc") differ. */
  return (hash ^ 0x1f) * G_GUINT64_CONSTANT (0x100000001b3);
}

static gint64
hash_item (const BantinParsedItem *item)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  char published[32];

  /* An undated item's stored date is its first fetch time, which does
   * not change, so it is no part of the hash either. */
  g_snprintf (published, sizeof published, "%" G_GINT64_FORMAT, item->published);

  hash = hash_field (hash, item->link);
  hash = hash_field (hash, item->title);
  hash = hash_field (hash, item->author);
  hash = hash_field (hash, item->summary);
  hash = hash_field (hash, item->content);
  hash = hash_field (hash, item->image_url);
  hash = hash_field (hash, published);

  return (gint64) hash;
}

static char *
text_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* Like text_or_null(), cut after MAX_LINE_CHARS characters. */
static char *
line_or_null (const char *text)
{
  const char *p;
  guint n = 0;

  if (text == NULL || *text == '\0')
    return NULL;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (n++ == MAX_LINE_CHARS)
        return g_strdup_printf ("%.*s…", (int) (p - text), text);
    }

  return g_strdup (text);
}

/* The summary is the item's own summary as text, else the beginning of
 * its content, which was converted to text already for the index. */
static char *
make_summary (const BantinParsedItem *item,
              const char             *content_text)
{
  g_autofree char *text = NULL;
  const char *p;
  const char *cut = NULL;
  const char *last_space = NULL;
  guint n = 0;

  if (item->summary != NULL && *item->summary != '\0')
    {
      text = bantin_html_to_text (item->summary, SUMMARY_CHARS);
      if (text != NULL && *text != '\0')
        return g_steal_pointer (&text);
      g_clear_pointer (&text, g_free);
    }

  if (content_text == NULL || *content_text == '\0')
    return NULL;

  for (p = content_text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (n == SUMMARY_CHARS - 1)
        {
          cut = p;
          break;
        }
      if (*p == ' ')
        last_space = p;
      n++;
    }

  if (cut == NULL)
    return g_strdup (content_text);

  /* Cut at a word boundary when there is one in the second half. */
  if (last_space != NULL && g_utf8_pointer_to_offset (content_text, last_space) > SUMMARY_CHARS / 2)
    cut = last_space;

  return g_strdup_printf ("%.*s…", (int) (cut - content_text), content_text);
}

static void
prepare_item (StoreItem              *out,
              const BantinParsedItem *item,
              gint64                  fetched,
              GTimeZone              *tz)
{
  const char *html = item->content != NULL && *item->content != '\0' ? item->content : item->summary;
  g_autofree char *content_text = NULL;

  out->guid = g_strdup (item->guid != NULL ? item->guid : "");
  out->link = text_or_null (item->link);
  out->title = line_or_null (item->title);
  out->author = line_or_null (item->author);
  out->image_url = text_or_null (item->image_url);
  /* Stored as the feed sent it: bantin_store_get_article() sanitizes what
   * it loads. Sanitizing here cost a quarter of a cold sync, for articles
   * most of which are never opened. */
  out->content = text_or_null (html);

  content_text = html != NULL ? bantin_html_to_text (html, 0) : NULL;
  out->summary = make_summary (item, content_text);

  out->fold_title = bantin_text_fold (out->title);
  out->fold_body = bantin_text_fold (content_text);

  out->dated = item->published != 0;
  out->published = CLAMP (out->dated ? item->published : fetched, -MAX_ABS_TIME, MAX_ABS_TIME);
  out->updated = item->updated;
  out->local_day = bantin_date_local_day (out->published, tz);
  out->hash = hash_item (item);
}

/* The words for completion (see search_terms in bantin-store.c), found
 * here on a parser thread rather than by the writer, which is the one
 * thread a sync waits for. Sorted, so that their inserts walk the
 * table's B-tree in order. */
static void
collect_update_terms (StoreUpdate *prepared)
{
  guint i;

  prepared->words = _bantin_word_set_new ();
  for (i = 0; i < prepared->n_items; i++)
    {
      _bantin_word_set_add_text (prepared->words, prepared->items[i].fold_title);
      _bantin_word_set_add_text (prepared->words, prepared->items[i].fold_body);
    }

  prepared->terms = _bantin_word_set_sorted (prepared->words);
}

/**
 * bantin_feed_update_prepare:
 * @update: a sync result
 * @tz: (nullable): the zone of the reading day, or %NULL for
 *   bantin_date_get_timezone()
 *
 * Does all the CPU work of storing @update (plain text, folding for the
 * index and its words, local days, change hashes) so that the thread that
 * writes the database only runs SQL. The HTML is kept as the feed sent
 * it: relative links are resolved when it is loaded and sanitized. Safe on any thread; doing it
 * twice does nothing.
 */
void
bantin_feed_update_prepare (BantinFeedUpdate *update,
                            GTimeZone        *tz)
{
  g_autoptr(GTimeZone) own_tz = NULL;
  StoreUpdate *prepared;
  guint i;

  g_return_if_fail (update != NULL);

  if (update->prepared != NULL || update->parsed == NULL)
    return;

  if (tz == NULL)
    tz = own_tz = bantin_date_get_timezone ();

  prepared = g_new0 (StoreUpdate, 1);
  prepared->fetched = update->checked_at != 0 ? update->checked_at
                                              : g_get_real_time () / G_USEC_PER_SEC;
  prepared->title = line_or_null (update->parsed->title);
  prepared->site_url = text_or_null (update->parsed->site_url);

  if (update->parsed->items != NULL)
    {
      prepared->n_items = update->parsed->items->len;
      prepared->items = g_new0 (StoreItem, prepared->n_items);

      for (i = 0; i < prepared->n_items; i++)
        prepare_item (&prepared->items[i], g_ptr_array_index (update->parsed->items, i),
                      prepared->fetched, tz);
    }

  collect_update_terms (prepared);
  update->prepared = prepared;
}

/**
 * bantin_feed_update_clear:
 *
 * Frees what bantin_feed_update_prepare() added to @update. The rest of
 * @update is borrowed and stays as it is.
 */
void
bantin_feed_update_clear (BantinFeedUpdate *update)
{
  g_return_if_fail (update != NULL);

  g_clear_pointer (&update->prepared, store_update_free);
}

static gboolean
step_done (BantinStore  *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The statements one apply_update uses, prepared once per connection. */
typedef struct
{
  BantinStmt *lookup;
  BantinStmt *insert;
  BantinStmt *update;
  BantinStmt *insert_text;
  BantinStmt *delete_text;
  BantinStmt *enqueue;
  BantinStmt *dequeue;
  BantinStmt *unindex;
  BantinStmt *owe_page;
} ItemStatements;

static gboolean
item_statements_init (BantinStore    *self,
                      ItemStatements *s,
                      GError        **error)
{
  s->lookup = _bantin_store_prepare (self,
    "SELECT id, hash, published, sort_key, local_day FROM articles WHERE feed_id = ? AND guid = ?",
    error);
  if (s->lookup == NULL)
    return FALSE;
  s->insert = _bantin_store_prepare (self,
    "INSERT INTO articles (id, feed_id, guid, link, title, author, summary, content,"
    " image_url, published, updated, local_day, sort_key, fetched, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    error);
  if (s->insert == NULL)
    return FALSE;
  /* read and starred are the user's and are never written here. */
  s->update = _bantin_store_prepare (self,
    "UPDATE articles SET link = ?2, title = ?3, author = ?4, summary = ?5, content = ?6,"
    " image_url = ?7, published = ?8, updated = ?9, local_day = ?10, sort_key = ?11,"
    " hash = ?12 WHERE id = ?1",
    error);
  if (s->update == NULL)
    return FALSE;
  s->insert_text = _bantin_store_prepare (self,
    "INSERT INTO search_text (sort_key, title, body) VALUES (?, ?, ?)", error);
  if (s->insert_text == NULL)
    return FALSE;
  s->delete_text = _bantin_store_prepare (self,
    "DELETE FROM search_text WHERE sort_key = ?", error);
  if (s->delete_text == NULL)
    return FALSE;
  s->enqueue = _bantin_store_prepare (self,
    "INSERT OR IGNORE INTO search_queue (sort_key) VALUES (?)", error);
  if (s->enqueue == NULL)
    return FALSE;
  s->dequeue = _bantin_store_prepare (self,
    "DELETE FROM search_queue WHERE sort_key = ?", error);
  if (s->dequeue == NULL)
    return FALSE;
  s->unindex = _bantin_store_prepare (self,
    "INSERT INTO search (search, rowid, title, body)"
    " SELECT 'delete', sort_key, title, body FROM search_text WHERE sort_key = ?",
    error);
  if (s->unindex == NULL)
    return FALSE;
  /* A new article is owed its page and images (see bantin-store-offline.c). */
  s->owe_page = _bantin_store_prepare (self,
    "INSERT OR IGNORE INTO article_pages (article_id, url) VALUES (?, ?)", error);

  return s->owe_page != NULL;
}

static void
item_statements_release (ItemStatements *s)
{
  BantinStmt **all[] = { &s->lookup, &s->insert, &s->update, &s->insert_text,
                         &s->delete_text, &s->enqueue, &s->dequeue, &s->unindex,
                         &s->owe_page };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (all); i++)
    if (*all[i] != NULL)
      {
        _bantin_stmt_release (*all[i]);
        *all[i] = NULL;
      }
}

static gint64
make_sort_key (gint64 published,
               gint64 tie)
{
  return published * BANTIN_SORT_KEY_SHIFT + (tie & (BANTIN_SORT_KEY_SHIFT - 1));
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* Adds the article's text to the search queue under @sort_key. */
static gboolean
queue_search_text (BantinStore     *self,
                   ItemStatements  *s,
                   const StoreItem *item,
                   gint64           sort_key,
                   GError         **error)
{
  sqlite3_bind_int64 (s->insert_text, 1, sort_key);
  sqlite3_bind_text (s->insert_text, 2, item->fold_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert_text, 3, item->fold_body, -1, SQLITE_STATIC);
  if (!step_done (self, s->insert_text, error))
    return FALSE;

  sqlite3_bind_int64 (s->enqueue, 1, sort_key);
  return step_done (self, s->enqueue, error);
}

/* Takes the article at @sort_key out of the search index, or out of the
 * queue if it was not indexed yet. */
static gboolean
drop_search_text (BantinStore    *self,
                  ItemStatements *s,
                  gint64          sort_key,
                  GError        **error)
{
  sqlite3_bind_int64 (s->dequeue, 1, sort_key);
  if (!step_done (self, s->dequeue, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      sqlite3_bind_int64 (s->unindex, 1, sort_key);
      if (!step_done (self, s->unindex, error))
        return FALSE;
    }

  sqlite3_bind_int64 (s->delete_text, 1, sort_key);
  return step_done (self, s->delete_text, error);
}

/* Runs @stmt, whose parameter @key_column is the sort key, until the key
 * is unique: the tie-breaker collides only when two articles of the same
 * second have ids 2^20 apart, and then a random one is tried. */
static gboolean
step_with_unique_key (BantinStore  *self,
                      sqlite3_stmt *stmt,
                      int           key_column,
                      gint64        published,
                      gint64       *inout_key,
                      GError      **error)
{
  int attempt;

  for (attempt = 0; attempt < 16; attempt++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, key_column, *inout_key);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);

      if (rc == SQLITE_DONE)
        return TRUE;

      if (rc != SQLITE_CONSTRAINT_UNIQUE)
        {
          _bantin_store_set_error (self, rc, error);
          return FALSE;
        }

      *inout_key = make_sort_key (published, g_random_int_range (0, BANTIN_SORT_KEY_SHIFT));
    }

  _bantin_store_set_error (self, SQLITE_CONSTRAINT_UNIQUE, error);
  return FALSE;
}

static gboolean
insert_item (BantinStore     *self,
             ItemStatements  *s,
             gint64           feed_id,
             gint64           id,
             const StoreItem *item,
             gint64           fetched,
             GError         **error)
{
  sqlite3_stmt *stmt = s->insert;
  gint64 sort_key = make_sort_key (item->published, id);

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, feed_id);
  sqlite3_bind_text (stmt, 3, item->guid, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, item->link);
  bind_text_or_null (stmt, 5, item->title);
  bind_text_or_null (stmt, 6, item->author);
  bind_text_or_null (stmt, 7, item->summary);
  bind_text_or_null (stmt, 8, item->content);
  bind_text_or_null (stmt, 9, item->image_url);
  sqlite3_bind_int64 (stmt, 10, item->published);
  sqlite3_bind_int64 (stmt, 11, item->updated);
  sqlite3_bind_int (stmt, 12, item->local_day);
  sqlite3_bind_int64 (stmt, 14, fetched);
  sqlite3_bind_int64 (stmt, 15, item->hash);

  if (!step_with_unique_key (self, stmt, 13, item->published, &sort_key, error))
    return FALSE;

  sqlite3_bind_int64 (s->owe_page, 1, id);
  bind_text_or_null (s->owe_page, 2, item->link);
  if (!step_done (self, s->owe_page, error))
    return FALSE;

  return queue_search_text (self, s, item, sort_key, error);
}

static gboolean
update_item (BantinStore     *self,
             ItemStatements  *s,
             gint64           id,
             gint64           old_published,
             gint64           old_sort_key,
             BantinDay        old_local_day,
             const StoreItem *item,
             GError         **error)
{
  sqlite3_stmt *stmt = s->update;
  gint64 published = old_published;
  gint64 sort_key = old_sort_key;
  BantinDay local_day = old_local_day;

  /* An undated item keeps the time it was first seen. */
  if (item->dated && item->published != old_published)
    {
      published = item->published;
      local_day = item->local_day;
      sort_key = make_sort_key (published, id);
    }

  if (!drop_search_text (self, s, old_sort_key, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text_or_null (stmt, 2, item->link);
  bind_text_or_null (stmt, 3, item->title);
  bind_text_or_null (stmt, 4, item->author);
  bind_text_or_null (stmt, 5, item->summary);
  bind_text_or_null (stmt, 6, item->content);
  bind_text_or_null (stmt, 7, item->image_url);
  sqlite3_bind_int64 (stmt, 8, published);
  sqlite3_bind_int64 (stmt, 9, item->updated);
  sqlite3_bind_int (stmt, 10, local_day);
  sqlite3_bind_int64 (stmt, 12, item->hash);

  if (!step_with_unique_key (self, stmt, 11, published, &sort_key, error))
    return FALSE;

  return queue_search_text (self, s, item, sort_key, error);
}

static gboolean
apply_items (BantinStore       *self,
             gint64             feed_id,
             const StoreUpdate *prepared,
             guint             *out_new,
             guint             *out_updated,
             GError           **error)
{
  ItemStatements s = { NULL, };
  g_autoptr(BantinStmt) max_id = NULL;
  gint64 next_id;
  gboolean ok = FALSE;
  guint i;
  int rc;

  max_id = _bantin_store_prepare (self, "SELECT max(id) FROM articles", error);
  if (max_id == NULL || !item_statements_init (self, &s, error))
    goto out;

  /* Ids are chosen here, inside the write transaction, so that the sort
   * key's tie-breaker can be derived from the id before the insert. */
  rc = sqlite3_step (max_id);
  if (rc != SQLITE_ROW)
    {
      _bantin_store_set_error (self, rc, error);
      goto out;
    }
  next_id = sqlite3_column_int64 (max_id, 0) + 1;

  /* Feeds list the newest item first; going backwards gives the newest
   * the highest id, and so the highest tie-breaker among items of the
   * same second (such as undated items, which all get the fetch time). */
  for (i = prepared->n_items; i > 0; i--)
    {
      const StoreItem *item = &prepared->items[i - 1];

      sqlite3_bind_int64 (s.lookup, 1, feed_id);
      sqlite3_bind_text (s.lookup, 2, item->guid, -1, SQLITE_STATIC);
      rc = sqlite3_step (s.lookup);

      if (rc == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (s.lookup, 0);
          gint64 hash = sqlite3_column_int64 (s.lookup, 1);
          gint64 published = sqlite3_column_int64 (s.lookup, 2);
          gint64 sort_key = sqlite3_column_int64 (s.lookup, 3);
          BantinDay local_day = sqlite3_column_int (s.lookup, 4);

          sqlite3_reset (s.lookup);

          if (hash == item->hash)
            continue;

          if (!update_item (self, &s, id, published, sort_key, local_day, item, error))
            goto out;
          (*out_updated)++;
        }
      else if (rc == SQLITE_DONE)
        {
          sqlite3_reset (s.lookup);

          if (!insert_item (self, &s, feed_id, next_id++, item, prepared->fetched, error))
            goto out;
          (*out_new)++;
        }
      else
        {
          sqlite3_reset (s.lookup);
          _bantin_store_set_error (self, rc, error);
          goto out;
        }
    }

  ok = TRUE;

out:
  item_statements_release (&s);
  return ok;
}

static gboolean
apply_feed_status (BantinStore            *self,
                   const BantinFeedUpdate *update,
                   const StoreUpdate      *prepared,
                   GError                **error)
{
  g_autoptr(BantinStmt) stmt = NULL;
  int validators;

  /* 1: replace the validators (a full response); 2: refresh them (a 304
   * may repeat or omit them); 0: keep them (an error). */
  if (update->error_message != NULL)
    validators = 0;
  else if (update->parsed != NULL)
    validators = 1;
  else
    validators = 2;

  stmt = _bantin_store_prepare (self,
    "UPDATE feeds SET last_checked = ?2, last_status = ?3, last_error = ?4,"
    " etag = CASE ?5 WHEN 1 THEN ?6 WHEN 2 THEN COALESCE (?6, etag) ELSE etag END,"
    " last_modified = CASE ?5 WHEN 1 THEN ?7 WHEN 2 THEN COALESCE (?7, last_modified)"
    "   ELSE last_modified END,"
    " last_success = CASE WHEN ?4 IS NULL THEN ?2 ELSE last_success END,"
    " next_check = ?8, gone = ?9,"
    " title = COALESCE (?10, title), site_url = COALESCE (?11, site_url)"
    " WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, update->feed_id);
  sqlite3_bind_int64 (stmt, 2, update->checked_at != 0 ? update->checked_at
                                                       : g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int (stmt, 3, update->http_status);
  bind_text_or_null (stmt, 4, update->error_message);
  sqlite3_bind_int (stmt, 5, validators);
  bind_text_or_null (stmt, 6, update->etag);
  bind_text_or_null (stmt, 7, update->last_modified);
  sqlite3_bind_int64 (stmt, 8, update->next_check);
  sqlite3_bind_int (stmt, 9, update->gone ? 1 : 0);
  bind_text_or_null (stmt, 10, prepared != NULL ? prepared->title : NULL);
  bind_text_or_null (stmt, 11, prepared != NULL ? prepared->site_url : NULL);

  return step_done (self, stmt, error);
}

/* After a permanent redirect the feed follows the new URL, unless another
 * subscription already has it: then both stay as they are (the user sees
 * two feeds with the same articles and may remove one) rather than one
 * being merged into the other behind the user's back. */
static gboolean
apply_new_url (BantinStore  *self,
               gint64        feed_id,
               const char   *new_url,
               GError      **error)
{
  g_autoptr(BantinStmt) find = NULL;
  g_autoptr(BantinStmt) move = NULL;
  int rc;

  find = _bantin_store_prepare (self, "SELECT id FROM feeds WHERE url = ?", error);
  if (find == NULL)
    return FALSE;

  sqlite3_bind_text (find, 1, new_url, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (find, 0) != feed_id)
        g_info ("Feed %" G_GINT64_FORMAT " moved to %s, which feed %" G_GINT64_FORMAT
                " already follows; keeping the old address",
                feed_id, new_url, (gint64) sqlite3_column_int64 (find, 0));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  move = _bantin_store_prepare (self, "UPDATE feeds SET url = ? WHERE id = ?", error);
  if (move == NULL)
    return FALSE;

  sqlite3_bind_text (move, 1, new_url, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (move, 2, feed_id);
  return step_done (self, move, error);
}

/* Terms this connection has seen committed to search_terms, which never
 * loses one: a feed's words are mostly the words of the feeds before it,
 * and a lookup here is far cheaper than one in SQLite. A cache, emptied
 * when it grows past this many. */
#define MAX_KNOWN_TERMS 100000

/* Inserts the words of @terms not known to be in search_terms, in the
 * caller's transaction, and adds them (borrowed) to @added. */
static gboolean
record_terms (BantinStore  *self,
              GPtrArray    *terms,
              GPtrArray    *added,
              GError      **error)
{
  g_autoptr(BantinStmt) insert = NULL;
  guint i;

  for (i = 0; terms != NULL && i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);

      if (self->known_terms != NULL && g_hash_table_contains (self->known_terms, term))
        continue;

      if (insert == NULL)
        {
          insert = _bantin_store_prepare (self,
                                          "INSERT OR IGNORE INTO search_terms (term) VALUES (?)",
                                          error);
          if (insert == NULL)
            return FALSE;
        }

      sqlite3_bind_text (insert, 1, term, -1, SQLITE_STATIC);
      if (!step_done (self, insert, error))
        return FALSE;
      g_ptr_array_add (added, (gpointer) term);
    }

  return TRUE;
}

/* Called once the transaction of record_terms() is committed. */
static void
remember_terms (BantinStore *self,
                GPtrArray   *added)
{
  guint i;

  if (added->len == 0)
    return;

  if (self->known_terms == NULL)
    self->known_terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  else if (g_hash_table_size (self->known_terms) + added->len > MAX_KNOWN_TERMS)
    g_hash_table_remove_all (self->known_terms);

  for (i = 0; i < added->len; i++)
    g_hash_table_add (self->known_terms, g_strdup (g_ptr_array_index (added, i)));
}

/**
 * bantin_store_apply_update:
 * @update: one feed's sync result, prepared or not
 * @out_new: (out) (optional): how many articles were added
 * @out_updated: (out) (optional): how many changed articles were rewritten
 *
 * Stores @update in one transaction: the feed's status, validators, new
 * URL and every item, added or updated in place by (feed, guid). Items no
 * longer in the feed stay; read and starred are never touched; an item
 * that did not change is not written. The new articles wait in the search
 * queue until bantin_store_catch_up_search_index(). On error nothing is
 * written.
 */
gboolean
bantin_store_apply_update (BantinStore             *self,
                           const BantinFeedUpdate  *update,
                           guint                   *out_new,
                           guint                   *out_updated,
                           GError                 **error)
{
  BantinFeedUpdate local = { 0, };
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) added_terms = NULL;
  const StoreUpdate *prepared;
  guint n_new = 0;
  guint n_updated = 0;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);

  if (out_new != NULL)
    *out_new = 0;
  if (out_updated != NULL)
    *out_updated = 0;

  if (!bantin_store_get_feed_validators (self, update->feed_id, &url, NULL, NULL, error))
    return FALSE;

  if (update->parsed != NULL && update->prepared == NULL)
    {
      local = *update;
      bantin_feed_update_prepare (&local, NULL);
      prepared = local.prepared;
    }
  else
    {
      prepared = update->prepared;
    }

  if (!_bantin_store_begin (self, error))
    goto failed_outside;

  if (!apply_feed_status (self, update, prepared, error))
    goto failed;

  if (update->new_url != NULL && *update->new_url != '\0' &&
      g_strcmp0 (update->new_url, url) != 0 &&
      !apply_new_url (self, update->feed_id, update->new_url, error))
    goto failed;

  if (prepared != NULL &&
      !apply_items (self, update->feed_id, prepared, &n_new, &n_updated, error))
    goto failed;

  added_terms = g_ptr_array_new ();
  if (prepared != NULL && n_new + n_updated > 0 &&
      !record_terms (self, prepared->terms, added_terms, error))
    goto failed;

  if (!_bantin_store_commit (self, error))
    goto failed_outside;

  remember_terms (self, added_terms);
  bantin_feed_update_clear (&local);

  if (out_new != NULL)
    *out_new = n_new;
  if (out_updated != NULL)
    *out_updated = n_updated;

  return TRUE;

failed:
  _bantin_store_rollback (self);
failed_outside:
  bantin_feed_update_clear (&local);
  return FALSE;
}

gboolean
_bantin_store_add_terms (BantinStore    *self,
                         BantinWordSet  *words,
                         GError        **error)
{
  g_autoptr(BantinStmt) insert = NULL;
  g_autoptr(GPtrArray) sorted = _bantin_word_set_sorted (words);
  guint i;

  insert = _bantin_store_prepare (self, "INSERT OR IGNORE INTO search_terms (term) VALUES (?)", error);
  if (insert == NULL)
    return FALSE;

  for (i = 0; i < sorted->len; i++)
    {
      sqlite3_bind_text (insert, 1, g_ptr_array_index (sorted, i), -1, SQLITE_STATIC);
      if (!step_done (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

/* Records the words of one folded text, in the caller's transaction. */
gboolean
_bantin_store_add_text_terms (BantinStore  *self,
                              const char   *text,
                              GError      **error)
{
  g_autoptr(BantinWordSet) words = _bantin_word_set_new ();

  _bantin_word_set_add_text (words, text);
  return _bantin_store_add_terms (self, words, error);
}

/* Records the words of every queued text: what a sync did at its end
 * before the words were recorded with each feed's text. */
gboolean
_bantin_store_add_queued_terms (BantinStore  *self,
                                GError      **error)
{
  g_autoptr(BantinWordSet) words = _bantin_word_set_new ();
  g_autoptr(BantinStmt) select = NULL;
  int rc;

  select = _bantin_store_prepare (self,
    "SELECT t.title, t.body FROM search_queue q JOIN search_text t ON t.sort_key = q.sort_key",
    error);
  if (select == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      _bantin_word_set_add_text (words, (const char *) sqlite3_column_text (select, 0));
      _bantin_word_set_add_text (words, (const char *) sqlite3_column_text (select, 1));
    }

  if (rc != SQLITE_DONE)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }

  return _bantin_store_add_terms (self, words, error);
}

/**
 * bantin_store_catch_up_search_index:
 *
 * Indexes every article waiting in the search queue, in one transaction.
 * A sync calls it once at its end; searches call it first when the queue
 * is not empty, so results are never missing articles.
 */
gboolean
bantin_store_catch_up_search_index (BantinStore  *self,
                                    GError      **error)
{
  g_autoptr(BantinStmt) any = NULL;
  g_autoptr(BantinStmt) index = NULL;
  g_autoptr(BantinStmt) clear = NULL;
  int rc;

  g_return_val_if_fail (BANTIN_IS_STORE (self), FALSE);

  any = _bantin_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM search_queue)", error);
  if (any == NULL)
    return FALSE;

  rc = sqlite3_step (any);
  if (rc != SQLITE_ROW)
    {
      _bantin_store_set_error (self, rc, error);
      return FALSE;
    }
  if (sqlite3_column_int (any, 0) == 0)
    return TRUE;
  _bantin_stmt_release (any);

  if (!_bantin_store_begin (self, error))
    return FALSE;

  index = _bantin_store_prepare (self,
    "INSERT INTO search (rowid, title, body)"
    " SELECT t.sort_key, t.title, t.body"
    " FROM search_queue q JOIN search_text t ON t.sort_key = q.sort_key"
    " ORDER BY q.sort_key",
    error);
  clear = _bantin_store_prepare (self, "DELETE FROM search_queue", error);
  if (index == NULL || clear == NULL ||
      !step_done (self, index, error) ||
      !step_done (self, clear, error))
    {
      _bantin_store_rollback (self);
      return FALSE;
    }

  return _bantin_store_commit (self, error);
}
