/*
 * deal.c -- the deal record: lifecycle, key and id, JSON in and out (cJSON).
 */
#include "arsenal/deal.h"
#include "arsenal/text.h"
#include "util.h"
#include "emit.h"
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
    /* "%s|%s|%s|%s" of buyer, seller, name, kind, without printf (once per deal) */
    const char *parts[4] = {d->buyer.iso3, d->seller.iso3, f ? f : nm, ars_kind_name(d->kind)};
    size_t lens[4], total = 4;
    for (size_t i = 0; i < 4; i++) {
        if (!parts[i]) parts[i] = "(null)";   /* what printf printed for a NULL kind name */
        lens[i] = strlen(parts[i]);
        total += lens[i];
    }
    char *k = malloc(total);
    if (k) {
        char *p = k;
        for (size_t i = 0; i < 4; i++) {
            memcpy(p, parts[i], lens[i]);
            p += lens[i];
            *p++ = i < 3 ? '|' : '\0';
        }
    }
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
    d->id = malloc(17);   /* "%016llx" */
    if (!d->id) return ARS_ENOMEM;
    for (int i = 15; i >= 0; i--, h >>= 4) d->id[i] = "0123456789abcdef"[h & 15];
    d->id[16] = '\0';
    return 0;
}

/* ---- JSON out ----------------------------------------------------------------- */

/*
 * Written straight into a buffer in the layout cJSON_PrintUnformatted gave
 * (emit.c reproduces its strings and numbers): the deal printer runs once per
 * deal in extract and merge, and a cJSON tree per deal was most of its cost.
 */

/* Strings into JSON must be valid UTF-8: bad bytes become U+FFFD. NULL: null. */
static void put_str(ars_buf *b, const char *s)
{
    if (!s) { ARS_PUTL(b, "null"); return; }
    size_t n = strlen(s), i = 0;
    bool ok = true;
    for (size_t j = 0; j < n; j++)
        if ((unsigned char)s[j] >= 0x80) {   /* ASCII needs no check */
            i = j;
            while (i < n) if (ars_utf8_next((const unsigned char *)s, n, &i) < 0) { ok = false; break; }
            break;
        }
    if (ok) { ars_emit_json_str(b, s); return; }
    ars_buf fixed;
    ars_buf_init(&fixed);
    i = 0;
    while (i < n) {
        size_t st = i;
        if (ars_utf8_next((const unsigned char *)s, n, &i) < 0) ars_buf_puts(&fixed, "\xEF\xBF\xBD");
        else ars_buf_put(&fixed, s + st, i - st);
    }
    if (fixed.failed) b->failed = true;
    ars_emit_json_str(b, fixed.len ? fixed.data : "");
    ars_buf_free(&fixed);
}

/* ,"key": (no comma before the first member of an object) */
static void put_key(ars_buf *b, const char *key, bool first)
{
    if (!first) ars_buf_putc(b, ',');
    ars_emit_json_str(b, key);
    ars_buf_putc(b, ':');
}

static void put_bool(ars_buf *b, bool v)
{
    if (v) ARS_PUTL(b, "true");
    else ARS_PUTL(b, "false");
}

static void put_money(ars_buf *b, const ars_money *m)
{
    if (!m->present) { ARS_PUTL(b, "null"); return; }
    ARS_PUTL(b, "{\"amount\":");
    ars_emit_json_num(b, m->amount);
    ARS_PUTL(b, ",\"currency\":");
    put_str(b, m->currency[0] ? m->currency : NULL);
    ARS_PUTL(b, ",\"approx\":");
    put_bool(b, m->approx);
    ars_buf_putc(b, '}');
}

static void put_party(ars_buf *b, const ars_party *p, const char *codekey)
{
    if (!p->name && !p->iso3[0]) { ARS_PUTL(b, "null"); return; }
    ARS_PUTL(b, "{\"name\":");
    put_str(b, p->name);
    put_key(b, codekey, false);
    put_str(b, p->iso3[0] ? p->iso3 : NULL);
    ars_buf_putc(b, '}');
}

