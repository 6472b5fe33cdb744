/*
 * values.c -- cursor-style parsers for numbers, money, quantities, dates and
 * currencies over FOLDED text (contract: arsenal/values.h; catalogue of the
 * accepted forms: docs/values.md).
 *
 * Shape:
 *
 *   cursor helpers   word(), phrase(), sp1()      boundary-checked matching
 *   number core      num_digits() | num_words()  -> numval {mant, fd, flags, end}
 *   currency         cur_match(): symbol | code | [adjective] noun [adjective]
 *   money            [lead-in|approx]* [currency] number [scale] [de|d'] [currency]
 *   quantity         number, then rejection of what follows (%, scale, currency,
 *                    ordinal/time suffix, "-year", month name)
 *   date             [prep]{0,2} [qualifier] (relative | numeric | named month)
 *
 * Every function works on a [p, end) byte range, never reads at or past `end`
 * and never allocates. The tables are small and scanned with a first-byte
 * filter, so a call costs about the length of what it matches.
 */
#include "arsenal/values.h"
#include "values_internal.h"
#include <pthread.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const double P10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

/* ---- cursor helpers ------------------------------------------------------- */

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool is_alpha(char c) { return c >= 'a' && c <= 'z'; }

/* True when a word character starts at p: an ASCII letter or digit, or a
 * non-ASCII character outside U+0080..U+00BF (Latin-1 symbols: £ ¥ « ») and
 * U+2000..U+20FF (punctuation and the currency block: € ₩ ₪). So "m€" and
 * "bn$" end the scale word before the symbol. */
static bool word_char_at(const char *p, const char *end)
{
    if (p >= end) return false;
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) return is_alpha((char)c) || is_digit((char)c) || (c >= 'A' && c <= 'Z') || c == '_';
    if (c == 0xC2) return false;
    if (c == 0xE2 && end - p > 1 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x83)
        return false;
    return true;
}

/* One or more spaces at p: returns the position after them, or NULL. */
static const char *sp1(const char *p, const char *end)
{
    if (p >= end || *p != ' ') return NULL;
    while (p < end && *p == ' ') p++;
    return p;
}

/* Zero or more spaces. */
static const char *sp0(const char *p, const char *end)
{
    while (p < end && *p == ' ') p++;
    return p;
}

/* Byte comparison for the short keys of the tables (cheaper than a memcmp call). */
static inline bool same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

/* Literal n bytes of s at p: the position after them, or NULL. */
static const char *litn(const char *p, const char *end, const char *s, size_t n)
{
    if ((size_t)(end - p) < n || !same(p, s, n)) return NULL;
    return p + n;
}

/* Word w at p. When w ends with a letter or digit, a word character must not
 * follow ("mil" does not match "millions"); "us$", "rs.", "€" need no boundary. */
static const char *wordn(const char *p, const char *end, const char *w, size_t n)
{
    const char *q = litn(p, end, w, n);
    if (!q) return NULL;
    char last = w[n - 1];
    if ((is_alpha(last) || is_digit(last)) && word_char_at(q, end)) return NULL;
    return q;
}

static const char *word(const char *p, const char *end, const char *w)
{
    return wordn(p, end, w, strlen(w));
}

/* A phrase of space-separated words ("plus de", "l'an dernier"). Each space of
 * the phrase matches a run of spaces in the text; a word "de" also matches the
 * elided "d'" ("plus d'un", "d'une valeur d'environ"), which needs no space
 * after it. Returns the position after the phrase (no trailing space eaten). */
static const char *phrase(const char *p, const char *end, const char *ph)
{
    if (p >= end || *p != *ph) {
        if (!(ph[0] == 'd' && ph[1] == 'e' && p < end && *p == 'd')) return NULL;
    }
    while (*ph) {
        size_t n = 0;
        while (ph[n] && ph[n] != ' ') n++;
        const char *q = NULL;
        bool elided = false;
        if (n == 2 && ph[0] == 'd' && ph[1] == 'e' && (q = litn(p, end, "d'", 2)) != NULL)
            elided = true;
        else if (!(q = wordn(p, end, ph, n)))
            return NULL;
        p = q;
        ph += n;
        if (*ph == ' ') {
            ph++;
            if (!elided && !(p = sp1(p, end))) return NULL;
        }
    }
    return p;
}

/* ---- first-byte index over the word tables ----------------------------------
 *
 * Each table (an array whose elements start with their `const char *` key) gets
 * a chain per first byte, built once (pthread_once) into static storage, so a
 * look-up walks only the entries that can match:
 *
 *   head['m'] -> 5 -> 9 -> 12 -> NIL      (table order kept: first match wins)
 */
#define NIL 0xFFFF
#define IDX_MAX 160

typedef struct firstidx {
    uint16_t head[256];
    uint16_t next[IDX_MAX];
} firstidx;

static void idx_build(firstidx *ix, const void *base, size_t n, size_t stride)
{
    memset(ix->head, 0xFF, sizeof ix->head);
    for (size_t i = n; i-- > 0;) {
        const char *key = *(const char *const *)(const void *)((const char *)base + i * stride);
        unsigned char c = (unsigned char)key[0];
        ix->next[i] = ix->head[c];
        ix->head[c] = (uint16_t)i;
    }
}

static firstidx IX_NUM, IX_SYM, IX_NOUN, IX_ADJ, IX_SCALE, IX_MONTH, IX_REL, IX_PREP, IX_LEAD,
    IX_APPROX, IX_QUAL, IX_SMALL[4];
static void idx_ready(void);

#define FOR_FIRST(ix, c, i) \
    for (unsigned i = (ix).head[(unsigned char)(c)]; i != NIL; i = (ix).next[i])

/* First phrase of the indexed `list` matching at p; *which gets its index. */
static const char *phrase_any(const char *p, const char *end, const char *const *list,
                              const firstidx *ix, size_t *which)
{
    if (p >= end) return NULL;
    FOR_FIRST(*ix, *p, i) {
        const char *q = phrase(p, end, list[i]);
        if (q) {
            if (which) *which = i;
            return q;
        }
    }
    return NULL;
}

/* "de " / "d'" (FR, ES) at p: the position after it, or NULL. */
static const char *de_at(const char *p, const char *end)
{
    const char *q = litn(p, end, "d'", 2);
    if (q) return q;
    if ((q = word(p, end, "de"))) return sp1(q, end);
    return NULL;
}

/* Exactly 1..max digits at p (a longer run fails). Returns the count. */
static int ndigits(const char *p, const char *end, int max, int *v)
{
    int n = 0, x = 0;
    while (p + n < end && is_digit(p[n])) {
        if (n >= max) return 0;
        x = x * 10 + (p[n] - '0');
        n++;
    }
    *v = x;
    return n;
}

/* ---- number core ---------------------------------------------------------- */

/* A parsed number: value = mant / 10^fd (mant is integral, so money
 * amounts scale exactly: "1.2" -> 12/10, times 1e9 -> 1.2e9). */
typedef struct numval {
    double mant;
    int fd;             /* decimal digits */
    bool words;         /* written in words */
    bool article;       /* a lone indefinite article: un, une, una, a, an */
    bool weak;          /* a lone "a"/"an": never a number by itself */
    bool dozen;         /* ended with douzaine / dozen / docena */
    const char *end;
} numval;

static double nv_value(const numval *nv, double scale)
{
    return nv->mant * scale / P10[nv->fd];
}

/* Run of digits (value kept for at most 15). Returns the run length. */
static int digit_run(const char *p, const char *end, double *v)
{
    int n = 0;
    double x = 0;
    while (p + n < end && is_digit(p[n])) {
        if (n < 16) x = x * 10 + (p[n] - '0');
        n++;
    }
    *v = x;
    return n;
}

/* Digits with thousands groups and a decimal part:
 *   "1,200" "1.200" "1 200" (sep + exactly 3 digits + non-digit, first group
 *   of 1..3 digits, one separator kind) are thousands; otherwise ',' or '.'
 *   followed by digits is the decimal mark ("124,7", "1.2", "3.95").
 *   A following "thousand/mille/mil" word multiplies ("3 mil", "20 thousand"). */
