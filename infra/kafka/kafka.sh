#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, broker+controller in one JVM) on free loopback ports.
#   infra/kafka/kafka.sh {fetch|start|stop|status} <state-dir>
# fetch  resolves the jars of infra/kafka/pom.xml with Maven into
#        ${ZHIXING_CACHE:-$HOME/.cache/zhixing}/kafka/libs (once: a marker file holding the
#        pom's checksum makes later runs a no-op, without network).
# start  fetch, write <state-dir>/server.properties + log4j2.properties, format the storage
#        once, launch kafka.Kafka in the background (pid <state-dir>/kafka.pid, output
#        <state-dir>/kafka.log), wait until the broker answers (deadline
#        ZHIXING_KAFKA_START_TIMEOUT, default 90 s) and write <state-dir>/kafka.env:
#          ZHIXING_KAFKA_BOOTSTRAP=127.0.0.1:<port>
#          ZHIXING_KAFKA_CP=<cache>/kafka/libs/*
#        A second start on a running broker is a no-op; a start after stop reuses the data
#        (and the ports, when they are still free).
# stop   TERM, wait (deadline 60 s), then KILL; idempotent.
# status prints "running <bootstrap>" (exit 0) or "stopped" (exit 3).
set -euo pipefail
PROG=kafka.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

usage() { echo "usage: $PROG {fetch|start|stop|status} <state-dir>" >&2; exit 2; }
[ $# -ge 1 ] || usage
CMD=$1
case "$CMD" in
  fetch) [ $# -le 2 ] || usage ;;
  start|stop|status) [ $# -eq 2 ] || usage ;;
  *) usage ;;
esac

POM="$HERE/pom.xml"
CACHE="${ZHIXING_CACHE:-$HOME/.cache/zhixing}/kafka"
LIBS="$CACHE/libs"
MARKER="$LIBS/.zhixing-complete"
CP="$LIBS/*"
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")
SLF4J2_VERSION=2.0.17
JAVA=${JAVA:-java}
# Fast start-up for the short-lived CLI tools (storage format, readiness probe).
TOOL_OPTS=(-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m)

