/*
 * rxfilter.c -- see rxfilter.h.
 *
 *   pattern (UTF-16, from uregex_pattern)
 *     -> tree: sequences of {class | zero-width | group} x {min,max}
 *     -> window: top-level mandatory class A at offset [lo,hi], length <= L
 *        or prefix: classes of the first K characters of every match
 *
 * Lengths are counted in code points and turned into bytes with 4 bytes per
 * code point (UTF-8 never needs more), so every bound errs on the large side.
 */
#include "rxfilter.h"
#include "util.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#define INF (-1)
#define MAX_PREFIX 8
#define MAX_DEPTH 32

/* ---- the tree ------------------------------------------------------------------- */

enum { RN_SET, RN_ZERO, RN_GROUP };

typedef struct rseq rseq;
typedef struct rnode {
    int type;
    USet *set;        /* RN_SET: one code point of it (case-closed when ci) */
    bool ci;          /* RN_SET under (?i) */
    rseq *alts;       /* RN_GROUP: alternatives */
    size_t nalts;
    int min, max;     /* repetition, max INF */
} rnode;
struct rseq { rnode *v; size_t n, cap; };

static void seq_free(rseq *s);
static void node_free(rnode *n)
{
    if (n->set) uset_close(n->set);
    for (size_t i = 0; i < n->nalts; i++) seq_free(&n->alts[i]);
    free(n->alts);
}
static void seq_free(rseq *s)
{
    for (size_t i = 0; i < s->n; i++) node_free(&s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

/* ---- parser: the subset of ICU syntax the analysis understands -------------------- */

typedef struct {
    const UChar *p;
    int32_t i, n;
    bool fail;
    bool any_ci;
    int depth;
} parser;

static UChar32 peek(const parser *ps)
{
    if (ps->i >= ps->n) return -1;
    UChar32 c;
    int32_t j = ps->i;
    U16_NEXT(ps->p, j, ps->n, c);
    return c;
}

static UChar32 take(parser *ps)
{
    UChar32 c;
    U16_NEXT(ps->p, ps->i, ps->n, c);
    return c;
}

static USet *set_of_pattern(const char *pat)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar buf[128];
    if (strlen(pat) >= sizeof buf / sizeof buf[0]) return NULL;
    u_uastrcpy(buf, pat);
    USet *s = uset_openPatternOptions(buf, -1, 0, &st);
    if (U_FAILURE(st)) { if (s) uset_close(s); return NULL; }
    return s;
}

static USet *set_any(void)
{
    return uset_open(0, 0x10FFFF);
}

/* \d \s \w \p{..} \P{..} (ICU's definitions), or a literal escaped
 * punctuation / control letter; *lit gets a single code point, else a set is
 * returned. Anything else (back-references, \x, \Q, \N, \b inside a class...)
 * fails. Negated shorthands become "any character": a superset is enough. */
static USet *escape(parser *ps, UChar32 *lit)
{
    *lit = -1;
    if (ps->i >= ps->n) { ps->fail = true; return NULL; }
    UChar32 c = take(ps);
    switch (c) {
    case 'd': return set_of_pattern("[\\p{Nd}]");
    /* ICU documents \s as [\t\n\f\r\p{Z}] but matches White_Space (VT and
     * NEL too): the union, so that the class is never too small */
    case 's': return set_of_pattern("[\\t\\n\\f\\r\\p{Z}\\p{White_Space}]");
    case 'w': return set_of_pattern("[\\p{Alphabetic}\\p{Mark}\\p{Decimal_Number}\\p{Connector_Punctuation}\\u200c\\u200d]");
    case 'D': case 'S': case 'W': return set_any();
    case 'p': case 'P': {
        if (peek(ps) != '{') { ps->fail = true; return NULL; }
        int32_t s = ps->i;
        while (ps->i < ps->n && ps->p[ps->i] != '}') ps->i++;
        if (ps->i >= ps->n) { ps->fail = true; return NULL; }
        ps->i++;
        int32_t len = ps->i - s;
        if (len > 60) { ps->fail = true; return NULL; }
        UChar buf[72];
        buf[0] = '[';
        buf[1] = '\\';
        buf[2] = 'p';
        memcpy(buf + 3, ps->p + s, (size_t)len * sizeof(UChar));
        buf[3 + len] = ']';
        UErrorCode st = U_ZERO_ERROR;
        USet *u = uset_openPatternOptions(buf, 4 + len, 0, &st);
        if (U_FAILURE(st)) { if (u) uset_close(u); ps->fail = true; return NULL; }
        if (c == 'P') uset_complement(u);
        return u;
    }
    case 't': *lit = '\t'; return NULL;
    case 'n': *lit = '\n'; return NULL;
    case 'r': *lit = '\r'; return NULL;
    case 'f': *lit = '\f'; return NULL;
    default:
        if (c < 0x80 && !u_isalnum(c)) { *lit = c; return NULL; }
        ps->fail = true;
        return NULL;
    }
}

/* [...] without nesting or set operations; a negated class is "any". */
static USet *char_class(parser *ps)
{
    bool neg = false;
    if (peek(ps) == '^') { take(ps); neg = true; }
    if (peek(ps) == ':') { ps->fail = true; return NULL; }   /* [:alpha:] is a property set */
    USet *u = uset_openEmpty();
    bool first = true;
    UChar32 prev = -1;           /* last single char, for ranges */
    bool after_set = false;      /* "[\p{L}-x]": not a range; do not guess */
    for (;;) {
        if (ps->i >= ps->n) { ps->fail = true; break; }
        UChar32 c = take(ps);
        if (c == ']' && !first) break;
        first = false;
        if (c == '[' ) { ps->fail = true; break; }
        if ((c == '&' || c == '-') && peek(ps) == c) { ps->fail = true; break; }
        if (c == '-' && after_set) { ps->fail = true; break; }
        after_set = false;
        if (c == '-' && prev >= 0 && peek(ps) != ']' && peek(ps) != -1) {
            UChar32 hi = take(ps);
            if (hi == '\\') {
                UChar32 lit;
                USet *e = escape(ps, &lit);
                if (e) { uset_close(e); ps->fail = true; break; }
                if (ps->fail) break;
                hi = lit;
            } else if (hi == '[') { ps->fail = true; break; }
            if (hi < prev) { ps->fail = true; break; }
            uset_addRange(u, prev, hi);
            prev = -1;
            continue;
        }
        if (c == '\\') {
            UChar32 lit;
            USet *e = escape(ps, &lit);
            if (ps->fail) { if (e) uset_close(e); break; }
            if (e) { uset_addAll(u, e); uset_close(e); prev = -1; after_set = true; continue; }
            c = lit;
        }
        uset_add(u, c);
        prev = c;
    }
    if (ps->fail) { uset_close(u); return NULL; }
    if (neg) { uset_close(u); return set_any(); }
    return u;
}

static bool seq_push(rseq *s, const rnode *n)
{
    if (ARS_GROW(s->v, s->n, s->cap)) return false;
    s->v[s->n++] = *n;
    return true;
}

static void parse_alts(parser *ps, bool ci, rnode *group);

/* {n}, {n,}, {n,m} */
static bool counted(parser *ps, int *mn, int *mx)
{
    int32_t save = ps->i;
    take(ps);
    long a = 0, b;
    int nd = 0;
    while (peek(ps) >= '0' && peek(ps) <= '9' && nd < 6) { a = a * 10 + (take(ps) - '0'); nd++; }
    if (nd == 0) { ps->i = save; return false; }
    b = a;
    if (peek(ps) == ',') {
        take(ps);
        nd = 0;
        b = 0;
        while (peek(ps) >= '0' && peek(ps) <= '9' && nd < 6) { b = b * 10 + (take(ps) - '0'); nd++; }
        if (nd == 0) b = INF;
    }
    if (peek(ps) != '}' || (b != INF && b < a)) { ps->fail = true; return false; }
    take(ps);
    *mn = (int)a;
    *mx = (int)b;
    return true;
}

static void parse_seq(parser *ps, bool ci, rseq *out)
{
    while (!ps->fail && ps->i < ps->n) {
        UChar32 c = peek(ps);
        if (c == '|' || c == ')') return;
        take(ps);
        rnode n = {0};
        n.min = n.max = 1;
        UChar32 lit = -1;
        switch (c) {
        case '(': {
            if (++ps->depth > MAX_DEPTH) { ps->fail = true; return; }
            bool gci = ci;
            if (peek(ps) == '?') {
                take(ps);
                UChar32 k = peek(ps);
                if (k == ':') take(ps);
                else if (k == 'i' && ps->i + 1 < ps->n && ps->p[ps->i + 1] == ':') { take(ps); take(ps); gci = true; }
                else if (k == '<' && ps->i + 1 < ps->n && u_isalpha(ps->p[ps->i + 1])) {
                    while (ps->i < ps->n && ps->p[ps->i] != '>') ps->i++;       /* named capture */
                    if (ps->i >= ps->n) { ps->fail = true; return; }
                    ps->i++;
                } else { ps->fail = true; return; }  /* look-around, atomic, flags, comments */
            }
            n.type = RN_GROUP;
            parse_alts(ps, gci, &n);
            ps->depth--;
            if (ps->fail || peek(ps) != ')') { node_free(&n); ps->fail = true; return; }
            take(ps);
            break;
        }
        case '[':
            n.type = RN_SET;
            n.set = char_class(ps);
            break;
        case '.':
            n.type = RN_SET;
            n.set = set_any();
            break;
        case '^': case '$':
            n.type = RN_ZERO;
            break;
        case '\\':
            if (peek(ps) == 'b' || peek(ps) == 'B') { take(ps); n.type = RN_ZERO; break; }
            n.type = RN_SET;
            n.set = escape(ps, &lit);
            if (!n.set && !ps->fail) { n.set = uset_openEmpty(); uset_add(n.set, lit); }
            break;
        case '*': case '+': case '?': case '{': case ']': case '}':
            ps->fail = true;                               /* a quantifier with nothing before it, ... */
            return;
        default:
            n.type = RN_SET;
            n.set = uset_openEmpty();
            uset_add(n.set, c);
        }
        if (ps->fail) { node_free(&n); return; }
        if (n.type == RN_SET && !n.set) { ps->fail = true; return; }
        /* quantifier */
        UChar32 q = peek(ps);
        int mn = 1, mx = 1;
        bool quant = true;
        if (q == '*') { take(ps); mn = 0; mx = INF; }
        else if (q == '+') { take(ps); mn = 1; mx = INF; }
        else if (q == '?') { take(ps); mn = 0; mx = 1; }
        else if (q == '{') quant = counted(ps, &mn, &mx);
        else quant = false;
        if (ps->fail) { node_free(&n); return; }
        if (quant) {
            if (peek(ps) == '?' || peek(ps) == '+') take(ps);   /* lazy / possessive: same characters */
            UChar32 q2 = peek(ps);
            if (q2 == '*' || q2 == '+' || q2 == '?' || q2 == '{') { node_free(&n); ps->fail = true; return; }
            if (n.type == RN_ZERO) { mn = mx = 1; }
            n.min = mn;
            n.max = mx;
        }
        if (n.type == RN_SET && ci) {
            uset_closeOver(n.set, USET_CASE_INSENSITIVE);
            n.ci = true;
            ps->any_ci = true;
        }
        if (!seq_push(out, &n)) { node_free(&n); ps->fail = true; return; }
    }
}

static void parse_alts(parser *ps, bool ci, rnode *group)
{
    for (;;) {
        rseq s = {0};
        parse_seq(ps, ci, &s);
        rseq *na = realloc(group->alts, (group->nalts + 1) * sizeof *na);
        if (!na) { seq_free(&s); ps->fail = true; return; }
        group->alts = na;
        group->alts[group->nalts++] = s;
        if (ps->fail) return;
        if (peek(ps) != '|') return;
        take(ps);
    }
}

/* ---- lengths (code points) -------------------------------------------------------- */

static long add_len(long a, long b) { return (a == INF || b == INF) ? INF : a + b; }
static long mul_len(long a, int k)
{
    if (k == 0) return 0;
    if (a == INF || k == INF) return a == 0 ? 0 : INF;
    return a * k > 100000 ? INF : a * k;
}

static void seq_len(const rseq *s, long *mn, long *mx);
static void node_len(const rnode *n, long *mn, long *mx)
{
    long a = 0, b = 0;
    if (n->type == RN_SET) { a = 1; b = 1; }
    else if (n->type == RN_GROUP) {
        for (size_t i = 0; i < n->nalts; i++) {
            long x, y;
            seq_len(&n->alts[i], &x, &y);
            if (i == 0 || x < a) a = x;
            if (i == 0) b = y;
            else if (b != INF && (y == INF || y > b)) b = y;
        }
    }
    *mn = mul_len(a, n->min);
    *mx = mul_len(b, n->max);
}

static void seq_len(const rseq *s, long *mn, long *mx)
{
    long a = 0, b = 0;
    for (size_t i = 0; i < s->n; i++) {
        long x, y;
        node_len(&s->v[i], &x, &y);
        a = add_len(a, x);
        b = add_len(b, y);
    }
    *mn = a;
    *mx = b;
}

/* ---- the filter -------------------------------------------------------------------- */

typedef struct cset {
    bool ascii[128];
    bool skip[256];   /* bytes a scan for the class steps over: ASCII outside it, UTF-8 continuations */
    USet *u;          /* the whole class (non-ASCII looked up here) */
    bool ci;
} cset;

enum { F_WINDOW = 1, F_PREFIX = 2, F_RUN = 3 };

struct ars_rxfilter {
    int kind;
    cset anchor;          /* window */
    size_t before, span;  /* bytes: match start >= anchor - before; end <= start + span */
    cset pre[MAX_PREFIX]; /* prefix; run: the prefix of a mandatory part */
    int npre;
    cset allowed;         /* run: every character a match can contain */
    struct alt_prefix { cset c[MAX_PREFIX]; int n; } *alts;   /* run: the mandatory part's */
    int nalts;            /* alternatives, each with the classes of its first characters */
    bool first[128];      /* run: ASCII bytes that can start one of them */
    bool first_skip[256]; /* run: bytes that cannot (ASCII not in first, UTF-8 continuations) */
    cset first_set;       /* run: the union of the alternatives' first classes */
    /* prefix and run: ASCII byte pairs that can start a prefix / an alternative,
     * bit b1 of pair[b0] (a table look-up rejects most positions) */
    uint64_t pair[128][2];
};

static void pair_add(ars_rxfilter *f, const cset *c0, const cset *c1)
{
    for (int a = 0; a < 128; a++)
        if (c0->ascii[a])
            for (int b = 0; b < 128; b++)
                if (c1->ascii[b]) f->pair[a][b >> 6] |= 1ULL << (b & 63);
}

static bool cset_init(cset *c, const USet *u, bool ci)
{
    memset(c, 0, sizeof *c);
    c->u = uset_clone(u);
    if (!c->u) return false;
    for (int k = 0; k < 128; k++) c->ascii[k] = uset_contains(u, k);
    for (int k = 0; k < 256; k++) c->skip[k] = k < 0x80 ? !c->ascii[k] : (k & 0xC0) == 0x80;
    uset_freeze(c->u);            /* frozen sets are safe to share between threads */
    c->ci = ci;
    return true;
}

static bool fold_is_multi(UChar32 cp)
{
    UChar src[2], dst[8];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(src, n, cp);
    int32_t m = u_strFoldCase(dst, 8, src, n, U_FOLD_CASE_DEFAULT, &st);
    return U_FAILURE(st) || m > U16_LENGTH(cp) || u_countChar32(dst, m) != 1;
}

/* fold_is_multi for the BMP, computed once per code point (1 = no, 2 = yes):
 * it was an ICU call for every accented letter of every French page, for each
 * class tested. Relaxed atomics: racing threads store the same value. */
static _Atomic uint8_t multi_cache[65536];

static bool folds_to_several(UChar32 cp)
{
    if (cp < 0 || cp > 0xFFFF) return fold_is_multi(cp);
    uint8_t v = atomic_load_explicit(&multi_cache[cp], memory_order_relaxed);
    if (!v) {
        v = fold_is_multi(cp) ? 2 : 1;
        atomic_store_explicit(&multi_cache[cp], v, memory_order_relaxed);
    }
    return v == 2;
}

/* Whether the code point may stand where the class is. Under (?i) a character
 * whose full case folding is several characters (ß, ligatures) may match
 * several pattern characters: *wild says the rest of the prefix is unknown. */
static bool cset_has(const cset *c, UChar32 cp, bool *wild)
{
    if (cp < 128 && cp >= 0) return c->ascii[cp];
    if (c->ci && folds_to_several(cp)) { *wild = true; return true; }
    return uset_contains(c->u, cp);
}

static bool set_has_strings(const USet *u)
{
    int32_t n = uset_getItemCount(u);
    for (int32_t i = n - 1; i >= 0; i--) {
        UChar32 a, b;
        UChar str[8];
        UErrorCode st = U_ZERO_ERROR;
        int32_t len = uset_getItem(u, i, &a, &b, str, 8, &st);
        if (len != 0) return true;       /* items with strings come last */
        break;
    }
    return false;
}

/* Inline groups that occur exactly once into the sequence, so their
 * mandatory classes count at the top level. */
static bool flatten(const rseq *s, const rnode ***out, size_t *n, size_t *cap, int depth)
{
    for (size_t i = 0; i < s->n; i++) {
        const rnode *x = &s->v[i];
        if (x->type == RN_GROUP && x->nalts == 1 && x->min == 1 && x->max == 1 && depth < MAX_DEPTH) {
            if (!flatten(&x->alts[0], out, n, cap, depth + 1)) return false;
            continue;
        }
        if (ARS_GROW(*out, *n, *cap)) return false;
        (*out)[(*n)++] = x;
    }
    return true;
}

/* How common a class is in text, roughly: lower-case letters and spaces
 * weigh most. The window anchors on the rarest mandatory class. */
static int weight(const USet *u)
{
    int w = 0;
    for (int k = 0; k < 128; k++)
        if (uset_contains(u, k)) w += (k >= 'a' && k <= 'z') || k == ' ' ? 20 : (k >= 'A' && k <= 'Z') ? 3 : 1;
    return w + (uset_size(u) > 128 ? 5 : 0);
}

static bool try_window(ars_rxfilter *f, const rseq *top)
{
    long mn, mx;
    seq_len(top, &mn, &mx);
    if (mx == INF || mn < 1) return false;
    const rnode **v = NULL;
    size_t n = 0, cap = 0;
    if (!flatten(top, &v, &n, &cap, 0)) { free(v); return false; }
    long lo = 0, hi = 0;
    int best = -1, bw = 0;
    long bhi = 0;
    for (size_t i = 0; i < n; i++) {
        long a, b;
        if (v[i]->type == RN_SET && v[i]->min >= 1 && !v[i]->ci) {
            int w = weight(v[i]->set);
            if (best < 0 || w < bw) { best = (int)i; bw = w; bhi = hi; }
        }
        node_len(v[i], &a, &b);
        lo = add_len(lo, a);
        hi = add_len(hi, b);
    }
    bool ok = best >= 0 && bw < 200 && cset_init(&f->anchor, v[best]->set, false);
    if (ok) {
        f->kind = F_WINDOW;
        f->before = (size_t)bhi * 4;
        f->span = (size_t)mx * 4;
    }
    free(v);
    (void)lo;
    return ok;
}

/* Classes of the first characters of every match, as far as they are fixed:
 * stops at the first optional or variable part; alternatives contribute the
 * union of their first characters up to the shortest of them. */
static int prefix_seq(const rseq *s, USet **out, bool *ci, int k, bool *stop, int depth);

static int prefix_node(const rnode *x, USet **out, bool *ci, int k, bool *stop, int depth)
{
    if (x->type == RN_ZERO) return k;
    if (x->min < 1 || depth > MAX_DEPTH) { *stop = true; return k; }
    if (x->type == RN_SET) {
        if (x->ci && set_has_strings(x->set)) { *stop = true; return k; }
        int reps = x->min;
        for (int r = 0; r < reps && k < MAX_PREFIX; r++) {
            out[k] = uset_clone(x->set);
            ci[k] = x->ci;
            if (!out[k]) { *stop = true; return k; }
            k++;
        }
        if (x->max != x->min) *stop = true;
        return k;
    }
    /* group */
    if (x->nalts == 1) {
        int k0 = k;
        k = prefix_seq(&x->alts[0], out, ci, k, stop, depth + 1);
        if (x->max != 1 || x->min != 1) *stop = true;
        (void)k0;
        return k;
    }
    USet *alt[MAX_PREFIX];
    bool aci[MAX_PREFIX];
    int common = MAX_PREFIX;
    USet *acc[MAX_PREFIX] = {0};
    bool acci[MAX_PREFIX] = {0};
    for (size_t i = 0; i < x->nalts; i++) {
        bool st = false;
        int m = prefix_seq(&x->alts[i], alt, aci, 0, &st, depth + 1);
        if (m < common) common = m;
        for (int j = 0; j < m; j++) {
            if (!acc[j]) acc[j] = uset_openEmpty();
            uset_addAll(acc[j], alt[j]);
            acci[j] |= aci[j];
            uset_close(alt[j]);
        }
    }
    for (int j = 0; j < MAX_PREFIX; j++) {
        if (j < common && k < MAX_PREFIX) { out[k] = acc[j]; ci[k] = acci[j]; k++; }
        else if (acc[j]) uset_close(acc[j]);
    }
    *stop = true;
    return k;
}

static int prefix_seq(const rseq *s, USet **out, bool *ci, int k, bool *stop, int depth)
{
    for (size_t i = 0; i < s->n && !*stop && k < MAX_PREFIX; i++) k = prefix_node(&s->v[i], out, ci, k, stop, depth);
    return k;
}

static bool try_prefix(ars_rxfilter *f, const rseq *top)
{
    USet *sets[MAX_PREFIX] = {0};
    bool ci[MAX_PREFIX] = {0};
    bool stop = false;
    int k = prefix_seq(top, sets, ci, 0, &stop, 0);
    /* worth it only when the first few characters are selective */
    int w = 0;
    for (int j = 0; j < k && j < 3; j++) w += weight(sets[j]);
    bool ok = k >= 3 && w < 300;
    for (int j = 0; j < k; j++) {
        if (ok && !cset_init(&f->pre[j], sets[j], ci[j])) ok = false;
        uset_close(sets[j]);
    }
    if (ok) {
        f->kind = F_PREFIX;
        f->npre = k;
        pair_add(f, &f->pre[0], &f->pre[1]);
    }
    return ok;
}

/* Adds every class of the tree to acc; false if one of them is "any" (then
 * runs would be the whole text). */
static bool collect_sets(const rseq *s, USet *acc, int depth)
{
    for (size_t i = 0; i < s->n; i++) {
        const rnode *x = &s->v[i];
        if (x->type == RN_SET) {
            if (uset_size(x->set) >= 0x110000) return false;
            uset_addAll(acc, x->set);
        } else if (x->type == RN_GROUP) {
            if (depth > MAX_DEPTH) return false;
            for (size_t a = 0; a < x->nalts; a++)
                if (!collect_sets(&x->alts[a], acc, depth + 1)) return false;
        }
    }
    return true;
}

/*
 * run: no window and no selective prefix, but (1) a match is made only of the
 * characters of the pattern's classes (letters, digits, spaces... and not
 * '.' or ','), so it lies inside one run of such characters, and (2) the
 * match contains a mandatory part (a top-level element that occurs at least
 * once) whose alternatives start with known characters. Runs where none of
 * the alternatives starts cannot hold a match; ICU runs on the others only
 * (the name-class pattern "\b(\p{Lu}...)\s+(?i:drones?|fighters?|...)" is run
 * where the text has "dro", "fig", "jet"..., not at every capital letter).
 */
#define MAX_ALTS 32

typedef struct alt_sets { USet *s[MAX_PREFIX]; bool ci[MAX_PREFIX]; int n; } alt_sets;

/* The alternatives of a mandatory element with the classes of their first
 * characters; false when one has fewer than two (too weak) or there are too many. */
static bool mandatory_alts(const rnode *x, alt_sets *out, int *nout)
{
    *nout = 0;
    if (x->type == RN_GROUP && x->nalts > 1) {
        if (x->nalts > MAX_ALTS) return false;
        for (size_t i = 0; i < x->nalts; i++) {
            bool stop = false;
            alt_sets *a = &out[(*nout)++];
            memset(a, 0, sizeof *a);
            a->n = prefix_seq(&x->alts[i], a->s, a->ci, 0, &stop, 1);
            if (a->n < 2) return false;
        }
        return true;
    }
    bool stop = false;
    alt_sets *a = &out[(*nout)++];
    memset(a, 0, sizeof *a);
    a->n = prefix_node(x, a->s, a->ci, 0, &stop, 0);
    return a->n >= 2;
}

static void alts_free(alt_sets *v, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < v[i].n; j++) uset_close(v[i].s[j]);
}

