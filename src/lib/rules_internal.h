/*
 * rules_internal.h -- the compiled rule set, shared by rules.c (loader),
 * assemble.c and extract.c.
 *
 *   ars_rules
 *    ├─ countries[]  iso3, name
 *    ├─ companies[]  name, country
 *    ├─ systems[]    name, family, category, origin, maker (company index)
 *    ├─ categories[] id, generic
 *    ├─ triggers[]   phrase, lang, type, status, kind, strong
 *    ├─ patterns[]   ICU regex, type, category, needs
 *    ├─ entries[]    one per surface form: {type, id, flags, exact}
 *    └─ ac           automaton over the folded surface forms -> entry index
 */
#ifndef ARS_RULES_INTERNAL_H
#define ARS_RULES_INTERNAL_H
#include "arsenal/rules.h"
#include "arsenal/deal.h"
#include "ac.h"
#include "util.h"
#include <unicode/uregex.h>

typedef enum {
    ENT_COUNTRY = 0, ENT_DEMONYM, ENT_METONYM, ENT_COMPANY, ENT_SYSTEM, ENT_CATEGORY, ENT_TRIGGER, ENT__N
} ent_type;

/* EF_CODE: a letters-and-digits designation written with a capital ("AS-20",
 * "Su-35"): in the text its first letter must be a capital too, so that "as 20"
 * ("as much as 20%") or "à 29" are not read as designations */
enum { EF_AMBIGUOUS = 1, EF_EXACT_CASE = 2, EF_PREFIX = 4, EF_CODE = 8 };

typedef struct { ent_type type; uint8_t flags; uint32_t id; const char *exact; const char *key; } rule_entry;

typedef struct { const char *iso3, *iso2, *name; } rule_country;
typedef struct { const char *name; const char *country; const char *kind; } rule_company;
typedef struct {
    const char *name, *family, *category, *origin;
    int maker;           /* company index or -1 */
} rule_system;
/* parents: indexes of the broader categories ("fighter aircraft" -> "combat
 * aircraft"; "SAM" -> "air defence system" and "missile"), -1 where unused */
#define ARS_MAX_PARENTS 3
typedef struct { const char *id; bool generic; int parent[ARS_MAX_PARENTS]; } rule_category;

typedef enum {
    TR_BUY = 0, TR_SELL, TR_DEAL, TR_APPROVE, TR_MODAL, TR_NEGATION, TR_CANCEL,
    TR_FROM, TR_TO, TR_OTHER, TR_BY, TR_KIND, TR_ANAPHOR_SYSTEM, TR_ANAPHOR_DEAL,
    TR_POSSESSIVE, TR_NOVELTY, TR_OPERATOR, TR_BUDGET, TR_DESCRIBE, TR_NAMING, TR_UNIT, TR_RETIRED, TR_REGION,
    TR_USAGE, TR_IGNORE, TR_LINK, TR_CIVIL, TR_ANAPHOR_PARTY, TR_CUSTOMER, TR_AT, TR_CLAUSE, TR_COUNT,
    TR__N
} trigger_type;

typedef struct {
    const char *phrase;
    char lang[4];        /* "fr", "en", "es", "*" */
    trigger_type type;
    ars_status status;   /* 0 = none */
    int kind;            /* ars_kind or -1 */
    bool strong;
    bool customer;       /* type "customer" in the file: a buy word naming the buyer next to it
                            ("le Brésil, premier client du Gripen"); loaded as TR_BUY */
} rule_trigger;

typedef enum { PAT_DESIGNATION = 0, PAT_NAMED } pattern_type;
typedef struct {
    const char *id;
    char lang[4];
    URegularExpression *re;   /* compiled template; cloned per use */
    struct ars_rxfilter *filter; /* where it can match (rxfilter.h); NULL: everywhere */
    pattern_type type;
    const char *category;     /* may be NULL */
    bool needs_context;
} rule_pattern;

struct ars_rules {
    rule_country *countries; size_t ncountries, ccap;
    uint16_t *country_slot;   /* 26^3 entries: "AAA".."ZZZ" -> country index + 1 (0 = none) */
    rule_company *companies; size_t ncompanies, cocap;
    rule_system *systems; size_t nsystems, scap;
    rule_category *categories; size_t ncategories, catcap;
    rule_trigger *triggers; size_t ntriggers, tcap;
    rule_pattern *patterns; size_t npatterns, pcap;
    rule_entry *entries; size_t nentries, ecap;
    ars_ac *ac;
    ars_arena strings;
    char *dir;
};

int ars_rules_category_index(const ars_rules *r, const char *id);
int ars_rules_country_index(const ars_rules *r, const char *iso3);
const char *ars_trigger_type_name(trigger_type t);

#endif
