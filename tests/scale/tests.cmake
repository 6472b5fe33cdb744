# Scale: the fast paths find what the slow ones do; map/reduce shards; bench smoke run.
ars_add_unit_test(test_prefilter ${PROJECT_SOURCE_DIR}/tests/scale/test_prefilter.c)
