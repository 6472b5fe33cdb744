/*
 * rules.c -- loads the rule files (rules/ dir, CSV files) (libcsv), validates every row, and compiles all
 * surface forms into one automaton.
 *
 * Validation reports every problem of every file in one pass, each as
 * file:line:column: message with the source line, and fails the load if any is
 * an error: nothing runs on broken rules.
 *
 * Surface forms: "?X" ambiguous (needs context), "=X" case-sensitive, "X*" a
 * word prefix. Forms with digits also get their letter-digit variants
 * ("F-16" -> "f16", "H135" -> "h 135"). The same form naming two different
 * entities of one kind (two countries, two systems...) is an error.
 */
#include "rules_internal.h"
#include "rxfilter.h"
#include "arsenal/text.h"
#include "csvread.h"
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- small helpers ---------------------------------------------------------- */

static const char *const trigger_type_names[TR__N] = {
    "buy", "sell", "deal", "approve", "modal", "negation", "cancel", "from", "to", "other", "by",
    "kind", "anaphor_system", "anaphor_deal", "possessive", "novelty", "operator", "budget",
    "describe", "naming", "unit", "retired", "region", "usage", "ignore", "link", "civil", "anaphor_party", "customer", "at", "clause", "count"};

const char *ars_trigger_type_name(trigger_type t) { return (unsigned)t < TR__N ? trigger_type_names[t] : "?"; }

static const char *sdup(ars_rules *r, const char *s)
{
    if (!s) return NULL;
    return ars_arena_strndup(&r->strings, s, strlen(s));
}

/* hash set of "group\x1fkey" -> entry index, to find duplicate surface forms */
typedef struct { char *k; uint32_t entry; const char *file; long line; } dup_slot;
typedef struct { dup_slot *v; size_t cap, n; } dup_map;

static dup_slot *dup_find(dup_map *m, const char *k, bool *found)
{
    if (m->n * 2 >= m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 4096;
        dup_slot *nv = calloc(nc, sizeof *nv);
        if (!nv) return NULL;
        for (size_t i = 0; i < m->cap; i++)
            if (m->v[i].k) {
                size_t h = ars_hash64(m->v[i].k, strlen(m->v[i].k), 0) & (nc - 1);
                while (nv[h].k) h = (h + 1) & (nc - 1);
                nv[h] = m->v[i];
            }
        free(m->v);
        m->v = nv;
        m->cap = nc;
    }
    size_t h = ars_hash64(k, strlen(k), 0) & (m->cap - 1);
    while (m->v[h].k) {
        if (!strcmp(m->v[h].k, k)) { *found = true; return &m->v[h]; }
        h = (h + 1) & (m->cap - 1);
    }
    *found = false;
    return &m->v[h];
}

static void dup_free(dup_map *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->v[i].k);
    free(m->v);
}

typedef struct {
    ars_rules *r;
    ars_diag *diag;
    const char *file;
    dup_map dups;
    dup_map companies, categories;   /* name -> index */
    int kind;              /* which file type is being read */
    int col[12];           /* header: column index of each known field, -1 if absent */
    bool header_done;
    bool header_bad;
    bool oom;
} loader;

static void err_at(loader *L, const ars_csv_row *row, size_t field, const char *fmt, const char *a, const char *b)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    ars_diag_addx(L->diag, ARS_DIAG_ERROR, L->file, row->line, ars_csv_column(row, field), row->raw,
                  "rules", "%s", msg);
}

static bool valid_utf8(const char *s, size_t n, size_t *bad_at)
{
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        if (ars_utf8_next((const unsigned char *)s, n, &i) < 0) { *bad_at = st; return false; }
    }
    return true;
}

static int group_of(ent_type t)
{
    switch (t) {
    case ENT_COUNTRY: case ENT_DEMONYM: case ENT_METONYM: return 0;
    case ENT_COMPANY: return 1;
    case ENT_SYSTEM: return 2;
    case ENT_CATEGORY: return 3;
    default: return 4;
    }
}

static int add_key(loader *L, uint32_t ei, const char *key, size_t klen, bool prefix)
{
    if (ars_ac_add(L->r->ac, key, klen, ei, prefix) != 0) return -1;
    return 0;
}

