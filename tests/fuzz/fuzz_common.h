/*
 * fuzz_common.h -- shared helpers for the fuzz targets: a private scratch
 * directory (under /dev/shm when it exists) and writing a buffer to a file.
 */
#ifndef ARS_FUZZ_COMMON_H
#define ARS_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>

/* A per-process scratch directory, created on first use; NULL on failure. */
const char *fuzz_scratch_dir(void);
/* Writes n bytes to path; 0 or -1. */
int fuzz_write_file(const char *path, const void *data, size_t n);
/* Copies a small file; 0 or -1. */
int fuzz_copy_file(const char *from, const char *to);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
#endif
