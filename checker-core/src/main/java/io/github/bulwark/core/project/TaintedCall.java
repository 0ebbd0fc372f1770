package io.github.bulwark.core.project;

import io.github.bulwark.core.taint.Taint;

/**
 * Untrusted data passed to a method outside its file: which method (by name, argument count and,
 * when the file shows it, the receiver's declared type), which argument, and the taint with its
 * path. Kept after the file's AST is gone so a sink in another file can be matched to it.
 */
public record TaintedCall(String file, int line, String callee, int arity, int argument,
    String receiverType, Taint taint) {}
