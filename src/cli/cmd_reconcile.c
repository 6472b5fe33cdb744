/* cmd_reconcile.c -- STUB: 'arsenal reconcile'. */
#include "cli.h"
int cmd_reconcile(int argc, char **argv) { (void)argc; (void)argv; cli_error("reconcile: not implemented yet"); return EXIT_USAGE; }