static bool num_digits(const char *p, const char *end, numval *nv)
{
    double v, g;
    int n = digit_run(p, end, &v), m;
    if (n == 0 || n > 15) return false;
    const char *q = p + n;
    char tsep = 0;
    int intd = n;
    if (n <= 3) {
        while (q < end && (*q == ',' || *q == '.' || *q == ' ') && (!tsep || *q == tsep)) {
            m = digit_run(q + 1, end, &g);
            if (m != 3 || (*q == ' ' && word_char_at(q + 4, end))) break;
            if ((intd += 3) > 15) return false;
            v = v * 1000 + g;
            tsep = *q;
            q += 4;
        }
    }
    int fd = 0;
    if (end - q >= 2 && (*q == ',' || *q == '.') && *q != tsep && is_digit(q[1])) {
        m = digit_run(q + 1, end, &g);
        if (m <= 9) {
            v = v * P10[m] + g;
            fd = m;
            q += 1 + m;
        }
    }
    const char *r = sp1(q, end), *t = NULL;
    if (r && ((t = word(r, end, "thousand")) || (t = word(r, end, "mille")) ||
              (t = word(r, end, "mil")))) {
        v *= 1000;
        q = t;
    }
    nv->mant = v;
    nv->fd = fd;
    nv->end = q;
    return true;
}

enum { NW_ADD, NW_HUNDRED, NW_HUNDREDS, NW_THOUSAND, NW_DOZEN, NW_A };
enum { NF_ART = 1, NF_FOUR = 2, NF_VINGT = 4 };

/* Number words. `next` is the bound on the next additive term: a tens word
 * takes a unit (10), "soixante" and "quatre-vingt" take 1..19 (20), units and
 * teens take nothing. */
typedef struct numword {
    const char *w;
    unsigned char len;
    short v;
    unsigned char type, next, flags;
} numword;

#define NWX(s, v, t, n, f) {s, sizeof(s) - 1, v, t, n, f}
#define NU(s, v) NWX(s, v, NW_ADD, 0, 0)
#define NT(s, v) NWX(s, v, NW_ADD, 10, 0)
#define NH(s, v) NWX(s, v, NW_HUNDREDS, 0, 0)

static const numword NUMWORDS[] = {
    /* French */
    NWX("un", 1, NW_ADD, 0, NF_ART), NWX("une", 1, NW_ADD, 0, NF_ART), NU("deux", 2), NU("trois", 3),
    NWX("quatre", 4, NW_ADD, 0, NF_FOUR), NU("cinq", 5), NU("six", 6), NU("sept", 7), NU("huit", 8),
    NU("neuf", 9), NT("dix", 10), NU("onze", 11), NU("douze", 12), NU("treize", 13),
    NU("quatorze", 14), NU("quinze", 15), NU("seize", 16), NWX("vingt", 20, NW_ADD, 10, NF_VINGT),
    NWX("vingts", 20, NW_ADD, 0, NF_VINGT), NT("trente", 30), NT("quarante", 40),
    NT("cinquante", 50), NWX("soixante", 60, NW_ADD, 20, 0), NT("septante", 70),
    NT("huitante", 80), NT("octante", 80), NT("nonante", 90),
    NWX("cent", 100, NW_HUNDRED, 0, 0), NWX("cents", 100, NW_HUNDRED, 0, 0),
    NWX("mille", 1000, NW_THOUSAND, 0, 0), NWX("douzaine", 12, NW_DOZEN, 0, 0),
    NWX("douzaines", 12, NW_DOZEN, 0, 0),
    /* English */
    NWX("a", 1, NW_A, 0, NF_ART), NWX("an", 1, NW_A, 0, NF_ART), NU("one", 1), NU("two", 2),
    NU("three", 3), NU("four", 4), NU("five", 5), NU("seven", 7), NU("eight", 8), NU("nine", 9),
    NU("ten", 10), NU("eleven", 11), NU("twelve", 12), NU("thirteen", 13), NU("fourteen", 14),
    NU("fifteen", 15), NU("sixteen", 16), NU("seventeen", 17), NU("eighteen", 18),
    NU("nineteen", 19), NT("twenty", 20), NT("thirty", 30), NT("forty", 40), NT("fifty", 50),
    NT("sixty", 60), NT("seventy", 70), NT("eighty", 80), NT("ninety", 90),
    NWX("hundred", 100, NW_HUNDRED, 0, 0), NWX("thousand", 1000, NW_THOUSAND, 0, 0),
    NWX("dozen", 12, NW_DOZEN, 0, 0),
    /* Spanish */
    NU("uno", 1), NWX("una", 1, NW_ADD, 0, NF_ART), NU("dos", 2), NU("tres", 3), NU("cuatro", 4),
    NU("cinco", 5), NU("seis", 6), NU("siete", 7), NU("ocho", 8), NU("nueve", 9), NU("diez", 10),
    NU("once", 11), NU("doce", 12), NU("trece", 13), NU("catorce", 14), NU("quince", 15),
    NU("dieciseis", 16), NU("diecisiete", 17), NU("dieciocho", 18), NU("diecinueve", 19),
    NT("veinte", 20), NU("veintiun", 21), NU("veintiuno", 21), NU("veintiuna", 21),
    NU("veintidos", 22), NU("veintitres", 23), NU("veinticuatro", 24), NU("veinticinco", 25),
    NU("veintiseis", 26), NU("veintisiete", 27), NU("veintiocho", 28), NU("veintinueve", 29),
    NT("treinta", 30), NT("cuarenta", 40), NT("cincuenta", 50), NT("sesenta", 60),
    NT("setenta", 70), NT("ochenta", 80), NT("noventa", 90),
    NWX("cien", 100, NW_HUNDRED, 0, 0), NWX("ciento", 100, NW_HUNDRED, 0, 0),
    NH("doscientos", 200), NH("doscientas", 200), NH("trescientos", 300), NH("trescientas", 300),
    NH("cuatrocientos", 400), NH("cuatrocientas", 400), NH("quinientos", 500),
    NH("quinientas", 500), NH("seiscientos", 600), NH("seiscientas", 600),
    NH("setecientos", 700), NH("setecientas", 700), NH("ochocientos", 800),
    NH("ochocientas", 800), NH("novecientos", 900), NH("novecientas", 900),
    NWX("mil", 1000, NW_THOUSAND, 0, 0), NWX("docena", 12, NW_DOZEN, 0, 0),
    NWX("docenas", 12, NW_DOZEN, 0, 0),
};

/* The number word at p (a whole word), or NULL; *tend = its end. */
/* Languages of a number word: its block of NUMWORDS, and "six" in French and
 * English. A document in one language reads only its own words, so that English
 * "seize" and "once", or French "très" (folded "tres"), are not counts. */
enum { NL_FR = 1, NL_EN = 2, NL_ES = 4, NL_ALL = 7 };

static size_t NW_EN0, NW_ES0;   /* first English and Spanish entries, set by idx_init */

static unsigned numword_langs(size_t i)
{
    if (!strcmp(NUMWORDS[i].w, "six")) return NL_FR | NL_EN;
    return i < NW_EN0 ? NL_FR : i < NW_ES0 ? NL_EN : NL_ES;
}

static const numword *numword_at(const char *p, const char *end, unsigned langs, const char **tend)
{
    const char *q = p;
    while (q < end && is_alpha(*q)) q++;
    size_t n = (size_t)(q - p);
    if (n == 0 || n > 13 || word_char_at(q, end)) return NULL;
    FOR_FIRST(IX_NUM, *p, i) {
        const numword *w = &NUMWORDS[i];
        if (w->len == n && same(w->w, p, n) && (langs == NL_ALL || (numword_langs(i) & langs))) {
            *tend = q;
            return w;
        }
    }
    return NULL;
}

/* Number in words, FR/EN/ES mixed: additive terms joined by '-', ' ' or a
 * connector (" et ", " and ", " y "), multipliers cent/hundred/ciento (x100),
 * mille/thousand/mil (x1000), douzaine/dozen/docena (x12, ends the number),
 * "quatre-vingt" = 4 x 20. Words that cannot follow end the number before
 * them ("cinq six" is 5, "ten five" is 10). */
