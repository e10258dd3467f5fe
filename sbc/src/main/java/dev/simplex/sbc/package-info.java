/**
 * Simplex bytecode (SBC): the instruction set ({@link dev.simplex.sbc.Op}, defined once), the
 * in-memory program ({@link dev.simplex.sbc.SbcModule}) built with {@link
 * dev.simplex.sbc.ModuleBuilder} and {@link dev.simplex.sbc.CodeBuilder}, the {@code .sbc} file
 * format ({@link dev.simplex.sbc.SbcWriter}, {@link dev.simplex.sbc.SbcReader}), content hashing of
 * functions, the {@link dev.simplex.sbc.Verifier}, the {@link dev.simplex.sbc.Disassembler}, and
 * the executor ({@link dev.simplex.sbc.Vm}). Actors and AI are reached only through {@link
 * dev.simplex.sbc.RuntimePort}.
 */
package dev.simplex.sbc;
