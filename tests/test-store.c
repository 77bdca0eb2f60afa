/* test-store.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bantin-date.h"
#include "bantin-store.h"
#include "bantin-store-private.h"

/* 2018-07-02T17:30:00Z, which is 2018-07-03 00:30 in Hà Nội. */
#define T_BOUNDARY ((gint64) 1530552600)
/* 2018-07-02T10:00:00Z, still 2018-07-02 in Hà Nội. */
#define T_JULY_2 ((gint64) 1530525600)

typedef struct
{
  char        *dir;
  char        *path;
  BantinStore *store;
  gint64       feed_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bantin-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "bantin.db", NULL);
  fixture->store = bantin_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  fixture->feed_id = bantin_store_add_feed (fixture->store, "https://example.vn/rss",
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->feed_id, >, 0);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Parsed feeds built by hand, so these tests do not depend on the parser. */
static BantinParsedItem *
item_new (const char *guid,
          const char *title,
          const char *content,
          gint64      published)
{
  BantinParsedItem *item = g_new0 (BantinParsedItem, 1);

  item->guid = g_strdup (guid);
  item->title = g_strdup (title);
  item->content = g_strdup (content);
  item->link = g_strdup_printf ("https://example.vn/%s", guid);
  item->published = published;

  return item;
}

static void
item_free (gpointer data)
{
  BantinParsedItem *item = data;

  g_free (item->guid);
  g_free (item->link);
  g_free (item->title);
  g_free (item->author);
  g_free (item->summary);
  g_free (item->content);
  g_free (item->image_url);
  g_clear_pointer (&item->enclosures, g_ptr_array_unref);
  g_free (item);
}

static BantinParsedFeed *
feed_new (void)
{
  BantinParsedFeed *feed = g_new0 (BantinParsedFeed, 1);

  feed->format = BANTIN_FEED_FORMAT_RSS;
  feed->title = g_strdup ("Báo Mẫu");
  feed->site_url = g_strdup ("https://example.vn/");
  feed->items = g_ptr_array_new_with_free_func (item_free);

  return feed;
}

static void
feed_free (BantinParsedFeed *feed)
{
  g_ptr_array_unref (feed->items);
  g_free (feed->title);
  g_free (feed->site_url);
  g_free (feed->description);
  g_free (feed);
}

static void
apply (BantinStore      *store,
       gint64            feed_id,
       BantinParsedFeed *parsed,
       guint             expect_new,
       guint             expect_updated)
{
  g_autoptr(GError) error = NULL;
  BantinFeedUpdate update = { 0, };
  guint n_new = 99;
  guint n_updated = 99;

  update.feed_id = feed_id;
  update.checked_at = 1700000000;
  update.http_status = parsed != NULL ? 200 : 304;
  update.etag = "\"v1\"";
  update.parsed = parsed;

  g_assert_true (bantin_store_apply_update (store, &update, &n_new, &n_updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, expect_new);
  g_assert_cmpuint (n_updated, ==, expect_updated);
}

static GArray *
query_ids (BantinStore              *store,
           const BantinArticleQuery *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = bantin_store_query_ids (store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static guint
count_search (BantinStore *store,
              const char  *text)
{
  BantinArticleQuery query = { 0, };
  g_autoptr(GArray) ids = NULL;

  query.search = text;
  ids = query_ids (store, &query);
  return ids->len;
}

static gint64
id_of_guid (BantinStore *store,
            const char  *guid)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_bantin_store_get_db (store),
                                       "SELECT id FROM articles WHERE guid = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id;
}

static gint64
count_rows (BantinStore *store,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_bantin_store_get_db (store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
test_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinStore) store = NULL;
  g_autofree char *path = bantin_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "bantin", "bantin.db", NULL);

  g_assert_cmpstr (path, ==, expected);

  store = bantin_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bantin_store_get_schema_version (store), ==, BANTIN_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (bantin_store_get_path (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_rows (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (count_rows (store, "PRAGMA busy_timeout"), >=, 5000);
}

static void
test_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "new.db", NULL);
  BantinStore *store;

  store = bantin_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (_bantin_store_exec (store, "PRAGMA user_version = 99", &error));
  g_assert_no_error (error);
  g_object_unref (store);

  store = bantin_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_TOO_NEW);
}

static void
test_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "junk.db", NULL);
  g_autofree char *junk = g_strnfill (8192, 'x');
  BantinStore *store;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));

  store = bantin_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_CORRUPT);
}

/* A database as each earlier version left it, with data in it, must open
 * at the current version with its data and be searchable. */
