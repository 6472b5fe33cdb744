/* ac.c -- placeholder while the module is written. */
typedef int ars_ac_placeholder;
