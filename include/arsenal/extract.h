/*
 * arsenal/extract.h -- documents in, deals out.
 *
 * The only module that knows the stage order:
 *   text layer -> matcher -> value parsers -> assembly -> per-document merge.
 * An extractor is read-only after creation and may be shared by threads; each
 * call uses its own scratch memory.
 */
#ifndef ARSENAL_EXTRACT_H
#define ARSENAL_EXTRACT_H

#include "common.h"
#include "deal.h"
#include "document.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_extract_opts {
    size_t max_deals_per_doc;   /* 0 = default (1000); beyond it deals are dropped and counted */
    bool keep_weak;             /* also emit low-confidence deals (debugging) */
} ars_extract_opts;

void ars_extract_opts_init(ars_extract_opts *o);

/* Extract the deals of one document into `out` (appended; one deal per
 * (buyer, seller, system, kind) with all its evidence). Warnings (limits hit)
 * go to diag. */
int ars_extract_document(const ars_rules *rules, const ars_document *doc,
                         const ars_extract_opts *opts, ars_dealset *out, ars_diag *diag);

/* Debug view for `arsenal extract --explain`: the sentences, mentions and
 * values found, as a malloc'd human-readable text. */
char *ars_extract_explain(const ars_rules *rules, const ars_document *doc);

#ifdef __cplusplus
}
#endif
#endif
