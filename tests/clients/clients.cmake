# Real mail clients against `mailspec serve` (ci/clients/): one ctest per recorded verdict file
# ci/expected/client-CLIENT-PROTO.tsv, which runs ci/clients/drive.py CLIENT PROTO (every case of the
# PROTO-client suite, the client configured per case from its tags) and compares the verdicts with the
# file by `mailspec diff --strict`: a worse, fixed or changed verdict, a new or vanished case, any
# `error` fails. Skipped (77) when the client's program is not installed, unless CI is set
# (bash ci/setup.sh installs them all). Included from tests/harness_tests.cmake.
file(GLOB MAILSPEC_CLIENT_TSV CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/ci/expected/client-*.tsv)
foreach(tsv ${MAILSPEC_CLIENT_TSV})
  get_filename_component(name ${tsv} NAME_WE)
  if(NOT name MATCHES "^client-(.+)-(smtp|pop3|imap)$")
    message(FATAL_ERROR "${tsv}: expected a name client-CLIENT-(smtp|pop3|imap).tsv")
  endif()
  set(client ${CMAKE_MATCH_1})
  set(proto ${CMAKE_MATCH_2})
  add_test(NAME clients_${client}_${proto}
           COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/ci/clients/drive.py ${client} ${proto}
                   --binary $<TARGET_FILE:mailspec> --report-dir ${MAILSPEC_TEST_REPORT_DIR}/clients --expected ${tsv})
  set_tests_properties(clients_${client}_${proto} PROPERTIES LABELS clients SKIP_RETURN_CODE 77 TIMEOUT 1800)
endforeach()

# Every fail, warn and info those files record is explained against the RFC (ci/clients/verdicts.py lint).
if(MAILSPEC_CLIENT_TSV)
  add_test(NAME clients_reasons COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/ci/clients/verdicts.py lint ${MAILSPEC_CLIENT_TSV})
  set_tests_properties(clients_reasons PROPERTIES LABELS "unit;clients")
endif()

# The driver itself, with misbehaving clients (one never connects, one crashes, one hangs, one leaves a
# child behind) and Python's smtplib, on a small suite of its own: bounded, aligned, nothing left running.
add_test(NAME clients_driver
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/driver_test.py $<TARGET_FILE:mailspec>
                 ${MAILSPEC_TEST_REPORT_DIR}/clients-driver)
# Alone: its hang and crash timings are judged on the clock, which a loaded machine stretches.
set_tests_properties(clients_driver PROPERTIES LABELS "unit;clients" TIMEOUT 300 RUN_SERIAL TRUE)
