# Runs `arsenal extract examples/articles` and compares with
# examples/expected/deals.jsonl; ARS_UPDATE_GOLDEN=1 rewrites the golden file.
execute_process(COMMAND ${BIN} extract --rules rules examples/articles
                WORKING_DIRECTORY ${SRC} OUTPUT_VARIABLE out RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "arsenal extract failed (${rc}): ${err}")
endif()
set(golden ${SRC}/examples/expected/deals.jsonl)
if("$ENV{ARS_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE ${golden} "${out}")
  message(STATUS "updated ${golden}")
  return()
endif()
file(READ ${golden} want)
if(NOT out STREQUAL want)
  file(WRITE ${SRC}/examples/expected/deals.actual.jsonl "${out}")
  message(FATAL_ERROR "extraction of the examples differs from ${golden}; see examples/expected/deals.actual.jsonl "
                      "(ARS_UPDATE_GOLDEN=1 ctest -R examples_golden accepts a deliberate change)")
endif()
