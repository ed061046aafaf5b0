# The MIME corpus (suites/mime): every message has an expected tree in the mailspec-mime-1 form, the
# generator reproduces the files, the comparator keeps the README's rules.
add_test(NAME mime_corpus COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/mime/corpus_test.py)
set_tests_properties(mime_corpus PROPERTIES LABELS unit)

# MIME readers judged by `mailspec mime --exec` over the corpus, against ci/expected/mime-*.tsv (mailspec's
# parser, Python's email package, and GMime when its adapter is built), and `mailspec mime diff`.
set(mime_readers_gmime)
if(TARGET mime_gmime_adapter)
  set(mime_readers_gmime $<TARGET_FILE:mime_gmime_adapter>)
else()
  message(STATUS "mime_readers: the GMime adapter is not built (no gmime-3.0): GMime is left out")
endif()
add_test(NAME mime_readers
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/mime/readers_test.py $<TARGET_FILE:mailspec>
                 ${PROJECT_BINARY_DIR}/test-reports/mime ${mime_readers_gmime})
set_tests_properties(mime_readers PROPERTIES LABELS unit TIMEOUT 300)
