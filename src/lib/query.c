/*
 * query.c -- filters over deals, set from flags or read from a question in
 * plain English, French or Spanish.
 *
 * Reading a question (the grammar is documented in docs/query.md):
 *
 *   "qu'a acheté le Maroc à Israël ?"
 *    1. split into words (spaces, punctuation, apostrophes; hyphenated
 *       function words "est-ce", "a-t-il" are split too), fold each word:
 *         qu | a | achete | le | maroc | a | israel
 *    2. classify known words with the table below (role verbs and nouns with
 *       their side, prepositions, time words, status words, stop words)
 *    3. find entities, longest n-gram first (<= 6 words), countries, then
 *       systems, companies, categories; an n-gram never starts or ends with a
 *       function word, and a known single word is never looked up:
 *         [maroc]=country MAR, [israel]=country ISR
 *    4. the first role word gives the side: buy (the subject is the buyer) or
 *       sell (the subject is the seller); "who"/"which countries" ask for the
 *       open role
 *    5. each country takes its role from the preposition before it (articles
 *       skipped): from → seller, to → buyer, à/a/au/aux/al → seller after a buy
 *       word and buyer after a sell word, of/de after a role noun → that
 *       noun's subject, by → the verb's subject; then the bare countries fill
 *       the free roles in the order the side implies
 *    6. years with since/until/in/between/before/after; status words
 *    7. any word left over is reported: the question is not guessed at.
 */
#include "arsenal/query.h"
#include "arsenal/text.h"
#include "names.h"
#include "util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- the query record ---------------------------------------------------------- */

void ars_query_init(ars_query *q)
{
    memset(q, 0, sizeof *q);
    q->status = -1;
}

void ars_query_clear(ars_query *q)
{
    free(q->supplier);
    free(q->system);
    free(q->family);
    free(q->category);
    ars_query_init(q);
}

bool ars_query_is_empty(const ars_query *q)
{
    return !q->buyer[0] && !q->seller[0] && !q->supplier && !q->system && !q->category &&
           q->status < 0 && !q->since && !q->until;
}

/* ---- word table ---------------------------------------------------------------- */

enum {
    W_STOP = 1 << 0,      /* ignored function word */
    W_FILLER = 1 << 1,    /* content word with no filter ("weapons"); may edge an n-gram */
    W_BUY = 1 << 2,       /* role word: its subject is the buyer */
    W_SELL = 1 << 3,      /* role word: its subject is the seller */
    W_NOUN = 1 << 4,      /* a role noun: "of/de" after it introduces its subject */
    W_WHO = 1 << 5,       /* asks for a party */
    W_PARTY = 1 << 6,     /* "countries", "pays": a party question; may edge an n-gram */
    W_ASKSELL = 1 << 7,   /* "suppliers": asks for the seller */
    W_ASKBUY = 1 << 8,    /* "customers": asks for the buyer */
    W_FROM = 1 << 9,
    W_TO = 1 << 10,
    W_A = 1 << 11,        /* à / a / au / aux / al: direction follows the side */
    W_OF = 1 << 12,
    W_BY = 1 << 13,
    W_IN = 1 << 14,
    W_SINCE = 1 << 15,
    W_UNTIL = 1 << 16,
    W_BEFORE = 1 << 17,
    W_AFTER = 1 << 18,
    W_BETWEEN = 1 << 19,
    W_AND = 1 << 20,
    W_ARTICLE = 1 << 21,  /* skipped between a preposition and its country */
    W_ORIGIN = 1 << 22    /* "auprès (de)", "provenance (de)": the next de is "from" */
};

#define ST_MIN 0x100      /* status flag: "at least" */

typedef struct word {
    const char *w;
    unsigned flags;
    int status;           /* ars_status | ST_MIN, or 0 */
} word;

#define ORD (ARS_STATUS_ORDERED | ST_MIN)
#define DLV ARS_STATUS_DELIVERED
#define INT ARS_STATUS_INTEREST
#define NEG ARS_STATUS_NEGOTIATING
#define APR ARS_STATUS_APPROVED
#define CAN ARS_STATUS_CANCELLED
#define BUYN (W_BUY | W_NOUN)
#define SELLN (W_SELL | W_NOUN)

/* Folded forms. Sorted at first use is unnecessary: the table is small and
 * scanned linearly per word. */
