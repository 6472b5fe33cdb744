/* merge.c -- STUB (see arsenal/merge.h). */
#include "arsenal/merge.h"
int ars_merge(const ars_dealset *in, ars_dealset *out) { (void)in; (void)out; return ARS_EINVAL; }
void ars_deal_resolve(ars_deal *d) { (void)d; }
