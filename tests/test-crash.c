/* test-crash.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real `bantin sync`, in a process of its own, killed, starved of disk
 * and shared with a reader: whatever happens to it, the cache must stay a
 * sound SQLite file that still has every article it ever committed.
 *
 * The in-process test server serves a corpus of feeds whose items slide by
 * a window each round, so every sync has new articles to parse, write and
 * index, and a kill can land in any of those. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>

#include "bantin-core.h"
#include "bantin-test-server.h"

#define SEED 20260704
#define N_ITEMS 300
/* New items per feed and round. */
#define SHIFT 40
#define MIN_KILLS 20
#define MAX_ATTEMPTS 40

typedef struct
{
  BantinTestServer *server;
  char             *dir;
  char             *db_path;
  guint             n_feeds;
  guint            *offsets;   /* Where each feed's window starts. */
} Corpus;

/* A feed serves a window of N_ITEMS over an endless list of items; the
 * window moves when the feed has news. Every description has the word
 * "kiemtra", so the search index can be checked for completeness. With an
 * ETag per window, as real servers do, feeds without news cost a 304. */
static void
serve_feeds (Corpus *c)
{
  g_autoptr(GString) doc = g_string_new (NULL);

  for (guint feed = 0; feed < c->n_feeds; feed++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/%u", feed);
      g_autofree char *etag = g_strdup_printf ("\"w%u\"", c->offsets[feed]);
      guint first = c->offsets[feed];

      g_string_printf (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<rss version=\"2.0\"><channel><title>Nguồn %u</title>"
                            "<link>https://example.vn/%u/</link>\n", feed, feed);
      for (guint i = first; i < first + N_ITEMS; i++)
        g_string_append_printf (doc,
                                "<item><title>Bài %u của nguồn %u: đảng viên học tập</title>"
                                "<guid>f%u-i%u</guid><link>https://example.vn/%u/%u</link>"
                                "<pubDate>Mon, %02u Jul 2018 %02u:%02u:00 +0700</pubDate>"
                                "<description>&lt;p&gt;Nội dung kiemtra của bài %u, nguồn %u. "
                                "Giáo dục vùng cao Mường La, Đà Nẵng đón khách quốc tế, "
                                "tin tức thử nghiệm dài một chút.&lt;/p&gt;</description></item>\n",
                                i, feed, feed, i, feed, i,
                                1 + i % 28, i / 60 % 24, i % 60, i, feed);
      g_string_append (doc, "</channel></rss>\n");
      bantin_test_server_serve_bytes (c->server, path, 200, "application/rss+xml", doc->str, doc->len);
      bantin_test_server_set_etag (c->server, path, etag);
    }
}

/* Gives every @every-th feed (from @round on) @shift new items. */
static void
add_news (Corpus *c,
          guint   round,
          guint   shift,
          guint   every)
{
  for (guint feed = round % every; feed < c->n_feeds; feed += every)
    c->offsets[feed] += shift;
  serve_feeds (c);
}

static void
corpus_init (Corpus     *c,
             const char *name,
             guint       n_feeds)
{
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GError) error = NULL;

  c->server = bantin_test_server_new ();
  c->dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  c->db_path = g_build_filename (c->dir, "bantin.db", NULL);
  c->n_feeds = n_feeds;
  c->offsets = g_new0 (guint, n_feeds);
  g_assert_cmpint (g_mkdir_with_parents (c->dir, 0700), ==, 0);

  store = bantin_store_open (c->db_path, &error);
  g_assert_no_error (error);
  for (guint feed = 0; feed < n_feeds; feed++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/%u", feed);
      g_autofree char *url = bantin_test_server_url (c->server, path);

      g_assert_cmpint (bantin_store_add_feed (store, url, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
}

static void
corpus_clear (Corpus *c)
{
  g_clear_pointer (&c->server, bantin_test_server_free);
  g_free (c->dir);
  g_free (c->db_path);
  g_free (c->offsets);
}

/* The database, checked from outside: sound, and its (feed, guid) set. */
static GHashTable *
check_db (const char *db_path,
          GHashTable *before)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT feed_id, guid FROM articles", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup_printf ("%lld %s", (long long) sqlite3_column_int64 (stmt, 0),
                                            (const char *) sqlite3_column_text (stmt, 1)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  if (before != NULL)
    {
      g_hash_table_iter_init (&iter, before);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (set, key))
          g_error ("Article %s was committed, and is gone", (const char *) key);
    }

  return set;
}

/* Every feed's current window is stored, all of it. */
static void
assert_windows_stored (Corpus     *c,
                       GHashTable *set)
{
  for (guint feed = 0; feed < c->n_feeds; feed++)
    for (guint i = c->offsets[feed]; i < c->offsets[feed] + N_ITEMS; i++)
      {
        g_autofree char *key = g_strdup_printf ("%u f%u-i%u", feed + 1, feed, i);

        if (!g_hash_table_contains (set, key))
          g_error ("Article %s was never stored", key);
      }
}

