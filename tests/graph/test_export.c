/*
 * test_export.c -- the graph and its exporters.
 *
 * Golden files: tests/graph/deals.jsonl is merged, built and written in every
 * format; each output must equal tests/graph/golden/<name> byte for byte.
 * Regenerate after an intended change with
 *     ARS_UPDATE_GOLDEN=1 ctest -R test_graph_export
 * (then review the diff). Also: hostile strings (tests/graph/nasty.jsonl) give
 * well-formed XML and JSON and neutralised CSV cells; formats from paths;
 * output does not depend on the numeric locale; measures are sane.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "arsenal/merge.h"
#include "arsenal/graph.h"
#include "graph_internal.h"
#include "util.h"

#define GDIR ARS_TEST_DIR "/graph"

static const struct { const char *name; ars_export_format fmt; } outputs[] = {
    {"deals.graphml", ARS_EXPORT_GRAPHML}, {"deals.gexf", ARS_EXPORT_GEXF},
    {"deals.json", ARS_EXPORT_JSON},       {"deals.cyjs", ARS_EXPORT_CYJS},
    {"deals.dot", ARS_EXPORT_DOT},         {"deals-full.dot", ARS_EXPORT_DOT_FULL},
};
static const char *const csv_files[] = {"nodes.csv", "edges.csv", "register.csv"};

typedef struct fixture {
    ars_dealset deals, merged;
    ars_graph *g;
    char tmp[64];
} fixture;

static int setup_file(void **state, const char *path)
{
    fixture *f = calloc(1, sizeof *f);
    ars_diag d;
    ars_diag_init(&d);
    size_t skipped = 0;
    ars_dealset_init(&f->deals);
    if (ars_dealset_read(&f->deals, path, &d, &skipped) != 0 || skipped) return -1;
    if (ars_merge(&f->deals, &f->merged) != 0) return -1;
    if (ars_graph_build(&f->g, &f->merged, &d) != 0) return -1;
    ars_diag_clear(&d);
    snprintf(f->tmp, sizeof f->tmp, "/tmp/ars-graph-test-XXXXXX");
    if (!mkdtemp(f->tmp)) return -1;
    *state = f;
    return 0;
}

static int setup_deals(void **state) { return setup_file(state, GDIR "/deals.jsonl"); }
static int setup_nasty(void **state) { return setup_file(state, GDIR "/nasty.jsonl"); }

static int teardown(void **state)
{
    fixture *f = *state;
    char *cmd = ars_asprintf("rm -rf '%s'", f->tmp);
    if (system(cmd) != 0) { /* best effort */ }
    free(cmd);
    ars_graph_free(f->g);
    ars_dealset_clear(&f->deals);
    ars_dealset_clear(&f->merged);
    free(f);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    char *s = NULL;
    int e = 0;
    if (ars_read_file(path, &s, len, &e) != 0) return NULL;
    return s;
}

static bool update_golden(void)
{
    const char *u = getenv("ARS_UPDATE_GOLDEN");
    return u && strcmp(u, "1") == 0;
}

/* Compares the produced file with its golden (or writes the golden). */
static void check_golden(const char *produced, const char *golden)
{
    size_t n1 = 0, n2 = 0;
    char *a = slurp(produced, &n1);
    assert_non_null(a);
    if (update_golden()) {
        FILE *f = fopen(golden, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(a, 1, n1, f), n1);
        assert_int_equal(fclose(f), 0);
        print_message("updated %s\n", golden);
    }
    char *b = slurp(golden, &n2);
    if (!b) fail_msg("missing golden file %s (run with ARS_UPDATE_GOLDEN=1)", golden);
    if (n1 != n2 || memcmp(a, b, n1) != 0) {
        print_error("%s differs from %s; diff them, and if the change is intended run with ARS_UPDATE_GOLDEN=1\n",
                    produced, golden);
        fail();
    }
    free(a);
    free(b);
}

