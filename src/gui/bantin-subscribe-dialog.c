/* bantin-subscribe-dialog.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-subscribe-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bantin-subscribe-dialog.h"

struct _BantinSubscribeDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkWidget        *subscribe_button;
  GtkSpinner       *spinner;
  AdwEntryRow      *url_row;
  AdwEntryRow      *folder_row;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;

  /* Owned references */
  BantinSyncEngine *engine;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (BantinSubscribeDialog, bantin_subscribe_dialog, ADW_TYPE_WINDOW)

enum {
  SUBSCRIBED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static char *
normalize_url (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    return NULL;

  /* People type "vnexpress.net": assume the web. */
  if (strstr (stripped, "://") == NULL)
    return g_strconcat ("https://", stripped, NULL);

  return g_steal_pointer (&stripped);
}

static void
set_busy (BantinSubscribeDialog *self,
          gboolean               busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->subscribe_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_row), !busy);
}

static void
show_error (BantinSubscribeDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

static void
url_changed_cb (BantinSubscribeDialog *self)
{
  g_autofree char *url = normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  gtk_widget_set_sensitive (self->subscribe_button, url != NULL);
  show_error (self, NULL);
}

static void
subscribed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BantinSubscribeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 feed_id;

  feed_id = bantin_sync_engine_subscribe_finish (BANTIN_SYNC_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (feed_id <= 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not subscribe: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      show_error (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  g_signal_emit (self, signals[SUBSCRIBED], 0, feed_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
subscribe_clicked_cb (BantinSubscribeDialog *self)
{
  g_autofree char *url = normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_autofree char *folder = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->folder_row))));

  if (url == NULL || !gtk_widget_get_sensitive (self->subscribe_button))
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);
  bantin_sync_engine_subscribe_async (self->engine, url, folder[0] != '\0' ? folder : NULL,
                                      self->cancellable, subscribed_cb, g_object_ref (self));
}

static gboolean
bantin_subscribe_dialog_close_request (GtkWindow *window)
{
  BantinSubscribeDialog *self = BANTIN_SUBSCRIBE_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (bantin_subscribe_dialog_parent_class)->close_request (window);
}

static void
bantin_subscribe_dialog_dispose (GObject *object)
{
  BantinSubscribeDialog *self = (BantinSubscribeDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BANTIN_TYPE_SUBSCRIBE_DIALOG);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (bantin_subscribe_dialog_parent_class)->dispose (object);
}

static void
bantin_subscribe_dialog_finalize (GObject *object)
{
  BantinSubscribeDialog *self = (BantinSubscribeDialog *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bantin_subscribe_dialog_parent_class)->finalize (object);
}

static void
bantin_subscribe_dialog_class_init (BantinSubscribeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bantin_subscribe_dialog_dispose;
  object_class->finalize = bantin_subscribe_dialog_finalize;
  window_class->close_request = bantin_subscribe_dialog_close_request;

  signals[SUBSCRIBED] =
    g_signal_new ("subscribed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bantin/Bantin/ui/bantin-subscribe-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BantinSubscribeDialog, subscribe_button);
  gtk_widget_class_bind_template_child (widget_class, BantinSubscribeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BantinSubscribeDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, BantinSubscribeDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, BantinSubscribeDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BantinSubscribeDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, subscribe_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bantin_subscribe_dialog_init (BantinSubscribeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->subscribe_button);
  /* Typing starts in the address, not on "Cancel". */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->url_row));
}

BantinSubscribeDialog *
bantin_subscribe_dialog_new (GtkWindow        *parent,
                             BantinSyncEngine *engine)
{
  BantinSubscribeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BANTIN_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (BANTIN_TYPE_SUBSCRIBE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);

  return self;
}

void
bantin_subscribe_dialog_set_url (BantinSubscribeDialog *self,
                                 const char            *url)
{
  g_return_if_fail (BANTIN_IS_SUBSCRIBE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
}
