/**
 * Raw HTTPS requests and hostile inputs for tests that check what a server answers to
 * requests a well-behaved client never sends (bad encodings, malformed bodies, unknown
 * ids), and the check that every refusal is a problem document.
 */
@NullMarked
package io.octoplane.testsupport.http;

import org.jspecify.annotations.NullMarked;