/* Letter-digit variants of a folded key: joined ("f 16" -> "f16") and split ("h135" -> "h 135"). */
static void add_variants(loader *L, uint32_t ei, const char *key, size_t n, bool prefix)
{
    bool has_digit = false;
    for (size_t i = 0; i < n; i++) if (key[i] >= '0' && key[i] <= '9') has_digit = true;
    if (!has_digit || n > 200) return;
    char joined[256], split[512];
    size_t a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        char c = key[i];
        bool sep = c == ' ' || c == '-';
        bool prev_alpha = i > 0 && key[i - 1] >= 'a' && key[i - 1] <= 'z';
        bool prev_digit = i > 0 && key[i - 1] >= '0' && key[i - 1] <= '9';
        bool next_digit = i + 1 < n && key[i + 1] >= '0' && key[i + 1] <= '9';
        bool next_alpha = i + 1 < n && key[i + 1] >= 'a' && key[i + 1] <= 'z';
        if (sep && ((prev_alpha && next_digit) || (prev_digit && next_alpha))) { /* drop in joined */ }
        else joined[a++] = c;
        bool is_digit = c >= '0' && c <= '9';
        /* split only before the digits ("h135" -> "h 135"); a split before a
         * suffix letter ("f-16a" -> "f 16 a") would match "F-16 a Dinamarca" */
        if (is_digit && prev_alpha) split[b++] = ' ';
        split[b++] = c;
    }
    if (a != n || memcmp(joined, key, n)) add_key(L, ei, joined, a, prefix);
    if (b != n || memcmp(split, key, n)) add_key(L, ei, split, b, prefix);
}

/* Registers one surface form from a cell. */
static void add_alias(loader *L, const ars_csv_row *row, size_t field, ent_type type, uint32_t id,
                      const char *raw, size_t rlen)
{
    ars_rules *r = L->r;
    while (rlen && (*raw == ' ' || *raw == '\t')) { raw++; rlen--; }
    while (rlen && (raw[rlen - 1] == ' ' || raw[rlen - 1] == '\t')) rlen--;
    if (!rlen) return;
    uint8_t flags = 0;
    while (rlen && (*raw == '?' || *raw == '=')) {
        flags |= *raw == '?' ? EF_AMBIGUOUS : EF_EXACT_CASE;
        raw++;
        rlen--;
    }
    if (rlen && raw[rlen - 1] == '*') { flags |= EF_PREFIX; rlen--; }
    /* "CET", "LOT": a three-letter name written in capitals is an acronym; in
     * lower case it is an ordinary word ("cet", "lot"): match it case-sensitively */
    if ((type == ENT_SYSTEM || type == ENT_COMPANY) && rlen <= 3) {
        bool caps = true;
        for (size_t i = 0; i < rlen; i++) {
            unsigned char ch = (unsigned char)raw[i];
            if (!(ch >= 'A' && ch <= 'Z') && ch != '-' && ch != ' ') caps = false;
        }
        if (caps) flags |= EF_EXACT_CASE;
    }
    if (type == ENT_SYSTEM && raw[0] >= 'A' && raw[0] <= 'Z') {
        for (size_t i = 0; i < rlen; i++)
            if (raw[i] >= '0' && raw[i] <= '9') { flags |= EF_CODE; break; }
    }
    size_t klen = 0;
    char *key = ars_fold(raw, rlen, &klen);
    if (!key) { L->oom = true; return; }
    if (klen == 0) {
        err_at(L, row, field, "empty surface form in \"%s\"%s", row->f[field], NULL);
        free(key);
        return;
    }
    char kbuf[512];
    char *dk = kbuf;
    if (klen + 4 > sizeof kbuf) dk = malloc(klen + 4);
    if (dk) {   /* "%d\x1f%s" of the group (one digit) and the key, once per alias */
        dk[0] = (char)('0' + group_of(type));
        dk[1] = '\x1f';
        memcpy(dk + 2, key, klen + 1);
    }
    bool found = false;
    dup_slot *slot = dk ? dup_find(&L->dups, dk, &found) : NULL;
    if (!slot) { if (dk != kbuf) free(dk); free(key); L->oom = true; return; }
    if (!found) {
        char *owned = dk == kbuf ? ars_strdup(kbuf) : dk;
        if (!owned) { free(key); L->oom = true; return; }
        dk = owned;
    }
    if (found) {
        rule_entry *other = &r->entries[slot->entry];
        bool same = other->id == id && group_of(other->type) == group_of(type);
        if (!same) {
            char where[300];
            snprintf(where, sizeof where, "%s:%ld", slot->file, slot->line);
            err_at(L, row, field, "surface form \"%s\" is already used by the entry at %s", key, where);
        } else {
            other->flags |= flags & (EF_AMBIGUOUS | EF_EXACT_CASE);  /* name "X" + alias "?X": ambiguous */
        }
        if (dk != kbuf) free(dk);
        free(key);
        return;
    }
    if (ARS_GROW(r->entries, r->nentries, r->ecap)) { free(dk); free(key); L->oom = true; return; }
    uint32_t ei = (uint32_t)r->nentries++;
    rule_entry *e = &r->entries[ei];
    e->type = type;
    e->id = id;
    e->flags = flags;
    e->key = ars_arena_strndup(&r->strings, key, klen);
    e->exact = (flags & EF_EXACT_CASE) ? ars_arena_strndup(&r->strings, raw, rlen) : NULL;
    slot->k = dk;
    L->dups.n++;
    slot->entry = ei;
    slot->file = L->file;
    slot->line = row->line;
    if (add_key(L, ei, key, klen, flags & EF_PREFIX) != 0) {
        err_at(L, row, field, "surface form \"%s\" cannot be matched (unsupported character)", key, NULL);
    } else {
        add_variants(L, ei, key, klen, flags & EF_PREFIX);
    }
    free(key);
}