char *ars_deal_to_json(const ars_deal *d)
{
    ars_buf b;
    ars_buf_init(&b);
    ars_buf_reserve(&b, 1024);
    ARS_PUTL(&b, "{\"type\":\"deal\",\"id\":");
    put_str(&b, d->id ? d->id : "");
    ARS_PUTL(&b, ",\"buyer\":");
    put_party(&b, &d->buyer, "iso3");
    ARS_PUTL(&b, ",\"seller\":");
    put_party(&b, &d->seller, "iso3");
    ARS_PUTL(&b, ",\"supplier\":");
    put_party(&b, &d->supplier, "country");
    ARS_PUTL(&b, ",\"system\":{\"name\":");
    put_str(&b, d->system.name);
    ARS_PUTL(&b, ",\"canonical\":");
    put_str(&b, d->system.canonical);
    ARS_PUTL(&b, ",\"category\":");
    put_str(&b, d->system.category);
    ARS_PUTL(&b, ",\"family\":");
    put_str(&b, d->system.family);
    ARS_PUTL(&b, ",\"generic\":");
    put_bool(&b, d->system.generic);
    ARS_PUTL(&b, "},\"quantity\":");
    if (d->quantity == ARS_NO_QUANTITY) ARS_PUTL(&b, "null");
    else ars_emit_json_num(&b, (double)d->quantity);
    ARS_PUTL(&b, ",\"value\":");
    put_money(&b, &d->value);
    ARS_PUTL(&b, ",\"date\":");
    put_str(&b, d->date[0] ? d->date : NULL);
    ARS_PUTL(&b, ",\"status\":");
    put_str(&b, ars_status_name(d->status));
    if (ars_kind_name(d->kind)) {   /* cJSON left out a member it could not create */
        ARS_PUTL(&b, ",\"kind\":");
        ars_emit_json_str(&b, ars_kind_name(d->kind));
    }
    ARS_PUTL(&b, ",\"sources\":[");
    for (size_t i = 0; i < d->nsources; i++) {
        const ars_source *s = &d->sources[i];
        if (i) ars_buf_putc(&b, ',');
        ARS_PUTL(&b, "{\"doc\":");
        put_str(&b, s->doc ? s->doc : "");
        ARS_PUTL(&b, ",\"start\":");
        ars_emit_json_num(&b, (double)s->start);
        ARS_PUTL(&b, ",\"end\":");
        ars_emit_json_num(&b, (double)s->end);
        ARS_PUTL(&b, ",\"text\":");
        put_str(&b, s->text ? s->text : "");
        if (s->quantity != ARS_NO_QUANTITY) {
            ARS_PUTL(&b, ",\"quantity\":");
            ars_emit_json_num(&b, (double)s->quantity);
        }
        if (s->value.present) {
            ARS_PUTL(&b, ",\"value\":");
            put_money(&b, &s->value);
        }
        if (s->date[0]) {
            ARS_PUTL(&b, ",\"date\":");
            put_str(&b, s->date);
        }
        if (s->status) {
            ARS_PUTL(&b, ",\"status\":");
            put_str(&b, ars_status_name(s->status));
        }
        if (s->doc_date) {
            ARS_PUTL(&b, ",\"doc_date\":");
            put_str(&b, s->doc_date);
        }
        ars_buf_putc(&b, '}');
    }
    ars_buf_putc(&b, ']');
    if (d->nconflicts) {
        ARS_PUTL(&b, ",\"conflicts\":[");
        for (size_t i = 0; i < d->nconflicts; i++) {
            if (i) ars_buf_putc(&b, ',');
            ARS_PUTL(&b, "{\"field\":");
            put_str(&b, d->conflicts[i].field);
            ARS_PUTL(&b, ",\"source\":");
            ars_emit_json_num(&b, (double)d->conflicts[i].source);
            ars_buf_putc(&b, '}');
        }
        ars_buf_putc(&b, ']');
    }
    ars_buf_putc(&b, '}');
    if (b.failed) { ars_buf_free(&b); return NULL; }
    return ars_buf_take(&b, NULL);
}

/* ---- JSON in -------------------------------------------------------------------- */

/*
 * Each object is walked once: fields() finds the first member of every name
 * asked for, as cJSON_GetObjectItemCaseSensitive would (first match wins),
 * instead of one linear search per field. Strings are taken from the parsed
 * tree rather than copied: cJSON allocates them with malloc (its default
 * hooks; this library never installs others), and a member whose valuestring
 * is NULL is deleted without freeing it.
 */
static void fields(const cJSON *o, const char *const *names, size_t n, const cJSON **out)
{
    for (size_t i = 0; i < n; i++) out[i] = NULL;
    for (const cJSON *c = o ? o->child : NULL; c && c->string; c = c->next)
        for (size_t i = 0; i < n; i++)
            if (!out[i] && c->string[0] == names[i][0] && strcmp(c->string, names[i]) == 0) { out[i] = c; break; }
}

static bool absent(const cJSON *v) { return !v || cJSON_IsNull(v); }

static char *take_str(const cJSON *v)
{
    cJSON *m = (cJSON *)v;   /* the tree is ours and deleted right after */
    char *s = m->valuestring;
    m->valuestring = NULL;
    return s;
}

