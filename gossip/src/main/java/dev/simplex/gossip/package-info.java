package dev.simplex.gossip;