static void add_list(loader *L, const ars_csv_row *row, int field, ent_type type, uint32_t id)
{
    if (field < 0 || (size_t)field >= row->n) return;
    const char *s = row->f[field];
    while (*s) {
        const char *e = strchr(s, '|');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        add_alias(L, row, (size_t)field, type, id, s, n);
        if (!e) break;
        s = e + 1;
    }
}

/* ---- per-file schemas ---------------------------------------------------------------- */

enum { F_COUNTRIES, F_COMPANIES, F_CATEGORIES, F_SYSTEMS, F_TRIGGERS, F_PATTERNS };

static const char *const schema[][8] = {
    [F_COUNTRIES] = {"iso3", "iso2", "name", "names", "demonyms", "metonyms", NULL},
    [F_COMPANIES] = {"name", "aliases", "country", "kind", NULL},
    [F_CATEGORIES] = {"category", "generic", "words", "parent", NULL},
    [F_SYSTEMS] = {"name", "aliases", "family", "category", "origin", "maker", NULL},
    [F_TRIGGERS] = {"phrase", "lang", "type", "status", "kind", "strength", NULL},
    [F_PATTERNS] = {"id", "lang", "regex", "type", "category", "needs", NULL},
};
/* columns that must be present and non-empty */
static const char *const required[][4] = {
    [F_COUNTRIES] = {"iso3", "name", NULL},
    [F_COMPANIES] = {"name", "country", NULL},
    [F_CATEGORIES] = {"category", "words", NULL},
    [F_SYSTEMS] = {"name", "category", NULL},
    [F_TRIGGERS] = {"phrase", "type", NULL},
    [F_PATTERNS] = {"id", "regex", "type", NULL},
};

static int colidx(const loader *L, const char *name)
{
    for (int i = 0; schema[L->kind][i]; i++)
        if (!strcmp(schema[L->kind][i], name)) return L->col[i];
    return -1;
}

static const char *cell(const ars_csv_row *row, int c)
{
    return (c >= 0 && (size_t)c < row->n) ? row->f[c] : "";
}

