package cn.ruralcredit.loanfactory.rules.worker;

/** Every rule worker stayed busy for as long as the caller was willing to wait: try again later. */
public class WorkersBusyException extends RuntimeException {
    public WorkersBusyException(String message) {
        super(message);
    }
}
