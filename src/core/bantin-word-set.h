/* bantin-word-set.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The distinct words of folded texts, for the vocabulary that prefix
 * searches are expanded with (search_terms in bantin-store.c). */
typedef struct _BantinWordSet BantinWordSet;

BantinWordSet *_bantin_word_set_new      (void);
void           _bantin_word_set_free     (BantinWordSet *set);
void           _bantin_word_set_add_text (BantinWordSet *set,
                                          const char    *text);
guint          _bantin_word_set_size     (BantinWordSet *set);
GPtrArray     *_bantin_word_set_sorted   (BantinWordSet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BantinWordSet, _bantin_word_set_free)

G_END_DECLS
