/*
 * extract.c -- the only module that knows the stage order:
 *
 *   document -> text layer (fold, sentences, language) -> gazetteer automaton
 *   -> pattern rules (ICU regex) -> value parsers -> assembly -> deals
 */
#include "assemble.h"
#include "arsenal/values.h"
#include "values_internal.h"
#include "rxfilter.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/utext.h>

void ars_extract_opts_init(ars_extract_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_deals_per_doc = 1000;
}

/* ---- gazetteer hits ------------------------------------------------------------ */

typedef struct { size_t s, e; uint32_t entry; int prio; } hit;

/* Memory stays bounded on hostile input (a page made of a million country
 * names): past this many gazetteer hits in one document the rest is ignored
 * and the document is reported. */
#define ARS_MAX_HITS 200000
typedef struct { hit *v; size_t n, cap; bool oom; doc_ctx *c; } hitlist;

static bool lang_ok(const char *tl, const char *dl)
{
    return tl[0] == '*' || !strcmp(dl, "unknown") || !strcmp(tl, dl);
}

static int type_priority(ent_type t)
{
    /* at equal span: a system beats a company beats a country... */
    static const int p[ENT__N] = {[ENT_SYSTEM] = 0, [ENT_COMPANY] = 1, [ENT_COUNTRY] = 2, [ENT_METONYM] = 3,
                                  [ENT_DEMONYM] = 4, [ENT_CATEGORY] = 5, [ENT_TRIGGER] = 6};
    return p[t];
}

static void on_hit(const ars_ac_hit *h, void *ctx)
{
    hitlist *hl = ctx;
    doc_ctx *c = hl->c;
    const rule_entry *e = &c->r->entries[h->payload];
    if (e->type == ENT_TRIGGER && !lang_ok(c->r->triggers[e->id].lang, c->text.lang)) return;
    if (e->flags & EF_EXACT_CASE) {
        size_t os = c->text.fold_map[h->start], oe = c->text.fold_map[h->end];
        size_t n = strlen(e->exact);
        if (oe - os != n || memcmp(c->text.orig + os, e->exact, n) != 0) return;
    }
    if ((e->flags & EF_CODE) && !(c->text.orig[c->text.fold_map[h->start]] >= 'A' && c->text.orig[c->text.fold_map[h->start]] <= 'Z'))
        return;
    if (hl->n >= ARS_MAX_HITS) { c->truncated = true; return; }
    if (ARS_GROW(hl->v, hl->n, hl->cap)) { hl->oom = true; return; }
    hl->v[hl->n++] = (hit){h->start, h->end, h->payload, type_priority(e->type)};
}

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->s != y->s) return x->s < y->s ? -1 : 1;
    if (x->e != y->e) return x->e > y->e ? -1 : 1;
    if (x->prio != y->prio) return x->prio - y->prio;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int push_mention(doc_ctx *c, const mention *m)
{
    if (ARS_GROW(c->m, c->nm, c->mcap)) return ARS_ENOMEM;
    c->m[c->nm++] = *m;
    return 0;
}

static int sentence_of(const doc_ctx *c, size_t fpos)
{
    size_t lo = 0, hi = c->text.nsents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->text.sents[mid].fend <= fpos) lo = mid + 1;
        else hi = mid;
    }
    if (lo < c->text.nsents && c->text.sents[lo].fstart <= fpos) return (int)lo;
    return -1;
}

static mention_kind kind_of(ent_type t)
{
    switch (t) {
    case ENT_COUNTRY: return M_COUNTRY;
    case ENT_DEMONYM: return M_DEMONYM;
    case ENT_METONYM: return M_METONYM;
    case ENT_COMPANY: return M_COMPANY;
    case ENT_SYSTEM: return M_SYSTEM;
    case ENT_CATEGORY: return M_CATEGORY;
    default: return M_TRIGGER;
    }
}

