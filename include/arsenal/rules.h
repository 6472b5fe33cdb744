/*
 * arsenal/rules.h -- the editable rule set under rules/: gazetteers, triggers,
 * patterns, read with libcsv and compiled into one Aho-Corasick automaton.
 *
 * Files (one header row each; see docs/rules.md):
 *   countries.csv   iso3,iso2,name,names,demonyms,metonyms
 *   companies.csv   name,aliases,country,kind
 *   systems.csv     name,aliases,family,category,origin,maker
 *   categories.csv  category,class,words
 *   triggers.csv    phrase,lang,type,status,kind,role
 *   patterns.csv    id,lang,regex,type,category,needs
 * List cells are '|'-separated. An alias written "?Heron" is ambiguous: it only
 * counts with supporting context (a category word, a maker, a trigger nearby).
 * A phrase ending in '*' matches any word starting with it.
 */
#ifndef ARSENAL_RULES_H
#define ARSENAL_RULES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_rules ars_rules;

typedef struct ars_rules_opts {
    bool compile;        /* build the matcher (false: only validate) */
} ars_rules_opts;

/* Loads every rule file of `dir`. All problems found are appended to diag as
 * file:line:column: message; returns ARS_EPARSE if any is an error (and *out
 * is left NULL), so nothing runs on broken rules. */
int ars_rules_load(ars_rules **out, const char *dir, const ars_rules_opts *opts, ars_diag *diag);
void ars_rules_free(ars_rules *r);

/* Counts, for `arsenal rules check` and the benchmark. */
typedef struct ars_rules_info {
    size_t countries, companies, systems, categories, triggers, patterns;
    size_t aliases;      /* surface forms in the automaton */
    size_t states;       /* automaton states */
} ars_rules_info;
void ars_rules_info_get(const ars_rules *r, ars_rules_info *info);

/* Entity look-ups by any surface form (any language, any case, accents
 * optional). Return 1 and fill the out params, or 0 when unknown. */
typedef struct ars_country_ref { const char *iso3; const char *name; } ars_country_ref;
int ars_rules_find_country(const ars_rules *r, const char *text, ars_country_ref *out);

typedef struct ars_company_ref { const char *name; const char *country; } ars_company_ref;
int ars_rules_find_company(const ars_rules *r, const char *text, ars_company_ref *out);

typedef struct ars_system_ref {
    const char *name, *family, *category, *origin, *maker;
} ars_system_ref;
int ars_rules_find_system(const ars_rules *r, const char *text, ars_system_ref *out);

/* Category words ("drones", "chars", "fighter jets") -> category id. */
int ars_rules_find_category(const ars_rules *r, const char *text, const char **category);

/* Country name for an ISO3 code, or NULL. */
const char *ars_rules_country_name(const ars_rules *r, const char *iso3);

/* Calls fn for every folded surface form in the automaton (for
 * `arsenal rules aliases`, used by the benchmark's grep baseline). */
int ars_rules_each_alias(const ars_rules *r, int (*fn)(const char *alias, void *ctx), void *ctx);

#ifdef __cplusplus
}
#endif
#endif
