# Script, report and CLI tests: link the harness layers (scripted peers live in tests/support).
set(MAILSPEC_TEST_REPORT_DIR ${PROJECT_BINARY_DIR}/test-reports)
add_executable(harness_tests
  script/parser_test.cpp script/interpreter_test.cpp script/imap_flight_test.cpp report/report_test.cpp
  report/observers_test.cpp report/writers_test.cpp report/baseline_test.cpp report/progress_test.cpp
  report/coverage_test.cpp
  client/run_test.cpp client/mime_readers_test.cpp)
target_include_directories(harness_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(harness_tests PRIVATE MAILSPEC_TEST_REPORT_DIR="${MAILSPEC_TEST_REPORT_DIR}/unit"
                           MAILSPEC_SUITES_README="${PROJECT_SOURCE_DIR}/suites/README.md")
target_link_libraries(harness_tests PRIVATE mailspec_client mailspec_report mailspec_warnings mailspec_test_flags nlohmann_json::nlohmann_json
                      GTest::gtest GTest::gtest_main Threads::Threads)
target_sources(harness_tests PRIVATE script/sasl_server_test.cpp)
# The built-in mail store and its servers (serve-mailbox), on the fixture store suites/mailstore.
target_sources(harness_tests PRIVATE script/mailstore_test.cpp)
set_property(SOURCE script/mailstore_test.cpp APPEND PROPERTY COMPILE_DEFINITIONS
             MAILSPEC_SOURCE_SUITES_DIR="${PROJECT_SOURCE_DIR}/suites")
target_sources(harness_tests PRIVATE script/grammar_test.cpp)  # the language tables against README
target_sources(harness_tests PRIVATE script/imap_state_feed_test.cpp)
target_sources(harness_tests PRIVATE script/serve_session_test.cpp)  # server-role cases over a socketpair
target_sources(harness_tests PRIVATE script/mime_compare_test.cpp)
target_sources(harness_tests PRIVATE script/imap_grammar_check_test.cpp)  # every IMAP response vs the grammar
target_sources(harness_tests PRIVATE script/mime_tree_json_test.cpp)  # the MIME tree's JSON form
target_sources(harness_tests PRIVATE script/imap_mime_tree_test.cpp script/compare_mime_step_test.cpp)  # an IMAP server's MIME tree, compare-mime
# GoogleTest and nlohmann/json are in most of these sources: parse them once.
target_precompile_headers(harness_tests PRIVATE <gtest/gtest.h> <nlohmann/json.hpp> <string> <vector>)
gtest_discover_tests(harness_tests DISCOVERY_TIMEOUT 60 PROPERTIES FIXTURES_SETUP unit_reports LABELS unit)

# Prints the parsed form of every case and fixture of a suites directory (diff it across parser changes).
add_executable(ast_dump script/ast_dump.cpp)
target_link_libraries(ast_dump PRIVATE mailspec_script mailspec_warnings mailspec_test_flags)

# Every report the unit tests wrote validates against the schema.
add_test(NAME report_schema_unit
         COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/reports/validate.py
                 ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-sample.json ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-bytes.json
                 ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-run.json ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-unreachable.json
                 ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-every-verdict.json
                 ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-clients.json)
set_tests_properties(report_schema_unit PROPERTIES FIXTURES_REQUIRED unit_reports LABELS unit)

# The JUnit report the unit tests wrote validates against tests/report/junit.xsd (xmllint: libxml2-utils).
find_program(MAILSPEC_XMLLINT xmllint)
if(MAILSPEC_XMLLINT)
  add_test(NAME report_junit_xsd
           COMMAND ${MAILSPEC_XMLLINT} --noout --schema ${CMAKE_CURRENT_SOURCE_DIR}/report/junit.xsd
                   ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-junit.xml ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-junit-unreachable.xml)
  set_tests_properties(report_junit_xsd PROPERTIES FIXTURES_REQUIRED unit_reports LABELS unit)
else()
  message(WARNING "xmllint not found (package libxml2-utils): the JUnit report is not validated against its XSD")
endif()

# The HTML report's inline script on the pages the unit tests wrote: it runs, and its filters show what
# they should (Node with a stand-in for the DOM; the page itself is checked in report/writers_test.cpp).
find_program(MAILSPEC_NODE NAMES node nodejs)
if(MAILSPEC_NODE)
  add_test(NAME report_html_filters
           COMMAND ${MAILSPEC_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/report/html_filter_test.js
                   ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-report.html ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-compare.html)
  set_tests_properties(report_html_filters PROPERTIES FIXTURES_REQUIRED unit_reports LABELS unit)
  # The same pages in headless Chromium (package chromium), rendered by `mailspec report` from a saved
  # report with every verdict: no console error, the CSP, real clicks and typing, screenshots in
  # reports/out/ (kept by CI). Skipped (exit 77) without chromium, unless CI is set.
  add_test(NAME report_html_browser
           COMMAND ${MAILSPEC_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/report/html_browser_test.js $<TARGET_FILE:mailspec>
                   ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-every-verdict.json ${MAILSPEC_TEST_REPORT_DIR}/browser
                   ${PROJECT_SOURCE_DIR}/reports/out)
  set_tests_properties(report_html_browser PROPERTIES FIXTURES_REQUIRED unit_reports LABELS "unit;browser"
                       SKIP_RETURN_CODE 77 TIMEOUT 180)
else()
  message(WARNING "node not found (package nodejs): the HTML report's filters are not tested")
endif()

# `mailspec report` and `mailspec diff` on a report the unit tests wrote.
add_test(NAME cli_report
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/report_test.py $<TARGET_FILE:mailspec>
                 ${CMAKE_CURRENT_SOURCE_DIR}/report/junit.xsd ${MAILSPEC_TEST_REPORT_DIR}/unit/unit-sample.json
                 ${MAILSPEC_TEST_REPORT_DIR}/cli-report)
set_tests_properties(cli_report PROPERTIES FIXTURES_REQUIRED unit_reports LABELS unit)

# The reasons of ci/expected/*.tsv (the real servers' baselines): every fail, warn and info explained,
# citing its requirement; no `error` expected. The verdicts themselves are compared by `mailspec run
# --baseline` and `mailspec diff --strict` in ci/integration/run-target.sh.
file(GLOB MAILSPEC_EXPECTED_TSV ${PROJECT_SOURCE_DIR}/ci/expected/*.tsv)
add_test(NAME expected_reasons
         COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/ci/integration/compare-verdicts.py --lint ${MAILSPEC_EXPECTED_TSV})
set_tests_properties(expected_reasons PROPERTIES LABELS unit)

# The scripts shipped in suites/ all parse.
add_test(NAME suites_check COMMAND mailspec check ${PROJECT_SOURCE_DIR}/suites)
set_tests_properties(suites_check PROPERTIES LABELS unit)

# What `run` and `serve` print on a terminal (a pseudo-terminal: the live status line, the final screen)
# and on a pipe (no carriage return), against a small SMTP server of the test's own on 127.0.0.1.
add_test(NAME cli_terminal
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/terminal_test.py $<TARGET_FILE:mailspec>
                 ${MAILSPEC_TEST_REPORT_DIR}/terminal)
set_tests_properties(cli_terminal PROPERTIES LABELS unit TIMEOUT 120)

# `mailspec mime show`: the JSON form, several files, standard input, a 256 MiB message in bounded memory.
add_test(NAME cli_mime_show
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/mime_show_test.py $<TARGET_FILE:mailspec>
                 ${CMAKE_CURRENT_SOURCE_DIR}/codec/mime_data)
set_tests_properties(cli_mime_show PROPERTIES LABELS unit TIMEOUT 300)

# `mailspec coverage`: its JSON against reports/schema/coverage-v1.json, --write/--check, the gate, usage errors.
add_test(NAME cli_coverage
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/coverage_test.py $<TARGET_FILE:mailspec>
                 ${PROJECT_SOURCE_DIR}/suites ${PROJECT_SOURCE_DIR}/reports/schema/coverage-v1.json
                 ${MAILSPEC_TEST_REPORT_DIR}/cli-coverage)
set_tests_properties(cli_coverage PROPERTIES LABELS unit)

# `--help` of every command against the flag tables of README.md.
add_test(NAME cli_help
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/help_test.py $<TARGET_FILE:mailspec>
                 ${PROJECT_SOURCE_DIR}/README.md)
set_tests_properties(cli_help PROPERTIES LABELS unit)

# The manual page (harness/cli/mailspec.1.in, as configured) against the binary: every command, flag,
# default and exit code of --help is in it, and groff renders it without a warning.
add_test(NAME man_page
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/man_test.py $<TARGET_FILE:mailspec>
                 ${PROJECT_BINARY_DIR}/man/mailspec.1)
set_tests_properties(man_page PROPERTIES LABELS unit)

# `cmake --install` into a scratch prefix: the layout of README "Installing", and the installed binary
# reads the suites of its own prefix from any directory.
add_test(NAME install_layout
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/install_test.py ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR}
                 $<TARGET_FILE:mailspec> ${PROJECT_VERSION})
set_tests_properties(install_layout PROPERTIES LABELS unit TIMEOUT 120)

# The CI examples (ci/examples/): valid YAML of the right shape, shell that parses, and only flags and
# presets that exist. Skipped (77) without PyYAML (python3-yaml).
add_test(NAME ci_examples
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ci/examples_test.py $<TARGET_FILE:mailspec>
                 ${PROJECT_SOURCE_DIR}/CMakePresets.json ${PROJECT_SOURCE_DIR}/ci/examples/github-actions.yml
                 ${PROJECT_SOURCE_DIR}/ci/examples/gitlab-ci.yml)
set_tests_properties(ci_examples PROPERTIES LABELS unit SKIP_RETURN_CODE 77)

# Hostile peers against the real binary: bounded time, memory and precise verdicts.
add_test(NAME hostile_peers
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/integration/hostile_test.py $<TARGET_FILE:mailspec>
                 ${MAILSPEC_TEST_REPORT_DIR}/hostile)
set_tests_properties(hostile_peers PROPERTIES LABELS "unit;hostile" TIMEOUT 300)

# Credentials in no form anywhere (report, stdout, stderr), and an undecided run is never green.
add_test(NAME secrets_and_exit_status
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/integration/secrets_test.py $<TARGET_FILE:mailspec>
                 ${MAILSPEC_TEST_REPORT_DIR}/secrets)
set_tests_properties(secrets_and_exit_status PROPERTIES LABELS unit TIMEOUT 300)

# Suites against the real servers of ci/targets (needs root and the packages of ci/setup.sh).
option(MAILSPEC_INTEGRATION "Run the suites against local Dovecot, Postfix and aiosmtpd in ctest" OFF)
if(MAILSPEC_INTEGRATION)
  add_test(NAME targets_start COMMAND bash ${PROJECT_SOURCE_DIR}/ci/targets/start-all.sh)
  set_tests_properties(targets_start PROPERTIES FIXTURES_SETUP mail_targets LABELS integration RESOURCE_LOCK mail_targets)
  add_test(NAME targets_stop COMMAND bash ${PROJECT_SOURCE_DIR}/ci/targets/stop-all.sh)
  set_tests_properties(targets_stop PROPERTIES FIXTURES_CLEANUP mail_targets LABELS integration RESOURCE_LOCK mail_targets)
  foreach(target postfix-smtp postfix-submission aiosmtpd-smtp dovecot-pop3 dovecot-pop3s dovecot-imap dovecot-imaps
                 dovecot-default-pop3 dovecot-default-imap)
    add_test(NAME suite_${target}
             COMMAND bash ${PROJECT_SOURCE_DIR}/ci/integration/run-target.sh ${target} $<TARGET_FILE:mailspec>
                     ${MAILSPEC_TEST_REPORT_DIR}/integration)
    set_tests_properties(suite_${target} PROPERTIES FIXTURES_REQUIRED mail_targets RESOURCE_LOCK mail_targets
                         LABELS integration TIMEOUT 600)
  endforeach()
endif()

# The CI examples' own commands against a private Dovecot on free ports (not the shared targets): start
# it, run a selection of the IMAP and POP3 suites without and with a baseline, stop it (needs root).
if(MAILSPEC_INTEGRATION)
  set(MAILSPEC_EXAMPLES_SELECT "--case imap.rfc5161 --case imap.rfc9051.6.2 --case pop3.rfc2595 --case pop3.rfc1939.5")
  add_test(NAME examples_run_github
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ci/examples_run.py $<TARGET_FILE:mailspec> github
                   ${PROJECT_SOURCE_DIR}/ci/examples/github-actions.yml "${MAILSPEC_EXAMPLES_SELECT}")
  add_test(NAME examples_run_gitlab
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ci/examples_run.py $<TARGET_FILE:mailspec> gitlab
                   ${PROJECT_SOURCE_DIR}/ci/examples/gitlab-ci.yml "${MAILSPEC_EXAMPLES_SELECT}")
  # Not alongside the suites against the shared targets: a second Dovecot busy with 4 jobs would only add
  # noise to their timing-sensitive cases.
  set_tests_properties(examples_run_github examples_run_gitlab PROPERTIES LABELS "integration;examples" TIMEOUT 300
                       RESOURCE_LOCK mail_targets)
endif()

# Defect proofs: each case passes against a correct reference peer and fails against one with exactly
# the defect it checks (tests/defects/).
include(${CMAKE_CURRENT_SOURCE_DIR}/defects/pop3.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/defects/smtp.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/defects/imap.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/defects/smtp_client.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/defects/pop3_client.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/defects/imap_client.cmake OPTIONAL)

# The session layer in both roles on 127.0.0.1: listener, connections, TLS with a generated certificate.
add_executable(session_tests session/session_test.cpp)
target_include_directories(session_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(session_tests PRIVATE BOOST_ASIO_NO_DEPRECATED)  # as mailspec_session: the test includes Asio
target_link_libraries(session_tests PRIVATE mailspec_session mailspec_warnings mailspec_test_flags OpenSSL::Crypto
                      GTest::gtest GTest::gtest_main Threads::Threads)
gtest_discover_tests(session_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit TIMEOUT 60)

# `mailspec serve` against real clients (Python's smtplib over STARTTLS, poplib, imaplib) on 127.0.0.1.
add_test(NAME serve_python_clients
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/integration/serve_test.py $<TARGET_FILE:mailspec>
                 ${MAILSPEC_TEST_REPORT_DIR}/serve)
set_tests_properties(serve_python_clients PROPERTIES LABELS "unit;clients" TIMEOUT 300)
# The test doubles (serve-mailbox) carrying whole imaplib, poplib and smtplib sessions.
add_test(NAME serve_mailbox_doubles
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/integration/mailbox_double_test.py $<TARGET_FILE:mailspec>
                 ${MAILSPEC_TEST_REPORT_DIR}/doubles)
set_tests_properties(serve_mailbox_doubles PROPERTIES LABELS "unit;clients" TIMEOUT 300)
include(${CMAKE_CURRENT_SOURCE_DIR}/clients/clients.cmake)  # real clients vs ci/expected/client-*.tsv

# STYLE.md's sizes for harness/: no file over 800 lines, no function over 60.
add_test(NAME style_sizes COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/ci/check-sizes.py ${PROJECT_SOURCE_DIR})
set_tests_properties(style_sizes PROPERTIES LABELS unit)

# Each suite's COVERAGE.md is what `mailspec coverage --write` makes of it (the generated parts follow the
# cases and suites/requirements.json; the hand-written notes stay), and every MUST sentence of the suite's
# main RFC has a case or a note saying why none can.
foreach(pair smtp:5321 pop3:1939 imap:9051)
  string(REPLACE ":" ";" pair ${pair})
  list(GET pair 0 suite)
  list(GET pair 1 rfc)
  add_test(NAME coverage_${suite}
           COMMAND mailspec coverage --suites-dir ${PROJECT_SOURCE_DIR}/suites --suite ${suite}
                   --check ${PROJECT_SOURCE_DIR}/suites/${suite}/COVERAGE.md --must-explain ${rfc})
  set_tests_properties(coverage_${suite} PROPERTIES LABELS unit)
endforeach()
include(${CMAKE_CURRENT_SOURCE_DIR}/server/server.cmake)  # mailspec serve: faults, --by-login, identity
