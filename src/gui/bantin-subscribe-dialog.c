/* bantin-subscribe-dialog.c: being written. */

#include "config.h"

#include "bantin-subscribe-dialog.h"
