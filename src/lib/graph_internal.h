/*
 * graph_internal.h -- the procurement graph as the exporters see it.
 *
 *   ars_graph
 *    ├─ nodes[]  sorted by id ("company:…" < "country:…" < "system:…")
 *    │    id, label, type, measures (degree, strength, PageRank, community)
 *    └─ edges[]  sorted by (type, source id, target id, id)
 *         buys / sells: one per deal (figures of the deal)
 *         makes / based_in / supplies: one per (source, target), aggregated
 *
 * Every string here is already cleaned for output (valid UTF-8, no control
 * characters; see ars_graph_clean) and ids only use [A-Za-z0-9:._-], so that
 * they are XML NMTOKENs. Ownership: the graph owns every string (edge labels,
 * evidence and suppliers in its arena, the rest malloc'd); `deal` pointers
 * borrow from the merged set given to ars_graph_build.
 */
#ifndef ARS_GRAPH_INTERNAL_H
#define ARS_GRAPH_INTERNAL_H

#include "arsenal/graph.h"
#include "util.h"
#include <stdio.h>

typedef enum { ARS_NODE_COMPANY = 0, ARS_NODE_COUNTRY, ARS_NODE_SYSTEM } ars_node_type;
/* alphabetical, so that sorting on the enum sorts on the name */
typedef enum {
    ARS_EDGE_BASED_IN = 0, ARS_EDGE_BUYS, ARS_EDGE_MAKES, ARS_EDGE_SELLS, ARS_EDGE_SUPPLIES
} ars_edge_type;

typedef struct ars_value_sum {
    char currency[4];   /* "" = unknown currency */
    double amount;
} ars_value_sum;

typedef struct ars_gnode {
    char *id;
    char *label;
    ars_node_type type;
    char iso3[4];           /* countries: the code; companies: home country */
    char *category;         /* systems */
    char *family;           /* systems, may be NULL */
    bool generic;           /* systems */
    size_t deals;           /* deals the node takes part in */
    int first_year, last_year;  /* 0 = unknown */
    long degree, indegree, outdegree;
    double strength;        /* sum of incident edge weights (weight = deals) */
    double pagerank;
    long community;         /* -1 = none */
} ars_gnode;

typedef struct ars_gedge {
    char *id;
    ars_edge_type type;
    size_t src, dst;        /* indexes into nodes */
    char *label;
    double weight;          /* deals the edge stands for */
    /* buys / sells: the deal's own figures */
    const ars_deal *deal;   /* NULL for aggregates */
    ars_kind kind;
    long long quantity;     /* ARS_NO_QUANTITY = unknown */
    ars_money value;
    char date[11];
    int year;               /* year of date, 0 = unknown */
    ars_status status;
    size_t nsources;
    char *evidence;         /* first evidence sentence (cleaned), may be NULL */
    char *supplier;         /* the supplying company's label, may be NULL */
    /* spells: first and last year seen (0 = unknown) */
    int first_year, last_year;
    /* aggregates (supplies; deals also on makes / based_in) */
    size_t deals, systems;
    ars_value_sum *values;  /* sorted by currency */
    size_t nvalues;
} ars_gedge;

struct ars_graph {
    ars_gnode *nodes;
    size_t nnodes;
    ars_gedge *edges;
    size_t nedges;
    ars_arena strings;      /* edge labels, evidence and supplier names (a deal's buys and
                               sells edges share theirs): two per deal, freed at once */
    const ars_dealset *deals;
    size_t ncommunities;
    double modularity;
};

const char *ars_node_type_name(ars_node_type t);
const char *ars_edge_type_name(ars_edge_type t);

/* Output-safe copy of s: invalid UTF-8 becomes U+FFFD, C0/C1 controls and DEL
 * are dropped, tab/CR/LF become a space, U+FFFE/U+FFFF/U+FEFF and the bidi
 * embedding/override/isolate controls (U+202A-202E, U+2066-2069) are dropped;
 * the bidi marks U+200E/U+200F/U+061C are kept.
 * malloc'd; NULL in gives NULL out. */
char *ars_graph_clean(const char *s);

/* Locale-independent number formatting into buf (at least 32 bytes):
 * integral values as integers, others with %.17g-style shortest round trip. */
const char *ars_fmt_num(double v, char *buf, size_t n);

/* "EUR 150000000; USD 524000000" for an edge's value sums; malloc'd, "" if none. */
char *ars_gedge_values_str(const ars_gedge *e);

/* ---- attributes, one table for every exporter ------------------------------------------
 * ars_node_attrs / ars_edge_attrs list the attributes in output order; the
 * getters fill *v and return false when the element has no such value (the
 * exporters then leave it out). v->s points into the graph or into v->buf,
 * or to v->owned (malloc'd, freed by ars_attr_val_clear). */
typedef enum { ARS_ATTR_STRING, ARS_ATTR_INT, ARS_ATTR_LONG, ARS_ATTR_DOUBLE, ARS_ATTR_BOOL } ars_attr_type;

typedef struct ars_attr {
    const char *name;
    ars_attr_type type;
} ars_attr;

typedef struct ars_attr_val {
    const char *s;
    long long i;        /* INT, LONG, BOOL (0/1) */
    double d;
    char *owned;
} ars_attr_val;

enum { ARS_NODE_NATTRS = 15, ARS_EDGE_NATTRS = 19 };
extern const ars_attr ars_node_attrs[ARS_NODE_NATTRS];
extern const ars_attr ars_edge_attrs[ARS_EDGE_NATTRS];
bool ars_node_attr(const ars_graph *g, size_t node, size_t attr, ars_attr_val *v);
bool ars_edge_attr(const ars_graph *g, size_t edge, size_t attr, ars_attr_val *v);
void ars_attr_val_clear(ars_attr_val *v);
/* The value as text ("C" numbers, booleans "true"/"false") into buf (>= 40
 * bytes) or v->s. */
const char *ars_attr_text(ars_attr_type t, const ars_attr_val *v, char *buf, size_t n);

/* The exporters (one per file). Each writes to an open stream and returns 0,
 * ARS_EIO on a write error or ARS_EDEP when libxml2 / cJSON fail. */
int ars_export_graphml(const ars_graph *g, FILE *f, ars_diag *diag);
int ars_export_gexf(const ars_graph *g, FILE *f, ars_diag *diag);
int ars_export_nodelink(const ars_graph *g, FILE *f, ars_diag *diag);
int ars_export_cyjs(const ars_graph *g, FILE *f, ars_diag *diag);
int ars_export_dot(const ars_graph *g, FILE *f, ars_diag *diag);
/* DOT with systems and companies too (format "dot-full"). */
int ars_export_dot_ex(const ars_graph *g, FILE *f, bool systems, ars_diag *diag);
/* CSV: a directory receiving nodes.csv, edges.csv, register.csv (each atomic). */
int ars_export_csv(const ars_graph *g, const char *dir, ars_diag *diag);

#endif
