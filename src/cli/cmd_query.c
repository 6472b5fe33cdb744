/*
 * cmd_query.c -- `arsenal query [QUESTION] [FILTERS] [INPUT...]`: the deals
 * that answer a question, asked in plain words (en/fr/es) or with flags.
 *
 * Inputs: deal files (--deals FILE, or positional .jsonl/.ndjson files whose
 * records are deals), graph files written by `arsenal build` (.graphml, .gexf,
 * .json, .cyjs: ars_graph_read_deals) and documents (anything else: extracted
 * on the fly). Deals from files and documents are merged (ars_merge) so that
 * a deal reported by several pages is one row; graph files are merged already.
 * The first positional argument that is not an existing path and has no file
 * extension is the question.
 *
 * Output: a table (default; rows sorted by the asked role, buyer, seller,
 * system, year, status), JSON, JSON Lines or CSV; --evidence adds the sentences
 * with their documents. An understood question with no answer says so:
 * "no deal matches: buyer=MAR seller=ISR" (exit 0). A question that cannot be
 * read names the words it did not understand (exit 2).
 */
#include "cli.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const cli_opt opts[] = {
    {"buyer", 'b', "COUNTRY", "buying country: name (en/fr/es), demonym or ISO3"},
    {"seller", 's', "COUNTRY", "selling country (also matches the supplier's home country)"},
    {"supplier", 0, "COMPANY", "supplying company (any alias)"},
    {"system", 0, "NAME", "system or designation family (\"F-16\" finds \"F-16C Block 52\")"},
    {"category", 'c', "WORDS", "category id or word (\"drones\", \"chars\", \"tanques\")"},
    {"status", 0, "STATUS", "interest, negotiating, approved, ordered, delivered, cancelled; S+ = at least S"},
    {"since", 0, "YEAR", "deals dated YEAR or later"},
    {"until", 0, "YEAR", "deals dated YEAR or earlier"},
    {"format", 'f', "FMT", "output: table (default), json, jsonl, csv"},
    {"evidence", 'e', NULL, "print each deal's sentences and documents"},
    {"deals", 'd', "FILE", "a deal file (JSON Lines from 'arsenal extract'/'merge') or a graph file; repeatable"},
    {"rules", 'r', "DIR", "rule directory (default: $ARSENAL_RULES, else the built-in rules)"},
    {"jobs", 'j', "N", "extract documents with N threads"},
    {"quiet", 'q', NULL, "no skip messages"},
    {0}};

static const cli_cmd cmd = {
    "query", "arsenal query [QUESTION] [OPTIONS] [--deals FILE]... [INPUT...]",
    "Answer a question about arms deals, in plain words or with flags:\n"
    "  arsenal query \"what did Morocco buy from Israel\" --deals deals.jsonl\n"
    "  arsenal query \"qui vend des drones au Maroc ?\" articles/\n"
    "  arsenal query --buyer Marruecos --category drones deals.jsonl\n"
    "Inputs are deal files (JSON Lines of deals), graph files written by 'arsenal build'\n"
    "(.graphml, .gexf, .json, .cyjs) or documents (extracted on the fly); deals are\n"
    "merged across them as 'arsenal merge' does.\n"
    "The grammar of questions is described in docs/query.md.",
    opts};

typedef enum { FMT_TABLE, FMT_JSON, FMT_JSONL, FMT_CSV } out_format;

/* ---- inputs ----------------------------------------------------------------------------- */

static bool has_ext(const char *p, const char *const *exts)
{
    size_t n = strlen(p);
    for (size_t i = 0; exts[i]; i++) {
        size_t k = strlen(exts[i]);
        if (n >= k && strcasecmp(p + n - k, exts[i]) == 0) return true;
    }
    return false;
}

