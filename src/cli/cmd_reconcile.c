/*
 * cmd_reconcile.c -- `arsenal reconcile --sipri FILE DEALS...`: for each
 * extracted deal, does the SIPRI trade register confirm it, disagree with it
 * (same parties and system, other quantity or year), or say nothing (new)?
 * A table (default) or JSON Lines, then the counts.
 */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    {"sipri", 0, "FILE", "SIPRI trade register CSV (trade-register-1950-2023.csv layout)"},
    {"format", 'f', "FMT", "output: table (default) or jsonl"},
    {"only", 0, "VERDICT", "print only deals with this verdict: confirmed, disagrees, new"},
    {"rules", 'r', "DIR", "rule directory (maps register names to ISO3 codes, systems to families)"},
    {"quiet", 'q', NULL, "no warnings about the register or the deal files"},
    {0}};

static const cli_cmd cmd = {
    "reconcile", "arsenal reconcile --sipri FILE [OPTIONS] DEALS...",
    "Compare extracted deals (JSON Lines files, - for stdin) with the SIPRI trade register:\n"
    "  confirmed  same recipient, supplier and designation family; quantity and year agree\n"
    "  disagrees  same recipient, supplier and system, but the quantity or the year differs\n"
    "  new        the register is silent about the deal\n"
    "Counts are printed at the end (table) or as a final {\"type\":\"summary\"} record (jsonl).",
    opts};

/* Appends a cell padded to w columns (+2 spaces of gutter) to a line buffer. */
static void pad(char *line, size_t cap, const char *s, size_t w, bool last)
{
    size_t n = strlen(line);
    snprintf(line + n, cap - n, "%s", s);
    if (last) return;
    for (size_t k = cli_text_width(s); k < w + 2 && (n = strlen(line)) + 1 < cap; k++) { line[n] = ' '; line[n + 1] = '\0'; }
}

/* Prints the line without trailing blanks. */
static void put_line(char *line)
{
    size_t n = strlen(line);
    while (n && line[n - 1] == ' ') line[--n] = '\0';
    puts(line);
}

/* JSON string body (no quotes) */
static void json_str(const char *s)
{
    fputc('"', stdout);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { fputc('\\', stdout); fputc(c, stdout); }
        else if (c == '\n') fputs("\\n", stdout);
        else if (c == '\r') fputs("\\r", stdout);
        else if (c == '\t') fputs("\\t", stdout);
        else if (c < 0x20) printf("\\u%04x", c);
        else fputc(c, stdout);
    }
    fputc('"', stdout);
}

static int deal_year(const ars_deal *d) { return ars_query_deal_year(d); }

static void fmt_entry(char *out, size_t n, const ars_sipri_entry *e)
{
    if (!e) { snprintf(out, n, "-"); return; }
    char ord[32] = "?", year[16] = "?";
    if (e->ordered != ARS_NO_QUANTITY) snprintf(ord, sizeof ord, "%lld", e->ordered);
    if (e->year_order) snprintf(year, sizeof year, "%d", e->year_order);
    snprintf(out, n, "%s %s, %s ordered (line %ld)", e->designation, year, ord, e->line);
}

static void fmt_note(char *out, size_t n, const ars_deal *d, const ars_recon_result *r)
{
    out[0] = '\0';
    if (r->verdict == ARS_RECON_NEW) {
        if (r->after_register) snprintf(out, n, "after the register's last year");
        return;
    }
    size_t k = 0;
    if (r->diff & ARS_RECON_DIFF_QUANTITY)
        k += (size_t)snprintf(out + k, n - k, "quantity %lld vs %lld", d->quantity, r->entry->ordered);
    if ((r->diff & ARS_RECON_DIFF_YEAR) && k < n)
        k += (size_t)snprintf(out + k, n - k, "%syear %d vs %d", k ? "; " : "", deal_year(d), r->entry->year_order);
    if (r->candidates > 1 && k < n) snprintf(out + k, n - k, "%s%zu register entries", k ? "; " : "", r->candidates);
}

typedef struct row {
    const ars_deal *d;
    ars_recon_result r;
} row;

