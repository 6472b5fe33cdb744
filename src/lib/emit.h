/*
 * emit.h -- writing JSON, XML and CSV text straight into an ars_buf.
 *
 * The deal printer and the graph exporters used to build a cJSON tree or go
 * through libxml2's xmlTextWriter / libcsv's csv_fwrite for every element; at a
 * million deals that bookkeeping (a node allocated per value, a stack entry and
 * an encoder pass per XML element, one fputc per CSV byte) was most of the
 * time. These functions produce the same bytes as those libraries did for the
 * strings we give them (tests/graph/test_emit.c compares them with cJSON,
 * libxml2 and libcsv), without the intermediate structures.
 */
#ifndef ARS_EMIT_H
#define ARS_EMIT_H

#include "util.h"
#include <stdio.h>

/* Appends a string literal (the length is known at compile time). */
#define ARS_PUTL(b, lit) ars_buf_put((b), (lit), sizeof(lit) - 1)

/* s as a JSON string, quotes included, escaped as cJSON_Print does:
 * \" \\ \b \f \n \r \t, other bytes below 0x20 as \u00xx, everything else
 * (DEL, non-ASCII) as is. NULL prints "". */
void ars_emit_json_str(ars_buf *b, const char *s);

/* v as cJSON_Print (1.7.15) prints a number: null for NaN and infinities,
 * else "%1.15g" when that reads back within DBL_EPSILON (relative), else
 * "%1.17g" (so -0.0 is "-0"). */
void ars_emit_json_num(ars_buf *b, double v);

/* Integers in decimal, as "%lld" prints them; ars_fmt_ll writes into buf (at
 * least 21 bytes, NUL-terminated) and returns the length. */
void ars_emit_ll(ars_buf *b, long long v);
size_t ars_fmt_ll(char *buf, long long v);

/* XML escaping as libxml2's xmlTextWriter does for a UTF-8 document:
 * text content (xmlEncodeSpecialChars): & < > " and CR as &#13;;
 * attribute values (xmlBufAttrSerializeTxtContent): & < > " and TAB, LF, CR
 * as character references. Other bytes, UTF-8 included, are copied. */
void ars_emit_xml_text(ars_buf *b, const char *s);
void ars_emit_xml_attr(ars_buf *b, const char *s);

/* A quoted CSV field as libcsv's csv_fwrite writes it: "..." with " doubled;
 * prefix (may be NULL) then s[0..n) as one field. */
void ars_emit_csv_quoted(ars_buf *b, const char *prefix, const char *s, size_t n);

/* Writes b to f once it holds `at_least` bytes (0: always) and empties it.
 * Returns false on a write or allocation error (b->failed or a short write). */
bool ars_emit_flush(ars_buf *b, FILE *f, size_t at_least);

#endif
