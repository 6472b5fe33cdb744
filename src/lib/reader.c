/*
 * reader.c -- inputs to documents: text files, directories (recursive,
 * sorted, symlinks to directories followed only on request, loops detected),
 * JSON Lines (cJSON, streamed line by line), CSV (libcsv), stdin.
 *
 * Problems never stop the run: an unreadable file, a binary file, an empty
 * file, a document over the size limit, a JSONL line that is not JSON or lacks
 * its text field, a CSV row with the wrong number of columns -- each is
 * reported to the diag as file[:line]: reason, with a reason key ("binary",
 * "bad-json"...) for the per-reason summary, counted, and skipped. Documents
 * that are read but imperfect (invalid UTF-8, NUL bytes, UTF-16) get a note.
 * Only running out of memory is fatal.
 *
 * Memory: a text document is read with one allocation of its exact size (the
 * size limit is checked before reading); JSON Lines are streamed, so a JSONL
 * file or stdin of any size costs one line at a time, and a line longer than
 * LINE_FACTOR x the document limit is skipped without being stored. CSV files
 * are read whole (libcsv rows may span lines).
 */
#include "arsenal/document.h"
#include "csvread.h"
#include "util.h"
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_MAX_DOC ((size_t)64 << 20)
#define BLOCK ((size_t)1 << 16)
#define LINE_FACTOR 4        /* JSON escapes (\uXXXX) can make a line longer than its text */
#define LINE_SLACK ((size_t)1 << 16)

void ars_document_clear(ars_document *d)
{
    free(d->id);
    free(d->text);
    free(d->date);
    free(d->url);
    free(d->lang);
    memset(d, 0, sizeof *d);
}

void ars_reader_opts_init(ars_reader_opts *o)
{
    memset(o, 0, sizeof *o);
    o->text_field = "text";
    o->id_field = "id";
    o->date_field = "date";
    o->url_field = "url";
    o->lang_field = "lang";
}

/* An open JSON Lines stream: read in blocks, cut into lines. */
typedef struct linesrc {
    FILE *f;               /* NULL when no stream is open */
    bool is_stdin;
    const char *name;      /* kept origin */
    long line;
    char *blk;             /* BLOCK bytes */
    size_t bpos, blen;
    bool eof;
    ars_buf lb;            /* the current line */
} linesrc;

struct ars_reader {
    ars_reader_opts o;
    char **paths;          /* pending paths (expanded directories pushed in order) */
    size_t npaths, cap, next;
    ars_document *queue;   /* documents of the current in-memory file (CSV, UTF-16 JSONL) */
    size_t nq, qcap, qnext;
    ars_skip_stats stats;
    char **origins;        /* file names kept alive for ars_document.origin */
    size_t norig, ocap;
    struct { dev_t dev; ino_t ino; } *seen;  /* directories visited (loops) */
    size_t nseen, scap;
    linesrc ls;
};

static const char *keep_origin(ars_reader *r, const char *path)
{
    for (size_t i = r->norig; i-- > 0 && i + 4 >= r->norig;)   /* recent ones: CSV/JSONL reuse */
        if (!strcmp(r->origins[i], path)) return r->origins[i];
    if (ARS_GROW(r->origins, r->norig, r->ocap)) return NULL;
    char *p = ars_strdup(path);
    if (!p) return NULL;
    r->origins[r->norig++] = p;
    return p;
}