static bool is_iso3(const char *s)
{
    return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

static void read_header(loader *L, const ars_csv_row *row)
{
    for (int i = 0; i < 12; i++) L->col[i] = -1;
    for (size_t k = 0; k < row->n; k++) {
        int found = -1;
        for (int i = 0; schema[L->kind][i]; i++)
            if (!strcmp(schema[L->kind][i], row->f[k])) found = i;
        if (found < 0) {
            err_at(L, row, k, "unknown column \"%s\"%s", row->f[k], NULL);
            L->header_bad = true;
        } else L->col[found] = (int)k;
    }
    for (int i = 0; required[L->kind][i]; i++) {
        bool have = false;
        for (int j = 0; schema[L->kind][j]; j++)
            if (!strcmp(schema[L->kind][j], required[L->kind][i]) && L->col[j] >= 0) have = true;
        if (!have) {
            err_at(L, row, 0, "missing column \"%s\"%s", required[L->kind][i], NULL);
            L->header_bad = true;
        }
    }
}

static size_t iso3_slot(const char *s) { return ((size_t)(s[0] - 'A') * 26 + (size_t)(s[1] - 'A')) * 26 + (size_t)(s[2] - 'A'); }

/* Countries are ISO codes (is_iso3), so a code indexes a table directly; the
 * assembler asks this for every party and supplier. */
int ars_rules_country_index(const ars_rules *r, const char *iso3)
{
    if (r->country_slot && is_iso3(iso3)) return (int)r->country_slot[iso3_slot(iso3)] - 1;
    for (size_t i = 0; i < r->ncountries; i++)
        if (!strcmp(r->countries[i].iso3, iso3)) return (int)i;
    return -1;
}

int ars_rules_category_index(const ars_rules *r, const char *id)
{
    for (size_t i = 0; i < r->ncategories; i++)
        if (!strcmp(r->categories[i].id, id)) return (int)i;
    return -1;
}

/* The loader's name -> index maps (companies, categories): the same answer as
 * a search of the list (names are unique), without one per system row. */
static int ix_get(loader *L, dup_map *m, const char *k)
{
    bool found = false;
    dup_slot *s = dup_find(m, k, &found);
    if (!s) { L->oom = true; return -1; }
    return found ? (int)s->entry : -1;
}

static void ix_put(loader *L, dup_map *m, const char *k, size_t idx)
{
    bool found = false;
    dup_slot *s = dup_find(m, k, &found);
    if (!s || found) { L->oom |= !s; return; }
    if (!(s->k = ars_strdup(k))) { L->oom = true; return; }
    s->entry = (uint32_t)idx;
    m->n++;
}

static int company_index(loader *L, const char *name) { return ix_get(L, &L->companies, name); }
static int category_index(loader *L, const char *id) { return ix_get(L, &L->categories, id); }

static int on_row(const ars_csv_row *row, void *ctx)
{
    loader *L = ctx;
    ars_rules *r = L->r;
    if (L->oom) return ARS_ENOMEM;
    for (size_t k = 0; k < row->n; k++) {
        size_t bad;
        if (!valid_utf8(row->f[k], row->flen[k], &bad)) {
            err_at(L, row, k, "invalid UTF-8 in this cell (the file must be UTF-8)%s%s", NULL, NULL);
            return 0;
        }
    }
    if (row->f[0][0] == '#') return 0;  /* comment rows */
    if (!L->header_done) { L->header_done = true; read_header(L, row); return 0; }
    if (L->header_bad) return 0;
    size_t ncols = 0;
    for (int i = 0; schema[L->kind][i]; i++) if (L->col[i] >= 0) ncols++;
    if (row->n != ncols) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%zu", row->n);
        snprintf(b, sizeof b, "%zu", ncols);
        err_at(L, row, row->n ? row->n - 1 : 0, "row has %s columns, the header has %s", a, b);
        return 0;
    }
    for (int i = 0; required[L->kind][i]; i++) {
        int c = colidx(L, required[L->kind][i]);
        if (c >= 0 && !*cell(row, c)) { err_at(L, row, (size_t)c, "empty \"%s\"%s", required[L->kind][i], NULL); return 0; }
    }
    switch (L->kind) {
    case F_COUNTRIES: {
        const char *iso3 = cell(row, colidx(L, "iso3"));
        if (!is_iso3(iso3)) { err_at(L, row, (size_t)colidx(L, "iso3"), "\"%s\" is not an ISO 3166-1 alpha-3 code%s", iso3, NULL); return 0; }
        if (ars_rules_country_index(r, iso3) >= 0) { err_at(L, row, (size_t)colidx(L, "iso3"), "duplicate country \"%s\"%s", iso3, NULL); return 0; }
        if (ARS_GROW(r->countries, r->ncountries, r->ccap)) return ARS_ENOMEM;
        if (!r->country_slot && !(r->country_slot = calloc(26 * 26 * 26, sizeof *r->country_slot))) return ARS_ENOMEM;
        if (r->ncountries >= UINT16_MAX) return ARS_ENOMEM;
        uint32_t id = (uint32_t)r->ncountries++;
        r->countries[id] = (rule_country){sdup(r, iso3), sdup(r, cell(row, colidx(L, "iso2"))),
                                          sdup(r, cell(row, colidx(L, "name")))};
        r->country_slot[iso3_slot(iso3)] = (uint16_t)(id + 1);
        add_alias(L, row, (size_t)colidx(L, "name"), ENT_COUNTRY, id, r->countries[id].name, strlen(r->countries[id].name));
        add_list(L, row, colidx(L, "names"), ENT_COUNTRY, id);
        add_list(L, row, colidx(L, "demonyms"), ENT_DEMONYM, id);
        add_list(L, row, colidx(L, "metonyms"), ENT_METONYM, id);
        break;
    }
    case F_CATEGORIES: {
        const char *id = cell(row, colidx(L, "category"));
        const char *g = cell(row, colidx(L, "generic"));
        if (*g && strcmp(g, "yes") && strcmp(g, "no")) { err_at(L, row, (size_t)colidx(L, "generic"), "generic must be yes or no, not \"%s\"%s", g, NULL); return 0; }
        if (category_index(L, id) >= 0) { err_at(L, row, (size_t)colidx(L, "category"), "duplicate category \"%s\"%s", id, NULL); return 0; }
        /* parents: '|'-separated, each listed above in the file */
        rule_category cat = {sdup(r, id), !strcmp(g, "yes"), {-1, -1, -1}};
        const char *pa = cell(row, colidx(L, "parent"));
        for (int np = 0; *pa; np++) {
            const char *bar = strchr(pa, '|');
            size_t n = bar ? (size_t)(bar - pa) : strlen(pa);
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)n, pa);
            int parent = category_index(L, name);
            if (parent < 0 || np >= ARS_MAX_PARENTS) {
                err_at(L, row, (size_t)colidx(L, "parent"),
                       parent < 0 ? "unknown parent category \"%s\" (a parent is listed above its children)%s"
                                  : "too many parent categories at \"%s\" (at most 3)%s", name, NULL);
                return 0;
            }
            cat.parent[np] = parent;
            pa = bar ? bar + 1 : pa + n;
        }
        if (ARS_GROW(r->categories, r->ncategories, r->catcap)) return ARS_ENOMEM;
        uint32_t ci = (uint32_t)r->ncategories++;
        r->categories[ci] = cat;
        ix_put(L, &L->categories, id, ci);
        add_list(L, row, colidx(L, "words"), ENT_CATEGORY, ci);
        break;
    }
    case F_COMPANIES: {
        const char *name = cell(row, colidx(L, "name")), *cc = cell(row, colidx(L, "country"));
        if (!is_iso3(cc) || ars_rules_country_index(r, cc) < 0) { err_at(L, row, (size_t)colidx(L, "country"), "unknown country code \"%s\"%s", cc, NULL); return 0; }
        if (company_index(L, name) >= 0) { err_at(L, row, (size_t)colidx(L, "name"), "duplicate company \"%s\"%s", name, NULL); return 0; }
        if (ARS_GROW(r->companies, r->ncompanies, r->cocap)) return ARS_ENOMEM;
        uint32_t id = (uint32_t)r->ncompanies++;
        r->companies[id] = (rule_company){sdup(r, name), sdup(r, cc), sdup(r, cell(row, colidx(L, "kind")))};
        ix_put(L, &L->companies, name, id);
        add_alias(L, row, (size_t)colidx(L, "name"), ENT_COMPANY, id, name, strlen(name));
        add_list(L, row, colidx(L, "aliases"), ENT_COMPANY, id);
        break;
    }
    case F_SYSTEMS: {
        const char *name = cell(row, colidx(L, "name")), *cat = cell(row, colidx(L, "category"));
        const char *origin = cell(row, colidx(L, "origin")), *maker = cell(row, colidx(L, "maker"));
        if (category_index(L, cat) < 0) { err_at(L, row, (size_t)colidx(L, "category"), "unknown category \"%s\" (see categories.csv)%s", cat, NULL); return 0; }
        if (*origin && (!is_iso3(origin) || ars_rules_country_index(r, origin) < 0)) { err_at(L, row, (size_t)colidx(L, "origin"), "unknown country code \"%s\"%s", origin, NULL); return 0; }
        int mk = -1;
        if (*maker && (mk = company_index(L, maker)) < 0) { err_at(L, row, (size_t)colidx(L, "maker"), "unknown maker \"%s\" (see companies.csv)%s", maker, NULL); return 0; }
        if (ARS_GROW(r->systems, r->nsystems, r->scap)) return ARS_ENOMEM;
        uint32_t id = (uint32_t)r->nsystems++;
        const char *fam = cell(row, colidx(L, "family"));
        r->systems[id] = (rule_system){sdup(r, name), *fam ? sdup(r, fam) : NULL, sdup(r, cat),
                                       *origin ? sdup(r, origin) : NULL, mk};
        /* the canonical name is a surface form too; "?" in the aliases can still mark it */
        add_alias(L, row, (size_t)colidx(L, "name"), ENT_SYSTEM, id, name, strlen(name));
        add_list(L, row, colidx(L, "aliases"), ENT_SYSTEM, id);
        break;
    }
    case F_TRIGGERS: {
        const char *ty = cell(row, colidx(L, "type")), *st = cell(row, colidx(L, "status"));
        const char *ki = cell(row, colidx(L, "kind")), *lang = cell(row, colidx(L, "lang"));
        const char *strength = cell(row, colidx(L, "strength"));
        int t = -1;
        for (int i = 0; i < TR__N; i++) if (!strcmp(ty, trigger_type_names[i])) t = i;
        if (t < 0) { err_at(L, row, (size_t)colidx(L, "type"), "unknown trigger type \"%s\"%s", ty, NULL); return 0; }
        int s = *st ? ars_status_parse(st) : 0;
        if (s < 0) { err_at(L, row, (size_t)colidx(L, "status"), "unknown status \"%s\" (interest, negotiating, approved, ordered, delivered, cancelled)%s", st, NULL); return 0; }
        int k = *ki ? ars_kind_parse(ki) : -1;
        if (*ki && k < 0) { err_at(L, row, (size_t)colidx(L, "kind"), "unknown kind \"%s\" (sale, licensed_production, upgrade, second_hand, aid)%s", ki, NULL); return 0; }
        if (*lang && strcmp(lang, "fr") && strcmp(lang, "en") && strcmp(lang, "es") && strcmp(lang, "*")) { err_at(L, row, (size_t)colidx(L, "lang"), "unknown language \"%s\" (fr, en, es or *)%s", lang, NULL); return 0; }
        if (*strength && strcmp(strength, "strong") && strcmp(strength, "weak")) { err_at(L, row, (size_t)colidx(L, "strength"), "strength must be strong or weak, not \"%s\"%s", strength, NULL); return 0; }
        if (ARS_GROW(r->triggers, r->ntriggers, r->tcap)) return ARS_ENOMEM;
        uint32_t id = (uint32_t)r->ntriggers++;
        rule_trigger *tr = &r->triggers[id];
        memset(tr, 0, sizeof *tr);
        /* "=USS": matched case-sensitively (an acronym that is also a word) */
        const char *raw_phrase = cell(row, colidx(L, "phrase"));
        bool exact = raw_phrase[0] == '=';
        tr->phrase = sdup(r, raw_phrase + exact);
        snprintf(tr->lang, sizeof tr->lang, "%s", *lang ? lang : "*");
        tr->type = t == TR_CUSTOMER ? TR_BUY : (trigger_type)t;
        tr->customer = t == TR_CUSTOMER;
        tr->status = (ars_status)s;
        tr->kind = k;
        tr->strong = strcmp(strength, "weak") != 0;
        /* triggers may repeat a phrase with another language or type: they live in
         * their own group, keyed by phrase + language + type to catch true duplicates */
        char *key = ars_asprintf("%s\x1e%s\x1e%s", tr->phrase, tr->lang, ty);
        bool found = false;
        dup_slot *slot = key ? dup_find(&L->dups, key, &found) : NULL;
        if (!slot) { free(key); return ARS_ENOMEM; }
        if (found) {
            char where[300];
            snprintf(where, sizeof where, "%s:%ld", slot->file, slot->line);
            err_at(L, row, (size_t)colidx(L, "phrase"), "duplicate trigger \"%s\" (first at %s)", tr->phrase, where);
            free(key);
            r->ntriggers--;
            return 0;
        }
        slot->k = key;
        L->dups.n++;
        slot->file = L->file;
        slot->line = row->line;
        slot->entry = 0;
        /* register the surface form directly (no cross-entity duplicate check) */
        const char *ph = tr->phrase;
        size_t plen = strlen(ph);
        bool prefix = plen && ph[plen - 1] == '*';
        size_t fl = 0;
        char *fk = ars_fold(ph, prefix ? plen - 1 : plen, &fl);
        if (!fk || !fl) { free(fk); err_at(L, row, (size_t)colidx(L, "phrase"), "empty phrase%s%s", NULL, NULL); return 0; }
        if (ARS_GROW(r->entries, r->nentries, r->ecap)) { free(fk); return ARS_ENOMEM; }
        uint32_t ei = (uint32_t)r->nentries++;
        r->entries[ei] = (rule_entry){ENT_TRIGGER, (uint8_t)((prefix ? EF_PREFIX : 0) | (exact ? EF_EXACT_CASE : 0)), id,
                                      exact ? ars_arena_strndup(&r->strings, ph, prefix ? plen - 1 : plen) : NULL,
                                      ars_arena_strndup(&r->strings, fk, fl)};
        if (ars_ac_add(r->ac, fk, fl, ei, prefix) != 0)
            err_at(L, row, (size_t)colidx(L, "phrase"), "phrase \"%s\" cannot be matched (unsupported character)", fk, NULL);
        free(fk);
        break;
    }
    case F_PATTERNS: {
        const char *id = cell(row, colidx(L, "id")), *re = cell(row, colidx(L, "regex"));
        const char *ty = cell(row, colidx(L, "type")), *cat = cell(row, colidx(L, "category"));
        const char *needs = cell(row, colidx(L, "needs")), *lang = cell(row, colidx(L, "lang"));
        for (size_t q = 0; q < r->npatterns; q++)
            if (!strcmp(r->patterns[q].id, id)) {
                err_at(L, row, (size_t)colidx(L, "id"), "duplicate pattern id \"%s\"%s", id, NULL);
                return 0;
            }
        int t = !strcmp(ty, "designation") ? PAT_DESIGNATION : !strcmp(ty, "named") ? PAT_NAMED : -1;
        if (t < 0) { err_at(L, row, (size_t)colidx(L, "type"), "unknown pattern type \"%s\" (designation or named)%s", ty, NULL); return 0; }
        if (*cat && category_index(L, cat) < 0) { err_at(L, row, (size_t)colidx(L, "category"), "unknown category \"%s\"%s", cat, NULL); return 0; }
        if (*needs && strcmp(needs, "context") && strcmp(needs, "none")) { err_at(L, row, (size_t)colidx(L, "needs"), "needs must be context or none, not \"%s\"%s", needs, NULL); return 0; }
        UParseError pe;
        UErrorCode st = U_ZERO_ERROR;
        URegularExpression *rx = uregex_openC(re, UREGEX_CASE_INSENSITIVE * 0, &pe, &st);
        if (U_FAILURE(st)) {
            char msg[256];
            snprintf(msg, sizeof msg, "regex does not compile: %s (at offset %d)", u_errorName(st), pe.offset);
            ars_diag_addx(L->diag, ARS_DIAG_ERROR, L->file, row->line,
                          ars_csv_column(row, (size_t)colidx(L, "regex")) + (pe.offset > 0 ? pe.offset : 0),
                          row->raw, "rules", "%s", msg);
            return 0;
        }
        if (ARS_GROW(r->patterns, r->npatterns, r->pcap)) { uregex_close(rx); return ARS_ENOMEM; }
        rule_pattern *p = &r->patterns[r->npatterns++];
        p->id = sdup(r, id);
        snprintf(p->lang, sizeof p->lang, "%s", *lang ? lang : "*");
        p->re = rx;
        p->filter = ars_rxfilter_new(rx);   /* NULL is fine: the whole text is scanned */
        p->type = (pattern_type)t;
        p->category = *cat ? sdup(r, cat) : NULL;
        p->needs_context = strcmp(needs, "none") != 0;
        break;
    }
    }
    return L->oom ? ARS_ENOMEM : 0;
}

