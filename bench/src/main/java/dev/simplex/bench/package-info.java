package dev.simplex.bench;
