/*
 * arsenal/document.h -- documents and the readers that produce them.
 *
 * A document is one article or page: its original bytes (kept verbatim, every
 * offset the tool prints points into them) plus metadata. Readers turn inputs
 * into a stream of documents:
 *
 *   path.txt / .md / other   one document, id = the path
 *   directory                recursive, entries sorted bytewise, hidden skipped
 *   .jsonl / .ndjson         one document per line: field "text" (required),
 *                            "id", "date", "url", "lang" (names overridable)
 *   .csv                     libcsv, header row, same column names
 *   "-"                      stdin; format sniffed (JSON Lines if the first
 *                            non-blank byte is '{', else one text document)
 */
#ifndef ARSENAL_DOCUMENT_H
#define ARSENAL_DOCUMENT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ars_document {
    char *id;        /* path or record id */
    char *text;      /* original bytes, NUL-terminated for convenience */
    size_t len;      /* byte length (text may contain NULs: use len) */
    char *date;      /* metadata date, may be NULL */
    char *url;       /* may be NULL */
    char *lang;      /* declared language, may be NULL */
    const char *origin; /* file the document came from (for messages) */
    long line;       /* line of the record in `origin` (JSONL/CSV), else 0 */
} ars_document;

void ars_document_clear(ars_document *d);

typedef enum {
    ARS_FORMAT_AUTO = 0, ARS_FORMAT_TEXT, ARS_FORMAT_JSONL, ARS_FORMAT_CSV
} ars_input_format;

typedef struct ars_reader_opts {
    ars_input_format format;   /* AUTO: by extension / sniffing */
    const char *text_field;    /* default "text" */
    const char *id_field;      /* default "id" */
    const char *date_field;    /* default "date" */
    const char *url_field;     /* default "url" */
    const char *lang_field;    /* default "lang" */
    size_t max_doc_bytes;      /* 0 = default (64 MiB); larger docs are skipped */
    bool follow_symlinks;      /* directories: follow links to dirs (loops detected) */
} ars_reader_opts;

void ars_reader_opts_init(ars_reader_opts *o);

/* Skip accounting: why documents or records were not processed. */
typedef struct ars_skip_stats {
    size_t docs_read;
    size_t docs_skipped;
    size_t records_skipped;   /* bad JSONL lines / CSV rows */
    size_t bad_bytes;         /* invalid UTF-8 sequences replaced */
} ars_skip_stats;

typedef struct ars_reader ars_reader;

/* Opens a reader over `paths` (n entries; "-" = stdin). Nothing is read yet. */
int ars_reader_new(ars_reader **out, const char *const *paths, size_t n,
                   const ars_reader_opts *opts);
/* Next document into *doc (caller clears it). Returns 1 when a document was
 * produced, 0 at the end, negative on a fatal error. Skipped files/records are
 * reported to diag (file:line: reason) and counted, never fatal. */
int ars_reader_next(ars_reader *r, ars_document *doc, ars_diag *diag);
const ars_skip_stats *ars_reader_stats(const ars_reader *r);
void ars_reader_free(ars_reader *r);

#ifdef __cplusplus
}
#endif
#endif
