/*
 * deal.c -- the deal record: lifecycle, key and id, JSON in and out (cJSON).
 */
#include "arsenal/deal.h"
#include "arsenal/text.h"
#include "util.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {
    NULL, "interest", "negotiating", "approved", "ordered", "delivered", "cancelled"};
static const char *const kind_names[] = {
    "sale", "licensed_production", "upgrade", "second_hand", "aid"};

const char *ars_status_name(ars_status s)
{
    return (s > 0 && s <= ARS_STATUS_CANCELLED) ? status_names[s] : NULL;
}

int ars_status_parse(const char *s)
{
    if (!s) return -1;
    for (int i = 1; i <= ARS_STATUS_CANCELLED; i++)
        if (strcmp(s, status_names[i]) == 0) return i;
    return -1;
}

const char *ars_kind_name(ars_kind k)
{
    return ((unsigned)k <= ARS_KIND_AID) ? kind_names[k] : "sale";
}

int ars_kind_parse(const char *s)
{
    if (!s) return -1;
    for (int i = 0; i <= ARS_KIND_AID; i++)
        if (strcmp(s, kind_names[i]) == 0) return i;
    return -1;
}

int ars_status_rank(ars_status s)
{
    /* cancelled ends a deal whatever came before it */
    static const int rank[] = {0, 1, 2, 3, 4, 5, 6};
    return ((unsigned)s <= ARS_STATUS_CANCELLED) ? rank[s] : 0;
}

void ars_deal_init(ars_deal *d)
{
    memset(d, 0, sizeof *d);
    d->quantity = ARS_NO_QUANTITY;
}

void ars_source_clear(ars_source *s)
{
    free(s->doc);
    free(s->text);
    free(s->doc_date);
    memset(s, 0, sizeof *s);
    s->quantity = ARS_NO_QUANTITY;
}

void ars_deal_clear(ars_deal *d)
{
    free(d->id);
    free(d->buyer.name);
    free(d->seller.name);
    free(d->supplier.name);
    free(d->system.name);
    free(d->system.canonical);
    free(d->system.category);
    free(d->system.family);
    for (size_t i = 0; i < d->nsources; i++) ars_source_clear(&d->sources[i]);
    free(d->sources);
    for (size_t i = 0; i < d->nconflicts; i++) free(d->conflicts[i].field);
    free(d->conflicts);
    ars_deal_init(d);
}

static int copy_source(ars_source *dst, const ars_source *s)
{
    *dst = *s;
    dst->doc = ars_strdup(s->doc);
    dst->text = ars_strdup(s->text);
    dst->doc_date = ars_strdup(s->doc_date);
    if ((s->doc && !dst->doc) || (s->text && !dst->text) || (s->doc_date && !dst->doc_date)) {
        ars_source_clear(dst);
        return ARS_ENOMEM;
    }
    return 0;
}

int ars_deal_add_source(ars_deal *d, const ars_source *s)
{
    size_t cap = d->nsources; /* capacity tracked as exact size: sources lists are short */
    ars_source *v = realloc(d->sources, (cap + 1) * sizeof *v);
    if (!v) return ARS_ENOMEM;
    d->sources = v;
    if (copy_source(&v[d->nsources], s) != 0) return ARS_ENOMEM;
    d->nsources++;
    return 0;
}

#define DUP_OR_FAIL(dst, src) do { (dst) = ars_strdup(src); if ((src) && !(dst)) goto fail; } while (0)

