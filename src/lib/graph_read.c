/*
 * graph_read.c -- deals read back from a graph file that ars_graph_export
 * wrote: GraphML or GEXF (libxml2), networkx node-link or Cytoscape.js JSON
 * (cJSON).
 *
 *   file ──parse──> gfile {nodes[], edges[]}, each element: id, source,
 *                   target and its attributes as text (name -> value)
 *        ──deals──> one deal per `buys` edge:
 *                     buyer     the edge's source node (label, iso3)
 *                     system    its target node (label, category, family, generic)
 *                     seller    the source of the `sells` edge of the same deal
 *                     supplier  the edge's `supplier` attribute (company label),
 *                               with the home country of that company node
 *                     figures   kind, quantity, value, currency, date, status
 *                     sources   the first evidence sentence (doc = the graph
 *                               file), then `sources - 1` sources without text:
 *                               a graph keeps the count, not the sentences
 *
 * Only the attributes named above are read; the measures are ignored. The
 * format is told by the content: '<' starts XML (root graphml or gexf), '{' JSON.
 */
#include "graph_internal.h"
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct gattr {
    char *name, *value;
} gattr;

typedef struct gelem {
    char *id, *source, *target;
    gattr *a;
    size_t na, cap;
} gelem;

typedef struct gfile {
    gelem *nodes, *edges;
    size_t nn, capn, ne, cape;
} gfile;

static void gfile_free(gfile *f)
{
    gelem *lists[2] = {f->nodes, f->edges};
    size_t counts[2] = {f->nn, f->ne};
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < counts[l]; i++) {
            gelem *e = &lists[l][i];
            for (size_t k = 0; k < e->na; k++) { free(e->a[k].name); free(e->a[k].value); }
            free(e->a);
            free(e->id);
            free(e->source);
            free(e->target);
        }
        free(lists[l]);
    }
}

static gelem *elem_new(gfile *f, bool edge)
{
    gelem **v = edge ? &f->edges : &f->nodes;
    size_t *n = edge ? &f->ne : &f->nn, *cap = edge ? &f->cape : &f->capn;
    if (ars_grow_((void **)v, cap, sizeof **v, *n + 1) != 0) return NULL;
    gelem *e = &(*v)[(*n)++];
    memset(e, 0, sizeof *e);
    return e;
}

/* Sets id/source/target, or adds an attribute. Returns 0 or ARS_ENOMEM. */
static int elem_set(gelem *e, const char *name, const char *value)
{
    char **slot = !strcmp(name, "id") ? &e->id : !strcmp(name, "source") ? &e->source
                : !strcmp(name, "target") ? &e->target : NULL;
    if (slot) {
        free(*slot);
        return (*slot = ars_strdup(value)) ? 0 : ARS_ENOMEM;
    }
    if (ARS_GROW(e->a, e->na, e->cap) != 0) return ARS_ENOMEM;
    gattr *a = &e->a[e->na];
    a->name = ars_strdup(name);
    a->value = ars_strdup(value);
    if (!a->name || !a->value) { free(a->name); free(a->value); return ARS_ENOMEM; }
    e->na++;
    return 0;
}

static const char *attr(const gelem *e, const char *name)
{
    for (size_t k = 0; e && k < e->na; k++)
        if (strcmp(e->a[k].name, name) == 0) return e->a[k].value;
    return NULL;
}

/* ---- GraphML -------------------------------------------------------------------------- */

static const char *xml_prop(xmlNode *n, const char *name, char **hold)
{
    free(*hold);
    *hold = (char *)xmlGetProp(n, (const xmlChar *)name);
    return *hold;
}

static bool named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* GraphML: <key id attr.name>, <graph><node id><data key>text</data>...,
 * <edge id source target><data key>... */
