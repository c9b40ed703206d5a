#!/usr/bin/env bash
# Installs a tentacle on this host as a systemd service and enrolls it with a join token:
# the key is made here and never leaves the host; the brain signs a certificate for it.
#
#   sudo deploy/install-tentacle.sh --token <join-token> --name pi7 \
#       --brain brain.example.org:3457 --brain-api https://brain.example.org:12345 \
#       --ca ca.pem --jar octoplane-tentacle-*-exec.jar
#
# Get a token with `octl token create --role node --ttl 1h`. Needs root, systemd and a
# Java 21 or newer (--java /path/to/java, else the newest of $JAVA_HOME, `java` on the PATH
# and /usr/lib/jvm/*). --no-start writes everything but does not start the service;
# --root DIR installs under DIR (for packaging and tests).
#
# The jar becomes the stable version of an upgrade home (/var/lib/octoplane/tentacle/upgrade;
# --version V names it, else the jar's file name does) run by octoplane-supervise.sh, a
# shell loop rather than a second JVM, so that `octl upgrade` can try, confirm and roll back
# releases. --release-key FILE is the public key releases must be signed with.
set -euo pipefail

fail() { printf 'install-tentacle: error: %s\n' "$*" >&2; exit 2; }
say() { printf '==> %s\n' "$*" >&2; }

TOKEN="${OCTOPLANE_JOIN_TOKEN:-}" NAME="" BRAIN="" BRAIN_API="" CA="" JAR="" JAVA="" ROOT="" START=yes VERSION=""
RELEASE_KEY=""
while [ $# -gt 0 ]; do
	case "$1" in
		--token) TOKEN="${2:?}"; shift 2 ;;
		--name) NAME="${2:?}"; shift 2 ;;
		--brain) BRAIN="${2:?}"; shift 2 ;;
		--brain-api) BRAIN_API="${2:?}"; shift 2 ;;
		--ca) CA="${2:?}"; shift 2 ;;
		--jar) JAR="${2:?}"; shift 2 ;;
		--java) JAVA="${2:?}"; shift 2 ;;
		--version) VERSION="${2:?}"; shift 2 ;;
		--release-key) RELEASE_KEY="${2:?}"; shift 2 ;;
		--root) ROOT="${2:?}"; shift 2 ;;
		--no-start) START=no; shift ;;
		-h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) fail "unknown option '$1' (see --help)" ;;
	esac
done

[ -n "$TOKEN" ] || fail "--token is required (or \$OCTOPLANE_JOIN_TOKEN): make one with 'octl token create --role node'"
[ -n "$NAME" ] || NAME="$(hostname -s)"
[[ "$NAME" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$ ]] || fail "'$NAME' is not a valid node name"
[ -n "$BRAIN" ] || fail "--brain host:port (the brain's agent port, usually 3457) is required"
[[ "$BRAIN_API" == https://* ]] || fail "--brain-api https://host:port (the brain's REST address) is required"
[ -r "$CA" ] || fail "--ca must name the fleet CA certificate (PEM), readable"
[ -r "$JAR" ] || fail "--jar must name the tentacle exec jar, readable"
[ -n "$VERSION" ] || VERSION="$(basename "$JAR" | sed -n 's/^octoplane-tentacle-\(.*\)-exec\.jar$/\1/p')"
[[ "$VERSION" =~ ^[0-9][0-9A-Za-z.+_-]{0,63}$ ]] || fail "--version V is required when the jar's name carries none"
[ -z "$RELEASE_KEY" ] || [ -r "$RELEASE_KEY" ] || fail "--release-key must name a readable public key (PEM)"
if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
	fail "run as root (it creates a user, /etc/octoplane and a systemd unit)"
fi
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ -z "$JAVA" ]; then
	# The same search as the quick start's, content with a runtime (no javac needed).
	# shellcheck source=deploy/lib/jdk.sh
	if ! OCTOPLANE_JAVA_TOOL=java . "$HERE/lib/jdk.sh" 2>/dev/null; then
		fail "no Java 21 or newer in \$JAVA_HOME, on the PATH or under ${OCTOPLANE_JVM_DIR:-/usr/lib/jvm}; install one (e.g. apt-get install openjdk-21-jre-headless) or pass --java"
	fi
	JAVA="$JAVA_HOME/bin/java"
fi
FEATURE="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${FEATURE:-0}" -ge 21 ] 2>/dev/null || fail "$JAVA is Java ${FEATURE:-unknown}; the tentacle needs 21 or newer"

