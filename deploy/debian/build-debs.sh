#!/usr/bin/env bash
# Builds the Debian packages octoplane-brain, octoplane-nameserver, octoplane-tentacle and
# octoplane-octl with dpkg-deb from the jars Maven built (run `./mvnw -pl brain,nameserver,
# tentacle,octl -am package` first).
#
#   deploy/debian/build-debs.sh [--out DIR] [PART...] [VERSION]
#
# PART is brain, nameserver, tentacle or octl (default: all four).
# VERSION defaults to the project's version; Maven's -SNAPSHOT becomes ~SNAPSHOT so that
# the release sorts after it. The packages land in DIR (default target/debian).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
TOP="$(cd "$HERE/../.." && pwd)"
OUT="$TOP/target/debian"
VERSION=""
PARTS=""
while [ $# -gt 0 ]; do
	case "$1" in
		--out) OUT="${2:?}"; shift 2 ;;
		brain|nameserver|tentacle|octl) PARTS="$PARTS $1"; shift ;;
		-h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) VERSION="$1"; shift ;;
	esac
done
fail() { printf 'build-debs: error: %s\n' "$*" >&2; exit 2; }
if [ -z "$VERSION" ]; then
	VERSION="$(sed -n '/<artifactId>octoplane<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' "$TOP/pom.xml")"
