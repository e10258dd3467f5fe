/**
 * Compiled Simplex programs on the peer's actor runtime: {@link dev.simplex.peer.vm.ActorProgram}
 * runs {@code main} and the actors it spawns; {@link dev.simplex.peer.vm.VmRuntime} is the {@link
 * dev.simplex.sbc.RuntimePort} the executor reaches actors through.
 *
 * <p>In a peer daemon, {@link dev.simplex.peer.vm.VmSwarm} runs submitted programs across the
 * swarm: {@code main} runs on the peer that got the program, actors are spawned through the router
 * under the type key {@code <module sha-256>:<Type>} (placed by load and the {@code placement} /
 * {@code name} hints), messages travel as the VM's portable values (not Java serialisation), a peer
 * that meets an unknown hash fetches the module from the grid's code registry and refuses it when
 * the bytes do not hash to the key or do not verify, a compiled actor migrates with its fields (the
 * router moves its delivery watermarks), and what a remote actor prints reaches the submitter as a
 * notice. The end of a run is found by a census of messages sent and handled on every peer (equal
 * and unchanged twice), after which its actors stop newest first.
 */
package dev.simplex.peer.vm;
