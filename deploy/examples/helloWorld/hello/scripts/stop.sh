#!/bin/sh
rm -f greeting.txt
echo "stopped on $OCTOPODA_NODENAME" > "$OCTOPODA_OUTPUT"
