/* bantin-sync-engine.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A sync is a pipeline per feed, run for many feeds at once:
 *
 *   load (writer) -> fetch (HTTP, caller's context) -> parse + prepare
 *   (parser pool) -> apply (writer) -> report (caller's context)
 *
 * The caller's context only does HTTP and bookkeeping. At most a few bodies
 * are held at a time: a new download starts only while fewer than
 * MAX_HELD_BODIES downloaded feeds wait to be parsed or written, so a slow
 * disk slows the downloads instead of filling memory. Big feeds are held
 * by size too (MAX_HELD_BYTES): a feed in memory takes several times its
 * size while it is parsed, so four 4 MB feeds and four more downloading
 * would take a few hundred megabytes. */

#define G_LOG_DOMAIN "bantin-sync"

#include "config.h"

#include "bantin-sync-engine.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "bantin-date.h"
#include "bantin-feed.h"
#include "bantin-feed-parser.h"
#include "bantin-store.h"
#include "bantin-sync-private.h"

#define USER_AGENT "Bantin/" PACKAGE_VERSION " (+https://github.com/bantin)"

#define DEFAULT_TIMEOUT_SECONDS 30
#define DEFAULT_MAX_BODY_SIZE   (32 * 1024 * 1024)
#define DEFAULT_MAX_PER_HOST    4
#define DEFAULT_MAX_TOTAL       16
#define MAX_PARSERS             2
#define MAX_HELD_BODIES         4
/* Bytes of downloaded bodies held, counting each download in flight as
 * the sync's average body so far. Two parsers and a writer stay busy. */
#define MAX_HELD_BYTES          (12 * 1024 * 1024)
#define IDLE_TIMEOUT_SECONDS    60
/* Articles whose page and images one sync fetches, at most: a first sync
 * of many feeds would otherwise crawl whole sites. The rest waits for the
 * next sync, newest first. */
#define DEFAULT_MAX_OFFLINE_ARTICLES 300

struct _BantinSyncEngine
{
  GObject             parent_instance;

  char               *db_path;
  guint               timeout_seconds;
  gsize               max_body_size;
  guint               max_per_host;
  guint               max_total;
  GProxyResolver     *proxy_resolver;
  gboolean            fetch_full_articles;
  gboolean            download_images;
  gsize               max_image_size;
  guint64             max_image_cache_size;
  guint               max_offline_articles;

  /* Made on first use, with the settings of that moment. */
  SoupSession        *session;
  BantinSyncThreads  *threads;
  BantinSiteRules    *rules;

  guint               n_busy;
};

G_DEFINE_FINAL_TYPE (BantinSyncEngine, bantin_sync_engine, G_TYPE_OBJECT)

G_DEFINE_QUARK (bantin-sync-error-quark, bantin_sync_error)

