/*
 * assemble.h -- mentions of one document and their assembly into deals.
 */
#ifndef ARS_ASSEMBLE_H
#define ARS_ASSEMBLE_H
#include "rules_internal.h"
#include "arsenal/text.h"
#include "arsenal/document.h"
#include "arsenal/extract.h"

typedef enum {
    M_COUNTRY = 0, M_DEMONYM, M_METONYM, M_COMPANY, M_SYSTEM, M_CATEGORY, M_TRIGGER,
    M_DESIG, M_MONEY, M_QTY, M_DATE,
    M_NONE            /* a mention withdrawn by a better one: ignored by every stage */
} mention_kind;

typedef struct mention {
    mention_kind kind;
    size_t fs, fe;          /* folded range */
    uint32_t id;            /* country/company/system/category/trigger index */
    uint8_t flags;          /* EF_* of the surface form */
    ars_money money;
    long long qty;
    char date[11];
    const char *name;       /* designations: the words of the text (arena) */
    int category;           /* designations: category index or -1 */
    int sent;
} mention;

typedef struct doc_ctx {
    const ars_rules *r;
    const ars_document *doc;
    ars_text text;
    mention *m;
    size_t nm, mcap;
    ars_arena arena;
    char doc_date[11];
    bool truncated;         /* the mention limit was reached */
} doc_ctx;

/* Finds every mention (gazetteers, patterns, values) of the document. */
int ars_find_mentions(doc_ctx *c);
/* Assembles deals sentence by sentence and merges them per document. */
int ars_assemble(doc_ctx *c, const ars_extract_opts *opts, ars_dealset *out, ars_diag *diag);
#endif