/* Through the store, as the window and the CLI see it: it opens, and the
 * search index has every article. */
static void
assert_store_complete (Corpus *c,
                       guint   n_articles)
{
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) found = NULL;
  BantinArticleQuery query = { 0, };

  store = bantin_store_open (c->db_path, &error);
  g_assert_no_error (error);
  all = bantin_store_query_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n_articles);
  query.search = "kiemtra";
  found = bantin_store_query_ids (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, n_articles);
}

typedef struct
{
  rlim_t max_file_size;   /* 0: no limit */
} ChildSetup;

static void
child_setup (gpointer user_data)
{
  ChildSetup *setup = user_data;

  if (setup->max_file_size > 0)
    {
      struct rlimit limit = { setup->max_file_size, setup->max_file_size };

      /* Ignored, SIGXFSZ turns a write beyond the limit into EFBIG, as a
       * full disk turns it into ENOSPC. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
}

static GSubprocess *
spawn_sync (Corpus     *c,
            ChildSetup *setup)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("BANTIN_BIN");
  g_autofree char *err_path = g_build_filename (c->dir, "..", "sync-stderr.txt", NULL);
  GSubprocess *process;

  g_assert_nonnull (bin);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  if (setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup, setup, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, bin, "--data-dir", c->dir, "sync", NULL);
  g_assert_no_error (error);

  return process;
}

static char *
read_sync_stderr (Corpus *c)
{
  g_autofree char *err_path = g_build_filename (c->dir, "..", "sync-stderr.txt", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (err_path, &text, NULL, NULL));
  return text;
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs a sync; kills it after @delay_ms unless it ended before. Returns
 * TRUE when it was killed; otherwise it must have succeeded. */
static gboolean
sync_and_kill (Corpus  *c,
               guint    delay_ms,
               gint64  *out_elapsed)
{
  g_autoptr(GSubprocess) process = spawn_sync (c, NULL);
  gboolean done = FALSE;
  gboolean timed_out = FALSE;
  gint64 start = g_get_monotonic_time ();
  guint timeout_id;

  g_subprocess_wait_async (process, NULL, waited_cb, &done);
  timeout_id = g_timeout_add (delay_ms, flag_cb, &timed_out);
  while (!done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  else
    g_subprocess_send_signal (process, SIGKILL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  *out_elapsed = g_get_monotonic_time () - start;

  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return TRUE;
    }

  if (!g_subprocess_get_successful (process))
    {
      g_autofree char *err = read_sync_stderr (c);

      g_error ("bantin sync failed with status %d: %s", g_subprocess_get_exit_status (process), err);
    }
  return FALSE;
}

static int
run_sync (Corpus     *c,
          ChildSetup *setup)
{
  g_autoptr(GSubprocess) process = spawn_sync (c, setup);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static gboolean
with_sanitizer (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
  return TRUE;
# else
  return FALSE;
# endif
#else
  return FALSE;
#endif
}

static void
test_kill (void)
{
  Corpus c = { 0, };
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GHashTable) set = NULL;
  g_autofree char *err = NULL;
  /* The sanitizer build's binary is several times slower (leak checking
   * unwinds every allocation, and a kill in its first seconds lands
   * before anything is written): a sixth of the corpus keeps it in time,
   * and kills still land in every phase. */
  guint n_feeds = with_sanitizer () ? 32 : 200;
  guint kills = 0;
  guint finished = 0;
  gint64 full_us = 0;
  gint64 start = g_get_monotonic_time ();
  guint64 kill_ms_total = 0;

  corpus_init (&c, "crash-kill", n_feeds);
  serve_feeds (&c);
  g_test_message ("Seed %u, %u feeds x %u items; each round a quarter of the feeds get %u new items",
                  SEED, n_feeds, N_ITEMS, SHIFT);

  for (guint round = 0; kills < MIN_KILLS && round < MAX_ATTEMPTS; round++)
    {
      g_autoptr(GHashTable) now = NULL;
      gint64 elapsed;
      gint64 check_start;
      guint delay_ms;
      gboolean killed;

      if (round > 0)
        add_news (&c, round, SHIFT, 4);

      /* Kill at any moment from the start to just past the end (index
       * catch-up is the last thing a sync does), the end being what the
       * last whole sync took; every sixth sync is let run to measure it.
       * Before any sync has finished, the first one writes the whole
       * corpus, and kills land in its first seconds. */
      if (round % 6 == 5)
        delay_ms = 120 * 1000;
      else if (full_us == 0)
        delay_ms = g_rand_int_range (rand, 30, 2500);
      else
        delay_ms = (guint) (g_rand_double_range (rand, 0.02, 1.02) * full_us / 1000);

      killed = sync_and_kill (&c, delay_ms, &elapsed);
      if (killed)
        {
          kills++;
          kill_ms_total += delay_ms;
        }
      else
        {
          finished++;
          full_us = elapsed;
        }

      check_start = g_get_monotonic_time ();
      now = check_db (c.db_path, set);
      g_test_message ("Round %u: %s after %u ms; %u articles, checked in %u ms", round,
                      killed ? "killed" : "finished", (guint) (elapsed / 1000),
                      g_hash_table_size (now),
                      (guint) ((g_get_monotonic_time () - check_start) / 1000));
      g_clear_pointer (&set, g_hash_table_unref);
      set = g_steal_pointer (&now);
    }
  g_assert_cmpuint (kills, >=, MIN_KILLS);

  /* The last sync completes and leaves the whole corpus. */
  g_assert_cmpint (run_sync (&c, NULL), ==, 0);
  err = read_sync_stderr (&c);
  g_assert_cmpstr (err, ==, "");
  {
    g_autoptr(GHashTable) now = check_db (c.db_path, set);

    g_clear_pointer (&set, g_hash_table_unref);
    set = g_steal_pointer (&now);
  }
  assert_windows_stored (&c, set);
  assert_store_complete (&c, g_hash_table_size (set));

  g_test_message ("%u kills (mean delay %" G_GUINT64_FORMAT " ms), %u whole syncs, %u articles, "
                  "%.1f s in all", kills, kill_ms_total / MAX (kills, 1), finished,
                  g_hash_table_size (set),
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  corpus_clear (&c);
}

/* A full disk, as a file size limit: the sync fails saying so, and the
 * cache is as it was. */
static void
test_disk_full (void)
{
  Corpus c = { 0, };
  ChildSetup setup = { 64 * 1024 };
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) last = NULL;
  g_autofree char *err = NULL;
  int status;

  corpus_init (&c, "crash-full", 20);
  serve_feeds (&c);
  g_assert_cmpint (run_sync (&c, NULL), ==, 0);
  before = check_db (c.db_path, NULL);
  g_assert_cmpuint (g_hash_table_size (before), ==, 20 * N_ITEMS);

  /* Half of every feed is new, and no file may grow past 64 kB. */
  add_news (&c, 0, 150, 1);
  status = run_sync (&c, &setup);
  err = read_sync_stderr (&c);
  g_test_message ("Exit status %d; stderr: %.300s", status, err);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "The disk is full"));

  after = check_db (c.db_path, before);
  assert_store_complete (&c, g_hash_table_size (after));

  /* With room again, the sync catches up. */
  g_assert_cmpint (run_sync (&c, NULL), ==, 0);
  last = check_db (c.db_path, after);
  assert_windows_stored (&c, last);
  assert_store_complete (&c, g_hash_table_size (last));
  corpus_clear (&c);
}

/* A reader (the window) marks articles while `bantin sync` writes. */
static void
test_reader_and_writer (void)
{
  Corpus c = { 0, };
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  guint n_marks = 0;
  guint n_syncs = 3;

  corpus_init (&c, "crash-shared", 30);
  serve_feeds (&c);
  g_assert_cmpint (run_sync (&c, NULL), ==, 0);

  store = bantin_store_open (c.db_path, &error);
  g_assert_no_error (error);

  for (guint round = 1; round <= n_syncs; round++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *err = NULL;
      gboolean done = FALSE;

      add_news (&c, round, 100, 1);
      process = spawn_sync (&c, NULL);
      g_subprocess_wait_async (process, NULL, waited_cb, &done);

      while (!done)
        {
          g_autoptr(GArray) ids = NULL;
          BantinArticleQuery query = { 0, };
          gint64 batch[20];

          query.limit = 500;
          ids = bantin_store_query_ids (store, &query, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < G_N_ELEMENTS (batch); i++)
            batch[i] = g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));

          g_assert_true (bantin_store_set_read (store, batch, G_N_ELEMENTS (batch),
                                                g_rand_boolean (rand), &error));
          g_assert_no_error (error);
          g_assert_true (bantin_store_set_starred (store, batch, 10, g_rand_boolean (rand), &error));
          g_assert_no_error (error);
          n_marks += 2;

          /* Faster than any reader clicks, yet leaving the sync's writer
           * room: back to back, the marks starve a sanitizer build's
           * sync for minutes. */
          g_usleep (5 * 1000);
          g_main_context_iteration (NULL, FALSE);
        }

      g_assert_true (g_subprocess_get_successful (process));
      err = read_sync_stderr (&c);
      g_assert_cmpstr (err, ==, "");
    }

  g_test_message ("%u marks by the reader during %u syncs", n_marks, n_syncs);
  g_assert_cmpuint (n_marks, >, 20);
  {
    g_autoptr(GHashTable) set = check_db (c.db_path, NULL);

    assert_windows_stored (&c, set);
  }
  g_clear_object (&store);
  corpus_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kill", test_kill);
  g_test_add_func ("/crash/disk-full", test_disk_full);
  g_test_add_func ("/crash/reader-and-writer", test_reader_and_writer);

  return g_test_run ();
}
