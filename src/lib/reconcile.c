/*
 * reconcile.c -- the SIPRI trade register in memory, and the comparison of an
 * extracted deal with it (see arsenal/reconcile.h for the verdicts).
 *
 * Loading: csvread (libcsv) hands rows over one by one. The first row is the
 * header; named columns are found by name, so a reordered export still reads.
 * Two records of the 1950-2023 export carry a line break inside an unquoted
 * Comments field: the first piece arrives as a short row, the second as a row
 * whose first field continues the comment. A short row is held back; when the
 * next row completes it to the header's width the two are joined, otherwise
 * the short row is skipped with a warning.
 */
#include "arsenal/reconcile.h"
#include "arsenal/text.h"
#include "csvread.h"
#include "names.h"
#include "util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { C_RECIPIENT, C_SUPPLIER, C_YEAR, C_ORDERED, C_DESIG, C_DESCR, C_DELIVERED, C_DELYEARS,
       C_STATUS, C_COMMENTS, C_COUNT };

static const char *const col_names[C_COUNT] = {
    "Recipient", "Supplier", "Year of order", "Number ordered", "Weapon designation",
    "Weapon description", "Number delivered", "Year(s) of delivery", "status", "Comments"};

typedef struct name_map {
    char *name;
    char iso3[4];
} name_map;

struct ars_sipri {
    ars_sipri_entry *v;
    size_t n, cap;
    ars_sipri_info info;
    name_map *names;
    size_t nnames, capnames;
};

typedef struct load_ctx {
    ars_sipri *reg;
    const ars_rules *rules;
    ars_diag *diag;
    const char *path;
    long col[C_COUNT];
    size_t width;           /* header fields */
    bool have_header;
    /* a short row held back */
    char **pend;
    size_t npend;
    long pend_line;
    int rc;
} load_ctx;

static void entry_clear(ars_sipri_entry *e)
{
    free(e->recipient);
    free(e->supplier);
    free(e->designation);
    free(e->description);
    free(e->delivery_years);
    free(e->status);
    free(e->comments);
}

void ars_sipri_free(ars_sipri *reg)
{
    if (!reg) return;
    for (size_t i = 0; i < reg->n; i++) entry_clear(&reg->v[i]);
    for (size_t i = 0; i < reg->nnames; i++) free(reg->names[i].name);
    free(reg->v);
    free(reg->names);
    free(reg);
}

void ars_sipri_info_get(const ars_sipri *reg, ars_sipri_info *info) { *info = reg->info; }
size_t ars_sipri_size(const ars_sipri *reg) { return reg->n; }
const ars_sipri_entry *ars_sipri_at(const ars_sipri *reg, size_t i) { return i < reg->n ? &reg->v[i] : NULL; }

static char *trimdup(const char *s)
{
    if (!s) s = "";
    while (*s == ' ') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) n--;
    return ars_strndup(s, n);
}

static long long parse_count(const char *s)
{
    if (!s) return ARS_NO_QUANTITY;
    while (*s == ' ') s++;
    if (!isdigit((unsigned char)*s)) return ARS_NO_QUANTITY;
    return strtoll(s, NULL, 10);
}

/* ISO3 of a register name, through a cache of the names seen. */
static int map_name(load_ctx *c, const char *name, char iso3[4])
{
    ars_sipri *reg = c->reg;
    iso3[0] = '\0';
    if (!name || !*name) return 0;
    for (size_t i = 0; i < reg->nnames; i++) {
        if (strcmp(reg->names[i].name, name) == 0) {
            memcpy(iso3, reg->names[i].iso3, 4);
            return 0;
        }
    }
    if (ARS_GROW(reg->names, reg->nnames, reg->capnames) != 0) return ARS_ENOMEM;
    name_map *m = &reg->names[reg->nnames];
    m->name = ars_strdup(name);
    if (!m->name) return ARS_ENOMEM;
    m->iso3[0] = '\0';
    ars_country_ref ref;
    if (c->rules && ars_rules_find_country(c->rules, name, &ref) && ref.iso3)
        snprintf(m->iso3, sizeof m->iso3, "%s", ref.iso3);
    if (!m->iso3[0]) {
        /* "United Nations**", "Hezbollah (Lebanon)*": try without the marks */
        char *plain = ars_strdup(name);
        if (!plain) return ARS_ENOMEM;
        size_t n = strlen(plain);
        while (n && (plain[n - 1] == '*' || plain[n - 1] == ' ')) plain[--n] = '\0';
        if (c->rules && strcmp(plain, name) != 0 && ars_rules_find_country(c->rules, plain, &ref) && ref.iso3)
            snprintf(m->iso3, sizeof m->iso3, "%s", ref.iso3);
        free(plain);
    }
    if (!m->iso3[0]) reg->info.unmapped_names++;
    memcpy(iso3, m->iso3, 4);
    reg->nnames++;
    return 0;
}