static int gazetteer_mentions(doc_ctx *c)
{
    hitlist hl = {NULL, 0, 0, false, c};
    ars_ac_scan(c->r->ac, c->text.fold, c->text.fold_len, on_hit, &hl);
    if (hl.oom) { free(hl.v); return ARS_ENOMEM; }
    if (hl.n) qsort(hl.v, hl.n, sizeof *hl.v, cmp_hit);
    size_t covered = 0;
    const hit *kept = NULL;     /* the last hit kept */
    int rc = 0;
    for (size_t i = 0; i < hl.n && rc == 0; i++) {
        const hit *h = &hl.v[i];
        if (h->s < covered) {
            /* same span as the kept one: keep it too (e.g. a name that is both a
             * country and a demonym); otherwise it overlaps: longest wins */
            if (!(kept && kept->s == h->s && kept->e == h->e)) continue;
        }
        const rule_entry *e = &c->r->entries[h->entry];
        /* two systems on the same words ("OPV 58S", and "OPV 58" + plural s): the
         * first entry, i.e. the curated file's (hits of a span are sorted by entry) */
        if (kept && kept->s == h->s && kept->e == h->e && e->type == ENT_SYSTEM &&
            c->r->entries[kept->entry].type == ENT_SYSTEM)
            continue;
        /* an ambiguous system name that is also a country, a capital, a word of
         * a class or a trigger ("Canberra", "commander", "frégate") is that
         * other thing */
        if (e->type == ENT_SYSTEM && (e->flags & EF_AMBIGUOUS)) {
            bool other = false;
            for (size_t j = i + 1; j < hl.n && hl.v[j].s == h->s; j++)
                if (hl.v[j].e == h->e && c->r->entries[hl.v[j].entry].type != ENT_SYSTEM) other = true;
            if (other) { covered = h->e > covered ? h->e : covered; kept = h; continue; }
        }
        int s = sentence_of(c, h->s);
        if (s < 0) continue;
        mention m = {0};
        m.kind = kind_of(e->type);
        m.fs = h->s;
        m.fe = h->e;
        m.id = e->id;
        m.flags = e->flags;
        m.category = -1;
        m.sent = s;
        m.qty = ARS_NO_QUANTITY;
        rc = push_mention(c, &m);
        covered = h->e > covered ? h->e : covered;
        kept = h;
    }
    free(hl.v);
    return rc;
}

/* ---- pattern rules (ICU regex over the original UTF-8) ----------------------------- */

static size_t fold_pos(const doc_ctx *c, size_t orig)
{
    size_t lo = 0, hi = c->text.fold_len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->text.fold_map[mid] < orig) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool overlaps_entity(const doc_ctx *c, size_t fs, size_t fe)
{
    for (size_t i = 0; i < c->nm; i++) {
        const mention *m = &c->m[i];
        if (m->kind == M_TRIGGER || m->kind == M_CATEGORY) continue;
        if (m->fs < fe && fs < m->fe) return true;
    }
    return false;
}

