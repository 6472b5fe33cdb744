# Scale: the fast paths find what the slow ones do; map/reduce shards; bench smoke run.
ars_add_unit_test(test_prefilter ${PROJECT_SOURCE_DIR}/tests/scale/test_prefilter.c)
# Map/reduce: shards extracted one by one and merged in shuffled order = one run.
# Uses the project's own texts (plus ../shared/seeds when present), so it always runs.
add_test(NAME scale/shards COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/scale/shards.py
         $<TARGET_FILE:arsenal_cli> ${PROJECT_SOURCE_DIR})
set_tests_properties(scale/shards PROPERTIES LABELS "scale;cli" SKIP_RETURN_CODE 77)
# The benchmark script itself, on a small input (figures are not checked: CI only
# checks that it runs). Full run: bench/run.sh.
add_test(NAME bench/smoke COMMAND ${PROJECT_SOURCE_DIR}/bench/run.sh --smoke)
set_tests_properties(bench/smoke PROPERTIES LABELS "bench" SKIP_RETURN_CODE 77 TIMEOUT 600
  ENVIRONMENT "BENCH_BIN=$<TARGET_FILE:arsenal_cli>;BENCH_WORK=${CMAKE_CURRENT_BINARY_DIR}/bench-smoke;BENCH_REPEAT=1")
