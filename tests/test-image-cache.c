/* test-image-cache.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bantin-image-cache.h"

static const guint8 jpeg_head[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0 };
static const guint8 png_head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };

/* Bytes that start like an image of @type and go on with @fill. */
static GBytes *
make_image (const guint8 *head,
            gsize         head_len,
            gsize         len,
            guint8        fill)
{
  guint8 *data = g_malloc (len);

  memset (data, fill, len);
  memcpy (data, head, MIN (head_len, len));
  return g_bytes_new_take (data, len);
}

static char *
make_cache_dir (void)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own cache dir. */
  return g_build_filename (g_get_user_cache_dir (), "bantin", "images", NULL);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (top == NULL)
    return 0;

  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, name, NULL);
      g_autoptr(GDir) inner = g_dir_open (sub, 0, NULL);

      g_assert_nonnull (inner);
      while (g_dir_read_name (inner) != NULL)
        n++;
    }

  return n;
}

static void
test_put_lookup (void)
{
  g_autofree char *dir = make_cache_dir ();
  g_autoptr(BantinImageCache) cache = bantin_image_cache_new (dir, 0, 0);
  g_autoptr(GBytes) image = make_image (jpeg_head, sizeof jpeg_head, 5000, 0x42);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image);
  g_autofree char *path = NULL;
  g_autofree char *expected_path = NULL;
  char prefix[3];

  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==, 0);
  g_assert_cmpuint (bantin_image_cache_get_max_image_size (cache), ==,
                    BANTIN_IMAGE_CACHE_DEFAULT_MAX_IMAGE_SIZE);

  g_assert_true (bantin_image_cache_put (cache, "https://bao.example/a.jpg", image, &hash, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, expected_hash);
  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==, 5000);

  /* Stored at <dir>/<first two hex digits>/<hash>, and nothing else
   * (no temporary file) is left. */
  prefix[0] = hash[0];
  prefix[1] = hash[1];
  prefix[2] = '\0';
  expected_path = g_build_filename (dir, prefix, hash, NULL);
  path = bantin_image_cache_lookup (cache, hash);
  g_assert_cmpstr (path, ==, expected_path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (dir), ==, 1);

  loaded = bantin_image_cache_load (cache, hash, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, image));

  /* The same picture from another article (another URL) is stored once. */
  g_assert_true (bantin_image_cache_put (cache, "https://cdn.example/b.jpg", image, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, hash);
  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==, 5000);
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* Not stored: NULL, not an error. */
  g_assert_null (bantin_image_cache_lookup (cache,
                                            "0000000000000000000000000000000000000000000000000000000000000000"));
}

