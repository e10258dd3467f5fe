package dev.simplex.checkpoint;
