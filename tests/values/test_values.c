/* test_values.c -- the value parsers (number, money, quantity, date, currency)
 * against the data tables of tests/values (one .tsv per parser).
 *
 * Each row holds a FOLDED input, the expected value ("-" when nothing must
 * parse) and the exact text the parser must consume ("-" for a failure, where
 * the cursor must not move). Inputs are copied into exact-size heap buffers
 * with no terminator, so ASan catches any read at or past `end`.
 * folded_inputs.tsv holds raw text (accents, capitals) that goes through
 * ars_fold() first; its "full" rows need the real fold and are skipped while
 * ars_fold is a stub that only lower-cases ASCII. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arsenal/text.h"
#include "arsenal/values.h"

#define MAXF 8

typedef struct row {
    const char *file;
    int line;
    int nf;
    char *f[MAXF];
} row;

/* Calls cb on each data row of tests/values/<name>; returns the number of
 * rows, adds the callback's failures to *fails. Comment lines start with '#'. */
static int for_each_row(const char *name, int min_fields, int (*cb)(const row *, void *), void *ctx,
                        int *fails)
{
    char path[512], line[1024];
    snprintf(path, sizeof path, "%s/values/%s", ARS_TEST_DIR, name);
    FILE *fp = fopen(path, "r");
    if (!fp) fail_msg("cannot open %s", path);
    int n = 0, lineno = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        row r = {name, lineno, 0, {0}};
        char *s = line;
        for (;;) {
            if (r.nf < MAXF) r.f[r.nf++] = s;
            char *t = strchr(s, '\t');
            if (!t) break;
            *t = '\0';
            s = t + 1;
        }
        if (r.nf < min_fields) {
            print_message("%s:%d: %d fields, want %d\n", name, lineno, r.nf, min_fields);
            (*fails)++;
            continue;
        }
        n++;
        *fails += cb(&r, ctx);
    }
    fclose(fp);
    return n;
}

static char *heap_copy(const char *s, size_t n)
{
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    return b;
}

