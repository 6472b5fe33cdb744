# CLI cases: one CTest test per tests/cli/cases/*.test file.
file(GLOB ARS_CLI_CASES ${PROJECT_SOURCE_DIR}/tests/cli/cases/*.test)
list(SORT ARS_CLI_CASES)
foreach(case ${ARS_CLI_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME cli/${name} COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/cli/run_case.py
           $<TARGET_FILE:arsenal_cli> ${case})
  set_tests_properties(cli/${name} PROPERTIES LABELS "cli" SKIP_RETURN_CODE 77)
endforeach()
# The examples: extraction output compared with the golden file.
add_test(NAME cli/examples_golden COMMAND ${CMAKE_COMMAND}
         -DBIN=$<TARGET_FILE:arsenal_cli> -DSRC=${PROJECT_SOURCE_DIR} -P ${PROJECT_SOURCE_DIR}/tests/cli/golden.cmake)
set_tests_properties(cli/examples_golden PROPERTIES LABELS "cli;golden")
