/**
 * Checks of deploy/docker without a Docker engine: the Dockerfiles, compose.yaml and
 * .dockerignore read as text and held to the rules the images promise (non-root, health
 * checks, pinned tags, heaps that follow the memory limit), and the health probe script
 * run against loopback servers.
 */
@NullMarked
package io.octoplane.e2e.images;

import org.jspecify.annotations.NullMarked;
