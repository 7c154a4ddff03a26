#!/usr/bin/env bash
# Spark benchmark (issue 14): generates RECORDS default-format records as 5-minute S3-layout .log.gz
# objects (deterministic, FlowLogGenerator), then times, in the same run on the same machine:
#   1. `flowlens ingest` into a DuckDB workspace, then `flowlens conversations --limit 100`;
#   2. `flowlens spark ingest` into a new Parquet lake in Spark local[1], then `conversations`;
#   3. the same in local[2] (the scaling a cluster multiplies);
# and reports records/s, records/s per core, the Spark scaling from local[1] to local[2], and bytes
# per record of the workspace and of the lake.
#
# Usage: flowlens-bench/spark-bench.sh [RECORDS] [FILES]   (default 10000000 records in 288 files: one day)
# Env:   BENCH_DIR (default /tmp/flowlens-spark-bench); RUNS (default 1): Spark ingests (then
#        conversations) of each master, alternating, the fastest reported; PIN=1: run local[N] with taskset on N CPUs, so
#        that local[1]'s JIT compiler and garbage collector do not borrow the second core
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-spark-bench
records="${1:-10000000}"
files="${2:-288}"
runs="${RUNS:-1}"

bench_package flowlens-cli,flowlens-bench,flowlens-spark bench-classpath.txt compile
cli_cp="flowlens-cli/target/flowlens-cli-0.1.0-SNAPSHOT.jar:flowlens-cli/target/lib/*"
bench_cp="flowlens-bench/target/flowlens-bench-0.1.0-SNAPSHOT.jar:$(cat flowlens-bench/target/bench-classpath.txt)"
spark_cp="flowlens-spark/target/flowlens-spark-0.1.0-SNAPSHOT.jar:$(cat flowlens-spark/target/bench-classpath.txt)"
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.configurationFile="$root/flowlens-spark/conf/log4j2.properties")
export SPARK_LOCAL_IP=127.0.0.1
# class data sharing as ./flowlens spark has it: an archive of a training run (`spark demo`), used by
# every Spark run below (local[1] and local[2] alike)
jsa="$dir/flowlens-spark.jsa"
rm -rf "$jsa" "$dir/cds-training"
java -Xmx2g -XX:+UseParallelGC "${opens[@]}" -XX:ArchiveClassesAtExit="$jsa" -Xlog:disable -Xlog:all=off -Dspark.master="local[2]" \
  -cp "$spark_cp" dev.flowlens.spark.FlowlensSpark demo --dir "$dir/cds-training/logs" --lake "$dir/cds-training/lake" >/dev/null
rm -rf "$dir/cds-training"
opens+=(-XX:SharedArchiveFile="$jsa" -Xlog:disable -Xlog:all=off)

