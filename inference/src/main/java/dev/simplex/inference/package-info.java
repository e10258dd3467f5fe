/**
 * The AI inference pool of one peer. The peer wires the language's {@code ai::} instructions to
 * {@link dev.simplex.inference.InferencePool}; this package knows nothing about the language or
 * actors.
 *
 * <ul>
 *   <li>{@link dev.simplex.inference.InferencePool}: {@code complete}, {@code stream}, {@code
 *       embed}, {@code embedBatch}, {@code classify}; every future completes normally with an
 *       {@link dev.simplex.inference.AiResult} ({@code Ok} or {@code Err(AiError, message)}).
 *   <li>{@link dev.simplex.inference.InferenceConfig}: models, tiers and the built-in models' cache
 *       directory, parsed from a small TOML-like text the peer's config file embeds.
 *   <li>{@link dev.simplex.inference.ArrowBatches}: the Arrow form of every batch and its IPC
 *       stream bytes, for shipping batches between peers.
 *   <li>{@link dev.simplex.inference.RemotePool}: the port to the other peers' pools, which the
 *       peer implements over its swarm; {@link dev.simplex.inference.InferencePool#connect} plugs
 *       it in, {@link dev.simplex.inference.InferencePool#capacity} is what the peer publishes
 *       ({@link dev.simplex.inference.PeerCapacity}), {@link
 *       dev.simplex.inference.InferencePool#serve} answers calls shipped from other peers. {@link
 *       dev.simplex.inference.Routing} ({@code route}, {@code remote_timeout_ms}) decides when a
 *       call leaves: a model this peer lacks goes to the least-loaded peer advertising it; a failed
 *       remote attempt falls back to this peer's copy or the tier's next model.
 *   <li>{@link dev.simplex.inference.RawEmbedder}: a model's DJL predictor without the batcher, for
 *       benchmarks.
 * </ul>
 *
 * <p>Built-in models ({@code simplex-embed}, {@code simplex-complete}) are generated from the
 * corpus shipped in this jar into the cache directory on first use and loaded through DJL's
 * Criteria path, like a user's model. DJL runs offline ({@code ai.djl.offline=true}) with its
 * engine cache under {@code <cache_dir>/djl}; the native PyTorch library is extracted there from
 * the pytorch-native-cpu jar, never downloaded. No JVM flag is required; {@code
 * --enable-native-access=ALL-UNNAMED} (JNA, DJL) and, on JDK 24 and later, {@code
 * --sun-misc-unsafe-memory-access=allow} (Arrow) silence the JDK's warnings, and {@code
 * --add-opens=java.base/java.nio=ALL-UNNAMED} (the peer's flags) lets an embedding batch's Arrow
 * vector become the input tensor without a copy.
 *
 * <p>Embedding calls are featurised on the caller's thread (sparse hashed n-grams) before they
 * queue; each model's batcher thread fills reused Arrow vectors and runs the predictor. PyTorch
 * operations started from a CPU model's batcher thread use half the cores (system property {@code
 * simplex.ai.cpu_threads} to change it), leaving the rest to the callers.
 */
package dev.simplex.inference;
