/**
 * The admin endpoint and its clients: {@link dev.simplex.peer.admin.AdminServer} serves {@code GET
 * /status}, {@code /actors}, {@code /logs[?follow=1]} and {@code /metrics} as JSON over HTTP (JDK
 * server, no dependency); {@link dev.simplex.peer.admin.SwarmCommand} is {@code simplex swarm
 * status|actors|logs}, printing aligned tables or, with {@code --json}, the endpoint's documents.
 * This package knows nothing of JGroups or Hazelcast: a running peer hands it an {@link
 * dev.simplex.peer.admin.AdminSource}.
 */
package dev.simplex.peer.admin;
