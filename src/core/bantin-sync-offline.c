/* bantin-sync-offline.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The second half of a sync: what the new articles are owed for reading
 * with no network. It runs after the feeds, as a queue of lower priority,
 * one pipeline per article:
 *
 *   list (writer) -> decide (parser pool: is the feed's content a summary?)
 *   -> fetch the page (HTTP) -> extract + collect image URLs (parser pool)
 *   -> record the page, link the images (writer)
 *   -> fetch each image not saved yet (HTTP) -> sniff + hash + write the
 *   file (parser pool) -> record the images (writer)
 *
 * Fetches keep to the engine's per-host limit, and a host that answers
 * 429 or 503 is left alone for the rest of the sync; what it still owes
 * waits for the next one. A page is asked for once: the store records
 * that it was tried, and retries only failures that may pass (no answer,
 * 5xx), at most BANTIN_STORE_MAX_PAGE_TRIES times. An image URL is
 * downloaded once per sync even when many articles show it. */

#define G_LOG_DOMAIN "bantin-sync"

#include "config.h"

#include "bantin-sync-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bantin-extractor.h"
#include "bantin-image-urls.h"

/* RFC 6585; libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

/* Pages downloaded but not extracted yet, at most: extraction is slower
 * than a local network. */
#define MAX_HELD_PAGES 4

typedef struct _OfflineRun OfflineRun;

typedef struct
{
  OfflineRun         *run;
  BantinOfflineWork  *work;
  char               *host;
  gboolean            need_page;

  BantinFetchResult  *fetch;
  gboolean            has_page;
  char               *page_url;
  char               *page_error;
  gboolean            page_retry;
  int                 page_status;
  char               *full_content;
  gsize               text_length;
  char              **image_urls;
  char              **download;

  GArray             *image_results;   /* BantinImageResult, strings owned. */
  guint               n_images_left;
  gboolean            images_complete;
} ArticleJob;

typedef struct
{
  ArticleJob         *job;
  char               *url;
  char               *host;
  BantinFetchResult  *fetch;
  BantinImageResult   result;          /* Strings owned. */
} ImageJob;

struct _OfflineRun
{
  GTask               *task;
  BantinOfflineOptions options;
  GArray              *feed_ids;
  BantinImageCache    *cache;

  GPtrArray           *jobs;           /* ArticleJob, all of them. */
  GQueue               pages;          /* ArticleJob waiting for their page. */
  GQueue               images;         /* ImageJob waiting to be fetched. */
  GHashTable          *per_host;       /* host -> fetches in flight */
  GHashTable          *backed_off;     /* hosts that asked us to wait */
  GHashTable          *seen_images;    /* URLs handled in this run */
  guint                n_fetching;
  guint                n_held;
  guint                n_active;
  BantinOfflineStats   stats;
};

static void pump (OfflineRun *run);

static void
image_result_clear (BantinImageResult *result)
{
  g_free ((char *) result->url);
  g_free ((char *) result->hash);
  g_free ((char *) result->mime_type);
  g_free ((char *) result->error_message);
  memset (result, 0, sizeof *result);
}

static void
article_job_free (ArticleJob *job)
{
  bantin_offline_work_free (job->work);
  g_clear_pointer (&job->fetch, _bantin_fetch_result_free);
  g_free (job->host);
  g_free (job->page_url);
  g_free (job->page_error);
  g_free (job->full_content);
  g_strfreev (job->image_urls);
  g_strfreev (job->download);
  g_clear_pointer (&job->image_results, g_array_unref);
  g_free (job);
}

static void
image_job_free (ImageJob *image)
{
  g_clear_pointer (&image->fetch, _bantin_fetch_result_free);
  g_free (image->url);
  g_free (image->host);
  image_result_clear (&image->result);
  g_free (image);
}

static void
offline_run_free (OfflineRun *run)
{
  g_queue_clear (&run->pages);
  g_queue_clear_full (&run->images, (GDestroyNotify) image_job_free);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_clear_pointer (&run->feed_ids, g_array_unref);
  g_clear_pointer (&run->per_host, g_hash_table_unref);
  g_clear_pointer (&run->backed_off, g_hash_table_unref);
  g_clear_pointer (&run->seen_images, g_hash_table_unref);
  g_clear_object (&run->cache);
  g_clear_object (&run->options.session);
  g_clear_pointer (&run->options.rules, bantin_site_rules_unref);
  g_free (run);
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

  return g_ascii_strdown (uri != NULL && g_uri_get_host (uri) != NULL ?
                          g_uri_get_host (uri) : "", -1);
}

