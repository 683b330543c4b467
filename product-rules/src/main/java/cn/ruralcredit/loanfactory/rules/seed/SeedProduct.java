package cn.ruralcredit.loanfactory.rules.seed;

import cn.ruralcredit.loanfactory.rules.model.Segment;

import java.util.List;

/** A product that ships with the factory (PRODUCTS.md §2-7). */
public record SeedProduct(String code, String nameZh, String nameEn, List<Segment> segments, String description) {
}
