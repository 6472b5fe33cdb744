/*
 * test_reconcile.c -- the SIPRI register reader (header by name, records
 * broken by a line break joined, short records skipped and counted) and the
 * verdicts for the deals of deals.jsonl against a register written for the
 * test (sipri-mini.csv); the real 1950-2023 register when ../shared has it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "arsenal/arsenal.h"

#define QDIR ARS_TEST_DIR "/query"
#define REAL_REGISTER ARS_SHARED_DIR "/data/sipri/trade-register-1950-2023.csv"

static ars_rules *load_rules(void)
{
    ars_rules *r = NULL;
    ars_diag d;
    ars_diag_init(&d);
    ars_rules_opts o = {true};
    int rc = ars_rules_load(&r, QDIR "/rules", &o, &d);
    ars_diag_clear(&d);
    return rc ? NULL : r;
}

static const ars_deal *deal_named(const ars_dealset *s, const char *buyer, const char *system)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].buyer.iso3, buyer) && !strcmp(s->v[i].system.name, system)) return &s->v[i];
    fail_msg("no deal %s %s in deals.jsonl", buyer, system);
    return NULL;
}

static void test_mini_register(void **state)
{
    (void)state;
    ars_rules *rules = load_rules();
    assert_non_null(rules);
    ars_sipri *reg = NULL;
    ars_diag d;
    ars_diag_init(&d);
    assert_int_equal(ars_sipri_load(&reg, QDIR "/sipri-mini.csv", rules, &d), 0);
    ars_sipri_info info;
    ars_sipri_info_get(reg, &info);
    assert_int_equal(info.entries, 8);
    assert_int_equal(info.joined, 1);      /* the Sherpa record split by a line break */
    assert_int_equal(info.skipped, 1);     /* "Nowhere,Land,1999" */
    assert_int_equal(d.nwarnings, 1);
    assert_int_equal(d.v[0].line, 9);
    assert_true(info.unmapped_names >= 1); /* Wakanda */
    assert_int_equal(info.first_year, 2010);
    assert_int_equal(info.last_year, 2022);
    const ars_sipri_entry *sherpa = ars_sipri_at(reg, 5);
    assert_string_equal(sherpa->designation, "Sherpa");
    assert_non_null(strstr(sherpa->comments, "broken"));
    assert_non_null(strstr(sherpa->comments, "line break"));
    assert_int_equal(sherpa->line, 7);
    const ars_sipri_entry *himars = ars_sipri_at(reg, 6);
    assert_string_equal(himars->comments, "quoted, with a comma");
    assert_string_equal(himars->recipient_iso3, "MAR");
    assert_string_equal(himars->supplier_iso3, "USA");
    assert_int_equal(himars->ordered, 18);
    assert_int_equal(ars_sipri_at(reg, 1)->ordered, ARS_NO_QUANTITY);
    ars_diag_clear(&d);

    ars_dealset s;
    ars_dealset_init(&s);
    assert_int_equal(ars_dealset_read(&s, QDIR "/deals.jsonl", &d, NULL), 0);
    static const struct { const char *buyer, *system; ars_recon_verdict v; unsigned diff; const char *desig; } want[] = {
        {"MAR", "Heron", ARS_RECON_NEW, 0, NULL},
        {"MAR", "Barak MX", ARS_RECON_CONFIRMED, 0, "Barak-MX"},
        {"MAR", "F-16 Block 72", ARS_RECON_DISAGREES, ARS_RECON_DIFF_QUANTITY, "F-16V Viper"},
        {"MAR", "M142 HIMARS", ARS_RECON_DISAGREES, ARS_RECON_DIFF_YEAR, "M-142 HIMARS"},
        {"MAR", "M1A2 Abrams", ARS_RECON_CONFIRMED, 0, "M-1A1 Abrams"},
        {"MAR", "Bayraktar TB2", ARS_RECON_CONFIRMED, 0, "Bayraktar TB2"},
        {"DZA", "drones", ARS_RECON_CONFIRMED, 0, "Wing Loong-2"},
        {"DZA", "S-400 Triumf", ARS_RECON_NEW, 0, NULL},
        {"MAR", "ATMOS 2000", ARS_RECON_NEW, 0, NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        ars_recon_result r;
        assert_int_equal(ars_reconcile_deal(reg, rules, deal_named(&s, want[i].buyer, want[i].system), &r), 0);
        if (r.verdict != want[i].v)
            fprintf(stderr, "%s %s: %s\n", want[i].buyer, want[i].system, ars_recon_verdict_name(r.verdict));
        assert_int_equal(r.verdict, want[i].v);
        assert_int_equal(r.diff, want[i].diff);
        if (want[i].desig) assert_string_equal(r.entry->designation, want[i].desig);
        else assert_null(r.entry);
    }
    /* the same without rules: names cannot be mapped, so the register is silent */
    ars_sipri *bare = NULL;
    assert_int_equal(ars_sipri_load(&bare, QDIR "/sipri-mini.csv", NULL, &d), 0);
    ars_recon_result r;
    assert_int_equal(ars_reconcile_deal(bare, NULL, deal_named(&s, "MAR", "Barak MX"), &r), 0);
    assert_int_equal(r.verdict, ARS_RECON_NEW);
    ars_sipri_free(bare);
    assert_string_equal(ars_recon_verdict_name(ARS_RECON_DISAGREES), "disagrees");

    ars_dealset_clear(&s);
    ars_diag_clear(&d);
    ars_sipri_free(reg);
    ars_rules_free(rules);
}

