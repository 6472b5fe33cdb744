/*
 * arsenal/merge.h -- one deal per (buyer, seller, system, kind) across documents.
 *
 * Evidence lists are joined (deduplicated on doc+start+end, sorted), the
 * furthest status wins with its date, quantities and values that disagree are
 * kept as conflicts with their sources. Deterministic: the same deals in any
 * order give byte-identical output (deals sorted by key).
 */
#ifndef ARSENAL_MERGE_H
#define ARSENAL_MERGE_H

#include "deal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Merges `in` into a new set `out` (in is left as is). */
int ars_merge(const ars_dealset *in, ars_dealset *out);

/* Recompute a deal's resolved fields (quantity, value, date, status) from its
 * sources; used by merge and by the extractor's per-document merge. */
void ars_deal_resolve(ars_deal *d);

#ifdef __cplusplus
}
#endif
#endif