static void export_all(fixture *f, const char *dir)
{
    ars_diag d;
    ars_diag_init(&d);
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        char *p = ars_asprintf("%s/%s", dir, outputs[i].name);
        assert_int_equal(ars_graph_export(f->g, outputs[i].fmt, p, &d), 0);
        free(p);
    }
    char *p = ars_asprintf("%s/csv/", dir);
    assert_int_equal(ars_graph_export(f->g, ARS_EXPORT_CSV, p, &d), 0);
    free(p);
    assert_int_equal(d.n, 0);
    ars_diag_clear(&d);
}

static void test_golden(void **state)
{
    fixture *f = *state;
    export_all(f, f->tmp);
    if (update_golden()) mkdir(GDIR "/golden", 0777), mkdir(GDIR "/golden/csv", 0777);
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        char *p = ars_asprintf("%s/%s", f->tmp, outputs[i].name);
        char *gp = ars_asprintf("%s/golden/%s", GDIR, outputs[i].name);
        check_golden(p, gp);
        free(p);
        free(gp);
    }
    for (size_t i = 0; i < 3; i++) {
        char *p = ars_asprintf("%s/csv/%s", f->tmp, csv_files[i]);
        char *gp = ars_asprintf("%s/golden/csv/%s", GDIR, csv_files[i]);
        check_golden(p, gp);
        free(p);
        free(gp);
    }
}

/* The same bytes whatever the numeric locale of the process. */
static void test_locale_independent(void **state)
{
    fixture *f = *state;
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        setlocale(LC_NUMERIC, "C");
        skip();
    }
    char *dir = ars_asprintf("%s/locale", f->tmp);
    mkdir(dir, 0777);
    export_all(f, dir);
    setlocale(LC_NUMERIC, "C");
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        char *p = ars_asprintf("%s/%s", dir, outputs[i].name);
        char *gp = ars_asprintf("%s/golden/%s", GDIR, outputs[i].name);
        size_t n1, n2;
        char *a = slurp(p, &n1), *b = slurp(gp, &n2);
        assert_non_null(a);
        assert_non_null(b);
        assert_true(n1 == n2 && memcmp(a, b, n1) == 0);
        free(a);
        free(b);
        free(p);
        free(gp);
    }
    free(dir);
}

static void test_graph_shape(void **state)
{
    fixture *f = *state;
    const ars_graph *g = f->g;
    size_t buys = 0, supplies = 0;
    double prsum = 0;
    for (size_t i = 1; i < g->nnodes; i++) assert_true(strcmp(g->nodes[i - 1].id, g->nodes[i].id) < 0);
    for (size_t i = 0; i < g->nnodes; i++) prsum += g->nodes[i].pagerank;
    assert_true(prsum > 0.999 && prsum < 1.001);
    for (size_t i = 0; i < g->nedges; i++) {
        buys += g->edges[i].type == ARS_EDGE_BUYS;
        if (g->edges[i].type == ARS_EDGE_SUPPLIES) {
            supplies++;
            if (!strcmp(g->edges[i].id, "supplies:country:RUS--country:DZA")) {
                assert_int_equal(g->edges[i].deals, 2);
                assert_int_equal(g->edges[i].systems, 2);
                assert_int_equal(g->edges[i].first_year, 2020);
                assert_int_equal(g->edges[i].last_year, 2023);
            }
        }
    }
    assert_int_equal(buys, f->merged.n);
    assert_int_equal(supplies, 7);
    /* Russia and Algeria trade only with each other: one community apart from the rest */
    long rus = -2, dza = -3, mar = -4, usa = -5;
    for (size_t i = 0; i < g->nnodes; i++) {
        const ars_gnode *n = &g->nodes[i];
        if (!strcmp(n->id, "country:RUS")) rus = n->community;
        if (!strcmp(n->id, "country:DZA")) dza = n->community;
        if (!strcmp(n->id, "country:MAR")) mar = n->community;
        if (!strcmp(n->id, "country:USA")) usa = n->community;
        if (n->type == ARS_NODE_SYSTEM) assert_int_equal(n->community, -1);
    }
    assert_int_equal(rus, dza);
    assert_int_equal(mar, usa);
    assert_true(rus != mar);
}

