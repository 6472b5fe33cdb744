/* fuzz_common.c -- see fuzz_common.h. */
#include "fuzz_common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char scratch[256];

static void remove_scratch(void)
{
    char cmd[300];
    if (!scratch[0]) return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
    if (system(cmd) != 0) { /* best effort */ }
}

const char *fuzz_scratch_dir(void)
{
    if (scratch[0]) return scratch;
    struct stat sb;
    const char *base = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) && access("/dev/shm", W_OK) == 0
                           ? "/dev/shm" : "/tmp";
    snprintf(scratch, sizeof scratch, "%s/arsfuzz.XXXXXX", base);
    if (!mkdtemp(scratch)) { scratch[0] = 0; return NULL; }
    atexit(remove_scratch);
    return scratch;
}

int fuzz_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int bad = n && fwrite(data, 1, n, f) != n;
    if (fclose(f) != 0) bad = 1;
    return bad ? -1 : 0;
}

int fuzz_copy_file(const char *from, const char *to)
{
    FILE *f = fopen(from, "rb");
    if (!f) return -1;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        if (n == cap) {
            char *nb = realloc(buf, cap ? cap * 2 : 4096);
            if (!nb) { free(buf); fclose(f); return -1; }
            buf = nb;
            cap = cap ? cap * 2 : 4096;
        }
        buf[n++] = (char)c;
    }
    fclose(f);
    int rc = fuzz_write_file(to, buf, n);
    free(buf);
    return rc;
}
