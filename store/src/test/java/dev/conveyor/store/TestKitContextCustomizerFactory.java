package dev.conveyor.store;

import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes the test kit injectable: every Spring test context of a module that uses this test jar can
 * {@code @Autowired TestJobs} and {@code JobMoves}, built on the context's own {@code JdbcClient}, JSON columns
 * and clock. The beans are lazy, so a context without a database is not affected. Registered in
 * {@code META-INF/spring.factories}; the same customizer for every test class keeps Spring's context cache whole.
 */
final class TestKitContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new TestKitBeans();
    }

    private record TestKitBeans() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
                register(registry, "testJobs", TestJobs.class);
                register(registry, "jobMoves", JobMoves.class);
            }
        }

        private static void register(BeanDefinitionRegistry registry, String name, Class<?> type) {
            RootBeanDefinition definition = new RootBeanDefinition(type);
            definition.setLazyInit(true);
            registry.registerBeanDefinition(name, definition);
        }
    }
}