static bool near(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

/* Checks the cursor against the "consumed" column. */
static int check_cursor(const row *r, const char *buf, size_t len, const char *cur, int ok,
                        const char *consumed)
{
    if (!ok) {
        if (cur != buf) {
            print_message("%s:%d: failed but moved the cursor\n", r->file, r->line);
            return 1;
        }
        return 0;
    }
    size_t used = (size_t)(cur - buf), want = strlen(consumed);
    if (used > len || used != want || memcmp(buf, consumed, want) != 0) {
        print_message("%s:%d: consumed \"%.*s\", want \"%s\"\n", r->file, r->line,
                      (int)(used <= len ? used : len), buf, consumed);
        return 1;
    }
    return 0;
}

static bool is_fail(const char *s) { return strcmp(s, "-") == 0; }

/* ---- the tables ------------------------------------------------------------ */

static int number_row(const row *r, void *ctx)
{
    (void)ctx;
    size_t len = strlen(r->f[0]);
    char *buf = heap_copy(r->f[0], len);
    const char *cur = buf;
    double v = -1;
    int ok = ars_parse_number(&cur, buf + len, &v), bad = 0;
    if (ok != !is_fail(r->f[1])) {
        print_message("%s:%d: \"%s\": returned %d (value %g)\n", r->file, r->line, r->f[0], ok, v);
        bad = 1;
    } else if (ok && !near(v, strtod(r->f[1], NULL))) {
        print_message("%s:%d: \"%s\": %.17g, want %s\n", r->file, r->line, r->f[0], v, r->f[1]);
        bad = 1;
    }
    if (!bad) bad = check_cursor(r, buf, len, cur, ok, r->f[2]);
    free(buf);
    return bad;
}

static int money_row(const row *r, void *ctx)
{
    (void)ctx;
    size_t len = strlen(r->f[0]);
    char *buf = heap_copy(r->f[0], len);
    const char *cur = buf;
    ars_money m;
    memset(&m, 0, sizeof m);
    int ok = ars_parse_money(&cur, buf + len, &m), bad = 0;
    const char *want_cur = strcmp(r->f[2], "none") == 0 ? "" : r->f[2];
    if (ok != !is_fail(r->f[1])) {
        print_message("%s:%d: \"%s\": returned %d (%.17g %s)\n", r->file, r->line, r->f[0], ok,
                      m.amount, m.currency);
        bad = 1;
    } else if (ok && (!m.present || !near(m.amount, strtod(r->f[1], NULL)) ||
                      strcmp(m.currency, want_cur) != 0 || m.approx != (atoi(r->f[3]) != 0))) {
        print_message("%s:%d: \"%s\": %.17g \"%s\" approx=%d, want %s \"%s\" approx=%s\n", r->file,
                      r->line, r->f[0], m.amount, m.currency, m.approx, r->f[1], want_cur, r->f[3]);
        bad = 1;
    }
    if (!bad) bad = check_cursor(r, buf, len, cur, ok, r->f[4]);
    free(buf);
    return bad;
}

/* One quantity row: input in f[0], language (NULL: all three), then the expected
 * count and consumed text at f[want], f[want + 1]. */
static int quantity_check(const row *r, const char *lang, int want)
{
    size_t len = strlen(r->f[0]);
    char *buf = heap_copy(r->f[0], len);
    const char *cur = buf;
    long long q = -7;
    int ok = ars_parse_quantity_in(&cur, buf + len, lang, &q), bad = 0;
    if (ok != !is_fail(r->f[want])) {
        print_message("%s:%d: \"%s\" (%s): returned %d (%lld)\n", r->file, r->line, r->f[0], lang ? lang : "any", ok, q);
        bad = 1;
    } else if (ok && q != atoll(r->f[want])) {
        print_message("%s:%d: \"%s\" (%s): %lld, want %s\n", r->file, r->line, r->f[0], lang ? lang : "any", q, r->f[want]);
        bad = 1;
    }
    if (!bad) bad = check_cursor(r, buf, len, cur, ok, r->f[want + 1]);
    free(buf);
    return bad;
}

static int quantity_row(const row *r, void *ctx)
{
    (void)ctx;
    /* the language-free entry point must agree with "any language" */
    const char *cur = r->f[0];
    long long q1 = -7, q2 = -7;
    const char *c2 = r->f[0];
    int a = ars_parse_quantity(&cur, r->f[0] + strlen(r->f[0]), &q1);
    int b = ars_parse_quantity_in(&c2, r->f[0] + strlen(r->f[0]), NULL, &q2);
    if (a != b || q1 != q2 || cur != c2) {
        print_message("%s:%d: \"%s\": ars_parse_quantity and ars_parse_quantity_in(NULL) differ\n", r->file, r->line, r->f[0]);
        return 1;
    }
    return quantity_check(r, NULL, 1);
}

static int quantity_lang_row(const row *r, void *ctx)
{
    (void)ctx;
    return quantity_check(r, r->f[1], 2);
}

static int date_row(const row *r, void *ctx)
{
    (void)ctx;
    size_t len = strlen(r->f[0]);
    char *buf = heap_copy(r->f[0], len);
    const char *cur = buf, *anchor = is_fail(r->f[1]) ? NULL : r->f[1];
    char out[11] = "unset";
    int ok = ars_parse_date(&cur, buf + len, anchor, out), bad = 0;
    if (ok != !is_fail(r->f[2])) {
        print_message("%s:%d: \"%s\" (anchor %s): returned %d (%s)\n", r->file, r->line, r->f[0],
                      r->f[1], ok, out);
        bad = 1;
    } else if (ok && strcmp(out, r->f[2]) != 0) {
        print_message("%s:%d: \"%s\" (anchor %s): %s, want %s\n", r->file, r->line, r->f[0],
                      r->f[1], out, r->f[2]);
        bad = 1;
    }
    if (!bad) bad = check_cursor(r, buf, len, cur, ok, r->f[3]);
    free(buf);
    return bad;
}

static int currency_row(const row *r, void *ctx)
{
    (void)ctx;
    size_t len = strlen(r->f[0]);
    char *buf = heap_copy(r->f[0], len);
    const char *cur = buf;
    char code[4] = "xx";
    const char *want = strcmp(r->f[1], "none") == 0 ? "" : r->f[1];
    int ok = ars_parse_currency(&cur, buf + len, code), bad = 0;
    if (ok != !is_fail(r->f[1])) {
        print_message("%s:%d: \"%s\": returned %d (%s)\n", r->file, r->line, r->f[0], ok, code);
        bad = 1;
    } else if (ok && strcmp(code, want) != 0) {
        print_message("%s:%d: \"%s\": %s, want %s\n", r->file, r->line, r->f[0], code, want);
        bad = 1;
    }
    if (!bad) bad = check_cursor(r, buf, len, cur, ok, r->f[2]);
    free(buf);
    return bad;
}

static void run_table(const char *name, int nfields, int (*cb)(const row *, void *), int min_rows)
{
    int fails = 0;
    int n = for_each_row(name, nfields, cb, NULL, &fails);
    if (fails) fail_msg("%s: %d of %d rows failed", name, fails, n);
    if (n < min_rows) fail_msg("%s: only %d rows (want at least %d)", name, n, min_rows);
}

static void test_number_table(void **state) { (void)state; run_table("number.tsv", 3, number_row, 30); }
static void test_money_table(void **state) { (void)state; run_table("money.tsv", 5, money_row, 60); }
static void test_quantity_table(void **state)
{
    (void)state;
    run_table("quantity.tsv", 3, quantity_row, 60);
}
static void test_quantity_lang_table(void **state)
{
    (void)state;
    run_table("quantity_lang.tsv", 4, quantity_lang_row, 15);
}
static void test_date_table(void **state) { (void)state; run_table("date.tsv", 4, date_row, 60); }
static void test_currency_table(void **state)
{
    (void)state;
    run_table("currency.tsv", 3, currency_row, 30);
}

/* ---- raw text through ars_fold --------------------------------------------- */

/* kind, fold (ascii|full), anchor, raw input, expected, consumed (folded form).
 * Money expected: "amount CUR approx". */
typedef struct fold_ctx {
    bool full;      /* run the rows that need the real fold */
    int ran;
} fold_ctx;

static int folded_row(const row *r, void *vctx)
{
    fold_ctx *ctx = vctx;
    bool needs_full = strcmp(r->f[1], "full") == 0;
    if (needs_full != ctx->full) return 0;
    ctx->ran++;
    size_t len = 0;
    char *f = ars_fold(r->f[3], strlen(r->f[3]), &len);
    assert_non_null(f);
    row fr = *r;
    fr.f[0] = f;
    int bad = 0;
    const char *kind = r->f[0];
    if (strcmp(kind, "number") == 0) {
        fr.f[1] = r->f[4];
        fr.f[2] = r->f[5];
        bad = number_row(&fr, NULL);
    } else if (strcmp(kind, "quantity") == 0) {
        fr.f[1] = r->f[4];
        fr.f[2] = r->f[5];
        bad = quantity_row(&fr, NULL);
    } else if (strcmp(kind, "date") == 0) {
        fr.f[1] = r->f[2];
        fr.f[2] = r->f[4];
        fr.f[3] = r->f[5];
        bad = date_row(&fr, NULL);
    } else if (strcmp(kind, "money") == 0) {
        char amount[64] = "-", cur[8] = "none", approx[4] = "0";
        if (!is_fail(r->f[4]) && sscanf(r->f[4], "%63s %7s %3s", amount, cur, approx) != 3) {
            print_message("%s:%d: bad money expectation\n", r->file, r->line);
            free(f);
            return 1;
        }
        fr.f[1] = amount;
        fr.f[2] = cur;
        fr.f[3] = approx;
        fr.f[4] = r->f[5];
        fr.nf = 5;
        bad = money_row(&fr, NULL);
    } else {
        print_message("%s:%d: unknown kind %s\n", r->file, r->line, kind);
        bad = 1;
    }
    if (bad) print_message("    (raw input \"%s\", folded \"%s\")\n", r->f[3], f);
    free(f);
    return bad;
}

static void test_folded_ascii(void **state)
{
    (void)state;
    fold_ctx ctx = {false, 0};
    int fails = 0;
    for_each_row("folded_inputs.tsv", 6, folded_row, &ctx, &fails);
    assert_int_equal(fails, 0);
    assert_true(ctx.ran >= 4);
}

/* The real fold removes accents and unifies typography; the stub does not. */
static bool fold_is_real(void)
{
    static const char probe[] = "\xc3\x89t\xc3\xa9 \xe2\x80\x94 l\xe2\x80\x99" "a";
    size_t n = 0;
    char *f = ars_fold(probe, strlen(probe), &n);
    bool real = f && strcmp(f, "ete - l'a") == 0;
    free(f);
    return real;
}

static void test_folded_full(void **state)
{
    (void)state;
    if (!fold_is_real()) {
        print_message("ars_fold is still a stub: accent rows skipped\n");
        skip();
    }
    fold_ctx ctx = {true, 0};
    int fails = 0;
    for_each_row("folded_inputs.tsv", 6, folded_row, &ctx, &fails);
    assert_int_equal(fails, 0);
    assert_true(ctx.ran >= 8);
}

/* ---- contract checks --------------------------------------------------------- */

static void test_null_and_empty(void **state)
{
    (void)state;
    const char *s = "";
    const char *cur = s;
    double d = 0;
    ars_money m = {0};
    long long q = 0;
    char out[11] = "", code[4] = "";
    assert_int_equal(ars_parse_number(&cur, s, &d), 0);
    assert_int_equal(ars_parse_money(&cur, s, &m), 0);
    assert_int_equal(ars_parse_quantity(&cur, s, &q), 0);
    assert_int_equal(ars_parse_date(&cur, s, "2024-01-01", out), 0);
    assert_int_equal(ars_parse_currency(&cur, s, code), 0);
    assert_ptr_equal(cur, s);
    assert_int_equal(ars_parse_number(NULL, s, &d), 0);
    assert_int_equal(ars_parse_money(&cur, s, NULL), 0);
    /* a value that ends exactly at `end`: the range, not the NUL, bounds it */
    const char *t = "18 rafale";
    cur = t;
    assert_int_equal(ars_parse_quantity(&cur, t + 1, &q), 1);
    assert_int_equal(q, 1);
    assert_ptr_equal(cur, t + 1);
    /* a failed money parse leaves *out alone */
    m.amount = 42;
    cur = t;
    assert_int_equal(ars_parse_money(&cur, t + strlen(t), &m), 0);
    assert_true(m.amount == 42);
}

/* Every parser, at every word start of every prefix of every table input:
 * a failure must not move the cursor, a success must move it forward within
 * the range, outputs must be well formed. Exact-size buffers: ASan checks
 * that nothing reads past `end`. */
typedef struct sweep_ctx { int calls; } sweep_ctx;

static int sweep_row(const row *r, void *vctx)
{
    sweep_ctx *ctx = vctx;
    const char *in = r->f[0];
    size_t len = strlen(in);
    int bad = 0;
    for (size_t j = 1; j <= len; j++) {
        char *buf = heap_copy(in, j);
        const char *end = buf + j;
        for (size_t i = 0; i < j; i++) {
            if (i > 0 && buf[i - 1] != ' ') continue;
            const char *start = buf + i, *cur;
            double d;
            ars_money m;
            long long q;
            char out[11], code[4];
            int ok;
            cur = start;
            ok = ars_parse_number(&cur, end, &d);
            bad |= ok ? !(cur > start && cur <= end && d >= 0) : cur != start;
            cur = start;
            ok = ars_parse_money(&cur, end, &m);
            bad |= ok ? !(cur > start && cur <= end && m.present && isfinite(m.amount) &&
                          strlen(m.currency) <= 3)
                      : cur != start;
            cur = start;
            ok = ars_parse_quantity(&cur, end, &q);
            bad |= ok ? !(cur > start && cur <= end && q >= 0) : cur != start;
            cur = start;
            ok = ars_parse_date(&cur, end, "2024-03-15", out);
            if (ok) {
                size_t n = strlen(out);
                bad |= !(cur > start && cur <= end && (n == 4 || n == 7 || n == 10));
            } else {
                bad |= cur != start;
            }
            cur = start;
            ok = ars_parse_currency(&cur, end, code);
            bad |= ok ? !(cur > start && cur <= end && strlen(code) <= 3) : cur != start;
            ctx->calls += 5;
        }
        free(buf);
    }
    if (bad) print_message("%s:%d: contract broken on a part of \"%s\"\n", r->file, r->line, in);
    return bad;
}

static void test_sweep_contract(void **state)
{
    (void)state;
    static const char *const tables[] = {"number.tsv", "money.tsv", "quantity.tsv", "date.tsv",
                                         "currency.tsv"};
    sweep_ctx ctx = {0};
    int fails = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        for_each_row(tables[i], 1, sweep_row, &ctx, &fails);
    assert_int_equal(fails, 0);
    assert_true(ctx.calls > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_table),
        cmocka_unit_test(test_money_table),
        cmocka_unit_test(test_quantity_table),
        cmocka_unit_test(test_quantity_lang_table),
        cmocka_unit_test(test_date_table),
        cmocka_unit_test(test_currency_table),
        cmocka_unit_test(test_folded_ascii),
        cmocka_unit_test(test_folded_full),
        cmocka_unit_test(test_null_and_empty),
        cmocka_unit_test(test_sweep_contract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
