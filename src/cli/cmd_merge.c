/*
 * cmd_merge.c -- `arsenal merge [DEALS.jsonl|-]...`: one deal per (buyer,
 * seller, system, kind) across deal files, as JSON Lines sorted by key.
 *
 * A streaming-friendly reducer: reads deals from the files (or stdin when none
 * is given), writes the merged deals to stdout. The same deals in any order give the same bytes. Bad lines are
 * reported as file:line: reason and skipped; exit 1 if any was skipped, 5 with
 * --strict, 4 if an input cannot be read or the output cannot be written.
 */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    {"strict", 0, NULL, "any skipped line is an error (exit 5)"},
    {"quiet", 'q', NULL, "do not report skipped lines (they still count in the exit code)"},
    {0}};

static const cli_cmd cmd = {"merge", "arsenal merge [OPTIONS] [DEALS.jsonl|-]...",
                            "Merge deal files (JSON Lines, as printed by 'arsenal extract') into one deal per\n"
                            "(buyer, seller, system, kind): evidence joined, the furthest status with its date,\n"
                            "conflicting quantities and values kept with their sources. Output sorted by key;\n"
                            "the same deals in any order give the same bytes. Reads stdin when no file is given.",
                            opts};

/* Reads every deal file into *set; prints the diagnostics. Returns 0 or an exit code. */
int cli_read_deal_files(const char *const *paths, size_t n, bool quiet, ars_dealset *set, size_t *skipped)
{
    const char *dash[] = {"-"};
    if (n == 0) { paths = dash; n = 1; }
    for (size_t i = 0; i < n; i++) {
        ars_diag d;
        ars_diag_init(&d);
        d.max_kept = 100;
        int rc = ars_dealset_read(set, paths[i], &d, skipped);
        if (!quiet || rc) cli_print_diag(&d);
        ars_diag_clear(&d);
        if (rc == ARS_ENOMEM) { cli_error("out of memory reading %s", paths[i]); return EXIT_IO; }
        if (rc) return EXIT_IO;
    }
    return 0;
}

int cmd_merge(int argc, char **argv)
{
    cli_args a;
    ars_dealset in, out;
    ars_dealset_init(&in);
    ars_dealset_init(&out);
    size_t skipped = 0;
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    bool quiet = cli_has(&a, "quiet");

    if ((rc = cli_read_deal_files((const char *const *)a.pos, (size_t)a.npos, quiet, &in, &skipped))) goto cleanup;
    if (ars_merge(&in, &out) != 0) { cli_error("out of memory merging deals"); rc = EXIT_IO; goto cleanup; }
    for (size_t i = 0; i < out.n; i++) {
        char *j = ars_deal_to_json(&out.v[i]);
        if (!j) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
        fputs(j, stdout);
        fputc('\n', stdout);
        free(j);
        if (ferror(stdout)) break;
    }
    if ((rc = cli_finish_stdout(0))) goto cleanup;
    if (!quiet && skipped)
        cli_warn("%zu line%s skipped; %zu deal%s merged into %zu", skipped, skipped == 1 ? "" : "s", in.n,
                 in.n == 1 ? "" : "s", out.n);
    if (skipped) rc = cli_has(&a, "strict") ? EXIT_DATA : EXIT_SKIPPED;
cleanup:
    ars_dealset_clear(&in);
    ars_dealset_clear(&out);
    cli_args_free(&a);
    return rc;
}