bench_generate "$records" "$files" "$bench_cp"
gz_bytes=$(find "$data" -name '*.log.gz' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "input: $records records in $files objects, $(echo "$gz_bytes" | awk '{printf "%.1f", $1/1e6}') MB gzip" >&2

echo "load before: $(uptime)" >&2

# 1. DuckDB
warm
ws="$dir/flowlens.db"
rm -f "$ws" "$ws.wal"
t0=$(now)
java -Xmx512m -XX:+UseParallelGC -cp "$cli_cp" dev.flowlens.cli.FlowlensCli ingest --db "$ws" --quiet -o json "$data" >"$dir/duckdb-ingest.json"
t1=$(now)
duck_ingest=$(elapsed "$t0" "$t1")
duck_records=$(json_field records "$dir/duckdb-ingest.json")
ws_bytes=$(db_bytes "$ws")
t0=$(now)
java -Xmx512m -XX:+UseParallelGC -cp "$cli_cp" dev.flowlens.cli.FlowlensCli conversations --db "$ws" --limit 100 -o json >"$dir/duckdb-conv.json"
t1=$(now)
duck_conv=$(elapsed "$t0" "$t1")

# 2-3. Spark local[1], local[2]: RUNS ingests of each, alternating (a slower spell of a shared machine
# then falls on both), the fastest of each reported; conversations once on each lake
declare -A sp_ingest sp_inner sp_conv sp_bytes sp_all sp_call
# the parallel collector named (as ./flowlens spark does), so that a JVM pinned to one CPU keeps it
pin() { if [ -n "${PIN:-}" ]; then echo taskset -c "0-$(($1 - 1))"; fi; }
for run in $(seq 1 "$runs"); do
  for m in 1 2; do
    warm
    lake="$dir/lake-$m"
    rm -rf "$lake"
    t0=$(now)
    $(pin $m) java -Xmx3g -XX:+UseParallelGC "${opens[@]}" -Dspark.master="local[$m]" -cp "$spark_cp" dev.flowlens.spark.FlowlensSpark ingest --lake "$lake" -o json "$data" \
      >"$dir/spark-$m-ingest.json"
    t1=$(now)
    wall=$(elapsed "$t0" "$t1")
    inner=$(json_field seconds "$dir/spark-$m-ingest.json")
    sp_all[$m]="${sp_all[$m]:-}${sp_all[$m]:+ }$wall"
    if [ -z "${sp_ingest[$m]:-}" ] || awk -v a="$wall" -v b="${sp_ingest[$m]}" 'BEGIN {exit !(a < b)}'; then
      sp_ingest[$m]=$wall
      sp_inner[$m]=$inner
    fi
    r=$(json_field records "$dir/spark-$m-ingest.json")
    if [ "$r" != "$records" ] || [ "$duck_records" != "$records" ]; then
      echo "MISMATCH: expected $records records, DuckDB loaded $duck_records, Spark local[$m] $r" >&2
      exit 1
    fi
    sp_bytes[$m]=$(du -sb "$lake/flows" | cut -f1)
    echo "run $run: Spark local[$m] ingest $wall s ($inner s in the JVM); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  done
done
for run in $(seq 1 "$runs"); do
  for m in 1 2; do
    lake="$dir/lake-$m"
    t0=$(now)
    $(pin $m) java -Xmx3g -XX:+UseParallelGC "${opens[@]}" -Dspark.master="local[$m]" -cp "$spark_cp" dev.flowlens.spark.FlowlensSpark conversations --lake "$lake" --limit 100 \
      -o json >"$dir/spark-$m-conv.json"
    t1=$(now)
    wall=$(elapsed "$t0" "$t1")
    sp_call[$m]="${sp_call[$m]:-}${sp_call[$m]:+ }$wall"
    if [ -z "${sp_conv[$m]:-}" ] || awk -v a="$wall" -v b="${sp_conv[$m]}" 'BEGIN {exit !(a < b)}'; then
      sp_conv[$m]=$wall
    fi
    if ! cmp -s "$dir/spark-$m-conv.json" "$dir/duckdb-conv.json"; then
      echo "note: Spark local[$m] conversations differ from DuckDB's (see $dir/spark-$m-conv.json)" >&2
    fi
    echo "run $run: Spark local[$m] conversations $wall s; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  done
done

awk -v n="$records" -v cores="$(nproc)" -v di="$duck_ingest" -v dc="$duck_conv" -v wb="$ws_bytes" \
    -v s1="${sp_ingest[1]}" -v i1="${sp_inner[1]}" -v c1="${sp_conv[1]}" -v b1="${sp_bytes[1]}" \
    -v s2="${sp_ingest[2]}" -v i2="${sp_inner[2]}" -v c2="${sp_conv[2]}" -v b2="${sp_bytes[2]}" \
    -v a1="${sp_all[1]}" -v a2="${sp_all[2]}" -v ca1="${sp_call[1]}" -v ca2="${sp_call[2]}" -v pinned="${PIN:+, each JVM pinned to as many CPUs as Spark cores (taskset)}" 'BEGIN {
  printf "machine: %d cores; %d records\n", cores, n
  printf "%-22s %11s %12s %16s %13s %16s\n", "", "ingest s", "records/s", "records/s/core", "bytes/record", "conversations s"
  printf "%-22s %11.2f %12.0f %16.0f %13.1f %16.2f\n", "DuckDB workspace", di, n/di, n/di/cores, wb/n, dc
  printf "%-22s %11.2f %12.0f %16.0f %13.1f %16.2f\n", "Spark local[1] lake", s1, n/s1, n/s1, b1/n, c1
  printf "%-22s %11.2f %12.0f %16.0f %13.1f %16.2f\n", "Spark local[2] lake", s2, n/s2, n/s2/2, b2/n, c2
  printf "Spark ingest inside the JVM (after start-up): local[1] %.2f s, local[2] %.2f s\n", i1, i2
  printf "Spark ingest runs (wall clock, s): local[1] %s; local[2] %s (the fastest of each above)\n", a1, a2
  printf "Spark conversations runs (wall clock, s): local[1] %s; local[2] %s (the fastest of each above)\n", ca1, ca2
  printf "Spark scaling local[1] -> local[2]: ingest %.2fx (inside the JVM %.2fx), conversations %.2fx\n", s1/s2, i1/i2, c1/c2
  printf "(wall clock, JVM and Spark start-up included; DuckDB ingest uses every core%s)\n", pinned
}'
echo "load after: $(uptime)"
