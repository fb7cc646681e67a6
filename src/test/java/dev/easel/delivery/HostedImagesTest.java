package dev.easel.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.error.EaselException;
import dev.easel.render.ImageFormat;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostedImagesTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));

    private HostedImages hosted() {
        return new HostedImages(new FileImageStore(dir), new UrlSigner(SECRET), Duration.ofMinutes(60), clock);
    }

    @Test
    void aHostedLinkServesTheSameBytesUntilItExpires() throws Exception {
        HostedImages hosted = hosted();
        Link link = Link.parse(hosted.host(new ByteArrayInputStream(PNG), ImageFormat.PNG, "http://h:1"));

        try (var opened = hosted.open(link.id, Optional.of(link.exp), Optional.of(link.sig))) {
            assertThat(opened.content().readAllBytes()).isEqualTo(PNG);
            assertThat(opened.image().format()).isEqualTo(ImageFormat.PNG);
        }
        assertThat(link.url).startsWith("http://h:1/v1/files/images/img_");
    }

    @Test
    void aChangedSignatureIdOrExpiryIsRejected() {
        HostedImages hosted = hosted();
        Link link = Link.parse(hosted.host(new ByteArrayInputStream(PNG), ImageFormat.PNG, "http://h:1"));
        long laterExp = Long.parseLong(link.exp) + 3600;

        assertStatus(() -> hosted.open(link.id, Optional.of(link.exp), Optional.of(link.sig + "x")), 403);
        assertStatus(() -> hosted.open(link.id, Optional.of(String.valueOf(laterExp)), Optional.of(link.sig)), 403);
        assertStatus(() -> hosted.open(link.id.replace(".png", ".webp"), Optional.of(link.exp), Optional.of(link.sig)), 403);
        assertStatus(() -> hosted.open(link.id, Optional.empty(), Optional.of(link.sig)), 403);
        assertStatus(() -> hosted.open(link.id, Optional.of("soon"), Optional.of(link.sig)), 403);
        assertStatus(() -> hosted.open(link.id, Optional.of(link.exp), Optional.empty()), 403);
    }

    @Test
    void aLinkPastItsExpiryIs410() {
        HostedImages hosted = hosted();
        Link link = Link.parse(hosted.host(new ByteArrayInputStream(PNG), ImageFormat.PNG, "http://h:1"));

        clock.advance(Duration.ofMinutes(61));

        assertStatus(() -> hosted.open(link.id, Optional.of(link.exp), Optional.of(link.sig)), 410);
    }

    @Test
    void theSweeperDeletesOnlyExpiredImages() throws Exception {
        HostedImages hosted = hosted();
        hosted.host(new ByteArrayInputStream(PNG), ImageFormat.PNG, "http://h:1");
        clock.advance(Duration.ofMinutes(30));
        Link young = Link.parse(hosted.host(new ByteArrayInputStream(PNG), ImageFormat.JPEG, "http://h:1"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");

        clock.advance(Duration.ofMinutes(31));
        int deleted = hosted.sweep();

        assertThat(deleted).isEqualTo(1);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(young.id, "notes.txt");
        }
    }

    @Test
    void aSweptImageIs404EvenWithAValidSignature() {
        HostedImages hosted = new HostedImages(new FileImageStore(dir), new UrlSigner(SECRET), Duration.ofMinutes(60), clock);
        Link link = Link.parse(hosted.host(new ByteArrayInputStream(PNG), ImageFormat.PNG, "http://h:1"));
        dir.resolve(link.id).toFile().delete();

        assertStatus(() -> hosted.open(link.id, Optional.of(link.exp), Optional.of(link.sig)), 404);
    }

    @Test
    void idsThatTryToLeaveTheDirectoryAreNeverOpened() {
        FileImageStore store = new FileImageStore(dir);
        assertThat(store.open("../easel.db")).isEmpty();
        assertThat(store.open("img_1_aaaaaaaaaaaaaaaaaaaaaa.png/../../x")).isEmpty();
    }

    @Test
    void signaturesDependOnTheSecret() {
        UrlSigner a = new UrlSigner(SECRET);
        UrlSigner b = new UrlSigner("another-secret-another-secret-12".getBytes());
        assertThat(a.verify("img_1_x.png", 1, a.sign("img_1_x.png", 1))).isTrue();
        assertThat(b.verify("img_1_x.png", 1, a.sign("img_1_x.png", 1))).isFalse();
    }

    private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EaselException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private record Link(String url, String id, String exp, String sig) {
        static Link parse(String url) {
            URI uri = URI.create(url);
            String id = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
            String exp = uri.getQuery().replaceAll(".*exp=([^&]*).*", "$1");
            String sig = uri.getQuery().replaceAll(".*sig=([^&]*).*", "$1");
            return new Link(url, id, exp, sig);
        }
    }

    /** A clock the test moves forward by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
