package cn.ruralcredit.loanfactory.rules.worker;

/**
 * A rule worker did not answer: it ran past its deadline and was killed, ran out of memory, or
 * died. The work it was doing fails closed; the next call starts a fresh worker.
 */
public class WorkerFailedException extends RuntimeException {
    public WorkerFailedException(String message) {
        super(message);
    }
}