static void
test_migrations (void)
{
  int version;

  for (version = 0; version < BANTIN_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("v%d.db", version);
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
      g_autoptr(BantinArticle) article = NULL;
      g_autoptr(GPtrArray) feeds = NULL;
      BantinArticleQuery query = { 0, };
      BantinStore *store;

      store = _bantin_store_open_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bantin_store_get_schema_version (store), ==, version);

      if (version >= 1)
        {
          /* What versions 1 to 3 wrote, with their own SQL. */
          g_assert_true (_bantin_store_exec (store,
            "INSERT INTO feeds (id, url, title, folder, created)"
            " VALUES (7, 'https://old.vn/rss', 'Báo Cũ', 'Tin', 1);"
            "INSERT INTO articles (id, feed_id, guid, title, summary, content, published,"
            " local_day, sort_key, fetched, hash, read, starred)"
            " VALUES (5, 7, 'g1', 'Đảng ủy họp', 'Tóm tắt', '<p>Giáo dục Đà Nẵng</p>',"
            " 1530552600, 20180703, 1530552600 * 1048576 + 5, 1, 0, 1, 1);",
            &error));
          g_assert_no_error (error);
        }
      if (version >= 2)
        {
          g_assert_true (_bantin_store_exec (store,
            "INSERT INTO search_text (sort_key, title, body)"
            " VALUES (1530552600 * 1048576 + 5, 'dang uy hop', 'giao duc da nang');"
            "INSERT INTO search (rowid, title, body)"
            " VALUES (1530552600 * 1048576 + 5, 'dang uy hop', 'giao duc da nang');",
            &error));
          g_assert_no_error (error);
        }
      if (version >= 4)
        {
          /* A text queued but not indexed yet, whose words versions 4 and
           * 5 recorded only when indexing it. */
          g_assert_true (_bantin_store_exec (store,
            "INSERT INTO articles (id, feed_id, guid, title, published,"
            " local_day, sort_key, fetched, hash)"
            " VALUES (6, 7, 'g2', 'Tam Kỳ', 1530552000, 20180703,"
            " 1530552000 * 1048576 + 6, 1, 0);"
            "INSERT INTO search_text (sort_key, title, body)"
            " VALUES (1530552000 * 1048576 + 6, 'tam ky', 'hoi an');"
            "INSERT INTO search_queue (sort_key) VALUES (1530552000 * 1048576 + 6);",
            &error));
          g_assert_no_error (error);
        }
      if (version >= 6)
        {
          /* Version 6 records a text's words when it writes the text. */
          g_assert_true (_bantin_store_exec (store,
            "INSERT INTO search_terms (term) VALUES ('tam'), ('ky'), ('hoi'), ('an');",
            &error));
          g_assert_no_error (error);
        }
      g_object_unref (store);

      store = bantin_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bantin_store_get_schema_version (store), ==, BANTIN_STORE_SCHEMA_VERSION);

      feeds = bantin_store_list_feeds (store, &error);
      g_assert_no_error (error);

      if (version == 0)
        {
          g_assert_cmpuint (feeds->len, ==, 0);
          g_assert_cmpuint (count_search (store, "dang"), ==, 0);
        }
      else
        {
          g_assert_cmpuint (feeds->len, ==, 1);
          g_assert_cmpstr (bantin_feed_get_title (feeds->pdata[0]), ==, "Báo Cũ");
          g_assert_cmpstr (bantin_feed_get_folder (feeds->pdata[0]), ==, "Tin");
          g_assert_cmpuint (bantin_feed_get_article_count (feeds->pdata[0]), ==, version >= 4 ? 2 : 1);
          g_assert_cmpuint (bantin_feed_get_unread_count (feeds->pdata[0]), ==, version >= 4 ? 1 : 0);

          article = bantin_store_get_article (store, 5, TRUE, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (bantin_article_get_title (article), ==, "Đảng ủy họp");
          g_assert_cmpstr (bantin_article_get_content (article), ==, "<p>Giáo dục Đà Nẵng</p>");
          g_assert_null (bantin_article_get_image_url (article));
          g_assert_true (bantin_article_get_read (article));
          g_assert_true (bantin_article_get_starred (article));
          g_assert_cmpint (bantin_article_get_local_day (article), ==, 20180703);

          /* Articles from before version 5 have no page and no images,
           * and are given no offline work. */
          g_assert_null (bantin_article_get_full_content (article));
          {
            g_autoptr(GPtrArray) images = bantin_store_list_article_images (store, 5, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (images->len, ==, 0);
          }

          /* The queued text's words are known before it is indexed, and
           * a prefix of them finds it. */
          if (version >= 4)
            {
              g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_terms"
                                                  " WHERE term IN ('tam', 'hoi')"), ==, 2);
              g_assert_cmpuint (count_search (store, "hoi a"), ==, 1);
            }

          /* Version 1 had no index: the migration built it. */
          g_assert_cmpuint (count_search (store, "dang"), ==, 1);

          /* FTS5 still finds each indexed text by its sort key in the
           * table version 7 rebuilt in the order of writing. */
          g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_text"),
                           ==, version >= 4 ? 2 : 1);
          g_assert_true (_bantin_store_exec (store,
                                             "INSERT INTO search (search) VALUES ('integrity-check')",
                                             &error));
          g_assert_no_error (error);
          g_assert_cmpuint (count_search (store, "da nang"), ==, 1);
          g_assert_cmpuint (count_search (store, "hanoi"), ==, 0);

          query.day_from = query.day_to = 20180703;
          {
            g_autoptr(GArray) day_ids = query_ids (store, &query);

            g_assert_cmpuint (day_ids->len, ==, version >= 4 ? 2 : 1);
          }
        }

      /* Still usable for writing. */
      g_assert_cmpint (bantin_store_add_feed (store, "https://new.vn/rss", NULL, NULL, &error), >, 0);
      g_assert_no_error (error);

      g_object_unref (store);
    }
}

static const char *
stored_folder (BantinStore *store,
               gint64       feed_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinFeed) feed = bantin_store_get_feed (store, feed_id, &error);

  g_assert_no_error (error);
  /* Interned, so that it outlives the feed. */
  return g_intern_string (bantin_feed_get_folder (feed));
}