/* Does the file hold deal records? Looks at its first non-blank lines. */
static bool is_deal_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int seen = 0;
    bool deals = false;
    while (seen < 5 && (n = getline(&line, &cap, f)) >= 0) {
        size_t k = 0;
        while (k < (size_t)n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\n' || line[k] == '\r')) k++;
        if (k == (size_t)n) continue;
        seen++;
        ars_deal d;
        char *err = NULL;
        int r = ars_deal_from_json(line, (size_t)n, &d, &err);
        free(err);
        if (r == 0) { ars_deal_clear(&d); deals = true; break; }
    }
    free(line);
    fclose(f);
    return deals;
}

static int sink(const ars_document *doc, ars_dealset *deals, void *ctx)
{
    (void)doc;
    ars_dealset *all = ctx;
    for (size_t i = 0; i < deals->n; i++)
        if (ars_dealset_push_take(all, &deals->v[i]) != 0) return EXIT_IO;
    return 0;
}

static const char *const deal_exts[] = {".jsonl", ".ndjson", NULL};
static const char *const graph_exts[] = {".graphml", ".gexf", ".json", ".cyjs", NULL};

/* A deal file (JSON Lines) into deals, or a graph file written by `arsenal
 * build` into graph (its deals are merged already). */
static int read_file(ars_dealset *deals, ars_dealset *graph, const char *path, bool quiet, size_t *skipped)
{
    ars_diag d;
    ars_diag_init(&d);
    d.max_kept = 50;
    bool is_graph = strcmp(path, "-") != 0 && has_ext(path, graph_exts);
    int rc = is_graph ? ars_graph_read_deals(graph, path, &d, skipped) : ars_dealset_read(deals, path, &d, skipped);
    if (!quiet || rc) cli_print_diag(&d);
    ars_diag_clear(&d);
    if (rc == ARS_ENOMEM) { cli_error("out of memory reading %s", path); return EXIT_IO; }
    if (rc == ARS_ENOTFOUND)
        cli_error("%s: not a graph written by 'arsenal build' (GraphML, GEXF, node-link or Cytoscape JSON)", path);
    return rc ? EXIT_IO : 0;
}

/* ---- rows -------------------------------------------------------------------------- */

typedef struct sort_ctx {
    const ars_rules *rules;
    ars_query_ask ask;
} sort_ctx;

static sort_ctx g_sort;   /* qsort has no context argument */

static const char *country_label(const ars_rules *rules, const ars_party *p, bool use_supplier_home,
                                 const ars_party *supplier)
{
    if (p->name && *p->name) return p->name;
    if (p->iso3[0]) {
        const char *n = rules ? ars_rules_country_name(rules, p->iso3) : NULL;
        return n ? n : p->iso3;
    }
    if (use_supplier_home && supplier && supplier->iso3[0]) {
        const char *n = rules ? ars_rules_country_name(rules, supplier->iso3) : NULL;
        return n ? n : supplier->iso3;
    }
    return "-";
}

static const char *buyer_label(const ars_deal *d) { return country_label(g_sort.rules, &d->buyer, false, NULL); }
static const char *seller_label(const ars_deal *d) { return country_label(g_sort.rules, &d->seller, true, &d->supplier); }

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_deal(const void *pa, const void *pb)
{
    const ars_deal *a = *(ars_deal *const *)pa, *b = *(ars_deal *const *)pb;
    int c = 0;
    if (g_sort.ask == ARS_ASK_SELLER) c = cmp_str(seller_label(a), seller_label(b));
    if (!c) c = cmp_str(buyer_label(a), buyer_label(b));
    if (!c) c = cmp_str(seller_label(a), seller_label(b));
    if (!c) c = cmp_str(a->system.name, b->system.name);
    if (!c) c = ars_query_deal_year(a) - ars_query_deal_year(b);
    if (!c) c = ars_status_rank(b->status) - ars_status_rank(a->status);
    if (!c) c = cmp_str(a->id, b->id);
    return c;
}

