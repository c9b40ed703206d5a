package io.octoplane.brain.agent;

/**
 * Who is on the other end of a connection, as its certificate says.
 *
 * @param name the node's name, the CN of its certificate
 * @param certificateSerial hex serial of that certificate
 */
record NodeIdentity(String name, String certificateSerial) {

}