static bool try_run(ars_rxfilter *f, const rseq *top, bool any_ci)
{
    USet *acc = uset_openEmpty();
    bool ok = collect_sets(top, acc, 0) && !uset_contains(acc, '.') && !uset_contains(acc, ',');
    const rnode **v = NULL;
    size_t n = 0, cap = 0;
    if (ok) ok = flatten(top, &v, &n, &cap, 0);
    alt_sets *best = calloc(2 * MAX_ALTS, sizeof *best), *cand = best ? best + MAX_ALTS : NULL;
    if (!best) ok = false;
    int nbest = 0, bmin = 0, bw = 0;
    for (size_t i = 0; ok && i < n; i++) {
        if (v[i]->type == RN_ZERO || v[i]->min < 1) continue;
        int nc = 0;
        bool good = mandatory_alts(v[i], cand, &nc);
        /* the longest shortest prefix wins; then the rarest first characters */
        int mn = MAX_PREFIX, w = 0;
        for (int j = 0; j < nc; j++) {
            if (cand[j].n < mn) mn = cand[j].n;
            if (cand[j].n > 0) w += weight(cand[j].s[0]);
        }
        if (good && (nbest == 0 || mn > bmin || (mn == bmin && w < bw))) {
            alts_free(best, nbest);
            memcpy(best, cand, sizeof cand[0] * (size_t)nc);
            nbest = nc;
            bmin = mn;
            bw = w;
        } else {
            alts_free(cand, nc);
        }
    }
    ok = ok && nbest > 0 && cset_init(&f->allowed, acc, any_ci);
    if (ok) ok = (f->alts = calloc((size_t)nbest, sizeof *f->alts)) != NULL;
    for (int i = 0; ok && i < nbest; i++) {
        for (int j = 0; ok && j < best[i].n; j++) {
            if (!cset_init(&f->alts[i].c[j], best[i].s[j], best[i].ci[j])) ok = false;
            else f->alts[i].n = j + 1;
        }
        f->nalts = i + 1;
        for (int k = 0; k < 128; k++) f->first[k] |= f->alts[i].c[0].ascii[k];
        if (ok) pair_add(f, &f->alts[i].c[0], &f->alts[i].c[1]);
    }
    for (int k = 0; k < 256; k++) f->first_skip[k] = k < 0x80 ? !f->first[k] : (k & 0xC0) == 0x80;
    if (ok) {
        USet *u = uset_openEmpty();
        bool ci = false;
        for (int i = 0; i < f->nalts; i++) { uset_addAll(u, f->alts[i].c[0].u); ci |= f->alts[i].c[0].ci; }
        ok = cset_init(&f->first_set, u, ci);
        uset_close(u);
    }
    if (best) alts_free(best, nbest);
    free(best);
    if (ok) f->kind = F_RUN;
    free(v);
    uset_close(acc);
    return ok;
}

