/*
 * merge.c -- one deal per (buyer, seller, system, kind) across documents.
 *
 * ars_merge groups deals on ars_deal_key with an open-addressing hash map,
 * joins their evidence and resolves the deal-level fields from it. The result
 * does not depend on the order of the input (every choice below is a function
 * of the *set* of inputs, never of their sequence), so the same deals in any
 * order give byte-identical JSON Lines.
 *
 * Rules (documented in docs/formats.md, "merge"):
 *   - sources: the union, sorted by (doc, start, end) and deduplicated on that
 *     triple; among duplicates the one stating most fields is kept (then a
 *     total order on the remaining fields, so the choice is stable);
 *   - before joining, an input deal's own resolved quantity, value, date and
 *     status are copied onto its sources when none of them states that field
 *     (deal files written by hand or by older tools carry figures only at the
 *     deal level), so that no figure is lost and a merged file merges again to
 *     itself;
 *   - status: the furthest by ars_status_rank (cancelled is terminal);
 *   - date: among the sources that carry that status, else the dates of the
 *     documents reporting them, else among all sources: the earliest year;
 *     within it the most precise date; then the earliest;
 *   - quantity: the value stated by most sources; a tie goes to the largest;
 *   - value: the (currency, amount) stated by most sources; a tie goes to the
 *     largest amount, then the smallest currency code; approx only if every
 *     source stating that value says so;
 *   - conflicts: when sources state two or more different quantities (values),
 *     every source stating a quantity (value) is listed, so that each
 *     alternative figure can be read with its evidence;
 *   - names (buyer, seller, supplier, system, category, family): the non-empty
 *     value stated in the most distinct evidence places (doc, start, end) of
 *     the group, a tie going to the byte-wise smallest; the supplier's country
 *     likewise among the deals naming that supplier; system.generic only if
 *     every input deal says so;
 *   - duplicated input (the same deal twice) changes nothing: sources are
 *     deduplicated and votes count places, not deals.
 */
#include "arsenal/merge.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

/* ---- comparisons ----------------------------------------------------------------- */

static int cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_size(size_t a, size_t b) { return (a > b) - (a < b); }
static int cmp_ll(long long a, long long b) { return (a > b) - (a < b); }
static int cmp_dbl(double a, double b) { return (a > b) - (a < b); }

static int stated_fields(const ars_source *s)
{
    return (s->quantity != ARS_NO_QUANTITY) + s->value.present + (s->date[0] != 0) +
           (s->status != ARS_STATUS_NONE);
}

static int cmp_money(const ars_money *a, const ars_money *b)
{
    int c;
    if ((c = (int)b->present - (int)a->present)) return c;
    if ((c = strcmp(a->currency, b->currency))) return c;
    if ((c = cmp_dbl(a->amount, b->amount))) return c;
    return (int)a->approx - (int)b->approx;
}

/* Total order on sources: position first, then the richest statement first. */
static int cmp_source(const void *pa, const void *pb)
{
    const ars_source *a = pa, *b = pb;
    int c;
    if ((c = cmp_str0(a->doc, b->doc))) return c;
    if ((c = cmp_size(a->start, b->start))) return c;
    if ((c = cmp_size(a->end, b->end))) return c;
    if ((c = stated_fields(b) - stated_fields(a))) return c;
    if ((c = ars_status_rank(b->status) - ars_status_rank(a->status))) return c;
    if ((c = cmp_ll(a->quantity, b->quantity))) return c;
    if ((c = cmp_money(&a->value, &b->value))) return c;
    if ((c = strcmp(a->date, b->date))) return c;
    if ((c = cmp_str0(a->text, b->text))) return c;
    return cmp_str0(a->doc_date, b->doc_date);
}

static bool same_place(const ars_source *a, const ars_source *b)
{
    return a->start == b->start && a->end == b->end && cmp_str0(a->doc, b->doc) == 0;
}

/* True if date a is preferred to date b: earliest year, then most precise, then earliest. */
static bool date_better(const char *a, const char *b)
{
    if (!b[0]) return a[0] != 0;
    if (!a[0]) return false;
    int ya = ars_date_year(a), yb = ars_date_year(b);
    if (ya && yb && ya != yb) return ya < yb;
    if (!ya != !yb) return ya != 0;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return la > lb;
    return strcmp(a, b) < 0;
}