static const word words[] = {
    /* English function words */
    {"what", W_STOP, 0}, {"which", W_STOP, 0}, {"whose", W_STOP, 0}, {"did", W_STOP, 0},
    {"does", W_STOP, 0}, {"do", W_STOP, 0}, {"has", W_STOP, 0}, {"have", W_STOP, 0},
    {"had", W_STOP, 0}, {"is", W_STOP, 0}, {"are", W_STOP, 0}, {"was", W_STOP, 0},
    {"were", W_STOP, 0}, {"be", W_STOP, 0}, {"been", W_STOP, 0}, {"being", W_STOP, 0},
    {"will", W_STOP, 0}, {"would", W_STOP, 0}, {"could", W_STOP, 0}, {"can", W_STOP, 0},
    {"may", W_STOP, 0}, {"might", W_STOP, 0}, {"should", W_STOP, 0}, {"s", W_STOP, 0},
    {"its", W_STOP, 0}, {"it", W_STOP, 0}, {"their", W_STOP, 0}, {"they", W_STOP, 0},
    {"any", W_STOP, 0}, {"all", W_STOP, 0}, {"some", W_STOP, 0}, {"that", W_STOP, 0},
    {"this", W_STOP, 0}, {"these", W_STOP, 0}, {"those", W_STOP, 0}, {"list", W_STOP, 0},
    {"show", W_STOP, 0}, {"showed", W_STOP, 0}, {"shown", W_STOP, 0}, {"me", W_STOP, 0},
    {"tell", W_STOP, 0}, {"please", W_STOP, 0}, {"how", W_STOP, 0}, {"many", W_STOP, 0},
    {"much", W_STOP, 0}, {"with", W_STOP, 0}, {"or", W_STOP, 0}, {"also", W_STOP, 0},
    {"ever", W_STOP, 0}, {"recently", W_STOP, 0}, {"currently", W_STOP, 0},
    {"there", W_STOP, 0}, {"an", W_STOP | W_ARTICLE, 0}, {"the", W_STOP | W_ARTICLE, 0},
    {"who", W_WHO, 0}, {"whom", W_WHO, 0},
    {"from", W_FROM, 0}, {"to", W_TO, 0}, {"for", W_TO, 0}, {"into", W_TO, 0},
    {"toward", W_TO, 0}, {"towards", W_TO, 0}, {"of", W_OF, 0}, {"by", W_BY, 0},
    {"in", W_IN, 0}, {"during", W_IN, 0}, {"since", W_SINCE, 0}, {"until", W_UNTIL, 0},
    {"till", W_UNTIL, 0}, {"through", W_UNTIL, 0}, {"before", W_BEFORE, 0},
    {"after", W_AFTER, 0}, {"between", W_BETWEEN, 0}, {"and", W_AND, 0},
    /* French function words */
    {"qu", W_STOP, 0}, {"que", W_STOP, 0}, {"quoi", W_STOP, 0}, {"quel", W_STOP, 0},
    {"quels", W_STOP, 0}, {"quelle", W_STOP, 0}, {"quelles", W_STOP, 0}, {"lesquels", W_STOP, 0},
    {"est", W_STOP, 0}, {"ce", W_STOP, 0}, {"ont", W_STOP, 0}, {"avait", W_STOP, 0},
    {"avaient", W_STOP, 0}, {"sont", W_STOP, 0}, {"ete", W_STOP, 0}, {"il", W_STOP, 0},
    {"elle", W_STOP, 0}, {"ils", W_STOP, 0}, {"elles", W_STOP, 0}, {"se", W_STOP, 0},
    {"t", W_STOP, 0}, {"on", W_STOP, 0}, {"ou", W_STOP, 0}, {"montre", W_STOP, 0},
    {"moi", W_STOP, 0}, {"liste", W_STOP, 0}, {"combien", W_STOP, 0}, {"avec", W_STOP, 0},
    {"tous", W_STOP, 0}, {"toutes", W_STOP, 0}, {"y", W_AND | W_STOP, 0},
    {"le", W_STOP | W_ARTICLE, 0}, {"la", W_STOP | W_ARTICLE, 0}, {"les", W_STOP | W_ARTICLE, 0},
    {"l", W_STOP | W_ARTICLE, 0}, {"un", W_STOP | W_ARTICLE, 0}, {"une", W_STOP | W_ARTICLE, 0},
    {"qui", W_WHO, 0},
    {"a", W_A, 0}, {"au", W_A, 0}, {"aux", W_A, 0}, {"de", W_OF, 0}, {"du", W_OF, 0},
    {"des", W_OF, 0}, {"d", W_OF, 0}, {"par", W_BY, 0}, {"en", W_IN, 0}, {"dans", W_IN, 0},
    {"pendant", W_IN, 0}, {"pour", W_TO, 0}, {"vers", W_TO, 0}, {"aupres", W_ORIGIN, 0},
    {"provenance", W_ORIGIN, 0}, {"provenant", W_ORIGIN, 0}, {"chez", W_FROM, 0},
    {"depuis", W_SINCE, 0}, {"partir", W_SINCE, 0}, {"jusqu", W_UNTIL, 0},
    {"jusque", W_UNTIL, 0}, {"avant", W_BEFORE, 0}, {"apres", W_AFTER, 0},
    {"entre", W_BETWEEN, 0}, {"et", W_AND, 0},
    /* Spanish function words */
    {"cual", W_STOP, 0}, {"cuales", W_STOP, 0}, {"ha", W_STOP, 0}, {"han", W_STOP, 0},
    {"habia", W_STOP, 0}, {"hay", W_STOP, 0}, {"es", W_STOP, 0}, {"son", W_STOP, 0},
    {"fue", W_STOP, 0}, {"fueron", W_STOP, 0}, {"ya", W_STOP, 0}, {"lo", W_STOP, 0},
    {"cuanto", W_STOP, 0}, {"cuantos", W_STOP, 0}, {"muestra", W_STOP, 0}, {"con", W_STOP, 0},
    {"o", W_STOP, 0}, {"todos", W_STOP, 0},
    {"el", W_STOP | W_ARTICLE, 0}, {"los", W_STOP | W_ARTICLE, 0}, {"las", W_STOP | W_ARTICLE, 0},
    {"unos", W_STOP | W_ARTICLE, 0}, {"unas", W_STOP | W_ARTICLE, 0},
    {"quien", W_WHO, 0}, {"quienes", W_WHO, 0},
    {"al", W_A, 0}, {"del", W_OF, 0}, {"por", W_BY, 0}, {"para", W_TO, 0},
    {"durante", W_IN, 0}, {"procedente", W_ORIGIN, 0}, {"procedentes", W_ORIGIN, 0},
    {"desde", W_SINCE, 0}, {"hasta", W_UNTIL, 0}, {"antes", W_BEFORE, 0},
    {"despues", W_AFTER, 0},
    /* content words that set no filter */
    {"arms", W_FILLER, 0}, {"weapons", W_FILLER, 0}, {"weapon", W_FILLER, 0},
    {"weaponry", W_FILLER, 0}, {"armament", W_FILLER, 0}, {"armaments", W_FILLER, 0},
    {"military", W_FILLER, 0}, {"equipment", W_FILLER, 0}, {"hardware", W_FILLER, 0},
    {"systems", W_FILLER, 0}, {"system", W_FILLER, 0}, {"deal", W_FILLER, 0},
    {"deals", W_FILLER, 0}, {"contract", W_FILLER, 0}, {"contracts", W_FILLER, 0},
    {"defence", W_FILLER, 0}, {"defense", W_FILLER, 0}, {"kind", W_FILLER, 0},
    {"kinds", W_FILLER, 0}, {"type", W_FILLER, 0}, {"types", W_FILLER, 0},
    {"armes", W_FILLER, 0}, {"arme", W_FILLER, 0}, {"armement", W_FILLER, 0},
    {"armements", W_FILLER, 0}, {"militaire", W_FILLER, 0}, {"militaires", W_FILLER, 0},
    {"equipement", W_FILLER, 0}, {"equipements", W_FILLER, 0}, {"materiel", W_FILLER, 0},
    {"materiels", W_FILLER, 0}, {"systeme", W_FILLER, 0}, {"systemes", W_FILLER, 0},
    {"contrat", W_FILLER, 0}, {"contrats", W_FILLER, 0}, {"accord", W_FILLER, 0},
    {"accords", W_FILLER, 0}, {"armas", W_FILLER, 0}, {"arma", W_FILLER, 0},
    {"armamento", W_FILLER, 0}, {"militar", W_FILLER, 0}, {"militares", W_FILLER, 0},
    {"equipo", W_FILLER, 0}, {"equipos", W_FILLER, 0}, {"material", W_FILLER, 0},
    {"sistema", W_FILLER, 0}, {"sistemas", W_FILLER, 0}, {"contrato", W_FILLER, 0},
    {"contratos", W_FILLER, 0}, {"acuerdo", W_FILLER, 0}, {"defensa", W_FILLER, 0},
    {"tipo", W_FILLER, 0},
    /* the buyer's forces: "the Moroccan army" is Morocco */
    {"army", W_FILLER, 0}, {"navy", W_FILLER, 0}, {"armed", W_FILLER, 0}, {"forces", W_FILLER, 0},
    {"armee", W_FILLER, 0}, {"armees", W_FILLER, 0}, {"ejercito", W_FILLER, 0},
    {"armada", W_FILLER, 0}, {"fuerzas", W_FILLER, 0}, {"armadas", W_FILLER, 0},
    /* party nouns: "which countries", "quels pays", "qué países" */
    {"countries", W_PARTY, 0}, {"country", W_PARTY, 0}, {"nations", W_PARTY, 0},
    {"states", W_PARTY, 0}, {"governments", W_PARTY, 0}, {"companies", W_PARTY, 0},
    {"company", W_PARTY, 0}, {"firms", W_PARTY, 0}, {"manufacturers", W_PARTY, 0},
    {"makers", W_PARTY, 0}, {"pays", W_PARTY, 0}, {"etats", W_PARTY, 0},
    {"entreprises", W_PARTY, 0}, {"societes", W_PARTY, 0}, {"industriels", W_PARTY, 0},
    {"fabricants", W_PARTY, 0}, {"paises", W_PARTY, 0}, {"pais", W_PARTY, 0},
    {"estados", W_PARTY, 0}, {"empresas", W_PARTY, 0}, {"fabricantes", W_PARTY, 0},
    /* who supplies a country: buy-side nouns asking for the seller */
    {"suppliers", BUYN | W_ASKSELL, 0}, {"supplier", BUYN | W_ASKSELL, 0},
    {"sellers", BUYN | W_ASKSELL, 0}, {"exporters", BUYN | W_ASKSELL, 0},
    {"fournisseurs", BUYN | W_ASKSELL, 0}, {"fournisseur", BUYN | W_ASKSELL, 0},
    {"vendeurs", BUYN | W_ASKSELL, 0}, {"exportateurs", BUYN | W_ASKSELL, 0},
    {"proveedores", BUYN | W_ASKSELL, 0}, {"proveedor", BUYN | W_ASKSELL, 0},
    {"vendedores", BUYN | W_ASKSELL, 0}, {"exportadores", BUYN | W_ASKSELL, 0},
    /* whom a country supplies: sell-side nouns asking for the buyer */
    {"customers", SELLN | W_ASKBUY, 0}, {"clients", SELLN | W_ASKBUY, 0},
    {"buyers", SELLN | W_ASKBUY, 0}, {"importers", SELLN | W_ASKBUY, 0},
    {"acheteurs", SELLN | W_ASKBUY, 0}, {"importateurs", SELLN | W_ASKBUY, 0},
    {"clientes", SELLN | W_ASKBUY, 0}, {"compradores", SELLN | W_ASKBUY, 0},
    {"importadores", SELLN | W_ASKBUY, 0},
    /* buy side, English */
    {"buy", W_BUY, 0}, {"buys", W_BUY, 0}, {"buying", W_BUY, 0}, {"bought", W_BUY, 0},
    {"purchase", BUYN, 0}, {"purchases", BUYN, 0}, {"purchased", W_BUY, 0},
    {"purchasing", W_BUY, 0}, {"acquire", W_BUY, 0}, {"acquires", W_BUY, 0},
    {"acquired", W_BUY, 0}, {"acquiring", W_BUY, 0}, {"acquisition", BUYN, 0},
    {"acquisitions", BUYN, 0}, {"import", W_BUY, 0}, {"imports", BUYN, 0},
    {"imported", W_BUY, 0}, {"importing", W_BUY, 0}, {"procure", W_BUY, 0},
    {"procures", W_BUY, 0}, {"procured", W_BUY, 0}, {"procurement", BUYN, 0},
    {"obtain", W_BUY, 0}, {"obtained", W_BUY, 0}, {"get", W_BUY, 0}, {"got", W_BUY, 0},
    {"order", W_BUY, ORD}, {"orders", BUYN, ORD}, {"ordered", W_BUY, ORD},
    {"receive", W_BUY, DLV}, {"receives", W_BUY, DLV}, {"received", W_BUY, DLV},
    {"interest", BUYN, INT}, {"interested", W_BUY, INT}, {"consider", W_BUY, INT},
    {"considers", W_BUY, INT}, {"considering", W_BUY, INT}, {"considered", W_BUY, INT},
    {"eyeing", W_BUY, INT}, {"seeking", W_BUY, INT}, {"sought", W_BUY, INT},
    {"want", W_BUY, INT}, {"wants", W_BUY, INT}, {"wanted", W_BUY, INT},
    {"negotiate", W_BUY, NEG}, {"negotiating", W_BUY, NEG}, {"negotiated", W_BUY, NEG},
    {"negotiations", BUYN, NEG}, {"talks", BUYN, NEG},
    /* buy side, French */
    {"acheter", W_BUY, 0}, {"achete", W_BUY, 0}, {"achetee", W_BUY, 0},
    {"achetes", W_BUY, 0}, {"achetees", W_BUY, 0}, {"achetent", W_BUY, 0},
    {"achetait", W_BUY, 0}, {"achat", BUYN, 0}, {"achats", BUYN, 0},
    {"acquerir", W_BUY, 0}, {"acquiert", W_BUY, 0}, {"acquierent", W_BUY, 0},
    {"acquis", W_BUY, 0}, {"acquise", W_BUY, 0}, {"acquises", W_BUY, 0},
    {"importer", W_BUY, 0}, {"importe", W_BUY, 0}, {"importes", W_BUY, 0},
    {"importations", BUYN, 0}, {"importation", BUYN, 0}, {"obtenu", W_BUY, 0},
    {"obtient", W_BUY, 0}, {"dote", W_BUY, 0}, {"dotee", W_BUY, 0}, {"doter", W_BUY, 0},
    {"commander", W_BUY, ORD}, {"commande", BUYN, ORD}, {"commandes", BUYN, ORD},
    {"commandee", W_BUY, ORD}, {"commandees", W_BUY, ORD}, {"commandent", W_BUY, ORD},
    {"recu", W_BUY, DLV}, {"recus", W_BUY, DLV}, {"recue", W_BUY, DLV},
    {"recues", W_BUY, DLV}, {"recoit", W_BUY, DLV}, {"reception", BUYN, DLV},
    {"interesse", W_BUY, INT}, {"interessee", W_BUY, INT}, {"interesses", W_BUY, INT},
    {"interessent", W_BUY, INT}, {"interet", BUYN, INT}, {"envisage", W_BUY, INT},
    {"envisager", W_BUY, INT}, {"convoite", W_BUY, INT}, {"negocie", W_BUY, NEG},
    {"negocier", W_BUY, NEG}, {"negociations", BUYN, NEG},
    /* buy side, Spanish */
    {"comprar", W_BUY, 0}, {"compra", BUYN, 0}, {"compras", BUYN, 0}, {"compro", W_BUY, 0},
    {"compraron", W_BUY, 0}, {"compran", W_BUY, 0}, {"comprado", W_BUY, 0},
    {"comprada", W_BUY, 0}, {"comprados", W_BUY, 0}, {"compradas", W_BUY, 0},
    {"adquirir", W_BUY, 0}, {"adquiere", W_BUY, 0}, {"adquieren", W_BUY, 0},
    {"adquirio", W_BUY, 0}, {"adquirieron", W_BUY, 0}, {"adquirido", W_BUY, 0},
    {"adquirida", W_BUY, 0}, {"adquisicion", BUYN, 0}, {"adquisiciones", BUYN, 0},
    {"importar", W_BUY, 0}, {"importa", W_BUY, 0}, {"importo", W_BUY, 0},
    {"importaron", W_BUY, 0}, {"importaciones", BUYN, 0}, {"obtuvo", W_BUY, 0},
    {"encargo", BUYN, ORD}, {"encargaron", W_BUY, ORD}, {"encargado", W_BUY, ORD},
    {"pedido", BUYN, ORD}, {"recibir", W_BUY, DLV}, {"recibe", W_BUY, DLV},
    {"recibio", W_BUY, DLV}, {"recibieron", W_BUY, DLV}, {"recibido", W_BUY, DLV},
    {"interesa", W_BUY, INT}, {"interesado", W_BUY, INT}, {"interesados", W_BUY, INT},
    {"interes", BUYN, INT}, {"considera", W_BUY, INT}, {"negocia", W_BUY, NEG},
    {"negociaciones", BUYN, NEG},
    /* sell side, English */
    {"sell", W_SELL, 0}, {"sells", W_SELL, 0}, {"selling", W_SELL, 0}, {"sold", W_SELL, 0},
    {"sale", SELLN, 0}, {"sales", SELLN, 0}, {"supply", W_SELL, 0}, {"supplies", W_SELL, 0},
    {"supplied", W_SELL, 0}, {"supplying", W_SELL, 0}, {"provide", W_SELL, 0},
    {"provides", W_SELL, 0}, {"provided", W_SELL, 0}, {"providing", W_SELL, 0},
    {"export", W_SELL, 0}, {"exports", SELLN, 0}, {"exported", W_SELL, 0},
    {"exporting", W_SELL, 0}, {"transfer", W_SELL, 0}, {"transfers", SELLN, 0},
    {"transferred", W_SELL, 0}, {"ship", W_SELL, 0}, {"ships", W_SELL, 0},
    {"shipped", W_SELL, 0}, {"deliver", W_SELL, DLV}, {"delivers", W_SELL, DLV},
    {"delivered", W_SELL, DLV}, {"delivering", W_SELL, DLV}, {"delivery", SELLN, DLV},
    {"deliveries", SELLN, DLV}, {"approve", W_SELL, APR}, {"approves", W_SELL, APR},
    {"approved", W_SELL, APR}, {"authorised", W_SELL, APR}, {"authorized", W_SELL, APR},
    {"cleared", W_SELL, APR},
    /* sell side, French */
    {"vendre", W_SELL, 0}, {"vend", W_SELL, 0}, {"vendent", W_SELL, 0}, {"vendu", W_SELL, 0},
    {"vendue", W_SELL, 0}, {"vendus", W_SELL, 0}, {"vendues", W_SELL, 0},
    {"vendait", W_SELL, 0}, {"vente", SELLN, 0}, {"ventes", SELLN, 0},
    {"fournir", W_SELL, 0}, {"fournit", W_SELL, 0}, {"fournissent", W_SELL, 0},
    {"fourni", W_SELL, 0}, {"fournie", W_SELL, 0}, {"fournis", W_SELL, 0},
    {"fournies", W_SELL, 0}, {"exporter", W_SELL, 0}, {"exporte", W_SELL, 0},
    {"exportent", W_SELL, 0}, {"exportations", SELLN, 0}, {"exportation", SELLN, 0},
    {"cede", W_SELL, 0}, {"livrer", W_SELL, DLV}, {"livre", W_SELL, DLV},
    {"livrent", W_SELL, DLV}, {"livres", W_SELL, DLV}, {"livree", W_SELL, DLV},
    {"livrees", W_SELL, DLV}, {"livraison", SELLN, DLV}, {"livraisons", SELLN, DLV},
    {"approuve", W_SELL, APR}, {"approuvee", W_SELL, APR}, {"autorise", W_SELL, APR},
    {"autorisee", W_SELL, APR},
    /* sell side, Spanish */
    {"vender", W_SELL, 0}, {"vende", W_SELL, 0}, {"venden", W_SELL, 0},
    {"vendio", W_SELL, 0}, {"vendieron", W_SELL, 0}, {"vendido", W_SELL, 0},
    {"vendida", W_SELL, 0}, {"venta", SELLN, 0}, {"ventas", SELLN, 0},
    {"suministrar", W_SELL, 0}, {"suministra", W_SELL, 0}, {"suministran", W_SELL, 0},
    {"suministro", SELLN, 0}, {"suministraron", W_SELL, 0}, {"suministrado", W_SELL, 0},
    {"proporciona", W_SELL, 0}, {"proporciono", W_SELL, 0}, {"provee", W_SELL, 0},
    {"proveyo", W_SELL, 0}, {"exportar", W_SELL, 0}, {"exporta", W_SELL, 0},
    {"exporto", W_SELL, 0}, {"exportaron", W_SELL, 0}, {"exportaciones", SELLN, 0},
    {"entregar", W_SELL, DLV}, {"entrega", W_SELL, DLV}, {"entregan", W_SELL, DLV},
    {"entrego", W_SELL, DLV}, {"entregaron", W_SELL, DLV}, {"entregado", W_SELL, DLV},
    {"entregas", SELLN, DLV}, {"aprobo", W_SELL, APR}, {"aprobado", W_SELL, APR},
    {"autorizo", W_SELL, APR}, {"autorizado", W_SELL, APR},
    /* status only */
    {"signed", W_STOP, ORD}, {"signe", W_STOP, ORD}, {"firmo", W_STOP, ORD},
    {"cancelled", W_STOP, CAN}, {"canceled", W_STOP, CAN}, {"cancel", W_STOP, CAN},
    {"annule", W_STOP, CAN}, {"annulee", W_STOP, CAN}, {"cancelado", W_STOP, CAN},
    {"cancelo", W_STOP, CAN},
};

