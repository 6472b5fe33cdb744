/* lang.c -- placeholder while the module is written. */
typedef int ars_lang_placeholder;
