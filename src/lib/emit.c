/*
 * emit.c -- JSON, XML and CSV text into an ars_buf (see emit.h for why, and
 * for the library each function matches byte for byte).
 */
#include "emit.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Copies the run s[0..n) then nothing else; the callers escape between runs. */
static void run(ars_buf *b, const char *s, size_t n)
{
    if (n) ars_buf_put(b, s, n);
}

void ars_emit_json_str(ars_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    ars_buf_putc(b, '"');
    if (s) {
        const char *r = s;   /* start of the pending run of plain bytes */
        for (const char *p = s; *p; p++) {
            unsigned char c = (unsigned char)*p;
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            run(b, r, (size_t)(p - r));
            r = p + 1;
            char e[6] = {'\\', 0};
            size_t n = 2;
            switch (c) {
            case '"': e[1] = '"'; break;
            case '\\': e[1] = '\\'; break;
            case '\b': e[1] = 'b'; break;
            case '\f': e[1] = 'f'; break;
            case '\n': e[1] = 'n'; break;
            case '\r': e[1] = 'r'; break;
            case '\t': e[1] = 't'; break;
            default:
                e[1] = 'u'; e[2] = '0'; e[3] = '0'; e[4] = hex[c >> 4]; e[5] = hex[c & 15];
                n = 6;
            }
            ars_buf_put(b, e, n);
        }
        run(b, r, strlen(r));
    }
    ars_buf_putc(b, '"');
}

size_t ars_fmt_ll(char *buf, long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do { tmp[--i] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[--i] = '-';
    size_t n = sizeof tmp - i;
    memcpy(buf, tmp + i, n);
    buf[n] = '\0';
    return n;
}

void ars_emit_ll(ars_buf *b, long long v)
{
    char tmp[24];
    ars_buf_put(b, tmp, ars_fmt_ll(tmp, v));
}

void ars_emit_json_num(ars_buf *b, double v)
{
    if (isnan(v) || isinf(v)) { ARS_PUTL(b, "null"); return; }
    /* integers below 1e15: "%1.15g" prints their digits and reads back exactly */
    if (v == floor(v) && fabs(v) < 1e15) {
        if (v == 0 && signbit(v)) ARS_PUTL(b, "-0");
        else ars_emit_ll(b, (long long)v);
        return;
    }
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%1.15g", v);
    /* cJSON reads it back with sscanf("%lg"), which converts as strtod does */
    double t = strtod(tmp, NULL);
    double m = fabs(t) > fabs(v) ? fabs(t) : fabs(v);
    if (!(fabs(t - v) <= m * DBL_EPSILON)) n = snprintf(tmp, sizeof tmp, "%1.17g", v);
    if (n > 0) ars_buf_put(b, tmp, (size_t)n);
}

static void xml_esc(ars_buf *b, const char *s, bool attr)
{
    if (!s) return;
    const char *r = s;
    for (const char *p = s; *p; p++) {
        const char *e;
        switch (*p) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\r': e = "&#13;"; break;
        case '\n': if (!attr) continue; e = "&#10;"; break;
        case '\t': if (!attr) continue; e = "&#9;"; break;
        default: continue;
        }
        run(b, r, (size_t)(p - r));
        r = p + 1;
        ars_buf_puts(b, e);
    }
    run(b, r, strlen(r));
}

void ars_emit_xml_text(ars_buf *b, const char *s) { xml_esc(b, s, false); }
void ars_emit_xml_attr(ars_buf *b, const char *s) { xml_esc(b, s, true); }

static void csv_body(ars_buf *b, const char *s, size_t n)
{
    const char *r = s, *end = s + n;
    for (const char *p = s; p < end; p++)
        if (*p == '"') {
            run(b, r, (size_t)(p + 1 - r));   /* up to the quote; r = p writes it again */
            r = p;
        }
    run(b, r, (size_t)(end - r));
}

void ars_emit_csv_quoted(ars_buf *b, const char *prefix, const char *s, size_t n)
{
    ars_buf_putc(b, '"');
    if (prefix) csv_body(b, prefix, strlen(prefix));
    csv_body(b, s, n);
    ars_buf_putc(b, '"');
}

bool ars_emit_flush(ars_buf *b, FILE *f, size_t at_least)
{
    if (b->failed) return false;
    if (b->len < at_least || b->len == 0) return true;
    bool ok = fwrite(b->data, 1, b->len, f) == b->len;
    ars_buf_reset(b);
    return ok;
}
