/* test_prefilter.c -- the fast paths of extraction find exactly what the slow
 * ones do:
 *   - a pattern rule run through its filter (rxfilter.c: window, prefix or
 *     run) yields the same matches, in the same order, as ICU's findNext()
 *     over the whole text, for the shipped patterns and for patterns that
 *     exercise the analysis;
 *   - ars_value_may_start() is true wherever a value parser succeeds.
 * Texts: the evaluation documents, the examples, the value tables' inputs and
 * a generated text full of designations, quotes, case-folding traps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arsenal/text.h"
#include "arsenal/values.h"
#include "rules_internal.h"
#include "rxfilter.h"
#include "values_internal.h"
#include "util.h"
#include <unicode/utext.h>

typedef struct { char **v; size_t *len; size_t n; } texts;

static void add_text(texts *t, char *s, size_t n)
{
    t->v = realloc(t->v, (t->n + 1) * sizeof *t->v);
    t->len = realloc(t->len, (t->n + 1) * sizeof *t->len);
    t->v[t->n] = s;
    t->len[t->n++] = n;
}

static void add_dir(texts *t, const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strstr(e->d_name, ".txt")) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *s = NULL;
        size_t n = 0;
        int err = 0;
        assert_int_equal(ars_read_file(path, &s, &n, &err), 0);
        add_text(t, s, n);
    }
    closedir(d);
}

/* first column of a value table, one text */
static void add_table(texts *t, const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    ars_buf b;
    ars_buf_init(&b);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        line[strcspn(line, "\t\n")] = '\0';
        ars_buf_puts(&b, line);
        ars_buf_puts(&b, " . ");
    }
    fclose(f);
    size_t n = 0;
    char *s = ars_buf_take(&b, &n);
    add_text(t, s, n);
}

/* deterministic soup of tokens */
static void add_generated(texts *t)
{
    static const char *const tok[] = {
        "F-16", "F16", "Su-35S", "S-400", "MQ-9B", "T-90MS", "K2", "KF-21", "Rafale F4", "AH-64E Guardian",
        "M1A2 SEPv3", "A400M", "C-130J-30", "2024", "12", "Mk 41", "MK-54", "x7", "B-2", "Type 055",
        "called", "Called", "CALLED", "named", "dubbed", "known as", "nommé", "baptisée", "appelé", "appelés",
        "llamado", "denominadas", "conocido como", "connus sous le nom de", "«", "»", "“", "”", "\"", " ",
        "  ", "\n", ",", ".", "(", ")", "-", "‑", "Héron", "Lightning 8", "Barak-MX", "Iron Dome",
        "\xe2\x84\xaa" "nown as", "stra\xc3\x9f" "e", "\xef\xac\x81", "İ", "é", "É", "the", "Le", "de",
        "Marine", "deal", "ﬁrst", "10,000", "3.5", "m€", "$1.2bn", "٣", "Ⅻ", "ＡＢ１２",
        /* runs: class words after names, odd spaces (VT, NEL, NBSP, LS), apostrophes */
        "drones", "Drone", "TANKS", "fighter jets", "jet", "Eurofighter", "KAAN", "McDonnell", "F-35A",
        "\v", "\xc2\x85", "\xc2\xa0", "\xe2\x80\xa8", "'s", "’", "straße", "STRASSE", "chars", "char",
    };
    ars_buf b;
    ars_buf_init(&b);
    unsigned x = 12345;
    for (int i = 0; i < 40000; i++) {
        x = x * 1103515245u + 12345u;
        ars_buf_puts(&b, tok[(x >> 16) % (sizeof tok / sizeof tok[0])]);
        if ((x >> 8) % 3) ars_buf_putc(&b, ' ');
    }
    size_t n = 0;
    char *s = ars_buf_take(&b, &n);
    add_text(t, s, n);
}

