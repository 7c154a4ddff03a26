#!/usr/bin/env bash
# Query benchmark (issue 5): a Logs Insights `stats sum(bytes) ... by srcAddr, dstAddr | sort | limit 15`
# run through the parser, planner and QueryRunner, against the same top-N written by hand in DuckDB
# SQL, both warm (JMH, average time), in the same run. Prints the ratio for each size.
#
# Usage: flowlens-bench/query-bench.sh [ROWS...]      (default: 10000000; add 100000000 if disk allows ~3 GB)
# Env:   BENCH_DIR (default /tmp/flowlens-bench; workspaces query-ROWS.db are reused), JMH_OPTS (default -wi 3 -i 5 -f 1)
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-bench
sizes=("${@:-10000000}")
mvn -q -B -o install -DskipTests -pl flowlens-bench -am >&2
cpfile="$dir/query-bench.classpath"
mvn -q -B -o dependency:build-classpath -pl flowlens-bench -Dmdep.outputFile="$cpfile" >&2
snap="$dir/query-jars"
rm -rf "$snap" && mkdir -p "$snap"
tr ':' '\n' <"$cpfile" | xargs -I{} cp {} "$snap/"
cp flowlens-bench/target/flowlens-bench-0.1.0-SNAPSHOT.jar "$snap/"
java -cp "$snap/*" dev.flowlens.bench.query.QueryBench
for n in "${sizes[@]}"; do
  out="$dir/query-bench-$n.txt"
  java -Xmx3g -cp "$snap/*" org.openjdk.jmh.Main 'dev.flowlens.bench.query.QueryBench' -p rows="$n" ${JMH_OPTS:--wi 3 -i 5 -f 1} \
    -jvmArgs "-Xmx3g -Dbench.dir=$dir" | tee "$out"
  ins=$(awk '/^QueryBench.insights/ {print $(NF-3)}' "$out")
  sql=$(awk '/^QueryBench.handSql / {print $(NF-3)}' "$out")
  stored=$(awk '/^QueryBench.handSqlStored/ {print $(NF-3)}' "$out")
  echo "rows=$n insights_ms=$ins hand_sql_ms=$sql ratio=$(awk -v a="$ins" -v b="$sql" 'BEGIN {printf "%.3f", a / b}')" \
    "hand_sql_stored_columns_ms=$stored ratio_stored=$(awk -v a="$ins" -v b="$stored" 'BEGIN {printf "%.3f", a / b}')"
done
