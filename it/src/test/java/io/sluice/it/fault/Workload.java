package io.sluice.it.fault;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A continuous mixed workload against the source database, on its own thread: inserts, updates and deletes of
 * accounts, and transfers that insert a transfer and update its account in one transaction. It is the only
 * writer of its tables, so it knows every row's version; each committed change is recorded in the
 * {@link ChangeLog} as table/key/version (or table/key/deleted) for the topic audit.
 *
 * <p>Faults cut its connection: a transaction whose commit failed is looked up again after reconnecting, so a
 * change counts exactly when it was committed.
 */
public final class Workload implements AutoCloseable {

    /** Accounts and transfers, in either engine's SQL. */
    public enum Engine {
        POSTGRES("bigint", "numeric(14,2)", "text"),
        MARIADB("BIGINT", "DECIMAL(14,2)", "TEXT");

        private final String bigint;
        private final String decimal;
        private final String text;

        Engine(String bigint, String decimal, String text) {
            this.bigint = bigint;
            this.decimal = decimal;
            this.text = text;
        }

        List<String> createTables() {
            return List.of(
                    "CREATE TABLE accounts (id " + bigint + " PRIMARY KEY, owner VARCHAR(100) NOT NULL, balance " + decimal
                            + " NOT NULL, version INT NOT NULL, note " + text + ")",
                    "CREATE TABLE transfers (id " + bigint + " PRIMARY KEY, account_id " + bigint + " NOT NULL, amount "
                            + decimal + " NOT NULL, version INT NOT NULL)");
        }
    }

    public static final List<String> TABLES = List.of("accounts", "transfers");

    private final ConnectionFactory connections;
    private final ChangeLog changes = new ChangeLog();
    private final Random random;
    private final long pauseMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean deletes = true;
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger failedCommits = new AtomicInteger();
    // rows the workload believes to exist, id -> version; changed only after a confirmed commit
    private final Map<Long, Integer> accounts = new HashMap<>();
    private final Map<Long, Integer> transfers = new HashMap<>();
    private final List<Long> accountIds = new ArrayList<>();
    private final List<Long> transferIds = new ArrayList<>();
    private long nextAccountId;
    private long nextTransferId;
    private Thread thread;
    private volatile Throwable failure;
    private Connection connection;

    /** A fresh connection to the source database (called again after a fault cut the previous one). */
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    /**
     * @param pauseMillis pause between transactions; 0 runs flat out (which a 2-core machine cannot keep up with
     *                    while it also runs the stack)
     */
    public Workload(ConnectionFactory connections, long seed, long pauseMillis) {
        this.connections = connections;
        this.random = new Random(seed);
        this.pauseMillis = pauseMillis;
    }

    /** Creates the tables and inserts {@code rows} accounts with one transfer each (not counted as changes). */
    public void createAndSeed(Engine engine, int rows) throws SQLException {
        try (Connection db = connections.open(); var sql = db.createStatement()) {
            for (String ddl : engine.createTables()) {
                sql.execute(ddl);
            }
            db.setAutoCommit(false);
            try (PreparedStatement account = db.prepareStatement(INSERT_ACCOUNT);
                    PreparedStatement transfer = db.prepareStatement(INSERT_TRANSFER)) {
                for (long id = 1; id <= rows; id++) {
                    bindAccount(account, id, 1);
                    account.addBatch();
                    bindTransfer(transfer, id, id, 1);
                    transfer.addBatch();
                    if (id % 1000 == 0 || id == rows) {
                        account.executeBatch();
                        transfer.executeBatch();
                        db.commit();
                    }
                }
            }
        }
        for (long id = 1; id <= rows; id++) {
            accounts.put(id, 1);
            accountIds.add(id);
            transfers.put(id, 1);
            transferIds.add(id);
        }
        nextAccountId = rows + 1;
        nextTransferId = rows + 1;
    }

    public void start() {
        running.set(true);
        thread = new Thread(this::loop, "workload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the current transaction; fails if the workload itself broke (not a fault it rode out). */
    public void stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(120_000);
            if (thread.isAlive()) {
                throw new IllegalStateException("the workload did not stop within 2 minutes");
            }
        }
        closeConnection();
        if (failure != null) {
            throw new IllegalStateException("the workload failed", failure);
        }
    }

