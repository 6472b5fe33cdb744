/*
 * names.h -- comparing names the way query, reconcile and merge need it:
 * folded equality and designation keys (internal).
 *
 *   ars_fold_equal("Israël", "ISRAEL")           true
 *   ars_desig_key("Barak-MX")                    "barakmx"
 *   ars_desig_prefix("f16cblock52", "f16")       true   a family prefix
 *   ars_desig_prefix("f160", "f16")              false  digits run on
 */
#ifndef ARS_NAMES_H
#define ARS_NAMES_H

#include <stdbool.h>

/* a and b are equal once folded (case, accents); false if either is NULL. */
bool ars_fold_equal(const char *a, const char *b);

/* A designation folded, without separators (space - . ' " / _): malloc'd;
 * NULL for NULL, "" or out of memory. */
char *ars_desig_key(const char *s);

/* want is have, or a family prefix of it (at least 2 bytes, and not cut
 * inside a number): "f16" ~ "f16cblock52", not "f160". NULL-safe. */
bool ars_desig_prefix(const char *have, const char *want);

#endif