int ars_reader_new(ars_reader **out, const char *const *paths, size_t n, const ars_reader_opts *opts)
{
    ars_reader *r = calloc(1, sizeof *r);
    if (!r) return ARS_ENOMEM;
    if (opts) r->o = *opts;
    else ars_reader_opts_init(&r->o);
    if (!r->o.text_field) r->o.text_field = "text";
    if (!r->o.id_field) r->o.id_field = "id";
    if (!r->o.date_field) r->o.date_field = "date";
    if (!r->o.url_field) r->o.url_field = "url";
    if (!r->o.lang_field) r->o.lang_field = "lang";
    if (!r->o.max_doc_bytes) r->o.max_doc_bytes = DEFAULT_MAX_DOC;
    ars_buf_init(&r->ls.lb);
    for (size_t i = 0; i < n; i++) {
        if (ARS_GROW(r->paths, r->npaths, r->cap)) { ars_reader_free(r); return ARS_ENOMEM; }
        r->paths[r->npaths] = ars_strdup(paths[i]);
        if (!r->paths[r->npaths]) { ars_reader_free(r); return ARS_ENOMEM; }
        r->npaths++;
    }
    *out = r;
    return 0;
}

static void close_stream(ars_reader *r)
{
    if (r->ls.f && !r->ls.is_stdin) fclose(r->ls.f);
    r->ls.f = NULL;
    r->ls.bpos = r->ls.blen = 0;
    r->ls.eof = false;
    ars_buf_free(&r->ls.lb);
}

void ars_reader_free(ars_reader *r)
{
    if (!r) return;
    close_stream(r);
    free(r->ls.blk);
    for (size_t i = r->next; i < r->npaths; i++) free(r->paths[i]);
    free(r->paths);
    for (size_t i = r->qnext; i < r->nq; i++) ars_document_clear(&r->queue[i]);
    free(r->queue);
    for (size_t i = 0; i < r->norig; i++) free(r->origins[i]);
    free(r->origins);
    free(r->seen);
    free(r);
}

const ars_skip_stats *ars_reader_stats(const ars_reader *r) { return &r->stats; }

/* file-level skip: one warning with its reason key, counted */
#define SKIP_FILE(r, diag, name, reason, ...)                                           \
    do {                                                                                \
        ars_diag_addx(diag, ARS_DIAG_WARNING, name, 0, 0, NULL, reason, __VA_ARGS__);   \
        (r)->stats.docs_skipped++;                                                      \
    } while (0)