fi
MAVEN_VERSION="$VERSION"
DEB_VERSION="${VERSION//-/\~}"
[[ "$DEB_VERSION" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || fail "'$VERSION' is not a usable version"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is missing (Debian's dpkg package)"

# Debian 13 and Ubuntu 24.04 name Java 21 openjdk-21; Debian 12 has none, where Temurin's
# packages (java21-runtime-headless) or default-jre-headless from backports serve.
JRE='default-jre-headless (>= 2:1.21) | openjdk-21-jre-headless | openjdk-25-jre-headless | java21-runtime-headless'
MAINTAINER="Octoplane maintainers <octoplane@example.org>"
HOMEPAGE="https://github.com/octoplane/octoplane"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

jar_of() {
	local jar
	jar="$(ls "$TOP/$1/target/$2" 2>/dev/null | head -n 1)"
	[ -n "$jar" ] || fail "no $TOP/$1/target/$2; build it first with ./mvnw -pl $1 -am package"
	echo "$jar"
}

# fill TEMPLATE PART PACKAGE SERVICE ARGS NAME > FILE
fill() {
	sed -e "s|@PART@|$2|g" -e "s|@PACKAGE@|$3|g" -e "s|@SERVICE@|$4|g" -e "s|@ARGS@|$5|g" -e "s|@NAME@|$6|g" "$1"
}

# The units of deploy/systemd, with the packaged paths; the tentacle runs its jar
# directly: apt upgrades it, not octoplane-supervise.sh's upgrade home.
unit() {
	local part="$1" start="$2"
	printf '# As the octoplane-%s package installs it (from deploy/systemd in the sources).\n' "$part"
	sed -e "s|^ExecStart=.*|ExecStart=$start|" \
		-e "s|/opt/octoplane/$part.jar|/usr/share/octoplane/$part/$part.jar|g" \
		"$TOP/deploy/systemd/octoplane-$part.service"
}

docs() {
	local pkg="$1" root="$2"
	install -d -m 0755 "$root/usr/share/doc/$pkg"
	install -m 0644 "$HERE/copyright" "$root/usr/share/doc/$pkg/copyright"
	printf '%s (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' "$pkg" "$DEB_VERSION" \
		"$MAVEN_VERSION" "$MAINTAINER" "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")" |
		gzip -9n >"$root/usr/share/doc/$pkg/changelog.gz"
	chmod 0644 "$root/usr/share/doc/$pkg/changelog.gz"
	if [ -r "$HERE/lintian/$pkg" ]; then
		install -d -m 0755 "$root/usr/share/lintian/overrides"
		install -m 0644 "$HERE/lintian/$pkg" "$root/usr/share/lintian/overrides/$pkg"
	fi
}

# control PACKAGE ROOT DESCRIPTION EXTENDED
control() {
	local pkg="$1" root="$2" size
	size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
	cat >"$root/DEBIAN/control" <<CONTROL
Package: $pkg
Version: $DEB_VERSION
Architecture: all
Maintainer: $MAINTAINER
Installed-Size: $size
Depends: $JRE${DEPENDS_EXTRA:-}
Section: admin
Priority: optional
Homepage: $HOMEPAGE
Description: $3
$4
CONTROL
}

scripts() {
	local part="$1" pkg="$2" service="$3" root="$4" script
	for script in postinst prerm postrm; do
		fill "$HERE/$script" "$part" "$pkg" "$service" "" "$pkg" >"$root/DEBIAN/$script"
		chmod 0755 "$root/DEBIAN/$script"
	done
}

build() {
	local pkg="$1" root="$2"
	find "$root" -type d -exec chmod 0755 {} +
	dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$OUT/${pkg}_${DEB_VERSION}_all.deb" >/dev/null
	echo "$OUT/${pkg}_${DEB_VERSION}_all.deb"
}

# service PART DESCRIPTION EXTENDED CONFIG START_ARGS
service() {
	local part="$1" pkg="octoplane-$1" root="$WORK/octoplane-$1" jar
	jar="$(jar_of "$part" "octoplane-$part-$MAVEN_VERSION-exec.jar")"
	install -d -m 0755 "$root/DEBIAN" "$root/usr/share/octoplane/$part" "$root/etc/octoplane" "$root/lib/systemd/system"
	install -m 0644 "$jar" "$root/usr/share/octoplane/$part/$part.jar"
	fill "$HERE/java-launcher.sh" "$part" "$pkg" yes "-jar \"\$here/$part.jar\"" "$pkg" \
		>"$root/usr/share/octoplane/$part/launch"
	chmod 0755 "$root/usr/share/octoplane/$part/launch"
	install -m 0644 "$4" "$root/etc/octoplane/$part.yaml"
	unit "$part" "/usr/share/octoplane/$part/launch $5" >"$root/lib/systemd/system/octoplane-$part.service"
	chmod 0644 "$root/lib/systemd/system/octoplane-$part.service"
	echo "/etc/octoplane/$part.yaml" >"$root/DEBIAN/conffiles"
	scripts "$part" "$pkg" yes "$root"
	docs "$pkg" "$root"
	if [ "$part" = tentacle ]; then
		install -d -m 0755 "$root/usr/bin"
		install -m 0755 "$HERE/octoplane-tentacle.sh" "$root/usr/bin/octoplane-tentacle"
	fi
	DEPENDS_EXTRA="${DEPENDS_EXTRA:-}" control "$pkg" "$root" "$2" "$3"
	build "$pkg" "$root"
}

# The tentacle's sample config with the package's absolute paths for its identity.
TENTACLE_YAML="$WORK/tentacle.yaml"
sed -e 's|^cert: certs/node.pem  |cert: /var/lib/octoplane/tentacle/certs/node.pem|' \
	-e 's|^key: certs/node-key.pem  |key: /var/lib/octoplane/tentacle/certs/node-key.pem|' \
	-e 's|^ca: certs/ca.pem  |ca: /etc/octoplane/ca.pem|' \
	"$TOP/deploy/config/tentacle.yaml" >"$TENTACLE_YAML"

wanted() { [ -z "$PARTS" ] || [[ " $PARTS " == *" $1 "* ]]; }

wanted brain && service brain "Octoplane brain: fleet control plane" \
" The brain of an Octoplane fleet: REST API and the mutual-TLS endpoint its
 tentacles dial, on Redis. Configure /etc/octoplane/brain.yaml and its
 certificates, then: systemctl start octoplane-brain." \
	"$TOP/deploy/config/brain.yaml" "--spring.config.additional-location=file:/etc/octoplane/brain.yaml"
wanted nameserver && service nameserver "Octoplane nameserver: brain discovery" \
" Tells tentacles and octl where an Octoplane brain is. Configure
 /etc/octoplane/nameserver.yaml, then: systemctl start octoplane-nameserver." \
	"$TOP/deploy/config/nameserver.yaml" "--spring.config.additional-location=file:/etc/octoplane/nameserver.yaml"
wanted tentacle && service tentacle "Octoplane tentacle: node agent" \
" The agent of an Octoplane fleet node: dials the brain over mutual TLS and
 runs what it is asked to. Set the brain in /etc/octoplane/tentacle.yaml,
 put the fleet CA in /etc/octoplane/ca.pem, enroll with
 'octoplane-tentacle enroll --token TOKEN', then: systemctl start
 octoplane-tentacle." \
	"$TENTACLE_YAML" "--config /etc/octoplane/tentacle.yaml"

wanted octl || exit 0
# octl: its thin jar and the dependencies beside it, as a class path.
root="$WORK/octoplane-octl"
install -d -m 0755 "$root/DEBIAN" "$root/usr/share/octoplane/octl/lib" "$root/usr/bin" \
	"$root/usr/share/doc/octoplane-octl/examples"
install -m 0644 "$(jar_of octl "octoplane-octl-$MAVEN_VERSION.jar")" "$root/usr/share/octoplane/octl/octl.jar"
install -m 0644 "$TOP"/octl/target/lib/*.jar "$root/usr/share/octoplane/octl/lib/"
fill "$HERE/java-launcher.sh" octl octoplane-octl no \
	"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp \"\$here/../share/octoplane/octl/octl.jar:\$here/../share/octoplane/octl/lib/*\" io.octoplane.octl.Octl" \
	octl >"$root/usr/bin/octl"
chmod 0755 "$root/usr/bin/octl"
install -m 0644 "$TOP/deploy/config/octl.yaml" "$root/usr/share/doc/octoplane-octl/examples/octl.yaml"
# No maintainer scripts: octl needs no user, data or service.
docs octoplane-octl "$root"
control octoplane-octl "$root" "Octoplane command line (octl)" \
" octl drives an Octoplane fleet through the brain's REST API: nodes,
 commands, files, scenarios, workgroups. Its config is per user
 (~/.config/octl/octl.yaml); a sample is in
 /usr/share/doc/octoplane-octl/examples."
build octoplane-octl "$root"
