/*
 * cmd_rules.c -- `arsenal rules check [DIR]`, `arsenal rules aliases [DIR]`,
 * `arsenal rules import-sipri FILE [-o OUT]` (runs tools/import_sipri.py).
 */
#include "cli.h"
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const cli_opt opts[] = {
    {"rules", 'r', "DIR", "rule directory (default: $ARSENAL_RULES, else the built-in rules)"},
    {"output", 'o', "FILE", "import-sipri: where to write the systems file (default: DIR/systems_sipri.csv)"},
    {0}};

static const cli_cmd cmd = {"rules", "arsenal rules (check|aliases|import-sipri FILE) [OPTIONS] [DIR]",
                            "check         validate every rule file; all errors as file:line:column (exit 3 on errors)\n"
                            "aliases       print every folded surface form, one per line (for grep baselines)\n"
                            "import-sipri  turn SIPRI's trade register (CSV) into gazetteer rows (systems_sipri.csv)",
                            opts};

static int print_alias(const char *alias, void *ctx)
{
    (void)ctx;
    fputs(alias, stdout);
    fputc('\n', stdout);
    return ferror(stdout) ? 1 : 0;
}

int cmd_rules(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(&cmd, argc, argv, &a);
    if (rc) { cli_args_free(&a); return rc < 0 ? cli_finish_stdout(0) : rc; }
    if (a.npos < 1) { cli_error("rules: say check, aliases or import-sipri (see 'arsenal rules --help')"); cli_args_free(&a); return EXIT_USAGE; }
    const char *sub = a.pos[0];
    const char *dir = cli_get(&a, "rules");
    if (strcmp(sub, "import-sipri") == 0) {
        if (a.npos < 2) { cli_error("rules import-sipri: give the SIPRI CSV file"); cli_args_free(&a); return EXIT_USAGE; }
        const char *rd = cli_rules_dir(a.npos > 2 ? a.pos[2] : dir);
        char *out = cli_get(&a, "output") ? strdup(cli_get(&a, "output")) : NULL;
        if (!out) { size_t n = strlen(rd) + 32; out = malloc(n); if (out) snprintf(out, n, "%s/systems_sipri.csv", rd); }
        char script[4096];
        snprintf(script, sizeof script, "%s/../tools/import_sipri.py", rd);
        if (access(script, R_OK) != 0) snprintf(script, sizeof script, "%s/import_sipri.py", rd);
        pid_t pid = fork();
        if (pid == 0) {
            execlp("python3", "python3", script, a.pos[1], "-o", out, "--rules", rd, (char *)NULL);
            _exit(127);
        }
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) < 0) rc = EXIT_IO;
        else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            cli_error("rules import-sipri: %s failed (exit %d)", script, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            rc = WIFEXITED(status) && WEXITSTATUS(status) == 127 ? EXIT_IO : EXIT_DATA;
        }
        free(out);
        cli_args_free(&a);
        return rc;
    }
    if (a.npos > 1) dir = a.pos[1];
    if (strcmp(sub, "check") && strcmp(sub, "aliases")) {
        cli_error("rules: unknown sub-command '%s' (check, aliases, import-sipri)", sub);
        cli_args_free(&a);
        return EXIT_USAGE;
    }
    ars_rules *rules = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = cli_load_rules(dir, &rules, false);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc) { cli_args_free(&a); return rc; }
    if (!strcmp(sub, "check")) {
        ars_rules_info in;
        ars_rules_info_get(rules, &in);
        printf("%s: ok: %zu countries, %zu companies, %zu systems, %zu categories, %zu triggers, %zu patterns; "
               "%zu surface forms, %zu automaton states; loaded in %.1f ms\n",
               cli_rules_dir(dir), in.countries, in.companies, in.systems, in.categories, in.triggers, in.patterns,
               in.aliases, in.states,
               (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    } else {
        if (ars_rules_each_alias(rules, print_alias, NULL)) rc = EXIT_IO;
    }
    ars_rules_free(rules);
    cli_args_free(&a);
    return cli_finish_stdout(rc);
}
