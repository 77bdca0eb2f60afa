/* bantin-article.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-article"

#include "config.h"

#include "bantin-article.h"
#include "bantin-store-private.h"

struct _BantinArticle
{
  GObject    parent_instance;

  gint64     id;
  gint64     feed_id;
  char      *feed_title;
  char      *guid;
  char      *title;
  char      *link;
  char      *author;
  char      *summary;
  char      *content;
  char      *full_content;
  char      *image_url;
  gint64     published;
  gint64     fetched;
  BantinDay  local_day;
  gboolean   read;
  gboolean   starred;
};

G_DEFINE_FINAL_TYPE (BantinArticle, bantin_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FEED_ID,
  PROP_FEED_TITLE,
  PROP_GUID,
  PROP_TITLE,
  PROP_LINK,
  PROP_AUTHOR,
  PROP_SUMMARY,
  PROP_CONTENT,
  PROP_FULL_CONTENT,
  PROP_IMAGE_URL,
  PROP_PUBLISHED,
  PROP_LOCAL_DAY,
  PROP_FETCHED,
  PROP_READ,
  PROP_STARRED,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* How many articles were ever built: lets the model's tests prove that
 * it builds only the rows that are asked for. */
static guint n_built;

static void
bantin_article_finalize (GObject *object)
{
  BantinArticle *self = BANTIN_ARTICLE (object);

  g_clear_pointer (&self->feed_title, g_free);
  g_clear_pointer (&self->guid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->full_content, g_free);
  g_clear_pointer (&self->image_url, g_free);

  G_OBJECT_CLASS (bantin_article_parent_class)->finalize (object);
}

static void
bantin_article_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BantinArticle *self = BANTIN_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_FEED_ID:
      g_value_set_int64 (value, self->feed_id);
      break;

    case PROP_FEED_TITLE:
      g_value_set_string (value, self->feed_title);
      break;

    case PROP_GUID:
      g_value_set_string (value, self->guid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;

    case PROP_FULL_CONTENT:
      g_value_set_string (value, self->full_content);
      break;

    case PROP_IMAGE_URL:
      g_value_set_string (value, self->image_url);
      break;

    case PROP_PUBLISHED:
      g_value_set_int64 (value, self->published);
      break;

    case PROP_LOCAL_DAY:
      g_value_set_int (value, self->local_day);
      break;

    case PROP_FETCHED:
      g_value_set_int64 (value, self->fetched);
      break;

    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_article_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BantinArticle *self = BANTIN_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_READ:
      bantin_article_set_read (self, g_value_get_boolean (value));
      break;

    case PROP_STARRED:
      bantin_article_set_starred (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_article_class_init (BantinArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bantin_article_finalize;
  object_class->get_property = bantin_article_get_property;
  object_class->set_property = bantin_article_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_FEED_ID] =
    g_param_spec_int64 ("feed-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_FEED_TITLE] =
    g_param_spec_string ("feed-title", NULL, NULL, NULL, ro);
  properties[PROP_GUID] =
    g_param_spec_string ("guid", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_LINK] =
    g_param_spec_string ("link", NULL, NULL, NULL, ro);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, ro);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL, NULL, ro);
  properties[PROP_FULL_CONTENT] =
    g_param_spec_string ("full-content", NULL, NULL, NULL, ro);
  properties[PROP_IMAGE_URL] =
    g_param_spec_string ("image-url", NULL, NULL, NULL, ro);
  properties[PROP_PUBLISHED] =
    g_param_spec_int64 ("published", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_LOCAL_DAY] =
    g_param_spec_int ("local-day", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_FETCHED] =
    g_param_spec_int64 ("fetched", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE, rw);
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bantin_article_init (BantinArticle *self)
{
}

static char *
dup_text_column (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

/* Builds an article from the BANTIN_ARTICLE_COLUMNS of the current row of
 * @stmt, starting at @first_column. The content is left unloaded. */
BantinArticle *
_bantin_article_new_from_row (sqlite3_stmt *stmt,
                              int           first_column)
{
  BantinArticle *self = g_object_new (BANTIN_TYPE_ARTICLE, NULL);
  int c = first_column;

  self->id = sqlite3_column_int64 (stmt, c++);
  self->feed_id = sqlite3_column_int64 (stmt, c++);
  self->feed_title = dup_text_column (stmt, c++);
  self->guid = dup_text_column (stmt, c++);
  self->title = dup_text_column (stmt, c++);
  self->link = dup_text_column (stmt, c++);
  self->author = dup_text_column (stmt, c++);
  self->summary = dup_text_column (stmt, c++);
  self->published = sqlite3_column_int64 (stmt, c++);
  self->local_day = sqlite3_column_int (stmt, c++);
  self->fetched = sqlite3_column_int64 (stmt, c++);
  self->read = sqlite3_column_int (stmt, c++) != 0;
  self->starred = sqlite3_column_int (stmt, c++) != 0;
  self->image_url = dup_text_column (stmt, c++);

  g_assert (c - first_column == BANTIN_ARTICLE_N_COLUMNS);

  g_atomic_int_inc (&n_built);

  return self;
}

void
_bantin_article_set_content (BantinArticle *self,
                             const char    *content)
{
  g_return_if_fail (BANTIN_IS_ARTICLE (self));

  if (g_strcmp0 (self->content, content) == 0)
    return;

  g_free (self->content);
  self->content = g_strdup (content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

void
_bantin_article_set_full_content (BantinArticle *self,
                                  const char    *full_content)
{
  g_return_if_fail (BANTIN_IS_ARTICLE (self));

  if (g_strcmp0 (self->full_content, full_content) == 0)
    return;

  g_free (self->full_content);
  self->full_content = g_strdup (full_content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_CONTENT]);
}

guint
_bantin_article_get_n_built (void)
{
  return (guint) g_atomic_int_get (&n_built);
}

gint64
bantin_article_get_id (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), 0);
  return self->id;
}

gint64
bantin_article_get_feed_id (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), 0);
  return self->feed_id;
}

