/* bantin-article-row.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bantin-article-row.h"
#include "bantin-date-format.h"

struct _BantinArticleRow
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkWidget     *unread_dot;
  GtkLabel      *title_label;
  GtkLabel      *summary_label;
  GtkLabel      *feed_label;
  GtkImage      *star_icon;
  GtkLabel      *time_label;

  /* Owned references */
  BantinArticle *item;
};

G_DEFINE_FINAL_TYPE (BantinArticleRow, bantin_article_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
update_state (BantinArticleRow *self)
{
  gboolean unread = self->item != NULL && !bantin_article_get_read (self->item);
  gboolean starred = self->item != NULL && bantin_article_get_starred (self->item);

  gtk_widget_set_visible (GTK_WIDGET (self->star_icon), starred);
  gtk_widget_set_opacity (self->unread_dot, unread ? 1.0 : 0.0);
  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
}

static void
update_text (BantinArticleRow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *tooltip = NULL;
  const char *title;
  const char *summary;
  gint64 published;

  if (self->item == NULL)
    {
      gtk_label_set_label (self->title_label, NULL);
      gtk_label_set_label (self->summary_label, NULL);
      gtk_label_set_label (self->feed_label, NULL);
      gtk_label_set_label (self->time_label, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), NULL);
      return;
    }

  title = bantin_article_get_title (self->item);
  if (title == NULL || title[0] == '\0')
    title = _("Untitled");
  gtk_label_set_label (self->title_label, title);

  summary = bantin_article_get_summary (self->item);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && summary[0] != '\0');

  gtk_label_set_label (self->feed_label, bantin_article_get_feed_title (self->item));

  published = bantin_article_get_published (self->item);
  if (published > 0)
    {
      GTimeZone *tz = bantin_date_get_timezone ();
      g_autofree char *day = bantin_date_format_day_long (bantin_article_get_local_day (self->item));
      g_autofree char *time = bantin_date_format_time (published, tz);

      when = bantin_date_format_relative (published, g_get_real_time () / G_USEC_PER_SEC, tz);
      tooltip = g_strdup_printf ("%s %s", day, time);
    }
  gtk_label_set_label (self->time_label, when);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), tooltip);
}

static void
item_state_notify_cb (BantinArticleRow *self)
{
  update_state (self);
}

static void
bantin_article_row_dispose (GObject *object)
{
  GtkWidget *child;
  BantinArticleRow *self = (BantinArticleRow *)object;

  bantin_article_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BANTIN_TYPE_ARTICLE_ROW);

  /* Children without an id in the template, and context menus. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bantin_article_row_parent_class)->dispose (object);
}

static void
bantin_article_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BantinArticleRow *self = BANTIN_ARTICLE_ROW (object);

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
bantin_article_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BantinArticleRow *self = BANTIN_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      bantin_article_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_article_row_class_init (BantinArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bantin_article_row_dispose;
  object_class->get_property = bantin_article_row_get_property;
  object_class->set_property = bantin_article_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         BANTIN_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bantin/Bantin/ui/bantin-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BantinArticleRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleRow, feed_label);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleRow, star_icon);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleRow, time_label);
  gtk_widget_class_set_css_name (widget_class, "bantin-article-row");
}

static void
bantin_article_row_init (BantinArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bantin_article_row_new (void)
{
  return g_object_new (BANTIN_TYPE_ARTICLE_ROW, NULL);
}

BantinArticle *
bantin_article_row_get_item (BantinArticleRow *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE_ROW (self), NULL);

  return self->item;
}

void
bantin_article_row_set_item (BantinArticleRow *self,
                             BantinArticle    *item)
{
  g_return_if_fail (BANTIN_IS_ARTICLE_ROW (self));
  g_return_if_fail (item == NULL || BANTIN_IS_ARTICLE (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, item_state_notify_cb, self);

  g_set_object (&self->item, item);

  if (self->item != NULL)
    {
      g_signal_connect_swapped (self->item, "notify::read", G_CALLBACK (item_state_notify_cb), self);
      g_signal_connect_swapped (self->item, "notify::starred", G_CALLBACK (item_state_notify_cb), self);
    }

  update_text (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
