package io.github.bulwark.core.taint;

/** One step of a taint path: where in the file, and what happened to the value there. */
public record FlowStep(int line, int column, int endLine, int endColumn, String message) {}
