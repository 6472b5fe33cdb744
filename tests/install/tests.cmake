# Install into a temporary prefix and build a consumer with find_package(arsenal).
add_test(NAME install/find_package COMMAND sh ${PROJECT_SOURCE_DIR}/tests/install/run.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
set_tests_properties(install/find_package PROPERTIES LABELS "install" TIMEOUT 300)
