#!/bin/sh
echo "helloEcho ready on $OCTOPODA_NODENAME" > "$OCTOPODA_OUTPUT"
