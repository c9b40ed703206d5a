#!/bin/sh
# Runs in the nodeapp folder ($OCTOPODA_CURRENTDIR), where greeting.conf was copied.
set -e
. ./greeting.conf
echo "prepared $OCTOPODA_APP@$OCTOPODA_SCENARIO on $OCTOPODA_NODENAME" > "$OCTOPODA_OUTPUT"
echo "$greeting" > prepared.txt
