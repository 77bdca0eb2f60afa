/* test-article-model.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "bantin-article-model.h"
#include "bantin-store-private.h"

/* 2018-07-02T10:00:00Z */
#define T0 ((gint64) 1530525600)

typedef struct
{
  char        *path;
  BantinStore *store;
  gint64       feed_id;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->path = g_build_filename (g_get_user_data_dir (), "model.db", NULL);
  fixture->store = bantin_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->feed_id = bantin_store_add_feed (fixture->store, "https://example.vn/rss",
                                            "Báo", NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
}

static void
item_free (gpointer data)
{
  BantinParsedItem *item = data;

  g_free (item->guid);
  g_free (item->title);
  g_free (item->content);
  g_free (item);
}

/* Adds @n articles numbered from @first, one minute apart: the higher
 * the number, the newer. */
static void
add_articles (Fixture *fixture,
              guint    first,
              guint    n)
{
  g_autoptr(GError) error = NULL;
  BantinParsedFeed parsed = { 0, };
  BantinFeedUpdate update = { 0, };
  guint new_count = 0;
  guint i;

  parsed.items = g_ptr_array_new_with_free_func (item_free);
  for (i = first; i < first + n; i++)
    {
      BantinParsedItem *item = g_new0 (BantinParsedItem, 1);

      item->guid = g_strdup_printf ("item-%u", i);
      item->title = g_strdup_printf ("Tin số %u", i);
      item->content = g_strdup_printf ("<p>Nội dung %u</p>", i);
      item->published = T0 + i * 60;
      g_ptr_array_add (parsed.items, item);
    }

  update.feed_id = fixture->feed_id;
  update.checked_at = T0 + 100000;
  update.http_status = 200;
  update.parsed = &parsed;
  g_assert_true (bantin_store_apply_update (fixture->store, &update, &new_count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (new_count, ==, n);

  g_ptr_array_unref (parsed.items);
}

static gint64
id_of (Fixture *fixture,
       guint    number)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM articles WHERE guid = 'item-%u'", number);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_bantin_store_get_db (fixture->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (id, >, 0);
  return id;
}

static void
loading_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  if (!bantin_article_model_get_loading (BANTIN_ARTICLE_MODEL (object)))
    g_main_loop_quit (user_data);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

static void
wait_loaded (BantinArticleModel *model)
{
  g_autoptr(GMainLoop) loop = NULL;
  gulong handler;
  guint timeout;

  if (!bantin_article_model_get_loading (model))
    return;

  loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (model, "notify::loading", G_CALLBACK (loading_notify_cb), loop);
  timeout = g_timeout_add_seconds (30, timeout_cb, NULL);
  g_main_loop_run (loop);
  g_source_remove (timeout);
  g_signal_handler_disconnect (model, handler);

  g_assert_false (bantin_article_model_get_loading (model));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  GArray *changes = user_data;
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   position,
               guint   removed,
               guint   added)
{
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, position);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, removed);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, added);
  g_array_set_size (changes, 0);
}

/* The model builds only the rows that are asked for, whatever its size. */
static void
test_lazy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticleModel) model = NULL;
  g_autoptr(BantinArticle) first = NULL;
  g_autoptr(BantinArticle) again = NULL;
  g_autoptr(BantinArticle) last = NULL;
  BantinArticleQuery query = { 0, };
  const guint n = 200000;
  guint built;

  /* Many rows quickly, straight into the table. */
  g_assert_true (_bantin_store_exec (fixture->store,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
    " INSERT INTO articles (id, feed_id, guid, title, published, local_day, sort_key, fetched, hash)"
    " SELECT i, 1, 'bulk-' || i, 'Tin ' || i, 1500000000 + i, 20170714,"
    "  (1500000000 + i) * 1048576, 0, 0 FROM n",
    &error));
  g_assert_no_error (error);

  model = bantin_article_model_new (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == BANTIN_TYPE_ARTICLE);

  built = _bantin_article_get_n_built ();
  bantin_article_model_set_query (model, &query);
  g_assert_true (bantin_article_model_get_loading (model));
  wait_loaded (model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_cmpuint (_bantin_article_get_n_built (), ==, built);

  /* Newest first. */
  g_assert_cmpint (bantin_article_model_get_id (model, 0), ==, n);
  g_assert_cmpint (bantin_article_model_get_id (model, n - 1), ==, 1);
  g_assert_cmpint (bantin_article_model_get_id (model, n), ==, 0);
  g_assert_cmpuint (bantin_article_model_find (model, 1), ==, n - 1);
  g_assert_cmpuint (bantin_article_model_find (model, n + 5), ==, G_MAXUINT);
  g_assert_cmpuint (_bantin_article_get_n_built (), ==, built);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (_bantin_article_get_n_built (), ==, built + 1);
  g_assert_cmpstr (bantin_article_get_title (first), ==, "Tin 200000");
  g_assert_cmpstr (bantin_article_get_feed_title (first), ==, "Báo");

  /* The same row gives the same object while it is alive. */
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);
  g_assert_cmpuint (_bantin_article_get_n_built (), ==, built + 1);

  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_cmpint (bantin_article_get_id (last), ==, 1);
  g_assert_cmpuint (_bantin_article_get_n_built (), ==, built + 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  /* A day with nothing. */
  query.day_from = query.day_to = 20200101;
  bantin_article_model_set_query (model, &query);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (_bantin_article_get_n_built (), ==, built + 2);
}

