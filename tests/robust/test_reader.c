/*
 * test_reader.c -- the document readers on bad inputs, through the library:
 * what is read, what is skipped with which reason key, the counts, and the
 * reader's memory on a big single-line document (one allocation of its size).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arsenal/document.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/ars-reader-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *path_of(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static const char *put(const char *name, const void *data, size_t n)
{
    const char *p = path_of(name);
    char dir[512];
    snprintf(dir, sizeof dir, "%s", p);
    char *slash = strrchr(dir, '/');
    if (slash) { *slash = 0; mkdir(dir, 0755); }
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return p;
}

/* Reads everything; returns the number of documents, fills stats and diag. */
typedef struct {
    size_t ndocs;
    char ids[16][128];
    size_t lens[16];
    long lines[16];
    char first_text[256];
    ars_skip_stats st;
    ars_diag diag;
} result;

static void read_all(result *res, const char *const *paths, size_t n, const ars_reader_opts *o)
{
    memset(res, 0, sizeof *res);
    ars_diag_init(&res->diag);
    ars_reader *r = NULL;
    assert_int_equal(ars_reader_new(&r, paths, n, o), 0);
    ars_document d;
    memset(&d, 0, sizeof d);
    int rc;
    while ((rc = ars_reader_next(r, &d, &res->diag)) == 1) {
        assert_non_null(d.text);
        assert_int_equal(d.text[d.len], 0);
        if (res->ndocs < 16) {
            snprintf(res->ids[res->ndocs], sizeof res->ids[0], "%s", d.id);
            res->lens[res->ndocs] = d.len;
            res->lines[res->ndocs] = d.line;
        }
        if (res->ndocs == 0) snprintf(res->first_text, sizeof res->first_text, "%s", d.text);
        res->ndocs++;
        ars_document_clear(&d);
    }
    assert_int_equal(rc, 0);
    res->st = *ars_reader_stats(r);
    assert_int_equal(res->st.docs_read, res->ndocs);
    ars_reader_free(r);
}

/* the diag entry with this reason key (and, if given, this line) */
static const ars_diag_entry *find(const result *res, const char *reason, long line)
{
    for (size_t i = 0; i < res->diag.n; i++) {
        const ars_diag_entry *e = &res->diag.v[i];
        if (e->reason && !strcmp(e->reason, reason) && (line < 0 || e->line == line)) return e;
    }
    return NULL;
}

static void test_skips_by_reason(void **state)
{
    (void)state;
    const char *good = put("good.txt", "Le Maroc a acquis des drones.\n", 30);
    const char *empty = put("empty.txt", "", 0);
    unsigned char bin[1024];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (unsigned char)(i * 7);
    const char *b = put("blob.bin", bin, sizeof bin);
    const char *paths[] = {good, empty, b, path_of("missing.txt")};
    result res;
    read_all(&res, paths, 4, NULL);
    assert_int_equal(res.ndocs, 1);
    assert_int_equal(res.st.docs_skipped, 3);
    assert_int_equal(res.st.records_skipped, 0);
    assert_non_null(find(&res, "empty", -1));
    assert_non_null(find(&res, "binary", -1));
    const ars_diag_entry *e = find(&res, "unreadable", -1);
    assert_non_null(e);
    assert_string_equal(e->message, "skipped: No such file or directory");
    assert_int_equal(res.diag.nwarnings, 3);
    ars_diag_clear(&res.diag);
}

static void test_encoding_notes(void **state)
{
    (void)state;
    const char *p = put("enc.txt", "Le Maroc ab\xff" "c\0d\xe2\x82", 17);
    const char *paths[] = {p};
    result res;
    read_all(&res, paths, 1, NULL);
    assert_int_equal(res.ndocs, 1);
    assert_int_equal(res.lens[0], 17);            /* bytes kept verbatim */
    assert_int_equal(res.st.bad_bytes, 3);        /* \xff, then \xe2 and \x82 (each byte of a truncated sequence) */
    const ars_diag_entry *e = find(&res, "encoding", -1);
    assert_non_null(e);
    assert_int_equal(e->severity, ARS_DIAG_NOTE);
    assert_non_null(strstr(e->message, "3 invalid UTF-8 sequences"));
    assert_non_null(strstr(e->message, "1 NUL byte"));
    assert_int_equal(res.st.docs_skipped, 0);
    ars_diag_clear(&res.diag);
}

static void test_utf16(void **state)
{
    (void)state;
    /* "Aé😀" in UTF-16LE with BOM, then a lone high surrogate */
    const unsigned char le[] = {0xFF, 0xFE, 'A', 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE, 0x3D, 0xD8};
    const char *p = put("u16.txt", le, sizeof le);
    const char *paths[] = {p};
    result res;
    read_all(&res, paths, 1, NULL);
    assert_int_equal(res.ndocs, 1);
    assert_string_equal(res.first_text, "A\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD");
    assert_non_null(find(&res, "utf16", -1));
    ars_diag_clear(&res.diag);
}

static void test_jsonl_stream(void **state)
{
    (void)state;
    const char *j = "{\"id\":\"a\",\"text\":\"one\"}\n"
                    "not json\n"
                    "\n"
                    "{\"id\":7,\"text\":\"two\"}\r\n"
                    "{\"text\":null}\n"
                    "{\"text\":\"three\"}";   /* no final newline */
    const char *p = put("docs.jsonl", j, strlen(j));
    const char *paths[] = {p};
    result res;
    read_all(&res, paths, 1, NULL);
    assert_int_equal(res.ndocs, 3);
    assert_string_equal(res.ids[0], "a");
    assert_int_equal(res.lines[0], 1);
    assert_string_equal(res.ids[1], "7");
    assert_int_equal(res.lines[1], 4);
    assert_int_equal(res.lines[2], 6);
    assert_non_null(strstr(res.ids[2], "docs.jsonl:6"));   /* no id: file:line */
    assert_int_equal(res.st.records_skipped, 2);
    assert_non_null(find(&res, "bad-json", 2));
    assert_non_null(find(&res, "no-text", 5));
    ars_diag_clear(&res.diag);
}

