/*
 * cmd_extract.c -- `arsenal extract [FILE|DIR|-]...`: every deal in the
 * documents, as JSON Lines on stdout (a pure streaming filter: documents in,
 * deals out, usable as a Hadoop Streaming mapper).
 */
#include "cli.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    {"rules", 'r', "DIR", "rule directory (default: $ARSENAL_RULES, else the built-in rules)"},
    {"format", 'f', "FMT", "input format: auto, text, jsonl, csv (default: by extension)"},
    {"text-field", 0, "NAME", "JSONL/CSV field holding the text (default: text)"},
    {"id-field", 0, "NAME", "field holding the document id (default: id)"},
    {"date-field", 0, "NAME", "field holding the document date (default: date)"},
    {"jobs", 'j', "N", "process documents with N threads (same output as -j 1)"},
    {"max-doc-size", 0, "BYTES", "skip documents larger than this (default: 64 MiB)"},
    {"max-deals", 0, "N", "at most N deals per document (default: 1000)"},
    {"follow-symlinks", 0, NULL, "in directories, follow symbolic links to directories (loops are detected)"},
    {"explain", 0, NULL, "print sentences, mentions and values instead of deals (debugging rules)"},
    {"strict", 0, NULL, "any skipped input or record is an error (exit 5)"},
    {"quiet", 'q', NULL, "no progress line, no skip messages (the summary is still counted in the exit code)"},
    {"summary", 's', NULL, "print a summary line on stderr at the end"},
    {0}};

static const cli_cmd cmd = {"extract", "arsenal extract [OPTIONS] [FILE|DIR|-]...",
                            "Print every arms deal found in the documents as JSON Lines (one deal per line).\n"
                            "Inputs: text/markdown files, directories (recursive, sorted), .jsonl (field \"text\"),\n"
                            ".csv (header row, column \"text\"), or - for stdin (the default).",
                            opts};

typedef struct { const ars_rules *rules; bool explain; } sink_ctx;

static int sink(const ars_document *doc, ars_dealset *deals, void *ctx)
{
    sink_ctx *sc = ctx;
    if (sc->explain) {
        char *s = ars_extract_explain(sc->rules, doc);
        if (s) fputs(s, stdout);
        free(s);
        return ferror(stdout) ? EXIT_IO : 0;
    }
    for (size_t i = 0; i < deals->n; i++) {
        char *j = ars_deal_to_json(&deals->v[i]);
        if (!j) return EXIT_IO;
        fputs(j, stdout);
        fputc('\n', stdout);
        free(j);
    }
    return ferror(stdout) ? EXIT_IO : 0;
}

int cli_parse_size(const char *s, size_t *out)
{
    char *e;
    if (*s < '0' || *s > '9') return -1;   /* no sign, no spaces */
    errno = 0;
    unsigned long long v = strtoull(s, &e, 10);
    if (e == s || errno) return -1;
    int shift = 0;
    if (*e == 'k' || *e == 'K') { shift = 10; e++; }
    else if (*e == 'm' || *e == 'M') { shift = 20; e++; }
    else if (*e == 'g' || *e == 'G') { shift = 30; e++; }
    if (*e || v > (SIZE_MAX >> shift)) return -1;
    v <<= shift;
    *out = (size_t)v;
    return 0;
}

int cli_fill_reader_opts(const cli_args *a, ars_reader_opts *ro)
{
    ars_reader_opts_init(ro);
    const char *f = cli_get(a, "format");
    if (f) {
        if (!strcmp(f, "text")) ro->format = ARS_FORMAT_TEXT;
        else if (!strcmp(f, "jsonl")) ro->format = ARS_FORMAT_JSONL;
        else if (!strcmp(f, "csv")) ro->format = ARS_FORMAT_CSV;
        else if (strcmp(f, "auto")) { cli_error("unknown input format '%s' (auto, text, jsonl, csv)", f); return EXIT_USAGE; }
    }
    if (cli_get(a, "text-field")) ro->text_field = cli_get(a, "text-field");
    if (cli_get(a, "id-field")) ro->id_field = cli_get(a, "id-field");
    if (cli_get(a, "date-field")) ro->date_field = cli_get(a, "date-field");
    if (cli_get(a, "max-doc-size") && cli_parse_size(cli_get(a, "max-doc-size"), &ro->max_doc_bytes)) {
        cli_error("--max-doc-size: not a size: '%s' (bytes, or with a k, M or G suffix)", cli_get(a, "max-doc-size"));
        return EXIT_USAGE;
    }
    if (cli_get(a, "max-doc-size") && ro->max_doc_bytes == 0) {
        cli_error("--max-doc-size must be at least 1 byte");
        return EXIT_USAGE;
    }
    ro->follow_symlinks = cli_has(a, "follow-symlinks");
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    cli_extract_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    if ((rc = cli_fill_reader_opts(&a, &cfg.reader))) { cli_args_free(&a); return rc; }
    ars_extract_opts_init(&cfg.extract);
    if (cli_get(&a, "max-deals")) {
        char *end;
        const char *v = cli_get(&a, "max-deals");
        long long n = strtoll(v, &end, 10);
        if (end == v || *end || n < 1) {
            cli_error("--max-deals: not a positive number: '%s'", v);
            cli_args_free(&a);
            return EXIT_USAGE;
        }
        cfg.extract.max_deals_per_doc = (size_t)n;
    }
    cfg.threads = cli_get(&a, "jobs") ? atoi(cli_get(&a, "jobs")) : 1;
    if (cfg.threads < 1 || cfg.threads > 64) { cli_error("--jobs must be between 1 and 64"); cli_args_free(&a); return EXIT_USAGE; }
    cfg.inputs = (const char *const *)a.pos;
    cfg.ninputs = (size_t)a.npos;
    cfg.quiet = cli_has(&a, "quiet");
    cfg.progress = true;
    ars_rules *rules = NULL;
    if ((rc = cli_load_rules(cli_get(&a, "rules"), &rules, cfg.quiet))) { cli_args_free(&a); return rc; }
    sink_ctx sc = {rules, cli_has(&a, "explain")};
    cli_extract_stats st;
    rc = cli_run_extract(rules, &cfg, sink, &sc, &st);
    if (cli_has(&a, "summary") || (!cfg.quiet && (st.skips.docs_skipped || st.skips.records_skipped))) cli_print_summary(&st);
    if (rc == 0 && (st.skips.docs_skipped || st.skips.records_skipped))
        rc = cli_has(&a, "strict") ? EXIT_DATA : EXIT_SKIPPED;
    ars_rules_free(rules);
    cli_args_free(&a);
    return cli_finish_stdout(rc);
}
