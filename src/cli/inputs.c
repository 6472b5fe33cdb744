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
    bool done;
} slot;

/* The pipeline: the main thread reads documents into a ring of slots and
 * hands finished ones to the sink in input order; workers extract slots in
 * the order they were read. Reading, extracting and writing overlap (the
 * batches this replaces left the workers idle while the main thread read the
 * next batch and wrote the last one). Bytes in flight are bounded, so memory
 * does not grow with the input. */
typedef struct {
    const ars_rules *rules;
    const ars_extract_opts *opts;
    slot *ring;
    size_t cap;
    size_t nread, nwork, nout;  /* slots read / claimed by a worker / written */
    bool closing;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
} pipeline;

static void *worker(void *p)
{
    pipeline *pl = p;
    pthread_mutex_lock(&pl->mu);
    for (;;) {
        while (pl->nwork == pl->nread && !pl->closing) pthread_cond_wait(&pl->work, &pl->mu);
        if (pl->nwork == pl->nread) break;
        slot *s = &pl->ring[pl->nwork++ % pl->cap];
        pthread_mutex_unlock(&pl->mu);
        s->rc = ars_extract_document(pl->rules, &s->doc, pl->opts, &s->deals, &s->diag);
        pthread_mutex_lock(&pl->mu);
        s->done = true;
        pthread_cond_signal(&pl->done);
    }
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

/* Total bytes of the inputs when they are all regular files (for the ETA);
 * 0 when unknown (stdin, directories). */
static double inputs_total(const char *const *inputs, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (!strcmp(inputs[i], "-") || stat(inputs[i], &sb) != 0 || !S_ISREG(sb.st_mode)) return 0;
        total += (double)sb.st_size;
    }
    return total;
}

static void progress(const cli_extract_stats *st, double t0, double total, bool final)
{
    double dt = now() - t0;
    double mb = (double)st->bytes / 1e6;
    double rate = dt > 0 ? mb / dt : 0.0;
    char eta[48] = "";
    /* document text is a little smaller than the files (JSON syntax, other
     * fields): the estimate errs on the long side */
    if (!final && total > 0 && rate > 0 && (double)st->bytes < total) {
        double left = (total - (double)st->bytes) / 1e6 / rate;
        snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)(left / 60), (int)left % 60);
    }
    fprintf(stderr, "\r\033[Karsenal: %zu documents, %.1f MB, %.1f MB/s, %zu deals%s%s",
            st->skips.docs_read, mb, rate, st->deals, eta, final ? "\n" : "");
}

typedef struct {
    const cli_extract_cfg *cfg;
    cli_extract_stats *stats;
    cli_deal_sink sink;
    void *ctx;
    int exit_rc;
} out_ctx;

/* A finished slot: diagnostics, counts, the sink; then the slot is emptied. */
static void finish_slot(out_ctx *o, slot *s)
{
    count_diag(&s->diag, false);
    if (!o->cfg->quiet) cli_print_diag(&s->diag);
    if (s->rc == ARS_ENOMEM) { cli_error("out of memory extracting %s", s->doc.id); o->exit_rc = EXIT_IO; }
    else if (s->rc != 0) {
        if (!o->cfg->quiet) cli_warn("%s: skipped: extraction failed: %s", s->doc.id, ars_strerror(s->rc));
        count_reason("extract-failed");
        o->stats->skips.docs_skipped++;
    }
    o->stats->bytes += s->doc.len;
    o->stats->deals += s->deals.n;
    if (o->exit_rc == 0 && s->rc == 0 && o->sink) {
        int sr = o->sink(&s->doc, &s->deals, o->ctx);
        if (sr) o->exit_rc = sr;
    }
    ars_dealset_clear(&s->deals);
    ars_diag_clear(&s->diag);
    ars_document_clear(&s->doc);
    s->done = false;
}

