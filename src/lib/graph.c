/*
 * graph.c -- the procurement graph: nodes and edges from merged deals, node
 * measures computed with igraph, export dispatch and the `stats` table.
 *
 * Shape (see graph_internal.h for the structs):
 *   country --buys-->  system      one edge per deal
 *   country --sells--> system      one edge per deal with a known seller state
 *   company --makes--> system      one per pair, weight = deals
 *   company --based_in--> country  one per pair (the supplier's country)
 *   country --supplies--> country  seller -> buyer, one per pair: deals, distinct
 *                                   systems, value per currency, first/last year
 *
 * Measures (igraph 0.10):
 *   degree / indegree / outdegree   over every edge (parallel edges count)
 *   strength                        sum of incident edge weights (weight = deals)
 *   pagerank                        directed, weighted, damping 0.85 (PRPACK)
 *   community                       Louvain (igraph_community_multilevel) on the
 *                                   undirected supplier graph (countries joined
 *                                   by supplies edges, weight = deals). Countries
 *                                   without any supplies edge get -1; a company
 *                                   gets its home country's community; systems
 *                                   get -1. Communities are numbered 0, 1, ... in
 *                                   the order of their first node id. igraph's
 *                                   RNG is seeded with a fixed value before the
 *                                   run, so the output is reproducible.
 *
 * igraph's default error handler aborts the process: the first graph built
 * installs (pthread_once) a handler that records the message and frees igraph's
 * cleanup stack; failures come back as ARS_EDEP with the message in the diag.
 * This igraph build is not thread-safe (IGRAPH_THREAD_SAFE 0), so graphs must
 * not be built from two threads at once.
 */
#define _GNU_SOURCE 1   /* uselocale/newlocale (also POSIX 2008) */
#include "graph_internal.h"
#include "atomicfile.h"
#include "emit.h"
#include "arsenal/text.h"
#include <errno.h>
#include <igraph/igraph.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- igraph set-up ------------------------------------------------------------------ */

static char ig_last_error[256];
static pthread_once_t ig_once = PTHREAD_ONCE_INIT;

static void ig_error_handler(const char *reason, const char *file, int line, igraph_error_t err)
{
    (void)file;
    (void)line;
    snprintf(ig_last_error, sizeof ig_last_error, "%s (%s)", reason ? reason : "igraph error",
             igraph_strerror(err));
    IGRAPH_FINALLY_FREE();
}

static void ig_warning_handler(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

static void ig_install(void)
{
    igraph_set_error_handler(ig_error_handler);
    igraph_set_warning_handler(ig_warning_handler);
}

/* ---- small helpers -------------------------------------------------------------------- */

const char *ars_node_type_name(ars_node_type t)
{
    static const char *const names[] = {"company", "country", "system"};
    return (unsigned)t <= ARS_NODE_SYSTEM ? names[t] : "unknown";
}

const char *ars_edge_type_name(ars_edge_type t)
{
    static const char *const names[] = {"based_in", "buys", "makes", "sells", "supplies"};
    return (unsigned)t <= ARS_EDGE_SUPPLIES ? names[t] : "unknown";
}

/* ars_graph_clean appended to b */
static void clean_into(ars_buf *b, const char *s)
{
    size_t n = strlen(s), i = 0;
    ars_buf_reserve(b, n + 1);
    while (i < n) {
        size_t st = i;
        while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) i++;   /* plain ASCII */
        if (i > st) { ars_buf_put(b, s + st, i - st); continue; }
        int32_t cp = ars_utf8_next((const unsigned char *)s, n, &i);
        if (cp < 0) { ars_buf_puts(b, "\xEF\xBF\xBD"); continue; }
        if (cp == '\t' || cp == '\n' || cp == '\r') { ars_buf_putc(b, ' '); continue; }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF || cp == 0xFEFF) continue;
        /* bidi embeddings, overrides and isolates can reorder the rest of a CSV
         * line or DOT label on screen; the marks LRM/RLM/ALM are kept */
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) continue;
        ars_buf_put(b, s + st, i - st);
    }
}

char *ars_graph_clean(const char *s)
{
    if (!s) return NULL;
    ars_buf b;
    ars_buf_init(&b);
    clean_into(&b, s);
    ars_buf_putc(&b, '\0');  /* so that an empty result is "" rather than NULL */
    if (b.failed) { ars_buf_free(&b); return NULL; }
    return ars_buf_take(&b, NULL);
}

const char *ars_fmt_num(double v, char *buf, size_t n)
{
    if (!isfinite(v)) { snprintf(buf, n, "0"); return buf; }
    if (v == floor(v) && fabs(v) < 1e15 && n >= 22) {   /* "%.0f" without printf: most numbers */
        if (v == 0 && signbit(v)) { memcpy(buf, "-0", 3); return buf; }
        ars_fmt_ll(buf, (long long)v);
        return buf;
    }
    if (v == floor(v) && fabs(v) < 1e15) { snprintf(buf, n, "%.0f", v); return buf; }
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) != v) snprintf(buf, n, "%.17g", v);
    return buf;
}

char *ars_gedge_values_str(const ars_gedge *e)
{
    ars_buf b;
    ars_buf_init(&b);
    char num[40];
    for (size_t i = 0; i < e->nvalues; i++)
        ars_buf_printf(&b, "%s%s %s", i ? "; " : "", e->values[i].currency[0] ? e->values[i].currency : "???",
                       ars_fmt_num(e->values[i].amount, num, sizeof num));
    ars_buf_putc(&b, '\0');
    if (b.failed) { ars_buf_free(&b); return NULL; }
    return ars_buf_take(&b, NULL);
}

static void years_widen(int *first, int *last, int y)
{
    if (!y) return;
    if (!*first || y < *first) *first = y;
    if (!*last || y > *last) *last = y;
}

/* "lockheed-martin": folded, ASCII [a-z0-9] kept, runs of anything else -> '-'.
 * Names that lose non-ASCII letters get an 8-hex hash suffix so that two
 * different names in another script never share an id. */
static char *slug(const char *name)
{
    size_t fl = 0;
    char *f = ars_fold(name, strlen(name), &fl);
    const char *s = f ? f : name;
    size_t n = f ? fl : strlen(name);
    ars_buf b;
    ars_buf_init(&b);
    bool dash = false, lost = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && b.len) ars_buf_putc(&b, '-');
            dash = false;
            ars_buf_putc(&b, (char)c);
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && b.len) ars_buf_putc(&b, '-');
            dash = false;
            ars_buf_putc(&b, (char)(c - 'A' + 'a'));
        } else {
            dash = true;
            if (c >= 0x80) lost = true;
        }
    }
    if (lost || b.len == 0)
        ars_buf_printf(&b, "%s%08llx", b.len ? "-" : "",
                       (unsigned long long)(ars_hash64(s, n, 0) & 0xffffffffULL));
    free(f);
    ars_buf_putc(&b, '\0');
    if (b.failed) { ars_buf_free(&b); return NULL; }
    return ars_buf_take(&b, NULL);
}

