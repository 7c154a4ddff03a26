#!/usr/bin/env bash
# Reading a lake back into a workspace (issue 14): generates RECORDS default-format records in FILES
# gzip objects, loads them into a workspace (`flowlens ingest`, the baseline), exports that workspace
# as a lake (`flowlens export --lake`), then, in the same run, times and measures the peak RSS of
#   1. `flowlens ingest LAKE`: the lake reader (the manifest, one INSERT per lake Parquet file),
#   2. `flowlens ingest LAKE/flows`: the same files through the reader of Parquet as AWS delivers it,
# and checks that the lake read back holds the workspace's record count.
#
# Usage: flowlens-bench/lake-bench.sh [RECORDS] [FILES]   (default 2000000 records, 48 files)
# Env:   BENCH_DIR (default /tmp/flowlens-lake-bench), FLOWLENS_JAVA_OPTS (default -Xmx512m)
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-lake-bench
records="${1:-2000000}"
files="${2:-48}"

bench_package flowlens-cli,flowlens-bench bench-classpath.txt compile
cli_cp="flowlens-cli/target/flowlens-cli-0.1.0-SNAPSHOT.jar:flowlens-cli/target/lib/*"
bench_cp="flowlens-bench/target/flowlens-bench-0.1.0-SNAPSHOT.jar:$(cat flowlens-bench/target/bench-classpath.txt)"
java_opts=(${FLOWLENS_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC})
bench_generate "$records" "$files" "$bench_cp"

flowlens() { java "${java_opts[@]}" -cp "$cli_cp" dev.flowlens.cli.FlowlensCli "$@"; }
count() { flowlens sql --db "$1" -o csv "SELECT count(*) AS n FROM flows" | tail -1; }

# run NAME DB INPUT: ingest INPUT into a new workspace DB; prints seconds, peak MB, exit status
run() {
  rm -f "$2" "$2.wal"
  local t0 t1 status=0
  t0=$(now)
  /usr/bin/time -v -o "$dir/$1.time" java "${java_opts[@]}" -cp "$cli_cp" dev.flowlens.cli.FlowlensCli \
    ingest --db "$2" --quiet "$3" >"$dir/$1.out" 2>"$dir/$1.err" || status=$?
  t1=$(now)
  echo "$(elapsed "$t0" "$t1" 1) $(peak_mb "$dir/$1.time") $status"
}

read -r base_s base_mb base_rc <<<"$(run text "$dir/text.db" "$data")"
base_n=$(count "$dir/text.db")
rm -rf "$dir/lake"
flowlens export --db "$dir/text.db" --lake "$dir/lake" >/dev/null
lake_bytes=$(du -sb "$dir/lake/flows" | cut -f1)
lake_files=$(find "$dir/lake/flows" -name '*.parquet' | wc -l)
read -r lake_s lake_mb lake_rc <<<"$(run lake "$dir/lake.db" "$dir/lake")"
lake_n=$( [ "$lake_rc" = 0 ] && count "$dir/lake.db" || echo -)
read -r pq_s pq_mb pq_rc <<<"$(run parquet "$dir/parquet.db" "$dir/lake/flows")"
pq_n=$( [ "$pq_rc" = 0 ] && count "$dir/parquet.db" || echo -)

echo "records $records in $files gzip objects; the lake: $lake_files Parquet files, $((lake_bytes / 1000000)) MB; JVM ${java_opts[*]}"
printf '%-44s %8s %8s %6s %10s\n' "run" "seconds" "peak MB" "exit" "records"
printf '%-44s %8s %8s %6s %10s\n' "flowlens ingest (gzip text, baseline)" "$base_s" "$base_mb" "$base_rc" "$base_n"
printf '%-44s %8s %8s %6s %10s\n' "flowlens ingest LAKE (lake reader)" "$lake_s" "$lake_mb" "$lake_rc" "$lake_n"
printf '%-44s %8s %8s %6s %10s\n' "flowlens ingest LAKE/flows (AWS Parquet reader)" "$pq_s" "$pq_mb" "$pq_rc" "$pq_n"
awk -v a="$lake_s" -v b="$base_s" 'BEGIN {printf "lake reader / text ingest time: %.2f\n", a / b}'
[ "$pq_rc" = 0 ] || { echo "AWS Parquet reader failed:"; grep -m1 FAILED "$dir/parquet.out" || tail -3 "$dir/parquet.err"; }