static gboolean
is_web_address (const char *url)
{
  return url != NULL &&
         (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
          g_ascii_strncasecmp (url, "https://", 8) == 0);
}

static GCancellable *
run_cancellable (OfflineRun *run)
{
  return g_task_get_cancellable (run->task);
}

static gboolean
is_cancelled (OfflineRun *run)
{
  return g_cancellable_is_cancelled (run_cancellable (run));
}

static void
host_started (OfflineRun *run,
              const char *host)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (run->per_host, host));

  g_hash_table_insert (run->per_host, g_strdup (host), GUINT_TO_POINTER (n + 1));
  run->n_fetching++;
}

static void
host_finished (OfflineRun *run,
               const char *host)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (run->per_host, host));

  g_hash_table_insert (run->per_host, g_strdup (host), GUINT_TO_POINTER (n - 1));
  run->n_fetching--;
}

static gboolean
host_has_room (OfflineRun *run,
               const char *host)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (run->per_host, host)) < run->options.max_per_host;
}

/* A server that says "too many requests" or "unavailable" is given a rest
 * until the next sync. */
static gboolean
back_off_if_asked (OfflineRun        *run,
                   const char        *host,
                   BantinFetchResult *fetch)
{
  if (fetch->status != HTTP_TOO_MANY_REQUESTS && fetch->status != SOUP_STATUS_SERVICE_UNAVAILABLE)
    return FALSE;

  if (!g_hash_table_contains (run->backed_off, host))
    {
      g_debug ("%s asked us to wait (HTTP %u): no more pages or images from it in this sync",
               host, fetch->status);
      g_hash_table_add (run->backed_off, g_strdup (host));
    }

  return TRUE;
}

/* Failures that may pass by the next sync. */
static gboolean
is_transient (BantinFetchResult *fetch)
{
  if (fetch->error != NULL &&
      g_error_matches (fetch->error, BANTIN_SYNC_ERROR, BANTIN_SYNC_ERROR_TOO_LARGE))
    return FALSE;

  return fetch->status == 0 || fetch->status >= 500 ||
         fetch->status == SOUP_STATUS_REQUEST_TIMEOUT ||
         fetch->status == HTTP_TOO_MANY_REQUESTS;
}

/* The end of the run. */

static void
run_complete (OfflineRun *run)
{
  GTask *task = g_steal_pointer (&run->task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
job_done (ArticleJob *job)
{
  OfflineRun *run = job->run;

  /* Free the article's text at once; the job stays in run->jobs. */
  g_clear_pointer (&job->fetch, _bantin_fetch_result_free);
  g_clear_pointer (&job->full_content, g_free);

  run->n_active--;
  pump (run);
}

/* Images. */

static void
images_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ArticleJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not record the images of article %" G_GINT64_FORMAT ": %s",
               job->work->article_id, error->message);

  job_done (job);
}

