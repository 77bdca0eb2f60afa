/* bantin-html.c: being written. */

#include "config.h"

#include "bantin-html.h"
