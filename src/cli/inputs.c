/*
 * inputs.c -- shared by every command that reads documents: rules location,
 * the extraction loop (batches of documents processed by N threads, results
 * handed to the sink in input order, so -j N prints the same bytes as -j 1),
 * progress line and the end-of-run summary.
 */
#include "cli.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *cli_rules_dir(const char *opt_dir)
{
    if (opt_dir && *opt_dir) return opt_dir;
    const char *env = getenv("ARSENAL_RULES");
    if (env && *env) return env;
    struct stat sb;
    if (stat(ARSENAL_SOURCE_RULES_DIR, &sb) == 0 && S_ISDIR(sb.st_mode)) return ARSENAL_SOURCE_RULES_DIR;
    return ARSENAL_DEFAULT_RULES_DIR;
}

int cli_load_rules(const char *opt_dir, ars_rules **out, bool quiet)
{
    const char *dir = cli_rules_dir(opt_dir);
    ars_diag d;
    ars_diag_init(&d);
    d.max_kept = 200;
    ars_rules_opts o = {true};
    int rc = ars_rules_load(out, dir, &o, &d);
    if (rc != 0 || (!quiet && d.n)) cli_print_diag(&d);
    size_t nerr = d.nerrors;
    ars_diag_clear(&d);
    if (rc == ARS_ENOMEM) { cli_error("out of memory loading rules"); return EXIT_IO; }
    if (rc != 0) {
        cli_error("%zu error%s in the rules of %s: nothing was run", nerr, nerr == 1 ? "" : "s", dir);
        return EXIT_RULES;
    }
    return 0;
}

/* Skips by reason key (the diag entries' `reason`), for the summary line.
 * File-static: one extraction run per process (cli_run_extract resets it). */
#define MAX_REASONS 32
static struct { char key[24]; size_t n; } reasons[MAX_REASONS];
static size_t nreasons, deal_limit_docs;

static void count_reason(const char *key)
{
    if (!key) key = "other";
    for (size_t i = 0; i < nreasons; i++)
        if (!strcmp(reasons[i].key, key)) { reasons[i].n++; return; }
    size_t i = nreasons < MAX_REASONS ? nreasons++ : MAX_REASONS - 1;   /* the last slot absorbs overflow */
    if (i == MAX_REASONS - 1 && reasons[i].n) key = "other";
    snprintf(reasons[i].key, sizeof reasons[i].key, "%s", key);
    reasons[i].n++;
}

