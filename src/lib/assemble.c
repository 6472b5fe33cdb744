/*
 * assemble.c -- from the mentions of a sentence to deals.
 *
 * For each sentence:
 *   objects   named systems (gazetteer, patterns), generic classes ("drones"),
 *             anaphora ("ce système") -- minus platforms ("pour ses F-16")
 *   parties   countries, capitals/agencies, demonyms, companies, each given a
 *             role from its preposition ("auprès de" -> seller, "au profit de"
 *             -> buyer, "par" -> the agent of the verb) or its place around
 *             the main trigger (subject of "acheter" -> buyer, of "vendre" ->
 *             seller); what is left is settled by the systems' origins
 *   status    from the trigger and the modality/negation cues
 *   values    quantity next to its object, amount (not a budget), date
 * A small window carries the buyer, seller and status of the last deal-bearing
 * sentence to the next ones ("Le contrat ... inclut 18 lanceurs", "il a acquis").
 * Per document, deals are merged by (buyer, seller, system, kind); a generic
 * deal is dropped when a named deal of the same class says the same thing.
 */
#include "assemble.h"
#include "ac.h"
#include "arsenal/merge.h"
#include <stdlib.h>
#include <string.h>

enum { R_NONE = 0, R_BUYER, R_SELLER, R_UNKNOWN };
/* party_role() adds R_PLACE when the role is weak (the position, or "with"), and
 * R_PREP when a preposition gave it */
#define R_PLACE 16
#define R_PREP 32

typedef struct {
    int mi;                 /* mention index */
    int sys;                /* system index or -1 */
    int cat;                /* category index or -1 */
    const char *name;       /* designation words / generic words */
    bool generic;
    bool platform;
    bool own_fleet;         /* "its MiG-29" given away: sold by its owner, not by its maker's country */
    int seller;             /* country index or -1 */
    int supplier;           /* company index or -1 */
    int owner;              /* country index from an owner demonym, or -1 */
    int recipient;          /* country index from "to X" right after it, or -1 */
    int from;               /* country index from "from X" right after it, or -1 */
    long long qty;
    size_t surf_end;        /* folded end of the wording when longer than the mention, or 0 */
    size_t surf_start;      /* folded start of the wording when it begins before the mention, or 0 */
} object;

/* An object at mention mi (-1: none), with nothing known about it yet. */
static object object_at(int mi)
{
    return (object){.mi = mi, .sys = -1, .cat = -1, .seller = -1, .supplier = -1, .owner = -1, .recipient = -1, .from = -1, .qty = ARS_NO_QUANTITY};
}

typedef struct {
    int buyer, seller;      /* country indexes, -1 none */
    ars_status status;
    bool strong;
    int sent;
    int last_sys;           /* last named system, for "ce système" */
    int last_sys_sent;
    int deal_sent, deal_block;  /* the last sentence that made a deal, and its layout block */
    int focus;              /* the country the page is about: the most often named so far (latest on ties) */
    int *named;             /* per country: how often the page has named it so far */
    int list_sent, list_buyer;  /* the last sentence ending in ':' (a list follows), its buyer */
    int label_block, label_country; /* the block of the last item labelled by a country ("• Serbie – Rafale.") */
    bool list_deal;             /* ... and it has a deal word (not "On display will be:") */
    int topic, topic_sent, topic_block; /* a country opening a sentence that made no deal ("Le Sénégal, lui, ...",
                                 * "À Taipei, ..."): the next sentences are about it */
} window;

typedef struct {
    int buyer, seller, supplier, sys, cat;
    const char *name;
    const char *surface;    /* named systems: the words of the text */
    bool generic;
    ars_kind kind;
    ars_status status;
    bool strong;
    long long qty;
    ars_money value;
    char date[11];
    int sent;
} cand;

typedef struct { cand *v; size_t n, cap; } candlist;

/* ---- helpers over the folded text ----------------------------------------------- */

static size_t words_between(const doc_ctx *c, size_t a, size_t b)
{
    if (b <= a) return 0;
    size_t n = 0;
    const char *f = c->text.fold;
    for (size_t i = a; i < b; i++)
        if (ars_is_word_byte((unsigned char)f[i]) && (i == 0 || !ars_is_word_byte((unsigned char)f[i - 1]))) n++;
    return n;
}

/* A coordinating conjunction or a semicolon between two mentions: the next item
 * of a list ("F-16 de Lockheed Martin y el Rafale"), where a comma may only open
 * an aside ("sous-marins Attack, conçus par Naval Group"). */
static bool conj_break(const doc_ctx *c, size_t a, size_t b)
{
    const char *f = c->text.fold;
    static const char *const words[] = {" et ", " and ", " y ", " ou ", " or ", " ainsi que ", " as well as ", NULL};
    for (size_t i = a; i < b; i++) {
        if (f[i] == ';') return true;
        for (int k = 0; words[k]; k++) {
            size_t n = strlen(words[k]);
            if (i + n <= b + 1 && !strncmp(f + i, words[k], n)) return true;
        }
    }
    return false;
}

/* A list break between two mentions: a comma, a parenthesis, or what conj_break
 * sees ("drones IAI, radars Elta, missiles, systèmes Sky Lock"). */
static bool list_break(const doc_ctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (c->text.fold[i] == ',' || c->text.fold[i] == '(') return true;
    return conj_break(c, a, b);
}

/* Only a conjunction (and articles/prepositions) between two mentions:
 * " y de ", " et le ", " and ", ", ". */
static bool coordinated(const doc_ctx *c, size_t a, size_t b)
{
    static const char *const ok[] = {"y", "e", "et", "and", "de", "del", "la", "le", "les", "l", "el", "los", "las",
                                     "the", "from", "of", "d", "des", "du", NULL};
    const char *f = c->text.fold;
    bool conj = false;
    size_t i = a;
    while (i < b) {
        while (i < b && !ars_is_word_byte((unsigned char)f[i])) { if (f[i] == ',') conj = true; i++; }
        size_t s0 = i;
        while (i < b && ars_is_word_byte((unsigned char)f[i])) i++;
        if (i == s0) break;
        bool known = false;
        for (int k = 0; ok[k]; k++)
            if (strlen(ok[k]) == i - s0 && !memcmp(f + s0, ok[k], i - s0)) {
                known = true;
                if (!strcmp(ok[k], "y") || !strcmp(ok[k], "e") || !strcmp(ok[k], "et") || !strcmp(ok[k], "and")) conj = true;
            }
        if (!known) return false;
    }
    return conj;
}

/* A definite article (possibly followed by one qualifier) right before `pos`:
 * "the jets", "the American-made aircraft", "les drones", "los aviones". */
static bool definite_before(const doc_ctx *c, size_t start, size_t pos)
{
    static const char *const arts[] = {"the", "these", "those", "le", "la", "les", "l", "ce", "ces", "cet",
                                       "cette", "el", "los", "las", "este", "estos", "esta", "estas", "dichos", NULL};
    const char *f = c->text.fold;
    size_t i = pos;
    for (int w = 0; w < 2; w++) {
        while (i > start && !ars_is_word_byte((unsigned char)f[i - 1])) i--;
        size_t e = i;
        while (i > start && (ars_is_word_byte((unsigned char)f[i - 1]) || f[i - 1] == '-')) i--;
        if (e == i) return false;
        for (int k = 0; arts[k]; k++)
            if (strlen(arts[k]) == e - i && !memcmp(f + i, arts[k], e - i)) return true;
    }
    return false;
}

static const rule_trigger *trig(const doc_ctx *c, const mention *m)
{
    return m->kind == M_TRIGGER ? &c->r->triggers[m->id] : NULL;
}

static bool is_verb(trigger_type t) { return t == TR_BUY || t == TR_SELL || t == TR_DEAL || t == TR_APPROVE; }

static int country_of_mention(const doc_ctx *c, const mention *m)
{
    if (m->kind == M_COUNTRY || m->kind == M_METONYM || m->kind == M_DEMONYM) return (int)m->id;
    if (m->kind == M_COMPANY) return ars_rules_country_index(c->r, c->r->companies[m->id].country);
    return -1;
}

static int origin_of(const doc_ctx *c, const object *o)
{
    if (o->sys >= 0 && c->r->systems[o->sys].origin) return ars_rules_country_index(c->r, c->r->systems[o->sys].origin);
    return -1;
}

/* Is category `named` a kind of category `generic` (itself or a descendant
 * through the parents of categories.csv: "air-to-air missile" is a "missile")? */
static bool category_isa(const ars_rules *r, int named, int generic)
{
    if (named < 0 || generic < 0) return false;
    if (named == generic) return true;
    for (int p = 0; p < ARS_MAX_PARENTS; p++)
        if (r->categories[named].parent[p] >= 0 && category_isa(r, r->categories[named].parent[p], generic)) return true;
    return false;
}

/* Can a thing be of both categories, or do they share a root? ("Typhoon" a
 * fighter and the word "aircraft"; "Patriot" an air defence system and the word
 * "missiles", since a SAM is both) */
static bool category_related(const ars_rules *r, int a, int b)
{
    if (a < 0 || b < 0) return false;
    for (int k = 0; k < (int)r->ncategories; k++) {
        if (category_isa(r, k, a) && category_isa(r, k, b)) return true;
        bool root = true;
        for (int p = 0; p < ARS_MAX_PARENTS; p++) if (r->categories[k].parent[p] >= 0) root = false;
        if (root && category_isa(r, a, k) && category_isa(r, b, k)) return true;
    }
    return false;
}

/* ---- per-sentence assembly ------------------------------------------------------------ */

typedef struct {
    doc_ctx *c;
    size_t i0, i1;          /* mentions of the sentence */
    int s;
    const ars_sentence *se;
    int main;               /* mention index of the main trigger, -1 */
    trigger_type main_type;
} sent_view;

/* A purchase/sale/approval/deal word before mention k within 10 words, or a
 * sale/purchase participle or a "from" preposition within 4 words after it. */
static bool governed(const sent_view *v, size_t k)
{
    const doc_ctx *c = v->c;
    for (size_t j = v->i0; j < v->i1; j++) {
        const mention *m = &c->m[j];
        const rule_trigger *t = m->kind == M_TRIGGER ? &c->r->triggers[m->id] : NULL;
        if (!t) continue;
        bool verb = t->type == TR_BUY || t->type == TR_SELL || t->type == TR_APPROVE || t->type == TR_DEAL ||
                    t->type == TR_ANAPHOR_DEAL;
        if (j < k && verb && words_between(c, m->fe, c->m[k].fs) <= 10) return true;
        if (j > k && (verb || t->type == TR_FROM) && words_between(c, c->m[k].fe, m->fs) <= 4) return true;
    }
    return false;
}

static int nearest_trigger_before(const sent_view *v, size_t mi, size_t max_words, trigger_type want)
{
    const doc_ctx *c = v->c;
    for (size_t k = mi; k-- > v->i0;) {
        const mention *m = &c->m[k];
        if (words_between(c, m->fe, c->m[mi].fs) > max_words) break;
        const rule_trigger *t = trig(c, m);
        if (t && t->type == want) return (int)k;
    }
    return -1;
}

static bool any_trigger(const sent_view *v, trigger_type t)
{
    for (size_t k = v->i0; k < v->i1; k++) {
        const rule_trigger *tr = trig(v->c, &v->c->m[k]);
        if (tr && tr->type == t) return true;
    }
    return false;
}

/* Does the mention start with a capital letter in the original text? (A letter
 * outside ASCII counts as one: the rules' ambiguous names are ASCII-initial.) */
static bool starts_capital(const doc_ctx *c, const mention *m)
{
    unsigned char first = (unsigned char)c->text.orig[c->text.fold_map[m->fs]];
    return !(first >= 'a' && first <= 'z');
}

static bool is_object_mention(const mention *m) { return m->kind == M_SYSTEM || m->kind == M_DESIG; }

typedef struct { const doc_ctx *c; ent_type want; bool found; } kind_probe;

static void has_kind_cb(const ars_ac_hit *h, void *ctx)
{
    kind_probe *k = ctx;
    if (k->c->r->entries[h->payload].type == k->want) k->found = true;
}

static bool folded_is(const doc_ctx *c, size_t a, size_t b, ent_type want)
{
    kind_probe k = {c, want, false};
    ars_ac_lookup(c->r->ac, c->text.fold + a, b - a, has_kind_cb, &k);
    return k.found;
}

