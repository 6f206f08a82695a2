# Sourced by the test suites and benchmarks: sets CORPUS to the machines
# directory to test over. $JH_CORPUS when set; else the full corpus beside
# the project ($TOP/../shared/corpus) when it is there; else the fixtures
# in the tree (tests/corpus, made from it by tests/corpus/make.sh).
CORPUS=${JH_CORPUS:-$TOP/../shared/corpus/machines}
[ -n "${JH_CORPUS:-}" ] || [ -d "$CORPUS" ] || CORPUS=$TOP/tests/corpus/machines
JH_CORPUS=$CORPUS
export JH_CORPUS
