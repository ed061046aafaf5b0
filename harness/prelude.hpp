#pragma once
// Include before any Asio header (only .cpp files of the session layer and above do).
// GCC 12 needs <utility> before Asio's coroutine support; clang 14 needs the feature macros spelled out.
#include <utility>
#if defined(__clang__) && !defined(BOOST_ASIO_HAS_CO_AWAIT)
#define BOOST_ASIO_HAS_CO_AWAIT 1
#define BOOST_ASIO_HAS_STD_COROUTINE 1
#endif
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
