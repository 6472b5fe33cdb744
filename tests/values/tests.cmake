# Values: number, money, quantity, date and currency parsers (data-driven tables).
ars_add_unit_test(test_values ${PROJECT_SOURCE_DIR}/tests/values/test_values.c)