ars_rxfilter *ars_rxfilter_new(const URegularExpression *re)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    const UChar *pat = uregex_pattern(re, &len, &st);
    if (U_FAILURE(st) || !pat) return NULL;
    st = U_ZERO_ERROR;
    int32_t flags = uregex_flags(re, &st);
    if (U_FAILURE(st) || (flags & ~UREGEX_CASE_INSENSITIVE) != 0) return NULL;   /* (?x), dotall, multiline... */
    parser ps = {pat, 0, len, false, false, 0};
    rnode top = {0};
    top.type = RN_GROUP;
    top.min = top.max = 1;
    parse_alts(&ps, (flags & UREGEX_CASE_INSENSITIVE) != 0, &top);
    ars_rxfilter *f = NULL;
    if (!ps.fail && ps.i == ps.n && top.nalts == 1) {
        f = calloc(1, sizeof *f);
        if (f && !(!ps.any_ci && try_window(f, &top.alts[0])) && !try_prefix(f, &top.alts[0]) &&
            !try_run(f, &top.alts[0], ps.any_ci)) {
            ars_rxfilter_free(f);
            f = NULL;
        }
    }
    node_free(&top);
    return f;
}

void ars_rxfilter_free(ars_rxfilter *f)
{
    if (!f) return;
    if (f->anchor.u) uset_close(f->anchor.u);
    if (f->allowed.u) uset_close(f->allowed.u);
    if (f->first_set.u) uset_close(f->first_set.u);
    for (int i = 0; i < f->nalts; i++)
        for (int j = 0; j < f->alts[i].n; j++) uset_close(f->alts[i].c[j].u);
    free(f->alts);
    for (int j = 0; j < f->npre; j++) uset_close(f->pre[j].u);
    free(f);
}

