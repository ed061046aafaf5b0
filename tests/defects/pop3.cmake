# Defect proofs for suites/pop3: tests/defects/pop3_server.py (a correct POP3 server with switchable
# defects) runs the whole suite cleanly, and each defect of pop3_defects.tsv makes its cases fail.
# Included from tests/harness_tests.cmake.
add_test(NAME defects_pop3
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/defects/run_defects.py pop3 $<TARGET_FILE:mailspec>)
set_tests_properties(defects_pop3 PROPERTIES LABELS "unit;defects" TIMEOUT 300)
