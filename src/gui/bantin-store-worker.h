/* bantin-store-worker.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bantin-core.h"

G_BEGIN_DECLS

#define BANTIN_TYPE_STORE_WORKER (bantin_store_worker_get_type ())

G_DECLARE_FINAL_TYPE (BantinStoreWorker, bantin_store_worker, BANTIN, STORE_WORKER, GObject)

/* Runs store jobs on one thread of its own, with a BantinStore connection
 * of its own, one job at a time and in the order they were pushed, so the
 * window never waits on SQLite and a count asked for after a write sees
 * that write. A job returns its result through the GTask it is given; the
 * callback runs on the main context of whoever pushed it. */
typedef void (*BantinStoreJobFunc) (BantinStore  *store,
                                    GTask        *task,
                                    gpointer      task_data,
                                    GCancellable *cancellable);

BantinStoreWorker *bantin_store_worker_new         (const char          *db_path);
const char        *bantin_store_worker_get_db_path (BantinStoreWorker   *self);
void               bantin_store_worker_push        (BantinStoreWorker   *self,
                                                    BantinStoreJobFunc   func,
                                                    gpointer             task_data,
                                                    GDestroyNotify       task_data_destroy,
                                                    gpointer             source_tag,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

G_END_DECLS
