/* values.c -- STUB: money, quantity, date parsers (see arsenal/values.h). */
#include "arsenal/values.h"
int ars_parse_number(const char **cur, const char *end, double *out) { (void)cur; (void)end; (void)out; return 0; }
int ars_parse_money(const char **cur, const char *end, ars_money *out) { (void)cur; (void)end; (void)out; return 0; }
int ars_parse_quantity(const char **cur, const char *end, long long *out) { (void)cur; (void)end; (void)out; return 0; }
int ars_parse_date(const char **cur, const char *end, const char *anchor, char out[11]) { (void)cur; (void)end; (void)anchor; (void)out; return 0; }
int ars_parse_currency(const char **cur, const char *end, char code[4]) { (void)cur; (void)end; (void)code; return 0; }
