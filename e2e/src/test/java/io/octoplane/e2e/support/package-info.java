/**
 * Tools for end-to-end tests of several brains, the nameserver, upgrades and the
 * deployment tools: a named set of brains in child JVMs, a nameserver in a child JVM, the
 * upgrade command line run in-process, a throwaway root for Debian packages and a
 * loopback sshd for Ansible.
 */
@NullMarked
package io.octoplane.e2e.support;

import org.jspecify.annotations.NullMarked;