enum {
  PROGRESS,
  FEED_FINISHED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_FETCH_FULL_ARTICLES,
  PROP_DOWNLOAD_IMAGES,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* One feed in a sync. Owned by the SyncOp; each stage of the pipeline has
 * it to itself while it runs. */
typedef struct _SyncOp SyncOp;

typedef struct
{
  SyncOp            *op;
  gint64             feed_id;
  char              *url;
  char              *etag;
  char              *last_modified;
  char              *title;
  char              *host;

  BantinFetchResult *fetch;
  BantinParsedFeed  *parsed;
  BantinFeedUpdate   update;
  gsize              body_size;     /* Counted in SyncOp.held_bytes. */
  char              *error_message;
  guint              new_articles;
  guint              updated_articles;
  gboolean           written;
} FeedWork;

struct _SyncOp
{
  GTask      *task;         /* Our own reference while work is in flight. */
  GArray     *ids;
  gboolean    explicit_ids;
  GPtrArray  *works;        /* FeedWork, all of them. */
  GQueue      waiting;      /* FeedWork not fetched yet. */
  GArray     *written_ids;  /* Feeds whose result was stored. */
  GHashTable *per_host;     /* host -> fetches in flight */
  guint       n_fetching;
  guint       n_held;
  gsize       held_bytes;    /* Of the bodies of the held feeds. */
  guint64     body_bytes;    /* Of every body downloaded so far... */
  guint       n_bodies;      /* ...and how many. */
  guint       n_done;
  guint       n_total;
  guint       n_written;
  gboolean    finishing;
  BantinSyncReport *report;
};

static void
feed_work_free (FeedWork *work)
{
  bantin_feed_update_clear (&work->update);
  g_clear_pointer (&work->parsed, bantin_parsed_feed_free);
  g_clear_pointer (&work->fetch, _bantin_fetch_result_free);
  g_free (work->url);
  g_free (work->etag);
  g_free (work->last_modified);
  g_free (work->title);
  g_free (work->host);
  g_free (work->error_message);
  g_free (work);
}

static void
sync_op_free (SyncOp *op)
{
  g_clear_pointer (&op->ids, g_array_unref);
  g_clear_pointer (&op->written_ids, g_array_unref);
  g_queue_clear (&op->waiting);
  g_clear_pointer (&op->works, g_ptr_array_unref);
  g_clear_pointer (&op->per_host, g_hash_table_unref);
  g_clear_pointer (&op->report, bantin_sync_report_free);
  g_free (op);
}

void
bantin_feed_result_free (BantinFeedResult *result)
{
  if (result == NULL)
    return;

  g_free (result->url);
  g_free (result->title);
  g_free (result->error_message);
  g_free (result);
}

void
bantin_sync_report_free (BantinSyncReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->feeds, g_ptr_array_unref);
  g_free (report);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
_bantin_describe_parse_error (const GError *error)
{
  if (error->domain == BANTIN_FEED_PARSER_ERROR)
    {
      switch ((BantinFeedParserError) error->code)
        {
        case BANTIN_FEED_PARSER_ERROR_EMPTY:
          return g_strdup (_("The server sent an empty document instead of a feed"));
        case BANTIN_FEED_PARSER_ERROR_NOT_A_FEED:
          return g_strdup (_("Not a feed: the page has no RSS, Atom or JSON Feed"));
        case BANTIN_FEED_PARSER_ERROR_MALFORMED:
          {
            /* The parser says "The feed is not well-formed XML (line 6:
             * …)" in English; keep only the detail in parentheses. */
            const char *open = strchr (error->message, '(');
            gsize len = strlen (error->message);

            if (open != NULL && len > 0 && error->message[len - 1] == ')')
              {
                g_autofree char *detail = g_strndup (open + 1, error->message + len - 1 - (open + 1));

                return g_strdup_printf (_("The feed is not well-formed XML: %s"), detail);
              }
            /* Broken JSON, or a document that is neither: its message
             * says what it is by itself. */
            break;
          }
        case BANTIN_FEED_PARSER_ERROR_ENCODING:
          return g_strdup_printf (_("The feed’s text encoding cannot be read: %s"), error->message);
        case BANTIN_FEED_PARSER_ERROR_TOO_LARGE:
          return g_strdup (_("The feed is too large to read"));
        default:
          break;
        }
    }

  return g_strdup_printf (_("The feed could not be read: %s"), error->message);
}

/* Session and threads. */

static GProxyResolver *
get_proxy_resolver (BantinSyncEngine *self)
{
  return self->proxy_resolver != NULL ? self->proxy_resolver : g_proxy_resolver_get_default ();
}

static SoupSession *
ensure_session (BantinSyncEngine *self)
{
  if (self->session == NULL)
    {
      /* TLS: libsoup verifies against the system's CA database, and we never
       * connect to SoupMessage::accept-certificate, so a bad certificate is
       * always an error. */
      self->session = soup_session_new_with_options ("max-conns", self->max_total,
                                                     "max-conns-per-host", self->max_per_host,
                                                     "timeout", self->timeout_seconds,
                                                     "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                     "user-agent", USER_AGENT,
                                                     "proxy-resolver", get_proxy_resolver (self),
                                                     NULL);
    }

  return self->session;
}

static BantinSyncThreads *
ensure_threads (BantinSyncEngine *self)
{
  if (self->threads == NULL)
    self->threads = _bantin_sync_threads_new (self->db_path, MAX_PARSERS);

  return self->threads;
}

/* Settings that libsoup takes only at construction take effect with the
 * next session; a busy engine keeps its session until it is idle. */
static void
drop_session (BantinSyncEngine *self)
{
  if (self->n_busy == 0)
    g_clear_object (&self->session);
}

static void
busy_changed (BantinSyncEngine *self,
              int               delta)
{
  self->n_busy += delta;
}

/* Parsing, on a parser thread. */

static void
parse_work_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  FeedWork *work = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  const guint8 *data;
  gsize len;

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_bytes_get_data (work->fetch->body, &len);
  work->parsed = bantin_feed_parser_parse (data, len, work->fetch->content_type,
                                           work->fetch->final_url, &error);
  /* The body is not needed any more: give its memory back at once. */
  g_clear_pointer (&work->fetch->body, g_bytes_unref);

  if (work->parsed == NULL)
    {
      work->error_message = _bantin_describe_parse_error (error);
      work->update.error_message = work->error_message;
      /* Not a feed at the new address: the subscription stays. */
      work->update.new_url = NULL;
      g_task_return_boolean (task, TRUE);
      return;
    }

  tz = bantin_date_get_timezone ();
  work->update.parsed = work->parsed;
  bantin_feed_update_prepare (&work->update, tz);
  /* Storing needs only what was prepared (and the report the feed's
   * title): the items as parsed, raw HTML and all, can go now rather than
   * wait for the writer. */
  g_ptr_array_set_size (work->parsed->items, 0);

  g_task_return_boolean (task, TRUE);
}

/* Writing, on the writer thread. */