static const word *find_word(const char *w)
{
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].w, w) == 0) return &words[i];
    return NULL;
}

/* ---- tokens ------------------------------------------------------------------------ */

enum { E_NONE = 0, E_COUNTRY, E_SYSTEM, E_COMPANY, E_CATEGORY };

typedef struct tok {
    char *raw;            /* the word as written */
    char *fold;           /* folded */
    const word *w;        /* table entry or NULL */
    int year;             /* 1900..2100 when the word is a year */
    int ent;              /* index into ents, -1 */
    bool used;            /* understood */
} tok;

typedef struct ent {
    int type;
    size_t start, end;    /* token range [start,end) */
    ars_country_ref c;
    ars_system_ref s;
    ars_company_ref co;
    const char *cat;
    char *text;           /* the words as written, for messages */
} ent;

typedef struct parse {
    tok *t;
    size_t nt, capt;
    ent *e;
    size_t ne, cape;
} parse;

static void parse_free(parse *p)
{
    for (size_t i = 0; i < p->nt; i++) { free(p->t[i].raw); free(p->t[i].fold); }
    for (size_t i = 0; i < p->ne; i++) free(p->e[i].text);
    free(p->t);
    free(p->e);
}

/* Separators: ASCII punctuation except '-' '.' (kept inside designations) and
 * a few typographic marks. Returns the byte length of the separator at s[i],
 * 0 if s[i] starts a word character. */
