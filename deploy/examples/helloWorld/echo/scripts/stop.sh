#!/bin/sh
rm -f started.at
echo "helloEcho stopped" > "$OCTOPODA_OUTPUT"