static const char *field(char **f, size_t n, long col)
{
    return (col >= 0 && (size_t)col < n && f[col]) ? f[col] : "";
}

static int add_entry(load_ctx *c, char **f, size_t n, long line)
{
    ars_sipri *reg = c->reg;
    if (ARS_GROW(reg->v, reg->n, reg->cap) != 0) return ARS_ENOMEM;
    ars_sipri_entry e;
    memset(&e, 0, sizeof e);
    e.line = line;
    e.recipient = trimdup(field(f, n, c->col[C_RECIPIENT]));
    e.supplier = trimdup(field(f, n, c->col[C_SUPPLIER]));
    e.designation = trimdup(field(f, n, c->col[C_DESIG]));
    e.description = trimdup(field(f, n, c->col[C_DESCR]));
    e.delivery_years = trimdup(field(f, n, c->col[C_DELYEARS]));
    e.status = trimdup(field(f, n, c->col[C_STATUS]));
    e.comments = trimdup(field(f, n, c->col[C_COMMENTS]));
    if (!e.recipient || !e.supplier || !e.designation || !e.description || !e.delivery_years ||
        !e.status || !e.comments) {
        entry_clear(&e);
        return ARS_ENOMEM;
    }
    long long y = parse_count(field(f, n, c->col[C_YEAR]));
    e.year_order = (y >= 1900 && y <= 2100) ? (int)y : 0;
    e.ordered = parse_count(field(f, n, c->col[C_ORDERED]));
    e.delivered = parse_count(field(f, n, c->col[C_DELIVERED]));
    int rc = map_name(c, e.recipient, e.recipient_iso3);
    if (!rc) rc = map_name(c, e.supplier, e.supplier_iso3);
    if (rc) { entry_clear(&e); return rc; }
    if (e.year_order) {
        if (!reg->info.first_year || e.year_order < reg->info.first_year) reg->info.first_year = e.year_order;
        if (e.year_order > reg->info.last_year) reg->info.last_year = e.year_order;
    }
    reg->v[reg->n++] = e;
    reg->info.entries++;
    return 0;
}

static void drop_pending(load_ctx *c, bool warn)
{
    if (!c->pend) return;
    if (warn) {
        ars_diag_addx(c->diag, ARS_DIAG_WARNING, c->path, c->pend_line, 0, NULL, "short-record",
                      "skipped record: %zu fields, expected %zu", c->npend, c->width);
        c->reg->info.skipped++;
    }
    for (size_t i = 0; i < c->npend; i++) free(c->pend[i]);
    free(c->pend);
    c->pend = NULL;
    c->npend = 0;
}

static int on_row(const ars_csv_row *row, void *p)
{
    load_ctx *c = p;
    if (!c->have_header) {
        for (int k = 0; k < C_COUNT; k++) c->col[k] = -1;
        for (size_t i = 0; i < row->n; i++) {
            char *h = trimdup(row->f[i]);
            if (!h) { c->rc = ARS_ENOMEM; return 1; }
            for (int k = 0; k < C_COUNT; k++)
                if (c->col[k] < 0 && strcmp(h, col_names[k]) == 0) c->col[k] = (long)i;
            free(h);
        }
        for (int k = 0; k < C_COUNT; k++) {
            if (c->col[k] < 0 && k != C_COMMENTS && k != C_STATUS && k != C_DELYEARS) {
                ars_diag_add(c->diag, ARS_DIAG_ERROR, c->path, row->line, 0,
                             "not a SIPRI trade register: no column \"%s\" in the header", col_names[k]);
                c->rc = ARS_EPARSE;
                return 1;
            }
        }
        c->width = row->n;
        c->have_header = true;
        return 0;
    }
    if (c->pend) {
        /* does this row finish the held-back one? */
        if (c->npend + row->n - 1 == c->width) {
            char **f = calloc(c->width, sizeof *f);
            if (!f) { c->rc = ARS_ENOMEM; return 1; }
            for (size_t i = 0; i + 1 < c->npend; i++) f[i] = c->pend[i];
            const char *a = c->pend[c->npend - 1] ? c->pend[c->npend - 1] : "";
            f[c->npend - 1] = ars_asprintf("%s %s", a, row->f[0] ? row->f[0] : "");
            for (size_t i = 1; i < row->n; i++) f[c->npend - 1 + i] = row->f[i];
            int rc = f[c->npend - 1] ? add_entry(c, f, c->width, c->pend_line) : ARS_ENOMEM;
            free(f[c->npend - 1]);
            free(f);
            c->reg->info.joined++;
            drop_pending(c, false);
            if (rc) { c->rc = rc; return 1; }
            return 0;
        }
        drop_pending(c, true);
    }
    if (row->n < c->width) {
        c->pend = calloc(row->n, sizeof *c->pend);
        if (!c->pend) { c->rc = ARS_ENOMEM; return 1; }
        c->npend = row->n;
        c->pend_line = row->line;
        for (size_t i = 0; i < row->n; i++) {
            c->pend[i] = ars_strdup(row->f[i] ? row->f[i] : "");
            if (!c->pend[i]) { c->rc = ARS_ENOMEM; return 1; }
        }
        return 0;
    }
    int rc = add_entry(c, row->f, row->n, row->line);
    if (rc) { c->rc = rc; return 1; }
    return 0;
}

