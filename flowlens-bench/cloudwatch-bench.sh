#!/usr/bin/env bash
# CloudWatch Logs ingest benchmark (issue 12): 1,000,000 events in 50 streams served 10,000 a page by
# the fake CloudWatch Logs of the CLI tests (FakeAws, the JDK's HTTP server on loopback, in the test
# JVM), loaded by `flowlens ingest cloudwatch:...` in a child JVM (-Xmx512m, the parallel collector,
# as ./flowlens runs) with the rate limit off and at the default limit (4 requests/s: at least 24.75 s
# for the 100 requests), against two baselines in the same run: the same events as one local text
# file, and as 100 local JSON files of 10,000 events (what `aws logs filter-log-events` prints).
# Prints, per run, events/s (wall time, JVM start included), the ratio to the text baseline, the
# CPU seconds of the child (user + system: less disturbed by other load than wall time) and their
# ratio, peak RSS (/usr/bin/time -v), and for the CloudWatch runs the requests, the rate-limit wait
# and the seconds spent in the ingest. The runs are TestCloudWatchBench (-Dflowlens.bench=true).
#
# Usage: flowlens-bench/cloudwatch-bench.sh [RATES] [BEFORE_COMMIT]
#   RATES          rate limits to run, default "0,4" (limit off, the default limit)
#   BEFORE_COMMIT  also run the CloudWatch ingest of this commit's build (built under $BENCH_DIR), e.g.
#                  the one before a change, for a before/after comparison in the same run
# Env:   BENCH_DIR (default /tmp/flowlens-cloudwatch-bench), BENCH_XMX (child heap, default 512m),
#        BENCH_JVM (more child JVM options, e.g. '-XX:StartFlightRecording=filename=/tmp/NAME.jfr', NAME
#        being the run's name).
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh" /tmp/flowlens-cloudwatch-bench
rates="${1:-0,4}"
before_commit="${2:-}"
before_cp=""
if [ -n "$before_commit" ]; then
  src="$dir/build-$before_commit"
  if [ ! -f "$src/.built" ]; then
    echo "building $before_commit under $src ..." >&2
    rm -rf "$src" && mkdir -p "$src"
    git archive "$before_commit" | tar -x -C "$src"
    (cd "$src" && mvn -B -ntp -q -o package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true \
      -Dcheckstyle.skip=true -pl flowlens-cli -am >&2)
    touch "$src/.built"
  fi
  before_cp="$(ls "$src"/flowlens-cli/target/flowlens-cli-*.jar | head -1):$src/flowlens-cli/target/lib/*"
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
mvn -B -ntp -q -o test -pl flowlens-core,flowlens-sources,flowlens-store,flowlens-cli \
  -Dtest=TestCloudWatchBench -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  -Dflowlens.bench=true -Dflowlens.bench.rates="$rates" -Dflowlens.bench.xmx="${BENCH_XMX:-512m}" \
  -Dflowlens.bench.before="$before_cp" -Dflowlens.bench.jvm="${BENCH_JVM:-}" 2>&1 \
  | grep -E 'BENCH|ERROR|FAIL' | sed 's/^.*BENCH //'
