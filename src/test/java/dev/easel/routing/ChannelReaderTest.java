package dev.easel.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.catalog.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ChannelReaderTest {
    static final ModelCatalog CATALOG = ModelCatalog.bundled();
    static final Map<String, String> ENV = Map.of("OPENAI_KEY", "sk-openai-secret", "AZURE_KEY", "az-secret");

    static List<Channel> read(String yaml) {
        JsonNode node = YAMLMapper.builder().build().readTree(yaml).path("channels");
        return new ChannelReader(CATALOG, ENV).read(node);
    }

    @Test
    void aFullChannelIsReadWithItsMappingTimeoutsAndLimits() {
        Channel c = read("""
                channels:
                  - name: azure-east
                    type: azure
                    base_url: https://east.openai.azure.com
                    api_key_env: AZURE_KEY
                    api_version: 2025-04-01-preview
                    models: {gpt-image-1: images-deployment}
                    priority: 10
                    weight: 3
                    timeouts: {connect: 5s, first_byte: 2m, total: 5m}
                    max_concurrency: 8
                    cooldown: 1m
                """).get(0);

        assertThat(c.type()).isEqualTo(ChannelType.AZURE);
        assertThat(c.models()).containsExactly(Map.entry("gpt-image-1", "images-deployment"));
        assertThat(c.priority()).isEqualTo(10);
        assertThat(c.weight()).isEqualTo(3);
        assertThat(c.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.timeouts().firstByte()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.timeouts().total()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxConcurrency()).contains(8);
        assertThat(c.cooldown()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.key().orElseThrow().reveal()).isEqualTo("az-secret");
    }

    @Test
    void aStarServesEveryModelOfTheChannelsTypeAndAliasesResolve() {
        List<Channel> channels = read("""
                channels:
                  - {name: all, type: openai, api_key_env: OPENAI_KEY, models: "*"}
                  - {name: some, type: openai, api_key_env: OPENAI_KEY, models: [gpt-image-2-2026-04-21, {dall-e-3: d3}]}
                """);

        assertThat(channels.get(0).models()).containsKeys("dall-e-3", "gpt-image-1", "gpt-image-2")
                .doesNotContainKey("qwen-image");
        assertThat(channels.get(1).models()).containsOnly(Map.entry("gpt-image-2", "gpt-image-2-2026-04-21"),
                Map.entry("dall-e-3", "d3"));
    }

    @Test
    void aLiteralKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> read("""
                channels:
                  - {name: leaky, type: openai, api_key: sk-literal-123}
                """)).hasMessageContaining("channel 'leaky', field 'api_key'")
                .hasMessageContaining("api_key_env").hasMessageNotContaining("sk-literal-123");
    }

    @Test
    void aKeyFileIsReadAndTheKeyNeverShowsWhenTheChannelIsPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "sk-from-file\n");

        Channel c = read("channels:\n  - {name: f, type: openai, api_key_file: " + file + "}\n").get(0);

        assertThat(c.key().orElseThrow().reveal()).isEqualTo("sk-from-file");
        assertThat(c.toString()).doesNotContain("sk-from-file").contains("redacted");
    }

    @Test
    void badChannelsFailAtStartNamingTheChannelAndField() {
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: openai, api_key_env: MISSING}\n"))
                .hasMessageContaining("channel 'a', field 'api_key_env'").hasMessageContaining("MISSING is not set");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: openai, api_key_env: OPENAI_KEY, weight: 0}\n"))
                .hasMessageContaining("channel 'a', field 'weight'");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: openai, api_key_env: OPENAI_KEY, "
                + "timeouts: {total: soon}}\n")).hasMessageContaining("channel 'a', field 'timeouts.total'");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: openai, api_key_env: OPENAI_KEY, models: [dall-e-9]}\n"))
                .hasMessageContaining("channel 'a', field 'models'").hasMessageContaining("dall-e-9");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: dashscope, api_key_env: OPENAI_KEY, "
                + "models: [gpt-image-1]}\n")).hasMessageContaining("cannot serve `gpt-image-1`");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: azure, api_key_env: AZURE_KEY}\n"))
                .hasMessageContaining("channel 'a', field 'base_url'");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: openai, api_key_env: OPENAI_KEY, prio: 1}\n"))
                .hasMessageContaining("channel 'a', field 'prio': unknown field");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: gemini}\n"))
                .hasMessageContaining("channel 'a', field 'type'");
        assertThatThrownBy(() -> read("channels:\n  - {name: a, type: local}\n  - {name: a, type: local}\n"))
                .hasMessageContaining("two channels have this name");
    }

    @Test
    void withoutChannelsTheEnvironmentsKeysCreateZeroConfigChannels() {
        List<Channel> channels = Routing.zeroConfig(Map.of("OPENAI_API_KEY", "sk-o", "OPENAI_BASE_URL",
                "https://proxy.example/v1", "DASHSCOPE_API_KEY", "sk-d"), CATALOG, LocalDate.parse("2026-11-20"));

        assertThat(channels).extracting(Channel::name).containsExactly("openai", "dashscope");
        Channel openai = channels.get(0);
        assertThat(openai.baseUrl()).contains(java.net.URI.create("https://proxy.example/v1"));
        // Shut-down models stay on the local renderer rather than fetch 404s upstream.
        assertThat(openai.models()).containsKey("gpt-image-2").doesNotContainKeys("dall-e-3", "gpt-image-1");
        assertThat(channels.get(1).baseUrl()).contains(java.net.URI.create("https://dashscope-intl.aliyuncs.com"));
        assertThat(channels.get(1).models()).containsOnlyKeys("qwen-image", "qwen-image-plus");
    }

    @Test
    void withNoKeysEverythingStaysLocal() {
        assertThat(Routing.zeroConfig(Map.of(), CATALOG, LocalDate.parse("2026-11-20"))).isEmpty();
        Router router = Routing.create(Optional.empty(), Map.of(), CATALOG, new ScriptedProvider("local"),
                java.time.Clock.systemUTC());
        assertThat(router.channelsFor("gpt-image-2")).containsExactly("local");
    }
}