#define INFLIGHT_BYTES (16u << 20)

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
    if (threads > 64) threads = 64;
    pipeline pl = {rules, &cfg->extract, NULL, (size_t)threads * 64, 0, 0, 0, false,
                   PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER};
    pl.ring = calloc(pl.cap, sizeof *pl.ring);
    if (!pl.ring) { ars_reader_free(rd); cli_error("out of memory"); return EXIT_IO; }
    double t0 = now(), last = t0;
    bool show = cfg->progress && !cfg->quiet && isatty(2);
    double total = show ? inputs_total(inputs, ninputs) : 0;
    ars_diag rdiag;
    ars_diag_init(&rdiag);
    out_ctx o = {cfg, stats, sink, ctx, 0};
    pthread_t th[64];
    int started = 0;
    if (threads > 1)
        for (int t = 0; t < threads; t++) if (pthread_create(&th[t], NULL, worker, &pl) == 0) started++;
    bool eof = false;
    size_t inflight = 0;             /* document bytes read and not yet written */
    pthread_mutex_lock(&pl.mu);
    while (o.exit_rc == 0 && (!eof || pl.nout < pl.nread)) {
        /* write what is finished, in order */
        while (pl.nout < pl.nread && pl.ring[pl.nout % pl.cap].done) {
            slot *s = &pl.ring[pl.nout % pl.cap];
            pthread_mutex_unlock(&pl.mu);
            inflight -= s->doc.len;
            finish_slot(&o, s);
            pthread_mutex_lock(&pl.mu);
            pl.nout++;
        }
        if (o.exit_rc) break;
        if (!eof && pl.nread - pl.nout < pl.cap && inflight < INFLIGHT_BYTES) {
            slot *s = &pl.ring[pl.nread % pl.cap];
            pthread_mutex_unlock(&pl.mu);
            memset(s, 0, sizeof *s);
            int r = ars_reader_next(rd, &s->doc, &rdiag);
            count_diag(&rdiag, true);
            if (!cfg->quiet) cli_print_diag(&rdiag);
            ars_diag_clear(&rdiag);
            if (r < 0) { cli_error("out of memory reading inputs"); o.exit_rc = EXIT_IO; }
            if (r <= 0) eof = true;
            else {
                ars_diag_init(&s->diag);
                ars_dealset_init(&s->deals);
                inflight += s->doc.len;
                stats->skips.docs_read = ars_reader_stats(rd)->docs_read;
                if (started == 0) {       /* one thread: extract right here */
                    s->rc = ars_extract_document(rules, &s->doc, &cfg->extract, &s->deals, &s->diag);
                    s->done = true;
                }
            }
            if (show && now() - last > 0.5) { progress(stats, t0, total, false); last = now(); }
            pthread_mutex_lock(&pl.mu);
            if (r > 0) { pl.nread++; pthread_cond_signal(&pl.work); }
            continue;
        }
        if (pl.nout < pl.nread) pthread_cond_wait(&pl.done, &pl.mu);
    }
    pl.closing = true;
    pthread_cond_broadcast(&pl.work);
    pthread_mutex_unlock(&pl.mu);
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    /* after a fatal error: release what was read but not written */
    for (size_t i = pl.nout; i < pl.nread; i++) {
        slot *s = &pl.ring[i % pl.cap];
        ars_dealset_clear(&s->deals);
        ars_diag_clear(&s->diag);
        ars_document_clear(&s->doc);
    }
    int exit_rc = o.exit_rc;
    const ars_skip_stats *rs = ars_reader_stats(rd);
    size_t extra = stats->skips.docs_skipped;
    stats->skips = *rs;
    stats->skips.docs_skipped += extra;
    stats->seconds = now() - t0;
    if (show) progress(stats, t0, total, true);
    ars_diag_clear(&rdiag);
    free(pl.ring);
    pthread_mutex_destroy(&pl.mu);
    pthread_cond_destroy(&pl.work);
    pthread_cond_destroy(&pl.done);
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
