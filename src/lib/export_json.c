/*
 * export_json.c -- networkx node-link JSON and Cytoscape.js elements.
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
 * (in cJSON's unformatted layout), numbers in the "C" locale.
 */
#include "graph_internal.h"
#include "emit.h"
#include <stdlib.h>
#include <string.h>

/* Each element is written as cJSON_PrintUnformatted printed it (emit.c
 * matches cJSON's strings and numbers), straight into one buffer: building a
 * cJSON object per element and printing it was most of the time of these two
 * exports at a million deals. */

static void key(ars_buf *b, const char *k, bool *first)
{
    if (!*first) ars_buf_putc(b, ',');
    *first = false;
    ars_emit_json_str(b, k);
    ars_buf_putc(b, ':');
}

static void str_field(ars_buf *b, const char *k, const char *v, bool *first)
{
    key(b, k, first);
    ars_emit_json_str(b, v);
}

/* Every attribute of node/edge i that it has, in table order. */
static void attrs(const ars_graph *g, size_t i, bool edge, ars_buf *b, bool *first)
{
    size_t n = edge ? ARS_EDGE_NATTRS : ARS_NODE_NATTRS;
    for (size_t a = 0; a < n; a++) {
        ars_attr_val v;
        bool has = edge ? ars_edge_attr(g, i, a, &v) : ars_node_attr(g, i, a, &v);
        if (!has) continue;
        const ars_attr *at = edge ? &ars_edge_attrs[a] : &ars_node_attrs[a];
        key(b, at->name, first);
        switch (at->type) {
        case ARS_ATTR_STRING: ars_emit_json_str(b, v.s ? v.s : ""); break;
        case ARS_ATTR_BOOL: if (v.i) ARS_PUTL(b, "true"); else ARS_PUTL(b, "false"); break;
        case ARS_ATTR_DOUBLE: ars_emit_json_num(b, v.d); break;
        default: ars_emit_json_num(b, (double)v.i); break;
        }
        ars_attr_val_clear(&v);
    }
}

/* One node (edge) object: the id fields first, then the attributes. */
static void node_obj(const ars_graph *g, size_t i, bool nodelink, ars_buf *b)
{
    bool first = true;
    ars_buf_putc(b, '{');
    str_field(b, "id", g->nodes[i].id, &first);
    if (!nodelink) {
        str_field(b, "value", g->nodes[i].id, &first);
        str_field(b, "name", g->nodes[i].label, &first);
    }
    attrs(g, i, false, b, &first);
    ars_buf_putc(b, '}');
}

static void edge_obj(const ars_graph *g, size_t i, bool nodelink, ars_buf *b)
{
    const ars_gedge *e = &g->edges[i];
    bool first = true;
    ars_buf_putc(b, '{');
    if (nodelink) {
        str_field(b, "source", g->nodes[e->src].id, &first);
        str_field(b, "target", g->nodes[e->dst].id, &first);
        str_field(b, "key", e->id, &first);
        str_field(b, "id", e->id, &first);
    } else {
        str_field(b, "id", e->id, &first);
        str_field(b, "source", g->nodes[e->src].id, &first);
        str_field(b, "target", g->nodes[e->dst].id, &first);
        str_field(b, "key", e->id, &first);
    }
    attrs(g, i, true, b, &first);
    ars_buf_putc(b, '}');
}

/* Streams the document element by element, one per line (a whole-graph tree
 * would need gigabytes for a million deals). */
static int write_graph(const ars_graph *g, FILE *f, bool nodelink, ars_diag *diag)
{
    ars_buf b;
    ars_buf_init(&b);
    bool ok = true;
    ars_buf_puts(&b, nodelink ? "{\"directed\": true, \"multigraph\": true, \"graph\": {\"name\": \"arsenal\"},\n\"nodes\": ["
                              : "{\"data\": {\"name\": \"arsenal\"}, \"directed\": true, \"multigraph\": true,\n"
                                "\"elements\": {\"nodes\": [");
    for (size_t i = 0; i < g->nnodes && ok; i++) {
        ars_buf_puts(&b, i == 0 ? "\n  " : ",\n  ");
        if (!nodelink) ARS_PUTL(&b, "{\"data\":");
        node_obj(g, i, nodelink, &b);
        if (!nodelink) ars_buf_putc(&b, '}');
        ok = ars_emit_flush(&b, f, 1 << 16);
    }
    ars_buf_puts(&b, nodelink ? "\n],\n\"links\": [" : "\n],\n\"edges\": [");
    for (size_t i = 0; i < g->nedges && ok; i++) {
        ars_buf_puts(&b, i == 0 ? "\n  " : ",\n  ");
        if (!nodelink) ARS_PUTL(&b, "{\"data\":");
        edge_obj(g, i, nodelink, &b);
        if (!nodelink) ars_buf_putc(&b, '}');
        ok = ars_emit_flush(&b, f, 1 << 16);
    }
    ars_buf_puts(&b, nodelink ? "\n]}\n" : "\n]}}\n");
    bool nomem = b.failed;
    if (ok) ok = ars_emit_flush(&b, f, 0);
    ars_buf_free(&b);
    if (nomem) {
        ars_diag_add(diag, ARS_DIAG_ERROR, NULL, 0, 0, "out of memory");
        return ARS_ENOMEM;
    }
    return ok && !ferror(f) ? 0 : ARS_EIO;
}

int ars_export_nodelink(const ars_graph *g, FILE *f, ars_diag *diag)
{
    return write_graph(g, f, true, diag);
}

int ars_export_cyjs(const ars_graph *g, FILE *f, ars_diag *diag)
{
    return write_graph(g, f, false, diag);
}