#define SKIP_RECORD(r, diag, name, line, reason, ...)                                   \
    do {                                                                                \
        ars_diag_addx(diag, ARS_DIAG_WARNING, name, line, 0, NULL, reason, __VA_ARGS__); \
        (r)->stats.records_skipped++;                                                   \
    } while (0)

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Insert the entries of a directory right after the current position. */
static int expand_dir(ars_reader *r, const char *dir, ars_diag *diag)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        for (size_t i = 0; i < r->nseen; i++)
            if (r->seen[i].dev == sb.st_dev && r->seen[i].ino == sb.st_ino) {
                SKIP_FILE(r, diag, dir, "symlink-loop",
                          "skipped: directory already visited (symlink loop or second link to it)");
                return 0;
            }
        if (ARS_GROW(r->seen, r->nseen, r->scap)) return ARS_ENOMEM;
        r->seen[r->nseen].dev = sb.st_dev;
        r->seen[r->nseen].ino = sb.st_ino;
        r->nseen++;
    }
    DIR *d = opendir(dir);
    if (!d) {
        SKIP_FILE(r, diag, dir, "unreadable", "skipped: cannot open directory: %s", strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    size_t dl = strlen(dir);
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;   /* ., .., hidden files */
        char *full = ars_asprintf("%s%s%s", dir, (dl && dir[dl - 1] == '/') ? "" : "/", de->d_name);
        if (!full) { rc = ARS_ENOMEM; break; }
        struct stat lsb, tsb;
        if (!r->o.follow_symlinks && lstat(full, &lsb) == 0 && S_ISLNK(lsb.st_mode) && stat(full, &tsb) == 0 &&
            S_ISDIR(tsb.st_mode)) {
            SKIP_FILE(r, diag, full, "symlink-dir",
                      "skipped: symbolic link to a directory (not followed; see --follow-symlinks)");
            free(full);
            continue;
        }
        if (ARS_GROW(names, n, cap)) { free(full); rc = ARS_ENOMEM; break; }
        names[n++] = full;
    }
    closedir(d);
    if (rc == 0 && n) {
        qsort(names, n, sizeof *names, cmp_names);
        /* splice into the path list after `next` */
        if (r->npaths + n > r->cap && ars_grow_((void **)&r->paths, &r->cap, sizeof *r->paths, r->npaths + n))
            rc = ARS_ENOMEM;
        if (rc == 0) {
            memmove(r->paths + r->next + n, r->paths + r->next, (r->npaths - r->next) * sizeof *r->paths);
            memcpy(r->paths + r->next, names, n * sizeof *names);
            r->npaths += n;
            free(names);
            return 0;
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

static int queue_doc(ars_reader *r, ars_document *d)
{
    if (ARS_GROW(r->queue, r->nq, r->qcap)) { ars_document_clear(d); return ARS_ENOMEM; }
    r->queue[r->nq++] = *d;
    memset(d, 0, sizeof *d);
    return 0;
}

/* Invalid UTF-8 sequences and NUL bytes of a document that is read anyway:
 * counted, and one note says how the matcher sees them. */
static void note_encoding(ars_reader *r, const ars_document *d, ars_diag *diag)
{
    const unsigned char *s = (const unsigned char *)d->text;
    size_t bad = 0, nuls = 0, i = 0;
    while (i < d->len) {
        if (s[i] >= 0x80) {
            if (ars_utf8_next(s, d->len, &i) < 0) bad++;
        } else {
            if (s[i] == 0) nuls++;
            i++;
        }
    }
    r->stats.bad_bytes += bad;
    if (!bad && !nuls) return;
    const char *name = d->origin ? d->origin : d->id;
    if (bad && nuls)
        ars_diag_addx(diag, ARS_DIAG_NOTE, name, d->line, 0, NULL, "encoding",
                      "read with %zu invalid UTF-8 sequence%s (matched as U+FFFD) and %zu NUL byte%s (matched as spaces)",
                      bad, bad == 1 ? "" : "s", nuls, nuls == 1 ? "" : "s");
    else if (bad)
        ars_diag_addx(diag, ARS_DIAG_NOTE, name, d->line, 0, NULL, "encoding",
                      "read with %zu invalid UTF-8 sequence%s (matched as U+FFFD; offsets still count original bytes)",
                      bad, bad == 1 ? "" : "s");
    else
        ars_diag_addx(diag, ARS_DIAG_NOTE, name, d->line, 0, NULL, "encoding",
                      "read with %zu NUL byte%s (matched as spaces)", nuls, nuls == 1 ? "" : "s");
}

static char *json_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (cJSON_IsString(v)) return ars_strdup(v->valuestring);
    if (cJSON_IsNumber(v)) return ars_asprintf("%.17g", v->valuedouble);
    return NULL;
}

/* One JSON Lines record (the line without its newline) into *d. Returns 1 when
 * a document was produced, 0 when the line was blank or skipped, ARS_ENOMEM. */
static int jsonl_record(ars_reader *r, const char *name, long line, const char *s, size_t n,
                        ars_document *d, ars_diag *diag)
{
    size_t a = 0, b = n;
    if (line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) a = 3;   /* UTF-8 byte order mark */
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) b--;
    if (a == b) return 0;
    cJSON *o = cJSON_ParseWithLength(s + a, b - a);
    if (!o || !cJSON_IsObject(o)) {
        SKIP_RECORD(r, diag, name, line, "bad-json", "skipped record: not a JSON object");
        cJSON_Delete(o);
        return 0;
    }
    cJSON *t = cJSON_GetObjectItemCaseSensitive(o, r->o.text_field);
    if (!cJSON_IsString(t)) {
        SKIP_RECORD(r, diag, name, line, "no-text", "skipped record: no string field \"%s\"", r->o.text_field);
        cJSON_Delete(o);
        return 0;
    }
    size_t tl = strlen(t->valuestring);
    if (tl > r->o.max_doc_bytes) {
        SKIP_RECORD(r, diag, name, line, "too-large",
                    "skipped record: text of %zu bytes is over the document size limit of %zu (--max-doc-size)", tl,
                    r->o.max_doc_bytes);
        cJSON_Delete(o);
        return 0;
    }
    memset(d, 0, sizeof *d);
    /* take the text over from cJSON (same allocator: cJSON's default hooks are malloc/free) */
    d->text = t->valuestring;
    t->valuestring = NULL;
    d->len = tl;
    d->id = json_field(o, r->o.id_field);
    if (!d->id) d->id = ars_asprintf("%s:%ld", name, line);
    d->date = json_field(o, r->o.date_field);
    d->url = json_field(o, r->o.url_field);
    d->lang = json_field(o, r->o.lang_field);
    d->origin = name;
    d->line = line;
    cJSON_Delete(o);
    if (!d->text || !d->id) { ars_document_clear(d); return ARS_ENOMEM; }
    note_encoding(r, d, diag);
    return 1;
}

/* In-memory JSON Lines (a converted UTF-16 file): every record queued. */
static int read_jsonl_mem(ars_reader *r, const char *name, const char *data, size_t len, ars_diag *diag)
{
    long line = 0;
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && data[e] != '\n') e++;
        line++;
        ars_document d;
        int rc = jsonl_record(r, name, line, data + i, e - i, &d, diag);
        if (rc < 0) return rc;
        if (rc == 1 && (rc = queue_doc(r, &d))) return rc;
        i = e + 1;
    }
    return 0;
}

