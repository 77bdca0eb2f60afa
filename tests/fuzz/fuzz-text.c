/* fuzz-text.c
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bantin-text.h"

#include <sqlite3.h>

#include "fuzz-common.h"

/* Every field of every feed goes through bantin_text_make_valid(), every
 * indexed text through bantin_text_fold() and every search box through
 * bantin_text_fold_query(). Beyond not crashing, each keeps its promise:
 * clean NFC UTF-8, folded text that folds to itself, and a MATCH
 * expression that FTS5 accepts whatever was typed. */

static sqlite3 *db;
static sqlite3_stmt *match;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();

  /* The same tokenizer as the store's search table. */
  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "CREATE VIRTUAL TABLE search USING fts5 (title, body,"
                    "  tokenize = 'unicode61 remove_diacritics 2');"
                    "INSERT INTO search VALUES ('dang vien', 'tin tuc moi nhat');",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT rowid FROM search WHERE search MATCH ?",
                          -1, &match, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "Cannot set up FTS5: %s\n", sqlite3_errmsg (db));
      abort ();
    }

  return 0;
}

static gboolean
has_forbidden_controls (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f)
      return TRUE;
  return FALSE;
}

static void
check_squeezed (const char *text)
{
  g_autofree char *squeezed = bantin_text_squeeze (text);
  gboolean was_space = TRUE;
  const char *p;

  FUZZ_CHECK (g_utf8_validate (squeezed, -1, NULL));
  for (p = squeezed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = g_unichar_isspace (c) || c == 0x00a0;

      FUZZ_CHECK (!(space && was_space));
      FUZZ_CHECK (!space || c == ' ');
      was_space = space;
    }
  FUZZ_CHECK (*squeezed == '\0' || !was_space);
}

static void
check_query (const char *text)
{
  g_autofree char *query = bantin_text_fold_query (text);
  int rc;

  if (query == NULL)
    return;

  FUZZ_CHECK (g_utf8_validate (query, -1, NULL));

  sqlite3_reset (match);
  sqlite3_bind_text (match, 1, query, -1, SQLITE_TRANSIENT);
  do
    rc = sqlite3_step (match);
  while (rc == SQLITE_ROW);

  if (rc != SQLITE_DONE)
    {
      fprintf (stderr, "FTS5 refused %s: %s\n", query, sqlite3_errmsg (db));
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *valid = NULL;
  g_autofree char *again = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *refolded = NULL;

  if (size > 65536)
    return 0;

  /* Raw bytes, NULs and all. */
  valid = bantin_text_make_valid ((const char *) data, (gssize) size);
  FUZZ_CHECK (valid != NULL);
  FUZZ_CHECK (fuzz_is_nfc_utf8 (valid));
  FUZZ_CHECK (!has_forbidden_controls (valid));

  again = bantin_text_make_valid (valid, -1);
  FUZZ_CHECK (strcmp (again, valid) == 0);

  folded = bantin_text_fold (valid);
  FUZZ_CHECK (g_utf8_validate (folded, -1, NULL));
  refolded = bantin_text_fold (folded);
  FUZZ_CHECK (strcmp (refolded, folded) == 0);

  check_squeezed (valid);
  check_query (valid);

  return 0;
}
