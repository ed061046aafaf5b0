# Script, report and CLI tests: link the harness layers (scripted peers live in tests/support).
add_executable(harness_tests
  script/parser_test.cpp script/interpreter_test.cpp)
target_include_directories(harness_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(harness_tests PRIVATE mailspec_client mailspec_report mailspec_warnings GTest::gtest GTest::gtest_main Threads::Threads)
gtest_discover_tests(harness_tests DISCOVERY_TIMEOUT 60)