/* The end of a system's wording without a trailing class word that a rule's alias
 * carries, when what is left names the system too ("IRIS-T SLM air defence system"
 * is named "IRIS-T SLM"; "National Advanced Surface-to-Air Missile System" stays). */
static size_t without_class_suffix(const doc_ctx *c, size_t fs, size_t fe)
{
    const char *f = c->text.fold;
    for (size_t p = fs + 1; p < fe; p++)
        if (f[p - 1] == ' ' && folded_is(c, p, fe, ENT_CATEGORY) && folded_is(c, fs, p - 1, ENT_SYSTEM)) return p - 1;
    return fe;
}

/* Is the sentence an item of a list: its line starts with a bullet or a dash, or
 * it is a table row? */
static bool list_item(const doc_ctx *c, const ars_sentence *se)
{
    const unsigned char *o = (const unsigned char *)c->text.orig;
    size_t p = se->start;
    while (p > 0 && (o[p - 1] == ' ' || o[p - 1] == '\t')) p--;
    size_t mark = p;
    if (p >= 1 && (o[p - 1] == '-' || o[p - 1] == '*')) mark = p - 1;
    else if (p >= 3 && o[p - 3] == 0xE2 && (o[p - 2] == 0x80 || o[p - 2] == 0x96 || o[p - 2] == 0x97)) mark = p - 3;
    else {
        size_t bars = 0;
        for (size_t i = se->start; i < se->end; i++) bars += o[i] == '|';
        return bars >= 2;
    }
    while (mark > 0 && (o[mark - 1] == ' ' || o[mark - 1] == '\t')) mark--;
    return mark == 0 || o[mark - 1] == '\n';
}

/* Is the text between a and b just an opening parenthesis ("Ground Master (GM200")? */
static bool in_parens_after(const doc_ctx *c, size_t a, size_t b)
{
    const char *f = c->text.fold;
    bool paren = false;
    for (size_t i = a; i < b; i++) {
        if (f[i] == '(') paren = true;
        else if (f[i] != ' ') return false;
    }
    return paren;
}

/* Does ", which" / ", qui" / ", que" / ", que" follow position p? */
static bool relative_after(const doc_ctx *c, size_t p)
{
    static const char *const rel[] = {", which ", ", who ", ", qui ", ", que ", ", dont ", ", cuyo ", ", cuya ", NULL};
    for (int k = 0; rel[k]; k++) {
        size_t n = strlen(rel[k]);
        if (p + n <= c->text.fold_len && !memcmp(c->text.fold + p, rel[k], n)) return true;
    }
    return false;
}

/* Is the text between a and b one article ("in the Philippines", "en la India")? */
static bool only_article_between(const doc_ctx *c, size_t a, size_t b)
{
    static const char *const arts[] = {"the", "le", "la", "les", "l", "el", "los", "las", NULL};
    const char *f = c->text.fold;
    while (a < b && !ars_is_word_byte((unsigned char)f[a])) a++;
    size_t e = a;
    while (e < b && ars_is_word_byte((unsigned char)f[e])) e++;
    for (size_t i = e; i < b; i++)
        if (ars_is_word_byte((unsigned char)f[i])) return false;
    for (int k = 0; arts[k]; k++)
        if (strlen(arts[k]) == e - a && !memcmp(f + a, arts[k], e - a)) return true;
    return false;
}

/* A country, capital or demonym within two words of mention k ("la flotte
 * marocaine", "the Hungarian Air Force", "l'armée de l'Air algérienne")? */
static bool nationality_near(const sent_view *v, size_t k)
{
    const doc_ctx *c = v->c;
    for (size_t j = v->i0; j < v->i1; j++) {
        const mention *n = &c->m[j];
        if (j == k || (n->kind != M_COUNTRY && n->kind != M_METONYM && n->kind != M_DEMONYM)) continue;
        size_t gap = n->fs >= c->m[k].fe ? words_between(c, c->m[k].fe, n->fs) : words_between(c, n->fe, c->m[k].fs);
        if (gap <= 2) return true;
    }
    return false;
}

/* Is a country, capital, demonym or company named before mention k? */
static bool country_before(const sent_view *v, size_t k)
{
    for (size_t j = v->i0; j < k; j++) {
        mention_kind kd = v->c->m[j].kind;
        if (kd == M_COUNTRY || kd == M_METONYM || kd == M_DEMONYM || kd == M_COMPANY) return true;
    }
    return false;
}

/* Is country cty named (by its name or its capital) before mention k? */
static bool country_named_before(const sent_view *v, int cty, size_t k)
{
    for (size_t j = v->i0; j < k; j++) {
        const mention *m = &v->c->m[j];
        if ((m->kind == M_COUNTRY || m->kind == M_METONYM) && (int)m->id == cty) return true;
    }
    return false;
}

/* Words between mention mi and the main trigger of the sentence. */
static size_t main_gap(const sent_view *v, size_t mi)
{
    const mention *m = &v->c->m[mi], *t = &v->c->m[v->main];
    return t->fs >= m->fe ? words_between(v->c, m->fe, t->fs) : words_between(v->c, t->fe, m->fs);
}

/* A country that opens the sentence as its topic label, before ':', '|' or a
 * spaced dash ("Croatie : douze Rafale d'occasion", "| Qatar | 8 MQ-9B |",
 * "Arabie saoudite — drones Akinci (Baykar), juillet 2023"): in a list of deals,
 * the buyer of the item. */
static bool topic_label(const sent_view *v, size_t mi)
{
    const doc_ctx *c = v->c;
    const char *f = c->text.fold;
    /* a country's name, not a city: "WASHINGTON — The State Department ..." is a dateline */
    if (c->m[mi].kind != M_COUNTRY) return false;
    for (size_t i = v->se->fstart; i < c->m[mi].fs; i++)
        if (f[i] != ' ' && f[i] != '|' && f[i] != '-' && f[i] != '*') return false;
    size_t i = c->m[mi].fe;
    while (i < v->se->fend && f[i] == ' ') i++;
    if (i >= v->se->fend) return false;
    if (f[i] == ':' || f[i] == '|') return true;
    /* "- Czech Republic, 29 January." opening a list item */
    if (f[i] == ',' && v->se->fend - v->se->fstart < 48 && list_item(c, v->se)) return true;
    return f[i] == '-' && i > c->m[mi].fe && i + 1 < v->se->fend && f[i + 1] == ' ';
}

/* Is the subject of the main verb a company: one before it, and no country,
 * capital or demonym before it? */
static bool company_subject(const sent_view *v)
{
    bool company = false;
    for (size_t k = v->i0; k < (size_t)v->main; k++) {
        mention_kind kd = v->c->m[k].kind;
        if (kd == M_COUNTRY || kd == M_METONYM || kd == M_DEMONYM) return false;
        if (kd == M_COMPANY) company = true;
    }
    return company;
}

/* Role of a country mention from its preposition or its place. */
static int party_role(const sent_view *v, size_t mi)
{
    const doc_ctx *c = v->c;
    if (topic_label(v, mi)) return R_BUYER;
    /* "au Brésil, premier client étranger du Gripen": the customer is named beside the word */
    for (size_t k = mi + 1; k < v->i1 && words_between(c, c->m[mi].fe, c->m[k].fs) <= 2; k++) {
        const rule_trigger *t = trig(c, &c->m[k]);
        if (t && t->customer) return R_BUYER;
    }
    /* the closest trigger within 3 words before, stopping at any other entity */
    for (size_t k = mi; k-- > v->i0;) {
        const mention *m = &c->m[k];
        if (words_between(c, m->fe, c->m[mi].fs) > 3) break;
        if (m->kind != M_TRIGGER) {
            if (m->kind == M_DEMONYM || m->kind == M_CATEGORY) continue;
            break;
        }
        const rule_trigger *t = trig(c, m);
        switch (t->type) {
        case TR_FROM: return R_SELLER;
        case TR_TO:
            /* "For Moscow, which supplies most of Algeria's weapons, ...": a sentence that
             * opens with it, the country described by a relative clause, names a point
             * of view ("Pour Rabat, l'intérêt porté au S-400" still names the buyer) */
            if (k == v->i0 && words_between(c, v->se->fstart, m->fs) == 0 && relative_after(c, c->m[mi].fe)) return R_NONE;
            return R_BUYER;
        case TR_AT:
            /* "firmó en Copenhague", "signed in the Philippines": a place, not a party */
            if (words_between(c, m->fe, c->m[mi].fs) == 0 || only_article_between(c, m->fe, c->m[mi].fs)) return R_NONE;
            continue;
        case TR_BY: {
            /* agent of the verb right before it ("livrés par", "approved by"); after
             * another word ("offers ... proposed by the United States") it is no
             * agent of ours */
            for (size_t j = k; j-- > v->i0;) {
                if (words_between(c, c->m[j].fe, m->fs) > 3) break;
                const rule_trigger *u = trig(c, &c->m[j]);
                if (u && is_verb(u->type))
                    return u->type == TR_BUY ? R_BUYER : (u->type == TR_SELL || u->type == TR_APPROVE) ? R_SELLER : R_UNKNOWN;
            }
            return R_UNKNOWN;
        }
        case TR_OTHER:
            /* "with", "avec", "a": the other party of the verb, as weak as a place
             * ("the agreement with Seoul ... made Warsaw the biggest customer") */
            if (v->main < 0) return R_UNKNOWN;
            /* "Korea Aerospace Industries signed a contract with the Philippine DND": a
             * maker as the subject sells, the other party buys */
            if (v->main_type == TR_BUY && company_subject(v)) return R_BUYER | R_PLACE | R_PREP;
            return v->main_type == TR_BUY ? R_SELLER | R_PLACE | R_PREP
                 : (v->main_type == TR_SELL || v->main_type == TR_APPROVE) ? R_BUYER | R_PLACE | R_PREP : R_UNKNOWN;
        case TR_BUY: case TR_SELL: case TR_APPROVE: case TR_DEAL:
            /* a verb phrase ending in "par"/"by"/"por" carries its own agent */
            if (t->phrase) {
                size_t n = strlen(t->phrase);
                bool by = (n > 4 && !strcmp(t->phrase + n - 4, " par")) || (n > 3 && !strcmp(t->phrase + n - 3, " by")) ||
                          (n > 4 && !strcmp(t->phrase + n - 4, " por"));
                if (by) return t->type == TR_BUY ? R_BUYER : R_SELLER;
                /* "livrés au Maroc": a participle with its preposition */
            }
            goto place;
        default:
            continue;
        }
    }
place:
    if (v->main < 0) return R_UNKNOWN;
    if ((size_t)v->main > mi) { /* before the main trigger: its subject */
        switch (v->main_type) {
        case TR_BUY: return R_BUYER | R_PLACE;
        case TR_SELL: case TR_APPROVE: return R_SELLER | R_PLACE;
        default: return R_UNKNOWN;
        }
    }
    /* after the verb without a preposition: the object right after it ("sold Morocco
     * ..."); farther away it is some other part of the sentence ("... if the Iran war
     * drags on"), which says nothing of the deal */
    size_t gap = words_between(c, c->m[v->main].fe, c->m[mi].fs);
    if ((v->main_type == TR_SELL || v->main_type == TR_APPROVE) && gap <= 3) return R_BUYER | R_PLACE;
    if (v->main_type == TR_SELL || v->main_type == TR_APPROVE) return gap <= 12 ? R_UNKNOWN : R_NONE;
    return gap <= 30 ? R_UNKNOWN : R_NONE;
}

static ars_status sentence_status(const sent_view *v, bool *strong, bool *negated, bool *cancelled, bool *by_verbs)
{
    const doc_ctx *c = v->c;
    ars_status best = ARS_STATUS_NONE, weak = ARS_STATUS_NONE, modal = ARS_STATUS_NONE, approve = ARS_STATUS_NONE;
    *negated = *cancelled = false;
    for (size_t k = v->i0; k < v->i1; k++) {
        const rule_trigger *t = trig(c, &c->m[k]);
        if (!t) continue;
        switch (t->type) {
        case TR_CANCEL: *cancelled = true; break;
        case TR_MODAL:
            if (modal == ARS_STATUS_NONE || t->status == ARS_STATUS_NEGOTIATING) modal = t->status;
            break;
        case TR_APPROVE: approve = ARS_STATUS_APPROVED; break;
        case TR_BUY: case TR_SELL: case TR_DEAL:
            if (t->strong) { if (ars_status_rank(t->status) > ars_status_rank(best)) best = t->status; }
            else if (ars_status_rank(t->status) > ars_status_rank(weak)) weak = t->status;
            break;
        case TR_NEGATION:
            /* negation governs a verb within 4 words after it */
            for (size_t j = k + 1; j < v->i1; j++) {
                const mention *m = &c->m[j];
                if (words_between(c, c->m[k].fe, m->fs) > 4) break;
                const rule_trigger *u = trig(c, m);
                /* "has not bought"; a weak word only right after it ("is not buying") */
                if (u && is_verb(u->type) && (u->strong || words_between(c, c->m[k].fe, m->fs) <= 1)) {
                    *negated = true;
                    break;
                }
            }
            break;
        default: break;
        }
    }
    *strong = true;
    *by_verbs = false;
    if (*cancelled) return ARS_STATUS_CANCELLED;
    if (modal) return modal;
    if (approve) return approve;
    *by_verbs = best != ARS_STATUS_NONE;
    if (best) return best;
    *strong = false;
    return weak;
}

