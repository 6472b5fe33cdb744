/*
 * segment.c -- sentences of a news page.
 *
 * Two passes over the ORIGINAL bytes:
 *
 *   1. layout blocks: a page is cut at line breaks, at runs of 3+ spaces/tabs
 *      (headline strips: "Titre un    Titre deux    Titre trois") and at
 *      bullets (•, ▪, ►, or "- " / "* " at line start). A line break does not
 *      cut when it only wraps a sentence (the previous line is long and does
 *      not end a sentence, the next starts in lower case).
 *   2. ICU sentence breaks (UText over UTF-8, so indexes are byte offsets;
 *      the "ss=standard" suppressions keep "M. Dupont" or "U.S. Army" whole)
 *      inside each block.
 *
 * A headline fragment never shares a sentence with its neighbour, so it
 * cannot lend its amount or country to it. Each sentence also gets its range
 * in the folded shadow (binary search in fold_map).
 */
#include "arsenal/text.h"
#include "util.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

static UBreakIterator *proto[4]; /* fr, en, es, root */
static pthread_once_t proto_once = PTHREAD_ONCE_INIT;

static void proto_init(void)
{
    static const char *const loc[4] = {"fr@ss=standard", "en@ss=standard", "es@ss=standard", "en@ss=standard"};
    for (int i = 0; i < 4; i++) {
        UErrorCode st = U_ZERO_ERROR;
        proto[i] = ubrk_open(UBRK_SENTENCE, loc[i], NULL, 0, &st);
        if (U_FAILURE(st)) proto[i] = NULL;
    }
}

static int lang_index(const char *lang)
{
    if (!strcmp(lang, "fr")) return 0;
    if (!strcmp(lang, "en")) return 1;
    if (!strcmp(lang, "es")) return 2;
    return 3;
}

typedef struct { size_t start, end; bool table; } range;

static bool is_hspace(const unsigned char *s, size_t len, size_t i, size_t *w)
{
    if (s[i] == ' ' || s[i] == '\t') { *w = 1; return true; }
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) { *w = 2; return true; }
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xAF || s[i + 2] == 0x89)) {
        *w = 3;
        return true;
    }
    return false;
}

static bool is_bullet(const unsigned char *s, size_t len, size_t i, size_t *w)
{
    /* • U+2022, ▪ U+25AA, ► U+25BA, ● U+25CF */
    if (i + 2 < len && s[i] == 0xE2) {
        if ((s[i + 1] == 0x80 && s[i + 2] == 0xA2) || (s[i + 1] == 0x96 && (s[i + 2] == 0xAA || s[i + 2] == 0xBA)) ||
            (s[i + 1] == 0x97 && s[i + 2] == 0x8F)) {
            *w = 3;
            return true;
        }
    }
    return false;
}

static bool ends_sentence(const unsigned char *s, size_t a, size_t b)
{
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) b--;
    if (b == a) return true;
    unsigned char c = s[b - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == ')') return true;
    if (b >= 2 && s[b - 2] == 0xC2 && c == 0xBB) return true;                    /* » */
    if (b >= 3 && s[b - 3] == 0xE2 && s[b - 2] == 0x80 && (c == 0x9D || c == 0xA6)) return true; /* ” … */
    return false;
}

static bool starts_lower(const unsigned char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\t')) a++;
    if (a >= b) return false;
    if (s[a] >= 'a' && s[a] <= 'z') return true;
    /* common lower-case accented letters in UTF-8: é è à ç ê ô ... (C3 A0..C3 BF) */
    return s[a] == 0xC3 && a + 1 < b && s[a + 1] >= 0xA0;
}

/* A line of two or more '|' whose cells are all short: a table row, not a strip
 * of headlines ("En continu | Météo : vigilance orange orages ... | Tour de France"). */
