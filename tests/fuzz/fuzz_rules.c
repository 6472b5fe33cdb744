/*
 * fuzz_rules.c -- the rules loader on an arbitrary rule file. A scratch rule
 * directory holds copies of tests/core/minirules; the first input byte picks
 * which of the six files the rest of the input replaces (countries.csv most
 * often). Checks: the loader either succeeds with no error diagnostics or
 * fails with at least one, and never leaves *out set on failure.
 */
#include "arsenal/rules.h"
#include "fuzz_common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ARS_FUZZ_RULES_DIR
#error "ARS_FUZZ_RULES_DIR must name tests/core/minirules"
#endif

static const char *files[] = {"countries.csv", "companies.csv", "systems.csv",
                              "categories.csv", "triggers.csv", "patterns.csv"};
static char rdir[512];

static void restore(const char *name)
{
    char from[600], to[600];
    snprintf(from, sizeof from, "%s/%s", ARS_FUZZ_RULES_DIR, name);
    snprintf(to, sizeof to, "%s/%s", rdir, name);
    if (fuzz_copy_file(from, to)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (!rdir[0]) {
        const char *s = fuzz_scratch_dir();
        if (!s) abort();
        snprintf(rdir, sizeof rdir, "%s", s);
        for (size_t i = 0; i < 6; i++) restore(files[i]);
    }
    /* countries.csv for half of the selector values, each other file 1/10 */
    unsigned sel = data[0] < 128 ? 0 : 1 + (unsigned)(data[0] - 128) % 5;
    char path[600];
    snprintf(path, sizeof path, "%s/%s", rdir, files[sel]);
    if (fuzz_write_file(path, data + 1, size - 1)) abort();
    ars_rules *r = NULL;
    ars_diag d;
    ars_diag_init(&d);
    d.max_kept = 32;
    ars_rules_opts o = {true};
    int rc = ars_rules_load(&r, rdir, &o, &d);
    if (rc == 0) {
        if (!r) abort();
        ars_rules_info info;
        ars_rules_info_get(r, &info);
        ars_country_ref c;
        (void)ars_rules_find_country(r, "Maroc", &c);
        ars_rules_free(r);
    } else {
        if (r) abort();
        if (rc == ARS_EPARSE && d.nerrors == 0) abort();
    }
    ars_diag_clear(&d);
    restore(files[sel]);
    return 0;
}
