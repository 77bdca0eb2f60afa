/* bantin-article-view.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-article-view"

#include "config.h"

#include "bantin-article-view.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bantin-cached-image.h"
#include "bantin-date-format.h"
#include "bantin-html-renderer.h"
#include "bantin-print.h"
#include "bantin-report.h"
#include "bantin-resources.h"

#define ZOOM_MIN 0.5
#define ZOOM_MAX 3.0
#define ZOOM_STEP 1.1

/* Cached pictures are decoded at most this wide or high: the column is
 * 720 pixels, twice that for a scale factor of 2. */
#define MAX_IMAGE_PIXELS 1600

/* Which content the reader asked for; until they ask, the better one. */
typedef enum {
  CONTENT_CHOICE_BETTER,
  CONTENT_CHOICE_FULL,
  CONTENT_CHOICE_FEED,
} ContentChoice;

struct _BantinArticleView
{
  AdwBin                 parent_instance;

  /* Template widgets. The scrolled window, AdwBin's child, is not bound:
   * AdwBin unparents it in its own dispose. */
  GtkWidget             *column;
  GtkLabel              *title_label;
  GtkLabel              *meta_label;
  GtkWidget             *open_button;
  GtkWidget             *content_switch;
  GtkTextView           *text_view;

  /* Owned references */
  BantinArticle         *article;
  GHashTable            *images;          /* URL -> cached file, or NULL. */
  GHashTable            *textures;        /* Cached file -> GdkTexture, or NULL. */
  GtkCssProvider        *zoom_provider;

  BantinImageLookupFunc  image_func;
  gpointer               image_data;
  GDestroyNotify         image_destroy;

  double                 zoom;
  ContentChoice          choice;
  gboolean               showing_full;
};

G_DEFINE_FINAL_TYPE (BantinArticleView, bantin_article_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_ZOOM,
  PROP_SHOWN_CONTENT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_web_link (const char *link)
{
  return link != NULL &&
         (g_str_has_prefix (link, "http://") || g_str_has_prefix (link, "https://"));
}

static void
update_actions (BantinArticleView *self)
{
  gboolean has_link = self->article != NULL && is_web_link (bantin_article_get_link (self->article));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.open-in-browser", has_link);
  gtk_widget_set_visible (self->open_button, has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.zoom-in", self->zoom < ZOOM_MAX - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.zoom-out", self->zoom > ZOOM_MIN + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.zoom-reset", fabs (self->zoom - 1.0) > 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.print", self->article != NULL);
}

/* The zoom is a font size on the article column, which the title, the
 * metadata line and the text view (with its tables) inherit; heading tags
 * scale relative to it. */
static void
apply_zoom (BantinArticleView *self)
{
  g_autofree char *css = g_strdup_printf ("* { font-size: %d%%; }", (int) lround (self->zoom * 100.0));

  gtk_css_provider_load_from_data (self->zoom_provider, css, -1);
}

static char *
format_meta (BantinArticle *article)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *feed = bantin_article_get_feed_title (article);
  const char *author = bantin_article_get_author (article);
  gint64 published = bantin_article_get_published (article);
  char *result;

  if (feed != NULL && *feed != '\0')
    g_ptr_array_add (parts, g_strdup (feed));
  if (author != NULL && *author != '\0')
    g_ptr_array_add (parts, g_strdup (author));
  if (published > 0)
    {
      g_autoptr(GTimeZone) tz = bantin_date_get_timezone ();
      g_autofree char *day = bantin_date_format_day_long (bantin_article_get_local_day (article));
      g_autofree char *time = bantin_date_format_time (published, tz);

      /* Translators: an article's date and time, e.g. "Thứ Ba, 03/07/2018 lúc 08:30". */
      g_ptr_array_add (parts, g_strdup_printf (_("%s at %s"), day, time));
    }

  g_ptr_array_add (parts, NULL);
  result = g_strjoinv (" · ", (char **) parts->pdata);
  g_ptr_array_unref (parts);

  return result;
}

static GHashTable *
new_texture_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * bantin_article_view_decode_images:
 * @images: the article's cached images, image URL -> file, as from
 *   bantin_report_load_images()
 *
 * Decodes the cached files of @images at the size the view shows them,
 * so that opening an article does not decode its photos on the main
 * thread. Safe on any thread (GdkTextures may be made on any thread).
 * Files that do not decode are left out; the view shows those as
 * placeholders.
 *
 * Returns: (transfer full): file -> #GdkTexture, for
 *   bantin_article_view_show_article()
 */
