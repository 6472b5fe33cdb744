/* graph.c -- STUB (see arsenal/graph.h). */
#include "arsenal/graph.h"
int ars_graph_build(ars_graph **out, const ars_dealset *merged, ars_diag *diag) { (void)out; (void)merged; (void)diag; return ARS_EINVAL; }
void ars_graph_free(ars_graph *g) { (void)g; }
int ars_export_format_from_path(const char *path) { (void)path; return -1; }
int ars_export_format_parse(const char *name) { (void)name; return -1; }
int ars_graph_export(const ars_graph *g, ars_export_format fmt, const char *path, ars_diag *diag) { (void)g; (void)fmt; (void)path; (void)diag; return ARS_EINVAL; }
int ars_graph_stats(const ars_graph *g, FILE *out, size_t top) { (void)g; (void)out; (void)top; return ARS_EINVAL; }
