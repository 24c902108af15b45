package dev.shop.catalog.api;

import dev.shop.catalog.domain.Catalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

@Path("/api/categories")
@Tag(name = "Categories")
public class CategoryResource {

    private final Catalog catalog;

    CategoryResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public RestResponse<List<CategoryResponse>> list() {
        return RestResponse.ok(catalog.categories().stream().map(CategoryResponse::from).toList());
    }
}
