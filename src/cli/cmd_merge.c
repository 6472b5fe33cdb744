/* cmd_merge.c -- STUB: 'arsenal merge'. */
#include "cli.h"
int cmd_merge(int argc, char **argv) { (void)argc; (void)argv; cli_error("merge: not implemented yet"); return EXIT_USAGE; }
