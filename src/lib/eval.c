/*
 * eval.c -- precision, recall, F1 and field accuracy of extracted deals
 * against gold deals; the same matching as the reference scorer (score.py),
 * so a rule author gets the same figures from `arsenal eval`.
 */
#include "arsenal/eval.h"
#include "arsenal/text.h"
#include "util.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { F_QUANTITY, F_VALUE, F_DATE, F_STATUS, F_SUPPLIER, F__N };
static const char *const field_names[] = {"quantity", "value", "date", "status", "supplier"};

/* score.py's fold(): accents off, lower case, non-alphanumerics to single spaces */
static char *sfold(const char *s)
{
    size_t n = 0;
    char *f = ars_fold(s ? s : "", s ? strlen(s) : 0, &n);
    if (!f) return NULL;
    size_t j = 0;
    bool sp = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (sp && j) f[j++] = ' ';
            sp = false;
            f[j++] = (char)c;
        } else sp = true;
    }
    f[j] = '\0';
    return f;
}

static char *tight(const char *s)
{
    char *f = sfold(s);
    if (!f) return NULL;
    size_t j = 0;
    for (size_t i = 0; f[i]; i++) if (f[i] != ' ') f[j++] = f[i];
    f[j] = '\0';
    return f;
}

static const char *base(const char *p)
{
    const char *s = strrchr(p ? p : "", '/');
    return s ? s + 1 : (p ? p : "");
}

typedef struct { cJSON *j; const char *doc; bool optional, generic; } gold;

static bool str_in(const cJSON *arr, const char *s)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, arr) {
        if (cJSON_IsNull(x) && !s) return true;
        if (cJSON_IsString(x) && s && !strcmp(x->valuestring, s)) return true;
    }
    return false;
}

static bool system_matches(const gold *g, const char *name)
{
    if (!name || !*name) return false;
    const cJSON *sys = cJSON_GetObjectItem(g->j, "system"), *a;
    bool ok = false;
    if (g->generic) {
        char *fn = sfold(name);
        char *n = ars_asprintf(" %s ", fn ? fn : "");
        cJSON_ArrayForEach(a, sys) {
            if (!cJSON_IsString(a)) continue;
            char *fa = sfold(a->valuestring);
            char *pat = ars_asprintf(" %s ", fa ? fa : "");
            if ((pat && n && strstr(n, pat)) || (fa && fn && !strcmp(fa, fn))) ok = true;
            free(fa);
            free(pat);
        }
        free(fn);
        free(n);
        return ok;
    }
    char *t = tight(name);
    cJSON_ArrayForEach(a, sys) {
        if (!cJSON_IsString(a)) continue;
        char *ta = tight(a->valuestring);
        if (t && ta && !strcmp(t, ta)) ok = true;
        free(ta);
    }
    free(t);
    return ok;
}

static bool matches(const gold *g, const ars_deal *p)
{
    const cJSON *b = cJSON_GetObjectItem(g->j, "buyer");
    if (!cJSON_IsString(b) || strcmp(b->valuestring, p->buyer.iso3)) return false;
    const cJSON *s = cJSON_GetObjectItem(g->j, "seller");
    const char *ps = p->seller.iso3[0] ? p->seller.iso3 : NULL;
    if (!s) { if (ps) return false; }
    else if (!str_in(s, ps)) return false;
    return system_matches(g, p->system.name);
}

static bool deal_in_doc(const ars_deal *d, const char *doc)
{
    for (size_t i = 0; i < d->nsources; i++) if (!strcmp(base(d->sources[i].doc), doc)) return true;
    return d->nsources == 0 && !*doc;
}

