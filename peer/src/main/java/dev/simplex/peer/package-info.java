package dev.simplex.peer;
