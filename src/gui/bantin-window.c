/* bantin-window.c: being written. */

#include "config.h"

#include "bantin-window.h"
