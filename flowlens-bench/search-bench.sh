#!/usr/bin/env bash
# Search benchmark (issue 3). Builds workspaces by SQL (no text generation), then measures in one run:
#   1. warm, on ROWS records: ENI + one-hour window search, whole-workspace exact-IP search (as --ip and
#      as the pattern '" ADDR "'), each as flowlens FlowSearch and as the same query hand-written in
#      DuckDB SQL, interleaved, medians, with the ratio;
#   2. cold, on COLD_ROWS records: `flowlens search --eni --from --to` as a fresh JVM, both as the
#      ./flowlens launcher runs it (class data sharing archive, unpacked DuckDB library; the launcher
#      is called once first so that it builds) and as plain java over a snapshot of the built jars,
#      against a fresh JVM that opens the workspace and runs the hand-written SQL once.
#
# Usage: flowlens-bench/search-bench.sh [ROWS] [COLD_ROWS]   (default 100000000 and 10000000)
# Env:   BENCH_DIR (default /tmp/flowlens-bench)
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-bench
rows="${1:-100000000}"
cold_rows="${2:-10000000}"
mvn -q -B -o install -DskipTests -pl flowlens-cli,flowlens-bench -am >&2
snap="$dir/search-jars"
cpfile="$dir/search-bench.classpath"
mvn -q -B -o dependency:build-classpath -pl flowlens-bench -Dmdep.outputFile="$cpfile" >&2
bench_snapshot "$snap" "$cpfile"
# this checkout's modules, not whatever another build last installed in the local repository
for m in core sources store; do cp "flowlens-$m/target/flowlens-$m-0.1.0-SNAPSHOT.jar" "$snap/bench/"; done
cp="$snap/bench/*"
bench() { java -Xmx4g -XX:+UseParallelGC -cp "$cp" dev.flowlens.bench.search.SearchBench "$@"; }

make_ws() { # db rows
  if [ ! -f "$1.complete" ]; then
    rm -f "$1" "$1.wal"
    bench create "$1" "$2"
    touch "$1.complete"
  fi
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo), $(java -version 2>&1 | head -1)"
big="$dir/search-$rows.db"
make_ws "$big" "$rows"
echo "== warm, $rows records =="
bench measure "$big" "$rows"

small="$dir/search-$cold_rows.db"
make_ws "$small" "$cold_rows"
from=$(date -u -d @$((1764000000 + 7 * 86400 / 2)) +%Y-%m-%dT%H:%M:%SZ)
to=$(date -u -d @$((1764000000 + 7 * 86400 / 2 + 3600)) +%Y-%m-%dT%H:%M:%SZ)
eni=$(printf 'eni-%017x' 42)
nanos() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
"$root/flowlens" search --db "$small" --limit 1 >/dev/null
cold_flowlens=()
cold_launcher=()
cold_sql=()
for r in 1 2 3 4 5; do
  t=$(nanos)
  "$root/flowlens" search --db "$small" --eni "$eni" --from "$from" --to "$to" >/dev/null
  t0=$(nanos)
  java -Xmx512m -XX:+UseParallelGC -cp "$snap/cli/*" dev.flowlens.cli.FlowlensCli search --db "$small" --eni "$eni" --from "$from" --to "$to" >"$dir/search-cold.out"
  t1=$(nanos)
  bench sql-once "$small" "$cold_rows" >/dev/null
  t2=$(nanos)
  cold_launcher+=($(( (t0 - t) / 1000000 )))
  cold_flowlens+=($(( (t1 - t0) / 1000000 )))
  cold_sql+=($(( (t2 - t1) / 1000000 )))
done
lines=$(grep -c ' eni-' "$dir/search-cold.out" || true)
f=$(printf '%s\n' "${cold_flowlens[@]}" | median)
s=$(printf '%s\n' "${cold_sql[@]}" | median)
l=$(printf '%s\n' "${cold_launcher[@]}" | median)
echo "== cold, $cold_rows records =="
echo "flowlens search --eni $eni --from $from --to $to: $lines records printed"
echo "cold ./flowlens search (launcher) median ${l} ms (runs: ${cold_launcher[*]}); ratio to DuckDB SQL $(awk -v a="$l" -v b="$s" 'BEGIN {printf "%.2f", a/b}')"
echo "cold flowlens search, plain java, median ${f} ms (runs: ${cold_flowlens[*]}); fresh JVM + DuckDB SQL median ${s} ms (runs: ${cold_sql[*]}); ratio $(awk -v a="$f" -v b="$s" 'BEGIN {printf "%.2f", a/b}')"
