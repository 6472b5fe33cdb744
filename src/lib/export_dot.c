/*
 * export_dot.c -- Graphviz DOT: the supplier graph.
 *
 *   digraph arsenal {
 *     "country:USA" [label="United States", type="country", community=0];
 *     "country:USA" -> "country:MAR" [label="3", weight=3, type="supplies"];
 *   }
 *
 * Every country is a node; supplies edges carry the number of deals as label
 * and weight (pen width grows with it). With `systems` (format "dot-full"),
 * systems (boxes) and companies (notes) are added with their buys, sells and
 * makes edges. Strings are quoted with \" and \\ escaped; they were cleaned of
 * control characters when the graph was built.
 */
#include "graph_internal.h"
#include <math.h>
#include <string.h>

static void qstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static bool shown_node(const ars_gnode *n, bool systems)
{
    return n->type == ARS_NODE_COUNTRY || systems;
}

static bool shown_edge(const ars_gedge *e, bool systems)
{
    if (e->type == ARS_EDGE_SUPPLIES) return true;
    return systems && e->type != ARS_EDGE_BASED_IN;
}

int ars_export_dot_ex(const ars_graph *g, FILE *f, bool systems, ars_diag *diag)
{
    static const char *const shapes[] = {[ARS_NODE_COMPANY] = "note", [ARS_NODE_COUNTRY] = "ellipse",
                                         [ARS_NODE_SYSTEM] = "box"};
    static const char *const colors[] = {[ARS_NODE_COMPANY] = "#ff7f0e", [ARS_NODE_COUNTRY] = "#1f77b4",
                                         [ARS_NODE_SYSTEM] = "#2ca02c"};
    char num[40];
    fputs("digraph arsenal {\n  graph [rankdir=LR, overlap=false, label=\"arsenal: who supplies whom\"];\n"
          "  node [style=filled, fillcolor=white];\n",
          f);
    for (size_t i = 0; i < g->nnodes; i++) {
        const ars_gnode *n = &g->nodes[i];
        if (!shown_node(n, systems)) continue;
        fputs("  ", f);
        qstr(f, n->id);
        fputs(" [label=", f);
        qstr(f, n->label);
        fprintf(f, ", type=\"%s\", shape=%s, color=\"%s\", community=%ld, pagerank=%s];\n",
                ars_node_type_name(n->type), shapes[n->type], colors[n->type], n->community,
                ars_fmt_num(n->pagerank, num, sizeof num));
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const ars_gedge *e = &g->edges[i];
        if (!shown_edge(e, systems)) continue;
        fputs("  ", f);
        qstr(f, g->nodes[e->src].id);
        fputs(" -> ", f);
        qstr(f, g->nodes[e->dst].id);
        if (e->type == ARS_EDGE_SUPPLIES) {
            fprintf(f, " [label=\"%zu\", weight=%zu, penwidth=%.2f, type=\"supplies\", id=", e->deals, e->deals,
                    1.0 + log((double)(e->deals ? e->deals : 1)));
        } else {
            fprintf(f, " [label=");
            qstr(f, e->label);
            fprintf(f, ", type=\"%s\", style=%s, id=", ars_edge_type_name(e->type),
                    e->type == ARS_EDGE_BUYS ? "solid" : "dashed");
        }
        qstr(f, e->id);
        fputs("];\n", f);
    }
    fputs("}\n", f);
    if (ferror(f)) {
        ars_diag_add(diag, ARS_DIAG_ERROR, NULL, 0, 0, "write error while writing DOT");
        return ARS_EIO;
    }
    return 0;
}

int ars_export_dot(const ars_graph *g, FILE *f, ars_diag *diag)
{
    return ars_export_dot_ex(g, f, false, diag);
}
