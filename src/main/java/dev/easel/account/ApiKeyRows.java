package dev.easel.account;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps {@code api_keys} rows to {@link ApiKey}, and policies to column values. */
final class ApiKeyRows {
    private ApiKeyRows() {
    }

    static ApiKey read(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getString("id"),
                rs.getString("key_prefix"),
                rs.getString("name"),
                ApiKey.Role.valueOf(rs.getString("role")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                optionalLong(rs, "revoked_at").map(Instant::ofEpochMilli),
                policy(rs));
    }

    private static KeyPolicy policy(ResultSet rs) throws SQLException {
        Optional<Budget> budget = optionalLong(rs, "budget_micros")
                .map(micros -> new Budget(micros, budgetPeriod(rs)));
        RateLimits limits = new RateLimits(optionalInt(rs, "rpm"), optionalInt(rs, "images_per_minute"),
                optionalInt(rs, "max_concurrency"));
        return new KeyPolicy(
                rs.getString("owner"),
                optionalLong(rs, "expires_at").map(Instant::ofEpochMilli),
                split(rs.getString("models")).collect(Collectors.toSet()),
                split(rs.getString("allowed_ips")).map(IpRange::parse).toList(),
                budget,
                limits,
                new BigDecimal(rs.getString("price_multiplier")));
    }

    private static Budget.Period budgetPeriod(ResultSet rs) {
        try {
            return Budget.Period.parse(rs.getString("budget_period"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String join(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(","));
    }

    static String joinRanges(List<IpRange> ranges) {
        return ranges.stream().map(IpRange::toString).collect(Collectors.joining(","));
    }

    private static java.util.stream.Stream<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