/* Refills the block; false at end of stream or on a read error (reported). */
static bool fill(ars_reader *r, ars_diag *diag)
{
    linesrc *ls = &r->ls;
    if (ls->eof) return false;
    ls->bpos = 0;
    ls->blen = fread(ls->blk, 1, BLOCK, ls->f);
    if (ls->blen == 0) {
        if (ferror(ls->f))
            SKIP_FILE(r, diag, ls->name, "unreadable", "read error after line %ld: %s; the rest is skipped", ls->line,
                      strerror(errno));
        ls->eof = true;
        return false;
    }
    return true;
}

/* The next line of the stream into ls->lb (without the newline), storing at
 * most `limit` bytes; *total gets the full length. 1 = a line, 0 = end. */
static int next_line(ars_reader *r, size_t limit, size_t *total, ars_diag *diag)
{
    linesrc *ls = &r->ls;
    if (ls->lb.cap > ((size_t)4 << 20)) ars_buf_free(&ls->lb);   /* do not keep a huge line's buffer */
    ars_buf_reset(&ls->lb);
    *total = 0;
    bool any = false;
    for (;;) {
        if (ls->bpos >= ls->blen && !fill(r, diag)) return any ? 1 : 0;
        any = true;
        const char *p = ls->blk + ls->bpos;
        size_t avail = ls->blen - ls->bpos;
        const char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        if (*total + take <= limit) ars_buf_put(&ls->lb, p, take);
        *total += take;
        ls->bpos += take + (nl ? 1 : 0);
        if (nl) return 1;
    }
}

/* Next document of the open JSON Lines stream: 1 = *doc filled, 0 = the
 * stream ended (closed), ARS_ENOMEM. */
