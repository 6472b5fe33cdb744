# tests/graph: merge, graph, exporters, the build/merge/stats commands.
ars_add_unit_test(test_graph_merge ${PROJECT_SOURCE_DIR}/tests/graph/test_merge.c)
ars_add_unit_test(test_graph_export ${PROJECT_SOURCE_DIR}/tests/graph/test_export.c)
ars_add_unit_test(test_graph_emit ${PROJECT_SOURCE_DIR}/tests/graph/test_emit.c)

# Consumers: networkx, python-igraph, xmllint --schema, jing -c read what we write.
# Debian's /usr/bin/python3 has python3-networkx and python3-igraph (a pyenv
# python3 on PATH usually does not). Exit 77 = skipped (tool or ../shared missing).
set(ARS_SYSTEM_PYTHON /usr/bin/python3)
if(NOT EXISTS ${ARS_SYSTEM_PYTHON})
  set(ARS_SYSTEM_PYTHON ${Python3_EXECUTABLE})
endif()
if(ARS_SYSTEM_PYTHON)
  add_test(NAME graph_consumers
    COMMAND ${ARS_SYSTEM_PYTHON} ${PROJECT_SOURCE_DIR}/tests/graph/consumers.py
            --arsenal $<TARGET_FILE:arsenal_cli> --shared ${ARS_SHARED_DIR}
            --work ${CMAKE_CURRENT_BINARY_DIR}/graph_consumers
    WORKING_DIRECTORY ${ARS_TEST_DIR})
  set_tests_properties(graph_consumers PROPERTIES SKIP_RETURN_CODE 77 LABELS "consumer")
  add_test(NAME graph_cli
    COMMAND ${ARS_SYSTEM_PYTHON} ${PROJECT_SOURCE_DIR}/tests/graph/cli.py
            --arsenal $<TARGET_FILE:arsenal_cli> --work ${CMAKE_CURRENT_BINARY_DIR}/graph_cli
    WORKING_DIRECTORY ${ARS_TEST_DIR})
  set_tests_properties(graph_cli PROPERTIES LABELS "cli")
endif()
