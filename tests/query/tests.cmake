# Query and reconcile: question reading (questions.tsv), matching and the SIPRI
# register. The CLI cases are tests/cli/cases/query_*.test.
ars_add_unit_test(test_query ${PROJECT_SOURCE_DIR}/tests/query/test_query.c)
ars_add_unit_test(test_reconcile ${PROJECT_SOURCE_DIR}/tests/query/test_reconcile.c)
