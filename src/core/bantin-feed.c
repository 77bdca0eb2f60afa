/* bantin-feed.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-feed"

#include "config.h"

#include "bantin-feed.h"
#include "bantin-store-private.h"

struct _BantinFeed
{
  GObject   parent_instance;

  gint64    id;
  char     *url;
  char     *title;
  char     *site_url;
  char     *folder;
  char     *last_error;
  gint64    last_success;
  gint64    next_check;
  guint     article_count;
  guint     unread_count;
  int       last_status;
  gboolean  gone;
};

G_DEFINE_FINAL_TYPE (BantinFeed, bantin_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_TITLE,
  PROP_SITE_URL,
  PROP_FOLDER,
  PROP_ARTICLE_COUNT,
  PROP_UNREAD_COUNT,
  PROP_LAST_STATUS,
  PROP_LAST_ERROR,
  PROP_LAST_SUCCESS,
  PROP_NEXT_CHECK,
  PROP_GONE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
bantin_feed_finalize (GObject *object)
{
  BantinFeed *self = BANTIN_FEED (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (bantin_feed_parent_class)->finalize (object);
}

static void
bantin_feed_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BantinFeed *self = BANTIN_FEED (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;

    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;

    case PROP_ARTICLE_COUNT:
      g_value_set_uint (value, self->article_count);
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;

    case PROP_LAST_STATUS:
      g_value_set_int (value, self->last_status);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;

    case PROP_NEXT_CHECK:
      g_value_set_int64 (value, self->next_check);
      break;

    case PROP_GONE:
      g_value_set_boolean (value, self->gone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_feed_class_init (BantinFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bantin_feed_finalize;
  object_class->get_property = bantin_feed_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SITE_URL] =
    g_param_spec_string ("site-url", NULL, NULL, NULL, flags);
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL, flags);
  properties[PROP_ARTICLE_COUNT] =
    g_param_spec_uint ("article-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LAST_STATUS] =
    g_param_spec_int ("last-status", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NEXT_CHECK] =
    g_param_spec_int64 ("next-check", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_GONE] =
    g_param_spec_boolean ("gone", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bantin_feed_init (BantinFeed *self)
{
}

static char *
dup_text_column (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

/* Builds a feed from the BANTIN_FEED_COLUMNS of the current row of @stmt,
 * starting at @first_column. */
BantinFeed *
_bantin_feed_new_from_row (sqlite3_stmt *stmt,
                           int           first_column,
                           guint         article_count,
                           guint         unread_count)
{
  BantinFeed *self = g_object_new (BANTIN_TYPE_FEED, NULL);
  int c = first_column;

  self->id = sqlite3_column_int64 (stmt, c++);
  self->url = dup_text_column (stmt, c++);
  self->title = dup_text_column (stmt, c++);
  self->site_url = dup_text_column (stmt, c++);
  self->folder = dup_text_column (stmt, c++);
  self->last_status = sqlite3_column_int (stmt, c++);
  self->last_error = dup_text_column (stmt, c++);
  self->last_success = sqlite3_column_int64 (stmt, c++);
  self->next_check = sqlite3_column_int64 (stmt, c++);
  self->gone = sqlite3_column_int (stmt, c++) != 0;
  self->article_count = article_count;
  self->unread_count = unread_count;

  g_assert (c - first_column == BANTIN_FEED_N_COLUMNS);

  return self;
}

gint64
bantin_feed_get_id (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), 0);
  return self->id;
}

const char *
bantin_feed_get_url (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), NULL);
  return self->url;
}

/**
 * bantin_feed_get_title:
 *
 * Returns the name the user gave the feed, else the feed's own title,
 * else its URL: never %NULL for a stored feed.
 */
const char *
bantin_feed_get_title (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), NULL);
  return self->title;
}

const char *
bantin_feed_get_site_url (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), NULL);
  return self->site_url;
}

const char *
bantin_feed_get_folder (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), NULL);
  return self->folder;
}

guint
bantin_feed_get_article_count (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), 0);
  return self->article_count;
}

guint
bantin_feed_get_unread_count (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), 0);
  return self->unread_count;
}

int
bantin_feed_get_last_status (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), 0);
  return self->last_status;
}

const char *
bantin_feed_get_last_error (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), NULL);
  return self->last_error;
}

gint64
bantin_feed_get_last_success (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), 0);
  return self->last_success;
}

gint64
bantin_feed_get_next_check (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), 0);
  return self->next_check;
}

gboolean
bantin_feed_get_gone (BantinFeed *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED (self), FALSE);
  return self->gone;
}

/**
 * bantin_feed_set_unread_count:
 *
 * Lets the window keep the shown count in step after marking articles
 * read, without listing the feeds again. It does not write the store.
 */
void
bantin_feed_set_unread_count (BantinFeed *self,
                              guint       unread_count)
{
  g_return_if_fail (BANTIN_IS_FEED (self));

  if (self->unread_count == unread_count)
    return;

  self->unread_count = unread_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}