static int next_stream_doc(ars_reader *r, ars_document *doc, ars_diag *diag)
{
    size_t max = r->o.max_doc_bytes;
    size_t limit = max > (SIZE_MAX - LINE_SLACK) / LINE_FACTOR ? SIZE_MAX : max * LINE_FACTOR + LINE_SLACK;
    for (;;) {
        size_t total = 0;
        if (!next_line(r, limit, &total, diag)) { close_stream(r); return 0; }
        r->ls.line++;
        if (total > limit) {
            SKIP_RECORD(r, diag, r->ls.name, r->ls.line, "too-large",
                        "skipped record: line of %zu bytes, over %dx the document size limit of %zu (--max-doc-size)",
                        total, LINE_FACTOR, max);
            continue;
        }
        if (r->ls.lb.failed) { close_stream(r); return ARS_ENOMEM; }
        const char *s = r->ls.lb.data ? r->ls.lb.data : "";
        int rc = jsonl_record(r, r->ls.name, r->ls.line, s, r->ls.lb.len, doc, diag);
        if (rc) return rc;
    }
}

typedef struct {
    ars_reader *r;
    const char *name, *origin;
    ars_diag *diag;
    int col[5];          /* text, id, date, url, lang */
    size_t ncols;
    bool header;
    int rc;
} csvdoc;

static int csv_row_cb(const ars_csv_row *row, void *ctx)
{
    csvdoc *cd = ctx;
    ars_reader *r = cd->r;
    if (!cd->header) {
        const char *names[5] = {r->o.text_field, r->o.id_field, r->o.date_field, r->o.url_field, r->o.lang_field};
        for (int k = 0; k < 5; k++) {
            cd->col[k] = -1;
            for (size_t i = 0; i < row->n; i++) if (!strcmp(row->f[i], names[k])) cd->col[k] = (int)i;
        }
        cd->ncols = row->n;
        cd->header = true;
        if (cd->col[0] < 0) {
            ars_diag_addx(cd->diag, ARS_DIAG_WARNING, cd->name, row->line, 0, NULL, "no-text",
                          "skipped file: the header has no \"%s\" column", r->o.text_field);
            r->stats.docs_skipped++;
            return 1;
        }
        return 0;
    }
    if (row->n != cd->ncols) {
        SKIP_RECORD(r, cd->diag, cd->name, row->line, "bad-row", "skipped row: %zu column%s, the header has %zu",
                    row->n, row->n == 1 ? "" : "s", cd->ncols);
        return 0;
    }
    ars_document d;
    memset(&d, 0, sizeof d);
    size_t tl = row->flen[cd->col[0]];
    if (tl > r->o.max_doc_bytes) {
        SKIP_RECORD(r, cd->diag, cd->name, row->line, "too-large",
                    "skipped row: text of %zu bytes is over the document size limit of %zu (--max-doc-size)", tl,
                    r->o.max_doc_bytes);
        return 0;
    }
    d.text = ars_strndup(row->f[cd->col[0]], tl);
    d.len = tl;
    d.id = cd->col[1] >= 0 && row->flen[cd->col[1]] ? ars_strdup(row->f[cd->col[1]]) : ars_asprintf("%s:%ld", cd->name, row->line);
    if (cd->col[2] >= 0 && row->flen[cd->col[2]]) d.date = ars_strdup(row->f[cd->col[2]]);
    if (cd->col[3] >= 0 && row->flen[cd->col[3]]) d.url = ars_strdup(row->f[cd->col[3]]);
    if (cd->col[4] >= 0 && row->flen[cd->col[4]]) d.lang = ars_strdup(row->f[cd->col[4]]);
    d.origin = cd->origin;
    d.line = row->line;
    if (!d.text || !d.id) { ars_document_clear(&d); cd->rc = ARS_ENOMEM; return 1; }
    note_encoding(r, &d, cd->diag);
    if (queue_doc(r, &d)) { cd->rc = ARS_ENOMEM; return 1; }
    return 0;
}

