/* bantin-date.c: being written. */

#include "config.h"

#include "bantin-date.h"
