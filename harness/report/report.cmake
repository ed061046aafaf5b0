# report: the formats (JSON in a versioned schema in reports/schema/, JUnit, HTML, NDJSON) rendered from one
# document, terminal output, baselines and diffs, the RFC requirement matrix (coverage); atomic files; the run's observers.
add_library(mailspec_report STATIC report/report.cpp report/terminal.cpp report/progress.cpp report/observers.cpp report/writers.cpp
            report/text.cpp report/junit.cpp report/html.cpp report/baseline.cpp
            report/coverage.cpp report/coverage_render.cpp)
target_include_directories(mailspec_report PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mailspec_report PUBLIC mailspec_client nlohmann_json::nlohmann_json PRIVATE mailspec_warnings fmt::fmt)
# Every report translation unit includes nlohmann/json (document.hpp): parse it once.
target_precompile_headers(mailspec_report PRIVATE <nlohmann/json.hpp> <string> <vector> <map>)

include(${CMAKE_CURRENT_SOURCE_DIR}/cli/cli.cmake OPTIONAL)
