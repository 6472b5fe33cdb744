/*
 * csvread.h -- RFC 4180 CSV through libcsv, row by row, with line numbers and
 * character columns for messages.
 */
#ifndef ARS_CSVREAD_H
#define ARS_CSVREAD_H
#include "arsenal/common.h"

typedef struct ars_csv_row {
    char **f;          /* fields, NUL-terminated */
    size_t *flen;      /* their byte lengths */
    size_t n;
    long line;         /* physical line where the row starts (1-based) */
    const char *raw;   /* that physical line, NUL-terminated, without newline */
} ars_csv_row;

/* Return 0 to go on, non-zero to stop (returned by the reader). */
typedef int (*ars_csv_row_fn)(const ars_csv_row *row, void *ctx);

/* Parses data; `name` is used in messages. Malformed CSV (a stray quote) is
 * reported as name:line: message (ARS_EPARSE). */
int ars_csv_read_mem(const char *name, const char *data, size_t len, ars_csv_row_fn fn, void *ctx,
                     ars_diag *diag);
int ars_csv_read_file(const char *path, ars_csv_row_fn fn, void *ctx, ars_diag *diag);

/* 1-based character column where field `k` starts in row->raw (0 if unknown). */
long ars_csv_column(const ars_csv_row *row, size_t k);
#endif
