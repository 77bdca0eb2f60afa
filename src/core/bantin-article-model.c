/* bantin-article-model.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-article-model"

#include "config.h"

#include "bantin-article-model.h"
#include "bantin-store-private.h"

/* Idle connections kept for the next reload. */
#define MAX_IDLE_STORES 2

/* Above this many cache entries, entries of finalized articles are
 * dropped. The live ones are about the rows on screen. */
#define CACHE_SWEEP_SIZE 512

/* Connections for the reload threads, shared with tasks that may outlive
 * the model. */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  char            *path;
  GPtrArray       *idle;    /* (element-type BantinStore) */
} StorePool;

static StorePool *
store_pool_new (const char *path)
{
  StorePool *pool = g_new0 (StorePool, 1);

  g_atomic_ref_count_init (&pool->ref_count);
  g_mutex_init (&pool->lock);
  pool->path = g_strdup (path);
  pool->idle = g_ptr_array_new_with_free_func (g_object_unref);

  return pool;
}

static StorePool *
store_pool_ref (StorePool *pool)
{
  g_atomic_ref_count_inc (&pool->ref_count);
  return pool;
}

static void
store_pool_unref (StorePool *pool)
{
  if (!g_atomic_ref_count_dec (&pool->ref_count))
    return;

  g_ptr_array_unref (pool->idle);
  g_mutex_clear (&pool->lock);
  g_free (pool->path);
  g_free (pool);
}

static BantinStore *
store_pool_take (StorePool  *pool,
                 GError    **error)
{
  BantinStore *store = NULL;

  g_mutex_lock (&pool->lock);
  if (pool->idle->len > 0)
    store = g_ptr_array_steal_index_fast (pool->idle, pool->idle->len - 1);
  g_mutex_unlock (&pool->lock);

  if (store == NULL)
    store = bantin_store_open (pool->path, error);

  return store;
}

static void
store_pool_give (StorePool   *pool,
                 BantinStore *store)
{
  g_mutex_lock (&pool->lock);
  if (pool->idle->len < MAX_IDLE_STORES)
    {
      g_ptr_array_add (pool->idle, store);
      store = NULL;
    }
  g_mutex_unlock (&pool->lock);

  g_clear_object (&store);
}

/* A query with strings of its own. */
typedef struct
{
  BantinArticleQuery  query;
  char               *folder;
  char               *search;
} OwnedQuery;

static void
owned_query_set (OwnedQuery               *owned,
                 const BantinArticleQuery *query)
{
  g_free (owned->folder);
  g_free (owned->search);

  owned->query = *query;
  owned->folder = g_strdup (query->folder);
  owned->search = g_strdup (query->search);
  owned->query.folder = owned->folder;
  owned->query.search = owned->search;
}

static void
owned_query_clear (OwnedQuery *owned)
{
  g_clear_pointer (&owned->folder, g_free);
  g_clear_pointer (&owned->search, g_free);
}

typedef struct
{
  StorePool  *pool;
  OwnedQuery  query;
  guint       serial;
} ReloadData;

static void
reload_data_free (gpointer data)
{
  ReloadData *reload = data;

  store_pool_unref (reload->pool);
  owned_query_clear (&reload->query);
  g_free (reload);
}

typedef struct
{
  gint64   id;
  GWeakRef article;
} CacheEntry;

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_weak_ref_clear (&entry->article);
  g_free (entry);
}

struct _BantinArticleModel
{
  GObject       parent_instance;

  char         *db_path;
  StorePool    *pool;
  BantinStore  *store;        /* For get_item(), on the main thread. */
  GArray       *ids;          /* (element-type gint64), newest first. */
  GHashTable   *cache;        /* &CacheEntry.id -> CacheEntry */
  OwnedQuery    query;
  GCancellable *cancellable;  /* Of the reload in flight. */
  guint         serial;       /* Of the latest reload. */
  gboolean      loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BantinArticleModel, bantin_article_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_LOADING,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static GType
bantin_article_model_get_item_type (GListModel *model)
{
  return BANTIN_TYPE_ARTICLE;
}

static guint
bantin_article_model_get_n_items (GListModel *model)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (model);

  return self->ids->len;
}

