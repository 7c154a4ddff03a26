#!/usr/bin/env bash
# Web benchmark (issue 13): on a ROWS-record workspace (built by SQL as search-bench.sh builds it:
# default format, 7 days, 2000 interfaces), every overview API call over HTTP against the same
# aggregate as plain DuckDB SQL, warm, medians, with the ratio; the whole 7 days, one day and three days; then the
# overview page in headless Chromium, with the server's sums (OverviewSums) and without them.
#
# Usage: flowlens-bench/web-bench.sh [ROWS]   (default 10000000)
# Env:   BENCH_DIR (default /tmp/flowlens-bench), WEB_BENCH_PAGE_ONLY=1 (only the page in Chromium)
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-bench
rows="${1:-10000000}"
cpfile="$dir/web-bench.classpath"
# build this checkout's jars (no install) and the bench's classpath in one reactor run
mvn -q -B -o package dependency:build-classpath -DskipTests -Djacoco.skip=true -Dmdep.outputFile="$cpfile" -pl flowlens-bench -am >&2
cp="$(cat "$cpfile"):flowlens-bench/target/flowlens-bench-0.1.0-SNAPSHOT.jar"
run() { java -Xmx4g -XX:+UseParallelGC -cp "$cp" "$@"; }

db="$dir/web-$rows.db"
if [ ! -f "$db.complete" ]; then
  rm -f "$db" "$db.wal"
  run dev.flowlens.bench.search.SearchBench create "$db" "$rows"
  touch "$db.complete"
fi
t0=1764000000
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo), $(java -version 2>&1 | head -1)"
if [ "${WEB_BENCH_PAGE_ONLY:-0}" != 1 ]; then
  echo "load: $(uptime)"
  echo "== $rows records, all 7 days, 2 h buckets =="
  run dev.flowlens.bench.web.WebBench measure "$db" "$t0" "$((t0 + 7 * 86400))" 7200
  echo "== $rows records, one day, 10 min buckets =="
  run dev.flowlens.bench.web.WebBench measure "$db" "$((t0 + 3 * 86400))" "$((t0 + 4 * 86400))" 600
  echo "== $rows records, three days in the middle (two whole days), 30 min buckets =="
  run dev.flowlens.bench.web.WebBench measure "$db" "$((t0 + 129600))" "$((t0 + 388800))" 1800
fi
page() {
  # -am: this checkout's modules, not snapshots another build installed in ~/.m2
  mvn -q -B -o test -pl flowlens-web -am -Dtest=BenchOverviewPage -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
    -Dflowlens.bench.db="$db" -Dflowlens.bench.sums="$1" -DtrimStackTrace=true 2>&1 | grep -E "overview page|Tests run|FAIL" || true
}
echo "== $rows records, the overview page in headless Chromium (Performance API), with the server's sums =="
echo "load: $(uptime)"
page true
echo "== the same page reading the records for every request (no sums kept) =="
page false
echo "load: $(uptime)"
