package dev.conveyor.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param format logfmt for people at a terminal, json for containers (the Helm chart and compose set it) */
@ConfigurationProperties("conveyor.logging")
public record LoggingProperties(@DefaultValue("logfmt") LogFormat format) {
}
