/**
 * File distribution: the content-addressed blob store on the brain's disk, the REST API
 * that streams blobs in and out, file jobs (install a blob on nodes, bring a node's file
 * into the store, list a node's folder) on the durable command path, and the data
 * connections on which tentacles move the bytes, bound to one job by a one-time token.
 */
@NullMarked
package io.octoplane.brain.file;

import org.jspecify.annotations.NullMarked;
