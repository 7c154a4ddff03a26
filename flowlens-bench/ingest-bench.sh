#!/usr/bin/env bash
# End-to-end ingest benchmark (issue 2): generates RECORDS default-format records as S3-layout
# .log.gz files (deterministic), then times, in the same run,
#   1. the baseline: DuckDB's own read_csv loading the same gzip files into a table,
#   2. `flowlens ingest` of the same files into a new workspace,
#   3. the floor no reader can go below: DuckDB inserting the same records, already parsed and in
#      memory, into a workspace's table (InsertCeiling),
# and reports records/s, the ratio, peak RSS (/usr/bin/time -v) and workspace bytes per record.
#
# Usage: flowlens-bench/ingest-bench.sh [RECORDS] [FILES]     (default 10000000 records, 40 files)
# Env:   BENCH_DIR (default /tmp/flowlens-bench), FLOWLENS_JAVA_OPTS (JVM options, as for ./flowlens),
#        BENCH_PROFILE=1 also records a JFR profile of the flowlens run and prints its top frames.
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-bench
records="${1:-10000000}"
files="${2:-40}"

if [ ! -f flowlens-bench/target/flowlens-bench-0.1.0-SNAPSHOT.jar ] || [ ! -f flowlens-cli/target/.built ]; then
  echo "building..." >&2
  mvn -q -B -o install -DskipTests -pl flowlens-cli,flowlens-bench -am >&2
  touch flowlens-cli/target/.built
fi
./flowlens --version >/dev/null  # builds the CLI now if sources changed, not inside the timing
# run from a private copy of the jars, so a rebuild during the run changes nothing
snap="$dir/jars"
cpfile="$dir/bench.classpath"
mvn -q -B -o dependency:build-classpath -pl flowlens-bench -Dmdep.outputFile="$cpfile" >&2
bench_snapshot "$snap" "$cpfile"
cp="$snap/bench/*"

bench_generate "$records" "$files" "$cp"
gz_bytes=$(find "$data" -name '*.log.gz' -printf '%s\n' | awk '{s+=$1} END {print s}')
text_bytes=$(find "$data" -name '*.log.gz' -exec zcat {} + | wc -c)
echo "input: $records records, $(echo "$gz_bytes" | awk '{printf "%.1f", $1/1e6}') MB gzip, $(echo "$text_bytes" | awk '{printf "%.1f", $1/1e6}') MB text" >&2

# 1. baseline: DuckDB read_csv
warm
base_db="$dir/baseline.duckdb"
t0=$(now)
/usr/bin/time -v -o "$dir/baseline.time" java -Xmx1g -cp "$cp" dev.flowlens.bench.ingest.DuckDbCsvBaseline "$data" "$base_db" >"$dir/baseline.out"
t1=$(now)
base_secs=$(elapsed "$t0" "$t1" 3)
base_records=$(sed -n 's/.*records=\([0-9]*\).*/\1/p' "$dir/baseline.out")
base_bytes=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$dir/baseline.out")

# 2. flowlens ingest
warm
ws="$dir/flowlens.db"
rm -f "$ws" "$ws.wal"
jfr_opts=""
if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  jfr_opts="-XX:StartFlightRecording=filename=$dir/ingest.jfr,settings=profile"
fi
t0=$(now)
# the same JVM options as the ./flowlens launcher
/usr/bin/time -v -o "$dir/flowlens.time" java ${FLOWLENS_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC} $jfr_opts \
  -cp "$snap/cli/*" dev.flowlens.cli.FlowlensCli ingest --db "$ws" --quiet -o json "$data" >"$dir/flowlens.out"
t1=$(now)
fl_secs=$(elapsed "$t0" "$t1" 3)
fl_records=$(json_field records "$dir/flowlens.out")
fl_inner=$(json_field seconds "$dir/flowlens.out")
ws_bytes=$(db_bytes "$ws")

if [ "$fl_records" != "$records" ] || [ "$base_records" != "$records" ]; then
  echo "MISMATCH: expected $records records, flowlens loaded $fl_records, baseline $base_records" >&2
  cat "$dir/flowlens.out" >&2
  exit 1
fi

# 3. the floor: DuckDB storing already-parsed records (read_csv into memory first, untimed)
java -Xmx1g -cp "$cp" dev.flowlens.bench.ingest.InsertCeiling "$data" "$dir/ceiling.db" >"$dir/ceiling.out"
ceil_secs=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$dir/ceiling.out")
rm -f "$dir/ceiling.db" "$dir/ceiling.db.wal"

awk -v n="$records" -v bs="$base_secs" -v fs="$fl_secs" -v fi="$fl_inner" -v bm="$(peak_mb "$dir/baseline.time")" \
    -v fm="$(peak_mb "$dir/flowlens.time")" -v wb="$ws_bytes" -v bb="$base_bytes" -v cores="$(nproc)" -v cs="$ceil_secs" 'BEGIN {
  printf "machine: %d cores\n", cores
  printf "%-28s %10s %14s %12s %14s\n", "", "seconds", "records/s", "peak RSS", "bytes/record"
  printf "%-28s %10.2f %14.0f %9.0f MiB %14.1f\n", "duckdb read_csv (baseline)", bs, n/bs, bm, bb/n
  printf "%-28s %10.2f %14.0f %9.0f MiB %14.1f\n", "flowlens ingest", fs, n/fs, fm, wb/n
  printf "flowlens inside the JVM: %.2f s (%.0f records/s)\n", fi, n/fi
  printf "ratio flowlens/baseline (records/s, wall clock): %.2fx\n", bs/fs
  printf "floor: DuckDB storing the same records already parsed (INSERT ... SELECT from memory + CHECKPOINT): %.2f s (%.0f records/s)\n", cs, n/cs
}'

if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  echo "top frames (JFR execution samples, flowlens run):"
  jfr print --events jdk.ExecutionSample "$dir/ingest.jfr" \
    | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' \
    | sort | uniq -c | sort -rn | head -25
fi