int ars_deal_copy(ars_deal *dst, const ars_deal *src)
{
    ars_deal_init(dst);
    *dst = *src;
    dst->id = dst->buyer.name = dst->seller.name = dst->supplier.name = NULL;
    dst->system.name = dst->system.canonical = dst->system.category = dst->system.family = NULL;
    dst->sources = NULL;
    dst->nsources = 0;
    dst->conflicts = NULL;
    dst->nconflicts = 0;
    DUP_OR_FAIL(dst->id, src->id);
    DUP_OR_FAIL(dst->buyer.name, src->buyer.name);
    DUP_OR_FAIL(dst->seller.name, src->seller.name);
    DUP_OR_FAIL(dst->supplier.name, src->supplier.name);
    DUP_OR_FAIL(dst->system.name, src->system.name);
    DUP_OR_FAIL(dst->system.canonical, src->system.canonical);
    DUP_OR_FAIL(dst->system.category, src->system.category);
    DUP_OR_FAIL(dst->system.family, src->system.family);
    for (size_t i = 0; i < src->nsources; i++)
        if (ars_deal_add_source(dst, &src->sources[i]) != 0) goto fail;
    if (src->nconflicts) {
        dst->conflicts = calloc(src->nconflicts, sizeof *dst->conflicts);
        if (!dst->conflicts) goto fail;
        for (size_t i = 0; i < src->nconflicts; i++) {
            dst->conflicts[i].source = src->conflicts[i].source;
            DUP_OR_FAIL(dst->conflicts[i].field, src->conflicts[i].field);
            dst->nconflicts++;
        }
    }
    return 0;
fail:
    ars_deal_clear(dst);
    return ARS_ENOMEM;
}

char *ars_deal_key(const ars_deal *d)
{
    size_t flen = 0;
    const char *nm = d->system.canonical ? d->system.canonical : d->system.name ? d->system.name : "";
    char *f = ars_fold(nm, strlen(nm), &flen);
    /* the key ignores separators so that "Barak-MX" and "Barak MX" agree */
    if (f) {
        size_t j = 0;
        for (size_t i = 0; i < flen; i++) {
            unsigned char c = (unsigned char)f[i];
            if (c == ' ' || c == '-' || c == '.' || c == '\'' || c == '"') continue;
            f[j++] = f[i];
        }
        f[j] = '\0';
    }
    char *k = ars_asprintf("%s|%s|%s|%s", d->buyer.iso3, d->seller.iso3, f ? f : nm,
                           ars_kind_name(d->kind));
    free(f);
    return k;
}

int ars_deal_make_id(ars_deal *d)
{
    char *k = ars_deal_key(d);
    if (!k) return ARS_ENOMEM;
    uint64_t h = ars_hash64(k, strlen(k), 0);
    free(k);
    free(d->id);
    d->id = ars_asprintf("%016llx", (unsigned long long)h);
    return d->id ? 0 : ARS_ENOMEM;
}

/* ---- JSON out ----------------------------------------------------------------- */

/* Strings into JSON must be valid UTF-8: replace bad bytes by U+FFFD. */
static cJSON *json_str(const char *s)
{
    if (!s) return cJSON_CreateNull();
    size_t n = strlen(s), i = 0;
    bool ok = true;
    while (i < n) if (ars_utf8_next((const unsigned char *)s, n, &i) < 0) { ok = false; break; }
    if (ok) return cJSON_CreateString(s);
    ars_buf b;
    ars_buf_init(&b);
    i = 0;
    while (i < n) {
        size_t st = i;
        if (ars_utf8_next((const unsigned char *)s, n, &i) < 0) ars_buf_puts(&b, "\xEF\xBF\xBD");
        else ars_buf_put(&b, s + st, i - st);
    }
    char *c = ars_buf_take(&b, NULL);
    cJSON *j = cJSON_CreateString(c ? c : "");
    free(c);
    return j;
}

static cJSON *json_num(double v)
{
    return cJSON_CreateNumber(v);
}

static cJSON *money_json(const ars_money *m)
{
    if (!m->present) return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "amount", json_num(m->amount));
    cJSON_AddItemToObject(o, "currency", m->currency[0] ? json_str(m->currency) : cJSON_CreateNull());
    cJSON_AddBoolToObject(o, "approx", m->approx);
    return o;
}

static cJSON *party_json(const ars_party *p, const char *codekey)
{
    if (!p->name && !p->iso3[0]) return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "name", json_str(p->name));
    cJSON_AddItemToObject(o, codekey, p->iso3[0] ? json_str(p->iso3) : cJSON_CreateNull());
    return o;
}