const char *
bantin_article_get_feed_title (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->feed_title;
}

const char *
bantin_article_get_guid (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->guid;
}

const char *
bantin_article_get_title (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->title;
}

const char *
bantin_article_get_link (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->link;
}

const char *
bantin_article_get_author (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->author;
}

const char *
bantin_article_get_summary (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->summary;
}

const char *
bantin_article_get_content (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->content;
}

/**
 * bantin_article_get_full_content:
 *
 * Returns the article extracted from its web page during sync, as
 * sanitized HTML, or %NULL when no page was fetched (the feed carried the
 * whole article, the page failed, or it was not extracted yet) or when the
 * content was not loaded. The feed's own content stays available through
 * bantin_article_get_content(), so the reader can switch between them.
 */
const char *
bantin_article_get_full_content (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->full_content;
}

/**
 * bantin_article_get_image_url:
 *
 * Returns the URL of the item's picture (media:content, media:thumbnail
 * or an image enclosure), or %NULL.
 */
const char *
bantin_article_get_image_url (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), NULL);
  return self->image_url;
}

gint64
bantin_article_get_published (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), 0);
  return self->published;
}

BantinDay
bantin_article_get_local_day (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), 0);
  return self->local_day;
}

gint64
bantin_article_get_fetched (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), 0);
  return self->fetched;
}

gboolean
bantin_article_get_read (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), FALSE);
  return self->read;
}

gboolean
bantin_article_get_starred (BantinArticle *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE (self), FALSE);
  return self->starred;
}

/**
 * bantin_article_set_read:
 *
 * Changes the object only, so that every row showing it updates; the
 * caller writes the change with bantin_store_set_read().
 */
void
bantin_article_set_read (BantinArticle *self,
                         gboolean       read)
{
  g_return_if_fail (BANTIN_IS_ARTICLE (self));

  read = !!read;
  if (self->read == read)
    return;

  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

/**
 * bantin_article_set_starred:
 *
 * Changes the object only; the caller writes the change with
 * bantin_store_set_starred().
 */
void
bantin_article_set_starred (BantinArticle *self,
                            gboolean       starred)
{
  g_return_if_fail (BANTIN_IS_ARTICLE (self));

  starred = !!starred;
  if (self->starred == starred)
    return;

  self->starred = starred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}
