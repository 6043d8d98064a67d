package io.sluice.schema.event;

/** Topic names of change events: Kafka allows only ASCII letters, digits, '.', '_' and '-'. */
public final class TopicNames {

    private TopicNames() {
    }

    /** {@code name} with every character Kafka does not allow in a topic name replaced by '_', as Debezium does. */
    public static String sanitise(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!allowed && out == null) {
                out = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (out != null) {
                out.append(allowed ? c : '_');
            }
        }
        return out == null ? name : out.toString();
    }
}
