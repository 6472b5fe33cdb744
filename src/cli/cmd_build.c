/*
 * cmd_build.c -- `arsenal build [--deals FILE]... [INPUT...] -o FILE...`:
 * deals (from deal files and/or extracted from documents on the fly) are
 * merged, turned into the procurement graph and written in every format asked
 * for: the format comes from each output's extension (.graphml, .gexf, .json
 * = networkx node-link, .cyjs = Cytoscape.js, .dot, a directory or a name
 * ending in '/' = CSV tables) or from --format for all of them.
 */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

/* from cmd_merge.c (shared with stats) */

static const cli_opt opts[] = {
    {"deals", 'd', "FILE", "read deals (JSON Lines) from FILE ('-' = stdin); repeatable"},
    {"output", 'o', "FILE", "write the graph to FILE; repeatable (format from the extension)"},
    {"format", 'f', "FMT", "output format for every -o: graphml, gexf, json, cyjs, dot, dot-full, csv"},
    {"rules", 'r', "DIR", "rule directory for document inputs (default: $ARSENAL_RULES, else built-in)"},
    {"input-format", 0, "FMT", "document input format: auto, text, jsonl, csv (default: by extension)"},
    {"text-field", 0, "NAME", "JSONL/CSV field holding the text (default: text)"},
    {"id-field", 0, "NAME", "field holding the document id (default: id)"},
    {"date-field", 0, "NAME", "field holding the document date (default: date)"},
    {"jobs", 'j', "N", "extract documents with N threads"},
    {"strict", 0, NULL, "any skipped input, record or deal line is an error (exit 5)"},
    {"quiet", 'q', NULL, "no skip messages (skips still count in the exit code)"},
    {0}};

static const cli_cmd cmd = {"build", "arsenal build [OPTIONS] [--deals FILE]... [INPUT...] -o FILE [-o FILE]...",
                            "Merge deals into the procurement graph (countries, companies, systems) and write it:\n"
                            "  .graphml  GraphML        .gexf  GEXF 1.3 (dynamic, years)\n"
                            "  .json     networkx node-link JSON     .cyjs  Cytoscape.js elements\n"
                            "  .dot      Graphviz (supplier graph)   DIR/   CSV: nodes.csv, edges.csv, register.csv\n"
                            "INPUT documents are extracted on the fly (as 'arsenal extract' would).",
                            opts};

static int take_deals(const ars_document *doc, ars_dealset *deals, void *ctx)
{
    (void)doc;
    ars_dealset *all = ctx;
    for (size_t i = 0; i < deals->n; i++)
        if (ars_dealset_push_take(all, &deals->v[i]) != 0) { cli_error("out of memory"); return EXIT_IO; }
    return 0;
}

/* Document inputs: the lead's extraction loop (src/cli/inputs.c). */
static int extract_inputs(const cli_args *a, ars_dealset *all, size_t *skipped)
{
    cli_extract_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    ars_reader_opts_init(&cfg.reader);
    const char *f = cli_get(a, "input-format");
    if (f) {
        if (!strcmp(f, "text")) cfg.reader.format = ARS_FORMAT_TEXT;
        else if (!strcmp(f, "jsonl")) cfg.reader.format = ARS_FORMAT_JSONL;
        else if (!strcmp(f, "csv")) cfg.reader.format = ARS_FORMAT_CSV;
        else if (strcmp(f, "auto")) { cli_error("unknown input format '%s' (auto, text, jsonl, csv)", f); return EXIT_USAGE; }
    }
    if (cli_get(a, "text-field")) cfg.reader.text_field = cli_get(a, "text-field");
    if (cli_get(a, "id-field")) cfg.reader.id_field = cli_get(a, "id-field");
    if (cli_get(a, "date-field")) cfg.reader.date_field = cli_get(a, "date-field");
    ars_extract_opts_init(&cfg.extract);
    cfg.threads = cli_get(a, "jobs") ? atoi(cli_get(a, "jobs")) : 1;
    if (cfg.threads < 1 || cfg.threads > 64) { cli_error("--jobs must be between 1 and 64"); return EXIT_USAGE; }
    cfg.inputs = (const char *const *)a->pos;
    cfg.ninputs = (size_t)a->npos;
    cfg.quiet = cli_has(a, "quiet");
    cfg.progress = true;
    ars_rules *rules = NULL;
    int rc = cli_load_rules(cli_get(a, "rules"), &rules, cfg.quiet);
    if (rc) return rc;
    cli_extract_stats st;
    rc = cli_run_extract(rules, &cfg, take_deals, all, &st);
    if (!cfg.quiet && (st.skips.docs_skipped || st.skips.records_skipped)) cli_print_summary(&st);
    *skipped += st.skips.docs_skipped + st.skips.records_skipped;
    ars_rules_free(rules);
    return rc;
}

