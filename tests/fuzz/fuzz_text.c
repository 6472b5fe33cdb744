/*
 * fuzz_text.c -- the text layer on arbitrary bytes: ars_text_init (clean copy,
 * fold with offset map, sentences, language) and ars_fold. Checks the
 * documented invariants: fold_map is non-decreasing and within the original,
 * fold_map[fold_len] == orig_len, sentences are ordered ranges of the original.
 */
#include "arsenal/text.h"
#include "fuzz_common.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* copy so that reads past the end are caught by ASan */
    char *buf = malloc(size ? size : 1);
    if (!buf) return 0;
    if (size) memcpy(buf, data, size);
    ars_text t;
    memset(&t, 0, sizeof t);
    if (ars_text_init(&t, buf, size) == 0) {
        if (t.fold_map) {
            if (t.fold_map[t.fold_len] != size) abort();
            for (size_t i = 0; i < t.fold_len; i++) {
                if (t.fold_map[i] > size) abort();
                if (i && t.fold_map[i] < t.fold_map[i - 1]) abort();
            }
        }
        for (size_t i = 0; i < t.nsents; i++) {
            const ars_sentence *s = &t.sents[i];
            if (s->start > s->end || s->end > size || s->fstart > s->fend || s->fend > t.fold_len) abort();
        }
        if (t.fold) (void)ars_detect_lang(t.fold, t.fold_len);
        ars_text_clear(&t);
    }
    size_t fl = 0;
    char *f = ars_fold(buf, size, &fl);
    if (f && f[fl] != 0) abort();
    free(f);
    char *n = ars_nfc(buf, size);
    free(n);
    free(buf);
    return 0;
}
