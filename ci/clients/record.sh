#!/usr/bin/env bash
# Regenerates the real clients' recorded verdicts, ci/expected/client-CLIENT-PROTO.tsv, in one command:
# runs every client of ci/clients/adapters/ against the client-test suite of each protocol it speaks
# (ci/clients/drive.py), rewrites each TSV from the report (ci/clients/verdicts.py update: explanations
# kept where the verdict did not change), then lists the fail/warn/info rows still to explain, with the
# case's reason. Review `git diff ci/expected/`, explain each TODO against the RFC, commit.
#   ci/clients/record.sh [-j N] [--binary B] [--suites-dir DIR] [CLIENT-PROTO...]
#   e.g. record.sh -j 2 curl-smtp fetchmail-imap
# Reports and logs: reports/out/clients/. Exit 1 when a run failed or rows are left to explain.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${MAILSPEC_BINARY:-$root/build/ci/mailspec}
jobs=1
suites=$root/suites
pairs=()
while [ $# -gt 0 ]; do
  case $1 in
    -j) jobs=$2; shift 2 ;;
    --binary) bin=$2; shift 2 ;;
    --suites-dir) suites=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) pairs+=("$1"); shift ;;
  esac
done
[ ${#pairs[@]} -gt 0 ] || mapfile -t pairs < <(/usr/bin/python3 "$here/drive.py" --matrix)
out=$root/reports/out/clients
mkdir -p "$out"
start=$(date +%s)
one() {  # CLIENT-PROTO: prints one block when done (the runs may be parallel)
  local client=${1%-*} proto=${1##*-} said
  /usr/bin/python3 "$here/drive.py" "$client" "$proto" --binary "$bin" --suites-dir "$suites" --report-dir "$out" >"$out/record-$1.txt" 2>&1
  local rc=$?
  if [ "$rc" -eq 0 ]; then
    said=$(/usr/bin/python3 "$here/verdicts.py" update "$root/ci/expected/client-$1.tsv" "$out/client-$1.json" 2>&1)
  else
    said="record.sh: $1: drive.py exited $rc (see $out/record-$1.txt); its TSV is left as it was"
  fi
  printf '%s\n  %s\n' "$said" "$(tail -1 "$out/record-$1.txt")"
  return "$rc"
}
export -f one
export here root bin out suites
status=0
printf '%s\n' "${pairs[@]}" | xargs -P "$jobs" -I{} bash -c 'one "$@"' _ {} || status=1
tsvs=()
for p in "${pairs[@]}"; do [ -f "$root/ci/expected/client-$p.tsv" ] && tsvs+=("$root/ci/expected/client-$p.tsv"); done
[ ${#tsvs[@]} -eq 0 ] || /usr/bin/python3 "$here/verdicts.py" todo "${tsvs[@]}" || status=1
echo "record.sh: ${#pairs[@]} clients in $(( $(date +%s) - start )) s"
exit $status