int ars_sipri_load(ars_sipri **out, const char *path, const ars_rules *rules, ars_diag *diag)
{
    ars_sipri *reg = calloc(1, sizeof *reg);
    if (!reg) return ARS_ENOMEM;
    load_ctx c;
    memset(&c, 0, sizeof c);
    c.reg = reg;
    c.rules = rules;
    c.diag = diag;
    c.path = path;
    int rc = ars_csv_read_file(path, on_row, &c, diag);
    if (c.rc) rc = c.rc;
    drop_pending(&c, rc == 0);
    if (rc == 0 && !c.have_header) {
        ars_diag_add(diag, ARS_DIAG_ERROR, path, 1, 0, "empty register file");
        rc = ARS_EPARSE;
    }
    if (rc) { ars_sipri_free(reg); return rc; }
    *out = reg;
    return 0;
}

/* ---- comparison --------------------------------------------------------------------- */

const char *ars_recon_verdict_name(ars_recon_verdict v)
{
    switch (v) {
    case ARS_RECON_CONFIRMED: return "confirmed";
    case ARS_RECON_DISAGREES: return "disagrees";
    default: return "new";
    }
}

static bool keys_match(const char *a, const char *b) { return ars_desig_prefix(a, b) || ars_desig_prefix(b, a); }

typedef struct deal_keys {
    char *name, *family;          /* from the deal */
    char *rname, *rfamily;        /* from the rules */
    char *fam_words;              /* the family as folded words ("abrams", "m142 himars") */
    const char *category;
} deal_keys;

/* Folded, separators as single spaces, padded: " m 1a1 abrams " style word view. */
static char *word_view(const char *s)
{
    if (!s || !*s) return NULL;
    char *f = ars_fold(s, strlen(s), NULL);
    if (!f) return NULL;
    size_t n = strlen(f);
    char *out = malloc(n + 3);
    if (!out) { free(f); return NULL; }
    size_t j = 0;
    out[j++] = ' ';
    for (size_t i = 0; i < n; i++) {
        char ch = f[i];
        if (ch == '-' || ch == '.' || ch == '/' || ch == '_' || ch == '\'' || ch == '"') ch = ' ';
        if (ch == ' ' && out[j - 1] == ' ') continue;
        out[j++] = ch;
    }
    if (out[j - 1] != ' ') out[j++] = ' ';
    out[j] = '\0';
    free(f);
    return out;
}

/* Does the designation contain the family as whole words ("M-1A1 Abrams" has "Abrams")? */
static bool has_family_words(const char *designation, const char *fam_words)
{
    if (!fam_words || strlen(fam_words) < 4) return false;   /* " x " is too weak */
    char *dv = word_view(designation);
    bool ok = dv && strstr(dv, fam_words) != NULL;
    free(dv);
    return ok;
}