static void test_formats_from_path(void **state)
{
    fixture *f = *state;
    assert_int_equal(ars_export_format_from_path("a/b.graphml"), ARS_EXPORT_GRAPHML);
    assert_int_equal(ars_export_format_from_path("x.GEXF"), ARS_EXPORT_GEXF);
    assert_int_equal(ars_export_format_from_path("x.json"), ARS_EXPORT_JSON);
    assert_int_equal(ars_export_format_from_path("x.cyjs"), ARS_EXPORT_CYJS);
    assert_int_equal(ars_export_format_from_path("x.dot"), ARS_EXPORT_DOT);
    assert_int_equal(ars_export_format_from_path("out/"), ARS_EXPORT_CSV);
    assert_int_equal(ars_export_format_from_path(f->tmp), ARS_EXPORT_CSV);  /* an existing directory */
    assert_int_equal(ars_export_format_from_path("x.txt"), -1);
    assert_int_equal(ars_export_format_from_path("dir.d/file"), -1);
    assert_int_equal(ars_export_format_parse("cytoscape"), ARS_EXPORT_CYJS);
    assert_int_equal(ars_export_format_parse("dot-full"), ARS_EXPORT_DOT_FULL);
    assert_int_equal(ars_export_format_parse("xls"), -1);
}

/* A write into a missing directory fails and leaves nothing behind. */
static void test_write_error(void **state)
{
    fixture *f = *state;
    ars_diag d;
    ars_diag_init(&d);
    assert_int_equal(ars_graph_export(f->g, ARS_EXPORT_GRAPHML, "/nonexistent-dir/x.graphml", &d), ARS_EIO);
    assert_true(d.nerrors >= 1);
    ars_diag_clear(&d);
}

/* ---- hostile strings ------------------------------------------------------------------ */

static bool has_control(const char *s, size_t n, bool allow_nl)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && !(allow_nl && (c == '\n')) && c != '\t') return true;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xAE) return true; /* U+202E */
    }
    return false;
}

static void test_nasty(void **state)
{
    fixture *f = *state;
    export_all(f, f->tmp);
    xmlInitParser();
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        char *p = ars_asprintf("%s/%s", f->tmp, outputs[i].name);
        size_t n;
        char *s = slurp(p, &n);
        assert_non_null(s);
        assert_false(has_control(s, n, true));
        if (outputs[i].fmt == ARS_EXPORT_GRAPHML || outputs[i].fmt == ARS_EXPORT_GEXF) {
            xmlDocPtr doc = xmlReadMemory(s, (int)n, p, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
            assert_non_null(doc);
            xmlFreeDoc(doc);
            assert_non_null(strstr(s, "Barak &lt;MX&gt; &amp; "));
        }
        if (outputs[i].fmt == ARS_EXPORT_JSON || outputs[i].fmt == ARS_EXPORT_CYJS) {
            cJSON *j = cJSON_Parse(s);
            assert_non_null(j);
            cJSON_Delete(j);
        }
        if (outputs[i].fmt == ARS_EXPORT_DOT) assert_non_null(strstr(s, "F\\\"R"));
        free(s);
        free(p);
    }
    for (size_t i = 0; i < 3; i++) {
        char *p = ars_asprintf("%s/csv/%s", f->tmp, csv_files[i]);
        size_t n;
        char *s = slurp(p, &n);
        assert_non_null(s);
        assert_false(has_control(s, n, true));
        /* no cell may start with a formula character */
        assert_null(strstr(s, ",\"="));
        assert_null(strstr(s, ",\"+"));
        assert_null(strstr(s, ",\"@"));
        assert_null(strstr(s, ",\"-"));
        assert_null(strstr(s, "\n\"="));
        if (i == 0) assert_non_null(strstr(s, "\"'=cmd|' /C calc'!A0\""));
        if (i == 2) assert_non_null(strstr(s, "\"'-Tab here"));
        free(s);
        free(p);
    }
}

