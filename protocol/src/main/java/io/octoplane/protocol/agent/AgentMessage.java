package io.octoplane.protocol.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame sent by a tentacle to the brain. The family is sealed so the brain's dispatcher
 * is an exhaustive switch: adding a message breaks the build until it is handled.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Hello.class, name = "hello"),
		@JsonSubTypes.Type(value = Heartbeat.class, name = "heartbeat"),
		@JsonSubTypes.Type(value = CommandStarted.class, name = "command-started"),
		@JsonSubTypes.Type(value = CommandOutput.class, name = "command-output"),
		@JsonSubTypes.Type(value = CommandResult.class, name = "command-result"),
		@JsonSubTypes.Type(value = RenewCertificate.class, name = "renew-certificate"),
		@JsonSubTypes.Type(value = DataOpen.class, name = "data-open"),
		@JsonSubTypes.Type(value = TunnelAttach.class, name = "tunnel-attach"),
		@JsonSubTypes.Type(value = Facts.class, name = "facts"),
		@JsonSubTypes.Type(value = RelayOpen.class, name = "relay-open") })
public sealed interface AgentMessage permits Hello, Heartbeat, CommandStarted, CommandOutput, CommandResult,
		RenewCertificate, DataOpen, TunnelAttach, Facts, RelayOpen {

}