GHashTable *
bantin_article_view_decode_images (GHashTable *images)
{
  GHashTable *textures = new_texture_table ();
  GHashTableIter iter;
  gpointer path;

  g_return_val_if_fail (images != NULL, textures);

  g_hash_table_iter_init (&iter, images);
  while (g_hash_table_iter_next (&iter, NULL, &path))
    {
      g_autoptr(GError) error = NULL;
      GdkTexture *texture;

      if (g_hash_table_contains (textures, path))
        continue;

      texture = bantin_cached_image_load (path, MAX_IMAGE_PIXELS, &error);
      if (texture == NULL)
        {
          g_debug ("Not showing the cached image %s: %s", (const char *) path, error->message);
          continue;
        }
      g_hash_table_insert (textures, g_strdup (path), texture);
    }

  return textures;
}

/* Only ever a file of the image cache: the path comes from the store,
 * never from the article. Decoded once per article: re-rendering (zoom,
 * the other content) reuses it. */
static GdkPaintable *
load_cached_image (BantinArticleView *self,
                   const char        *path)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (self->textures == NULL)
    self->textures = new_texture_table ();

  texture = g_hash_table_lookup (self->textures, path);
  if (texture != NULL)
    return GDK_PAINTABLE (g_object_ref (texture));

  /* Not decoded ahead (a caller without a worker thread, or an image
   * that failed there and fails here again). */
  texture = bantin_cached_image_load (path, MAX_IMAGE_PIXELS, &error);
  if (texture == NULL)
    {
      g_debug ("Not showing the cached image %s: %s", path, error->message);
      return NULL;
    }

  g_hash_table_insert (self->textures, g_strdup (path), g_object_ref (texture));
  return GDK_PAINTABLE (texture);
}

static GdkPaintable *
lookup_image_cb (const char *url,
                 gpointer    user_data)
{
  BantinArticleView *self = user_data;

  if (self->images != NULL)
    {
      const char *path = g_hash_table_lookup (self->images, url);

      if (path != NULL)
        return load_cached_image (self, path);
    }

  if (self->image_func == NULL)
    return NULL;
  return self->image_func (url, self->image_data);
}

/* The item's picture heads the text when it is cached and the text does
 * not show it already. */
static char *
with_header_image (BantinArticleView *self,
                   const char        *content)
{
  const char *url = bantin_article_get_image_url (self->article);
  g_autofree char *escaped = NULL;

  if (url == NULL || self->images == NULL || !g_hash_table_contains (self->images, url))
    return NULL;

  escaped = g_markup_escape_text (url, -1);
  if (content != NULL && (strstr (content, url) != NULL || strstr (content, escaped) != NULL))
    return NULL;

  return g_strdup_printf ("<figure><img src=\"%s\" alt=\"\"></figure>%s", escaped, content != NULL ? content : "");
}

static gboolean
has_both_contents (BantinArticle *article)
{
  const char *full = bantin_article_get_full_content (article);
  const char *feed = bantin_article_get_content (article);

  return full != NULL && *full != '\0' && feed != NULL && *feed != '\0' && strcmp (full, feed) != 0;
}

static void
choose_content (BantinArticleView *self)
{
  gboolean full;

  if (self->article == NULL)
    full = FALSE;
  else if (self->choice == CONTENT_CHOICE_FULL)
    full = TRUE;
  else if (self->choice == CONTENT_CHOICE_FEED)
    full = FALSE;
  else
    full = bantin_report_full_is_better (self->article);

  /* What is there wins over what was asked for. */
  if (self->article != NULL)
    bantin_report_pick_content (self->article, full, &full);

  if (self->showing_full != full)
    {
      self->showing_full = full;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_CONTENT]);
    }
}

/* The room the text has for a picture. Before the first article the view
 * was never shown and has no width: its nearest ancestor that has one
 * (the pane) tells the room it is about to get, less the margins of the
 * widgets in between. */
static int
image_room (BantinArticleView *self)
{
  GtkWidget *widget = GTK_WIDGET (self->text_view);
  int margins = gtk_text_view_get_left_margin (self->text_view) +
                gtk_text_view_get_right_margin (self->text_view);

  while (widget != NULL && gtk_widget_get_width (widget) <= 0)
    {
      margins += gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
      widget = gtk_widget_get_parent (widget);
    }
  if (widget == NULL)
    return 0;

  return MAX (gtk_widget_get_width (widget) - margins, 120);
}