static void
test_minimal_diff (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticleModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(BantinArticle) selected = NULL;
  g_autoptr(BantinArticle) still = NULL;
  BantinArticleQuery query = { 0, };
  gint64 ids[2];
  guint i;

  add_articles (fixture, 0, 10);

  model = bantin_article_model_new (fixture->path);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);

  bantin_article_model_set_query (model, &query);
  wait_loaded (model);
  assert_change (changes, 0, 0, 10);
  for (i = 0; i < 10; i++)
    g_assert_cmpint (bantin_article_model_get_id (model, i), ==, id_of (fixture, 9 - i));

  /* The user has article 4 selected at position 5. */
  selected = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_cmpint (bantin_article_get_id (selected), ==, id_of (fixture, 4));

  /* Nothing changed: no signal at all. */
  bantin_article_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (changes->len, ==, 0);

  /* A sync adds three newer articles: they come in at the top, and the
   * selected article is still the same object, three rows down. */
  add_articles (fixture, 10, 3);
  bantin_article_model_reload (model);
  wait_loaded (model);
  assert_change (changes, 0, 0, 3);
  g_assert_cmpuint (bantin_article_model_find (model, bantin_article_get_id (selected)), ==, 8);
  still = g_list_model_get_item (G_LIST_MODEL (model), 8);
  g_assert_true (still == selected);

  /* Only unread: two read articles in the middle drop out. */
  ids[0] = id_of (fixture, 5);
  ids[1] = id_of (fixture, 6);
  g_assert_true (bantin_store_set_read (fixture->store, ids, 2, TRUE, &error));
  g_assert_no_error (error);
  query.unread_only = TRUE;
  bantin_article_model_set_query (model, &query);
  wait_loaded (model);
  /* Rows: 12 11 10 9 8 7 [6 5] 4 …; 6 and 5 were at positions 6 and 7. */
  assert_change (changes, 6, 2, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 11);

  /* Back to all: the two come back where they were. */
  query.unread_only = FALSE;
  bantin_article_model_set_query (model, &query);
  wait_loaded (model);
  assert_change (changes, 6, 0, 2);

  /* A limit keeps the head. */
  query.limit = 4;
  bantin_article_model_set_query (model, &query);
  wait_loaded (model);
  assert_change (changes, 4, 9, 0);
}

static void
test_superseded (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(BantinArticleModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  BantinArticleQuery query = { 0, };

  add_articles (fixture, 0, 20);

  model = bantin_article_model_new (fixture->path);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);

  /* Three queries in a row: only the last one shows. */
  query.limit = 5;
  bantin_article_model_set_query (model, &query);
  query.limit = 7;
  bantin_article_model_set_query (model, &query);
  query.search = "noi dung 1";
  query.limit = 0;
  bantin_article_model_set_query (model, &query);
  wait_loaded (model);

  /* "1" is a prefix while typing: 1, 10–19. */
  assert_change (changes, 0, 0, 11);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* After "mark all read", the rows that stay get the new state. */
static void
test_refresh_flags (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticleModel) model = NULL;
  g_autoptr(BantinArticle) article = NULL;
  BantinArticleQuery query = { 0, };
  guint notified = 0;

  add_articles (fixture, 0, 5);

  model = bantin_article_model_new (fixture->path);
  bantin_article_model_set_query (model, &query);
  wait_loaded (model);

  article = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_false (bantin_article_get_read (article));
  g_signal_connect (article, "notify::read", G_CALLBACK (count_notify_cb), &notified);

  g_assert_cmpuint (bantin_store_mark_query_read (fixture->store, &query, &error), ==, 5);
  g_assert_no_error (error);

  bantin_article_model_reload (model);
  wait_loaded (model);
  g_assert_true (bantin_article_get_read (article));
  g_assert_cmpuint (notified, ==, 1);

  /* Setting the same value again does not notify. */
  bantin_article_set_read (article, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  bantin_article_set_read (article, FALSE);
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/article-model/lazy", Fixture, NULL, fixture_set_up, test_lazy, fixture_tear_down);
  g_test_add ("/article-model/minimal-diff", Fixture, NULL, fixture_set_up, test_minimal_diff, fixture_tear_down);
  g_test_add ("/article-model/superseded", Fixture, NULL, fixture_set_up, test_superseded, fixture_tear_down);
  g_test_add ("/article-model/refresh-flags", Fixture, NULL, fixture_set_up, test_refresh_flags, fixture_tear_down);

  return g_test_run ();
}
