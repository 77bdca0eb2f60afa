/* bantin-pane-handle.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-pane-handle"

#include "config.h"

#include <adwaita.h>

#include "bantin-pane-handle.h"

/* The line is one pixel wide: the pointer finds it within this much of
 * it, as GtkPaned does. */
#define GRAB_MARGIN 4

/* What an arrow key moves the line by; with Ctrl, a bigger step. */
#define KEY_STEP 16
#define KEY_BIG_STEP 64

struct _BantinPaneHandle
{
  GtkWidget   parent_instance;

  BantinPane *pane;          /* Weak: a sibling in the same leaflet. */
  int         max_width;

  /* During a drag. */
  int         start_width;
  int         start_natural_width;
  double      start_x;       /* The handle's x in its parent. */
  int         lower;
  int         upper;
  guint       dragging : 1;
  guint       moved : 1;
};

G_DEFINE_FINAL_TYPE (BantinPaneHandle, bantin_pane_handle, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PANE,
  PROP_MAX_WIDTH,
  N_PROPS,
};

enum {
  RESIZED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_folded (BantinPaneHandle *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return ADW_IS_LEAFLET (parent) && adw_leaflet_get_folded (ADW_LEAFLET (parent));
}

/* The widest the pane can be while every other page of the leaflet still
 * gets its natural width: the list keeps the width it was given and the
 * article keeps its minimum, so a drag never folds the layout. */
static int
available_width (BantinPaneHandle *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  int parent_nat = 0;
  int pane_nat = 0;

  gtk_widget_measure (parent, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &parent_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->pane), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &pane_nat, NULL, NULL);

  return gtk_widget_get_width (parent) - (parent_nat - pane_nat);
}

static double
handle_x (BantinPaneHandle *self)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (0, 0);

  if (!gtk_widget_compute_point (GTK_WIDGET (self), gtk_widget_get_parent (GTK_WIDGET (self)),
                                 &point, &point))
    return 0;

  return point.x;
}

static gboolean
can_resize (BantinPaneHandle *self)
{
  return self->pane != NULL && !is_folded (self) &&
         gtk_widget_get_mapped (GTK_WIDGET (self->pane));
}

/* The widths the pane may take now, from @shown, the width it has. */
static void
get_range (BantinPaneHandle *self,
           int               shown,
           int              *lower,
           int              *upper)
{
  int pane_min = 0;

  gtk_widget_measure (GTK_WIDGET (self->pane), GTK_ORIENTATION_HORIZONTAL, -1, &pane_min, NULL, NULL, NULL);
  *lower = pane_min;
  /* A pane already wider than the room left may still be made narrower. */
  *upper = MAX (MIN (self->max_width, available_width (self)), MIN (self->max_width, shown));
  *upper = MAX (*upper, *lower);
}

/* Tells assistive technologies where the line is, as a separator that
 * can be moved (WAI-ARIA's window splitter). */
