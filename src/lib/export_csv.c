/* export_csv.c -- STUB: filled by the exporters work. */
typedef int ars_export_csv_placeholder;
