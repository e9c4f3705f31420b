package dev.conveyor.worker.warehouse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WarehouseConfiguration {

    @Bean(destroyMethod = "close")
    Warehouse warehouse(WarehouseProperties properties) {
        return new Warehouse(properties);
    }
}
