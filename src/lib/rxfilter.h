/*
 * rxfilter.h -- run a pattern rule's ICU regex only where it can match.
 *
 * ICU's find() calls its matcher at every position whose character is in the
 * pattern's start set: for "\b[A-Z]..." that is every capital letter, for
 * "(?i:called|named|...)" every c, n, d or k -- about a third of extraction
 * time went there. At load time a small, conservative analysis of the pattern
 * (the pattern as ICU compiled it) derives a necessary condition for a match:
 *
 *   window  the pattern has a bounded length and a mandatory character class
 *           (the digits of a designation): every match lies within that
 *           length of such a character, so ICU runs only on a region around
 *           each one (transparent bounds: \b and look-around see outside);
 *   prefix  the first characters of every match come from known classes
 *           ("c|n|d|k", then "a|u|n", ...): ICU runs anchored (lookingAt)
 *           only where the text has them.
 *
 * Both produce exactly the matches findNext() would, in the same order. Any
 * construct the analysis does not know (look-around, back-references,
 * inline flags, nested classes...) gives no filter: the whole text is
 * scanned as before. Documents with invalid UTF-8 are always scanned whole
 * (ICU and the filter could disagree on character boundaries there).
 */
#ifndef ARS_RXFILTER_H
#define ARS_RXFILTER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/uregex.h>

typedef struct ars_rxfilter ars_rxfilter;

/* The filter for a compiled regex, or NULL when none can be derived (or out
 * of memory): callers then scan the whole text. */
ars_rxfilter *ars_rxfilter_new(const URegularExpression *re);
void ars_rxfilter_free(ars_rxfilter *f);
/* "window", "prefix" or "none" (for tests and --explain-style diagnostics) */
const char *ars_rxfilter_kind(const ars_rxfilter *f);

/* Iterates the matches of `re` (its UText already set to text[0, len)) in
 * findNext() order. f may be NULL. */
typedef struct ars_rxscan {
    URegularExpression *re;
    const ars_rxfilter *f;
    const unsigned char *text;
    size_t len;
    size_t pos;          /* no match starts before this */
    size_t rstart, rlast;/* current window region; matches must start <= rlast */
    bool in_region, full, done;
} ars_rxscan;

void ars_rxscan_begin(ars_rxscan *it, URegularExpression *re, const ars_rxfilter *f, const char *text,
                      size_t len, bool whole);
/* Positions the matcher on the next match (uregex_start64/end64 then read
 * it) and returns true; false at the end or on an ICU error (*st). */
bool ars_rxscan_next(ars_rxscan *it, UErrorCode *st);

#endif
