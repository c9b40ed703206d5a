package io.octoplane.server.config;

import java.time.Duration;
import java.util.Set;

import io.octoplane.protocol.duration.DurationText;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.convert.DurationFormat;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

/**
 * Reads the duration settings of a server (brain, nameserver) with {@link DurationText},
 * the grammar of octl, tentacle.yaml and every other Octoplane part ({@code 500ms},
 * {@code 10s}, {@code 2m}, {@code 1h}, {@code 7d}, ISO-8601). A bare number is refused
 * with a message asking for a unit: Octoplane reads bare numbers as seconds, Spring as
 * milliseconds, and a setting such as {@code OCTOPLANE_JOB_DEFAULT_TIMEOUT=60} must not
 * silently mean either. Settings that declare their unit ({@link DurationUnit}) or style
 * ({@link DurationFormat}) keep Spring's reading.
 */
@ConfigurationPropertiesBinding
class DurationSettingConverter implements ConditionalGenericConverter {

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return Set.of(new ConvertiblePair(String.class, Duration.class));
	}

	@Override
	public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
		return !targetType.hasAnnotation(DurationUnit.class) && !targetType.hasAnnotation(DurationFormat.class);
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (!(source instanceof String text) || text.isBlank()) {
			return null;
		}
		return DurationText.parseWithUnit(text);
	}

}
