/*
 * csvread.c -- libcsv wrapper: fields are collected by the field callback,
 * rows delivered by the row callback together with the line where the row
 * started (libcsv does not count lines, so the data is fed one physical line
 * at a time and the line number of each row's first byte is remembered).
 */
#include "csvread.h"
#include "util.h"
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    ars_csv_row row;
    size_t cap;
    ars_csv_row_fn fn;
    void *ctx;
    int stop;
    bool oom;
    long cur_line, row_line;
    const char *data;
    size_t len;
    char *raw;
    bool in_row;
    size_t scan_i;      /* rows arrive in line order: resume the line scan here */
    long scan_ln;
} state;

static void on_field(void *s, size_t n, void *p)
{
    state *st = p;
    if (st->stop || st->oom) return;
    if (!st->in_row) { st->in_row = true; st->row_line = st->cur_line; }
    if (st->row.n == st->cap) {
        size_t nc = st->cap ? st->cap * 2 : 16;
        char **f = realloc(st->row.f, nc * sizeof *f);
        if (f) st->row.f = f;
        size_t *fl = realloc(st->row.flen, nc * sizeof *fl);
        if (fl) st->row.flen = fl;
        if (!f || !fl) { st->oom = true; return; }
        st->cap = nc;
    }
    char *c = ars_strndup(s ? s : "", s ? n : 0);
    if (!c) { st->oom = true; return; }
    st->row.f[st->row.n] = c;
    st->row.flen[st->row.n] = s ? n : 0;
    st->row.n++;
}

static void free_fields(state *st)
{
    for (size_t i = 0; i < st->row.n; i++) free(st->row.f[i]);
    st->row.n = 0;
}

static void on_row(int c, void *p)
{
    (void)c;
    state *st = p;
    if (!st->in_row) st->row_line = st->cur_line;
    st->in_row = false;
    if (!st->stop && !st->oom) {
        /* the physical line where the row started */
        const char *d = st->data;
        size_t i = st->scan_i;
        long ln = st->scan_ln;
        while (ln < st->row_line && i < st->len) { if (d[i] == '\n') ln++; i++; }
        st->scan_i = i;
        st->scan_ln = ln;
        size_t e = i;
        while (e < st->len && d[e] != '\n' && d[e] != '\r') e++;
        free(st->raw);
        st->raw = ars_strndup(d + i, e - i);
        st->row.raw = st->raw ? st->raw : "";
        st->row.line = st->row_line;
        if (st->row.n > 0 && !(st->row.n == 1 && st->row.flen[0] == 0))
            st->stop = st->fn(&st->row, st->ctx);
    }
    free_fields(st);
}

int ars_csv_read_mem(const char *name, const char *data, size_t len, ars_csv_row_fn fn, void *ctx,
                     ars_diag *diag)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) return ARS_ENOMEM;
    state st;
    memset(&st, 0, sizeof st);
    st.fn = fn;
    st.ctx = ctx;
    st.data = data;
    st.len = len;
    st.cur_line = 1;
    st.scan_ln = 1;
    int rc = 0;
    size_t i = 0;
    /* skip a UTF-8 byte order mark */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && !st.stop && !st.oom) {
        size_t e = i;
        while (e < len && data[e] != '\n') e++;
        if (e < len) e++;
        if (csv_parse(&p, data + i, e - i, on_field, on_row, &st) != e - i) {
            ars_diag_add(diag, ARS_DIAG_ERROR, name, st.cur_line, 0,
                         "malformed CSV (a stray or unbalanced quote?): %s; the rest of this file is skipped",
                         csv_strerror(csv_error(&p)));
            rc = ARS_EPARSE;
            break;
        }
        if (e > i && data[e - 1] == '\n') st.cur_line++;
        i = e;
    }
    if (rc == 0 && !st.stop && !st.oom && csv_fini(&p, on_field, on_row, &st) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, name, st.row_line, 0, "malformed CSV: %s (unterminated quote?)",
                     csv_strerror(csv_error(&p)));
        rc = ARS_EPARSE;
    }
    if (st.oom) rc = ARS_ENOMEM;
    else if (rc == 0 && st.stop) rc = st.stop;
    free_fields(&st);
    free(st.row.f);
    free(st.row.flen);
    free(st.raw);
    csv_free(&p);
    return rc;
}

int ars_csv_read_file(const char *path, ars_csv_row_fn fn, void *ctx, ars_diag *diag)
{
    char *data = NULL;
    size_t len = 0;
    int e = 0;
    if (ars_read_file(path, &data, &len, &e) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(e));
        return ARS_EIO;
    }
    int rc = ars_csv_read_mem(path, data, len, fn, ctx, diag);
    free(data);
    return rc;
}

long ars_csv_column(const ars_csv_row *row, size_t k)
{
    const char *s = row->raw;
    if (!s) return 0;
    size_t i = 0, field = 0;
    long col = 1;
    bool q = false;
    while (s[i] && field < k) {
        char c = s[i];
        if (c == '"') q = !q;
        else if (c == ',' && !q) field++;
        if (((unsigned char)c & 0xC0) != 0x80) col++;
        i++;
    }
    return field == k ? col : 0;
}