/* ---- resolution ------------------------------------------------------------------ */

static int cmp_ll_p(const void *a, const void *b)
{
    return cmp_ll(*(const long long *)a, *(const long long *)b);
}

static int cmp_money_p(const void *a, const void *b)
{
    const ars_money *x = a, *y = b;
    int c = strcmp(x->currency, y->currency);
    return c ? c : cmp_dbl(x->amount, y->amount);
}

static int add_conflict(ars_deal *d, const char *field, size_t src)
{
    ars_conflict *v = realloc(d->conflicts, (d->nconflicts + 1) * sizeof *v);
    if (!v) return ARS_ENOMEM;
    d->conflicts = v;
    v[d->nconflicts].field = ars_strdup(field);
    if (!v[d->nconflicts].field) return ARS_ENOMEM;
    v[d->nconflicts].source = src;
    d->nconflicts++;
    return 0;
}

/*
 * Sets d's quantity, value, date and status from the n statements in v (fields
 * stated by none keep their current value). With `conflicts`, d->conflicts is
 * rebuilt (indexes into v). Returns 0 or ARS_ENOMEM.
 */
static int resolve_from(ars_deal *d, const ars_source *v, size_t n, bool conflicts)
{
    int rc = 0;
    long long *qs = NULL;
    ars_money *ms = NULL;
    if (conflicts) {
        for (size_t i = 0; i < d->nconflicts; i++) free(d->conflicts[i].field);
        free(d->conflicts);
        d->conflicts = NULL;
        d->nconflicts = 0;
    }
    if (n == 0) return 0;

    /* status, then the date of the sources that carry it */
    int best = -1;
    for (size_t i = 0; i < n; i++)
        if (v[i].status != ARS_STATUS_NONE && ars_status_rank(v[i].status) > best) best = ars_status_rank(v[i].status);
    const char *date = "";
    if (best >= 0) {
        for (size_t i = 0; i < n; i++)
            if (v[i].status != ARS_STATUS_NONE && ars_status_rank(v[i].status) == best) {
                d->status = v[i].status;
                if (date_better(v[i].date, date)) date = v[i].date;
            }
    }
    /* no date said for that event: the date of the articles that report it (a
     * delivery "last week" is not the order's year), else any date said */
    if (!date[0] && best >= 0)
        for (size_t i = 0; i < n; i++)
            if (v[i].status != ARS_STATUS_NONE && ars_status_rank(v[i].status) == best && v[i].doc_date &&
                date_better(v[i].doc_date, date))
                date = v[i].doc_date;
    if (!date[0])
        for (size_t i = 0; i < n; i++)
            if (date_better(v[i].date, date)) date = v[i].date;
    if (date[0]) snprintf(d->date, sizeof d->date, "%s", date);

    /* quantity: the mode, ties to the largest */
    qs = malloc(n * sizeof *qs);
    ms = malloc(n * sizeof *ms);
    if (!qs || !ms) { rc = ARS_ENOMEM; goto cleanup; }
    size_t nq = 0, nm = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].quantity != ARS_NO_QUANTITY) qs[nq++] = v[i].quantity;
        if (v[i].value.present) ms[nm++] = v[i].value;
    }
    if (nq) {
        qsort(qs, nq, sizeof *qs, cmp_ll_p);
        size_t bestc = 0, run = 0, distinct = 0;
        for (size_t i = 0; i < nq; i++) {
            run = (i > 0 && qs[i] == qs[i - 1]) ? run + 1 : 1;
            if (run == 1) distinct++;
            if (run >= bestc) { bestc = run; d->quantity = qs[i]; } /* >=: later = larger */
        }
        if (conflicts && distinct > 1)
            for (size_t i = 0; i < n && rc == 0; i++)
                if (v[i].quantity != ARS_NO_QUANTITY) rc = add_conflict(d, "quantity", i);
    }
    if (nm && rc == 0) {
        qsort(ms, nm, sizeof *ms, cmp_money_p);
        size_t bestc = 0, run = 0, distinct = 0, besti = 0;
        for (size_t i = 0; i < nm; i++) {
            run = (i > 0 && cmp_money_p(&ms[i], &ms[i - 1]) == 0) ? run + 1 : 1;
            if (run == 1) distinct++;
            if (run > bestc || (run == bestc && (ms[i].amount > ms[besti].amount))) {
                bestc = run;
                besti = i;
            }
        }
        ars_money m = ms[besti];
        m.approx = true;
        for (size_t i = 0; i < nm; i++)
            if (cmp_money_p(&ms[i], &ms[besti]) == 0 && !ms[i].approx) m.approx = false;
        m.present = true;
        d->value = m;
        if (conflicts && distinct > 1)
            for (size_t i = 0; i < n && rc == 0; i++)
                if (v[i].value.present) rc = add_conflict(d, "value", i);
    }
