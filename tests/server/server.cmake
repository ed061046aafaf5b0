# `mailspec serve` engine (issue 12): the fault injector and the client identity as unit tests in
# harness_tests, and the engine end to end against a scripted client of tests/server (faults under a
# seed repeat exactly, --by-login, a client that vanishes or hangs, Ctrl-C, list --json roles).
target_sources(harness_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/fault_test.cpp ${CMAKE_CURRENT_LIST_DIR}/identity_test.cpp)
add_test(NAME serve_engine
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/serve_engine_test.py $<TARGET_FILE:mailspec>
                 ${MAILSPEC_TEST_REPORT_DIR}/serve-engine)
set_tests_properties(serve_engine PROPERTIES LABELS "unit;clients" TIMEOUT 300)