static size_t sep_len(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        if (isalnum(c) || c == '-' || c == '.' || c == '/' || c == '+') return 0;
        return 1;
    }
    static const char *const seps[] = {"\xC2\xBF", "\xC2\xA1", "\xC2\xAB", "\xC2\xBB",
                                       "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                       "\xE2\x80\x99", "\xC2\xA0", "\xE2\x80\xAF",
                                       "\xE2\x80\xA6", "\xC2\xB4"};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t n = strlen(seps[k]);
        if (strncmp(s + i, seps[k], n) == 0) return n;
    }
    return 0;
}

static int year_of(const char *f)
{
    size_t n = strlen(f);
    if (n != 4) return 0;
    for (size_t i = 0; i < 4; i++) if (!isdigit((unsigned char)f[i])) return 0;
    int y = atoi(f);
    return (y >= 1900 && y <= 2100) ? y : 0;
}

static int push_tok(parse *p, const char *raw, size_t n)
{
    /* trim dots at the ends ("U.S." keeps its inner dots, "2020." loses its last) */
    while (n && (raw[n - 1] == '.' || raw[n - 1] == '-')) n--;
    while (n && (raw[0] == '.' || raw[0] == '-')) { raw++; n--; }
    if (!n) return 0;
    if (ARS_GROW(p->t, p->nt, p->capt) != 0) return ARS_ENOMEM;
    tok *t = &p->t[p->nt];
    memset(t, 0, sizeof *t);
    t->ent = -1;
    t->raw = ars_strndup(raw, n);
    t->fold = ars_fold(raw, n, NULL);
    if (!t->raw || !t->fold) { free(t->raw); free(t->fold); return ARS_ENOMEM; }
    t->w = find_word(t->fold);
    t->year = year_of(t->fold);
    p->nt++;
    return 0;
}

