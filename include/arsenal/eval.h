/*
 * arsenal/eval.h -- score extracted deals against annotated gold deals, with
 * the matching rules of the project's reference scorer (eval/score.py):
 * a deal matches a gold line when document, buyer, seller and system agree;
 * each gold line is matched once (a second deal for it is a duplicate and a
 * false alarm); optional lines are neither misses nor false alarms.
 *
 * Gold lines (JSON Lines): doc, buyer (ISO3), seller (list of accepted ISO3 or
 * null), system (accepted names; with "generic": true, accepted words), and
 * optional supplier, quantity, value, currency, date, status, optional.
 */
#ifndef ARSENAL_EVAL_H
#define ARSENAL_EVAL_H

#include "deal.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_eval_counts { size_t tp, fp, fn; } ars_eval_counts;

typedef struct ars_eval_result {
    ars_eval_counts named, generic, all;
    size_t field_ok[6], field_n[6];   /* quantity, value, date, status, supplier, (unused) */
    double fields;                    /* share of checked fields that are right */
} ars_eval_result;

/* Scores `pred` against the gold file. Writes the report (misses, false alarms,
 * wrong fields when `show`, then the summary lines) to `report` if non-NULL.
 * Returns 0 or ARS_EIO/ARS_EPARSE (gold unreadable or malformed: diag says where). */
int ars_eval(const char *gold_path, const ars_dealset *pred, bool show, FILE *report, ars_eval_result *res,
             ars_diag *diag);

double ars_eval_f1(const ars_eval_counts *c);

#ifdef __cplusplus
}
#endif
#endif
