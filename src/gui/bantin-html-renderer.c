/* bantin-html-renderer.c: being written. */

#include "config.h"

#include "bantin-html-renderer.h"