static int read_csv_mem(ars_reader *r, const char *name, const char *origin, const char *data, size_t len,
                        ars_diag *diag)
{
    csvdoc cd = {r, name, origin, diag, {-1, -1, -1, -1, -1}, 0, false, 0};
    size_t before = diag ? diag->n : 0;
    int crc = ars_csv_read_mem(name, data, len, csv_row_cb, &cd, diag);
    if (crc == ARS_ENOMEM) return ARS_ENOMEM;
    if (crc == ARS_EPARSE) {
        /* malformed CSV (a stray quote): the rest of the file is one skipped record */
        r->stats.records_skipped++;
        for (size_t i = before; diag && i < diag->n; i++) {
            ars_diag_entry *e = &diag->v[i];
            if (e->reason || e->severity != ARS_DIAG_ERROR) continue;
            e->reason = ars_strdup("bad-csv");
            e->severity = ARS_DIAG_WARNING;    /* a skip, not a failure of the run */
            diag->nerrors--;
            diag->nwarnings++;
        }
    }
    return cd.rc;
}

static bool looks_binary(const char *data, size_t len)
{
    size_t n = len < 8192 ? len : 8192, ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == 0 || (c < 9) || (c > 13 && c < 32 && c != 27)) ctrl++;
    }
    return n && ctrl * 10 > n;   /* more than 10% control bytes */
}

/* NULs at every odd (or every even) position of a text: UTF-16 without a BOM. */
static bool looks_utf16(const char *data, size_t len)
{
    size_t n = len < 512 ? len : 512, z[2] = {0, 0};
    for (size_t i = 0; i < n; i++) if (!data[i]) z[i & 1]++;
    return n >= 8 && (z[0] * 10 >= n * 4 || z[1] * 10 >= n * 4);
}

static bool has_utf16_bom(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    return len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
}

/* UTF-16 with a byte order mark: converted to UTF-8 (lone surrogates -> U+FFFD). */
static char *utf16_to_utf8(const char *data, size_t len, bool le, size_t *out_len)
{
    ars_buf b;
    ars_buf_init(&b);
    ars_buf_reserve(&b, len + len / 2);
    const unsigned char *u = (const unsigned char *)data;
    for (size_t i = 2; i + 1 < len; i += 2) {
        uint32_t cp = le ? (uint32_t)(u[i] | (u[i + 1] << 8)) : (uint32_t)((u[i] << 8) | u[i + 1]);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < len) {
            uint32_t lo = le ? (uint32_t)(u[i + 2] | (u[i + 3] << 8)) : (uint32_t)((u[i + 2] << 8) | u[i + 3]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) { cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); i += 2; }
            else cp = 0xFFFD;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        char enc[4];
        ars_buf_put(&b, enc, ars_utf8_encode(cp, enc));
    }
    return ars_buf_take(&b, out_len);
}

static int format_by_name(const ars_reader *r, const char *path)
{
    if (r->o.format != ARS_FORMAT_AUTO) return r->o.format;
    if (ars_str_iendswith(path, ".jsonl") || ars_str_iendswith(path, ".ndjson") || ars_str_iendswith(path, ".json"))
        return ARS_FORMAT_JSONL;
    if (ars_str_iendswith(path, ".csv")) return ARS_FORMAT_CSV;
    return ARS_FORMAT_AUTO;
}

/* Reads the rest of f after `pre` (npre bytes already read) into one buffer of
 * at most `limit` bytes. Returns 0 (*out, *len), 1 when over the limit (the
 * stream is drained so a pipe's writer is not killed; *len = its full size),
 * -1 on a read error (errno set), or ARS_ENOMEM. `hint` = the expected size
 * (regular files), so that a document costs one allocation of its size. */
