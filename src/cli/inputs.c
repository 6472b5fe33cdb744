/* inputs.c -- placeholder */
typedef int ars_inputs_placeholder;
