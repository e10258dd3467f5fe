package dev.simplex.sbc;

import java.util.Arrays;

/** A dense f64 vector (embeddings), immutable; displayed as {@code Vector[0.6, 0.8]}. */
record VectorValue(double[] values) {
  VectorValue {
    values = values.clone();
  }

  int length() {
    return values.length;
  }

  double get(int i) {
    return values[i];
  }

  /** Left-to-right sum of products (language.md §11). */
  double dot(VectorValue o) {
    checkLength(o);
    double s = 0;
    for (int i = 0; i < values.length; i++) s += values[i] * o.values[i];
    return s;
  }

  double magnitude() {
    return Math.sqrt(dot(this));
  }

  /** Each element divided by the magnitude; a zero vector is returned unchanged. */
  VectorValue normalize() {
    double m = magnitude();
    if (m == 0) return this;
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) out[i] = values[i] / m;
    return new VectorValue(out);
  }

  /** Cosine similarity; 0.0 when either magnitude is 0. */
  double similarity(VectorValue o) {
    double d = dot(o);
    double m = magnitude() * o.magnitude();
    return m == 0 ? 0.0 : d / m;
  }

  private void checkLength(VectorValue o) {
    if (o.values.length != values.length) throw new SimplexPanic("vector length mismatch");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorValue v && Arrays.equals(v.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Vector[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(Display.f64(values[i]));
    }
    return sb.append(']').toString();
  }
}
