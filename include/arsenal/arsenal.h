/*
 * arsenal/arsenal.h -- umbrella header of libarsenal.
 *
 * Extract arms deals from news text with rules (gazetteers, triggers,
 * patterns, value parsers), merge them, and build a procurement graph.
 */
#ifndef ARSENAL_ARSENAL_H
#define ARSENAL_ARSENAL_H

#include "common.h"
#include "deal.h"
#include "document.h"
#include "text.h"
#include "values.h"
#include "rules.h"
#include "extract.h"
#include "merge.h"
#include "graph.h"
#include "query.h"
#include "eval.h"
#include "reconcile.h"

#endif
