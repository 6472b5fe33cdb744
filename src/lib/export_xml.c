/*
 * export_xml.c -- GraphML and GEXF 1.3, written directly in the layout libxml2's
 * xmlTextWriter gave them (indented by two spaces).
 *
 * GraphML: string ids, typed <key>s (attr.type int / long / double / boolean /
 * string), edgedefault="directed", an id on every edge so that parallel edges
 * stay distinct, `label` on every node and edge. Valid against the GraphML
 * 1.0 XSD. Values an element does not have are left out (no <data>).
 *
 * GEXF 1.3: mode="dynamic", timeformat="double" with years ("2021.0") as
 * spells on nodes and edges; the edge's `kind` XML attribute and the `type`
 * attvalue carry the edge type (buys, sells...), the `kind` attvalue the deal
 * kind (sale, licensed_production...). viz:color by node type, viz:size by
 * PageRank (4 + 36 * pagerank / max pagerank). No xsi:schemaLocation (jing
 * rejects it). Valid against the GEXF 1.3 RELAX NG schema.
 *
 * Strings were cleaned when the graph was built (valid UTF-8, no control
 * characters); the writer escapes &, <, >, quotes (emit.c).
 */
#include "graph_internal.h"
#include "emit.h"
#include <math.h>
#include <string.h>

/*
 * A small streaming writer with the layout of libxml2's xmlTextWriter set to
 * indent with two spaces (which is what these files were written with before):
 * every start tag on its own line at its depth; an element without content
 * closes as "/>"; text stays on the line of its element; the end tag of an
 * element with children goes on its own line. The writer keeps no document,
 * no encoder pass and no per-element allocation: at a million deals the
 * libxml2 writer was most of the export time. Escaping: emit.c.
 */
enum { XW_DEPTH = 8 };

typedef struct xw {
    FILE *f;
    ars_buf b;
    const char *stack[XW_DEPTH];   /* open elements (names are literals) */
    int depth;
    bool open;      /* the start tag of the innermost element still lacks its '>' */
    bool text;      /* the innermost element has text content */
    bool bad;
} xw;

static void flush(xw *x, size_t at_least)
{
    if (!ars_emit_flush(&x->b, x->f, at_least)) x->bad = true;
}

static void start(xw *x, const char *name)
{
    if (x->depth == XW_DEPTH) { x->bad = true; return; }
    if (x->open) ARS_PUTL(&x->b, ">\n");
    for (int i = 0; i < x->depth; i++) ARS_PUTL(&x->b, "  ");
    ars_buf_putc(&x->b, '<');
    ars_buf_puts(&x->b, name);
    x->stack[x->depth++] = name;
    x->open = true;
    x->text = false;
}

static void end(xw *x)
{
    if (x->depth == 0) { x->bad = true; return; }
    const char *name = x->stack[--x->depth];
    if (x->open) ARS_PUTL(&x->b, "/>\n");
    else {
        if (!x->text)
            for (int i = 0; i < x->depth; i++) ARS_PUTL(&x->b, "  ");
        ARS_PUTL(&x->b, "</");
        ars_buf_puts(&x->b, name);
        ARS_PUTL(&x->b, ">\n");
    }
    x->open = false;
    x->text = false;
    flush(x, 1 << 16);
}

static void attr(xw *x, const char *name, const char *value)
{
    ars_buf_putc(&x->b, ' ');
    ars_buf_puts(&x->b, name);
    ARS_PUTL(&x->b, "=\"");
    ars_emit_xml_attr(&x->b, value ? value : "");
    ars_buf_putc(&x->b, '"');
}

static void text(xw *x, const char *s)
{
    if (x->open) ars_buf_putc(&x->b, '>');
    x->open = false;
    x->text = true;
    ars_emit_xml_text(&x->b, s ? s : "");
}