static int get_str(const cJSON *v, const char *key, char **dst, char **err)
{
    if (absent(v)) return 0;
    if (!cJSON_IsString(v)) { *err = ars_asprintf("field \"%s\" must be a string", key); return ARS_EPARSE; }
    *dst = take_str(v);
    return 0;
}

static int get_code(const cJSON *v, const char *key, char code[4], char **err)
{
    if (absent(v)) return 0;
    if (!cJSON_IsString(v) || strlen(v->valuestring) > 3) {
        *err = ars_asprintf("field \"%s\" must be a code of at most 3 letters", key);
        return ARS_EPARSE;
    }
    strcpy(code, v->valuestring);
    return 0;
}

static int get_party(const cJSON *v, const char *key, const char *codekey, ars_party *p, char **err)
{
    if (absent(v)) return 0;
    if (cJSON_IsString(v)) { /* shorthand: "MAR" */
        if (strlen(v->valuestring) > 3) {
            p->name = take_str(v);
            return 0;
        }
        strcpy(p->iso3, v->valuestring);
        return 0;
    }
    if (!cJSON_IsObject(v)) { *err = ars_asprintf("field \"%s\" must be an object", key); return ARS_EPARSE; }
    const char *const names[] = {"name", codekey};
    const cJSON *f[2];
    fields(v, names, 2, f);
    int rc = get_str(f[0], "name", &p->name, err);
    if (rc == 0) rc = get_code(f[1], codekey, p->iso3, err);
    if (rc && !*err) *err = ars_asprintf("in field \"%s\"", key);
    return rc;
}

static int get_money(const cJSON *v, const char *key, ars_money *m, char **err)
{
    if (absent(v)) return 0;
    if (cJSON_IsNumber(v)) { m->present = true; m->amount = v->valuedouble; return 0; }
    if (!cJSON_IsObject(v)) { *err = ars_asprintf("field \"%s\" must be an object", key); return ARS_EPARSE; }
    static const char *const names[] = {"amount", "currency", "approx"};
    const cJSON *f[3];
    fields(v, names, 3, f);
    const cJSON *a = f[0];
    if (!cJSON_IsNumber(a) || !isfinite(a->valuedouble)) {
        *err = ars_asprintf("field \"%s.amount\" must be a number", key);
        return ARS_EPARSE;
    }
    m->present = true;
    m->amount = a->valuedouble;
    int rc = get_code(f[1], "currency", m->currency, err);
    if (rc) return rc;
    m->approx = cJSON_IsTrue(f[2]);
    return 0;
}

static int get_date(const cJSON *v, char date[11], char **err)
{
    if (absent(v)) return 0;
    if (!cJSON_IsString(v) || strlen(v->valuestring) > 10) {
        *err = ars_strdup("field \"date\" must be an ISO date string");
        return ARS_EPARSE;
    }
    strcpy(date, v->valuestring);
    return 0;
}

static int get_quantity(const cJSON *v, long long *q, char **err)
{
    if (absent(v)) return 0;
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e12) {
        *err = ars_strdup("field \"quantity\" must be a non-negative integer");
        return ARS_EPARSE;
    }
    *q = (long long)v->valuedouble;
    return 0;
}

static int get_status(const cJSON *v, ars_status *st, char **err)
{
    if (absent(v)) return 0;
    int s = cJSON_IsString(v) ? ars_status_parse(v->valuestring) : -1;
    if (s < 0) { *err = ars_strdup("field \"status\" is not a known status"); return ARS_EPARSE; }
    *st = (ars_status)s;
    return 0;
}

enum { D_TYPE, D_ID, D_BUYER, D_SELLER, D_SUPPLIER, D_SYSTEM, D_QUANTITY, D_VALUE, D_DATE, D_STATUS, D_KIND, D_SOURCES, D_N };
static const char *const deal_names[D_N] = {"type", "id", "buyer", "seller", "supplier", "system", "quantity",
                                            "value", "date", "status", "kind", "sources"};
enum { Y_NAME, Y_CANONICAL, Y_CATEGORY, Y_FAMILY, Y_GENERIC, Y_N };
static const char *const system_names[Y_N] = {"name", "canonical", "category", "family", "generic"};
enum { S_DOC, S_TEXT, S_DOC_DATE, S_QUANTITY, S_VALUE, S_DATE, S_STATUS, S_START, S_END, S_N };
static const char *const source_names[S_N] = {"doc", "text", "doc_date", "quantity", "value", "date", "status",
                                              "start", "end"};