static void
test_rename_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  gint64 b;
  gint64 c;

  b = bantin_store_add_feed (store, "https://b.vn/feed", NULL, "Tin tức", &error);
  g_assert_no_error (error);
  c = bantin_store_add_feed (store, "https://c.vn/feed", NULL, "Thể thao", &error);
  g_assert_no_error (error);
  g_assert_true (bantin_store_set_feed_folder (store, fixture->feed_id, "Tin tức", &error));
  g_assert_no_error (error);

  /* Every feed of the folder moves, and no other. */
  g_assert_true (bantin_store_rename_folder (store, "Tin tức", "Thời sự", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored_folder (store, fixture->feed_id), ==, "Thời sự");
  g_assert_cmpstr (stored_folder (store, b), ==, "Thời sự");
  g_assert_cmpstr (stored_folder (store, c), ==, "Thể thao");

  /* A folder that exists already takes them in. */
  g_assert_true (bantin_store_rename_folder (store, "Thể thao", "Thời sự", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored_folder (store, c), ==, "Thời sự");

  /* No folder that name: nothing to do, and no error. */
  g_assert_true (bantin_store_rename_folder (store, "Không có", "X", &error));
  g_assert_no_error (error);

  /* No name: the feeds leave every folder. */
  g_assert_true (bantin_store_rename_folder (store, "Thời sự", "", &error));
  g_assert_no_error (error);
  g_assert_null (stored_folder (store, fixture->feed_id));
  g_assert_null (stored_folder (store, b));
  g_assert_null (stored_folder (store, c));
}

static void
test_feeds (Fixture       *fixture,
            gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  gint64 other;
  gint64 again;

  other = bantin_store_add_feed (store, "https://b.vn/feed", "Báo B", "Thời sự", &error);
  g_assert_no_error (error);
  g_assert_cmpint (other, >, fixture->feed_id);

  again = bantin_store_add_feed (store, "https://b.vn/feed", "Khác", NULL, &error);
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS);
  g_assert_cmpint (again, ==, other);
  g_clear_error (&error);

  feed = bantin_store_get_feed (store, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "Báo B");
  g_assert_cmpstr (bantin_feed_get_folder (feed), ==, "Thời sự");
  g_assert_cmpstr (bantin_feed_get_url (feed), ==, "https://b.vn/feed");
  g_clear_object (&feed);

  /* A feed without a title shows its URL. */
  feed = bantin_store_find_feed (store, "https://example.vn/rss", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bantin_feed_get_id (feed), ==, fixture->feed_id);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "https://example.vn/rss");
  g_clear_object (&feed);

  g_assert_null (bantin_store_find_feed (store, "https://nowhere.vn/", &error));
  g_assert_no_error (error);

  g_assert_null (bantin_store_get_feed (store, 4242, &error));
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (bantin_store_rename_feed (store, other, "Tên riêng", &error));
  g_assert_true (bantin_store_set_feed_folder (store, other, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (bantin_store_rename_feed (store, 4242, "x", &error));
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  feeds = bantin_store_list_feeds (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
  g_assert_cmpstr (bantin_feed_get_title (feeds->pdata[0]), ==, "https://example.vn/rss");
  g_assert_cmpstr (bantin_feed_get_title (feeds->pdata[1]), ==, "Tên riêng");
  g_assert_null (bantin_feed_get_folder (feeds->pdata[1]));

  g_assert_true (bantin_store_get_feed_validators (store, other, &url, &etag, &last_modified, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://b.vn/feed");
  g_assert_null (etag);
  g_assert_null (last_modified);

  g_assert_true (bantin_store_remove_feed (store, other, &error));
  g_assert_no_error (error);
  g_assert_false (bantin_store_remove_feed (store, other, &error));
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND);
}

static void
test_dedupe (Fixture       *fixture,
             gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticle) article = NULL;
  g_autoptr(BantinFeed) feed = NULL;
  BantinParsedFeed *parsed;
  BantinParsedItem *undated;
  gint64 id;
  gint64 undated_id;
  gint64 first_seen;

  parsed = feed_new ();
  g_ptr_array_add (parsed->items, item_new ("a", "Tin A", "<p>Nội dung <b>A</b></p>", T_JULY_2));
  g_ptr_array_add (parsed->items, item_new ("b", "Tin B", "<p>Nội dung B</p>", T_JULY_2 - 60));
  undated = item_new ("c", "Tin C", "<p>Không có ngày</p>", 0);
  g_ptr_array_add (parsed->items, undated);
  apply (store, fixture->feed_id, parsed, 3, 0);

  /* The same feed again: nothing new, nothing rewritten. */
  apply (store, fixture->feed_id, parsed, 0, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles"), ==, 3);

  feed = bantin_store_get_feed (store, fixture->feed_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bantin_feed_get_title (feed), ==, "Báo Mẫu");
  g_assert_cmpuint (bantin_feed_get_article_count (feed), ==, 3);
  g_assert_cmpuint (bantin_feed_get_unread_count (feed), ==, 3);

  id = id_of_guid (store, "a");
  undated_id = id_of_guid (store, "c");
  g_assert_true (bantin_store_set_read (store, &id, 1, TRUE, &error));
  g_assert_true (bantin_store_set_starred (store, &id, 1, TRUE, &error));
  g_assert_no_error (error);

  article = bantin_store_get_article (store, undated_id, FALSE, &error);
  g_assert_no_error (error);
  first_seen = bantin_article_get_published (article);
  g_assert_cmpint (first_seen, ==, 1700000000);
  g_assert_cmpint (bantin_article_get_fetched (article), ==, 1700000000);
  g_assert_null (bantin_article_get_content (article));
  g_assert_cmpstr (bantin_article_get_summary (article), ==, "Không có ngày");
  g_clear_object (&article);

  /* "a" changes, "b" drops out of the feed, "c" is fetched later. */
  g_ptr_array_remove_index (parsed->items, 1);
  g_free (((BantinParsedItem *) parsed->items->pdata[0])->content);
  ((BantinParsedItem *) parsed->items->pdata[0])->content = g_strdup ("<p>Nội dung mới</p>");
  {
    BantinFeedUpdate update = { 0, };
    guint n_new, n_updated;

    update.feed_id = fixture->feed_id;
    update.checked_at = 1800000000;
    update.http_status = 200;
    update.etag = "\"v2\"";
    update.parsed = parsed;
    g_assert_true (bantin_store_apply_update (store, &update, &n_new, &n_updated, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_new, ==, 0);
    g_assert_cmpuint (n_updated, ==, 1);
  }

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles"), ==, 3);
  g_assert_cmpint (id_of_guid (store, "a"), ==, id);
  g_assert_cmpint (id_of_guid (store, "b"), >, 0);

  article = bantin_store_get_article (store, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (bantin_article_get_content (article), "Nội dung mới"));
  g_assert_cmpstr (bantin_article_get_summary (article), ==, "Nội dung mới");
  g_assert_true (bantin_article_get_read (article));
  g_assert_true (bantin_article_get_starred (article));
  g_assert_cmpint (bantin_article_get_published (article), ==, T_JULY_2);
  g_assert_cmpstr (bantin_article_get_feed_title (article), ==, "Báo Mẫu");
  g_clear_object (&article);

  article = bantin_store_get_article (store, undated_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bantin_article_get_published (article), ==, first_seen);
  g_clear_object (&article);

  /* The index follows the new text and forgets the old. */
  g_assert_cmpuint (count_search (store, "moi"), ==, 1);
  g_assert_cmpuint (count_search (store, "\"noi dung a\""), ==, 0);
  g_assert_cmpuint (count_search (store, "noi dung"), ==, 2);

  /* A 304 keeps the validators and touches no article. */
  {
    BantinFeedUpdate update = { 0, };
    g_autofree char *etag = NULL;
    gint64 changes_before = sqlite3_total_changes (_bantin_store_get_db (store));

    update.feed_id = fixture->feed_id;
    update.checked_at = 1800000100;
    update.http_status = 304;
    g_assert_true (bantin_store_apply_update (store, &update, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_total_changes (_bantin_store_get_db (store)) - changes_before, ==, 1);
    g_assert_true (bantin_store_get_feed_validators (store, fixture->feed_id, NULL, &etag, NULL, &error));
    g_assert_cmpstr (etag, ==, "\"v2\"");
  }

  feed_free (parsed);
}

static void
test_feed_status (Fixture       *fixture,
                  gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  BantinFeedUpdate update = { 0, };
  g_autoptr(BantinFeed) feed = NULL;
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  gint64 other;

  update.feed_id = fixture->feed_id;
  update.checked_at = 1000;
  update.http_status = 200;
  update.etag = "e1";
  update.last_modified = "Mon, 02 Jul 2018 10:00:00 GMT";
  update.parsed = feed_new ();
  g_assert_true (bantin_store_apply_update (store, &update, NULL, NULL, &error));
  g_assert_no_error (error);
  feed_free (update.parsed);

  /* A failure keeps the validators and the last success. */
  memset (&update, 0, sizeof update);
  update.feed_id = fixture->feed_id;
  update.checked_at = 2000;
  update.http_status = 500;
  update.error_message = "Máy chủ lỗi";
  update.next_check = 5000;
  g_assert_true (bantin_store_apply_update (store, &update, NULL, NULL, &error));
  g_assert_no_error (error);

  feed = bantin_store_get_feed (store, fixture->feed_id, &error);
  g_assert_cmpint (bantin_feed_get_last_status (feed), ==, 500);
  g_assert_cmpstr (bantin_feed_get_last_error (feed), ==, "Máy chủ lỗi");
  g_assert_cmpint (bantin_feed_get_last_success (feed), ==, 1000);
  g_assert_cmpint (bantin_feed_get_next_check (feed), ==, 5000);
  g_assert_false (bantin_feed_get_gone (feed));
  g_clear_object (&feed);
  g_assert_true (bantin_store_get_feed_validators (store, fixture->feed_id, NULL, &etag, NULL, &error));
  g_assert_cmpstr (etag, ==, "e1");

  /* A permanent redirect moves the feed... */
  memset (&update, 0, sizeof update);
  update.feed_id = fixture->feed_id;
  update.checked_at = 3000;
  update.http_status = 304;
  update.new_url = "https://example.vn/rss2";
  g_assert_true (bantin_store_apply_update (store, &update, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bantin_store_get_feed_validators (store, fixture->feed_id, &url, NULL, NULL, &error));
  g_assert_cmpstr (url, ==, "https://example.vn/rss2");
  g_clear_pointer (&url, g_free);

  /* ...unless another subscription has that address already. */
  other = bantin_store_add_feed (store, "https://example.vn/rss3", NULL, NULL, &error);
  g_assert_no_error (error);
  update.new_url = "https://example.vn/rss3";
  update.gone = TRUE;
  update.http_status = 410;
  update.error_message = "Đã gỡ bỏ";
  g_assert_true (bantin_store_apply_update (store, &update, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bantin_store_get_feed_validators (store, fixture->feed_id, &url, NULL, NULL, &error));
  g_assert_cmpstr (url, ==, "https://example.vn/rss2");
  feed = bantin_store_get_feed (store, fixture->feed_id, &error);
  g_assert_true (bantin_feed_get_gone (feed));
  g_assert_cmpint (other, !=, fixture->feed_id);

  /* An update for a feed that is gone fails cleanly. */
  update.feed_id = 4242;
  g_assert_false (bantin_store_apply_update (store, &update, NULL, NULL, &error));
  g_assert_error (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *parsed = feed_new ();
  BantinArticleQuery query = { 0, };
  g_autoptr(GArray) ids = NULL;

  g_ptr_array_add (parsed->items, item_new ("1", "Đảng viên gương mẫu", "<p>Chi bộ họp</p>", T_JULY_2));
  g_ptr_array_add (parsed->items, item_new ("2", "Ngành giáo dục", "<p>Đổi mới <i>giáo dục</i> phổ thông</p>", T_JULY_2 - 10));
  g_ptr_array_add (parsed->items, item_new ("3", "Du lịch", "<p>ĐÀ NẴNG đón khách</p>", T_JULY_2 - 20));
  g_ptr_array_add (parsed->items, item_new ("4", "Chính quyền", "<p>Ủy ban nhân dân tỉnh họp</p>", T_JULY_2 - 30));
  g_ptr_array_add (parsed->items, item_new ("5", "Nông nghiệp", "<p>Nhân dân thu hoạch lúa, ủy ban khen</p>", T_JULY_2 - 40));
  apply (store, fixture->feed_id, parsed, 5, 0);

  /* The words are recorded with the texts, before they are indexed. */
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_terms"
                                      " WHERE term IN ('giao', 'nang', 'chi', 'lua')"), ==, 4);

  /* The queue is indexed before searching. */
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_queue"), ==, 5);
  g_assert_cmpuint (count_search (store, "dang"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_queue"), ==, 0);

  g_assert_cmpuint (count_search (store, "Đảng"), ==, 1);
  g_assert_cmpuint (count_search (store, "dang vien"), ==, 1);
  g_assert_cmpuint (count_search (store, "giao duc"), ==, 1);
  g_assert_cmpuint (count_search (store, "GIÁO DỤC"), ==, 1);
  g_assert_cmpuint (count_search (store, "DA NANG"), ==, 1);
  g_assert_cmpuint (count_search (store, "đà nẵng"), ==, 1);
  g_assert_cmpuint (count_search (store, "chi bo"), ==, 1);

  /* Words anywhere versus the exact phrase. */
  g_assert_cmpuint (count_search (store, "uy ban nhan dan"), ==, 2);
  g_assert_cmpuint (count_search (store, "\"uy ban nhan dan\""), ==, 1);
  g_assert_cmpuint (count_search (store, "\"ủy ban nhân dân\" tinh"), ==, 1);

  /* The last word is a prefix while typing. */
  g_assert_cmpuint (count_search (store, "gi"), ==, 1);
  g_assert_cmpuint (count_search (store, "giao d"), ==, 1);
  g_assert_cmpuint (count_search (store, "nong ng"), ==, 1);
  g_assert_cmpuint (count_search (store, "ngh"), ==, 1);
  g_assert_cmpuint (count_search (store, "n"), ==, 4);
  g_assert_cmpuint (count_search (store, "dang vien g"), ==, 1);
  g_assert_cmpuint (count_search (store, "dang vien x"), ==, 0);
  g_assert_cmpuint (count_search (store, "zz"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_terms WHERE term = 'giao'"), ==, 1);

  /* What FTS5 or SQL would read as syntax is just text. */
  g_assert_cmpuint (count_search (store, "dang OR du"), ==, 0);
  g_assert_cmpuint (count_search (store, "dang AND"), ==, 0);
  g_assert_cmpuint (count_search (store, "NOT dang"), ==, 0);
  g_assert_cmpuint (count_search (store, "\"unterminated"), ==, 0);
  g_assert_cmpuint (count_search (store, "title:dang"), ==, 0);
  g_assert_cmpuint (count_search (store, "dang*"), ==, 1);
  g_assert_cmpuint (count_search (store, "'; DROP TABLE articles; --"), ==, 0);
  g_assert_cmpuint (count_search (store, "(dang"), ==, 1);
  g_assert_cmpuint (count_search (store, "NEAR(dang"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles"), ==, 5);

  /* Nothing searchable typed: no filter. */
  g_assert_cmpuint (count_search (store, " \"\" !! "), ==, 5);

  /* Newest first, with the other filters. */
  query.search = "ho";
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id_of_guid (store, "1"));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, id_of_guid (store, "4"));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, id_of_guid (store, "5"));
  g_clear_pointer (&ids, g_array_unref);

  query.limit = 1;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  query.limit = 0;
  query.day_from = query.day_to = 20180702;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_pointer (&ids, g_array_unref);

  query.day_from = query.day_to = 20180703;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* Removing the feed removes its entries from the index. */
  g_assert_true (bantin_store_remove_feed (store, fixture->feed_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_search (store, "dang"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_text"), ==, 0);
  g_assert_true (_bantin_store_exec (store,
                                     "INSERT INTO search (search) VALUES ('integrity-check')",
                                     &error));
  g_assert_no_error (error);

  feed_free (parsed);
}

static void
count_call_cb (gpointer user_data)
{
  guint *n_calls = user_data;

  (*n_calls)++;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_checkpoint_hand_off (Fixture       *fixture,
                          gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(BantinStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new ("<p>");
  BantinParsedFeed *parsed = feed_new ();
  guint n_calls = 0;
  goffset before;
  gint64 id;
  guint i;

  /* 400 articles of 12 KB: some 1,300 pages of log, past the thousand
   * at which SQLite would copy the log into the database itself. */
  for (i = 0; i < 1200; i++)
    g_string_append (body, "Tin tức ");
  g_string_append (body, "</p>");
  for (i = 0; i < 400; i++)
    {
      g_autofree char *guid = g_strdup_printf ("%u", i);

      g_ptr_array_add (parsed->items, item_new (guid, "Thời sự", body->str, T_JULY_2 - i));
    }

  g_assert_true (_bantin_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  before = file_size (fixture->path);

  /* Handed off with a threshold never reached: nobody copies. */
  bantin_store_hand_off_checkpoints (store, G_MAXUINT, count_call_cb, &n_calls);
  apply (store, fixture->feed_id, parsed, 400, 0);
  g_assert_cmpuint (n_calls, ==, 0);
  g_assert_cmpint (file_size (fixture->path), ==, before);

  /* Reached: the store asks after each commit, and does not copy. */
  bantin_store_hand_off_checkpoints (store, 1000, count_call_cb, &n_calls);
  id = id_of_guid (store, "1");
  g_assert_true (bantin_store_set_read (store, &id, 1, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 1);
  g_assert_cmpint (file_size (fixture->path), ==, before);

  /* Another store, as on another thread, does the copying. */
  other = bantin_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (bantin_store_checkpoint (other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (fixture->path), >, before + 400 * 9600);

  /* Given back, SQLite checkpoints again by itself. */
  bantin_store_hand_off_checkpoints (store, 0, NULL, NULL);
  id = id_of_guid (store, "2");
  g_assert_true (bantin_store_set_read (store, &id, 1, TRUE, &error));
  g_assert_cmpuint (n_calls, ==, 1);
  g_assert_cmpuint (count_search (store, "tin tuc"), ==, 400);

  feed_free (parsed);
}

/* The words of @text as the tokenizer is specified, the plain way. */
static void
reference_words (GHashTable *set,
                 const char *text)
{
  const char *p = text;
  const char *start = NULL;

  for (;;)
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char_validated (p, -1);
      gboolean valid = c != (gunichar) -1 && c != (gunichar) -2;
      gboolean word = valid && c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (word && start == NULL)
        start = p;
      if (!word && start != NULL)
        {
          if (p - start <= 48)
            g_hash_table_add (set, g_strndup (start, p - start));
          start = NULL;
        }
      if (*p == '\0')
        break;
      p = valid && (guchar) *p >= 0x80 ? g_utf8_next_char (p) : p + 1;
    }
}

static void
test_word_set (void)
{
  static const char *const pieces[] = {
    "dang", "vien", "giao", "duc", "2024", "x", " ", ", ", ".\n", "—", "\xc3\xa9",
    "e\xcc\x81", "\xe4\xb8\xad\xe6\x96\x87", "\xff", "\xe1\xbb", "a_b", "đ",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "0123456789012345678901234567890123456789012345678",
    "012345678901234567890123456789012345678901234567",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1958);
  guint round;

  for (round = 0; round < 50; round++)
    {
      g_autoptr(BantinWordSet) words = _bantin_word_set_new ();
      g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) sorted = NULL;
      guint n_texts = g_rand_int_range (rand, 1, 4);
      guint t, i;

      for (t = 0; t < n_texts; t++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          guint n = g_rand_int_range (rand, 0, 400);

          for (i = 0; i < n; i++)
            {
              g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
              /* Many distinct words, so that the table grows. */
              if (g_rand_boolean (rand))
                g_string_append_printf (text, "w%u ", g_rand_int_range (rand, 0, 3000));
            }
          _bantin_word_set_add_text (words, text->str);
          reference_words (expected, text->str);
        }
      _bantin_word_set_add_text (words, NULL);

      sorted = _bantin_word_set_sorted (words);
      g_assert_cmpuint (sorted->len, ==, g_hash_table_size (expected));
      g_assert_cmpuint (_bantin_word_set_size (words), ==, sorted->len);
      for (i = 0; i < sorted->len; i++)
        {
          g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (sorted, i)));
          if (i > 0)
            g_assert_cmpint (strcmp (g_ptr_array_index (sorted, i - 1), g_ptr_array_index (sorted, i)), <, 0);
        }
    }
}

static void
test_days (Fixture       *fixture,
           gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *parsed = feed_new ();
  BantinArticleQuery query = { 0, };
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(BantinArticle) article = NULL;
  gint64 other;

  g_ptr_array_add (parsed->items, item_new ("late", "Đêm", "<p>x</p>", T_BOUNDARY));
  g_ptr_array_add (parsed->items, item_new ("day1", "Sáng", "<p>x</p>", T_JULY_2));
  g_ptr_array_add (parsed->items, item_new ("day2", "Trưa", "<p>x</p>", T_JULY_2 + 3600));
  g_ptr_array_add (parsed->items, item_new ("june", "Tháng sáu", "<p>x</p>", T_JULY_2 - 20 * 86400));
  g_ptr_array_add (parsed->items, item_new ("aug", "Tháng tám", "<p>x</p>", T_JULY_2 + 40 * 86400));
  apply (store, fixture->feed_id, parsed, 5, 0);

  other = bantin_store_add_feed (store, "https://b.vn/rss", "B", "Nhóm", &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (parsed->items, 0);
  g_ptr_array_add (parsed->items, item_new ("b1", "Khác", "<p>y</p>", T_JULY_2 + 60));
  apply (store, other, parsed, 1, 0);

  article = bantin_store_get_article (store, id_of_guid (store, "late"), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bantin_article_get_local_day (article), ==, 20180703);

  counts = bantin_store_count_days (store, &query, 20180701, 20180731, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 2);
  g_assert_cmpint (g_array_index (counts, BantinDayCount, 0).day, ==, 20180702);
  g_assert_cmpuint (g_array_index (counts, BantinDayCount, 0).count, ==, 3);
  g_assert_cmpint (g_array_index (counts, BantinDayCount, 1).day, ==, 20180703);
  g_assert_cmpuint (g_array_index (counts, BantinDayCount, 1).count, ==, 1);
  g_clear_pointer (&counts, g_array_unref);

  query.feed_id = other;
  counts = bantin_store_count_days (store, &query, 20180701, 20180731, &error);
  g_assert_cmpuint (counts->len, ==, 1);
  g_assert_cmpuint (g_array_index (counts, BantinDayCount, 0).count, ==, 1);
  g_clear_pointer (&counts, g_array_unref);
  query.feed_id = 0;

  query.search = "thang";
  counts = bantin_store_count_days (store, &query, 20180601, 20180630, &error);
  g_assert_cmpuint (counts->len, ==, 1);
  g_assert_cmpint (g_array_index (counts, BantinDayCount, 0).day, ==, 20180612);
  g_clear_pointer (&counts, g_array_unref);
  query.search = NULL;

  /* A day, newest first, for all feeds, one feed and a folder. */
  query.day_from = query.day_to = 20180702;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id_of_guid (store, "day2"));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, id_of_guid (store, "b1"));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, id_of_guid (store, "day1"));
  g_clear_pointer (&ids, g_array_unref);

  query.feed_id = fixture->feed_id;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  query.feed_id = 0;

  query.folder = "Nhóm";
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id_of_guid (store, "b1"));
  g_clear_pointer (&ids, g_array_unref);
  query.folder = NULL;

  /* Everything, newest first. */
  query.day_from = query.day_to = 0;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 6);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id_of_guid (store, "aug"));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, id_of_guid (store, "late"));
  g_assert_cmpint (g_array_index (ids, gint64, 5), ==, id_of_guid (store, "june"));
  g_clear_pointer (&ids, g_array_unref);

  /* The nearest day with articles, both ways. */
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180702, -1, &error), ==, 20180612);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180702, 1, &error), ==, 20180703);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180703, 1, &error), ==, 20180811);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180811, 1, &error), ==, 0);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180612, -1, &error), ==, 0);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180702, 0, &error), ==, 20180702);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180720, 0, &error), ==, 20180703);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180801, 0, &error), ==, 20180811);
  g_assert_no_error (error);
  query.feed_id = other;
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180720, -1, &error), ==, 20180702);
  query.feed_id = 0;
  query.search = "thang tam";
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180702, 1, &error), ==, 20180811);
  g_assert_cmpint (bantin_store_find_day_with_articles (store, &query, 20180702, -1, &error), ==, 0);
  g_assert_no_error (error);

  feed_free (parsed);
}

