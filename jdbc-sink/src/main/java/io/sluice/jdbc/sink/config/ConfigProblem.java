package io.sluice.jdbc.sink.config;

/** Something wrong with the configuration, attached to the option a user must change. */
public record ConfigProblem(String option, String message) {
}
