package dev.simplex.compiler;

import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.CodeBuilder.Label;
import dev.simplex.sbc.Op;
import dev.simplex.sbc.SbcFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Run-time dispatch of a trait method called through a generic parameter (traits are static bounds
 * only).
 */
final class Dispatcher {
  private Dispatcher() {}

  /**
   * The run-time type key of values of {@code self}, as the {@code type_key} built-in reports it.
   */
  static String runtimeKey(Type self) {
    return switch (self) {
      case Prim p when p.isInt() -> "Int";
      case Prim p when p.isFloat() -> "Float";
      case Prim p -> p.toString();
      case Type.Adt a -> a.def().name();
      case Type.Builtin b -> b.name();
      default -> "?";
    };
  }

  static void generate(CodeGen cg, Typing.TraitCall call, int index) {
    FnSig traitSig = call.traitSig();
    CodeBuilder code = new CodeBuilder(cg.module);
    List<SbcFunction.SlotKind> kinds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < traitSig.params.size(); k++) {
      kinds.add(
          FnGen.isPrim(traitSig.params.get(k))
              ? SbcFunction.SlotKind.PRIM
              : SbcFunction.SlotKind.REF);
      names.add(traitSig.paramNames.get(k));
    }
    for (Typing.TraitImpl impl : cg.typing.traitImpls.getOrDefault(call.trait(), List.of())) {
      FnSig target = impl.methods().get(call.method());
      if (target == null || target.index < 0) continue;
      Label next = code.newLabel();
      code.emit(Op.LOAD_LOCAL, 0);
      code.emit(Op.CALL_NATIVE, dev.simplex.sbc.Natives.indexOf("type_key"), 1);
      code.pushConst(new dev.simplex.sbc.Constant.Str(runtimeKey(impl.self())));
      code.emit(Op.EQ_REF);
      code.jump(Op.JUMP_IF_FALSE, next);
      for (int k = 0; k < traitSig.params.size(); k++) {
        code.emit(Op.LOAD_LOCAL, k);
        Type from = traitSig.params.get(k);
        Type to = target.params.get(k);
        if (!FnGen.isPrim(from) && FnGen.isPrim(to)) code.emit(FnGen.unboxOp(to));
      }
      code.emit(Op.CALL, target.index);
      if (FnGen.isPrim(target.ret) && !FnGen.isPrim(traitSig.ret))
        code.emit(FnGen.boxOp(target.ret));
      code.emit(Op.RETURN);
      code.place(next);
    }
    code.pushConst(
        new dev.simplex.sbc.Constant.Str(
            "no impl of "
                + call.trait()
                + " for this value ("
                + call.method().toLowerCase(Locale.ROOT)
                + ")"));
    code.emit(Op.PANIC);
    code.finish(index, kinds, !FnGen.isPrim(traitSig.ret), names);
  }
}
