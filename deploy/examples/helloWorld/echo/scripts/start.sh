#!/bin/sh
# Order 2: runs after helloPrinter's run.sh (order 1) finished on node1 and node2.
date > started.at
echo "helloEcho started after helloPrinter" > "$OCTOPODA_OUTPUT"
