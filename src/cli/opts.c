/* opts.c -- one option table drives parsing and --help (getopt_long). */
#include "cli.h"
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static size_t nopts(const cli_cmd *cmd)
{
    size_t n = 0;
    while (cmd->opts && cmd->opts[n].name) n++;
    return n;
}

void cli_help(const cli_cmd *cmd, FILE *f)
{
    fprintf(f, "Usage: %s\n\n%s\n\nOptions:\n", cmd->usage, cmd->summary);
    for (size_t i = 0; i < nopts(cmd); i++) {
        const cli_opt *o = &cmd->opts[i];
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(f, "  %-28s %s\n", left, o->help);
    }
    fprintf(f, "  %-28s %s\n", "-h, --help", "show this help and exit");
    fprintf(f, "\nExit codes: 0 ok, 1 inputs skipped, 2 usage, 3 rules error, 4 I/O error, 5 data error.\n");
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_args *out)
{
    size_t n = nopts(cmd);
    memset(out, 0, sizeof *out);
    out->cmd = cmd;
    out->val = calloc(n + 1, sizeof *out->val);
    out->multi = calloc(n + 1, sizeof *out->multi);
    out->count = calloc(n + 1, sizeof *out->count);
    out->pos = calloc((size_t)argc + 1, sizeof *out->pos);
    struct option *lo = calloc(n + 2, sizeof *lo);
    char *so = calloc(2 * n + 4, 1);
    if (!out->val || !out->multi || !out->count || !out->pos || !lo || !so) {
        free(lo); free(so);
        cli_error("out of memory");
        return EXIT_IO;
    }
    size_t k = 0;
    so[k++] = '+';  /* stop at the first non-option? no: permute but keep '-' */
    so[0] = '-';    /* return positionals in order as option 1 */
    for (size_t i = 0; i < n; i++) {
        lo[i].name = cmd->opts[i].name;
        lo[i].has_arg = cmd->opts[i].arg ? required_argument : no_argument;
        lo[i].val = 256 + (int)i;
        if (cmd->opts[i].short_name) {
            so[k++] = cmd->opts[i].short_name;
            if (cmd->opts[i].arg) so[k++] = ':';
        }
    }
    lo[n].name = "help";
    lo[n].val = 'h';
    so[k++] = 'h';
    optind = 1;
    opterr = 0;
    int rc = 0, c;
    /* getopt wants argv[0] to be the program: callers pass argv starting at the command word */
    while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
        if (c == 1) { out->pos[out->npos++] = optarg; continue; }
        if (c == 'h') { cli_help(cmd, stdout); rc = -1; break; }
        if (c == '?' || c == ':') {
            if (optopt && optopt < 256) cli_error("%s: unknown option '-%c' (see 'arsenal %s --help')", cmd->name, optopt, cmd->name);
            else cli_error("%s: bad option '%s' (see 'arsenal %s --help')", cmd->name, argv[optind - 1], cmd->name);
            rc = EXIT_USAGE;
            break;
        }
        size_t idx = SIZE_MAX;
        if (c >= 256) idx = (size_t)(c - 256);
        else for (size_t i = 0; i < n; i++) if (cmd->opts[i].short_name == c) idx = i;
        if (idx == SIZE_MAX) { rc = EXIT_USAGE; break; }
        const char *v = cmd->opts[idx].arg ? optarg : "1";
        out->val[idx] = v;
        const char **m = realloc(out->multi[idx], (out->count[idx] + 2) * sizeof *m);
        if (!m) { rc = EXIT_IO; break; }
        m[out->count[idx]] = v;
        m[out->count[idx] + 1] = NULL;
        out->multi[idx] = m;
        out->count[idx]++;
    }
    while (rc == 0 && optind < argc) out->pos[out->npos++] = argv[optind++];
    free(lo);
    free(so);
    return rc;
}

void cli_args_free(cli_args *a)
{
    if (a->multi) {
        size_t n = nopts(a->cmd);
        for (size_t i = 0; i < n; i++) free(a->multi[i]);
    }
    free(a->val);
    free(a->multi);
    free(a->count);
    free(a->pos);
    memset(a, 0, sizeof *a);
}

static long find_opt(const cli_args *a, const char *name)
{
    for (size_t i = 0; a->cmd->opts && a->cmd->opts[i].name; i++)
        if (strcmp(a->cmd->opts[i].name, name) == 0) return (long)i;
    return -1;
}

const char *cli_get(const cli_args *a, const char *name)
{
    long i = find_opt(a, name);
    return i < 0 ? NULL : a->val[i];
}

bool cli_has(const cli_args *a, const char *name)
{
    long i = find_opt(a, name);
    return i >= 0 && a->count[i] > 0;
}

const char *const *cli_all(const cli_args *a, const char *name)
{
    long i = find_opt(a, name);
    return i < 0 ? NULL : (const char *const *)a->multi[i];
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("arsenal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("arsenal: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_print_diag(const ars_diag *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = ars_diag_format(&d->v[i]);
        if (s) fprintf(stderr, "arsenal: %s\n", s);
        free(s);
    }
    if (d->dropped) fprintf(stderr, "arsenal: ... and %zu more messages\n", d->dropped);
}

int cli_finish_stdout(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing standard output");
        return EXIT_IO;
    }
    return rc;
}
