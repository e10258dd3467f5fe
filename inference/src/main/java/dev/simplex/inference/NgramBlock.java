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
 * The built-in text generator's network: a character n-gram language model (orders 1 to 4) whose
 * only parameter is a table of next-character counts, one row per context. Input: for each sequence
 * the row of its unigram, bigram, trigram and 4-gram context (n x 4, int64). Output: the
 * next-character distribution (n x vocab), each order's counts smoothed towards the order below
 * with a Dirichlet prior, so unseen contexts fall back smoothly to shorter ones.
 */
final class NgramBlock extends AbstractBlock {
  private static final byte VERSION = 1;
  static final int ORDERS = 4;

  private final Parameter counts;
  private final int vocab;
  private final float prior;

  NgramBlock(int rows, int vocab, float prior, Initializer table) {
    super(VERSION);
    this.vocab = vocab;
    this.prior = prior;
    this.counts =
        addParameter(
            Parameter.builder()
                .setName("counts")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, vocab))
                .optInitializer(table)
                .optRequiresGrad(false)
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray contexts = inputs.singletonOrThrow();
    NDArray table = store.getValue(counts, contexts.getDevice(), training);
    NDArray p = null;
    for (int order = 0; order < ORDERS; order++) {
      NDArray c = table.get(contexts.get(":, " + order));
      NDArray total = c.sum(new int[] {1}, true);
      p = order == 0 ? c.add(1f).div(total.add(vocab)) : c.add(p.mul(prior)).div(total.add(prior));
    }
    return new NDList(p);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), vocab)};
  }
}