static int pattern_mentions(doc_ctx *c)
{
    int rc = 0;
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, c->text.orig, (int64_t)c->text.orig_len, &st);
    if (U_FAILURE(st)) return 0;
    size_t nbase = c->nm;
    for (size_t p = 0; p < c->r->npatterns && rc == 0; p++) {
        const rule_pattern *pat = &c->r->patterns[p];
        if (!lang_ok(pat->lang, c->text.lang)) continue;
        st = U_ZERO_ERROR;
        URegularExpression *re = uregex_clone(pat->re, &st);
        if (U_FAILURE(st)) continue;
        uregex_setUText(re, ut, &st);
        ars_rxscan it;
        ars_rxscan_begin(&it, re, pat->filter, c->text.orig, c->text.orig_len, c->text.bad_bytes > 0);
        while (U_SUCCESS(st) && ars_rxscan_next(&it, &st)) {
            int grp = pat->type == PAT_NAMED ? 1 : 0;
            int64_t s = uregex_start64(re, grp, &st), e = uregex_end64(re, grp, &st);
            if (U_FAILURE(st) || s < 0 || e <= s) break;
            size_t fs = fold_pos(c, (size_t)s), fe = fold_pos(c, (size_t)e);
            if (fe <= fs) continue;
            int sent = sentence_of(c, fs);
            if (sent < 0) continue;
            /* a gazetteer entity there already: the gazetteer knows better */
            bool dup = false;
            for (size_t i = 0; i < nbase && !dup; i++) {
                mention *g = &c->m[i];
                if (g->kind == M_TRIGGER || g->kind == M_CATEGORY || !(g->fs < fe && fs < g->fe)) continue;
                /* "appelé « Lightning 8 »": the named form is longer than the gazetteer's
                 * "Lightning"; the gazetteer mention gives way -- to a quoted name (a
                 * pattern needing no context) always, to a guess from a class word
                 * ("radars Ground Master") only when it is an ambiguous one ("?Master"):
                 * in "chars M1A2T Abrams" the gazetteer knows better */
                if (pat->type == PAT_NAMED && (!pat->needs_context || (g->flags & EF_AMBIGUOUS)) && g->fs >= fs &&
                    g->fe <= fe && g->fe - g->fs < fe - fs) {
                    g->kind = M_NONE;
                    continue;
                }
                dup = true;
            }
            for (size_t i = nbase; i < c->nm && !dup; i++)
                if (c->m[i].fs < fe && fs < c->m[i].fe) dup = true;
            if (dup) continue;
            char *nfc = ars_nfc(c->text.orig + s, (size_t)(e - s));
            mention m = {0};
            m.kind = M_DESIG;
            m.fs = fs;
            m.fe = fe;
            m.sent = sent;
            m.qty = ARS_NO_QUANTITY;
            m.category = pat->category ? ars_rules_category_index(c->r, pat->category) : -1;
            m.flags = pat->needs_context ? EF_AMBIGUOUS : 0;
            m.name = nfc ? ars_arena_strndup(&c->arena, nfc, strlen(nfc)) : NULL;
            free(nfc);
            if (!m.name) { rc = ARS_ENOMEM; break; }
            rc = push_mention(c, &m);
        }
        uregex_close(re);
    }
    utext_close(ut);
    (void)overlaps_entity;
    return rc;
}

/* ---- values ----------------------------------------------------------------------- */

/* Sentences that can carry a deal or continue one ("Ce contrat, d'un montant
 * de ..."): one pass over the mentions, one flag per sentence. */
static bool *object_sentences(const doc_ctx *c)
{
    bool *has = calloc(c->text.nsents ? c->text.nsents : 1, sizeof *has);
    if (!has) return NULL;
    for (size_t i = 0; i < c->nm; i++) {
        const mention *m = &c->m[i];
        if (m->sent < 0 || (size_t)m->sent >= c->text.nsents) continue;
        if (m->kind == M_SYSTEM || m->kind == M_CATEGORY || m->kind == M_DESIG) has[m->sent] = true;
        else if (m->kind == M_TRIGGER) {
            trigger_type t = c->r->triggers[m->id].type;
            if (t == TR_ANAPHOR_DEAL || t == TR_ANAPHOR_SYSTEM) has[m->sent] = true;
        }
    }
    return has;
}

/* Folded bytes inside an entity mention (not a trigger or a class word): no
 * value starts there ("F-16", "S-400" are designations). A byte mask rather
 * than a scan of every mention at every position. */
static unsigned char *entity_mask(const doc_ctx *c, size_t nbase)
{
    unsigned char *in = calloc(c->text.fold_len + 1, 1);
    if (!in) return NULL;
    for (size_t i = 0; i < nbase; i++) {
        const mention *m = &c->m[i];
        if (m->kind == M_TRIGGER || m->kind == M_CATEGORY) continue;
        for (size_t k = m->fs; k < m->fe && k < c->text.fold_len; k++) in[k] = 1;
    }
    return in;
}

