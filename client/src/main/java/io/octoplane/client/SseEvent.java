package io.octoplane.client;

/**
 * One event of a Server-Sent Events stream, as dispatched by {@link SseParser}.
 *
 * @param type the {@code event} field, {@code message} when the server sent none
 * @param data the {@code data} fields joined with newlines
 */
record SseEvent(String type, String data) {
}
