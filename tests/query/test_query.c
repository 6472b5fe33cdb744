/*
 * test_query.c -- reading questions (data-driven: questions.tsv), flags, and
 * matching deals (deals.jsonl), with the small rule set of tests/query/rules;
 * plus a look-up table without rules (ars_query_parse_with) and a smoke run
 * over the project's rules when they load.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arsenal/arsenal.h"

#define QDIR ARS_TEST_DIR "/query"

static ars_rules *load_rules(const char *dir)
{
    ars_rules *r = NULL;
    ars_diag d;
    ars_diag_init(&d);
    ars_rules_opts o = {true};
    int rc = ars_rules_load(&r, dir, &o, &d);
    if (rc) {
        for (size_t i = 0; i < d.n; i++) {
            char *s = ars_diag_format(&d.v[i]);
            fprintf(stderr, "%s\n", s ? s : "?");
            free(s);
        }
    }
    ars_diag_clear(&d);
    return rc ? NULL : r;
}

/* "describe" + " ask=..." */
static char *reading(const ars_query *q)
{
    char *d = ars_query_describe(q);
    const char *ask = q->ask == ARS_ASK_BUYER ? " ask=buyer" : q->ask == ARS_ASK_SELLER ? " ask=seller" : "";
    size_t n = strlen(d) + strlen(ask) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%s%s", d, ask);
    free(d);
    return s;
}

/* Runs every line of questions.tsv. With `loose`, only checks that the same
 * questions are read (or refused) and that buyer/seller/ask agree: for rule
 * sets other than the test one, whose canonical names differ. */
static void run_table(const ars_rules *rules, bool loose)
{
    FILE *f = fopen(QDIR "/questions.tsv", "r");
    assert_non_null(f);
    char line[1024];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (!len || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        const char *question = line, *want = tab + 1;
        ars_query q;
        ars_query_init(&q);
        char *err = NULL;
        int rc = ars_query_parse(rules, question, &q, &err);
        n++;
        if (!strncmp(want, "ERROR ", 6)) {
            if (rc != ARS_EPARSE || !err) {
                fprintf(stderr, "FAIL \"%s\": expected an error, got rc=%d\n", question, rc);
                bad++;
            } else if (!loose) {
                /* every space-separated expected word must be in the message */
                char words[512];
                snprintf(words, sizeof words, "%s", want + 6);
                for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
                    for (char *u = w; *u; u++) if (*u == '_') *u = ' ';
                    if (!strstr(err, w)) {
                        fprintf(stderr, "FAIL \"%s\": message lacks '%s': %s\n", question, w, err);
                        bad++;
                        break;
                    }
                }
            }
        } else if (rc != 0) {
            fprintf(stderr, "FAIL \"%s\": rc=%d %s\n", question, rc, err ? err : "");
            bad++;
        } else {
            char *got = reading(&q);
            bool ok = !strcmp(got, want);
            if (loose) {
                char b[8] = "", s[8] = "";
                const char *p;
                ok = true;
                if ((p = strstr(want, "buyer="))) snprintf(b, sizeof b, "%.3s", p + 6);
                if ((p = strstr(want, "seller="))) snprintf(s, sizeof s, "%.3s", p + 7);
                ok = !strcmp(b, q.buyer) && !strcmp(s, q.seller);
            }
            if (!ok) {
                fprintf(stderr, "FAIL \"%s\":\n   want: %s\n    got: %s\n", question, want, got);
                bad++;
            }
            free(got);
        }
        free(err);
        ars_query_clear(&q);
    }
    fclose(f);
    fprintf(stderr, "%d questions, %d failed%s\n", n, bad, loose ? " (project rules, loose)" : "");
    assert_true(n >= 40);
    assert_int_equal(bad, 0);
}

static void test_questions(void **state)
{
    (void)state;
    ars_rules *r = load_rules(QDIR "/rules");
    assert_non_null(r);
    run_table(r, false);
    ars_rules_free(r);
}

/* The project's rules: the same questions must read the same parties. */
static void test_questions_project_rules(void **state)
{
    (void)state;
    ars_rules *r = load_rules(ARS_RULES_DIR);
    if (!r) { skip(); return; }
    ars_country_ref c;
    if (!ars_rules_find_country(r, "Marruecos", &c) || !ars_rules_find_system(r, "S-400", &(ars_system_ref){0})) {
        ars_rules_free(r);
        skip();   /* gazetteers not there yet */
        return;
    }
    run_table(r, true);
    ars_rules_free(r);
}

/* ---- a lexicon without rules --------------------------------------------------- */

static int fake_country(void *ctx, const char *s, ars_country_ref *o)
{
    (void)ctx;
    static const char *const tab[][3] = {{"mordor", "MOR", "Mordor"}, {"gondor", "GON", "Gondor"},
                                         {"gondorian", "GON", "Gondor"}, {"rohan", "ROH", "Rohan"}};
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (!strcmp(s, tab[i][0])) { o->iso3 = tab[i][1]; o->name = tab[i][2]; return 1; }
    return 0;
}

