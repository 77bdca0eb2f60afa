/* fuzz-common.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

/* The entry points libFuzzer calls. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A broken promise of the API under test is a finding just like a crash:
 * abort, so libFuzzer saves the input. Unlike g_assert() it survives
 * G_DISABLE_ASSERT. */
#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

/* Criticals (a g_return_if_fail() that fired) and warnings are findings
 * too. They abort() rather than go through GLib's fatal path, which
 * raises SIGTRAP: libFuzzer does not catch that, and would save no input.
 * Debug messages stay silent so the fuzzer runs at full speed. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput result = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return result;
}

static inline void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_setenv ("BANTIN_TIMEZONE", "Asia/Ho_Chi_Minh", TRUE);
}

/* A NUL-terminated copy of the input (an embedded NUL ends the string, as
 * it would for any C caller). */
static inline char *
fuzz_strdup (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* Valid UTF-8 that equals its own NFC form. */
static inline gboolean
fuzz_is_nfc_utf8 (const char *text)
{
  g_autofree char *nfc = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return nfc != NULL && strcmp (nfc, text) == 0;
}

G_END_DECLS
