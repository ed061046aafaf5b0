# The MIME corpus (suites/mime): every message has an expected tree in the mailspec-mime-1 form, the
# generator reproduces the files, the comparator keeps the README's rules.
add_test(NAME mime_corpus COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/mime/corpus_test.py)
set_tests_properties(mime_corpus PROPERTIES LABELS unit)