static bool table_row(const unsigned char *s, size_t ls, size_t le)
{
    size_t bars = 0, cell = 0, longest = 0;
    for (size_t i = ls; i < le; i++) {
        if (s[i] == '|') { bars++; if (cell > longest) longest = cell; cell = 0; }
        else if (s[i] != ' ' && s[i] != '\t') cell++;
        else if (cell) cell++;
    }
    if (cell > longest) longest = cell;
    return bars >= 2 && longest <= 48;
}

/* Pass 1: blocks. */
static int layout_blocks(const unsigned char *s, size_t len, range **out, size_t *nout)
{
    range *v = NULL;
    size_t n = 0, cap = 0;
    size_t ls = 0;                 /* current line start */
    size_t prev_ls = 0, prev_le = 0;
    bool have_prev = false;
    while (ls <= len) {
        size_t le = ls;
        while (le < len && s[le] != '\n') le++;
        /* hard-wrap join: extend the previous block instead of opening one */
        bool join = have_prev && prev_le > prev_ls + 50 && !ends_sentence(s, prev_ls, prev_le) &&
                    starts_lower(s, ls, le) && n > 0 && v[n - 1].end == prev_le;
        size_t i = ls, bs = ls;
        /* a table row ("| Qatar | 8 MQ-9B | $1.96 billion |", "Colombie   | Gripen | 17")
         * is one block: its cells are read together */
        if (table_row(s, ls, le)) {
            if (ARS_GROW(v, n, cap)) goto oom;
            v[n++] = (range){ls, le, true};
            have_prev = false;
            if (le >= len) break;
            ls = le + 1;
            continue;
        }
        /* bullets / dashes at line start */
        size_t k = ls, w;
        while (k < le && is_hspace(s, len, k, &w)) k += w;
        if (k + 1 < le && (s[k] == '-' || s[k] == '*') && s[k + 1] == ' ') { bs = k + 2; i = bs; }
        while (i < le) {
            size_t cut = 0, skip = 0;
            if (is_bullet(s, len, i, &w)) { cut = i; skip = w; }
            else if (is_hspace(s, len, i, &w)) {
                size_t j = i, runs = 0;
                while (j < le && is_hspace(s, len, j, &w)) { j += w; runs++; }
                if (runs >= 3) { cut = i; skip = j - i; }
                else { i = j; continue; }
            }
            if (skip) {
                if (cut > bs) {
                    if (join && n > 0) { v[n - 1].end = cut; join = false; }
                    else {
                        if (ARS_GROW(v, n, cap)) goto oom;
                        v[n++] = (range){bs, cut, false};
                    }
                }
                i = cut + skip;
                bs = i;
                join = false;
                continue;
            }
            i++;
        }
        if (le > bs) {
            if (join && n > 0) v[n - 1].end = le;
            else {
                if (ARS_GROW(v, n, cap)) goto oom;
                v[n++] = (range){bs, le, false};
            }
        }
        have_prev = le > ls;
        prev_ls = ls;
        prev_le = le;
        if (le >= len) break;
        ls = le + 1;
    }
    *out = v;
    *nout = n;
    return 0;
oom:
    free(v);
    return ARS_ENOMEM;
}

/* Does the text before `at` (within [start, at)) end with an abbreviation that
 * ICU's suppressions miss before a capital ("The U.S. State Department", "Gen.
 * Smith")? The break there is not a sentence end. */
static bool ends_with_abbreviation(const unsigned char *s, size_t start, size_t at)
{
    static const char *const abbr[] = {"U.S.", "U.K.", "U.N.", "U.A.E.", "E.U.", "EE.UU.", "Gen.", "Lt.", "Col.",
                                       "Maj.", "Capt.", "Adm.", "Sgt.", "Gov.", "Sen.", "Rep.", "Mr.", "Mrs.",
                                       "Ms.", "Dr.", "St.", "Jr.", "Inc.", "Corp.", "Co.", "Ltd.", "No.", "Sr.",
                                       "Sra.", "Mme.", "vs.", NULL};
    size_t e = at;
    while (e > start && (s[e - 1] == ' ' || s[e - 1] == '	')) e--;
    for (int k = 0; abbr[k]; k++) {
        size_t n = strlen(abbr[k]);
        if (e - start >= n && !memcmp(s + e - n, abbr[k], n) &&
            (e - n == start || s[e - n - 1] == ' ' || s[e - n - 1] == '(' || s[e - n - 1] == '\n'))
            return true;
    }
    return false;
}