const char *ars_rxfilter_kind(const ars_rxfilter *f)
{
    return !f ? "none" : f->kind == F_WINDOW ? "window" : f->kind == F_PREFIX ? "prefix" : "run";
}

/* ---- scanning ----------------------------------------------------------------------- */

void ars_rxscan_begin(ars_rxscan *it, URegularExpression *re, const ars_rxfilter *f, const char *text,
                      size_t len, bool whole)
{
    memset(it, 0, sizeof *it);
    it->re = re;
    it->f = f;
    it->text = (const unsigned char *)text;
    it->len = len;
    it->full = whole || !f;
}

static UChar32 cp_at(const ars_rxscan *it, size_t i, size_t *next)
{
    size_t j = i;
    int32_t c = ars_utf8_next(it->text, it->len, &j);
    *next = j;
    return c < 0 ? 0xFFFD : c;
}

/* next anchor character at or after i, or len */
static size_t find_anchor(const ars_rxscan *it, size_t i)
{
    const cset *a = &it->f->anchor;
    const unsigned char *t = it->text;
    while (i < it->len) {
        while (i < it->len && a->skip[t[i]]) i++;   /* one look-up per byte */
        if (i >= it->len) break;
        unsigned char b = t[i];
        if (b < 0x80) return i;
        size_t nx;
        bool wild = false;
        if (cset_has(a, cp_at(it, i, &nx), &wild)) return i;
        i = nx;
    }
    return it->len;
}

