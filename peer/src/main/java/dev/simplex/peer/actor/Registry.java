package dev.simplex.peer.actor;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Named actors: one live actor per name; the name is freed when that actor ends for good. */
final class Registry {
  private final Map<String, Cell> byName = new HashMap<>();

  /**
   * The live holder of {@code name} if it has the wanted type; otherwise registers the cell that
   * {@code create} makes. Throws {@link NameTakenException} when a live holder has another type.
   */
  synchronized Cell holderOrRegister(String name, String typeName, Supplier<Cell> create) {
    Cell holder = byName.get(name);
    if (holder != null && !holder.isDead()) {
      if (!holder.typeName().equals(typeName))
        throw new NameTakenException(name, holder.typeName(), typeName);
      return holder;
    }
    Cell cell = create.get();
    byName.put(name, cell);
    return cell;
  }

  synchronized Cell lookup(String name) {
    Cell c = byName.get(name);
    return c == null || c.isDead() ? null : c;
  }

  synchronized void release(String name, Cell cell) {
    byName.remove(name, cell);
  }
}