static void check_fields(const gold *g, const ars_deal *p, ars_eval_result *r, bool show, FILE *rep, const char *doc)
{
    const cJSON *j = g->j, *v;
    bool ok[F__N];
    bool have[F__N] = {false};
    if ((v = cJSON_GetObjectItem(j, "quantity")) && cJSON_IsNumber(v)) {
        have[F_QUANTITY] = true;
        ok[F_QUANTITY] = p->quantity != ARS_NO_QUANTITY && (double)p->quantity == v->valuedouble;
    }
    if ((v = cJSON_GetObjectItem(j, "value")) && cJSON_IsNumber(v)) {
        have[F_VALUE] = true;
        const cJSON *cur = cJSON_GetObjectItem(j, "currency");
        ok[F_VALUE] = p->value.present && fabs(p->value.amount - v->valuedouble) <= 0.02 * v->valuedouble &&
                      (!cJSON_IsString(cur) || !strcmp(cur->valuestring, p->value.currency));
    }
    if ((v = cJSON_GetObjectItem(j, "date")) && cJSON_IsString(v) && *v->valuestring) {
        have[F_DATE] = true;
        ok[F_DATE] = !strncmp(p->date, v->valuestring, strlen(v->valuestring));
    }
    if ((v = cJSON_GetObjectItem(j, "status")) && cJSON_IsArray(v) && cJSON_GetArraySize(v)) {
        have[F_STATUS] = true;
        ok[F_STATUS] = ars_status_name(p->status) && str_in(v, ars_status_name(p->status));
    }
    if ((v = cJSON_GetObjectItem(j, "supplier")) && cJSON_IsArray(v)) {
        bool any = false;
        const cJSON *x;
        cJSON_ArrayForEach(x, v) if (cJSON_IsString(x)) any = true;
        if (any) {
            have[F_SUPPLIER] = true;
            if (!p->supplier.name) ok[F_SUPPLIER] = str_in(v, NULL);
            else {
                char *t = tight(p->supplier.name);
                ok[F_SUPPLIER] = false;
                cJSON_ArrayForEach(x, v) if (cJSON_IsString(x)) {
                    char *tx = tight(x->valuestring);
                    if (t && tx && !strcmp(t, tx)) ok[F_SUPPLIER] = true;
                    free(tx);
                }
                free(t);
            }
        }
    }
    for (int f = 0; f < F__N; f++) {
        if (!have[f]) continue;
        r->field_n[f]++;
        if (ok[f]) r->field_ok[f]++;
        else if (show && rep) {
            const cJSON *sys = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "system"), 0);
            fprintf(rep, "  FIELD  %s: %s %s wrong\n", doc, cJSON_IsString(sys) ? sys->valuestring : "?", field_names[f]);
        }
    }
}

