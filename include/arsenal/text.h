/*
 * arsenal/text.h -- the text layer: validation, folding, segmentation, language.
 *
 * ars_text holds three views of one document:
 *
 *   orig   the original bytes (borrowed, never modified)
 *   clean  valid UTF-8 copy of orig: bad bytes replaced by U+FFFD, NULs by
 *          spaces; same length when nothing was replaced
 *   fold   the matching shadow: NFD + marks removed + case folded, typographic
 *          quotes/apostrophes/dashes/spaces unified, whitespace runs collapsed.
 *          fold_map[i] = offset in orig of the character that produced fold[i];
 *          fold_map[fold_len] = orig_len.
 *
 * Sentences are [start,end) byte ranges in orig.
 */
#ifndef ARSENAL_TEXT_H
#define ARSENAL_TEXT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_sentence {
    size_t start, end;  /* byte offsets into the original text */
    size_t fstart, fend;/* the same range in the folded shadow */
    int block;          /* index of the layout block (paragraph / headline fragment) */
    bool headline;      /* a short fragment without final punctuation */
} ars_sentence;

typedef struct ars_text {
    const char *orig;
    size_t orig_len;
    char *fold;
    size_t fold_len;
    uint32_t *fold_map;
    size_t bad_bytes;       /* invalid UTF-8 sequences found */
    ars_sentence *sents;
    size_t nsents;
    char lang[8];           /* "fr", "en", "es" or "unknown" */
} ars_text;

/* Folds `s` (UTF-8) to the matching shadow form into a malloc'd string
 * (rules use this so gazetteer keys and text agree). */
char *ars_fold(const char *s, size_t len, size_t *out_len);

/* Fills t: fold + map, sentences, language. */
int ars_text_init(ars_text *t, const char *orig, size_t len);
void ars_text_clear(ars_text *t);

/* Language of a text among fr/en/es; "unknown" when there is too little
 * evidence. Deterministic stop-word counting over the folded form. */
const char *ars_detect_lang(const char *folded, size_t len);

/* NFC-normalise a UTF-8 string; malloc'd result. */
char *ars_nfc(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