int cmd_reconcile(int argc, char **argv)
{
    cli_args a;
    ars_rules *rules = NULL;
    ars_sipri *reg = NULL;
    ars_dealset all;
    row *rows = NULL;
    ars_diag diag;
    ars_diag_init(&diag);
    diag.max_kept = 50;
    ars_dealset_init(&all);
    size_t skipped = 0;
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    bool quiet = cli_has(&a, "quiet");
    const char *sipri = cli_get(&a, "sipri");
    const char *fmt = cli_get(&a, "format");
    bool jsonl = false;
    int only = -1;
    if (!sipri) { cli_error("reconcile: --sipri FILE is required"); rc = EXIT_USAGE; goto cleanup; }
    if (fmt && strcmp(fmt, "table") && strcmp(fmt, "jsonl")) {
        cli_error("--format %s: use table or jsonl", fmt);
        rc = EXIT_USAGE;
        goto cleanup;
    }
    jsonl = fmt && !strcmp(fmt, "jsonl");
    if (cli_get(&a, "only")) {
        const char *o = cli_get(&a, "only");
        for (int v = ARS_RECON_NEW; v <= ARS_RECON_DISAGREES; v++)
            if (!strcmp(o, ars_recon_verdict_name((ars_recon_verdict)v))) only = v;
        if (only < 0) { cli_error("--only %s: use confirmed, disagrees or new", o); rc = EXIT_USAGE; goto cleanup; }
    }
    if (a.npos == 0) { cli_error("reconcile: no deal files (give FILE.jsonl or - for stdin)"); rc = EXIT_USAGE; goto cleanup; }
    if ((rc = cli_load_rules(cli_get(&a, "rules"), &rules, quiet))) goto cleanup;

    int lr = ars_sipri_load(&reg, sipri, rules, &diag);
    if (!quiet || lr) cli_print_diag(&diag);
    ars_diag_clear(&diag);
    if (lr == ARS_ENOMEM) { cli_error("out of memory reading %s", sipri); rc = EXIT_IO; goto cleanup; }
    if (lr == ARS_EIO) { rc = EXIT_IO; goto cleanup; }
    if (lr) { cli_error("%s: not a readable SIPRI register", sipri); rc = EXIT_DATA; goto cleanup; }
    ars_sipri_info info;
    ars_sipri_info_get(reg, &info);

    for (int i = 0; i < a.npos; i++) {
        int r = ars_dealset_read(&all, a.pos[i], &diag, &skipped);
        if (!quiet || r) cli_print_diag(&diag);
        ars_diag_clear(&diag);
        if (r == ARS_ENOMEM) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
        if (r) { rc = EXIT_IO; goto cleanup; }
    }

    rows = calloc(all.n + 1, sizeof *rows);
    if (!rows) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < all.n; i++) {
        rows[i].d = &all.v[i];
        if (ars_reconcile_deal(reg, rules, &all.v[i], &rows[i].r)) { cli_error("out of memory"); rc = EXIT_IO; goto cleanup; }
        count[rows[i].r.verdict]++;
    }

    if (jsonl) {
        for (size_t i = 0; i < all.n; i++) {
            const ars_deal *d = rows[i].d;
            const ars_recon_result *r = &rows[i].r;
            if (only >= 0 && (int)r->verdict != only) continue;
            fputs("{\"type\":\"reconcile\",\"deal\":", stdout);
            json_str(d->id);
            fputs(",\"buyer\":", stdout);
            json_str(d->buyer.iso3);
            fputs(",\"seller\":", stdout);
            json_str(d->seller.iso3[0] ? d->seller.iso3 : d->supplier.iso3);
            fputs(",\"system\":", stdout);
            json_str(d->system.name);
            printf(",\"verdict\":\"%s\"", ars_recon_verdict_name(r->verdict));
            if (r->entry) {
                const ars_sipri_entry *e = r->entry;
                fputs(",\"register\":{\"recipient\":", stdout);
                json_str(e->recipient);
                fputs(",\"supplier\":", stdout);
                json_str(e->supplier);
                fputs(",\"designation\":", stdout);
                json_str(e->designation);
                fputs(",\"description\":", stdout);
                json_str(e->description);
                if (e->year_order) printf(",\"year\":%d", e->year_order);
                else fputs(",\"year\":null", stdout);
                if (e->ordered != ARS_NO_QUANTITY) printf(",\"ordered\":%lld", e->ordered);
                else fputs(",\"ordered\":null", stdout);
                if (e->delivered != ARS_NO_QUANTITY) printf(",\"delivered\":%lld", e->delivered);
                else fputs(",\"delivered\":null", stdout);
                printf(",\"line\":%ld}", e->line);
                fputs(",\"differences\":[", stdout);
                bool first = true;
                if (r->diff & ARS_RECON_DIFF_QUANTITY) { fputs("\"quantity\"", stdout); first = false; }
                if (r->diff & ARS_RECON_DIFF_YEAR) fputs(first ? "\"year\"" : ",\"year\"", stdout);
                printf("],\"candidates\":%zu", r->candidates);
            } else if (r->after_register) {
                fputs(",\"after_register\":true", stdout);
            }
            fputs("}\n", stdout);
        }
        printf("{\"type\":\"summary\",\"deals\":%zu,\"confirmed\":%zu,\"disagrees\":%zu,\"new\":%zu,"
               "\"register_entries\":%zu,\"register_joined\":%zu,\"register_skipped\":%zu,"
               "\"unmapped_names\":%zu}\n",
               all.n, count[ARS_RECON_CONFIRMED], count[ARS_RECON_DISAGREES], count[ARS_RECON_NEW],
               info.entries, info.joined, info.skipped, info.unmapped_names);
    } else {
        enum { NC = 8 };
        static const char *const title[NC] = {"VERDICT", "BUYER", "SELLER", "SYSTEM", "YEAR", "QTY",
                                               "REGISTER", "NOTE"};
        size_t w[NC];
        for (int c = 0; c < NC; c++) w[c] = cli_text_width(title[c]);
        char cell[NC][256];
        char line[NC * 260];
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                line[0] = '\0';
                for (int c = 0; c < NC; c++) pad(line, sizeof line, title[c], w[c], c == NC - 1);
                put_line(line);
            }
            for (size_t i = 0; i < all.n; i++) {
                const ars_deal *d = rows[i].d;
                const ars_recon_result *r = &rows[i].r;
                if (only >= 0 && (int)r->verdict != only) continue;
                int y = deal_year(d);
                snprintf(cell[0], 256, "%s", ars_recon_verdict_name(r->verdict));
                snprintf(cell[1], 256, "%s", d->buyer.iso3);
                snprintf(cell[2], 256, "%s", d->seller.iso3[0] ? d->seller.iso3 : d->supplier.iso3[0] ? d->supplier.iso3 : "-");
                snprintf(cell[3], 256, "%s", d->system.name ? d->system.name : "-");
                if (y) snprintf(cell[4], 256, "%d", y);
                else snprintf(cell[4], 256, "-");
                if (d->quantity != ARS_NO_QUANTITY) snprintf(cell[5], 256, "%lld", d->quantity);
                else snprintf(cell[5], 256, "-");
                fmt_entry(cell[6], 256, r->entry);
                fmt_note(cell[7], 256, d, r);
                for (int c = 0; c < NC; c++) cli_clean_copy(cell[c], sizeof cell[c], cell[c]);
                line[0] = '\0';
                for (int c = 0; c < NC; c++) {
                    if (pass == 0) { if (cli_text_width(cell[c]) > w[c]) w[c] = cli_text_width(cell[c]); }
                    else pad(line, sizeof line, cell[c], w[c], c == NC - 1);
                }
                if (pass == 1) put_line(line);
            }
        }
        printf("\n%zu deal%s: %zu confirmed, %zu disagree%s, %zu new (register: %zu entries %d-%d, "
               "%zu joined, %zu skipped, %zu names without ISO3)\n",
               all.n, all.n == 1 ? "" : "s", count[ARS_RECON_CONFIRMED], count[ARS_RECON_DISAGREES],
               count[ARS_RECON_DISAGREES] == 1 ? "s" : "", count[ARS_RECON_NEW], info.entries,
               info.first_year, info.last_year, info.joined, info.skipped, info.unmapped_names);
    }
    if (rc == 0 && (skipped || info.skipped)) rc = EXIT_SKIPPED;

cleanup:
    free(rows);
    ars_dealset_clear(&all);
    ars_sipri_free(reg);
    ars_rules_free(rules);
    ars_diag_clear(&diag);
    cli_args_free(&a);
    return cli_finish_stdout(rc);
}