static int load_file(loader *L, const char *dir, const char *name, int kind, bool required_file)
{
    char *path = ars_asprintf("%s/%s", dir, name);
    if (!path) return ARS_ENOMEM;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (required_file) ars_diag_add(L->diag, ARS_DIAG_ERROR, path, 0, 0, "missing rule file");
        free(path);
        return 0;
    }
    L->file = sdup(L->r, path);
    free(path);
    L->kind = kind;
    L->header_done = false;
    L->header_bad = false;
    int rc = ars_csv_read_file(L->file, on_row, L, L->diag);
    if (rc == ARS_EPARSE || rc == ARS_EIO) rc = 0; /* reported; keep checking other files */
    if (!L->header_done && rc == 0) ars_diag_add(L->diag, ARS_DIAG_ERROR, L->file, 1, 1, "empty rule file (no header row)");
    return rc;
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void ars_rules_free(ars_rules *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->npatterns; i++) {
        uregex_close(r->patterns[i].re);
        ars_rxfilter_free(r->patterns[i].filter);
    }
    free(r->countries);
    free(r->country_slot);
    free(r->companies);
    free(r->systems);
    free(r->categories);
    free(r->triggers);
    free(r->patterns);
    free(r->entries);
    ars_ac_free(r->ac);
    ars_arena_free(&r->strings);
    free(r->dir);
    free(r);
}

