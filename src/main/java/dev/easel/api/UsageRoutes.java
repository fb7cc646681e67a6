package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.account.Budget;
import dev.easel.error.EaselException;
import dev.easel.ledger.Balance;
import dev.easel.ledger.Metering;
import dev.easel.ledger.Money;
import dev.easel.ledger.UsageEntry;
import dev.easel.ledger.UsageGroup;
import dev.easel.ledger.UsagePage;
import dev.easel.ledger.UsageQueries;
import dev.easel.ledger.UsageTotals;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Usage: {@code GET /v1/usage} shows the calling key its own budget, totals and recent requests (paged
 * with {@code limit} and {@code after}); {@code GET /admin/usage} sums all keys by key, model or day.
 */
final class UsageRoutes implements HttpService {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final Authenticator auth;
    private final UsageQueries usage;
    private final Metering metering;
    private final Clock clock;

    UsageRoutes(Authenticator auth, UsageQueries usage, Metering metering, Clock clock) {
        this.auth = auth;
        this.usage = usage;
        this.metering = metering;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v1/usage", this::own)
                .any("/v1/usage", Routes.methodNotAllowed("GET"))
                .get("/admin/usage", this::report)
                .any("/admin/usage", Routes.methodNotAllowed("GET"));
    }

    private void own(ServerRequest req, ServerResponse res) {
        ApiKey key = auth.require(req, ApiKey.Role.API);
        int limit = query(req, "limit").map(v -> integer("limit", v)).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw EaselException.invalidParameter("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        UsagePage page = usage.entries(key.id(), limit, query(req, "after"));
        UsageTotals totals = usage.totals(key.id());
        Routes.json(res, Status.OK_200, new UsageWire.KeyUsage("usage", key.id(),
                key.policy().budget().map(b -> budget(key.id(), b)),
                new UsageWire.Totals(totals.requests(), totals.images(), Money.usd(totals.priceMicros())),
                page.entries().stream().map(UsageRoutes::entry).toList(), page.hasMore()));
    }

    private UsageWire.BudgetState budget(String keyId, Budget budget) {
        metering.giveBackUnheld(keyId); // so reserved is what requests in flight hold, not an idle allowance
        String period = budget.period() == Budget.Period.MONTH ? Metering.month(clock.instant()) : "total";
        Balance b = usage.balance(keyId, period);
        long remaining = Math.max(0, budget.micros() - b.spentMicros() - b.reservedMicros());
        return new UsageWire.BudgetState(Money.usd(budget.micros()), budget.period().wireName(), period,
                Money.usd(b.spentMicros()), Money.usd(b.reservedMicros()), Money.usd(remaining));
    }

    private static UsageWire.Entry entry(UsageEntry e) {
        return new UsageWire.Entry(e.id(), "usage.entry", e.createdAt().getEpochSecond(), e.requestId(), e.model(),
                e.size(), e.quality(), e.nRequested(), e.nDelivered(), e.inputTokens(), e.outputTokens(),
                Money.usd(e.priceMicros()), e.latencyMillis(), e.status().wireName());
    }

    /** {@code from} and {@code to} are dates (UTC; {@code to} counts its whole day) or unix seconds; default: the last 30 days. */
    private void report(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.ADMIN);
        UsageGroup.By by = query(req, "group_by").map(UsageRoutes::groupBy).orElse(UsageGroup.By.KEY);
        Instant now = clock.instant();
        Instant to = query(req, "to").map(v -> instant("to", v, true)).orElse(now.plusMillis(1));
        Instant from = query(req, "from").map(v -> instant("from", v, false)).orElse(to.minus(Duration.ofDays(30)));
        if (!from.isBefore(to)) {
            throw EaselException.invalidParameter("from", "from must be before to.");
        }
        Routes.json(res, Status.OK_200, new UsageWire.Report("list", by.name().toLowerCase(Locale.ROOT),
                from.getEpochSecond(), to.getEpochSecond(), usage.grouped(by, from, to).stream()
                .map(g -> new UsageWire.Group(g.group(), g.totals().requests(), g.totals().images(),
                        Money.usd(g.totals().costMicros()), Money.usd(g.totals().priceMicros())))
                .toList()));
    }

    private static UsageGroup.By groupBy(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "key" -> UsageGroup.By.KEY;
            case "model" -> UsageGroup.By.MODEL;
            case "day" -> UsageGroup.By.DAY;
            default -> throw EaselException.invalidParameter("group_by", "group_by must be `key`, `model` or `day`.");
        };
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value.length() <= 12 && value.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            LocalDate day = LocalDate.parse(value);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw EaselException.invalidParameter(name, name + " must be a date (2026-11-24) or unix seconds.");
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw EaselException.invalidParameter(name, name + " must be an integer.");
        }
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(v -> !v.isBlank());
    }
}
