#!/bin/sh
# Runs an Octoplane part with a Java 21 or newer found on this host: $JAVA_HOME, then
# `java` on the PATH, then the newest under /usr/lib/jvm. The package depends on a
# Java 21 runtime, but a host's default `java` may still be an older one.
set -e
# Paths are relative to this script, so that a tree unpacked elsewhere runs too.
here="$(dirname "$(readlink -f "$0")")"
feature() {
	sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release" 2>/dev/null
}
java_home=""
best=0
for home in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent)")")")" /usr/lib/jvm/*; do
	[ -n "$home" ] && [ -x "$home/bin/java" ] || continue
	major="$(feature "$home")"
	[ -n "$major" ] && [ "$major" -ge 21 ] || continue
	if [ -n "${JAVA_HOME:-}" ] && [ "$home" = "$JAVA_HOME" ]; then
		java_home="$home"
		break
	fi
	if [ "$major" -gt "$best" ]; then
		java_home="$home"
		best="$major"
	fi
done
if [ -z "$java_home" ]; then
	echo "@NAME@: needs Java 21 or newer and found none (JAVA_HOME, java on the PATH, /usr/lib/jvm);" >&2
	echo "@NAME@: install openjdk-21-jre-headless (or Temurin 21+) or set JAVA_HOME" >&2
	exit 1
fi
# JAVA_OPTS is split on spaces on purpose: it holds several JVM flags.
# shellcheck disable=SC2086
exec "$java_home/bin/java" ${JAVA_OPTS:-} @ARGS@ "$@"