static int value_mentions(doc_ctx *c, size_t s_from, size_t s_to, const char *anchor)
{
    const char *f = c->text.fold;
    size_t nbase = c->nm;
    bool *has_object = anchor == NULL ? object_sentences(c) : NULL;
    unsigned char *in_entity = entity_mask(c, nbase);
    if ((anchor == NULL && !has_object) || !in_entity) { free(has_object); free(in_entity); return ARS_ENOMEM; }
    int rc = 0;
    for (size_t s = s_from; s < s_to && rc == 0; s++) {
        const ars_sentence *se = &c->text.sents[s];
        if (anchor == NULL && !has_object[s]) continue;
        const char *end = f + se->fend;
        for (size_t i = se->fstart; i < se->fend; i++) {
            unsigned char ch = (unsigned char)f[i];
            if (i > se->fstart && ars_is_word_byte((unsigned char)f[i - 1]) && ars_is_word_byte(ch)) continue;
            if (ch == ' ') continue;
            if (in_entity[i]) continue;
            if (!ars_value_may_start(f + i, end)) continue;
            const char *cur = f + i;
            mention m = {0};
            m.sent = (int)s;
            m.fs = i;
            m.qty = ARS_NO_QUANTITY;
            m.category = -1;
            if (ars_parse_money(&cur, end, &m.money)) m.kind = M_MONEY;
            else if ((cur = f + i, ars_parse_date(&cur, end, anchor && *anchor ? anchor : (c->doc_date[0] ? c->doc_date : NULL), m.date))) m.kind = M_DATE;
            else if ((cur = f + i, ars_parse_quantity_in(&cur, end, c->text.lang, &m.qty))) m.kind = M_QTY;
            else continue;
            m.fe = (size_t)(cur - f);
            if (m.fe <= m.fs) continue;
            if (push_mention(c, &m)) { rc = ARS_ENOMEM; break; }
            i = m.fe - 1;
        }
    }
    free(has_object);
    free(in_entity);
    return rc;
}

/* The document's own date: metadata, else a dateline ("Publié le ...", "date
 * 2024-06", or a block that starts with a date) near the top. */
static void find_doc_date(doc_ctx *c)
{
    c->doc_date[0] = '\0';
    if (c->doc->date && *c->doc->date) {
        const char *d = c->doc->date;
        size_t n = strspn(d, "0123456789-");
        if (n >= 4) {
            if (n > 10) n = 10;
            memcpy(c->doc_date, d, n);
            c->doc_date[n] = '\0';
            return;
        }
    }
    static const char *const cues[] = {"publie", "published", "publicado", "date", "mis a jour", "updated",
                                       "actualizado", "ecrit par", NULL};
    bool cue_first[256] = {false};
    size_t cue_len[sizeof cues / sizeof cues[0]];
    for (int k = 0; cues[k]; k++) {
        cue_first[(unsigned char)cues[k][0]] = true;
        cue_len[k] = strlen(cues[k]);
    }
    const char *f = c->text.fold;
    size_t limit = c->text.nsents;
    /* failing a cue or a line that starts with a date: the first full date of a
     * short line near the top ("DEFENSE DIGEST | Monday, July 28, 2025",
     * "Washington, 16 de abril de 2025") */
    char top[11] = "";
    for (size_t s = 0; s < limit; s++) {
        const ars_sentence *se = &c->text.sents[s];
        if (se->fend - se->fstart > 160) continue;
        /* one pass over the sentence; only positions whose byte starts a cue are compared */
        bool cue = false;
        for (size_t i = se->fstart; i < se->fend && !cue; i++) {
            if (!cue_first[(unsigned char)f[i]]) continue;
            for (int k = 0; cues[k] && !cue; k++) {
                size_t cl = cue_len[k];
                if (f[i] == cues[k][0] && i + cl <= se->fend && !memcmp(f + i, cues[k], cl)) cue = true;
            }
        }
        size_t i = se->fstart;
        while (i < se->fend && (f[i] == ' ' || f[i] == '-')) i++;
        if (!cue) {
            /* without a cue only a date at the very start counts (the loop below
             * would parse at every word and keep none of the others) */
            bool lead = true;
            for (size_t p = se->fstart; p < i; p++) lead &= f[p] == ' ';
            const char *cur = f + i;
            char d[11];
            if (lead && i < se->fend && ars_value_may_start(cur, f + se->fend) &&
                ars_parse_date(&cur, f + se->fend, NULL, d) && strlen(d) >= 7) {
                memcpy(c->doc_date, d, sizeof d);
                return;
            }
            /* ... and, near the top while none was found, a full date anywhere in the line */
            for (size_t p = se->fstart; !top[0] && se->fstart < 3000 && p < se->fend; p++) {
                if (p > se->fstart && ars_is_word_byte((unsigned char)f[p - 1])) continue;
                const char *q = f + p;
                char d2[11];
                if (ars_value_may_start(q, f + se->fend) && ars_parse_date(&q, f + se->fend, NULL, d2) && strlen(d2) == 10)
                    memcpy(top, d2, sizeof d2);
            }
            continue;
        }
        bool at_start = true;
        for (size_t p = se->fstart; p < se->fend; p++) {
            if (p > se->fstart && ars_is_word_byte((unsigned char)f[p - 1])) continue;
            const char *cur = f + p;
            char d[11];
            if (ars_value_may_start(cur, f + se->fend) && ars_parse_date(&cur, f + se->fend, NULL, d) &&
                strlen(d) >= 7) {
                if (cue || (at_start && p == i)) { memcpy(c->doc_date, d, sizeof d); return; }
                if (!top[0] && strlen(d) == 10 && se->fstart < 3000) memcpy(top, d, sizeof d);
            }
            if (f[p] != ' ') at_start = false;
        }
    }
    memcpy(c->doc_date, top, sizeof top);
}