static void
render_article (BantinArticleView *self)
{
  const char *content;
  g_autofree char *summary_html = NULL;
  g_autofree char *headed = NULL;

  if (self->article == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      bantin_html_renderer_render (self->text_view, NULL, NULL, NULL);
      gtk_widget_set_visible (self->content_switch, FALSE);
      gtk_widget_set_visible (self->column, FALSE);
      return;
    }

  gtk_widget_set_visible (self->column, TRUE);

  {
    const char *title = bantin_article_get_title (self->article);
    g_autofree char *meta = format_meta (self->article);

    gtk_label_set_text (self->title_label, title != NULL && *title != '\0' ? title : _("(Untitled)"));
    gtk_label_set_text (self->meta_label, meta);
    gtk_widget_set_visible (GTK_WIDGET (self->meta_label), *meta != '\0');
  }

  gtk_widget_set_visible (self->content_switch, has_both_contents (self->article));

  content = bantin_report_pick_content (self->article, self->showing_full, NULL);
  if (content == NULL || *content == '\0')
    {
      const char *summary = bantin_article_get_summary (self->article);

      if (summary != NULL && *summary != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (summary, -1);

          summary_html = g_strdup_printf ("<p>%s</p>", escaped);
        }
      content = summary_html;
    }

  headed = with_header_image (self, content);
  if (headed != NULL)
    content = headed;

  bantin_html_renderer_set_max_image_width (self->text_view, image_room (self));
  bantin_html_renderer_render (self->text_view, content, lookup_image_cb, self);

  {
    GtkWidget *scroller = adw_bin_get_child (ADW_BIN (self));

    if (GTK_IS_SCROLLED_WINDOW (scroller))
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0.0);
  }
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BantinArticleView *self = BANTIN_ARTICLE_VIEW (widget);

  bantin_article_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BantinArticleView *self = BANTIN_ARTICLE_VIEW (widget);

  bantin_article_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  bantin_article_view_set_zoom (BANTIN_ARTICLE_VIEW (widget), 1.0);
}

static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BantinArticleView *self = BANTIN_ARTICLE_VIEW (widget);
  const char *link;
  GtkRoot *root;

  if (self->article == NULL)
    return;

  link = bantin_article_get_link (self->article);
  if (!is_web_link (link))
    return;

  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, link, GDK_CURRENT_TIME);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BantinArticleView *self = BANTIN_ARTICLE_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (self->article == NULL)
    return;

  root = gtk_widget_get_root (widget);
  operation = bantin_article_view_create_print_operation (self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Could not print the article: %s", error->message);
}

static void
bantin_article_view_dispose (GObject *object)
{
  BantinArticleView *self = BANTIN_ARTICLE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BANTIN_TYPE_ARTICLE_VIEW);

  g_clear_object (&self->article);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_object (&self->zoom_provider);
  if (self->image_destroy != NULL)
    g_clear_pointer (&self->image_data, self->image_destroy);
  self->image_func = NULL;
  self->image_destroy = NULL;

  G_OBJECT_CLASS (bantin_article_view_parent_class)->dispose (object);
}

