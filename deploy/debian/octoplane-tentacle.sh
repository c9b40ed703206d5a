#!/bin/sh
# octoplane-tentacle: the tentacle's command line as the package installs it. Reads
# /etc/octoplane/tentacle.yaml unless --config is given, and runs as the octoplane
# user when started by root, so that `octoplane-tentacle enroll --token ...` leaves a
# certificate and key the service can read.
#
#   octoplane-tentacle enroll --token TOKEN [--name NAME] [--brain-api URL]
#   octoplane-tentacle --help
set -e
# Beside its own folder, so that a tree installed with dpkg --root works as well.
launch="$(dirname "$(readlink -f "$0")")/../share/octoplane/tentacle/launch"
config=yes
for arg in "$@"; do
	case "$arg" in
		--config|--config=*) config=no ;;
	esac
done
if [ "$config" = yes ] && [ -r /etc/octoplane/tentacle.yaml ]; then
	set -- --config /etc/octoplane/tentacle.yaml "$@"
fi
if [ "$(id -u)" -eq 0 ] && getent passwd octoplane >/dev/null 2>&1; then
	cd /var/lib/octoplane/tentacle 2>/dev/null || cd /
	exec setpriv --reuid=octoplane --regid=octoplane --init-groups -- "$launch" "$@"
fi
exec "$launch" "$@"
