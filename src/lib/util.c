/* util.c -- see util.h. */
#include "util.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *ars_strdup(const char *s) { return s ? ars_strndup(s, strlen(s)) : NULL; }

char *ars_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ars_asprintf(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (p) vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

bool ars_str_endswith(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

bool ars_str_iendswith(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

void ars_buf_init(ars_buf *b) { memset(b, 0, sizeof *b); }
void ars_buf_free(ars_buf *b) { free(b->data); ars_buf_init(b); }
void ars_buf_reset(ars_buf *b) { b->len = 0; if (b->data) b->data[0] = '\0'; }

bool ars_buf_reserve(ars_buf *b, size_t extra)
{
    if (b->failed) return false;
    if (b->len + extra + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) { b->failed = true; return false; }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) { b->failed = true; return false; }
    b->data = p;
    b->cap = cap;
    return true;
}

void ars_buf_put_grow(ars_buf *b, const void *p, size_t n)
{
    if (!ars_buf_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}


void ars_buf_printf(ars_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && ars_buf_reserve(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

char *ars_buf_take(ars_buf *b, size_t *len)
{
    if (b->failed) { ars_buf_free(b); return NULL; }
    if (!b->data && !ars_buf_reserve(b, 0)) return NULL;
    char *p = b->data;
    if (len) *len = b->len;
    p[b->len] = '\0';
    ars_buf_init(b);
    return p;
}

struct ars_arena_chunk {
    ars_arena_chunk *next;
    size_t size;
    max_align_t data[];
};

void ars_arena_init(ars_arena *a) { memset(a, 0, sizeof *a); }

void *ars_arena_alloc(ars_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!a->head || a->used + n > a->cap) {
        size_t sz = n > 65536 ? n : 65536;
        ars_arena_chunk *c = malloc(sizeof *c + sz);
        if (!c) return NULL;
        c->next = a->head;
        c->size = sz;
        a->head = c;
        a->used = 0;
        a->cap = sz;
    }
    char *p = (char *)a->head->data + a->used;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *ars_arena_strndup(ars_arena *a, const char *s, size_t n)
{
    char *p = ars_arena_alloc(a, n + 1);
    if (p) { memcpy(p, s, n); p[n] = '\0'; }
    return p;
}

void ars_arena_free(ars_arena *a)
{
    ars_arena_chunk *c = a->head;
    while (c) { ars_arena_chunk *n = c->next; free(c); c = n; }
    ars_arena_init(a);
}

int ars_grow_(void **arr, size_t *cap, size_t elem, size_t need)
{
    size_t nc = *cap ? *cap : 8;
    while (nc < need) nc *= 2;
    void *p = realloc(*arr, nc * elem);
    if (!p) return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

uint64_t ars_hash64(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return h;
}

int ars_date_year(const char *date)
{
    int y = 0, k = 0;
    while (date && k < 4 && date[k] >= '0' && date[k] <= '9') y = y * 10 + (date[k++] - '0');
    return k == 4 ? y : 0;
}

int ars_read_file(const char *path, char **out, size_t *len, int *err_no)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) { if (err_no) *err_no = errno; return -1; }
    ars_buf b;
    ars_buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) ars_buf_put(&b, tmp, n);
    int bad = ferror(f) || b.failed;
    int e = errno;
    if (f != stdin) fclose(f);
    if (bad) { if (err_no) *err_no = e ? e : ENOMEM; ars_buf_free(&b); return -1; }
    *out = ars_buf_take(&b, len);
    if (!*out) { if (err_no) *err_no = ENOMEM; return -1; }
    return 0;
}

int32_t ars_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) { *i = p + 1; return (int32_t)c; }
    int n; uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; min = 0x10000; }
    else { *i = p + 1; return -1; }
    for (int k = 1; k <= n; k++) {
        if (p + (size_t)k >= len) { *i = p + 1; return -1; }
        unsigned cc = s[p + (size_t)k];
        if ((cc & 0xC0) != 0x80) { *i = p + 1; return -1; }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *i = p + 1; return -1; }
    *i = p + (size_t)n + 1;
    return (int32_t)cp;
}

size_t ars_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
