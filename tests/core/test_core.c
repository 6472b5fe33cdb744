/* test_core.c -- the automaton, the rules loader (errors with file:line:col),
 * the deal record's JSON, and extraction end to end on a small rule set. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "arsenal/arsenal.h"
#include "ac.h"

typedef struct { size_t n; ars_ac_hit h[16]; } hits;
static void collect(const ars_ac_hit *h, void *ctx)
{
    hits *x = ctx;
    if (x->n < 16) x->h[x->n++] = *h;
}

static void test_ac_whole_words(void **state)
{
    (void)state;
    ars_ac *a = ars_ac_new();
    assert_non_null(a);
    assert_int_equal(ars_ac_add(a, "barak mx", 8, 1, false), 0);
    assert_int_equal(ars_ac_add(a, "maroc", 5, 2, false), 0);
    assert_int_equal(ars_ac_add(a, "achet", 5, 3, true), 0);   /* prefix form "achet*" */
    assert_int_equal(ars_ac_compile(a), 0);
    const char *t = "le maroc achete le barak-mx; marocains et rachete";
    hits x = {0};
    ars_ac_scan(a, t, strlen(t), collect, &x);
    assert_int_equal(x.n, 3);
    assert_int_equal(x.h[0].payload, 2);   /* "maroc", not inside "marocains" */
    assert_int_equal(x.h[1].payload, 3);   /* "achete" via the prefix */
    assert_int_equal(x.h[1].end - x.h[1].start, 6);
    assert_int_equal(x.h[2].payload, 1);   /* "barak-mx": '-' and ' ' are one separator */
    ars_ac_free(a);
}

static bool has_msg(const ars_diag *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = ars_diag_format(&d->v[i]);
        bool ok = s && strstr(s, needle);
        free(s);
        if (ok) return true;
    }
    return false;
}

static void test_bad_rules_all_errors(void **state)
{
    (void)state;
    ars_rules *r = NULL;
    ars_diag d;
    ars_diag_init(&d);
    int rc = ars_rules_load(&r, ARS_TEST_DIR "/core/badrules", NULL, &d);
    assert_int_equal(rc, ARS_EPARSE);
    assert_null(r);
    /* every problem of every file, each with its place */
    assert_true(has_msg(&d, "countries.csv:3:15: error: surface form \"maroc\" is already used by the entry at"));
    assert_true(has_msg(&d, "countries.csv:4:1: error: \"Xx1\" is not an ISO 3166-1 alpha-3 code"));
    assert_true(has_msg(&d, "categories.csv:3:6: error: generic must be yes or no, not \"maybe\""));
    assert_true(has_msg(&d, "companies.csv:3:13: error: unknown country code \"ZZZ\""));
    assert_true(has_msg(&d, "systems.csv:3:11: error: unknown category \"tank\""));
    assert_true(has_msg(&d, "systems.csv:4:11: error: row has 2 columns, the header has 6"));
    assert_true(has_msg(&d, "triggers.csv:3:15: error: unknown status \"sold\""));
    assert_true(has_msg(&d, "patterns.csv:2:"));
    assert_true(has_msg(&d, "regex does not compile"));
    assert_int_equal(d.nerrors, 8);
    ars_diag_clear(&d);
}

static void test_missing_rules_dir(void **state)
{
    (void)state;
    ars_rules *r = NULL;
    ars_diag d;
    ars_diag_init(&d);
    assert_int_equal(ars_rules_load(&r, "/nonexistent/rules", NULL, &d), ARS_ENOTFOUND);
    assert_true(has_msg(&d, "rules directory not found"));
    ars_diag_clear(&d);
}