int ars_rules_load(ars_rules **out, const char *dir, const ars_rules_opts *opts, ars_diag *diag)
{
    (void)opts;
    *out = NULL;
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        ars_diag_add(diag, ARS_DIAG_ERROR, dir, 0, 0, "rules directory not found");
        return ARS_ENOTFOUND;
    }
    ars_rules *r = calloc(1, sizeof *r);
    if (!r) return ARS_ENOMEM;
    ars_arena_init(&r->strings);
    r->dir = ars_strdup(dir);
    r->ac = ars_ac_new();
    loader L;
    memset(&L, 0, sizeof L);
    L.r = r;
    L.diag = diag;
    size_t errors_before = diag ? diag->nerrors : 0;
    int rc = 0;
    if (!r->ac || !r->dir) { rc = ARS_ENOMEM; goto done; }
    if ((rc = load_file(&L, dir, "countries.csv", F_COUNTRIES, true))) goto done;
    if ((rc = load_file(&L, dir, "categories.csv", F_CATEGORIES, true))) goto done;
    if ((rc = load_file(&L, dir, "companies.csv", F_COMPANIES, true))) goto done;
    if ((rc = load_file(&L, dir, "systems.csv", F_SYSTEMS, true))) goto done;
    /* further systems files (systems_sipri.csv...), in name order */
    DIR *dh = opendir(dir);
    if (dh) {
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(dh))) {
            const char *nm = de->d_name;
            if (!strncmp(nm, "systems_", 8) && ars_str_endswith(nm, ".csv")) {
                if (ARS_GROW(names, n, cap)) break;
                names[n] = ars_strdup(nm);
                if (names[n]) n++;
            }
        }
        closedir(dh);
        if (n) qsort(names, n, sizeof *names, cmpstr);
        for (size_t i = 0; i < n; i++) {
            if (rc == 0) rc = load_file(&L, dir, names[i], F_SYSTEMS, false);
            free(names[i]);
        }
        free(names);
        if (rc) goto done;
    }
    if ((rc = load_file(&L, dir, "triggers.csv", F_TRIGGERS, true))) goto done;
    if ((rc = load_file(&L, dir, "patterns.csv", F_PATTERNS, false))) goto done;
    if (L.oom) { rc = ARS_ENOMEM; goto done; }
    if (diag && diag->nerrors > errors_before) { rc = ARS_EPARSE; goto done; }
    if (ars_ac_compile(r->ac) != 0) rc = ARS_ENOMEM;