static int nearest_object(const sent_view *v, size_t k);

static bool is_status_verb(const rule_trigger *t)
{
    return t && t->strong && t->status && (t->type == TR_BUY || t->type == TR_SELL || t->type == TR_DEAL);
}

/* Among several strong verbs of different statuses, an object takes the status of
 * its own verb: the nearest one before it, else after it ("Après les drones CH-4
 * déjà en service, Alger a commandé six Aksungur": CH-4 delivered, Aksungur ordered). */
static ars_status own_verb_status(const sent_view *v, size_t mi, ars_status fallback)
{
    const doc_ctx *c = v->c;
    for (size_t k = mi; k-- > v->i0;)
        if (is_status_verb(trig(c, &c->m[k]))) return trig(c, &c->m[k])->status;
    for (size_t k = mi + 1; k < v->i1; k++)
        if (is_status_verb(trig(c, &c->m[k]))) return trig(c, &c->m[k])->status;
    return fallback;
}

static void fill_object_context(const sent_view *v, object *o, int *buyer_hint)
{
    const doc_ctx *c = v->c;
    const mention *om = &c->m[o->mi];
    /* neighbours: demonyms and companies within 3 words on either side */
    for (size_t k = v->i0; k < v->i1; k++) {
        if ((int)k == o->mi) continue;
        const mention *m = &c->m[k];
        size_t gap = m->fs >= om->fe ? words_between(c, om->fe, m->fs) : words_between(c, m->fe, om->fs);
        bool after = m->fs >= om->fe;
        if (m->kind == M_DEMONYM && gap <= (after ? 2u : 3u) &&
            !list_break(c, after ? om->fe : m->fe, after ? m->fs : om->fs) && nearest_object(v, k) == o->mi) {
            int cty = (int)m->id;
            int org = origin_of(c, o);
            /* "chars Abrams marocains": an owner, unless it is the origin */
            if (after && o->sys >= 0 && org >= 0 && org != cty) { o->owner = cty; *buyer_hint = cty; }
            else if (o->seller < 0) o->seller = cty;
        } else if (m->kind == M_COMPANY && gap <= (after ? 3u : 1u) && o->supplier < 0 &&
                   !(after ? conj_break(c, om->fe, m->fs) : list_break(c, m->fe, om->fs))) {
            /* a company right after ("radars Elta", "de Lockheed Martin", "fabriqués par IAI")
             * or right before ("IAI Heron"), not across a list ("F-16 de Lockheed Martin y el Rafale") */
            bool stop = false;
            size_t a = after ? (size_t)o->mi + 1 : k + 1, b = after ? k : (size_t)o->mi;
            for (size_t j = a; j < b; j++)
                if (c->m[j].kind != M_TRIGGER && c->m[j].kind != M_CATEGORY && c->m[j].kind != M_DEMONYM) stop = true;
            if (!stop) o->supplier = (int)m->id;
        } else if ((m->kind == M_COUNTRY || m->kind == M_METONYM) && after && gap <= 4 && o->from < 0 &&
                   k > 0 && trig(c, &c->m[k - 1]) && trig(c, &c->m[k - 1])->type == TR_FROM &&
                   (words_between(c, c->m[k - 1].fe, m->fs) == 0 || only_article_between(c, c->m[k - 1].fe, m->fs)) &&
                   !list_break(c, om->fe, c->m[k - 1].fs)) {
            /* its own seller: "12 A-29 from the United States and three JF-17 from Pakistan" */
            o->from = (int)m->id;
        } else if ((m->kind == M_COUNTRY || m->kind == M_METONYM) && after && gap <= 4 && k >= 2 &&
                   trig(c, &c->m[k - 1]) && trig(c, &c->m[k - 1])->type == TR_BY && trig(c, &c->m[k - 2]) &&
                   (trig(c, &c->m[k - 2])->type == TR_SELL || trig(c, &c->m[k - 2])->type == TR_BUY) &&
                   (int)k - 2 > o->mi && !list_break(c, om->fe, c->m[k - 2].fs)) {
            /* its own agent: "Mirage 2000-5F promis par la France", "F-16 fournis par les
             * Pays-Bas", "drones acquis par le Maroc" */
            if (trig(c, &c->m[k - 2])->type == TR_SELL) { if (o->from < 0) o->from = (int)m->id; }
            else if (o->recipient < 0) o->recipient = (int)m->id;
        } else if ((m->kind == M_COUNTRY || m->kind == M_METONYM) && after && gap <= 3 && o->recipient < 0 &&
                   k > 0 && trig(c, &c->m[k - 1]) && trig(c, &c->m[k - 1])->type == TR_TO &&
                   words_between(c, c->m[k - 1].fe, m->fs) <= 1 && !list_break(c, om->fe, c->m[k - 1].fs)) {
            /* its own recipient: "cazas para Manila y misiles para Rabat" */
            o->recipient = (int)m->id;
        } else if (m->kind == M_CATEGORY && o->cat < 0 && gap <= 4 && !c->r->categories[m->id].generic) {
            /* vague words ("système") say little */
        } else if (m->kind == M_CATEGORY && o->cat < 0 && (gap <= 5 || (gap <= 8 && !after && om->kind == M_DESIG))) {
            o->cat = (int)m->id;
        }
    }
}

/* The object mention nearest to mention k in the sentence (by words), or -1. */
static int nearest_object(const sent_view *v, size_t k)
{
    const doc_ctx *c = v->c;
    int best = -1;
    size_t bestgap = SIZE_MAX;
    for (size_t j = v->i0; j < v->i1; j++) {
        const mention *n = &c->m[j];
        if (!is_object_mention(n) && !(n->kind == M_CATEGORY && c->r->categories[n->id].generic)) continue;
        size_t gap = n->fs >= c->m[k].fe ? words_between(c, c->m[k].fe, n->fs) : words_between(c, n->fe, c->m[k].fs);
        /* "drones chinois CH-4": at equal distance the named system wins over its class word */
        if (gap < bestgap || (gap == bestgap && best >= 0 && !is_object_mention(&c->m[best]) && is_object_mention(n))) {
            bestgap = gap;
            best = (int)j;
        }
    }
    return best;
}

static bool has_context(const sent_view *v, size_t mi)
{
    const doc_ctx *c = v->c;
    const mention *om = &c->m[mi];
    for (size_t k = v->i0; k < v->i1; k++) {
        if (k == mi) continue;
        const mention *m = &c->m[k];
        if (m->fs < om->fe && om->fs < m->fe) continue;   /* the same words ("frégate" as name and class) */
        size_t gap = m->fs >= om->fe ? words_between(c, om->fe, m->fs) : words_between(c, m->fe, om->fs);
        if (om->kind == M_SYSTEM) {
            /* a known system: the class word must fit it ("Typhoon aircraft", not
             * "Amazon's cloud platform") and stand close; a company must be its maker
             * or stand right next to it ("IAI Heron") */
            const rule_system *sy = &c->r->systems[om->id];
            int cat = ars_rules_category_index(c->r, sy->category);
            if (m->kind == M_CATEGORY && gap <= 3 && category_related(c->r, (int)m->id, cat)) return true;
            if (m->kind == M_COMPANY && ((gap <= 4 && (int)m->id == sy->maker) || gap == 0)) return true;
        } else {
            if (m->kind == M_CATEGORY && gap <= 5) return true;
            if (m->kind == M_COMPANY && gap <= 4) return true;
        }
        if (m->kind == M_SYSTEM && gap <= 2 && !(m->flags & EF_AMBIGUOUS)) return true;
        /* a count right before a name: "six Rafale", "24 CAESAR" */
        if (m->kind == M_QTY && m->fe <= om->fs && gap == 0) return true;
    }
    return false;
}

static bool is_platform(const sent_view *v, size_t mi)
{
    const doc_ctx *c = v->c;
    if (nearest_trigger_before(v, mi, 3, TR_RETIRED) >= 0) return true;
    int p = nearest_trigger_before(v, mi, 3, TR_POSSESSIVE);
    if (p < 0) return false;
    /* "it handed over 14 of its MiG-29 to Ukraine": one's own fleet, given away
     * (the caller sees it as a transfer by the owner) */
    if (v->main >= 0 && v->main < p && v->main_type == TR_SELL) return false;
    for (size_t k = (size_t)p + 1; k < mi; k++) {
        const rule_trigger *t = trig(c, &c->m[k]);
        if (t && t->type == TR_NOVELTY) return false;
        if (c->m[k].kind == M_QTY) return false;
    }
    return true;
}

static int push_cand(candlist *cl, const cand *x)
{
    if (ARS_GROW(cl->v, cl->n, cl->cap)) return ARS_ENOMEM;
    cl->v[cl->n++] = *x;
    return 0;
}

/* What one sentence (or clause) has read so far: each stage of assemble_sentence
 * fills its part and reads what the earlier stages left. */
typedef struct {
    doc_ctx *c;
    sent_view *v;
    window *w;
    candlist *out;
    /* setup */
    bool link;              /* the sentence opens with a link to another article */
    ars_status st;
    bool strong, negated, cancelled, by_verbs;
    bool has_modal, anaphor_deal, anaphor_sys;
    size_t first_cand;      /* the candidates this sentence adds start here */
    /* objects */
    object objs[64];
    size_t no, nnamed;      /* objects; the named ones come first */
    int buyer_hint;         /* the country of an owner demonym ("chars Abrams marocains"), or -1 */
    /* parties */
    bool item;              /* an item of a list of deals that a sentence ending in ':' opened */
    int label_country;      /* the country labelling this sentence's list item, or -1 */
    int buyer, seller;      /* country indexes, -1 none */
    bool seller_stated;     /* by a preposition, a subject, a company: not inferred */
    bool seller_said;       /* the seller comes from a preposition or a company ("auprès de", "from") */
    int extra_sellers[4], extra_buyers[4];  /* countries coordinated with the seller, the buyer */
    size_t nxs, nxb;
    int sent_company;       /* the first company of the sentence, or -1 */
    int unknown[16];        /* countries of no stated part, settled by the systems' origins (-1: taken) */
    size_t nunk;
    /* the window */
    bool recent, frame, reach;
    bool buyer_here;        /* the buyer is named in this sentence, not carried over */
    int ctx_seller;
    /* values */
    ars_money value;
    const char *date;
} sent_state;

/* ---- stage 1: setup ---- */

/* A headline starts a new story: nothing carries over from the previous one;
 * a link to another article ("À lire aussi : ...", "Read more: ...") inside a
 * story does not end it. */
static void reset_at_headline(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    s->link = v->i1 > v->i0 && c->m[v->i0].kind == M_TRIGGER && c->r->triggers[c->m[v->i0].id].type == TR_LINK &&
              c->m[v->i0].fs - v->se->fstart <= 2;
    if (v->se->headline && !s->link) {
        w->sent = w->deal_sent = -1000;
        w->buyer = w->seller = -1;
        w->last_sys = -1;
        w->status = ARS_STATUS_NONE;
        w->strong = false;
    }
}

/* The main trigger: first strong buy/sell/approve, else first verb-like. */
static void find_main_trigger(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    v->main = -1;
    /* strong buy/sell/approve, else weak ones, else a neutral deal word */
    for (int pass = 0; pass < 3 && v->main < 0; pass++)
        for (size_t k = v->i0; k < v->i1; k++) {
            const rule_trigger *t = trig(c, &c->m[k]);
            if (!t || !is_verb(t->type)) continue;
            if (pass == 0 && (!t->strong || t->type == TR_DEAL)) continue;
            if (pass == 1 && t->type == TR_DEAL) continue;
            v->main = (int)k;
            v->main_type = t->type;
            break;
        }
}

