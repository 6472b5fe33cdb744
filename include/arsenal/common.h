/*
 * arsenal/common.h -- error codes, diagnostics and small shared types.
 *
 * Conventions for the whole public API:
 *   - functions return 0 on success or a negative ARS_E* code;
 *   - handles are opaque, created by a _new or _load call and released by _free;
 *     every _free accepts NULL;
 *   - a function that produces something writes it through an `out` pointer,
 *     which the caller owns on success and which is left untouched on failure;
 *   - the library never prints and never exits: messages with their context
 *     (file:line:column) are appended to an ars_diag the caller supplies.
 */
#ifndef ARSENAL_COMMON_H
#define ARSENAL_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ARS_OK = 0,
    ARS_ENOMEM = -1,    /* allocation failed */
    ARS_EIO = -2,       /* read/write failure (errno is kept in the message) */
    ARS_EPARSE = -3,    /* malformed input: rules, JSON, CSV, a value */
    ARS_ENOTFOUND = -4, /* a file, rule or entity that does not exist */
    ARS_EINVAL = -5,    /* a bad argument */
    ARS_ELIMIT = -6,    /* a configured limit was reached */
    ARS_EDEP = -7       /* a dependency (ICU, igraph, libxml2) failed */
};

/* Human-readable name of an error code ("parse error"...). Static string. */
const char *ars_strerror(int code);

/* Library version, e.g. "0.1.0". */
const char *ars_version(void);

/* ---- diagnostics ---------------------------------------------------------
 * A list of messages, each with a severity and an optional location. The
 * library appends; the caller prints (see ars_diag_format) and frees.
 */
typedef enum { ARS_DIAG_NOTE = 0, ARS_DIAG_WARNING = 1, ARS_DIAG_ERROR = 2 } ars_severity;

typedef struct ars_diag_entry {
    ars_severity severity;
    char *file;      /* may be NULL */
    long line;       /* 1-based, 0 = unknown */
    long column;     /* 1-based, 0 = unknown */
    char *message;
    char *context;   /* the offending source line, may be NULL */
    char *reason;    /* short machine-friendly reason key for counting skips, may be NULL */
} ars_diag_entry;

typedef struct ars_diag {
    ars_diag_entry *v;
    size_t n, cap;
    size_t nerrors, nwarnings;
    size_t max_kept;  /* 0 = unlimited; beyond it entries are counted, not stored */
    size_t dropped;
} ars_diag;

void ars_diag_init(ars_diag *d);
void ars_diag_clear(ars_diag *d);   /* frees all entries, keeps it usable */
void ars_diag_add(ars_diag *d, ars_severity sev, const char *file, long line, long column,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* As ars_diag_add, also recording the source line (a ^ marker goes under `column`)
 * and a reason key. */
void ars_diag_addx(ars_diag *d, ars_severity sev, const char *file, long line, long column,
                   const char *context, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
/* "file:line:column: error: message" plus the context line and a caret.
 * Returns a malloc'd string. */
char *ars_diag_format(const ars_diag_entry *e);

#ifdef __cplusplus
}
#endif
#endif