static void
test_caps (void)
{
  g_autofree char *dir = make_cache_dir ();
  g_autoptr(BantinImageCache) cache = bantin_image_cache_new (dir, 4000, 10000);
  g_autoptr(GBytes) big = make_image (png_head, sizeof png_head, 4001, 1);
  g_autoptr(GBytes) a = make_image (png_head, sizeof png_head, 4000, 2);
  g_autoptr(GBytes) b = make_image (png_head, sizeof png_head, 4000, 3);
  g_autoptr(GBytes) c = make_image (png_head, sizeof png_head, 4000, 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash_a = NULL;
  g_autofree char *hash = NULL;

  g_assert_false (bantin_image_cache_put (cache, "https://bao.example/big.png", big, &hash, &error));
  g_assert_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "https://bao.example/big.png"));
  g_assert_null (hash);
  g_clear_error (&error);

  g_assert_true (bantin_image_cache_put (cache, "a", a, &hash_a, &error));
  g_assert_true (bantin_image_cache_put (cache, "b", b, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==, 8000);

  g_assert_false (bantin_image_cache_put (cache, "https://bao.example/c.png", c, NULL, &error));
  g_assert_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_FULL);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 2);

  /* An image already stored is fine even when the cache is full. */
  g_assert_true (bantin_image_cache_put (cache, "a again", a, NULL, &error));
  g_assert_no_error (error);

  /* Removing makes room. */
  g_assert_true (bantin_image_cache_remove (cache, hash_a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==, 4000);
  g_assert_null (bantin_image_cache_lookup (cache, hash_a));
  g_assert_true (bantin_image_cache_put (cache, "c", c, NULL, &error));
  g_assert_no_error (error);

  /* Removing twice is not an error. */
  g_assert_true (bantin_image_cache_remove (cache, hash_a, &error));
  g_assert_no_error (error);

  /* Raising the cap lets more in. */
  bantin_image_cache_set_max_total_size (cache, 20000);
  g_assert_true (bantin_image_cache_put (cache, "a", a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==, 12000);
}

static void
test_total_survives (void)
{
  g_autofree char *dir = make_cache_dir ();
  g_autoptr(BantinImageCache) first = bantin_image_cache_new (dir, 0, 0);
  g_autoptr(BantinImageCache) second = NULL;
  g_autoptr(GBytes) a = make_image (jpeg_head, sizeof jpeg_head, 1234, 7);
  g_autoptr(GBytes) b = make_image (png_head, sizeof png_head, 4321, 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *stray = g_build_filename (dir, "ab", "not-a-hash.tmp", NULL);
  g_autofree char *stray_dir = g_path_get_dirname (stray);

  g_assert_true (bantin_image_cache_put (first, NULL, a, NULL, &error));
  g_assert_true (bantin_image_cache_put (first, NULL, b, NULL, &error));
  g_assert_no_error (error);

  /* A stray file (an interrupted write elsewhere) is not counted. */
  g_assert_cmpint (g_mkdir_with_parents (stray_dir, 0755), ==, 0);
  g_file_set_contents (stray, "xxxxxxxx", -1, &error);
  g_assert_no_error (error);

  second = bantin_image_cache_new (dir, 0, 0);
  g_assert_cmpuint (bantin_image_cache_get_total_size (second), ==, 1234 + 4321);
}

static void
test_refused (void)
{
  static const char svg[] = "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- x -->\n"
                            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
  static const char html[] = "<!DOCTYPE html><html><body>404 Not Found</body></html>";
  g_autofree char *dir = make_cache_dir ();
  g_autoptr(BantinImageCache) cache = bantin_image_cache_new (dir, 0, 0);
  g_autoptr(GBytes) svg_bytes = g_bytes_new_static (svg, strlen (svg));
  g_autoptr(GBytes) html_bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (bantin_image_cache_put (cache, "https://bao.example/logo.svg", svg_bytes, NULL, &error));
  g_assert_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* A server that says image/jpeg and sends an error page. */
  g_assert_false (bantin_image_cache_put (cache, "https://bao.example/a.jpg", html_bytes, NULL, &error));
  g_assert_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_NOT_IMAGE);
  g_clear_error (&error);

  g_assert_false (bantin_image_cache_put (cache, NULL, empty, NULL, &error));
  g_assert_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_NOT_IMAGE);
  g_clear_error (&error);

  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==, 0);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_invalid_hash (void)
{
  static const char * const bad[] = {
    "", "../../../etc/passwd", "abc",
    "ABCDEF0000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000/",
    "g000000000000000000000000000000000000000000000000000000000000000",
  };
  g_autofree char *dir = make_cache_dir ();
  g_autoptr(BantinImageCache) cache = bantin_image_cache_new (dir, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_null (bantin_image_cache_lookup (cache, bad[i]));
      bytes = bantin_image_cache_load (cache, bad[i], &error);
      g_assert_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_INVALID_HASH);
      g_assert_null (bytes);
      g_clear_error (&error);
      g_assert_false (bantin_image_cache_remove (cache, bad[i], &error));
      g_assert_error (error, BANTIN_IMAGE_CACHE_ERROR, BANTIN_IMAGE_CACHE_ERROR_INVALID_HASH);
    }
}

typedef struct
{
  const char      *data;
  gsize            len;
  BantinImageType  type;
} SniffCase;

