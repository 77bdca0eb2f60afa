/* bantin-preferences-window.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bantin-preferences-window.h"

#define SETTINGS_SCHEMA_ID "io.github.bantin.Bantin"

struct _BantinPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSpinButton        *sync_interval_spin;
  GtkSwitch            *sync_on_start_switch;
  GtkSwitch            *notify_switch;
  GtkSwitch            *fetch_full_switch;
  GtkSwitch            *images_switch;
  AdwComboRow          *retention_row;
  AdwComboRow          *timezone_row;
  AdwComboRow          *color_scheme_row;
  GtkSpinButton        *font_scale_spin;
  AdwComboRow          *proxy_mode_row;
  AdwEntryRow          *proxy_host_row;
  GtkWidget            *proxy_port_row;
  AdwEntryRow          *proxy_user_row;
  AdwEntryRow          *proxy_password_row;

  /* Owned references */
  GSettings            *settings;
  GArray               *retention_days;   /* guint per row of retention_row. */
  GPtrArray            *timezones;        /* char * per row of timezone_row. */
};

G_DEFINE_FINAL_TYPE (BantinPreferencesWindow, bantin_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Vietnam first; then the neighbours and the places officials travel to
 * most, so that a laptop abroad can still sort the news by Hà Nội's day or
 * by the local one. */
static const char * const timezones[] = {
  "Asia/Ho_Chi_Minh",
  "Asia/Bangkok",
  "Asia/Vientiane",
  "Asia/Phnom_Penh",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Europe/Moscow",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
  NULL
};

static const guint retention_presets[] = { 0, 30, 90, 180, 365, 730 };

static const char * const color_schemes[] = { "follow", "light", "dark", NULL };
static const char * const proxy_modes[] = { "system", "none", "http", "socks", NULL };

static guint
index_of (const char * const *values,
          guint               n_values,
          const char         *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return 0;
}

/* Settings mappings. */

static gboolean
get_choice_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *values = user_data;

  g_value_set_uint (value, index_of (values, g_strv_length ((char **) values),
                                     g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
set_choice_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *values = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) values))
    return NULL;

  return g_variant_new_string (values[index]);
}

static gboolean
get_uint_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
set_uint_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) + 0.5));
}

static gboolean
get_percent_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
set_percent_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100.0);
}

static gboolean
get_retention_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  BantinPreferencesWindow *self = user_data;
  guint days = g_variant_get_uint32 (variant);

  for (guint i = 0; i < self->retention_days->len; i++)
    if (g_array_index (self->retention_days, guint, i) == days)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
set_retention_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  BantinPreferencesWindow *self = user_data;
  guint index = g_value_get_uint (value);

  if (index >= self->retention_days->len)
    return NULL;

  return g_variant_new_uint32 (g_array_index (self->retention_days, guint, index));
}

static gboolean
get_timezone_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  BantinPreferencesWindow *self = user_data;
  const char *zone = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < self->timezones->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->timezones, i), zone) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
set_timezone_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  BantinPreferencesWindow *self = user_data;
  guint index = g_value_get_uint (value);

  if (index >= self->timezones->len)
    return NULL;

  return g_variant_new_string (g_ptr_array_index (self->timezones, index));
}

/* Models */

static char *
describe_retention (guint days)
{
  switch (days)
    {
    case 0:
      return g_strdup (_("Forever"));

    case 30:
      return g_strdup (_("1 Month"));

    case 90:
      return g_strdup (_("3 Months"));

    case 180:
      return g_strdup (_("6 Months"));

    case 365:
      return g_strdup (_("1 Year"));

    case 730:
      return g_strdup (_("2 Years"));

    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Day", "%u Days", days), days);
    }
}

static void
fill_retention_row (BantinPreferencesWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint current = g_settings_get_uint (self->settings, "retention-days");
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (retention_presets); i++)
    {
      g_autofree char *label = describe_retention (retention_presets[i]);

      g_array_append_val (self->retention_days, retention_presets[i]);
      gtk_string_list_append (list, label);
      found |= retention_presets[i] == current;
    }

  /* A value set from the command line (gsettings) is offered as it is. */
  if (!found)
    {
      g_autofree char *label = describe_retention (current);

      g_array_append_val (self->retention_days, current);
      gtk_string_list_append (list, label);
    }

  adw_combo_row_set_model (self->retention_row, G_LIST_MODEL (list));
}

static char *
describe_timezone (const char *identifier)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (identifier);
  g_autoptr(GDateTime) now = NULL;
  gint64 offset;
  int hours;
  int minutes;
  g_autofree char *place = NULL;
  g_autofree char *utc = NULL;

  if (tz == NULL)
    return g_strdup (identifier);

  /* "Asia/Ho_Chi_Minh" reads "Ho Chi Minh": the region only lengthens a
   * row that has little room. */
  place = g_strdup (strrchr (identifier, '/') != NULL ? strrchr (identifier, '/') + 1 : identifier);
  g_strdelimit (place, "_", ' ');

  now = g_date_time_new_now (tz);
  offset = g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE;
  hours = (int) (ABS (offset) / 60);
  minutes = (int) (ABS (offset) % 60);

  if (minutes == 0)
    utc = g_strdup_printf ("%c%d", offset < 0 ? '-' : '+', hours);
  else
    utc = g_strdup_printf ("%c%d:%02d", offset < 0 ? '-' : '+', hours, minutes);

  /* Translators: a time zone's place and its offset from UTC, e.g.
   * "Ho Chi Minh (UTC+7)". */
  return g_strdup_printf (_("%s (UTC%s)"), place, utc);
}