static bool system_matches(const deal_keys *k, const ars_sipri_entry *e, const ars_rules *rules,
                           bool generic)
{
    if (generic) {
        if (!rules || !k->category) return false;
        const char *cat = NULL;
        if (ars_rules_find_category(rules, e->description, &cat) && ars_fold_equal(cat, k->category)) return true;
        const char *last = strrchr(e->description, ' ');
        return last && ars_rules_find_category(rules, last + 1, &cat) && ars_fold_equal(cat, k->category);
    }
    char *ek = ars_desig_key(e->designation);
    if (!ek) return false;
    bool ok = keys_match(k->name, ek) || keys_match(k->family, ek) || keys_match(k->rname, ek) ||
              (k->rfamily && ars_desig_prefix(ek, k->rfamily)) || has_family_words(e->designation, k->fam_words);
    if (!ok && rules) {
        ars_system_ref s;
        if (ars_rules_find_system(rules, e->designation, &s)) {
            char *sn = ars_desig_key(s.name), *sf = ars_desig_key(s.family);
            ok = (sn && k->rname && strcmp(sn, k->rname) == 0) ||
                 (sf && k->rfamily && strcmp(sf, k->rfamily) == 0) || (sn && keys_match(k->name, sn));
            free(sn);
            free(sf);
        }
    }
    free(ek);
    return ok;
}

/* The year the deal states: its date, else its sources' (not the documents'
 * dates: an article of 2024 may report an order of 2019). */
static int deal_year(const ars_deal *d)
{
    int y = ars_date_year(d->date);
    for (size_t i = 0; !y && i < d->nsources; i++) y = ars_date_year(d->sources[i].date);
    return y;
}

static bool year_in_deliveries(const char *years, int y)
{
    for (const char *p = years; p && *p;) {
        while (*p && !isdigit((unsigned char)*p)) p++;
        if (!*p) break;
        if (atoi(p) == y) return true;
        while (isdigit((unsigned char)*p)) p++;
    }
    return false;
}

static unsigned differences(const ars_deal *d, const ars_sipri_entry *e)
{
    unsigned diff = 0;
    if (d->quantity != ARS_NO_QUANTITY && e->ordered != ARS_NO_QUANTITY && d->quantity != e->ordered &&
        !(e->delivered != ARS_NO_QUANTITY && d->quantity == e->delivered))
        diff |= ARS_RECON_DIFF_QUANTITY;
    int y = deal_year(d);
    if (y && e->year_order) {
        int dy = y - e->year_order;
        if ((dy < -1 || dy > 1) && !year_in_deliveries(e->delivery_years, y)) diff |= ARS_RECON_DIFF_YEAR;
    }
    return diff;
}

static int popcount(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1) n++;
    return n;
}

int ars_reconcile_deal(const ars_sipri *reg, const ars_rules *rules, const ars_deal *d,
                       ars_recon_result *out)
{
    memset(out, 0, sizeof *out);
    deal_keys k;
    memset(&k, 0, sizeof k);
    int rc = 0;
    k.name = ars_desig_key(d->system.name);
    k.family = ars_desig_key(d->system.family);
    k.category = d->system.category;
    const char *fam = d->system.family;
    ars_system_ref s;
    if (rules && d->system.name && ars_rules_find_system(rules, d->system.name, &s)) {
        k.rname = ars_desig_key(s.name);
        k.rfamily = ars_desig_key(s.family);
        if (!k.category) k.category = s.category;
        if (!fam) fam = s.family;
    }
    k.fam_words = word_view(fam);
    if ((d->system.name && *d->system.name && !k.name) || (fam && *fam && !k.fam_words)) {
        rc = ARS_ENOMEM;
        goto cleanup;
    }
    const char *seller = d->seller.iso3[0] ? d->seller.iso3 : d->supplier.iso3;
    int y = deal_year(d);
    const ars_sipri_entry *best = NULL;
    int best_score = 0;
    unsigned best_diff = 0;
    for (size_t i = 0; i < reg->n; i++) {
        const ars_sipri_entry *e = &reg->v[i];
        if (!e->recipient_iso3[0] || strcmp(e->recipient_iso3, d->buyer.iso3) != 0) continue;
        if (seller[0] && strcmp(e->supplier_iso3, seller) != 0) continue;
        if (!system_matches(&k, e, rules, d->system.generic)) continue;
        out->candidates++;
        unsigned diff = differences(d, e);
        /* prefer agreement, then the closest year of order, then the earliest line */
        int dist = (y && e->year_order) ? abs(y - e->year_order) : 50;
        int score = 1000 - 100 * popcount(diff) - dist;
        if (!best || score > best_score) { best = e; best_score = score; best_diff = diff; }
    }
    if (best) {
        out->entry = best;
        out->diff = best_diff;
        out->verdict = best_diff ? ARS_RECON_DISAGREES : ARS_RECON_CONFIRMED;
    } else {
        out->verdict = ARS_RECON_NEW;
        out->after_register = y && reg->info.last_year && y > reg->info.last_year;
    }
cleanup:
    free(k.name);
    free(k.family);
    free(k.rname);
    free(k.rfamily);
    free(k.fam_words);
    return rc;
}