static void
save_images_writer (BantinStore *store,
                    GTask       *task)
{
  ArticleJob *job = g_task_get_task_data (task);
  const BantinImageResult *results = job->image_results->len > 0 ?
                                     &g_array_index (job->image_results, BantinImageResult, 0) : NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!bantin_store_save_article_images (store, job->work->article_id, results,
                                         job->image_results->len, job->images_complete, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_images (ArticleJob *job)
{
  OfflineRun *run = job->run;
  g_autoptr(GTask) task = NULL;

  if (job->image_results->len == 0 && !job->images_complete)
    {
      job_done (job);
      return;
    }

  task = g_task_new (NULL, run_cancellable (run), images_saved_cb, job);
  g_task_set_source_tag (task, save_images);
  g_task_set_task_data (task, job, NULL);
  _bantin_sync_threads_write (run->options.threads, task, save_images_writer);
  pump (run);
}

static void
image_finished (ImageJob *image,
                gboolean  tried)
{
  ArticleJob *job = image->job;
  OfflineRun *run = job->run;

  if (tried)
    {
      if (image->result.hash != NULL)
        {
          run->stats.images_saved++;
          run->stats.image_bytes += (guint64) image->result.bytes;
        }
      else
        {
          run->stats.images_failed++;
        }

      /* An image that may come later keeps the article owed, so the
       * next sync tries it again. */
      if (image->result.hash == NULL && image->result.retry)
        job->images_complete = FALSE;

      g_array_append_val (job->image_results, image->result);
      memset (&image->result, 0, sizeof image->result);
    }
  else
    {
      /* Cancelled, or the host asked us to wait: the next sync tries. */
      job->images_complete = FALSE;
    }

  image_job_free (image);

  job->n_images_left--;
  if (job->n_images_left > 0)
    {
      pump (run);
      return;
    }

  save_images (job);
}

static void
put_image_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImageJob *image = task_data;
  OfflineRun *run = image->job->run;
  g_autoptr(GError) error = NULL;
  char *hash = NULL;
  const guint8 *data;
  gsize len;

  data = g_bytes_get_data (image->fetch->body, &len);
  if (bantin_image_cache_put (run->cache, image->url, image->fetch->body, &hash, &error))
    {
      image->result.hash = hash;
      image->result.bytes = (gint64) len;
      image->result.mime_type = g_strdup (bantin_image_type_to_mime_type (bantin_image_sniff (data, len)));
    }
  else
    {
      image->result.error_message = g_strdup (error->message);
      /* A full cache may have room after a cleanup; the rest will not
       * change. */
      image->result.retry = g_error_matches (error, BANTIN_IMAGE_CACHE_ERROR,
                                             BANTIN_IMAGE_CACHE_ERROR_FULL);
    }

  g_clear_pointer (&image->fetch->body, g_bytes_unref);
  g_task_return_boolean (task, TRUE);
}

static void
image_put_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ImageJob *image = user_data;

  image_finished (image, TRUE);
}

static void
image_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ImageJob *image = user_data;
  OfflineRun *run = image->job->run;
  g_autoptr(GError) error = NULL;

  host_finished (run, image->host);

  image->fetch = _bantin_fetch_finish (result, &error);
  if (image->fetch == NULL || back_off_if_asked (run, image->host, image->fetch))
    {
      image_finished (image, FALSE);
      return;
    }

  if (image->fetch->error != NULL || image->fetch->body == NULL)
    {
      image->result.error_message = g_strdup (image->fetch->error != NULL ?
                                              image->fetch->error->message :
                                              _("The server sent no image"));
      image->result.retry = is_transient (image->fetch);
      image_finished (image, TRUE);
      return;
    }

  {
    g_autoptr(GTask) task = g_task_new (NULL, NULL, image_put_cb, image);

    g_task_set_source_tag (task, image_fetched_cb);
    g_task_set_task_data (task, image, NULL);
    _bantin_sync_threads_parse (run->options.threads, task, put_image_thread);
  }
}

static void
start_image (OfflineRun *run,
             ImageJob   *image)
{
  host_started (run, image->host);
  g_debug ("Fetching image %s", image->url);
  /* One byte over the cap is enough to know that an image is too large. */
  _bantin_fetch_async (run->options.session, image->url, NULL, NULL,
                       run->options.max_image_size + 1, run->options.timeout_seconds,
                       run_cancellable (run), image_fetched_cb, image);
}

/* Pages. */

static void queue_images (ArticleJob *job);

static void
page_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ArticleJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not record the page of article %" G_GINT64_FORMAT ": %s",
                   job->work->article_id, error->message);
      job_done (job);
      return;
    }

  queue_images (job);
}

