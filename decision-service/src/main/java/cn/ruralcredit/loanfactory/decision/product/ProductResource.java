package cn.ruralcredit.loanfactory.decision.product;

import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.decision.version.DiffService;
import cn.ruralcredit.loanfactory.decision.ruleset.StaffWorkLimit;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import cn.ruralcredit.loanfactory.decision.version.VersionService;
import cn.ruralcredit.loanfactory.decision.version.VersionViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Products of the factory (API.md): list, read, create; their history and version diffs. */
@Path("/api/v1/products")
@Tag(name = "Products", description = "Loan products, their version in force and their history")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
    @Inject
    ProductService products;
    @Inject
    VersionService versions;
    @Inject
    DiffService diffs;
    @Inject
    StaffWorkLimit limit;
    @Inject
    CurrentUser user;

    @GET
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "List products with the version in force today and those scheduled")
    public List<ProductViews.Product> list() {
        return products.list();
    }

    @POST
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Create a product", description = "Version 1 is a draft copied from copyFrom {productCode, version} "
            + "with that product's scenario suite, or the starter rule set with an empty suite.")
    @APIResponse(responseCode = "201", description = "The product with its draft version 1")
    @APIResponse(responseCode = "409", description = "The code is taken")
    public Response create(ProductViews.NewProduct request) {
        ProductViews.Product product = products.create(request);
        return Response.status(Response.Status.CREATED).entity(product)
                .header(HttpHeaders.LOCATION, "/api/v1/products/" + product.code()).build();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Read a product with every version")
    public ProductViews.Product get(@PathParam("code") String code) {
        return products.get(code);
    }

    @GET
    @Path("/{code}/history")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Lifecycle events of every version of a product, deleted drafts included, oldest first")
    public List<VersionViews.Event> history(@PathParam("code") String code) {
        return versions.history(code);
    }

    @GET
    @Path("/{code}/diff")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Diff two versions", description = "Unified DRL diff, file by file, and the product's scenario "
            + "suite run against both versions now, side by side.")
    public DiffService.Diff diff(@PathParam("code") String code, @QueryParam("from") Integer from,
                                 @QueryParam("to") Integer to) {
        if (from == null || to == null) {
            throw ProblemException.badField(from == null ? "from" : "to", "is required: the version numbers to compare");
        }
        return limit.run(user.name(), () -> diffs.diff(code, from, to));
    }
}
