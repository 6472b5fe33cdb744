/*
 * fuzz_values.c -- the value parsers (money, quantity, date, number,
 * currency) on folded arbitrary text, tried at every byte offset as the
 * assembler does. Checks the cursor contract: on success the cursor moves
 * forward and stays within [start, end]; on failure it does not move.
 */
#include "arsenal/text.h"
#include "arsenal/values.h"
#include "fuzz_common.h"
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *before, const char *after, const char *end)
{
    if (ok == 1 && (after <= before || after > end)) abort();
    if (ok != 1 && after != before) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;   /* quadratic by design (every offset); keep runs fast */
    size_t fl = 0;
    char *f = ars_fold((const char *)data, size, &fl);
    if (!f) return 0;
    /* exact-size copy so ASan sees reads past `end` */
    char *s = malloc(fl ? fl : 1);
    if (!s) { free(f); return 0; }
    memcpy(s, f, fl);
    free(f);
    const char *end = s + fl;
    const char *anchor = size && (data[0] & 1) ? "2024-05-17" : NULL;
    for (const char *p = s; p < end; p++) {
        const char *c;
        ars_money m;
        memset(&m, 0, sizeof m);
        int ok;
        /* call, then check: argument evaluation order is unspecified */
        c = p; ok = ars_parse_money(&c, end, &m); check(ok, p, c, end);
        long long q = 0;
        c = p; ok = ars_parse_quantity(&c, end, &q); check(ok, p, c, end);
        char date[11];
        memset(date, 0, sizeof date);
        c = p;
        ok = ars_parse_date(&c, end, anchor, date);
        check(ok, p, c, end);
        if (ok == 1 && memchr(date, 0, sizeof date) == NULL) abort();
        double d = 0;
        c = p; ok = ars_parse_number(&c, end, &d); check(ok, p, c, end);
        char code[4] = {0};
        c = p;
        ok = ars_parse_currency(&c, end, code);
        check(ok, p, c, end);
        if (ok == 1 && memchr(code, 0, sizeof code) == NULL) abort();
    }
    free(s);
    return 0;
}