static void
save_page_writer (BantinStore *store,
                  GTask       *task)
{
  ArticleJob *job = g_task_get_task_data (task);
  BantinArticlePage page = { 0, };
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  page.url = job->page_url;
  page.http_status = job->page_status;
  page.error_message = job->page_error;
  page.retry = job->page_retry;
  page.full_content = job->full_content;
  page.text_length = job->text_length;

  if (!bantin_store_save_article_page (store, job->work->article_id,
                                       job->has_page ? &page : NULL,
                                       (const char * const *) job->image_urls,
                                       job->run->options.download_images,
                                       &job->download, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_page (ArticleJob *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, run_cancellable (job->run), page_saved_cb, job);

  g_task_set_source_tag (task, save_page);
  g_task_set_task_data (task, job, NULL);
  _bantin_sync_threads_write (job->run->options.threads, task, save_page_writer);
}

static void
queue_images (ArticleJob *job)
{
  OfflineRun *run = job->run;
  guint i;

  /* Nothing to download: the store marked the article done already. */
  if (job->download == NULL)
    {
      job_done (job);
      return;
    }

  job->images_complete = TRUE;
  job->image_results = g_array_new (FALSE, TRUE, sizeof (BantinImageResult));
  g_array_set_clear_func (job->image_results, (GDestroyNotify) image_result_clear);

  for (i = 0; job->download != NULL && job->download[i] != NULL; i++)
    {
      const char *url = job->download[i];
      ImageJob *image;

      /* Another article of this sync has it: that one records it. */
      if (g_hash_table_contains (run->seen_images, url))
        continue;
      g_hash_table_add (run->seen_images, g_strdup (url));

      image = g_new0 (ImageJob, 1);
      image->job = job;
      image->url = g_strdup (url);
      image->host = host_of (url);
      image->result.url = g_strdup (url);
      g_queue_push_tail (&run->images, image);
      job->n_images_left++;
    }

  /* Every image is another article's to download: this one is done. */
  if (job->n_images_left == 0)
    save_images (job);
  else
    pump (run);
}

/* Adds the URLs of @html's images to @urls, once each. */
static void
add_image_urls (GPtrArray  *urls,
                GHashTable *seen,
                const char *html,
                const char *base_url)
{
  g_autoptr(GPtrArray) found = NULL;

  if (html == NULL || *html == '\0')
    return;

  found = bantin_image_urls_collect (html, base_url);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      const char *url = g_ptr_array_index (found, i);

      if (g_hash_table_add (seen, g_strdup (url)))
        g_ptr_array_add (urls, g_strdup (url));
    }
}

static void
add_image_url (GPtrArray  *urls,
               GHashTable *seen,
               const char *url)
{
  if (is_web_address (url) && g_hash_table_add (seen, g_strdup (url)))
    g_ptr_array_add (urls, g_strdup (url));
}

/* The article's images, the header picture first: the item's own, the
 * page's og:image, then those of the text that will be shown and of the
 * feed's text (the reader may switch to it). */
static char **
collect_images (ArticleJob             *job,
                const BantinExtraction *extraction,
                const char             *page_url)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_image_url (urls, seen, job->work->image_url);
  if (extraction != NULL)
    add_image_url (urls, seen, extraction->lead_image);
  if (job->full_content != NULL)
    add_image_urls (urls, seen, job->full_content, page_url);
  /* The feed's HTML is stored as sent: its relative image addresses
   * resolve as the view's sanitizing resolves them. */
  add_image_urls (urls, seen, job->work->content, job->work->base_url);

  g_ptr_array_add (urls, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&urls), FALSE);
}

static void
extract_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ArticleJob *job = task_data;
  BantinFetchResult *fetch = job->fetch;
  g_autoptr(BantinExtraction) extraction = NULL;
  g_autoptr(GError) error = NULL;

  job->has_page = TRUE;
  job->page_url = g_strdup (fetch->final_url);
  job->page_status = (int) fetch->status;

  if (fetch->error != NULL || fetch->body == NULL)
    {
      job->page_error = g_strdup (fetch->error != NULL ? fetch->error->message
                                                       : _("The server sent no page"));
      job->page_retry = is_transient (fetch);
    }
  else
    {
      const guint8 *data;
      gsize len;

      data = g_bytes_get_data (fetch->body, &len);
      extraction = bantin_extractor_extract (data, len, fetch->content_type, fetch->final_url,
                                             job->run->options.rules, &error);
      if (extraction == NULL)
        {
          job->page_error = g_strdup (error->message);
        }
      else
        {
          job->text_length = extraction->text_length;
          /* Kept only when it adds to the feed's text: the view then shows
           * it first, and the feed's content stays a click away. */
          if (bantin_extraction_is_better (extraction, job->work->content))
            job->full_content = g_strdup (extraction->content);
        }
    }

  g_clear_pointer (&fetch->body, g_bytes_unref);
  job->image_urls = collect_images (job, extraction, fetch->final_url);

  g_task_return_boolean (task, TRUE);
}

static void
extracted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ArticleJob *job = user_data;
  OfflineRun *run = job->run;

  run->n_held--;

  if (job->full_content != NULL)
    run->stats.pages_fetched++;
  else if (job->page_error != NULL)
    run->stats.pages_failed++;

  save_page (job);
  pump (run);
}