static bool num_words(const char *p, const char *end, unsigned langs, numval *nv)
{
    long total = 0, part = 0;
    int slot = 0, last = 0, ntok = 0;
    unsigned prevflags = 0;
    bool weak = false, dozen = false, art = false;
    const char *q = p, *tend = NULL;
    for (;;) {
        int sep = 0; /* 0 first word, 1 '-', 2 ' ', 3 connector */
        const char *s = q;
        if (ntok > 0) {
            if (s < end && *s == '-') {
                s++;
                sep = 1;
            } else if (s < end && *s == ' ') {
                s++;
                sep = 2;
                const char *c = word(s, end, "et");
                if (!c) c = word(s, end, "and");
                if (!c) c = word(s, end, "y");
                if (c && c < end && *c == ' ') {
                    s = c + 1;
                    sep = 3;
                }
            } else {
                break;
            }
        }
        const numword *w = numword_at(s, end, langs, &tend);
        if (!w) break;
        bool ok = false;
        switch (w->type) {
        case NW_A:
            if (ntok == 0) { part = 1; slot = 0; last = 1; ok = true; }
            break;
        case NW_ADD:
            if (ntok == 0) {
                part = w->v; slot = w->next; last = w->v; ok = true;
            } else if ((w->flags & NF_VINGT) && (prevflags & NF_FOUR) && last == 4 && sep != 3) {
                part += 76; last = 80; slot = w->next ? 20 : 0; ok = true; /* quatre-vingt(s) */
            } else if (!weak && w->v < slot) {
                part += w->v; last = w->v; slot = w->next; ok = true;
            }
            break;
        case NW_HUNDRED:
            if (sep != 3 && part < 100 && (ntok == 0 || part > 0 || total > 0)) {
                part = (part ? part : 1) * 100; slot = 100; last = 100; ok = true;
            }
            break;
        case NW_HUNDREDS:
            if (sep != 3 && part == 0 && !weak) { part = w->v; slot = 100; last = w->v; ok = true; }
            break;
        case NW_THOUSAND:
            if (sep != 3 && total == 0 && part < 1000) {
                total = (part ? part : 1) * 1000; part = 0; slot = 1000; last = 1000; ok = true;
            }
            break;
        case NW_DOZEN:
            if (ntok > 0 && sep == 2 && total == 0 && part >= 1 && part < 100) {
                part *= 12; dozen = true; ok = true;
            }
            break;
        }
        if (!ok) break;
        art = ntok == 0 && (w->flags & NF_ART);
        weak = w->type == NW_A;
        prevflags = w->flags;
        ntok++;
        q = tend;
        if (dozen) break;
    }
    if (ntok == 0) return false;
    nv->mant = (double)(total + part);
    nv->fd = 0;
    nv->words = true;
    nv->article = ntok == 1 && art;
    nv->weak = ntok == 1 && weak;
    nv->dozen = dozen;
    nv->end = q;
    return true;
}

static bool num_core_in(const char *p, const char *end, unsigned langs, numval *nv)
{
    memset(nv, 0, sizeof *nv);
    if (p >= end) return false;
    if (is_digit(*p)) return num_digits(p, end, nv);
    if (is_alpha(*p)) return num_words(p, end, langs, nv);
    return false;
}

static bool num_core(const char *p, const char *end, numval *nv) { return num_core_in(p, end, NL_ALL, nv); }

int ars_parse_number(const char **cur, const char *end, double *out)
{
    idx_ready();
    numval nv;
    if (!cur || !*cur || !end || !out) return 0;
    if (!num_core(*cur, end, &nv) || nv.weak) return 0;
    *out = nv_value(&nv, 1);
    *cur = nv.end;
    return 1;
}

/* ---- currencies ----------------------------------------------------------- */

enum { CP = 1, CS = 2, CB = 3 }; /* may precede / follow the amount / both */

/* Symbols and codes. "ils" (French "they") is left out, "try" and "mad"
 * (English words) and "dh" only follow an amount. */
static const struct cursym { const char *w; const char *code; unsigned char where; } CURSYMS[] = {
    {"us$", "USD", CB}, {"ca$", "CAD", CB}, {"c$", "CAD", CB}, {"au$", "AUD", CB}, {"a$", "AUD", CB},
    {"hk$", "HKD", CB}, {"nz$", "NZD", CB}, {"nt$", "TWD", CB}, {"s$", "SGD", CB}, {"r$", "BRL", CB},
    {"mx$", "MXN", CB}, {"$", "USD", CB}, {"\xe2\x82\xac", "EUR", CB}, {"\xc2\xa3", "GBP", CB},
    {"\xc2\xa5", "JPY", CB}, {"\xe2\x82\xa9", "KRW", CB}, {"\xe2\x82\xaa", "ILS", CB},
    {"\xe2\x82\xb9", "INR", CB}, {"\xe2\x82\xbd", "RUB", CB}, {"\xe2\x82\xba", "TRY", CB},
    {"\xe2\x82\xb4", "UAH", CB},
    {"usd", "USD", CB}, {"eur", "EUR", CB}, {"gbp", "GBP", CB}, {"jpy", "JPY", CB},
    {"krw", "KRW", CB}, {"cny", "CNY", CB}, {"rmb", "CNY", CB}, {"inr", "INR", CB},
    {"rub", "RUB", CB}, {"sar", "SAR", CB}, {"aed", "AED", CB}, {"qar", "QAR", CB},
    {"kwd", "KWD", CB}, {"dzd", "DZD", CB}, {"mad", "MAD", CS}, {"tnd", "TND", CB},
    {"egp", "EGP", CB}, {"pln", "PLN", CB}, {"sek", "SEK", CB}, {"nok", "NOK", CB},
    {"dkk", "DKK", CB}, {"chf", "CHF", CB}, {"cad", "CAD", CB}, {"aud", "AUD", CB},
    {"nzd", "NZD", CB}, {"sgd", "SGD", CB}, {"hkd", "HKD", CB}, {"twd", "TWD", CB},
    {"brl", "BRL", CB}, {"mxn", "MXN", CB}, {"zar", "ZAR", CB}, {"try", "TRY", CS},
    {"uah", "UAH", CB}, {"idr", "IDR", CB}, {"myr", "MYR", CB}, {"thb", "THB", CB},
    {"ngn", "NGN", CB}, {"pkr", "PKR", CB}, {"czk", "CZK", CB}, {"nis", "ILS", CB},
    {"rs.", "INR", CP}, {"rs", "INR", CP}, {"dhs", "MAD", CS}, {"dh", "MAD", CS},
};

/* Currency nouns come in families whose member is picked by an adjective:
 * "dollars canadiens", "canadian dollars", "dinars algeriens". */
enum { F_NONE, F_DOLLAR, F_DINAR, F_RIYAL, F_RUPEE, F_POUND, F_CROWN, F_FRANC, F_PESO, F_DIRHAM,
       F_ANY };

static const struct curnoun {
    const char *w;
    const char *code;   /* "" = unknown without an adjective */
    unsigned char fam;
    bool need_adj;      /* the bare noun is not a currency ("livres": books, delivered) */
} CURNOUNS[] = {
    {"dollars", "USD", F_DOLLAR, false}, {"dollar", "USD", F_DOLLAR, false},
    {"dolares", "USD", F_DOLLAR, false}, {"dolar", "USD", F_DOLLAR, false},
    {"euros", "EUR", F_NONE, false}, {"euro", "EUR", F_NONE, false},
    {"dirhams", "MAD", F_DIRHAM, false}, {"dirham", "MAD", F_DIRHAM, false},
    {"dirhames", "MAD", F_DIRHAM, false},
    {"dinars", "", F_DINAR, false}, {"dinar", "", F_DINAR, false}, {"dinares", "", F_DINAR, false},
    {"riyals", "SAR", F_RIYAL, false}, {"riyal", "SAR", F_RIYAL, false},
    {"rials", "SAR", F_RIYAL, false}, {"rial", "SAR", F_RIYAL, false},
    {"riales", "SAR", F_RIYAL, false},
    {"rupees", "INR", F_RUPEE, false}, {"rupee", "INR", F_RUPEE, false},
    {"roupies", "INR", F_RUPEE, false}, {"roupie", "INR", F_RUPEE, false},
    {"rupias", "INR", F_RUPEE, false}, {"rupia", "INR", F_RUPEE, false},
    {"pounds", "GBP", F_POUND, false}, {"pound", "GBP", F_POUND, false},
    {"livres", "", F_POUND, true}, {"livre", "", F_POUND, true},
    {"libras", "", F_POUND, true}, {"libra", "", F_POUND, true},
    {"liras", "TRY", F_POUND, false}, {"lira", "TRY", F_POUND, false},
    {"couronnes", "", F_CROWN, true}, {"couronne", "", F_CROWN, true},
    {"coronas", "", F_CROWN, true}, {"corona", "", F_CROWN, true},
    {"kronor", "SEK", F_CROWN, false}, {"krona", "SEK", F_CROWN, false},
    {"kroner", "", F_CROWN, false}, {"krone", "", F_CROWN, false},
    {"francs", "", F_FRANC, true}, {"franc", "", F_FRANC, true},
    {"francos", "", F_FRANC, true}, {"franco", "", F_FRANC, true},
    {"pesos", "", F_PESO, false}, {"peso", "", F_PESO, false},
    {"yens", "JPY", F_NONE, false}, {"yen", "JPY", F_NONE, false},
    {"wons", "KRW", F_NONE, false}, {"won", "KRW", F_NONE, false},
    {"yuans", "CNY", F_NONE, false}, {"yuan", "CNY", F_NONE, false},
    {"renminbi", "CNY", F_NONE, false},
    {"roubles", "RUB", F_NONE, false}, {"rouble", "RUB", F_NONE, false},
    {"rubles", "RUB", F_NONE, false}, {"ruble", "RUB", F_NONE, false},
    {"rublos", "RUB", F_NONE, false}, {"rublo", "RUB", F_NONE, false},
    {"shekels", "ILS", F_NONE, false}, {"shekel", "ILS", F_NONE, false},
    {"sheqels", "ILS", F_NONE, false}, {"shekalim", "ILS", F_NONE, false},
    {"siclos", "ILS", F_NONE, false},
    {"zlotys", "PLN", F_NONE, false}, {"zloty", "PLN", F_NONE, false},
    {"zlotych", "PLN", F_NONE, false}, {"zlotis", "PLN", F_NONE, false},
    {"hryvnias", "UAH", F_NONE, false}, {"hryvnia", "UAH", F_NONE, false},
    {"grivnas", "UAH", F_NONE, false},
    {"rands", "ZAR", F_NONE, false}, {"rand", "ZAR", F_NONE, false},
    {"nairas", "NGN", F_NONE, false}, {"naira", "NGN", F_NONE, false},
    {"ringgit", "MYR", F_NONE, false}, {"baht", "THB", F_NONE, false},
    {"rupiah", "IDR", F_NONE, false}, {"reais", "BRL", F_NONE, false},
};