static int read_capped(FILE *f, const char *pre, size_t npre, size_t hint, size_t limit, char **out, size_t *len)
{
    char *buf = NULL;
    size_t n = npre, k;
    if (npre <= limit) {
        size_t cap = (hint > npre ? hint : npre) + 1;   /* +1: see end of file without a second read */
        if (cap > limit + 1) cap = limit + 1;
        buf = malloc(cap + 1);
        if (!buf) return ARS_ENOMEM;
        memcpy(buf, pre, npre);
        for (;;) {
            if (n == cap) {
                if (n > limit) break;
                size_t nc = cap > limit / 2 ? limit + 1 : cap * 2;
                char *nb = realloc(buf, nc + 1);
                if (!nb) { free(buf); return ARS_ENOMEM; }
                buf = nb;
                cap = nc;
            }
            if ((k = fread(buf + n, 1, cap - n, f)) == 0) break;
            n += k;
        }
        if (ferror(f)) { int e = errno; free(buf); errno = e; return -1; }
        if (n <= limit) {
            buf[n] = 0;
            *out = buf;
            *len = n;
            return 0;
        }
        free(buf);
    }
    char tmp[4096];
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) n += k;
    if (ferror(f)) return -1;
    *len = n;
    return 1;
}

/* A whole file (or stdin) as one document, or the CSV / converted-UTF-16 path. */
static int load_whole(ars_reader *r, const char *path, const char *name, FILE *f, size_t hint, int fmt,
                      ars_diag *diag)
{
    linesrc *ls = &r->ls;
    const char *pre = ls->blk + ls->bpos;
    size_t npre = ls->blen - ls->bpos;
    /* CSV files and UTF-16 JSONL are read whole whatever their size; text is capped */
    bool capped = fmt != ARS_FORMAT_CSV && fmt != ARS_FORMAT_JSONL;
    size_t limit = capped ? r->o.max_doc_bytes : SIZE_MAX - 2;
    char *data = NULL;
    size_t len = 0;
    int rc = read_capped(f, pre, npre, hint, limit, &data, &len);
    ls->bpos = ls->blen = 0;
    if (rc == ARS_ENOMEM) return rc;
    if (rc < 0) { SKIP_FILE(r, diag, name, "unreadable", "skipped: %s", strerror(errno)); return 0; }
    if (rc == 1) {
        SKIP_FILE(r, diag, name, "too-large", "skipped: %zu bytes is over the document size limit of %zu (--max-doc-size)",
                  len, r->o.max_doc_bytes);
        return 0;
    }
    const char *origin = keep_origin(r, name);
    if (!origin) { free(data); return ARS_ENOMEM; }
    if (has_utf16_bom(data, len)) {
        size_t ul = 0;
        char *u8 = utf16_to_utf8(data, len, (unsigned char)data[0] == 0xFF, &ul);
        free(data);
        if (!u8) return ARS_ENOMEM;
        ars_diag_addx(diag, ARS_DIAG_NOTE, name, 0, 0, NULL, "utf16", "converted from UTF-16 to UTF-8");
        data = u8;
        len = ul;
        if (fmt != ARS_FORMAT_CSV && fmt != ARS_FORMAT_JSONL && len > r->o.max_doc_bytes) {
            SKIP_FILE(r, diag, name, "too-large", "skipped: %zu bytes (as UTF-8) is over the document size limit of %zu (--max-doc-size)",
                      len, r->o.max_doc_bytes);
            free(data);
            return 0;
        }
    }
    if (fmt == ARS_FORMAT_JSONL) rc = read_jsonl_mem(r, origin, data, len, diag);
    else if (fmt == ARS_FORMAT_CSV) rc = read_csv_mem(r, name, origin, data, len, diag);
    else if (len == 0) SKIP_FILE(r, diag, name, "empty", "skipped: empty file");
    else if (looks_binary(data, len))
        SKIP_FILE(r, diag, name, "binary", "skipped: looks like a binary file%s",
                  looks_utf16(data, len) ? " (UTF-16 without a byte order mark?)" : "");
    else {
        ars_document d;
        memset(&d, 0, sizeof d);
        d.id = ars_strdup(strcmp(path, "-") ? path : "-");
        d.text = data;
        d.len = len;
        d.origin = origin;
        data = NULL;
        if (!d.id) { ars_document_clear(&d); return ARS_ENOMEM; }
        note_encoding(r, &d, diag);
        rc = queue_doc(r, &d);
    }
    free(data);
    return rc;
}

