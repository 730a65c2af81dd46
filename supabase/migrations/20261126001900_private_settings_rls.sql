-- private.settings was the one table without row-level security. Nothing but the owner (the
-- SECURITY DEFINER functions that read it) has any privilege on it, so this changes no behaviour;
-- it makes "RLS on every table" true in every schema, a second wall behind the missing grants.
alter table private.settings enable row level security;
