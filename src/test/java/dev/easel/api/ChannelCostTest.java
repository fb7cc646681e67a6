package dev.easel.api;

import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.TestEasel;
import dev.easel.upstream.FakeOpenAiUpstream;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A channel's {@code cost_multiplier} is what the ledger records as cost; the key still pays list price. */
class ChannelCostTest {

    @Test
    void theLedgerRecordsTheServingChannelsCostBesideTheListPrice() {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream();
             TestEasel easel = TestEasel.start("""
                     channels:
                       - name: discounted
                         type: openai
                         base_url: %s
                         api_key_env: UPSTREAM_KEY
                         models: [dall-e-3]
                         cost_multiplier: 0.5
                     """.formatted(upstream.baseUrl()), Map.of("UPSTREAM_KEY", "sk-up"))) {
            var generated = easel.post("/v1/images/generations", TestEasel.API_KEY,
                    "{\"model\":\"dall-e-3\",\"prompt\":\"a boat\",\"response_format\":\"b64_json\"}");
            assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
            assertThat(generated.headers().firstValue("x-easel-channel")).hasValue("discounted");

            JsonNode byModel = json(easel.get("/admin/usage?group_by=model", TestEasel.ADMIN_KEY).body()).get("data").get(0);

            assertThat(byModel.get("group").asString()).isEqualTo("dall-e-3");
            assertThat(new BigDecimal(byModel.get("price_usd").asString())).isEqualByComparingTo("0.04"); // list price
            assertThat(new BigDecimal(byModel.get("cost_usd").asString())).isEqualByComparingTo("0.02");
        }
    }

    @Test
    void theBuiltInRendererCostsTheOperatorNothing() {
        try (TestEasel easel = TestEasel.start()) {
            easel.post("/v1/images/generations", TestEasel.API_KEY, "{\"model\":\"dall-e-3\",\"prompt\":\"a boat\"}");

            JsonNode byModel = json(easel.get("/admin/usage?group_by=model", TestEasel.ADMIN_KEY).body()).get("data").get(0);

            assertThat(new BigDecimal(byModel.get("price_usd").asString())).isEqualByComparingTo("0.04");
            assertThat(new BigDecimal(byModel.get("cost_usd").asString())).isZero();
        }
    }
}
