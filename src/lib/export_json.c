/*
 * export_json.c -- networkx node-link JSON and Cytoscape.js elements (cJSON).
 *
 * node-link (networkx 2.8 and 3.x node_link_graph, default attribute names):
 *   {"directed": true, "multigraph": true, "graph": {"name": "arsenal"},
 *    "nodes": [{"id": "country:MAR", "label": "Morocco", "type": "country", ...}],
 *    "links": [{"source": "country:MAR", "target": "system:...", "key": "buys:...",
 *               "id": "buys:...", "label": ..., "type": "buys", ...}]}
 * Cytoscape.js (also read by networkx's cytoscape_graph, hence "directed",
 * "multigraph", and "value"/"name" on nodes, "key" on edges):
 *   {"data": {"name": "arsenal"}, "directed": true, "multigraph": true,
 *    "elements": {"nodes": [{"data": {"id": ..., "value": id, "name": label, "label": ..., ...}}],
 *                 "edges": [{"data": {"id": ..., "source": ..., "target": ..., "key": id, ...}}]}}
 * Attributes an element does not have are left out. One element per line
 * (each printed by cJSON), numbers in the "C" locale.
 */
#include "graph_internal.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static cJSON *attr_json(ars_attr_type t, const ars_attr_val *v)
{
    switch (t) {
    case ARS_ATTR_STRING: return cJSON_CreateString(v->s ? v->s : "");
    case ARS_ATTR_BOOL: return cJSON_CreateBool(v->i != 0);
    case ARS_ATTR_DOUBLE: return cJSON_CreateNumber(v->d);
    default: return cJSON_CreateNumber((double)v->i);
    }
}

/* Adds every attribute of node/edge i to o. Returns false on allocation failure. */
static bool add_attrs(const ars_graph *g, size_t i, bool edge, cJSON *o)
{
    size_t n = edge ? ARS_EDGE_NATTRS : ARS_NODE_NATTRS;
    for (size_t a = 0; a < n; a++) {
        ars_attr_val v;
        bool has = edge ? ars_edge_attr(g, i, a, &v) : ars_node_attr(g, i, a, &v);
        if (!has) continue;
        const ars_attr *at = edge ? &ars_edge_attrs[a] : &ars_node_attrs[a];
        cJSON *j = attr_json(at->type, &v);
        ars_attr_val_clear(&v);
        if (!j || !cJSON_AddItemToObject(o, at->name, j)) { cJSON_Delete(j); return false; }
    }
    return true;
}

/* Prints one element (taken) as a single line, with a separator before all but the first. */
static int put_item(cJSON *o, bool first, FILE *f)
{
    char *s = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (!s) return ARS_ENOMEM;
    int bad = fputs(first ? "\n  " : ",\n  ", f) == EOF || fputs(s, f) == EOF;
    cJSON_free(s);
    return bad ? ARS_EIO : 0;
}

/* One node (edge) object: the attributes, with the id fields first. */
static cJSON *node_obj(const ars_graph *g, size_t i, bool nodelink)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddStringToObject(o, "id", g->nodes[i].id) ||
        (!nodelink && (!cJSON_AddStringToObject(o, "value", g->nodes[i].id) ||
                       !cJSON_AddStringToObject(o, "name", g->nodes[i].label))) ||
        !add_attrs(g, i, false, o)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *edge_obj(const ars_graph *g, size_t i, bool nodelink)
{
    const ars_gedge *e = &g->edges[i];
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    bool ok = nodelink ? (cJSON_AddStringToObject(o, "source", g->nodes[e->src].id) &&
                          cJSON_AddStringToObject(o, "target", g->nodes[e->dst].id) &&
                          cJSON_AddStringToObject(o, "key", e->id) && cJSON_AddStringToObject(o, "id", e->id))
                       : (cJSON_AddStringToObject(o, "id", e->id) &&
                          cJSON_AddStringToObject(o, "source", g->nodes[e->src].id) &&
                          cJSON_AddStringToObject(o, "target", g->nodes[e->dst].id) &&
                          cJSON_AddStringToObject(o, "key", e->id));
    if (!ok || !add_attrs(g, i, true, o)) { cJSON_Delete(o); return NULL; }
    return o;
}

static cJSON *wrap_data(cJSON *o)
{
    if (!o) return NULL;
    cJSON *w = cJSON_CreateObject();
    if (!w) { cJSON_Delete(o); return NULL; }
    cJSON_AddItemToObject(w, "data", o);
    return w;
}

/* Streams the document element by element (a whole-graph cJSON tree would
 * need gigabytes for a million deals). */
static int write_graph(const ars_graph *g, FILE *f, bool nodelink, ars_diag *diag)
{
    int rc = 0;
    fputs(nodelink ? "{\"directed\": true, \"multigraph\": true, \"graph\": {\"name\": \"arsenal\"},\n\"nodes\": ["
                   : "{\"data\": {\"name\": \"arsenal\"}, \"directed\": true, \"multigraph\": true,\n"
                     "\"elements\": {\"nodes\": [", f);
    for (size_t i = 0; i < g->nnodes && rc == 0; i++) {
        cJSON *o = node_obj(g, i, nodelink);
        rc = put_item(nodelink ? o : wrap_data(o), i == 0, f);
    }
    if (rc == 0) fputs(nodelink ? "\n],\n\"links\": [" : "\n],\n\"edges\": [", f);
    for (size_t i = 0; i < g->nedges && rc == 0; i++) {
        cJSON *o = edge_obj(g, i, nodelink);
        rc = put_item(nodelink ? o : wrap_data(o), i == 0, f);
    }
    if (rc == 0) fputs(nodelink ? "\n]}\n" : "\n]}}\n", f);
    if (rc == 0 && ferror(f)) rc = ARS_EIO;
    if (rc == ARS_ENOMEM) ars_diag_add(diag, ARS_DIAG_ERROR, NULL, 0, 0, "cJSON: out of memory");
    return rc;
}

int ars_export_nodelink(const ars_graph *g, FILE *f, ars_diag *diag)
{
    return write_graph(g, f, true, diag);
}

int ars_export_cyjs(const ars_graph *g, FILE *f, ars_diag *diag)
{
    return write_graph(g, f, false, diag);
}