/* ---- reading a graph file back ----------------------------------------------------------- */

static const ars_deal *by_id(const ars_dealset *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].id && id && !strcmp(s->v[i].id, id)) return &s->v[i];
    return NULL;
}

static const char *str0(const char *s) { return s ? s : ""; }

/* The label of the country node of iso3 ("" when there is none). */
static const char *country_label(const ars_graph *g, const char *iso3)
{
    char id[16];
    snprintf(id, sizeof id, "country:%s", iso3);
    for (size_t i = 0; i < g->nnodes; i++)
        if (!strcmp(g->nodes[i].id, id)) return g->nodes[i].label;
    return "";
}

/* a equals b as the exporters clean it */
static void assert_clean_equal(const char *a, const char *b)
{
    char *c = ars_graph_clean(b ? b : "");
    assert_string_equal(str0(a), c);
    free(c);
}

/* Every graph format gives back the merged deals: parties, system, figures,
 * the number of sources and the first sentence (strings as cleaned for output,
 * country names as the node's label). */
static void test_read_back(void **state)
{
    fixture *f = *state;
    export_all(f, f->tmp);
    static const char *const files[] = {"deals.graphml", "deals.gexf", "deals.json", "deals.cyjs"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char *p = ars_asprintf("%s/%s", f->tmp, files[k]);
        ars_dealset got;
        ars_dealset_init(&got);
        ars_diag d;
        ars_diag_init(&d);
        size_t skipped = 0;
        assert_int_equal(ars_graph_read_deals(&got, p, &d, &skipped), 0);
        assert_int_equal(d.n, 0);
        assert_int_equal(skipped, 0);
        assert_int_equal(got.n, f->merged.n);
        for (size_t i = 0; i < got.n; i++) {
            const ars_deal *g = &got.v[i], *m = by_id(&f->merged, g->id);
            if (!m) fail_msg("%s: deal %s is not one of the merged deals", files[k], str0(g->id));
            assert_string_equal(g->buyer.iso3, m->buyer.iso3);
            assert_string_equal(str0(g->buyer.name), country_label(f->g, m->buyer.iso3));
            assert_string_equal(g->seller.iso3, m->seller.iso3);
            if (m->seller.iso3[0]) assert_string_equal(str0(g->seller.name), country_label(f->g, m->seller.iso3));
            assert_clean_equal(g->supplier.name, m->supplier.name);
            assert_string_equal(g->supplier.iso3, m->supplier.iso3);
            assert_clean_equal(g->system.name, m->system.canonical ? m->system.canonical : m->system.name);
            assert_clean_equal(g->system.category, m->system.category);
            assert_clean_equal(g->system.family, m->system.family);
            assert_int_equal(g->system.generic, m->system.generic);
            assert_int_equal(g->quantity, m->quantity);
            assert_int_equal(g->value.present, m->value.present);
            if (m->value.present) {
                assert_true(g->value.amount == m->value.amount);
                assert_string_equal(g->value.currency, m->value.currency);
            }
            assert_string_equal(g->date, m->date);
            assert_int_equal(g->status, m->status);
            assert_int_equal(g->kind, m->kind);
            assert_int_equal(g->nsources, m->nsources);
            assert_clean_equal(g->sources[0].text, m->sources[0].text);
            assert_string_equal(g->sources[0].doc, p);
            for (size_t s2 = 1; s2 < g->nsources; s2++) assert_null(g->sources[s2].text);
        }
        ars_dealset_clear(&got);
        ars_diag_clear(&d);
        free(p);
    }
}