/* False when the ASCII bytes at i and i + 1 cannot start a prefix (both
 * ASCII, pair not in the table, or no second byte): every prefix has at
 * least two characters. True means "check properly". */
static bool pair_may(const ars_rxscan *it, size_t i)
{
    unsigned char b0 = it->text[i];
    if (i + 1 >= it->len) return false;
    unsigned char b1 = it->text[i + 1];
    if (b0 >= 0x80 || b1 >= 0x80) return true;
    return (it->f->pair[b0][b1 >> 6] >> (b1 & 63)) & 1;
}

/* whether the text at i can start with characters of c[0], c[1], ... c[n-1] */
static bool classes_at(const ars_rxscan *it, const cset *c, int n, size_t i)
{
    for (int j = 0; j < n; j++) {
        if (i >= it->len) return false;
        unsigned char b = it->text[i];
        if (b < 0x80) {
            if (!c[j].ascii[b]) return false;
            i++;
            continue;
        }
        size_t nx;
        bool wild = false;
        if (!cset_has(&c[j], cp_at(it, i, &nx), &wild)) return false;
        if (wild) return true;
        i = nx;
    }
    return true;
}

static bool prefix_ok(const ars_rxscan *it, size_t i)
{
    return classes_at(it, it->f->pre, it->f->npre, i);
}