static int walk_graphml(gfile *f, xmlNode *root, gelem *keys, char **h)
{
    int rc = 0;
    for (xmlNode *k = root->children; k && !rc; k = k->next)
        if (named(k, "key") && xml_prop(k, "id", &h[0]) && xml_prop(k, "attr.name", &h[1]))
            rc = elem_set(keys, h[0], h[1]);
    for (xmlNode *g = root->children; g && !rc; g = g->next) {
        if (!named(g, "graph")) continue;
        for (xmlNode *el = g->children; el && !rc; el = el->next) {
            bool edge = named(el, "edge");
            if (!edge && !named(el, "node")) continue;
            gelem *e = elem_new(f, edge);
            if (!e) return ARS_ENOMEM;
            static const char *const props[] = {"id", "source", "target"};
            for (int p = 0; p < (edge ? 3 : 1) && !rc; p++)
                if (xml_prop(el, props[p], &h[0])) rc = elem_set(e, props[p], h[0]);
            for (xmlNode *d = el->children; d && !rc; d = d->next) {
                if (!named(d, "data") || !xml_prop(d, "key", &h[0])) continue;
                const char *name = attr(keys, h[0]);
                free(h[1]);
                h[1] = (char *)xmlNodeGetContent(d);
                if (name && h[1]) rc = elem_set(e, name, h[1]);
            }
        }
    }
    return rc;
}

/* GEXF: <attributes><attribute id title>, <nodes><node id label><attvalues>
 * <attvalue for value/>, <edges><edge id source target label> (the edge's XML
 * `kind` is its type, which the `type` attvalue repeats). */
static int walk_gexf(gfile *f, xmlNode *root, gelem *keys, char **h)
{
    int rc = 0;
    for (xmlNode *g = root->children; g && !rc; g = g->next) {
        if (!named(g, "graph")) continue;
        for (xmlNode *sec = g->children; sec && !rc; sec = sec->next) {
            if (named(sec, "attributes")) {
                for (xmlNode *k = sec->children; k && !rc; k = k->next)
                    if (named(k, "attribute") && xml_prop(k, "id", &h[0]) && xml_prop(k, "title", &h[1]))
                        rc = elem_set(keys, h[0], h[1]);
                continue;
            }
            bool edge = named(sec, "edges");
            if (!edge && !named(sec, "nodes")) continue;
            for (xmlNode *el = sec->children; el && !rc; el = el->next) {
                if (!named(el, edge ? "edge" : "node")) continue;
                gelem *e = elem_new(f, edge);
                if (!e) return ARS_ENOMEM;
                static const char *const props[] = {"id", "label", "source", "target"};
                for (int p = 0; p < (edge ? 4 : 2) && !rc; p++)
                    if (xml_prop(el, props[p], &h[0])) rc = elem_set(e, props[p], h[0]);
                for (xmlNode *av = el->children; av && !rc; av = av->next) {
                    if (!named(av, "attvalues")) continue;
                    for (xmlNode *v = av->children; v && !rc; v = v->next) {
                        if (!named(v, "attvalue") || !xml_prop(v, "for", &h[0]) || !xml_prop(v, "value", &h[1]))
                            continue;
                        const char *name = attr(keys, h[0]);
                        rc = elem_set(e, name ? name : h[0], h[1]);
                    }
                }
            }
        }
    }
    return rc;
}

static int read_xml(gfile *f, const char *path, const char *data, size_t len, ars_diag *diag)
{
    if (len > INT_MAX) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "too large for the XML reader");
        return ARS_ELIMIT;
    }
    xmlDoc *doc = xmlReadMemory(data, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc) {
        const xmlError *x = xmlGetLastError();
        ars_diag_add(diag, ARS_DIAG_ERROR, path, x ? x->line : 0, 0, "not well-formed XML: %s",
                     x && x->message ? x->message : "libxml2 error");
        return ARS_EPARSE;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    gelem keys;
    memset(&keys, 0, sizeof keys);
    char *h[2] = {NULL, NULL};   /* the last strings libxml2 handed over */
    int rc = !root ? ARS_ENOTFOUND : named(root, "graphml") ? walk_graphml(f, root, &keys, h)
           : named(root, "gexf") ? walk_gexf(f, root, &keys, h) : ARS_ENOTFOUND;
    free(h[0]);
    free(h[1]);
    for (size_t k = 0; k < keys.na; k++) { free(keys.a[k].name); free(keys.a[k].value); }
    free(keys.a);
    xmlFreeDoc(doc);
    return rc;
}

/* ---- node-link and Cytoscape.js JSON ---------------------------------------------------- */

