/*
 * export_csv.c -- a directory of CSV tables (quoted as libcsv's csv_fwrite does):
 *
 *   nodes.csv     Id, Label, Type, <node attributes...>, Timeset
 *   edges.csv     Source, Target, Type (always "Directed"), Kind (buys, sells...),
 *                 Weight, Label, Id, Timeset, <edge attributes...>
 *                 (the deal kind is the column deal_kind)
 *   register.csv  one row per deal, with the SIPRI trade-register columns first:
 *                 Recipient, Supplier, Year of order, Number ordered, Weapon
 *                 designation, Weapon description, Number delivered, Year(s) of
 *                 delivery, status, Comments, then our own columns.
 *
 * Node and edge tables follow Gephi's spreadsheet import (Data Laboratory):
 * Timeset is a closed interval of years, "<[2021.0, 2024.0]>".
 *
 * Formula injection: a text cell starting with = + - @, a tab or a carriage
 * return gets a leading single quote ("'=cmd|..."), so that spreadsheets show
 * it as text instead of evaluating it. Numbers we compute are written as is.
 * Text cells are quoted, numbers are not.
 */
#include "graph_internal.h"
#include "atomicfile.h"
#include "emit.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct csvw {
    FILE *f;
    ars_buf b;      /* rows go here; written out in blocks */
    int ncell;
    bool bad;
} csvw;

static void sep(csvw *w)
{
    if (w->ncell++) ars_buf_putc(&w->b, ',');
}

/* Quoted as libcsv's csv_fwrite quotes (emit.c), which these tables used
 * before: one fputc per byte was a good part of their time. */
static void cell_text(csvw *w, const char *s)
{
    sep(w);
    if (!s) s = "";
    char c = s[0];
    /* formula injection: the leading quote goes inside the field */
    bool formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    ars_emit_csv_quoted(&w->b, formula ? "'" : NULL, s, strlen(s));
}

/* A deal string: cleaned, then written as text. */
static void cell_clean(csvw *w, const char *s)
{
    char *c = ars_graph_clean(s ? s : "");
    if (!c) { w->bad = true; return; }
    cell_text(w, c);
    free(c);
}

static void cell_raw(csvw *w, const char *s)
{
    sep(w);
    if (s) ars_buf_puts(&w->b, s);
}

static void cell_int(csvw *w, long long v, bool present)
{
    sep(w);
    if (present) ars_emit_ll(&w->b, v);
}

static void row_end(csvw *w)
{
    ars_buf_putc(&w->b, '\n');
    w->ncell = 0;
    if (!ars_emit_flush(&w->b, w->f, 1 << 16)) w->bad = true;
}

static void cell_timeset(csvw *w, int y0, int y1)
{
    if (!y0) { cell_raw(w, ""); return; }
    char b[64];
    snprintf(b, sizeof b, "<[%d.0, %d.0]>", y0, y1 ? y1 : y0);
    cell_text(w, b);
}

static void cell_attr(csvw *w, ars_attr_type t, bool has, const ars_attr_val *v)
{
    char buf[64];
    if (!has) cell_raw(w, "");
    else if (t == ARS_ATTR_STRING) cell_text(w, v->s);
    else cell_raw(w, ars_attr_text(t, v, buf, sizeof buf));
}

static void write_nodes(const ars_graph *g, csvw *w)
{
    cell_text(w, "Id");
    cell_text(w, "Label");
    cell_text(w, "Type");
    for (size_t a = 2; a < ARS_NODE_NATTRS; a++) cell_text(w, ars_node_attrs[a].name);
    cell_text(w, "Timeset");
    row_end(w);
    for (size_t i = 0; i < g->nnodes && !w->bad; i++) {
        const ars_gnode *n = &g->nodes[i];
        cell_text(w, n->id);
        cell_text(w, n->label);
        cell_text(w, ars_node_type_name(n->type));
        for (size_t a = 2; a < ARS_NODE_NATTRS; a++) {
            ars_attr_val v;
            bool has = ars_node_attr(g, i, a, &v);
            cell_attr(w, ars_node_attrs[a].type, has, &v);
            ars_attr_val_clear(&v);
        }
        cell_timeset(w, n->first_year, n->last_year);
        row_end(w);
    }
}

