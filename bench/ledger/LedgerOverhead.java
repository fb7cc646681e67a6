import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.Budget;
import dev.easel.account.KeyAccess;
import dev.easel.account.KeyPolicy;
import dev.easel.account.LocalRateLimiter;
import dev.easel.account.RateLimits;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.PriceCalculator;
import dev.easel.catalog.UsageCalculator;
import dev.easel.generation.RequestParser;
import dev.easel.ledger.Ledger;
import dev.easel.ledger.LedgerWriter;
import dev.easel.ledger.Metering;
import dev.easel.ledger.Reservation;
import dev.easel.ledger.Settlement;
import dev.easel.storage.Database;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * What keys, limits and the ledger add to one request on SQLite, at a steady open-loop rate: look up
 * the key, check expiry and address, admit under rate and concurrency limits, reserve (for a key with
 * a budget, from its allowance: a write transaction for one request in many), settle (booked by the
 * ledger's writer, many to a transaction), release. The
 * backend itself is left out. Both kinds of key are measured, one after the other. The usage table
 * can start with rows already in it, as it has after weeks of traffic (their ids as Easel made them
 * before they were time-ordered: random).
 *
 * Usage: bench/ledger/run.sh [requests-per-second] [seconds] [runs] [usage rows to start with]
 */
public final class LedgerOverhead {
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int prefill = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path dir = Files.createTempDirectory("easel-bench");
        Clock clock = Clock.systemUTC();
        Database db = Database.sqlite(dir);
        Ledger ledger = new Ledger(db.jdbi());
        try (db; LedgerWriter writer = LedgerWriter.start(ledger)) {
            ApiKeys keys = new ApiKeys(db.jdbi(), clock);
            RateLimits limits = new RateLimits(Optional.of(1_000_000), Optional.of(1_000_000), Optional.of(10_000));
            KeyPolicy budgeted = KeyPolicy.UNLIMITED.withLimits(limits)
                    .withBudget(Optional.of(new Budget(1_000_000_000_000L, Budget.Period.MONTH)));
            Metering metering = new Metering(ledger, writer, new LocalRateLimiter(clock),
                    new PriceCalculator(new UsageCalculator()), new UsageCalculator(), clock, Duration.ofMinutes(30),
                    false);
            ImageRequest request = new RequestParser(ModelCatalog.bundled(), "dall-e-3").parse(JsonMapper.builder()
                    .build().readTree("{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\"}"));
            InetAddress client = InetAddress.getLoopbackAddress();
            fillUsage(db, prefill);
            System.out.printf("SQLite, %d requests/s for %d s, %d runs (after a %d s warm-up), %d usage rows before%n",
                    rate, seconds, runs, 3, prefill);
            for (KeyPolicy policy : List.of(budgeted, KeyPolicy.UNLIMITED.withLimits(limits))) {
                String kind = policy.budget().isPresent() ? "key with a budget" : "key without a budget";
                String secret = keys.create("bench", ApiKey.Role.API, policy).secret();
                Runnable oneRequest = () -> {
                    ApiKey key = keys.authenticate(secret).orElseThrow();
                    KeyAccess.check(key, client, clock.instant());
                    try (Reservation r = metering.reserve(key, request, "req_bench")) {
                        r.settle(Settlement.of(1, Optional.empty(), "local"));
                    }
                };
                System.out.println(kind + ":");
                run(oneRequest, rate, 3); // warm-up: JIT, connection pool, page cache
                double[] medians = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long cpuBefore = CPU.getProcessCpuTime();
                    long writerBefore = writerCpuNanos();
                    long[] micros = run(oneRequest, rate, seconds);
                    writer.flush(); // what this run's requests left for the writer is this run's cost
                    double cpuMicros = (CPU.getProcessCpuTime() - cpuBefore) / 1000.0 / micros.length;
                    double writerMicros = (writerCpuNanos() - writerBefore) / 1000.0 / micros.length;
                    Arrays.sort(micros);
                    medians[i] = micros[micros.length / 2] / 1000.0;
                    System.out.printf("run %d: n=%d median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms, CPU %.0f µs"
                            + " per request, %.0f µs of it the ledger writer's%n", i + 1, micros.length, medians[i],
                            pct(micros, 0.90), pct(micros, 0.99), micros[micros.length - 1] / 1000.0, cpuMicros,
                            writerMicros);
                }
                Arrays.sort(medians);
                System.out.printf("median of run medians: %.3f ms (%s)%n", medians[runs / 2], kind);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Adds {@code rows} usage entries in batches, with random ids and times over the last 30 days. */
    private static void fillUsage(Database db, int rows) {
        java.util.Random random = new java.util.Random(42);
        long now = System.currentTimeMillis();
        for (int done = 0; done < rows; ) {
            int batch = Math.min(10_000, rows - done);
            db.jdbi().useTransaction(h -> {
                var insert = h.prepareBatch("""
                        INSERT INTO usage_entries (id, key_id, created_at, request_id, model, channel, size, quality,
                            n_requested, n_delivered, input_tokens, output_tokens, cost_micros, price_micros,
                            latency_ms, status)
                        VALUES (:id, :key, :created, 'req_fill', 'gpt-image-2', 'local', '1024x1024', 'low', 1, 1,
                            0, 272, 0, 11000, 900, 'settled')""");
                for (int i = 0; i < batch; i++) {
                    insert.bind("id", "rsv_" + java.util.HexFormat.of().toHexDigits(random.nextLong())
                                    + java.util.HexFormat.of().toHexDigits(random.nextInt()))
                            .bind("key", "key_fill" + random.nextInt(50))
                            .bind("created", now - (long) (random.nextDouble() * 30 * 86_400_000L))
                            .add();
                }
                insert.execute();
            });
            done += batch;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** CPU time of the ledger's writer thread so far: the group commit's share of each request. */
    private static long writerCpuNanos() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("easel-ledger-writer"))
                .mapToLong(t -> java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId()))
                .sum();
    }

    private static double pct(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1000.0;
    }

    /** Starts one request every 1/rate seconds on its own virtual thread, whatever the others are doing. */
    private static long[] run(Runnable request, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        long[] nanos = new long[total];
        AtomicInteger failures = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                pool.execute(() -> {
                    long t0 = System.nanoTime();
                    try {
                        request.run();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    nanos[index] = System.nanoTime() - t0;
                });
            }
        }
        if (failures.get() > 0) {
            System.out.println("failures: " + failures.get());
        }
        return Arrays.stream(nanos).map(n -> n / 1000).toArray();
    }
}
