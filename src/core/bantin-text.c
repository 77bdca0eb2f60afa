/* bantin-text.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bantin-text"

#include "config.h"

#include "bantin-text.h"
#include "bantin-utf8-private.h"

#include <string.h>

/* TRUE for characters that are in NFC whatever follows them and that no
 * later character composes with: their Unicode NFC_Quick_Check is Yes and
 * they are not combining. That covers ASCII, Latin-1, Latin Extended A/B
 * (ơ, ư, đ…), every precomposed Vietnamese letter (U+1E00–U+1EFF) and
 * common punctuation, so almost all Vietnamese text skips
 * g_utf8_normalize() entirely. */
static inline gboolean
is_nfc_safe (gunichar c)
{
  return c < 0x0300 ||
         (c >= 0x1E00 && c <= 0x1EFF) ||
         (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0x2030 && c <= 0x205E) ||
         c == 0x20AB || c == 0x20AC;
}

static gboolean
piece_is_nfc_safe (const char *start,
                   const char *end)
{
  const char *p;

  for (p = start; p < end; p++)
    if ((guchar) *p >= 0x80)
      {
        if (!is_nfc_safe (g_utf8_get_char (p)))
          return FALSE;
        p = g_utf8_next_char (p) - 1;
      }

  return TRUE;
}

/* GLib 2.74's g_utf8_normalize() is quadratic in the length of its input
 * (composing a pair shifts the rest of the buffer): 1 MB of Vietnamese
 * takes 20 s. Normalization never carries across an ASCII character,
 * which is a starter that composes with nothing before it, so the text is
 * normalized in pieces that end just before one, and only the pieces that
 * hold a character that may change are normalized at all. */
#define NORMALIZE_PIECE 4096

static char *
normalize_nfc (const char *text,
               gsize       len)
{
  GString *out = g_string_sized_new (len + 16);
  const char *start = text;
  const char *text_end = text + len;

  while (start < text_end)
    {
      const char *end = start;
      g_autofree char *piece = NULL;

      while (end < text_end && (end - start < NORMALIZE_PIECE || (guchar) *end >= 0x80))
        end++;

      if (!piece_is_nfc_safe (start, end))
        piece = g_utf8_normalize (start, end - start, G_NORMALIZE_NFC);

      if (piece != NULL)
        g_string_append (out, piece);
      else
        g_string_append_len (out, start, end - start);
      start = end;
    }

  return g_string_free (out, FALSE);
}

static inline gboolean
is_dropped_control (guchar b)
{
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f;
}

typedef enum
{
  TEXT_INVALID      = 1 << 0,   /* Not UTF-8, or holds a NUL. */
  TEXT_HAS_CONTROLS = 1 << 1,
  TEXT_NEEDS_NFC    = 1 << 2,
} TextFlags;

/* One pass over @text that validates it as g_utf8_validate_len() does and
 * notes what bantin_text_make_valid() must do to it: it runs over whole
 * documents and then over the fields not known to be settled, so
 * printable ASCII costs a compare and the rest is decoded inline. */
static guint
scan_text (const char *text,
           gsize       len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  guint flags = 0;

  while (p < end)
    {
      gunichar c;
      gsize n;
      guchar b;

      while (p < end && (guchar) (*p - 0x20) < 0x5f)
        p++;
      if (p == end)
        break;

      b = *p;
      if (b < 0x80)
        {
          if (b == 0)
            return flags | TEXT_INVALID;
          if (is_dropped_control (b))
            flags |= TEXT_HAS_CONTROLS;
          p++;
          continue;
        }

      n = _bantin_utf8_decode (p, end, &c);
      if (n == 0)
        return flags | TEXT_INVALID;
      p += n;

      if (!is_nfc_safe (c))
        flags |= TEXT_NEEDS_NFC;
    }

  return flags;
}

/**
 * bantin_text_validate:
 * @data: bytes
 * @len: their length
 *
 * The same as g_utf8_validate_len() (a NUL makes @data invalid), faster
 * on long documents.
 */
gboolean
bantin_text_validate (const char *data,
                      gsize       len)
{
  return (scan_text (data, len) & TEXT_INVALID) == 0;
}

/**
 * bantin_text_validate_settled:
 * @data: bytes
 * @len: their length
 * @out_settled: (out): whether @data is settled text
 *
 * bantin_text_validate(), which also tells, in the same pass, whether
 * @data is settled: valid UTF-8 without NUL or dropped control
 * characters, every character of which NFC leaves alone whatever comes
 * before or after it (see is_nfc_safe()). bantin_text_make_valid()
 * returns such text unchanged, and so it does any text cut out of it and
 * pieced together again: a document that is settled needs no repair of
 * the fields read from it, only of what entities or escapes add.
 */
gboolean
bantin_text_validate_settled (const char *data,
                              gsize       len,
                              gboolean   *out_settled)
{
  guint flags = scan_text (data, len);

  *out_settled = flags == 0;
  return (flags & TEXT_INVALID) == 0;
}

/* Makes @text (@text_len bytes, valid UTF-8 without NUL, as @flags says)
 * safe to store; returns NULL when it is already. */