static void set_region(ars_rxscan *it, size_t a, size_t b, UErrorCode *st)
{
    uregex_setRegion64(it->re, (int64_t)a, (int64_t)b, st);
    uregex_useTransparentBounds(it->re, true, st);
    uregex_useAnchoringBounds(it->re, false, st);
}

static bool next_window(ars_rxscan *it, UErrorCode *st)
{
    const ars_rxfilter *f = it->f;
    for (;;) {
        if (it->in_region) {
            if (uregex_findNext(it->re, st)) {
                int64_t s = uregex_start64(it->re, 0, st), e = uregex_end64(it->re, 0, st);
                if (U_FAILURE(*st)) return false;
                if ((size_t)s <= it->rlast) {
                    it->pos = (size_t)e;
                    return true;
                }
            }
            if (U_FAILURE(*st)) return false;
            it->in_region = false;
            if (it->pos < it->rlast + 1) it->pos = it->rlast + 1;
        }
        size_t q0 = find_anchor(it, it->pos);
        if (q0 >= it->len) return false;
        /* anchors close together share one region (at most ~4 KiB of them) */
        size_t qk = q0, q;
        while ((q = find_anchor(it, qk + 1)) < it->len && q <= qk + f->span && q - q0 < 4096) qk = q;
        size_t a = q0 > f->before ? q0 - f->before : 0;
        if (a < it->pos) a = it->pos;
        while (a > it->pos && (it->text[a] & 0xC0) == 0x80) a--;
        size_t b = qk + f->span + 4 < it->len ? qk + f->span + 4 : it->len;
        while (b < it->len && (it->text[b] & 0xC0) == 0x80) b++;
        set_region(it, a, b, st);
        if (U_FAILURE(*st)) return false;
        it->rstart = a;
        it->rlast = qk;
        it->in_region = true;
    }
}