/* Adjectives, matched by stem ("canadi" covers canadian, canadien(s),
 * canadiense(s)) unless `exact`. F_ANY: any noun, its own code ("japanese yen"). */
static const struct curadj {
    const char *stem;
    const char *code;
    unsigned char fam;
    bool exact;
} CURADJS[] = {
    {"us", "USD", F_DOLLAR, true}, {"u.s.", "USD", F_DOLLAR, true}, {"americ", "USD", F_DOLLAR, false},
    {"estadounidense", "USD", F_DOLLAR, false}, {"canadi", "CAD", F_DOLLAR, false},
    {"australi", "AUD", F_DOLLAR, false}, {"new zealand", "NZD", F_DOLLAR, true},
    {"neo-zelandais", "NZD", F_DOLLAR, false}, {"singapo", "SGD", F_DOLLAR, false},
    {"hong kong", "HKD", F_DOLLAR, true}, {"taiwan", "TWD", F_DOLLAR, false},
    {"new taiwan", "TWD", F_DOLLAR, true},
    {"alger", "DZD", F_DINAR, false}, {"argelin", "DZD", F_DINAR, false},
    {"tunisi", "TND", F_DINAR, false}, {"tunecin", "TND", F_DINAR, false},
    {"kowe", "KWD", F_DINAR, false}, {"kuwait", "KWD", F_DINAR, false},
    {"irak", "IQD", F_DINAR, false}, {"iraq", "IQD", F_DINAR, false},
    {"jordan", "JOD", F_DINAR, false}, {"serb", "RSD", F_DINAR, false},
    {"liby", "LYD", F_DINAR, false}, {"libi", "LYD", F_DINAR, false},
    {"bahre", "BHD", F_DINAR, false},
    {"saoudi", "SAR", F_RIYAL, false}, {"saudi", "SAR", F_RIYAL, false},
    {"qatar", "QAR", F_RIYAL, false}, {"catar", "QAR", F_RIYAL, false},
    {"oman", "OMR", F_RIYAL, false}, {"iran", "IRR", F_RIYAL, false},
    {"yemen", "YER", F_RIYAL, false},
    {"indi", "INR", F_RUPEE, false}, {"pakista", "PKR", F_RUPEE, false},
    {"sri lank", "LKR", F_RUPEE, false},
    {"sterling", "GBP", F_POUND, false}, {"esterlin", "GBP", F_POUND, false},
    {"britann", "GBP", F_POUND, false}, {"british", "GBP", F_POUND, true},
    {"turc", "TRY", F_POUND, false}, {"turq", "TRY", F_POUND, false},
    {"turk", "TRY", F_POUND, false}, {"egypt", "EGP", F_POUND, false},
    {"egipc", "EGP", F_POUND, false}, {"liban", "LBP", F_POUND, false},
    {"leban", "LBP", F_POUND, false}, {"syri", "SYP", F_POUND, false},
    {"suedois", "SEK", F_CROWN, false}, {"swedish", "SEK", F_CROWN, true},
    {"suec", "SEK", F_CROWN, false}, {"norveg", "NOK", F_CROWN, false},
    {"norweg", "NOK", F_CROWN, false}, {"norueg", "NOK", F_CROWN, false},
    {"danois", "DKK", F_CROWN, false}, {"danish", "DKK", F_CROWN, true},
    {"danes", "DKK", F_CROWN, false}, {"tchequ", "CZK", F_CROWN, false},
    {"czech", "CZK", F_CROWN, true}, {"chec", "CZK", F_CROWN, false},
    {"suisse", "CHF", F_FRANC, false}, {"swiss", "CHF", F_FRANC, true},
    {"suiz", "CHF", F_FRANC, false}, {"cfa", "XOF", F_FRANC, true},
    {"mexic", "MXN", F_PESO, false}, {"colombi", "COP", F_PESO, false},
    {"argentin", "ARS", F_PESO, false}, {"chil", "CLP", F_PESO, false},
    {"philippin", "PHP", F_PESO, false}, {"filipin", "PHP", F_PESO, false},
    {"cuba", "CUP", F_PESO, false}, {"urugua", "UYU", F_PESO, false},
    {"emirat", "AED", F_DIRHAM, false}, {"uae", "AED", F_DIRHAM, true},
    {"maroc", "MAD", F_DIRHAM, false}, {"morocc", "MAD", F_DIRHAM, false},
    {"marroqu", "MAD", F_DIRHAM, false},
    {"japan", "", F_ANY, false}, {"chinese", "", F_ANY, true}, {"south korean", "", F_ANY, true},
    {"korean", "", F_ANY, true}, {"russian", "", F_ANY, true}, {"israeli", "", F_ANY, true},
    {"new israeli", "", F_ANY, true}, {"polish", "", F_ANY, true}, {"ukrainian", "", F_ANY, true},
    {"south african", "", F_ANY, true}, {"brazilian", "", F_ANY, true},
    {"nigerian", "", F_ANY, true}, {"indonesian", "", F_ANY, true},
    {"malaysian", "", F_ANY, true}, {"thai", "", F_ANY, true},
};

typedef struct curmatch {
    char code[4];
    const char *end;
} curmatch;

static void set_code(curmatch *m, const char *code, const char *e)
{
    size_t n = strlen(code);
    memcpy(m->code, code, n);
    m->code[n] = '\0';
    m->end = e;
}

static const struct curnoun *noun_at(const char *p, const char *end, const char **nend)
{
    if (p >= end) return NULL;
    FOR_FIRST(IX_NOUN, *p, i) {
        const char *q = word(p, end, CURNOUNS[i].w);
        if (q) {
            *nend = q;
            return &CURNOUNS[i];
        }
    }
    return NULL;
}

/* Adjective a at p: the end of the word, or NULL. A stem takes up to 7 more
 * letters ("canadi" + "ennes"); an exact adjective takes none. */
static const char *adj_try(const struct curadj *a, const char *p, const char *end)
{
    size_t n = strlen(a->stem);
    const char *q = litn(p, end, a->stem, n);
    if (!q) return NULL;
    if (!a->exact) {
        int k = 0;
        while (q < end && is_alpha(*q) && k < 7) q++, k++;
    }
    if (is_alpha(a->stem[n - 1]) && word_char_at(q, end)) return NULL;
    return q;
}

/* A currency at p. `where`: CP symbols/codes allowed before an amount, CS
 * after it (codes, symbols, nouns with adjectives), CB anything. */
