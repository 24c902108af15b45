package dev.shop.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code init.sql} over JDBC, exactly as psql would.
 *
 * <p>The script is written for psql, because that is what the postgres image runs. Of psql's
 * features it uses only two, handled here: {@code \getenv name VARIABLE} and the quoted
 * interpolation {@code :'name'}. Anything else starting with a backslash is refused, so the script
 * cannot drift into something only one of its two runners understands.
 */
public final class InitScript {

    private static final String RESOURCE = "/shop-db/init.sql";
    private static final Pattern GETENV = Pattern.compile("^\\\\getenv\\s+(\\w+)\\s+(\\w+)\\s*$");
    private static final Pattern QUOTED_VARIABLE = Pattern.compile(":'(\\w+)'");

    private InitScript() {
    }

    public static String text() {
        try (InputStream in = InitScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script on a connection of a role allowed to create roles and schemas. */
    public static void apply(Connection admin, Function<String, String> environment) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            // The driver sends the statements one by one, respecting dollar quoting.
            statement.execute(render(text(), environment));
        }
    }

    /** The script as plain SQL: psql's meta-commands resolved, variables replaced by literals. */
    static String render(String script, Function<String, String> environment) {
        Map<String, String> variables = new HashMap<>();
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            Matcher getenv = GETENV.matcher(trimmed);
            if (getenv.matches()) {
                String value = environment.apply(getenv.group(2));
                if (value == null || value.isEmpty()) {
                    throw new IllegalStateException("the environment variable " + getenv.group(2) + " must be set");
                }
                variables.put(getenv.group(1), value);
                sql.append('\n');
            } else if (trimmed.startsWith("--")) {
                sql.append('\n');
            } else if (trimmed.startsWith("\\")) {
                throw new IllegalStateException("unsupported psql meta-command in init.sql: " + trimmed);
            } else {
                sql.append(substitute(line, variables)).append('\n');
            }
        }
        return sql.toString();
    }

    private static String substitute(String line, Map<String, String> variables) {
        Matcher m = QUOTED_VARIABLE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("init.sql uses :'" + m.group(1) + "' before setting it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(literal(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A standard-conforming SQL string literal, as psql writes it for {@code :'name'}. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be sent to PostgreSQL");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
