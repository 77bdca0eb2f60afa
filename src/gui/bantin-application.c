/* bantin-application.c: being written. */

#include "config.h"

#include "bantin-application.h"