done:
    dup_free(&L.dups);
    dup_free(&L.companies);
    dup_free(&L.categories);
    if (rc) { ars_rules_free(r); return rc; }
    *out = r;
    return 0;
}

void ars_rules_info_get(const ars_rules *r, ars_rules_info *info)
{
    memset(info, 0, sizeof *info);
    info->countries = r->ncountries;
    info->companies = r->ncompanies;
    info->systems = r->nsystems;
    info->categories = r->ncategories;
    info->triggers = r->ntriggers;
    info->patterns = r->npatterns;
    info->aliases = r->nentries;
    info->states = ars_ac_states(r->ac);
}

/* ---- look-ups ------------------------------------------------------------------------- */

typedef struct { const ars_rules *r; int want[ENT__N]; int best; int best_rank; } look;

static void look_cb(const ars_ac_hit *h, void *ctx)
{
    look *l = ctx;
    const rule_entry *e = &l->r->entries[h->payload];
    if (!l->want[e->type]) return;
    int rank = l->want[e->type];
    if (l->best < 0 || rank < l->best_rank) { l->best = (int)h->payload; l->best_rank = rank; }
}

static int lookup(const ars_rules *r, const char *text, const int *want)
{
    size_t n = 0;
    char *k = ars_fold(text, strlen(text), &n);
    if (!k) return -1;
    /* tolerate leading articles: "le Maroc", "the S-400", "les États-Unis", "el", "los", "la" */
    static const char *const arts[] = {"the ", "le ", "la ", "les ", "l'", "el ", "los ", "las ", "a ", "un ", "une ", NULL};
    look l = {r, {0}, -1, 0};
    memcpy(l.want, want, sizeof l.want);
    ars_ac_lookup(r->ac, k, n, look_cb, &l);
    for (int i = 0; l.best < 0 && arts[i]; i++) {
        size_t al = strlen(arts[i]);
        if (n > al && !strncmp(k, arts[i], al)) ars_ac_lookup(r->ac, k + al, n - al, look_cb, &l);
    }
    free(k);
    return l.best;
}

