#!/usr/bin/env bash
# Walks README.md against the quick-start fleet: starts deploy/quickstart.sh, then runs
# every line of the README's ```sh blocks, in order, and fails on the first one that
# exits non-zero or prints an error, naming its README line, the command and its output.
# The fleet is stopped at the end whatever happens.
#
#   deploy/readme-check.sh           run/ must be absent or left by an earlier check
#   deploy/readme-check.sh --fresh   stop a quick start of yours and delete its run/ first
#
# The commands are read from README.md when the check runs, so a new example is checked
# as soon as it is written. A line that cannot run here (a second machine, root, a
# placeholder) is listed in rule() below with why it is skipped or what runs instead;
# every other line runs exactly as written.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
README="$ROOT/README.md"
RUN="$ROOT/run"
# run/ made by this check carries this file, so the next check may delete it.
MARK="$RUN/.readme-check"
STEP_TIMEOUT="${OCTOPLANE_README_CHECK_TIMEOUT:-60}"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'readme-check: %s\n' "$*" >&2; exit 1; }

if [ -d "$RUN" ] && [ ! -e "$MARK" ]; then
	# Releases and scenario versions never change once stored, so the walk needs a new
	# fleet; a quick start of the developer's is not deleted without being asked.
	[ "${1:-}" = "--fresh" ] || die "run/ holds a quick start that this check did not make; stop it and delete run/ (or pass --fresh)"
fi
"$ROOT/deploy/quickstart.sh" stop >/dev/null 2>&1 || true
rm -rf "$RUN"
mkdir -p "$RUN"
touch "$MARK"

# The commands run in a scratch folder (they make files such as ./app.jar and a scenario
# folder) that links run/, deploy/ and the build's targets, so the README's relative
# paths resolve as they do in the repository.
WORK="$(mktemp -d)"
for dir in run deploy tentacle brain; do
	ln -s "$ROOT/$dir" "$WORK/$dir"
done
OUT="$WORK/.output"

