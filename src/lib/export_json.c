/* export_json.c -- STUB: filled by the exporters work. */
typedef int ars_export_json_placeholder;