cleanup:
    free(qs);
    free(ms);
    return rc;
}

void ars_deal_resolve(ars_deal *d)
{
    (void)resolve_from(d, d->sources, d->nsources, true);
}

/* ---- grouping: an open-addressing map from key to group ------------------------------- */

typedef struct group {
    const char *key;
    size_t first;   /* offset into the member list */
    size_t n;
} group;

static int cmp_group(const void *a, const void *b)
{
    return strcmp(((const group *)a)->key, ((const group *)b)->key);
}

/* A vote: a value and one place that states it (NULL for a deal without sources). */
typedef struct vote_item {
    const char *val;
    const ars_source *src;
} vote_item;

static int cmp_place(const ars_source *a, const ars_source *b)
{
    if (!a || !b) return (a != NULL) - (b != NULL);
    int c = cmp_str0(a->doc, b->doc);
    if (c) return c;
    if ((c = cmp_size(a->start, b->start))) return c;
    return cmp_size(a->end, b->end);
}

static int cmp_vote(const void *pa, const void *pb)
{
    const vote_item *a = pa, *b = pb;
    int c = strcmp(a->val, b->val);
    return c ? c : cmp_place(a->src, b->src);
}

typedef const char *(*deal_str_fn)(const ars_deal *);
static const char *f_buyer(const ars_deal *d) { return d->buyer.name; }
static const char *f_seller(const ars_deal *d) { return d->seller.name; }
static const char *f_supplier(const ars_deal *d) { return d->supplier.name; }
static const char *f_supplier_iso(const ars_deal *d) { return d->supplier.iso3; }
static const char *f_system(const ars_deal *d) { return d->system.name; }
static const char *f_canonical(const ars_deal *d) { return d->system.canonical; }
static const char *f_category(const ars_deal *d) { return d->system.category; }
static const char *f_family(const ars_deal *d) { return d->system.family; }

/*
 * The non-empty value of fn() stated in the most distinct evidence places
 * (doc, start, end) among the group's deals, a tie going to the byte-wise
 * smallest; NULL if none. Counting places rather than deals makes the choice
 * independent of duplicated input. With `only_supplier`, only the deals naming
 * that supplier vote. *buf is scratch space (grown as needed).
 */
static int vote(const ars_dealset *in, const size_t *mem, size_t n, deal_str_fn fn, bool filter,
                const char *only_supplier, vote_item **buf, size_t *cap, const char **out)
{
    size_t need = 0, k = 0;
    *out = NULL;
    for (size_t j = 0; j < n; j++) need += in->v[mem[j]].nsources ? in->v[mem[j]].nsources : 1;
    if (need > *cap) {
        vote_item *v = realloc(*buf, need * sizeof *v);
        if (!v) return ARS_ENOMEM;
        *buf = v;
        *cap = need;
    }
    vote_item *v = *buf;
    for (size_t j = 0; j < n; j++) {
        const ars_deal *d = &in->v[mem[j]];
        const char *val = fn(d);
        if (!val || !val[0]) continue;
        if (filter && cmp_str0(d->supplier.name, only_supplier) != 0) continue;
        if (!d->nsources) { v[k].val = val; v[k++].src = NULL; }
        for (size_t i = 0; i < d->nsources; i++) { v[k].val = val; v[k++].src = &d->sources[i]; }
    }
    if (!k) return 0;
    qsort(v, k, sizeof *v, cmp_vote);
    size_t bestc = 0, run = 0;
    for (size_t i = 0; i < k; i++) {
        bool same_val = i > 0 && strcmp(v[i].val, v[i - 1].val) == 0;
        if (!same_val) run = 0;
        if (!same_val || cmp_place(v[i].src, v[i - 1].src) != 0) run++;
        if (run > bestc) { bestc = run; *out = v[i].val; }   /* >: the smallest value wins ties */
    }
    return 0;
}