static BantinStore *
ensure_store (BantinArticleModel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      self->store = bantin_store_open (self->db_path, &error);
      if (self->store == NULL)
        g_warning ("Cannot open %s: %s", self->db_path, error->message);
    }

  return self->store;
}

static void
sweep_cache (BantinArticleModel *self)
{
  GHashTableIter iter;
  CacheEntry *entry;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      GObject *alive = g_weak_ref_get (&entry->article);

      if (alive == NULL)
        g_hash_table_iter_remove (&iter);
      else
        g_object_unref (alive);
    }
}

/* Builds the article of one row, or hands out the object that is already
 * alive for it, so that every view of the row shares one object. */
static gpointer
bantin_article_model_get_item (GListModel *model,
                               guint       position)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (model);
  g_autoptr(GError) error = NULL;
  BantinArticle *article;
  CacheEntry *entry;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);

  entry = g_hash_table_lookup (self->cache, &id);
  if (entry != NULL)
    {
      article = g_weak_ref_get (&entry->article);
      if (article != NULL)
        return article;
    }

  if (ensure_store (self) == NULL)
    return NULL;

  article = bantin_store_get_article (self->store, id, FALSE, &error);
  if (article == NULL)
    {
      /* Removed since the last reload; the next one drops the row. */
      g_debug ("Article %" G_GINT64_FORMAT ": %s", id, error->message);
      return NULL;
    }

  if (entry == NULL)
    {
      if (g_hash_table_size (self->cache) >= CACHE_SWEEP_SIZE)
        sweep_cache (self);

      entry = g_new0 (CacheEntry, 1);
      entry->id = id;
      g_weak_ref_init (&entry->article, article);
      g_hash_table_insert (self->cache, &entry->id, entry);
    }
  else
    {
      g_weak_ref_set (&entry->article, article);
    }

  return article;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = bantin_article_model_get_item_type;
  iface->get_n_items = bantin_article_model_get_n_items;
  iface->get_item = bantin_article_model_get_item;
}

static void
set_loading (BantinArticleModel *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
reload_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReloadData *reload = task_data;
  g_autoptr(GError) error = NULL;
  BantinStore *store;
  GArray *ids;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = store_pool_take (reload->pool, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ids = bantin_store_query_ids (store, &reload->query.query, &error);
  store_pool_give (reload->pool, store);

  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/* Rows that stay alive across a reload keep their object, but "mark all
 * read" and the like changed the database under them. */
static void
refresh_live_articles (BantinArticleModel *self)
{
  g_autoptr(BantinStmt) stmt = NULL;
  GHashTableIter iter;
  CacheEntry *entry;

  if (g_hash_table_size (self->cache) == 0 || ensure_store (self) == NULL)
    return;

  stmt = _bantin_store_prepare (self->store,
                                "SELECT read, starred FROM articles WHERE id = ?",
                                NULL);
  if (stmt == NULL)
    return;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_autoptr(BantinArticle) article = g_weak_ref_get (&entry->article);

      if (article == NULL)
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }

      sqlite3_bind_int64 (stmt, 1, entry->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          bantin_article_set_read (article, sqlite3_column_int (stmt, 0) != 0);
          bantin_article_set_starred (article, sqlite3_column_int (stmt, 1) != 0);
        }
      sqlite3_reset (stmt);
    }
}

/* Replaces the ids and reports only the rows that changed: the common
 * head and tail of the old and new lists stay, so that when a sync adds
 * articles at the top, a selected older row keeps its item. */
static void
replace_ids (BantinArticleModel *self,
             GArray             *ids)
{
  g_autoptr(GArray) old = self->ids;
  const gint64 *a = (const gint64 *) (gpointer) old->data;
  const gint64 *b = (const gint64 *) (gpointer) ids->data;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old->len && prefix < ids->len && a[prefix] == b[prefix])
    prefix++;

  while (suffix < old->len - prefix && suffix < ids->len - prefix &&
         a[old->len - 1 - suffix] == b[ids->len - 1 - suffix])
    suffix++;

  self->ids = g_array_ref (ids);

  if (old->len != ids->len || prefix != old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix,
                                ids->len - prefix - suffix);
}