static void
update_value (BantinPaneHandle *self,
              int               lower,
              int               upper,
              int               width)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, (double) lower,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) upper,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) width,
                                  -1);
}

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               BantinPaneHandle *self)
{
  if (!can_resize (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  /* Start from what is shown, which is less than the saved width when
   * the window is too narrow for it. */
  self->start_width = gtk_widget_get_width (GTK_WIDGET (self->pane));
  self->start_natural_width = bantin_pane_get_natural_width (self->pane);
  self->start_x = handle_x (self);
  get_range (self, self->start_width, &self->lower, &self->upper);
  self->dragging = TRUE;
  self->moved = FALSE;
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            offset_x,
                double            offset_y,
                BantinPaneHandle *self)
{
  int offset;

  if (!self->dragging || self->pane == NULL)
    return;

  /* The offset is in the handle's own coordinates, and the handle moves
   * with the pane's edge: count from where it started in its parent. */
  offset = (int) (offset_x + handle_x (self) - self->start_x);
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    offset = -offset;

  if (!self->moved && offset == 0)
    return;

  self->moved = TRUE;
  bantin_pane_set_natural_width (self->pane, CLAMP (self->start_width + offset, self->lower, self->upper));
}

static void
drag_end_cb (GtkGestureDrag   *gesture,
             double            offset_x,
             double            offset_y,
             BantinPaneHandle *self)
{
  if (!self->dragging)
    return;

  drag_update_cb (gesture, offset_x, offset_y, self);
  self->dragging = FALSE;

  /* A click without a move changes nothing. */
  if (self->moved && self->pane != NULL &&
      bantin_pane_get_natural_width (self->pane) != self->start_natural_width)
    {
      update_value (self, self->lower, self->upper, bantin_pane_get_natural_width (self->pane));
      g_signal_emit (self, signals[RESIZED], 0);
    }
}

/* The keyboard moves the focused line: the arrows by a step (a bigger one
 * with Ctrl), Home and End to the narrowest and widest the pane may be. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BantinPaneHandle      *self)
{
  int step = (state & GDK_CONTROL_MASK) != 0 ? KEY_BIG_STEP : KEY_STEP;
  int shown, natural, current, target, lower, upper;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    step = -step;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      break;
    default:
      return FALSE;
    }

  if (!can_resize (self) || self->dragging)
    return TRUE;

  shown = gtk_widget_get_width (GTK_WIDGET (self->pane));
  get_range (self, shown, &lower, &upper);
  /* Keys pressed faster than the window lays out count from the width
   * asked for last, not the one still shown. */
  natural = bantin_pane_get_natural_width (self->pane);
  current = natural > 0 ? CLAMP (natural, lower, upper) : shown;

  if (keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home)
    target = lower;
  else if (keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End)
    target = upper;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    target = current - step;
  else
    target = current + step;
  target = CLAMP (target, lower, upper);

  update_value (self, lower, upper, target);
  if (target != natural)
    {
      bantin_pane_set_natural_width (self->pane, target);
      g_signal_emit (self, signals[RESIZED], 0);
    }

  return TRUE;
}

static gboolean
bantin_pane_handle_contains (GtkWidget *widget,
                             double     x,
                             double     y)
{
  return x >= -GRAB_MARGIN && x < gtk_widget_get_width (widget) + GRAB_MARGIN &&
         y >= 0 && y < gtk_widget_get_height (widget);
}

static void
bantin_pane_handle_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BantinPaneHandle *self = BANTIN_PANE_HANDLE (object);

  switch (prop_id)
    {
    case PROP_PANE:
      g_value_set_object (value, self->pane);
      break;

    case PROP_MAX_WIDTH:
      g_value_set_int (value, self->max_width);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_pane_handle_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BantinPaneHandle *self = BANTIN_PANE_HANDLE (object);

  switch (prop_id)
    {
    case PROP_PANE:
      bantin_pane_handle_set_pane (self, g_value_get_object (value));
      break;

    case PROP_MAX_WIDTH:
      bantin_pane_handle_set_max_width (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_pane_handle_dispose (GObject *object)
{
  BantinPaneHandle *self = (BantinPaneHandle *)object;

  g_clear_weak_pointer (&self->pane);

  G_OBJECT_CLASS (bantin_pane_handle_parent_class)->dispose (object);
}

static void
bantin_pane_handle_class_init (BantinPaneHandleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bantin_pane_handle_dispose;
  object_class->get_property = bantin_pane_handle_get_property;
  object_class->set_property = bantin_pane_handle_set_property;

  widget_class->contains = bantin_pane_handle_contains;

  properties[PROP_PANE] =
    g_param_spec_object ("pane", NULL, NULL,
                         BANTIN_TYPE_PANE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAX_WIDTH] =
    g_param_spec_int ("max-width", NULL, NULL,
                      0, G_MAXINT / 2, G_MAXINT / 2,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BantinPaneHandle::resized:
   *
   * A drag changed the pane's natural width and has ended.
   */
  signals[RESIZED] =
    g_signal_new ("resized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "separator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEPARATOR);
}

static void
bantin_pane_handle_init (BantinPaneHandle *self)
{
  GtkGesture *drag;
  GtkEventController *key;

  self->max_width = G_MAXINT / 2;

  gtk_widget_add_css_class (GTK_WIDGET (self), "vertical");
  gtk_widget_add_css_class (GTK_WIDGET (self), "bantin-pane-handle");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_ORIENTATION, GTK_ORIENTATION_VERTICAL,
                                  -1);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  /* Focusable with Tab, like WAI-ARIA's window splitter, but a click on
   * the line leaves the focus where it was. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

GtkWidget *
bantin_pane_handle_new (void)
{
  return g_object_new (BANTIN_TYPE_PANE_HANDLE, NULL);
}

BantinPane *
bantin_pane_handle_get_pane (BantinPaneHandle *self)
{
  g_return_val_if_fail (BANTIN_IS_PANE_HANDLE (self), NULL);

  return self->pane;
}

void
bantin_pane_handle_set_pane (BantinPaneHandle *self,
                             BantinPane       *pane)
{
  g_return_if_fail (BANTIN_IS_PANE_HANDLE (self));
  g_return_if_fail (pane == NULL || BANTIN_IS_PANE (pane));

  if (g_set_weak_pointer (&self->pane, pane))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANE]);
}

int
bantin_pane_handle_get_max_width (BantinPaneHandle *self)
{
  g_return_val_if_fail (BANTIN_IS_PANE_HANDLE (self), 0);

  return self->max_width;
}

void
bantin_pane_handle_set_max_width (BantinPaneHandle *self,
                                  int               max_width)
{
  g_return_if_fail (BANTIN_IS_PANE_HANDLE (self));

  if (self->max_width == max_width)
    return;

  self->max_width = max_width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_WIDTH]);
}
