# Defect proofs for suites/smtp: tests/defects/smtp_server.py (a correct SMTP server with switchable
# defects and an IMAP read-back for the end-to-end cases) runs the whole suite cleanly, and each defect of
# smtp_defects.tsv makes its cases fail. Included from tests/harness_tests.cmake.
add_test(NAME defects_smtp
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/defects/run_defects.py smtp $<TARGET_FILE:mailspec>)
set_tests_properties(defects_smtp PROPERTIES LABELS "unit;defects" TIMEOUT 300)
