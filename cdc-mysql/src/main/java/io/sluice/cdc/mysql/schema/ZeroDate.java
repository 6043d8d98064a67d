package io.sluice.cdc.mysql.schema;

/**
 * Stands for a zero date or datetime ({@code 0000-00-00}, or a zero month or day) among normalised values, so that
 * the column's converter, which knows the column and the user's choice, decides what it becomes.
 */
public enum ZeroDate {
    INSTANCE
}
