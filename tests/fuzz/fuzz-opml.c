/* fuzz-opml.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-feed-parser.h"
#include "bantin-opml.h"

#include "fuzz-common.h"

/* An OPML file is the one document a person hands us from anywhere. What
 * bantin_opml_parse() reads must be clean text, and writing it out and
 * reading it back must give the same subscriptions (order aside: the
 * writer groups feeds by folder). */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static gboolean
is_clean (const char *text)
{
  return text == NULL || (*text != '\0' && fuzz_is_nfc_utf8 (text));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "url site_url" of every entry, sorted. */
static GPtrArray *
subscriptions (GPtrArray *entries)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      BantinOpmlEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (keys, g_strconcat (entry->url, " ",
                                          entry->site_url != NULL ? entry->site_url : "", NULL));
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) reread = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  if (size > 262144)
    return 0;

  entries = bantin_opml_parse (data, size, &error);
  if (entries == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == BANTIN_FEED_PARSER_ERROR);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      BantinOpmlEntry *entry = g_ptr_array_index (entries, i);

      FUZZ_CHECK (entry->url != NULL);
      FUZZ_CHECK (is_clean (entry->url));
      FUZZ_CHECK (is_clean (entry->title));
      FUZZ_CHECK (is_clean (entry->site_url));
      FUZZ_CHECK (is_clean (entry->folder));
    }

  written = bantin_opml_write (entries, "Bantin");
  FUZZ_CHECK (written != NULL && g_utf8_validate (written, -1, NULL));

  reread = bantin_opml_parse ((const guint8 *) written, strlen (written), &error);
  if (reread == NULL)
    {
      fprintf (stderr, "Cannot read back what was written (%s):\n%s\n", error->message, written);
      abort ();
    }

  before = subscriptions (entries);
  after = subscriptions (reread);
  FUZZ_CHECK (before->len == after->len);
  for (guint i = 0; i < before->len; i++)
    FUZZ_CHECK (strcmp (g_ptr_array_index (before, i), g_ptr_array_index (after, i)) == 0);

  return 0;
}