static texts all_texts(void)
{
    texts t = {0};
    add_dir(&t, ARS_TEST_DIR "/eval/docs");
    add_dir(&t, ARS_TEST_DIR "/../examples/articles");
    add_table(&t, ARS_TEST_DIR "/values/money.tsv");
    add_table(&t, ARS_TEST_DIR "/values/date.tsv");
    add_table(&t, ARS_TEST_DIR "/values/quantity.tsv");
    add_table(&t, ARS_TEST_DIR "/values/number.tsv");
    add_generated(&t);
    return t;
}

static void free_texts(texts *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->v[i]);
    free(t->v);
    free(t->len);
}

typedef struct { int64_t s, e, gs, ge; } match;

static size_t matches(URegularExpression *re, const ars_rxfilter *f, bool whole, const char *s, size_t n,
                      match *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, s, (int64_t)n, &st);
    URegularExpression *r = uregex_clone(re, &st);
    uregex_setUText(r, ut, &st);
    assert_true(U_SUCCESS(st));
    int groups = uregex_groupCount(r, &st);
    ars_rxscan it;
    ars_rxscan_begin(&it, r, f, s, n, whole);
    size_t k = 0;
    while (ars_rxscan_next(&it, &st) && k < cap) {
        match m = {uregex_start64(r, 0, &st), uregex_end64(r, 0, &st), -1, -1};
        if (groups > 0) { m.gs = uregex_start64(r, 1, &st); m.ge = uregex_end64(r, 1, &st); }
        out[k++] = m;
    }
    assert_true(U_SUCCESS(st));
    uregex_close(r);
    utext_close(ut);
    return k;
}

static void same_matches(URegularExpression *re, const char *what, const texts *t, size_t *total)
{
    ars_rxfilter *f = ars_rxfilter_new(re);
    enum { CAP = 100000 };
    match *a = malloc(CAP * sizeof *a), *b = malloc(CAP * sizeof *b);
    for (size_t i = 0; i < t->n; i++) {
        size_t na = matches(re, NULL, true, t->v[i], t->len[i], a, CAP);
        size_t nb = matches(re, f, false, t->v[i], t->len[i], b, CAP);
        if (na != nb || memcmp(a, b, na * sizeof *a) != 0) {
            fprintf(stderr, "pattern %s (%s filter), text %zu: %zu matches whole, %zu filtered\n", what,
                    ars_rxfilter_kind(f), i, na, nb);
            size_t k = 0;
            while (k < na && k < nb && memcmp(&a[k], &b[k], sizeof *a) == 0) k++;
            const match *m = k < na ? &a[k] : &b[k];
            int64_t from = m->s > 20 ? m->s - 20 : 0;
            fprintf(stderr, "  first difference: %s match [%lld, %lld) in \"%.*s\"\n", k < na ? "whole" : "filtered",
                    (long long)m->s, (long long)m->e, (int)(m->e - from + 20), t->v[i] + from);
            fail();
        }
        *total += na;
    }
    free(a);
    free(b);
    ars_rxfilter_free(f);
}

static void test_shipped_patterns(void **state)
{
    (void)state;
    ars_rules *r = NULL;
    ars_diag d;
    ars_diag_init(&d);
    assert_int_equal(ars_rules_load(&r, ARS_RULES_DIR, NULL, &d), 0);
    texts t = all_texts();
    size_t total = 0;
    for (size_t p = 0; p < r->npatterns; p++) same_matches(r->patterns[p].re, r->patterns[p].id, &t, &total);
    assert_true(total > 100);   /* the texts do exercise them */
    free_texts(&t);
    ars_rules_free(r);
    ars_diag_clear(&d);
}

