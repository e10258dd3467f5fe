package dev.simplex.compiler;

import dev.simplex.compiler.Type.Prim;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks interpolation format specs against the static type (E0211 at the opening brace). */
final class FormatSpecs {
  private static final Pattern SPEC =
      Pattern.compile("([<>^])?(0)?(\\d+)?(?:\\.(\\d+))?([xXbo?])?");

  private FormatSpecs() {}

  static void check(Checker ck, Ast.StrInterp in, Type t) {
    Matcher m = SPEC.matcher(in.spec());
    if (!m.matches()) {
      bad(
          ck,
          in,
          "`" + in.spec() + "` is not a format spec",
          "write [align][0][width][.N][type], e.g. `>5`, `05`, `.2` or `x`");
      return;
    }
    Type base = ExprTypes.deref(t);
    boolean numeric = base instanceof Prim p && p.isNumeric();
    boolean integer = base instanceof Prim p && p.isInt();
    boolean isFloat = base instanceof Prim p && p.isFloat();
    String type = m.group(5);
    if (m.group(2) != null && !numeric)
      bad(ck, in, "zero padding needs a number, found `" + base + "`", "remove the `0`");
    else if (m.group(4) != null && !isFloat)
      bad(ck, in, "precision `.N` needs a float, found `" + base + "`", "remove the precision");
    else if (type != null && !type.equals("?") && !integer) {
      bad(
          ck,
          in,
          "`" + type + "` formatting needs an integer, found `" + base + "`",
          "remove the `" + type + "`");
    }
  }

  private static void bad(Checker ck, Ast.StrInterp in, String message, String help) {
    ck.error("E0211", "invalid format spec: " + message, in.open(), "in this interpolation", help);
  }
}
