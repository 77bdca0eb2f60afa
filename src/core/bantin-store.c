/* bantin-store.c: being written. */

#include "config.h"

#include "bantin-store.h"