static void
bantin_article_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BantinArticleView *self = BANTIN_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_SHOWN_CONTENT:
      g_value_set_string (value, bantin_article_view_get_shown_content (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_article_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BantinArticleView *self = BANTIN_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      bantin_article_view_set_article (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      bantin_article_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_SHOWN_CONTENT:
      bantin_article_view_set_shown_content (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bantin_article_view_class_init (BantinArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bantin_article_view_dispose;
  object_class->get_property = bantin_article_view_get_property;
  object_class->set_property = bantin_article_view_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         BANTIN_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         ZOOM_MIN, ZOOM_MAX, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOWN_CONTENT] =
    g_param_spec_string ("shown-content", NULL, NULL,
                         "feed",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links it in (and so registers it) even in
   * programs such as the tests that use this widget on its own. */
  g_assert (bantin_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bantin/Bantin/ui/bantin-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BantinArticleView, column);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleView, open_button);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleView, content_switch);
  gtk_widget_class_bind_template_child (widget_class, BantinArticleView, text_view);

  gtk_widget_class_install_action (widget_class, "article.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "article.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "article.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "article.open-in-browser", NULL, open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "article.print", NULL, print_action);
  gtk_widget_class_install_property_action (widget_class, "article.shown-content", "shown-content");

  gtk_widget_class_set_css_name (widget_class, "bantin-article-view");
}

static void
bantin_article_view_init (BantinArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->zoom_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (self->column),
                                  GTK_STYLE_PROVIDER (self->zoom_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  apply_zoom (self);

  render_article (self);
  update_actions (self);
}

GtkWidget *
bantin_article_view_new (void)
{
  return g_object_new (BANTIN_TYPE_ARTICLE_VIEW, NULL);
}

BantinArticle *
bantin_article_view_get_article (BantinArticleView *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE_VIEW (self), NULL);

  return self->article;
}

/**
 * bantin_article_view_set_article:
 * @self: the view
 * @article: (nullable): an article with its content loaded, or %NULL
 *
 * Shows @article, or nothing for %NULL. When the article has no content,
 * its plain-text summary is shown instead. Images come from the lookup
 * function only; see bantin_article_view_show_article().
 */
void
bantin_article_view_set_article (BantinArticleView *self,
                                 BantinArticle     *article)
{
  g_return_if_fail (BANTIN_IS_ARTICLE_VIEW (self));
  g_return_if_fail (article == NULL || BANTIN_IS_ARTICLE (article));

  if (self->article == article)
    return;

  bantin_article_view_show_article (self, article, NULL, NULL);
}

/**
 * bantin_article_view_show_article:
 * @self: the view
 * @article: (nullable): an article with its content loaded, or %NULL
 * @images: (nullable): the article's cached images, image URL -> file, as
 *   from bantin_report_load_images(); a reference is taken
 * @textures: (nullable): those files decoded ahead, off the main thread,
 *   by bantin_article_view_decode_images(); a reference is taken. Files
 *   missing from it are decoded here.
 *
 * Shows @article with the cached copies of its images; an image not in
 * @images comes from the lookup function, else shows as a placeholder.
 */
void
bantin_article_view_show_article (BantinArticleView *self,
                                  BantinArticle     *article,
                                  GHashTable        *images,
                                  GHashTable        *textures)
{
  gboolean changed;

  g_return_if_fail (BANTIN_IS_ARTICLE_VIEW (self));
  g_return_if_fail (article == NULL || BANTIN_IS_ARTICLE (article));

  changed = self->article != article;

  g_set_object (&self->article, article);
  if (images != NULL)
    g_hash_table_ref (images);
  g_clear_pointer (&self->images, g_hash_table_unref);
  self->images = images;
  if (textures != NULL)
    g_hash_table_ref (textures);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  self->textures = textures;

  choose_content (self);
  render_article (self);
  update_actions (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

/**
 * bantin_article_view_get_showing_full:
 *
 * Returns: whether the view shows the article extracted from its web page
 *   rather than the feed's content.
 */
gboolean
bantin_article_view_get_showing_full (BantinArticleView *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE_VIEW (self), FALSE);

  return self->showing_full;
}

const char *
bantin_article_view_get_shown_content (BantinArticleView *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE_VIEW (self), NULL);

  return self->showing_full ? "full" : "feed";
}

/**
 * bantin_article_view_set_shown_content:
 * @shown: "full" for the article extracted from its web page, "feed" for
 *   the feed's content
 *
 * The reader's choice: it holds for the articles shown after this one
 * (those that have the content asked for).
 */
void
bantin_article_view_set_shown_content (BantinArticleView *self,
                                       const char        *shown)
{
  gboolean was_full;

  g_return_if_fail (BANTIN_IS_ARTICLE_VIEW (self));
  g_return_if_fail (shown != NULL);

  if (strcmp (shown, "full") == 0)
    self->choice = CONTENT_CHOICE_FULL;
  else if (strcmp (shown, "feed") == 0)
    self->choice = CONTENT_CHOICE_FEED;
  else
    return;

  was_full = self->showing_full;
  choose_content (self);
  if (was_full != self->showing_full)
    render_article (self);
}

/**
 * bantin_article_view_create_print_operation:
 *
 * Returns: (transfer full): an operation that prints the article as
 *   shown (the same content, the cached images), or %NULL without one.
 */
GtkPrintOperation *
bantin_article_view_create_print_operation (BantinArticleView *self)
{
  BantinReport *report;
  const char *title;

  g_return_val_if_fail (BANTIN_IS_ARTICLE_VIEW (self), NULL);

  if (self->article == NULL)
    return NULL;

  title = bantin_article_get_title (self->article);
  report = bantin_report_new (title != NULL && *title != '\0' ? title : _("(Untitled)"), NULL);
  bantin_report_add (report, self->article, self->images, self->showing_full);

  return bantin_print_operation_new (report, FALSE);
}

double
bantin_article_view_get_zoom (BantinArticleView *self)
{
  g_return_val_if_fail (BANTIN_IS_ARTICLE_VIEW (self), 1.0);

  return self->zoom;
}

void
bantin_article_view_set_zoom (BantinArticleView *self,
                              double             zoom)
{
  g_return_if_fail (BANTIN_IS_ARTICLE_VIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  /* Steps of 10 % land on 1.0 again after zooming in and out. */
  if (fabs (zoom - 1.0) < 0.02)
    zoom = 1.0;

  if (fabs (self->zoom - zoom) < 0.0001)
    return;

  self->zoom = zoom;
  apply_zoom (self);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * bantin_article_view_set_image_lookup:
 * @self: the view
 * @func: (nullable): returns a new reference to a cached image, or %NULL
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Sets where images come from. Without a lookup, every image shows as a
 * placeholder with its alt text. Applies from the next article shown.
 */
void
bantin_article_view_set_image_lookup (BantinArticleView     *self,
                                      BantinImageLookupFunc  func,
                                      gpointer               user_data,
                                      GDestroyNotify         destroy)
{
  g_return_if_fail (BANTIN_IS_ARTICLE_VIEW (self));

  if (self->image_destroy != NULL)
    self->image_destroy (self->image_data);

  self->image_func = func;
  self->image_data = user_data;
  self->image_destroy = destroy;
}
