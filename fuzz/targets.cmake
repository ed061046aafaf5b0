# Fuzz targets: fuzz/<unit>_fuzzer.cpp builds the executable <unit>_fuzzer, seeded from corpus/<unit>/
# with the dictionary corpus/<unit>.dict.
#   MAILSPEC_FUZZ=ON  (clang): linked with the fuzzing engine, MAILSPEC_FUZZ_ENGINE (-fsanitize=fuzzer;
#                      OSS-Fuzz passes $LIB_FUZZING_ENGINE). Instrument the code with CMAKE_CXX_FLAGS
#                      (the `fuzz` preset: -fsanitize=fuzzer-no-link,address,undefined).
#   MAILSPEC_FUZZ=OFF (any compiler): linked with replay_main.cpp; ctest replays each corpus once
#                      (tests fuzz_replay_<unit>, labels unit and fuzz).
# The targets link the codec library alone; `script` also compiles the script parser with Boost.Regex
# (header-only since Boost 1.76) and is skipped when that is not found.
set(MAILSPEC_FUZZ_ENGINE "-fsanitize=fuzzer" CACHE STRING "Link options of the fuzzing engine (MAILSPEC_FUZZ=ON)")
set(MAILSPEC_BOOST_REGEX_INCLUDE "" CACHE PATH
    "include/ of a standalone boostorg/regex checkout for the script target (else Boost >= 1.76 is searched)")

set(mailspec_fuzz_units
    smtp_reply smtp_command smtp_data smtp_bdat pop3_response pop3_command imap_response imap_command imap_grammar base64
    quoted_printable sasl mime_parser)

# The script parser without the rest of the script layer (no Asio, no OpenSSL).
if(MAILSPEC_BOOST_REGEX_INCLUDE)
  set(mailspec_fuzz_regex_found TRUE)
else()
  find_package(Boost 1.76 QUIET)
  set(mailspec_fuzz_regex_found ${Boost_FOUND})
endif()
if(TARGET mailspec_script_language)
  # The harness is built too: reuse its objects of the language rather than compiling them twice.
  add_library(mailspec_fuzz_script INTERFACE)
  target_sources(mailspec_fuzz_script INTERFACE $<TARGET_OBJECTS:mailspec_script_language>)
  target_include_directories(mailspec_fuzz_script INTERFACE ${PROJECT_SOURCE_DIR}/harness)
  list(APPEND mailspec_fuzz_units script)
elseif(mailspec_fuzz_regex_found)
  add_library(mailspec_fuzz_script OBJECT
    ${PROJECT_SOURCE_DIR}/harness/script/parser.cpp ${PROJECT_SOURCE_DIR}/harness/script/pattern.cpp
    ${PROJECT_SOURCE_DIR}/harness/script/smtp_watch.cpp)
  # The language tables and the lexer the parser dispatches through.
  target_sources(mailspec_fuzz_script PRIVATE ${PROJECT_SOURCE_DIR}/harness/script/lexer.cpp
                 ${PROJECT_SOURCE_DIR}/harness/script/grammar.cpp ${PROJECT_SOURCE_DIR}/harness/script/grammar_steps.cpp)
  target_include_directories(mailspec_fuzz_script PUBLIC ${PROJECT_SOURCE_DIR}/harness)
  target_link_libraries(mailspec_fuzz_script PRIVATE mailspec_warnings)
  if(MAILSPEC_BOOST_REGEX_INCLUDE)
    target_include_directories(mailspec_fuzz_script SYSTEM PRIVATE ${MAILSPEC_BOOST_REGEX_INCLUDE})
    target_compile_definitions(mailspec_fuzz_script PRIVATE BOOST_REGEX_STANDALONE)
  else()
    target_link_libraries(mailspec_fuzz_script PRIVATE Boost::headers)
  endif()
  list(APPEND mailspec_fuzz_units script)
else()
  message(STATUS "mailspec: Boost.Regex (Boost >= 1.76) not found: no script fuzz target")
endif()

# A whole fake-server session (serve_session_fuzzer.cpp) needs the session and script layers (Asio,
# OpenSSL, Boost): built only when the harness is (MAILSPEC_HARNESS=ON; the `fuzz` preset and
# .clusterfuzzlite/build.sh turn it on where those libraries are found).
if(TARGET mailspec_script)
  list(APPEND mailspec_fuzz_units serve_session)
endif()

if(MAILSPEC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(WARNING "mailspec: MAILSPEC_FUZZ=ON wants clang (libFuzzer); the compiler is ${CMAKE_CXX_COMPILER_ID}")
  endif()
  separate_arguments(mailspec_fuzz_engine UNIX_COMMAND "${MAILSPEC_FUZZ_ENGINE}")
else()
  add_library(mailspec_fuzz_replay OBJECT ${CMAKE_CURRENT_SOURCE_DIR}/replay_main.cpp)
  target_link_libraries(mailspec_fuzz_replay PRIVATE mailspec_warnings)
endif()

if(MAILSPEC_TESTS)
  enable_testing()  # this directory is added before the top level enables testing
endif()

# `cmake --build ... --target mailspec_fuzzers` builds every fuzz target and nothing else (ci/fuzz.sh).
add_custom_target(mailspec_fuzzers)
foreach(unit IN LISTS mailspec_fuzz_units ITEMS trivial)
  set(target ${unit}_fuzzer)
  add_executable(${target} ${CMAKE_CURRENT_SOURCE_DIR}/${unit}_fuzzer.cpp)
  target_link_libraries(${target} PRIVATE mailspec_codec mailspec_warnings)
  if(unit STREQUAL "script")
    target_link_libraries(${target} PRIVATE mailspec_fuzz_script)
  elseif(unit STREQUAL "serve_session")
    target_link_libraries(${target} PRIVATE mailspec_script)
    target_compile_definitions(${target} PRIVATE MAILSPEC_FUZZ_SUITES="${PROJECT_SOURCE_DIR}/suites")
  endif()
  add_dependencies(mailspec_fuzzers ${target})
  if(MAILSPEC_FUZZ)
    target_link_options(${target} PRIVATE ${mailspec_fuzz_engine})
    set(replay_flags -runs=0)
  else()
    target_link_libraries(${target} PRIVATE mailspec_fuzz_replay)
    set(replay_flags)
  endif()
  if(MAILSPEC_TESTS AND NOT unit STREQUAL "trivial")
    add_test(NAME fuzz_replay_${unit} COMMAND ${target} ${replay_flags} ${PROJECT_SOURCE_DIR}/corpus/${unit})
    set_tests_properties(fuzz_replay_${unit} PROPERTIES LABELS "unit;fuzz" TIMEOUT 120)
  endif()
endforeach()
