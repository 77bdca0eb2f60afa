#include "config.h"

#include "bantin-test-server.h"
