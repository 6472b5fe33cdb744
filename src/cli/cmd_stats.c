/* cmd_stats.c -- STUB: 'arsenal stats'. */
#include "cli.h"
int cmd_stats(int argc, char **argv) { (void)argc; (void)argv; cli_error("stats: not implemented yet"); return EXIT_USAGE; }