int ars_rules_find_country(const ars_rules *r, const char *text, ars_country_ref *out)
{
    int want[ENT__N] = {0};
    want[ENT_COUNTRY] = 1;
    want[ENT_METONYM] = 2;
    want[ENT_DEMONYM] = 3;
    if (is_iso3(text) && ars_rules_country_index(r, text) >= 0) {
        const rule_country *c = &r->countries[ars_rules_country_index(r, text)];
        out->iso3 = c->iso3;
        out->name = c->name;
        return 1;
    }
    int e = lookup(r, text, want);
    if (e < 0) return 0;
    const rule_country *c = &r->countries[r->entries[e].id];
    out->iso3 = c->iso3;
    out->name = c->name;
    return 1;
}

int ars_rules_find_company(const ars_rules *r, const char *text, ars_company_ref *out)
{
    int want[ENT__N] = {0};
    want[ENT_COMPANY] = 1;
    int e = lookup(r, text, want);
    if (e < 0) return 0;
    const rule_company *c = &r->companies[r->entries[e].id];
    out->name = c->name;
    out->country = c->country;
    return 1;
}

int ars_rules_find_system(const ars_rules *r, const char *text, ars_system_ref *out)
{
    int want[ENT__N] = {0};
    want[ENT_SYSTEM] = 1;
    int e = lookup(r, text, want);
    if (e < 0) return 0;
    const rule_system *s = &r->systems[r->entries[e].id];
    out->name = s->name;
    out->family = s->family;
    out->category = s->category;
    out->origin = s->origin;
    out->maker = s->maker >= 0 ? r->companies[s->maker].name : NULL;
    return 1;
}

int ars_rules_find_category(const ars_rules *r, const char *text, const char **category)
{
    int want[ENT__N] = {0};
    want[ENT_CATEGORY] = 1;
    int e = lookup(r, text, want);
    if (e < 0) {
        /* the category id itself ("UAV", "tank") */
        for (size_t i = 0; i < r->ncategories; i++)
            if (!strcasecmp(r->categories[i].id, text)) { *category = r->categories[i].id; return 1; }
        return 0;
    }
    *category = r->categories[r->entries[e].id].id;
    return 1;
}

const char *ars_rules_country_name(const ars_rules *r, const char *iso3)
{
    int i = iso3 ? ars_rules_country_index(r, iso3) : -1;
    return i >= 0 ? r->countries[i].name : NULL;
}

int ars_rules_each_alias(const ars_rules *r, int (*fn)(const char *alias, void *ctx), void *ctx)
{
    for (size_t i = 0; i < r->nentries; i++) {
        int rc = fn(r->entries[i].key, ctx);
        if (rc) return rc;
    }
    return 0;
}
