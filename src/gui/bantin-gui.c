#include "config.h"

#include "bantin-gui.h"

int
bantin_gui_main (int argc, char **argv)
{
  return 0;
}