static void
fill_timezone_row (BantinPreferencesWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *current = g_settings_get_string (self->settings, "timezone");

  for (guint i = 0; timezones[i] != NULL; i++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezones[i]);

      /* Only zones this system's tzdata knows. */
      if (tz == NULL && i > 0)
        continue;
      g_ptr_array_add (self->timezones, g_strdup (timezones[i]));
    }

  if (current[0] != '\0' && !g_strv_contains ((const char * const *) self->timezones->pdata, current))
    g_ptr_array_add (self->timezones, g_strdup (current));
  g_ptr_array_add (self->timezones, NULL);
  g_ptr_array_set_size (self->timezones, self->timezones->len - 1);

  for (guint i = 0; i < self->timezones->len; i++)
    {
      g_autofree char *label = describe_timezone (g_ptr_array_index (self->timezones, i));

      gtk_string_list_append (list, label);
    }

  adw_combo_row_set_model (self->timezone_row, G_LIST_MODEL (list));
}

static void
fill_string_row (AdwComboRow        *row,
                 const char * const *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (labels);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
proxy_mode_changed_cb (BantinPreferencesWindow *self)
{
  guint mode = adw_combo_row_get_selected (self->proxy_mode_row);
  gboolean manual = mode == 2 || mode == 3;

  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_host_row), manual);
  gtk_widget_set_sensitive (self->proxy_port_row, manual);
  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_user_row), manual);
  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_password_row), manual);
}

static void
bantin_preferences_window_dispose (GObject *object)
{
  BantinPreferencesWindow *self = (BantinPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BANTIN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bantin_preferences_window_parent_class)->dispose (object);
}

static void
bantin_preferences_window_finalize (GObject *object)
{
  BantinPreferencesWindow *self = (BantinPreferencesWindow *) object;

  g_clear_pointer (&self->retention_days, g_array_unref);
  g_clear_pointer (&self->timezones, g_ptr_array_unref);

  G_OBJECT_CLASS (bantin_preferences_window_parent_class)->finalize (object);
}

static void
bantin_preferences_window_class_init (BantinPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bantin_preferences_window_dispose;
  object_class->finalize = bantin_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/bantin/Bantin/ui/bantin-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, sync_on_start_switch);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, fetch_full_switch);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, images_switch);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, retention_row);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, font_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, proxy_mode_row);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, proxy_host_row);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, proxy_port_row);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, proxy_user_row);
  gtk_widget_class_bind_template_child (widget_class, BantinPreferencesWindow, proxy_password_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
bantin_preferences_window_init (BantinPreferencesWindow *self)
{
  const char *style_labels[] = { _("Follow System"), _("Light"), _("Dark"), NULL };
  const char *proxy_labels[] = { _("Desktop Settings"), _("No Proxy"), _("HTTP Proxy"), _("SOCKS Proxy"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  self->retention_days = g_array_new (FALSE, FALSE, sizeof (guint));
  self->timezones = g_ptr_array_new_with_free_func (g_free);

  fill_retention_row (self);
  fill_timezone_row (self);
  fill_string_row (self->color_scheme_row, style_labels);
  fill_string_row (self->proxy_mode_row, proxy_labels);

  g_settings_bind_with_mapping (self->settings, "sync-interval",
                                gtk_spin_button_get_adjustment (self->sync_interval_spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                get_uint_mapping, set_uint_mapping, NULL, NULL);
  g_settings_bind (self->settings, "sync-on-start", self->sync_on_start_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-new-articles", self->notify_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "fetch-full-articles", self->fetch_full_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "download-images", self->images_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "retention-days", self->retention_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                get_retention_mapping, set_retention_mapping, self, NULL);
  g_settings_bind_with_mapping (self->settings, "timezone", self->timezone_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                get_timezone_mapping, set_timezone_mapping, self, NULL);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                get_choice_mapping, set_choice_mapping, (gpointer) color_schemes, NULL);
  g_settings_bind_with_mapping (self->settings, "article-font-scale",
                                gtk_spin_button_get_adjustment (self->font_scale_spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                get_percent_mapping, set_percent_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "proxy-mode", self->proxy_mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                get_choice_mapping, set_choice_mapping, (gpointer) proxy_modes, NULL);
  g_settings_bind (self->settings, "proxy-host", self->proxy_host_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "proxy-port",
                                gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (self->proxy_port_row)))),
                                "value", G_SETTINGS_BIND_DEFAULT,
                                get_uint_mapping, set_uint_mapping, NULL, NULL);
  g_settings_bind (self->settings, "proxy-user", self->proxy_user_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "proxy-password", self->proxy_password_row, "text", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->proxy_mode_row, "notify::selected",
                           G_CALLBACK (proxy_mode_changed_cb), self, G_CONNECT_SWAPPED);
  proxy_mode_changed_cb (self);
}

BantinPreferencesWindow *
bantin_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (BANTIN_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

const char * const *
bantin_preferences_window_get_timezones (void)
{
  return timezones;
}
