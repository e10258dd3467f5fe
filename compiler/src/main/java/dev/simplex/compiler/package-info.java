package dev.simplex.compiler;
