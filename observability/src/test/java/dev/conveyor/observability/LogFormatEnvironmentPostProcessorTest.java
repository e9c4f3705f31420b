package dev.conveyor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatEnvironmentPostProcessorTest {

    @Test
    void chooses_the_logfmt_formatter_by_default() {
        assertThat(structuredFormatWith(Map.of())).isEqualTo(LogfmtFormatter.class.getName());
    }

    @Test
    void chooses_spring_boot_json_for_json_in_any_case() {
        assertThat(structuredFormatWith(Map.of("conveyor.logging.format", "json"))).isEqualTo("logstash");
        assertThat(structuredFormatWith(Map.of("conveyor.logging.format", "JSON"))).isEqualTo("logstash");
    }

    @Test
    void leaves_an_explicit_structured_format_alone() {
        assertThat(structuredFormatWith(Map.of("conveyor.logging.format", "json",
                "logging.structured.format.console", "ecs"))).isEqualTo("ecs");
    }

    private static String structuredFormatWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LogFormatEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        return environment.getProperty("logging.structured.format.console");
    }
}