/* The status of the sentence and the cues the later stages ask about. */
static void read_status(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    s->st = sentence_status(v, &s->strong, &s->negated, &s->cancelled, &s->by_verbs);
    /* "le Conseil des acquisitions a approuvé l'achat de 26 Rafale": an approval of a
     * purchase is the buyer's decision, not an export licence, unless the text says
     * where it comes from ("l'autorisation de la part des États-Unis pour l'acquisition") */
    if (v->main >= 0 && v->main_type == TR_APPROVE) {
        bool buy_after = false, from = false;
        for (size_t k = (size_t)v->main + 1; k < v->i1; k++) {
            const rule_trigger *t = trig(c, &c->m[k]);
            if (!t) continue;
            if (t->type == TR_SELL) break;
            if (t->type == TR_FROM) from = true;
            if (t->type == TR_BUY && words_between(c, c->m[v->main].fe, c->m[k].fs) <= 12) { buy_after = true; break; }
        }
        if (buy_after && !from) {
            v->main_type = TR_BUY;
            if (s->st == ARS_STATUS_APPROVED) { s->st = ARS_STATUS_ORDERED; s->strong = false; }
        }
    }
    s->has_modal = any_trigger(v, TR_MODAL);
    s->anaphor_deal = any_trigger(v, TR_ANAPHOR_DEAL);
    s->anaphor_sys = any_trigger(v, TR_ANAPHOR_SYSTEM);
}

/* ---- stage 2: objects ---- */

/* Named systems and designations, minus platforms ("pour ses F-16"). */
static void named_objects(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    const ars_rules *r = c->r;
    for (size_t k = v->i0; k < v->i1 && s->no < 64; k++) {
        const mention *m = &c->m[k];
        if (!is_object_mention(m)) continue;
        /* an ambiguous name or an unknown code right after a named system extends its
         * name ("Heron TP", "M1A2 Abrams SEPv3") */
        if ((m->kind == M_DESIG || (m->flags & EF_AMBIGUOUS)) && starts_capital(c, m) && s->no > 0 && s->objs[s->no - 1].mi >= 0 &&
            s->objs[s->no - 1].sys >= 0 &&
            c->m[s->objs[s->no - 1].mi].fe <= m->fs && words_between(c, c->m[s->objs[s->no - 1].mi].fe, m->fs) == 0 &&
            !list_break(c, c->m[s->objs[s->no - 1].mi].fe, m->fs)) {
            s->objs[s->no - 1].surf_end = m->fe;
            continue;
        }
        /* "FGM-148F Javelin": a code the rules do not know, right before a system they
         * know, is part of its name */
        bool before_system = k + 1 < v->i1 && c->m[k + 1].kind == M_SYSTEM && c->m[k + 1].fs >= m->fe &&
                             words_between(c, m->fe, c->m[k + 1].fs) == 0 && !list_break(c, m->fe, c->m[k + 1].fs);
        if (m->kind == M_DESIG && before_system) continue;
        /* "Ground Master (GM200)", "(Cheongung II)": a name and the known system in
         * parentheses beside it are one object */
        if (m->kind == M_DESIG && k + 1 < v->i1 && c->m[k + 1].kind == M_SYSTEM && in_parens_after(c, m->fe, c->m[k + 1].fs))
            continue;
        if (m->kind == M_DESIG && k > v->i0 && c->m[k - 1].kind == M_SYSTEM && in_parens_after(c, c->m[k - 1].fe, m->fs))
            continue;
        if (m->flags & EF_AMBIGUOUS) {
            /* an ambiguous name is a proper name: capitalised in the text ("Heron",
             * not "heron"; "Spike", not "costs could spike") and next to a class
             * word or a company ("drones « Heron »", "IAI Heron") */
            if (!starts_capital(c, m)) continue;
            if (!has_context(v, k)) continue;
        }
        object o = object_at((int)k);
        if (m->kind == M_SYSTEM) {
            o.sys = (int)m->id;
            o.name = r->systems[m->id].name;
            const mention *p = k > v->i0 ? &c->m[k - 1] : NULL;
            if (p && p->kind == M_DESIG && p->fe <= m->fs && words_between(c, p->fe, m->fs) == 0 && !list_break(c, p->fe, m->fs))
                o.surf_start = p->fs;
        } else {
            o.name = m->name;
            o.cat = m->category;
        }
        o.platform = is_platform(v, k);
        o.own_fleet = !o.platform && nearest_trigger_before(v, k, 3, TR_POSSESSIVE) >= 0;
        /* "its older Mirage 2000-5 and F-4 Phantom fleets": what is joined to a platform
         * is one too; "drones chinois CH-4 et CH-5": to a system of stated origin, from there too */
        bool joined = s->no > 0 && s->objs[s->no - 1].mi >= 0 && coordinated(c, c->m[s->objs[s->no - 1].mi].fe, m->fs);
        if (joined && s->objs[s->no - 1].platform) o.platform = true;
        fill_object_context(v, &o, &s->buyer_hint);
        if (joined && o.seller < 0 && o.supplier < 0 && s->objs[s->no - 1].seller >= 0) o.seller = s->objs[s->no - 1].seller;
        /* a designation the rules do not know ("F-21", a name in quotes) is a system only
         * with a class word or a maker next to it: a bare code or a so-called "X" is not */
        if (m->kind == M_DESIG && o.cat < 0 && o.supplier < 0) continue;
        /* the same system twice in a sentence: once */
        bool dup = false;
        for (size_t j = 0; j < s->no; j++)
            if ((o.sys >= 0 && s->objs[j].sys == o.sys) || (o.sys < 0 && s->objs[j].sys < 0 && s->objs[j].name && o.name && !strcmp(s->objs[j].name, o.name))) dup = true;
        if (!dup) s->objs[s->no++] = o;
    }
    s->nnamed = s->no;
}

/* Generic classes ("drones") that a purchase or sale governs. */
static void generic_objects(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    const ars_rules *r = c->r;
    /* a trigger-less sentence listing systems right after a strong purchase or
     * sale ("il a été question de drones IAI, radars Elta, missiles...") */
    bool frame_ok = v->main < 0 && !s->anaphor_deal && w->sent >= 0 && v->s - w->sent <= 6 && w->strong;
    /* generic classes that are not a named object's modifier */
    for (size_t k = v->i0; k < v->i1 && s->no < 64; k++) {
        const mention *m = &c->m[k];
        if (m->kind != M_CATEGORY || !r->categories[m->id].generic) continue;
        bool modifier = false;
        for (size_t j = v->i0; j < v->i1 && !modifier; j++) {
            const mention *n = &c->m[j];
            if (!is_object_mention(n)) continue;
            size_t reach = n->kind == M_DESIG ? 8 : 5;
            if (n->fs >= m->fe && words_between(c, m->fe, n->fs) <= reach && !list_break(c, m->fe, n->fs)) {
                /* only entities/quotes between: "systèmes de missiles ... connus sous le nom de HIMARS" */
                bool blocked = false;
                for (size_t q = k + 1; q < j; q++) if (c->m[q].kind == M_COUNTRY || c->m[q].kind == M_METONYM) blocked = true;
                if (!blocked) modifier = true;
            }
            /* "48 KAAN fifth-generation fighters", "BrahMos shore-based anti-ship missile batteries" */
            if (n->fe <= m->fs && words_between(c, n->fe, m->fs) <= 3 && !list_break(c, n->fe, m->fs)) modifier = true;
        }
        if (modifier) continue;
        if (nearest_trigger_before(v, k, 20, TR_DESCRIBE) >= 0) continue; /* "spécialisée dans ..., ..., la guerre électronique" */
        /* "the jets", "l'appareil", "los aviones": a reference to something already named */
        if (definite_before(c, v->se->fstart, m->fs) && w->last_sys >= 0 && v->s - w->last_sys_sent <= 3) continue;
        /* a class is an object only when a purchase or sale governs it: the word
         * comes before it ("acquis ... des drones", "sale of F-16 fighter jets") or
         * a participle right after it ("drones fournis par", "jets retired by") */
        if (!frame_ok && !governed(v, k)) continue;
        /* "destinés au porte-avions": a destination, not an object */
        if (nearest_trigger_before(v, k, 1, TR_TO) >= 0 || nearest_trigger_before(v, k, 1, TR_OTHER) >= 0) continue;
        /* "includes no new aircraft, weapons or munitions" */
        if (nearest_trigger_before(v, k, 5, TR_NEGATION) >= 0) continue;
        if (is_platform(v, k)) continue;
        bool dup = false;
        for (size_t j = s->nnamed; j < s->no; j++) if (s->objs[j].cat == (int)m->id) dup = true;
        if (dup) continue;
        object o = object_at((int)k);
        o.cat = (int)m->id;
        o.generic = true;
        char *nm = ars_arena_strndup(&c->arena, c->text.orig + c->text.fold_map[m->fs],
                                     c->text.fold_map[m->fe] - c->text.fold_map[m->fs]);
        o.name = nm;
        fill_object_context(v, &o, &s->buyer_hint);
        s->objs[s->no++] = o;
    }
}

/* "ce système": the last named system of the previous sentences -- in a sentence
 * with a deal word of its own ("Abou Dhabi l'avait commandé"); without one it
 * only describes the system ("Raytheon, which builds the system with Kongsberg") */
static void anaphoric_object(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    const ars_rules *r = c->r;
    if (s->nnamed == 0 && s->anaphor_sys && w->last_sys >= 0 && v->s - w->last_sys_sent <= 3 && s->no < 64 &&
        (v->main >= 0 || s->anaphor_deal)) {
        object o = object_at(-1);
        o.sys = w->last_sys;
        o.name = r->systems[w->last_sys].name;
        /* attach to the anaphor's position for quantities: find it */
        for (size_t k = v->i0; k < v->i1; k++) {
            const rule_trigger *t = trig(c, &c->m[k]);
            if (t && t->type == TR_ANAPHOR_SYSTEM) { o.mi = (int)k; break; }
        }
        if (o.mi >= 0) s->objs[s->no++] = o;
    }
}

/* ---- stage 3: parties ---- */

/* an item of a list that a sentence ending in ':' opened ("la Pologne est devenue le
 * premier client de l'industrie sud-coréenne :", then "• obusiers K9 de Hanwha :
 * plus de 360 exemplaires") names systems of that sentence's buyer: the countries
 * it names itself sell ("Rafale (Francia): 42 aparatos ...") unless one labels it */
static void read_list_item(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    s->item = list_item(c, v->se) && w->list_sent >= 0 && v->s - w->list_sent <= 15 && w->list_deal;
    bool labelled = false;
    for (size_t k = v->i0; k < v->i1; k++)
        if ((c->m[k].kind == M_COUNTRY || c->m[k].kind == M_METONYM) && topic_label(v, k)) labelled = true;
    /* ... unless a country is the item's own subject ("Malaysia signed a contract with KAI") */
    bool own_subject = false;     /* the item opens with a country, before any system or verb */
    for (size_t k = v->i0; k < v->i1 && s->item; k++) {
        const mention *m = &c->m[k];
        if (m->kind == M_COUNTRY || m->kind == M_METONYM) { own_subject = true; break; }
        if (is_object_mention(m) || m->kind == M_CATEGORY || (trig(c, m) && is_verb(trig(c, m)->type))) break;
    }
    s->buyer = s->item && !labelled && !own_subject && w->list_buyer >= 0 ? w->list_buyer : -1;
    /* the label holds for the rest of its item: "• Serbie – Rafale. Fin août, ... douze
     * Rafale", "- Czech Republic, 29 January. The minister signed for 24 F-35A." */
    for (size_t k = v->i0; k < v->i1; k++)
        if ((c->m[k].kind == M_COUNTRY || c->m[k].kind == M_METONYM) && topic_label(v, k)) {
            w->label_block = v->se->block;
            w->label_country = (int)c->m[k].id;
        }
    s->label_country = v->se->block == w->label_block ? w->label_country : -1;
}

