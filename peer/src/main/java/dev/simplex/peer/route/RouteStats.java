package dev.simplex.peer.route;

/**
 * The router's counters since start.
 *
 * @param malformed ROUTING frames (or message bodies) that could not be read, dropped
 * @param duplicates messages that arrived again and were not handled a second time
 * @param redirectsSent messages bounced here because their actor lives elsewhere now
 * @param redirectsFollowed bounces that moved one of this peer's routes to a new host
 * @param lateAnswers answers to calls nobody waited for any more (an ask that timed out)
 * @param unrestored frames for an actor placed on this peer that could not be restored here in
 *     time, left with their senders unacknowledged (they resend once the actor is restored)
 * @param unplaced messages whose actor had no placement in the grid when they arrived (lost with a
 *     member, or not visible for a moment): returned to their senders' lanes, which read the
 *     placement again
 * @param replaysAsked requests to a sender for acknowledged frames a restored activation lacked
 *     (its checkpoint older than what an earlier activation acknowledged)
 */
public record RouteStats(
    long malformed,
    long duplicates,
    long redirectsSent,
    long redirectsFollowed,
    long lateAnswers,
    long unrestored,
    long unplaced,
    long replaysAsked) {}
