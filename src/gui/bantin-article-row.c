/* bantin-article-row.c: being written. */

#include "config.h"

#include "bantin-article-row.h"
