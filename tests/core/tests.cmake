# Core: text layer, segmenter, automaton, rules loader, deal JSON.
ars_add_unit_test(test_text ${PROJECT_SOURCE_DIR}/tests/core/test_text.c)
ars_add_unit_test(test_core ${PROJECT_SOURCE_DIR}/tests/core/test_core.c)