static int xw_open(xw *x, FILE *f, ars_diag *diag)
{
    (void)diag;
    memset(x, 0, sizeof *x);
    x->f = f;
    ars_buf_init(&x->b);
    ARS_PUTL(&x->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    return 0;
}

static int xw_close(xw *x, FILE *f, ars_diag *diag)
{
    while (x->depth > 0 && !x->bad) end(x);
    flush(x, 0);
    ars_buf_free(&x->b);
    if (x->bad || ferror(f)) {
        ars_diag_add(diag, ARS_DIAG_ERROR, NULL, 0, 0, "write error while writing XML");
        return ARS_EIO;
    }
    return 0;
}

static const char *graphml_type(ars_attr_type t)
{
    switch (t) {
    case ARS_ATTR_INT: return "int";
    case ARS_ATTR_LONG: return "long";
    case ARS_ATTR_DOUBLE: return "double";
    case ARS_ATTR_BOOL: return "boolean";
    default: return "string";
    }
}

/* ---- GraphML ------------------------------------------------------------------------------- */

int ars_export_graphml(const ars_graph *g, FILE *f, ars_diag *diag)
{
    xw x;
    int rc = xw_open(&x, f, diag);
    if (rc) return rc;
    char buf[64], kid[64];
    /* the <data key="..."> of every attribute, formatted once */
    char nkey[ARS_NODE_NATTRS][48], ekey[ARS_EDGE_NATTRS][48];
    for (size_t a = 0; a < ARS_NODE_NATTRS; a++) snprintf(nkey[a], sizeof nkey[a], "v_%s", ars_node_attrs[a].name);
    for (size_t a = 0; a < ARS_EDGE_NATTRS; a++) snprintf(ekey[a], sizeof ekey[a], "e_%s", ars_edge_attrs[a].name);
    start(&x, "graphml");
    attr(&x, "xmlns", "http://graphml.graphdrawing.org/xmlns");
    for (int pass = 0; pass < 2; pass++) {
        const ars_attr *tab = pass ? ars_edge_attrs : ars_node_attrs;
        size_t n = pass ? ARS_EDGE_NATTRS : ARS_NODE_NATTRS;
        for (size_t i = 0; i < n; i++) {
            snprintf(kid, sizeof kid, "%c_%s", pass ? 'e' : 'v', tab[i].name);
            start(&x, "key");
            attr(&x, "id", kid);
            attr(&x, "for", pass ? "edge" : "node");
            attr(&x, "attr.name", tab[i].name);
            attr(&x, "attr.type", graphml_type(tab[i].type));
            end(&x);
        }
    }
    start(&x, "graph");
    attr(&x, "id", "arsenal");
    attr(&x, "edgedefault", "directed");
    for (size_t i = 0; i < g->nnodes && !x.bad; i++) {
        start(&x, "node");
        attr(&x, "id", g->nodes[i].id);
        for (size_t a = 0; a < ARS_NODE_NATTRS; a++) {
            ars_attr_val v;
            if (!ars_node_attr(g, i, a, &v)) continue;
            start(&x, "data");
            attr(&x, "key", nkey[a]);
            text(&x, ars_attr_text(ars_node_attrs[a].type, &v, buf, sizeof buf));
            end(&x);
            ars_attr_val_clear(&v);
        }
        end(&x);
    }
    for (size_t i = 0; i < g->nedges && !x.bad; i++) {
        const ars_gedge *e = &g->edges[i];
        start(&x, "edge");
        attr(&x, "id", e->id);
        attr(&x, "source", g->nodes[e->src].id);
        attr(&x, "target", g->nodes[e->dst].id);
        for (size_t a = 0; a < ARS_EDGE_NATTRS; a++) {
            ars_attr_val v;
            if (!ars_edge_attr(g, i, a, &v)) continue;
            start(&x, "data");
            attr(&x, "key", ekey[a]);
            text(&x, ars_attr_text(ars_edge_attrs[a].type, &v, buf, sizeof buf));
            end(&x);
            ars_attr_val_clear(&v);
        }
        end(&x);
    }
    end(&x); /* graph */
    end(&x); /* graphml */
    return xw_close(&x, f, diag);
}

/* ---- GEXF 1.3 -------------------------------------------------------------------------------- */

static const char *gexf_type(ars_attr_type t)
{
    switch (t) {
    case ARS_ATTR_INT: return "integer";
    case ARS_ATTR_LONG: return "long";
    case ARS_ATTR_DOUBLE: return "double";
    case ARS_ATTR_BOOL: return "boolean";
    default: return "string";
    }
}

/* label is an XML attribute of node and edge, weight one of edge: not attvalues */
static bool gexf_skip(bool edge, size_t a)
{
    const char *nm = edge ? ars_edge_attrs[a].name : ars_node_attrs[a].name;
    return strcmp(nm, "label") == 0 || (edge && strcmp(nm, "weight") == 0);
}

static void spells(xw *x, int y0, int y1)
{
    if (!y0) return;
    char a[32], b[32];
    snprintf(a, sizeof a, "%d.0", y0);
    snprintf(b, sizeof b, "%d.0", y1 ? y1 : y0);
    start(x, "spells");
    start(x, "spell");
    attr(x, "start", a);
    attr(x, "end", b);
    end(x);
    end(x);
}

int ars_export_gexf(const ars_graph *g, FILE *f, ars_diag *diag)
{
    static const int colors[3][3] = {
        [ARS_NODE_COMPANY] = {255, 127, 14}, [ARS_NODE_COUNTRY] = {31, 119, 180}, [ARS_NODE_SYSTEM] = {44, 160, 44}};
    xw x;
    int rc = xw_open(&x, f, diag);
    if (rc) return rc;
    char buf[64];
    double maxpr = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].pagerank > maxpr) maxpr = g->nodes[i].pagerank;
    start(&x, "gexf");
    attr(&x, "xmlns", "http://gexf.net/1.3");
    attr(&x, "xmlns:viz", "http://gexf.net/1.3/viz");
    attr(&x, "version", "1.3");
    start(&x, "meta");
    start(&x, "creator");
    text(&x, "arsenal");
    end(&x);
    start(&x, "description");
    text(&x, "Arms deals extracted from news: countries, companies and systems");
    end(&x);
    end(&x);
    start(&x, "graph");
    attr(&x, "defaultedgetype", "directed");
    attr(&x, "mode", "dynamic");
    attr(&x, "timeformat", "double");
    for (int pass = 0; pass < 2; pass++) {
        const ars_attr *tab = pass ? ars_edge_attrs : ars_node_attrs;
        size_t n = pass ? ARS_EDGE_NATTRS : ARS_NODE_NATTRS;
        start(&x, "attributes");
        attr(&x, "class", pass ? "edge" : "node");
        attr(&x, "mode", "static");
        for (size_t i = 0; i < n; i++) {
            if (gexf_skip(pass, i)) continue;
            start(&x, "attribute");
            attr(&x, "id", tab[i].name);
            attr(&x, "title", tab[i].name);
            attr(&x, "type", gexf_type(tab[i].type));
            end(&x);
        }
        end(&x);
    }
    start(&x, "nodes");
    snprintf(buf, sizeof buf, "%zu", g->nnodes);
    attr(&x, "count", buf);
    for (size_t i = 0; i < g->nnodes && !x.bad; i++) {
        const ars_gnode *nd = &g->nodes[i];
        start(&x, "node");
        attr(&x, "id", nd->id);
        attr(&x, "label", nd->label);
        start(&x, "attvalues");
        for (size_t a = 0; a < ARS_NODE_NATTRS; a++) {
            ars_attr_val v;
            if (gexf_skip(false, a) || !ars_node_attr(g, i, a, &v)) continue;
            start(&x, "attvalue");
            attr(&x, "for", ars_node_attrs[a].name);
            attr(&x, "value", ars_attr_text(ars_node_attrs[a].type, &v, buf, sizeof buf));
            end(&x);
            ars_attr_val_clear(&v);
        }
        end(&x);
        spells(&x, nd->first_year, nd->last_year);
        const int *c = colors[nd->type];
        char r[8], gg[8], b[8];
        snprintf(r, sizeof r, "%d", c[0]);
        snprintf(gg, sizeof gg, "%d", c[1]);
        snprintf(b, sizeof b, "%d", c[2]);
        start(&x, "viz:color");
        attr(&x, "r", r);
        attr(&x, "g", gg);
        attr(&x, "b", b);
        end(&x);
        double size = 4 + (maxpr > 0 ? 36 * nd->pagerank / maxpr : 0);
        snprintf(buf, sizeof buf, "%.3f", size);
        start(&x, "viz:size");
        attr(&x, "value", buf);
        end(&x);
        end(&x);
    }
    end(&x); /* nodes */
    start(&x, "edges");
    snprintf(buf, sizeof buf, "%zu", g->nedges);
    attr(&x, "count", buf);
    for (size_t i = 0; i < g->nedges && !x.bad; i++) {
        const ars_gedge *e = &g->edges[i];
        start(&x, "edge");
        attr(&x, "id", e->id);
        attr(&x, "source", g->nodes[e->src].id);
        attr(&x, "target", g->nodes[e->dst].id);
        attr(&x, "label", e->label);
        attr(&x, "kind", ars_edge_type_name(e->type));
        attr(&x, "weight", ars_fmt_num(e->weight, buf, sizeof buf));
        start(&x, "attvalues");
        for (size_t a = 0; a < ARS_EDGE_NATTRS; a++) {
            ars_attr_val v;
            if (gexf_skip(true, a) || !ars_edge_attr(g, i, a, &v)) continue;
            start(&x, "attvalue");
            attr(&x, "for", ars_edge_attrs[a].name);
            attr(&x, "value", ars_attr_text(ars_edge_attrs[a].type, &v, buf, sizeof buf));
            end(&x);
            ars_attr_val_clear(&v);
        }
        end(&x);
        spells(&x, e->first_year, e->last_year);
        end(&x);
    }
    end(&x); /* edges */
    end(&x); /* graph */
    end(&x); /* gexf */
    return xw_close(&x, f, diag);
}