/* Countries and the anaphora of a country ("le Royaume"), each given its part. */
static void country_roles(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    /* explicit roles (prepositions) first, then roles from the position; a
     * positional role that collides with an explicit one takes the other side
     * ("Le Maroc a reçu l'autorisation de la part des États-Unis") */
    int placed[16], placed_role[16];
    size_t placed_gap[16];
    size_t nplaced = 0;
    int prev_said = -1;              /* the last country mention whose part a preposition says */
    for (size_t k = v->i0; k < v->i1; k++) {
        const mention *m = &c->m[k];
        int cty;
        if (m->kind == M_COUNTRY || m->kind == M_METONYM) {
            if ((m->flags & EF_AMBIGUOUS) && v->main < 0) continue;
            /* an ambiguous name is a proper name: "Turkey", not "turkey"; "Antigua", not "la antigua Nexter" */
            if ((m->flags & EF_AMBIGUOUS) && !starts_capital(c, m)) continue;
            cty = (int)m->id;
            /* "la Marina Real saudí", "the Royal Navy of Oman": a generic force name
             * belongs to the nationality written with it */
            if (m->kind == M_METONYM && k + 1 < v->i1 && c->m[k + 1].kind == M_DEMONYM && c->m[k + 1].id != m->id &&
                words_between(c, m->fe, c->m[k + 1].fs) == 0)
                cty = (int)c->m[k + 1].id;
        } else if (trig(c, m) && trig(c, m)->type == TR_ANAPHOR_PARTY && starts_capital(c, m)) {
            /* "le Royaume", "el Reino", "the Kingdom": the country the story is about */
            cty = w->buyer >= 0 ? w->buyer : w->focus;
            if (cty < 0) continue;
        } else {
            continue;
        }
        int role = party_role(v, k);
        /* an ambiguous one-word name ("Victoria", "Georgia", "Jordan") is a party only
         * where a preposition says so; "la Marine royale" may still be a subject */
        if (m->kind != M_TRIGGER && (m->flags & EF_AMBIGUOUS) && words_between(c, m->fs, m->fe) <= 1 &&
            ((role & R_PLACE) || role == R_UNKNOWN))
            continue;
        /* "con el Reino Unido y Alemania": a country joined to one whose part is said
         * takes that part (the coordination pass below), not a place of its own */
        if ((role & R_PLACE) && !(role & R_PREP) && prev_said >= 0 && words_between(c, c->m[prev_said].fe, m->fs) <= 3 &&
            coordinated(c, c->m[prev_said].fe, m->fs) && conj_break(c, c->m[prev_said].fe, m->fs))
            continue;
        if ((!(role & R_PLACE) || (role & R_PREP)) && role != R_UNKNOWN) prev_said = (int)k;
        role &= ~R_PREP;
        if (role & R_PLACE) {
            if (nplaced < 16) {
                placed_gap[nplaced] = main_gap(v, k);
                placed[nplaced] = cty;
                placed_role[nplaced++] = role & ~R_PLACE;
            }
        } else if (role == R_BUYER && s->buyer < 0) s->buyer = cty;
        else if (role == R_SELLER && s->seller < 0) { s->seller = cty; s->seller_said = true; }
        else if (role == R_UNKNOWN && s->nunk < 16) s->unknown[s->nunk++] = cty;
    }
    /* a demonym in subject position, qualifying no object, is a party too:
     * "Le Conseil des acquisitions de défense indien a approuvé ..." */
    if (v->main >= 0)
        for (size_t k = v->i0; k < (size_t)v->main && nplaced < 16; k++) {
            const mention *m = &c->m[k];
            if (m->kind != M_DEMONYM) continue;
            int no_ = nearest_object(v, k);
            if (no_ >= 0 && (c->m[no_].fs >= m->fe ? words_between(c, m->fe, c->m[no_].fs) : words_between(c, c->m[no_].fe, m->fs)) <= 3)
                continue;
            bool named = false;
            for (size_t q = 0; q < nplaced; q++) if (placed[q] == (int)m->id) named = true;
            if (named || (int)m->id == s->buyer || (int)m->id == s->seller) continue;
            int role = v->main_type == TR_BUY ? R_BUYER : (v->main_type == TR_SELL || v->main_type == TR_APPROVE) ? R_SELLER : R_UNKNOWN;
            if (role == R_UNKNOWN) continue;
            placed_gap[nplaced] = main_gap(v, k);
            placed[nplaced] = (int)m->id;
            placed_role[nplaced++] = role;
        }
    /* nearest to the verb first: "Guerre en Ukraine : la Belgique promet 30 F-16" */
    bool taken[16] = {false};
    for (size_t n = 0; n < nplaced; n++) {
        size_t k = 0;
        for (size_t q = 0; q < nplaced; q++)
            if (!taken[q] && (taken[k] || placed_gap[q] < placed_gap[k])) k = q;
        taken[k] = true;
        int cty = placed[k], role = placed_role[k];
        if (cty == s->buyer || cty == s->seller) continue;
        if (role == R_SELLER && s->seller >= 0 && s->buyer < 0) role = R_BUYER;
        else if (role == R_BUYER && s->buyer >= 0 && s->seller < 0) role = R_SELLER;
        if (role == R_BUYER && s->buyer < 0) s->buyer = cty;
        else if (role == R_SELLER && s->seller < 0) s->seller = cty;
    }
    s->seller_stated = s->seller >= 0;
}

/* coordinated parties: "procedentes de Alemania y de Estados Unidos", "la France
 * et le Danemark ont livré": a country joined to a buyer or seller by a
 * conjunction plays the same part */
static void coordinated_parties(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    int prev_cty = -1;
    size_t prev_end = 0;
    for (size_t k = v->i0; k < v->i1; k++) {
        const mention *m = &c->m[k];
        if (m->kind != M_COUNTRY && m->kind != M_METONYM) continue;
        int cty = (int)m->id;
        if (prev_cty >= 0 && cty != prev_cty && words_between(c, prev_end, m->fs) <= 3 && coordinated(c, prev_end, m->fs)) {
            if (prev_cty == s->seller && cty != s->buyer && s->nxs < 4) s->extra_sellers[s->nxs++] = cty;
            else if (prev_cty == s->buyer && cty != s->seller && s->nxb < 4) s->extra_buyers[s->nxb++] = cty;
            else { prev_cty = cty; prev_end = m->fe; continue; }
            /* the coordinated country keeps its partner's role: do not reuse it elsewhere */
            for (size_t u = 0; u < s->nunk; u++) if (s->unknown[u] == cty) s->unknown[u] = -1;
            continue;
        }
        prev_cty = cty;
        prev_end = m->fe;
    }
}

/* demonyms of operators: "la flotte marocaine", "les Forces armées ... marocaines",
 * "the Hungarian Air Force" */
/* A demonym that says where a thing was made, not whose it is: "the air force's
 * Israeli-built Kfir", "Chinese-made drones", "d'origine israélienne", "de
 * fabrication turque". */
static bool origin_demonym(const doc_ctx *c, const mention *m)
{
    static const char *const after[] = {"-built", "-made", "-designed", "-supplied", "-produced", " built", " made", NULL};
    static const char *const before[] = {"origine ", "fabrication ", "construction ", "fabricacion ", "origen ", NULL};
    const char *f = c->text.fold;
    for (int k = 0; after[k]; k++) {
        size_t n = strlen(after[k]);
        if (m->fe + n <= c->text.fold_len && !memcmp(f + m->fe, after[k], n)) return true;
    }
    for (int k = 0; before[k]; k++) {
        size_t n = strlen(before[k]);
        if (m->fs >= n && !memcmp(f + m->fs - n, before[k], n)) return true;
    }
    return false;
}

static void operator_buyer(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    for (size_t k = v->i0; k < v->i1 && s->buyer < 0; k++) {
        const mention *m = &c->m[k];
        if (m->kind != M_DEMONYM) continue;
        int op = nearest_trigger_before(v, k, 2, TR_OPERATOR);
        bool op_after = k + 1 < v->i1 && trig(c, &c->m[k + 1]) && trig(c, &c->m[k + 1])->type == TR_OPERATOR &&
                        words_between(c, m->fe, c->m[k + 1].fs) == 0;
        /* "prélevés sur la flotte de l'armée de l'air française": a force things come from sells */
        int op_at = op >= 0 ? op : (int)k;
        if ((op >= 0 || op_after) && nearest_trigger_before(v, (size_t)op_at, 2, TR_FROM) >= 0) {
            if (s->seller < 0 && (int)m->id != s->buyer) s->seller = (int)m->id;
            continue;
        }
        if ((op >= 0 || op_after) && (int)m->id != s->seller && !origin_demonym(c, m)) s->buyer = (int)m->id;
    }
}

/* companies after a "from" preposition, or as the agent of a sale */
static void company_parties(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    for (size_t k = v->i0; k < v->i1; k++) {
        const mention *m = &c->m[k];
        if (m->kind != M_COMPANY) continue;
        if (s->sent_company < 0) s->sent_company = (int)m->id;
        int role = party_role(v, k);
        if (role == R_SELLER && s->seller < 0) { s->seller = country_of_mention(c, m); s->seller_stated = s->seller_said = true; }
    }
}

/* unknown roles: the origin of an object is its seller, the other one buys */
/* Are countries a and b named side by side after the main trigger, joined by a
 * conjunction ("firmados con Emiratos Árabes Unidos y Arabia Saudí")? As the
 * subject ("Argentina y Dinamarca firmaron") they are the two sides of a deal. */
static bool coordinated_in(const sent_view *v, int a, int b)
{
    const doc_ctx *c = v->c;
    for (size_t k = v->main >= 0 ? (size_t)v->main + 1 : v->i0; k + 1 < v->i1; k++) {
        const mention *m = &c->m[k], *n = &c->m[k + 1];
        if ((m->kind != M_COUNTRY && m->kind != M_METONYM) || (n->kind != M_COUNTRY && n->kind != M_METONYM)) continue;
        if (!(((int)m->id == a && (int)n->id == b) || ((int)m->id == b && (int)n->id == a))) continue;
        if (words_between(c, m->fe, n->fs) <= 3 && coordinated(c, m->fe, n->fs)) return true;
    }
    return false;
}

static void settle_unknowns(sent_state *s)
{
    doc_ctx *c = s->c;
    const ars_rules *r = c->r;
    for (size_t u = 0; u < s->nunk; u++) {
        int cty = s->unknown[u];
        if (cty < 0 || cty == s->buyer || cty == s->seller) continue;
        bool is_origin = false;
        for (size_t j = 0; j < s->no; j++)
            if (origin_of(c, &s->objs[j]) == cty || (s->objs[j].supplier >= 0 && ars_rules_country_index(r, r->companies[s->objs[j].supplier].country) == cty))
                is_origin = true;
        if (is_origin && s->seller < 0) s->seller = cty;
        else if (!is_origin && s->buyer < 0) s->buyer = cty;
        else if (!is_origin && s->buyer >= 0 && coordinated_in(s->v, s->buyer, cty)) {
            /* "los firmados con Emiratos Árabes Unidos y Arabia Saudí": two buyers, not a sale between them */
            if (s->nxb < 4) s->extra_buyers[s->nxb++] = cty;
        } else if (s->seller < 0) s->seller = cty;   /* a second country of the deal: "... a Dinamarca" (second hand) */
    }
}

/* Parties: countries, capitals/agencies, demonyms, companies, each given a role
 * from its preposition or its place around the main trigger; what is left is
 * settled by the systems' origins. */
static void read_parties(sent_state *s)
{
    read_list_item(s);
    country_roles(s);
    coordinated_parties(s);
    operator_buyer(s);
    company_parties(s);
    /* the owner of "los F-16 daneses" is the buyer only when no other country is:
     * "Argentina recibe los F-16 daneses" is a second-hand sale by Denmark */
    settle_unknowns(s);
    if (s->buyer < 0 && s->buyer_hint >= 0) s->buyer = s->buyer_hint;
}

/* ---- stage 4: the window, the story ---- */

/* A deal needs a word of buying, selling, approving or contracting (or a
 * reference to a deal already stated); modality alone ("could", "intéressé")
 * only moves the status of such a deal. Has the sentence one? */