/* reader diagnostics: every warning is a skip; extraction ones: only limits */
static void count_diag(const ars_diag *d, bool reader)
{
    for (size_t i = 0; i < d->n; i++) {
        const ars_diag_entry *e = &d->v[i];
        if (e->severity < ARS_DIAG_WARNING) continue;
        if (e->reason && !strcmp(e->reason, "deal-limit")) deal_limit_docs++;
        else if (reader) count_reason(e->reason);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    ars_document doc;
    ars_dealset deals;
    ars_diag diag;
    int rc;
} slot;

typedef struct {
    const ars_rules *rules;
    const ars_extract_opts *opts;
    slot *slots;
    size_t n;
    atomic_size_t next;
} batch;

static void *worker(void *p)
{
    batch *b = p;
    size_t i;
    while ((i = atomic_fetch_add(&b->next, 1)) < b->n) {
        slot *s = &b->slots[i];
        s->rc = ars_extract_document(b->rules, &s->doc, b->opts, &s->deals, &s->diag);
    }
    return NULL;
}

static void progress(const cli_extract_stats *st, double t0, bool final)
{
    double dt = now() - t0;
    double mb = (double)st->bytes / 1e6;
    fprintf(stderr, "\r\033[Karsenal: %zu documents, %.1f MB, %.1f MB/s, %zu deals%s",
            st->skips.docs_read, mb, dt > 0 ? mb / dt : 0.0, st->deals, final ? "\n" : "");
}

int cli_run_extract(const ars_rules *rules, const cli_extract_cfg *cfg, cli_deal_sink sink, void *ctx,
                    cli_extract_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    memset(reasons, 0, sizeof reasons);
    nreasons = deal_limit_docs = 0;
    ars_reader *rd = NULL;
    const char *dash[] = {"-"};
    const char *const *inputs = cfg->ninputs ? cfg->inputs : dash;
    size_t ninputs = cfg->ninputs ? cfg->ninputs : 1;
    int rc = ars_reader_new(&rd, inputs, ninputs, &cfg->reader);
    if (rc) { cli_error("out of memory"); return EXIT_IO; }
    int threads = cfg->threads > 0 ? cfg->threads : 1;
    size_t cap = (size_t)threads * 32;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots) { ars_reader_free(rd); cli_error("out of memory"); return EXIT_IO; }
    double t0 = now(), last = t0;
    bool show = cfg->progress && !cfg->quiet && isatty(2);
    ars_diag rdiag;
    ars_diag_init(&rdiag);
    int exit_rc = 0;
    bool done = false;
    while (!done && exit_rc == 0) {
        size_t n = 0, bytes = 0;
        while (n < cap && bytes < (8u << 20)) {
            memset(&slots[n], 0, sizeof slots[n]);
            int r = ars_reader_next(rd, &slots[n].doc, &rdiag);
            count_diag(&rdiag, true);
            if (!cfg->quiet) cli_print_diag(&rdiag);
            ars_diag_clear(&rdiag);
            if (r < 0) { cli_error("out of memory reading inputs"); exit_rc = EXIT_IO; break; }
            if (r == 0) { done = true; break; }
            bytes += slots[n].doc.len;
            ars_diag_init(&slots[n].diag);
            ars_dealset_init(&slots[n].deals);
            n++;
        }
        batch b = {rules, &cfg->extract, slots, n, 0};
        if (threads > 1 && n > 1) {
            pthread_t th[64];
            int nt = threads > 64 ? 64 : threads;
            int started = 0;
            for (int t = 0; t < nt; t++) if (pthread_create(&th[t], NULL, worker, &b) == 0) started++;
            if (started == 0) worker(&b);
            for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
        } else worker(&b);
        for (size_t i = 0; i < n; i++) {
            slot *s = &slots[i];
            count_diag(&s->diag, false);
            if (!cfg->quiet) cli_print_diag(&s->diag);
            if (s->rc == ARS_ENOMEM) { cli_error("out of memory extracting %s", s->doc.id); exit_rc = EXIT_IO; }
            else if (s->rc != 0) {
                if (!cfg->quiet) cli_warn("%s: skipped: extraction failed: %s", s->doc.id, ars_strerror(s->rc));
                count_reason("extract-failed");
                stats->skips.docs_skipped++;
            }
            stats->bytes += s->doc.len;
            stats->deals += s->deals.n;
            if (exit_rc == 0 && s->rc == 0 && sink) {
                int sr = sink(&s->doc, &s->deals, ctx);
                if (sr) exit_rc = sr;
            }
            ars_dealset_clear(&s->deals);
            ars_diag_clear(&s->diag);
            ars_document_clear(&s->doc);
        }
        const ars_skip_stats *rs = ars_reader_stats(rd);
        stats->skips.docs_read = rs->docs_read;
        if (show && now() - last > 0.5) { progress(stats, t0, false); last = now(); }
    }
    const ars_skip_stats *rs = ars_reader_stats(rd);
    size_t extra = stats->skips.docs_skipped;
    stats->skips = *rs;
    stats->skips.docs_skipped += extra;
    stats->seconds = now() - t0;
    if (show) progress(stats, t0, true);
    ars_diag_clear(&rdiag);
    free(slots);
    ars_reader_free(rd);
    stats->fatal = exit_rc != 0;
    return exit_rc;
}

void cli_print_summary(const cli_extract_stats *st)
{
    fprintf(stderr, "arsenal: read %zu document%s (%.1f kB), skipped %zu file%s and %zu record%s; %zu deal%s",
            st->skips.docs_read, st->skips.docs_read == 1 ? "" : "s", (double)st->bytes / 1e3,
            st->skips.docs_skipped, st->skips.docs_skipped == 1 ? "" : "s",
            st->skips.records_skipped, st->skips.records_skipped == 1 ? "" : "s", st->deals, st->deals == 1 ? "" : "s");
    if (nreasons) {
        fputs("; skipped by reason:", stderr);
        for (size_t i = 0; i < nreasons; i++) fprintf(stderr, "%s %s %zu", i ? "," : "", reasons[i].key, reasons[i].n);
    }
    if (st->skips.bad_bytes)
        fprintf(stderr, "; %zu invalid UTF-8 sequence%s replaced", st->skips.bad_bytes, st->skips.bad_bytes == 1 ? "" : "s");
    if (deal_limit_docs)
        fprintf(stderr, "; --max-deals reached in %zu document%s", deal_limit_docs, deal_limit_docs == 1 ? "" : "s");
    fputc('\n', stderr);
}
