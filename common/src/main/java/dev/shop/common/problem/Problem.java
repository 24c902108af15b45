package dev.shop.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param errors the request fields that were wrong, for validation problems
 * @param extensions further members specific to the problem type (e.g. the short products)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String BLANK = "about:blank";
    /** Problem types of this shop are URNs: stable names clients can match, no host to keep alive. */
    public static final String TYPE_PREFIX = "urn:shop:problem:";

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** A problem from its parts; the shop's own kinds are named in {@link ProblemType}, use it. */
    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(type, title, status, detail, null, null, null);
    }

    /**
     * An {@code about:blank} problem for a status that is not one of {@link ProblemType}'s, as a
     * framework answered it (e.g. a 405 or a 406), titled with the status's reason phrase.
     */
    public static Problem aboutBlank(int status, String reasonPhrase, String detail) {
        return of(status, BLANK, reasonPhrase, detail);
    }

    public Problem withInstance(String uri) {
        return new Problem(type, title, status, detail, uri, errors, extensions);
    }

    /** This problem as the answer to a request for {@code path}: its {@code instance}, unless it has one. */
    public Problem locatedAt(String path) {
        return instance == null ? withInstance(path) : this;
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, instance, errors, more);
    }

    @JsonAnyGetter
    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
