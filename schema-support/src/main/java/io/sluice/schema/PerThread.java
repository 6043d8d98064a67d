package io.sluice.schema;

import java.util.function.Supplier;

/**
 * One value per thread, like a {@link ThreadLocal}, but the first thread to ask keeps its value in a field and
 * finds it without the thread-local map. A worker gives each task its own converters and calls them from the
 * task's thread only, so a converter's buffers are found this way on every record; the map lookup it replaces
 * cost several per cent of a task thread. Any other thread gets its own value through a {@link ThreadLocal}.
 */
public final class PerThread<T> {

    private record Owned<T>(Thread thread, T value) {
    }

    private final Supplier<T> initial;
    private final ThreadLocal<T> others;
    private volatile Owned<T> owned;

    public PerThread(Supplier<T> initial) {
        this.initial = initial;
        this.others = ThreadLocal.withInitial(initial);
    }

    public T get() {
        Thread current = Thread.currentThread();
        Owned<T> mine = owned;
        if (mine == null) {
            // Benign race: of two first threads, the one whose field write is lost uses its ThreadLocal from then on.
            mine = new Owned<>(current, initial.get());
            owned = mine;
        }
        return mine.thread() == current ? mine.value() : others.get();
    }
}