/* ---- hash maps: string -> index, and a set of 64-bit pairs ------------------------------ */

typedef struct strmap {
    const char **keys;  /* borrowed: owned by nodes, edges or the build arena */
    size_t *vals;
    size_t cap, n;
} strmap;

static size_t strmap_slot(const strmap *m, const char *k)
{
    size_t h = (size_t)ars_hash64(k, strlen(k), 0) & (m->cap - 1);
    while (m->keys[h] && strcmp(m->keys[h], k) != 0) h = (h + 1) & (m->cap - 1);
    return h;
}

static bool strmap_get(const strmap *m, const char *k, size_t *v)
{
    if (!m->cap) return false;
    size_t h = strmap_slot(m, k);
    if (!m->keys[h]) return false;
    *v = m->vals[h];
    return true;
}

static int strmap_put(strmap *m, const char *k, size_t v)
{
    if (2 * (m->n + 1) > m->cap) {
        strmap o = *m;
        m->cap = o.cap ? o.cap * 2 : 64;
        m->keys = calloc(m->cap, sizeof *m->keys);
        m->vals = malloc(m->cap * sizeof *m->vals);
        if (!m->keys || !m->vals) { free(m->keys); free(m->vals); *m = o; return ARS_ENOMEM; }
        m->n = 0;
        for (size_t i = 0; i < o.cap; i++)
            if (o.keys[i]) {
                size_t h = strmap_slot(m, o.keys[i]);
                m->keys[h] = o.keys[i];
                m->vals[h] = o.vals[i];
                m->n++;
            }
        free(o.keys);
        free(o.vals);
    }
    size_t h = strmap_slot(m, k);
    if (!m->keys[h]) m->n++;
    m->keys[h] = k;
    m->vals[h] = v;
    return 0;
}

