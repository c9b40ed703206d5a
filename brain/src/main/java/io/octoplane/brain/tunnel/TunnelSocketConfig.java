package io.octoplane.brain.tunnel;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.TunnelStream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The tunnel WebSocket endpoint. It sits behind the same authentication filter as the
 * REST API; the handshake then checks that the tunnel is the caller's. Only a brain that
 * serves the web needs it: the admin commands run without a servlet container, where the
 * WebSocket container cannot be made.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableWebSocket
class TunnelSocketConfig implements WebSocketConfigurer {

	private final TunnelSocketHandler handler;

	private final TunnelHandshake handshake;

	TunnelSocketConfig(TunnelSocketHandler handler, TunnelHandshake handshake) {
		this.handler = handler;
		this.handshake = handshake;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, ApiPaths.TUNNEL.replace("{id}", "*")).addInterceptors(this.handshake);
	}

	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxBinaryMessageBufferSize(2 * TunnelStream.MAX_MESSAGE_BYTES);
		container.setMaxTextMessageBufferSize(1024);
		return container;
	}

}
