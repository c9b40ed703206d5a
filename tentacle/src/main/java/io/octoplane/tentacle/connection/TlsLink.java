package io.octoplane.tentacle.connection;

import java.net.Socket;

import javax.net.ssl.SSLSocket;

/**
 * A TLS socket and the TCP socket under it. Closing the TCP socket never blocks, unlike
 * closing the TLS socket, which sends close_notify and can hang on a peer that stopped
 * reading; a dead link must always be closable.
 */
record TlsLink(SSLSocket tls, Socket tcp) {

}
