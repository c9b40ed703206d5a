/**
 * The brain-tentacle protocol: frames on the single long-lived control connection that a
 * tentacle dials to the brain's agent port.
 *
 * <h2>Transport</h2> TLS 1.3 with mutual authentication. The node's name is the CN of its
 * client certificate, which must carry the node role; nothing a message says about its
 * sender's name is trusted. Each frame is a 4-byte big-endian length {@code n}, then
 * {@code n} bytes: one byte of protocol version followed by one UTF-8 JSON object whose
 * {@code type} member names the message. See
 * {@link io.octoplane.protocol.agent.FrameCodec}.
 *
 * <h2>Connection states</h2> <pre>
 *  tentacle                                   brain
 *  DIALING --TCP+TLS (mTLS, role=node)------> checks chain, role, CN
 *  HELLO   --Hello(version, os, arch,  -----> registers node online under the CN
 *                capabilities, hb wanted)
 *          <--Welcome(name, hb, capabilities, compression)-
 *          (from the next byte on, compressed directions run through one deflate
 *           stream each, flushed per frame; a mode the node did not announce is
 *           never sent: the brain rejects it for the node, saying why)
 *  READY   --Heartbeat(seq, t1, status)-----> stores status, last seen
 *          <----HeartbeatAck(seq, t1, t2, t3)- tentacle computes RTT and clock offset,
 *                                              reports them in its next Heartbeat
 *          <-------------RunCommand(id, ...)-  (again after every reconnect until final)
 *          --CommandStarted(id)-------------->  journalled; id never runs twice
 *          --CommandOutput(id, chunk)-------->  only if asked for, best effort
 *          --CommandResult(id, ...)---------->  kept in the journal until acknowledged;
 *          <---------------ResultAck(id)-----   resent after every reconnect until then
 *          <---------CancelCommand(id, why)--   kill or never start; answered by a result
 *          --RenewCertificate(csr)----------->  before expiry; CN and role from this link
 *          <------CertificateRenewed(pem)----   the tentacle swaps files, uses it next dial
 *
 *  data connection (dialled for a file command, same port, same node certificate):
 *          --DataOpen(token, offset, size)--> token bound to one command and node
 *          <---------------DataReady(size)---  then raw bytes from offset to size (fetch)
 *          --raw bytes (size of them)-------->  or the tentacle sends (send)
 *          <------DataReceived(sha256, size)-  after a send; Goodbye(reason) refuses
 *  gateway uplink (a tentacle with gateway.listen, under its own certificate):
 *          --RelayOpen(peer address)--------> then the bytes of a node's own TLS
 *                                              connection, which the brain terminates
 *                                              and routes as above (gateways stack)
 *  CLOSED  either side closes, or the brain sends Goodbye(reason); the tentacle redials
 *          with jittered exponential backoff. A brain that hears nothing for three
 *          heartbeat intervals marks the node offline.
 * </pre>
 */
@NullMarked
package io.octoplane.protocol.agent;

import org.jspecify.annotations.NullMarked;