static void fmt_value(char *out, size_t n, const ars_money *m)
{
    if (!m->present) { snprintf(out, n, "-"); return; }
    double a = m->amount;
    char num[32];
    const char *unit = "";
    if (a >= 1e9) { a /= 1e9; unit = "bn"; }
    else if (a >= 1e6) { a /= 1e6; unit = "m"; }
    snprintf(num, sizeof num, "%.2f", a);
    char *dot = strchr(num, '.');
    if (dot) {
        char *e = num + strlen(num) - 1;
        while (e > dot && *e == '0') *e-- = '\0';
        if (e == dot) *e = '\0';
    }
    snprintf(out, n, "%s%s%s%s%s", m->approx ? "~" : "", m->currency, m->currency[0] ? " " : "", num, unit);
}

static void fmt_qty(char *out, size_t n, long long q)
{
    if (q == ARS_NO_QUANTITY) snprintf(out, n, "-");
    else snprintf(out, n, "%lld", q);
}

static void fmt_year(char *out, size_t n, const ars_deal *d)
{
    int y = ars_query_deal_year(d);
    if (y) snprintf(out, n, "%d", y);
    else snprintf(out, n, "-");
}

static const char *status_label(const ars_deal *d)
{
    const char *s = ars_status_name(d->status);
    return s ? s : "-";
}

/* A table cell (text from the pages, cleaned) padded to w columns + gutter. */
static void pad(const char *s, size_t w, bool last)
{
    cli_put_clean(stdout, s);
    if (last) return;
    for (size_t k = cli_text_width(s); k < w + 2; k++) fputc(' ', stdout);
}

/* One sentence on one line: runs of whitespace become a space, controls go. */
static void put_oneline(FILE *f, const char *s)
{
    bool sp = false;
    for (const char *c; s && (c = cli_clean_next(&s));) {
        if (*c == ' ') { sp = true; continue; }
        if (sp) fputc(' ', f);
        sp = false;
        fputc(*c, f);
    }
}

enum { COL_BUYER, COL_SELLER, COL_SYSTEM, COL_CATEGORY, COL_SUPPLIER, COL_QTY, COL_VALUE,
       COL_YEAR, COL_STATUS, COL_SOURCES, NCOLS };
static const char *const col_title[NCOLS] = {"BUYER", "SELLER", "SYSTEM", "CATEGORY", "SUPPLIER",
                                              "QTY", "VALUE", "YEAR", "STATUS", "SOURCES"};

static void cells(const ars_deal *d, char buf[NCOLS][96], const char *cell[NCOLS])
{
    cell[COL_BUYER] = buyer_label(d);
    cell[COL_SELLER] = seller_label(d);
    cell[COL_SYSTEM] = d->system.name ? d->system.name : "-";
    cell[COL_CATEGORY] = d->system.category ? d->system.category : "-";
    cell[COL_SUPPLIER] = d->supplier.name ? d->supplier.name : "-";
    fmt_qty(buf[COL_QTY], 96, d->quantity);
    cell[COL_QTY] = buf[COL_QTY];
    fmt_value(buf[COL_VALUE], 96, &d->value);
    cell[COL_VALUE] = buf[COL_VALUE];
    fmt_year(buf[COL_YEAR], 96, d);
    cell[COL_YEAR] = buf[COL_YEAR];
    cell[COL_STATUS] = status_label(d);
    snprintf(buf[COL_SOURCES], 96, "%zu", d->nsources);
    cell[COL_SOURCES] = buf[COL_SOURCES];
}

/* Each source: "doc [start-end]: sentence". A deal read from a graph file has
 * its first sentence only (no offsets) and sources without text. */
static void print_evidence(const ars_deal *d, const char *indent)
{
    size_t untold = 0;
    for (size_t i = 0; i < d->nsources; i++) {
        const ars_source *s = &d->sources[i];
        if (!s->text || !*s->text) { untold++; continue; }
        printf("%s%s", indent, s->doc ? s->doc : "?");
        if (s->end > s->start) printf(" [%zu-%zu]", s->start, s->end);
        fputs(": ", stdout);
        put_oneline(stdout, s->text);
        fputc('\n', stdout);
    }
    if (untold)
        printf("%s(%zu more source%s: the graph file keeps the first sentence only)\n", indent, untold,
               untold == 1 ? "" : "s");
}

