package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;

/** A page of a list: {@code page} counts from 0, {@code size} items at most (1 to {@link #MAX_SIZE}). */
public record Paging(int page, int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** Reads {@code page} and {@code size} query parameters as sent; each bad one is recorded in {@code errors}. */
    public static Paging parse(String page, String size, FieldErrors errors) {
        Integer p = QueryParams.integer(page, "page", 0, Integer.MAX_VALUE, 0,
                "must be an integer of at least 0", errors);
        Integer s = QueryParams.integer(size, "size", 1, MAX_SIZE, DEFAULT_SIZE,
                "must be an integer from 1 to " + MAX_SIZE, errors);
        return new Paging(p == null ? 0 : p, s == null ? DEFAULT_SIZE : s);
    }

    /** The position of the page's first item (a page far beyond the data is simply empty). */
    public int offset() {
        return (int) Math.min(Integer.MAX_VALUE - MAX_SIZE, (long) page * size);
    }

    /** The position of the page's last item, for a query's {@code range(offset(), last())}. */
    public int last() {
        return offset() + size - 1;
    }

    public long totalPages(long totalItems) {
        return (totalItems + size - 1) / size;
    }
}
