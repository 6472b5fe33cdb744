/* A program outside the project using the installed library: fold a name and
 * extract nothing from an empty document without error. */
#include <arsenal/arsenal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    size_t n = 0;
    char *f = ars_fold("Israël", strlen("Israël"), &n);
    int ok = f && strcmp(f, "israel") == 0;
    printf("arsenal %s: %s\n", ars_version(), f ? f : "(null)");
    free(f);
    return ok ? 0 : 1;
}
