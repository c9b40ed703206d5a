#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then integration tests against real
# redis-server, TLS, brain, tentacles and octl. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/lib/jdk.sh
. deploy/lib/jdk.sh
if ! command -v redis-server >/dev/null 2>&1; then
	echo "note: no redis-server on the PATH; tests use the copy bundled with embedded-redis" >&2
fi
exec ./mvnw -B -ntp verify "$@"
