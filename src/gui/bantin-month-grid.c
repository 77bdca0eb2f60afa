/* bantin-month-grid.c: being written. */

#include "config.h"

#include "bantin-month-grid.h"