char *ars_deal_to_json(const ars_deal *d)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    cJSON_AddStringToObject(o, "type", "deal");
    cJSON_AddItemToObject(o, "id", json_str(d->id ? d->id : ""));
    cJSON_AddItemToObject(o, "buyer", party_json(&d->buyer, "iso3"));
    cJSON_AddItemToObject(o, "seller", party_json(&d->seller, "iso3"));
    cJSON_AddItemToObject(o, "supplier", party_json(&d->supplier, "country"));
    cJSON *sys = cJSON_CreateObject();
    cJSON_AddItemToObject(sys, "name", json_str(d->system.name));
    cJSON_AddItemToObject(sys, "canonical", json_str(d->system.canonical));
    cJSON_AddItemToObject(sys, "category", json_str(d->system.category));
    cJSON_AddItemToObject(sys, "family", json_str(d->system.family));
    cJSON_AddBoolToObject(sys, "generic", d->system.generic);
    cJSON_AddItemToObject(o, "system", sys);
    cJSON_AddItemToObject(o, "quantity", d->quantity == ARS_NO_QUANTITY ? cJSON_CreateNull()
                                                                         : json_num((double)d->quantity));
    cJSON_AddItemToObject(o, "value", money_json(&d->value));
    cJSON_AddItemToObject(o, "date", d->date[0] ? json_str(d->date) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "status", json_str(ars_status_name(d->status)));
    cJSON_AddStringToObject(o, "kind", ars_kind_name(d->kind));
    cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
    for (size_t i = 0; i < d->nsources; i++) {
        const ars_source *s = &d->sources[i];
        cJSON *so = cJSON_CreateObject();
        cJSON_AddItemToObject(so, "doc", json_str(s->doc ? s->doc : ""));
        cJSON_AddItemToObject(so, "start", json_num((double)s->start));
        cJSON_AddItemToObject(so, "end", json_num((double)s->end));
        cJSON_AddItemToObject(so, "text", json_str(s->text ? s->text : ""));
        if (s->quantity != ARS_NO_QUANTITY)
            cJSON_AddItemToObject(so, "quantity", json_num((double)s->quantity));
        if (s->value.present) cJSON_AddItemToObject(so, "value", money_json(&s->value));
        if (s->date[0]) cJSON_AddItemToObject(so, "date", json_str(s->date));
        if (s->status) cJSON_AddItemToObject(so, "status", json_str(ars_status_name(s->status)));
        if (s->doc_date) cJSON_AddItemToObject(so, "doc_date", json_str(s->doc_date));
        cJSON_AddItemToArray(srcs, so);
    }
    if (d->nconflicts) {
        cJSON *cf = cJSON_AddArrayToObject(o, "conflicts");
        for (size_t i = 0; i < d->nconflicts; i++) {
            cJSON *c = cJSON_CreateObject();
            cJSON_AddItemToObject(c, "field", json_str(d->conflicts[i].field));
            cJSON_AddItemToObject(c, "source", json_num((double)d->conflicts[i].source));
            cJSON_AddItemToArray(cf, c);
        }
    }
    char *out = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return out;
}

/* ---- JSON in -------------------------------------------------------------------- */

static int get_str(const cJSON *o, const char *key, char **dst, char **err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) return 0;
    if (!cJSON_IsString(v)) { *err = ars_asprintf("field \"%s\" must be a string", key); return ARS_EPARSE; }
    *dst = ars_strdup(v->valuestring);
    return *dst ? 0 : ARS_ENOMEM;
}

static int get_code(const cJSON *o, const char *key, char code[4], char **err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) return 0;
    if (!cJSON_IsString(v) || strlen(v->valuestring) > 3) {
        *err = ars_asprintf("field \"%s\" must be a code of at most 3 letters", key);
        return ARS_EPARSE;
    }
    strcpy(code, v->valuestring);
    return 0;
}

static int get_party(const cJSON *o, const char *key, const char *codekey, ars_party *p, char **err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) return 0;
    if (cJSON_IsString(v)) { /* shorthand: "MAR" */
        if (strlen(v->valuestring) > 3) {
            p->name = ars_strdup(v->valuestring);
            return p->name ? 0 : ARS_ENOMEM;
        }
        strcpy(p->iso3, v->valuestring);
        return 0;
    }
    if (!cJSON_IsObject(v)) { *err = ars_asprintf("field \"%s\" must be an object", key); return ARS_EPARSE; }
    int rc = get_str(v, "name", &p->name, err);
    if (rc == 0) rc = get_code(v, codekey, p->iso3, err);
    if (rc && !*err) *err = ars_asprintf("in field \"%s\"", key);
    return rc;
}

