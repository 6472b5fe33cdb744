/*
 * arsenal/reconcile.h -- compare extracted deals with the SIPRI trade register.
 *
 *   ars_sipri (loaded once from trade-register-1950-2023.csv)
 *    └─ entries[]  {recipient, supplier (names + ISO3 via the rules),
 *                   year of order, number ordered/delivered, designation,
 *                   description, delivery years, status, comments, line}
 *
 *   ars_reconcile_deal(register, rules, deal) -> verdict
 *     CONFIRMED   same recipient, supplier and designation family, and the
 *                 quantity and year (when both sides state them) agree
 *     DISAGREES   same recipient, supplier and system, but the quantity or the
 *                 year differs (the closest register entry is reported)
 *     NEW         the register is silent about it
 *
 * Designations are compared folded, without separators, by family prefix in
 * either direction ("F-16" ~ "F-16C Block-52", "M142 HIMARS" ~ "M-142 HIMARS"),
 * and through the rules (both names resolving to the same system or family).
 * A generic deal ("drones") matches an entry whose description maps to the
 * same category. When the deal has no seller, the supplier company's home
 * country stands in; with neither, any supplier is accepted.
 *
 * Ownership: the register owns its entries; results point into it and live as
 * long as it does.
 */
#ifndef ARSENAL_RECONCILE_H
#define ARSENAL_RECONCILE_H

#include "common.h"
#include "deal.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_sipri_entry {
    char *recipient, *supplier;     /* as written in the register */
    char recipient_iso3[4];         /* "" when the rules do not know the name */
    char supplier_iso3[4];
    int year_order;                 /* 0 = unknown */
    long long ordered;              /* ARS_NO_QUANTITY = unknown */
    long long delivered;
    char *designation;
    char *description;
    char *delivery_years;           /* "2018; 2019", may be "" */
    char *status;                   /* "New", "Second hand", ... */
    char *comments;
    long line;                      /* physical line in the CSV file */
} ars_sipri_entry;

typedef struct ars_sipri ars_sipri;

/* Register load statistics. */
typedef struct ars_sipri_info {
    size_t entries;
    size_t joined;                  /* records split by a line break, joined back */
    size_t skipped;                 /* malformed records skipped (each in diag) */
    size_t unmapped_names;          /* distinct recipient/supplier names with no ISO3 */
    int first_year, last_year;      /* range of the years of order */
} ars_sipri_info;

/* Reads the register CSV (header row: Recipient,Supplier,Year of order, ,
 * Number ordered, ,Weapon designation,Weapon description,Number delivered, ,
 * Year(s) of delivery,status,Comments,...). Names are mapped to ISO3 with
 * ars_rules_find_country (rules may be NULL: then nothing maps and every deal
 * is NEW). Records broken by an unquoted line break are joined back when the
 * pieces add up to a full record, else skipped with a warning. */
int ars_sipri_load(ars_sipri **out, const char *path, const ars_rules *rules, ars_diag *diag);
void ars_sipri_free(ars_sipri *reg);
void ars_sipri_info_get(const ars_sipri *reg, ars_sipri_info *info);
size_t ars_sipri_size(const ars_sipri *reg);
const ars_sipri_entry *ars_sipri_at(const ars_sipri *reg, size_t i);

typedef enum {
    ARS_RECON_NEW = 0,
    ARS_RECON_CONFIRMED,
    ARS_RECON_DISAGREES
} ars_recon_verdict;

enum {
    ARS_RECON_DIFF_QUANTITY = 1 << 0,
    ARS_RECON_DIFF_YEAR = 1 << 1
};

typedef struct ars_recon_result {
    ars_recon_verdict verdict;
    const ars_sipri_entry *entry;   /* the register entry compared (NULL when NEW) */
    unsigned diff;                  /* ARS_RECON_DIFF_* for DISAGREES */
    size_t candidates;              /* entries with the same parties and system */
    bool after_register;            /* NEW and dated after the register's last year */
} ars_recon_result;

/* "confirmed", "disagrees", "new". */
const char *ars_recon_verdict_name(ars_recon_verdict v);

/* Compares one deal with the register. rules (may be NULL) resolve system
 * names to families. */
int ars_reconcile_deal(const ars_sipri *reg, const ars_rules *rules, const ars_deal *d,
                       ars_recon_result *out);

#ifdef __cplusplus
}
#endif
#endif
