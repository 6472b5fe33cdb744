/*
 * ac.c -- see ac.h.
 *
 *   build:  trie of nodes {first_child, next_sibling, sym}   (linked, mutable)
 *   freeze: state s -> fn[s] {edge_start, nedges, out, row}
 *           few edges:  edges[edge_start .. +nedges)  sorted by sym
 *           many edges (and the root): dense[row][symcode[sym]]
 *           outputs: out_head[s] -> outs[i] {payload, prefix, next}
 */
#include "ac.h"
#include "util.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NSYM 256

typedef struct { uint32_t first_child, next_sibling; uint8_t sym; uint32_t out; } bnode;
typedef struct { uint32_t payload; uint32_t next; bool prefix; } out_t;
typedef struct { uint8_t sym; uint32_t to; } edge_t;

/* Frozen state: everything a step needs in one 16-byte record, so walking
 * the trie touches one record per state instead of three arrays. States with
 * many edges (the upper levels, where most words of a text fail) get a dense
 * row indexed by the compact symbol instead of a linear search. */
typedef struct {
    uint32_t edge_start;
    uint32_t out;        /* first output or NONE */
    uint32_t row;        /* dense row index or NONE */
    uint16_t nedges;
    uint16_t pad;
} fnode;

#define DENSE_MIN 6

struct ars_ac {
    bnode *nodes;
    size_t nnodes, cap;
    out_t *outs;
    size_t nouts, outcap;
    uint32_t root_build[NSYM];  /* the root's children while building (the widest node) */
    /* frozen */
    fnode *fn;
    edge_t *edges;
    uint32_t *dense;            /* rows of ncodes entries */
    bool compiled;
};

static uint8_t symmap[256];
static uint8_t symcode[256];   /* symbol -> compact code 1..ncodes-1 (0: none) */
static unsigned ncodes;
static void init_symmap(void)
{
    for (int c = 0; c < 256; c++) symmap[c] = 0;
    for (int c = 'a'; c <= 'z'; c++) symmap[c] = (uint8_t)c;
    for (int c = '0'; c <= '9'; c++) symmap[c] = (uint8_t)c;
    symmap[' '] = ' ';
    symmap['-'] = ' ';
    const char *keep = "'./&+\"!,:;()";
    for (const char *k = keep; *k; k++) symmap[(unsigned char)*k] = (uint8_t)*k;
    for (int c = 0x80; c < 256; c++) symmap[c] = (uint8_t)c;
    ncodes = 1;
    for (int c = 0; c < 256; c++)
        if (symmap[c] == c && c) symcode[c] = (uint8_t)ncodes++;
}

#define NONE UINT32_MAX

ars_ac *ars_ac_new(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_symmap);
    ars_ac *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    if (ARS_GROW(a->nodes, a->nnodes, a->cap)) { free(a); return NULL; }
    a->nodes[0] = (bnode){NONE, NONE, 0, NONE};
    a->nnodes = 1;
    for (int k = 0; k < NSYM; k++) a->root_build[k] = NONE;
    return a;
}

void ars_ac_free(ars_ac *a)
{
    if (!a) return;
    free(a->nodes);
    free(a->outs);
    free(a->fn);
    free(a->edges);
    free(a->dense);
    free(a);
}

static uint32_t child_build(ars_ac *a, uint32_t s, uint8_t sym, bool create)
{
    if (s == 0 && a->root_build[sym] != NONE) return a->root_build[sym];
    uint32_t prev = NONE, c = a->nodes[s].first_child;
    while (c != NONE && a->nodes[c].sym < sym) { prev = c; c = a->nodes[c].next_sibling; }
    if (c != NONE && a->nodes[c].sym == sym) return c;
    if (!create) return NONE;
    if (ARS_GROW(a->nodes, a->nnodes, a->cap)) return NONE;
    uint32_t n = (uint32_t)a->nnodes++;
    a->nodes[n] = (bnode){NONE, c, sym, NONE};
    if (prev == NONE) a->nodes[s].first_child = n;
    else a->nodes[prev].next_sibling = n;
    if (s == 0) a->root_build[sym] = n;
    return n;
}

int ars_ac_add(ars_ac *a, const char *key, size_t len, uint32_t payload, bool prefix)
{
    if (a->compiled || len == 0) return -1;
    uint32_t s = 0;
    bool last_sep = false;
    for (size_t i = 0; i < len; i++) {
        uint8_t sym = symmap[(unsigned char)key[i]];
        if (!sym) return -1;                 /* a byte the text can never contain here */
        if (sym == ' ') { if (last_sep) continue; last_sep = true; } else last_sep = false;
        s = child_build(a, s, sym, true);
        if (s == NONE) return -1;
    }
    /* no duplicate payloads on one state */
    for (uint32_t o = a->nodes[s].out; o != NONE; o = a->outs[o].next)
        if (a->outs[o].payload == payload) return 0;
    if (ARS_GROW(a->outs, a->nouts, a->outcap)) return -1;
    a->outs[a->nouts] = (out_t){payload, a->nodes[s].out, prefix};
    a->nodes[s].out = (uint32_t)a->nouts++;
    return 0;
}

/* States are renumbered breadth first: the upper levels, which every word of
 * a text walks, end up next to each other in memory (a few cache lines
 * instead of one per state). */
