/*
 * test_merge.c -- ars_merge / ars_deal_resolve: order independence (shuffled
 * deals and sources give the same bytes), idempotence, conflicts kept with
 * their sources, furthest status with its date, deduplicated evidence,
 * deal-level figures kept, the documented tie rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "arsenal/merge.h"
#include "util.h"

#define DEALS ARS_TEST_DIR "/graph/deals.jsonl"

static void load(ars_dealset *s)
{
    ars_diag d;
    ars_diag_init(&d);
    size_t skipped = 0;
    ars_dealset_init(s);
    assert_int_equal(ars_dealset_read(s, DEALS, &d, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_true(s->n >= 8);
    ars_diag_clear(&d);
}

/* The merged set as JSON Lines (caller frees). */
static char *dump(const ars_dealset *s)
{
    ars_buf b;
    ars_buf_init(&b);
    for (size_t i = 0; i < s->n; i++) {
        char *j = ars_deal_to_json(&s->v[i]);
        assert_non_null(j);
        ars_buf_puts(&b, j);
        ars_buf_putc(&b, '\n');
        free(j);
    }
    assert_false(b.failed);
    return ars_buf_take(&b, NULL);
}

static char *merge_dump(const ars_dealset *in)
{
    ars_dealset out;
    assert_int_equal(ars_merge(in, &out), 0);
    char *s = dump(&out);
    ars_dealset_clear(&out);
    return s;
}

static const ars_deal *find(const ars_dealset *s, const char *system)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].system.name, system) == 0) return &s->v[i];
    fail_msg("no deal for %s", system);
    return NULL;
}

static void test_order_independent(void **state)
{
    (void)state;
    ars_dealset in;
    load(&in);
    char *ref = merge_dump(&in);
    srand(12345);
    for (int round = 0; round < 20; round++) {
        ars_dealset sh;
        ars_dealset_init(&sh);
        size_t n = in.n;
        size_t *perm = malloc(n * sizeof *perm);
        for (size_t i = 0; i < n; i++) perm[i] = i;
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)rand() % (i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        /* every deal appears once, some twice (duplicated evidence must not double) */
        for (size_t i = 0; i < n + (size_t)(round % 3); i++) {
            ars_deal c;
            assert_int_equal(ars_deal_copy(&c, &in.v[perm[i % n]]), 0);
            /* sources in reverse order too */
            for (size_t a = 0, z = c.nsources ? c.nsources - 1 : 0; a < z; a++, z--) {
                ars_source t = c.sources[a];
                c.sources[a] = c.sources[z];
                c.sources[z] = t;
            }
            assert_int_equal(ars_dealset_push_take(&sh, &c), 0);
        }
        char *got = merge_dump(&sh);
        assert_string_equal(got, ref);
        free(got);
        free(perm);
        ars_dealset_clear(&sh);
    }
    free(ref);
    ars_dealset_clear(&in);
}

static void test_idempotent(void **state)
{
    (void)state;
    ars_dealset in, once;
    load(&in);
    assert_int_equal(ars_merge(&in, &once), 0);
    char *a = dump(&once);
    char *b = merge_dump(&once);
    assert_string_equal(a, b);
    free(a);
    free(b);
    ars_dealset_clear(&once);
    ars_dealset_clear(&in);
}

static void test_grouping_and_sorting(void **state)
{
    (void)state;
    ars_dealset in, out;
    load(&in);
    assert_int_equal(ars_merge(&in, &out), 0);
    /* 11 input deals, two pairs share a key ("Barak MX"/"Barak-MX", F-16) */
    assert_int_equal(out.n, in.n - 2);
    for (size_t i = 1; i < out.n; i++) {
        char *a = ars_deal_key(&out.v[i - 1]), *b = ars_deal_key(&out.v[i]);
        assert_true(strcmp(a, b) < 0);
        free(a);
        free(b);
    }
    ars_dealset_clear(&out);
    ars_dealset_clear(&in);
}

static void test_conflicts_kept(void **state)
{
    (void)state;
    ars_dealset in, out;
    load(&in);
    assert_int_equal(ars_merge(&in, &out), 0);
    const ars_deal *d = find(&out, "F-16 Block 72");
    assert_int_equal(d->nsources, 2);
    /* 25 and 24 are each stated once: the tie goes to the largest */
    assert_int_equal(d->quantity, 25);
    assert_int_equal(d->nconflicts, 2);
    for (size_t i = 0; i < d->nconflicts; i++) {
        assert_string_equal(d->conflicts[i].field, "quantity");
        assert_int_equal(d->conflicts[i].source, i);
    }
    assert_int_equal(d->sources[0].quantity + d->sources[1].quantity, 49);
    /* the furthest status (ordered, 2020) wins over the approval (2019) */
    assert_int_equal(d->status, ARS_STATUS_ORDERED);
    assert_string_equal(d->date, "2020");
    /* the only stated value is kept, approx as stated */
    assert_true(d->value.present);
    assert_true(d->value.approx);
    ars_dealset_clear(&out);
    ars_dealset_clear(&in);
}

