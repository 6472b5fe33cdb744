/*
 * textout.c -- printing text that comes from the pages (see cli.h): control
 * characters are dropped so that a page cannot move the cursor, ring the
 * terminal or reverse a line.
 */
#include "cli.h"
#include <string.h>

/* Byte length of a dropped control at s: C0 controls (not tab/CR/LF), DEL, and
 * the bidi embedding/override/isolate controls U+202A-202E, U+2066-2069 (the
 * graph exports drop the same); 0 for anything else. */
static size_t dropped(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((u[0] < 0x20 && u[0] != '\t' && u[0] != '\n' && u[0] != '\r') || u[0] == 0x7f) return 1;
    if (u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) || (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9)))
        return 3;
    return 0;
}

static bool is_break(char c) { return c == '\t' || c == '\n' || c == '\r'; }

const char *cli_clean_next(const char **s)
{
    size_t k;
    while (**s && (k = dropped(*s))) *s += k;
    if (!**s) return NULL;
    static const char space = ' ';
    const char *c = is_break(**s) ? &space : *s;
    (*s)++;
    return c;
}

void cli_put_clean(FILE *f, const char *s)
{
    for (const char *c; s && (c = cli_clean_next(&s));) fputc(*c, f);
}

void cli_clean_copy(char *out, size_t n, const char *s)
{
    if (!n) return;
    size_t j = 0;
    for (const char *c; s && j + 1 < n && (c = cli_clean_next(&s));) out[j++] = *c;
    if (s && cli_clean_next(&s)) {
        /* cut: do not leave half a character */
        while (j && ((unsigned char)out[j - 1] & 0xC0) == 0x80) j--;
        if (j && (unsigned char)out[j - 1] >= 0xC0) j--;
    }
    out[j] = '\0';
}

size_t cli_text_width(const char *s)
{
    size_t w = 0;
    for (const char *c; s && (c = cli_clean_next(&s));)
        if (((unsigned char)*c & 0xC0) != 0x80) w++;
    return w;
}
