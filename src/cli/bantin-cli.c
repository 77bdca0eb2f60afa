#include "config.h"

#include "bantin-cli.h"

gboolean
bantin_cli_handles (int argc, char **argv)
{
  return TRUE;
}

int
bantin_cli_main (int argc, char **argv)
{
  return 0;
}