static bool cur_match(const char *p, const char *end, unsigned where, curmatch *m)
{
    if (p >= end) return false;
    FOR_FIRST(IX_SYM, *p, i) {
        const struct cursym *c = &CURSYMS[i];
        if (!(c->where & where)) continue;
        const char *q = word(p, end, c->w);
        if (q) {
            set_code(m, c->code, q);
            return true;
        }
    }
    if (!(where & CS) || !is_alpha(*p)) return false;
    const struct curnoun *n;
    const char *nend = NULL, *aend = NULL, *r;
    /* noun [adjective]: "dollars canadiens", "dinars algeriens", "livres sterling" */
    if ((n = noun_at(p, end, &nend)) != NULL) {
        if (n->fam != F_NONE && (r = sp1(nend, end)) != NULL && r < end) {
            FOR_FIRST(IX_ADJ, *r, i) {
                if (CURADJS[i].fam == n->fam && (aend = adj_try(&CURADJS[i], r, end)) != NULL) {
                    set_code(m, CURADJS[i].code, aend);
                    return true;
                }
            }
        }
        if (n->need_adj) return false;
        set_code(m, n->code, nend);
        return true;
    }
    /* adjective noun: "canadian dollars", "saudi riyals", "japanese yen" */
    FOR_FIRST(IX_ADJ, *p, i) {
        const struct curadj *a = &CURADJS[i];
        if (!(aend = adj_try(a, p, end))) continue;
        if (!(r = sp1(aend, end)) || !(n = noun_at(r, end, &nend))) continue;
        if (a->fam == F_ANY && n->code[0]) {
            set_code(m, n->code, nend);
            return true;
        }
        if (a->fam == n->fam && a->fam != F_ANY) {
            set_code(m, a->code, nend);
            return true;
        }
    }
    return false;
}

int ars_parse_currency(const char **cur, const char *end, char code[4])
{
    idx_ready();
    curmatch m;
    if (!cur || !*cur || !end || !code || !cur_match(*cur, end, CB, &m)) return 0;
    memcpy(code, m.code, 4);
    *cur = m.end;
    return 1;
}

/* ---- money ---------------------------------------------------------------- */

static const struct scale { const char *w; double mult; bool fr_en; } SCALES[] = {
    {"millions", 1e6, false}, {"million", 1e6, false}, {"millones", 1e6, false},
    {"millon", 1e6, false}, {"mln", 1e6, false}, {"mn", 1e6, false}, {"m", 1e6, false},
    {"milliards", 1e9, false}, {"milliard", 1e9, false}, {"millardos", 1e9, false},
    {"millardo", 1e9, false}, {"mds", 1e9, false}, {"md", 1e9, false}, {"mrds", 1e9, false},
    {"mrd", 1e9, false}, {"bn", 1e9, false}, {"bln", 1e9, false}, {"b", 1e9, false},
    {"billions", 1e9, true}, {"billion", 1e9, true}, {"billones", 1e12, false},
    {"billon", 1e12, false}, {"trillions", 1e12, false}, {"trillion", 1e12, false},
    {"tn", 1e12, false}, {"crores", 1e7, false}, {"crore", 1e7, false}, {"lakhs", 1e5, false},
    {"lakh", 1e5, false}, {"k", 1e3, false},
};

/* A scale word at p; *mult gets its value. "billion(s)" is 1e9 (English)
 * unless "de"/"d'" follows: then it is French and worth 1e12. */
static const char *scale_at(const char *p, const char *end, double *mult)
{
    if (!p || p >= end || !is_alpha(*p)) return NULL;
    FOR_FIRST(IX_SCALE, *p, i) {
        const char *q = word(p, end, SCALES[i].w);
        if (!q) continue;
        *mult = SCALES[i].mult;
        if (SCALES[i].fr_en && de_at(sp0(q, end), end)) *mult = 1e12;
        return q;
    }
    return NULL;
}

/* Phrases that introduce an amount without qualifying it; an optional
 * "de"/"d'" may follow ("d'une valeur de", "d'une valeur d'environ"). */
static const char *const LEADINS[] = {
    "d'une valeur totale", "d'une valeur", "d'un montant total", "d'un montant",
    "pour un montant total", "pour un montant", "pour une valeur", "a hauteur", "evalue a",
    "evaluee a", "chiffre a", "worth", "valued at", "a value of", "at a cost of",
    "por valor", "por un valor", "por un monto", "por un importe", "por un total",
    "valorado en", "valorada en", "valorados en", "valoradas en",
};

/* Markers that make the amount approximate. */
static const char *const APPROX[] = {
    "un peu plus de", "un peu moins de", "plus de", "moins de", "pres de", "environ", "quelque",
    "autour de", "aux alentours de", "jusqu'a", "a peu pres", "approximativement", "quasiment",
    "presque", "pas moins de", "au moins", "au-dela de", "de l'ordre de", "estime a",
    "estimee a", "estimes a", "estimees a",
    "more than", "less than", "over", "under", "nearly", "about", "around", "some", "almost",
    "up to", "approximately", "roughly", "close to", "upwards of", "in excess of", "at least",
    "an estimated", "estimated at", "just over", "just under", "well over", "as much as",
    "poco mas de", "mas de", "menos de", "cerca de", "casi", "alrededor de", "unos", "unas",
    "aproximadamente", "en torno a", "hasta", "al menos", "del orden de", "estimado en",
    "estimada en", "estimados en", "estimadas en",
};

int ars_parse_money(const char **cur, const char *end, ars_money *out)
{
    idx_ready();
    if (!cur || !*cur || !end || !out) return 0;
    const char *p = *cur, *q, *r;
    bool approx = false;
    for (int k = 0; k < 4; k++) {
        if ((q = phrase_any(p, end, LEADINS, &IX_LEAD, NULL)) != NULL) {
            p = sp0(q, end);
            if ((r = de_at(p, end))) p = r;
            continue;
        }
        if ((q = phrase_any(p, end, APPROX, &IX_APPROX, NULL)) != NULL) {
            approx = true;
            p = sp0(q, end);
            continue;
        }
        break;
    }
    curmatch pre, suf;
    bool has_pre = cur_match(p, end, CP, &pre);
    if (has_pre) p = sp0(pre.end, end);

    numval nv;
    if (!num_core(p, end, &nv)) return 0;
    q = nv.end;
    double scale = 1;
    bool has_scale = false;
    /* scale glued to digits ("1.2bn", "500m$") or after a space */
    if ((r = scale_at(nv.words ? sp1(q, end) : sp0(q, end), end, &scale)) != NULL) {
        q = r;
        has_scale = true;
    } else if (!nv.words && word_char_at(q, end)) {
        return 0; /* "$16th", "500mm" */
    }
    if (nv.weak && !has_scale) return 0; /* "a" is a number only in "a billion" */

    const char *code = NULL;
    if (has_pre) {
        code = pre.code;
    } else {
        r = sp0(q, end);
        const char *d = has_scale ? de_at(r, end) : NULL;
        if (d && cur_match(d, end, CS, &suf)) {
            code = suf.code;
            q = suf.end;
        } else if (cur_match(r, end, CS, &suf)) {
            code = suf.code;
            q = suf.end;
        } else {
            return 0; /* a number without a currency is not money */
        }
    }
    out->present = true;
    out->amount = nv_value(&nv, scale);
    memcpy(out->currency, code, 4);
    out->approx = approx;
    *cur = q;
    return 1;
}

/* ---- months (shared by quantity and date) --------------------------------- */

/* abbr: 0 full name, 1 abbreviation with an optional '.', 2 dot required
 * ("ago." = agosto; bare "ago" is English). */
