-- Seal key rotation (README, "Tamper-evident decision log"): each seal names the key that signed
-- it, so that a new key can seal from now on while the old ones still verify what they sealed.
-- Seals made before this migration were signed with the one key there was: they get its id, k1,
-- the default of loanfactory.audit.seal-key-id. (V9: V8 is left to the work on issue 14.)
ALTER TABLE decision_seal
    ADD COLUMN key_id VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL
        COMMENT 'id of the seal key whose HMAC is in mac: loanfactory.audit.seal-key-id, or an id of old-seal-keys'
        AFTER mac;
UPDATE decision_seal SET key_id = 'k1' WHERE key_id IS NULL;
ALTER TABLE decision_seal MODIFY COLUMN key_id VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    COMMENT 'id of the seal key whose HMAC is in mac: loanfactory.audit.seal-key-id, or an id of old-seal-keys';
