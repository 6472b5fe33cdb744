/* rules.c -- placeholder while the module is written. */
typedef int ars_rules_placeholder;
