/*
 * cli.h -- shared pieces of the arsenal command: exit codes, the option table
 * that drives both parsing and --help, message helpers.
 *
 * Exit codes (documented in docs/cli.md and `arsenal --help`):
 *   0  success
 *   1  finished, but some inputs or records were skipped (see the summary)
 *   2  usage error (bad option or argument)
 *   3  rules error (a rule file is malformed: nothing was run)
 *   4  input/output error (cannot read an input at all, cannot write output)
 *   5  data error: --strict and something was skipped, or a check failed
 */
#ifndef ARS_CLI_H
#define ARS_CLI_H

#include <arsenal/arsenal.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_SKIPPED = 1, EXIT_USAGE = 2, EXIT_RULES = 3, EXIT_IO = 4, EXIT_DATA = 5 };

typedef struct cli_opt {
    const char *name;   /* long name without dashes */
    char short_name;    /* 0 if none */
    const char *arg;    /* argument placeholder ("FILE"), NULL for a flag */
    const char *help;
} cli_opt;

typedef struct cli_cmd {
    const char *name;
    const char *usage;      /* "arsenal extract [OPTIONS] [FILE|DIR|-]..." */
    const char *summary;
    const cli_opt *opts;    /* terminated by {0} */
} cli_cmd;

/* Parsed options: values by index into the command's table. */
typedef struct cli_args {
    const cli_cmd *cmd;
    const char **val;       /* last value of each option (or "1" for flags) */
    const char ***multi;    /* every value of each option, NULL-terminated */
    size_t *count;          /* times each option was given */
    char **pos;             /* positional arguments */
    int npos;
} cli_args;

/* Parses argv (after the command word). Prints the error and returns
 * EXIT_USAGE on a bad option; returns -1 after printing --help (exit 0). */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_args *out);
void cli_args_free(cli_args *a);
const char *cli_get(const cli_args *a, const char *name);       /* NULL if absent */
bool cli_has(const cli_args *a, const char *name);
const char *const *cli_all(const cli_args *a, const char *name); /* NULL-terminated, may be NULL */
void cli_help(const cli_cmd *cmd, FILE *f);

/* Messages: "arsenal: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints every entry of diag (file:line:col: severity: message). */
void cli_print_diag(const ars_diag *d);
/* Text from the pages, printed without control characters: C0 controls (tab,
 * CR, LF become spaces), DEL and the bidi embedding/override/isolate controls
 * are dropped (src/cli/textout.c). cli_clean_next returns the next byte to
 * print and advances *s (NULL at the end); cli_text_width counts the code
 * points printed; cli_clean_copy truncates to n-1 bytes at most (on a character boundary);
 * out may be s (cleaning only shrinks). */
const char *cli_clean_next(const char **s);
void cli_put_clean(FILE *f, const char *s);
void cli_clean_copy(char *out, size_t n, const char *s);
size_t cli_text_width(const char *s);

/* Checks stdout for write errors (and flushes); returns EXIT_IO on failure. */
int cli_finish_stdout(int rc);

/* Rules directory: --rules, else $ARSENAL_RULES, else the source tree's rules/
 * (developer builds), else the installed data dir. Loads them; on error prints
 * every problem and returns EXIT_RULES. */
int cli_load_rules(const char *opt_dir, ars_rules **out, bool quiet);
const char *cli_rules_dir(const char *opt_dir);

/* Reads documents from the inputs, extracting deals (shared by extract, build,
 * query, eval). Deals of each document are passed to `sink` in input order.
 * threads: worker count (>=1). Prints skips; fills stats. */
typedef int (*cli_deal_sink)(const ars_document *doc, ars_dealset *deals, void *ctx);
typedef struct cli_extract_cfg {
    const char *const *inputs;
    size_t ninputs;
    ars_reader_opts reader;
    ars_extract_opts extract;
    int threads;
    bool progress;          /* progress line on stderr (only on a terminal) */
    bool quiet;
} cli_extract_cfg;
typedef struct cli_extract_stats {
    ars_skip_stats skips;
    size_t deals;
    size_t bytes;
    double seconds;
    bool fatal;
} cli_extract_stats;
int cli_run_extract(const ars_rules *rules, const cli_extract_cfg *cfg, cli_deal_sink sink,
                    void *ctx, cli_extract_stats *stats);
/* "read 5 documents (29.4 kB), skipped 0; 23 deals" to stderr. */
void cli_print_summary(const cli_extract_stats *st);

/* "64M", "200k", "1024" -> bytes; -1 if malformed */
int cli_parse_size(const char *s, size_t *out);
/* --format/--text-field/--id-field/--date-field/--max-doc-size into reader options */
int cli_fill_reader_opts(const cli_args *a, ars_reader_opts *ro);

/* Reads deal files ("-" = stdin; none = stdin) into set; prints diagnostics.
 * Returns 0 or an exit code; *skipped counts bad lines. */
int cli_read_deal_files(const char *const *paths, size_t n, bool quiet, ars_dealset *set, size_t *skipped);

/* commands */
int cmd_extract(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_reconcile(int argc, char **argv);

#endif
