#!/bin/sh
# Runs the tentacle of an upgrade home and starts again whichever version the home names,
# without a JVM of its own (a second JVM would double a node's memory). It only dispatches
# on exit statuses; the decisions (health, confirm window, start timeout, rollback of an
# unconfirmed preview, switching to another version) are taken inside the tentacle by
# io.octoplane.upgrade.TrialWatch, the same rules as the brain's Java launcher:
#
#   76                   start the home's current version (upgrade, cancel, rollback)
#   77, training run     build the AOT cache from its recording, then start it again
#   anything, preview    roll back: clear the preview, record why, start the stable one
#   anything, stable     record it, start it again after a short delay
#
# On Java 25 and newer each version runs with an AOT cache (JEP 483) made for it and the
# runtime, in DIR/aot: the first start of a version on a runtime is a training run that
# records which classes it loads and ends (status 77) once the brain has welcomed it; the
# cache is then built in a separate JVM without the tentacle's memory limits. Later
# starts map those classes ready-made instead of loading and linking them. A cache that
# cannot be made is not tried again (DIR/aot/*.failed; delete it to try again); --aot off
# runs without one.
#
# SIGTERM, SIGINT and SIGHUP stop the tentacle, then this script.
#
#   octoplane-supervise.sh --home DIR [--java JAVA] [--config FILE] [--release-key FILE]
#       [--confirm-timeout 2m] [--start-timeout 2m] [--restart-delay 2] [--aot auto|off]
#       -- TENTACLE-ARGS...
#
# JVM options come from $JAVA_OPTS. --config and --release-key are for the upgrade commands
# the tentacle runs ($OCTOPLANE_UPGRADE); the tentacle's own arguments follow --.
set -u

fail() { printf 'octoplane-supervise: %s\n' "$*" >&2; exit 2; }

HOME_DIR="" JAVA=java CONFIG="" KEY="" CONFIRM=2m START=2m RESTART_DELAY=2 AOT=auto
while [ $# -gt 0 ]; do
	case "$1" in
		--home) HOME_DIR="${2:?}"; shift 2 ;;
		--java) JAVA="${2:?}"; shift 2 ;;
		--config) CONFIG="${2:?}"; shift 2 ;;
		--release-key) KEY="${2:?}"; shift 2 ;;
		--confirm-timeout) CONFIRM="${2:?}"; shift 2 ;;
		--start-timeout) START="${2:?}"; shift 2 ;;
		--restart-delay) RESTART_DELAY="${2:?}"; shift 2 ;;
		--aot) AOT="${2:?}"; shift 2 ;;
		--) shift; break ;;
		*) fail "unknown option '$1'" ;;
	esac
done
[ -n "$HOME_DIR" ] || fail "--home DIR is required"
HOME_DIR="$(cd "$HOME_DIR" 2>/dev/null && pwd)" || fail "no upgrade home at $HOME_DIR"
case "$AOT" in auto|off) ;; *) fail "--aot must be auto or off" ;; esac

# The runtime's version from its release file (no JVM started for it), when it is 25 or
# newer: caches are made per runtime, as a cache only fits the JVM that made it.
runtime=""
if [ "$AOT" = auto ]; then
	java_path="$(command -v "$JAVA" 2>/dev/null)" && java_path="$(readlink -f "$java_path")"
	release_file="$(dirname "$(dirname "${java_path:-/nonexistent/bin/java}")")/release"
	feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release_file" 2>/dev/null)"
	if [ "${feature:-0}" -ge 25 ] 2>/dev/null; then
		runtime="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$release_file")"
		runtime="${runtime:-$feature}"
	fi
fi
AOT_DIR="$HOME_DIR/aot"

# JAVA_OPTS for the training run and the cache's assembly. Both write an archive whose
# buffer is sized by the metaspace caps, so those go ("metaspace"); the assembly, a JVM
# of its own, also drops the memory limits it outgrows ("limits"). Options such as the
# object header layout must stay as they are, or the cache would not fit.
java_options() {
	for option in ${JAVA_OPTS:-}; do
		case "$option" in
			-XX:MaxMetaspaceSize=*|-XX:CompressedClassSpaceSize=*) ;;
			-Xmx*|-Xms*|-Xmn*|-Xss*|-XX:ReservedCodeCacheSize=*|-XX:CICompilerCount=*)
				[ "$1" = limits ] || printf '%s ' "$option" ;;
			*) printf '%s ' "$option" ;;
		esac
	done
}

# Builds the cache from a training run's recording; drops caches of versions the home
# no longer holds and of other runtimes.
build_cache() {
	# shellcheck disable=SC2046 # a list of options
	"$JAVA" $(java_options limits) -XX:AOTMode=create "-XX:AOTConfiguration=$cache.conf" "-XX:AOTCache=$cache.tmp" \
		-cp "$release" >"$cache.log" 2>&1 &
	child=$!
	wait "$child"
	built=$?
	child=""
	rm -f "$cache.conf"
	if [ "$built" -eq 0 ] && [ -s "$cache.tmp" ]; then
		mv -f "$cache.tmp" "$cache"
		rm -f "$cache.log"
		record aot-cache "$version"
	else
		rm -f "$cache.tmp"
		touch "$cache.failed"
		record aot-cache-failed "$version" "see $cache.log"
	fi
	for old in "$AOT_DIR"/*; do
		name="$(basename "$old")"
		case "$name" in
			*"@$runtime".*) [ -f "$HOME_DIR/releases/${name%%@*}" ] || rm -f "$old" ;;
			*) rm -f "$old" ;;
		esac
	done
}

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
	cache="$AOT_DIR/$version@$runtime.aot"
	mode=plain
	if [ -n "$runtime" ] && [ -f "$cache" ]; then
		mode=cached
	elif [ -n "$runtime" ] && [ ! -f "$cache.failed" ] && mkdir -p "$AOT_DIR"; then
		mode=training
	fi
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	case "$mode" in
		cached) "$JAVA" ${JAVA_OPTS:-} "-XX:AOTCache=$cache" -jar "$release" "$@" & ;;
		# shellcheck disable=SC2046 # a list of options
		training) OCTOPLANE_AOT_TRAINING=1 "$JAVA" $(java_options metaspace) -XX:AOTMode=record \
			"-XX:AOTConfiguration=$cache.conf" -jar "$release" "$@" & ;;
		*) "$JAVA" ${JAVA_OPTS:-} -jar "$release" "$@" & ;;
	esac
	child=$!
	wait "$child"
	status=$?
	child=""
	if [ "$mode" = training ] && [ "$status" -eq 77 ]; then
		build_cache
		continue
	fi
	rm -f "$cache.conf"
	# A training run that ended otherwise (refused, crashed, its recording not written) is
	# not repeated for this version, which runs without a cache from now on.
	if [ "$mode" = training ] && [ "$status" -ne 76 ]; then
		touch "$cache.failed"
		record aot-training-failed "$version" "exit-status=$status"
	fi
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
