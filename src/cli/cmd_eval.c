/*
 * cmd_eval.c -- `arsenal eval --gold GOLD.jsonl INPUT...`: extract the inputs
 * (or read --deals files) and score against annotated gold deals.
 */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    {"gold", 'g', "FILE", "gold deals (JSON Lines; see docs/rules.md)"},
    {"deals", 'd', "FILE", "score this deal file instead of extracting (repeatable)"},
    {"rules", 'r', "DIR", "rule directory"},
    {"show", 0, NULL, "list misses, false alarms and wrong fields"},
    {"min-f1", 0, "X", "exit 5 when the overall F1 is below X"},
    {"jobs", 'j', "N", "extract with N threads"},
    {0}};
static const cli_cmd cmd = {"eval", "arsenal eval --gold GOLD.jsonl [OPTIONS] [INPUT...]",
                            "Score extraction against annotated articles: precision, recall, F1 (named systems,\n"
                            "generic classes, all) and field accuracy, with the matching of eval/score.py.",
                            opts};

static int collect(const ars_document *doc, ars_dealset *deals, void *ctx)
{
    (void)doc;
    ars_dealset *all = ctx;
    for (size_t i = 0; i < deals->n; i++)
        if (ars_dealset_push_take(all, &deals->v[i])) return EXIT_IO;
    deals->n = 0;
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    const char *goldp = cli_get(&a, "gold");
    if (!goldp) { cli_error("eval: --gold FILE is required"); cli_args_free(&a); return EXIT_USAGE; }
    ars_dealset all;
    ars_dealset_init(&all);
    ars_diag d;
    ars_diag_init(&d);
    const char *const *deals = cli_all(&a, "deals");
    if (deals) {
        for (; *deals && rc == 0; deals++) {
            size_t skipped = 0;
            if (ars_dealset_read(&all, *deals, &d, &skipped) != 0) rc = EXIT_IO;
        }
        cli_print_diag(&d);
        ars_diag_clear(&d);
    }
    if (rc == 0 && (a.npos || !deals)) {
        ars_rules *rules = NULL;
        if ((rc = cli_load_rules(cli_get(&a, "rules"), &rules, true)) == 0) {
            cli_extract_cfg cfg;
            memset(&cfg, 0, sizeof cfg);
            cli_fill_reader_opts(&a, &cfg.reader);
            ars_extract_opts_init(&cfg.extract);
            cfg.inputs = (const char *const *)a.pos;
            cfg.ninputs = (size_t)a.npos;
            cfg.threads = cli_get(&a, "jobs") ? atoi(cli_get(&a, "jobs")) : 1;
            cli_extract_stats st;
            rc = cli_run_extract(rules, &cfg, collect, &all, &st);
            ars_rules_free(rules);
        }
    }
    ars_eval_result res;
    if (rc == 0) {
        int er = ars_eval(goldp, &all, cli_has(&a, "show"), stdout, &res, &d);
        cli_print_diag(&d);
        if (er) rc = er == ARS_EIO ? EXIT_IO : EXIT_DATA;
        else if (cli_get(&a, "min-f1") && ars_eval_f1(&res.all) < atof(cli_get(&a, "min-f1"))) rc = EXIT_DATA;
    }
    ars_diag_clear(&d);
    ars_dealset_clear(&all);
    cli_args_free(&a);
    return cli_finish_stdout(rc);
}