static bool mention_before(const mention *a, const mention *b)
{
    return a->fs < b->fs || (a->fs == b->fs && a->fe > b->fe);
}

static void merge_sort(mention *v, mention *tmp, size_t n)
{
    if (n < 16) {
        for (size_t i = 1; i < n; i++) {
            mention t = v[i];
            size_t j = i;
            while (j > 0 && mention_before(&t, &v[j - 1])) { v[j] = v[j - 1]; j--; }
            v[j] = t;
        }
        return;
    }
    size_t h = n / 2;
    merge_sort(v, tmp, h);
    merge_sort(v + h, tmp, n - h);
    if (!mention_before(&v[h], &v[h - 1])) return;   /* already in order */
    memcpy(tmp, v, h * sizeof *v);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) v[k++] = mention_before(&v[j], &tmp[i]) ? v[j++] : tmp[i++];
    while (i < h) v[k++] = tmp[i++];
}

static int sort_mentions(mention *v, size_t n)
{
    if (n < 2) return 0;
    mention *tmp = malloc((n / 2 + 1) * sizeof *tmp);
    if (!tmp) return ARS_ENOMEM;
    merge_sort(v, tmp, n);
    free(tmp);
    return 0;
}

int ars_find_mentions(doc_ctx *c)
{
    int rc = gazetteer_mentions(c);
    if (rc == 0) rc = pattern_mentions(c);
    if (rc == 0) {
        find_doc_date(c);
        rc = value_mentions(c, 0, c->text.nsents, NULL);
    }
    if (rc) return rc;
    /* mentions in text order: a stable sort (equal keys keep their order, as
     * the insertion sort this replaces did), O(n log n) for pages with
     * thousands of mentions */
    return sort_mentions(c->m, c->nm);
}

static void ctx_clear(doc_ctx *c)
{
    ars_text_clear(&c->text);
    free(c->m);
    ars_arena_free(&c->arena);
}

static int ctx_init(doc_ctx *c, const ars_rules *rules, const ars_document *doc)
{
    memset(c, 0, sizeof *c);
    c->r = rules;
    c->doc = doc;
    ars_arena_init(&c->arena);
    int rc = ars_text_init(&c->text, doc->text, doc->len);
    if (rc == 0) rc = ars_find_mentions(c);
    return rc;
}

