/**
 * The benchmark suite's command line, {@code bench}: each subcommand starts what it
 * measures (Redis, a brain, simulated nodes, an operator client), measures, prints a
 * small table and one JSON line, and stops everything again. Benchmarks are run by hand,
 * never timed in CI; docs/benchmarks.md keeps their figures with the command behind each.
 */
@NullMarked
package io.octoplane.bench;

import org.jspecify.annotations.NullMarked;
