/**
 * A loopback TCP proxy that a test can cut, to sever the network between a tentacle and
 * its brain.
 */
@NullMarked
package io.octoplane.testsupport.link;

import org.jspecify.annotations.NullMarked;
