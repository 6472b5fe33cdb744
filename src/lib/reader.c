/* reader.c -- placeholder while the module is written. */
typedef int ars_reader_placeholder;
