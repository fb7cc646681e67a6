package dev.easel.bench;

import dev.easel.render.Detail;
import dev.easel.render.ImageEncoder;
import dev.easel.render.ImageFormat;
import dev.easel.render.RenderSpec;
import dev.easel.render.SceneRenderer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Render + encode of one image, as the local backend does per request image: latency per format and
 * size on one thread, and images per second with two threads (the machine's cores) at saturation.
 */
@State(Scope.Benchmark)
public class RenderBenchmark {

    @Param({"PNG", "JPEG", "WEBP"})
    public String format;

    @Param({"1024x1024", "1536x1024", "3840x2160"})
    public String size;

    @Param({"HIGH"})
    public String detail;

    /** The prompt from the design brief; it exercises sky, sun, water reflection and a boat. */
    @Param({"A paper boat floating on calm water at sunrise"})
    public String prompt;

    private final SceneRenderer renderer = new SceneRenderer();
    private RenderSpec spec;
    private ImageFormat imageFormat;

    @Setup
    public void setUp() {
        String[] wh = size.split("x");
        spec = new RenderSpec(prompt, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), Detail.valueOf(detail), false, 42);
        imageFormat = ImageFormat.valueOf(format);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] latency() {
        return ImageEncoder.encode(renderer.render(spec), imageFormat, 100);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public byte[] saturated() {
        return ImageEncoder.encode(renderer.render(spec), imageFormat, 100);
    }
}