static void test_status_furthest(void **state)
{
    (void)state;
    ars_dealset in, out;
    load(&in);
    assert_int_equal(ars_merge(&in, &out), 0);
    const ars_deal *b = find(&out, "Barak MX");
    assert_int_equal(b->status, ARS_STATUS_DELIVERED);
    assert_string_equal(b->date, "2024-05-14");
    assert_int_equal(b->nsources, 2);
    assert_true(b->value.present);
    assert_true(b->value.amount == 5e8);
    assert_int_equal(b->nconflicts, 0);
    /* cancelled is terminal even though the deal-level status said negotiating */
    const ars_deal *s = find(&out, "S-400");
    assert_int_equal(s->status, ARS_STATUS_CANCELLED);
    assert_string_equal(s->date, "2023-07");
    /* deal-level figures are carried onto sources that state nothing */
    const ars_deal *su = find(&out, "Su-57");
    assert_int_equal(su->quantity, 14);
    assert_int_equal(su->sources[0].quantity, 14);
    assert_int_equal(su->sources[0].status, ARS_STATUS_ORDERED);
    ars_dealset_clear(&out);
    ars_dealset_clear(&in);
}

static void add_src(ars_deal *d, const char *doc, size_t start, long long q, const char *date, ars_status st)
{
    ars_source s;
    memset(&s, 0, sizeof s);
    s.doc = (char *)doc;
    s.start = start;
    s.end = start + 10;
    s.quantity = q;
    snprintf(s.date, sizeof s.date, "%s", date);
    s.status = st;
    assert_int_equal(ars_deal_add_source(d, &s), 0);
}

static void test_resolve_rules(void **state)
{
    (void)state;
    ars_deal d;
    ars_deal_init(&d);
    add_src(&d, "a", 0, 10, "2021", ARS_STATUS_INTEREST);
    add_src(&d, "b", 0, 12, "2021-03", ARS_STATUS_INTEREST);
    add_src(&d, "c", 0, 12, "2022-01-05", ARS_STATUS_INTEREST);
    ars_deal_resolve(&d);
    assert_int_equal(d.quantity, 12);          /* the mode */
    assert_int_equal(d.nconflicts, 3);         /* every stating source is listed */
    /* no source is further than another: earliest year, then the most precise */
    assert_string_equal(d.date, "2021-03");
    assert_int_equal(d.status, ARS_STATUS_INTEREST);
    add_src(&d, "d", 0, ARS_NO_QUANTITY, "", ARS_STATUS_ORDERED);
    add_src(&d, "e", 0, ARS_NO_QUANTITY, "2023", ARS_STATUS_ORDERED);
    ars_deal_resolve(&d);
    assert_int_equal(d.status, ARS_STATUS_ORDERED);
    assert_string_equal(d.date, "2023");       /* the date of the furthest status */
    assert_int_equal(d.nconflicts, 3);         /* recomputed, not appended */
    ars_deal_clear(&d);

    /* the furthest event states no date: the date of the article reporting it,
     * not the year of an earlier event */
    ars_deal_init(&d);
    add_src(&d, "a", 0, 24, "2020", ARS_STATUS_ORDERED);
    add_src(&d, "a", 50, ARS_NO_QUANTITY, "", ARS_STATUS_DELIVERED);
    d.sources[1].doc_date = strdup("2024-03-12");
    ars_deal_resolve(&d);
    assert_int_equal(d.status, ARS_STATUS_DELIVERED);
    assert_string_equal(d.date, "2024-03-12");
    ars_deal_clear(&d);

    ars_deal_init(&d);
    add_src(&d, "a", 0, 7, "", ARS_STATUS_NONE);
    ars_deal_resolve(&d);
    assert_int_equal(d.quantity, 7);
    assert_int_equal(d.nconflicts, 0);
    assert_int_equal(d.status, ARS_STATUS_NONE);
    ars_deal_clear(&d);
}

static void test_empty(void **state)
{
    (void)state;
    ars_dealset in, out;
    ars_dealset_init(&in);
    assert_int_equal(ars_merge(&in, &out), 0);
    assert_int_equal(out.n, 0);
    ars_dealset_clear(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_independent), cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_grouping_and_sorting), cmocka_unit_test(test_conflicts_kept),
        cmocka_unit_test(test_status_furthest), cmocka_unit_test(test_resolve_rules),
        cmocka_unit_test(test_empty)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