static bool has_deal_word(const sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    bool interest_word = false;      /* "intérêt pour", "envisage", "considering" (not "could") */
    for (size_t k = v->i0; k < v->i1; k++) {
        const rule_trigger *t = trig(c, &c->m[k]);
        if (t && t->type == TR_MODAL && t->strong) interest_word = true;
    }
    /* a cancellation right before its object is a deal word too ("a écarté l'achat du F-35") */
    bool cancel_word = false;
    for (size_t k = v->i0; k < v->i1 && s->cancelled && !cancel_word; k++) {
        const rule_trigger *t = trig(c, &c->m[k]);
        if (!t || t->type != TR_CANCEL) continue;
        for (size_t j = k + 1; j < v->i1 && words_between(c, c->m[k].fe, c->m[j].fs) <= 3; j++)
            if (is_object_mention(&c->m[j]) || c->m[j].kind == M_CATEGORY) cancel_word = true;
    }
    /* an item of a list of deals: a country label and a named system, no verb
     * ("Indonésie — 60 TB3 et 9 Akinci (Baykar), février 2025 ;") */
    bool label_item = false;
    for (size_t k = v->i0; k < v->i1 && s->nnamed > 0 && !label_item; k++)
        if ((c->m[k].kind == M_COUNTRY || c->m[k].kind == M_METONYM) && topic_label(v, k)) label_item = true;
    /* an item of a list that a sentence ending in ':' opened ("la Pologne est devenue le
     * premier client de l'industrie sud-coréenne :", then "• obusiers K9 de Hanwha :
     * plus de 360 exemplaires") names systems of that sentence's buyer */
    return v->main >= 0 || s->anaphor_deal || interest_word || cancel_word || label_item || (s->item && s->nnamed > 0);
}

/* s->frame: a trigger-less sentence continues the frame of the last deal. */
static void continue_frame(sent_state *s, bool has_trigger)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    /* a trigger-less sentence continues a deal only close to a sentence that made one:
     * three sentences at most, in the same paragraph or the next */
    bool deal_near = w->deal_sent >= 0 && v->s - w->deal_sent <= 3 && v->se->block - w->deal_block <= 1;
    s->frame = !has_trigger && deal_near && w->sent >= 0 && (v->s - w->sent <= 6 && (w->strong || v->s - w->sent <= 2));
    if (s->frame) {
        /* a trigger-less sentence continues the frame only if it names one of its parties */
        bool names_party = false;
        for (size_t k = v->i0; k < v->i1; k++) {
            int cty = country_of_mention(c, &c->m[k]);
            if (c->m[k].kind == M_DEMONYM) continue;
            if (cty >= 0 && (cty == w->buyer || cty == w->seller)) names_party = true;
        }
        s->frame = names_party;
    }
}

/* The buyer, when the sentence names none: the list's, the window's, the page's. */
static void story_buyer(sent_state *s, bool own_strong)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    if (s->buyer < 0 && s->label_country >= 0) s->buyer = s->label_country;
    if (s->buyer < 0 && s->item) s->buyer = w->list_buyer >= 0 ? w->list_buyer : w->focus;
    /* a weak word about another system, in a sentence that names no party, is not
     * about the last deal ("the service was still waiting for engines for the Tejas,
     * whose deliveries have slipped") */
    bool same_sys = false;
    for (size_t j = 0; j < s->no; j++) if (s->objs[j].sys >= 0 && s->objs[j].sys == w->last_sys) same_sys = true;
    bool carry = s->reach && !(s->buyer < 0 && s->seller < 0 && !s->strong && !s->frame && !s->anaphor_deal && !same_sys);
    /* a country that opened one of the last two sentences of the paragraph, after
     * the last deal, is whom the story has moved to */
    int topic = w->topic >= 0 && w->topic_sent > w->sent && v->s - w->topic_sent <= 2 && w->topic_block == v->se->block &&
                w->topic != s->seller ? w->topic : -1;
    if (s->buyer < 0 && carry) s->buyer = topic >= 0 ? topic : w->buyer;
    /* a purchase stated strongly with no buyer anywhere near: the country the story
     * is about ("* JF-17 Thunder: three fighters ... were inducted in May 2021") */
    int page = topic >= 0 ? topic : w->focus;
    if (s->buyer < 0 && own_strong && s->nnamed > 0 && page >= 0) s->buyer = page;
    /* "le ministère négocie avec la Turquie l'achat de 45 Hürjet", "the navy took
     * delivery of": a ministry or a force with no nationality is the page's */
    if (s->buyer < 0 && s->nnamed > 0 && w->focus >= 0 && v->main >= 0)
        for (size_t k = v->i0; k < (size_t)v->main; k++)
            if (trig(c, &c->m[k]) && trig(c, &c->m[k])->type == TR_OPERATOR && !nationality_near(v, k)) {
                s->buyer = page;
                break;
            }
}

/* The status carried over from the window, else a default. */
static void window_status(sent_state *s, bool own_strong, bool ownership)
{
    window *w = s->w;
    if (s->anaphor_deal && s->reach && !own_strong && !s->has_modal && w->strong) { s->st = w->status; s->strong = w->strong; }
    if (s->frame) { s->st = w->status; s->strong = w->strong; }
    if (ownership && s->st == ARS_STATUS_NONE) { s->st = ARS_STATUS_DELIVERED; s->strong = true; }
    if (s->st == ARS_STATUS_NONE) { s->st = ARS_STATUS_ORDERED; s->strong = false; }
}

/* What the window (the last deal-bearing sentences) and the page give the
 * sentence. False: the sentence makes no deal (s->negated when a veto says so). */
static bool read_window(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    bool has_trigger = has_deal_word(s);
    /* weapons in use ("drones struck", "missiles fired at", "déployés"): no deal,
     * unless the sentence also says, strongly, that they were bought or sold */
    bool own_strong = false;
    for (size_t k = v->i0; k < v->i1; k++) {
        const rule_trigger *t = trig(c, &c->m[k]);
        if (t && is_verb(t->type) && t->strong) own_strong = true;
    }
    if (!own_strong && any_trigger(v, TR_USAGE)) { s->negated = true; return false; }
    /* airlines and airliners: a civil order */
    if (any_trigger(v, TR_CIVIL)) { s->negated = true; return false; }
    s->recent = w->sent >= 0 && v->s - w->sent <= 3;
    continue_frame(s, has_trigger);
    bool ownership = !has_trigger && s->buyer_hint >= 0;
    if (!has_trigger && !s->frame && !ownership) return false;
    if (s->negated) return false;
    s->reach = s->recent || s->frame || (s->anaphor_deal && w->sent >= 0 && v->s - w->sent <= 6);
    s->buyer_here = s->buyer >= 0;
    story_buyer(s, own_strong);
    s->ctx_seller = (s->reach && (s->buyer < 0 || s->buyer == w->buyer)) ? w->seller : -1;
    window_status(s, own_strong, ownership);
    return true;
}

/* ---- stage 5: values ---- */

/* The amount (not a budget) and the date of the sentence. */
static void sentence_values(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    for (size_t k = v->i0; k < v->i1; k++) {
        const mention *m = &c->m[k];
        if (m->kind == M_MONEY && !s->value.present) {
            if (nearest_trigger_before(v, k, 8, TR_BUDGET) >= 0) continue;
            s->value = m->money;
        } else if (m->kind == M_DATE && !s->date) s->date = m->date;
    }
}

/* The quantity of each object, next to it. */
static void object_quantities(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    for (size_t j = 0; j < s->no; j++) {
        if (s->objs[j].mi < 0) continue;
        size_t om = (size_t)s->objs[j].mi;
        size_t ostart = s->objs[j].surf_start ? s->objs[j].surf_start : c->m[om].fs;
        for (size_t k = om; k-- > v->i0;) {
            const mention *m = &c->m[k];
            if (m->fs >= ostart) continue;          /* "612 FGM-148F Javelin": the code is part of the name */
            if (words_between(c, m->fe, ostart) > 6) break;
            if (m->kind == M_QTY) {
                /* "300 kilomètres" is a range, not a count */
                bool unit = false;
                for (size_t q = k + 1; q < v->i1 && q < k + 2; q++) {
                    const rule_trigger *t = trig(c, &c->m[q]);
                    if (t && t->type == TR_UNIT && words_between(c, m->fe, c->m[q].fs) == 0) unit = true;
                }
                if (!unit && m->qty > 0 && m->qty < 100000) s->objs[j].qty = m->qty;
                break;
            }
            if (m->kind == M_COUNTRY || m->kind == M_METONYM || m->kind == M_MONEY || m->kind == M_DATE || is_object_mention(m)) break;
            const rule_trigger *t = trig(c, m);
            if (t && (is_verb(t->type) || t->type == TR_FROM || t->type == TR_TO)) break;
        }
        /* a count after the name, with a class word or a count noun of its own:
         * "Rafale (Francia): 42 aparatos", "F-35A: 32 cazas", "K9 : 360 exemplaires" */
        if (s->objs[j].qty == ARS_NO_QUANTITY)
            for (size_t k = om + 1; k + 1 < v->i1; k++) {
                const mention *m = &c->m[k];
                if (words_between(c, c->m[om].fe, m->fs) > 4 || is_object_mention(m) || m->kind == M_MONEY) break;
                if (m->kind != M_QTY) continue;
                const mention *n = &c->m[k + 1];
                bool counted = n->kind == M_CATEGORY || (trig(c, n) && trig(c, n)->type == TR_COUNT);
                if (counted && words_between(c, m->fe, n->fs) == 0 && m->qty > 0 && m->qty < 100000)
                    s->objs[j].qty = m->qty;
                break;
            }
    }
}

/* "Ce contrat, d'un montant de 88 millions de dollars, ...": no object of its
 * own, the figures belong to the deal of the window */
static void window_deal_figures(sent_state *s)
{
    window *w = s->w;
    candlist *out = s->out;
    if (s->no == 0 && s->anaphor_deal && s->reach && s->value.present) {
        for (size_t q = out->n; q-- > 0;) {
            cand *y = &out->v[q];
            if (y->sent != w->sent) { if (y->sent < w->sent) break; continue; }
            size_t first_of_sent = q;
            while (first_of_sent > 0 && out->v[first_of_sent - 1].sent == y->sent) first_of_sent--;
            if (!out->v[first_of_sent].value.present) out->v[first_of_sent].value = s->value;
            break;
        }
    }
}

/* ---- stage 6: candidates ---- */

/* The kind of deal of an object (sale unless a cue says otherwise). */
static ars_kind object_kind(const sent_state *s, const object *o)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    /* a kind cue governs the objects that follow it closely
     * ("la modernisation de la flotte des avions F5", "fabriquer des drones") */
    ars_kind k = ARS_KIND_SALE;
    if (o->mi >= 0)
        for (size_t q = v->i0; q < (size_t)o->mi; q++) {
            const rule_trigger *t = trig(c, &c->m[q]);
            if (t && t->type == TR_KIND && t->kind >= 0 && words_between(c, c->m[q].fe, c->m[o->mi].fs) <= 8)
                k = (ars_kind)t->kind;
        }
    /* or right after it, before any other object: "F-16 de segunda mano", "F-16s second-hand" */
    if (o->mi >= 0 && k == ARS_KIND_SALE)
        for (size_t q = (size_t)o->mi + 1; q < v->i1; q++) {
            const mention *m = &c->m[q];
            if (is_object_mention(m) || m->kind == M_COUNTRY || m->kind == M_METONYM) break;
            if (words_between(c, c->m[o->mi].fe, m->fs) > 3 || conj_break(c, c->m[o->mi].fe, m->fs)) break;
            const rule_trigger *t = trig(c, m);
            if (t && t->type == TR_KIND && t->kind >= 0 && t->kind != ARS_KIND_LICENSED_PRODUCTION) { k = (ars_kind)t->kind; break; }
        }
    return k;
}

