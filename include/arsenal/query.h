/*
 * arsenal/query.h -- questions over deals: flags or plain words (en/fr/es).
 *
 * A query is a conjunction of filters over deal records:
 *
 *   ars_query
 *    ├─ buyer / seller        ISO3 ("" = any); seller also matches the home
 *    │                        country of the deal's supplier when seller is empty
 *    ├─ supplier              company (folded equality)
 *    ├─ system / family       designation (folded, separators ignored; a family
 *    │                        prefix matches: "F-16" finds "F-16C Block 52")
 *    ├─ category              category id (folded equality)
 *    ├─ status (+status_min)  exact status, or "at least" in progress order
 *    ├─ since / until         years, inclusive (deal date, else its sources')
 *    └─ ask                   the role a "who" question asks for (output only)
 *
 * A question in plain words is read by ars_query_parse (grammar in
 * docs/query.md). Entity look-ups go through an ars_query_lexicon, which is
 * normally the rules' gazetteers (ars_query_parse); tests and embedders can
 * plug their own (ars_query_parse_with).
 *
 * Ownership: the strings in ars_query are malloc'd and owned by it;
 * ars_query_clear frees them.
 */
#ifndef ARSENAL_QUERY_H
#define ARSENAL_QUERY_H

#include "deal.h"
#include "rules.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    ARS_ASK_NONE = 0,       /* "what did Morocco buy": the systems */
    ARS_ASK_BUYER,          /* "which countries bought the S-400" */
    ARS_ASK_SELLER          /* "who sells drones to Morocco" */
} ars_query_ask;

typedef struct ars_query {
    char buyer[4];          /* ISO3 or "" */
    char seller[4];
    char *supplier;         /* company name (canonical) or NULL */
    char *system;           /* system name / family (folded match) or NULL */
    char *family;           /* designation family from the rules, or NULL */
    char *category;         /* category id or NULL */
    int status;             /* ars_status or -1 */
    bool status_min;        /* match status >= `status` in progress order (not cancelled) */
    int since, until;       /* years, 0 = open */
    ars_query_ask ask;
} ars_query;

void ars_query_init(ars_query *q);
void ars_query_clear(ars_query *q);

/* True when no filter is set (every deal matches). */
bool ars_query_is_empty(const ars_query *q);

/* Sets one filter from a flag value written in any language / alias:
 * field is "buyer", "seller", "supplier", "system", "category", "status",
 * "since" or "until". Countries accept names, demonyms and ISO3 codes;
 * unknown systems, companies and categories are kept as written (folded
 * match). status accepts the English names ("ordered", "ordered+" = at least
 * ordered) and the question words ("livré", "entregado"). rules may be NULL
 * (then only ISO3 codes are accepted for countries). Returns ARS_EINVAL with a
 * message in *err (malloc'd) for a value that cannot be used. */
int ars_query_set(const ars_rules *rules, ars_query *q, const char *field, const char *value,
                  char **err);

/* The look-ups the question reader needs. Each returns 1 and fills *out when
 * `text` (folded words separated by single spaces) names an entity, else 0.
 * Any callback may be NULL. Returned strings must outlive the parse call. */
typedef struct ars_query_lexicon {
    int (*country)(void *ctx, const char *text, ars_country_ref *out);
    int (*system)(void *ctx, const char *text, ars_system_ref *out);
    int (*company)(void *ctx, const char *text, ars_company_ref *out);
    int (*category)(void *ctx, const char *text, const char **out);
    void *ctx;
} ars_query_lexicon;

/* Reads a question ("what did Morocco buy from Israel", "qu'a acheté le Maroc
 * à Israël ?", "¿qué compró Marruecos a Israel?", "who sells drones to
 * Morocco", "which countries bought the S-400") into q (fields already set by
 * flags are kept; a question that contradicts them is an error). On failure
 * returns ARS_EPARSE, q is unchanged and *err says which words were not
 * understood and which flags would express them (malloc'd). */
int ars_query_parse(const ars_rules *rules, const char *question, ars_query *q, char **err);
int ars_query_parse_with(const ars_query_lexicon *lx, const char *question, ars_query *q,
                         char **err);

/* True if deal d answers q. */
bool ars_query_match(const ars_query *q, const ars_deal *d);

/* "buyer=MAR seller=ISR system=S-400 status=ordered+ since=2020" (malloc'd;
 * "any deal" for an empty query). */
char *ars_query_describe(const ars_query *q);

/* Year of a deal: its date, else the first dated source (event date, then the
 * document's date); 0 when unknown. */
int ars_query_deal_year(const ars_deal *d);

#ifdef __cplusplus
}
#endif
#endif
