/* bantin-sidebar-item.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-sidebar-item.h"

struct _BantinSidebarItem
{
  GObject            parent_instance;

  BantinSidebarKind  kind;
  gint64             feed_id;
  char              *folder;
  char              *title;
  char              *error;
  guint              unread_count;
};

G_DEFINE_FINAL_TYPE (BantinSidebarItem, bantin_sidebar_item, G_TYPE_OBJECT)

/* g_set_str() arrived in GLib 2.76. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

enum {
  PROP_0,
  PROP_TITLE,
  PROP_UNREAD_COUNT,
  PROP_ERROR,
  PROP_ICON_NAME,
  PROP_NESTED,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
bantin_sidebar_item_finalize (GObject *object)
{
  BantinSidebarItem *self = (BantinSidebarItem *)object;

  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (bantin_sidebar_item_parent_class)->finalize (object);
}

static void
bantin_sidebar_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BantinSidebarItem *self = BANTIN_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, bantin_sidebar_item_get_icon_name (self));
      break;

    case PROP_NESTED:
      g_value_set_boolean (value, bantin_sidebar_item_get_nested (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_sidebar_item_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BantinSidebarItem *self = BANTIN_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      bantin_sidebar_item_set_title (self, g_value_get_string (value));
      break;

    case PROP_UNREAD_COUNT:
      bantin_sidebar_item_set_unread_count (self, g_value_get_uint (value));
      break;

    case PROP_ERROR:
      bantin_sidebar_item_set_error (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_sidebar_item_class_init (BantinSidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bantin_sidebar_item_finalize;
  object_class->get_property = bantin_sidebar_item_get_property;
  object_class->set_property = bantin_sidebar_item_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NESTED] =
    g_param_spec_boolean ("nested", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bantin_sidebar_item_init (BantinSidebarItem *self)
{
}

BantinSidebarItem *
bantin_sidebar_item_new (BantinSidebarKind  kind,
                         gint64             feed_id,
                         const char        *folder,
                         const char        *title)
{
  BantinSidebarItem *self;

  self = g_object_new (BANTIN_TYPE_SIDEBAR_ITEM, NULL);
  self->kind = kind;
  self->feed_id = feed_id;
  self->folder = g_strdup (folder != NULL && folder[0] != '\0' ? folder : NULL);
  self->title = g_strdup (title);

  return self;
}

BantinSidebarKind
bantin_sidebar_item_get_kind (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), BANTIN_SIDEBAR_ALL);

  return self->kind;
}

gint64
bantin_sidebar_item_get_feed_id (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), 0);

  return self->feed_id;
}

const char *
bantin_sidebar_item_get_folder (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), NULL);

  return self->folder;
}

const char *
bantin_sidebar_item_get_icon_name (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), NULL);

  switch (self->kind)
    {
    case BANTIN_SIDEBAR_ALL:
      return "view-list-symbolic";

    case BANTIN_SIDEBAR_UNREAD:
      return "mail-unread-symbolic";

    case BANTIN_SIDEBAR_STARRED:
      return "starred-symbolic";

    case BANTIN_SIDEBAR_FOLDER:
      return "folder-symbolic";

    case BANTIN_SIDEBAR_FEED:
      return "application-rss+xml-symbolic";

    case BANTIN_SIDEBAR_HEADING:
    default:
      return NULL;
    }
}

gboolean
bantin_sidebar_item_get_nested (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), FALSE);

  return self->kind == BANTIN_SIDEBAR_FEED && self->folder != NULL;
}

const char *
bantin_sidebar_item_get_title (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), NULL);

  return self->title;
}

void
bantin_sidebar_item_set_title (BantinSidebarItem *self,
                               const char        *title)
{
  g_return_if_fail (BANTIN_IS_SIDEBAR_ITEM (self));

  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

guint
bantin_sidebar_item_get_unread_count (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), 0);

  return self->unread_count;
}

void
bantin_sidebar_item_set_unread_count (BantinSidebarItem *self,
                                      guint              count)
{
  g_return_if_fail (BANTIN_IS_SIDEBAR_ITEM (self));

  if (self->unread_count == count)
    return;

  self->unread_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

const char *
bantin_sidebar_item_get_error (BantinSidebarItem *self)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), NULL);

  return self->error;
}

void
bantin_sidebar_item_set_error (BantinSidebarItem *self,
                               const char        *error)
{
  g_return_if_fail (BANTIN_IS_SIDEBAR_ITEM (self));

  if (error != NULL && error[0] == '\0')
    error = NULL;

  if (replace_string (&self->error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

gboolean
bantin_sidebar_item_matches (BantinSidebarItem *self,
                             BantinSidebarKind  kind,
                             gint64             feed_id,
                             const char        *folder)
{
  g_return_val_if_fail (BANTIN_IS_SIDEBAR_ITEM (self), FALSE);

  if (self->kind != kind)
    return FALSE;

  switch (kind)
    {
    case BANTIN_SIDEBAR_FEED:
      return self->feed_id == feed_id;

    case BANTIN_SIDEBAR_FOLDER:
      return g_strcmp0 (self->folder, folder) == 0;

    case BANTIN_SIDEBAR_ALL:
    case BANTIN_SIDEBAR_UNREAD:
    case BANTIN_SIDEBAR_STARRED:
    case BANTIN_SIDEBAR_HEADING:
    default:
      return TRUE;
    }
}
