/*
 * atomicfile.h -- outputs are never half-written: write to a temporary file in
 * the same directory, fsync, rename over the target on success; on failure the
 * temporary is removed and the previous file is left intact.
 */
#ifndef ARS_ATOMICFILE_H
#define ARS_ATOMICFILE_H
#include <stdio.h>

typedef struct ars_atomic {
    FILE *f;
    char *path;
    char *tmp;
} ars_atomic;

/* "-" writes to stdout (no rename). Returns 0 or ARS_EIO (errno kept). */
int ars_atomic_open(ars_atomic *a, const char *path);
/* Flushes, checks for write errors and renames. Returns 0 or ARS_EIO. */
int ars_atomic_commit(ars_atomic *a);
/* Discards the temporary file (safe after a failed commit or twice). */
void ars_atomic_abort(ars_atomic *a);
#endif
