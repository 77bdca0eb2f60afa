/* bantin-article.c: being written. */

#include "config.h"

#include "bantin-article.h"
