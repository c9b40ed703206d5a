#!/bin/sh
# A custom target: octl scen apply deploy/examples/helloWorld status
if [ -f greeting.txt ]; then cat greeting.txt > "$OCTOPODA_OUTPUT"; else echo "not running" > "$OCTOPODA_OUTPUT"; fi
