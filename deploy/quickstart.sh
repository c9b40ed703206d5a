#!/usr/bin/env bash
# Brings up a complete local fleet under run/: builds Octoplane, mints a PKI, starts the
# brain (which starts its own Redis when none answers), the nameserver (on the brain's
# Redis) and three tentacles, then shows `octl node get`.
#
#   deploy/quickstart.sh          build and start (stops a previous quick start first)
#   deploy/quickstart.sh stop     stop everything the quick start started
#   deploy/quickstart.sh status   show what is running
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="$ROOT/run"
NODES=(node1 node2 node3)
REDIS_PORT="${OCTOPLANE_QUICKSTART_REDIS_PORT:-16379}"

say() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Whether a pid still belongs to a process this script started (after a reboot the number
# may have been reused by something else, which must not be killed).
ours() {
	[ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "octoplane-"
}

# Processes of this quick start that no pid file names: a brain's redis-server left behind
# when the brain was killed outright (its working folder is the brain's data folder), and
# JVMs whose parent died before it could stop them (their command line names run/).
leftovers() {
	local dir pid comm
	for dir in /proc/[0-9]*; do
		pid="${dir#/proc/}"
		comm="$(cat "$dir/comm" 2>/dev/null || true)"
		case "$comm" in
			redis-server)
				[[ "$(readlink "$dir/cwd" 2>/dev/null || true)" == "$RUN"/* ]] && echo "$pid"
				;;
			java)
				tr '\0' ' ' <"$dir/cmdline" 2>/dev/null | grep -qF -- "$RUN/" && echo "$pid"
				;;
		esac
	done
	return 0
}

stop_all() {
	local pidfile pid
	if [ -d "$RUN/pids" ]; then
		for pidfile in "$RUN"/pids/*.pid; do
			[ -e "$pidfile" ] || continue
			pid="$(cat "$pidfile")"
			if ours "$pid"; then
				kill "$pid" 2>/dev/null || true
			else
				rm -f "$pidfile"
			fi
		done
		for pidfile in "$RUN"/pids/*.pid; do
			[ -e "$pidfile" ] || continue
			pid="$(cat "$pidfile")"
			for _ in $(seq 1 100); do
				ours "$pid" || break
				sleep 0.1
			done
			if ours "$pid"; then
				kill -9 "$pid" 2>/dev/null || true
			fi
			rm -f "$pidfile"
		done
	fi
	# Nothing this script started may stay behind: a leftover would hold a port, or
	# dial a brain that is gone.
	local left
	left="$(leftovers)"
	[ -n "$left" ] || return 0
	for pid in $left; do
		if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF io.octoplane.octl.daemon.OctlDaemon; then
			# run/bin/octl's daemon: expected, and stopped with the fleet it talks to.
			say "stopping the octl daemon (pid $pid)"
		else
			say "stopping leftover process $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)"
		fi
		kill "$pid" 2>/dev/null || true
	done
	for _ in $(seq 1 50); do
		left="$(leftovers)"
		[ -n "$left" ] || return 0
		sleep 0.1
	done
	for pid in $left; do
		kill -9 "$pid" 2>/dev/null || true
	done
	for _ in $(seq 1 20); do
		left="$(leftovers)"
		[ -n "$left" ] || return 0
		sleep 0.1
	done
	fail "still running after stop (pids $(echo $left)); stop them by hand"
}

status_all() {
	local pidfile
	for pidfile in "$RUN"/pids/*.pid; do
		[ -e "$pidfile" ] || { echo "nothing running"; return 0; }
		if ours "$(cat "$pidfile")"; then
			echo "$(basename "$pidfile" .pid): running (pid $(cat "$pidfile"))"
		else
			echo "$(basename "$pidfile" .pid): not running"
		fi
	done
}

jar_of() {
	local jar
	jar="$(ls "$ROOT/$1"/target/octoplane-"$1"-*-exec.jar 2>/dev/null | head -n 1)"
	[ -n "$jar" ] || fail "no $1 jar under $1/target; the build did not produce it"
	echo "$jar"
}

start_process() {
	local name="$1"
	shift
	mkdir -p "$RUN/pids" "$RUN/logs"
	nohup "$@" >"$RUN/logs/$name.log" 2>&1 </dev/null &
	echo $! >"$RUN/pids/$name.pid"
}

port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
	local name="$1" port="$2"
	for _ in $(seq 1 240); do
		if port_open "$port"; then
			return 0
		fi
		if ! kill -0 "$(cat "$RUN/pids/$name.pid")" 2>/dev/null; then
			tail -n 30 "$RUN/logs/$name.log" >&2 || true
			fail "$name exited during start-up; its log is $RUN/logs/$name.log"
		fi
		sleep 0.5
	done
	tail -n 30 "$RUN/logs/$name.log" >&2 || true
	fail "$name did not open port $port within 2 minutes; its log is $RUN/logs/$name.log"
}

case "${1:-start}" in
	stop)
		stop_all
		say "stopped"
		exit 0
		;;
	status)
		status_all
		exit 0
		;;
	start) ;;
	*)
		fail "unknown action '$1'; use start, stop or status"
		;;
esac

# shellcheck source=deploy/lib/jdk.sh
. "$ROOT/deploy/lib/jdk.sh"
say "using JDK at $JAVA_HOME"
stop_all

for port in 12345 12346 3457 3455 3454; do
	if port_open "$port"; then
		fail "port $port is already in use; stop what listens there (see 'ss -ltnp') and run this again"
	fi
done

# Whether the jars the quick start runs are there and newer than every build file and
# every main source of every module (any module may go into any jar), as right after
# deploy/test.sh: then building again would only repeat that build.
built() {
	local jar
	for jar in "$ROOT"/{certs,brain,nameserver,tentacle}/target/octoplane-*-exec.jar \
		"$ROOT"/octl/target/octoplane-octl-*.jar; do
		[ -f "$jar" ] || return 1
		[ -z "$(find "$ROOT/pom.xml" "$ROOT/.mvn" "$ROOT/build-config" "$ROOT"/*/pom.xml "$ROOT"/*/src/main \
			-newer "$jar" -print -quit 2>/dev/null)" ] || return 1
	done
	[ -d "$ROOT/octl/target/lib" ]
}

if built; then
	say "the jars are newer than every source; not building again"
else
	say "building (first run downloads dependencies; this takes a few minutes)"
	(cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests package)
fi

CERTS_JAR="$(jar_of certs)"
BRAIN_JAR="$(jar_of brain)"
NAMESERVER_JAR="$(jar_of nameserver)"
TENTACLE_JAR="$(jar_of tentacle)"
VERSION="$(basename "$TENTACLE_JAR" | sed 's/^octoplane-tentacle-\(.*\)-exec\.jar$/\1/')"

certs() { "$JAVA_HOME/bin/java" -jar "$CERTS_JAR" "$@"; }
mkdir -p "$RUN/certs" "$RUN/bin"
if [ ! -f "$RUN/certs/ca.pem" ]; then
	say "minting a CA and certificates in $RUN/certs"
	certs ca --out "$RUN/certs" --cn "Octoplane quickstart CA"
	certs server brain --role brain --ca-dir "$RUN/certs" --out "$RUN/certs"
	certs server nameserver --role nameserver --ca-dir "$RUN/certs" --out "$RUN/certs"
	certs node "${NODES[@]}" --ca-dir "$RUN/certs" --out "$RUN/certs"
	certs client admin --ca-dir "$RUN/certs" --out "$RUN/certs"
	certs release-key --out "$RUN/certs"
else
	say "reusing the certificates in $RUN/certs"
fi

TLS_ARGS=()
tls_args() {
	TLS_ARGS=("--octoplane.tls.certificate=file:$RUN/certs/$1.pem" "--octoplane.tls.private-key=file:$RUN/certs/$1-key.pem"
		"--octoplane.tls.ca=file:$RUN/certs/ca.pem")
}

say "starting the brain on :12345 (REST) and :3457 (tentacles); Redis on 127.0.0.1:$REDIS_PORT"
tls_args brain
mkdir -p "$RUN/brain"
start_process brain "$JAVA_HOME/bin/java" -Xmx512m -jar "$BRAIN_JAR" "${TLS_ARGS[@]}" \
	"--octoplane.brain.data-dir=$RUN/brain/data" "--octoplane.brain.advertised-address=127.0.0.1:12345" \
	"--octoplane.redis.local.port=$REDIS_PORT" "--octoplane.agent.heartbeat-interval=5s" \
	"--octoplane.ca.certificate=$RUN/certs/ca.pem" "--octoplane.ca.private-key=$RUN/certs/ca-key.pem" \
	"--octoplane.agent.unstable-after=12s" "--octoplane.agent.offline-after=20s" \
	"--octoplane.nameserver.url=https://127.0.0.1:3455" "--octoplane.nameserver.advertised-agent-host=127.0.0.1"
wait_for_port brain 12345

# The nameserver keeps its registry in the brain's Redis, which requires the password the
# brain made. It goes in the environment, which only this user can read, rather than on
# the command line, which every user sees in ps.
REDIS_PASSWORD_FILE="$RUN/brain/data/redis/password"
[ -r "$REDIS_PASSWORD_FILE" ] || fail "the brain made no Redis password at $REDIS_PASSWORD_FILE; see $RUN/logs/brain.log"
say "starting the nameserver on :3455 (registry in the brain's Redis)"
tls_args nameserver
SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
	SPRING_DATA_REDIS_PASSWORD="$(cat "$REDIS_PASSWORD_FILE")" \
	start_process nameserver "$JAVA_HOME/bin/java" -Xmx128m -jar "$NAMESERVER_JAR" "${TLS_ARGS[@]}" \
	"--octoplane.nameserver.data-dir=$RUN/nameserver" \
	"--octoplane.nameserver.release-public-key=$RUN/certs/release-key.pub.pem"
wait_for_port nameserver 3455

# The installed unit's JVM flags, with the Java 25 ones when this JDK is 25 or newer.
TENTACLE_UNIT="$ROOT/deploy/systemd/octoplane-tentacle.service"
TENTACLE_JAVA_OPTS="$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$TENTACLE_UNIT")"
if "$JAVA_HOME/bin/java" -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1; then
	TENTACLE_JAVA_OPTS+=" $(sed -n 's/^# JDK 25 adds: //p' "$TENTACLE_UNIT")"
fi
for node in "${NODES[@]}"; do
	mkdir -p "$RUN/tentacles/$node/workspace"
	# The tentacle asks the nameserver where the brain is, remembers the answer in its
	# workspace, and falls back to the brain address below while the nameserver knows none.
	cat >"$RUN/tentacles/$node/tentacle.yaml" <<YAML
nameserver: https://127.0.0.1:3455
brain: 127.0.0.1:3457
cert: $RUN/certs/$node.pem
key: $RUN/certs/$node-key.pem
ca: $RUN/certs/ca.pem
workspace: $RUN/tentacles/$node/workspace
YAML
	# The tentacle runs under its supervisor, a shell loop rather than a second JVM, which
	# starts the version upgrade/ names (the build's jar is the first stable one); the
	# tentacle itself rolls back an unconfirmed preview (octoplane-supervise.sh).
	UPGRADE=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$TENTACLE_JAR"
		upgrade --home "$RUN/tentacles/$node/upgrade" --config "$RUN/tentacles/$node/tentacle.yaml"
		--release-key "$RUN/certs/release-key.pub.pem")
	# A rebuilt tree must run its new tentacle: a home whose stable version is the build's
	# version but holds another jar starts afresh (versions upgraded to stay as they are).
	home="$RUN/tentacles/$node/upgrade"
	if [ "$(cat "$home/stable" 2>/dev/null)" = "$VERSION" ] && ! cmp -s "$home/releases/$VERSION" "$TENTACLE_JAR"; then
		rm -rf "$home"
	fi
	if [ ! -f "$home/stable" ]; then
		"${UPGRADE[@]}" init "$VERSION" "$TENTACLE_JAR" >/dev/null
	fi
	say "starting tentacle $node"
	# As the unit runs it: small enough for a Raspberry Pi (docs/benchmarks.md).
	JAVA_OPTS="$TENTACLE_JAVA_OPTS" MALLOC_ARENA_MAX=2 start_process "tentacle-$node" /bin/sh \
		"$ROOT/deploy/octoplane-supervise.sh" --home "$home" --java "$JAVA_HOME/bin/java" \
		--config "$RUN/tentacles/$node/tentacle.yaml" --release-key "$RUN/certs/release-key.pub.pem" \
		-- --config "$RUN/tentacles/$node/tentacle.yaml"
done

cat >"$RUN/octl.yaml" <<YAML
brain: https://127.0.0.1:12345
cert: $RUN/certs/admin.pem
key: $RUN/certs/admin-key.pem
ca: $RUN/certs/ca.pem
timeout: 60s
YAML
# octl as installed: its jar and dependencies as a plain class path, started through
# the daemon front end (a warm per-user octl answers; see 'octl daemon --help'). The
# AOT cache made below (JDK 25+) lets that front end start about as fast as a bare JVM.
OCTL_HOME="$RUN/lib/octl"
rm -rf "$OCTL_HOME" && mkdir -p "$OCTL_HOME"
cp "$ROOT/octl/target/octoplane-octl-$VERSION.jar" "$OCTL_HOME/octl.jar"
cp -r "$ROOT/octl/target/lib" "$OCTL_HOME/lib"
cat >"$RUN/bin/octl" <<SH
#!/bin/sh
AOT=""
[ -f "$RUN/octl.aot" ] && AOT="-XX:AOTCache=$RUN/octl.aot"
# octl ssh login runs this script again as ssh's ProxyCommand.
OCTL_COMMAND="$RUN/bin/octl" exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
	-XX:-UsePerfData \$AOT -cp "$OCTL_HOME/octl.jar:$OCTL_HOME/lib/*" io.octoplane.octl.daemon.DaemonFront "\$@"
SH
chmod +x "$RUN/bin/octl"
rm -f "$RUN/octl.aot"
export OCTL_CONFIG="$RUN/octl.yaml"

say "waiting for ${#NODES[@]} tentacles to come online"
online=0
for _ in $(seq 1 60); do
	online="$({ "$RUN/bin/octl" node get -sf online 2>/dev/null || true; } | sed -n 's/^ *"online": *\([0-9]*\).*/\1/p' | head -n 1)"
	[ "${online:-0}" -ge "${#NODES[@]}" ] && break
	sleep 1
done
[ "${online:-0}" -ge "${#NODES[@]}" ] || fail "only ${online:-0} of ${#NODES[@]} tentacles came online; logs are in $RUN/logs"

# On JDK 25 and newer the first start of each tentacle is a training run for its AOT cache
# (octoplane-supervise.sh): it goes offline for the seconds the cache takes to build,
# then starts again with it. Wait for that, so the fleet is steady when this returns.
for node in "${NODES[@]}"; do
	aot="$RUN/tentacles/$node/upgrade/aot"
	[ -d "$aot" ] || continue
	for _ in $(seq 1 120); do
		ls "$aot" 2>/dev/null | grep -q '\.aot\(\.failed\)\{0,1\}$' && break
		sleep 1
	done
done
for _ in $(seq 1 60); do
	online="$({ "$RUN/bin/octl" node get -sf online 2>/dev/null || true; } | sed -n 's/^ *"online": *\([0-9]*\).*/\1/p' | head -n 1)"
	[ "${online:-0}" -ge "${#NODES[@]}" ] && break
	sleep 1
done

for _ in $(seq 1 50); do
	"$RUN/bin/octl" daemon status >/dev/null 2>&1 && break
	sleep 0.2
done
# One training run, answered by the daemon the calls above started, records what the
# front end loads and links; a cache from an older jar would be refused, hence made
# afresh on every start.
"$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -XX:AOTCacheOutput="$RUN/octl.aot" \
	-cp "$OCTL_HOME/octl.jar:$OCTL_HOME/lib/*" io.octoplane.octl.daemon.DaemonFront node get >/dev/null 2>&1 ||
	say "no AOT cache for octl (needs JDK 25 or newer); it starts slower"

say "octl node get"
"$RUN/bin/octl" node get
cat >&2 <<TEXT

The fleet is running. Try:
  export OCTL_CONFIG=$RUN/octl.yaml
  $RUN/bin/octl node get -o table
  $RUN/bin/octl cmd run 'uname -a' ${NODES[*]}
  $RUN/bin/octl node status
  $RUN/bin/octl nameserver list -o table
  $RUN/bin/octl upgrade state ${NODES[*]}
Logs: $RUN/logs    Stop: deploy/quickstart.sh stop
TEXT