static char *
repair (const char *text,
        gsize       text_len,
        guint       flags)
{
  g_autofree char *clean = NULL;

  if (flags & TEXT_HAS_CONTROLS)
    {
      gsize i, j = 0;

      clean = g_malloc (text_len + 1);
      for (i = 0; i < text_len; i++)
        if (!is_dropped_control ((guchar) text[i]))
          clean[j++] = text[i];
      clean[j] = '\0';
      text = clean;
      text_len = j;
    }

  if (flags & TEXT_NEEDS_NFC)
    return normalize_nfc (text, text_len);

  return g_steal_pointer (&clean);
}

/**
 * bantin_text_make_valid:
 * @data: bytes that should be UTF-8
 * @len: length of @data, or -1 when it is NUL-terminated
 *
 * Returns text that is safe to store: valid UTF-8 (invalid sequences become
 * U+FFFD), without NUL or C0 control characters other than tab and newlines,
 * and in Unicode normalization form C. Windows-1258 text in particular
 * arrives with combining tone marks, which NFC composes back into the
 * precomposed letters that every other source uses.
 *
 * It runs on every field of every synced item, so text that is already
 * clean (the usual case) costs one scan and one copy.
 */
char *
bantin_text_make_valid (const char *data,
                        gssize      len)
{
  g_autofree char *valid = NULL;
  const char *text = data;
  gsize text_len;
  char *repaired;
  guint flags;

  if (data == NULL)
    return NULL;

  text_len = len < 0 ? strlen (data) : (gsize) len;

  /* Embedded NULs count as invalid too: like invalid sequences,
   * g_utf8_make_valid() turns them into U+FFFD. */
  flags = scan_text (text, text_len);
  if (flags & TEXT_INVALID)
    {
      valid = g_utf8_make_valid (data, text_len);
      text = valid;
      text_len = strlen (valid);
      flags = scan_text (text, text_len);
    }

  repaired = repair (text, text_len, flags);
  if (repaired != NULL)
    return repaired;

  if (valid != NULL)
    return g_steal_pointer (&valid);

  return g_strndup (text, text_len);
}

/**
 * bantin_text_make_valid_take:
 * @text: (transfer full) (nullable): NUL-terminated text that should be
 *   UTF-8
 *
 * Like bantin_text_make_valid(), but takes @text and gives it back as it
 * is when it is already clean, without a copy.
 */
char *
bantin_text_make_valid_take (char *text)
{
  gsize len;
  guint flags;
  char *repaired;

  if (text == NULL)
    return NULL;

  len = strlen (text);
  flags = scan_text (text, len);
  if (flags == 0)
    return text;

  if (flags & TEXT_INVALID)
    repaired = bantin_text_make_valid (text, len);
  else
    repaired = repair (text, len, flags);

  g_free (text);
  return repaired;
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;

    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
    default:
      return FALSE;
    }
}

/* Folds one character the slow, general way: decompose, drop the marks,
 * đ/Đ to d, lower case. */
static void
fold_char_slow (gunichar  c,
                GString  *out)
{
  char utf8[8];
  g_autofree char *nfd = NULL;
  const char *p;

  utf8[g_unichar_to_utf8 (c, utf8)] = '\0';
  nfd = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return;

  for (p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar d = g_utf8_get_char (p);

      if (is_mark (d))
        continue;

      if (d == 0x0110 || d == 0x0111)   /* Đ, đ */
        d = 'd';
      else
        d = g_unichar_tolower (d);

      g_string_append_unichar (out, d);
    }
}

/* Folding works character by character (NFD only splits characters and
 * every mark it produces is dropped), so the folds of the first code
 * points, which hold Latin with every Vietnamese letter (U+1EA0–U+1EF9),
 * are computed once into a table: the index folds megabytes of text per
 * sync, and normalizing it as a whole was most of a sync's CPU time. */
#define FOLD_TABLE_SIZE 0x2000
#define FOLD_MAX_BYTES 7

typedef struct
{
  guint8 len;                  /* G_MAXUINT8: too long, use the slow path. */
  char   bytes[FOLD_MAX_BYTES];
} FoldEntry;

static const FoldEntry *
get_fold_table (void)
{
  static gsize table;

  if (g_once_init_enter (&table))
    {
      FoldEntry *built = g_new0 (FoldEntry, FOLD_TABLE_SIZE);
      GString *tmp = g_string_new (NULL);
      gunichar c;

      for (c = 1; c < FOLD_TABLE_SIZE; c++)
        {
          g_string_truncate (tmp, 0);
          if (g_unichar_validate (c))
            fold_char_slow (c, tmp);

          if (tmp->len <= FOLD_MAX_BYTES)
            {
              built[c].len = tmp->len;
              memcpy (built[c].bytes, tmp->str, tmp->len);
            }
          else
            {
              built[c].len = G_MAXUINT8;
            }
        }

      g_string_free (tmp, TRUE);
      g_once_init_leave (&table, (gsize) built);
    }

  return (const FoldEntry *) table;
}

/* The folded text is written straight into a buffer sized for the
 * input: a GString call per run of ASCII and per accented letter, a few of
 * each in every Vietnamese word, cost a third of the folding. */
