/*
 * values_internal.h -- what the extractor needs from values.c beyond the
 * public parsers.
 */
#ifndef ARS_VALUES_INTERNAL_H
#define ARS_VALUES_INTERNAL_H
#include <stdbool.h>

/* False when none of ars_parse_money, ars_parse_date and ars_parse_quantity
 * can succeed at p (folded text): a cheap test on the first word, so callers
 * that try every word of a sentence skip most of them. True is no promise. */
bool ars_value_may_start(const char *p, const char *end);

#endif
