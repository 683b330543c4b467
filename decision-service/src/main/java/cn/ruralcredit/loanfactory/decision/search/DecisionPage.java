package cn.ruralcredit.loanfactory.decision.search;

import java.util.List;

/** A page of decisions, newest first; {@code page} counts from 0. */
public record DecisionPage(List<DecisionSummary> items, int page, int size, long totalItems, long totalPages) {
}
