#!/bin/sh
echo "helloEcho purged" > "$OCTOPODA_OUTPUT"
