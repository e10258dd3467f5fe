/**
 * Checkpoints in an S3-compatible bucket: {@link dev.simplex.checkpoint.s3.S3ObjectStore} is an
 * {@link dev.simplex.checkpoint.ObjectStore} on java.net.http with Signature V4, configured by
 * {@link dev.simplex.checkpoint.s3.S3Config} (the {@code checkpoint.s3.*} keys). Open a checkpoint
 * store on it with {@code ChunkedStore.open(S3ObjectStore.open(config), StoreOptions.shared())}.
 */
package dev.simplex.checkpoint.s3;
