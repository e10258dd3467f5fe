package dev.simplex.inference;
