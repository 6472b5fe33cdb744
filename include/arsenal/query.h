/*
 * arsenal/query.h -- questions over deals: flags or plain words (en/fr/es).
 */
#ifndef ARSENAL_QUERY_H
#define ARSENAL_QUERY_H

#include "deal.h"
#include "rules.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_query {
    char buyer[4];          /* ISO3 or "" */
    char seller[4];
    char *supplier;         /* company name (canonical) or NULL */
    char *system;           /* system name / family (folded match) or NULL */
    char *category;         /* category id or NULL */
    int status;             /* ars_status or -1 */
    int since, until;       /* years, 0 = open */
} ars_query;

void ars_query_init(ars_query *q);
void ars_query_clear(ars_query *q);

/* Reads a question ("what did Morocco buy from Israel", "qu'a acheté le Maroc
 * à Israël ?", "¿qué compró Marruecos a Israel?", "who sells drones to
 * Morocco", "which countries bought the S-400") into q (fields already set by
 * flags are kept). On failure returns ARS_EPARSE and *err says which words were
 * not understood (malloc'd). */
int ars_query_parse(const ars_rules *rules, const char *question, ars_query *q, char **err);

/* True if deal d answers q. */
bool ars_query_match(const ars_query *q, const ars_deal *d);

#ifdef __cplusplus
}
#endif
#endif