static const struct month { const char *w; unsigned char m, abbr; } MONTHS[] = {
    {"janvier", 1, 0}, {"january", 1, 0}, {"enero", 1, 0}, {"janv", 1, 1}, {"jan", 1, 1},
    {"ene", 1, 1}, {"fevrier", 2, 0}, {"february", 2, 0}, {"febrero", 2, 0}, {"fevr", 2, 1},
    {"fev", 2, 1}, {"feb", 2, 1}, {"mars", 3, 0}, {"march", 3, 0}, {"marzo", 3, 0},
    {"mar", 3, 1}, {"avril", 4, 0}, {"april", 4, 0}, {"abril", 4, 0}, {"avr", 4, 1},
    {"apr", 4, 1}, {"abr", 4, 1}, {"mai", 5, 0}, {"may", 5, 0}, {"mayo", 5, 0},
    {"juin", 6, 0}, {"june", 6, 0}, {"junio", 6, 0}, {"jun", 6, 1}, {"juillet", 7, 0},
    {"july", 7, 0}, {"julio", 7, 0}, {"juil", 7, 1}, {"jul", 7, 1}, {"aout", 8, 0},
    {"august", 8, 0}, {"agosto", 8, 0}, {"aug", 8, 1}, {"ago", 8, 2}, {"septembre", 9, 0},
    {"september", 9, 0}, {"septiembre", 9, 0}, {"setiembre", 9, 0}, {"sept", 9, 1},
    {"sep", 9, 1}, {"octobre", 10, 0}, {"october", 10, 0}, {"octubre", 10, 0}, {"oct", 10, 1},
    {"novembre", 11, 0}, {"november", 11, 0}, {"noviembre", 11, 0}, {"nov", 11, 1},
    {"decembre", 12, 0}, {"december", 12, 0}, {"diciembre", 12, 0}, {"dec", 12, 1},
    {"dic", 12, 1},
};

/* Month name at p: its number, or 0. Abbreviations only when `abbr`. */
static int month_at(const char *p, const char *end, bool abbr, const char **mend)
{
    const char *q = p;
    while (q < end && is_alpha(*q)) q++;
    size_t n = (size_t)(q - p);
    if (n < 3 || n > 10 || word_char_at(q, end)) return 0;
    FOR_FIRST(IX_MONTH, *p, i) {
        const struct month *mo = &MONTHS[i];
        if (strlen(mo->w) != n || !same(mo->w, p, n)) continue;
        if (mo->abbr && !abbr) return 0;
        bool dot = q < end && *q == '.';
        if (mo->abbr == 2 && !dot) return 0;
        *mend = (mo->abbr && dot) ? q + 1 : q;
        return mo->m;
    }
    return 0;
}

/* ---- quantity ------------------------------------------------------------- */

/* after a lone article: "un seul", "a single" */
static const char *const ONE[] = {"seul", "seule", "solo", "sola", "single"};
static const char *const PERCENT[] = {"pour cent", "pourcent", "percent", "per cent",
                                      "por ciento", "pct"};

int ars_parse_quantity(const char **cur, const char *end, long long *out)
{
    return ars_parse_quantity_in(cur, end, NULL, out);
}

int ars_parse_quantity_in(const char **cur, const char *end, const char *lang, long long *out)
{
    idx_ready();
    if (!cur || !*cur || !end || !out) return 0;
    unsigned langs = !lang ? NL_ALL : !strcmp(lang, "fr") ? NL_FR : !strcmp(lang, "en") ? NL_EN
                   : !strcmp(lang, "es") ? NL_ES : NL_ALL;
    numval nv;
    const char *q, *r, *t;
    if (!num_core_in(*cur, end, langs, &nv)) return 0;
    q = nv.end;
    double v = nv_value(&nv, 1);
    if (nv.article) {
        /* the bare article is too ambiguous; "un seul", "a single" are not */
        if (!(r = sp1(q, end)) || !(t = phrase_any(r, end, ONE, &IX_SMALL[0], NULL))) return 0;
        q = t;
    }
    if (v < 0 || v > 1e12 || v != (double)(long long)v) return 0; /* "1.5", "124,7" */
    if (!nv.words) {
        /* glued to letters or followed by time/date digits: "3e", "1er", "07h20", "07:20", "29/11" */
        if (word_char_at(q, end)) return 0;
        if (end - q >= 2 && (*q == ':' || *q == '/' || *q == '.' || *q == ',') && is_digit(q[1]))
            return 0;
    }
    if (end - q >= 2 && *q == '-' && word_char_at(q + 1, end)) return 0; /* "five-year", "2-3" */
    if (nv.words && (r = sp1(q, end)) != NULL && r < end && *r == '(') {
        /* "eighteen (18)": the figure confirms the words */
        double d;
        int n = digit_run(r + 1, end, &d);
        if (n > 0 && n <= 15 && r + 1 + n < end && r[1 + n] == ')' && d == v) q = r + 2 + n;
    }
    if (nv.dozen && (r = sp1(q, end)) != NULL) {
        /* "une douzaine de", "une douzaine d'", "a dozen of": the preposition goes too */
        if ((t = litn(r, end, "d'", 2)) || (t = word(r, end, "de")) || (t = word(r, end, "of"))) {
            q = t;
            goto done;
        }
    }
    r = sp0(q, end);
    if (r < end && *r == '%') return 0;
    if (phrase_any(r, end, PERCENT, &IX_SMALL[1], NULL)) return 0;
    double mult;
    curmatch cm;
    if (r != q || nv.words) {
        if (scale_at(r, end, &mult) || cur_match(r, end, CS, &cm)) return 0;
    } else if (cur_match(r, end, CS, &cm)) {
        return 0; /* "18$" */
    }
    /* "20 septembre", "20 de septiembre": a date, not a count */
    if (r != q) {
        const char *me;
        int mo = month_at(r, end, false, &me);
        if (mo && !word(r, end, "may")) return 0;
        if ((t = de_at(r, end)) && month_at(t, end, false, &me)) return 0;
    }
done:
    *out = (long long)v;
    *cur = q;
    return 1;
}

/* ---- dates ---------------------------------------------------------------- */

typedef struct ymd {
    int y, m, d; /* m, d = 0 when absent */
} ymd;

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

static bool valid_ymd(const ymd *x)
{
    if (x->y < 1000 || x->y > 2999) return false;
    if (x->m == 0) return x->d == 0;
    if (x->m < 1 || x->m > 12) return false;
    return x->d == 0 || (x->d >= 1 && x->d <= days_in(x->y, x->m));
}

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" (anything after the day is ignored). */
static bool parse_anchor(const char *a, ymd *x)
{
    memset(x, 0, sizeof *x);
    if (!a) return false;
    size_t n = strnlen(a, 32);
    const char *end = a + n;
    if (ndigits(a, end, 4, &x->y) != 4) return false;
    if (n >= 7 && a[4] == '-' && ndigits(a + 5, end, 2, &x->m) == 2) {
        if (n >= 10 && a[7] == '-' && ndigits(a + 8, end, 2, &x->d) != 2) x->d = 0;
    }
    if (!valid_ymd(x)) {
        x->d = 0;
        if (!valid_ymd(x)) return false;
    }
    return true;
}

/* Month index arithmetic: y*12 + (m-1). */
static ymd month_shift(const ymd *a, int delta)
{
    int k = a->y * 12 + (a->m - 1) + delta;
    ymd r = {k / 12, k % 12 + 1, 0};
    return r;
}

/* A 4-digit year at p, not followed by a digit. */
static const char *year4_at(const char *p, const char *end, int *y)
{
    if (ndigits(p, end, 4, y) != 4) return NULL;
    return p + 4;
}

/* Optional EN/FR ordinal suffix on a day: "1er", "20th", "2nd". */
static const char *day_suffix(const char *p, const char *end)
{
    static const char *const SUF[] = {"er", "st", "nd", "rd", "th"};
    for (size_t i = 0; i < COUNT(SUF); i++) {
        const char *q = word(p, end, SUF[i]);
        if (q) return q;
    }
    return p;
}

/* After a month name: [,] [de|del|of] YYYY. */
static const char *month_year(const char *p, const char *end, int *y)
{
    const char *q = p, *r;
    if (q < end && *q == ',') q++;
    if (!(q = sp1(q, end))) return NULL;
    if ((r = word(q, end, "de")) || (r = word(q, end, "del")) || (r = word(q, end, "of"))) {
        if (!(q = sp1(r, end))) return NULL;
    }
    return year4_at(q, end, y);
}

static const struct rel { const char *ph; char unit; signed char delta; } RELATIVE[] = {
    {"l'an dernier", 'y', -1}, {"l'an passe", 'y', -1}, {"l'annee derniere", 'y', -1},
    {"l'annee passee", 'y', -1}, {"last year", 'y', -1}, {"ano pasado", 'y', -1},
    {"pasado ano", 'y', -1}, {"cette annee", 'y', 0}, {"this year", 'y', 0},
    {"este ano", 'y', 0}, {"l'annee en cours", 'y', 0}, {"ano en curso", 'y', 0},
    {"l'an prochain", 'y', 1}, {"l'annee prochaine", 'y', 1}, {"next year", 'y', 1},
    {"proximo ano", 'y', 1}, {"ano proximo", 'y', 1}, {"ano que viene", 'y', 1},
    {"mois dernier", 'm', -1}, {"mois passe", 'm', -1}, {"last month", 'm', -1},
    {"mes pasado", 'm', -1}, {"pasado mes", 'm', -1}, {"ce mois-ci", 'm', 0},
    {"ce mois", 'm', 0}, {"this month", 'm', 0}, {"este mes", 'm', 0},
    {"mois prochain", 'm', 1}, {"next month", 'm', 1}, {"proximo mes", 'm', 1},
    {"mes proximo", 'm', 1}, {"mes que viene", 'm', 1},
};

