#!/bin/sh
# Runs the tentacle of an upgrade home and starts again whichever version the home names,
# without a JVM of its own (a second JVM would double a node's memory). It only dispatches
# on exit statuses; the decisions (health, confirm window, start timeout, rollback of an
# unconfirmed preview, switching to another version) are taken inside the tentacle by
# io.octoplane.upgrade.TrialWatch, the same rules as the brain's Java launcher:
#
#   76                   start the home's current version (upgrade, cancel, rollback)
#   anything, preview    roll back: clear the preview, record why, start the stable one
#   anything, stable     record it, start it again after a short delay
#
# SIGTERM, SIGINT and SIGHUP stop the tentacle, then this script.
#
#   octoplane-supervise.sh --home DIR [--java JAVA] [--config FILE] [--release-key FILE]
#       [--confirm-timeout 2m] [--start-timeout 2m] [--restart-delay 2] -- TENTACLE-ARGS...
#
# JVM options come from $JAVA_OPTS. --config and --release-key are for the upgrade commands
# the tentacle runs ($OCTOPLANE_UPGRADE); the tentacle's own arguments follow --.
set -u

fail() { printf 'octoplane-supervise: %s\n' "$*" >&2; exit 2; }

HOME_DIR="" JAVA=java CONFIG="" KEY="" CONFIRM=2m START=2m RESTART_DELAY=2
while [ $# -gt 0 ]; do
	case "$1" in
		--home) HOME_DIR="${2:?}"; shift 2 ;;
		--java) JAVA="${2:?}"; shift 2 ;;
		--config) CONFIG="${2:?}"; shift 2 ;;
		--release-key) KEY="${2:?}"; shift 2 ;;
		--confirm-timeout) CONFIRM="${2:?}"; shift 2 ;;
		--start-timeout) START="${2:?}"; shift 2 ;;
		--restart-delay) RESTART_DELAY="${2:?}"; shift 2 ;;
		--) shift; break ;;
		*) fail "unknown option '$1'" ;;
	esac
done
[ -n "$HOME_DIR" ] || fail "--home DIR is required"
HOME_DIR="$(cd "$HOME_DIR" 2>/dev/null && pwd)" || fail "no upgrade home at $HOME_DIR"

version_in() {
	v=""
	[ -f "$HOME_DIR/$1" ] && IFS= read -r v <"$HOME_DIR/$1"
	printf '%s' "$v"
}

record() {
	printf '%s %s %s%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" "${3:+ $3}" >>"$HOME_DIR/history"
}

child=""
stop() {
	trap - TERM INT HUP
	if [ -n "$child" ]; then
		kill -TERM "$child" 2>/dev/null
		wait "$child"
	fi
	exit 0
}
trap stop TERM INT HUP

# The child decides; these tell it so, and with which limits.
export OCTOPLANE_UPGRADE_HOME="$HOME_DIR" OCTOPLANE_SUPERVISOR=exit-status OCTOPLANE_LAUNCHER_PID=$$
export OCTOPLANE_CONFIRM_TIMEOUT="$CONFIRM" OCTOPLANE_START_TIMEOUT="$START"
[ -z "$KEY" ] || export OCTOPLANE_RELEASE_KEY="$KEY"

while :; do
	preview="$(version_in preview)"
	version="${preview:-$(version_in stable)}"
	[ -n "$version" ] || fail "$HOME_DIR has no stable version; run 'upgrade --home $HOME_DIR init VERSION JAR' first"
	release="$HOME_DIR/releases/$version"
	rm -f "$HOME_DIR/healthy"
	if [ -n "$preview" ]; then record start-preview "$version"; else record start "$version"; fi
	export OCTOPLANE_VERSION="$version"
	export OCTOPLANE_UPGRADE="$JAVA -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $release upgrade --home $HOME_DIR${CONFIG:+ --config $CONFIG}${KEY:+ --release-key $KEY}"
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	"$JAVA" ${JAVA_OPTS:-} -jar "$release" "$@" &
	child=$!
	wait "$child"
	status=$?
	child=""
	[ "$status" -eq 76 ] && continue
	if [ -n "$preview" ] && [ "$(version_in preview)" = "$preview" ]; then
		rm -f "$HOME_DIR/preview"
		record rollback "$preview" "preview exited with status $status"
		continue
	fi
	record restart "$version" "exit-status=$status"
	# In the background, so that a signal is handled at once rather than after it.
	sleep "$RESTART_DELAY" &
	child=$!
	wait "$child"
	child=""
done
