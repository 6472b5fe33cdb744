/*
 * atomicfile.c -- outputs are never half-written (see atomicfile.h): write to
 * PATH.tmp.XXXXXX in the target's directory, flush + fsync, rename over PATH.
 * Any failure (disk full, file size limit, read-only or missing directory)
 * removes the temporary and leaves a previous PATH untouched.
 */
#include "atomicfile.h"
#include "arsenal/common.h"
#include "util.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkstemp creates 0600 files: give the output the mode a plain fopen would
 * (0666 minus the umask), or the mode of the file it replaces. */
static void set_mode(int fd, const char *path)
{
    struct stat sb;
    mode_t mode;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) mode = sb.st_mode & 07777;
    else {
        mode_t um = umask(022);   /* read it back (umask has no getter) */
        umask(um);
        mode = 0666 & ~um;
    }
    if (fchmod(fd, mode) != 0) { /* best effort: the data matters more than the mode */ }
}

int ars_atomic_open(ars_atomic *a, const char *path)
{
    memset(a, 0, sizeof *a);
    if (strcmp(path, "-") == 0) { a->f = stdout; return 0; }
    a->path = ars_strdup(path);
    a->tmp = ars_asprintf("%s.tmp.XXXXXX", path);
    if (!a->path || !a->tmp) { ars_atomic_abort(a); errno = ENOMEM; return ARS_EIO; }
    int fd = mkstemp(a->tmp);
    if (fd < 0) { int e = errno; free(a->tmp); a->tmp = NULL; ars_atomic_abort(a); errno = e; return ARS_EIO; }
    set_mode(fd, path);
    a->f = fdopen(fd, "wb");
    if (!a->f) { int e = errno; close(fd); ars_atomic_abort(a); errno = e; return ARS_EIO; }
    return 0;
}

int ars_atomic_commit(ars_atomic *a)
{
    if (!a->f) { errno = EBADF; return ARS_EIO; }
    if (a->f == stdout) {
        errno = 0;
        int bad = fflush(stdout) != 0 || ferror(stdout);
        int e = errno ? errno : EIO;
        a->f = NULL;
        if (bad) { errno = e; return ARS_EIO; }
        return 0;
    }
    errno = 0;
    int bad = fflush(a->f) != 0 || ferror(a->f);
    int e = errno ? errno : EIO;   /* ferror() alone keeps no errno: say EIO */
    if (!bad && fsync(fileno(a->f)) != 0 && errno != EINVAL) { bad = 1; e = errno; }
    if (fclose(a->f) != 0 && !bad) { bad = 1; e = errno; }
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
    int e = errno;   /* callers report errno after aborting */
    if (a->f && a->f != stdout) fclose(a->f);
    a->f = NULL;
    if (a->tmp) unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
    errno = e;
}
