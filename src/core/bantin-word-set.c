/* bantin-word-set.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A set of words built for speed: a sync splits every article it stores
 * into words, some ten million of them for 20,000 articles, most of them
 * seen already. A GHashTable of strings cost a copy, a strlen()-based
 * hash and a call per word; here the hash is computed while the word is
 * scanned, a lookup compares lengths before bytes, and the words that are
 * new are copied once into a GStringChunk. */

#include "config.h"

#include <string.h>

#include "bantin-word-set.h"

/* Longer tokens (URLs, hashes) are not worth completing. */
#define MAX_WORD_BYTES 48

typedef struct
{
  const char *word;    /* In the chunk; NULL for an empty slot. */
  guint32     hash;
  guint32     len;
} Slot;

struct _BantinWordSet
{
  Slot         *slots;
  gsize         mask;     /* Slots - 1; a power of two minus one. */
  gsize         n_words;
  GStringChunk *chunk;
};

BantinWordSet *
_bantin_word_set_new (void)
{
  BantinWordSet *set = g_new0 (BantinWordSet, 1);

  set->mask = 1024 - 1;
  set->slots = g_new0 (Slot, set->mask + 1);
  set->chunk = g_string_chunk_new (16 * 1024);

  return set;
}

void
_bantin_word_set_free (BantinWordSet *set)
{
  if (set == NULL)
    return;

  g_free (set->slots);
  g_string_chunk_free (set->chunk);
  g_free (set);
}

guint
_bantin_word_set_size (BantinWordSet *set)
{
  return set->n_words;
}

static void
grow (BantinWordSet *set)
{
  gsize old_size = set->mask + 1;
  Slot *old = set->slots;
  gsize i;

  set->mask = old_size * 2 - 1;
  set->slots = g_new0 (Slot, set->mask + 1);

  for (i = 0; i < old_size; i++)
    if (old[i].word != NULL)
      {
        gsize j = old[i].hash & set->mask;

        while (set->slots[j].word != NULL)
          j = (j + 1) & set->mask;
        set->slots[j] = old[i];
      }

  g_free (old);
}

static void
add_word (BantinWordSet *set,
          const char    *word,
          gsize          len,
          guint32        hash)
{
  gsize i = hash & set->mask;
  Slot *slot;

  for (;; i = (i + 1) & set->mask)
    {
      slot = &set->slots[i];
      if (slot->word == NULL)
        break;
      if (slot->hash == hash && slot->len == len && memcmp (slot->word, word, len) == 0)
        return;
    }

  slot->word = g_string_chunk_insert_len (set->chunk, word, len);
  slot->hash = hash;
  slot->len = len;

  /* At most half full, so that probes stay short. */
  if (++set->n_words * 2 > set->mask + 1)
    grow (set);
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* FNV-1a, one byte at a time as the word is scanned. */
#define HASH_START 2166136261u
#define HASH_STEP(h, b) (((h) ^ (guchar) (b)) * 16777619u)

/**
 * _bantin_word_set_add_text:
 * @text: (nullable): folded text (see bantin_text_fold())
 *
 * Adds every word of @text: the longest runs of letters, digits and
 * combining marks, as SQLite's unicode61 tokenizer sees them, except
 * words longer than 48 bytes. Invalid UTF-8 separates words.
 */
void
_bantin_word_set_add_text (BantinWordSet *set,
                           const char    *text)
{
  const char *p = text;

  if (text == NULL)
    return;

  while (*p != '\0')
    {
      const char *start;
      guint32 hash = HASH_START;

      /* Skip to the next word. */
      for (;;)
        {
          guchar b = (guchar) *p;
          gunichar c;

          if (b == '\0')
            return;
          if (b < 0x80)
            {
              if (g_ascii_isalnum (b))
                break;
              p++;
              continue;
            }
          c = g_utf8_get_char_validated (p, -1);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            p++;
          else if (is_word_char (c))
            break;
          else
            p = g_utf8_next_char (p);
        }

      /* Read it. */
      start = p;
      for (;;)
        {
          guchar b = (guchar) *p;
          const char *next;
          gunichar c;

          if (b < 0x80)
            {
              if (!g_ascii_isalnum (b))
                break;
              hash = HASH_STEP (hash, b);
              p++;
              continue;
            }
          c = g_utf8_get_char_validated (p, -1);
          if (c == (gunichar) -1 || c == (gunichar) -2 || !is_word_char (c))
            break;
          for (next = g_utf8_next_char (p); p < next; p++)
            hash = HASH_STEP (hash, *p);
        }

      if ((gsize) (p - start) <= MAX_WORD_BYTES)
        add_word (set, start, p - start, hash);
    }
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * _bantin_word_set_sorted:
 *
 * Returns: (transfer container): the words, sorted by their bytes, which
 *   belong to @set: they last as long as it does.
 */
GPtrArray *
_bantin_word_set_sorted (BantinWordSet *set)
{
  GPtrArray *words = g_ptr_array_sized_new (set->n_words);
  gsize i;

  for (i = 0; i <= set->mask; i++)
    if (set->slots[i].word != NULL)
      g_ptr_array_add (words, (gpointer) set->slots[i].word);

  g_ptr_array_sort (words, compare_words);
  return words;
}