/* edge attributes other than label (0), type (1), weight (3) */
static bool edge_extra(size_t a) { return a != 0 && a != 1 && a != 3; }

static void write_edges(const ars_graph *g, csvw *w)
{
    static const char *const head[] = {"Source", "Target", "Type", "Kind", "Weight", "Label", "Id", "Timeset"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) cell_text(w, head[i]);
    for (size_t a = 0; a < ARS_EDGE_NATTRS; a++)
        if (edge_extra(a)) cell_text(w, strcmp(ars_edge_attrs[a].name, "kind") == 0 ? "deal_kind" : ars_edge_attrs[a].name);
    row_end(w);
    char buf[64];
    for (size_t i = 0; i < g->nedges && !w->bad; i++) {
        const ars_gedge *e = &g->edges[i];
        cell_text(w, g->nodes[e->src].id);
        cell_text(w, g->nodes[e->dst].id);
        cell_text(w, "Directed");
        cell_text(w, ars_edge_type_name(e->type));
        cell_raw(w, ars_fmt_num(e->weight, buf, sizeof buf));
        cell_text(w, e->label);
        cell_text(w, e->id);
        cell_timeset(w, e->first_year, e->last_year);
        for (size_t a = 0; a < ARS_EDGE_NATTRS; a++) {
            if (!edge_extra(a)) continue;
            ars_attr_val v;
            bool has = ars_edge_attr(g, i, a, &v);
            cell_attr(w, ars_edge_attrs[a].type, has, &v);
            ars_attr_val_clear(&v);
        }
        row_end(w);
    }
}

static int year_of(const char *d)
{
    int y = 0, k = 0;
    while (k < 4 && d[k] >= '0' && d[k] <= '9') y = y * 10 + (d[k++] - '0');
    return k == 4 ? y : 0;
}