static int get_money(const cJSON *o, const char *key, ars_money *m, char **err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) return 0;
    if (cJSON_IsNumber(v)) { m->present = true; m->amount = v->valuedouble; return 0; }
    if (!cJSON_IsObject(v)) { *err = ars_asprintf("field \"%s\" must be an object", key); return ARS_EPARSE; }
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(v, "amount");
    if (!cJSON_IsNumber(a) || !isfinite(a->valuedouble)) {
        *err = ars_asprintf("field \"%s.amount\" must be a number", key);
        return ARS_EPARSE;
    }
    m->present = true;
    m->amount = a->valuedouble;
    int rc = get_code(v, "currency", m->currency, err);
    if (rc) return rc;
    m->approx = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "approx"));
    return 0;
}

static int get_date(const cJSON *o, char date[11], char **err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "date");
    if (!v || cJSON_IsNull(v)) return 0;
    if (!cJSON_IsString(v) || strlen(v->valuestring) > 10) {
        *err = ars_strdup("field \"date\" must be an ISO date string");
        return ARS_EPARSE;
    }
    strcpy(date, v->valuestring);
    return 0;
}

static int get_quantity(const cJSON *o, long long *q, char **err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "quantity");
    if (!v || cJSON_IsNull(v)) return 0;
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e12) {
        *err = ars_strdup("field \"quantity\" must be a non-negative integer");
        return ARS_EPARSE;
    }
    *q = (long long)v->valuedouble;
    return 0;
}

static int get_status(const cJSON *o, ars_status *st, char **err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "status");
    if (!v || cJSON_IsNull(v)) return 0;
    int s = cJSON_IsString(v) ? ars_status_parse(v->valuestring) : -1;
    if (s < 0) { *err = ars_strdup("field \"status\" is not a known status"); return ARS_EPARSE; }
    *st = (ars_status)s;
    return 0;
}

