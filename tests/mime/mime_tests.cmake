# The MIME corpus (suites/mime): every message has an expected tree in the mailspec-mime-1 form, the
# generator reproduces the files, the comparator keeps the README's rules.
add_test(NAME mime_corpus COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/mime/corpus_test.py)
set_tests_properties(mime_corpus PROPERTIES LABELS unit)

# Python's email package and GMime over the corpus: their disagreements with the expected trees must be
# exactly those listed in suites/mime/expected/*.tsv. Label mime (not unit): it needs the GMime adapter.
if(TARGET mime_gmime_adapter)
  add_test(NAME mime_adapters
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/mime/adapters_test.py
                   $<TARGET_FILE:mime_gmime_adapter>)
  set_tests_properties(mime_adapters PROPERTIES LABELS mime TIMEOUT 300)
else()
  message(STATUS "mime_adapters test not registered: the GMime adapter is not built")
endif()
