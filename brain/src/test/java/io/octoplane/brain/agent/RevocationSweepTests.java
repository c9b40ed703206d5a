package io.octoplane.brain.agent;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep asks about sessions only when something was revoked since they were checked,
 * and a session whose handshake check raced a revocation is still caught.
 */
class RevocationSweepTests {

	private final Revocations revocations = new Revocations();

	private final RevocationSweep sweep = new RevocationSweep(this.revocations);

	@Test
	void whileNothingIsRevokedASweepOnlyReadsTheMark() {
		List<Session> sessions = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			sessions.add(handshake("n" + i, "a" + i));
		}
		this.sweep.sweep(sessions);
		this.sweep.sweep(sessions);
		assertThat(this.revocations.questions).isZero();
		assertThat(sessions).noneMatch(Session::closed);
	}

	@Test
	void aRevocationClosesTheSessionItConcernsAndOnlyIt() {
		Session revoked = handshake("n1", "a1");
		Session kept = handshake("n2", "a2");
		this.revocations.revoke("a1");
		this.sweep.sweep(List.of(revoked, kept));
		assertThat(revoked.closed()).isTrue();
		assertThat(kept.closed()).isFalse();
		assertThat(this.revocations.questions).isOne();
		this.sweep.sweep(List.of(kept));
		assertThat(this.revocations.questions).isOne();
	}

	@Test
	void aSessionCheckedBeforeARevocationButRegisteredAfterItsSweepIsStillClosed() {
		Session early = handshake("n0", "a0");
		// The handshake of n1 finds its certificate not revoked...
		Session racing = handshake("n1", "a1");
		// ...then it is revoked before the session is registered...
		this.revocations.revoke("a1");
		// ...and a sweep runs without it.
		this.sweep.sweep(List.of(early));
		assertThat(racing.closed()).isFalse();
		this.sweep.sweep(List.of(early, racing));
		assertThat(racing.closed()).isTrue();
		assertThat(early.closed()).isFalse();
	}

	@Test
	void aRevocationBetweenReadingTheMarkAndAskingIsAskedAboutAgain() {
		Session session = handshake("n1", "a1");
		this.revocations.revoke("other");
		// The revocation of a1 lands after the sweep read the mark, before it asks.
		this.revocations.beforeAnswer = () -> this.revocations.revoke("a1");
		this.sweep.sweep(List.of(session));
		this.revocations.beforeAnswer = null;
		// Whether that sweep saw it or not, the next one asks again.
		this.sweep.sweep(List.of(session));
		assertThat(session.closed()).isTrue();
	}

	@Test
	void aNodeBehindAGatewayIsCheckedByTheFirstSweepAndClosedWithItsGateway() {
		RevokedCertificates.Check gateway = this.revocations.check(new BigInteger("bb", 16));
		NodeIdentity node = new NodeIdentity("n1", "a1", List.of(),
				this.revocations.check(new BigInteger("a1", 16)).mark())
			.behind(List.of(new NodeIdentity("gw", "bb", List.of(), gateway.mark())));
		Session relayed = new Session(node.name(), List.of("a1", "bb"), node.revocationsChecked());
		assertThat(relayed.checked).isEqualTo(RevocationMark.NEVER);
		this.sweep.sweep(List.of(relayed));
		assertThat(this.revocations.questions).isOne();
		this.revocations.revoke("bb");
		this.sweep.sweep(List.of(relayed));
		assertThat(relayed.closed()).isTrue();
	}

	@Test
	void aFailedQuestionLeavesTheSessionsToTheNextSweep() {
		Session session = handshake("n1", "a1");
		this.revocations.revoke("a1");
		this.revocations.beforeAnswer = () -> {
			throw new IllegalStateException("redis away");
		};
		try {
			this.sweep.sweep(List.of(session));
		}
		catch (IllegalStateException ex) {
			// The server logs it and sweeps again.
		}
		this.revocations.beforeAnswer = null;
		this.sweep.sweep(List.of(session));
		assertThat(session.closed()).isTrue();
	}

	private Session handshake(String name, String serial) {
		RevokedCertificates.Check check = this.revocations.check(new BigInteger(serial, 16));
		assertThat(check.revoked()).isFalse();
		return new Session(name, List.of(serial), check.mark());
	}

	/** Revocations kept in memory, with the store's ordering: mark, then answer. */
	private static final class Revocations implements RevokedCertificates {

		private final Set<String> serials = new HashSet<>();

		private long generation;

		int questions;

		@Nullable Runnable beforeAnswer;

		void revoke(String serial) {
			this.serials.add(serial);
			this.generation++;
		}

		@Override
		public Check check(BigInteger serial) {
			RevocationMark mark = mark();
			return new Check(this.serials.contains(serial.toString(16)), mark);
		}

		@Override
		public RevocationMark mark() {
			return new RevocationMark(this.generation, this.serials.size());
		}

		@Override
		public Set<String> revokedAmong(Collection<String> asked) {
			this.questions++;
			if (this.beforeAnswer != null) {
				this.beforeAnswer.run();
			}
			Set<String> revoked = new HashSet<>(asked);
			revoked.retainAll(this.serials);
			return revoked;
		}

	}

	private static final class Session implements RevocationSweep.Swept {

		private final String name;

		private final List<String> serials;

		private RevocationMark checked;

		private boolean closed;

		Session(String name, List<String> serials, RevocationMark checked) {
			this.name = name;
			this.serials = serials;
			this.checked = checked;
		}

		boolean closed() {
			return this.closed;
		}

		@Override
		public String nodeName() {
			return this.name;
		}

		@Override
		public List<String> certificateSerials() {
			return this.serials;
		}

		@Override
		public RevocationMark revocationsChecked() {
			return this.checked;
		}

		@Override
		public void revocationsChecked(RevocationMark mark) {
			this.checked = mark;
		}

		@Override
		public void close(String reason, boolean retry) {
			this.closed = true;
		}

	}

}