static size_t fold_index(const ars_text *t, size_t orig_off)
{
    size_t lo = 0, hi = t->fold_len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->fold_map[mid] < orig_off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool trim_char(const unsigned char *s, size_t len, size_t i, size_t *w)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == 0) { *w = 1; return true; }
    return is_hspace(s, len, i, w) || is_bullet(s, len, i, w);
}

static int push_sentence(ars_text *t, size_t *cap, size_t a, size_t b, int block, bool headline)
{
    const unsigned char *s = (const unsigned char *)t->orig;
    size_t w;
    while (a < b && trim_char(s, t->orig_len, a, &w)) a += w;
    while (b > a) {
        /* trailing whitespace (ASCII or NBSP) */
        if (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n' || s[b - 1] == 0) b--;
        else if (b >= 2 && s[b - 2] == 0xC2 && s[b - 1] == 0xA0) b -= 2;
        else break;
    }
    if (b <= a) return 0;
    if (ARS_GROW(t->sents, t->nsents, *cap)) return ARS_ENOMEM;
    ars_sentence *se = &t->sents[t->nsents++];
    se->start = a;
    se->end = b;
    se->fstart = fold_index(t, a);
    se->fend = fold_index(t, b);
    se->block = block;
    se->headline = headline;
    return 0;
}

int ars_segment(ars_text *t)
{
    pthread_once(&proto_once, proto_init);
    const unsigned char *s = (const unsigned char *)t->orig;
    range *blocks = NULL;
    size_t nb = 0, cap = 0;
    int rc = layout_blocks(s, t->orig_len, &blocks, &nb);
    if (rc) return rc;
    UBreakIterator *bi = NULL;
    UText *ut = NULL;
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *p = proto[lang_index(t->lang)];
    if (p) bi = ubrk_clone(p, &st);
    if (U_FAILURE(st)) bi = NULL;
    for (size_t b = 0; b < nb && rc == 0; b++) {
        size_t bs = blocks[b].start, be = blocks[b].end;
        bool headline = !blocks[b].table && !ends_sentence(s, bs, be) && be - bs < 300;
        if (!bi) { rc = push_sentence(t, &cap, bs, be, (int)b, headline); continue; }
        st = U_ZERO_ERROR;
        ut = utext_openUTF8(ut, t->orig + bs, (int64_t)(be - bs), &st);
        if (U_FAILURE(st)) { rc = push_sentence(t, &cap, bs, be, (int)b, headline); continue; }
        ubrk_setUText(bi, ut, &st);
        if (U_FAILURE(st)) { rc = push_sentence(t, &cap, bs, be, (int)b, headline); continue; }
        int32_t prev = ubrk_first(bi), cur;
        while ((cur = ubrk_next(bi)) != UBRK_DONE && rc == 0) {
            /* ICU always breaks after a line feed; inside a block that joined a
             * hard-wrapped sentence, that break is not a sentence end */
            size_t at = bs + (size_t)cur;
            if (at < be && at > bs && s[at - 1] == '\n' && !ends_sentence(s, bs + (size_t)prev, at - 1) &&
                starts_lower(s, at, be))
                continue;
            if (at < be && ends_with_abbreviation(s, bs + (size_t)prev, at)) continue;
            rc = push_sentence(t, &cap, bs + (size_t)prev, at, (int)b, headline);
            prev = cur;
        }
    }
    if (ut) utext_close(ut);
    if (bi) ubrk_close(bi);
    free(blocks);
    return rc;
}
