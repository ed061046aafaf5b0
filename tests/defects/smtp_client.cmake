# Defect proofs for suites/smtp-client: tests/defects/smtp_client.py (a correct SMTP client with switchable
# defects) passes or skips every case against `mailspec serve`, and each defect of smtp_client_defects.tsv
# makes its cases fail at the recorded check. Included from tests/harness_tests.cmake.
add_test(NAME defects_smtp_client
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/defects/run_defects.py smtp_client $<TARGET_FILE:mailspec>)
set_tests_properties(defects_smtp_client PROPERTIES LABELS "unit;defects" TIMEOUT 600)
