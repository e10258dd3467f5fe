/**
 * Compiled Simplex programs on the peer's actor runtime: {@link dev.simplex.peer.vm.ActorProgram}
 * runs {@code main} and the actors it spawns; {@link dev.simplex.peer.vm.VmRuntime} is the {@link
 * dev.simplex.sbc.RuntimePort} the executor reaches actors through.
 */
package dev.simplex.peer.vm;
