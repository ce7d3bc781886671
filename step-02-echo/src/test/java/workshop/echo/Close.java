package workshop.echo;

/** A close frame as a client saw it: the status code and the reason (RFC 6455 §5.5.1). */
record Close(int code, String reason) {
}
