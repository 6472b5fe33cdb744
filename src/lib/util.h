/*
 * util.h -- small internal helpers: strings, a growable byte buffer with a
 * sticky error, an arena for per-document scratch, hashing.
 */
#ifndef ARS_UTIL_H
#define ARS_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

char *ars_strdup(const char *s);            /* NULL-safe */
char *ars_strndup(const char *s, size_t n);
char *ars_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool ars_str_endswith(const char *s, const char *suffix);
bool ars_str_iendswith(const char *s, const char *suffix);

/* Growable buffer; once an allocation fails `failed` stays set and further
 * appends are no-ops (check once at the end). data is always NUL-terminated
 * when len > 0. */
typedef struct ars_buf {
    char *data;
    size_t len, cap;
    bool failed;
} ars_buf;

void ars_buf_init(ars_buf *b);
void ars_buf_free(ars_buf *b);
void ars_buf_reset(ars_buf *b);
bool ars_buf_reserve(ars_buf *b, size_t extra);
void ars_buf_put_grow(ars_buf *b, const void *p, size_t n);
/* Appends inline while the data fits (the exporters append a few bytes at a
 * time, millions of times); ars_buf_put_grow otherwise. */
static inline void ars_buf_put(ars_buf *b, const void *p, size_t n)
{
    if (b->len + n < b->cap && !b->failed) {
        if (n) memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    ars_buf_put_grow(b, p, n);
}
static inline void ars_buf_puts(ars_buf *b, const char *s) { ars_buf_put(b, s, strlen(s)); }
static inline void ars_buf_putc(ars_buf *b, char c) { ars_buf_put(b, &c, 1); }
void ars_buf_printf(ars_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data over (caller frees); the buffer is re-initialised. */
char *ars_buf_take(ars_buf *b, size_t *len);

/* Arena: bump allocator in chunks, freed in one call. */
typedef struct ars_arena_chunk ars_arena_chunk;
typedef struct ars_arena {
    ars_arena_chunk *head;
    size_t used, cap;
} ars_arena;
void ars_arena_init(ars_arena *a);
void *ars_arena_alloc(ars_arena *a, size_t n);       /* 8-byte aligned, zeroed; NULL on OOM */
char *ars_arena_strndup(ars_arena *a, const char *s, size_t n);
void ars_arena_free(ars_arena *a);

/* Generic growable array push: ARS_PUSH(arr, n, cap, value) -> 0 / -1 */
#define ARS_GROW(arr, n, cap)                                                     \
    (((n) < (cap)) ? 0 : ars_grow_((void **)&(arr), &(cap), sizeof(*(arr)), (n) + 1))
int ars_grow_(void **arr, size_t *cap, size_t elem, size_t need);

/* The year of a date "2021", "2021-06", "2021-06-30": its first four digits;
 * 0 for NULL, a shorter or another string. */
int ars_date_year(const char *date);

uint64_t ars_hash64(const void *p, size_t n, uint64_t seed);   /* FNV-1a 64 */

/* Reads a whole file ("-" = stdin). *out malloc'd + NUL-terminated. */
int ars_read_file(const char *path, char **out, size_t *len, int *err_no);

/* Decode one UTF-8 code point at s[*i] (len bytes); advances *i.
 * Returns the code point or -1 for an invalid sequence (then *i advances by 1). */
int32_t ars_utf8_next(const unsigned char *s, size_t len, size_t *i);
size_t ars_utf8_encode(uint32_t cp, char out[4]);

#endif
