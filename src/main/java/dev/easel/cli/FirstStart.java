package dev.easel.cli;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.IssuedKey;
import dev.easel.config.EaselConfig;
import java.io.PrintStream;
import java.util.Optional;

/**
 * On the first start (no keys yet) creates an admin key and an API key and prints them once, with a
 * curl line to try. Keys given in EASEL_ADMIN_KEY / EASEL_API_KEY are registered instead and never
 * printed, since whoever set them already knows them.
 */
final class FirstStart {
    private FirstStart() {
    }

    static void ensureKeys(ApiKeys keys, EaselConfig config, String baseUrl, PrintStream console) {
        boolean newAdmin = keys.noneWithRole(ApiKey.Role.ADMIN);
        boolean newApi = keys.noneWithRole(ApiKey.Role.API);
        if (!newAdmin && !newApi) {
            return;
        }
        console.println();
        console.println("Easel first start: keys created. They are shown only now; store them safely.");
        if (newAdmin) {
            IssuedKey admin = issue(keys, ApiKey.Role.ADMIN, "bootstrap admin", config.bootstrapAdminKey());
            console.println("  admin key (manages keys: /admin/keys, ./easel keys): "
                    + shown(admin, config.bootstrapAdminKey(), "EASEL_ADMIN_KEY"));
        }
        if (newApi) {
            IssuedKey api = issue(keys, ApiKey.Role.API, "bootstrap", config.bootstrapApiKey());
            console.println("  API key   (calls /v1):                               "
                    + shown(api, config.bootstrapApiKey(), "EASEL_API_KEY"));
            String bearer = config.bootstrapApiKey().isPresent() ? "$EASEL_API_KEY" : api.secret();
            console.println();
            console.println("Try it:");
            console.println("  curl " + baseUrl + "/v1/images/generations \\");
            console.println("    -H \"Authorization: Bearer " + bearer + "\" -H 'Content-Type: application/json' \\");
            console.println("    -d '{\"model\": \"gpt-image-2\", \"prompt\": \"A paper boat floating on calm water at sunrise\"}'");
            console.println("Or point any OpenAI SDK at base URL " + baseUrl + "/v1 with that key.");
        }
        console.println();
    }

    private static IssuedKey issue(ApiKeys keys, ApiKey.Role role, String name, Optional<String> given) {
        return given.map(secret -> keys.register(name, role, secret)).orElseGet(() -> keys.create(name, role));
    }

    private static String shown(IssuedKey issued, Optional<String> given, String envName) {
        String secret = given.isPresent() ? "(from " + envName + ", not shown)" : issued.secret();
        return secret + "  [" + issued.key().id() + "]";
    }
}
