package dev.simplex.compiler;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the modules a program uses (language.md §3): the root is the entry file's directory, and
 * {@code <root>/a/b.sx} is module {@code a::b}. Follows {@code use} paths from the entry module,
 * parsing each file once.
 */
final class ModuleLoader {
  private static final Set<String> EXTERNAL = Set.of("std", "ai", "log");

  private final Path root;
  private final Map<String, Checker.Unit> units = new LinkedHashMap<>();

  private ModuleLoader(Path root) {
    this.root = root;
  }

  /**
   * Loads the entry file and every module it reaches; throws on the first lexical or syntax error.
   */
  static List<Checker.Unit> load(SourceFile entry, Path root) {
    ModuleLoader loader = new ModuleLoader(root);
    Ast.FileAst ast = Parser.parse(entry);
    loader.units.put("", new Checker.Unit("", ast));
    Deque<Ast.FileAst> pending = new ArrayDeque<>(List.of(ast));
    while (!pending.isEmpty()) {
      for (Ast.UseDecl use : uses(pending.pop())) {
        Ast.FileAst loaded = loader.resolve(use);
        if (loaded != null) pending.push(loaded);
      }
    }
    return new ArrayList<>(loader.units.values());
  }

  static List<Ast.UseDecl> uses(Ast.FileAst ast) {
    List<Ast.UseDecl> out = new ArrayList<>();
    for (Ast.Item item : ast.items()) {
      if (item instanceof Ast.UseDecl u) out.add(u);
      if (item instanceof Ast.UseGroup g) out.addAll(g.uses());
    }
    return out;
  }

  /**
   * Loads the module a `use` names (the longest path prefix that is a file); null if already
   * loaded.
   */
  private Ast.FileAst resolve(Ast.UseDecl use) {
    List<String> path = use.path();
    if (EXTERNAL.contains(path.getFirst())) return null;
    if (path.getFirst().equals("modulus")) {
      throw error(
          use,
          "external package `" + String.join("::", path) + "` is not available",
          "add the package to the build");
    }
    for (int n = path.size(); n >= 1; n--) {
      List<String> modulePath = path.subList(0, n);
      String name = String.join("::", modulePath);
      if (units.containsKey(name)) return null;
      Path file = root.resolve(String.join("/", modulePath) + ".sx");
      if (Files.isRegularFile(file)) return parse(name, file, use);
    }
    throw error(
        use,
        "unresolved module `" + String.join("::", path) + "`",
        "no file " + String.join("/", path) + ".sx under " + root);
  }

  private Ast.FileAst parse(String name, Path file, Ast.UseDecl use) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw error(
          use, "module file " + root.relativize(file) + " is not valid UTF-8", "save it as UTF-8");
    } catch (IOException e) {
      throw error(use, "cannot read module file " + root.relativize(file), "check its permissions");
    }
    SourceFile source = new SourceFile(root.relativize(file).toString(), text);
    Ast.FileAst ast = Parser.parse(source);
    for (Ast.Item item : ast.items()) {
      if (item instanceof Ast.ModuleDecl m && !String.join("::", m.path()).equals(name)) {
        throw new CompileError(
            Diagnostic.error(
                "E0104",
                "module line says `"
                    + String.join("::", m.path())
                    + "` but the file is module `"
                    + name
                    + "`",
                m.span(),
                "mismatched module line",
                "write `module " + name + "` or move the file"));
      }
    }
    units.put(name, new Checker.Unit(name, ast));
    return ast;
  }

  private static CompileError error(Ast.UseDecl use, String message, String help) {
    return new CompileError(Diagnostic.error("E0104", message, use.span(), "unresolved", help));
  }
}
