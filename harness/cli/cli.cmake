# cli: the mailspec executable.
add_executable(mailspec cli/main.cpp cli/interrupt.cpp cli/serve.cpp cli/outputs.cpp cli/report_cmd.cpp cli/coverage_cmd.cpp
  cli/mime_cmd.cpp cli/mime_check_cmd.cpp)
target_link_libraries(mailspec PRIVATE mailspec_client mailspec_report mailspec_warnings CLI11::CLI11 fmt::fmt)
target_compile_definitions(mailspec PRIVATE MAILSPEC_VERSION="${PROJECT_VERSION}")
set_target_properties(mailspec PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})

# The manual page, with the project's version filled in, gzipped as Debian installs man pages
# (-n: no name or time stamp in the .gz, so the package is the same from one build to the next).
find_program(MAILSPEC_GZIP gzip REQUIRED)
set(MAILSPEC_MAN_PAGE ${PROJECT_BINARY_DIR}/man/mailspec.1)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cli/mailspec.1.in ${MAILSPEC_MAN_PAGE} @ONLY)
add_custom_command(OUTPUT ${MAILSPEC_MAN_PAGE}.gz
                   COMMAND ${MAILSPEC_GZIP} -9 -n -k -f ${MAILSPEC_MAN_PAGE}
                   DEPENDS ${MAILSPEC_MAN_PAGE} VERBATIM)
add_custom_target(mailspec_man ALL DEPENDS ${MAILSPEC_MAN_PAGE}.gz)

# Installed layout (README "Installing"): the binary finds its suites at ../share/mailspec/suites from its
# own path (script::default_suites_dir), so any prefix works from any working directory.
install(TARGETS mailspec RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/suites/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mailspec/suites)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/reports/schema/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mailspec/schema
        FILES_MATCHING PATTERN "*.json")
install(FILES ${MAILSPEC_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/ci/packaging/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