/* Opens the next path: a directory is expanded, a JSON Lines file becomes the
 * open stream, anything else is read whole (or skipped). 0 or ARS_ENOMEM. */
static int load_next(ars_reader *r, ars_diag *diag)
{
    char *path = r->paths[r->next];
    r->paths[r->next] = NULL;
    r->next++;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int rc = 0;
    FILE *f = NULL;
    struct stat sb;
    memset(&sb, 0, sizeof sb);
    int fmt = format_by_name(r, path);
    if (!r->ls.blk && !(r->ls.blk = malloc(BLOCK))) { free(path); return ARS_ENOMEM; }
    if (!is_stdin) {
        if (stat(path, &sb) != 0) { SKIP_FILE(r, diag, path, "unreadable", "skipped: %s", strerror(errno)); goto cleanup; }
        if (S_ISDIR(sb.st_mode)) { rc = expand_dir(r, path, diag); goto cleanup; }
        if (!S_ISREG(sb.st_mode)) { SKIP_FILE(r, diag, path, "not-a-file", "skipped: not a regular file"); goto cleanup; }
        if (fmt != ARS_FORMAT_JSONL && fmt != ARS_FORMAT_CSV && (size_t)sb.st_size > r->o.max_doc_bytes) {
            SKIP_FILE(r, diag, path, "too-large", "skipped: %lld bytes is over the document size limit of %zu (--max-doc-size)",
                      (long long)sb.st_size, r->o.max_doc_bytes);
            goto cleanup;
        }
        f = fopen(path, "rb");
        if (!f) { SKIP_FILE(r, diag, path, "unreadable", "skipped: %s", strerror(errno)); goto cleanup; }
    } else f = stdin;
    /* the first block: byte order marks, and the format of stdin */
    r->ls.f = f;
    r->ls.eof = false;
    r->ls.bpos = r->ls.blen = 0;
    fill(r, diag);
    if (r->ls.eof) {
        r->ls.f = NULL;
        if (!ferror(f)) SKIP_FILE(r, diag, name, "empty", "skipped: empty file");
        goto cleanup;   /* a read error was reported by fill */
    }
    if (is_stdin && fmt == ARS_FORMAT_AUTO) {
        size_t i = 0;
        while (i < r->ls.blen && strchr(" \n\r\t", r->ls.blk[i])) i++;
        if (i < r->ls.blen && r->ls.blk[i] == '{') fmt = ARS_FORMAT_JSONL;
    }
    if (fmt == ARS_FORMAT_JSONL && !has_utf16_bom(r->ls.blk, r->ls.blen)) {
        /* streamed: next_stream_doc takes it from here */
        r->ls.is_stdin = is_stdin;
        r->ls.name = keep_origin(r, name);
        r->ls.line = 0;
        if (!r->ls.name) { r->ls.f = NULL; rc = ARS_ENOMEM; goto cleanup; }
        f = NULL;
        goto cleanup;
    }
    r->ls.f = NULL;
    rc = load_whole(r, path, name, f, is_stdin ? 0 : (size_t)sb.st_size, fmt, diag);
cleanup:
    if (f && f != stdin) fclose(f);
    free(path);
    return rc;
}

int ars_reader_next(ars_reader *r, ars_document *doc, ars_diag *diag)
{
    for (;;) {
        if (r->qnext < r->nq) {
            *doc = r->queue[r->qnext++];
            r->stats.docs_read++;
            if (r->qnext == r->nq) r->qnext = r->nq = 0;
            return 1;
        }
        if (r->ls.f) {
            int rc = next_stream_doc(r, doc, diag);
            if (rc == 1) { r->stats.docs_read++; return 1; }
            if (rc < 0) return rc;
            continue;
        }
        if (r->next >= r->npaths) return 0;
        int rc = load_next(r, diag);
        if (rc) return rc;
    }
}