static void strmap_free(strmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

typedef struct u64set {
    uint64_t *v;    /* stored as value + 1; 0 = empty */
    size_t cap, n;
} u64set;

/* Adds x; returns 1 if it was new, 0 if present, ARS_ENOMEM. */
static int u64set_add(u64set *s, uint64_t x)
{
    if (2 * (s->n + 1) > s->cap) {
        u64set o = *s;
        s->cap = o.cap ? o.cap * 2 : 64;
        s->v = calloc(s->cap, sizeof *s->v);
        if (!s->v) { *s = o; return ARS_ENOMEM; }
        s->n = 0;
        for (size_t i = 0; i < o.cap; i++)
            if (o.v[i]) { (void)u64set_add(s, o.v[i] - 1); }
        free(o.v);
    }
    size_t h = (size_t)((x + 1) * 0x9E3779B97F4A7C15ULL >> 17) & (s->cap - 1);
    while (s->v[h] && s->v[h] != x + 1) h = (h + 1) & (s->cap - 1);
    if (s->v[h]) return 0;
    s->v[h] = x + 1;
    s->n++;
    return 1;
}

/* (a, b) -> index, open addressing; a = 0 marks an empty slot, so callers
 * keep a non-zero (the edge type is stored in its top byte, plus one). */
typedef struct pairmap {
    uint64_t *a, *b;
    size_t *vals;
    size_t cap, n;
} pairmap;

static size_t pairmap_slot(const pairmap *m, uint64_t a, uint64_t b)
{
    size_t h = (size_t)(((a * 0x9E3779B97F4A7C15ULL) ^ b) * 0xC2B2AE3D27D4EB4FULL >> 17) & (m->cap - 1);
    while (m->a[h] && (m->a[h] != a || m->b[h] != b)) h = (h + 1) & (m->cap - 1);
    return h;
}

static bool pairmap_get(const pairmap *m, uint64_t a, uint64_t b, size_t *v)
{
    if (!m->cap) return false;
    size_t h = pairmap_slot(m, a, b);
    if (!m->a[h]) return false;
    *v = m->vals[h];
    return true;
}

static int pairmap_put(pairmap *m, uint64_t a, uint64_t b, size_t v)
{
    if (2 * (m->n + 1) > m->cap) {
        pairmap o = *m;
        m->cap = o.cap ? o.cap * 2 : 64;
        m->a = calloc(m->cap, sizeof *m->a);
        m->b = malloc(m->cap * sizeof *m->b);
        m->vals = malloc(m->cap * sizeof *m->vals);
        if (!m->a || !m->b || !m->vals) { free(m->a); free(m->b); free(m->vals); *m = o; return ARS_ENOMEM; }
        m->n = 0;
        for (size_t i = 0; i < o.cap; i++)
            if (o.a[i]) {
                size_t h = pairmap_slot(m, o.a[i], o.b[i]);
                m->a[h] = o.a[i];
                m->b[h] = o.b[i];
                m->vals[h] = o.vals[i];
                m->n++;
            }
        free(o.a);
        free(o.b);
        free(o.vals);
    }
    size_t h = pairmap_slot(m, a, b);
    if (!m->a[h]) m->n++;
    m->a[h] = a;
    m->b[h] = b;
    m->vals[h] = v;
    return 0;
}

static void pairmap_free(pairmap *m)
{
    free(m->a);
    free(m->b);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- building ----------------------------------------------------------------------- */

/* Country codes as country_node normalises them (1-3 of [A-Z0-9_]) index a
 * direct table: base 38, 0 = past the end. */
enum { CODE_SLOTS = 38 * 38 * 38 };

typedef struct builder {
    ars_graph *g;
    size_t ncap, ecap;
    strmap nodes;       /* node id -> index */
    strmap systems;     /* raw system name -> node index (skips folding and slug) */
    strmap companies;   /* raw company name -> node index */
    size_t *countries;  /* code slot -> node index + 1 (0 = not yet) */
    pairmap aggr;       /* (type, source, target) of an aggregate edge -> index */
    u64set pairs;       /* (supplies edge, system node) already counted */
    ars_arena arena;
    ars_buf scratch;    /* an edge label or evidence being built */
} builder;

/* The scratch buffer's contents copied into the graph's arena; NULL on failure. */
static char *scratch_keep(builder *b)
{
    if (b->scratch.failed) return NULL;
    return ars_arena_strndup(&b->g->strings, b->scratch.len ? b->scratch.data : "", b->scratch.len);
}

#define NONE ((size_t)-1)

static void node_free(ars_gnode *n)
{
    free(n->id);
    free(n->label);
    free(n->category);
    free(n->family);
}

static void edge_free(ars_gedge *e)
{
    free(e->id);
    free(e->values);
}

void ars_graph_free(ars_graph *g)
{
    if (!g) return;
    for (size_t i = 0; i < g->nnodes; i++) node_free(&g->nodes[i]);
    for (size_t i = 0; i < g->nedges; i++) edge_free(&g->edges[i]);
    free(g->nodes);
    free(g->edges);
    ars_arena_free(&g->strings);
    free(g);
}

/* Finds or adds the node `id` (taken: freed if the node exists). */
static int node_get(builder *b, char *id, ars_node_type type, const char *label, size_t *out)
{
    size_t idx;
    if (strmap_get(&b->nodes, id, &idx)) { free(id); *out = idx; return 0; }
    ars_graph *g = b->g;
    if (ARS_GROW(g->nodes, g->nnodes, b->ncap) != 0) { free(id); return ARS_ENOMEM; }
    ars_gnode *n = &g->nodes[g->nnodes];
    memset(n, 0, sizeof *n);
    n->id = id;
    n->type = type;
    n->community = -1;
    n->label = ars_graph_clean(label);
    if (!n->label) { free(id); return ARS_ENOMEM; }
    g->nnodes++;
    if (strmap_put(&b->nodes, n->id, g->nnodes - 1) != 0) return ARS_ENOMEM;
    *out = g->nnodes - 1;
    return 0;
}

static int country_node(builder *b, const char *iso3, const char *name, size_t *out)
{
    char code[4] = "";
    size_t k = 0;
    for (size_t i = 0; iso3[i] && k < 3; i++) {
        unsigned char c = (unsigned char)iso3[i];
        code[k++] = (c >= 'a' && c <= 'z') ? (char)(c - 32)
                  : ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? (char)c : '_';
    }
    code[k] = '\0';
    size_t slot = 0;
    for (size_t i = 0; i < 3; i++) {
        unsigned char c = (unsigned char)code[i];
        size_t d = !c ? 0 : c == '_' ? 1 : c <= '9' ? 2 + (size_t)(c - '0') : 12 + (size_t)(c - 'A');
        slot = slot * 38 + d;
        if (!c) { slot *= i == 0 ? 38 * 38 : i == 1 ? 38 : 1; break; }
    }
    ars_gnode *n;
    if (b->countries[slot]) {   /* the same node node_get would find by its id */
        *out = b->countries[slot] - 1;
        n = &b->g->nodes[*out];
    } else {
        char *id = ars_asprintf("country:%s", code);
        if (!id) return ARS_ENOMEM;
        int rc = node_get(b, id, ARS_NODE_COUNTRY, name && name[0] ? name : iso3, out);
        if (rc) return rc;
        b->countries[slot] = *out + 1;
        n = &b->g->nodes[*out];
        memcpy(n->iso3, code, sizeof n->iso3);
    }
    if (name && name[0] && strcmp(n->label, iso3) == 0) { /* a name for a code-only node */
        char *l = ars_graph_clean(name);
        if (!l) return ARS_ENOMEM;
        free(n->label);
        n->label = l;
    }
    return 0;
}

/* Company or system node from a name, via the raw-name cache. */
static int named_node(builder *b, ars_node_type type, const char *name, size_t *out)
{
    strmap *names = type == ARS_NODE_SYSTEM ? &b->systems : &b->companies;
    if (strmap_get(names, name, out)) return 0;
    char *s = slug(name);
    char *id = s ? ars_asprintf("%s:%s", ars_node_type_name(type), s) : NULL;
    free(s);
    int rc = id ? node_get(b, id, type, name, out) : ARS_ENOMEM;
    if (rc == 0) {
        char *kk = ars_arena_strndup(&b->arena, name, strlen(name));
        rc = kk ? strmap_put(names, kk, *out) : ARS_ENOMEM;
    }
    return rc;
}

static ars_gedge *edge_new(builder *b, ars_edge_type type, size_t src, size_t dst, char *id)
{
    ars_graph *g = b->g;
    if (!id || ARS_GROW(g->edges, g->nedges, b->ecap) != 0) { free(id); return NULL; }
    ars_gedge *e = &g->edges[g->nedges++];
    memset(e, 0, sizeof *e);
    e->id = id;
    e->type = type;
    e->src = src;
    e->dst = dst;
    e->quantity = ARS_NO_QUANTITY;
    return e;
}

/* The aggregate edge type(src -> dst), created on first use. */
static int aggr_edge(builder *b, ars_edge_type type, size_t src, size_t dst, size_t *out)
{
    /* node ids are unique and never contain "--" (slug), so the pair of nodes
     * is the id "type:source--target" without formatting it for every deal */
    uint64_t ka = ((uint64_t)type + 1) << 56 | (uint64_t)src;
    if (pairmap_get(&b->aggr, ka, (uint64_t)dst, out)) return 0;
    const ars_graph *g = b->g;
    char *id = ars_asprintf("%s:%s--%s", ars_edge_type_name(type), g->nodes[src].id, g->nodes[dst].id);
    ars_gedge *e = edge_new(b, type, src, dst, id);
    if (!e) return ARS_ENOMEM;
    *out = b->g->nedges - 1;
    return pairmap_put(&b->aggr, ka, (uint64_t)dst, *out);
}

static int add_value(ars_gedge *e, const ars_money *m)
{
    if (!m->present) return 0;
    size_t i = 0;
    while (i < e->nvalues && strcmp(e->values[i].currency, m->currency) < 0) i++;
    if (i < e->nvalues && strcmp(e->values[i].currency, m->currency) == 0) {
        e->values[i].amount += m->amount;
        return 0;
    }
    ars_value_sum *v = realloc(e->values, (e->nvalues + 1) * sizeof *v);
    if (!v) return ARS_ENOMEM;
    e->values = v;
    memmove(&v[i + 1], &v[i], (e->nvalues - i) * sizeof *v);
    memcpy(v[i].currency, m->currency, sizeof v[i].currency);
    v[i].amount = m->amount;
    e->nvalues++;
    return 0;
}

/* buys / sells: one edge per deal with its figures; comp = the supplier's node or NONE.
 * *evidence and *supplier: the deal's cleaned evidence and supplier name, made
 * by the first of its edges and shared by the second. */
static int deal_edge(builder *b, ars_edge_type type, size_t src, size_t dst, size_t comp,
                     const ars_deal *d, int y0, int y1, char **evidence, char **supplier)
{
    /* the deal id is only trusted as far as NMTOKEN characters go */
    const char *tn = ars_edge_type_name(type), *did = d->id && d->id[0] ? d->id : "deal";
    size_t tl = strlen(tn), dl = strlen(did);
    char *id = malloc(tl + dl + 2);
    if (id) {
        memcpy(id, tn, tl);
        id[tl] = ':';
        memcpy(id + tl + 1, did, dl + 1);
    }
    for (char *p = id ? id + tl + 1 : NULL; p && *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
            *p = '_';
    ars_gedge *e = edge_new(b, type, src, dst, id);
    if (!e) return ARS_ENOMEM;
    e->deal = d;
    e->kind = d->kind;
    e->quantity = d->quantity;
    e->value = d->value;
    if (e->value.present && !isfinite(e->value.amount)) e->value.present = false;
    memcpy(e->date, d->date, sizeof e->date);
    e->date[sizeof e->date - 1] = '\0';
    e->year = ars_date_year(e->date);
    e->status = d->status;
    e->nsources = d->nsources;
    e->weight = 1;
    e->deals = 1;
    e->systems = 1;
    e->first_year = y0;
    e->last_year = y1;
    ars_buf *sb = &b->scratch;
    if (d->nsources && d->sources[0].text && !*evidence) {
        ars_buf_reset(sb);
        clean_into(sb, d->sources[0].text);
        if (!(*evidence = scratch_keep(b))) return ARS_ENOMEM;
    }
    e->evidence = *evidence;
    if (comp != NONE && !*supplier) {
        const char *l = b->g->nodes[comp].label;
        if (!(*supplier = ars_arena_strndup(&b->g->strings, l, strlen(l)))) return ARS_ENOMEM;
    }
    e->supplier = comp != NONE ? *supplier : NULL;
    /* "buys 24, ordered 2021-03 (licensed_production)", without printf: two per deal */
    ars_buf *lb = sb;
    ars_buf_reset(lb);
    ars_buf_puts(lb, ars_edge_type_name(type));
    if (e->quantity != ARS_NO_QUANTITY) { ars_buf_putc(lb, ' '); ars_emit_ll(lb, e->quantity); }
    if (ars_status_name(e->status)) { ARS_PUTL(lb, ", "); ars_buf_puts(lb, ars_status_name(e->status)); }
    if (e->date[0]) { ars_buf_putc(lb, ' '); ars_buf_puts(lb, e->date); }
    if (e->kind != ARS_KIND_SALE) {
        ARS_PUTL(lb, " (");
        ars_buf_puts(lb, ars_kind_name(e->kind));
        ars_buf_putc(lb, ')');
    }
    if (!(e->label = scratch_keep(b))) return ARS_ENOMEM;
    e->value.currency[3] = '\0';
    return add_value(e, &e->value);
}

static int add_deal(builder *b, const ars_deal *d)
{
    int rc;
    size_t buyer = NONE, seller = NONE, sys = NONE, comp = NONE, home = NONE, ei;
    if (!d->buyer.iso3[0] || !d->system.name) return 0;  /* not a usable deal */
    int y0 = 0, y1 = 0;
    years_widen(&y0, &y1, ars_date_year(d->date));
    for (size_t i = 0; i < d->nsources; i++) years_widen(&y0, &y1, ars_date_year(d->sources[i].date));

    if ((rc = country_node(b, d->buyer.iso3, d->buyer.name, &buyer))) return rc;
    if ((rc = named_node(b, ARS_NODE_SYSTEM, d->system.canonical ? d->system.canonical : d->system.name, &sys))) return rc;
    ars_gnode *sn = &b->g->nodes[sys];
    if (!sn->category && d->system.category && !(sn->category = ars_graph_clean(d->system.category))) return ARS_ENOMEM;
    if (!sn->family && d->system.family && !(sn->family = ars_graph_clean(d->system.family))) return ARS_ENOMEM;
    if (sn->deals == 0) sn->generic = d->system.generic;
    if (d->seller.iso3[0] && (rc = country_node(b, d->seller.iso3, d->seller.name, &seller))) return rc;
    if (d->supplier.name && d->supplier.name[0]) {
        if ((rc = named_node(b, ARS_NODE_COMPANY, d->supplier.name, &comp))) return rc;
        if (d->supplier.iso3[0] && (rc = country_node(b, d->supplier.iso3, NULL, &home))) return rc;
    }
    ars_graph *g = b->g;

    char *evidence = NULL, *supplier = NULL;
    if ((rc = deal_edge(b, ARS_EDGE_BUYS, buyer, sys, comp, d, y0, y1, &evidence, &supplier))) return rc;
    if (seller != NONE) {
        if ((rc = deal_edge(b, ARS_EDGE_SELLS, seller, sys, comp, d, y0, y1, &evidence, &supplier))) return rc;
        if ((rc = aggr_edge(b, ARS_EDGE_SUPPLIES, seller, buyer, &ei))) return rc;
        ars_gedge *e = &g->edges[ei];
        e->deals++;
        e->weight = (double)e->deals;
        years_widen(&e->first_year, &e->last_year, y0);
        years_widen(&e->first_year, &e->last_year, y1);
        if (d->value.present && isfinite(d->value.amount) && (rc = add_value(e, &d->value))) return rc;
        int isnew = u64set_add(&b->pairs, ((uint64_t)ei << 32) | (uint64_t)sys);
        if (isnew < 0) return isnew;
        e->systems += (size_t)isnew;
    }
    if (comp != NONE) {
        if ((rc = aggr_edge(b, ARS_EDGE_MAKES, comp, sys, &ei))) return rc;
        ars_gedge *e = &g->edges[ei];
        e->deals++;
        e->weight = (double)e->deals;
        years_widen(&e->first_year, &e->last_year, y0);
        years_widen(&e->first_year, &e->last_year, y1);
        memcpy(g->nodes[comp].iso3, d->supplier.iso3, sizeof g->nodes[comp].iso3);
        g->nodes[comp].iso3[3] = '\0';
        if (home != NONE) {
            if ((rc = aggr_edge(b, ARS_EDGE_BASED_IN, comp, home, &ei))) return rc;
            e = &g->edges[ei];
            e->deals++;
            e->weight = (double)e->deals;
        }
    }
    size_t parts[4] = {buyer, sys, seller == buyer ? NONE : seller, comp};
    for (size_t i = 0; i < 4; i++) {
        if (parts[i] == NONE) continue;
        g->nodes[parts[i]].deals++;
        years_widen(&g->nodes[parts[i]].first_year, &g->nodes[parts[i]].last_year, y0);
        years_widen(&g->nodes[parts[i]].first_year, &g->nodes[parts[i]].last_year, y1);
    }
    return 0;
}

/* Labels of the aggregate edges, once their counts are known. */
static int aggr_label(builder *b, ars_gedge *e)
{
    if (e->label) return 0;
    ars_buf_reset(&b->scratch);
    if (e->type == ARS_EDGE_SUPPLIES)
        ars_buf_printf(&b->scratch, "supplies: %zu deal%s, %zu system%s", e->deals, e->deals == 1 ? "" : "s",
                       e->systems, e->systems == 1 ? "" : "s");
    else if (e->type == ARS_EDGE_MAKES)
        ars_buf_printf(&b->scratch, "makes (%zu deal%s)", e->deals, e->deals == 1 ? "" : "s");
    else
        ars_buf_puts(&b->scratch, "based in");
    e->label = scratch_keep(b);
    return e->label ? 0 : ARS_ENOMEM;
}

static int cmp_node_id(const void *a, const void *b)
{
    return strcmp(((const ars_gnode *)a)->id, ((const ars_gnode *)b)->id);
}

static int cmp_edge(const void *pa, const void *pb)
{
    const ars_gedge *a = pa, *b = pb;
    if (a->type != b->type) return (int)a->type - (int)b->type;
    if (a->src != b->src) return a->src < b->src ? -1 : 1;
    if (a->dst != b->dst) return a->dst < b->dst ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Sorts nodes by id and edges by (type, source, target, id); makes edge ids unique. */
static int sort_graph(ars_graph *g)
{
    size_t *newidx = malloc((g->nnodes ? g->nnodes : 1) * sizeof *newidx);
    if (!newidx) return ARS_ENOMEM;
    /* remember each node's old position in a field that the sort carries along */
    for (size_t i = 0; i < g->nnodes; i++) g->nodes[i].degree = (long)i;
    qsort(g->nodes, g->nnodes, sizeof *g->nodes, cmp_node_id);
    for (size_t i = 0; i < g->nnodes; i++) {
        newidx[g->nodes[i].degree] = i;
        g->nodes[i].degree = 0;
    }
    for (size_t i = 0; i < g->nedges; i++) {
        g->edges[i].src = newidx[g->edges[i].src];
        g->edges[i].dst = newidx[g->edges[i].dst];
    }
    free(newidx);
    qsort(g->edges, g->nedges, sizeof *g->edges, cmp_edge);
    for (size_t i = 1, base = 0, dup = 1; i < g->nedges; i++) {
        if (strcmp(g->edges[i].id, g->edges[base].id) != 0) { base = i; dup = 1; continue; }
        /* same id as an earlier edge (a deal set that was not merged) */
        char *nid = ars_asprintf("%s.%zu", g->edges[base].id, ++dup);
        if (!nid) return ARS_ENOMEM;
        free(g->edges[i].id);
        g->edges[i].id = nid;
    }
    return 0;
}

/* ---- measures ------------------------------------------------------------------------ */

static int ig_fail(ars_diag *diag, const char *what)
{
    ars_diag_add(diag, ARS_DIAG_ERROR, NULL, 0, 0, "igraph: %s failed: %s", what,
                 ig_last_error[0] ? ig_last_error : "unknown error");
    return ARS_EDEP;
}

typedef struct upair { size_t a, b; double w; } upair;

static int cmp_upair(const void *pa, const void *pb)
{
    const upair *x = pa, *y = pb;
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    return (x->b > y->b) - (x->b < y->b);
}

static int measures(ars_graph *g, ars_diag *diag)
{
    int rc = 0;
    igraph_t ig, ug;
    igraph_vector_int_t el, uel, memb;
    igraph_vector_t w, uw, res, mod;
    bool have_ig = false, have_ug = false;
    size_t *cidx = NULL, *umap = NULL;
    upair *up = NULL;

    if (g->nnodes == 0) return 0;
    ig_last_error[0] = '\0';
    igraph_vector_int_init(&el, 0);
    igraph_vector_int_init(&uel, 0);
    igraph_vector_int_init(&memb, 0);
    igraph_vector_init(&w, 0);
    igraph_vector_init(&uw, 0);
    igraph_vector_init(&res, 0);
    igraph_vector_init(&mod, 0);
    if (igraph_vector_int_resize(&el, (igraph_integer_t)(2 * g->nedges)) ||
        igraph_vector_resize(&w, (igraph_integer_t)g->nedges)) { rc = ig_fail(diag, "allocation"); goto cleanup; }
    for (size_t i = 0; i < g->nedges; i++) {
        VECTOR(el)[2 * i] = (igraph_integer_t)g->edges[i].src;
        VECTOR(el)[2 * i + 1] = (igraph_integer_t)g->edges[i].dst;
        VECTOR(w)[i] = g->edges[i].weight > 0 ? g->edges[i].weight : 1;
    }
    if (igraph_create(&ig, &el, (igraph_integer_t)g->nnodes, IGRAPH_DIRECTED)) { rc = ig_fail(diag, "igraph_create"); goto cleanup; }
    have_ig = true;
    igraph_vector_int_t deg;
    igraph_vector_int_init(&deg, 0);
    static const igraph_neimode_t modes[3] = {IGRAPH_ALL, IGRAPH_IN, IGRAPH_OUT};
    for (int m = 0; m < 3; m++) {
        if (igraph_degree(&ig, &deg, igraph_vss_all(), modes[m], IGRAPH_LOOPS)) {
            igraph_vector_int_destroy(&deg);
            rc = ig_fail(diag, "igraph_degree");
            goto cleanup;
        }
        for (size_t i = 0; i < g->nnodes; i++) {
            long v = (long)VECTOR(deg)[i];
            if (m == 0) g->nodes[i].degree = v;
            else if (m == 1) g->nodes[i].indegree = v;
            else g->nodes[i].outdegree = v;
        }
    }
    igraph_vector_int_destroy(&deg);
    if (igraph_strength(&ig, &res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w)) { rc = ig_fail(diag, "igraph_strength"); goto cleanup; }
    for (size_t i = 0; i < g->nnodes; i++) g->nodes[i].strength = VECTOR(res)[i];
    if (igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &res, NULL, igraph_vss_all(), IGRAPH_DIRECTED,
                        0.85, &w, NULL)) { rc = ig_fail(diag, "igraph_pagerank"); goto cleanup; }
    for (size_t i = 0; i < g->nnodes; i++) {
        /* rounded so that the last bits of floating-point noise never reach the output */
        double p = VECTOR(res)[i];
        g->nodes[i].pagerank = round(p * 1e12) / 1e12;
    }

    /* the supplier graph: countries joined by supplies edges, undirected, weights summed */
    cidx = malloc(g->nnodes * sizeof *cidx);
    umap = malloc(g->nnodes * sizeof *umap);
    up = malloc((g->nedges ? g->nedges : 1) * sizeof *up);
    if (!cidx || !umap || !up) { rc = ARS_ENOMEM; goto cleanup; }
    size_t nc = 0, nup = 0;
    for (size_t i = 0; i < g->nnodes; i++) umap[i] = NONE;
    for (size_t i = 0; i < g->nedges; i++) {
        const ars_gedge *e = &g->edges[i];
        if (e->type != ARS_EDGE_SUPPLIES || e->src == e->dst) continue;
        size_t a = e->src < e->dst ? e->src : e->dst, c = e->src < e->dst ? e->dst : e->src;
        for (size_t k = 0; k < 2; k++) {
            size_t v = k ? c : a;
            if (umap[v] == NONE) { umap[v] = 0; }
        }
        up[nup].a = a;
        up[nup].b = c;
        up[nup].w = e->weight;
        nup++;
    }
    for (size_t i = 0; i < g->nnodes; i++)
        if (umap[i] != NONE) { umap[i] = nc; cidx[nc++] = i; }
    if (nc > 0) {
        qsort(up, nup, sizeof *up, cmp_upair);
        size_t k = 0;
        for (size_t i = 0; i < nup; i++) {
            if (k && up[k - 1].a == up[i].a && up[k - 1].b == up[i].b) up[k - 1].w += up[i].w;
            else up[k++] = up[i];
        }
        nup = k;
        if (igraph_vector_int_resize(&uel, (igraph_integer_t)(2 * nup)) ||
            igraph_vector_resize(&uw, (igraph_integer_t)nup)) { rc = ig_fail(diag, "allocation"); goto cleanup; }
        for (size_t i = 0; i < nup; i++) {
            VECTOR(uel)[2 * i] = (igraph_integer_t)umap[up[i].a];
            VECTOR(uel)[2 * i + 1] = (igraph_integer_t)umap[up[i].b];
            VECTOR(uw)[i] = up[i].w;
        }
        if (igraph_create(&ug, &uel, (igraph_integer_t)nc, IGRAPH_UNDIRECTED)) { rc = ig_fail(diag, "igraph_create"); goto cleanup; }
        have_ug = true;
        igraph_rng_seed(igraph_rng_default(), 20240607);
        if (igraph_community_multilevel(&ug, &uw, 1.0, &memb, NULL, &mod)) {
            rc = ig_fail(diag, "igraph_community_multilevel");
            goto cleanup;
        }
        g->modularity = igraph_vector_size(&mod) ? igraph_vector_max(&mod) : 0;
        g->modularity = round(g->modularity * 1e12) / 1e12;
        /* renumber: communities in the order of their first node id */
        long *ren = malloc(nc * sizeof *ren);
        if (!ren) { rc = ARS_ENOMEM; goto cleanup; }
        for (size_t i = 0; i < nc; i++) ren[i] = -1;
        long next = 0;
        for (size_t i = 0; i < nc; i++) {
            igraph_integer_t c = VECTOR(memb)[i];
            if (c < 0 || (size_t)c >= nc) continue;
            if (ren[c] < 0) ren[c] = next++;
            g->nodes[cidx[i]].community = ren[c];
        }
        free(ren);
        g->ncommunities = (size_t)next;
    }
    /* a company joins its home country's community */
    for (size_t i = 0; i < g->nedges; i++) {
        const ars_gedge *e = &g->edges[i];
        if (e->type == ARS_EDGE_BASED_IN) g->nodes[e->src].community = g->nodes[e->dst].community;
    }

cleanup:
    if (have_ig) igraph_destroy(&ig);
    if (have_ug) igraph_destroy(&ug);
    igraph_vector_int_destroy(&el);
    igraph_vector_int_destroy(&uel);
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&w);
    igraph_vector_destroy(&uw);
    igraph_vector_destroy(&res);
    igraph_vector_destroy(&mod);
    free(cidx);
    free(umap);
    free(up);
    return rc;
}

int ars_graph_build(ars_graph **out, const ars_dealset *merged, ars_diag *diag)
{
    int rc = 0;
    builder b;
    memset(&b, 0, sizeof b);
    ars_arena_init(&b.arena);
    pthread_once(&ig_once, ig_install);
    b.g = calloc(1, sizeof *b.g);
    b.countries = calloc(CODE_SLOTS, sizeof *b.countries);
    if (!b.g || !b.countries) { free(b.g); free(b.countries); return ARS_ENOMEM; }
    b.g->deals = merged;
    for (size_t i = 0; i < merged->n && rc == 0; i++) rc = add_deal(&b, &merged->v[i]);
    for (size_t i = 0; i < b.g->nedges && rc == 0; i++) rc = aggr_label(&b, &b.g->edges[i]);
    if (rc == 0) rc = sort_graph(b.g);
    if (rc == 0) rc = measures(b.g, diag);
    if (rc == ARS_ENOMEM) ars_diag_add(diag, ARS_DIAG_ERROR, NULL, 0, 0, "graph: out of memory");
    strmap_free(&b.nodes);
    strmap_free(&b.systems);
    strmap_free(&b.companies);
    pairmap_free(&b.aggr);
    free(b.countries);
    free(b.pairs.v);
    ars_arena_free(&b.arena);
    ars_buf_free(&b.scratch);
    if (rc) { ars_graph_free(b.g); return rc; }
    *out = b.g;
    return 0;
}

/* ---- export dispatch ------------------------------------------------------------------- */

int ars_export_format_parse(const char *name)
{
    static const struct { const char *name; int fmt; } names[] = {
        {"graphml", ARS_EXPORT_GRAPHML}, {"gexf", ARS_EXPORT_GEXF}, {"json", ARS_EXPORT_JSON},
        {"node-link", ARS_EXPORT_JSON}, {"nodelink", ARS_EXPORT_JSON}, {"cyjs", ARS_EXPORT_CYJS},
        {"cytoscape", ARS_EXPORT_CYJS}, {"dot", ARS_EXPORT_DOT}, {"gv", ARS_EXPORT_DOT}, {"dot-full", ARS_EXPORT_DOT_FULL},
        {"csv", ARS_EXPORT_CSV}};
    if (!name) return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i].name) == 0) return names[i].fmt;
    return -1;
}

