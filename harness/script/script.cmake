# script: the test language, registry, interpreter and verdicts.
# The language alone (parser, patterns, the tables, the lexer: no Asio, no OpenSSL) is compiled once, as
# objects, shared by the script library and the script fuzz target (fuzz/targets.cmake).
add_library(mailspec_script_language OBJECT
  script/parser.cpp script/pattern.cpp script/smtp_watch.cpp
  script/grammar.cpp script/grammar_steps.cpp script/lexer.cpp)
target_include_directories(mailspec_script_language PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mailspec_script_language PRIVATE mailspec_warnings Boost::headers)

add_library(mailspec_script STATIC
  script/dialect.cpp script/dialect_imap.cpp script/dialect_imap_server.cpp script/dialect_pop3.cpp script/dialect_server.cpp
  script/dialect_smtp.cpp
  script/interpreter.cpp script/interpreter_steps.cpp script/matchers.cpp script/peer.cpp script/probe.cpp
  script/registry.cpp script/sasl.cpp script/target_url.cpp script/imap_state_feed.cpp script/mime_compare.cpp
  script/imap_mime_tree.cpp script/imap_mime_step.cpp
  $<TARGET_OBJECTS:mailspec_script_language>)
target_include_directories(mailspec_script PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mailspec_script PUBLIC mailspec_session nlohmann_json::nlohmann_json PRIVATE mailspec_warnings Boost::headers Boost::url)
target_compile_definitions(mailspec_script PRIVATE MAILSPEC_SOURCE_SUITES="${MAILSPEC_SOURCE_DIR}/suites")
# The MIME tree in its JSON form (suites/mime/README.md), for `mailspec mime` and the MIME comparator.
target_sources(mailspec_script PRIVATE script/mime_tree_json.cpp)
target_link_libraries(mailspec_script PUBLIC nlohmann_json::nlohmann_json)
# SASL mechanisms, both sides (the auth step is the client; the fake servers drive sasl_server).
target_sources(mailspec_script PRIVATE script/sasl_client.cpp script/sasl_server.cpp script/sasl_serve.cpp)
# The built-in mail store and its servers (sans-IO), and the serve-mailbox step that drives them.
target_sources(mailspec_script PRIVATE script/mailstore.cpp script/mailstore_smtp.cpp script/mailstore_pop3.cpp
  script/mailstore_imap.cpp script/mailstore_imap_fetch.cpp script/mailbox_serve.cpp)

include(${CMAKE_CURRENT_SOURCE_DIR}/client/client.cmake OPTIONAL)
