/* atomicfile.c -- see atomicfile.h. */
#include "atomicfile.h"
#include "arsenal/common.h"
#include "util.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ars_atomic_open(ars_atomic *a, const char *path)
{
    memset(a, 0, sizeof *a);
    if (strcmp(path, "-") == 0) { a->f = stdout; return 0; }
    a->path = ars_strdup(path);
    a->tmp = ars_asprintf("%s.tmp.XXXXXX", path);
    if (!a->path || !a->tmp) { ars_atomic_abort(a); errno = ENOMEM; return ARS_EIO; }
    int fd = mkstemp(a->tmp);
    if (fd < 0) { int e = errno; free(a->tmp); a->tmp = NULL; ars_atomic_abort(a); errno = e; return ARS_EIO; }
    a->f = fdopen(fd, "wb");
    if (!a->f) { int e = errno; close(fd); ars_atomic_abort(a); errno = e; return ARS_EIO; }
    return 0;
}

int ars_atomic_commit(ars_atomic *a)
{
    if (!a->f) return ARS_EIO;
    if (a->f == stdout) {
        int bad = fflush(stdout) != 0 || ferror(stdout);
        a->f = NULL;
        return bad ? ARS_EIO : 0;
    }
    int bad = fflush(a->f) != 0 || ferror(a->f);
    if (!bad && fsync(fileno(a->f)) != 0 && errno != EINVAL) bad = 1;
    int e = errno;
    if (fclose(a->f) != 0) { bad = 1; e = errno; }
    a->f = NULL;
    if (!bad && rename(a->tmp, a->path) != 0) { bad = 1; e = errno; }
    if (bad) { ars_atomic_abort(a); errno = e; return ARS_EIO; }
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
    return 0;
}

void ars_atomic_abort(ars_atomic *a)
{
    if (a->f && a->f != stdout) fclose(a->f);
    a->f = NULL;
    if (a->tmp) unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
}