static void
page_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ArticleJob *job = user_data;
  OfflineRun *run = job->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  host_finished (run, job->host);

  job->fetch = _bantin_fetch_finish (result, &error);
  if (job->fetch == NULL || back_off_if_asked (run, job->host, job->fetch))
    {
      job_done (job);
      return;
    }

  run->n_held++;
  task = g_task_new (NULL, NULL, extracted_cb, job);
  g_task_set_source_tag (task, page_fetched_cb);
  g_task_set_task_data (task, job, NULL);
  _bantin_sync_threads_parse (run->options.threads, task, extract_thread);
  pump (run);
}

static void
start_page (OfflineRun *run,
            ArticleJob *job)
{
  host_started (run, job->host);
  g_debug ("Fetching the page of article %" G_GINT64_FORMAT ": %s",
           job->work->article_id, job->work->link);
  _bantin_fetch_async (run->options.session, job->work->link, NULL, NULL,
                       BANTIN_EXTRACTOR_MAX_PAGE_SIZE, run->options.timeout_seconds,
                       run_cancellable (run), page_fetched_cb, job);
}

/* Deciding, on a parser thread: the page is fetched when the feed gives
 * only a summary, or always for a feed set so. */
static void
decide_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ArticleJob *job = task_data;
  BantinOfflineWork *work = job->work;

  job->need_page = job->run->options.fetch_pages && is_web_address (work->link) &&
                   (work->fetch_full || bantin_extractor_is_summary (work->content));
  if (!job->need_page)
    job->image_urls = collect_images (job, NULL, NULL);

  g_task_return_boolean (task, TRUE);
}

static void
decided_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ArticleJob *job = user_data;
  OfflineRun *run = job->run;

  if (is_cancelled (run))
    {
      job_done (job);
      return;
    }

  if (job->need_page)
    {
      g_queue_push_tail (&run->pages, job);
      pump (run);
    }
  else
    {
      save_page (job);
    }
}

static void
start_job (ArticleJob *job)
{
  g_autoptr(GTask) task = NULL;

  /* The page is settled: only the images are still owed. */
  if (job->work->page_settled)
    {
      save_page (job);
      return;
    }

  task = g_task_new (NULL, NULL, decided_cb, job);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, NULL);
  _bantin_sync_threads_parse (job->run->options.threads, task, decide_thread);
}

/* Starts what the limits allow. Ending a job here may come back into
 * pump() and change the queues, so after that the loop stops and leaves
 * the rest to the inner call; and the run holds itself (one more active
 * job) so that it cannot complete, and be freed, under our feet. */
static void
pump (OfflineRun *run)
{
  GList *l;

  run->n_active++;

  if (is_cancelled (run))
    {
      ImageJob *image;
      ArticleJob *job;

      /* Nothing new starts; what waits ends now. */
      while ((image = g_queue_pop_head (&run->images)) != NULL)
        image_finished (image, FALSE);
      while ((job = g_queue_pop_head (&run->pages)) != NULL)
        job_done (job);
      goto out;
    }

  /* Images first: they finish articles, which frees their memory. */
  for (l = run->images.head; l != NULL && run->n_fetching < run->options.max_total; )
    {
      ImageJob *image = l->data;
      GList *next = l->next;

      if (g_hash_table_contains (run->backed_off, image->host))
        {
          g_queue_delete_link (&run->images, l);
          image_finished (image, FALSE);
          goto out;
        }

      if (host_has_room (run, image->host))
        {
          g_queue_delete_link (&run->images, l);
          start_image (run, image);
        }
      l = next;
    }

  for (l = run->pages.head;
       l != NULL && run->n_fetching < run->options.max_total && run->n_held < MAX_HELD_PAGES; )
    {
      ArticleJob *job = l->data;
      GList *next = l->next;

      if (g_hash_table_contains (run->backed_off, job->host))
        {
          g_queue_delete_link (&run->pages, l);
          job_done (job);
          goto out;
        }

      if (host_has_room (run, job->host))
        {
          g_queue_delete_link (&run->pages, l);
          start_page (run, job);
        }
      l = next;
    }

out:
  run->n_active--;
  if (run->n_active == 0)
    run_complete (run);
}

/* Listing what is owed, on the writer thread. */

