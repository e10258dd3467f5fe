package dev.simplex.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The built-in embedding network: hashed n-gram features (n x buckets) times a projection matrix
 * (buckets x dim), then each row scaled to unit length. Its only parameter is the matrix.
 */
final class ProjectionBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Parameter projection;
  private final int buckets;
  private final int dim;

  ProjectionBlock(int buckets, int dim, Initializer weights) {
    super(VERSION);
    this.buckets = buckets;
    this.dim = dim;
    this.projection =
        addParameter(
            Parameter.builder()
                .setName("projection")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(buckets, dim))
                .optInitializer(weights)
                .optRequiresGrad(false)
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray features = inputs.singletonOrThrow();
    NDArray w = store.getValue(projection, features.getDevice(), training);
    NDArray raw = features.matMul(w);
    // A tiny floor keeps the division finite; features are never all-zero, so it never decides.
    NDArray norm = raw.norm(new int[] {1}, true).maximum(1e-12f);
    return new NDList(raw.div(norm));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
  }

  int buckets() {
    return buckets;
  }
}
