/* bantin-feed-row.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bantin-feed-row.h"

struct _BantinFeedRow
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkImage          *icon;
  GtkLabel          *title_label;
  GtkImage          *error_icon;
  GtkLabel          *count_label;

  /* Owned references */
  BantinSidebarItem *item;
};

G_DEFINE_FINAL_TYPE (BantinFeedRow, bantin_feed_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
set_heading (BantinFeedRow *self,
             gboolean       heading)
{
  static const char * const classes[] = { "heading", "dim-label", "bantin-sidebar-heading" };

  /* A row is reused for any item as the sidebar scrolls. */
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !heading);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (heading)
        gtk_widget_add_css_class (GTK_WIDGET (self->title_label), classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), classes[i]);
    }
}

static void
update_row (BantinFeedRow *self)
{
  const char *error;
  guint unread;

  if (self->item == NULL)
    {
      gtk_label_set_label (self->title_label, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->error_icon), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  set_heading (self, bantin_sidebar_item_get_kind (self->item) == BANTIN_SIDEBAR_HEADING);
  gtk_image_set_from_icon_name (self->icon, bantin_sidebar_item_get_icon_name (self->item));
  gtk_label_set_label (self->title_label, bantin_sidebar_item_get_title (self->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bantin_sidebar_item_get_title (self->item), -1);
  /* Long feed names are ellipsized: the tooltip keeps them readable. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), bantin_sidebar_item_get_title (self->item));
  gtk_widget_set_margin_start (GTK_WIDGET (self),
                               bantin_sidebar_item_get_nested (self->item) ? 18 : 0);

  error = bantin_sidebar_item_get_error (self->item);
  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), error != NULL);
  if (error != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Last sync failed: %s"), error);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_icon), tooltip);
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_icon), NULL);
    }

  unread = bantin_sidebar_item_get_unread_count (self->item);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), unread > 0);
  if (unread > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", unread);

      gtk_label_set_label (self->count_label, text);
    }
}

static void
item_notify_cb (BantinFeedRow *self)
{
  update_row (self);
}

static void
bantin_feed_row_dispose (GObject *object)
{
  GtkWidget *child;
  BantinFeedRow *self = (BantinFeedRow *)object;

  bantin_feed_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BANTIN_TYPE_FEED_ROW);

  /* Children without an id in the template, and context menus. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bantin_feed_row_parent_class)->dispose (object);
}

static void
bantin_feed_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BantinFeedRow *self = BANTIN_FEED_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_feed_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BantinFeedRow *self = BANTIN_FEED_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      bantin_feed_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_feed_row_class_init (BantinFeedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bantin_feed_row_dispose;
  object_class->get_property = bantin_feed_row_get_property;
  object_class->set_property = bantin_feed_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         BANTIN_TYPE_SIDEBAR_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bantin/Bantin/ui/bantin-feed-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BantinFeedRow, icon);
  gtk_widget_class_bind_template_child (widget_class, BantinFeedRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BantinFeedRow, error_icon);
  gtk_widget_class_bind_template_child (widget_class, BantinFeedRow, count_label);
  gtk_widget_class_set_css_name (widget_class, "bantin-feed-row");
}

static void
bantin_feed_row_init (BantinFeedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bantin_feed_row_new (BantinSidebarItem *item)
{
  return g_object_new (BANTIN_TYPE_FEED_ROW, "item", item, NULL);
}

BantinSidebarItem *
bantin_feed_row_get_item (BantinFeedRow *self)
{
  g_return_val_if_fail (BANTIN_IS_FEED_ROW (self), NULL);

  return self->item;
}

void
bantin_feed_row_set_item (BantinFeedRow     *self,
                          BantinSidebarItem *item)
{
  g_return_if_fail (BANTIN_IS_FEED_ROW (self));
  g_return_if_fail (item == NULL || BANTIN_IS_SIDEBAR_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, item_notify_cb, self);

  g_set_object (&self->item, item);

  if (self->item != NULL)
    g_signal_connect_swapped (self->item, "notify", G_CALLBACK (item_notify_cb), self);

  update_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
