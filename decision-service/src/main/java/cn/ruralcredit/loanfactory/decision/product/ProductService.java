package cn.ruralcredit.loanfactory.decision.product;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import cn.ruralcredit.loanfactory.decision.version.VersionService;
import cn.ruralcredit.loanfactory.decision.version.VersionViews;
import cn.ruralcredit.loanfactory.rules.model.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Products of the factory: created by product managers, read by every staff role. */
@ApplicationScoped
@Transactional
public class ProductService {
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

    @Inject
    CurrentUser user;
    @Inject
    VersionService versions;
    @Inject
    cn.ruralcredit.loanfactory.decision.ruleset.CatalogCache catalog;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProductViews.Product> list() {
        return Product.<Product>list("order by code").stream().map(p -> view(p, false)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProductViews.Product get(String code) {
        return view(Product.findByCode(code).orElseThrow(() -> ProblemException.notFound("no product " + code)), true);
    }

    /**
     * Creates a product with version 1 as a draft: a copy of any product's version (with that
     * product's scenario suite, e.g. a 福民卡 variant for a new county), or the starter rule set.
     */
    public ProductViews.Product create(ProductViews.NewProduct request) {
        validate(request);
        if (Product.findByCode(request.code()).isPresent()) {
            throw ProblemException.conflict("product " + request.code() + " already exists");
        }
        RuleSetVersion original = request.copyFrom() == null ? null : versions.copySource(request.code(), request.copyFrom());
        Product product = Product.create(request.code(), request.nameZh().strip(), request.nameEn().strip(),
                request.segments(), blankToNull(request.description()), user.name());
        catalog.changedInThisTransaction();
        RuleSetVersion draft = versions.newDraft(product, original,
                original == null ? "new product" : "new product, copied from " + original.product.code + ":" + original.version);
        if (original != null) {
            for (SuiteCase c : SuiteCase.of(original.product)) SuiteCase.create(product, c.name, c.caseJson, draft.author);
        }
        return view(product, true);
    }

    private static void validate(ProductViews.NewProduct r) {
        if (r == null) throw FieldErrors.missingBody();
        FieldErrors errors = new FieldErrors()
                .refuseIf(r.code() == null || !CODE.matcher(r.code()).matches(), "code",
                        "2 to 32 upper-case letters, digits or '_', starting with a letter")
                .refuseIf(FieldErrors.blank(r.nameZh()) || r.nameZh().length() > 100, "nameZh", "is required, at most 100 characters")
                .refuseIf(FieldErrors.blank(r.nameEn()) || r.nameEn().length() > 100, "nameEn", "is required, at most 100 characters")
                .refuseIf(r.description() != null && r.description().length() > 1000, "description", "at most 1000 characters")
                .refuseIf(r.segments() == null || r.segments().isEmpty(), "segments", "name at least one segment");
        if (r.segments() != null) {
            for (int i = 0; i < r.segments().size(); i++) {
                String s = r.segments().get(i);
                errors.refuseIf(Arrays.stream(Segment.values()).noneMatch(v -> v.name().equals(s)), "segments[" + i + "]",
                        "must be one of " + Arrays.toString(Segment.values()));
            }
            errors.refuseIf(r.segments().stream().distinct().count() != r.segments().size(), "segments", "must not repeat");
        }
        errors.throwIfAny();
    }

    private static ProductViews.Product view(Product p, boolean withVersions) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        ProductViews.VersionRef inForce = RuleSetVersion.inForce(p, today).map(ProductService::ref).orElse(null);
        List<ProductViews.VersionRef> scheduled = RuleSetVersion.publishedAfter(p, today).stream().map(ProductService::ref).toList();
        List<VersionViews.Summary> all = withVersions
                ? RuleSetVersion.ofProduct(p).stream().map(VersionViews.Summary::of).toList() : null;
        return new ProductViews.Product(p.code, p.nameZh, p.nameEn, p.segmentList(), p.description, p.status, p.createdAt,
                p.createdBy, inForce, scheduled, (int) SuiteCase.count("product", p), all);
    }

    private static ProductViews.VersionRef ref(RuleSetVersion v) {
        return new ProductViews.VersionRef(v.version, v.sha256, v.effectiveFrom);
    }

    private static String blankToNull(String s) {
        return FieldErrors.blank(s) ? null : s.strip();
    }
}