int ars_extract_document(const ars_rules *rules, const ars_document *doc, const ars_extract_opts *opts,
                         ars_dealset *out, ars_diag *diag)
{
    ars_extract_opts def;
    if (!opts) { ars_extract_opts_init(&def); opts = &def; }
    doc_ctx c;
    int rc = ctx_init(&c, rules, doc);
    if (rc == 0 && c.truncated)
        ars_diag_addx(diag, ARS_DIAG_WARNING, doc->id, 0, 0, NULL, "mention-limit",
                      "more than %d entity mentions: the rest of the document was not matched", ARS_MAX_HITS);
    if (rc == 0) rc = ars_assemble(&c, opts, out, diag);
    ctx_clear(&c);
    return rc;
}

char *ars_extract_explain(const ars_rules *rules, const ars_document *doc)
{
    doc_ctx c;
    if (ctx_init(&c, rules, doc) != 0) { ctx_clear(&c); return NULL; }
    static const char *const kn[] = {"country", "demonym", "metonym", "company", "system", "category",
                                     "trigger", "designation", "money", "quantity", "date", "withdrawn"};
    ars_buf b;
    ars_buf_init(&b);
    ars_buf_printf(&b, "document %s: %zu bytes, language %s, %zu sentences, date %s, %zu bad bytes\n",
                   doc->id ? doc->id : "-", doc->len, c.text.lang, c.text.nsents,
                   c.doc_date[0] ? c.doc_date : "-", c.text.bad_bytes);
    size_t mi = 0;
    for (size_t s = 0; s < c.text.nsents; s++) {
        const ars_sentence *se = &c.text.sents[s];
        ars_buf_printf(&b, "[%zu] %zu-%zu%s block %d: %.*s\n", s, se->start, se->end, se->headline ? " headline" : "",
                       se->block, (int)(se->end - se->start), c.text.orig + se->start);
        for (; mi < c.nm && c.m[mi].sent == (int)s; mi++) {
            const mention *m = &c.m[mi];
            ars_buf_printf(&b, "    %-11s %.*s", kn[m->kind], (int)(m->fe - m->fs), c.text.fold + m->fs);
            switch (m->kind) {
            case M_COUNTRY: case M_DEMONYM: case M_METONYM: ars_buf_printf(&b, " -> %s", rules->countries[m->id].iso3); break;
            case M_COMPANY: ars_buf_printf(&b, " -> %s (%s)", rules->companies[m->id].name, rules->companies[m->id].country); break;
            case M_SYSTEM: ars_buf_printf(&b, " -> %s [%s]", rules->systems[m->id].name, rules->systems[m->id].category); break;
            case M_CATEGORY: ars_buf_printf(&b, " -> %s%s", rules->categories[m->id].id, rules->categories[m->id].generic ? " (generic)" : ""); break;
            case M_TRIGGER: {
                const rule_trigger *t = &rules->triggers[m->id];
                ars_buf_printf(&b, " -> %s %s%s", ars_trigger_type_name(t->type), t->status ? ars_status_name(t->status) : "",
                               t->strong ? "" : " (weak)");
                break;
            }
            case M_DESIG: ars_buf_printf(&b, " -> \"%s\"", m->name); break;
            case M_MONEY: ars_buf_printf(&b, " -> %.0f %s%s", m->money.amount, m->money.currency, m->money.approx ? " approx" : ""); break;
            case M_QTY: ars_buf_printf(&b, " -> %lld", m->qty); break;
            case M_DATE: ars_buf_printf(&b, " -> %s", m->date); break;
            case M_NONE: break;
            }
            if (m->flags & EF_AMBIGUOUS) ars_buf_puts(&b, " ?");
            ars_buf_putc(&b, '\n');
        }
    }
    ctx_clear(&c);
    return ars_buf_take(&b, NULL);
}
