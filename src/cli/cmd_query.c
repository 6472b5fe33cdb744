/* cmd_query.c -- STUB: 'arsenal query'. */
#include "cli.h"
int cmd_query(int argc, char **argv) { (void)argc; (void)argv; cli_error("query: not implemented yet"); return EXIT_USAGE; }
