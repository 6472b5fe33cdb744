/* eval.c -- placeholder while the module is written. */
typedef int ars_eval_placeholder;