typedef struct
{
  GPtrArray *works;
  char      *image_dir;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->works, g_ptr_array_unref);
  g_free (listing->image_dir);
  g_free (listing);
}

static void
list_writer (BantinStore *store,
             GTask       *task)
{
  OfflineRun *run = g_task_get_task_data (task);
  Listing *listing = g_new0 (Listing, 1);
  guint left = run->options.max_articles;

  listing->works = g_ptr_array_new_with_free_func ((GDestroyNotify) bantin_offline_work_free);
  listing->image_dir = bantin_store_dup_image_dir (store);

  for (guint i = 0; i < run->feed_ids->len && left > 0; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) works = NULL;

      works = bantin_store_list_offline_work (store, g_array_index (run->feed_ids, gint64, i),
                                              !run->options.download_images, left, &error);
      if (works == NULL)
        {
          g_warning ("Could not list the articles to save for offline reading: %s",
                     error->message);
          continue;
        }

      for (guint j = 0; j < works->len; j++)
        g_ptr_array_add (listing->works, g_steal_pointer (&g_ptr_array_index (works, j)));
      left -= MIN (left, works->len);
    }

  g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OfflineRun *run = user_data;
  g_autoptr(GError) error = NULL;
  Listing *listing;

  listing = g_task_propagate_pointer (G_TASK (result), &error);
  if (listing == NULL)
    {
      GTask *task = g_steal_pointer (&run->task);

      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (listing->image_dir == NULL)
    run->options.download_images = FALSE;
  else
    run->cache = bantin_image_cache_new (listing->image_dir, run->options.max_image_size,
                                         run->options.max_cache_size);

  g_debug ("%u articles are owed their page or images", listing->works->len);

  for (guint i = 0; i < listing->works->len; i++)
    {
      ArticleJob *job = g_new0 (ArticleJob, 1);

      job->run = run;
      job->work = g_steal_pointer (&g_ptr_array_index (listing->works, i));
      job->host = host_of (job->work->link);
      g_ptr_array_add (run->jobs, job);
    }
  listing_free (listing);

  run->n_active = run->jobs->len;
  if (run->n_active == 0)
    {
      run_complete (run);
      return;
    }

  /* Each job may end at once (nothing owed); count them all in first. */
  for (guint i = 0, n = run->jobs->len; i < n; i++)
    start_job (g_ptr_array_index (run->jobs, i));
}

/**
 * _bantin_offline_run_async:
 * @options: what to do and within which limits; its session and rules are
 *   referenced, its threads borrowed (they must outlive the run)
 * @feed_ids: (array length=n_feed_ids): the feeds whose articles are
 *   served
 *
 * Fetches the pages and images owed to the articles of @feed_ids.
 */
void
_bantin_offline_run_async (const BantinOfflineOptions *options,
                           const gint64               *feed_ids,
                           guint                       n_feed_ids,
                           GCancellable               *cancellable,
                           GAsyncReadyCallback         callback,
                           gpointer                    user_data)
{
  g_autoptr(GTask) list = NULL;
  OfflineRun *run;

  g_return_if_fail (options != NULL && options->threads != NULL);

  run = g_new0 (OfflineRun, 1);
  run->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, _bantin_offline_run_async);
  g_task_set_task_data (run->task, run, (GDestroyNotify) offline_run_free);
  run->options = *options;
  run->options.session = g_object_ref (options->session);
  run->options.rules = bantin_site_rules_ref (options->rules);
  run->feed_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_feed_ids);
  g_array_append_vals (run->feed_ids, feed_ids, n_feed_ids);
  run->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) article_job_free);
  run->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->backed_off = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->seen_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&run->pages);
  g_queue_init (&run->images);

  list = g_task_new (NULL, NULL, listed_cb, run);
  g_task_set_source_tag (list, _bantin_offline_run_async);
  g_task_set_task_data (list, run, NULL);
  _bantin_sync_threads_write (run->options.threads, list, list_writer);
}

/**
 * _bantin_offline_run_finish:
 * @out_stats: (out) (optional): what the run did
 */
gboolean
_bantin_offline_run_finish (GAsyncResult        *result,
                            BantinOfflineStats  *out_stats,
                            GError             **error)
{
  OfflineRun *run;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (out_stats != NULL)
    *out_stats = run->stats;

  return g_task_propagate_boolean (G_TASK (result), error);
}