static void print_table(const ars_query *q, ars_deal *const *rows, size_t n, bool evidence)
{
    bool show[NCOLS];
    for (int c = 0; c < NCOLS; c++) show[c] = true;
    if (q->buyer[0]) show[COL_BUYER] = false;
    if (q->seller[0]) show[COL_SELLER] = false;
    size_t w[NCOLS];
    for (int c = 0; c < NCOLS; c++) w[c] = cli_text_width(col_title[c]);
    char buf[NCOLS][96];
    const char *cell[NCOLS];
    for (size_t i = 0; i < n; i++) {
        cells(rows[i], buf, cell);
        for (int c = 0; c < NCOLS; c++) if (cli_text_width(cell[c]) > w[c]) w[c] = cli_text_width(cell[c]);
    }
    int lastc = NCOLS - 1;
    for (int c = 0; c < NCOLS; c++) if (show[c]) pad(col_title[c], w[c], c == lastc);
    fputc('\n', stdout);
    for (size_t i = 0; i < n; i++) {
        cells(rows[i], buf, cell);
        for (int c = 0; c < NCOLS; c++) if (show[c]) pad(cell[c], w[c], c == lastc);
        fputc('\n', stdout);
        if (evidence) print_evidence(rows[i], "    ");
    }
}

/* One CSV cell (RFC 4180 quoting), cleaned (cli_put_clean). A cell starting
 * with = + - @ gets a leading ' so that a spreadsheet shows it as text and does
 * not run it as a formula (the numeric columns are never negative). */
static void csv_cell(const char *s, bool last)
{
    if (!s) s = "";
    bool quote = strpbrk(s, ",\"") != NULL;
    if (quote) fputc('"', stdout);
    if (*s && strchr("=+-@", *s)) fputc('\'', stdout);
    for (const char *c; (c = cli_clean_next(&s));) {
        if (*c == '"') fputc('"', stdout);
        fputc(*c, stdout);
    }
    if (quote) fputc('"', stdout);
    fputc(last ? '\n' : ',', stdout);
}

static void print_csv(ars_deal *const *rows, size_t n, bool evidence)
{
    fputs("buyer,buyer_iso3,seller,seller_iso3,system,category,supplier,quantity,value,currency,year,"
          "status,sources", stdout);
    fputs(evidence ? ",evidence\n" : "\n", stdout);
    for (size_t i = 0; i < n; i++) {
        const ars_deal *d = rows[i];
        char qty[32] = "", val[48] = "", year[16] = "", ns[32];
        if (d->quantity != ARS_NO_QUANTITY) snprintf(qty, sizeof qty, "%lld", d->quantity);
        if (d->value.present) snprintf(val, sizeof val, "%.0f", d->value.amount);
        int y = ars_query_deal_year(d);
        if (y) snprintf(year, sizeof year, "%d", y);
        snprintf(ns, sizeof ns, "%zu", d->nsources);
        csv_cell(buyer_label(d), false);
        csv_cell(d->buyer.iso3, false);
        csv_cell(d->seller.name ? d->seller.name : "", false);
        csv_cell(d->seller.iso3, false);
        csv_cell(d->system.name, false);
        csv_cell(d->system.category, false);
        csv_cell(d->supplier.name, false);
        csv_cell(qty, false);
        csv_cell(val, false);
        csv_cell(d->value.present ? d->value.currency : "", false);
        csv_cell(year, false);
        csv_cell(ars_status_name(d->status), false);
        csv_cell(ns, !evidence);
        if (evidence) {
            size_t len = 0;
            for (size_t k = 0; k < d->nsources; k++)
                len += strlen(d->sources[k].doc ? d->sources[k].doc : "") +
                       strlen(d->sources[k].text ? d->sources[k].text : "") + 8;
            char *ev = malloc(len + 1);
            if (!ev) { csv_cell("", true); continue; }
            ev[0] = '\0';
            for (size_t k = 0; k < d->nsources; k++) {
                if (k) strcat(ev, " | ");
                strcat(ev, d->sources[k].doc ? d->sources[k].doc : "");
                strcat(ev, ": ");
                strcat(ev, d->sources[k].text ? d->sources[k].text : "");
            }
            csv_cell(ev, true);
            free(ev);
        }
    }
}

