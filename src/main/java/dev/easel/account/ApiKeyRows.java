package dev.easel.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Maps {@code api_keys} rows to {@link ApiKey}. */
final class ApiKeyRows {
    private ApiKeyRows() {
    }

    static ApiKey read(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        Optional<Instant> revokedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
        return new ApiKey(
                rs.getString("id"),
                rs.getString("key_prefix"),
                rs.getString("name"),
                ApiKey.Role.valueOf(rs.getString("role")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                revokedAt);
    }
}
