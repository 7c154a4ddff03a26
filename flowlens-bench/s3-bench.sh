#!/usr/bin/env bash
# S3 ingest benchmark (issue 11): the same flow log files loaded by `flowlens ingest s3://...` from an
# S3 API server on loopback (s3proxy, in-memory store: S3BenchServer) and by `flowlens ingest DIR`
# from local disk, in the same run, for two shapes of the same RECORDS records (FlowLogGenerator,
# as ingest-bench.sh):
#   large: LARGE_FILES objects (default 6)
#   small: SMALL_FILES objects (default 1000, as 5-minute deliveries give)
# Prints the seconds of each, the ratio S3/local, and the LIST and GET requests the S3 run made.
# Targets: at most 1.3x local for the large objects, 2x for the small ones.
#
# Usage: flowlens-bench/s3-bench.sh [RECORDS] [LARGE_FILES] [SMALL_FILES]   (default 3000000 6 1000)
# Env:   BENCH_DIR (default /tmp/flowlens-s3-bench), FLOWLENS_JAVA_OPTS (JVM options for flowlens).
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-s3-bench
records="${1:-3000000}"
large="${2:-6}"
small="${3:-1000}"

bench_package flowlens-cli,flowlens-bench bench.classpath
snap="$dir/jars"
bench_snapshot "$snap" flowlens-bench/target/bench.classpath
bench_cp="$snap/bench/*"
java_opts=${FLOWLENS_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}

run_shape() {
  local name="$1" files="$2"
  bench_generate "$records" "$files" "$bench_cp"
  local objects bytes
  objects=$(find "$data" -name '*.log.gz' | wc -l)
  bytes=$(find "$data" -name '*.log.gz' -printf '%s\n' | awk '{s+=$1} END {print s}')

  # the server holds the objects in memory; it stops when its input (a fifo held open here) closes
  local fifo="$dir/server.in" out="$dir/server.out"
  rm -f "$fifo" && mkfifo "$fifo"
  java -Xmx2g -cp "$bench_cp" dev.flowlens.bench.s3.S3BenchServer "$data" bench <"$fifo" >"$out" 2>"$dir/server.err" &
  local server=$!
  exec 7>"$fifo"
  while ! grep -q '^S3BENCH-READY' "$out" 2>/dev/null; do
    if ! kill -0 "$server" 2>/dev/null; then echo "server failed:" >&2; tail "$dir/server.err" >&2; exit 1; fi
    sleep 0.2
  done
  local port
  port=$(awk '/^S3BENCH-READY/ {print $2}' "$out")

  # local first, then S3 (page cache warm for both: the files were just read by the server)
  local ws_local="$dir/local.db" ws_s3="$dir/s3.db"
  rm -f "$ws_local" "$ws_local.wal" "$ws_s3" "$ws_s3.wal"
  local t0 t1 t2 t3
  t0=$(now)
  java $java_opts -cp "$snap/cli/*" dev.flowlens.cli.FlowlensCli ingest --db "$ws_local" --quiet -o json "$data" >"$dir/local.out"
  t1=$(now)
  t2=$(now)
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 \
    java $java_opts -cp "$snap/cli/*" dev.flowlens.cli.FlowlensCli ingest --db "$ws_s3" --quiet -o json \
    --endpoint-url "http://127.0.0.1:$port" s3://bench/ >"$dir/s3.out"
  t3=$(now)
  exec 7>&-
  wait "$server" || true

  local local_secs s3_secs local_records s3_records
  local_secs=$(elapsed "$t0" "$t1")
  s3_secs=$(elapsed "$t2" "$t3")
  local_records=$(json_field records "$dir/local.out")
  s3_records=$(json_field records "$dir/s3.out")
  if [ "$local_records" != "$records" ] || [ "$s3_records" != "$records" ]; then
    echo "record counts differ: local $local_records, s3 $s3_records, expected $records" >&2
    cat "$dir/s3.out" >&2
    exit 1
  fi
  printf '%-6s %5d objects %8.1f MB gzip | local %7.2f s | s3 %7.2f s | ratio %.2fx | %s LIST, %s GET, %s retries\n' \
    "$name" "$objects" "$(echo "$bytes" | awk '{print $1/1e6}')" "$local_secs" "$s3_secs" \
    "$(echo "$s3_secs $local_secs" | awk '{printf "%.2f", $1/$2}')" \
    "$(json_field list_requests "$dir/s3.out")" "$(json_field get_requests "$dir/s3.out")" "$(json_field retries "$dir/s3.out")"
}

echo "records: $records; machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
run_shape large "$large"
run_shape small "$small"
