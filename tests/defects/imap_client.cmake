# Defect proofs for suites/imap-client: `mailspec serve` plays the server and tests/defects/imap_client.py
# (a correct IMAP client with switchable defects) connects once per case; each defect of
# imap_client_defects.tsv makes its cases fail at the recorded check. Included from tests/harness_tests.cmake.
add_test(NAME defects_imap_client
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/defects/run_defects.py imap_client $<TARGET_FILE:mailspec>)
set_tests_properties(defects_imap_client PROPERTIES LABELS "unit;defects" TIMEOUT 900)
