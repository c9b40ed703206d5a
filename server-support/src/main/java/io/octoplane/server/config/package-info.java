/**
 * How a server reads its settings: one duration grammar for every Octoplane part, with
 * bare numbers refused so that no setting silently means milliseconds.
 */
@NullMarked
package io.octoplane.server.config;

import org.jspecify.annotations.NullMarked;
