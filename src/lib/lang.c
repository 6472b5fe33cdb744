/*
 * lang.c -- cheap, deterministic language identification among fr/en/es.
 *
 * Counts frequent function words that are specific to one of the three
 * languages (words shared by two, such as "de", "la", "en", "que", are left
 * out) in the first 64 KiB of the folded text. The winner needs at least 3 hits
 * and 1.3 times the runner-up; otherwise "unknown".
 */
#include "arsenal/text.h"
#include <pthread.h>
#include <stdint.h>
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

/* The three lists in one open-addressing table, built once: a word (at most 7
 * letters) packed into a uint64 -> bit 0 fr, 1 en, 2 es. One probe sequence
 * per word instead of ~80 strlen+memcmp (this ran for every word of every
 * document). */
#define LT_SIZE 256
static struct { uint64_t key; uint8_t langs; } lt[LT_SIZE];
static pthread_once_t lt_once = PTHREAD_ONCE_INIT;

static uint64_t pack(const char *w, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++) k = k << 8 | (unsigned char)w[i];
    return k;
}

static size_t lt_slot(uint64_t k) { return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 56) & (LT_SIZE - 1); }

static void lt_add(const char *const *list, uint8_t bit)
{
    for (; *list; list++) {
        uint64_t k = pack(*list, strlen(*list));
        size_t h = lt_slot(k);
        while (lt[h].key && lt[h].key != k) h = (h + 1) & (LT_SIZE - 1);
        lt[h].key = k;
        lt[h].langs |= bit;
    }
}

static void lt_init(void)
{
    lt_add(fr_words, 1);
    lt_add(en_words, 2);
    lt_add(es_words, 4);
}

static uint8_t langs_of(const char *w, size_t n)
{
    uint64_t k = pack(w, n);    /* n >= 1 letters: never 0 */
    for (size_t h = lt_slot(k); lt[h].key; h = (h + 1) & (LT_SIZE - 1))
        if (lt[h].key == k) return lt[h].langs;
    return 0;
}

const char *ars_detect_lang(const char *folded, size_t len)
{
    pthread_once(&lt_once, lt_init);
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
        uint8_t l = langs_of(folded + s, n);
        cnt[0] += l & 1;
        cnt[1] += l >> 1 & 1;
        cnt[2] += l >> 2 & 1;
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