static void test_jsonl_limits(void **state)
{
    (void)state;
    /* limit 16: a 20-byte text is skipped; a line > 4x16 + 64k is skipped unread */
    size_t big = 200000;
    char *line = malloc(big + 64);
    assert_non_null(line);
    int k = snprintf(line, 64, "{\"text\":\"");
    memset(line + k, 'x', big);
    memcpy(line + k + big, "\"}\n{\"text\":\"01234567890123456789\"}\n{\"text\":\"ok\"}\n", 49);
    const char *p = put("limits.jsonl", line, (size_t)k + big + 49);
    free(line);
    ars_reader_opts o;
    ars_reader_opts_init(&o);
    o.max_doc_bytes = 16;
    const char *paths[] = {p};
    result res;
    read_all(&res, paths, 1, &o);
    assert_int_equal(res.ndocs, 1);
    assert_int_equal(res.lines[0], 3);
    assert_int_equal(res.st.records_skipped, 2);
    const ars_diag_entry *e = find(&res, "too-large", 1);
    assert_non_null(e);
    assert_non_null(strstr(e->message, "line of 200011 bytes"));
    e = find(&res, "too-large", 2);
    assert_non_null(e);
    assert_string_equal(e->message, "skipped record: text of 20 bytes is over the document size limit of 16 (--max-doc-size)");
    ars_diag_clear(&res.diag);
}

static void test_csv(void **state)
{
    (void)state;
    const char *c = "\xEF\xBB\xBFid,text\n1,\"a, b\"\n2,x,y\n3,\"multi\nline\"\n";
    const char *p = put("docs.csv", c, strlen(c));
    const char *paths[] = {p};
    result res;
    read_all(&res, paths, 1, NULL);
    assert_int_equal(res.ndocs, 2);
    assert_string_equal(res.ids[0], "1");
    assert_string_equal(res.first_text, "a, b");
    assert_int_equal(res.lines[1], 4);
    const ars_diag_entry *e = find(&res, "bad-row", 3);
    assert_non_null(e);
    assert_string_equal(e->message, "skipped row: 3 columns, the header has 2");
    ars_diag_clear(&res.diag);
}

static void test_symlinks(void **state)
{
    (void)state;
    put("tree/a.txt", "alpha\n", 6);
    put("tree/sub/b.txt", "beta\n", 5);
    char link[512];
    snprintf(link, sizeof link, "%s", path_of("tree/sub/up"));
    assert_int_equal(symlink("..", link), 0);
    const char *paths[] = {path_of("tree")};
    result res;
    read_all(&res, paths, 1, NULL);   /* not followed */
    assert_int_equal(res.ndocs, 2);
    assert_int_equal(res.st.docs_skipped, 1);
    assert_non_null(find(&res, "symlink-dir", -1));
    ars_diag_clear(&res.diag);
    ars_reader_opts o;
    ars_reader_opts_init(&o);
    o.follow_symlinks = true;
    read_all(&res, paths, 1, &o);     /* followed: the loop ends at the visited directory */
    assert_int_equal(res.ndocs, 2);
    assert_int_equal(res.st.docs_skipped, 1);
    assert_non_null(find(&res, "symlink-loop", -1));
    ars_diag_clear(&res.diag);
}

static long vm_hwm_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long v = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6)) v = atol(line + 6);
    fclose(f);
    return v;
}

static void test_big_line_memory(void **state)
{
    (void)state;
    if (vm_hwm_kb() < 0) skip();
    size_t n = (size_t)48 << 20;   /* 48 MiB, one line */
    const char *p = path_of("big.txt");
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    char chunk[4096];
    memset(chunk, 'a', sizeof chunk);
    for (size_t i = 0; i < sizeof chunk; i += 8) chunk[i] = ' ';
    for (size_t w = 0; w < n; w += sizeof chunk) assert_int_equal(fwrite(chunk, 1, sizeof chunk, f), sizeof chunk);
    fclose(f);
    long before = vm_hwm_kb();
    ars_reader_opts o;
    ars_reader_opts_init(&o);
    o.max_doc_bytes = (size_t)64 << 20;
    const char *paths[] = {p};
    ars_reader *r = NULL;
    assert_int_equal(ars_reader_new(&r, paths, 1, &o), 0);
    ars_document d;
    memset(&d, 0, sizeof d);
    ars_diag diag;
    ars_diag_init(&diag);
    assert_int_equal(ars_reader_next(r, &d, &diag), 1);
    /* touch every page, as the text layer will */
    size_t sum = 0;
    for (size_t i = 0; i < d.len; i += 4096) sum += (unsigned char)d.text[i];
    assert_true(sum > 0);
    assert_int_equal(d.len, n);
    long grown = vm_hwm_kb() - before;
    ars_document_clear(&d);
    ars_reader_free(r);
    ars_diag_clear(&diag);
    /* one copy of the document (+ slack), not the 2x of a doubling buffer */
    assert_true(grown < (long)(n / 1024) * 13 / 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skips_by_reason), cmocka_unit_test(test_encoding_notes),
        cmocka_unit_test(test_utf16),           cmocka_unit_test(test_jsonl_stream),
        cmocka_unit_test(test_jsonl_limits),    cmocka_unit_test(test_csv),
        cmocka_unit_test(test_symlinks),        cmocka_unit_test(test_big_line_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
