/* cmd_rules.c -- STUB: 'arsenal rules'. */
#include "cli.h"
int cmd_rules(int argc, char **argv) { (void)argc; (void)argv; cli_error("rules: not implemented yet"); return EXIT_USAGE; }
