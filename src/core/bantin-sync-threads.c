/* bantin-sync-threads.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sync engine's threads. Parsing gets a pool of at most two threads, so
 * at most two feeds are being turned into objects at once, whatever the
 * number of downloads. Writing gets one thread with its own connection: SQLite
 * allows one writer anyway, and a queue in front of it keeps the order in
 * which feeds finish.
 *
 * On two cores the parsers would take two thirds of the time and leave the
 * writer behind, with a backlog of parsed feeds to write once the parsers
 * are done, on one core while the other sits idle. So the parsers run at a
 * lower priority: they take whatever the writer leaves. (Indexing batches
 * of articles for search whenever the writer had nothing else to do cost
 * more than it saved: more FTS5 segments to merge, and a slower sync of
 * big feeds that held more memory.) */

#define G_LOG_DOMAIN "bantin-sync"

#include "config.h"

#include "bantin-sync-private.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* How much lower the parsers' priority is than the writer's (and the
 * window's): nice values, 0 to 19. */
#define PARSER_NICENESS 5

/* The writer's commits leave the copying of the write-ahead log into the
 * database file to a thread of its own once the log holds this many pages
 * (16 MiB): see bantin_store_hand_off_checkpoints(). */
#define CHECKPOINT_PAGES 4096

typedef struct
{
  GTask            *task;
  BantinWriterFunc  func;
} WriterJob;

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
  struct _Writer  *writer;   /* A reference: see parse_main(). */
} ParseJob;

/* Shared by the engine, the writer thread and every parse job; whoever
 * leaves last frees it. */
typedef struct _Writer
{
  gatomicrefcount  ref_count;
  char            *db_path;
  GAsyncQueue     *queue;    /* WriterJob; a job with no task means "stop". */

  /* Checkpoints: at most one thread, with its own store, opened there. */
  GThreadPool     *checkpointer;
  BantinStore     *checkpoint_store;
  gint             checkpoint_queued;  /* atomic */

  /* Parse and write jobs queued or running; see give_back_memory(). */
  gint             busy_jobs;  /* atomic */
} Writer;

struct _BantinSyncThreads
{
  GThreadPool *parsers;
  Writer      *writer;
  GThread     *writer_thread;
};

static gboolean
unref_task_cb (gpointer user_data)
{
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

/* Our reference to a task is dropped on the task's context, after its
 * callback (queued there by g_task_return_*() a moment ago): so the last
 * reference to the task, and to the engine it holds, always goes away on
 * the caller's thread, never on ours. */
static void
release_task (GTask *task)
{
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_LOW,
                              unref_task_cb, task, NULL);
}

/* Each thread allocates from its own glibc arena, and a feed's megabytes
 * freed in the middle of an arena stay in the process until trimmed.
 * Trimming after every job cost a tenth of a cold sync's CPU: madvise()
 * for each freed range, and a page fault for each page when the next
 * feed took the memory again. So while jobs follow one another, the
 * arenas are trimmed only once they hold this much free memory (cold
 * 100 x 200 sync, six runs each: 2.78 s trimming after every job, 2.61 s
 * over 8 MiB free, 2.42 s over 16 MiB), and all of it is given back when
 * the last job is done, so that an idle window keeps none of it.
 * malloc_trim() trims every arena, whichever thread calls it. */
#define TRIM_FREE_BYTES (16 * 1024 * 1024)

/* Called by a thread that has just finished a job; TRUE when it was the
 * last one. */
static gboolean
finish_job (Writer *writer)
{
  return g_atomic_int_dec_and_test (&writer->busy_jobs);
}

static void
give_back_memory (gboolean idle)
{
#if defined (__GLIBC__) && __GLIBC_PREREQ (2, 33)
  if (!idle)
    {
      struct mallinfo2 info = mallinfo2 ();

      if (info.fordblks <= TRIM_FREE_BYTES)
        return;
    }
  malloc_trim (0);
#elif defined (__GLIBC__)
  malloc_trim (0);
#endif
}

static void
writer_unref (Writer *writer)
{
  if (!g_atomic_ref_count_dec (&writer->ref_count))
    return;

  /* Waits for a checkpoint under way. */
  g_thread_pool_free (writer->checkpointer, FALSE, TRUE);
  g_clear_object (&writer->checkpoint_store);
  g_async_queue_unref (writer->queue);
  g_free (writer->db_path);
  g_free (writer);
}

static void
checkpoint_main (gpointer data,
                 gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr(GError) error = NULL;

  /* A commit from now on asks again. */
  g_atomic_int_set (&writer->checkpoint_queued, 0);

  if (writer->checkpoint_store == NULL)
    writer->checkpoint_store = bantin_store_open (writer->db_path, &error);

  /* The log keeps what it holds; the next commit asks again. */
  if (writer->checkpoint_store == NULL ||
      !bantin_store_checkpoint (writer->checkpoint_store, &error))
    g_debug ("Could not checkpoint: %s", error->message);
}