static void
apply_work_writer (BantinStore *store,
                   GTask       *task)
{
  FeedWork *work = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!bantin_store_apply_update (store, &work->update, &work->new_articles,
                                  &work->updated_articles, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_feeds_writer (BantinStore *store,
                   GTask       *task)
{
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) works = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_work_free);
  g_autoptr(GError) error = NULL;
  gint64 now = now_unix ();

  if (op->explicit_ids)
    {
      feeds = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < op->ids->len; i++)
        {
          g_autoptr(GError) local_error = NULL;
          BantinFeed *feed = bantin_store_get_feed (store, g_array_index (op->ids, gint64, i),
                                                    &local_error);

          if (feed != NULL)
            g_ptr_array_add (feeds, feed);
          else if (!g_error_matches (local_error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_NOT_FOUND))
            {
              g_task_return_error (task, g_steal_pointer (&local_error));
              return;
            }
        }
    }
  else
    {
      feeds = bantin_store_list_feeds (store, &error);
      if (feeds == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      BantinFeed *feed = g_ptr_array_index (feeds, i);
      g_autoptr(GUri) uri = NULL;
      FeedWork *work;

      /* A gone feed, or one whose server asked us to wait, is left alone
       * unless the user asked for it by name. */
      if (!op->explicit_ids &&
          (bantin_feed_get_gone (feed) || bantin_feed_get_next_check (feed) > now))
        {
          g_debug ("Skipping feed %" G_GINT64_FORMAT " (gone or told to wait)",
                   bantin_feed_get_id (feed));
          continue;
        }

      work = g_new0 (FeedWork, 1);
      work->op = op;
      work->feed_id = bantin_feed_get_id (feed);
      work->title = g_strdup (bantin_feed_get_title (feed));
      if (!bantin_store_get_feed_validators (store, work->feed_id, &work->url,
                                             &work->etag, &work->last_modified, &error))
        {
          feed_work_free (work);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (work->url == NULL)
        work->url = g_strdup (bantin_feed_get_url (feed));

      uri = g_uri_parse (work->url, SOUP_HTTP_URI_FLAGS, NULL);
      work->host = g_ascii_strdown (uri != NULL && g_uri_get_host (uri) != NULL ?
                                    g_uri_get_host (uri) : "", -1);
      g_ptr_array_add (works, work);
    }

  g_task_return_pointer (task, g_steal_pointer (&works), (GDestroyNotify) g_ptr_array_unref);
}

static void
catch_up_writer (BantinStore *store,
                 GTask       *task)
{
  g_autoptr(GError) error = NULL;

  /* Not cancellable: it is short, and it leaves the index whole. */
  if (!bantin_store_catch_up_search_index (store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The sync itself, on the caller's context. */

static void pump (SyncOp *op);

static void
sync_complete (SyncOp *op)
{
  GTask *task = g_steal_pointer (&op->task);
  BantinSyncEngine *self = g_task_get_source_object (task);

  busy_changed (self, -1);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&op->report),
                         (GDestroyNotify) bantin_sync_report_free);
  g_object_unref (task);
}

static void
catch_up_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyncOp *op = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not update the search index: %s", error->message);

  sync_complete (op);
}

static void
catch_up (SyncOp *op)
{
  BantinSyncEngine *self = g_task_get_source_object (op->task);
  g_autoptr(GTask) task = NULL;

  if (op->n_written == 0 || g_cancellable_is_cancelled (g_task_get_cancellable (op->task)))
    {
      sync_complete (op);
      return;
    }

  /* Index the whole sync's articles in one go (see bantin-store.c),
   * with the text of the pages fetched after the feeds. */
  task = g_task_new (self, NULL, catch_up_cb, op);
  g_task_set_source_tag (task, catch_up);
  _bantin_sync_threads_write (ensure_threads (self), task, catch_up_writer);
}

static void
offline_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SyncOp *op = user_data;
  BantinOfflineStats stats = { 0, };
  g_autoptr(GError) error = NULL;

  if (!_bantin_offline_run_finish (result, &stats, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save articles for offline reading: %s", error->message);

  op->report->pages_fetched = stats.pages_fetched;
  op->report->pages_failed = stats.pages_failed;
  op->report->images_saved = stats.images_saved;
  op->report->images_failed = stats.images_failed;
  op->report->image_bytes = stats.image_bytes;

  catch_up (op);
}

static void
maybe_finish (SyncOp *op)
{
  BantinSyncEngine *self = g_task_get_source_object (op->task);
  BantinOfflineOptions options = { 0, };

  if (op->finishing || op->n_done < op->n_total)
    return;

  op->finishing = TRUE;

  if (op->written_ids->len == 0 ||
      (!self->fetch_full_articles && !self->download_images) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (op->task)))
    {
      catch_up (op);
      return;
    }

  /* The pages and images of the new articles come after every feed, so
   * that a slow news site delays nobody's headlines. */
  if (self->rules == NULL)
    self->rules = bantin_site_rules_new_default ();

  options.session = ensure_session (self);
  options.threads = ensure_threads (self);
  options.rules = self->rules;
  options.fetch_pages = self->fetch_full_articles;
  options.download_images = self->download_images;
  options.max_per_host = self->max_per_host;
  options.max_total = self->max_total;
  options.timeout_seconds = self->timeout_seconds;
  options.max_articles = self->max_offline_articles;
  options.max_image_size = self->max_image_size;
  options.max_cache_size = self->max_image_cache_size;

  _bantin_offline_run_async (&options, &g_array_index (op->written_ids, gint64, 0),
                             op->written_ids->len, g_task_get_cancellable (op->task),
                             offline_cb, op);
}

static void
feed_done (SyncOp   *op,
           FeedWork *work,
           gboolean  cancelled)
{
  BantinSyncEngine *self = g_task_get_source_object (op->task);

  op->n_done++;

  if (!cancelled)
    {
      BantinFeedResult *result = g_new0 (BantinFeedResult, 1);
      gboolean ok = work->written && work->error_message == NULL;

      result->feed_id = work->feed_id;
      result->url = g_strdup (work->update.new_url != NULL ? work->update.new_url : work->url);
      result->title = g_strdup (work->parsed != NULL && work->parsed->title != NULL ?
                                work->parsed->title : work->title);
      result->http_status = work->fetch != NULL ? (int) work->fetch->status : 0;
      result->new_articles = work->new_articles;
      result->updated_articles = work->updated_articles;
      result->error_message = g_strdup (work->error_message);
      g_ptr_array_add (op->report->feeds, result);

      if (!ok)
        op->report->n_failed++;
      op->report->new_articles += work->new_articles;

      g_signal_emit (self, signals[FEED_FINISHED], 0, work->feed_id, ok, work->new_articles);
      g_signal_emit (self, signals[PROGRESS], 0, op->n_done, op->n_total);
    }

  /* Free the parsed items now: the report keeps what it needs. */
  bantin_feed_update_clear (&work->update);
  g_clear_pointer (&work->parsed, bantin_parsed_feed_free);
  if (work->fetch != NULL)
    g_clear_pointer (&work->fetch->body, g_bytes_unref);

  pump (op);
  maybe_finish (op);
}

static void
release_held (SyncOp   *op,
              FeedWork *work)
{
  op->n_held--;
  op->held_bytes -= work->body_size;
  work->body_size = 0;
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SyncOp *op = user_data;
  FeedWork *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  release_held (op, work);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          feed_done (op, work, TRUE);
          return;
        }

      g_warning ("Could not store feed %" G_GINT64_FORMAT ": %s", work->feed_id, error->message);
      g_free (work->error_message);
      work->error_message = g_strdup_printf (_("Could not save the feed: %s"), error->message);
      feed_done (op, work, FALSE);
      return;
    }

  work->written = TRUE;
  op->n_written++;
  g_array_append_val (op->written_ids, work->feed_id);
  feed_done (op, work, FALSE);
}

