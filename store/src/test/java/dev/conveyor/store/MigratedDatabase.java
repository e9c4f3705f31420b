package dev.conveyor.store;

import dev.conveyor.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A database of its own for one test class, with Conveyor's schema migrated into it. */
public final class MigratedDatabase {

    private MigratedDatabase() {
    }

    public static PGSimpleDataSource create() {
        TestPostgres.Database database = TestPostgres.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).schemas("conveyor").load().migrate();
        return dataSource;
    }
}