static int fake_category(void *ctx, const char *s, const char **o)
{
    (void)ctx;
    if (!strcmp(s, "catapults") || !strcmp(s, "catapultes")) { *o = "siege engine"; return 1; }
    return 0;
}

static int fake_system(void *ctx, const char *s, ars_system_ref *o)
{
    (void)ctx;
    if (!strcmp(s, "grond") || !strcmp(s, "grond mk 2")) {
        memset(o, 0, sizeof *o);
        o->name = !strcmp(s, "grond") ? "Grond" : "Grond Mk 2";
        o->family = "Grond";
        return 1;
    }
    return 0;
}

static void test_lexicon(void **state)
{
    (void)state;
    ars_query_lexicon lx = {fake_country, fake_system, NULL, fake_category, NULL};
    static const char *const cases[][2] = {
        {"what did Mordor buy from Gondor", "buyer=MOR seller=GON"},
        {"qui vend des catapultes au Rohan ?", "buyer=ROH category=siege engine ask=seller"},
        {"who bought the Grond Mk 2", "system=Grond Mk 2 ask=buyer"},
        {"who bought Gondorian catapults", "seller=GON category=siege engine ask=buyer"},
        {"¿qué vendió Gondor a Rohan en 2019?", "buyer=ROH seller=GON year=2019"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ars_query q;
        ars_query_init(&q);
        char *err = NULL;
        int rc = ars_query_parse_with(&lx, cases[i][0], &q, &err);
        if (rc) fprintf(stderr, "%s: %s\n", cases[i][0], err ? err : "?");
        assert_int_equal(rc, 0);
        char *got = reading(&q);
        if (strcmp(got, cases[i][1])) fprintf(stderr, "%s: got %s\n", cases[i][0], got);
        assert_string_equal(got, cases[i][1]);
        free(got);
        ars_query_clear(&q);
    }
    /* the system family travels with the system */
    ars_query q;
    ars_query_init(&q);
    char *err = NULL;
    assert_int_equal(ars_query_parse_with(&lx, "who bought the Grond", &q, &err), 0);
    assert_string_equal(q.family, "Grond");
    ars_query_clear(&q);
    /* no lexicon at all: every name is unknown, and says so */
    ars_query_lexicon none = {NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(ars_query_parse_with(&none, "what did Mordor buy", &q, &err), ARS_EPARSE);
    assert_non_null(strstr(err, "\"Mordor\""));
    free(err);
    assert_true(ars_query_is_empty(&q));   /* untouched on failure */
}

/* ---- flags and their merge with a question ------------------------------------- */

static void test_set_and_merge(void **state)
{
    (void)state;
    ars_rules *r = load_rules(QDIR "/rules");
    assert_non_null(r);
    ars_query q;
    ars_query_init(&q);
    char *err = NULL;
    assert_int_equal(ars_query_set(r, &q, "buyer", "Marruecos", &err), 0);
    assert_string_equal(q.buyer, "MAR");
    assert_int_equal(ars_query_set(r, &q, "seller", "les États-Unis", &err), 0);
    assert_string_equal(q.seller, "USA");
    assert_int_equal(ars_query_set(r, &q, "seller", "ISR", &err), 0);
    assert_string_equal(q.seller, "ISR");
    assert_int_equal(ars_query_set(r, &q, "category", "chars", &err), 0);
    assert_string_equal(q.category, "tank");
    assert_int_equal(ars_query_set(r, &q, "system", "Viper", &err), 0);
    assert_string_equal(q.system, "F-16 Block 72");
    assert_string_equal(q.family, "F-16");
    assert_int_equal(ars_query_set(r, &q, "supplier", "IAI", &err), 0);
    assert_string_equal(q.supplier, "Israel Aerospace Industries");
    assert_int_equal(ars_query_set(r, &q, "status", "livré", &err), 0);
    assert_int_equal(q.status, ARS_STATUS_DELIVERED);
    assert_false(q.status_min);
    assert_int_equal(ars_query_set(r, &q, "status", "ordered+", &err), 0);
    assert_int_equal(q.status, ARS_STATUS_ORDERED);
    assert_true(q.status_min);
    assert_int_equal(ars_query_set(r, &q, "since", "2019", &err), 0);
    assert_int_equal(q.since, 2019);

    assert_int_equal(ars_query_set(r, &q, "buyer", "Atlantis", &err), ARS_EINVAL);
    assert_non_null(strstr(err, "Atlantis"));
    free(err);
    assert_int_equal(ars_query_set(r, &q, "status", "sold-ish", &err), ARS_EINVAL);
    free(err);
    assert_int_equal(ars_query_set(r, &q, "until", "20x1", &err), ARS_EINVAL);
    free(err);
    assert_int_equal(ars_query_set(r, &q, "colour", "red", &err), ARS_EINVAL);
    free(err);
    ars_query_clear(&q);

    /* flags are kept; a question that contradicts them is refused */
    ars_query_init(&q);
    assert_int_equal(ars_query_set(r, &q, "since", "2020", &err), 0);
    assert_int_equal(ars_query_parse(r, "what did Morocco buy from Israel", &q, &err), 0);
    assert_string_equal(q.buyer, "MAR");
    assert_int_equal(q.since, 2020);
    ars_query_clear(&q);
    ars_query_init(&q);
    assert_int_equal(ars_query_set(r, &q, "buyer", "Algeria", &err), 0);
    assert_int_equal(ars_query_parse(r, "what did Morocco buy", &q, &err), ARS_EPARSE);
    assert_non_null(strstr(err, "buyer=MAR"));
    free(err);
    /* flags alone may be completed by a question with only filler words */
    assert_int_equal(ars_query_parse(r, "what did they buy?", &q, &err), 0);
    assert_string_equal(q.buyer, "DZA");
    ars_query_clear(&q);
    ars_rules_free(r);
}

/* ---- matching ------------------------------------------------------------------ */

static size_t count_matches(const ars_dealset *s, const ars_query *q, const char *want_first_system)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!ars_query_match(q, &s->v[i])) continue;
        if (want_first_system && n == 0) assert_string_equal(s->v[i].system.name, want_first_system);
        n++;
    }
    return n;
}

