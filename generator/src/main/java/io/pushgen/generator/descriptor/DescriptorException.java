package io.pushgen.generator.descriptor;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A descriptor that cannot be used; carries one {@link Problem} per problem found. */
public final class DescriptorException extends Exception {
  private final List<Problem> problems;

  public DescriptorException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems =
        problems.stream()
            .sorted(
                Comparator.comparing(Problem::file)
                    .thenComparingInt(Problem::line)
                    .thenComparingInt(Problem::column))
            .toList();
  }

  public DescriptorException(Problem problem) {
    this(List.of(problem));
  }

  /** The problems, sorted by file, line and column. */
  public List<Problem> problems() {
    return problems;
  }

  /** One line per problem. */
  public List<String> lines() {
    return problems.stream().map(Problem::toString).toList();
  }
}
