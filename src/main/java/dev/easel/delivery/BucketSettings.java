package dev.easel.delivery;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach the bucket that holds hosted images (the delivery side of the {@code s3_*} settings).
 *
 * @param bucket        bucket name
 * @param endpoint      S3 API address of a non-AWS store (MinIO, R2...); empty means AWS for {@code region}
 * @param region        signing region
 * @param credentials   static credentials; empty means the AWS default chain (environment, profile, role)
 * @param prefix        key prefix, so Easel can share a bucket; empty or ending in {@code /}
 * @param pathStyle     {@code endpoint/bucket/key} addressing, which most self-hosted stores need
 * @param presignedUrls hand out presigned bucket URLs instead of Easel links
 */
public record BucketSettings(String bucket, Optional<URI> endpoint, String region, Optional<Credentials> credentials,
                             String prefix, boolean pathStyle, boolean presignedUrls) {

    /** An access key pair. */
    public record Credentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Credentials[" + accessKeyId + ", secret hidden]"; // never print the secret in logs
        }
    }
}