/* A hyphenated word made of known function words ("est-ce", "a-t-il",
 * "vend-il") is split; designations and names ("S-400", "États-Unis") stay. */
static bool split_hyphens(const char *raw, size_t n)
{
    if (!memchr(raw, '-', n)) return false;
    for (size_t i = 0; i < n; i++) if (isdigit((unsigned char)raw[i])) return false;
    char *f = ars_fold(raw, n, NULL);
    if (!f) return false;
    bool any = false;
    for (char *part = f; part && *part;) {
        char *dash = strchr(part, '-');
        if (dash) *dash = '\0';
        const word *w = find_word(part);
        if (w && !(w->flags & (W_PARTY | W_FILLER))) any = true;
        part = dash ? dash + 1 : NULL;
    }
    free(f);
    return any;
}

static int tokenize(parse *p, const char *q)
{
    size_t len = strlen(q), i = 0;
    while (i < len) {
        size_t sl = sep_len(q, i);
        if (sl) { i += sl; continue; }
        size_t j = i;
        while (j < len && !sep_len(q, j)) j++;
        int rc;
        if (split_hyphens(q + i, j - i)) {
            size_t a = i;
            for (size_t k = i; k <= j; k++) {
                if (k == j || q[k] == '-') {
                    if ((rc = push_tok(p, q + a, k - a))) return rc;
                    a = k + 1;
                }
            }
        } else if ((rc = push_tok(p, q + i, j - i))) {
            return rc;
        }
        i = j;
    }
    return 0;
}

/* ---- entities --------------------------------------------------------------------- */

/* May this token start or end an entity n-gram? */
static bool edge_ok(const tok *t)
{
    return !t->w || (t->w->flags & (W_FILLER | W_PARTY));
}

static int try_lookup(const ars_query_lexicon *lx, const char *s, ent *e)
{
    if (lx->country && lx->country(lx->ctx, s, &e->c)) return E_COUNTRY;
    if (lx->system && lx->system(lx->ctx, s, &e->s)) return E_SYSTEM;
    if (lx->company && lx->company(lx->ctx, s, &e->co)) return E_COMPANY;
    if (lx->category && lx->category(lx->ctx, s, &e->cat)) return E_CATEGORY;
    return E_NONE;
}

/* Looks s up as written, then without dots ("u.s" -> "us"), then with hyphens
 * as spaces ("etats-unis" -> "etats unis"). */
static int lookup(const ars_query_lexicon *lx, char *s, ent *e)
{
    int type = try_lookup(lx, s, e);
    if (type) return type;
    if (strchr(s, '.')) {
        char *v = ars_strdup(s);
        if (!v) return E_NONE;
        size_t j = 0;
        for (size_t i = 0; v[i]; i++) if (v[i] != '.') v[j++] = v[i];
        v[j] = '\0';
        type = try_lookup(lx, v, e);
        free(v);
        if (type) return type;
    }
    if (strchr(s, '-')) {
        char *v = ars_strdup(s);
        if (!v) return E_NONE;
        for (size_t i = 0; v[i]; i++) if (v[i] == '-') v[i] = ' ';
        type = try_lookup(lx, v, e);
        free(v);
        if (type) return type;
    }
    /* plural of a designation: "F-16s", "HIMARSs" is not a thing, "Su-35s" is */
    size_t n = strlen(s);
    if (n > 2 && s[n - 1] == 's' && isdigit((unsigned char)s[n - 2])) {
        s[n - 1] = '\0';
        type = try_lookup(lx, s, e);
        s[n - 1] = 's';
    }
    return type;
}

#define MAX_NGRAM 6

static int find_entities(parse *p, const ars_query_lexicon *lx)
{
    ars_buf b;
    ars_buf_init(&b);
    int rc = 0;
    size_t i = 0;
    while (i < p->nt) {
        size_t found = 0;
        ent e;
        memset(&e, 0, sizeof e);
        if (edge_ok(&p->t[i]) && !p->t[i].year) {
            size_t maxn = p->nt - i < MAX_NGRAM ? p->nt - i : MAX_NGRAM;
            for (size_t n = maxn; n >= 1 && !found; n--) {
                const tok *last = &p->t[i + n - 1];
                if (!edge_ok(last) || (n == 1 && p->t[i].w)) continue;
                bool has_year = false;
                for (size_t k = i; k < i + n; k++) has_year |= p->t[k].year != 0;
                if (has_year) continue;
                ars_buf_reset(&b);
                for (size_t k = i; k < i + n; k++) {
                    if (k > i) ars_buf_putc(&b, ' ');
                    ars_buf_puts(&b, p->t[k].fold);
                }
                if (b.failed) { rc = ARS_ENOMEM; goto cleanup; }
                e.type = lookup(lx, b.data, &e);
                if (e.type) found = n;
            }
        }
        if (!found) { i++; continue; }
        ars_buf_reset(&b);
        for (size_t k = i; k < i + found; k++) {
            if (k > i) ars_buf_putc(&b, ' ');
            ars_buf_puts(&b, p->t[k].raw);
            p->t[k].ent = (int)p->ne;
            p->t[k].used = true;
        }
        e.start = i;
        e.end = i + found;
        e.text = ars_buf_take(&b, NULL);
        if (!e.text || ARS_GROW(p->e, p->ne, p->cape) != 0) { free(e.text); rc = ARS_ENOMEM; goto cleanup; }
        p->e[p->ne++] = e;
        i += found;
    }
cleanup:
    ars_buf_free(&b);
    return rc;
}

/* ---- roles ------------------------------------------------------------------------ */

enum { R_NONE = 0, R_BUYER, R_SELLER };
enum { SIDE_NONE = 0, SIDE_BUY, SIDE_SELL };

static int subject_role(int side) { return side == SIDE_SELL ? R_SELLER : R_BUYER; }

static bool tok_has(const parse *p, size_t i, unsigned flags)
{
    return i < p->nt && p->t[i].w && (p->t[i].w->flags & flags);
}

/* Role given to the country starting at token `start` by the preposition
 * before it; R_NONE for a bare country. */