static const char *const MONTH_PAST[] = {"dernier", "derniere", "passe", "pasado"};
static const char *const MONTH_NEXT[] = {"prochain", "prochaine", "proximo", "que viene"};

/* "juillet dernier": the last July strictly before the anchor month; "next
 * july": the first one strictly after it. */
static bool month_rel(int m, int dir, const ymd *an, ymd *out)
{
    if (!an || an->m == 0) return false;
    out->y = an->y;
    out->m = m;
    out->d = 0;
    if (dir < 0 && m >= an->m) out->y--;
    if (dir > 0 && m <= an->m) out->y++;
    return true;
}

/* "il y a deux ans", "two years ago", "hace dos anos" (year precision). */
static const char *ago_at(const char *p, const char *end, const ymd *an, ymd *out)
{
    numval nv;
    const char *q, *r = NULL;
    if ((q = phrase(p, end, "il y a")) || (q = phrase(p, end, "hace"))) {
        if (!(q = sp1(q, end)) || !num_core(q, end, &nv) || nv.fd || nv.weak) return NULL;
        if (!(q = sp1(nv.end, end))) return NULL;
        if (!(r = word(q, end, "ans")) && !(r = word(q, end, "an")) && !(r = word(q, end, "anos")) &&
            !(r = word(q, end, "ano")))
            return NULL;
    } else if (num_core(p, end, &nv) && !nv.fd && !nv.weak && (q = sp1(nv.end, end))) {
        if (!(r = word(q, end, "years")) && !(r = word(q, end, "year"))) return NULL;
        if (!(r = sp1(r, end)) || !(r = word(r, end, "ago"))) return NULL;
    } else {
        return NULL;
    }
    if (!an || nv.mant < 1 || nv.mant > 100) return NULL;
    out->y = an->y - (int)nv.mant;
    out->m = out->d = 0;
    return r;
}

/* After a day ("20", "1er", "premier"): [de|of] month [,] [de|del|of] [year].
 * "20 septembre 2022", "20 de septiembre de 2022", "20th of june, 2024"; without
 * a year the anchor's year is used ("le 24 novembre"). */
static const char *day_month(const char *q, const char *end, int day, const ymd *an, ymd *out)
{
    const char *r, *t;
    ymd x = {0, 0, day};
    int y;
    q = day_suffix(q, end);
    if (!(r = sp1(q, end))) return NULL;
    if ((t = word(r, end, "de")) || (t = word(r, end, "of"))) {
        if (!(r = sp1(t, end))) return NULL;
    }
    if (!(x.m = month_at(r, end, true, &t))) return NULL;
    if ((q = month_year(t, end, &y)) && !word_char_at(q, end)) {
        x.y = y;
    } else if (an) {
        x.y = an->y;
        q = t;
    } else {
        return NULL;
    }
    if (!valid_ymd(&x)) return NULL;
    *out = x;
    return q;
}

/* A date at p (prepositions already consumed). year_ok: a preposition that
 * licenses a bare year ("en 2021"); bare: no preposition at all. */
static const char *date_at(const char *p, const char *end, const ymd *an, bool year_ok, bool bare,
                           ymd *out)
{
    const char *q, *r, *t;
    ymd x = {0, 0, 0};
    size_t which;
    int v, w;
    if (p >= end) return NULL;

    FOR_FIRST(IX_REL, *p, i) {
        if (!(q = phrase(p, end, RELATIVE[i].ph))) continue;
        if (!an || (RELATIVE[i].unit == 'm' && an->m == 0)) return NULL;
        if (RELATIVE[i].unit == 'y') x.y = an->y + RELATIVE[i].delta;
        else x = month_shift(an, RELATIVE[i].delta);
        *out = x;
        return valid_ymd(out) ? q : NULL;
    }
    if ((q = ago_at(p, end, an, &x)) != NULL) {
        *out = x;
        return valid_ymd(out) ? q : NULL;
    }

    if (is_digit(*p)) {
        int n = ndigits(p, end, 4, &v);
        q = p + n;
        if (n == 4) {
            /* ISO: YYYY-MM[-DD], also with '/' */
            int ml, dl;
            if (end - q >= 2 && (*q == '-' || *q == '/') && (ml = ndigits(q + 1, end, 2, &w)) &&
                w >= 1 && w <= 12) {
                char sep = *q;
                r = q + 1 + ml;
                x.y = v;
                x.m = w;
                int d;
                if (end - r >= 2 && *r == sep && (dl = ndigits(r + 1, end, 2, &d))) {
                    x.d = d;
                    r += 1 + dl;
                }
                bool clock = end - r >= 2 && *r == 't' && is_digit(r[1]); /* "2024-06-03t10:00" */
                if ((word_char_at(r, end) && !clock) || !valid_ymd(&x)) return NULL; /* "2024-06-31" */
                *out = x;
                return r;
            }
            /* bare year */
            if (!year_ok && !bare) return NULL;
            if (year_ok ? (v < 1900 || v > 2100) : (v < 1950 || v > 2100)) return NULL;
            if (word_char_at(q, end)) return NULL;
            if (end - q >= 2 && (*q == ',' || *q == '.') && is_digit(q[1])) return NULL;
            out->y = v;
            out->m = out->d = 0;
            return q;
        }
        if (n == 0 || n > 2) return NULL;
        /* day first */
        x.d = v;
        /* numeric: DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY, "DD - MM - YYYY" */
        if (q < end && (*q == '/' || *q == '.' || *q == '-' || *q == ' ')) {
            const char *s = q;
            bool spaced = *s == ' ';
            if (spaced) s++;
            char sep = s < end ? *s : 0;
            if ((sep == '/' || sep == '-' || (sep == '.' && !spaced)) && s + 1 < end) {
                s++;
                if (spaced && !(s = sp1(s, end))) goto named;
                int mlen = ndigits(s, end, 2, &w);
                if (!mlen) goto named;
                s += mlen;
                if (spaced) {
                    if (!(s = sp1(s, end)) || s >= end || *s != sep || !(s = sp1(s + 1, end)))
                        goto named;
                } else {
                    if (s >= end || *s != sep) goto named;
                    s++;
                }
                int y;
                if (!(r = year4_at(s, end, &y)) || word_char_at(r, end)) goto named;
                x.y = y;
                x.m = w;
                if (x.m > 12 && x.d <= 12) { /* US order: MM/DD/YYYY */
                    int tmp = x.m;
                    x.m = x.d;
                    x.d = tmp;
                }
                if (!valid_ymd(&x)) return NULL;
                *out = x;
                return r;
            }
        }
    named:
        return day_month(q, end, x.d, an, out);
    }

    /* "premier janvier 2021", "primero de enero": day 1 in words */
    if ((q = word(p, end, "premier")) || (q = word(p, end, "primero")))
        return day_month(q, end, 1, an, out);

    /* relative month before the name: "last december", "el pasado diciembre" */
    int dir = 0;
    if ((q = word(p, end, "last")) || (q = word(p, end, "pasado"))) dir = -1;
    else if ((q = word(p, end, "next")) || (q = word(p, end, "proximo"))) dir = 1;
    if (dir && (r = sp1(q, end)) && (v = month_at(r, end, false, &t))) {
        if (!month_rel(v, dir, an, out)) return NULL;
        return t;
    }

    if (!(x.m = month_at(p, end, true, &t))) return NULL;
    /* "september 20, 2022", "sept. 20 2022", "june 3rd, 2024" */
    int dl;
    if ((r = sp1(t, end)) != NULL && (dl = ndigits(r, end, 2, &v)) != 0) {
        const char *s = day_suffix(r + dl, end), *s2 = s;
        int y;
        if (s2 < end && *s2 == ',') s2++;
        if ((s2 = sp1(s2, end)) && (s2 = year4_at(s2, end, &y)) && !word_char_at(s2, end)) {
            x.y = y;
            x.d = v;
            if (!valid_ymd(&x)) return NULL;
            *out = x;
            return s2;
        }
        /* no year: only before punctuation ("on june 3, the ministry...") */
        if (an && !word_char_at(s, end) && (s == end || *s == ',' || *s == '.')) {
            x.y = an->y;
            x.d = v;
            if (!valid_ymd(&x)) return NULL;
            *out = x;
            return s;
        }
    }
    int y;
    if ((q = month_year(t, end, &y)) && !word_char_at(q, end)) {
        x.y = y;
        if (!valid_ymd(&x)) return NULL;
        *out = x;
        return q;
    }
    /* "juillet dernier", "diciembre pasado", "july next"... */
    if ((r = sp1(t, end))) {
        if ((q = phrase_any(r, end, MONTH_PAST, &IX_SMALL[2], &which))) dir = -1;
        else if ((q = phrase_any(r, end, MONTH_NEXT, &IX_SMALL[3], &which))) dir = 1;
        if (dir && month_rel(x.m, dir, an, out)) return q;
    }
    return NULL;
}

