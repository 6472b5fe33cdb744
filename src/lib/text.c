/* text.c -- placeholder while the module is written. */
typedef int ars_text_placeholder;
#include "arsenal/text.h"
#include "util.h"
#include <string.h>
#include <stdlib.h>
#include <ctype.h>
char *ars_fold(const char *s, size_t len, size_t *out_len) { char *p = ars_strndup(s, len); for (size_t i = 0; p && i < len; i++) p[i] = (char)tolower((unsigned char)p[i]); if (out_len) *out_len = len; return p; }
