/* segment.c -- placeholder while the module is written. */
typedef int ars_segment_placeholder;
