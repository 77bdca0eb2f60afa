/* bantin-pane.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-pane"

#include "config.h"

#include "bantin-pane.h"

struct _BantinPane
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        natural_width;
};

static void bantin_pane_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BantinPane, bantin_pane, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, bantin_pane_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  PROP_NATURAL_WIDTH,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
bantin_pane_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  BantinPane *self = BANTIN_PANE (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  gtk_widget_measure (self->child, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->natural_width >= 0)
    *natural = MAX (*minimum, self->natural_width);
}

static void
bantin_pane_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  BantinPane *self = BANTIN_PANE (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
bantin_pane_get_request_mode (GtkWidget *widget)
{
  BantinPane *self = BANTIN_PANE (widget);

  if (self->child == NULL)
    return GTK_SIZE_REQUEST_CONSTANT_SIZE;

  return gtk_widget_get_request_mode (self->child);
}

static void
bantin_pane_compute_expand (GtkWidget *widget,
                            gboolean  *hexpand,
                            gboolean  *vexpand)
{
  BantinPane *self = BANTIN_PANE (widget);

  /* The width is the pane's own: an entry that expands inside it must not
   * make the pane take more than it asked for. Set "hexpand" on the pane
   * that takes what is left. */
  *hexpand = FALSE;
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
bantin_pane_buildable_add_child (GtkBuildable *buildable,
                                 GtkBuilder   *builder,
                                 GObject      *child,
                                 const char   *type)
{
  if (GTK_IS_WIDGET (child))
    bantin_pane_set_child (BANTIN_PANE (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
bantin_pane_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = bantin_pane_buildable_add_child;
}

static void
bantin_pane_dispose (GObject *object)
{
  BantinPane *self = (BantinPane *)object;

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (bantin_pane_parent_class)->dispose (object);
}

static void
bantin_pane_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BantinPane *self = BANTIN_PANE (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    case PROP_NATURAL_WIDTH:
      g_value_set_int (value, self->natural_width);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_pane_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BantinPane *self = BANTIN_PANE (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      bantin_pane_set_child (self, g_value_get_object (value));
      break;

    case PROP_NATURAL_WIDTH:
      bantin_pane_set_natural_width (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_pane_class_init (BantinPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bantin_pane_dispose;
  object_class->get_property = bantin_pane_get_property;
  object_class->set_property = bantin_pane_set_property;

  widget_class->measure = bantin_pane_measure;
  widget_class->size_allocate = bantin_pane_size_allocate;
  widget_class->get_request_mode = bantin_pane_get_request_mode;
  widget_class->compute_expand = bantin_pane_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NATURAL_WIDTH] =
    g_param_spec_int ("natural-width", NULL, NULL,
                      -1, G_MAXINT / 2, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "bantin-pane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
bantin_pane_init (BantinPane *self)
{
  self->natural_width = -1;
}

GtkWidget *
bantin_pane_new (void)
{
  return g_object_new (BANTIN_TYPE_PANE, NULL);
}

GtkWidget *
bantin_pane_get_child (BantinPane *self)
{
  g_return_val_if_fail (BANTIN_IS_PANE (self), NULL);

  return self->child;
}

void
bantin_pane_set_child (BantinPane *self,
                       GtkWidget  *child)
{
  g_return_if_fail (BANTIN_IS_PANE (self));
  g_return_if_fail (child == NULL || (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

int
bantin_pane_get_natural_width (BantinPane *self)
{
  g_return_val_if_fail (BANTIN_IS_PANE (self), -1);

  return self->natural_width;
}

void
bantin_pane_set_natural_width (BantinPane *self,
                               int         natural_width)
{
  g_return_if_fail (BANTIN_IS_PANE (self));

  natural_width = MAX (natural_width, -1);
  if (self->natural_width == natural_width)
    return;

  self->natural_width = natural_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NATURAL_WIDTH]);
}