/* ---- the command --------------------------------------------------------------------- */

static int set_flag(const ars_rules *rules, ars_query *q, const cli_args *a, const char *name)
{
    const char *v = cli_get(a, name);
    if (!v) return 0;
    char *err = NULL;
    int rc = ars_query_set(rules, q, name, v, &err);
    if (rc == ARS_ENOMEM) { cli_error("out of memory"); free(err); return EXIT_IO; }
    if (rc) { cli_error("%s", err ? err : "bad filter"); free(err); return EXIT_USAGE; }
    return 0;
}

int cmd_query(int argc, char **argv)
{
    cli_args a;
    ars_rules *rules = NULL;
    ars_query q;
    ars_dealset raw, graph, all;   /* read, read from graph files, merged */
    ars_deal **rows = NULL;
    const char **docs = NULL;
    size_t ndocs = 0, skipped = 0, nrows = 0;
    const char *question = NULL;
    ars_query_init(&q);
    ars_dealset_init(&raw);
    ars_dealset_init(&graph);
    ars_dealset_init(&all);
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    bool quiet = cli_has(&a, "quiet"), evidence = cli_has(&a, "evidence");

    out_format fmt = FMT_TABLE;
    const char *f = cli_get(&a, "format");
    if (f) {
        if (!strcmp(f, "table")) fmt = FMT_TABLE;
        else if (!strcmp(f, "json")) fmt = FMT_JSON;
        else if (!strcmp(f, "jsonl")) fmt = FMT_JSONL;
        else if (!strcmp(f, "csv")) fmt = FMT_CSV;
        else { cli_error("--format %s: use table, json, jsonl or csv", f); rc = EXIT_USAGE; goto cleanup; }
    }

    /* the question and the inputs */
    static const char *const file_exts[] = {".jsonl", ".ndjson", ".json", ".txt", ".md", ".csv",
                                            ".html", ".htm", ".xml", ".graphml", ".gexf", NULL};
    docs = calloc((size_t)a.npos + 1, sizeof *docs);
    if (!docs) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
    for (int i = 0; i < a.npos; i++) {
        const char *p = a.pos[i];
        struct stat sb;
        bool exists = strcmp(p, "-") == 0 || stat(p, &sb) == 0;
        if (!exists && !has_ext(p, file_exts)) {
            if (question) {
                cli_error("two questions (\"%s\" and \"%s\"): quote the question as one argument", question, p);
                rc = EXIT_USAGE;
                goto cleanup;
            }
            question = p;
            continue;
        }
        if (!exists) { cli_error("cannot read %s: no such file", p); rc = EXIT_IO; goto cleanup; }
        docs[ndocs++] = p;
    }

    if ((rc = cli_load_rules(cli_get(&a, "rules"), &rules, quiet))) goto cleanup;
    static const char *const filters[] = {"buyer", "seller", "supplier", "system", "category",
                                          "status", "since", "until", NULL};
    for (size_t i = 0; filters[i]; i++)
        if ((rc = set_flag(rules, &q, &a, filters[i]))) goto cleanup;
    if (question) {
        char *err = NULL;
        int pr = ars_query_parse(rules, question, &q, &err);
        if (pr == ARS_ENOMEM) { cli_error("out of memory"); free(err); rc = EXIT_IO; goto cleanup; }
        if (pr) {
            cli_error("%s", err ? err : "cannot read the question");
            free(err);
            rc = EXIT_USAGE;
            goto cleanup;
        }
    }
    if (q.since && q.until && q.since > q.until) {
        cli_error("--since %d is after --until %d", q.since, q.until);
        rc = EXIT_USAGE;
        goto cleanup;
    }

    /* read deals: --deals files, deal and graph files among the inputs, then documents */
    const char *const *df = cli_all(&a, "deals");
    bool any_input = ndocs > 0;
    for (size_t i = 0; df && df[i]; i++) {
        any_input = true;
        if ((rc = read_file(&raw, &graph, df[i], quiet, &skipped))) goto cleanup;
    }
    size_t nd = 0;
    for (size_t i = 0; i < ndocs; i++) {
        bool file = strcmp(docs[i], "-") != 0 &&
                    (has_ext(docs[i], graph_exts) || (has_ext(docs[i], deal_exts) && is_deal_file(docs[i])));
        if (!file) docs[nd++] = docs[i];
        else if ((rc = read_file(&raw, &graph, docs[i], quiet, &skipped))) goto cleanup;
    }
    if (!any_input) {
        cli_error("no input: give deal files (--deals FILE or FILE.jsonl), graph files (.graphml, .json) or documents");
        rc = EXIT_USAGE;
        goto cleanup;
    }
    if (nd) {
        cli_extract_cfg cfg;
        memset(&cfg, 0, sizeof cfg);
        ars_reader_opts_init(&cfg.reader);
        ars_extract_opts_init(&cfg.extract);
        cfg.inputs = docs;
        cfg.ninputs = nd;
        cfg.threads = cli_get(&a, "jobs") ? atoi(cli_get(&a, "jobs")) : 1;
        if (cfg.threads < 1 || cfg.threads > 64) { cli_error("--jobs must be between 1 and 64"); rc = EXIT_USAGE; goto cleanup; }
        cfg.quiet = quiet;
        cfg.progress = true;
        cli_extract_stats st;
        if ((rc = cli_run_extract(rules, &cfg, sink, &raw, &st))) goto cleanup;
        skipped += st.skips.docs_skipped + st.skips.records_skipped;
        if (!quiet && (st.skips.docs_skipped || st.skips.records_skipped)) cli_print_summary(&st);
    }
    /* one deal per (buyer, seller, system, kind) across files and documents, as
     * `arsenal merge` and `build` give it; graph files are merged already */
    if (ars_merge(&raw, &all) != 0) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
    for (size_t i = 0; i < graph.n; i++)
        if (ars_dealset_push_take(&all, &graph.v[i]) != 0) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }

    /* match, sort, print */
    rows = calloc(all.n + 1, sizeof *rows);
    if (!rows) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
    for (size_t i = 0; i < all.n; i++) if (ars_query_match(&q, &all.v[i])) rows[nrows++] = &all.v[i];
    g_sort.rules = rules;
    g_sort.ask = q.ask;
    qsort(rows, nrows, sizeof *rows, cmp_deal);
    char *desc = ars_query_describe(&q);
    switch (fmt) {
    case FMT_TABLE:
        if (!nrows) printf("no deal matches: %s\n", desc ? desc : "");
        else {
            print_table(&q, rows, nrows, evidence);
            printf("\n%zu deal%s: %s\n", nrows, nrows == 1 ? "" : "s", desc ? desc : "");
        }
        break;
    case FMT_JSON:
    case FMT_JSONL:
        if (fmt == FMT_JSON) fputs(nrows ? "[\n" : "[]\n", stdout);
        for (size_t i = 0; i < nrows; i++) {
            char *j = ars_deal_to_json(rows[i]);
            if (!j) { free(desc); cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
            fputs(j, stdout);
            fputs(fmt == FMT_JSON && i + 1 < nrows ? ",\n" : "\n", stdout);
            free(j);
        }
        if (fmt == FMT_JSON && nrows) fputs("]\n", stdout);
        if (!nrows && !quiet) cli_warn("no deal matches: %s", desc ? desc : "");
        break;
    case FMT_CSV:
        print_csv(rows, nrows, evidence);
        if (!nrows && !quiet) cli_warn("no deal matches: %s", desc ? desc : "");
        break;
    }
    free(desc);
    if (rc == 0 && skipped) rc = EXIT_SKIPPED;

cleanup:
    free(rows);
    free(docs);
    ars_dealset_clear(&raw);
    ars_dealset_clear(&graph);
    ars_dealset_clear(&all);
    ars_query_clear(&q);
    ars_rules_free(rules);
    cli_args_free(&a);
    return cli_finish_stdout(rc);
}