int ars_export_format_from_path(const char *path)
{
    if (!path || !path[0]) return -1;
    size_t n = strlen(path);
    if (path[n - 1] == '/') return ARS_EXPORT_CSV;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return ARS_EXPORT_CSV;
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return -1;
    if (strcasecmp(dot, ".json") == 0) return ARS_EXPORT_JSON;
    return ars_export_format_parse(dot + 1) == ARS_EXPORT_CSV ? -1 : ars_export_format_parse(dot + 1);
}

int ars_graph_export(const ars_graph *g, ars_export_format fmt, const char *path, ars_diag *diag)
{
    int rc;
    locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = cloc ? uselocale(cloc) : (locale_t)0;
    if (fmt == ARS_EXPORT_CSV) {
        rc = ars_export_csv(g, path, diag);
        goto cleanup;
    }
    ars_atomic a;
    if (ars_atomic_open(&a, path) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        rc = ARS_EIO;
        goto cleanup;
    }
    if (a.f != stdout) setvbuf(a.f, NULL, _IOFBF, 1 << 20);  /* outputs reach gigabytes */
    switch (fmt) {
    case ARS_EXPORT_GRAPHML: rc = ars_export_graphml(g, a.f, diag); break;
    case ARS_EXPORT_GEXF: rc = ars_export_gexf(g, a.f, diag); break;
    case ARS_EXPORT_JSON: rc = ars_export_nodelink(g, a.f, diag); break;
    case ARS_EXPORT_CYJS: rc = ars_export_cyjs(g, a.f, diag); break;
    case ARS_EXPORT_DOT: rc = ars_export_dot(g, a.f, diag); break;
    case ARS_EXPORT_DOT_FULL: rc = ars_export_dot_ex(g, a.f, true, diag); break;
    default: rc = ARS_EINVAL; break;
    }
    if (rc == 0 && ars_atomic_commit(&a) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        rc = ARS_EIO;
    }
    if (rc != 0) {
        if (rc == ARS_EINVAL) ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "unknown export format");
        else if (rc == ARS_EIO && a.f) ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "write error");
        ars_atomic_abort(&a);
    }
