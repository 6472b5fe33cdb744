/*
 * lang.c -- cheap, deterministic language identification among fr/en/es.
 *
 * Counts frequent function words that are specific to one of the three
 * languages (words shared by two, such as "de", "la", "en", "que", are left
 * out) in the first 64 KiB of the folded text. The winner needs at least 3 hits
 * and 1.3 times the runner-up; otherwise "unknown".
 */
#include "arsenal/text.h"
#include <string.h>

static const char *const fr_words[] = {"le", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur",
                                       "au", "aux", "avec", "cette", "qui", "pas", "ont", "sont", "ete", "par",
                                       "il", "elle", "ses", "leur", "mais", "ou", "ce", "nous", NULL};
static const char *const en_words[] = {"the", "of", "and", "to", "in", "is", "that", "for", "on", "with",
                                       "was", "by", "as", "from", "at", "are", "this", "have", "has", "it",
                                       "its", "will", "which", "were", "been", "be", "an", NULL};
static const char *const es_words[] = {"el", "los", "las", "del", "y", "una", "por", "con", "para", "es",
                                       "se", "al", "su", "como", "fue", "lo", "mas", "pero", "sus", "ha",
                                       "este", "esta", "entre", "sobre", "tambien", "han", NULL};

static bool in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0) return true;
    return false;
}

const char *ars_detect_lang(const char *folded, size_t len)
{
    if (len > 65536) len = 65536;
    size_t cnt[3] = {0, 0, 0};
    size_t i = 0;
    while (i < len) {
        while (i < len && !((folded[i] >= 'a' && folded[i] <= 'z'))) i++;
        size_t s = i;
        while (i < len && folded[i] >= 'a' && folded[i] <= 'z') i++;
        size_t n = i - s;
        if (n == 0 || n > 7) continue;
        /* l'avion, d'Israel: the elided article counts as French */
        if (n == 1 && i < len && folded[i] == '\'' && (folded[s] == 'l' || folded[s] == 'd')) { cnt[0]++; continue; }
        if (in_list(fr_words, folded + s, n)) cnt[0]++;
        if (in_list(en_words, folded + s, n)) cnt[1]++;
        if (in_list(es_words, folded + s, n)) cnt[2]++;
    }
    static const char *const names[3] = {"fr", "en", "es"};
    int best = 0, second = 1;
    if (cnt[1] > cnt[best]) { second = best; best = 1; }
    if (cnt[2] > cnt[best]) { second = best; best = 2; }
    for (int k = 0; k < 3; k++) if (k != best && cnt[k] > cnt[second == best ? k : second]) second = k;
    if (second == best) second = best == 0 ? 1 : 0;
    if (cnt[best] < 3 || cnt[best] * 10 < cnt[second] * 13) return "unknown";
    return names[best];
}
