# Defect proofs for suites/pop3-client: tests/defects/pop3_client.py (a correct POP3 client with
# switchable defects) passes or skips every case against `mailspec serve`, and each defect of
# pop3_client_defects.tsv makes its cases fail at the recorded check. Included from tests/harness_tests.cmake.
add_test(NAME defects_pop3_client
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/defects/run_defects.py pop3_client $<TARGET_FILE:mailspec>)
set_tests_properties(defects_pop3_client PROPERTIES LABELS "unit;defects" TIMEOUT 600)
