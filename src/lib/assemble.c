/* assemble.c -- placeholder while the module is written. */
typedef int ars_assemble_placeholder;