static bool next_prefix(ars_rxscan *it, UErrorCode *st)
{
    const cset *p0 = &it->f->pre[0];
    size_t i = it->pos;
    while (i < it->len) {
        while (i < it->len && p0->skip[it->text[i]]) i++;
        if (i >= it->len) break;
        unsigned char b = it->text[i];
        if (b < 0x80 && !pair_may(it, i)) { i++; continue; }
        if (prefix_ok(it, i)) {
            set_region(it, i, it->len, st);
            if (U_FAILURE(*st)) return false;
            if (uregex_lookingAt(it->re, -1, st)) {
                int64_t e = uregex_end64(it->re, 0, st);
                if (U_FAILURE(*st)) return false;
                it->pos = (size_t)e > i ? (size_t)e : i + 1;
                return true;
            }
            if (U_FAILURE(*st)) return false;
        }
        if (b < 0x80) i++;
        else { size_t nx; cp_at(it, i, &nx); i = nx; }
    }
    it->pos = it->len;
    return false;
}

/* Whether the character at i can be part of a match (run filter); *next = the
 * character after it. Under (?i), a character whose full folding is several
 * characters may stand for several pattern characters: allowed. */
static bool allowed_at(const ars_rxscan *it, size_t i, size_t *next)
{
    unsigned char b = it->text[i];
    if (b < 0x80) { *next = i + 1; return it->f->allowed.ascii[b]; }
    bool wild = false;
    return cset_has(&it->f->allowed, cp_at(it, i, next), &wild);
}

