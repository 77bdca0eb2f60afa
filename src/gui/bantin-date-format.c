/* bantin-date-format.c: being written. */

#include "config.h"

#include "bantin-date-format.h"