/* Called by the writer's store after a commit (on the writer thread). */
static void
want_checkpoint_cb (gpointer user_data)
{
  Writer *writer = user_data;

  if (g_atomic_int_compare_and_exchange (&writer->checkpoint_queued, 0, 1))
    g_thread_pool_push (writer->checkpointer, GINT_TO_POINTER (1), NULL);
}

static gpointer
writer_main (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr(BantinStore) store = NULL;
  g_autoptr(GError) open_error = NULL;

  for (;;)
    {
      WriterJob *job = g_async_queue_pop (writer->queue);
      GTask *task = job->task;
      BantinWriterFunc func = job->func;
      gboolean idle;

      g_free (job);
      if (task == NULL)
        break;

      /* Opened on first use, here, so the connection never changes thread. */
      if (store == NULL && open_error == NULL)
        {
          store = bantin_store_open (writer->db_path, &open_error);
          if (store != NULL)
            bantin_store_hand_off_checkpoints (store, CHECKPOINT_PAGES, want_checkpoint_cb, writer);
        }

      if (store == NULL)
        g_task_return_error (task, g_error_copy (open_error));
      else
        func (store, task);

      idle = finish_job (writer);
      release_task (task);
      give_back_memory (idle);
    }

  g_clear_object (&store);
  writer_unref (writer);

  return NULL;
}

/* Lowers the priority of the calling thread only: on Linux a thread is a
 * task of its own to setpriority(). */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  static __thread gboolean lowered;

  if (lowered)
    return;
  lowered = TRUE;
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), PARSER_NICENESS) != 0)
    g_debug ("Could not lower the priority of a parser thread: %s", g_strerror (errno));
#endif
}

static void
parse_main (gpointer data,
            gpointer user_data)
{
  ParseJob *job = data;
  gboolean idle;

  lower_thread_priority ();

  job->func (job->task, g_task_get_source_object (job->task),
             g_task_get_task_data (job->task), g_task_get_cancellable (job->task));
  idle = finish_job (job->writer);
  release_task (job->task);
  give_back_memory (idle);

  /* Not every task holds the engine (the offline images' do not), so the
   * engine, and its part of the writer, may be gone by now: the job holds
   * its own reference. */
  writer_unref (job->writer);
  g_free (job);
}

BantinSyncThreads *
_bantin_sync_threads_new (const char *db_path,
                          guint       max_parsers)
{
  BantinSyncThreads *self = g_new0 (BantinSyncThreads, 1);

  /* Exclusive: GLib's shared threads would carry the lowered priority to
   * whatever work they take next, and it cannot be raised again. */
  self->parsers = g_thread_pool_new (parse_main, NULL, MAX (1, max_parsers), TRUE, NULL);

  self->writer = g_new0 (Writer, 1);
  g_atomic_ref_count_init (&self->writer->ref_count);
  self->writer->db_path = g_strdup (db_path);
  self->writer->queue = g_async_queue_new ();
  self->writer->checkpointer = g_thread_pool_new (checkpoint_main, self->writer, 1, FALSE, NULL);
  g_atomic_ref_count_inc (&self->writer->ref_count);
  self->writer_thread = g_thread_new ("bantin-writer", writer_main, self->writer);

  return self;
}

void
_bantin_sync_threads_free (BantinSyncThreads *self)
{
  if (self == NULL)
    return;

  /* Every job holds a task, and every task holds the engine, so nothing is
   * queued any more. Tasks are released on their own context, but should
   * a caller's context be one of our threads, do not wait for ourselves. */
  g_async_queue_push (self->writer->queue, g_new0 (WriterJob, 1));
  if (g_thread_self () == self->writer_thread)
    g_thread_unref (self->writer_thread);
  else
    g_thread_join (self->writer_thread);
  writer_unref (self->writer);

  g_thread_pool_free (self->parsers, FALSE, FALSE);
  g_free (self);
}

void
_bantin_sync_threads_parse (BantinSyncThreads *self,
                            GTask             *task,
                            GTaskThreadFunc    func)
{
  ParseJob *job = g_new0 (ParseJob, 1);

  job->task = g_object_ref (task);
  job->func = func;
  job->writer = self->writer;
  g_atomic_ref_count_inc (&self->writer->ref_count);
  g_atomic_int_inc (&self->writer->busy_jobs);
  g_thread_pool_push (self->parsers, job, NULL);
}

void
_bantin_sync_threads_write (BantinSyncThreads *self,
                            GTask             *task,
                            BantinWriterFunc   func)
{
  WriterJob *job = g_new0 (WriterJob, 1);

  job->task = g_object_ref (task);
  job->func = func;
  g_atomic_int_inc (&self->writer->busy_jobs);
  g_async_queue_push (self->writer->queue, job);
}

