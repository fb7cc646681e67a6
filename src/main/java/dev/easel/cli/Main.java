package dev.easel.cli;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.IssuedKey;
import dev.easel.account.KeyPolicy;
import dev.easel.api.KeyFields;
import dev.easel.catalog.ModelCatalog;
import dev.easel.ledger.Money;
import dev.easel.config.ConfigException;
import dev.easel.error.EaselException;
import dev.easel.config.ConfigLoader;
import dev.easel.config.EaselConfig;
import dev.easel.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code easel} command line: {@code serve}, {@code keys} and the hidden {@code warm-up}. */
@Command(name = "easel", mixinStandardHelpOptions = true, version = "Easel 0.1.0",
        description = "An OpenAI-compatible image generation gateway.",
        subcommands = {Main.Serve.class, Main.Keys.class, Main.WarmUpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // Helidon logs through java.util.logging; route it into the same SLF4J/Logback output.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof EaselException) {
                cmd.getErr().println("easel: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        int code = cli.execute(args.length == 0 ? new String[] {"serve"} : args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options every command shares: where the configuration and data are. */
    static final class Common {
        @Option(names = "--config", description = "Path to easel.yaml (default: ./easel.yaml when present).")
        Optional<Path> config = Optional.empty();

        @Option(names = "--data-dir", description = "Data directory (env EASEL_DATA_DIR, default ./data).")
        Optional<String> dataDir = Optional.empty();

        Map<String, String> flags() {
            Map<String, String> flags = new HashMap<>();
            dataDir.ifPresent(v -> flags.put("data_dir", v));
            return flags;
        }

        EaselConfig load(Map<String, String> extra) {
            Map<String, String> flags = flags();
            flags.putAll(extra);
            return ConfigLoader.load(flags, System.getenv(), config);
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the server.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--host", description = "Address to listen on (env EASEL_HOST, default 127.0.0.1).")
        Optional<String> host = Optional.empty();

        @Option(names = "--port", description = "Port to listen on (env EASEL_PORT, default 8080).")
        Optional<String> port = Optional.empty();

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> flags = new HashMap<>();
            host.ifPresent(v -> flags.put("host", v));
            port.ifPresent(v -> flags.put("port", v));
            Application app = Application.start(common.load(flags), System.out);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "warm-up", hidden = true, description = "The training run of the JVM's start-up cache: "
            + "starts on embedded defaults in a scratch directory, sends a few requests, stops (./easel build runs it).")
    static final class WarmUpCommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            boolean allAsExpected = true;
            for (WarmUp.Exchange exchange : WarmUp.run()) {
                if (!exchange.asExpected()) {
                    System.err.println("easel: warm-up: " + exchange.what() + " got " + exchange.status()
                            + ", not " + exchange.expected());
                    allAsExpected = false;
                }
            }
            return allAsExpected ? 0 : 1;
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
            subcommands = {Keys.Create.class, Keys.Update.class, Keys.ListKeys.class, Keys.Revoke.class})
    static final class Keys implements Runnable {
        @Override
        public void run() {
            new CommandLine(this).usage(System.out);
        }

        static <T> T withKeys(Common common, java.util.function.Function<ApiKeys, T> action) {
            try (Database db = Application.openDatabase(common.load(Map.of()))) {
                return action.apply(new ApiKeys(db.jdbi(), Clock.systemUTC()));
            }
        }

        static KeyPolicy policy(Common common, PolicyFlags flags, KeyPolicy current) {
            return KeyFields.apply(flags.toJson(), current, ModelCatalog.load(common.load(Map.of()).userModels()));
        }

        static void describe(ApiKey k) {
            KeyPolicy p = k.policy();
            System.err.println("  owner=" + (p.owner().isEmpty() ? "-" : p.owner())
                    + " expires=" + p.expiresAt().map(Instant::toString).orElse("never")
                    + " models=" + (p.models().isEmpty() ? "any" : String.join(",", p.models().stream().sorted().toList()))
                    + " allowed_ips=" + (p.allowedIps().isEmpty() ? "any" : p.allowedIps())
                    + " budget=" + p.budget().map(b -> Money.usd(b.micros()) + " USD/" + b.period().wireName()).orElse("none")
                    + " rpm=" + p.limits().rpm().map(String::valueOf).orElse("-")
                    + " images_per_minute=" + p.limits().imagesPerMinute().map(String::valueOf).orElse("-")
                    + " max_concurrency=" + p.limits().maxConcurrency().map(String::valueOf).orElse("-")
                    + " price_multiplier=" + p.priceMultiplier().toPlainString());
        }

        @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is shown once.")
        static final class Create implements Callable<Integer> {
            @Mixin
            Common common = new Common();

            @Option(names = "--name", required = true, description = "A label for the key.")
            String name = "";

            @Option(names = "--admin", description = "Create an admin key (manages keys) instead of an API key.")
            boolean admin;

            @Mixin
            PolicyFlags flags = new PolicyFlags();

            @Override
            public Integer call() {
                KeyPolicy policy = policy(common, flags, KeyPolicy.UNLIMITED);
                IssuedKey issued = withKeys(common,
                        k -> k.create(name, admin ? ApiKey.Role.ADMIN : ApiKey.Role.API, policy));
                System.out.println(issued.secret());
                System.err.println("created " + issued.key().id() + " (" + issued.key().role().name().toLowerCase()
                        + ", \"" + issued.key().name() + "\"); the secret above is shown only now");
                describe(issued.key());
                return 0;
            }
        }

        @Command(name = "update", mixinStandardHelpOptions = true,
                description = "Change a key's name or limits; flags left out keep their value, `none` clears one.")
        static final class Update implements Callable<Integer> {
            @Mixin
            Common common = new Common();

            @Parameters(index = "0", description = "The key id (key_...).")
            String id = "";

            @Option(names = "--name", description = "A new label.")
            Optional<String> name = Optional.empty();

            @Mixin
            PolicyFlags flags = new PolicyFlags();

            @Override
            public Integer call() {
                ApiKey k = withKeys(common, keys -> keys.update(id, name, current -> policy(common, flags, current)));
                System.out.println("updated " + k.id() + " (\"" + k.name() + "\")");
                describe(k);
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
        static final class ListKeys implements Callable<Integer> {
            @Mixin
            Common common = new Common();

            @Override
            public Integer call() {
                for (ApiKey k : withKeys(common, ApiKeys::list)) {
                    System.out.printf("%-22s %-6s %-16s %-8s %s%n", k.id(), k.role().name().toLowerCase(), k.prefix() + "…",
                            k.active() ? "active" : "revoked", k.name());
                }
                return 0;
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key at once.")
        static final class Revoke implements Callable<Integer> {
            @Mixin
            Common common = new Common();

            @Parameters(index = "0", description = "The key id (key_...).")
            String id = "";

            @Override
            public Integer call() {
                ApiKey k = withKeys(common, keys -> keys.revoke(id));
                System.out.println("revoked " + k.id() + " at " + k.revokedAt().map(Instant::toString).orElse("?"));
                return 0;
            }
        }
    }
}
