/* bantin-charset.c: being written. */

#include "config.h"

#include "bantin-charset.h"
