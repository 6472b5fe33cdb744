/* csvread.c -- placeholder while the module is written. */
typedef int ars_csvread_placeholder;
