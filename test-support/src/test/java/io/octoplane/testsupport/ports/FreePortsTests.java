package io.octoplane.testsupport.ports;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void neverHandsOutAPortTwiceEvenToConcurrentCallers() throws Exception {
		List<Future<Integer>> taken = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 400; i++) {
				taken.add(executor.submit(FreePorts::take));
			}
		}
		Set<Integer> ports = new HashSet<>();
		for (Future<Integer> port : taken) {
			ports.add(port.get());
		}
		assertThat(ports).hasSize(400)
			.allSatisfy((port) -> assertThat(port).isBetween(FreePorts.FIRST, FreePorts.LAST));
	}

	@Test
	void handsOutPortsAServerCanBind() throws Exception {
		int port = FreePorts.take();
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", port));
			assertThat(server.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void skipsAPortSomethingListensOn() throws Exception {
		// Whatever port comes next is taken by a listener first, so take() must move on.
		int before = FreePorts.take();
		int next = (before == FreePorts.LAST) ? FreePorts.FIRST : before + 1;
		try (ServerSocket busy = new ServerSocket()) {
			try {
				busy.bind(new InetSocketAddress(next));
			}
			catch (BindException ex) {
				// Another process listens there already:
				// the case under test all the same.
			}
			assertThat(FreePorts.take()).isNotEqualTo(next);
		}
	}

}
