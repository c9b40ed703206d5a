package io.octoplane.protocol.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame sent by the brain to a tentacle. Sealed for an exhaustive switch in the
 * tentacle.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
		@JsonSubTypes.Type(value = HeartbeatAck.class, name = "heartbeat-ack"),
		@JsonSubTypes.Type(value = RunCommand.class, name = "run-command"),
		@JsonSubTypes.Type(value = ResultAck.class, name = "result-ack"),
		@JsonSubTypes.Type(value = CancelCommand.class, name = "cancel-command"),
		@JsonSubTypes.Type(value = CertificateRenewed.class, name = "certificate-renewed"),
		@JsonSubTypes.Type(value = Goodbye.class, name = "goodbye"),
		@JsonSubTypes.Type(value = DataReady.class, name = "data-ready"),
		@JsonSubTypes.Type(value = DataReceived.class, name = "data-received"),
		@JsonSubTypes.Type(value = OpenTunnel.class, name = "open-tunnel") })
public sealed interface BrainMessage permits Welcome, HeartbeatAck, RunCommand, ResultAck, CancelCommand,
		CertificateRenewed, Goodbye, DataReady, DataReceived, OpenTunnel {

}