static const SniffCase sniff_cases[] = {
  { "\xff\xd8\xff\xdb", 4, BANTIN_IMAGE_TYPE_JPEG },
  { "\xff\xd8", 2, BANTIN_IMAGE_TYPE_UNKNOWN },
  { "\x89PNG\r\n\x1a\n", 8, BANTIN_IMAGE_TYPE_PNG },
  { "\x89PNG\r\n", 6, BANTIN_IMAGE_TYPE_UNKNOWN },
  { "GIF89a", 6, BANTIN_IMAGE_TYPE_GIF },
  { "GIF87a", 6, BANTIN_IMAGE_TYPE_GIF },
  { "GIF90a", 6, BANTIN_IMAGE_TYPE_UNKNOWN },
  { "RIFF\x10\0\0\0WEBPVP8 ", 16, BANTIN_IMAGE_TYPE_WEBP },
  { "RIFF\x10\0\0\0WAVEfmt ", 16, BANTIN_IMAGE_TYPE_UNKNOWN },
  { "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41, BANTIN_IMAGE_TYPE_SVG },
  { "  \n<?xml version=\"1.0\"?><!DOCTYPE svg><SVG>", 43, BANTIN_IMAGE_TYPE_SVG },
  { "<svgfoo>", 8, BANTIN_IMAGE_TYPE_UNKNOWN },
  { "<html><body><p>no</p></body></html>", 35, BANTIN_IMAGE_TYPE_UNKNOWN },
  { "", 0, BANTIN_IMAGE_TYPE_UNKNOWN },
};

static void
test_sniff (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sniff_cases); i++)
    g_assert_cmpint (bantin_image_sniff ((const guint8 *) sniff_cases[i].data, sniff_cases[i].len),
                     ==, sniff_cases[i].type);

  g_assert_cmpint (bantin_image_sniff (NULL, 0), ==, BANTIN_IMAGE_TYPE_UNKNOWN);
  g_assert_cmpstr (bantin_image_type_to_mime_type (BANTIN_IMAGE_TYPE_WEBP), ==, "image/webp");
  g_assert_null (bantin_image_type_to_mime_type (BANTIN_IMAGE_TYPE_UNKNOWN));
}

typedef struct
{
  BantinImageCache *cache;
  guint             seed;
} ThreadData;

static gpointer
put_many (gpointer data)
{
  ThreadData *td = data;

  for (guint i = 0; i < 50; i++)
    {
      /* Half the images are shared between the threads. */
      guint8 fill = (guint8) (i % 2 == 0 ? i : i + td->seed);
      g_autoptr(GBytes) image = make_image (png_head, sizeof png_head, 1000 + i, fill);
      g_autoptr(GError) error = NULL;

      bantin_image_cache_put (td->cache, NULL, image, NULL, &error);
      g_assert_no_error (error);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autofree char *dir = make_cache_dir ();
  g_autoptr(BantinImageCache) cache = bantin_image_cache_new (dir, 0, 0);
  g_autoptr(BantinImageCache) fresh = NULL;
  ThreadData data[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].cache = cache;
      data[i].seed = 100 * (i + 1);
      threads[i] = g_thread_new ("put", put_many, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  /* The running total matches what a fresh scan of the files finds. */
  fresh = bantin_image_cache_new (dir, 0, 0);
  g_assert_cmpuint (bantin_image_cache_get_total_size (cache), ==,
                    bantin_image_cache_get_total_size (fresh));
  g_assert_cmpuint (count_files (dir), ==, 25 + 4 * 25);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/image-cache/put-lookup", test_put_lookup);
  g_test_add_func ("/image-cache/caps", test_caps);
  g_test_add_func ("/image-cache/total-survives", test_total_survives);
  g_test_add_func ("/image-cache/refused", test_refused);
  g_test_add_func ("/image-cache/invalid-hash", test_invalid_hash);
  g_test_add_func ("/image-cache/sniff", test_sniff);
  g_test_add_func ("/image-cache/threads", test_threads);

  return g_test_run ();
}
