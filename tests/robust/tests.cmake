# Robustness: one CTest test per bad-input class (tests/robust/run_robust.py),
# the rule-file classes (fixtures tests/robust/rules-*/), and reader unit tests.
set(ARS_ROBUST_CASES
  invalid_utf8 nul_bytes utf16_bom utf16_no_bom empty_file empty_stdin binary_file
  unreadable_paths symlink_loop huge_single_line big_line_memory hostile_country_names
  max_doc_size max_deals jsonl_bad_records jsonl_bom_and_crlf csv_bad_rows
  deal_file_bad_records stdout_full output_never_half_written
  rules_columns rules_category rules_status rules_regex rules_duplicate rules_encoding)
foreach(c ${ARS_ROBUST_CASES})
  add_test(NAME robust/${c} COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/robust/run_robust.py
           $<TARGET_FILE:arsenal_cli> ${PROJECT_SOURCE_DIR} ${c})
  set_tests_properties(robust/${c} PROPERTIES LABELS "robust" SKIP_RETURN_CODE 77 TIMEOUT 900)
endforeach()
# the slow ones (hundreds of MB of input) also carry the "slow" label
set_tests_properties(robust/huge_single_line robust/big_line_memory robust/hostile_country_names
  PROPERTIES LABELS "robust;slow")
# the readers through the library (skip reasons, counts, UTF-16, JSONL streaming, memory)
ars_add_unit_test(test_reader ${PROJECT_SOURCE_DIR}/tests/robust/test_reader.c)
