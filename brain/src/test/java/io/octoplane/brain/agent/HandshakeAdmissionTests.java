package io.octoplane.brain.agent;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandshakeAdmissionTests {

	@Test
	void turnsUpToTheLimitAreGivenAtOnce() throws Exception {
		HandshakeAdmission admission = new HandshakeAdmission(2, 0);
		assertThat(admission.enter(Duration.ZERO)).isNotNull();
		assertThat(admission.enter(Duration.ZERO)).isNotNull();
		assertThat(admission.running()).isEqualTo(2);
	}

	@Test
	void connectionBeyondAFullQueueIsRefusedWithoutWaiting() throws Exception {
		HandshakeAdmission admission = new HandshakeAdmission(1, 0);
		admission.enter(Duration.ZERO);
		long started = System.nanoTime();
		assertThat(admission.enter(Duration.ofMinutes(1))).isNull();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
		assertThat(admission.waiting()).isZero();
	}

	@Test
	void waitEndsEmptyHandedAtItsDeadline() throws Exception {
		HandshakeAdmission admission = new HandshakeAdmission(1, 5);
		admission.enter(Duration.ZERO);
		assertThat(admission.enter(Duration.ofMillis(50))).isNull();
		assertThat(admission.waiting()).isZero();
	}

	@Test
	void releasedTurnGoesToTheNextConnection() throws Exception {
		HandshakeAdmission admission = new HandshakeAdmission(1, 5);
		HandshakeAdmission.Turn first = admission.enter(Duration.ZERO);
		assertThat(first).isNotNull();
		first.release();
		assertThat(admission.enter(Duration.ZERO)).isNotNull();
	}

	@Test
	void releasingATurnTwiceReleasesItOnce() throws Exception {
		HandshakeAdmission admission = new HandshakeAdmission(1, 5);
		HandshakeAdmission.Turn first = admission.enter(Duration.ZERO);
		assertThat(first).isNotNull();
		first.release();
		first.release();
		assertThat(admission.enter(Duration.ZERO)).isNotNull();
		assertThat(admission.enter(Duration.ZERO)).isNull();
	}

	@Test
	void limitsMustBeSensible() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HandshakeAdmission(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new HandshakeAdmission(1, -1));
	}

}