static void
write_work (SyncOp   *op,
            FeedWork *work)
{
  BantinSyncEngine *self = g_task_get_source_object (op->task);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, g_task_get_cancellable (op->task), apply_cb, op);
  g_task_set_source_tag (task, write_work);
  g_task_set_task_data (task, work, NULL);
  _bantin_sync_threads_write (ensure_threads (self), task, apply_work_writer);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SyncOp *op = user_data;
  FeedWork *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      release_held (op, work);
      feed_done (op, work, TRUE);
      return;
    }

  write_work (op, work);
}

/* What the store is told, from what HTTP said. Strings are borrowed from
 * @work, which outlives the update. */
static void
fill_update (FeedWork *work)
{
  BantinFetchResult *fetch = work->fetch;
  BantinFeedUpdate *update = &work->update;

  update->feed_id = work->feed_id;
  update->checked_at = now_unix ();
  update->http_status = (int) fetch->status;

  if (fetch->status == SOUP_STATUS_NOT_MODIFIED)
    {
      update->etag = fetch->etag != NULL ? fetch->etag : work->etag;
      update->last_modified = fetch->last_modified != NULL ? fetch->last_modified : work->last_modified;
    }
  else if (fetch->error == NULL)
    {
      update->etag = fetch->etag;
      update->last_modified = fetch->last_modified;
    }
  else
    {
      /* A failure says nothing about the feed's version: keep ours. */
      update->etag = work->etag;
      update->last_modified = work->last_modified;
    }

  /* A permanent redirect moves the subscription only when the new address
   * works: a chain that ends in an error (a loop, a bad certificate, a
   * 404) would otherwise move it somewhere it can never come back from. */
  if (fetch->error == NULL && fetch->permanent_url != NULL &&
      g_strcmp0 (fetch->permanent_url, work->url) != 0)
    update->new_url = fetch->permanent_url;

  if (fetch->error != NULL)
    {
      work->error_message = g_strdup (fetch->error->message);
      update->error_message = work->error_message;
    }

  update->gone = fetch->status == SOUP_STATUS_GONE;
  update->next_check = fetch->retry_after;
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FeedWork *work = user_data;
  SyncOp *op = work->op;
  BantinSyncEngine *self = g_task_get_source_object (op->task);
  g_autoptr(GError) error = NULL;
  guint in_host;

  op->n_fetching--;
  in_host = GPOINTER_TO_UINT (g_hash_table_lookup (op->per_host, work->host));
  g_hash_table_insert (op->per_host, g_strdup (work->host), GUINT_TO_POINTER (in_host - 1));

  work->fetch = _bantin_fetch_finish (result, &error);
  if (work->fetch == NULL)
    {
      /* Only a cancellation ends a fetch without a result. */
      feed_done (op, work, TRUE);
      return;
    }

  fill_update (work);
  op->n_held++;
  if (work->fetch->body != NULL)
    {
      work->body_size = g_bytes_get_size (work->fetch->body);
      op->held_bytes += work->body_size;
      op->body_bytes += work->body_size;
      op->n_bodies++;
    }

  if (work->fetch->error == NULL && work->fetch->body != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, g_task_get_cancellable (op->task), parse_cb, op);

      g_task_set_source_tag (task, fetch_cb);
      g_task_set_task_data (task, work, NULL);
      _bantin_sync_threads_parse (ensure_threads (self), task, parse_work_thread);
    }
  else
    {
      write_work (op, work);
    }

  pump (op);
}