static int prep_role(const parse *p, size_t start, int side)
{
    size_t i = start;
    while (i > 0 && tok_has(p, i - 1, W_ARTICLE)) i--;
    if (i == 0) return R_NONE;
    const tok *t = &p->t[i - 1];
    if (!t->w || t->ent >= 0) return R_NONE;
    unsigned f = t->w->flags;
    if (f & (W_FROM | W_SINCE | W_ORIGIN)) return R_SELLER;
    if (f & (W_TO | W_IN)) return R_BUYER;
    if (f & W_A) return side == SIDE_BUY ? R_SELLER : R_BUYER;
    if (f & W_BY) return side == SIDE_NONE ? R_SELLER : subject_role(side);
    if (f & W_OF) {
        if (i >= 2 && tok_has(p, i - 2, W_ORIGIN)) return R_SELLER;
        if (i >= 2 && tok_has(p, i - 2, W_NOUN) && p->t[i - 2].ent < 0)
            return (p->t[i - 2].w->flags & W_BUY) ? R_BUYER : R_SELLER;
        return R_SELLER;
    }
    return R_NONE;
}

/* A country written right next to a system or category ("Israeli drones",
 * "drones israéliens") names where the equipment comes from. */
static bool attributive(const parse *p, const ent *e)
{
    if (e->end < p->nt && p->t[e->end].ent >= 0) {
        int t = p->e[p->t[e->end].ent].type;
        if (t == E_SYSTEM || t == E_CATEGORY) return true;
    }
    if (e->start > 0 && p->t[e->start - 1].ent >= 0) {
        int t = p->e[p->t[e->start - 1].ent].type;
        if (t == E_SYSTEM || t == E_CATEGORY) return true;
    }
    return false;
}

/* ---- years -------------------------------------------------------------------------- */

static void read_years(parse *p, int *since, int *until)
{
    bool between = false;
    for (size_t i = 0; i < p->nt; i++) {
        int y = p->t[i].year;
        if (!y || p->t[i].ent >= 0) continue;
        p->t[i].used = true;
        const tok *p1 = i > 0 ? &p->t[i - 1] : NULL;
        unsigned f1 = p1 && p1->w ? p1->w->flags : 0;
        unsigned f2 = (i > 1 && p->t[i - 2].w) ? p->t[i - 2].w->flags : 0;
        bool next_range = (tok_has(p, i + 1, W_A | W_TO | W_UNTIL | W_AND)) && i + 2 < p->nt &&
                          p->t[i + 2].year;
        if ((f1 & W_AND) && between) { *until = y; between = false; continue; }
        if ((f1 & W_OF) && (f2 & W_BEFORE)) { *until = y - 1; continue; }
        if ((f1 & W_OF) && (f2 & W_AFTER)) { *since = y + 1; continue; }
        if ((f1 & W_OF) && (f2 & W_SINCE)) { *since = y; continue; }
        if ((f1 & W_IN) && (f2 & W_UNTIL)) { *until = y; continue; }
        if (f1 & W_BEFORE) { *until = y - 1; continue; }
        if (f1 & W_AFTER) { *since = y + 1; continue; }
        if (f1 & W_BETWEEN) { *since = y; between = true; continue; }
        if (f1 & (W_SINCE | W_FROM)) { *since = y; continue; }
        if (f1 & W_UNTIL) { *until = y; continue; }
        if ((f1 & (W_A | W_TO)) && i > 1 && p->t[i - 2].year) { *until = y; continue; }
        if ((f1 & W_OF) && next_range) { *since = y; continue; }
        *since = y;
        *until = y;
    }
}

/* ---- reading the question --------------------------------------------------------- */

static const char *role_name(int r) { return r == R_BUYER ? "buyer" : "seller"; }

static char *dup_or_null(const char *s) { return s ? ars_strdup(s) : NULL; }

int ars_query_parse_with(const ars_query_lexicon *lx, const char *question, ars_query *q,
                         char **err)
{
    parse p;
    memset(&p, 0, sizeof p);
    ars_query r;               /* what the question says */
    ars_query_init(&r);
    ars_buf msg;
    ars_buf_init(&msg);
    int rc = 0;
    *err = NULL;
    const ars_country_ref *role[3] = {NULL, NULL, NULL};
    const char *role_text[3] = {NULL, NULL, NULL};

    if (!question) question = "";
    if ((rc = tokenize(&p, question))) goto cleanup;
    if ((rc = find_entities(&p, lx))) goto cleanup;

    /* side, asked role, status */
    int side = SIDE_NONE, ask = R_NONE;
    bool who = false;
    size_t who_at = 0;
    for (size_t i = 0; i < p.nt; i++) {
        const tok *t = &p.t[i];
        if (!t->w || t->ent >= 0) continue;
        p.t[i].used = true;
        unsigned f = t->w->flags;
        if (!side && (f & W_BUY)) side = SIDE_BUY;
        if (!side && (f & W_SELL)) side = SIDE_SELL;
        if ((f & (W_WHO | W_PARTY)) && !who) { who = true; who_at = i; }
        if (f & W_ASKSELL) ask = R_SELLER;
        if (f & W_ASKBUY) ask = R_BUYER;
        if (t->w->status && r.status < 0) {
            r.status = t->w->status & 0xFF;
            r.status_min = (t->w->status & ST_MIN) != 0;
        }
    }
    if (who && !ask) {
        int pr = prep_role(&p, who_at, side);
        ask = pr ? pr : subject_role(side);
    }

    /* unknown words: reported before anything else */
    size_t nunknown = 0;
    for (size_t i = 0; i < p.nt; i++) {
        if (p.t[i].used || p.t[i].year) continue;
        ars_buf_puts(&msg, nunknown ? ", \"" : "\"");
        ars_buf_puts(&msg, p.t[i].raw);
        ars_buf_putc(&msg, '"');
        nunknown++;
    }
    if (nunknown) {
        char *words_list = ars_buf_take(&msg, NULL);
        *err = ars_asprintf("did not understand %s in \"%s\": %s not a known country, system, "
                            "company or category, nor a question word; say it with flags: "
                            "--buyer, --seller, --supplier, --system, --category, --status, "
                            "--since, --until",
                            words_list ? words_list : "some words", question,
                            nunknown > 1 ? "they are" : "it is");
        free(words_list);
        rc = ARS_EPARSE;
        goto cleanup;
    }

    /* countries: prepositions first, then the bare ones */
    int *roles = calloc(p.ne + 1, sizeof *roles);
    if (!roles) { rc = ARS_ENOMEM; goto cleanup; }
    for (size_t k = 0; k < p.ne; k++) {
        if (p.e[k].type != E_COUNTRY) continue;
        roles[k] = prep_role(&p, p.e[k].start, side);
        /* "from Israel and France": a country joined by "and" to the one
         * before it shares its preposition */
        size_t a = p.e[k].start;
        if (!roles[k] && a >= 2 && tok_has(&p, a - 1, W_AND) && p.t[a - 2].ent >= 0 &&
            p.e[p.t[a - 2].ent].type == E_COUNTRY)
            roles[k] = roles[p.t[a - 2].ent];
    }
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        for (size_t k = 0; k < p.ne && rc == 0; k++) {
            if (p.e[k].type != E_COUNTRY) continue;
            int rr = roles[k];
            if (pass == 0 && !rr) continue;
            if (pass == 1) {
                if (rr) continue;
                int order[2];
                if (side == SIDE_SELL) { order[0] = R_SELLER; order[1] = R_BUYER; }
                else if (attributive(&p, &p.e[k]) && (role[R_BUYER] || ask == R_BUYER)) {
                    order[0] = R_SELLER; order[1] = R_BUYER;
                } else { order[0] = R_BUYER; order[1] = R_SELLER; }
                for (int o = 0; o < 2 && !rr; o++)
                    if (!role[order[o]] && ask != order[o]) rr = order[o];
                if (!rr) {
                    /* a third country, or the role the question asks about */
                    rr = order[0];
                }
            }
            if (role[rr] && strcmp(role[rr]->iso3, p.e[k].c.iso3) != 0) {
                *err = ars_asprintf("\"%s\" and \"%s\" both read as the %s in \"%s\"; give one "
                                    "of them with --buyer or --seller",
                                    role_text[rr], p.e[k].text, role_name(rr), question);
                rc = ARS_EPARSE;
                break;
            }
            role[rr] = &p.e[k].c;
            role_text[rr] = p.e[k].text;
            if (ask == rr) ask = R_NONE;
        }
    }
    free(roles);
    if (rc) goto cleanup;
    if (role[R_BUYER]) snprintf(r.buyer, sizeof r.buyer, "%s", role[R_BUYER]->iso3);
    if (role[R_SELLER]) snprintf(r.seller, sizeof r.seller, "%s", role[R_SELLER]->iso3);

    /* systems, companies, categories: one of each */
    const char *seen[5] = {NULL, NULL, NULL, NULL, NULL};
    for (size_t k = 0; k < p.ne; k++) {
        ent *e = &p.e[k];
        const char *val = NULL;
        if (e->type == E_SYSTEM) val = e->s.name;
        else if (e->type == E_COMPANY) val = e->co.name;
        else if (e->type == E_CATEGORY) val = e->cat;
        else continue;
        if (seen[e->type] && !ars_fold_equal(seen[e->type], val)) {
            static const char *const what[] = {"", "", "system", "company", "category"};
            static const char *const flag[] = {"", "", "--system", "--supplier", "--category"};
            *err = ars_asprintf("more than one %s in \"%s\" (\"%s\" and \"%s\"); ask one at a "
                                "time or use %s",
                                what[e->type], question, seen[e->type], val, flag[e->type]);
            rc = ARS_EPARSE;
            goto cleanup;
        }
        seen[e->type] = val;
        if (e->type == E_SYSTEM && !r.system) {
            r.system = dup_or_null(e->s.name);
            r.family = dup_or_null(e->s.family);
            if (!r.system || (e->s.family && !r.family)) { rc = ARS_ENOMEM; goto cleanup; }
        } else if (e->type == E_COMPANY && !r.supplier) {
            if (!(r.supplier = dup_or_null(e->co.name))) { rc = ARS_ENOMEM; goto cleanup; }
        } else if (e->type == E_CATEGORY && !r.category) {
            if (!(r.category = dup_or_null(e->cat))) { rc = ARS_ENOMEM; goto cleanup; }
        }
    }

    read_years(&p, &r.since, &r.until);
    if (r.since && r.until && r.since > r.until) {
        *err = ars_asprintf("the years in \"%s\" leave no time span (%d to %d)", question,
                            r.since, r.until);
        rc = ARS_EPARSE;
        goto cleanup;
    }
    r.ask = ask == R_BUYER ? ARS_ASK_BUYER : ask == R_SELLER ? ARS_ASK_SELLER : ARS_ASK_NONE;

    if (ars_query_is_empty(&r) && ars_query_is_empty(q)) {
        *err = ars_asprintf("found no country, system, company, category, status or year in "
                            "\"%s\"; name one (e.g. \"what did Morocco buy from Israel\") or "
                            "use --buyer, --seller, --system, --category",
                            question);
        rc = ARS_EPARSE;
        goto cleanup;
    }

    /* merge into q: flags win, contradictions are errors */
