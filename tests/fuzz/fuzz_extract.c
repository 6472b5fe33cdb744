/*
 * fuzz_extract.c -- extraction end to end (text layer, matcher, values,
 * assembler, per-document merge) with tests/core/minirules on arbitrary
 * document bytes; every deal must serialise to JSON, and the explain view must
 * not crash either.
 */
#include "arsenal/deal.h"
#include "arsenal/extract.h"
#include "arsenal/rules.h"
#include "fuzz_common.h"
#include <stdlib.h>
#include <string.h>

#ifndef ARS_FUZZ_RULES_DIR
#error "ARS_FUZZ_RULES_DIR must name tests/core/minirules"
#endif

static ars_rules *rules;

static void free_rules(void) { ars_rules_free(rules); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ars_diag d;
    ars_diag_init(&d);
    ars_rules_opts o = {true};
    if (ars_rules_load(&rules, ARS_FUZZ_RULES_DIR, &o, &d) != 0) abort();
    ars_diag_clear(&d);
    atexit(free_rules);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ars_document doc;
    memset(&doc, 0, sizeof doc);
    doc.text = malloc(size + 1);
    if (!doc.text) return 0;
    if (size) memcpy(doc.text, data, size);
    doc.text[size] = 0;
    doc.len = size;
    doc.id = strdup("fuzz");
    doc.date = size && (data[0] & 1) ? strdup("2024-05-17") : NULL;
    ars_extract_opts o;
    ars_extract_opts_init(&o);
    o.max_deals_per_doc = 50;
    ars_dealset ds;
    ars_dealset_init(&ds);
    ars_diag d;
    ars_diag_init(&d);
    d.max_kept = 16;
    int rc = ars_extract_document(rules, &doc, &o, &ds, &d);
    if (rc == 0) {
        if (ds.n > 50) abort();
        for (size_t i = 0; i < ds.n; i++) {
            char *j = ars_deal_to_json(&ds.v[i]);
            if (!j) abort();
            free(j);
        }
    }
    if (size < 2048) free(ars_extract_explain(rules, &doc));
    ars_dealset_clear(&ds);
    ars_diag_clear(&d);
    ars_document_clear(&doc);
    return 0;
}
