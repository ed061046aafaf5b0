# The MIME parser benchmark beside GMime (tests/bench/mime_bench.cpp): built when Google Benchmark and
# GMime 3 are found, never part of ctest. ci/bench/mime-bench.sh builds it in Release and prints the table.
find_package(benchmark QUIET)
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(MAILSPEC_GMIME QUIET IMPORTED_TARGET gmime-3.0)
endif()
if(benchmark_FOUND AND MAILSPEC_GMIME_FOUND)
  add_executable(mime_bench ${CMAKE_CURRENT_LIST_DIR}/mime_bench.cpp)
  target_include_directories(mime_bench PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(mime_bench PRIVATE mailspec_codec mailspec_warnings benchmark::benchmark PkgConfig::MAILSPEC_GMIME)
else()
  message(STATUS "mailspec: Google Benchmark or GMime 3 not found (libbenchmark-dev, libgmime-3.0-dev): no mime_bench")
endif()