    /** Runs {@code count} more transactions on the calling thread (the workload must be stopped). */
    public void runTransactions(int count) throws SQLException, InterruptedException {
        running.set(true);
        for (int i = 0; i < count; i++) {
            transactOnce();
        }
        running.set(false);
    }

    /** Waits until the workload has committed at least {@code more} further changes. */
    public void awaitMoreChanges(int more) throws InterruptedException {
        int target = changes.size() + more;
        while (changes.size() < target) {
            if (failure != null) {
                throw new IllegalStateException("the workload failed", failure);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Whether the workload deletes rows. A new snapshot cannot bring a delete that the stream lost to the target
     * (the row simply is not read), so scenarios that lose a stretch of stream on purpose turn deletes off for it.
     */
    public void deletes(boolean on) {
        deletes = on;
    }

    public ChangeLog changes() {
        return changes;
    }

    public int transactions() {
        return transactions.get();
    }

    /** Transactions whose commit failed under a fault (they were looked up again: committed or not). */
    public int failedCommits() {
        return failedCommits.get();
    }

    /** Inserts one account whose note the target may refuse; returns its id. Counted like any change. */
    public long insertAccountWithNote(String note) throws SQLException {
        long id = nextAccountId++;
        try (Connection db = connections.open(); PreparedStatement insert = db.prepareStatement(INSERT_ACCOUNT)) {
            bindAccount(insert, id, 1);
            insert.setString(5, note);
            insert.executeUpdate();
        }
        accounts.put(id, 1);
        accountIds.add(id);
        changes.add("accounts", id, 1);
        return id;
    }

    @Override
    public void close() {
        running.set(false);
        if (thread != null) {
            try {
                thread.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeConnection();
    }

    private void loop() {
        try {
            while (running.get()) {
                transactOnce();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private static final String INSERT_ACCOUNT = "INSERT INTO accounts (id, owner, balance, version, note) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_TRANSFER = "INSERT INTO transfers (id, account_id, amount, version) VALUES (?, ?, ?, ?)";

    /** One transaction: its statements, and the row states they leave (for the lookup after a failed commit). */
    private record Step(String table, long id, int version) {
        static final int DELETED = -1;
    }

    private void transactOnce() throws SQLException, InterruptedException {
        List<Step> steps = new ArrayList<>();
        int pick = random.nextInt(100);
        Connection db = connection(false);
        if (db == null) {
            return;
        }
        try {
            if (pick < 35 || accountIds.size() < 50) {
                long id = nextAccountId;
                try (PreparedStatement insert = db.prepareStatement(INSERT_ACCOUNT)) {
                    bindAccount(insert, id, 1);
                    insert.executeUpdate();
                }
                steps.add(new Step("accounts", id, 1));
            } else if (pick < 60) {
                long id = randomOf(accountIds);
                int version = accounts.get(id) + 1;
                try (PreparedStatement update = db.prepareStatement(
                        "UPDATE accounts SET balance = ?, version = ?, note = ? WHERE id = ?")) {
                    update.setBigDecimal(1, amount());
                    update.setInt(2, version);
                    update.setString(3, random.nextInt(4) == 0 ? null : "note v" + version);
                    update.setLong(4, id);
                    update.executeUpdate();
                }
                steps.add(new Step("accounts", id, version));
            } else if (pick < 70 && deletes) {
                long id = randomOf(accountIds);
                delete(db, "accounts", id);
                steps.add(new Step("accounts", id, Step.DELETED));
            } else {
                // a transfer: a new transfer row and its account's new balance in one transaction, sometimes
                // with an older transfer corrected or removed
                long account = randomOf(accountIds);
                int accountVersion = accounts.get(account) + 1;
                long transfer = nextTransferId;
                try (PreparedStatement insert = db.prepareStatement(INSERT_TRANSFER);
                        PreparedStatement update = db.prepareStatement(
                                "UPDATE accounts SET balance = balance + ?, version = ? WHERE id = ?")) {
                    BigDecimal amount = amount();
                    bindTransfer(insert, transfer, account, 1);
                    insert.setBigDecimal(3, amount);
                    insert.executeUpdate();
                    update.setBigDecimal(1, amount);
                    update.setInt(2, accountVersion);
                    update.setLong(3, account);
                    update.executeUpdate();
                }
                steps.add(new Step("transfers", transfer, 1));
                steps.add(new Step("accounts", account, accountVersion));
                if (transferIds.size() > 10 && random.nextBoolean()) {
                    long older = randomOf(transferIds);
                    if (random.nextBoolean() || !deletes) {
                        int version = transfers.get(older) + 1;
                        try (PreparedStatement correct = db.prepareStatement(
                                "UPDATE transfers SET amount = amount + 1, version = ? WHERE id = ?")) {
                            correct.setInt(1, version);
                            correct.setLong(2, older);
                            correct.executeUpdate();
                        }
                        steps.add(new Step("transfers", older, version));
                    } else {
                        delete(db, "transfers", older);
                        steps.add(new Step("transfers", older, Step.DELETED));
                    }
                }
            }
        } catch (SQLException beforeCommit) {
            // nothing was committed: roll back, reconnect, and carry on
            closeConnection();
            return;
        }
        boolean committed;
        try {
            db.commit();
            committed = true;
        } catch (SQLException commitFailed) {
            failedCommits.incrementAndGet();
            closeConnection();
            committed = lookUp(steps.get(0));
        }
        if (committed) {
            apply(steps);
        }
        transactions.incrementAndGet();
    }

    private void apply(List<Step> steps) {
        for (Step step : steps) {
            Map<Long, Integer> rows = step.table().equals("accounts") ? accounts : transfers;
            List<Long> ids = step.table().equals("accounts") ? accountIds : transferIds;
            if (step.version() == Step.DELETED) {
                rows.remove(step.id());
                ids.remove(Long.valueOf(step.id()));
                changes.addDelete(step.table(), step.id());
            } else {
                if (rows.put(step.id(), step.version()) == null) {
                    ids.add(step.id());
                }
                changes.add(step.table(), step.id(), step.version());
            }
        }
        for (Step step : steps) {
            if (step.table().equals("accounts") && step.id() >= nextAccountId) {
                nextAccountId = step.id() + 1;
            }
            if (step.table().equals("transfers") && step.id() >= nextTransferId) {
                nextTransferId = step.id() + 1;
            }
        }
    }

    /** After a failed commit: is the first step's row in the state the transaction would have left? */
    private boolean lookUp(Step step) throws InterruptedException {
        while (true) {
            Connection db = connection(true);
            try (PreparedStatement query = db.prepareStatement("SELECT version FROM " + step.table() + " WHERE id = ?")) {
                query.setLong(1, step.id());
                try (ResultSet row = query.executeQuery()) {
                    boolean exists = row.next();
                    int version = exists ? row.getInt(1) : Step.DELETED;
                    db.rollback();
                    return version == step.version();
                }
            } catch (SQLException e) {
                closeConnection();
            }
        }
    }

    /**
     * The open connection, reconnecting every 250 ms while the database refuses; null when stopped meanwhile,
     * unless {@code mustAnswer} (an open question about a commit is answered even while stopping).
     */
    private Connection connection(boolean mustAnswer) throws InterruptedException {
        while (connection == null) {
            if (!running.get() && !mustAnswer) {
                return null;
            }
            try {
                connection = connections.open();
                connection.setAutoCommit(false);
            } catch (SQLException refused) {
                connection = null;
                Thread.sleep(250);
            }
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is gone already
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone already
            }
            connection = null;
        }
    }

    private static void delete(Connection db, String table, long id) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }

    private void bindAccount(PreparedStatement insert, long id, int version) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, "owner " + id);
        insert.setBigDecimal(3, amount());
        insert.setInt(4, version);
        insert.setString(5, id % 7 == 0 ? null : "note " + id);
    }

    private void bindTransfer(PreparedStatement insert, long id, long account, int version) throws SQLException {
        insert.setLong(1, id);
        insert.setLong(2, account);
        insert.setBigDecimal(3, amount());
        insert.setInt(4, version);
    }

    private BigDecimal amount() {
        return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
    }

    private long randomOf(List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
