#!/bin/sh
# The compose fleet's certificates, minted once: a CA, the brain's and the nameserver's
# server certificates, node1's certificate and an operator certificate (admin) for octl.
# Servers get theirs (and the CA key, which the brain needs to enroll nodes) in
# $SERVER_DIR; the tentacle gets only its own in $NODE_DIR, where it may renew them.
# A later start finds the .complete mark and keeps what exists.
set -eu

SERVER_DIR="${SERVER_DIR:-/var/lib/octoplane/certs}"
NODE_DIR="${NODE_DIR:-/var/lib/octoplane/tentacle-certs}"
NODE="${OCTOPLANE_NODE:-node1}"

certs() {
	java -XX:TieredStopAtLevel=1 -jar /opt/octoplane/certs.jar "$@"
}

if [ -e "$SERVER_DIR/.complete" ] && [ -e "$NODE_DIR/.complete" ]; then
	echo "certificates exist in $SERVER_DIR and $NODE_DIR; keeping them"
	exit 0
fi
# An earlier start that stopped half-way left files without the mark: replace them.
certs ca --out "$SERVER_DIR" --force
certs server brain --role brain --san brain --san localhost --san 127.0.0.1 --ca-dir "$SERVER_DIR" --out "$SERVER_DIR" --force
certs server nameserver --role nameserver --san nameserver --san localhost --ca-dir "$SERVER_DIR" --out "$SERVER_DIR" --force
certs client admin --ca-dir "$SERVER_DIR" --out "$SERVER_DIR" --force
certs node "$NODE" --ca-dir "$SERVER_DIR" --out "$NODE_DIR" --force
cp "$SERVER_DIR/ca.pem" "$NODE_DIR/ca.pem"
touch "$SERVER_DIR/.complete" "$NODE_DIR/.complete"
echo "minted the CA and certificates for brain, nameserver, $NODE and admin"
