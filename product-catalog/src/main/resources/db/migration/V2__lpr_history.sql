-- The one-year LPR history of PRODUCTS.md 1.3; each entry is in force from its date inclusive.
INSERT INTO market_rate (rate_type, effective_from, rate_pct, created_at, created_by) VALUES
    ('LPR_1Y', '2023-08-21', 3.45, CURRENT_TIMESTAMP(3), 'seed'),
    ('LPR_1Y', '2024-07-22', 3.35, CURRENT_TIMESTAMP(3), 'seed'),
    ('LPR_1Y', '2024-10-21', 3.10, CURRENT_TIMESTAMP(3), 'seed'),
    ('LPR_1Y', '2025-05-20', 3.00, CURRENT_TIMESTAMP(3), 'seed');
