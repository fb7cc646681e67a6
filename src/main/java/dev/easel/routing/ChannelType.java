package dev.easel.routing;

import dev.easel.catalog.ModelFamily;
import dev.easel.catalog.ModelSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds of backend a channel can be, and which catalogued models {@code models: "*"} means for each. */
public enum ChannelType {
    OPENAI(Set.of(ModelFamily.DALL_E, ModelFamily.GPT_IMAGE)),
    AZURE(Set.of(ModelFamily.DALL_E, ModelFamily.GPT_IMAGE)),
    DASHSCOPE(Set.of(ModelFamily.QWEN)),
    LOCAL(Set.of(ModelFamily.values()));

    private final Set<ModelFamily> families;

    ChannelType(Set<ModelFamily> families) {
        this.families = families;
    }

    /** The name in easel.yaml. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the backend speaks this model's API natively (what {@code "*"} selects). */
    public boolean speaks(ModelSpec model) {
        return families.contains(model.family());
    }

    /** Whether a channel of this type may list the model explicitly: OpenAI-compatible aggregators serve anything. */
    public boolean mayServe(ModelSpec model) {
        return this == OPENAI || speaks(model);
    }

    static Optional<ChannelType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }
}
