/**
 * A stub of the brain's REST API over real HTTPS, with canned answers and event streams,
 * for testing clients (the SDK, octl) without a brain.
 */
@NullMarked
package io.octoplane.testsupport.api;

import org.jspecify.annotations.NullMarked;
