/*
 * reader.c -- inputs to documents: text files, directories (recursive,
 * sorted, symlink loops detected), JSON Lines (cJSON), CSV (libcsv), stdin.
 *
 * Problems never stop the run: an unreadable file, a binary file, a JSONL line
 * that is not JSON or lacks its text field, a CSV row with the wrong number of
 * columns -- each is reported to the diag as file:line: reason, counted, and
 * skipped. Only running out of memory is fatal.
 */
#include "arsenal/document.h"
#include "csvread.h"
#include "util.h"
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_MAX_DOC (64u << 20)

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

/* a queue of documents produced from the current file */
struct ars_reader {
    ars_reader_opts o;
    char **paths;          /* pending paths (expanded directories pushed in order) */
    size_t npaths, cap, next;
    ars_document *queue;   /* documents of the current multi-document file */
    size_t nq, qcap, qnext;
    ars_skip_stats stats;
    char **origins;        /* file names kept alive for ars_document.origin */
    size_t norig, ocap;
    struct { dev_t dev; ino_t ino; } *seen;  /* directories visited (loops) */
    size_t nseen, scap;
};

static const char *keep_origin(ars_reader *r, const char *path)
{
    if (ARS_GROW(r->origins, r->norig, r->ocap)) return path;
    char *p = ars_strdup(path);
    if (!p) return path;
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
    for (size_t i = 0; i < n; i++) {
        if (ARS_GROW(r->paths, r->npaths, r->cap)) { ars_reader_free(r); return ARS_ENOMEM; }
        r->paths[r->npaths] = ars_strdup(paths[i]);
        if (!r->paths[r->npaths]) { ars_reader_free(r); return ARS_ENOMEM; }
        r->npaths++;
    }
    *out = r;
    return 0;
}

void ars_reader_free(ars_reader *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->npaths; i++) free(r->paths[i]);
    free(r->paths);
    for (size_t i = r->qnext; i < r->nq; i++) ars_document_clear(&r->queue[i]);
    free(r->queue);
    for (size_t i = 0; i < r->norig; i++) free(r->origins[i]);
    free(r->origins);
    free(r->seen);
    free(r);
}

const ars_skip_stats *ars_reader_stats(const ars_reader *r) { return &r->stats; }

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Insert the entries of a directory right after the current position. */
static int expand_dir(ars_reader *r, const char *dir, ars_diag *diag)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        for (size_t i = 0; i < r->nseen; i++)
            if (r->seen[i].dev == sb.st_dev && r->seen[i].ino == sb.st_ino) {
                ars_diag_addx(diag, ARS_DIAG_WARNING, dir, 0, 0, NULL, "symlink-loop",
                              "skipped: directory already visited (symlink loop)");
                r->stats.docs_skipped++;
                return 0;
            }
        if (!ARS_GROW(r->seen, r->nseen, r->scap)) {
            r->seen[r->nseen].dev = sb.st_dev;
            r->seen[r->nseen].ino = sb.st_ino;
            r->nseen++;
        }
    }
    DIR *d = opendir(dir);
    if (!d) {
        ars_diag_addx(diag, ARS_DIAG_WARNING, dir, 0, 0, NULL, "unreadable", "skipped: cannot open directory: %s", strerror(errno));
        r->stats.docs_skipped++;
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;   /* ., .., hidden files */
        if (ARS_GROW(names, n, cap)) { rc = ARS_ENOMEM; break; }
        size_t dl = strlen(dir);
        names[n] = ars_asprintf("%s%s%s", dir, (dl && dir[dl - 1] == '/') ? "" : "/", de->d_name);
        if (!names[n]) { rc = ARS_ENOMEM; break; }
        n++;
    }
    closedir(d);
    if (rc == 0 && n) {
        qsort(names, n, sizeof *names, cmp_names);
        /* splice into the path list after `next` */
        while (r->npaths + n > r->cap) {
            if (ars_grow_((void **)&r->paths, &r->cap, sizeof *r->paths, r->npaths + n)) { rc = ARS_ENOMEM; break; }
        }
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

static char *json_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (cJSON_IsString(v)) return ars_strdup(v->valuestring);
    if (cJSON_IsNumber(v)) return ars_asprintf("%.17g", v->valuedouble);
    return NULL;
}

