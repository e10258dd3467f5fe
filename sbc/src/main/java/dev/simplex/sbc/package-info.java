package dev.simplex.sbc;
