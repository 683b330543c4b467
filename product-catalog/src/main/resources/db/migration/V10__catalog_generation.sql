-- The catalog generation (issue 11): every node keeps the catalog that decisions read (products,
-- published rule set versions, the LPR history) in memory, and polls this one row to learn that
-- another node, or anyone with SQL, changed it. The triggers bump it in the same transaction as
-- the change, whoever makes it, so a node can never miss a change that committed: at worst it
-- sees it at its next poll (CatalogCache: every 100 ms, and never decides on a check older than
-- 300 ms). The node that made the change sees it at once (it invalidates its cache at commit).
CREATE TABLE catalog_generation (
    id          TINYINT     NOT NULL COMMENT 'always 1',
    generation  BIGINT      NOT NULL COMMENT 'bumped by every change to product, rule_set_version or market_rate',
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO catalog_generation (id, generation) VALUES (1, 1);

CREATE TRIGGER catalog_generation_product_ins AFTER INSERT ON product FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_product_upd AFTER UPDATE ON product FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_product_del AFTER DELETE ON product FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_version_ins AFTER INSERT ON rule_set_version FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_version_upd AFTER UPDATE ON rule_set_version FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_version_del AFTER DELETE ON rule_set_version FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_rate_ins AFTER INSERT ON market_rate FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_rate_upd AFTER UPDATE ON market_rate FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER catalog_generation_rate_del AFTER DELETE ON market_rate FOR EACH ROW
    UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1;
