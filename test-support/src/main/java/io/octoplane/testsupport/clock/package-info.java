/**
 * A clock tests move by hand.
 */
@NullMarked
package io.octoplane.testsupport.clock;

import org.jspecify.annotations.NullMarked;
