package dev.easel.config;

import java.util.Optional;

/**
 * Where hosted images live when several instances must share them: an S3-compatible bucket (AWS S3,
 * MinIO, Cloudflare R2...). Absent, images stay in files under the data directory.
 *
 * @param bucket          the bucket name ({@code s3_bucket})
 * @param endpoint        the S3 API address for non-AWS stores, e.g. {@code https://<account>.r2.cloudflarestorage.com}
 *                        ({@code s3_endpoint}); absent means AWS for the region
 * @param region          signing region ({@code s3_region}); absent means {@code us-east-1} (what MinIO and
 *                        R2's {@code auto} accept)
 * @param accessKeyId     static credentials ({@code s3_access_key_id}); absent means the AWS default chain
 *                        (environment, profile, instance or task role)
 * @param secretAccessKey the secret of {@code accessKeyId} ({@code s3_secret_access_key})
 * @param prefix          key prefix inside the bucket, so Easel can share a bucket ({@code s3_prefix})
 * @param pathStyle       address the bucket as {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 *                        ({@code s3_path_style}); MinIO and most self-hosted stores need it
 * @param presignedUrls   hand out presigned bucket URLs instead of Easel links ({@code s3_presigned_urls})
 */
public record BucketConfig(String bucket, Optional<String> endpoint, Optional<String> region,
                           Optional<String> accessKeyId, Optional<String> secretAccessKey, String prefix,
                           boolean pathStyle, boolean presignedUrls) {
    public BucketConfig {
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("s3_bucket must not be blank");
        }
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("s3_access_key_id and s3_secret_access_key go together: set both, or"
                    + " neither to use the AWS default credential chain");
        }
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("s3_prefix must not start with `/` but was `" + prefix + "`");
        }
    }
}
