package dev.shop.user;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The service's log records while a test runs: for tests about what is, or is not, logged. */
final class CapturedLog {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    void start() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    void stop() {
        Logger.getLogger("").removeHandler(handler);
    }

    List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    /** Every record as one line: its message, its parameters and its causes. */
    List<String> lines() {
        return records.stream().map(CapturedLog::line).toList();
    }

    private static String line(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(' ').append(p);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(' ').append(t);
        }
        return line.toString();
    }
}