# ---- fetch --------------------------------------------------------------------------------
fetch() {
  [ "$JAVA" != java ] || need_command java openjdk-17-jre-headless
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  local sum
  sum=$(sha256sum "$POM" | cut -d' ' -f1)
  [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$sum" ] && return 0
  mkdir -p "$CACHE"
  exec 8>"$CACHE/.fetch.lock"
  flock -w 600 8 || die "timed out waiting for $CACHE/.fetch.lock"
  if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$sum" ]; then exec 8>&-; return 0; fi
  need_command mvn maven
  say "… fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS"
  local tmp="$CACHE/libs.tmp.$$"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$CACHE/fetch.log" 2>&1; then
    rm -rf "$tmp"
    tail -n 20 "$CACHE/fetch.log" >&2 || true
    die "mvn could not resolve the Kafka jars (log: $CACHE/fetch.log)"
  fi
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || die "mvn finished but no kafka_2.13 jar in $tmp"
  # Kafka's poms declare slf4j-api 1.7.36, which wins Maven's nearest-first mediation over
  # the 2.x that log4j-slf4j2-impl needs: with 1.7 on the classpath the binding is ignored
  # and Kafka logs nothing ("Failed to load class org.slf4j.impl.StaticLoggerBinder").
  # Kafka's own distribution ships slf4j 2.0.17; swap it in. (No-op once the pom pins it.)
  if ls "$tmp"/slf4j-api-1.*.jar >/dev/null 2>&1 && ls "$tmp"/log4j-slf4j2-impl-*.jar >/dev/null 2>&1; then
    mvn -q -B -f "$POM" dependency:copy -Dartifact="org.slf4j:slf4j-api:$SLF4J2_VERSION" \
        -DoutputDirectory="$tmp" >>"$CACHE/fetch.log" 2>&1 \
      || { rm -rf "$tmp"; die "mvn could not fetch slf4j-api $SLF4J2_VERSION (log: $CACHE/fetch.log)"; }
    rm -f "$tmp"/slf4j-api-1.*.jar
  fi
  rm -rf "$LIBS.old"
  [ -d "$LIBS" ] && mv "$LIBS" "$LIBS.old"
  mv "$tmp" "$LIBS"
  rm -rf "$LIBS.old"
  echo "$sum" >"$MARKER"
  exec 8>&-
}

# ---- state --------------------------------------------------------------------------------
STATE=""
if [ "$CMD" != fetch ]; then
  STATE=$(abs_dir "$2")
  DATA="$STATE/kafka-data"
  PROPS="$STATE/server.properties"
  LOG4J="$STATE/log4j2.properties"
  PIDF="$STATE/kafka.pid"
  LOGF="$STATE/kafka.log"
  PORTS="$STATE/kafka.ports"
  ENVF="$STATE/kafka.env"
fi

# The pid in kafka.pid, if that process is alive and is our broker.
live_pid() {
  local pid
  [ -f "$PIDF" ] || return 1
  pid=$(cat "$PIDF" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "kafka.Kafka $PROPS" || return 1
  echo "$pid"
}

read_ports() { [ -f "$PORTS" ] && read -r BROKER_PORT CONTROLLER_PORT <"$PORTS"; }

write_config() {
  cat >"$PROPS" <<EOF
# written by infra/kafka/kafka.sh on every start
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
default.replication.factor=1
min.insync.replicas=1
EOF
  cat >"$LOG4J" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
EOF
  # A client config for the readiness probe: fail fast, the loop retries.
  cat >"$STATE/probe.properties" <<'EOF'
request.timeout.ms=3000
default.api.timeout.ms=5000
EOF
}

format_storage() {
  [ -f "$DATA/meta.properties" ] && return 0
  say "… formatting Kafka storage $DATA"
  local cluster_id
  cluster_id=$("$JAVA" "${TOOL_OPTS[@]}" -Dlog4j2.configurationFile="$LOG4J" -cp "$CP" kafka.tools.StorageTool random-uuid 2>>"$STATE/format.log") \
    || die "StorageTool random-uuid failed (log: $STATE/format.log)"
  "$JAVA" "${TOOL_OPTS[@]}" -Dlog4j2.configurationFile="$LOG4J" -cp "$CP" kafka.tools.StorageTool format \
      --standalone -t "$cluster_id" -c "$PROPS" >>"$STATE/format.log" 2>&1 \
    || { tail -n 10 "$STATE/format.log" >&2; die "kafka storage format failed (log: $STATE/format.log)"; }
}

launch() {
  [ -f "$LOGF" ] && mv -f "$LOGF" "$LOGF.prev"
  # setsid: the broker outlives this shell and its terminal; fd 9 (the state lock) closed.
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDF" \
    "$JAVA" -Xms256m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J" -Dkafka.logs.dir="$STATE" \
    -cp "$CP" kafka.Kafka "$PROPS" </dev/null >"$LOGF" 2>&1 9>&- &
  local deadline=$(( $(date +%s) + 10 ))
  until live_pid >/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

# Ask the broker. With a python3 at hand: a raw ApiVersions request (answered only once
# the broker has caught up with the metadata and enabled request processing), ~30 ms;
# otherwise a JVM listing the topics, ~1.5 s.
probe() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$BROKER_PORT" <<'PY' >/dev/null 2>&1
import socket, struct, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
cid = b"zhixing-probe"
body = struct.pack(">hhih", 18, 0, 7, len(cid)) + cid          # ApiVersions v0
s.sendall(struct.pack(">i", len(body)) + body)
def read(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c: raise SystemExit(1)
        b += c
    return b
size, = struct.unpack(">i", read(4))
corr, err = struct.unpack(">ih", read(6))
sys.exit(0 if corr == 7 and err == 0 else 1)
PY
    return
  fi
  timeout 20 "$JAVA" "${TOOL_OPTS[@]}" -Dlog4j2.configurationFile="$LOG4J" -cp "$CP" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$BROKER_PORT" \
    --command-config "$STATE/probe.properties" --list >/dev/null 2>&1
}

# 0 = ready, 1 = broker died, 2 = deadline passed.
wait_ready() {
  local deadline=$(( $(date +%s) + ${ZHIXING_KAFKA_START_TIMEOUT:-90} ))
  while :; do
    live_pid >/dev/null || return 1
    if port_in_use "$BROKER_PORT" && probe; then return 0; fi
    [ "$(date +%s)" -lt "$deadline" ] || return 2
    sleep 0.2
  done
}

kill_broker() {
  local pid i
  pid=$(live_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 600); do          # up to 60 s for a controlled shutdown
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "… Kafka did not stop within 60 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  fi
  rm -f "$PIDF"
}

write_env() {
  { echo "ZHIXING_KAFKA_BOOTSTRAP=127.0.0.1:$BROKER_PORT"
    echo "ZHIXING_KAFKA_CP=$CP"; } >"$ENVF.tmp"
  mv "$ENVF.tmp" "$ENVF"
}

start() {
  fetch
  lock_state "$STATE" kafka
  mkdir -p "$DATA"
  if live_pid >/dev/null && read_ports; then
    write_env
    say "▶ Kafka $KAFKA_VERSION on 127.0.0.1:$BROKER_PORT (controller :$CONTROLLER_PORT, already running)"
    return 0
  fi
  local attempt rc
  for attempt in 1 2 3; do
    # Keep the previous ports when they are free: the controller endpoint is recorded
    # in the KRaft metadata, and a stable bootstrap address is friendlier.
    if [ "$attempt" -gt 1 ] || ! read_ports || port_in_use "$BROKER_PORT" || port_in_use "$CONTROLLER_PORT"; then
      BROKER_PORT=$(free_port)
      CONTROLLER_PORT=$(free_port "$BROKER_PORT")
    fi
    echo "$BROKER_PORT $CONTROLLER_PORT" >"$PORTS"
    write_config
    format_storage
    launch || die "the Kafka JVM did not start (log: $LOGF)"
    rc=0; wait_ready || rc=$?
    if [ "$rc" -eq 0 ]; then
      write_env
      say "▶ Kafka $KAFKA_VERSION on 127.0.0.1:$BROKER_PORT (controller :$CONTROLLER_PORT, data $DATA)"
      return 0
    fi
    kill_broker
    if [ "$rc" -eq 1 ] && grep -q 'Address already in use' "$LOGF" && [ "$attempt" -lt 3 ]; then
      say "… port clash, retrying on other ports"
      continue
    fi
    echo "---- tail of $LOGF ----" >&2
    tail -n 30 "$LOGF" >&2 || true
    if [ "$rc" -eq 1 ]; then die "Kafka exited during start-up (log: $LOGF)"; fi
    die "Kafka did not answer on 127.0.0.1:$BROKER_PORT within ${ZHIXING_KAFKA_START_TIMEOUT:-90} s (log: $LOGF)"
  done
}

stop() {
  lock_state "$STATE" kafka
  if live_pid >/dev/null; then
    kill_broker
    say "■ Kafka stopped"
  else
    rm -f "$PIDF"
    say "■ Kafka: not running"
  fi
}

status() {
  if live_pid >/dev/null && read_ports; then
    echo "running 127.0.0.1:$BROKER_PORT"; exit 0
  fi
  echo "stopped"; exit 3
}

case "$CMD" in
  fetch) fetch; say "✓ Kafka $KAFKA_VERSION jars in $LIBS" ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
esac
