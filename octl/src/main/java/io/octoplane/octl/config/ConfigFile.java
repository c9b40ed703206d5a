package io.octoplane.octl.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The octl config file as written, before defaults, environment overrides and path
 * resolution. Every member is optional here; {@link OctlConfig} decides what is required.
 * {@code toString()} never shows the password or token.
 */
record ConfigFile(@Nullable String brain, @Nullable String cert, @Nullable String key, @Nullable String ca,
		@Nullable String timeout, @Nullable String workgroup, @Nullable String user, @Nullable String password,
		@JsonProperty("passwordFile") @Nullable String passwordFile, @Nullable String token,
		@JsonProperty("tokenFile") @Nullable String tokenFile,
		@JsonProperty("scenarioRemote") @Nullable String scenarioRemote, @Nullable String nameserver,
		@JsonProperty("brainName") @Nullable String brainName) {

	static final String KEYS = "brain, cert, key, ca, timeout, workgroup, user, password, passwordFile, token, tokenFile, "
			+ "scenarioRemote, nameserver, brainName";

	static ConfigFile empty() {
		return new ConfigFile(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	@Override
	public String toString() {
		return "ConfigFile[brain=" + this.brain + ", cert=" + this.cert + ", key=" + this.key + ", ca=" + this.ca
				+ ", timeout=" + this.timeout + ", workgroup=" + this.workgroup + ", user=" + this.user + ", password="
				+ ((this.password != null) ? "(hidden)" : null) + ", passwordFile=" + this.passwordFile + ", token="
				+ ((this.token != null) ? "(hidden)" : null) + ", tokenFile=" + this.tokenFile + ", nameserver="
				+ this.nameserver + ", brainName=" + this.brainName + "]";
	}

}