static void
reload_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (source);
  ReloadData *reload = g_task_get_task_data (G_TASK (result));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer reload has started: its result is the one that counts. */
  if (reload->serial != self->serial)
    return;

  g_clear_object (&self->cancellable);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list articles: %s", error->message);
      set_loading (self, FALSE);
      return;
    }

  refresh_live_articles (self);
  replace_ids (self, ids);
  set_loading (self, FALSE);
}

/**
 * bantin_article_model_reload:
 *
 * Runs the query again off the main thread, for example after a sync,
 * and reports what changed with one minimal items-changed. "loading" is
 * %TRUE until then.
 */
void
bantin_article_model_reload (BantinArticleModel *self)
{
  g_autoptr(GTask) task = NULL;
  ReloadData *reload;

  g_return_if_fail (BANTIN_IS_ARTICLE_MODEL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  reload = g_new0 (ReloadData, 1);
  reload->pool = store_pool_ref (self->pool);
  reload->serial = ++self->serial;
  owned_query_set (&reload->query, &self->query.query);

  task = g_task_new (self, self->cancellable, reload_done_cb, NULL);
  g_task_set_source_tag (task, bantin_article_model_reload);
  g_task_set_task_data (task, reload, reload_data_free);
  g_task_run_in_thread (task, reload_thread);

  set_loading (self, TRUE);
}

/**
 * bantin_article_model_set_query:
 * @query: what to list; copied
 *
 * Lists the articles of @query from now on and reloads.
 */
void
bantin_article_model_set_query (BantinArticleModel       *self,
                                const BantinArticleQuery *query)
{
  g_return_if_fail (BANTIN_IS_ARTICLE_MODEL (self));
  g_return_if_fail (query != NULL);

  owned_query_set (&self->query, query);
  bantin_article_model_reload (self);
}

gboolean
bantin_article_model_get_loading (BantinArticleModel *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE_MODEL (self), FALSE);
  return self->loading;
}

/**
 * bantin_article_model_find:
 *
 * Returns: the position of @article_id, or G_MAXUINT (which is
 *   GTK_INVALID_LIST_POSITION) when it is not listed.
 */
guint
bantin_article_model_find (BantinArticleModel *self,
                           gint64              article_id)
{
  const gint64 *ids;
  guint i;

  g_return_val_if_fail (BANTIN_IS_ARTICLE_MODEL (self), G_MAXUINT);

  /* One pass over an array of integers: 1,000,000 rows take about a
   * millisecond, less than keeping a hash table up to date would. */
  ids = (const gint64 *) (gpointer) self->ids->data;
  for (i = 0; i < self->ids->len; i++)
    if (ids[i] == article_id)
      return i;

  return G_MAXUINT;
}

/**
 * bantin_article_model_get_id:
 *
 * Returns: the id of the article at @position without building it, or 0.
 */
gint64
bantin_article_model_get_id (BantinArticleModel *self,
                             guint               position)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

static void
bantin_article_model_dispose (GObject *object)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bantin_article_model_parent_class)->dispose (object);
}

static void
bantin_article_model_finalize (GObject *object)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pool, store_pool_unref);
  owned_query_clear (&self->query);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (bantin_article_model_parent_class)->finalize (object);
}

static void
bantin_article_model_constructed (GObject *object)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (object);

  G_OBJECT_CLASS (bantin_article_model_parent_class)->constructed (object);

  if (self->db_path == NULL)
    self->db_path = bantin_store_default_path ();
  self->pool = store_pool_new (self->db_path);
}

static void
bantin_article_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_article_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BantinArticleModel *self = BANTIN_ARTICLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_article_model_class_init (BantinArticleModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bantin_article_model_constructed;
  object_class->dispose = bantin_article_model_dispose;
  object_class->finalize = bantin_article_model_finalize;
  object_class->get_property = bantin_article_model_get_property;
  object_class->set_property = bantin_article_model_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bantin_article_model_init (BantinArticleModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, cache_entry_free);
}

/**
 * bantin_article_model_new:
 * @db_path: (nullable): the database, or %NULL for the default one
 *
 * Returns: an empty model; call bantin_article_model_set_query() to fill it.
 */
BantinArticleModel *
bantin_article_model_new (const char *db_path)
{
  return g_object_new (BANTIN_TYPE_ARTICLE_MODEL,
                       "db-path", db_path,
                       NULL);
}
