/* export_dot.c -- STUB: filled by the exporters work. */
typedef int ars_export_dot_placeholder;