static void
start_fetch (SyncOp   *op,
             FeedWork *work)
{
  BantinSyncEngine *self = g_task_get_source_object (op->task);
  guint in_host = GPOINTER_TO_UINT (g_hash_table_lookup (op->per_host, work->host));

  op->n_fetching++;
  g_hash_table_insert (op->per_host, g_strdup (work->host), GUINT_TO_POINTER (in_host + 1));

  g_debug ("Fetching %s", work->url);
  _bantin_fetch_async (ensure_session (self), work->url, work->etag, work->last_modified,
                       self->max_body_size, self->timeout_seconds,
                       g_task_get_cancellable (op->task), fetch_cb, work);
}

/* Whether memory allows one more download: always when nothing else is
 * in memory, so that a feed bigger than the budget still gets through. */
static gboolean
may_hold_another (SyncOp *op)
{
  guint64 average;

  if (op->n_held == 0 && op->n_fetching == 0)
    return TRUE;

  average = op->n_bodies > 0 ? op->body_bytes / op->n_bodies : 0;
  return op->held_bytes + (op->n_fetching + 1) * average <= MAX_HELD_BYTES;
}

static void
pump (SyncOp *op)
{
  BantinSyncEngine *self = g_task_get_source_object (op->task);
  GList *l;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (op->task)))
    {
      FeedWork *work;

      /* Nothing new starts; what is queued ends now. */
      while ((work = g_queue_pop_head (&op->waiting)) != NULL)
        op->n_done++;
      return;
    }

  l = op->waiting.head;
  while (l != NULL && op->n_fetching < self->max_total &&
         op->n_fetching + op->n_held < self->max_total + MAX_HELD_BODIES &&
         op->n_held < MAX_HELD_BODIES && may_hold_another (op))
    {
      FeedWork *work = l->data;
      GList *next = l->next;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (op->per_host, work->host)) < self->max_per_host)
        {
          g_queue_delete_link (&op->waiting, l);
          start_fetch (op, work);
        }
      l = next;
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncOp *op = user_data;
  BantinSyncEngine *self = g_task_get_source_object (op->task);
  g_autoptr(GError) error = NULL;
  GPtrArray *works;

  works = g_task_propagate_pointer (G_TASK (result), &error);
  if (works == NULL)
    {
      GTask *task = g_steal_pointer (&op->task);

      busy_changed (self, -1);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  op->works = works;
  op->n_total = works->len;
  for (guint i = 0; i < works->len; i++)
    g_queue_push_tail (&op->waiting, g_ptr_array_index (works, i));

  g_signal_emit (self, signals[PROGRESS], 0, 0, op->n_total);

  pump (op);
  maybe_finish (op);
}

/* Subscribing. */

typedef struct
{
  char              *url;
  char              *folder;
  char              *feed_url;     /* What we subscribe to. */
  char             **candidates;   /* Feeds an HTML page links to. */
  guint              next_candidate;
  char              *last_error;
  BantinFetchResult *fetch;
  BantinParsedFeed  *parsed;
  BantinFeedUpdate   update;
  char              *parse_error;
} SubscribeOp;

static void
subscribe_op_free (SubscribeOp *op)
{
  bantin_feed_update_clear (&op->update);
  g_clear_pointer (&op->parsed, bantin_parsed_feed_free);
  g_clear_pointer (&op->fetch, _bantin_fetch_result_free);
  g_free (op->url);
  g_free (op->folder);
  g_free (op->feed_url);
  g_strfreev (op->candidates);
  g_free (op->last_error);
  g_free (op->parse_error);
  g_free (op);
}

static void subscribe_try (GTask      *task,
                           const char *url);

static void
return_exists (GTask *task)
{
  g_task_return_new_error (task, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS,
                           "%s", _("You are already subscribed to this feed"));
}

static void
subscribe_writer (BantinStore *store,
                  GTask       *task)
{
  SubscribeOp *op = g_task_get_task_data (task);
  g_autoptr(BantinFeed) existing = NULL;
  g_autoptr(GError) error = NULL;
  const char *title;
  gint64 feed_id;

  existing = bantin_store_find_feed (store, op->feed_url, NULL);
  if (existing != NULL)
    {
      return_exists (task);
      return;
    }

  title = op->parsed->title != NULL && *op->parsed->title != '\0' ? op->parsed->title : op->feed_url;
  feed_id = bantin_store_add_feed (store, op->feed_url, title, op->folder, &error);
  if (error != NULL || feed_id <= 0)
    {
      if (g_error_matches (error, BANTIN_STORE_ERROR, BANTIN_STORE_ERROR_EXISTS))
        return_exists (task);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op->update.feed_id = feed_id;
  if (!bantin_store_apply_update (store, &op->update, NULL, NULL, &error))
    {
      /* Leave no half subscription behind. */
      bantin_store_remove_feed (store, feed_id, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!bantin_store_catch_up_search_index (store, &error))
    g_warning ("Could not update the search index: %s", error->message);

  g_task_return_int (task, feed_id);
}

static void
subscribe_exists_writer (BantinStore *store,
                         GTask       *task)
{
  SubscribeOp *op = g_task_get_task_data (task);
  g_autoptr(BantinFeed) existing = bantin_store_find_feed (store, op->url, NULL);

  g_task_return_boolean (task, existing != NULL);
}

static void
subscribe_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gssize feed_id;

  feed_id = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, feed_id);
}