#define CONFLICT(name, a, b)                                                                    \
    do {                                                                                        \
        *err = ars_asprintf("the question says %s=%s but the flags say %s=%s", name, a, name, b); \
        rc = ARS_EPARSE;                                                                        \
        goto cleanup;                                                                           \
    } while (0)
    if (r.buyer[0] && q->buyer[0] && strcmp(r.buyer, q->buyer)) CONFLICT("buyer", r.buyer, q->buyer);
    if (r.seller[0] && q->seller[0] && strcmp(r.seller, q->seller)) CONFLICT("seller", r.seller, q->seller);
    if (r.system && q->system && !ars_fold_equal(r.system, q->system)) CONFLICT("system", r.system, q->system);
    if (r.supplier && q->supplier && !ars_fold_equal(r.supplier, q->supplier))
        CONFLICT("supplier", r.supplier, q->supplier);
    if (r.category && q->category && !ars_fold_equal(r.category, q->category))
        CONFLICT("category", r.category, q->category);
#undef CONFLICT
    if (!q->buyer[0]) memcpy(q->buyer, r.buyer, sizeof q->buyer);
    if (!q->seller[0]) memcpy(q->seller, r.seller, sizeof q->seller);
    if (!q->system) { q->system = r.system; q->family = r.family; r.system = r.family = NULL; }
    if (!q->supplier) { q->supplier = r.supplier; r.supplier = NULL; }
    if (!q->category) { q->category = r.category; r.category = NULL; }
    if (q->status < 0) { q->status = r.status; q->status_min = r.status_min; }
    if (!q->since) q->since = r.since;
    if (!q->until) q->until = r.until;
    if (q->ask == ARS_ASK_NONE) q->ask = r.ask;
    /* a role the flags fixed is not asked for */
    if (q->ask == ARS_ASK_BUYER && q->buyer[0]) q->ask = ARS_ASK_NONE;
    if (q->ask == ARS_ASK_SELLER && q->seller[0]) q->ask = ARS_ASK_NONE;

cleanup:
    if (rc == ARS_ENOMEM && !*err) *err = ars_strdup("out of memory");
    ars_buf_free(&msg);
    ars_query_clear(&r);
    parse_free(&p);
    return rc;
}

/* ---- the rules as a lexicon ------------------------------------------------------ */

static int lx_country(void *ctx, const char *s, ars_country_ref *o) { return ars_rules_find_country(ctx, s, o); }
static int lx_system(void *ctx, const char *s, ars_system_ref *o) { return ars_rules_find_system(ctx, s, o); }
static int lx_company(void *ctx, const char *s, ars_company_ref *o) { return ars_rules_find_company(ctx, s, o); }
static int lx_category(void *ctx, const char *s, const char **o) { return ars_rules_find_category(ctx, s, o); }

int ars_query_parse(const ars_rules *rules, const char *question, ars_query *q, char **err)
{
    ars_query_lexicon lx = {NULL, NULL, NULL, NULL, (void *)rules};
    if (rules) {
        lx.country = lx_country;
        lx.system = lx_system;
        lx.company = lx_company;
        lx.category = lx_category;
    }
    return ars_query_parse_with(&lx, question, q, err);
}

/* ---- flags ---------------------------------------------------------------------- */

static bool is_iso3(const char *v)
{
    return strlen(v) == 3 && isupper((unsigned char)v[0]) && isupper((unsigned char)v[1]) &&
           isupper((unsigned char)v[2]);
}

static int parse_year(const char *v, int *out)
{
    char *end = NULL;
    long y = strtol(v, &end, 10);
    if (!*v || *end || y < 1900 || y > 2100) return ARS_EINVAL;
    *out = (int)y;
    return 0;
}

