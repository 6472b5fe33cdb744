/*
 * arsenal/values.h -- cursor-style parsers for money, quantities and dates.
 *
 * Every parser reads the FOLDED text (lower case, no accents, typographic
 * characters unified: see ars_fold) from *cur up to end. On success it fills
 * *out, moves *cur just past what it consumed and returns 1; when no value
 * starts at *cur it returns 0 and leaves *cur alone. Parsers never allocate.
 * Languages: French, English, Spanish, mixed freely.
 */
#ifndef ARSENAL_VALUES_H
#define ARSENAL_VALUES_H

#include "common.h"
#include "deal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Numbers: "18", "1,200", "1.200", "1 200", "124,7", "1.2", number words
 * "cinq", "eighteen", "veinticuatro", "vingt-quatre", "a dozen", "une douzaine".
 * Returns 1 and the value. */
int ars_parse_number(const char **cur, const char *end, double *out);

/* Money: "524 millions de dollars", "$1.2bn", "124,7 milliards de dirhams",
 * "usd 88 million", "€3.95 billion", "3 mil millones de euros",
 * "plus de 88 millions de dollars" (approx), "environ", "about", "nearly",
 * "casi", "pres de". A number without a currency is NOT money. */
int ars_parse_money(const char **cur, const char *end, ars_money *out);

/* Quantities: a count of units, "18", "eighteen (18)", "cinq", "veinticuatro",
 * "une douzaine de". Does not accept years (1900..2100 followed by nothing
 * unit-like is still returned: the caller decides from context), percentages,
 * or money. */
int ars_parse_quantity(const char **cur, const char *end, long long *out);
/* The same, reading number words of one language only ("fr", "en", "es"; NULL
 * or another code: all three), so that English "seize" or "once" is no count. */
int ars_parse_quantity_in(const char **cur, const char *end, const char *lang, long long *out);

/* Dates: "20 septembre 2022", "29 - 11 - 2024", "2024-06", "2024-06-03",
 * "june 2024", "en 2021", "in 2021", "en 2021", "le 24 novembre 2021",
 * "march 3, 2024". Relative ("last year", "l'an dernier", "el ano pasado",
 * "cette annee", "this year", "en juillet dernier") need `anchor` (an ISO
 * date "YYYY[-MM[-DD]]" or NULL: relative forms then fail).
 * out gets ISO 8601 as precise as the text: "2021", "2024-06", "2022-09-20". */
int ars_parse_date(const char **cur, const char *end, const char *anchor, char out[11]);

/* Currency word or symbol at *cur ("dollars", "$", "usd", "euros", "€",
 * "dirhams", "mad", "roubles", "won", "shekels"...): ISO code into code[4]. */
int ars_parse_currency(const char **cur, const char *end, char code[4]);

#ifdef __cplusplus
}
#endif
#endif
