/**
 * Tools for end-to-end tests of the nameserver, of upgrades and of the deployment tools:
 * a nameserver in a child JVM, the upgrade command line run in-process, a throwaway root
 * for Debian packages and a loopback sshd for Ansible.
 */
@NullMarked
package io.octoplane.e2e.support;

import org.jspecify.annotations.NullMarked;