double ars_eval_f1(const ars_eval_counts *c)
{
    double p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0.0;
    double r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0.0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int ars_eval(const char *gold_path, const ars_dealset *pred, bool show, FILE *rep, ars_eval_result *res, ars_diag *diag)
{
    memset(res, 0, sizeof *res);
    char *data = NULL;
    size_t len = 0;
    int e = 0;
    if (ars_read_file(gold_path, &data, &len, &e) != 0) {
        ars_diag_add(diag, ARS_DIAG_ERROR, gold_path, 0, 0, "cannot read: %s", strerror(e));
        return ARS_EIO;
    }
    gold *g = NULL;
    size_t ng = 0, gcap = 0;
    int rc = 0;
    long line = 0;
    for (char *p = data, *nl; p && *p && rc == 0; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        line++;
        if (!*p || strspn(p, " \t\r") == strlen(p)) continue;
        cJSON *j = cJSON_Parse(p);
        const cJSON *doc = j ? cJSON_GetObjectItem(j, "doc") : NULL;
        if (!j || !cJSON_IsString(doc) || !cJSON_IsString(cJSON_GetObjectItem(j, "buyer")) ||
            !cJSON_IsArray(cJSON_GetObjectItem(j, "system"))) {
            ars_diag_add(diag, ARS_DIAG_ERROR, gold_path, line, 0, "gold line needs doc, buyer and a system list");
            cJSON_Delete(j);
            rc = ARS_EPARSE;
            break;
        }
        if (ARS_GROW(g, ng, gcap)) { cJSON_Delete(j); rc = ARS_ENOMEM; break; }
        g[ng++] = (gold){j, doc->valuestring, cJSON_IsTrue(cJSON_GetObjectItem(j, "optional")),
                         cJSON_IsTrue(cJSON_GetObjectItem(j, "generic"))};
    }
    /* the documents: gold docs and every predicted source document */
    char **docs = NULL;
    size_t nd = 0, dcap = 0;
    for (size_t i = 0; i < ng && rc == 0; i++) {
        if (ARS_GROW(docs, nd, dcap)) rc = ARS_ENOMEM;
        else docs[nd++] = (char *)g[i].doc;
    }
    for (size_t i = 0; i < pred->n && rc == 0; i++)
        for (size_t k = 0; k < pred->v[i].nsources; k++) {
            if (ARS_GROW(docs, nd, dcap)) { rc = ARS_ENOMEM; break; }
            docs[nd++] = (char *)base(pred->v[i].sources[k].doc);
        }
    if (nd) qsort(docs, nd, sizeof *docs, cmpstr);
    bool *used = calloc(ng ? ng : 1, sizeof *used);
    if (!used) rc = ARS_ENOMEM;
    for (size_t di = 0; di < nd && rc == 0; di++) {
        if (di && !strcmp(docs[di], docs[di - 1])) continue;
        const char *doc = docs[di];
        for (size_t pi = 0; pi < pred->n; pi++) {
            const ars_deal *p = &pred->v[pi];
            if (!deal_in_doc(p, doc)) continue;
            long hit = -1, first = -1;
            for (size_t gi = 0; gi < ng; gi++) {
                if (strcmp(g[gi].doc, doc) || !matches(&g[gi], p)) continue;
                if (first < 0) first = (long)gi;
                if (!used[gi] && !g[gi].optional && hit < 0) hit = (long)gi;
            }
            if (hit < 0) hit = first;
            ars_eval_counts *kc = p->system.generic ? &res->generic : &res->named;
            if (hit < 0) {
                kc->fp++;
                if (show && rep) fprintf(rep, "  FALSE  %s: %s <- %s : %s\n", doc, p->buyer.iso3, p->seller.iso3[0] ? p->seller.iso3 : "None", p->system.name ? p->system.name : "");
                continue;
            }
            gold *gg = &g[hit];
            if (gg->optional) continue;
            kc = gg->generic ? &res->generic : &res->named;
            const cJSON *s0 = cJSON_GetArrayItem(cJSON_GetObjectItem(gg->j, "system"), 0);
            if (used[hit]) {
                kc->fp++;
                if (show && rep) fprintf(rep, "  DUP    %s: %s\n", doc, cJSON_IsString(s0) ? s0->valuestring : "?");
                continue;
            }
            used[hit] = true;
            kc->tp++;
            check_fields(gg, p, res, show, rep, doc);
        }
        for (size_t gi = 0; gi < ng; gi++) {
            if (strcmp(g[gi].doc, doc) || used[gi] || g[gi].optional) continue;
            used[gi] = true; /* count once even if the doc repeats */
            (g[gi].generic ? &res->generic : &res->named)->fn++;
            const cJSON *s0 = cJSON_GetArrayItem(cJSON_GetObjectItem(g[gi].j, "system"), 0);
            if (show && rep) fprintf(rep, "  MISSED %s: %s : %s\n", doc, cJSON_GetObjectItem(g[gi].j, "buyer")->valuestring, cJSON_IsString(s0) ? s0->valuestring : "?");
        }
    }
    if (rc == 0) {
        res->all.tp = res->named.tp + res->generic.tp;
        res->all.fp = res->named.fp + res->generic.fp;
        res->all.fn = res->named.fn + res->generic.fn;
        size_t ok = 0, n = 0;
        for (int f = 0; f < F__N; f++) { ok += res->field_ok[f]; n += res->field_n[f]; }
        res->fields = n ? (double)ok / (double)n : 0.0;
        if (rep) {
            const char *names[3] = {"named", "generic", "all"};
            const ars_eval_counts *cs[3] = {&res->named, &res->generic, &res->all};
            for (int k = 0; k < 3; k++) {
                const ars_eval_counts *c = cs[k];
                double P = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0, R = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0;
                fprintf(rep, "%-8s P=%.3f R=%.3f F1=%.3f  (tp=%zu fp=%zu fn=%zu)\n", names[k], P, R, ars_eval_f1(c), c->tp, c->fp, c->fn);
            }
            for (int f = 0; f < F__N; f++)
                if (res->field_n[f]) fprintf(rep, "field %-9s %zu/%zu correct\n", field_names[f], res->field_ok[f], res->field_n[f]);
            fprintf(rep, "score: named_f1=%.3f generic_f1=%.3f all_f1=%.3f fields=%.3f\n", ars_eval_f1(&res->named),
                    ars_eval_f1(&res->generic), ars_eval_f1(&res->all), res->fields);
        }
    }
    free(used);
    free(docs);
    for (size_t i = 0; i < ng; i++) cJSON_Delete(g[i].j);
    free(g);
    free(data);
    return rc;
}
