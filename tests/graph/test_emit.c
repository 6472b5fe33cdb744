/*
 * test_emit.c -- src/lib/emit.c writes what cJSON, libxml2's xmlTextWriter and
 * libcsv wrote before it replaced them in the deal printer and the exporters:
 * numbers and strings are printed by both and compared byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <csv.h>
#include <libxml/xmlwriter.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emit.h"

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void same_num(double v)
{
    cJSON *j = cJSON_CreateNumber(v);
    char *want = cJSON_PrintUnformatted(j);
    ars_buf b;
    ars_buf_init(&b);
    ars_emit_json_num(&b, v);
    if (strcmp(want, b.data ? b.data : "") != 0) fail_msg("%.17g: cJSON %s, emit %s", v, want, b.data);
    ars_buf_free(&b);
    cJSON_free(want);
    cJSON_Delete(j);
}

static void test_json_numbers(void **state)
{
    (void)state;
    const double fixed[] = {0, -0.0, 1, -1, 0.5, 0.1, 1.0 / 3, 2.0 / 3, 1e15, 1e16, 1e17, 123456789012345678.0,
                            (double)INT_MAX, (double)INT_MAX + 1, (double)INT_MAX - 0.5, (double)INT_MIN,
                            (double)INT_MIN - 1, (double)INT_MIN + 0.5, 9007199254740993.0, 6.5e9, 1e300, -1e300,
                            5e-324, DBL_MIN, DBL_MAX, -DBL_MAX, 0.000123, 0.15000000000000002, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) same_num(fixed[i]);
    for (int i = 0; i < 200000; i++) {
        uint64_t r = next();
        double v;
        switch (i % 4) {
        case 0: memcpy(&v, &r, sizeof v); break;                       /* any bit pattern */
        case 1: v = (double)(int64_t)(r >> (r & 63)); break;             /* integers of every size */
        case 2: v = (double)(r >> 11) / (double)(1ULL << 53); break;     /* [0, 1): PageRank-like */
        default: v = round((double)(r % 100000000) / 100.0) * (r & 1 ? 1 : 0.25); break;
        }
        same_num(v);
    }
}

static void test_json_strings(void **state)
{
    (void)state;
    char s[512];
    for (int c = 1; c < 256; c++) {   /* every byte, alone and between letters */
        snprintf(s, sizeof s, "%c|a%cb", c, c);
        cJSON *j = cJSON_CreateString(s);
        char *want = cJSON_PrintUnformatted(j);
        ars_buf b;
        ars_buf_init(&b);
        ars_emit_json_str(&b, s);
        assert_string_equal(b.data, want);
        ars_buf_free(&b);
        cJSON_free(want);
        cJSON_Delete(j);
    }
    const char *const more[] = {"", "plain", "\"quoted\" \\ back", "tab\there\nnew\rline\b\f",
                                "caf\xC3\xA9 \xE2\x80\x8F \xF0\x9F\x9A\x80", "\x7f\x01\x1f"};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        cJSON *j = cJSON_CreateString(more[i]);
        char *want = cJSON_PrintUnformatted(j);
        ars_buf b;
        ars_buf_init(&b);
        ars_emit_json_str(&b, more[i]);
        assert_string_equal(b.data, want);
        ars_buf_free(&b);
        cJSON_free(want);
        cJSON_Delete(j);
    }
}

/* libxml2's writer on one element with an attribute and text, against the
 * same document written with emit.c's escapes. */
static void same_xml(const char *s)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    assert_non_null(w);
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElement(w, BAD_CAST "e");
    xmlTextWriterWriteAttribute(w, BAD_CAST "a", BAD_CAST s);
    xmlTextWriterWriteString(w, BAD_CAST s);
    xmlTextWriterEndElement(w);
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    ars_buf b;
    ars_buf_init(&b);
    ars_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<e a=\"");
    ars_emit_xml_attr(&b, s);
    ars_buf_puts(&b, "\">");
    ars_emit_xml_text(&b, s);
    ars_buf_puts(&b, "</e>\n");
    assert_string_equal(b.data, (const char *)xmlBufferContent(buf));
    ars_buf_free(&b);
    xmlBufferFree(buf);
}

static void test_xml(void **state)
{
    (void)state;
    /* the graph's strings are cleaned (no C0 controls but TAB/LF/CR, valid UTF-8) */
    char s[8];
    for (int c = 0x20; c < 0x80; c++) { snprintf(s, sizeof s, "%c|a%c", c, c); same_xml(s); }
    const char *const more[] = {"", "\t", "\n", "\r", "a\tb\nc\rd", "Barak <MX> & \"Co\" 'x'", "]]>",
                                "caf\xC3\xA9 \xE2\x80\x8F \xF0\x9F\x9A\x80 \xEF\xBF\xBD", "&amp; &#10;"};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) same_xml(more[i]);
}

static void test_csv(void **state)
{
    (void)state;
    const char *const cells[] = {"", "plain", "a,b", "say \"hi\"", "\"\"", "line\nbreak", "caf\xC3\xA9", "'=1"};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        char *mem = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&mem, &len);
        assert_non_null(f);
        assert_int_equal(csv_fwrite(f, cells[i], strlen(cells[i])), 0);
        fclose(f);
        ars_buf b;
        ars_buf_init(&b);
        ars_emit_csv_quoted(&b, NULL, cells[i], strlen(cells[i]));
        assert_string_equal(b.data, mem);
        ars_buf_free(&b);
        free(mem);
    }
    ars_buf b;
    ars_buf_init(&b);
    ars_emit_csv_quoted(&b, "'", "=\"x\"", 4);
    assert_string_equal(b.data, "\"'=\"\"x\"\"\"");
    ars_buf_free(&b);
}

static void test_ll(void **state)
{
    (void)state;
    const long long v[] = {0, 1, -1, 9, 10, -10, 1234567890123LL, LLONG_MAX, LLONG_MIN};
    char want[32], got[32];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        snprintf(want, sizeof want, "%lld", v[i]);
        assert_int_equal(ars_fmt_ll(got, v[i]), strlen(want));
        assert_string_equal(got, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_numbers), cmocka_unit_test(test_json_strings), cmocka_unit_test(test_xml),
        cmocka_unit_test(test_csv), cmocka_unit_test(test_ll),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
