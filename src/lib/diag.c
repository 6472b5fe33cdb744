/* diag.c -- diagnostics list (see arsenal/common.h). */
#include "arsenal/common.h"
#include "util.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *ars_strerror(int code)
{
    switch (code) {
    case ARS_OK: return "success";
    case ARS_ENOMEM: return "out of memory";
    case ARS_EIO: return "input/output error";
    case ARS_EPARSE: return "parse error";
    case ARS_ENOTFOUND: return "not found";
    case ARS_EINVAL: return "invalid argument";
    case ARS_ELIMIT: return "limit reached";
    case ARS_EDEP: return "dependency failure";
    default: return "unknown error";
    }
}

#ifndef ARSENAL_VERSION
#define ARSENAL_VERSION "0.0.0"
#endif
const char *ars_version(void) { return ARSENAL_VERSION; }

void ars_diag_init(ars_diag *d) { memset(d, 0, sizeof *d); }

void ars_diag_clear(ars_diag *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].message);
        free(d->v[i].context);
        free(d->v[i].reason);
    }
    free(d->v);
    size_t max = d->max_kept;
    ars_diag_init(d);
    d->max_kept = max;
}

static void vadd(ars_diag *d, ars_severity sev, const char *file, long line, long column,
                 const char *context, const char *reason, const char *fmt, va_list ap)
{
    if (!d) return;
    if (sev == ARS_DIAG_ERROR) d->nerrors++;
    else if (sev == ARS_DIAG_WARNING) d->nwarnings++;
    if ((d->max_kept && d->n >= d->max_kept) || ARS_GROW(d->v, d->n, d->cap) != 0) {
        d->dropped++;
        return;
    }
    ars_diag_entry *e = &d->v[d->n++];
    memset(e, 0, sizeof *e);
    e->severity = sev;
    e->file = ars_strdup(file);
    e->line = line;
    e->column = column;
    e->context = ars_strdup(context);
    e->reason = ars_strdup(reason);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    e->message = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (e->message) vsnprintf(e->message, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
}

void ars_diag_add(ars_diag *d, ars_severity sev, const char *file, long line, long column,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, file, line, column, NULL, NULL, fmt, ap);
    va_end(ap);
}

void ars_diag_addx(ars_diag *d, ars_severity sev, const char *file, long line, long column,
                   const char *context, const char *reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, file, line, column, context, reason, fmt, ap);
    va_end(ap);
}

char *ars_diag_format(const ars_diag_entry *e)
{
    ars_buf b;
    ars_buf_init(&b);
    if (e->file) {
        ars_buf_puts(&b, e->file);
        if (e->line > 0) ars_buf_printf(&b, ":%ld", e->line);
        if (e->line > 0 && e->column > 0) ars_buf_printf(&b, ":%ld", e->column);
        ars_buf_puts(&b, ": ");
    }
    ars_buf_puts(&b, e->severity == ARS_DIAG_ERROR ? "error: "
                     : e->severity == ARS_DIAG_WARNING ? "warning: " : "note: ");
    ars_buf_puts(&b, e->message ? e->message : "(no message)");
    if (e->context) {
        ars_buf_puts(&b, "\n    ");
        const char *c = e->context;
        size_t n = strcspn(c, "\r\n");
        ars_buf_put(&b, c, n);
        if (e->column > 0) {
            ars_buf_puts(&b, "\n    ");
            /* count display columns as code points */
            long col = 1;
            for (size_t i = 0; i < n && col < e->column; i++)
                if (((unsigned char)c[i] & 0xC0) != 0x80) {
                    ars_buf_putc(&b, c[i] == '\t' ? '\t' : ' ');
                    col++;
                }
            ars_buf_putc(&b, '^');
        }
    }
    return ars_buf_take(&b, NULL);
}