static void
test_read_star (Fixture       *fixture,
                gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *parsed = feed_new ();
  BantinArticleQuery query = { 0, };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  gint64 two[2];
  guint i;

  for (i = 0; i < 10; i++)
    {
      g_autofree char *guid = g_strdup_printf ("g%u", i);

      g_ptr_array_add (parsed->items, item_new (guid, "Tin", "<p>z</p>", T_JULY_2 - i * 86400));
    }
  apply (store, fixture->feed_id, parsed, 10, 0);

  two[0] = id_of_guid (store, "g0");
  two[1] = id_of_guid (store, "g9");
  g_assert_true (bantin_store_set_read (store, two, 2, TRUE, &error));
  g_assert_no_error (error);

  query.unread_only = TRUE;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 8);
  g_clear_pointer (&ids, g_array_unref);

  feeds = bantin_store_list_feeds (store, &error);
  g_assert_cmpuint (bantin_feed_get_article_count (feeds->pdata[0]), ==, 10);
  g_assert_cmpuint (bantin_feed_get_unread_count (feeds->pdata[0]), ==, 8);
  g_clear_pointer (&feeds, g_ptr_array_unref);

  g_assert_true (bantin_store_set_starred (store, two, 1, TRUE, &error));
  query.unread_only = FALSE;
  query.starred_only = TRUE;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, two[0]);
  g_clear_pointer (&ids, g_array_unref);
  query.starred_only = FALSE;

  /* Mark one week read. */
  query.day_from = 20180626;
  query.day_to = 20180702;
  g_assert_cmpuint (bantin_store_mark_query_read (store, &query, &error), ==, 6);
  g_assert_no_error (error);
  g_assert_cmpuint (bantin_store_mark_query_read (store, &query, &error), ==, 0);

  feeds = bantin_store_list_feeds (store, &error);
  g_assert_cmpuint (bantin_feed_get_unread_count (feeds->pdata[0]), ==, 2);

  g_assert_true (bantin_store_set_read (store, two, 2, FALSE, &error));
  query.day_from = query.day_to = 0;
  query.unread_only = TRUE;
  ids = query_ids (store, &query);
  g_assert_cmpuint (ids->len, ==, 4);

  /* Removing the feed removes its articles. */
  g_assert_true (bantin_store_remove_feed (store, fixture->feed_id, &error));
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles"), ==, 0);

  feed_free (parsed);
}