/* What is not a graph file of ours is refused, and nothing is appended. */
static void test_read_not_graph(void **state)
{
    fixture *f = *state;
    static const struct { const char *name, *text; int rc; } cases[] = {
        {"a.graphml", "<html><body>no graph</body></html>", ARS_ENOTFOUND},
        {"b.json", "{\"type\": \"deal\"}", ARS_ENOTFOUND},
        {"c.json", "[1, 2]", ARS_ENOTFOUND},
        {"d.graphml", "<graphml><graph><node id=\"x\">", ARS_EPARSE},
        {"e.json", "{\"nodes\": [", ARS_EPARSE},
        {"f.graphml", "", ARS_ENOTFOUND},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *p = ars_asprintf("%s/%s", f->tmp, cases[i].name);
        FILE *o = fopen(p, "w");
        assert_non_null(o);
        fputs(cases[i].text, o);
        fclose(o);
        ars_dealset got;
        ars_dealset_init(&got);
        ars_diag d;
        ars_diag_init(&d);
        assert_int_equal(ars_graph_read_deals(&got, p, &d, NULL), cases[i].rc);
        assert_int_equal(got.n, 0);
        if (cases[i].rc == ARS_EPARSE) assert_true(d.nerrors >= 1);
        ars_dealset_clear(&got);
        ars_diag_clear(&d);
        free(p);
    }
    ars_dealset got;
    ars_dealset_init(&got);
    ars_diag d;
    ars_diag_init(&d);
    assert_int_equal(ars_graph_read_deals(&got, "/nonexistent/g.graphml", &d, NULL), ARS_EIO);
    ars_diag_clear(&d);
    /* a buys edge whose system node is missing is skipped and counted */
    char *p = ars_asprintf("%s/g.json", f->tmp);
    FILE *o = fopen(p, "w");
    assert_non_null(o);
    fputs("{\"nodes\": [{\"id\": \"country:MAR\", \"label\": \"Morocco\", \"iso3\": \"MAR\"}],"
          " \"links\": [{\"source\": \"country:MAR\", \"target\": \"system:x\", \"id\": \"buys:1\", \"type\": \"buys\"}]}", o);
    fclose(o);
    size_t skipped = 0;
    assert_int_equal(ars_graph_read_deals(&got, p, &d, &skipped), 0);
    assert_int_equal(got.n, 0);
    assert_int_equal(skipped, 1);
    assert_int_equal(d.n, 1);
    ars_diag_clear(&d);
    free(p);
}

static void test_clean(void **state)
{
    (void)state;
    char *c = ars_graph_clean("a\tb\x01\x7f\xc2\x85 \xe2\x80\xae\xe2\x80\x8f\xff|\xef\xbb\xbfz");
    assert_string_equal(c, "a b \xe2\x80\x8f\xef\xbf\xbd|z");
    free(c);
    char buf[40];
    assert_string_equal(ars_fmt_num(524000000, buf, sizeof buf), "524000000");
    assert_string_equal(ars_fmt_num(0.1, buf, sizeof buf), "0.1");
    assert_string_equal(ars_fmt_num(3.7e12, buf, sizeof buf), "3700000000000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_golden, setup_deals, teardown),
        cmocka_unit_test_setup_teardown(test_locale_independent, setup_deals, teardown),
        cmocka_unit_test_setup_teardown(test_graph_shape, setup_deals, teardown),
        cmocka_unit_test_setup_teardown(test_formats_from_path, setup_deals, teardown),
        cmocka_unit_test_setup_teardown(test_write_error, setup_deals, teardown),
        cmocka_unit_test_setup_teardown(test_nasty, setup_nasty, teardown),
        cmocka_unit_test_setup_teardown(test_read_back, setup_deals, teardown),
        cmocka_unit_test_setup_teardown(test_read_back, setup_nasty, teardown),
        cmocka_unit_test_setup_teardown(test_read_not_graph, setup_deals, teardown),
        cmocka_unit_test(test_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
