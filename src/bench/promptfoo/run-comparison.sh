#!/usr/bin/env bash
# Times promptfoo and labelbench, whole processes, against the same stub Ollama server (50 ms per request, 32 slots)
# on the same dataset, both at concurrency 8, without caches. Not part of the test suite.
#
#   mvn -B -q package -DskipTests && src/bench/promptfoo/run-comparison.sh [EXAMPLES]
#
# Needs Node 20 and Java 17. Installs promptfoo 0.121.20 (the newest that runs on Node 20) into $PROMPTFOO_HOME
# (default /tmp/labelbench-promptfoo) on first use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
examples="${1:-400}"
port="${PORT:-18434}"
promptfoo_home="${PROMPTFOO_HOME:-/tmp/labelbench-promptfoo}"
work="$(mktemp -d)"
jar="$repo/target/labelbench.jar"

[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
if [ ! -x "$promptfoo_home/node_modules/.bin/promptfoo" ]; then
  mkdir -p "$promptfoo_home"
  (cd "$promptfoo_home" && npm init -y >/dev/null && npm install --no-audit --no-fund promptfoo@0.121.20 >/dev/null)
fi
promptfoo="$promptfoo_home/node_modules/.bin/promptfoo"

labels=(positive negative neutral)
openings=("I loved" "I hated" "I have no opinion on" "Absolutely fantastic:" "Terrible:" "It was fine:")
{
  echo "text,label"
  for ((i = 0; i < examples; i++)); do
    echo "${openings[i % 6]} the product I bought (order #$i),${labels[i % 3]}"
  done
} > "$work/data.csv"
cp "$here/promptfooconfig.yaml" "$here/prompt.json" "$here/zero-shot.yaml" "$work/"

java -jar "$jar" bench stub-server --port "$port" --latency-ms 50 --slots 32 2>"$work/stub.log" &
stub=$!
trap 'kill $stub 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/tags" >/dev/null && break; sleep 0.1; done

# Wall time of a whole process. Its exit code is ignored: promptfoo exits 100 when assertions fail, which they do
# here (the stub answers a label picked by hash); each side's output file is checked below instead.
seconds() { local start end; start=$(date +%s.%N); "$@" >"$work/last.log" 2>&1 || true
  end=$(date +%s.%N); echo "$end - $start" | bc -l; }

export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_CACHE_ENABLED=false
export OLLAMA_BASE_URL="http://127.0.0.1:$port" PROMPTFOO_CONFIG_DIR="$work/promptfoo-home"
pf=$(cd "$work" && seconds "$promptfoo" eval -c promptfooconfig.yaml -j 8 --no-cache --no-progress-bar --no-table \
  --no-write -o "$work/promptfoo-results.json")
lb=$(cd "$work" && seconds java -jar "$jar" run --dataset data.csv --prompt zero-shot.yaml \
  --model "ollama:bench:stub@http://127.0.0.1:$port" --labels positive,negative,neutral --concurrency 8 \
  --no-cache --progress none --out "$work/labelbench-run")
[ -s "$work/promptfoo-results.json" ] || { echo "promptfoo wrote no results" >&2; exit 1; }
[ -s "$work/labelbench-run/results.jsonl" ] || { echo "labelbench wrote no results" >&2; exit 1; }
lines=$(wc -l < "$work/labelbench-run/results.jsonl")

ideal=$(echo "8 * 1000 / 50" | bc -l)
printf 'examples: %d, stub: 50 ms per request, 32 slots; concurrency 8 (ideal %.0f examples/s); load average: %s\n' \
  "$examples" "$ideal" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'promptfoo 0.121.20: %6.2f s  %7.1f examples/s\n' "$pf" "$(echo "$examples / $pf" | bc -l)"
printf 'labelbench:         %6.2f s  %7.1f examples/s  (%d results lines)\n' "$lb" "$(echo "$examples / $lb" | bc -l)" "$lines"
printf 'labelbench / promptfoo: %.2fx\n' "$(echo "$pf / $lb" | bc -l)"
