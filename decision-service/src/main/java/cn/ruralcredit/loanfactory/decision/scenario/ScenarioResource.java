package cn.ruralcredit.loanfactory.decision.scenario;

import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** A product's scenario suite: the cases every version must pass before review. */
@Path("/api/v1/products/{code}/scenarios")
@Tag(name = "Scenario suites", description = "The cases a product's versions are tested against")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScenarioResource {
    @Inject
    ScenarioService service;

    @GET
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "List a product's scenarios, by name")
    public List<ScenarioViews.StoredCase> list(@PathParam("code") String code) {
        return service.list(code);
    }

    @POST
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Add a scenario", description = "request must carry asOfDate; expected names decision fields only.")
    @APIResponse(responseCode = "201", description = "The stored scenario")
    public Response create(@PathParam("code") String code, ScenarioViews.CaseInput input) {
        ScenarioViews.StoredCase created = service.create(code, input);
        return Response.status(Response.Status.CREATED).entity(created)
                .header(HttpHeaders.LOCATION, "/api/v1/products/" + code + "/scenarios/" + created.name()).build();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Read a scenario")
    public ScenarioViews.StoredCase get(@PathParam("code") String code, @PathParam("name") String name) {
        return service.get(code, name);
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Replace a scenario", description = "lockVersion must be the one last read (409 otherwise).")
    public ScenarioViews.StoredCase update(@PathParam("code") String code, @PathParam("name") String name,
                                           ScenarioViews.CaseInput input) {
        return service.update(code, name, input);
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Delete a scenario", description = "lockVersion (query) must be the one last read.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("code") String code, @PathParam("name") String name,
                       @QueryParam("lockVersion") Long lockVersion) {
        service.delete(code, name, lockVersion);
    }
}