int ars_deal_from_json(const char *json, size_t len, ars_deal *out, char **err)
{
    *err = NULL;
    cJSON *o = cJSON_ParseWithLength(json, len);
    if (!o) { *err = ars_strdup("not valid JSON"); return ARS_EPARSE; }
    int rc = 0;
    ars_deal d;
    ars_deal_init(&d);
    if (!cJSON_IsObject(o)) { *err = ars_strdup("not a JSON object"); rc = ARS_EPARSE; goto done; }
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "type");
    if (type && (!cJSON_IsString(type) || strcmp(type->valuestring, "deal") != 0)) {
        rc = ARS_ENOTFOUND;
        goto done;
    }
    if ((rc = get_str(o, "id", &d.id, err))) goto done;
    if ((rc = get_party(o, "buyer", "iso3", &d.buyer, err))) goto done;
    if ((rc = get_party(o, "seller", "iso3", &d.seller, err))) goto done;
    if ((rc = get_party(o, "supplier", "country", &d.supplier, err))) goto done;
    const cJSON *sys = cJSON_GetObjectItemCaseSensitive(o, "system");
    if (!cJSON_IsObject(sys)) { *err = ars_strdup("missing field \"system\""); rc = ARS_EPARSE; goto done; }
    if ((rc = get_str(sys, "name", &d.system.name, err))) goto done;
    if (!d.system.name) { *err = ars_strdup("missing field \"system.name\""); rc = ARS_EPARSE; goto done; }
    if ((rc = get_str(sys, "canonical", &d.system.canonical, err))) goto done;
    if ((rc = get_str(sys, "category", &d.system.category, err))) goto done;
    if ((rc = get_str(sys, "family", &d.system.family, err))) goto done;
    d.system.generic = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sys, "generic"));
    if (!d.buyer.iso3[0]) { *err = ars_strdup("missing field \"buyer.iso3\""); rc = ARS_EPARSE; goto done; }
    if ((rc = get_quantity(o, &d.quantity, err))) goto done;
    if ((rc = get_money(o, "value", &d.value, err))) goto done;
    if ((rc = get_date(o, d.date, err))) goto done;
    if ((rc = get_status(o, &d.status, err))) goto done;
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(o, "kind");
    if (k && !cJSON_IsNull(k)) {
        int kv = cJSON_IsString(k) ? ars_kind_parse(k->valuestring) : -1;
        if (kv < 0) { *err = ars_strdup("field \"kind\" is not a known kind"); rc = ARS_EPARSE; goto done; }
        d.kind = (ars_kind)kv;
    }
    const cJSON *srcs = cJSON_GetObjectItemCaseSensitive(o, "sources");
    if (srcs && !cJSON_IsArray(srcs)) { *err = ars_strdup("field \"sources\" must be an array"); rc = ARS_EPARSE; goto done; }
    const cJSON *so;
    cJSON_ArrayForEach(so, srcs) {
        ars_source s;
        memset(&s, 0, sizeof s);
        s.quantity = ARS_NO_QUANTITY;
        if (!cJSON_IsObject(so)) { *err = ars_strdup("a source must be an object"); rc = ARS_EPARSE; goto done; }
        if (!(rc = get_str(so, "doc", &s.doc, err)) && !(rc = get_str(so, "text", &s.text, err)) &&
            !(rc = get_str(so, "doc_date", &s.doc_date, err)) && !(rc = get_quantity(so, &s.quantity, err)) &&
            !(rc = get_money(so, "value", &s.value, err)) && !(rc = get_date(so, s.date, err)) &&
            !(rc = get_status(so, &s.status, err))) {
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(so, "start");
            const cJSON *en = cJSON_GetObjectItemCaseSensitive(so, "end");
            if (cJSON_IsNumber(st) && st->valuedouble >= 0) s.start = (size_t)st->valuedouble;
            if (cJSON_IsNumber(en) && en->valuedouble >= 0) s.end = (size_t)en->valuedouble;
            d.sources = realloc(d.sources, (d.nsources + 1) * sizeof *d.sources); /* checked below */
            if (!d.sources) { ars_source_clear(&s); d.nsources = 0; rc = ARS_ENOMEM; goto done; }
            d.sources[d.nsources++] = s;
        } else {
            ars_source_clear(&s);
            goto done;
        }
    }
    if (!d.id) rc = ars_deal_make_id(&d);
done:
    cJSON_Delete(o);
    if (rc == 0) *out = d;
    else ars_deal_clear(&d);
    return rc;
}

/* ---- deal sets ------------------------------------------------------------------------ */

void ars_dealset_init(ars_dealset *s) { memset(s, 0, sizeof *s); }

void ars_dealset_clear(ars_dealset *s)
{
    for (size_t i = 0; i < s->n; i++) ars_deal_clear(&s->v[i]);
    free(s->v);
    ars_dealset_init(s);
}

int ars_dealset_push_take(ars_dealset *s, ars_deal *d)
{
    if (ARS_GROW(s->v, s->n, s->cap) != 0) return ARS_ENOMEM;
    s->v[s->n++] = *d;
    ars_deal_init(d);
    return 0;
}

int ars_dealset_read(ars_dealset *s, const char *path, ars_diag *diag, size_t *skipped)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (!f) {
        ars_diag_add(diag, ARS_DIAG_ERROR, name, 0, 0, "cannot open: %s", strerror(errno));
        return ARS_EIO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t')) k++;
        if (k == len) continue;
        ars_deal d;
        char *err = NULL;
        int r = ars_deal_from_json(line, len, &d, &err);
        if (r == ARS_ENOTFOUND) continue; /* other record types are skipped silently by design */
        if (r == ARS_ENOMEM) { rc = r; free(err); break; }
        if (r != 0) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, name, lineno, 0, NULL, "bad-deal",
                          "skipped deal: %s", err ? err : "invalid record");
            if (skipped) (*skipped)++;
            free(err);
            continue;
        }
        if (ars_dealset_push_take(s, &d) != 0) { ars_deal_clear(&d); rc = ARS_ENOMEM; break; }
    }
    if (ferror(f)) {
        ars_diag_add(diag, ARS_DIAG_ERROR, name, lineno, 0, "read error: %s", strerror(errno));
        rc = ARS_EIO;
    }
    free(line);
    if (f != stdin) fclose(f);
    return rc;
}
