/* bantin-article-model.c: being written. */

#include "config.h"

#include "bantin-article-model.h"
