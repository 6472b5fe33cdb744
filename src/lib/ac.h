/*
 * ac.h -- the gazetteer automaton: every folded alias of every rule file in one
 * trie, matched from word starts only.
 *
 * Whole-word matching means a match can only begin where a word begins, so
 * the automaton is Aho-Corasick's goto function walked from each word start;
 * the failure links, which only exist to find matches that begin inside a
 * word, are never needed. The trie is frozen into CSR form (sorted edges per
 * state, a dense table for the root).
 *
 * Alphabet: folded bytes; ' ' and '-' are one symbol, so "Barak MX" matches
 * "Barak-MX".
 */
#ifndef ARS_AC_H
#define ARS_AC_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct ars_ac ars_ac;

ars_ac *ars_ac_new(void);
void ars_ac_free(ars_ac *a);
/* Adds key (folded bytes) with a payload; `prefix`: the key may end inside a
 * word (a rule phrase written "achet*"). Returns 0 / -1 (OOM or empty key). */
int ars_ac_add(ars_ac *a, const char *key, size_t len, uint32_t payload, bool prefix);
/* Freezes the trie; no more adds. */
int ars_ac_compile(ars_ac *a);
size_t ars_ac_states(const ars_ac *a);

typedef struct ars_ac_hit {
    size_t start, end;   /* folded offsets, whole words */
    uint32_t payload;
} ars_ac_hit;

/* Calls fn for every (start, end, payload) match in text[0..len) that starts
 * at a word start and ends at a word end (prefix keys: extended to the end of
 * the word). */
typedef void (*ars_ac_fn)(const ars_ac_hit *hit, void *ctx);
void ars_ac_scan(const ars_ac *a, const char *text, size_t len, ars_ac_fn fn, void *ctx);

/* Exact look-up of a whole string: calls fn for each payload whose key equals it. */
void ars_ac_lookup(const ars_ac *a, const char *key, size_t len, ars_ac_fn fn, void *ctx);

/* Word characters of the folded text: ASCII letters/digits and any non-ASCII byte. */
static inline bool ars_is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || (c >= 'A' && c <= 'Z');
}
#endif
