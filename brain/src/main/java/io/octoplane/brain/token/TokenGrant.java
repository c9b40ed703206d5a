package io.octoplane.brain.token;

/**
 * What a valid token allows.
 *
 * @param id the token's id (safe to log and audit)
 * @param role {@code operator} or {@code node}
 * @param workgroup the workgroup it acts in or enrolls into
 */
public record TokenGrant(String id, String role, String workgroup) {

}