static int read_jsonl(ars_reader *r, const char *name, const char *data, size_t len, ars_diag *diag)
{
    const char *origin = keep_origin(r, name);
    long line = 0;
    size_t i = 0;
    int rc = 0;
    while (i < len && rc == 0) {
        size_t e = i;
        while (e < len && data[e] != '\n') e++;
        line++;
        size_t a = i, b = e;
        while (a < b && (data[a] == ' ' || data[a] == '\t' || data[a] == '\r')) a++;
        while (b > a && (data[b - 1] == ' ' || data[b - 1] == '\t' || data[b - 1] == '\r')) b--;
        i = e + 1;
        if (a == b) continue;
        cJSON *o = cJSON_ParseWithLength(data + a, b - a);
        if (!o || !cJSON_IsObject(o)) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, name, line, 0, NULL, "bad-json", "skipped record: not a JSON object");
            r->stats.records_skipped++;
            cJSON_Delete(o);
            continue;
        }
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, r->o.text_field);
        if (!cJSON_IsString(t)) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, name, line, 0, NULL, "no-text", "skipped record: no string field \"%s\"", r->o.text_field);
            r->stats.records_skipped++;
            cJSON_Delete(o);
            continue;
        }
        size_t tl = strlen(t->valuestring);
        if (tl > r->o.max_doc_bytes) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, name, line, 0, NULL, "too-large", "skipped record: text of %zu bytes is over the limit of %zu", tl, r->o.max_doc_bytes);
            r->stats.records_skipped++;
            cJSON_Delete(o);
            continue;
        }
        ars_document d;
        memset(&d, 0, sizeof d);
        d.text = ars_strndup(t->valuestring, tl);
        d.len = tl;
        d.id = json_field(o, r->o.id_field);
        if (!d.id) d.id = ars_asprintf("%s:%ld", name, line);
        d.date = json_field(o, r->o.date_field);
        d.url = json_field(o, r->o.url_field);
        d.lang = json_field(o, r->o.lang_field);
        d.origin = origin;
        d.line = line;
        cJSON_Delete(o);
        if (!d.text || !d.id) { ars_document_clear(&d); rc = ARS_ENOMEM; break; }
        rc = queue_doc(r, &d);
    }
    return rc;
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
        ars_diag_addx(cd->diag, ARS_DIAG_WARNING, cd->name, row->line, 0, NULL, "bad-row",
                      "skipped row: %zu columns, the header has %zu", row->n, cd->ncols);
        r->stats.records_skipped++;
        return 0;
    }
    ars_document d;
    memset(&d, 0, sizeof d);
    size_t tl = row->flen[cd->col[0]];
    if (tl > r->o.max_doc_bytes) {
        ars_diag_addx(cd->diag, ARS_DIAG_WARNING, cd->name, row->line, 0, NULL, "too-large", "skipped row: text over the size limit");
        r->stats.records_skipped++;
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
    if (queue_doc(r, &d)) { cd->rc = ARS_ENOMEM; return 1; }
    return 0;
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

/* UTF-16 with a byte order mark: converted to UTF-8 (with counted replacement). */
static char *utf16_to_utf8(const char *data, size_t len, bool le, size_t *out_len)
{
    ars_buf b;
    ars_buf_init(&b);
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

static int format_of(const ars_reader *r, const char *path, const char *data, size_t len)
{
    if (r->o.format != ARS_FORMAT_AUTO) return r->o.format;
    if (ars_str_iendswith(path, ".jsonl") || ars_str_iendswith(path, ".ndjson") || ars_str_iendswith(path, ".json"))
        return ARS_FORMAT_JSONL;
    if (ars_str_iendswith(path, ".csv")) return ARS_FORMAT_CSV;
    if (!strcmp(path, "-")) {
        size_t i = 0;
        while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
        if (i < len && data[i] == '{') return ARS_FORMAT_JSONL;
    }
    return ARS_FORMAT_TEXT;
}

/* Loads the next path into the queue (or skips it). Returns 0, or ARS_ENOMEM. */
static int load_next(ars_reader *r, ars_diag *diag)
{
    char *path = r->paths[r->next];
    r->paths[r->next] = NULL;
    r->next++;
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    int rc = 0;
    struct stat sb;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &sb) != 0) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, path, 0, 0, NULL, "unreadable", "skipped: %s", strerror(errno));
            r->stats.docs_skipped++;
            free(path);
            return 0;
        }
        if (S_ISDIR(sb.st_mode)) { rc = expand_dir(r, path, diag); free(path); return rc; }
        if (!S_ISREG(sb.st_mode)) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, path, 0, 0, NULL, "not-a-file", "skipped: not a regular file");
            r->stats.docs_skipped++;
            free(path);
            return 0;
        }
        if ((size_t)sb.st_size > r->o.max_doc_bytes && !ars_str_iendswith(path, ".jsonl") && !ars_str_iendswith(path, ".csv") &&
            !ars_str_iendswith(path, ".ndjson")) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, path, 0, 0, NULL, "too-large",
                          "skipped: %lld bytes is over the document size limit of %zu (--max-doc-size)", (long long)sb.st_size, r->o.max_doc_bytes);
            r->stats.docs_skipped++;
            free(path);
            return 0;
        }
    }
    char *data = NULL;
    size_t len = 0;
    int e = 0;
    if (ars_read_file(path, &data, &len, &e) != 0) {
        if (e == ENOMEM) { free(path); return ARS_ENOMEM; }
        ars_diag_addx(diag, ARS_DIAG_WARNING, name, 0, 0, NULL, "unreadable", "skipped: %s", strerror(e));
        r->stats.docs_skipped++;
        free(path);
        return 0;
    }
    int fmt = format_of(r, path, data, len);
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
        size_t ul = 0;
        char *u8 = utf16_to_utf8(data, len, (unsigned char)data[0] == 0xFF, &ul);
        free(data);
        if (!u8) { free(path); return ARS_ENOMEM; }
        ars_diag_addx(diag, ARS_DIAG_NOTE, name, 0, 0, NULL, "utf16", "converted from UTF-16 to UTF-8");
        data = u8;
        len = ul;
    }
    if (fmt == ARS_FORMAT_JSONL) rc = read_jsonl(r, name, data, len, diag);
    else if (fmt == ARS_FORMAT_CSV) {
        csvdoc cd = {r, name, keep_origin(r, name), diag, {-1, -1, -1, -1, -1}, 0, false, 0};
        int crc = ars_csv_read_mem(name, data, len, csv_row_cb, &cd, diag);
        if (crc == ARS_EPARSE) r->stats.records_skipped++;
        rc = cd.rc;
    } else if (len == 0) {
        ars_diag_addx(diag, ARS_DIAG_WARNING, name, 0, 0, NULL, "empty", "skipped: empty file");
        r->stats.docs_skipped++;
    } else if (looks_binary(data, len)) {
        ars_diag_addx(diag, ARS_DIAG_WARNING, name, 0, 0, NULL, "binary", "skipped: looks like a binary file");
        r->stats.docs_skipped++;
    } else {
        ars_document d;
        memset(&d, 0, sizeof d);
        d.id = ars_strdup(strcmp(path, "-") ? path : "-");
        d.text = data;
        d.len = len;
        d.origin = keep_origin(r, name);
        data = NULL;
        if (!d.id) { ars_document_clear(&d); rc = ARS_ENOMEM; }
        else rc = queue_doc(r, &d);
    }
    free(data);
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
        if (r->next >= r->npaths) return 0;
        int rc = load_next(r, diag);
        if (rc) return rc;
    }
}
