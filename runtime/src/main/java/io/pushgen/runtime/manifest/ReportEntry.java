package io.pushgen.runtime.manifest;

/**
 * Something a collect run did not turn into an event, such as a skipped table or an unparsed
 * statement.
 *
 * @param kind the category, e.g. {@code skipped} or {@code unparsed}
 * @param subject what it is about, e.g. {@code analytics.public.orders} or a query id
 * @param reason why it was not collected, or null when the subject says it all
 */
public record ReportEntry(String kind, String subject, String reason) {}
