/* query.c -- STUB (see arsenal/query.h). */
#include "arsenal/query.h"
#include <string.h>
#include <stdlib.h>
void ars_query_init(ars_query *q) { memset(q, 0, sizeof *q); q->status = -1; }
void ars_query_clear(ars_query *q) { free(q->supplier); free(q->system); free(q->category); ars_query_init(q); }
int ars_query_parse(const ars_rules *rules, const char *question, ars_query *q, char **err) { (void)rules; (void)question; (void)q; *err = NULL; return ARS_EPARSE; }
bool ars_query_match(const ars_query *q, const ars_deal *d) { (void)q; (void)d; return false; }
