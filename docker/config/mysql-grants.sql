-- The grants the Sluice MySQL CDC connector needs, plus write access to `shop` for the sink examples.
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'sluice'@'%';
GRANT ALL PRIVILEGES ON shop.* TO 'sluice'@'%';
GRANT ALL PRIVILEGES ON replica.* TO 'sluice'@'%';
CREATE DATABASE IF NOT EXISTS replica;
FLUSH PRIVILEGES;
