/* bantin-feed-parser.c: being written. */

#include "config.h"

#include "bantin-feed-parser.h"
