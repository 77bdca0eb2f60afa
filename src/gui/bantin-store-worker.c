/* bantin-store-worker.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-store-worker"

#include "config.h"

#include "bantin-store-worker.h"

struct _BantinStoreWorker
{
  GObject      parent_instance;

  char        *db_path;
  GThreadPool *pool;

  /* Touched only by the pool's single thread. */
  BantinStore *store;
  GError      *open_error;
};

typedef struct
{
  BantinStoreJobFunc func;
} Job;

G_DEFINE_FINAL_TYPE (BantinStoreWorker, bantin_store_worker, G_TYPE_OBJECT)

static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  BantinStoreWorker *self = user_data;
  Job *job = g_object_get_data (G_OBJECT (task), "bantin-store-job");

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->store == NULL && self->open_error == NULL)
    self->store = bantin_store_open (self->db_path, &self->open_error);

  if (self->store == NULL)
    {
      g_task_return_error (task, g_error_copy (self->open_error));
      return;
    }

  job->func (self->store, task, g_task_get_task_data (task), g_task_get_cancellable (task));
}

static void
bantin_store_worker_finalize (GObject *object)
{
  BantinStoreWorker *self = (BantinStoreWorker *)object;

  /* Let queued jobs finish (each holds its own task), then close. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->store);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (bantin_store_worker_parent_class)->finalize (object);
}

static void
bantin_store_worker_class_init (BantinStoreWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bantin_store_worker_finalize;
}

static void
bantin_store_worker_init (BantinStoreWorker *self)
{
}

BantinStoreWorker *
bantin_store_worker_new (const char *db_path)
{
  BantinStoreWorker *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (BANTIN_TYPE_STORE_WORKER, NULL);
  self->db_path = g_strdup (db_path);
  /* One thread: jobs run in order, and the connection is never shared. */
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);

  return self;
}

const char *
bantin_store_worker_get_db_path (BantinStoreWorker *self)
{
  g_return_val_if_fail (BANTIN_IS_STORE_WORKER (self), NULL);

  return self->db_path;
}

void
bantin_store_worker_push (BantinStoreWorker   *self,
                          BantinStoreJobFunc   func,
                          gpointer             task_data,
                          GDestroyNotify       task_data_destroy,
                          gpointer             source_tag,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (BANTIN_IS_STORE_WORKER (self));
  g_return_if_fail (func != NULL);

  /* The task keeps no reference on the worker as its source object: the
   * worker's finalize waits for the queue, and a reference held by a
   * queued task would make that wait circular. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_destroy);
  job = g_new0 (Job, 1);
  job->func = func;
  g_object_set_data_full (G_OBJECT (task), "bantin-store-job", job, g_free);

  g_thread_pool_push (self->pool, task, NULL);
}
