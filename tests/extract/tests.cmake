# Extraction behaviour, one short text a row (tests/extract/sentences.tsv), read
# with the project's rules in one `arsenal extract` run.
add_test(NAME extract/sentences
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/extract/run_sentences.py
                 $<TARGET_FILE:arsenal_cli> ${PROJECT_SOURCE_DIR}/rules ${PROJECT_SOURCE_DIR}/tests/extract/sentences.tsv)
set_tests_properties(extract/sentences PROPERTIES LABELS "cli")