#define VOTE_FIELD(fn, dst)                                                          \
    do {                                                                             \
        const char *w_;                                                              \
        if (vote(in, mem + g->first, g->n, fn, false, NULL, vbuf, vcap, &w_)) goto nomem; \
        if (w_ && !((dst) = ars_strdup(w_))) goto nomem;                             \
    } while (0)

/* Builds the merged deal of one group into *d. */
static int merge_group(const ars_dealset *in, const size_t *mem, const group *g, vote_item **vbuf,
                       size_t *vcap, ars_source **tmp, size_t *tmpcap, ars_deal *d)
{
    ars_deal_init(d);
    const ars_deal *first = &in->v[mem[g->first]];
    memcpy(d->buyer.iso3, first->buyer.iso3, sizeof d->buyer.iso3);
    memcpy(d->seller.iso3, first->seller.iso3, sizeof d->seller.iso3);
    d->kind = first->kind;
    VOTE_FIELD(f_buyer, d->buyer.name);
    VOTE_FIELD(f_seller, d->seller.name);
    VOTE_FIELD(f_supplier, d->supplier.name);
    /* the supplier's country: among the deals naming the chosen supplier */
    {
        const char *w;
        if (vote(in, mem + g->first, g->n, f_supplier_iso, true, d->supplier.name, vbuf, vcap, &w)) goto nomem;
        if (w) snprintf(d->supplier.iso3, sizeof d->supplier.iso3, "%s", w);
    }
    VOTE_FIELD(f_system, d->system.name);
    VOTE_FIELD(f_canonical, d->system.canonical);
    VOTE_FIELD(f_category, d->system.category);
    VOTE_FIELD(f_family, d->system.family);
    d->system.generic = true;
    for (size_t j = 0; j < g->n; j++)
        if (!in->v[mem[g->first + j]].system.generic) d->system.generic = false;

    /* deal-level figures of the inputs (used alone by deals without sources) */
    size_t total = 0;
    for (size_t j = 0; j < g->n; j++) total += in->v[mem[g->first + j]].nsources;
    size_t need = total > g->n ? total : g->n;
    if (need > *tmpcap) {
        ars_source *t = realloc(*tmp, need * sizeof *t);
        if (!t) goto nomem;
        *tmp = t;
        *tmpcap = need;
    }
    ars_source *v = *tmp;
    for (size_t j = 0; j < g->n; j++) {
        const ars_deal *m = &in->v[mem[g->first + j]];
        memset(&v[j], 0, sizeof v[j]);
        v[j].quantity = m->quantity;
        v[j].value = m->value;
        memcpy(v[j].date, m->date, sizeof v[j].date);
        v[j].status = m->status;
    }
    /* as a set: duplicated input deals do not weigh more */
    qsort(v, g->n, sizeof *v, cmp_source);
    size_t nv = 0;
    for (size_t j = 0; j < g->n; j++)
        if (nv == 0 || cmp_source(&v[nv - 1], &v[j]) != 0) v[nv++] = v[j];
    if (resolve_from(d, v, nv, false) != 0) goto nomem;

    /* the joined evidence: shallow copies first (strings still owned by `in`) */
    size_t k = 0;
    for (size_t j = 0; j < g->n; j++) {
        const ars_deal *m = &in->v[mem[g->first + j]];
        bool hq = false, hv = false, hd = false, hs = false;
        for (size_t i = 0; i < m->nsources; i++) {
            const ars_source *s = &m->sources[i];
            hq |= s->quantity != ARS_NO_QUANTITY;
            hv |= s->value.present;
            hd |= s->date[0] != 0;
            hs |= s->status != ARS_STATUS_NONE;
        }
        for (size_t i = 0; i < m->nsources; i++) {
            ars_source s = m->sources[i];
            if (!hq) s.quantity = m->quantity;
            if (!hv) s.value = m->value;
            if (!hd) memcpy(s.date, m->date, sizeof s.date);
            if (!hs) s.status = m->status;
            v[k++] = s;
        }
    }
    qsort(v, k, sizeof *v, cmp_source);
    size_t nu = 0;
    for (size_t i = 0; i < k; i++)
        if (nu == 0 || !same_place(&v[nu - 1], &v[i])) v[nu++] = v[i];
    if (nu) {
        d->sources = calloc(nu, sizeof *d->sources);
        if (!d->sources) goto nomem;
        for (size_t i = 0; i < nu; i++) {
            ars_source *s = &d->sources[i];
            *s = v[i];
            s->doc = ars_strdup(v[i].doc);
            s->text = ars_strdup(v[i].text);
            s->doc_date = ars_strdup(v[i].doc_date);
            d->nsources++;
            if ((v[i].doc && !s->doc) || (v[i].text && !s->text) || (v[i].doc_date && !s->doc_date)) goto nomem;
        }
    }
    if (resolve_from(d, d->sources, d->nsources, true) != 0) goto nomem;
    if (ars_deal_make_id(d) != 0) goto nomem;
    return 0;
nomem:
    ars_deal_clear(d);
    return ARS_ENOMEM;
}

