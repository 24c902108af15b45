package dev.shop.catalog.api;

import dev.shop.catalog.domain.Catalog;
import dev.shop.catalog.domain.ProductQuery;
import dev.shop.catalog.domain.ProductSort;
import dev.shop.catalog.domain.ShopCurrency;
import dev.shop.common.problem.ProblemException;
import dev.shop.common.web.PublicLinks;
import dev.shop.common.web.Responses;
import dev.shop.common.web.Page;
import dev.shop.common.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/products")
@Tag(name = "Products", description = "The catalog: anyone reads it, administrators change it")
public class ProductResource {

    private static final int MAX_SEARCH_LENGTH = 100;

    private final Catalog catalog;
    private final String currency;
    private final PublicLinks links;

    ProductResource(Catalog catalog, ShopCurrency currency, PublicLinks links) {
        this.catalog = catalog;
        this.currency = currency.code();
        this.links = links;
    }

    @GET
    public RestResponse<Page<ProductResponse>> list(@RestQuery String category, @RestQuery String q,
                                                    @RestQuery String page, @RestQuery String size,
                                                    @RestQuery String sort) {
        ProductQuery query = new ProductQuery(blankToNull(category), searchText(q), sort(sort),
                PageRequest.parse(page, size));
        return RestResponse.ok(catalog.search(query).map(p -> ProductResponse.from(p, currency)));
    }

    @GET
    @Path("{id}")
    public RestResponse<ProductResponse> get(@RestPath long id) {
        return catalog.product(id)
                .map(p -> RestResponse.ok(ProductResponse.from(p, currency)))
                .orElseThrow(() -> ProblemException.notFound("No product has the id " + id + "."));
    }

    @POST
    @RolesAllowed("admin")
    public RestResponse<ProductResponse> create(@Valid @NotNull ProductRequest body) {
        requireShopCurrency(body);
        ProductResponse created = ProductResponse.from(catalog.create(body.toDetails()), currency);
        return Responses.created(links.to("api/products/{id}", created.id()), created);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("admin")
    public RestResponse<ProductResponse> replace(@RestPath long id, @Valid @NotNull ProductRequest body) {
        requireShopCurrency(body);
        return catalog.update(id, body.toDetails())
                .map(p -> RestResponse.ok(ProductResponse.from(p, currency)))
                .orElseThrow(() -> ProblemException.notFound("No product has the id " + id + "."));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public RestResponse<Void> delete(@RestPath long id) {
        if (!catalog.delete(id)) {
            throw ProblemException.notFound("No product has the id " + id + ".");
        }
        return RestResponse.noContent();
    }

    private void requireShopCurrency(ProductRequest body) {
        if (body.currency() != null && !body.currency().equals(currency)) {
            throw ProblemException.invalidField("currency", "must be " + currency + ", the shop's currency");
        }
    }

    private static ProductSort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return ProductSort.NAME;
        }
        return ProductSort.fromParameter(sort.strip()).orElseThrow(
                () -> ProblemException.invalidField("sort", "must be one of " + ProductSort.allowed()));
    }

    private static String searchText(String q) {
        String text = blankToNull(q);
        if (text != null && text.length() > MAX_SEARCH_LENGTH) {
            throw ProblemException.invalidField("q", "must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return text;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