/* Status from an English name ("ordered", "ordered+") or a question word. */
static int parse_status(const char *v, int *st, bool *min)
{
    size_t n = strlen(v);
    bool plus = n > 1 && v[n - 1] == '+';
    char *f = ars_fold(v, plus ? n - 1 : n, NULL);
    if (!f) return ARS_ENOMEM;
    int s = ars_status_parse(f);
    bool m = plus;
    if (s < 0) {
        const word *w = find_word(f);
        if (w && w->status) { s = w->status & 0xFF; m = plus || (w->status & ST_MIN); }
    }
    free(f);
    if (s <= 0) return ARS_EINVAL;
    *st = s;
    *min = m;
    return 0;
}

int ars_query_set(const ars_rules *rules, ars_query *q, const char *field, const char *value,
                  char **err)
{
    *err = NULL;
    if (!field || !value || !*value) {
        *err = ars_asprintf("empty value for %s", field ? field : "a filter");
        return ARS_EINVAL;
    }
    bool is_buyer = strcmp(field, "buyer") == 0;
    if (is_buyer || strcmp(field, "seller") == 0) {
        char *dst = is_buyer ? q->buyer : q->seller;
        ars_country_ref c;
        if (rules && ars_rules_find_country(rules, value, &c)) {
            snprintf(dst, 4, "%s", c.iso3);
            return 0;
        }
        if (is_iso3(value) && (!rules || ars_rules_country_name(rules, value))) {
            snprintf(dst, 4, "%s", value);
            return 0;
        }
        *err = ars_asprintf("--%s %s: not a known country (give a name in English, French or "
                            "Spanish, a demonym, or an ISO3 code)", field, value);
        return ARS_EINVAL;
    }
    if (strcmp(field, "system") == 0) {
        ars_system_ref s;
        char *name = NULL, *fam = NULL;
        if (rules && ars_rules_find_system(rules, value, &s)) {
            name = ars_strdup(s.name);
            fam = dup_or_null(s.family);
        } else {
            name = ars_strdup(value);
        }
        if (!name) { free(fam); return ARS_ENOMEM; }
        free(q->system);
        free(q->family);
        q->system = name;
        q->family = fam;
        return 0;
    }
    if (strcmp(field, "supplier") == 0) {
        ars_company_ref c;
        char *name = ars_strdup(rules && ars_rules_find_company(rules, value, &c) ? c.name : value);
        if (!name) return ARS_ENOMEM;
        free(q->supplier);
        q->supplier = name;
        return 0;
    }
    if (strcmp(field, "category") == 0) {
        const char *cat = NULL;
        char *name = ars_strdup(rules && ars_rules_find_category(rules, value, &cat) ? cat : value);
        if (!name) return ARS_ENOMEM;
        free(q->category);
        q->category = name;
        return 0;
    }
    if (strcmp(field, "status") == 0) {
        int st = 0;
        bool min = false;
        int rc = parse_status(value, &st, &min);
        if (rc == ARS_ENOMEM) return rc;
        if (rc) {
            *err = ars_asprintf("--status %s: not a status (interest, negotiating, approved, "
                                "ordered, delivered, cancelled; add '+' for 'at least')", value);
            return ARS_EINVAL;
        }
        q->status = st;
        q->status_min = min;
        return 0;
    }
    if (strcmp(field, "since") == 0 || strcmp(field, "until") == 0) {
        int y = 0;
        if (parse_year(value, &y)) {
            *err = ars_asprintf("--%s %s: not a year (1900-2100)", field, value);
            return ARS_EINVAL;
        }
        if (field[0] == 's') q->since = y;
        else q->until = y;
        return 0;
    }
    *err = ars_asprintf("unknown query field \"%s\"", field);
    return ARS_EINVAL;
}

/* ---- matching ------------------------------------------------------------------------ */

/* The asked system is the deal's designation (as written, the rules' one or its
 * family) or a family prefix of it; the asked system's own family is the
 * deal's family or a prefix of its designation. */
static bool system_match(const ars_query *q, const ars_deal *d)
{
    char *name = ars_desig_key(d->system.name), *canon = ars_desig_key(d->system.canonical);
    char *fam = ars_desig_key(d->system.family);
    char *qs = ars_desig_key(q->system), *qf = ars_desig_key(q->family);
    bool ok = ars_desig_prefix(name, qs) || ars_desig_prefix(canon, qs) || ars_desig_prefix(fam, qs) ||
              ars_desig_prefix(name, qf) || ars_desig_prefix(canon, qf) || (qf && fam && strcmp(fam, qf) == 0);
    free(name);
    free(canon);
    free(fam);
    free(qs);
    free(qf);
    return ok;
}

int ars_query_deal_year(const ars_deal *d)
{
    int y = ars_date_year(d->date);
    for (size_t i = 0; !y && i < d->nsources; i++) y = ars_date_year(d->sources[i].date);
    for (size_t i = 0; !y && i < d->nsources; i++) y = ars_date_year(d->sources[i].doc_date);
    return y;
}

bool ars_query_match(const ars_query *q, const ars_deal *d)
{
    if (q->buyer[0] && strcmp(q->buyer, d->buyer.iso3) != 0) return false;
    if (q->seller[0]) {
        const char *s = d->seller.iso3[0] ? d->seller.iso3 : d->supplier.iso3;
        if (strcmp(q->seller, s) != 0) return false;
    }
    if (q->supplier && !ars_fold_equal(q->supplier, d->supplier.name)) return false;
    if (q->category && !ars_fold_equal(q->category, d->system.category)) return false;
    if (q->system && !system_match(q, d)) return false;
    if (q->status > 0) {
        if (q->status_min) {
            if (d->status == ARS_STATUS_CANCELLED ||
                ars_status_rank(d->status) < ars_status_rank((ars_status)q->status))
                return false;
        } else if ((int)d->status != q->status) {
            return false;
        }
    }
    if (q->since || q->until) {
        int y = ars_query_deal_year(d);
        if (!y || (q->since && y < q->since) || (q->until && y > q->until)) return false;
    }
    return true;
}

char *ars_query_describe(const ars_query *q)
{
    ars_buf b;
    ars_buf_init(&b);
#define SEP() do { if (b.len) ars_buf_putc(&b, ' '); } while (0)
    if (q->buyer[0]) { SEP(); ars_buf_printf(&b, "buyer=%s", q->buyer); }
    if (q->seller[0]) { SEP(); ars_buf_printf(&b, "seller=%s", q->seller); }
    if (q->supplier) { SEP(); ars_buf_printf(&b, "supplier=%s", q->supplier); }
    if (q->system) { SEP(); ars_buf_printf(&b, "system=%s", q->system); }
    if (q->category) { SEP(); ars_buf_printf(&b, "category=%s", q->category); }
    if (q->status > 0) {
        SEP();
        ars_buf_printf(&b, "status=%s%s", ars_status_name((ars_status)q->status), q->status_min ? "+" : "");
    }
    if (q->since && q->since == q->until) { SEP(); ars_buf_printf(&b, "year=%d", q->since); }
    else {
        if (q->since) { SEP(); ars_buf_printf(&b, "since=%d", q->since); }
        if (q->until) { SEP(); ars_buf_printf(&b, "until=%d", q->until); }
    }
#undef SEP
    if (!b.len) ars_buf_puts(&b, "any deal");
    if (b.failed) { ars_buf_free(&b); return NULL; }
    return ars_buf_take(&b, NULL);
}
