package dev.conveyor.frontend.system;

import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.StoreConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the shared stores, the clock, the topic router and the request parameter conversions into this service. */
@Configuration(proxyBeanMethods = false)
@Import(StoreConfiguration.class)
class FrontendConfiguration implements WebMvcConfigurer {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TopicRouter topicRouter(RoutingProperties routing) {
        return new TopicRouter(routing.routes());
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new CaseInsensitiveEnums());
    }
}
