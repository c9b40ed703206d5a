#!/bin/sh
# The nodeapp folder itself is removed by Octoplane after this script.
echo "purging $OCTOPODA_APP from $OCTOPODA_NODENAME" > "$OCTOPODA_OUTPUT"
