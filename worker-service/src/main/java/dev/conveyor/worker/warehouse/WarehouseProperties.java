package dev.conveyor.worker.warehouse;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where jobs read and write data: any JDBC URL (an embedded DuckDB file unless configured), and the
 * directory relative file paths of loads and exports resolve against (the working directory unless
 * configured).
 */
@Validated
@ConfigurationProperties("conveyor.warehouse")
public record WarehouseProperties(
        @DefaultValue("jdbc:duckdb:./data/warehouse.duckdb") @NotBlank String url,
        String username,
        String password,
        @DefaultValue("4") @Min(1) int maxPoolSize,
        String filesDirectory) {
}