static void test_bad_register(void **state)
{
    (void)state;
    ars_sipri *reg = NULL;
    ars_diag d;
    ars_diag_init(&d);
    /* a deal file is not a register: the header is checked */
    assert_int_equal(ars_sipri_load(&reg, QDIR "/deals.jsonl", NULL, &d), ARS_EPARSE);
    assert_null(reg);
    assert_true(d.nerrors >= 1);
    ars_diag_clear(&d);
    assert_int_equal(ars_sipri_load(&reg, QDIR "/no-such-register.csv", NULL, &d), ARS_EIO);
    assert_null(reg);
    ars_diag_clear(&d);
}

static void test_real_register(void **state)
{
    (void)state;
    if (access(REAL_REGISTER, R_OK) != 0) { skip(); return; }
    ars_rules *rules = load_rules();
    assert_non_null(rules);
    ars_sipri *reg = NULL;
    ars_diag d;
    ars_diag_init(&d);
    assert_int_equal(ars_sipri_load(&reg, REAL_REGISTER, rules, &d), 0);
    ars_sipri_info info;
    ars_sipri_info_get(reg, &info);
    assert_int_equal(info.joined, 2);       /* the two records with a line break */
    assert_int_equal(info.skipped, 0);
    assert_true(info.entries > 29000);
    assert_int_equal(info.last_year, 2023);
    ars_dealset s;
    ars_dealset_init(&s);
    assert_int_equal(ars_dealset_read(&s, QDIR "/deals.jsonl", &d, NULL), 0);
    ars_recon_result r;
    assert_int_equal(ars_reconcile_deal(reg, rules, deal_named(&s, "MAR", "Barak MX"), &r), 0);
    assert_int_equal(r.verdict, ARS_RECON_CONFIRMED);
    assert_string_equal(r.entry->designation, "Barak-MX");
    assert_int_equal(ars_reconcile_deal(reg, rules, deal_named(&s, "MAR", "Bayraktar TB2"), &r), 0);
    assert_int_equal(r.verdict, ARS_RECON_CONFIRMED);
    ars_dealset_clear(&s);
    ars_diag_clear(&d);
    ars_sipri_free(reg);
    ars_rules_free(rules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mini_register),
        cmocka_unit_test(test_bad_register),
        cmocka_unit_test(test_real_register),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
