package dev.easel.api;

/** The client closed the connection while its answer was being written; the generation stops. */
final class ClientGoneException extends RuntimeException {
    ClientGoneException() {
        super("client disconnected", null, false, false);
    }
}
