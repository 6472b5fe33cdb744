/*
 * names.c -- folded equality and designation keys (see names.h).
 */
#include "names.h"
#include "arsenal/text.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

bool ars_fold_equal(const char *a, const char *b)
{
    if (!a || !b) return false;
    char *fa = ars_fold(a, strlen(a), NULL), *fb = ars_fold(b, strlen(b), NULL);
    bool same = fa && fb && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return same;
}

char *ars_desig_key(const char *s)
{
    if (!s || !*s) return NULL;
    char *f = ars_fold(s, strlen(s), NULL);
    if (!f) return NULL;
    size_t j = 0;
    for (size_t i = 0; f[i]; i++)
        if (!strchr(" -.'\"/_", f[i])) f[j++] = f[i];
    f[j] = '\0';
    if (!j) { free(f); return NULL; }
    return f;
}

bool ars_desig_prefix(const char *have, const char *want)
{
    if (!have || !want || !*want) return false;
    if (strcmp(have, want) == 0) return true;
    size_t n = strlen(want);
    if (n < 2 || strncmp(have, want, n) != 0) return false;
    return !(isdigit((unsigned char)want[n - 1]) && isdigit((unsigned char)have[n]));
}
