/**
 * Scenarios: Octopoda's {@code deployment.yaml} folders of applications, each deployed on
 * some nodes (names, {@code @alias}es of its {@code alias.yaml}, {@code @workgroup}s) as
 * a nodeapp (a git repository on the node). The folder and each application's files
 * travel as blobs over the data connections, as file uploads do. A target's scripts run
 * as nodeapp jobs on the durable command path, in ascending order across applications;
 * prepare and commit record a scenario version, a commit in a JGit repository on the
 * brain that holds the deployment file and every nodeapp's commit. Scenarios belong to
 * the workgroup that applied them, and see only that workgroup's nodes.
 */
@NullMarked
package io.octoplane.brain.scenario;

import org.jspecify.annotations.NullMarked;