static int json_elem(gfile *f, bool edge, const cJSON *o)
{
    if (!cJSON_IsObject(o)) return 0;
    gelem *e = elem_new(f, edge);
    if (!e) return ARS_ENOMEM;
    for (const cJSON *m = o->child; m; m = m->next) {
        char num[40];
        const char *v = NULL;
        if (cJSON_IsString(m)) v = m->valuestring;
        else if (cJSON_IsBool(m)) v = cJSON_IsTrue(m) ? "true" : "false";
        else if (cJSON_IsNumber(m)) v = ars_fmt_num(m->valuedouble, num, sizeof num);
        if (!v || !m->string) continue;
        int rc = elem_set(e, m->string, v);
        if (rc) return rc;
    }
    return 0;
}

static int json_list(gfile *f, bool edge, const cJSON *arr, const char *wrap)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, arr) {
        int rc = json_elem(f, edge, wrap ? cJSON_GetObjectItemCaseSensitive(o, wrap) : o);
        if (rc) return rc;
    }
    return 0;
}

static int read_json(gfile *f, const char *path, const char *data, size_t len, ars_diag *diag)
{
    cJSON *j = cJSON_ParseWithLength(data, len);
    if (!j) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "not valid JSON");
        return ARS_EPARSE;
    }
    int rc = ARS_ENOTFOUND;
    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(j, "nodes");
    const cJSON *links = cJSON_GetObjectItemCaseSensitive(j, "links");
    if (!links) links = cJSON_GetObjectItemCaseSensitive(j, "edges");
    const cJSON *els = cJSON_GetObjectItemCaseSensitive(j, "elements");
    if (cJSON_IsArray(nodes) && cJSON_IsArray(links)) {
        rc = json_list(f, false, nodes, NULL);
        if (!rc) rc = json_list(f, true, links, NULL);
    } else if (cJSON_IsObject(els)) {
        nodes = cJSON_GetObjectItemCaseSensitive(els, "nodes");
        links = cJSON_GetObjectItemCaseSensitive(els, "edges");
        if (cJSON_IsArray(nodes) && cJSON_IsArray(links)) {
            rc = json_list(f, false, nodes, "data");
            if (!rc) rc = json_list(f, true, links, "data");
        }
    }
    cJSON_Delete(j);
    return rc;
}

/* ---- deals ------------------------------------------------------------------------------ */

typedef struct index_item {
    const char *key;
    const gelem *e;
} index_item;

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const index_item *)a)->key, ((const index_item *)b)->key);
}

/* Elements of `v` sorted by the value of `field` ("id" or an attribute), keeping
 * those whose `type` is `type` (NULL = any). */
static index_item *make_index(const gelem *v, size_t n, const char *field, const char *type, size_t *out_n)
{
    index_item *ix = malloc((n + 1) * sizeof *ix);
    if (!ix) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t = attr(&v[i], "type");
        if (type && (!t || strcmp(t, type) != 0)) continue;
        const char *key = strcmp(field, "id") == 0 ? v[i].id : attr(&v[i], field);
        if (key) ix[k++] = (index_item){key, &v[i]};
    }
    qsort(ix, k, sizeof *ix, cmp_item);
    *out_n = k;
    return ix;
}

static const gelem *find(const index_item *ix, size_t n, const char *key)
{
    if (!key) return NULL;
    index_item want = {key, NULL};
    const index_item *hit = bsearch(&want, ix, n, sizeof *ix, cmp_item);
    return hit ? hit->e : NULL;
}

static int set_party(ars_party *p, const gelem *node)
{
    const char *iso = attr(node, "iso3");
    if (iso) snprintf(p->iso3, sizeof p->iso3, "%s", iso);
    const char *label = attr(node, "label");
    return (label && !(p->name = ars_strdup(label))) ? ARS_ENOMEM : 0;
}

