package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@TtaIntegrationTest
class PostgresIT {

    @Test
    void theNamespaceSchemaExists(TestInfrastructure infrastructure, TestNamespace namespace) throws SQLException {
        try (Connection connection = connect(infrastructure, infrastructure.jdbcUrl());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            query.setString(1, namespace.dbSchema());
            assertThat(single(query.executeQuery())).isEqualTo("1");
        }
    }

    @Test
    void tablesOfOneNamespaceAreInvisibleInAnother(TestInfrastructure infrastructure, TestNamespace namespace)
            throws SQLException {
        TestNamespace other = infrastructure.newNamespace("isolation check");

        try (Connection mine = connect(infrastructure, infrastructure.jdbcUrl(namespace));
                Statement statement = mine.createStatement()) {
            statement.execute("CREATE TABLE notes (id int PRIMARY KEY)");
            statement.execute("INSERT INTO notes VALUES (1)");
            assertThat(single(statement.executeQuery("SELECT to_regclass('notes')::text"))).isEqualTo("notes");
        }
        try (Connection theirs = connect(infrastructure, infrastructure.jdbcUrl(other));
                Statement statement = theirs.createStatement()) {
            assertThat(single(statement.executeQuery("SELECT current_schema()"))).isEqualTo(other.dbSchema());
            assertThat(single(statement.executeQuery("SELECT to_regclass('notes')::text"))).isNull();
        }
    }

    private static Connection connect(TestInfrastructure infrastructure, String url) throws SQLException {
        return DriverManager.getConnection(url, infrastructure.jdbcUser(), infrastructure.jdbcPassword());
    }

    private static String single(ResultSet result) throws SQLException {
        try (result) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}
