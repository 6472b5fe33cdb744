/* reconcile.c -- STUB: filled by the exporters work. */
typedef int ars_reconcile_placeholder;