int ars_ac_compile(ars_ac *a)
{
    size_t n = a->nnodes;
    uint32_t *order = malloc((n ? n : 1) * sizeof *order), *newid = malloc((n ? n : 1) * sizeof *newid);
    a->fn = malloc((n ? n : 1) * sizeof *a->fn);
    a->edges = malloc((n ? n : 1) * sizeof *a->edges);
    if (!order || !newid || !a->fn || !a->edges) { free(order); free(newid); return -1; }
    size_t head = 0, tail = 0;
    order[tail++] = 0;
    while (head < tail) {
        uint32_t s = order[head++];
        newid[s] = (uint32_t)(head - 1);
        for (uint32_t c = a->nodes[s].first_child; c != NONE; c = a->nodes[c].next_sibling) order[tail++] = c;
    }
    size_t e = 0, nrows = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t s = order[k];
        fnode *f = &a->fn[k];
        f->edge_start = (uint32_t)e;
        f->out = a->nodes[s].out;
        f->row = NONE;
        f->pad = 0;
        for (uint32_t c = a->nodes[s].first_child; c != NONE; c = a->nodes[c].next_sibling)
            a->edges[e++] = (edge_t){a->nodes[c].sym, newid[c]};
        f->nedges = (uint16_t)(e - f->edge_start);
        if (e - f->edge_start >= DENSE_MIN || k == 0) f->row = (uint32_t)nrows++;
    }
    free(order);
    free(newid);
    a->dense = malloc((nrows ? nrows : 1) * ncodes * sizeof *a->dense);
    if (!a->dense) return -1;
    for (size_t k = 0; k < n; k++) {
        fnode *f = &a->fn[k];
        if (f->row == NONE) continue;
        uint32_t *row = a->dense + (size_t)f->row * ncodes;
        for (unsigned c = 0; c < ncodes; c++) row[c] = NONE;
        for (uint32_t i = f->edge_start; i < f->edge_start + f->nedges; i++) row[symcode[a->edges[i].sym]] = a->edges[i].to;
    }
    a->compiled = true;
    return 0;
}

size_t ars_ac_states(const ars_ac *a) { return a->nnodes; }

static inline uint32_t step(const ars_ac *a, uint32_t s, uint8_t sym)
{
    const fnode *f = &a->fn[s];
    if (f->row != NONE) return a->dense[(size_t)f->row * ncodes + symcode[sym]];
    const edge_t *e = a->edges + f->edge_start, *end = e + f->nedges;
    for (; e < end; e++) {
        if (e->sym == sym) return e->to;
        if (e->sym > sym) break;
    }
    return NONE;
}

static inline bool word_start(const unsigned char *t, size_t i)
{
    return i == 0 || !ars_is_word_byte(t[i - 1]);
}

void ars_ac_scan(const ars_ac *a, const char *text, size_t len, ars_ac_fn fn, void *ctx)
{
    const unsigned char *t = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        if (!ars_is_word_byte(t[i]) || !word_start(t, i)) continue;
        uint32_t s = 0;
        for (size_t j = i; j < len; j++) {
            uint8_t sym = symmap[t[j]];
            if (!sym) break;
            /* collapse separator runs like the keys do ("F -16") */
            if (sym == ' ' && j > i && symmap[t[j - 1]] == ' ') continue;
            s = step(a, s, sym);
            if (s == NONE) break;
            uint32_t o = a->fn[s].out;
            if (o == NONE) continue;
            bool at_end = j + 1 >= len || !ars_is_word_byte(t[j + 1]) || !ars_is_word_byte(t[j]);
            /* English plural of a designation ending in a digit, or in a variant
             * letter after a digit: "F-16s", "Su-35s", "F-35As", "AH-64Es" */
            bool code_end = (t[j] >= '0' && t[j] <= '9') ||
                            (j > i && t[j] >= 'a' && t[j] <= 'z' && t[j] != 's' && t[j - 1] >= '0' && t[j - 1] <= '9');
            bool plural = !at_end && code_end && t[j + 1] == 's' && (j + 2 >= len || !ars_is_word_byte(t[j + 2]));
            for (; o != NONE; o = a->outs[o].next) {
                ars_ac_hit h = {i, j + 1, a->outs[o].payload};
                if (a->outs[o].prefix) {
                    size_t k = j + 1;
                    while (k < len && ars_is_word_byte(t[k])) k++;
                    h.end = k;
                } else if (plural) {
                    h.end = j + 2;
                } else if (!at_end) continue;
                /* a key must end on a word char or punctuation, never on a separator */
                if (t[j] == ' ' || t[j] == '-') continue;
                fn(&h, ctx);
            }
        }
    }
}

void ars_ac_lookup(const ars_ac *a, const char *key, size_t len, ars_ac_fn fn, void *ctx)
{
    uint32_t s = 0;
    const unsigned char *t = (const unsigned char *)key;
    for (size_t j = 0; j < len; j++) {
        uint8_t sym = symmap[t[j]];
        if (!sym) return;
        if (sym == ' ' && j > 0 && symmap[t[j - 1]] == ' ') continue;
        s = step(a, s, sym);
        if (s == NONE) return;
    }
    for (uint32_t o = a->fn[s].out; o != NONE; o = a->outs[o].next) {
        ars_ac_hit h = {0, len, a->outs[o].payload};
        fn(&h, ctx);
    }
}