/* The buyer *pb and seller *psl of object o of kind k. False: the object makes no deal. */
static bool object_parties(const sent_state *s, const object *o, ars_kind k, int *pb, int *psl)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    const ars_rules *r = c->r;
    /* "Les F-16 belges ... seront cédés": an owner that gives its equipment away
     * sells it; otherwise the owner is the buyer ("chars Abrams marocains") */
    bool owner_sells = o->owner >= 0 && v->main >= 0 && v->main_type == TR_SELL && s->seller < 0;
    /* ... and an owner beside another buyer gives its own: "Argentina recibe los F-16 daneses" */
    if (o->owner >= 0 && s->buyer >= 0 && s->buyer != o->owner && (s->seller < 0 || s->seller == o->owner) &&
        k != ARS_KIND_UPGRADE && o->mi >= 0 && country_named_before(v, s->buyer, (size_t)o->mi))
        owner_sells = true;
    int b = o->owner >= 0 && !owner_sells ? o->owner : o->recipient >= 0 ? o->recipient : s->buyer;
    int sent_seller = s->seller;
    int sl = -1;
    bool sl_weak = false;        /* the seller was read from places, not said */
    if (owner_sells) sl = o->owner;
    else if (o->from >= 0 && o->from != b) sl = o->from;
    else if (o->seller >= 0 && o->seller != b) sl = o->seller;
    else if (o->supplier >= 0) sl = ars_rules_country_index(r, r->companies[o->supplier].country);
    if (sl < 0 && sent_seller >= 0) { sl = sent_seller; sl_weak = !s->seller_said; }
    if (sl < 0 && k == ARS_KIND_UPGRADE && s->ctx_seller >= 0) sl = s->ctx_seller;
    if (sl < 0 && s->sent_company >= 0 && o->sys < 0) sl = ars_rules_country_index(r, r->companies[s->sent_company].country);
    /* one's own fleet given away: the giver, named or the story's country, never the maker's */
    if (sl < 0 && o->own_fleet && w->focus >= 0 && w->focus != b) sl = w->focus;
    if (sl < 0 && o->own_fleet) return false;
    /* "Le Premier ministre ... s'est engagé à transférer à Kiev trente F-16": a
     * transfer said by a person, with no country giving it, is the page's */
    if (sl < 0 && v->main >= 0 && v->main_type == TR_SELL && s->seller < 0 && o->supplier < 0 && o->seller < 0 &&
        s->buyer_here && w->focus >= 0 && w->focus != b && !country_before(v, (size_t)v->main))
        sl = w->focus;
    if (sl < 0) sl = origin_of(c, o);
    if (sl < 0) { sl = s->ctx_seller; sl_weak = true; }
    /* a country does not import its own system: when the buyer is where the system
     * comes from and the seller is not, the roles were read the wrong way round
     * ("the agreement with Seoul ... made Warsaw the biggest customer" of K2 tanks) */
    if (sl_weak && b >= 0 && sl >= 0 && b != sl && origin_of(c, o) == b && o->owner < 0) {
        int t = b;
        b = sl;
        sl = t;
    }
    /* "Ukraine and Sweden signed ... for Saab Gripen": the buyer read from places is
     * the maker's country; the other party read from places buys */
    if (b >= 0 && b == sl && sent_seller >= 0 && sent_seller != sl && !s->seller_said) b = sent_seller;
    if (b < 0 || b == sl) return false;
    if (o->generic && sl < 0) return false;
    /* a class of equipment is a deal of its own only when the sentence names its buyer */
    if (o->generic && !s->buyer_here && o->owner < 0) return false;
    /* a class of equipment with no designation is a deal only when its seller is
     * stated: a preposition, a subject, a company or demonym next to it, a frame */
    if (o->generic && !(o->seller >= 0 || o->supplier >= 0 || o->from >= 0 || (s->seller_stated && sl == s->seller) || s->frame ||
                        (s->sent_company >= 0 && ars_rules_country_index(r, r->companies[s->sent_company].country) == sl)))
        return false;
    *pb = b;
    *psl = sl;
    return true;
}

/* The maker of object o, sold by sl: -1 when it is not of the seller's country. */
static int object_supplier(const sent_state *s, const object *o, ars_kind k, int sl)
{
    const ars_rules *r = s->c->r;
    int sup = o->supplier;
    if (sup < 0 && s->sent_company >= 0 && sl >= 0 &&
        ars_rules_country_index(r, r->companies[s->sent_company].country) == sl && (o->generic || o->sys < 0))
        sup = s->sent_company;
    if (sup < 0 && o->sys >= 0) sup = r->systems[o->sys].maker;
    if (sup >= 0 && sl >= 0 && ars_rules_country_index(r, r->companies[sup].country) != sl && k != ARS_KIND_UPGRADE &&
        o->supplier < 0)
        sup = -1;
    return sup;
}

/* "Stinger Block I", "F-16 Block 70/72", "Tomahawk Block V": a block number
 * written after the name is part of the designation. Returns the folded end of
 * the name with it, or fe. */
static size_t with_block_suffix(const doc_ctx *c, size_t fe)
{
    const char *f = c->text.fold, *o = c->text.orig;
    size_t n = c->text.fold_len;
    if (fe + 8 > n || memcmp(f + fe, " block ", 7) || o[c->text.fold_map[fe + 1]] != 'B') return fe;
    size_t p = fe + 7, q = p;
    for (;;) {
        size_t t = q;
        if (q < n && f[q] >= '0' && f[q] <= '9') {
            while (q < n && f[q] >= '0' && f[q] <= '9') q++;
            if (q < n && f[q] == '+') q++;
        } else {
            /* a roman numeral, capitals in the text: "Block I", "Block IIA" is not one */
            while (q < n && q - t < 4 && (f[q] == 'i' || f[q] == 'v' || f[q] == 'x') && o[c->text.fold_map[q]] != f[q]) q++;
        }
        if (q == t) return q == p ? fe : t - 1;   /* nothing after a '/': drop it */
        if (q < n && f[q] == '/' && q + 1 < n && f[q + 1] != ' ') { q++; continue; }
        break;
    }
    /* the number ends the word: "Block 3rd" or "Block IIA" are not designations */
    if (q < n && ((f[q] >= 'a' && f[q] <= 'z') || (f[q] >= '0' && f[q] <= '9'))) return fe;
    return q;
}

/* "OPV 58 S": a lone capital after a designation that ends in a digit is its
 * variant letter (not a vowel, which may be a word: "A", "I", "Y", "O", "E", "U"). */
static size_t with_variant_letter(const doc_ctx *c, size_t fs, size_t fe)
{
    const char *f = c->text.fold, *o = c->text.orig;
    size_t n = c->text.fold_len;
    if (fe <= fs || fe + 2 > n || f[fe - 1] < '0' || f[fe - 1] > '9' || f[fe] != ' ') return fe;
    char l = f[fe + 1];
    if (l < 'a' || l > 'z' || strchr("aeiouy", l) || o[c->text.fold_map[fe + 1]] != l - 'a' + 'A') return fe;
    if (fe + 2 < n && (ars_is_word_byte((unsigned char)f[fe + 2]) || f[fe + 2] == '-' || f[fe + 2] == '\'' || f[fe + 2] == '/'))
        return fe;
    /* "Block 70 C and D models": two variants, neither is the name */
    static const char *const conj[] = {" and ", " et ", " y ", " or ", " ou ", " o ", ", ", NULL};
    for (int k = 0; conj[k]; k++)
        if (fe + 2 + strlen(conj[k]) <= n && !memcmp(f + fe + 2, conj[k], strlen(conj[k]))) return fe;
    return fe + 2;
}

/* The words of the text that name a named system, or NULL. */
static const char *object_surface(doc_ctx *c, const object *o)
{
    if (!(o->sys >= 0 && o->mi >= 0 && is_object_mention(&c->m[o->mi]))) return NULL;
    const mention *om = &c->m[o->mi];
    size_t fe = o->surf_end ? o->surf_end : om->fe;
    /* "F-16s": the plural is not part of the name; "OPV 58S" is a variant, not a plural */
    const char *f = c->text.fold, *orig = c->text.orig;
    if (fe - om->fs >= 3 && f[fe - 1] == 's' && orig[c->text.fold_map[fe - 1]] == 's') {
        /* "F-16s"; "F-35As", "AH-64Es": a capital variant letter after a digit, then the plural */
        if (f[fe - 2] >= '0' && f[fe - 2] <= '9') fe--;
        else if (fe - om->fs >= 4 && f[fe - 3] >= '0' && f[fe - 3] <= '9' && orig[c->text.fold_map[fe - 2]] >= 'A' &&
                 orig[c->text.fold_map[fe - 2]] <= 'Z')
            fe--;
    }
    fe = without_class_suffix(c, o->surf_start ? o->surf_start : om->fs, fe);
    fe = with_block_suffix(c, fe);
    fe = with_variant_letter(c, o->surf_start ? o->surf_start : om->fs, fe);
    size_t os = c->text.fold_map[o->surf_start ? o->surf_start : om->fs], oe = c->text.fold_map[fe];
    return ars_arena_strndup(&c->arena, c->text.orig + os, oe - os);
}

/* One candidate deal per object, with the copies for coordinated parties. */
static int push_candidates(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    candlist *out = s->out;
    const ars_rules *r = c->r;
    bool first = true;
    for (size_t j = 0; j < s->no; j++) {
        object *o = &s->objs[j];
        ars_kind k = object_kind(s, o);
        if (o->platform && k != ARS_KIND_UPGRADE) continue;
        int b, sl;
        if (!object_parties(s, o, k, &b, &sl)) continue;
        int sup = object_supplier(s, o, k, sl);
        cand x;
        memset(&x, 0, sizeof x);
        x.buyer = b;
        x.seller = sl;
        x.supplier = sup;
        x.sys = o->sys;
        x.cat = o->sys >= 0 ? ars_rules_category_index(r, r->systems[o->sys].category) : o->cat;
        x.name = o->name;
        x.surface = object_surface(c, o);
        x.generic = o->generic;
        x.kind = k;
        x.status = s->by_verbs && o->mi >= 0 ? own_verb_status(v, (size_t)o->mi, s->st) : s->st;
        x.strong = s->strong;
        x.qty = o->qty;
        if (first && s->value.present) x.value = s->value;
        first = false;
        if (s->date) snprintf(x.date, sizeof x.date, "%s", s->date);
        x.sent = v->s;
        if (push_cand(out, &x)) return ARS_ENOMEM;
        w->deal_sent = v->s;
        w->deal_block = v->se->block;
        /* the same object from coordinated sellers / for coordinated buyers */
        if (sl == s->seller && s->seller >= 0)
            for (size_t q = 0; q < s->nxs; q++) {
                cand y = x;
                y.seller = s->extra_sellers[q];
                y.supplier = -1;
                y.value.present = false;
                if (y.seller != y.buyer && push_cand(out, &y)) return ARS_ENOMEM;
            }
        if (b == s->buyer)
            for (size_t q = 0; q < s->nxb; q++) {
                cand y = x;
                y.buyer = s->extra_buyers[q];
                y.value.present = false;
                if (y.seller != y.buyer && push_cand(out, &y)) return ARS_ENOMEM;
            }
        if (o->sys >= 0) { w->last_sys = o->sys; w->last_sys_sent = v->s; }
        if (s->frame || s->anaphor_deal) w->sent = v->s;
    }
    return 0;
}

/* ---- stage 7: remember ---- */

/* a sentence that ends with ':' opens a list */
static void remember_list(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    size_t e = v->se->fend;
    while (e > v->se->fstart && c->text.fold[e - 1] == ' ') e--;
    if (e > v->se->fstart && c->text.fold[e - 1] == ':' && !list_item(c, v->se)) {
        w->list_sent = v->s;
        w->list_buyer = s->buyer;
        /* a list of deals, not of exhibits: its opening sentence has a deal word */
        w->list_deal = false;
        for (size_t k = v->i0; k < v->i1; k++) {
            const rule_trigger *t = trig(c, &c->m[k]);
            if (t && (is_verb(t->type) || t->type == TR_MODAL || t->type == TR_ANAPHOR_DEAL)) w->list_deal = true;
        }
    }
}

/* the page's focus: the country named most so far (across subheadings, not from
 * links to other articles), a deal's buyer counting three times -- on a page
 * about Morocco's US approvals, Washington is named often but Morocco buys */
static void update_focus(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    candlist *out = s->out;
    for (size_t k = v->i0; k < v->i1 && !s->link; k++) {
        const mention *m = &c->m[k];
        if (m->kind != M_COUNTRY && m->kind != M_METONYM && m->kind != M_DEMONYM) continue;
        w->named[m->id]++;
        if (w->focus < 0 || w->named[m->id] >= w->named[w->focus]) w->focus = (int)m->id;
    }
    for (size_t q = s->first_cand; q < out->n && !s->link; q++) {
        int b = out->v[q].buyer;
        w->named[b] += 3;
        if (w->focus < 0 || w->named[b] >= w->named[w->focus]) w->focus = b;
    }
}

/* A sentence that makes no deal and opens with a country ("Le Sénégal, lui, a fait
 * le choix de la marine.", "À Taipei, les chars américains arrivent enfin.")
 * turns the story to it. */
static void remember_topic(sent_state *s)
{
    doc_ctx *c = s->c;
    sent_view *v = s->v;
    window *w = s->w;
    if (s->link || v->se->headline || s->out->n > s->first_cand || v->i0 >= v->i1) return;
    const mention *m = &c->m[v->i0];
    if (m->kind == M_TRIGGER && trig(c, m) && (trig(c, m)->type == TR_AT || trig(c, m)->type == TR_OTHER) && v->i0 + 1 < v->i1)
        m = &c->m[v->i0 + 1];   /* "À Taipei," "In Manila," */
    if ((m->kind != M_COUNTRY && m->kind != M_METONYM) || words_between(c, v->se->fstart, m->fs) > 2) return;
    w->topic = (int)m->id;
    w->topic_sent = v->s;
    w->topic_block = v->se->block;
}