static void test_analysis_patterns(void **state)
{
    (void)state;
    static const struct { const char *re, *kind; } cases[] = {
        {"\\b[A-Z]{2,4}-?[0-9]{2,3}\\b", "window"},
        {"(?<n>[A-Z])[0-9]{3}", "window"},
        {"\\b(?:Mk|MK|Mark) ?[0-9]{1,3}\\b", "window"},
        {"[0-9]+(?:st|nd)", "run"},
        {"\\b(\\p{Lu}{2,}[\\p{Lu}0-9\\-]*|\\p{Lu}\\p{Ll}+\\p{Lu}\\p{L}*)\\s+(?:\\p{Ll}[\\p{Ll}\\-]*\\s+)?"
         "(?i:drones?|fighters?|fighter jets?|jets?|tanks?|strasse|known)\\b", "run"},
        {"\\p{Lu}\\p{L}+\\s+(?i:known|nown)", "run"},
        {"[\\p{Ll}]+(?i:ss)e", "none"},
        {"[\\p{Ll}]+(?i:ss|sz)e", "run"},
        {"(?i:chars?|drones?|avions?(?: de combat)?)\\s+(\\p{Lu}[\\p{L}0-9\\-]*(?:\\s[\\p{Lu}0-9][\\p{L}0-9\\-]*)?)", "prefix"},
        {"[A-Z][a-z]+ (?:de|Le)\\b", "run"},
        {"[A-Z][a-z.]+ (?:de|Le)", "none"},
        {"(?i:k)now[n]", "prefix"},
        {"(?i:known)\\s+as", "prefix"},
        {"(?i:stra(?:ss|\xc3\x9f)e)", "prefix"},
        {"(?i:stra\xc3\x9f" "e)", "prefix"},
        {"(?i:mk) ?[0-9]{1,3}", "none"},
        {"(?i:strasse)", "prefix"},
        {"[\\p{Lu}][\\p{Ll}]+ [0-9]{1,2}", "none"},
        {"[\\p{Lu}][\\p{Ll}]{1,12} [0-9]{1,2}", "window"},
        {"x(?=[0-9])", "none"},
        {"[^a-z]{2}[0-9]", "window"},
        {"\\d\\d?[.:]\\d\\d", "window"},
        {"\\w+-[0-9]", "none"},
        {"ab|cd", "none"},
        {"[[:alpha:]][0-9]", "none"},
        {"(?i)called", "none"},
        {"Type 0[0-9]{2}", "window"},
        {"[«“\"]\\s*([\\p{Lu}0-9][\\p{L}0-9 '’\\-]{1,30}?)\\s*[»”\"]", "none"},
    };
    texts t = all_texts();
    size_t total = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        UParseError pe;
        UErrorCode st = U_ZERO_ERROR;
        URegularExpression *re = uregex_openC(cases[i].re, 0, &pe, &st);
        assert_true(U_SUCCESS(st));
        ars_rxfilter *f = ars_rxfilter_new(re);
        if (strcmp(ars_rxfilter_kind(f), cases[i].kind))
            fprintf(stderr, "%s: %s filter, expected %s\n", cases[i].re, ars_rxfilter_kind(f), cases[i].kind);
        assert_string_equal(ars_rxfilter_kind(f), cases[i].kind);
        ars_rxfilter_free(f);
        same_matches(re, cases[i].re, &t, &total);
        uregex_close(re);
    }
    free_texts(&t);
}

static void test_value_start(void **state)
{
    (void)state;
    texts t = all_texts();
    size_t parsed = 0;
    for (size_t i = 0; i < t.n; i++) {
        ars_text tx;
        assert_int_equal(ars_text_init(&tx, t.v[i], t.len[i]), 0);
        const char *f = tx.fold, *end = f + tx.fold_len;
        for (size_t p = 0; p < tx.fold_len; p++) {
            const char *cur = f + p;
            ars_money m;
            long long q;
            char d[11];
            bool any = ars_parse_money(&cur, end, &m) || (cur = f + p, ars_parse_date(&cur, end, "2024-06-15", d)) ||
                       (cur = f + p, ars_parse_date(&cur, end, NULL, d)) || (cur = f + p, ars_parse_quantity(&cur, end, &q));
            if (any && !ars_value_may_start(f + p, end)) {
                fprintf(stderr, "a value parses at \"%.30s\" but ars_value_may_start says no\n", f + p);
                fail();
            }
            parsed += any;
        }
        ars_text_clear(&tx);
    }
    assert_true(parsed > 500);
    free_texts(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_patterns),
        cmocka_unit_test(test_analysis_patterns),
        cmocka_unit_test(test_value_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