ETC="$ROOT/etc/octoplane" STATE="$ROOT/var/lib/octoplane/tentacle" OPT="$ROOT/opt/octoplane"
UNIT_DIR="$ROOT/etc/systemd/system"

if [ -z "$ROOT" ] && ! id octoplane >/dev/null 2>&1; then
	say "creating system user octoplane"
	useradd --system --home-dir /var/lib/octoplane --shell /usr/sbin/nologin octoplane
fi
install -d -m 0755 "$ETC" "$OPT" "$UNIT_DIR"
install -d -m 0750 "$STATE" "$STATE/certs" "$STATE/workspace"
install -m 0644 "$JAR" "$OPT/tentacle.jar"
install -m 0755 "$HERE/octoplane-supervise.sh" "$OPT/octoplane-supervise.sh"
install -m 0644 "$CA" "$ETC/ca.pem"
# The upgrade home, as `tentacle upgrade init` makes it; a home with a stable version
# already keeps it and the versions it was upgraded to.
HOME_DIR="$STATE/upgrade"
install -d -m 0750 "$HOME_DIR" "$HOME_DIR/releases"
if [ -s "$HOME_DIR/stable" ]; then
	say "keeping the upgrade home's stable version $(cat "$HOME_DIR/stable"); upgrade with 'octl upgrade'"
else
	install -m 0644 "$JAR" "$HOME_DIR/releases/$VERSION"
	printf '%s\n' "$VERSION" >"$HOME_DIR/stable"
	printf '%s init %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$VERSION" >>"$HOME_DIR/history"
fi
[ -z "$RELEASE_KEY" ] || install -m 0644 "$RELEASE_KEY" "$HOME_DIR/release-key.pub.pem"

say "writing $ETC/tentacle.yaml"
cat >"$ETC/tentacle.yaml" <<YAML
# Written by install-tentacle.sh; deploy/config/tentacle.yaml documents every key.
brain: $BRAIN
cert: /var/lib/octoplane/tentacle/certs/node.pem
key: /var/lib/octoplane/tentacle/certs/node-key.pem
ca: /etc/octoplane/ca.pem
workspace: /var/lib/octoplane/tentacle/workspace
name: $NAME
brainApi: $BRAIN_API
YAML
# The token goes to a root-only file that systemd reads, never onto a command line
# (where `ps` would show it); it is deleted once the node has its certificate.
( umask 077; printf 'OCTOPLANE_JOIN_TOKEN=%s\n' "$TOKEN" >"$ETC/tentacle.env" )
JDK25_OPTS=""
if [ "$FEATURE" -ge 25 ]; then
	JDK25_OPTS=" $(sed -n 's/^# JDK 25 adds: //p' "$HERE/systemd/octoplane-tentacle.service")"
fi
sed -e "s|--java java |--java $JAVA |" -e "s|^\(Environment=\"JAVA_OPTS=.*\)\"$|\1$JDK25_OPTS\"|" \
	"$HERE/systemd/octoplane-tentacle.service" >"$UNIT_DIR/octoplane-tentacle.service"
if [ -z "$ROOT" ]; then
	chown -R octoplane:octoplane "$STATE"
fi

if [ "$START" = no ]; then
	say "installed; start with: systemctl enable --now octoplane-tentacle"
	exit 0
fi
systemctl daemon-reload
systemctl enable --now octoplane-tentacle
say "waiting for $NAME to enroll"
for _ in $(seq 1 60); do
	if [ -s "$STATE/certs/node.pem" ]; then
		rm -f "$ETC/tentacle.env"
		say "enrolled as $NAME; 'octl node get $NAME' shows it"
		exit 0
	fi
	sleep 1
done
fail "no certificate after 60 s; see 'journalctl -u octoplane-tentacle' (expired or used token? wrong --brain-api?)"
