/* bantin-date-picker.c: being written. */

#include "config.h"

#include "bantin-date-picker.h"
