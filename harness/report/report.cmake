# report: JSON (versioned schema in reports/schema/), terminal output; atomic files; the run's observers.
add_library(mailspec_report STATIC report/report.cpp report/terminal.cpp report/observers.cpp)
target_include_directories(mailspec_report PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mailspec_report PUBLIC mailspec_client PRIVATE mailspec_warnings nlohmann_json::nlohmann_json fmt::fmt)

include(${CMAKE_CURRENT_SOURCE_DIR}/cli/cli.cmake OPTIONAL)
