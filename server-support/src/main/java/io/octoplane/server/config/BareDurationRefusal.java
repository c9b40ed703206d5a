package io.octoplane.server.config;

import java.time.Duration;

import io.octoplane.protocol.duration.DurationText;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.convert.DurationFormat;
import org.springframework.boot.convert.DurationUnit;

/**
 * Refuses a duration setting written as a bare number ({@code 60}), naming the setting
 * and asking for a unit. Octoplane reads bare numbers as seconds everywhere else and
 * Spring as milliseconds, so in a server's configuration neither reading may slip
 * through. A converter cannot refuse on its own: the binder tries Spring's reading when
 * ours fails. Settings that declare their unit ({@link DurationUnit}) or style
 * ({@link DurationFormat}) are left alone.
 */
class BareDurationRefusal implements ConfigurationPropertiesBindHandlerAdvisor {

	@Override
	public BindHandler apply(BindHandler handler) {
		return new AbstractBindHandler(handler) {

			@Override
			public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				ConfigurationProperty property = context.getConfigurationProperty();
				if (result instanceof Duration && property != null && property.getValue() instanceof String text
						&& target.getAnnotation(DurationUnit.class) == null
						&& target.getAnnotation(DurationFormat.class) == null) {
					// Throws for a bare number, with the message the operator reads.
					DurationText.parseWithUnit(text);
				}
				return super.onSuccess(name, target, context, result);
			}

		};
	}

}
