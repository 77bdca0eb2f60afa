/* bantin-sync-engine.c: being written. */

#include "config.h"

#include "bantin-sync-engine.h"
