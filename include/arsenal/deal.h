/*
 * arsenal/deal.h -- the deal record: who bought what from whom, with evidence.
 *
 * A deal is a key (buyer, seller, system, kind) plus resolved attributes and
 * the list of sources that state it. Every source also keeps what *it* says
 * (quantity, value, date, status), so that merging can keep conflicting
 * figures with their provenance.
 *
 *   ars_deal
 *    ├─ buyer  {name, iso3}        country
 *    ├─ seller {name, iso3}        supplying state, may be empty
 *    ├─ supplier {name, country}   company, may be empty
 *    ├─ system {name, canonical, category, family, generic}
 *    ├─ quantity / value / date / status / kind      (resolved)
 *    ├─ sources[]  {doc, start, end, text, + what that sentence says}
 *    └─ conflicts[] {field, source index}            (filled by merge)
 *
 * Ownership: every string in these structs is owned by the struct (malloc'd);
 * ars_deal_clear() frees them. JSON follows ../shared/eval/README.md.
 */
#ifndef ARSENAL_DEAL_H
#define ARSENAL_DEAL_H

#include "common.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    ARS_STATUS_NONE = 0,
    ARS_STATUS_INTEREST,
    ARS_STATUS_NEGOTIATING,
    ARS_STATUS_APPROVED,
    ARS_STATUS_ORDERED,
    ARS_STATUS_DELIVERED,
    ARS_STATUS_CANCELLED
} ars_status;

typedef enum {
    ARS_KIND_SALE = 0,
    ARS_KIND_LICENSED_PRODUCTION,
    ARS_KIND_UPGRADE,
    ARS_KIND_SECOND_HAND,
    ARS_KIND_AID
} ars_kind;

/* "ordered" <-> ARS_STATUS_ORDERED; NULL/unknown -> -1 from the parsers. */
const char *ars_status_name(ars_status s);
int ars_status_parse(const char *s);
const char *ars_kind_name(ars_kind k);
int ars_kind_parse(const char *s);
/* Progress order used by merge ("furthest status wins"): interest < negotiating
 * < approved < ordered < delivered; cancelled is terminal. */
int ars_status_rank(ars_status s);

#define ARS_NO_QUANTITY (-1LL)

typedef struct ars_money {
    bool present;
    double amount;      /* in units of the currency: 524 million = 524000000 */
    char currency[4];   /* ISO 4217, "" if unknown */
    bool approx;
} ars_money;

typedef struct ars_source {
    char *doc;          /* document id: input path or JSONL/CSV record id */
    size_t start, end;  /* byte offsets into the original document, [start,end) */
    char *text;         /* the evidence sentence (original bytes) */
    /* what this source says */
    long long quantity; /* ARS_NO_QUANTITY if not stated */
    ars_money value;
    char date[11];      /* "", "2021", "2024-06", "2022-09-20" */
    ars_status status;
    char *doc_date;     /* the document's own date, may be NULL */
} ars_source;

typedef struct ars_party {
    char *name;         /* English short name / company name; NULL = unknown */
    char iso3[4];       /* countries: ISO alpha-3; companies: home country */
} ars_party;

typedef struct ars_system {
    char *name;         /* the system as the text names it ("F-16 Viper", "drones") */
    char *canonical;    /* the designation from the rules ("F-16"); NULL for systems
                         * the rules do not know. Merge keys and graph nodes use it. */
    char *category;     /* controlled vocabulary of rules/categories.csv */
    char *family;       /* designation family ("F-16"), may be NULL */
    bool generic;       /* a class of equipment with no designation */
} ars_system;

typedef struct ars_conflict {
    char *field;        /* "quantity", "value", "date" */
    size_t source;      /* index into sources */
} ars_conflict;

typedef struct ars_deal {
    char *id;           /* stable id: hash of the key (see ars_deal_make_id) */
    ars_party buyer;
    ars_party seller;
    ars_party supplier;
    ars_system system;
    long long quantity;
    ars_money value;
    char date[11];
    ars_status status;
    ars_kind kind;
    ars_source *sources;
    size_t nsources;
    ars_conflict *conflicts;
    size_t nconflicts;
} ars_deal;

void ars_deal_init(ars_deal *d);
void ars_deal_clear(ars_deal *d);
/* Deep copy; returns ARS_ENOMEM on failure (dst is then cleared). */
int ars_deal_copy(ars_deal *dst, const ars_deal *src);
/* Append a deep copy of `s` to d->sources. */
int ars_deal_add_source(ars_deal *d, const ars_source *s);
void ars_source_clear(ars_source *s);

/* The merge key: "BUYER|SELLER|folded system (canonical, else name)|kind". malloc'd. */
char *ars_deal_key(const ars_deal *d);
/* Sets d->id to a stable hex id derived from the key. */
int ars_deal_make_id(ars_deal *d);

/* ---- JSON (cJSON) ----------------------------------------------------------
 * One deal <-> one JSON object as documented in docs/formats.md and
 * ../shared/eval/README.md. ars_deal_to_json returns a malloc'd single-line
 * string without the trailing newline.
 */
char *ars_deal_to_json(const ars_deal *d);
/* Parse one JSON line. Missing optional fields are fine; a missing key field
 * (buyer, system) or a wrong type gives ARS_EPARSE with a message in *err
 * (malloc'd, caller frees). Records whose "type" is not "deal" give ARS_ENOTFOUND. */
int ars_deal_from_json(const char *json, size_t len, ars_deal *out, char **err);

/* ---- a growable set of deals ------------------------------------------------ */
typedef struct ars_dealset {
    ars_deal *v;
    size_t n, cap;
} ars_dealset;

void ars_dealset_init(ars_dealset *s);
void ars_dealset_clear(ars_dealset *s);
/* Moves *d into the set (d is re-initialised). */
int ars_dealset_push_take(ars_dealset *s, ars_deal *d);

/* Read a deal file (JSON Lines; "-" = stdin). Bad lines are reported in diag as
 * file:line: reason and skipped (counted in *skipped if non-NULL). */
int ars_dealset_read(ars_dealset *s, const char *path, ars_diag *diag, size_t *skipped);

#ifdef __cplusplus
}
#endif
#endif
