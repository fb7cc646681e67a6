-- What a key may do: owner tag, expiry, allowed models and client IPs, budget, rate limits and price
-- multiplier. Lists are stored as comma-separated text (short, read whole, never queried inside), money
-- as integer micro-dollars, the multiplier as an exact decimal string. NULL means "no limit".
ALTER TABLE api_keys ADD COLUMN owner VARCHAR(200) NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
ALTER TABLE api_keys ADD COLUMN models VARCHAR(4000) NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN allowed_ips VARCHAR(4000) NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN budget_micros BIGINT;
ALTER TABLE api_keys ADD COLUMN budget_period VARCHAR(8) NOT NULL DEFAULT 'total';
ALTER TABLE api_keys ADD COLUMN rpm INTEGER;
ALTER TABLE api_keys ADD COLUMN images_per_minute INTEGER;
ALTER TABLE api_keys ADD COLUMN max_concurrency INTEGER;
ALTER TABLE api_keys ADD COLUMN price_multiplier VARCHAR(32) NOT NULL DEFAULT '1';
