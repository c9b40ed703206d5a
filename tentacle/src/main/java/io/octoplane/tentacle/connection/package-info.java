/**
 * The tentacle's side of the control connection: dialling the brain over mutual TLS, the
 * Hello/Welcome handshake, heartbeats with clock sync, dead-link detection and backoff.
 *
 * <h2>Connection states</h2> <pre>
 *  DIALING      TCP connect, TLS 1.3 handshake: the brain's certificate must chain to the
 *     |         configured CA and match the brain's host name; ours carries the node role
 *     |         --Hello--&gt;   &lt;--Welcome(name, interval)-- (or Goodbye: refused)
 *     v
 *  CONNECTED    --Heartbeat(seq, t1, status, rtt, offset)--&gt; every interval
 *     |         &lt;--HeartbeatAck(seq, t1, t2, t3, interval)--  the brain sets the pace;
 *     |              with sparse acks (both announce them) not for every heartbeat
 *     |         &lt;--RunCommand / CancelCommand / ResultAck--    handed to a CommandListener
 *     |         --RenewCertificate(csr)--&gt;  at most once, when the certificate is due
 *     |         &lt;--CertificateRenewed(cert | error)--  handed to the renewal listener
 *     |         --CommandStarted / CommandOutput / CommandResult--&gt;  sent from elsewhere
 *     |  no frame for 3 intervals (4 with sparse acks), I/O error, Goodbye(retry=true)
 *     v
 *  BACKING_OFF  wait Backoff.next() (jittered, reset by each Welcome), then DIALING
 *
 *  Goodbye(retry=false) or Tentacle.close() from any state: STOPPED
 * </pre>
 */
@NullMarked
package io.octoplane.tentacle.connection;

import org.jspecify.annotations.NullMarked;
