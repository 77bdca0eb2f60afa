/* bantin-demo-server.c: being written. */

#include "config.h"

#include "bantin-demo-server.h"
