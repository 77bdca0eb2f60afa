/* bantin-types.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _BantinArticle      BantinArticle;
typedef struct _BantinArticleModel BantinArticleModel;
typedef struct _BantinFeed         BantinFeed;
typedef struct _BantinStore        BantinStore;
typedef struct _BantinSyncEngine   BantinSyncEngine;

/* A calendar day as the integer YYYYMMDD (20180703). It sorts like the
 * date, is readable in the database and costs one integer column. */
typedef int BantinDay;

G_END_DECLS
