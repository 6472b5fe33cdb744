/*
 * arsenal/graph.h -- the procurement graph (igraph) and its exporters.
 *
 * Nodes: country, company, system (attribute "type"). Edges:
 *   buys      country -> system   one per deal, with its attributes
 *   sells     country -> system   seller state
 *   makes     company -> system
 *   based_in  company -> country
 *   supplies  seller  -> buyer    aggregate: deals, systems, value per currency,
 *                                 first and last year
 * Node measures: degree, strength, PageRank, community (on the undirected
 * supplier graph).
 */
#ifndef ARSENAL_GRAPH_H
#define ARSENAL_GRAPH_H

#include "deal.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_graph ars_graph;

typedef enum {
    ARS_EXPORT_GRAPHML, ARS_EXPORT_GEXF, ARS_EXPORT_JSON, ARS_EXPORT_CYJS,
    ARS_EXPORT_DOT, ARS_EXPORT_CSV,
    ARS_EXPORT_DOT_FULL     /* DOT with systems and companies ("dot-full") */
} ars_export_format;

/* Builds the graph from merged deals (the set is borrowed for the graph's life).
 * Node and edge attributes, measures and ids are described in docs/formats.md.
 * Not thread-safe (igraph is built without thread-local state): build one graph
 * at a time. Returns 0, ARS_ENOMEM, or ARS_EDEP when igraph fails (message in diag). */
int ars_graph_build(ars_graph **out, const ars_dealset *merged, ars_diag *diag);
void ars_graph_free(ars_graph *g);

/* Format from a file name's extension (".graphml", ".gexf", ".json", ".cyjs",
 * ".dot"/".gv"; a name ending in '/' or an existing directory = CSV). -1 if unknown.
 * ars_export_format_parse takes a format name: graphml, gexf, json (node-link),
 * cyjs (cytoscape), dot, dot-full, csv. */
int ars_export_format_from_path(const char *path);
int ars_export_format_parse(const char *name);

/* Writes one format. For CSV, `path` is a directory that receives nodes.csv,
 * edges.csv and register.csv. Files are written atomically (temporary name +
 * rename); on failure the previous file is left intact. */
int ars_graph_export(const ars_graph *g, ars_export_format fmt, const char *path, ars_diag *diag);

/* Reads the deals back from a graph file written by ars_graph_export: GraphML,
 * GEXF, networkx node-link JSON or Cytoscape.js JSON, told by the content. One deal
 * per `buys` edge: buyer and system from its ends, seller from the `sells` edge
 * of the same deal, supplier from its `supplier` attribute, figures from its
 * attributes. A graph keeps one sentence per deal: the deal gets that source
 * (doc = path) followed by `sources - 1` sources without text, so that the count
 * stays right. Deals are appended to out; a buys edge whose ends are missing is
 * reported in diag and counted in *skipped (may be NULL). Returns 0;
 * ARS_ENOTFOUND when the file is not a graph of that shape (nothing appended);
 * ARS_EIO, ARS_EPARSE (message in diag) or ARS_ENOMEM. */
int ars_graph_read_deals(ars_dealset *out, const char *path, ars_diag *diag, size_t *skipped);

/* Table of top buyers, suppliers, systems and communities (`arsenal stats`);
 * `top` rows per table (0 = 10). Returns 0 or ARS_EIO on a write error. */
int ars_graph_stats(const ars_graph *g, FILE *out, size_t top);

#ifdef __cplusplus
}
#endif
#endif