/* A failure in the middle of an update leaves everything as it was. */
static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *parsed = feed_new ();
  BantinFeedUpdate update = { 0, };

  g_ptr_array_add (parsed->items, item_new ("ok", "Cũ", "<p>a</p>", T_JULY_2));
  apply (store, fixture->feed_id, parsed, 1, 0);

  g_assert_true (_bantin_store_exec (store,
    "CREATE TEMP TRIGGER boom BEFORE INSERT ON articles WHEN NEW.guid = 'boom'"
    " BEGIN SELECT RAISE (ABORT, 'boom'); END",
    &error));
  g_assert_no_error (error);

  g_free (((BantinParsedItem *) parsed->items->pdata[0])->title);
  ((BantinParsedItem *) parsed->items->pdata[0])->title = g_strdup ("Mới");
  g_ptr_array_insert (parsed->items, 0, item_new ("new", "Tin mới", "<p>b</p>", T_JULY_2 + 5));
  g_ptr_array_insert (parsed->items, 0, item_new ("boom", "Nổ", "<p>c</p>", T_JULY_2 + 9));

  update.feed_id = fixture->feed_id;
  update.checked_at = 1900000000;
  update.http_status = 200;
  update.etag = "changed";
  update.parsed = parsed;
  g_assert_false (bantin_store_apply_update (store, &update, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles WHERE title = 'Cũ'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT last_checked FROM feeds"), ==, 1700000000);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM feeds WHERE etag = 'changed'"), ==, 0);
  g_assert_cmpuint (count_search (store, "moi"), ==, 0);
  g_assert_cmpuint (count_search (store, "cu"), ==, 1);

  /* And the connection is still usable. */
  g_assert_true (_bantin_store_exec (store, "DROP TRIGGER temp.boom", &error));
  g_assert_true (bantin_store_apply_update (store, &update, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles"), ==, 3);

  feed_free (parsed);
}

/* A feed whose words could not all be recorded is rolled back whole, and
 * the words that were written before the failure are not taken as known:
 * the next try records them. */
static void
test_terms_rollback (Fixture       *fixture,
                     gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  BantinParsedFeed *parsed = feed_new ();

  g_ptr_array_add (parsed->items, item_new ("1", "Bắc Ninh", "<p>Xuân về</p>", T_JULY_2));

  g_assert_true (_bantin_store_exec (store,
    "CREATE TEMP TRIGGER boom BEFORE INSERT ON search_terms WHEN NEW.term = 'xuan'"
    " BEGIN SELECT RAISE (ABORT, 'boom'); END",
    &error));
  g_assert_no_error (error);
  {
    BantinFeedUpdate update = { 0, };

    update.feed_id = fixture->feed_id;
    update.checked_at = 1700000000;
    update.http_status = 200;
    update.parsed = parsed;
    g_assert_false (bantin_store_apply_update (store, &update, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_terms"), ==, 0);

  g_assert_true (_bantin_store_exec (store, "DROP TRIGGER temp.boom", &error));
  g_assert_no_error (error);
  apply (store, fixture->feed_id, parsed, 1, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM search_terms"
                                      " WHERE term IN ('bac', 'ninh', 'xuan', 've')"), ==, 4);
  g_assert_cmpuint (count_search (store, "bac n"), ==, 1);

  feed_free (parsed);
}

typedef struct
{
  const char *path;
  gint64      feed_id;
  gint        stop;
  guint       rounds;
} Concurrency;

static gpointer
writer_thread (gpointer data)
{
  Concurrency *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinStore) store = bantin_store_open (c->path, &error);
  guint round;

  g_assert_no_error (error);

  for (round = 0; round < 40; round++)
    {
      BantinParsedFeed *parsed = feed_new ();
      BantinFeedUpdate update = { 0, };
      guint i;

      for (i = 0; i < 20; i++)
        {
          g_autofree char *guid = g_strdup_printf ("w%u-%u", round, i);

          g_ptr_array_add (parsed->items, item_new (guid, "Viết", "<p>song song</p>", T_JULY_2 + round * 100 + i));
        }

      update.feed_id = c->feed_id;
      update.checked_at = 1700000000 + round;
      update.http_status = 200;
      update.parsed = parsed;
      g_assert_true (bantin_store_apply_update (store, &update, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (bantin_store_catch_up_search_index (store, &error));
      g_assert_no_error (error);
      feed_free (parsed);
    }

  g_atomic_int_set (&c->stop, 1);
  return NULL;
}

static gpointer
reader_thread (gpointer data)
{
  Concurrency *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinStore) store = bantin_store_open (c->path, &error);

  g_assert_no_error (error);

  while (!g_atomic_int_get (&c->stop))
    {
      BantinArticleQuery query = { 0, };
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GArray) counts = NULL;
      gint64 id;

      query.search = "song";
      ids = bantin_store_query_ids (store, &query, &error);
      g_assert_no_error (error);

      counts = bantin_store_count_days (store, &query, 20180701, 20180731, &error);
      g_assert_no_error (error);

      if (ids->len > 0)
        {
          id = g_array_index (ids, gint64, 0);
          g_assert_true (bantin_store_set_read (store, &id, 1, TRUE, &error));
          g_assert_no_error (error);
        }

      c->rounds++;
    }

  return NULL;
}

static void
test_concurrency (Fixture       *fixture,
                  gconstpointer  data)
{
  Concurrency c = { fixture->path, fixture->feed_id, 0, 0 };
  GThread *writer;
  GThread *reader;

  writer = g_thread_new ("writer", writer_thread, &c);
  reader = g_thread_new ("reader", reader_thread, &c);
  g_thread_join (writer);
  g_thread_join (reader);

  g_assert_cmpuint (c.rounds, >, 0);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM articles"), ==, 800);
  g_assert_cmpuint (count_search (fixture->store, "song song"), ==, 800);
}

static BantinDay
day_of_guid (BantinStore *store,
             const char  *guid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinArticle) article = bantin_store_get_article (store, id_of_guid (store, guid), FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return bantin_article_get_local_day (article);
}

static void
test_recompute_days (Fixture       *fixture,
                     gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) hanoi = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  BantinParsedFeed *parsed = feed_new ();
  guint expected = 0;
  guint changed = 99;
  const guint n_fillers = 4500;   /* More than one batch of 4096. */

  g_assert_nonnull (hanoi);

  g_ptr_array_add (parsed->items, item_new ("late", "Đêm", "<p>x</p>", T_BOUNDARY));
  g_ptr_array_add (parsed->items, item_new ("day1", "Sáng", "<p>x</p>", T_JULY_2));
  for (guint i = 0; i < n_fillers; i++)
    {
      g_autofree char *guid = g_strdup_printf ("filler-%u", i);
      gint64 when = T_JULY_2 - (gint64) i * 97;

      g_ptr_array_add (parsed->items, item_new (guid, "Tin", "<p>z</p>", when));
      if (bantin_date_local_day (when, hanoi) != bantin_date_local_day (when, utc))
        expected++;
    }
  expected++;   /* "late" */
  apply (store, fixture->feed_id, parsed, n_fillers + 2, 0);

  /* Stored in the tests' zone, Asia/Ho_Chi_Minh: 00:30 on 3 July. */
  g_assert_cmpint (day_of_guid (store, "late"), ==, 20180703);
  g_assert_cmpint (day_of_guid (store, "day1"), ==, 20180702);
  g_assert_cmpuint (expected, >, 100);

  g_assert_true (bantin_store_recompute_days (store, utc, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, expected);
  g_assert_cmpint (day_of_guid (store, "late"), ==, 20180702);
  g_assert_cmpint (day_of_guid (store, "day1"), ==, 20180702);
  g_assert_cmpint (day_of_guid (store, "filler-4499"), ==,
                   bantin_date_local_day (T_JULY_2 - (gint64) 4499 * 97, utc));
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles WHERE local_day = 20180703"), ==, 0);

  /* Nothing left to move in the same zone. */
  g_assert_true (bantin_store_recompute_days (store, utc, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 0);

  g_assert_true (bantin_store_recompute_days (store, hanoi, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, expected);
  g_assert_cmpint (day_of_guid (store, "late"), ==, 20180703);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM articles WHERE local_day = 20180703"), ==, 1);

  feed_free (parsed);
}

/* The feed's HTML is stored as it came and sanitized on its way out:
 * what a reader loads never carries what the sanitizer removes, and
 * relative links resolve against the article's address, else its feed's. */
static void
test_content_sanitized_on_load (Fixture       *fixture,
                                gconstpointer  data)
{
  BantinStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(BantinParsedFeed) parsed = feed_new ();
  g_autoptr(BantinArticle) linked = NULL;
  g_autoptr(BantinArticle) unlinked = NULL;
  BantinParsedItem *item;
  const char *content;

  item = item_new ("co-link",  "Có liên kết",
                   "<p onclick=\"steal()\">Đoạn <a href=\"../anh/1.html\">một</a>"
                   "<a href=\"javascript:steal()\">hai</a></p><script>steal()</script>",
                   T_JULY_2);
  g_free (item->link);
  item->link = g_strdup ("https://example.vn/tin/bai-1.html");
  g_ptr_array_add (parsed->items, item);
  item = item_new ("khong-link", "Không liên kết", "<p><a href=\"tin/2.html\">ba</a></p>", T_JULY_2);
  g_clear_pointer (&item->link, g_free);
  g_ptr_array_add (parsed->items, item);
  apply (store, fixture->feed_id, parsed, 2, 0);

  linked = bantin_store_get_article (store, id_of_guid (store, "co-link"), TRUE, &error);
  g_assert_no_error (error);
  content = bantin_article_get_content (linked);
  g_assert_nonnull (strstr (content, "Đoạn"));
  g_assert_nonnull (strstr (content, "href=\"https://example.vn/anh/1.html\""));
  g_assert_null (strstr (content, "onclick"));
  g_assert_null (strstr (content, "javascript"));
  g_assert_null (strstr (content, "script"));
  g_assert_null (strstr (content, "steal"));

  unlinked = bantin_store_get_article (store, id_of_guid (store, "khong-link"), TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (bantin_article_get_content (unlinked),
                            "href=\"https://example.vn/tin/2.html\""));

  /* The index reads the text, never the markup or the script. */
  g_assert_cmpuint (count_search (store, "doan"), ==, 1);
  g_assert_cmpuint (count_search (store, "steal"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open", test_open);
  g_test_add_func ("/store/too-new", test_too_new);
  g_test_add_func ("/store/corrupt", test_corrupt);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/word-set", test_word_set);
  g_test_add ("/store/feeds", Fixture, NULL, fixture_set_up, test_feeds, fixture_tear_down);
  g_test_add ("/store/rename-folder", Fixture, NULL, fixture_set_up, test_rename_folder, fixture_tear_down);
  g_test_add ("/store/dedupe", Fixture, NULL, fixture_set_up, test_dedupe, fixture_tear_down);
  g_test_add ("/store/content-sanitized-on-load", Fixture, NULL, fixture_set_up,
              test_content_sanitized_on_load, fixture_tear_down);
  g_test_add ("/store/feed-status", Fixture, NULL, fixture_set_up, test_feed_status, fixture_tear_down);
  g_test_add ("/store/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/store/checkpoint-hand-off", Fixture, NULL, fixture_set_up, test_checkpoint_hand_off,
              fixture_tear_down);
  g_test_add ("/store/days", Fixture, NULL, fixture_set_up, test_days, fixture_tear_down);
  g_test_add ("/store/recompute-days", Fixture, NULL, fixture_set_up, test_recompute_days, fixture_tear_down);
  g_test_add ("/store/read-star", Fixture, NULL, fixture_set_up, test_read_star, fixture_tear_down);
  g_test_add ("/store/rollback", Fixture, NULL, fixture_set_up, test_rollback, fixture_tear_down);
  g_test_add ("/store/terms-rollback", Fixture, NULL, fixture_set_up, test_terms_rollback,
              fixture_tear_down);
  g_test_add ("/store/concurrency", Fixture, NULL, fixture_set_up, test_concurrency, fixture_tear_down);

  return g_test_run ();
}
