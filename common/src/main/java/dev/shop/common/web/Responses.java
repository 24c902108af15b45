package dev.shop.common.web;

import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

public final class Responses {

    private Responses() {
    }

    /** 201 with the new resource's {@code Location} and its representation. */
    public static <T> RestResponse<T> created(URI location, T body) {
        return RestResponse.ResponseBuilder.<T>created(location).entity(body).build();
    }
}