STARTING=""
finish() {
	local status=$?
	[ -z "$STARTING" ] || kill "$STARTING" 2>/dev/null
	say "stopping the fleet"
	if ! "$ROOT/deploy/quickstart.sh" stop >/dev/null; then
		printf 'readme-check: the quick start left processes behind\n' >&2
		status=1
	fi
	rm -rf "$WORK"
	exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

started=$SECONDS
say "starting the quick-start fleet (README line: deploy/quickstart.sh)"
# In the background, so that an interrupt stops the walk at once rather than after it.
timeout 900 "$ROOT/deploy/quickstart.sh" >"$RUN/quickstart.out" 2>&1 &
STARTING=$!
wait "$STARTING" || {
	tail -n 40 "$RUN/quickstart.out" >&2
	die "deploy/quickstart.sh failed; its output is above"
}
STARTING=""
say "fleet up after $((SECONDS - started))s"

export OCTL_CONFIG="$RUN/octl.yaml"
export PATH="$RUN/bin:$PATH"
# octl's 'scen repo' needs a git remote; a folder under run/ serves (first push creates it).
mkdir -p "$RUN/scenario-remote"
printf 'scenarioRemote: %s\n' "$RUN/scenario-remote" >>"$OCTL_CONFIG"
printf 'payload %s\n' "$(date)" >"$WORK/app.jar"
printf 'weights %s\n' "$(date)" >"$WORK/model.bin"
mkdir -p "$WORK/conf" && printf 'key: value\n' >"$WORK/conf/app.yaml"
printf 'a,b\n1,2\n' >"$WORK/data.csv"
# A file in the brain's file store (the quick start's data folder) for 'file download ... brain'.
mkdir -p "$RUN/brain/data/fstore/reports" && printf 'day,count\n' >"$RUN/brain/data/fstore/reports/today.csv"

# Values the examples show as placeholders, taken from the output of earlier examples.
JOB_ID=""
BLOB=""
SCEN_VERSION=""

# Waits (20 looks at most) until each node runs VERSION as a healthy preview, that is,
# until its supervisor has switched; octl upgrade answers before the switch.
until_switched() {
	local version="$1" i
	shift
	for i in $(seq 1 20); do
		"$RUN/bin/octl" upgrade state "$@" -o table 2>/dev/null |
			awk -v v="$version" -v n="$#" '$3 == v && $4 == v { ok++ } END { exit ok != n }' && return 0
		sleep 1
	done
	return 0
}
# Runs an upgrade action that makes NODE's supervisor switch versions (cancel), and waits
# (10 s at most) until the tentacle process it replaces has exited: a command sent before
# would run on that process and die with it; one sent after waits in the node's queue.
switching() {
	local node="$1" pid old="" i
	shift
	for pid in $(pgrep -f -- "$RUN/tentacles/$node/tentacle.yaml"); do
		# The tentacle JVM, not its supervisor (nor a Java launcher), which stays.
		tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -e ' launch ' -e 'octoplane-supervise' || old="$old $pid"
	done
	"$@" || return
	for i in $(seq 1 40); do
		for pid in $old; do
			[ -d "/proc/$pid" ] && break
			pid=""
		done
		[ -z "$pid" ] && return 0
		sleep 0.25
	done
	return 0
}
export -f until_switched switching
export RUN

# Decides what to do with one README command (its trailing comment removed): sets ACTION
# to run, skip or instead, and TEXT to the reason (skip) or the command run instead.
# Commands are matched exactly, so an edited example runs as written until a rule follows it.
rule() {
	ACTION=run
	TEXT="$1"
	case "$1" in
		# Quick start
		"deploy/quickstart.sh")
			ACTION=skip TEXT="started above: it brings up the fleet the walk runs against" ;;
		"deploy/test.sh")
			ACTION=skip TEXT="the whole test suite; CI runs it before this check" ;;
		"deploy/quickstart.sh stop")
			ACTION=skip TEXT="runs at the end, when the check stops the fleet and fails on leftovers" ;;
		# Commands that are never lost: no upgrades, reboots or endless tails on this machine,
		# and the fleet's nodes are node1..node3.
		"octl cmd run --wait-offline 30m --max-concurrency 10% --max-errors 2 'apt-get -y upgrade' node1 node2 node3")
			ACTION=instead TEXT="octl cmd run --wait-offline 30m --max-concurrency 10% --max-errors 2 'true' node1 node2 node3" ;;
		"octl cmd run --follow --continuous --timeout 30s 'tail -f /var/log/syslog' node1")
			ACTION=instead TEXT="octl cmd run --follow --continuous --timeout 30s 'for i in 1 2 3; do echo \$i; done' node1" ;;
		"octl cmd run --async 'reboot' node7")
			ACTION=instead TEXT="octl cmd run --async 'sleep 2' node1" ;;
		"octl job get <id>")
			ACTION=instead TEXT="octl job get $JOB_ID" ;;
		"octl job wait <id> --follow")
			ACTION=instead TEXT="octl job wait $JOB_ID --follow" ;;
		"octl job cancel <id>")
			# The job above has ended; cancel one that is still running.
			ACTION=instead TEXT="id=\$(octl cmd run --async 'sleep 50' node1 | sed -n 's/^  \"id\" *: *\"\\([^\"]*\\)\".*/\\1/p' | head -n 1) && octl job cancel \"\$id\"" ;;
		"octl cmd xrun -d 5m -ta --max-clock-error 20ms './start-capture.sh' @lab")
			ACTION=instead TEXT="octl cmd xrun -d 2 -ta --max-clock-error 1s 'date +%s.%N' node1 node2" ;;
		# Right after the fleet starts, on a loaded machine, a node's clock offset may be
		# known only to within more than the default 50 ms; the example shows the output.
		"octl cmd run -ta 'date +%s.%N' node1 node2 node3 -o table")
			ACTION=instead TEXT="octl cmd run -ta --max-clock-error 1s 'date +%s.%N' node1 node2 node3 -o table" ;;
		# Labels and selectors: the fleet's nodes instead of pi1; selectors on the label set here.
		"octl node facts pi1 -o table")
			ACTION=instead TEXT="octl node facts node1 -o table" ;;
		"octl node label pi1 rack=a1 role=doorbell")
			ACTION=instead TEXT="octl node label node1 rack=a1 role=doorbell" ;;
		"octl node label pi1 role-")
			ACTION=instead TEXT="octl node label node1 role-" ;;
		"octl cmd run 'uptime' -l 'site=lab,role!=camera,arch in (arm64,armv7),!gpu'")
			ACTION=instead TEXT="octl cmd run 'uptime' -l 'rack=a1,role!=camera,arch in (amd64,arm64,armv7),!gpu'" ;;
		"octl node get -l 'facts.memory_total>2GiB,os=debian'")
			ACTION=instead TEXT="octl node get -l 'facts.memory_total>1MiB,rack=a1'" ;;
		"octl file upload app.conf /etc/app -l site=lab --dry-run")
			ACTION=instead TEXT="echo 'x=1' > app.conf && octl file upload app.conf /etc/app -l rack=a1 --dry-run" ;;
		# Scenarios: the template's applications get nodes, placeholders get real versions.
		"octl scen create shop with web db")
			ACTION=instead TEXT="octl scen create shop with web db && sed -i 's/nodes: \[\]/nodes: [node1, node2]/' shop/deployment.yaml" ;;
		"octl scen get [shop]; octl scen version shop -o 0 -l 20")
			ACTION=instead TEXT="octl scen get; octl scen get shop; octl scen version shop -o 0 -l 20" ;;
		"octl scen reset shop -v 3fa9c1 -m \"undo\"")
			ACTION=instead TEXT="octl scen reset shop -v $SCEN_VERSION -m \"undo\"" ;;
		"octl napp get node1; octl napp version node1 web@shop -o 0 -l 20; octl napp reset node1 web@shop -v 9c1e -m \"undo\"")
			# The nodeapp's first commit, read with the real git client.
			ACTION=instead TEXT="octl napp get node1; octl napp version node1 web@shop -o 0 -l 20; octl napp reset node1 web@shop -v \$(git -C run/tentacles/node1/workspace/web@shop rev-list --max-parents=0 HEAD | cut -c1-7) -m \"undo\"" ;;
		"octl scen repo clone shop; octl scen repo push shop -m \"tuned\"")
			# An empty remote has nothing to clone: push first, then clone into another folder.
			ACTION=instead TEXT="octl scen repo push shop -m \"tuned\" && mkdir -p clone && cd clone && octl scen repo clone shop" ;;
		# Files: the fleet's nodes instead of pi1, pi2 and @lab; the blob is the upload's.
		"octl file upload ./app.jar /opt/app pi1 pi2 @lab")
			ACTION=instead TEXT="octl file upload ./app.jar @fstore node1 node2" ;;
		"octl file upload ./conf @workspace/etc pi1 --wait-offline 1h")
			ACTION=instead TEXT="octl file upload ./conf @workspace/etc node1 --wait-offline 1h" ;;
		"octl file download @fstore/foobar ./copies @lab")
			ACTION=instead TEXT="octl file download @fstore/foobar ./copies ALL" ;;
		"octl file download /var/log/syslog ./logs pi1")
			ACTION=instead TEXT="octl file download /etc/hostname ./logs node1" ;;
		"octl file download <sha256> . brain")
			ACTION=instead TEXT="octl file download $BLOB . brain" ;;
		"octl file ls @log pi1 -o table")
			ACTION=instead TEXT="octl file ls @log node1 -o table" ;;
		"octl file copy pi1:@fstore/model.bin pi2:@fstore")
			ACTION=instead TEXT="octl file upload ./model.bin @fstore node1 && octl file copy node1:@fstore/model.bin node2:@fstore" ;;
		# SSH and tunnels: the nodes run no sshd here, and a tunnel runs until stopped.
		"octl ssh set pi-24 --user pi")
			ACTION=instead TEXT="octl ssh set node1 --user pi" ;;
		"octl ssh login pi-24" | "octl ssh login pi-24 -- -i ~/.ssh/fleet uptime" | \
			"scp -o 'ProxyCommand=octl ssh proxy pi-24' build.tar pi@pi-24:/tmp/")
			ACTION=skip TEXT="needs an sshd on the node and a login key (SshIT covers it)" ;;
		"octl ssh del pi-24")
			ACTION=instead TEXT="octl ssh del node1" ;;
		"octl tunnel pi-24 8080:127.0.0.1:80")
			ACTION=skip TEXT="serves until stopped (TunnelIT covers it)" ;;
		# Operations
		"curl -s 127.0.0.1:12346/actuator/prometheus | promtool check metrics")
			# promtool exits 3 for lint notes and 1 when it cannot parse; as in FleetMetricsIT,
			# notes are accepted only on metrics that are not Octoplane's own.
			ACTION=instead TEXT="out=\$(curl -s 127.0.0.1:12346/actuator/prometheus | promtool check metrics 2>&1); s=\$?; echo \"\$out\"; [ \$s -eq 0 ] || { [ \$s -eq 3 ] && ! grep -q octoplane_ <<<\"\$out\"; }"
			if ! command -v promtool >/dev/null 2>&1; then
				ACTION=skip TEXT="promtool is not installed"
			fi ;;
		"sudo deploy/install-tentacle.sh --token <token> --name pi7 --brain brain.example.org:3457 --brain-api https://brain.example.org:12345 --ca ca.pem --jar octoplane-tentacle-0.1.0-exec.jar")
			ACTION=skip TEXT="installs a system service as root on a second machine" ;;
		# Packages and Ansible: installs as root; DebianPackagesIT and AnsibleTentacleRoleIT
		# build, install and run them into throwaway roots instead.
		"deploy/debian/build-debs.sh" | \
			"sudo apt install ./target/debian/octoplane-tentacle_*.deb" | \
			"sudo cp ca.pem /etc/octoplane/ca.pem" | \
			"sudo octoplane-tentacle enroll --token <token> --name pi7 --brain-api https://brain.example.org:12345" | \
			"sudo systemctl start octoplane-tentacle" | \
			"cd deploy/ansible" | \
			"ansible-vault create group_vars/tentacles/vault.yml" | \
			"ansible-playbook -i inventory.ini site.yml --ask-vault-pass")
			ACTION=skip TEXT="installs packages as root on a fleet machine; DebianPackagesIT and AnsibleTentacleRoleIT test it" ;;
		# Online upgrade of the brain: the quick-start brain does not run under its launcher,
		# and these lines set up a production install.
		"java -jar brain.jar upgrade --home /var/lib/octoplane/brain-home init 0.1.0 brain.jar" | \
			"java -jar brain.jar upgrade --home /var/lib/octoplane/brain-home --release-key release-key.pub.pem launch --jvm-option -Xmx512m -- --spring.config.additional-location=brain.yaml" | \
			"octl release upload brain 0.1.1 brain/target/octoplane-brain-*-exec.jar --key release-key.pem" | \
			"octl upgrade upgrade 0.1.1 brain" | "octl upgrade state brain -o table" | \
			"octl upgrade confirm brain" | "octl upgrade history brain")
			ACTION=skip TEXT="the quick-start brain is not started by the upgrade launcher (BrainUpgradeIT covers it)" ;;
		# Online upgrade of tentacles: a command sent while the launcher switches to the
		# preview runs on the old process and dies with it, so cancel waits for the switch.
		"run/bin/octl upgrade state node1 node2 node3 -o table")
			# upgrade answers before the last batch's launcher has switched (3 s later).
			ACTION=instead TEXT="until_switched 0.1.1 node1 node2 node3; run/bin/octl upgrade state node1 node2 node3 -o table" ;;
		"run/bin/octl upgrade cancel node1")
			ACTION=instead TEXT="until_switched 0.1.0-SNAPSHOT node1; switching node1 run/bin/octl upgrade cancel node1" ;;
		# Logs: the fleet's nodes; grep finds nothing in a clean log, which is no failure.
		"octl log get pi1 -l 500 -d 2")
			ACTION=instead TEXT="octl log get node1 -l 500 -d 2" ;;
		"octl log get pi1 -d 1 | grep ERROR")
			ACTION=instead TEXT="octl log get node1 -d 1 | { grep ERROR || true; }" ;;
	esac
}

