/* test_text.c -- folding with its offset map, sentence segmentation of news
 * pages, language identification. Data-driven where it can be. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arsenal/text.h"

static void test_fold_table(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Le Maroc", "le maroc"},
        {"États-Unis", "etats-unis"},
        {"Israël", "israel"},
        {"l’Algérie", "l'algerie"},
        {"« Heron »", "\" heron \""},
        {"Barak\u00a0MX", "barak mx"},
        {"F–16", "f-16"},
        {"  deux   espaces \n\n", "deux espaces"},
        {"Œuvre", "oeuvre"},
        {"Straße", "strasse"},
        {"Łódź", "lodz"},
        {"NIÑO", "nino"},
        {"e\u0301te\u0301", "ete"},            /* decomposed accents */
        {"zero\u200bwidth", "zerowidth"},
        {"Isra\xe9l", "israel"},               /* Latin-1 byte in UTF-8 text */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = 0;
        char *f = ars_fold(cases[i][0], strlen(cases[i][0]), &n);
        assert_non_null(f);
        assert_string_equal(f, cases[i][1]);
        assert_int_equal(n, strlen(cases[i][1]));
        free(f);
    }
}

static void test_offset_map(void **state)
{
    (void)state;
    const char *s = "Le Maroc a acquis des drones « Héron » à Israël.";
    ars_text t;
    assert_int_equal(ars_text_init(&t, s, strlen(s)), 0);
    const char *p = strstr(t.fold, "heron");
    assert_non_null(p);
    size_t fi = (size_t)(p - t.fold);
    /* the folded "heron" maps back to the original "Héron" */
    assert_int_equal(t.fold_map[fi], (size_t)(strstr(s, "Héron") - s));
    assert_int_equal(t.fold_map[t.fold_len], strlen(s));
    p = strstr(t.fold, "israel");
    assert_int_equal(t.fold_map[p - t.fold], (size_t)(strstr(s, "Israël") - s));
    assert_int_equal(t.bad_bytes, 0);
    ars_text_clear(&t);
}

static void test_bad_bytes_counted(void **state)
{
    (void)state;
    const char s[] = "abc\xff\xfe def \xc3";
    ars_text t;
    assert_int_equal(ars_text_init(&t, s, sizeof s - 1), 0);
    assert_int_equal(t.bad_bytes, 3);
    ars_text_clear(&t);
}

/* sentence texts of a document, joined with '|' */
static char *sentences(const char *s)
{
    ars_text t;
    if (ars_text_init(&t, s, strlen(s)) != 0) return NULL;
    size_t cap = strlen(s) * 2 + 16, n = 0;
    char *out = calloc(cap, 1);
    for (size_t i = 0; i < t.nsents; i++) {
        if (i) out[n++] = '|';
        memcpy(out + n, s + t.sents[i].start, t.sents[i].end - t.sents[i].start);
        n += t.sents[i].end - t.sents[i].start;
    }
    ars_text_clear(&t);
    return out;
}

static void test_segment_headline_strip(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        /* a strip of headlines separated by runs of spaces */
        {"Bourse : clôture en hausse    Football : le Raja gagne    Météo : pluies dans le Nord",
         "Bourse : clôture en hausse|Football : le Raja gagne|Météo : pluies dans le Nord"},
        /* article sentences stay whole, abbreviations do not cut */
        {"Le Maroc a acquis trois drones auprès d'Israël. Le contrat, signé en 2021, vaut 50 millions de dollars.",
         "Le Maroc a acquis trois drones auprès d'Israël.|Le contrat, signé en 2021, vaut 50 millions de dollars."},
        {"Mr. Smith said the army received the first M1A2 tanks. Deliveries continue.",
         "Mr. Smith said the army received the first M1A2 tanks.|Deliveries continue."},
        /* a line without final punctuation ends a sentence; "À lire" lines stand alone */
        {"Titre de l'article\nPremière phrase du texte.\nÀ lire : un autre sujet\nSuite du texte.",
         "Titre de l'article|Première phrase du texte.|À lire : un autre sujet|Suite du texte."},
        /* bullets */
        {"  • Premier sujet du jour\n  • Second sujet du jour", "Premier sujet du jour|Second sujet du jour"},
        /* a hard-wrapped sentence is joined back */
        {"El gobierno argentino confirmó este martes la compra de veinticuatro aviones\nde combate a Dinamarca.",
         "El gobierno argentino confirmó este martes la compra de veinticuatro aviones\nde combate a Dinamarca."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = sentences(cases[i][0]);
        assert_non_null(got);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
}

static void test_segment_examples(void **state)
{
    (void)state;
    /* the bundled example page: its headline strip splits into three headlines */
    char path[512];
    snprintf(path, sizeof path, "%s/../examples/articles/fr-maroc-drones.txt", ARS_TEST_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *got = sentences(buf);
    assert_non_null(got);
    assert_non_null(strstr(got, "Économie : la Bourse de Casablanca termine en hausse|Football : le Wydad s'impose à domicile|"));
    assert_non_null(strstr(got, "|Le Maroc a acquis auprès d'Israël six drones « Heron » fabriqués par Israel Aerospace Industries, pour un montant estimé à 120 millions de dollars.|"));
    free(got);
}

static void test_lang(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"le maroc a acquis des drones aupres d'israel pour les forces armees et la marine", "fr"},
        {"the army has received the first tanks from the united states and it will order more", "en"},
        {"el ejercito ha recibido los primeros carros de combate y la armada del pais tambien", "es"},
        {"f-16 s-400", "unknown"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(ars_detect_lang(cases[i][0], strlen(cases[i][0])), cases[i][1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_table),     cmocka_unit_test(test_offset_map),
        cmocka_unit_test(test_bad_bytes_counted), cmocka_unit_test(test_segment_headline_strip),
        cmocka_unit_test(test_segment_examples), cmocka_unit_test(test_lang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
