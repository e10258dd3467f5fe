package dev.simplex.compiler;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Deep copies of syntax trees. Later phases annotate nodes by identity, so a trait's default method
 * body, checked once per implementing type, gets a fresh copy for each.
 */
final class AstCopier {
  private AstCopier() {}

  @SuppressWarnings("unchecked")
  static <T> T copy(T node) {
    return (T) copyAny(node);
  }

  private static Object copyAny(Object o) {
    if (o instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object x : list) out.add(copyAny(x));
      return java.util.Collections.unmodifiableList(out);
    }
    if (o == null || !o.getClass().isRecord() || o.getClass().getEnclosingClass() != Ast.class)
      return o;
    try {
      RecordComponent[] parts = o.getClass().getRecordComponents();
      Object[] values = new Object[parts.length];
      Class<?>[] types = new Class<?>[parts.length];
      for (int i = 0; i < parts.length; i++) {
        values[i] = copyAny(parts[i].getAccessor().invoke(o));
        types[i] = parts[i].getType();
      }
      Constructor<?> c = o.getClass().getDeclaredConstructor(types);
      return c.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + o.getClass().getSimpleName(), e);
    }
  }
}
