/* bantin-opml.c: being written. */

#include "config.h"

#include "bantin-opml.h"
