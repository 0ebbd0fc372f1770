package io.github.bulwark.core.taint;

import java.util.Set;

/**
 * A sink argument whose only taint is the enclosing method's own parameters: whether it is a
 * finding depends on what the project's other files pass in, decided once every file is read.
 *
 * @param type simple name of the declaring type
 * @param name method name ({@code <init>} for a constructor)
 * @param params the parameter indexes that reach the sink
 * @param cleared sink kinds made safe on the way from the parameter to the sink
 */
public record ParameterReach(String type, Set<String> supertypes, String name, int arity,
    Set<Integer> params, Set<SinkKind> cleared) {}