/* The last named system, and the parties and status that the next sentences carry. */
static void remember_window(sent_state *s)
{
    sent_view *v = s->v;
    window *w = s->w;
    for (size_t j = 0; j < s->no; j++)
        if (s->objs[j].sys >= 0) { w->last_sys = s->objs[j].sys; w->last_sys_sent = v->s; }
    if ((v->main >= 0 || s->anaphor_deal) && !s->negated) {
        if (s->buyer >= 0 || s->seller >= 0) {
            if (s->buyer >= 0) w->buyer = s->buyer;
            else if (!s->recent) w->buyer = -1;
            if (s->seller >= 0) w->seller = s->seller;
            else if (!s->recent) w->seller = -1;
            if (v->main >= 0 || s->has_modal) { w->status = s->st ? s->st : ARS_STATUS_ORDERED; w->strong = s->strong; }
            w->sent = v->s;
            /* "Varsovie a signé avec Séoul deux contrats": a deal between two stated
             * parties, whose objects come in the next sentences */
            if (v->main >= 0 && s->buyer >= 0 && s->seller >= 0) { w->deal_sent = v->s; w->deal_block = v->se->block; }
        } else if (s->recent && s->anaphor_deal) {
            w->sent = v->s;
        }
    }
}

static int assemble_sentence(doc_ctx *c, sent_view *v, window *w, candlist *out)
{
    sent_state state = {.c = c, .v = v, .w = w, .out = out, .buyer_hint = -1, .buyer = -1, .seller = -1, .sent_company = -1,
                         .label_country = -1};
    sent_state *s = &state;
    /* 1. setup */
    reset_at_headline(s);
    find_main_trigger(s);
    read_status(s);

    s->first_cand = out->n;
    /* 2. objects */
    named_objects(s);
    generic_objects(s);
    anaphoric_object(s);

    /* 3. parties */
    read_parties(s);

    /* 4. the window: does the sentence make deals? */
    if (read_window(s)) {
        /* 5. values */
        sentence_values(s);
        object_quantities(s);
        window_deal_figures(s);

        /* 6. candidates */
        int rc = push_candidates(s);
        if (rc) return rc;
    }

    /* 7. remember */
    remember_list(s);
    update_focus(s);
    remember_topic(s);
    remember_window(s);
    return 0;
}

/* ---- per-document merge -------------------------------------------------------------- */

static char *cand_key(const doc_ctx *c, const cand *x)
{
    const char *b = c->r->countries[x->buyer].iso3;
    const char *s = x->seller >= 0 ? c->r->countries[x->seller].iso3 : "";
    if (x->generic) return ars_asprintf("%s|%s|~%s|%d", b, s, c->r->categories[x->cat].id, (int)x->kind);
    if (x->sys >= 0) return ars_asprintf("%s|%s|#%d|%d", b, s, x->sys, (int)x->kind);
    size_t n = 0;
    char *f = ars_fold(x->name, strlen(x->name), &n);
    char *k = ars_asprintf("%s|%s|%s|%d", b, s, f ? f : x->name, (int)x->kind);
    free(f);
    return k;
}

static int set_str(char **dst, const char *s)
{
    free(*dst);
    *dst = s ? ars_strdup(s) : NULL;
    return (s && !*dst) ? ARS_ENOMEM : 0;
}

int ars_assemble(doc_ctx *c, const ars_extract_opts *opts, ars_dealset *out, ars_diag *diag)
{
    candlist cl = {NULL, 0, 0};
    window w = {
        .buyer = -1, .seller = -1, .status = ARS_STATUS_NONE, .strong = false,
        .sent = -1000, .last_sys = -1, .last_sys_sent = -1000,
        .deal_sent = -1000, .deal_block = -1000, .focus = -1, .named = NULL,
        .list_sent = -1000, .list_buyer = -1,
        .label_block = -1, .label_country = -1, .list_deal = false,
        .topic = -1, .topic_sent = -1000, .topic_block = -1,
    };
    w.named = calloc(c->r->ncountries ? c->r->ncountries : 1, sizeof *w.named);
    if (!w.named) return ARS_ENOMEM;
    int rc = 0;
    size_t mi = 0;
    for (size_t s = 0; s < c->text.nsents && rc == 0; s++) {
        size_t i0 = mi;
        while (mi < c->nm && c->m[mi].sent == (int)s) mi++;
        if (mi == i0) continue;
        /* clauses: "Le Burkina Faso a suivi ..., tandis que le Niger avait commandé six
         * TB2" -- each clause is read on its own (same sentence, same evidence) */
        size_t a = i0;
        for (size_t k = i0; k <= mi && rc == 0; k++) {
            bool cut = k == mi;
            if (!cut && k > a) {
                const rule_trigger *t = trig(c, &c->m[k]);
                cut = t && t->type == TR_CLAUSE;
            }
            if (!cut) continue;
            sent_view v = {c, a, k, (int)s, &c->text.sents[s], -1, TR_DEAL};
            rc = assemble_sentence(c, &v, &w, &cl);
            a = k;
        }
    }
    free(w.named);
    if (rc) { free(cl.v); return rc; }

    /* "sale" is the unspecified kind: a headline's sale of the F-16s and the
     * body's second-hand F-16s are one deal */
    for (size_t i = 0; i < cl.n; i++) {
        if (cl.v[i].kind != ARS_KIND_SALE) continue;
        for (size_t j = 0; j < cl.n; j++) {
            const cand *y = &cl.v[j];
            if (y->kind == ARS_KIND_SALE || y->buyer != cl.v[i].buyer || y->seller != cl.v[i].seller || y->generic != cl.v[i].generic) continue;
            bool same = cl.v[i].sys >= 0 ? y->sys == cl.v[i].sys
                      : cl.v[i].generic ? y->cat == cl.v[i].cat
                      : (y->sys < 0 && y->name && cl.v[i].name && !strcmp(y->name, cl.v[i].name));
            if (same) { cl.v[i].kind = y->kind; break; }
        }
    }
    /* merge candidates by key, in order of first appearance */
    char **keys = calloc(cl.n ? cl.n : 1, sizeof *keys);
    int *group = calloc(cl.n ? cl.n : 1, sizeof *group);
    if (!keys || !group) { rc = ARS_ENOMEM; goto done; }
    for (size_t i = 0; i < cl.n; i++) {
        keys[i] = cand_key(c, &cl.v[i]);
        if (!keys[i]) { rc = ARS_ENOMEM; goto done; }
        group[i] = (int)i;
        for (size_t j = 0; j < i; j++)
            if (group[j] == (int)j && !strcmp(keys[i], keys[j])) { group[i] = (int)j; break; }
    }
    /* drop generic groups covered by a named deal of the same class */
    for (size_t i = 0; i < cl.n; i++) {
        if (group[i] != (int)i || !cl.v[i].generic) continue;
        for (size_t j = 0; j < cl.n; j++) {
            if (cl.v[j].generic || cl.v[j].buyer != cl.v[i].buyer) continue;
            /* kinds may differ: "second-hand F-16s: ... bought 32 jets" */
            if (cl.v[j].kind != cl.v[i].kind && cl.v[i].kind == ARS_KIND_LICENSED_PRODUCTION) continue;
            if (cl.v[j].seller != cl.v[i].seller && cl.v[i].seller >= 0 && cl.v[j].seller >= 0) continue;
            if (category_isa(c->r, cl.v[j].cat, cl.v[i].cat)) {
                for (size_t k = 0; k < cl.n; k++) if (group[k] == (int)i) group[k] = -1;
                break;
            }
        }
    }
    size_t ndeals = 0;
    for (size_t i = 0; i < cl.n; i++) {
        if (group[i] != (int)i) continue;
        if (opts->max_deals_per_doc && ndeals >= opts->max_deals_per_doc) {
            ars_diag_addx(diag, ARS_DIAG_WARNING, c->doc->id, 0, 0, NULL, "deal-limit",
                          "more than %zu deals in one document: the rest were dropped", opts->max_deals_per_doc);
            break;
        }
        ars_deal d;
        ars_deal_init(&d);
        const cand *x = &cl.v[i];
        const rule_country *bc = &c->r->countries[x->buyer];
        rc = set_str(&d.buyer.name, bc->name);
        memcpy(d.buyer.iso3, bc->iso3, 4);
        if (x->seller >= 0) {
            rc |= set_str(&d.seller.name, c->r->countries[x->seller].name);
            memcpy(d.seller.iso3, c->r->countries[x->seller].iso3, 4);
        }
        d.kind = x->kind;
        /* generic name: the shortest wording of the group */
        const char *name = x->name;
        const char *surface = NULL;     /* the longest wording of a named system */
        ars_status best_strong = ARS_STATUS_NONE, best_weak = ARS_STATUS_NONE;
        int supplier = -1;
        for (size_t j = i; j < cl.n && rc == 0; j++) {
            if (group[j] != (int)i) continue;
            const cand *y = &cl.v[j];
            if (y->generic && y->name && name && strlen(y->name) < strlen(name)) name = y->name;
            if (y->surface && (!surface || strlen(y->surface) > strlen(surface))) surface = y->surface;
            if (supplier < 0) supplier = y->supplier;
            if (y->strong) { if (ars_status_rank(y->status) > ars_status_rank(best_strong)) best_strong = y->status; }
            else if (ars_status_rank(y->status) > ars_status_rank(best_weak)) best_weak = y->status;
            const ars_sentence *se = &c->text.sents[y->sent];
            /* one source per sentence */
            bool seen = false;
            for (size_t q = 0; q < d.nsources; q++) if (d.sources[q].start == se->start) seen = true;
            if (seen) {
                for (size_t q = 0; q < d.nsources; q++) if (d.sources[q].start == se->start) {
                    if (d.sources[q].quantity == ARS_NO_QUANTITY) d.sources[q].quantity = y->qty;
                    if (!d.sources[q].value.present) d.sources[q].value = y->value;
                }
                continue;
            }
            ars_source src;
            memset(&src, 0, sizeof src);
            src.doc = (char *)(c->doc->id ? c->doc->id : "-");
            src.start = se->start;
            src.end = se->end;
            src.text = ars_strndup(c->text.orig + se->start, se->end - se->start);
            src.quantity = y->qty;
            src.value = y->value;
            memcpy(src.date, y->date, sizeof src.date);
            src.status = y->status;
            src.doc_date = c->doc_date[0] ? c->doc_date : NULL;
            if (!src.text) { rc = ARS_ENOMEM; break; }
            rc = ars_deal_add_source(&d, &src);
            free(src.text);
        }
        if (rc) { ars_deal_clear(&d); break; }
        if (supplier >= 0) {
            rc |= set_str(&d.supplier.name, c->r->companies[supplier].name);
            memcpy(d.supplier.iso3, c->r->companies[supplier].country, 4);
        }
        if (x->sys >= 0) {
            const rule_system *sy = &c->r->systems[x->sys];
            char *nfc = surface ? ars_nfc(surface, strlen(surface)) : NULL;
            rc |= set_str(&d.system.name, nfc ? nfc : sy->name);
            free(nfc);
            rc |= set_str(&d.system.canonical, sy->name);
            rc |= set_str(&d.system.category, sy->category);
            rc |= set_str(&d.system.family, sy->family);
        } else {
            char *nfc = ars_nfc(name, strlen(name));
            rc |= set_str(&d.system.name, nfc ? nfc : name);
            free(nfc);
            rc |= set_str(&d.system.category, x->cat >= 0 ? c->r->categories[x->cat].id : NULL);
            d.system.generic = x->generic;
        }
        /* resolved fields: the rules of merge (one document is a merge of its
         * sentences), except that strong statements outrank weak ones */
        ars_deal_resolve(&d);
        d.status = best_strong ? best_strong : best_weak;
        if (!d.date[0] && c->doc_date[0]) memcpy(d.date, c->doc_date, sizeof d.date);
        if (rc == 0) rc = ars_deal_make_id(&d);
        if (rc == 0) rc = ars_dealset_push_take(out, &d);
        ars_deal_clear(&d);
        if (rc) break;
        ndeals++;
    }
done:
    if (keys) for (size_t i = 0; i < cl.n; i++) free(keys[i]);
    free(keys);
    free(group);
    free(cl.v);
    return rc;
}