# Remembers placeholder values from the output of the example that produced them.
capture() {
	local cmd="$1" id
	case "$cmd" in
		"octl cmd run --async"*)
			id="$(sed -n 's/^  "id" *: *"\([^"]*\)".*/\1/p' "$OUT" | head -n 1)"
			[ -n "$id" ] && JOB_ID="$id" ;;
		"octl file upload ./app.jar"*)
			[ -n "$BLOB" ] || BLOB="$(sha256sum "$WORK/app.jar" | cut -d' ' -f1)" ;;
		"octl scen apply shop -m \"first\"")
			SCEN_VERSION="$(sed -n 's/^ *"version" *: *"\([0-9a-f]\{7,\}\)".*/\1/p' "$OUT" | head -n 1 | cut -c1-7)" ;;
	esac
}

# The README's ```sh blocks as "line<TAB>command", continuation lines joined, comments
# and blank lines left out.
examples() {
	awk '
		/^```sh[ \t]*$/ { inblock = 1; next }
		/^```/ { inblock = 0; next }
		!inblock { next }
		{
			line = $0
			if (pending != "") { cmd = pending " " line; sub(/^ +/, "", line) } else { cmd = line; start = NR }
			if (cmd ~ /\\$/) { sub(/[ \t]*\\$/, "", cmd); pending = cmd; next }
			pending = ""
			gsub(/[ \t]+/, " ", cmd)
			sub(/^ /, "", cmd)
			sub(/ +# .*$/, "", cmd)
			sub(/ +$/, "", cmd)
			if (cmd == "" || cmd ~ /^#/) next
			print start "\t" cmd
		}
	' "$README"
}

ran=0
skipped=0
while IFS=$'\t' read -r line cmd; do
	rule "$cmd"
	if [ "$ACTION" = skip ]; then
		printf 'README:%s skip: %s (%s)\n' "$line" "$cmd" "$TEXT" >&2
		skipped=$((skipped + 1))
		continue
	fi
	if [ "$ACTION" = instead ]; then
		printf 'README:%s %s\n    instead: %s\n' "$line" "$cmd" "$TEXT" >&2
	else
		printf 'README:%s %s\n' "$line" "$cmd" >&2
	fi
	status=0
	(cd "$WORK" && timeout "$STEP_TIMEOUT" bash -o pipefail -c "$TEXT") >"$OUT" 2>&1 </dev/null || status=$?
	# octl reports failures as "octl: error: ..."; a stack trace means something escaped.
	if [ "$status" -ne 0 ] || grep -Eq '(^|: )(internal )?error: |^Exception in thread|^Caused by: ' "$OUT"; then
		printf '\nREADME.md line %s failed (exit %s): %s\n' "$line" "$status" "$cmd" >&2
		[ "$TEXT" = "$cmd" ] || printf 'ran instead: %s\n' "$TEXT" >&2
		printf -- '--- output ---\n' >&2
		tail -n 60 "$OUT" >&2
		printf -- '--------------\nfleet logs: %s/logs\n' "$RUN" >&2
		exit 1
	fi
	capture "$cmd"
	ran=$((ran + 1))
done < <(examples)

say "README walk passed: $ran commands ran, $skipped skipped, $((SECONDS - started))s in all"
