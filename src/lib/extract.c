/* extract.c -- placeholder while the module is written. */
typedef int ars_extract_placeholder;
