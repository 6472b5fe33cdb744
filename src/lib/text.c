/*
 * text.c -- the folded matching shadow of a document, with its offset map.
 *
 *   orig:  "Le Maroc a acquis 3 drones « Héron »"
 *   fold:  "le maroc a acquis 3 drones \" heron \""
 *   map:    0 1 2 ...                 (fold byte -> orig byte of its character)
 *
 * Folding per code point: ASCII letters lower-cased, whitespace runs collapsed
 * to one space (fast path, no ICU). Other code points: typographic quotes,
 * apostrophes, dashes and spaces unified by table; ligatures split; everything
 * else NFD-decomposed with ICU, combining marks dropped, then case folded
 * (u_foldCase). Invalid UTF-8 bytes are counted and read as Windows-1252/Latin-1
 * (the usual cause of bad bytes in scraped pages), so "Isra\xE9l" still folds
 * to "israel". NUL bytes are treated as spaces.
 *
 * A 64K-entry cache of the BMP fold results costs one table look-up per
 * character; it is filled a block of 256 code points at a time, the first time
 * a character of the block is folded (filling all of it up front took a fifth
 * of the rules load, for blocks most runs never see).
 */
#include "arsenal/text.h"
#include "util.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* --- per-code-point fold, cached for the BMP -------------------------------------- */

typedef struct { uint8_t len; char s[7]; } fold_entry; /* len 0xFF = whitespace */
#define FOLD_SPACE 0xFF

static fold_entry *fold_cache;          /* 65536 entries */
static unsigned char ascii_fold[128];   /* fast path: byte -> folded byte, 0 for whitespace */
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
static const UNormalizer2 *nfd;
static atomic_bool block_ready[256];   /* fold_cache[b * 256 .. b * 256 + 255] filled */
static pthread_mutex_t block_mu = PTHREAD_MUTEX_INITIALIZER;

static int special_fold(uint32_t cp, char *out)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x02BC:
    case 0xFF07:
        out[0] = '\''; return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
    case 0x2039: case 0x203A: case 0xFF02:
        out[0] = '"'; return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xFE58: case 0xFE63: case 0xFF0D:
        out[0] = '-'; return 1;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
    case 0x2066: case 0x2067: case 0x2068: case 0x2069:
        return 0; /* invisible: dropped */
    case 0x2026: memcpy(out, "...", 3); return 3;
    case 0x0153: case 0x0152: memcpy(out, "oe", 2); return 2;
    case 0x00E6: case 0x00C6: memcpy(out, "ae", 2); return 2;
    case 0x00F8: case 0x00D8: out[0] = 'o'; return 1;
    case 0x0111: case 0x0110: out[0] = 'd'; return 1;
    case 0x0142: case 0x0141: out[0] = 'l'; return 1;
    case 0x0131: out[0] = 'i'; return 1;
    case 0x2022: case 0x25AA: case 0x25CF: case 0x25BA: case 0x2023: case 0x2043:
        out[0] = '*'; return 1;
    default: return -1;
    }
}

static bool is_space_cp(uint32_t cp)
{
    return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0x1680 || cp == 0x0085 || cp == 0x2028 || cp == 0x2029 ||
           u_isUWhiteSpace((UChar32)cp);
}

/* Slow path: ICU. Writes at most 6 bytes (longer results are truncated at a
 * character boundary: no BMP character folds that long in practice). */
static void fold_slow(uint32_t cp, fold_entry *e)
{
    char tmp[8];
    int sp = special_fold(cp, tmp);
    if (sp >= 0) { e->len = (uint8_t)sp; memcpy(e->s, tmp, (size_t)sp); return; }
    if (is_space_cp(cp)) { e->len = FOLD_SPACE; return; }
    UChar src[4], dec[16];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(src, n, (UChar32)cp);
    int32_t dn = nfd ? unorm2_normalize(nfd, src, n, dec, 16, &st) : 0;
    if (!nfd || U_FAILURE(st)) { memcpy(dec, src, (size_t)n * sizeof(UChar)); dn = n; }
    size_t len = 0;
    for (int32_t i = 0; i < dn;) {
        UChar32 c;
        U16_NEXT(dec, i, dn, c);
        int8_t t = (int8_t)u_charType(c);
        if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK) continue;
        c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        char enc[4];
        size_t k;
        if (c == 0x00DF) { memcpy(enc, "ss", 2); k = 2; }     /* u_foldCase keeps simple fold */
        else k = ars_utf8_encode((uint32_t)c, enc);
        if (len + k > 6) break;
        memcpy(e->s + len, enc, k);
        len += k;
    }
    e->len = (uint8_t)len;
}

