package io.octoplane.testsupport.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in containers, for {@link RedisMode#CONTAINER}: one server, or a three-master
 * Redis Cluster in one container. Each Redis port is published on the host's 127.0.0.1
 * under the same number the caller reserved, so that the port stays the same across a
 * stop and start, and cluster nodes can announce 127.0.0.1 and their own port to clients
 * on the host. The image is the one deploy/docker/compose.yaml runs.
 */
public final class RedisContainers {

	/** The Redis image, pinned to a patch release as in deploy/docker/compose.yaml. */
	public static final String IMAGE = "redis:7.4.6";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final String CLUSTER_READY = "octoplane cluster ready";

	private static final int FIRST_BUS_PORT = 16379;

	private RedisContainers() {
	}

	/**
	 * Starts one Redis server with an append-only file, published on 127.0.0.1:port.
	 * @param port the host port, reserved by the caller
	 * @return the running container
	 */
	static GenericContainer<?> server(int port) {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
			.withCommand("redis-server", "--port", Integer.toString(port), "--appendonly", "yes")
			.withCreateContainerCmdModifier((cmd) -> publish(cmd, List.of(port)))
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1))
			.withStartupTimeout(START_TIMEOUT);
		container.start();
		return container;
	}

	/**
	 * Starts three cluster-enabled Redis servers in one container and joins them into a
	 * cluster of three masters, each published on 127.0.0.1 under its own port.
	 * @param ports the three host ports, reserved by the caller
	 * @return the running container, once the cluster state is ok
	 */
	static GenericContainer<?> cluster(List<Integer> ports) {
		List<String> script = new ArrayList<>(List.of("set -e"));
		for (int i = 0; i < ports.size(); i++) {
			int port = ports.get(i);
			// The bus ports live inside the container only; 127.0.0.1 is what clients on
			// the host reach, through the published port of the same number.
			script.add("mkdir -p /data/" + port + " && redis-server --port " + port + " --cluster-enabled yes"
					+ " --cluster-config-file nodes.conf --cluster-node-timeout 5000 --cluster-port "
					+ (FIRST_BUS_PORT + i) + " --cluster-announce-ip 127.0.0.1 --dir /data/" + port
					+ " --appendonly yes --daemonize yes --logfile /data/" + port + "/redis.log");
			script.add("for i in $(seq 1 200); do redis-cli -p " + port
					+ " ping 2>/dev/null | grep -q PONG && break; sleep 0.05; done");
		}
		script.add("redis-cli --cluster create "
				+ ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(" "))
				+ " --cluster-replicas 0 --cluster-yes");
		script.add("for i in $(seq 1 200); do redis-cli -p " + ports.get(0)
				+ " cluster info | grep -q cluster_state:ok && break; sleep 0.05; done");
		script.add("echo " + CLUSTER_READY);
		// The servers are daemons: the container lives as long as this.
		script.add("exec sleep infinity");
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
			.withCommand("sh", "-c", String.join("\n", script))
			.withCreateContainerCmdModifier((cmd) -> publish(cmd, ports))
			.waitingFor(Wait.forLogMessage(".*" + CLUSTER_READY + ".*\\n", 1))
			.withStartupTimeout(START_TIMEOUT);
		container.start();
		return container;
	}

	/**
	 * Stops a container as {@code docker stop} does (SIGTERM: Redis flushes its
	 * append-only file), keeping it and its data for {@link #restart}.
	 * @param container the running container
	 */
	static void stop(GenericContainer<?> container) {
		container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
	}

	/**
	 * Starts a stopped container again and waits until Redis answers on the host port.
	 * @param container the stopped container
	 * @param port its published port
	 * @throws IllegalStateException if Redis does not answer within a minute
	 */
	static void restart(GenericContainer<?> container, int port) {
		container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			if (answersPing(port)) {
				return;
			}
			try {
				Thread.sleep(POLL_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("Redis in container " + container.getContainerId() + " did not answer on "
				+ "127.0.0.1:" + port + " within " + START_TIMEOUT + " of its restart");
	}

	private static boolean answersPing(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void publish(CreateContainerCmd cmd, List<Integer> ports) {
		List<ExposedPort> exposed = ports.stream().map(ExposedPort::tcp).toList();
		Ports bindings = new Ports();
		exposed.forEach((port) -> bindings.bind(port, Ports.Binding.bindIpAndPort("127.0.0.1", port.getPort())));
		HostConfig hostConfig = (cmd.getHostConfig() != null) ? cmd.getHostConfig() : HostConfig.newHostConfig();
		cmd.withExposedPorts(exposed).withHostConfig(hostConfig.withPortBindings(bindings));
	}

}