/* Takes @task. */
static void
subscribe_next_candidate (GTask      *task,
                          const char *error_message)
{
  SubscribeOp *op = g_task_get_task_data (task);

  if (error_message != NULL)
    {
      g_free (op->last_error);
      op->last_error = g_strdup (error_message);
    }

  if (op->candidates != NULL && op->candidates[op->next_candidate] != NULL)
    {
      subscribe_try (task, op->candidates[op->next_candidate++]);
      return;
    }

  if (op->candidates != NULL)
    g_task_return_new_error (task, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_NOT_A_FEED,
                             _("The page links to a feed, but it could not be read: %s"),
                             op->last_error);
  else
    g_task_return_new_error (task, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_FAILED,
                             "%s", op->last_error);
  g_object_unref (task);
}

static void
subscribe_parse_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  SubscribeOp *op = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  const guint8 *data;
  gsize len;

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_bytes_get_data (op->fetch->body, &len);
  op->parsed = bantin_feed_parser_parse (data, len, op->fetch->content_type,
                                         op->fetch->final_url, &error);
  if (op->parsed == NULL)
    {
      /* An HTML page: look for the feeds it announces, the first time. */
      if (op->candidates == NULL &&
          g_error_matches (error, BANTIN_FEED_PARSER_ERROR, BANTIN_FEED_PARSER_ERROR_NOT_A_FEED))
        {
          op->candidates = bantin_feed_parser_discover (data, len, op->fetch->content_type,
                                                        op->fetch->final_url);
          if (op->candidates != NULL && op->candidates[0] == NULL)
            g_clear_pointer (&op->candidates, g_strfreev);
        }
      op->parse_error = _bantin_describe_parse_error (error);
      g_clear_pointer (&op->fetch->body, g_bytes_unref);
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_clear_pointer (&op->fetch->body, g_bytes_unref);

  op->update.checked_at = now_unix ();
  op->update.http_status = (int) op->fetch->status;
  op->update.etag = op->fetch->etag;
  op->update.last_modified = op->fetch->last_modified;
  op->update.parsed = op->parsed;
  tz = bantin_date_get_timezone ();
  bantin_feed_update_prepare (&op->update, tz);

  g_task_return_boolean (task, TRUE);
}

static void
subscribe_parsed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BantinSyncEngine *self = g_task_get_source_object (task);
  SubscribeOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) write = NULL;
  gboolean was_page;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Not a feed. If it was the page we were given and it names feeds,
       * try them in order; otherwise this candidate failed. */
      was_page = op->next_candidate == 0;
      if (was_page && op->candidates == NULL)
        {
          g_task_return_new_error (task, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_NOT_A_FEED,
                                   "%s", op->parse_error);
          return;
        }
      subscribe_next_candidate (g_steal_pointer (&task), op->parse_error);
      return;
    }

  write = g_task_new (self, g_task_get_cancellable (task), subscribe_written_cb,
                      g_object_ref (task));
  g_task_set_source_tag (write, subscribe_parsed_cb);
  g_task_set_task_data (write, op, NULL);
  _bantin_sync_threads_write (ensure_threads (self), write, subscribe_writer);
}

static void
subscribe_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BantinSyncEngine *self = g_task_get_source_object (task);
  SubscribeOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) parse = NULL;

  g_clear_pointer (&op->fetch, _bantin_fetch_result_free);
  op->fetch = _bantin_fetch_finish (result, &error);
  if (op->fetch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->fetch->error == NULL && op->fetch->body == NULL)
    g_set_error_literal (&op->fetch->error, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_FAILED,
                         _("The server sent no feed"));

  if (op->fetch->error != NULL)
    {
      if (op->candidates == NULL)
        {
          g_task_return_error (task, g_error_copy (op->fetch->error));
          return;
        }
      subscribe_next_candidate (g_steal_pointer (&task), op->fetch->error->message);
      return;
    }

  g_free (op->feed_url);
  op->feed_url = g_strdup (op->fetch->permanent_url != NULL ? op->fetch->permanent_url :
                           op->fetch->url);
  g_clear_pointer (&op->parse_error, g_free);

  parse = g_task_new (self, g_task_get_cancellable (task), subscribe_parsed_cb,
                      g_object_ref (task));
  g_task_set_source_tag (parse, subscribe_fetched_cb);
  g_task_set_task_data (parse, op, NULL);
  _bantin_sync_threads_parse (ensure_threads (self), parse, subscribe_parse_thread);
}

static void
subscribe_try (GTask      *task,
               const char *url)
{
  BantinSyncEngine *self = g_task_get_source_object (task);

  g_debug ("Subscribe: trying %s", url);
  _bantin_fetch_async (ensure_session (self), url, NULL, NULL, self->max_body_size,
                       self->timeout_seconds, g_task_get_cancellable (task),
                       subscribe_fetched_cb, task);
}

static void
subscribe_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SubscribeOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean exists;

  exists = g_task_propagate_boolean (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (exists)
    {
      return_exists (task);
      return;
    }

  subscribe_try (g_steal_pointer (&task), op->url);
}

/* GObject. */

static void
bantin_sync_engine_finalize (GObject *object)
{
  BantinSyncEngine *self = (BantinSyncEngine *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->threads, _bantin_sync_threads_free);
  g_clear_pointer (&self->rules, bantin_site_rules_unref);
  g_clear_object (&self->proxy_resolver);
  g_free (self->db_path);

  G_OBJECT_CLASS (bantin_sync_engine_parent_class)->finalize (object);
}

