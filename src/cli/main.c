/*
 * main.c -- the arsenal command: dispatches to one function per sub-command.
 */
#include "cli.h"
#include <igraph/igraph.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"extract", cmd_extract, "print every deal in documents as JSON Lines"},
    {"build", cmd_build, "merge deals into a graph; write GraphML, GEXF, JSON, CSV, DOT"},
    {"merge", cmd_merge, "one deal per (buyer, seller, system, kind) across deal files"},
    {"query", cmd_query, "answer \"what did Morocco buy from Israel\" with sources"},
    {"stats", cmd_stats, "top buyers, suppliers, systems and communities"},
    {"reconcile", cmd_reconcile, "compare extracted deals with the SIPRI trade register"},
    {"rules", cmd_rules, "check rule files, list aliases, import the SIPRI register"},
    {"eval", cmd_eval, "score extraction against annotated gold deals"},
};

static void usage(FILE *f)
{
    fprintf(f, "Usage: arsenal COMMAND [OPTIONS] [ARGS]\n\n"
               "Turn news articles about arms deals into a knowledge graph of defence procurement.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nRun 'arsenal COMMAND --help' for a command's options.\n"
               "  -h, --help     show this help\n"
               "  -V, --version  print the version\n\n"
               "Exit codes: 0 ok; 1 finished but inputs or records were skipped; 2 usage error;\n"
               "3 rules error; 4 input/output error; 5 data error (--strict, failed check).\n");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C");
    /* the library installs its own non-aborting igraph error handler on first use */
    if (argc < 2) { usage(stderr); return EXIT_USAGE; }
    const char *c = argv[1];
    if (!strcmp(c, "-h") || !strcmp(c, "--help") || !strcmp(c, "help")) { usage(stdout); return cli_finish_stdout(0); }
    if (!strcmp(c, "-V") || !strcmp(c, "--version")) {
        printf("arsenal %s (library %s)\n", ARSENAL_VERSION, ars_version());
        return cli_finish_stdout(0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(c, commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
    cli_error("unknown command '%s' (see 'arsenal --help')", c);
    return EXIT_USAGE;
}
