/* bantin-feed-row.c: being written. */

#include "config.h"

#include "bantin-feed-row.h"
