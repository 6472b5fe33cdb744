/*
 * cmd_stats.c -- `arsenal stats [DEALS.jsonl|-]...`: the deals are merged and
 * put in the graph; prints the top buyers, supplier states and systems by
 * number of deals and by value (USD), and the Louvain communities of the
 * supplier graph, as a plain-text table on stdout.
 */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

/* from cmd_merge.c */

static const cli_opt opts[] = {
    {"top", 'n', "N", "rows per table (default: 10)"},
    {"strict", 0, NULL, "any skipped deal line is an error (exit 5)"},
    {"quiet", 'q', NULL, "do not report skipped lines"},
    {0}};

static const cli_cmd cmd = {"stats", "arsenal stats [OPTIONS] [DEALS.jsonl|-]...",
                            "Top buyers, suppliers and systems by deals and value, and the communities of the\n"
                            "supplier graph. Reads deal files (JSON Lines); stdin when none is given.",
                            opts};

int cmd_stats(int argc, char **argv)
{
    cli_args a;
    ars_dealset all, merged;
    ars_dealset_init(&all);
    ars_dealset_init(&merged);
    ars_graph *g = NULL;
    size_t skipped = 0, top = 10;
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    if (cli_get(&a, "top")) {
        char *e;
        long v = strtol(cli_get(&a, "top"), &e, 10);
        if (*e || v < 1) { cli_error("stats: --top needs a positive number"); rc = EXIT_USAGE; goto cleanup; }
        top = (size_t)v;
    }
    if ((rc = cli_read_deal_files((const char *const *)a.pos, (size_t)a.npos, cli_has(&a, "quiet"), &all, &skipped)))
        goto cleanup;
    if (ars_merge(&all, &merged) != 0) { cli_error("out of memory merging deals"); rc = EXIT_IO; goto cleanup; }
    ars_diag d;
    ars_diag_init(&d);
    int gr = ars_graph_build(&g, &merged, &d);
    cli_print_diag(&d);
    ars_diag_clear(&d);
    if (gr) { cli_error("stats: %s", ars_strerror(gr)); rc = EXIT_DATA; goto cleanup; }
    if (ars_graph_stats(g, stdout, top) != 0) { rc = EXIT_IO; goto cleanup; }
    if (skipped) rc = cli_has(&a, "strict") ? EXIT_DATA : EXIT_SKIPPED;
cleanup:
    ars_graph_free(g);
    ars_dealset_clear(&all);
    ars_dealset_clear(&merged);
    cli_args_free(&a);
    return cli_finish_stdout(rc);
}
