# What the flowlens-bench scripts share; not run by itself. A script starts with
#   . "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" DEFAULT_BENCH_DIR
# which makes the shell stop on errors, sets root (this checkout) and dir ($BENCH_DIR, else
# DEFAULT_BENCH_DIR; created), and changes to root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-$1}"
mkdir -p "$dir"
cd "$root"

# bench_package MODULES CLASSPATH_FILE [SCOPE]: packages MODULES and the modules they need (no tests, no
# install: this checkout's jars) and writes each one's class path (of SCOPE) to target/CLASSPATH_FILE.
bench_package() {
  echo "building (package only: $1 and their class paths)..." >&2
  mvn -q -B -o package dependency:build-classpath -DskipTests -Djacoco.skip=true -pl "$1" -am \
    -Dmdep.outputFile="target/$2" ${3:+-Dmdep.includeScope=$3} >&2
}

# bench_snapshot SNAP CLASSPATH_FILE: copies the CLI's jars to SNAP/cli, and the bench's jar and the
# class path listed in CLASSPATH_FILE to SNAP/bench, so that a rebuild during the run changes nothing.
bench_snapshot() {
  rm -rf "$1" && mkdir -p "$1/cli" "$1/bench"
  cp flowlens-cli/target/flowlens-cli-0.1.0-SNAPSHOT.jar flowlens-cli/target/lib/*.jar "$1/cli/"
  tr ':' '\n' <"$2" | xargs -I{} cp {} "$1/bench/"
  cp flowlens-bench/target/flowlens-bench-0.1.0-SNAPSHOT.jar "$1/bench/"
}

# bench_generate RECORDS FILES CLASSPATH: sets data to $dir/data-RECORDS-FILES, RECORDS default-format
# records as FILES S3-layout .log.gz objects (FlowLogGenerator, deterministic), generated on first use.
bench_generate() {
  data="$dir/data-$1-$2"
  if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    echo "generating $1 records in $2 files under $data ..." >&2
    java -Xmx512m -cp "$3" dev.flowlens.bench.ingest.FlowLogGenerator "$data" "$1" "$2" 1 >&2
    touch "$data/.complete"
  fi
}

# reads the generated files once, so that every timed run finds them in the page cache
warm() { find "$data" -name '*.log.gz' -exec cat {} + >/dev/null; }
now() { date +%s.%N; }
# elapsed T0 T1 [DECIMALS]: the seconds from T0 to T1 (times from now)
elapsed() { echo "$1 $2" | awk -v d="${3:-2}" '{printf "%." d "f", $2 - $1}'; }
# json_field NAME FILE: the first number named NAME in the JSON of FILE
json_field() { sed -n "s/.*\"$1\" *: *\([0-9.]*\).*/\1/p" "$2" | head -1; }
# peak_mb FILE: the peak resident set size in MiB that /usr/bin/time -v wrote to FILE
peak_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
# db_bytes DB: the size of a workspace with its write-ahead log
db_bytes() { echo $(($(stat -c %s "$1") + $([ -f "$1.wal" ] && stat -c %s "$1.wal" || echo 0))); }
