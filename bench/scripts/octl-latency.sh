#!/usr/bin/env bash
# Wall time of octl calls against the quick-start fleet, side by side in one run:
# octl through its daemon, octl alone (OCTL_DAEMON=off), the same HTTPS request with
# curl, and a JVM that only prints a line (the floor of any Java front end). Runs are
# interleaved so a drifting machine load hits every variant alike.
#
#   deploy/quickstart.sh && bench/scripts/octl-latency.sh [RUNS]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN="$ROOT/run"
RUNS="${1:-15}"
[ -x "$RUN/bin/octl" ] || { echo "octl-latency: start the quick start first (deploy/quickstart.sh)" >&2; exit 2; }
# shellcheck source=deploy/lib/jdk.sh
. "$ROOT/deploy/lib/jdk.sh"
export OCTL_CONFIG="$RUN/octl.yaml"

HELLO="$(mktemp -d)"
trap 'rm -rf "$HELLO"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' >"$HELLO/Hello.java"
"$JAVA_HOME/bin/javac" -d "$HELLO" "$HELLO/Hello.java"

declare -A CMDS=(
	[octl_node_get]="$RUN/bin/octl node get"
	[octl_help]="$RUN/bin/octl --help"
	[octl_alone_node_get]="env OCTL_DAEMON=off $RUN/bin/octl node get"
	[curl_node_get]="curl -sf --cert $RUN/certs/admin.pem --key $RUN/certs/admin-key.pem --cacert $RUN/certs/ca.pem https://127.0.0.1:12345/api/v1/nodes"
	[jvm_hello]="$JAVA_HOME/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp $HELLO Hello"
)
ORDER=(octl_node_get octl_help octl_alone_node_get curl_node_get jvm_hello)
declare -A TIMES
for name in "${ORDER[@]}"; do
	${CMDS[$name]} >/dev/null # warm-up, and starts the daemon if it idled out
	TIMES[$name]=""
done
for _ in $(seq 1 "$RUNS"); do
	for name in "${ORDER[@]}"; do
		start=$(date +%s%N)
		${CMDS[$name]} >/dev/null
		TIMES[$name]+="$(( ($(date +%s%N) - start) / 1000000 )) "
	done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each, milliseconds"
printf '%-22s %6s %6s %6s\n' command min median max
for name in "${ORDER[@]}"; do
	# shellcheck disable=SC2086
	sorted=($(printf '%s\n' ${TIMES[$name]} | sort -n))
	printf '%-22s %6s %6s %6s\n' "$name" "${sorted[0]}" "${sorted[$((${#sorted[@]} / 2))]}" "${sorted[-1]}"
done
