# Defect proofs for suites/imap: tests/defects/imap_server.py (a correct IMAP4rev1/IMAP4rev2 server with
# switchable defects) runs the whole suite cleanly, and each defect of imap_defects.tsv makes its cases fail.
# Included from tests/harness_tests.cmake.
add_test(NAME defects_imap
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/defects/run_defects.py imap $<TARGET_FILE:mailspec>)
set_tests_properties(defects_imap PROPERTIES LABELS "unit;defects" TIMEOUT 1200)
