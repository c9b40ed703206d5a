#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then integration tests against real
# redis-server, TLS, brain, tentacles and octl. Installs the tools the tests use from
# Debian's packages where they are missing. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/lib/jdk.sh
. deploy/lib/jdk.sh
# shellcheck source=deploy/lib/test-tools.sh
. deploy/lib/test-tools.sh
exec ./mvnw -B -ntp verify "$@"
