# Sourced by the deploy scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Looks at $JAVA_HOME, then `javac` on the PATH, then /usr/lib/jvm/*; fails with a clear
# message when none is new enough. Set OCTOPLANE_JAVA_TOOL=java before sourcing to accept
# a runtime without javac (all a tentacle needs); OCTOPLANE_JVM_DIR replaces /usr/lib/jvm.

octoplane_java_major() {
	"$1/bin/java" -XshowSettings:properties -version 2>&1 |
		sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

octoplane_find_jdk() {
	local tool="${OCTOPLANE_JAVA_TOOL:-javac}"
	# An explicit JAVA_HOME that is new enough wins.
	if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$tool" ]; then
		local chosen
		chosen="$(octoplane_java_major "$JAVA_HOME")"
		if [ -n "$chosen" ] && [ "$chosen" -ge 21 ]; then
			export PATH="$JAVA_HOME/bin:$PATH"
			return 0
		fi
	fi
	local candidates=()
	[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
	if command -v "$tool" >/dev/null 2>&1; then
		candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v "$tool")")")")")
	fi
	local dir
	for dir in "${OCTOPLANE_JVM_DIR:-/usr/lib/jvm}"/*; do
		[ -d "$dir" ] && candidates+=("$dir")
	done
	local best="" best_major=0 major
	for dir in "${candidates[@]}"; do
		[ -x "$dir/bin/$tool" ] || continue
		major="$(octoplane_java_major "$dir")"
		[ -n "$major" ] || continue
		if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
			best="$dir"
			best_major="$major"
		fi
	done
	if [ -z "$best" ]; then
		echo "error: Octoplane needs a JDK 21 or newer and found none (looked at JAVA_HOME, $tool on the PATH and ${OCTOPLANE_JVM_DIR:-/usr/lib/jvm})." >&2
		echo "       Install one, e.g. 'apt-get install openjdk-21-jdk-headless' (or Temurin 21+), or set JAVA_HOME." >&2
		return 1
	fi
	export JAVA_HOME="$best"
	export PATH="$JAVA_HOME/bin:$PATH"
}

octoplane_find_jdk