static void
bantin_sync_engine_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BantinSyncEngine *self = BANTIN_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_FETCH_FULL_ARTICLES:
      g_value_set_boolean (value, self->fetch_full_articles);
      break;

    case PROP_DOWNLOAD_IMAGES:
      g_value_set_boolean (value, self->download_images);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_sync_engine_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BantinSyncEngine *self = BANTIN_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_FETCH_FULL_ARTICLES:
      bantin_sync_engine_set_fetch_full_articles (self, g_value_get_boolean (value));
      break;

    case PROP_DOWNLOAD_IMAGES:
      bantin_sync_engine_set_download_images (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_sync_engine_class_init (BantinSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bantin_sync_engine_finalize;
  object_class->get_property = bantin_sync_engine_get_property;
  object_class->set_property = bantin_sync_engine_set_property;

  /**
   * BantinSyncEngine:fetch-full-articles:
   *
   * Whether a sync fetches the web page of each new article whose feed
   * gives only a summary (or of every new article, for feeds set so), and
   * keeps the article extracted from it for offline reading.
   */
  properties[PROP_FETCH_FULL_ARTICLES] =
    g_param_spec_boolean ("fetch-full-articles", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BantinSyncEngine:download-images:
   *
   * Whether a sync saves the images of new articles in the image cache.
   */
  properties[PROP_DOWNLOAD_IMAGES] =
    g_param_spec_boolean ("download-images", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BantinSyncEngine::progress:
   * @done: feeds finished so far
   * @total: feeds in this sync
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * BantinSyncEngine::feed-finished:
   * @feed_id: the feed
   * @ok: whether it was fetched (or not modified) and stored
   * @new_articles: articles it did not have before
   */
  signals[FEED_FINISHED] =
    g_signal_new ("feed-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_BOOLEAN, G_TYPE_UINT);
}

static void
bantin_sync_engine_init (BantinSyncEngine *self)
{
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->max_per_host = DEFAULT_MAX_PER_HOST;
  self->max_total = DEFAULT_MAX_TOTAL;
  /* BANTIN_OFFLINE_CONTENT=0 turns both off by default: the test suite
   * sets it, because its feeds link to pages on hosts that do not exist
   * and tests never touch the network (tests/meson.build). */
  self->fetch_full_articles = g_strcmp0 (g_getenv ("BANTIN_OFFLINE_CONTENT"), "0") != 0;
  self->download_images = self->fetch_full_articles;
  self->max_image_size = BANTIN_IMAGE_CACHE_DEFAULT_MAX_IMAGE_SIZE;
  self->max_image_cache_size = BANTIN_IMAGE_CACHE_DEFAULT_MAX_TOTAL_SIZE;
  self->max_offline_articles = DEFAULT_MAX_OFFLINE_ARTICLES;
}

/**
 * bantin_sync_engine_new:
 * @db_path: (nullable): the database file, or %NULL for the default one
 *
 * The engine writes to @db_path through a connection of its own, on a
 * thread of its own; readers keep theirs.
 */
BantinSyncEngine *
bantin_sync_engine_new (const char *db_path)
{
  BantinSyncEngine *self = g_object_new (BANTIN_TYPE_SYNC_ENGINE, NULL);

  self->db_path = db_path != NULL ? g_strdup (db_path) : bantin_store_default_path ();

  return self;
}

const char *
bantin_sync_engine_get_db_path (BantinSyncEngine *self)
{
  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (self), NULL);

  return self->db_path;
}

/**
 * bantin_sync_engine_set_timeout:
 *
 * How long the server may stay silent (connecting, or between two reads)
 * before the feed fails; a whole feed may take four times as long.
 */
void
bantin_sync_engine_set_timeout (BantinSyncEngine *self,
                                guint             seconds)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
  if (self->session != NULL)
    soup_session_set_timeout (self->session, seconds);
}

void
bantin_sync_engine_set_max_body_size (BantinSyncEngine *self,
                                      gsize             max_bytes)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));
  g_return_if_fail (max_bytes > 0);

  self->max_body_size = max_bytes;
}

void
bantin_sync_engine_set_max_per_host (BantinSyncEngine *self,
                                     guint             max_per_host)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));
  g_return_if_fail (max_per_host > 0);

  if (self->max_per_host == max_per_host)
    return;

  self->max_per_host = max_per_host;
  drop_session (self);
}

void
bantin_sync_engine_set_proxy_resolver (BantinSyncEngine *self,
                                       GProxyResolver   *resolver)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  if (!g_set_object (&self->proxy_resolver, resolver))
    return;

  /* Idle keep-alive connections would go on through the old proxy (or
   * around it): when nothing is running, start from a new session. */
  if (self->session != NULL && self->n_busy == 0)
    g_clear_object (&self->session);
  else if (self->session != NULL)
    soup_session_set_proxy_resolver (self->session, get_proxy_resolver (self));
}

gboolean
bantin_sync_engine_get_fetch_full_articles (BantinSyncEngine *self)
{
  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (self), FALSE);

  return self->fetch_full_articles;
}

void
bantin_sync_engine_set_fetch_full_articles (BantinSyncEngine *self,
                                            gboolean          fetch_full_articles)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));

  fetch_full_articles = !!fetch_full_articles;
  if (self->fetch_full_articles == fetch_full_articles)
    return;

  self->fetch_full_articles = fetch_full_articles;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCH_FULL_ARTICLES]);
}

gboolean
bantin_sync_engine_get_download_images (BantinSyncEngine *self)
{
  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (self), FALSE);

  return self->download_images;
}

