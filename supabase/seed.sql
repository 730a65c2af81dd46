-- Local development data, applied after the migrations by `npm run dev` (first run), `npm run db:reset`
-- and `supabase db reset`. Never applied to production and never used by the tests.
-- Domain modules add their demo rows here as they land.
select 1;
