/*
 * fuzz_reader.c -- the document readers (JSON Lines, CSV, text, UTF-16) on
 * arbitrary bytes. The first input byte picks the file name extension and the
 * options (size limit, forced format); the rest is the file's content.
 * Checks the reader's promises: documents are NUL-terminated at len, every
 * document has an id, and the counts add up.
 */
#include "arsenal/document.h"
#include "fuzz_common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *dir = fuzz_scratch_dir();
    if (!dir) abort();
    static const char *ext[] = {"jsonl", "csv", "txt", "ndjson"};
    unsigned sel = data[0];
    char path[512];
    snprintf(path, sizeof path, "%s/input.%s", dir, ext[sel & 3]);
    if (fuzz_write_file(path, data + 1, size - 1)) abort();
    ars_reader_opts o;
    ars_reader_opts_init(&o);
    if (sel & 4) o.max_doc_bytes = 64;                     /* the size limit path */
    if (sel & 8) o.format = (ars_input_format)(1 + ((sel >> 4) % 3)); /* forced format */
    if (sel & 0x40) o.text_field = "body";
    const char *paths[] = {path};
    ars_reader *r = NULL;
    if (ars_reader_new(&r, paths, 1, &o)) abort();
    ars_diag diag;
    ars_diag_init(&diag);
    diag.max_kept = 16;
    ars_document doc;
    memset(&doc, 0, sizeof doc);
    size_t ndocs = 0;
    int rc;
    while ((rc = ars_reader_next(r, &doc, &diag)) == 1) {
        if (!doc.text || !doc.id || doc.text[doc.len] != 0) abort();
        if (doc.len > o.max_doc_bytes && o.max_doc_bytes) abort();
        ndocs++;
        ars_document_clear(&doc);
        ars_diag_clear(&diag);
    }
    if (rc < 0) abort();   /* only OOM is fatal */
    if (ars_reader_stats(r)->docs_read != ndocs) abort();
    ars_diag_clear(&diag);
    ars_reader_free(r);
    return 0;
}
