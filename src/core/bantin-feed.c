/* bantin-feed.c: being written. */

#include "config.h"

#include "bantin-feed.h"