int ars_merge(const ars_dealset *in, ars_dealset *out)
{
    int rc = 0;
    size_t n = in->n, ng = 0, cap = 16;
    char **keys = NULL;
    size_t *slots = NULL, *gid = NULL, *mem = NULL, *fill = NULL;
    group *groups = NULL;
    vote_item *vbuf = NULL;
    size_t vcap = 0;
    ars_source *tmp = NULL;
    size_t tmpcap = 0;
    ars_dealset res;
    ars_dealset_init(&res);

    while (cap < 2 * n) cap *= 2;
    keys = calloc(n ? n : 1, sizeof *keys);
    gid = malloc((n ? n : 1) * sizeof *gid);
    slots = calloc(cap, sizeof *slots);           /* group index + 1, 0 = empty */
    groups = malloc((n ? n : 1) * sizeof *groups);
    if (!keys || !gid || !slots || !groups) goto nomem;

    for (size_t i = 0; i < n; i++) {
        if (!(keys[i] = ars_deal_key(&in->v[i]))) goto nomem;
        size_t h = (size_t)ars_hash64(keys[i], strlen(keys[i]), 0) & (cap - 1);
        while (slots[h] && strcmp(groups[slots[h] - 1].key, keys[i]) != 0) h = (h + 1) & (cap - 1);
        if (!slots[h]) {
            groups[ng].key = keys[i];
            groups[ng].n = 0;
            slots[h] = ++ng;
        }
        gid[i] = slots[h] - 1;
        groups[gid[i]].n++;
    }
    /* members of each group, contiguous (counting sort on the group index) */
    mem = malloc((n ? n : 1) * sizeof *mem);
    fill = calloc(ng ? ng : 1, sizeof *fill);
    if (!mem || !fill) goto nomem;
    for (size_t g = 0, off = 0; g < ng; g++) {
        groups[g].first = off;
        off += groups[g].n;
    }
    for (size_t i = 0; i < n; i++) mem[groups[gid[i]].first + fill[gid[i]]++] = i;
    qsort(groups, ng, sizeof *groups, cmp_group);

    res.v = calloc(ng ? ng : 1, sizeof *res.v);
    if (!res.v) goto nomem;
    res.cap = ng ? ng : 1;
    for (size_t g = 0; g < ng; g++) {
        if (merge_group(in, mem, &groups[g], &vbuf, &vcap, &tmp, &tmpcap, &res.v[res.n]) != 0) goto nomem;
        res.n++;
    }
    *out = res;
    ars_dealset_init(&res);
    goto cleanup;
nomem:
    rc = ARS_ENOMEM;
cleanup:
    ars_dealset_clear(&res);
    if (keys)
        for (size_t i = 0; i < n; i++) free(keys[i]);
    free(keys);
    free(gid);
    free(slots);
    free(groups);
    free(mem);
    free(fill);
    free(vbuf);
    free(tmp);
    return rc;
}
