/**
 * Who the brain is: name, version and address, for clients that check what they talk to.
 */
@NullMarked
package io.octoplane.brain.info;

import org.jspecify.annotations.NullMarked;