static int edge_deal(const gelem *e, const gelem *buyer, const gelem *sys, const gelem *seller,
                     const gelem *company, const char *path, ars_deal *d)
{
    const char *v;
    int rc = set_party(&d->buyer, buyer);
    if (!rc && seller) rc = set_party(&d->seller, seller);
    if (!rc && (v = attr(e, "supplier"))) {
        if (!(d->supplier.name = ars_strdup(v))) rc = ARS_ENOMEM;
        else if (company && (v = attr(company, "iso3"))) snprintf(d->supplier.iso3, sizeof d->supplier.iso3, "%s", v);
    }
    if (rc) return rc;
    d->system.name = ars_strdup(attr(sys, "label") ? attr(sys, "label") : sys->id);
    d->system.category = ars_strdup(attr(sys, "category"));
    d->system.family = ars_strdup(attr(sys, "family"));
    v = attr(sys, "generic");
    d->system.generic = v && strcmp(v, "true") == 0;
    d->id = ars_strdup(attr(e, "deal"));
    if (!d->system.name || (attr(sys, "category") && !d->system.category) ||
        (attr(sys, "family") && !d->system.family) || (attr(e, "deal") && !d->id))
        return ARS_ENOMEM;
    if ((v = attr(e, "kind")) && ars_kind_parse(v) >= 0) d->kind = (ars_kind)ars_kind_parse(v);
    if ((v = attr(e, "status")) && ars_status_parse(v) >= 0) d->status = (ars_status)ars_status_parse(v);
    if ((v = attr(e, "quantity"))) d->quantity = strtoll(v, NULL, 10);
    if ((v = attr(e, "value"))) {
        d->value.present = true;
        d->value.amount = strtod(v, NULL);
        if ((v = attr(e, "currency"))) snprintf(d->value.currency, sizeof d->value.currency, "%s", v);
    }
    if ((v = attr(e, "date"))) snprintf(d->date, sizeof d->date, "%s", v);

    /* the first sentence, saying what the deal says; then the ones the graph only counts */
    v = attr(e, "sources");
    long n = v ? strtol(v, NULL, 10) : 0;
    if (n < 1 || n > 100000) n = 1;
    for (long i = 0; i < n; i++) {
        ars_source s;
        memset(&s, 0, sizeof s);
        s.doc = (char *)path;
        s.quantity = ARS_NO_QUANTITY;
        if (i == 0) {
            s.text = (char *)attr(e, "evidence");
            s.quantity = d->quantity;
            s.value = d->value;
            memcpy(s.date, d->date, sizeof s.date);
            s.status = d->status;
        }
        if ((rc = ars_deal_add_source(d, &s))) return rc;
    }
    return 0;
}

static int to_deals(const gfile *f, const char *path, ars_dealset *out, ars_diag *diag, size_t *skipped)
{
    size_t nn = 0, nsells = 0, ncomp = 0;
    index_item *nodes = make_index(f->nodes, f->nn, "id", NULL, &nn);
    index_item *sells = make_index(f->edges, f->ne, "deal", "sells", &nsells);
    index_item *comps = make_index(f->nodes, f->nn, "label", "company", &ncomp);
    int rc = (nodes && sells && comps) ? 0 : ARS_ENOMEM;
    for (size_t i = 0; i < f->ne && !rc; i++) {
        const gelem *e = &f->edges[i];
        const char *t = attr(e, "type");
        if (!t || strcmp(t, "buys") != 0) continue;
        const gelem *buyer = find(nodes, nn, e->source), *sys = find(nodes, nn, e->target);
        if (!buyer || !sys) {
            ars_diag_add(diag, ARS_DIAG_WARNING, path, 0, 0, "skipped buys edge %s: no node %s",
                         e->id ? e->id : "?", buyer ? (e->target ? e->target : "?") : (e->source ? e->source : "?"));
            if (skipped) (*skipped)++;
            continue;
        }
        const gelem *sell = find(sells, nsells, attr(e, "deal"));
        const gelem *seller = sell ? find(nodes, nn, sell->source) : NULL;
        ars_deal d;
        ars_deal_init(&d);
        rc = edge_deal(e, buyer, sys, seller, find(comps, ncomp, attr(e, "supplier")), path, &d);
        if (!rc) rc = ars_dealset_push_take(out, &d);
        ars_deal_clear(&d);
    }
    free(nodes);
    free(sells);
    free(comps);
    return rc;
}

int ars_graph_read_deals(ars_dealset *out, const char *path, ars_diag *diag, size_t *skipped)
{
    char *data = NULL;
    size_t len = 0;
    int eno = 0;
    if (ars_read_file(path, &data, &len, &eno) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(eno));
        return ARS_EIO;
    }
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) i++;
    gfile f;
    memset(&f, 0, sizeof f);
    int rc = ARS_ENOTFOUND;
    if (i < len && data[i] == '<') rc = read_xml(&f, path, data, len, diag);
    else if (i < len && data[i] == '{') rc = read_json(&f, path, data, len, diag);
    if (!rc) rc = to_deals(&f, path, out, diag, skipped);
    gfile_free(&f);
    free(data);
    return rc;
}
