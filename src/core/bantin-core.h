/* bantin-core.h
 *
 * Copyright 2026 The Bantin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The umbrella header of the GTK-free core. Nothing here may include GTK. */

#include "bantin-types.h"
#include "bantin-article.h"
#include "bantin-article-model.h"
#include "bantin-charset.h"
#include "bantin-date.h"
#include "bantin-demo-server.h"
#include "bantin-feed.h"
#include "bantin-feed-parser.h"
#include "bantin-html.h"
#include "bantin-opml.h"
#include "bantin-store.h"
#include "bantin-sync-engine.h"
#include "bantin-text.h"
