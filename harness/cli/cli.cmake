# cli: the mailspec executable.
add_executable(mailspec cli/main.cpp cli/interrupt.cpp cli/serve.cpp cli/outputs.cpp cli/report_cmd.cpp cli/coverage_cmd.cpp)
target_link_libraries(mailspec PRIVATE mailspec_client mailspec_report mailspec_warnings CLI11::CLI11 fmt::fmt)
target_compile_definitions(mailspec PRIVATE MAILSPEC_VERSION="${PROJECT_VERSION}")
set_target_properties(mailspec PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
install(TARGETS mailspec RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/suites/ DESTINATION share/mailspec/suites)
