/**
 * The Simplex compiler: {@link dev.simplex.compiler.Compiler#compile} turns an entry {@code .sx}
 * file (and the modules it uses) into an {@link dev.simplex.sbc.SbcModule}, or into {@link
 * dev.simplex.compiler.Diagnostic}s rendered in rustc's layout. Phases are separate passes over
 * immutable trees: lexing and parsing, name resolution and type checking, ownership checking, code
 * generation.
 */
package dev.simplex.compiler;
