# server: runs client-suite cases (the harness plays the server) on the connections clients open.
add_library(mailspec_server STATIC server/serve.cpp server/identity.cpp)
target_include_directories(mailspec_server PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mailspec_server PUBLIC mailspec_script PRIVATE mailspec_warnings)

# client: a run (run.hpp: load, select, probe or serve, execute, finish) shared by `run` and `serve`, and
# the parallel case runner under it.
add_library(mailspec_client STATIC client/run.cpp client/runner.cpp client/mime_readers.cpp client/mime_check.cpp)
target_include_directories(mailspec_client PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mailspec_client PUBLIC mailspec_script mailspec_server PRIVATE mailspec_warnings Threads::Threads)

include(${CMAKE_CURRENT_SOURCE_DIR}/report/report.cmake OPTIONAL)