static void test_match(void **state)
{
    (void)state;
    ars_dealset s;
    ars_dealset_init(&s);
    ars_diag d;
    ars_diag_init(&d);
    size_t skipped = 0;
    assert_int_equal(ars_dealset_read(&s, QDIR "/deals.jsonl", &d, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(s.n, 11);
    ars_diag_clear(&d);

    ars_query q;
    ars_query_init(&q);
    assert_int_equal(count_matches(&s, &q, NULL), 11);   /* empty query: everything */

    /* Morocco from Israel: the three IAI deals + Elbit's (no seller, supplier from ISR) */
    strcpy(q.buyer, "MAR");
    strcpy(q.seller, "ISR");
    assert_int_equal(count_matches(&s, &q, "Heron"), 4);
    ars_query_clear(&q);

    /* S-400: Algeria ordered, Morocco interest; status filters split them */
    q.system = strdup("S-400");
    assert_int_equal(count_matches(&s, &q, NULL), 2);
    q.status = ARS_STATUS_ORDERED;
    q.status_min = true;
    assert_int_equal(count_matches(&s, &q, NULL), 1);
    q.status = ARS_STATUS_INTEREST;
    q.status_min = false;
    assert_int_equal(count_matches(&s, &q, NULL), 1);
    ars_query_clear(&q);

    /* family prefix: "F-16" finds "F-16 Block 72", "F-1" does not */
    q.system = strdup("F-16");
    assert_int_equal(count_matches(&s, &q, "F-16 Block 72"), 1);
    free(q.system);
    q.system = strdup("F-1");
    assert_int_equal(count_matches(&s, &q, NULL), 0);
    free(q.system);
    q.system = strdup("barak-mx");   /* separators and case do not matter */
    assert_int_equal(count_matches(&s, &q, "Barak MX"), 1);
    ars_query_clear(&q);

    /* categories, suppliers, years */
    q.category = strdup("uav");
    assert_int_equal(count_matches(&s, &q, NULL), 4);
    ars_query_clear(&q);
    q.supplier = strdup("lockheed martin");
    assert_int_equal(count_matches(&s, &q, NULL), 2);
    ars_query_clear(&q);
    strcpy(q.buyer, "MAR");
    q.since = 2021;
    q.until = 2022;
    assert_int_equal(count_matches(&s, &q, NULL), 5);
    q.since = q.until = 2018;
    assert_int_equal(count_matches(&s, &q, "M1A2 Abrams"), 1);
    ars_query_clear(&q);

    /* a deal without any date never matches a year filter */
    ars_deal nodate;
    ars_deal_init(&nodate);
    strcpy(nodate.buyer.iso3, "MAR");
    nodate.system.name = strdup("Heron");
    q.since = 2000;
    assert_false(ars_query_match(&q, &nodate));
    assert_int_equal(ars_query_deal_year(&nodate), 0);
    ars_deal_clear(&nodate);
    ars_query_clear(&q);

    char *desc = ars_query_describe(&q);
    assert_string_equal(desc, "any deal");
    free(desc);
    ars_dealset_clear(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_questions),
        cmocka_unit_test(test_questions_project_rules),
        cmocka_unit_test(test_lexicon),
        cmocka_unit_test(test_set_and_merge),
        cmocka_unit_test(test_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