typedef struct
{
  char  *str;
  gsize  len;
  gsize  size;
} FoldBuffer;

static inline char *
fold_buffer_reserve (FoldBuffer *buffer,
                     gsize       n)
{
  /* One byte more for the final NUL. */
  if (buffer->len + n + 1 > buffer->size)
    {
      buffer->size = MAX (buffer->size * 2, buffer->len + n + 1);
      buffer->str = g_realloc (buffer->str, buffer->size);
    }

  return buffer->str + buffer->len;
}

/**
 * bantin_text_fold:
 * @text: UTF-8 text
 *
 * Folds @text for the search index and for queries: lower case, every
 * diacritic removed, and đ/Đ turned into d. SQLite's unicode61 tokenizer
 * removes diacritics but treats đ as a letter of its own, so "dang" would
 * never find "Đảng" without this. Both the index and the query go through
 * this one function, so they cannot disagree.
 */
char *
bantin_text_fold (const char *text)
{
  const FoldEntry *table;
  FoldBuffer buffer;
  g_autoptr(GString) slow = NULL;   /* For characters beyond the table. */
  const guchar *p;
  const guchar *end;
  gsize len;

  if (text == NULL)
    return g_strdup ("");

  table = get_fold_table ();
  len = strlen (text);
  /* Folding seldom lengthens text: this is nearly always the one
   * allocation. */
  buffer.size = len + FOLD_MAX_BYTES + 1;
  buffer.str = g_malloc (buffer.size);
  buffer.len = 0;
  end = (const guchar *) text + len;

  for (p = (const guchar *) text; p < end; )
    {
      gunichar c;
      gsize n;

      /* Most of a Vietnamese text is ASCII (spaces, and the letters of a
       * syllable around its one accented vowel): lower a whole run. */
      if (*p < 0x80)
        {
          const guchar *run = p;
          char *dest;

          while (p < end && *p < 0x80)
            p++;

          dest = fold_buffer_reserve (&buffer, p - run);
          buffer.len += p - run;
          for (; run < p; run++, dest++)
            *dest = (char) (*run >= 'A' && *run <= 'Z' ? *run + ('a' - 'A') : *run);
          continue;
        }

      n = _bantin_utf8_decode (p, end, &c);
      if (n == 0)
        {
          /* Not UTF-8: skip the byte, as normalizing would have failed. */
          p++;
          continue;
        }

      if (c < FOLD_TABLE_SIZE && table[c].len != G_MAXUINT8)
        {
          memcpy (fold_buffer_reserve (&buffer, FOLD_MAX_BYTES), table[c].bytes, FOLD_MAX_BYTES);
          buffer.len += table[c].len;
        }
      else
        {
          if (slow == NULL)
            slow = g_string_new (NULL);
          g_string_truncate (slow, 0);
          fold_char_slow (c, slow);
          memcpy (fold_buffer_reserve (&buffer, slow->len), slow->str, slow->len);
          buffer.len += slow->len;
        }

      p += n;
    }

  buffer.str[buffer.len] = '\0';
  return buffer.str;
}

static void
append_term (GString    *query,
             const char *term,
             gboolean    prefix)
{
  g_autofree char *folded = bantin_text_fold (term);
  const char *p;
  gboolean has_word = FALSE;

  for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      {
        has_word = TRUE;
        break;
      }

  if (!has_word)
    return;

  if (query->len > 0)
    g_string_append_c (query, ' ');

  g_string_append_c (query, '"');
  for (p = folded; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append_c (query, '"');

  if (prefix)
    g_string_append_c (query, '*');
}

/**
 * bantin_text_fold_query:
 * @query: what the user typed
 *
 * Turns what a person types into a safe FTS5 MATCH expression over the folded
 * index. Every word must match; "quoted words" must match as a phrase; the
 * last bare word also matches as a prefix, so results follow the typing.
 * FTS5 operators typed by the user are quoted, never interpreted.
 *
 * Returns: (nullable): the expression, or %NULL when @query has no word.
 */
char *
bantin_text_fold_query (const char *query)
{
  GString *out = g_string_new (NULL);
  GString *term = g_string_new (NULL);
  gboolean in_phrase = FALSE;
  const char *p;

  if (query == NULL)
    query = "";

  for (p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = (*p == '\0');

      if (end || c == '"' || (!in_phrase && g_unichar_isspace (c)))
        {
          if (term->len > 0)
            {
              /* A bare word at the very end is still being typed. */
              gboolean prefix = !in_phrase && end;

              append_term (out, term->str, prefix);
              g_string_truncate (term, 0);
            }

          if (end)
            break;

          if (c == '"')
            in_phrase = !in_phrase;

          continue;
        }

      g_string_append_unichar (term, c);
    }

  g_string_free (term, TRUE);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/**
 * bantin_text_squeeze:
 * @text: UTF-8 text
 *
 * Returns @text with every run of white space turned into one space and
 * none at either end.
 */
char *
bantin_text_squeeze (const char *text)
{
  GString *out;
  gboolean pending_space = FALSE;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0)
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
