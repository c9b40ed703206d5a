/**
 * Running commands on nodes: validates a request, sends it to every target's session and
 * gathers one result per target, telling communication failures from process failures.
 */
@NullMarked
package io.octoplane.brain.command;

import org.jspecify.annotations.NullMarked;
