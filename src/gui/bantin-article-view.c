/* bantin-article-view.c: being written. */

#include "config.h"

#include "bantin-article-view.h"