cleanup:
    if (cloc) { uselocale(old); freelocale(cloc); }
    return rc;
}

/* ---- stats ----------------------------------------------------------------------------- */

typedef struct stat_row {
    size_t node;
    size_t deals;
    double usd;         /* value in USD (other currencies are listed, not converted) */
    char *values;       /* "EUR 1; USD 2" */
} stat_row;

static int cmp_row_deals(const void *pa, const void *pb)
{
    const stat_row *a = pa, *b = pb;
    if (a->deals != b->deals) return a->deals > b->deals ? -1 : 1;
    if (a->usd != b->usd) return a->usd > b->usd ? -1 : 1;
    return a->node < b->node ? -1 : a->node > b->node;
}

static int cmp_row_value(const void *pa, const void *pb)
{
    const stat_row *a = pa, *b = pb;
    if (a->usd != b->usd) return a->usd > b->usd ? -1 : 1;
    return cmp_row_deals(pa, pb);
}

/* One ranking: for each node, the deals (and values) of the edges of `type`
 * whose endpoint `end` (0 = source, 1 = target) is that node. */
static int stats_table(const ars_graph *g, FILE *out, size_t top, const char *title, ars_edge_type type, int end)
{
    stat_row *rows = calloc(g->nnodes ? g->nnodes : 1, sizeof *rows);
    ars_gedge *acc = calloc(g->nnodes ? g->nnodes : 1, sizeof *acc);   /* value sums per node */
    int rc = 0;
    size_t nrows = 0;
    if (!rows || !acc) { rc = ARS_ENOMEM; goto cleanup; }
    for (size_t i = 0; i < g->nnodes; i++) rows[i].node = i;
    for (size_t i = 0; i < g->nedges; i++) {
        const ars_gedge *e = &g->edges[i];
        if (e->type != type) continue;
        size_t v = end ? e->dst : e->src;
        rows[v].deals++;
        if (e->value.present) {
            if ((rc = add_value(&acc[v], &e->value))) goto cleanup;
            if (strcmp(e->value.currency, "USD") == 0) rows[v].usd += e->value.amount;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        if (rows[i].deals) {
            stat_row r = rows[i];
            r.values = ars_gedge_values_str(&acc[i]);
            if (!r.values) { rc = ARS_ENOMEM; goto cleanup; }
            rows[k++] = r;
            nrows = k;
        }
    for (int pass = 0; pass < 2; pass++) {
        qsort(rows, k, sizeof *rows, pass ? cmp_row_value : cmp_row_deals);
        fprintf(out, "%s by %s\n", title, pass ? "value (USD)" : "deals");
        fprintf(out, "  %4s  %-32s %6s  %s\n", "rank", "name", "deals", "value");
        for (size_t i = 0; i < k && i < top; i++) {
            if (pass && rows[i].usd <= 0) break;
            const ars_gnode *n = &g->nodes[rows[i].node];
            fprintf(out, "  %4zu  %-32s %6zu  %s\n", i + 1, n->label, rows[i].deals,
                    rows[i].values[0] ? rows[i].values : "-");
        }
        if (k == 0) fprintf(out, "  (none)\n");
        fputc('\n', out);
    }
cleanup:
    for (size_t i = 0; i < nrows; i++) free(rows[i].values);
    if (acc)
        for (size_t i = 0; i < g->nnodes; i++) free(acc[i].values);
    free(rows);
    free(acc);
    return rc;
}

int ars_graph_stats(const ars_graph *g, FILE *out, size_t top)
{
    int rc = 0;
    locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = cloc ? uselocale(cloc) : (locale_t)0;
    if (top == 0) top = 10;
    size_t ndeals = 0;
    for (size_t i = 0; i < g->nedges; i++) ndeals += g->edges[i].type == ARS_EDGE_BUYS;
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < g->nnodes; i++) counts[g->nodes[i].type]++;
    fprintf(out, "%zu deals; %zu countries, %zu companies, %zu systems; %zu edges\n\n", ndeals,
            counts[ARS_NODE_COUNTRY], counts[ARS_NODE_COMPANY], counts[ARS_NODE_SYSTEM], g->nedges);
    if ((rc = stats_table(g, out, top, "Top buyers", ARS_EDGE_BUYS, 0))) goto cleanup;
    if ((rc = stats_table(g, out, top, "Top suppliers (states)", ARS_EDGE_SELLS, 0))) goto cleanup;
    if ((rc = stats_table(g, out, top, "Top systems", ARS_EDGE_BUYS, 1))) goto cleanup;
    char num[40];
    fprintf(out, "Communities (Louvain on the supplier graph, modularity %s)\n",
            ars_fmt_num(g->modularity, num, sizeof num));
    if (g->ncommunities == 0) fprintf(out, "  (none)\n");
    for (size_t c = 0; c < g->ncommunities; c++) {
        fprintf(out, "  %3zu  ", c);
        bool first = true;
        for (size_t i = 0; i < g->nnodes; i++) {
            const ars_gnode *n = &g->nodes[i];
            if (n->type != ARS_NODE_COUNTRY || n->community != (long)c) continue;
            fprintf(out, "%s%s", first ? "" : ", ", n->label);
            first = false;
        }
        fputc('\n', out);
    }
    if (ferror(out)) rc = ARS_EIO;
cleanup:
    if (cloc) { uselocale(old); freelocale(cloc); }
    return rc;
}

/* ---- the attribute table ----------------------------------------------------------------- */

const ars_attr ars_node_attrs[ARS_NODE_NATTRS] = {
    {"label", ARS_ATTR_STRING}, {"type", ARS_ATTR_STRING}, {"iso3", ARS_ATTR_STRING},
    {"category", ARS_ATTR_STRING}, {"family", ARS_ATTR_STRING}, {"generic", ARS_ATTR_BOOL},
    {"deals", ARS_ATTR_INT}, {"first_year", ARS_ATTR_INT}, {"last_year", ARS_ATTR_INT},
    {"degree", ARS_ATTR_INT}, {"indegree", ARS_ATTR_INT}, {"outdegree", ARS_ATTR_INT},
    {"strength", ARS_ATTR_DOUBLE}, {"pagerank", ARS_ATTR_DOUBLE}, {"community", ARS_ATTR_INT}};

const ars_attr ars_edge_attrs[ARS_EDGE_NATTRS] = {
    {"label", ARS_ATTR_STRING}, {"type", ARS_ATTR_STRING}, {"kind", ARS_ATTR_STRING},
    {"weight", ARS_ATTR_DOUBLE}, {"quantity", ARS_ATTR_LONG}, {"value", ARS_ATTR_DOUBLE},
    {"currency", ARS_ATTR_STRING}, {"date", ARS_ATTR_STRING}, {"year", ARS_ATTR_INT},
    {"status", ARS_ATTR_STRING}, {"sources", ARS_ATTR_INT}, {"evidence", ARS_ATTR_STRING},
    {"deals", ARS_ATTR_INT}, {"systems", ARS_ATTR_INT}, {"values", ARS_ATTR_STRING},
    {"first_year", ARS_ATTR_INT}, {"last_year", ARS_ATTR_INT}, {"deal", ARS_ATTR_STRING},
    {"supplier", ARS_ATTR_STRING}};

void ars_attr_val_clear(ars_attr_val *v)
{
    free(v->owned);
    memset(v, 0, sizeof *v);
}

#define ASTR(x) do { const char *s_ = (x); if (!s_ || !s_[0]) return false; v->s = s_; return true; } while (0)
#define AINT(x) do { v->i = (long long)(x); return true; } while (0)
#define AYEAR(x) do { if (!(x)) return false; v->i = (x); return true; } while (0)

bool ars_node_attr(const ars_graph *g, size_t node, size_t attr, ars_attr_val *v)
{
    const ars_gnode *n = &g->nodes[node];
    memset(v, 0, sizeof *v);
    switch (attr) {
    case 0: v->s = n->label; return true;
    case 1: v->s = ars_node_type_name(n->type); return true;
    case 2: ASTR(n->iso3);
    case 3: ASTR(n->category);
    case 4: ASTR(n->family);
    case 5: if (n->type != ARS_NODE_SYSTEM) return false; AINT(n->generic);
    case 6: AINT(n->deals);
    case 7: AYEAR(n->first_year);
    case 8: AYEAR(n->last_year);
    case 9: AINT(n->degree);
    case 10: AINT(n->indegree);
    case 11: AINT(n->outdegree);
    case 12: v->d = n->strength; return true;
    case 13: v->d = n->pagerank; return true;
    case 14: AINT(n->community);
    default: return false;
    }
}

bool ars_edge_attr(const ars_graph *g, size_t edge, size_t attr, ars_attr_val *v)
{
    const ars_gedge *e = &g->edges[edge];
    bool per_deal = e->deal != NULL;
    memset(v, 0, sizeof *v);
    switch (attr) {
    case 0: v->s = e->label; return true;
    case 1: v->s = ars_edge_type_name(e->type); return true;
    case 2: if (!per_deal) return false; v->s = ars_kind_name(e->kind); return true;
    case 3: v->d = e->weight; return true;
    case 4: if (!per_deal || e->quantity == ARS_NO_QUANTITY) return false; AINT(e->quantity);
    case 5: if (!per_deal || !e->value.present) return false; v->d = e->value.amount; return true;
    case 6: if (!per_deal || !e->value.present) return false; ASTR(e->value.currency);
    case 7: if (!per_deal) return false; ASTR(e->date);
    case 8: if (!per_deal) return false; AYEAR(e->year);
    case 9: if (!per_deal) return false; ASTR(ars_status_name(e->status));
    case 10: if (!per_deal) return false; AINT(e->nsources);
    case 11: if (!per_deal) return false; ASTR(e->evidence);
    case 12: AINT(e->deals);
    case 13: if (e->type != ARS_EDGE_SUPPLIES) return false; AINT(e->systems);
    case 14:
        if (e->type != ARS_EDGE_SUPPLIES || !e->nvalues) return false;
        v->owned = ars_gedge_values_str(e);
        v->s = v->owned ? v->owned : "";
        return true;
    case 15: AYEAR(e->first_year);
    case 16: AYEAR(e->last_year);
    case 17: if (!per_deal) return false; ASTR(strchr(e->id, ':') + 1);
    case 18: if (!per_deal) return false; ASTR(e->supplier);
    default: return false;
    }
}

const char *ars_attr_text(ars_attr_type t, const ars_attr_val *v, char *buf, size_t n)
{
    switch (t) {
    case ARS_ATTR_STRING: return v->s ? v->s : "";
    case ARS_ATTR_BOOL: return v->i ? "true" : "false";
    case ARS_ATTR_DOUBLE: return ars_fmt_num(v->d, buf, n);
    default:
        if (n >= 22) ars_fmt_ll(buf, v->i);
        else snprintf(buf, n, "%lld", v->i);
        return buf;
    }
}