int cmd_build(int argc, char **argv)
{
    cli_args a;
    ars_dealset all, merged;
    ars_dealset_init(&all);
    ars_dealset_init(&merged);
    ars_graph *g = NULL;
    int *fmts = NULL;
    size_t skipped = 0;
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    bool quiet = cli_has(&a, "quiet");
    const char *const *outs = cli_all(&a, "output");
    const char *const *deals = cli_all(&a, "deals");
    size_t nout = 0, ndeals = 0;
    while (outs && outs[nout]) nout++;
    while (deals && deals[ndeals]) ndeals++;
    if (nout == 0) { cli_error("build: no output (give -o FILE; see 'arsenal build --help')"); rc = EXIT_USAGE; goto cleanup; }
    int forced = -1;
    if (cli_get(&a, "format") && (forced = ars_export_format_parse(cli_get(&a, "format"))) < 0) {
        cli_error("build: unknown format '%s' (graphml, gexf, json, cyjs, dot, dot-full, csv)", cli_get(&a, "format"));
        rc = EXIT_USAGE;
        goto cleanup;
    }
    fmts = calloc(nout, sizeof *fmts);
    if (!fmts) { rc = EXIT_IO; goto cleanup; }
    for (size_t i = 0; i < nout; i++) {
        fmts[i] = forced >= 0 ? forced : ars_export_format_from_path(outs[i]);
        if (fmts[i] < 0) {
            cli_error("build: cannot tell the format of '%s' from its name (use --format, or end a CSV directory with '/')", outs[i]);
            rc = EXIT_USAGE;
            goto cleanup;
        }
    }

    if (ndeals && (rc = cli_read_deal_files(deals, ndeals, quiet, &all, &skipped))) goto cleanup;
    if (a.npos > 0 || ndeals == 0) {
        if ((rc = extract_inputs(&a, &all, &skipped))) goto cleanup;
    }
    if (ars_merge(&all, &merged) != 0) { cli_error("out of memory merging deals"); rc = EXIT_IO; goto cleanup; }
    ars_dealset_clear(&all);
    ars_diag d;
    ars_diag_init(&d);
    int gr = ars_graph_build(&g, &merged, &d);
    for (size_t i = 0; gr == 0 && i < nout; i++) {
        gr = ars_graph_export(g, (ars_export_format)fmts[i], outs[i], &d);
    }
    cli_print_diag(&d);
    ars_diag_clear(&d);
    if (gr) {
        cli_error("build: %s", ars_strerror(gr));
        rc = gr == ARS_EIO ? EXIT_IO : EXIT_DATA;
        goto cleanup;
    }
    if (skipped) rc = cli_has(&a, "strict") ? EXIT_DATA : EXIT_SKIPPED;
cleanup:
    ars_graph_free(g);
    ars_dealset_clear(&all);
    ars_dealset_clear(&merged);
    free(fmts);
    cli_args_free(&a);
    return rc;
}
