#!/usr/bin/env bash
# Measures a full `tenantra-agent scan --once` (wall time, peak RSS, per-module durations) and the
# idle CPU of a JVM that loaded the agent and sleeps. Figures go to docs/performance-agent.md.
# Usage: bench/agent/run-scan.sh [runs]   (build first: ./mvnw -B -pl model,agent package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=agent/target/tenantra-agent.jar
FLAGS="-Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -Xss512k"
RUNS=${1:-3}
echo "date: $(date -u +%FT%TZ)  nproc: $(nproc)  $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$RUNS"); do
  out=$(mktemp); err=$(mktemp)
  /usr/bin/time -v java $FLAGS -jar "$JAR" scan --once --output "$out" 2>"$err" || echo "exit $?"
  echo "run $i: $(grep -E 'Elapsed|Maximum resident|User time|System time' "$err" | sed 's/^\s*//' | tr '\n' ';')"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('  ' + ' '.join(m['module']+'='+str(m['execution']['durationMillis'])+'ms/'+m['status'] for m in d['modules']))" "$out"
  rm -f "$out" "$err"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
idle=$(mktemp -d)
javac -cp "$JAR" -d "$idle" bench/agent/IdleAgent.java
java $FLAGS -cp "$JAR:$idle" IdleAgent 80 &
pid=$!
sleep 10
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
sleep 60
t2=$(awk '{print $14+$15}' /proc/$pid/stat)
echo "idle: $((t2 - t1)) ticks of CPU in 60 s (CLK_TCK $(getconf CLK_TCK)), $(grep VmRSS /proc/$pid/status)"
kill $pid
rm -rf "$idle"
