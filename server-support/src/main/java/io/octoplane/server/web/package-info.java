/**
 * The single error model of the brain's and the nameserver's HTTP APIs: every failure,
 * from a feature, from Spring MVC or from Tomcat before Spring sees the request, is an
 * RFC 9457 problem document whose {@code code} member is an
 * {@link io.octoplane.protocol.ErrorCode} slug.
 */
@NullMarked
package io.octoplane.server.web;

import org.jspecify.annotations.NullMarked;