/* Prepositions before a date; year_ok: may introduce a bare year. */
static const struct prep { const char *w; bool year_ok; } PREPS[] = {
    {"le", false}, {"el", false}, {"on", false}, {"du", false}, {"au", false}, {"del", false},
    {"en", true}, {"in", true}, {"depuis", true}, {"since", true}, {"desde", true},
    {"jusqu'en", true}, {"until", true}, {"hasta", true}, {"by", true}, {"d'ici", true},
    {"from", true}, {"during", true}, {"durante", true}, {"avant", true}, {"before", true},
    {"apres", true}, {"after", true}, {"a partir de", true},
};

/* Period qualifiers that keep the date's precision: "fin 2021", "mi-2023". */
static const char *const QUALIFIERS[] = {
    "a finales de", "a principios de", "a mediados de", "a fines de", "finales de",
    "principios de", "mediados de", "fines de", "the end of", "the beginning of", "the middle of",
    "fin", "debut", "courant", "early", "late",
};

#define IDX(ix, t) \
    _Static_assert(COUNT(t) <= IDX_MAX, #t " outgrew IDX_MAX"); idx_build(&(ix), t, COUNT(t), sizeof(t)[0])

static void idx_init(void)
{
    IDX(IX_NUM, NUMWORDS);
    for (size_t k = 0; k < sizeof NUMWORDS / sizeof NUMWORDS[0]; k++) {
        if (!NW_EN0 && !strcmp(NUMWORDS[k].w, "a")) NW_EN0 = k;
        if (!NW_ES0 && !strcmp(NUMWORDS[k].w, "uno")) NW_ES0 = k;
    }
    IDX(IX_SYM, CURSYMS);
    IDX(IX_NOUN, CURNOUNS);
    IDX(IX_ADJ, CURADJS);
    IDX(IX_SCALE, SCALES);
    IDX(IX_MONTH, MONTHS);
    IDX(IX_REL, RELATIVE);
    IDX(IX_PREP, PREPS);
    IDX(IX_LEAD, LEADINS);
    IDX(IX_APPROX, APPROX);
    IDX(IX_QUAL, QUALIFIERS);
    IDX(IX_SMALL[0], ONE);
    IDX(IX_SMALL[1], PERCENT);
    IDX(IX_SMALL[2], MONTH_PAST);
    IDX(IX_SMALL[3], MONTH_NEXT);
}

static void idx_ready(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, idx_init);
}

/* ---- where a value can start ------------------------------------------------
 *
 * Every parser above begins with a key of one of the tables (a lead-in, an
 * approximation marker, a currency symbol or code, a preposition, a qualifier,
 * a relative phrase, a month, a number word), with a digit, or with one of the
 * literal words date_at()/ago_at()/ars_parse_date() test in code (START_WORDS
 * below: keep it in step with them). Keys are matched byte for byte and a key
 * word ending in a letter needs a word boundary, so the run of letters at the
 * start of the text must be the run of letters that starts some key ("d" for
 * "d'une valeur", "jusqu" for "jusqu'en"; the elided "d'" of a "de"). The
 * extractor tries the parsers at every word of a sentence; this test lets it
 * skip the words where none of them can succeed (tests/core checks it against
 * the parsers themselves at every position of the test texts). */
static const char *const START_WORDS[] = {"mi", "mid", "il", "hace", "premier", "primero", "last", "pasado",
                                          "next", "proximo", "d"};

#define SW_SIZE 1024
static struct { char w[24]; unsigned char n; } sw[SW_SIZE];
static bool first_byte_ok[256];

static size_t sw_slot(const char *w, size_t n)
{
    uint32_t h = 2166136261u;                      /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h & (SW_SIZE - 1);
}

static void sw_add(const char *key)
{
    size_t n = 0;
    while (is_alpha(key[n])) n++;
    first_byte_ok[(unsigned char)key[0]] = true;
    if (n == 0 || n >= sizeof sw[0].w) return;
    size_t h = sw_slot(key, n);
    for (; sw[h].n; h = (h + 1) & (SW_SIZE - 1))
        if (sw[h].n == n && same(sw[h].w, key, n)) return;
    memcpy(sw[h].w, key, n);
    sw[h].n = (unsigned char)n;
    if (n == 2 && key[0] == 'd' && key[1] == 'e') sw_add("d");   /* "de" matches the elided "d'" */
}

#define SW_TABLE(t) for (size_t i = 0; i < COUNT(t); i++) sw_add(*(const char *const *)(const void *)&(t)[i])

static void sw_init(void)
{
    SW_TABLE(NUMWORDS);
    SW_TABLE(CURSYMS);
    SW_TABLE(MONTHS);
    SW_TABLE(RELATIVE);
    SW_TABLE(PREPS);
    SW_TABLE(LEADINS);
    SW_TABLE(APPROX);
    SW_TABLE(QUALIFIERS);
    SW_TABLE(START_WORDS);
    for (int c = '0'; c <= '9'; c++) first_byte_ok[c] = true;
}

bool ars_value_may_start(const char *p, const char *end)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sw_init);
    if (p >= end) return false;
    if (!is_alpha(*p)) return first_byte_ok[(unsigned char)*p];
    size_t n = 0;
    while (p + n < end && is_alpha(p[n])) n++;
    if (n >= sizeof sw[0].w) return false;
    for (size_t h = sw_slot(p, n); sw[h].n; h = (h + 1) & (SW_SIZE - 1))
        if (sw[h].n == n && same(sw[h].w, p, n)) return true;
    return false;
}

int ars_parse_date(const char **cur, const char *end, const char *anchor, char out[11])
{
    idx_ready();
    if (!cur || !*cur || !end || !out) return 0;
    ymd an, x;
    bool has_an = parse_anchor(anchor, &an);
    const char *p = *cur, *q;
    bool year_ok = false, bare = true;
    for (int k = 0; k < 2; k++) {
        bool found = false;
        if (p >= end) break;
        FOR_FIRST(IX_PREP, *p, i) {
            if ((q = phrase(p, end, PREPS[i].w)) && (q = sp1(q, end))) {
                p = q;
                year_ok |= PREPS[i].year_ok;
                bare = false;
                found = true;
                break;
            }
        }
        if (!found) break;
    }
    if ((q = phrase_any(p, end, QUALIFIERS, &IX_QUAL, NULL)) && (q = sp1(q, end))) {
        p = q;
        year_ok = true;
    } else if ((q = word(p, end, "mi")) || (q = word(p, end, "mid"))) {
        if (q < end && (*q == '-' || *q == ' ')) {
            p = sp0(q + 1, end);
            year_ok = true;
        }
    }
    if (!(q = date_at(p, end, has_an ? &an : NULL, year_ok, bare, &x))) return 0;
    /* ISO out, as precise as the text */
    char buf[11];
    buf[0] = (char)('0' + x.y / 1000);
    buf[1] = (char)('0' + x.y / 100 % 10);
    buf[2] = (char)('0' + x.y / 10 % 10);
    buf[3] = (char)('0' + x.y % 10);
    size_t n = 4;
    if (x.m) {
        buf[4] = '-';
        buf[5] = (char)('0' + x.m / 10);
        buf[6] = (char)('0' + x.m % 10);
        n = 7;
        if (x.d) {
            buf[7] = '-';
            buf[8] = (char)('0' + x.d / 10);
            buf[9] = (char)('0' + x.d % 10);
            n = 10;
        }
    }
    buf[n] = '\0';
    memcpy(out, buf, n + 1);
    *cur = q;
    return 1;
}