/* the next position at or after i where one of the mandatory part's
 * alternatives can start, or len */
static size_t find_mandatory(const ars_rxscan *it, size_t i)
{
    const ars_rxfilter *f = it->f;
    while (i < it->len) {
        while (i < it->len && f->first_skip[it->text[i]]) i++;
        if (i >= it->len) break;
        unsigned char b = it->text[i];
        if (b < 0x80 && !pair_may(it, i)) { i++; continue; }
        if (b >= 0x80) {   /* one class test for all alternatives first */
            size_t nx;
            bool wild = false;
            if (!cset_has(&f->first_set, cp_at(it, i, &nx), &wild)) { i = nx; continue; }
        }
        for (int a = 0; a < f->nalts; a++)
            if (classes_at(it, f->alts[a].c, f->alts[a].n, i)) return i;
        if (b < 0x80) i++;
        else { size_t nx; cp_at(it, i, &nx); i = nx; }
    }
    return it->len;
}

static bool next_run(ars_rxscan *it, UErrorCode *st)
{
    for (;;) {
        if (it->in_region) {
            /* the region is a whole run: every match in it lies inside it */
            if (uregex_findNext(it->re, st)) {
                int64_t e = uregex_end64(it->re, 0, st);
                if (U_FAILURE(*st)) return false;
                it->pos = (size_t)e;
                return true;
            }
            if (U_FAILURE(*st)) return false;
            it->in_region = false;
            it->pos = it->rlast;
        }
        size_t q = find_mandatory(it, it->pos);
        if (q >= it->len) { it->pos = it->len; return false; }
        /* the run around q: back to the previous disallowed character (never
         * before pos, which is one or the start), forward to the next one */
        size_t a = q;
        while (a > it->pos) {
            size_t j = a - 1, nx;
            while (j > it->pos && (it->text[j] & 0xC0) == 0x80) j--;
            if (!allowed_at(it, j, &nx)) break;
            a = j;
        }
        size_t b = q, nx;
        while (b < it->len && allowed_at(it, b, &nx)) b = nx;
        if (b == q) cp_at(it, q, &b);   /* cannot happen (q starts the prefix): never loop */
        set_region(it, a, b, st);
        if (U_FAILURE(*st)) return false;
        it->rstart = a;
        it->rlast = b;
        it->in_region = true;
    }
}

bool ars_rxscan_next(ars_rxscan *it, UErrorCode *st)
{
    if (it->done) return false;
    bool ok = it->full ? uregex_findNext(it->re, st)
            : it->f->kind == F_WINDOW ? next_window(it, st)
            : it->f->kind == F_PREFIX ? next_prefix(it, st) : next_run(it, st);
    if (!ok || U_FAILURE(*st)) it->done = true;
    return ok && U_SUCCESS(*st);
}