void
bantin_sync_engine_set_download_images (BantinSyncEngine *self,
                                        gboolean          download_images)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));

  download_images = !!download_images;
  if (self->download_images == download_images)
    return;

  self->download_images = download_images;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD_IMAGES]);
}

/**
 * bantin_sync_engine_set_image_limits:
 * @max_image_size: the largest image saved, in bytes (0: 5 MiB)
 * @max_cache_size: the most all saved images may take, in bytes
 *   (0: 512 MiB)
 */
void
bantin_sync_engine_set_image_limits (BantinSyncEngine *self,
                                     gsize             max_image_size,
                                     guint64           max_cache_size)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));

  self->max_image_size = max_image_size > 0 ? max_image_size
                                            : BANTIN_IMAGE_CACHE_DEFAULT_MAX_IMAGE_SIZE;
  self->max_image_cache_size = max_cache_size > 0 ? max_cache_size
                                                  : BANTIN_IMAGE_CACHE_DEFAULT_MAX_TOTAL_SIZE;
}

/**
 * bantin_sync_engine_set_max_offline_articles:
 *
 * How many articles one sync fetches pages and images for, at most,
 * newest first; the rest waits for the next sync.
 */
void
bantin_sync_engine_set_max_offline_articles (BantinSyncEngine *self,
                                             guint             max_articles)
{
  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));
  g_return_if_fail (max_articles > 0);

  self->max_offline_articles = max_articles;
}

gboolean
bantin_sync_engine_get_busy (BantinSyncEngine *self)
{
  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (self), FALSE);

  return self->n_busy > 0;
}

/**
 * bantin_sync_engine_sync_async:
 * @feed_ids: (array length=n_feed_ids) (nullable): the feeds, or %NULL for all
 *
 * Fetches feeds and stores what changed. Without @feed_ids every feed is
 * synced except those that are gone (HTTP 410) or whose server asked us to
 * wait (Retry-After); feeds named in @feed_ids are tried regardless.
 */
void
bantin_sync_engine_sync_async (BantinSyncEngine    *self,
                               const gint64        *feed_ids,
                               guint                n_feed_ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) load = NULL;
  SyncOp *op;

  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));
  g_return_if_fail (feed_ids != NULL || n_feed_ids == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (SyncOp, 1);
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, bantin_sync_engine_sync_async);
  g_task_set_task_data (op->task, op, (GDestroyNotify) sync_op_free);
  op->explicit_ids = n_feed_ids > 0;
  op->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_feed_ids);
  if (n_feed_ids > 0)
    g_array_append_vals (op->ids, feed_ids, n_feed_ids);
  op->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->written_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  op->report = g_new0 (BantinSyncReport, 1);
  op->report->feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_feed_result_free);
  g_queue_init (&op->waiting);

  busy_changed (self, +1);

  load = g_task_new (self, NULL, loaded_cb, op);
  g_task_set_source_tag (load, bantin_sync_engine_sync_async);
  g_task_set_task_data (load, op, NULL);
  _bantin_sync_threads_write (ensure_threads (self), load, load_feeds_writer);
}

BantinSyncReport *
bantin_sync_engine_sync_finish (BantinSyncEngine  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
normalize_subscription_url (const char *text)
{
  g_autofree char *url = g_strstrip (g_strdup (text));

  if (g_str_has_prefix (url, "feed://"))
    return g_strconcat ("http://", url + strlen ("feed://"), NULL);
  if (g_str_has_prefix (url, "feed:"))
    return g_strdup (url + strlen ("feed:"));
  if (strstr (url, "://") == NULL)
    return g_strconcat ("https://", url, NULL);

  return g_steal_pointer (&url);
}

/**
 * bantin_sync_engine_subscribe_async:
 * @url: a feed, or a web page that links to one
 * @folder: (nullable): where to file it
 *
 * Fetches @url. A feed is added with its own title and its first items, in
 * one pass; an HTML page is searched for <link rel="alternate"> feeds and
 * the first that can be read is added. Fails with
 * %BANTIN_STORE_ERROR_EXISTS if that feed is already subscribed.
 */
void
bantin_sync_engine_subscribe_async (BantinSyncEngine    *self,
                                    const char          *url,
                                    const char          *folder,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) check = NULL;
  SubscribeOp *op;

  g_return_if_fail (BANTIN_IS_SYNC_ENGINE (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bantin_sync_engine_subscribe_async);

  op = g_new0 (SubscribeOp, 1);
  op->url = normalize_subscription_url (url);
  op->folder = folder != NULL && *folder != '\0' ? g_strdup (folder) : NULL;
  g_task_set_task_data (task, op, (GDestroyNotify) subscribe_op_free);

  check = g_task_new (self, cancellable, subscribe_checked_cb, g_steal_pointer (&task));
  g_task_set_source_tag (check, bantin_sync_engine_subscribe_async);
  g_task_set_task_data (check, op, NULL);
  _bantin_sync_threads_write (ensure_threads (self), check, subscribe_exists_writer);
}

/**
 * bantin_sync_engine_subscribe_finish:
 *
 * Returns: the new feed's id, or 0 with @error set.
 */
gint64
bantin_sync_engine_subscribe_finish (BantinSyncEngine  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  gssize feed_id;

  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  feed_id = g_task_propagate_int (G_TASK (result), error);

  return feed_id > 0 ? feed_id : 0;
}
