#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then integration tests against real
# redis-server, TLS, brain, tentacles and octl. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/lib/jdk.sh
. deploy/lib/jdk.sh
if ! command -v redis-server >/dev/null 2>&1; then
	echo "error: no redis-server on the PATH; the tests run a real one (Debian: apt-get install redis-server)" >&2
	exit 1
fi
exec ./mvnw -B -ntp verify "$@"
