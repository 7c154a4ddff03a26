#!/usr/bin/env bash
# Diagnosis and conversations benchmark: builds a synthetic workspace of ROWS records (DuckDB SQL fill),
# then times `diagnose` (one source, destination and port) and `conversations` (top 100 of all)
# warm, each against a hand-written DuckDB self-join pairing the same flows in the same run.
# Usage: flowlens-bench/diagnosis-bench.sh [ROWS] [RUNS]   (defaults 10000000 5; workspace kept in $BENCH_DIR)
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-diagnosis-bench
rows="${1:-10000000}"
runs="${2:-5}"
mvn -q -B -o install -DskipTests -pl flowlens-bench -am
(cd "$root/flowlens-bench" && mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" >/dev/null)
# copy the jars: other builds rewrite ~/.m2 while the benchmark runs
rm -rf "$dir/lib" && mkdir -p "$dir/lib" && cp -r "$root/flowlens-bench/target/classes" "$dir/lib/classes"
tr ':' '\n' < "$dir/classpath.txt" | xargs -I{} cp {} "$dir/lib/"
cp="$dir/lib/classes:$dir/lib/*"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; rows=$rows runs=$runs"
exec java ${BENCH_JAVA_OPTS:--Xmx4g} -cp "$cp" dev.flowlens.bench.diagnosis.DiagnosisBench "$dir/bench-$rows.db" "$rows" "$runs"