int ars_deal_from_json(const char *json, size_t len, ars_deal *out, char **err)
{
    *err = NULL;
    cJSON *o = cJSON_ParseWithLength(json, len);
    if (!o) { *err = ars_strdup("not valid JSON"); return ARS_EPARSE; }
    int rc = 0;
    ars_deal d;
    ars_deal_init(&d);
    if (!cJSON_IsObject(o)) { *err = ars_strdup("not a JSON object"); rc = ARS_EPARSE; goto done; }
    const cJSON *f[D_N], *y[Y_N];
    fields(o, deal_names, D_N, f);
    const cJSON *type = f[D_TYPE];
    if (type && (!cJSON_IsString(type) || strcmp(type->valuestring, "deal") != 0)) {
        rc = ARS_ENOTFOUND;
        goto done;
    }
    if ((rc = get_str(f[D_ID], "id", &d.id, err))) goto done;
    if ((rc = get_party(f[D_BUYER], "buyer", "iso3", &d.buyer, err))) goto done;
    if ((rc = get_party(f[D_SELLER], "seller", "iso3", &d.seller, err))) goto done;
    if ((rc = get_party(f[D_SUPPLIER], "supplier", "country", &d.supplier, err))) goto done;
    const cJSON *sys = f[D_SYSTEM];
    if (!cJSON_IsObject(sys)) { *err = ars_strdup("missing field \"system\""); rc = ARS_EPARSE; goto done; }
    fields(sys, system_names, Y_N, y);
    if ((rc = get_str(y[Y_NAME], "name", &d.system.name, err))) goto done;
    if (!d.system.name) { *err = ars_strdup("missing field \"system.name\""); rc = ARS_EPARSE; goto done; }
    if ((rc = get_str(y[Y_CANONICAL], "canonical", &d.system.canonical, err))) goto done;
    if ((rc = get_str(y[Y_CATEGORY], "category", &d.system.category, err))) goto done;
    if ((rc = get_str(y[Y_FAMILY], "family", &d.system.family, err))) goto done;
    d.system.generic = cJSON_IsTrue(y[Y_GENERIC]);
    if (!d.buyer.iso3[0]) { *err = ars_strdup("missing field \"buyer.iso3\""); rc = ARS_EPARSE; goto done; }
    if ((rc = get_quantity(f[D_QUANTITY], &d.quantity, err))) goto done;
    if ((rc = get_money(f[D_VALUE], "value", &d.value, err))) goto done;
    if ((rc = get_date(f[D_DATE], d.date, err))) goto done;
    if ((rc = get_status(f[D_STATUS], &d.status, err))) goto done;
    const cJSON *k = f[D_KIND];
    if (k && !cJSON_IsNull(k)) {
        int kv = cJSON_IsString(k) ? ars_kind_parse(k->valuestring) : -1;
        if (kv < 0) { *err = ars_strdup("field \"kind\" is not a known kind"); rc = ARS_EPARSE; goto done; }
        d.kind = (ars_kind)kv;
    }
    const cJSON *srcs = f[D_SOURCES];
    if (srcs && !cJSON_IsArray(srcs)) { *err = ars_strdup("field \"sources\" must be an array"); rc = ARS_EPARSE; goto done; }
    int nsrc = srcs ? cJSON_GetArraySize(srcs) : 0;
    if (nsrc > 0 && !(d.sources = malloc((size_t)nsrc * sizeof *d.sources))) { rc = ARS_ENOMEM; goto done; }
    const cJSON *so;
    cJSON_ArrayForEach(so, srcs) {
        ars_source s;
        memset(&s, 0, sizeof s);
        s.quantity = ARS_NO_QUANTITY;
        if (!cJSON_IsObject(so)) { *err = ars_strdup("a source must be an object"); rc = ARS_EPARSE; goto done; }
        const cJSON *sf[S_N];
        fields(so, source_names, S_N, sf);
        if (!(rc = get_str(sf[S_DOC], "doc", &s.doc, err)) && !(rc = get_str(sf[S_TEXT], "text", &s.text, err)) &&
            !(rc = get_str(sf[S_DOC_DATE], "doc_date", &s.doc_date, err)) &&
            !(rc = get_quantity(sf[S_QUANTITY], &s.quantity, err)) &&
            !(rc = get_money(sf[S_VALUE], "value", &s.value, err)) && !(rc = get_date(sf[S_DATE], s.date, err)) &&
            !(rc = get_status(sf[S_STATUS], &s.status, err))) {
            const cJSON *st = sf[S_START];
            const cJSON *en = sf[S_END];
            if (cJSON_IsNumber(st) && st->valuedouble >= 0) s.start = (size_t)st->valuedouble;
            if (cJSON_IsNumber(en) && en->valuedouble >= 0) s.end = (size_t)en->valuedouble;
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
