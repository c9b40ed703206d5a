# Sourced by deploy/test.sh and .ci/run: installs, from Debian's packages, the real
# tools the integration tests and the README walk use, where they are missing and
# apt-get can be used (as root, or through sudo). Tools that still cannot be had are
# named: redis-server is required, the others make single tests skip or fail.

octoplane_apt_install() {
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || return 1
		sudo="sudo -n"
	fi
	command -v apt-get >/dev/null 2>&1 || return 1
	if [ -z "${OCTOPLANE_APT_UPDATED:-}" ]; then
		$sudo apt-get update -qq >/dev/null 2>&1 || true
		OCTOPLANE_APT_UPDATED=1
	fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

# octoplane_need COMMAND PACKAGE... WHAT-FAILS-WITHOUT-IT
octoplane_need() {
	local command="$1" why="${*: -1}"
	local packages=("${@:2:$#-2}")
	if [ -x "$command" ] || command -v "$command" >/dev/null 2>&1; then
		return 0
	fi
	echo "installing ${packages[*]} (for $why)" >&2
	octoplane_apt_install "${packages[@]}" || echo "warning: could not install ${packages[*]}: $why" >&2
}

octoplane_need redis-server redis-server "the integration tests, which run a real redis-server"
# promtool (Debian's prometheus package) validates the brain's metrics exposition.
octoplane_need promtool prometheus "MetricsIT's promtool check, which skips without it"
# amtool checks the Alertmanager example that goes with deploy/prometheus/alerts.yaml.
octoplane_need amtool prometheus-alertmanager "AlertRulesTests' Alertmanager check, which skips without it"
octoplane_need git git "the scenario tests, which read nodeapp history with git"
octoplane_need /usr/sbin/sshd openssh-client openssh-server "SshIT, which skips without OpenSSH"
# The Debian packages' test (DebianPackagesIT) checks them with lintian, and the tentacle
# role's test (AnsibleTentacleRoleIT) runs ansible-playbook over a loopback sshd.
octoplane_need lintian lintian "DebianPackagesIT's lintian check, which skips without it"
octoplane_need ansible-playbook ansible-core "AnsibleTentacleRoleIT, which skips without it"
octoplane_need curl curl "the README walk's health and metrics examples"
octoplane_need jq jq "PythonSdkIT's run of the README's curl example"
octoplane_need fish fish "the octl fish completion test, which skips without it"
# The web console's browser test (e2e ConsoleBrowserIT) drives Debian's chromium headless.
octoplane_need chromedriver chromium chromium-driver "ConsoleBrowserIT, which skips without it"
# The Python SDK's tests (e2e PythonSdkIT): a virtual environment the SDK is installed
# into offline, and Debian's pytest, seen through --system-site-packages.
# The IT runs `python3 -m pytest` and `python3 -m venv`: check those, not a command name.
if ! python3 -c 'import pytest' >/dev/null 2>&1; then
	echo "installing python3-pytest (for PythonSdkIT, which runs the Python SDK's tests)" >&2
	octoplane_apt_install python3-pytest || echo "warning: could not install python3-pytest: PythonSdkIT fails without it" >&2
fi
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
	echo "installing python3-venv (for PythonSdkIT, which installs the SDK into a fresh venv)" >&2
	octoplane_apt_install python3-venv || echo "warning: could not install python3-venv: PythonSdkIT fails without it" >&2
fi
if ! command -v redis-server >/dev/null 2>&1; then
	echo "error: no redis-server on the PATH; the tests run a real one (Debian: apt-get install redis-server)" >&2
	exit 1
fi