static void write_register(const ars_graph *g, csvw *w)
{
    static const char *const head[] = {
        "Recipient", "Supplier", "Year of order", "Number ordered", "Weapon designation",
        "Weapon description", "Number delivered", "Year(s) of delivery", "status", "Comments",
        "Deal id", "Recipient ISO3", "Supplier ISO3", "Company", "Company country", "Kind", "Value",
        "Currency", "Date", "Sources", "Evidence"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) cell_text(w, head[i]);
    row_end(w);
    const ars_dealset *ds = g->deals;
    char buf[64];
    for (size_t i = 0; ds && i < ds->n && !w->bad; i++) {
        const ars_deal *d = &ds->v[i];
        if (!d->buyer.iso3[0] || !d->system.name) continue;
        /* year of order: the earliest year stated with status ordered (or later) */
        int yo = 0;
        ars_buf deliv;
        ars_buf_init(&deliv);
        int lastdy = 0;
        for (size_t s = 0; s < d->nsources; s++) {
            const ars_source *src = &d->sources[s];
            int y = year_of(src->date);
            if (!y) continue;
            if ((src->status == ARS_STATUS_ORDERED || src->status == ARS_STATUS_DELIVERED) && (!yo || y < yo)) yo = y;
        }
        /* delivery years, ascending and distinct */
        for (;;) {
            int next = 0;
            for (size_t s = 0; s < d->nsources; s++) {
                int y = year_of(d->sources[s].date);
                if (d->sources[s].status == ARS_STATUS_DELIVERED && y > lastdy && (!next || y < next)) next = y;
            }
            if (!next) break;
            ars_buf_printf(&deliv, "%s%d", deliv.len ? "; " : "", next);
            lastdy = next;
        }
        if (!yo && (d->status == ARS_STATUS_ORDERED || d->status == ARS_STATUS_DELIVERED)) yo = year_of(d->date);
        bool hq = d->quantity != ARS_NO_QUANTITY;
        ars_buf com;
        ars_buf_init(&com);
        if (d->system.generic) ars_buf_puts(&com, "generic system; ");
        if (d->kind != ARS_KIND_SALE) ars_buf_printf(&com, "%s; ", ars_kind_name(d->kind));
        if (d->value.approx) ars_buf_puts(&com, "approximate value; ");
        size_t cq = 0, cv = 0;
        for (size_t c = 0; c < d->nconflicts; c++) {
            if (d->conflicts[c].field && strcmp(d->conflicts[c].field, "quantity") == 0) cq++;
            else cv++;
        }
        if (cq) ars_buf_printf(&com, "sources disagree on the quantity (%zu sources); ", cq);
        if (cv) ars_buf_printf(&com, "sources disagree on the value (%zu sources); ", cv);
        if (com.len >= 2 && !com.failed) { com.len -= 2; com.data[com.len] = '\0'; } /* the last "; " */

        cell_clean(w, d->buyer.name ? d->buyer.name : d->buyer.iso3);
        cell_clean(w, d->seller.name ? d->seller.name : d->seller.iso3);
        cell_int(w, yo, yo != 0);
        cell_int(w, d->quantity, hq);
        cell_clean(w, d->system.name);
        cell_clean(w, d->system.category);
        cell_int(w, d->quantity, hq && d->status == ARS_STATUS_DELIVERED);
        cell_text(w, deliv.failed || !deliv.len ? "" : deliv.data);
        cell_text(w, ars_status_name(d->status) ? ars_status_name(d->status) : "");
        cell_text(w, com.failed || !com.len ? "" : com.data);
        cell_clean(w, d->id);
        cell_clean(w, d->buyer.iso3);
        cell_clean(w, d->seller.iso3);
        cell_clean(w, d->supplier.name);
        cell_clean(w, d->supplier.iso3);
        cell_text(w, ars_kind_name(d->kind));
        cell_raw(w, d->value.present ? ars_fmt_num(d->value.amount, buf, sizeof buf) : "");
        cell_clean(w, d->value.present ? d->value.currency : "");
        cell_clean(w, d->date);
        cell_int(w, (long long)d->nsources, true);
        cell_clean(w, d->nsources ? d->sources[0].text : "");
        row_end(w);
        if (deliv.failed || com.failed) w->bad = true;
        ars_buf_free(&deliv);
        ars_buf_free(&com);
    }
}

static int write_table(const ars_graph *g, const char *dir, const char *name,
                       void (*fn)(const ars_graph *, csvw *), ars_diag *diag)
{
    size_t dl = strlen(dir);
    char *path = ars_asprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
    if (!path) return ARS_ENOMEM;
    ars_atomic a;
    int rc = 0;
    if (ars_atomic_open(&a, path) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        free(path);
        return ARS_EIO;
    }
    if (a.f != stdout) setvbuf(a.f, NULL, _IOFBF, 1 << 20);
    csvw w = {a.f, {0}, 0, false};
    ars_buf_init(&w.b);
    fn(g, &w);
    if (!ars_emit_flush(&w.b, w.f, 0)) w.bad = true;
    ars_buf_free(&w.b);
    if (w.bad) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "write error");
        ars_atomic_abort(&a);
        rc = ARS_EIO;
    } else if (ars_atomic_commit(&a) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        rc = ARS_EIO;
    }
    free(path);
    return rc;
}

int ars_export_csv(const ars_graph *g, const char *dir, ars_diag *diag)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (mkdir(dir, 0777) != 0) {
            ars_diag_add(diag, ARS_DIAG_ERROR, dir, 0, 0, "cannot create directory: %s", strerror(errno));
            return ARS_EIO;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        ars_diag_add(diag, ARS_DIAG_ERROR, dir, 0, 0, "not a directory");
        return ARS_EIO;
    }
    int rc = write_table(g, dir, "nodes.csv", write_nodes, diag);
    if (rc == 0) rc = write_table(g, dir, "edges.csv", write_edges, diag);
    if (rc == 0) rc = write_table(g, dir, "register.csv", write_register, diag);
    return rc;
}