static void fold_fill(uint32_t cp, fold_entry *e)
{
    if (cp < 0x80) {
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0)
            e->len = FOLD_SPACE;
        else { e->s[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp); e->len = 1; }
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
        e->len = FOLD_SPACE;
    } else {
        fold_slow(cp, e);
    }
}

/* Fills block `blk` of the cache once; readers see it complete (release /
 * acquire on its flag). */
static void fill_block(unsigned blk)
{
    pthread_mutex_lock(&block_mu);
    if (!atomic_load_explicit(&block_ready[blk], memory_order_relaxed)) {
        for (uint32_t cp = blk << 8; cp < (blk + 1) << 8; cp++) fold_fill(cp, &fold_cache[cp]);
        atomic_store_explicit(&block_ready[blk], true, memory_order_release);
    }
    pthread_mutex_unlock(&block_mu);
}

static void fold_init(void)
{
    UErrorCode st = U_ZERO_ERROR;
    nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st)) nfd = NULL;
    fold_cache = calloc(65536, sizeof *fold_cache);
    if (!fold_cache) return;
    for (int c = 0; c < 128; c++) {
        bool sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0;
        ascii_fold[c] = sp ? 0 : (unsigned char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
}

static const fold_entry *fold_cp(uint32_t cp, fold_entry *scratch)
{
    if (cp < 65536 && fold_cache) {
        if (!atomic_load_explicit(&block_ready[cp >> 8], memory_order_acquire)) fill_block(cp >> 8);
        return &fold_cache[cp];
    }
    fold_slow(cp, scratch);
    return scratch;
}

/* Windows-1252 for 0x80..0x9F, Latin-1 above. */
static uint32_t cp1252(unsigned char b)
{
    static const uint16_t hi[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    return b < 0xA0 ? hi[b - 0x80] : b;
}

/* Core: folds [s, s+len) into b; map (if non-NULL) gets one entry per output byte.
 * Writes straight into b's storage: ASCII bytes (most of any news page) cost
 * a table look-up and two stores; other characters go through the cache. */
static int fold_into(const char *s, size_t len, ars_buf *b, uint32_t **mapp, size_t *bad)
{
    pthread_once(&fold_once, fold_init);
    if (!fold_cache) return ARS_ENOMEM;
    const unsigned char *u = (const unsigned char *)s;
    uint32_t *map = NULL;
    size_t mapcap = len * 2 + 2;
    if (mapp) {
        map = malloc(mapcap * sizeof *map); /* grows below if a char expands more */
        if (!map) return ARS_ENOMEM;
    }
    if (!ars_buf_reserve(b, len + 8)) { free(map); return ARS_ENOMEM; }
    bool last_space = false;
    size_t i = 0, nbad = 0, o = b->len;
    char *out = b->data;
    fold_entry scratch;
    while (i < len) {
        unsigned char c = u[i];
        /* room for the longest expansion (6 bytes) plus the terminator */
        if (o + 8 > b->cap || (map && o + 8 > mapcap)) {
            b->len = o;
            if (!ars_buf_reserve(b, 8 + (len - i))) { free(map); return ARS_ENOMEM; }
            out = b->data;
            if (map && o + 8 > mapcap) {
                size_t nc = (o + 8) * 2;
                uint32_t *m2 = realloc(map, nc * sizeof *m2);
                if (!m2) { free(map); return ARS_ENOMEM; }
                map = m2;
                mapcap = nc;
            }
        }
        if (c < 0x80 && ascii_fold[c]) {
            /* a run of non-space ASCII: no capacity check per byte. One byte
             * each, up to the room left before the terminator (at least 7: the
             * check above keeps 8) */
            size_t room = b->cap - o - 1;
            if (map && mapcap - o - 1 < room) room = mapcap - o - 1;
            size_t stop = len - i < room ? len : i + room;
            if (map)
                while (i < stop && u[i] < 0x80 && ascii_fold[u[i]]) { map[o] = (uint32_t)i; out[o++] = (char)ascii_fold[u[i]]; i++; }
            else
                while (i < stop && u[i] < 0x80 && ascii_fold[u[i]]) out[o++] = (char)ascii_fold[u[i++]];
            last_space = false;
            continue;
        }
        if (c < 0x80) {
            unsigned char f = ascii_fold[c];
            if (f) {
                if (map) map[o] = (uint32_t)i;
                out[o++] = (char)f;
                last_space = false;
            } else if (!last_space) {
                if (map) map[o] = (uint32_t)i;
                out[o++] = ' ';
                last_space = true;
            }
            i++;
            continue;
        }
        size_t start = i;
        int32_t cp = ars_utf8_next(u, len, &i);
        if (cp < 0) { nbad++; cp = (int32_t)cp1252(c); }
        const fold_entry *e = fold_cp((uint32_t)cp, &scratch);
        if (e->len == FOLD_SPACE) {
            if (last_space) continue;
            if (map) map[o] = (uint32_t)start;
            out[o++] = ' ';
            last_space = true;
        } else {
            if (e->len == 0) continue;
            for (size_t k = 0; k < e->len; k++) {
                if (map) map[o] = (uint32_t)start;
                out[o++] = e->s[k];
            }
            last_space = false;
        }
    }
    b->len = o;
    b->data[o] = '\0';
    if (map) { map[o] = (uint32_t)len; *mapp = map; }
    if (bad) *bad = nbad;
    return 0;
}

char *ars_fold(const char *s, size_t len, size_t *out_len)
{
    ars_buf b;
    ars_buf_init(&b);
    if (fold_into(s, len, &b, NULL, NULL) != 0) { ars_buf_free(&b); return NULL; }
    /* trim the single leading/trailing space runs may leave */
    size_t n = 0;
    char *p = ars_buf_take(&b, &n);
    if (!p) return NULL;
    size_t a = 0;
    while (a < n && p[a] == ' ') a++;
    while (n > a && p[n - 1] == ' ') n--;
    memmove(p, p + a, n - a);
    p[n - a] = '\0';
    if (out_len) *out_len = n - a;
    return p;
}

char *ars_nfc(const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st)) return ars_strndup(s, len);
    int32_t ulen = 0;
    st = U_ZERO_ERROR;
    u_strFromUTF8Lenient(NULL, 0, &ulen, s, (int32_t)len, &st);
    UChar *u = malloc(((size_t)ulen + 1) * sizeof(UChar));
    UChar *v = malloc(((size_t)ulen * 3 + 1) * sizeof(UChar));
    char *out = NULL;
    if (!u || !v) goto done;
    st = U_ZERO_ERROR;
    u_strFromUTF8Lenient(u, ulen + 1, &ulen, s, (int32_t)len, &st);
    if (U_FAILURE(st)) goto done;
    int32_t vlen = unorm2_normalize(nfc, u, ulen, v, ulen * 3 + 1, &st);
    if (U_FAILURE(st)) goto done;
    int32_t olen = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &olen, v, vlen, &st);
    out = malloc((size_t)olen + 1);
    if (!out) goto done;
    st = U_ZERO_ERROR;
    u_strToUTF8(out, olen + 1, &olen, v, vlen, &st);
    if (U_FAILURE(st)) { free(out); out = NULL; }
done:
    free(u);
    free(v);
    return out ? out : ars_strndup(s, len);
}

/* segment.c and lang.c provide these. */
int ars_segment(ars_text *t);

int ars_text_init(ars_text *t, const char *orig, size_t len)
{
    memset(t, 0, sizeof *t);
    t->orig = orig;
    t->orig_len = len;
    if (len > UINT32_MAX - 2) return ARS_ELIMIT;
    ars_buf b;
    ars_buf_init(&b);
    int rc = fold_into(orig, len, &b, &t->fold_map, &t->bad_bytes);
    if (rc) { ars_buf_free(&b); return rc; }
    t->fold = ars_buf_take(&b, &t->fold_len);
    if (!t->fold) { ars_text_clear(t); return ARS_ENOMEM; }
    snprintf(t->lang, sizeof t->lang, "%s", ars_detect_lang(t->fold, t->fold_len));
    rc = ars_segment(t);
    if (rc) ars_text_clear(t);
    return rc;
}

void ars_text_clear(ars_text *t)
{
    free(t->fold);
    free(t->fold_map);
    free(t->sents);
    memset(t, 0, sizeof *t);
}
