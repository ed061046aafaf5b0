# session: Asio coroutines, TLS (OpenSSL), transcripts. Asio stays inside this layer's .cpp files.
add_library(mailspec_session STATIC
  session/certs.cpp session/connection.cpp session/crypto.cpp
  session/transcript.cpp session/fault.cpp)
target_include_directories(mailspec_session PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mailspec_session PUBLIC mailspec_codec PRIVATE mailspec_warnings Boost::system OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
target_compile_definitions(mailspec_session PRIVATE BOOST_ASIO_NO_DEPRECATED)
# clang 14's UBSan `function` check on coroutines fails in the back end ("Cannot represent a difference
# across sections", llvm/llvm-project#49689): the fuzz preset and OSS-Fuzz's UBSan flags enable it.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(mailspec_session PRIVATE -fno-sanitize=function)
endif()

include(${CMAKE_CURRENT_SOURCE_DIR}/script/script.cmake OPTIONAL)
