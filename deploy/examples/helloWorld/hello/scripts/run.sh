#!/bin/sh
set -e
. ./greeting.conf
echo "$greeting, world, from $OCTOPODA_NODENAME" > greeting.txt
cat greeting.txt > "$OCTOPODA_OUTPUT"
echo "run.sh finished"