static void test_deal_json_roundtrip(void **state)
{
    (void)state;
    const char *in = "{\"type\":\"deal\",\"buyer\":{\"name\":\"Morocco\",\"iso3\":\"MAR\"},"
                     "\"seller\":{\"name\":\"Israel\",\"iso3\":\"ISR\"},\"supplier\":null,"
                     "\"system\":{\"name\":\"Barak MX\",\"category\":\"air defence system\",\"generic\":false},"
                     "\"quantity\":18,\"value\":{\"amount\":524000000,\"currency\":\"USD\",\"approx\":true},"
                     "\"date\":\"2021\",\"status\":\"ordered\",\"kind\":\"sale\","
                     "\"sources\":[{\"doc\":\"a.txt\",\"start\":3,\"end\":40,\"text\":\"x <&> \\\"y\\\"\"}]}";
    ars_deal d;
    char *err = NULL;
    assert_int_equal(ars_deal_from_json(in, strlen(in), &d, &err), 0);
    assert_string_equal(d.buyer.iso3, "MAR");
    assert_int_equal(d.quantity, 18);
    assert_true(d.value.approx);
    assert_int_equal(d.status, ARS_STATUS_ORDERED);
    assert_int_equal(d.nsources, 1);
    assert_int_equal(d.sources[0].end, 40);
    char *out = ars_deal_to_json(&d);
    assert_non_null(out);
    ars_deal e;
    assert_int_equal(ars_deal_from_json(out, strlen(out), &e, &err), 0);
    char *out2 = ars_deal_to_json(&e);
    assert_string_equal(out, out2);       /* stable */
    assert_string_equal(d.id, e.id);
    free(out);
    free(out2);
    ars_deal_clear(&d);
    ars_deal_clear(&e);
    /* bad records are refused with a reason */
    static const char *const bad[][2] = {
        {"{\"buyer\":{\"iso3\":\"MAR\"}}", "missing field \"system\""},
        {"{\"buyer\":{\"iso3\":\"MAR\"},\"system\":{\"name\":\"X\"},\"status\":\"sold\"}", "not a known status"},
        {"{\"system\":{\"name\":\"X\"}}", "missing field \"buyer.iso3\""},
        {"not json", "not valid JSON"},
        {"{\"buyer\":{\"iso3\":\"MAR\"},\"system\":{\"name\":\"X\"},\"quantity\":\"many\"}", "quantity"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = NULL;
        assert_int_equal(ars_deal_from_json(bad[i][0], strlen(bad[i][0]), &d, &err), ARS_EPARSE);
        assert_non_null(err);
        assert_non_null(strstr(err, bad[i][1]));
        free(err);
    }
}

/* extraction on a small rule set, sentence by sentence */
static ars_rules *mini;
static int load_mini(void **state)
{
    (void)state;
    ars_diag d;
    ars_diag_init(&d);
    int rc = ars_rules_load(&mini, ARS_TEST_DIR "/core/minirules", NULL, &d);
    for (size_t i = 0; i < d.n; i++) { char *s = ars_diag_format(&d.v[i]); fprintf(stderr, "%s\n", s); free(s); }
    ars_diag_clear(&d);
    return rc;
}
static int free_mini(void **state) { (void)state; ars_rules_free(mini); return 0; }

static ars_dealset run(const char *text)
{
    ars_document doc = {0};
    doc.id = "t.txt";
    doc.text = (char *)text;
    doc.len = strlen(text);
    ars_dealset s;
    ars_dealset_init(&s);
    assert_int_equal(ars_extract_document(mini, &doc, NULL, &s, NULL), 0);
    return s;
}

static void test_extract_table(void **state)
{
    (void)state;
    /* system: the words of the text; canonical: the designation of the rules (NULL: generic) */
    static const struct { const char *text; const char *buyer, *seller, *system, *canonical, *status; } cases[] = {
        {"Le Maroc a acquis le drone « Harop » auprès de l'IAI.", "MAR", "ISR", "Harop", "Harop", "ordered"},
        {"Israël vendra des radars au Maroc.", "MAR", "ISR", "radars", NULL, "ordered"},
        {"Le Maroc a manifesté son intérêt pour le système S-400 russe.", "MAR", "RUS", "S-400", "S-400 Triumf", "interest"},
        {"Le Maroc a reçu l'autorisation de la part des États-Unis pour acquérir des HIMARS.", "MAR", "USA", "HIMARS", "M142 HIMARS", "approved"},
        {"Les F-16 américains sont en passe d'être livrés au Maroc.", "MAR", "USA", "F-16", "F-16", "delivered"},
        {"Moscou a reçu des drones Shahed fournis par Téhéran.", "RUS", "IRN", "drones", NULL, "delivered"},
        {"Argentina firmó la compra de 24 cazas F-16 de segunda mano a Dinamarca.", "ARG", "DNK", "F-16", "F-16", "ordered"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ars_dealset s = run(cases[i].text);
        if (s.n != 1) fail_msg("case %zu: %zu deals for: %s", i, s.n, cases[i].text);
        assert_string_equal(s.v[0].buyer.iso3, cases[i].buyer);
        assert_string_equal(s.v[0].seller.iso3, cases[i].seller);
        assert_string_equal(s.v[0].system.name, cases[i].system);
        if (cases[i].canonical) assert_string_equal(s.v[0].system.canonical, cases[i].canonical);
        else assert_null(s.v[0].system.canonical);
        assert_string_equal(ars_status_name(s.v[0].status), cases[i].status);
        /* evidence points into the original bytes */
        assert_int_equal(s.v[0].sources[0].start, 0);
        assert_int_equal(s.v[0].sources[0].end, strlen(cases[i].text));
        ars_dealset_clear(&s);
    }
}

static void test_extract_negatives(void **state)
{
    (void)state;
    static const char *const none[] = {
        "Le budget de la défense du Maroc atteindra 124,7 milliards de dirhams.",
        "Le Maroc équipe ses avions F-16 de nouveaux sièges.",          /* its own fleet: a platform */
        "Des exercices conjoints réunissent le Maroc et les États-Unis.",
        "Le Maroc n'a pas acheté de drones à Israël.",                   /* negation */
        "Le Polisario craint les drones marocains.",                       /* no seller, generic */
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        ars_dealset s = run(none[i]);
        if (s.n) fail_msg("case %zu: expected no deal, got %s for: %s", i, s.v[0].system.name, none[i]);
        ars_dealset_clear(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ac_whole_words),
        cmocka_unit_test(test_bad_rules_all_errors),
        cmocka_unit_test(test_missing_rules_dir),
        cmocka_unit_test(test_deal_json_roundtrip),
    };
    const struct CMUnitTest ex[] = {
        cmocka_unit_test(test_extract_table),
        cmocka_unit_test(test_extract_negatives),
    };
    int fails = cmocka_run_group_tests(tests, NULL, NULL);
    fails += cmocka_run_group_tests_name("extract", ex, load_mini, free_mini);
    return fails;
}
