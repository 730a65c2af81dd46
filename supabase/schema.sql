--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: private; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA private;

ALTER SCHEMA private OWNER TO postgres;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: pg_database_owner
--

CREATE SCHEMA public;

ALTER SCHEMA public OWNER TO pg_database_owner;

--
-- Name: SCHEMA public; Type: COMMENT; Schema: -; Owner: pg_database_owner
--

COMMENT ON SCHEMA public IS 'standard public schema';

--
-- Name: account_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.account_status AS ENUM (
    'active',
    'suspended',
    'banned',
    'pending_verification'
);

ALTER TYPE public.account_status OWNER TO postgres;

--
-- Name: application_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.application_status AS ENUM (
    'pending',
    'shortlisted',
    'accepted',
    'rejected',
    'withdrawn'
);

ALTER TYPE public.application_status OWNER TO postgres;

--
-- Name: assignment_role; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.assignment_role AS ENUM (
    'lead',
    'shadow',
    'core_reviewer'
);

ALTER TYPE public.assignment_role OWNER TO postgres;

--
-- Name: assignment_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.assignment_status AS ENUM (
    'invited',
    'active',
    'stepped_up',
    'completed',
    'withdrawn',
    'removed'
);

ALTER TYPE public.assignment_status OWNER TO postgres;

--
-- Name: background_check_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.background_check_status AS ENUM (
    'not_started',
    'in_progress',
    'passed',
    'failed'
);

ALTER TYPE public.background_check_status OWNER TO postgres;

--
-- Name: company_size; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.company_size AS ENUM (
    '1-10',
    '11-50',
    '51-200',
    '201-500',
    '500+'
);

ALTER TYPE public.company_size OWNER TO postgres;

--
-- Name: conversation_type; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.conversation_type AS ENUM (
    'direct',
    'mission_team',
    'support'
);

ALTER TYPE public.conversation_type OWNER TO postgres;

--
-- Name: currency_code; Type: DOMAIN; Schema: public; Owner: postgres
--

CREATE DOMAIN public.currency_code AS character(3)
	CONSTRAINT currency_code_check CHECK ((VALUE ~ '^[A-Z]{3}$'::text));

ALTER DOMAIN public.currency_code OWNER TO postgres;

--
-- Name: escrow_transaction_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.escrow_transaction_status AS ENUM (
    'pending',
    'processing',
    'completed',
    'failed',
    'refunded'
);

ALTER TYPE public.escrow_transaction_status OWNER TO postgres;

--
-- Name: escrow_transaction_type; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.escrow_transaction_type AS ENUM (
    'deposit',
    'release',
    'refund',
    'platform_fee',
    'dispute_hold',
    'dispute_release'
);

ALTER TYPE public.escrow_transaction_type OWNER TO postgres;

--
-- Name: http_url; Type: DOMAIN; Schema: public; Owner: postgres
--

CREATE DOMAIN public.http_url AS text
	CONSTRAINT http_url_check CHECK (((VALUE ~ '^https?://[^\s]+$'::text) AND (length(VALUE) <= 2048)));

ALTER DOMAIN public.http_url OWNER TO postgres;

--
-- Name: message_type; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.message_type AS ENUM (
    'text',
    'file',
    'system'
);

ALTER TYPE public.message_type OWNER TO postgres;

--
-- Name: milestone_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.milestone_status AS ENUM (
    'pending',
    'in_progress',
    'submitted',
    'approved',
    'revision',
    'paid',
    'cancelled'
);

ALTER TYPE public.milestone_status OWNER TO postgres;

--
-- Name: mission_complexity; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.mission_complexity AS ENUM (
    'easy',
    'medium',
    'hard',
    'expert'
);

ALTER TYPE public.mission_complexity OWNER TO postgres;

--
-- Name: mission_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.mission_status AS ENUM (
    'draft',
    'pending_funding',
    'open',
    'matching',
    'in_progress',
    'in_review',
    'completed',
    'cancelled',
    'disputed'
);

ALTER TYPE public.mission_status OWNER TO postgres;

--
-- Name: mission_types(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mission_types() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select array['algorithm', 'frontend', 'backend', 'fullstack', 'mobile', 'devops', 'design', 'qa', 'security', 'data', 'other']
$$;

ALTER FUNCTION private.mission_types() OWNER TO postgres;

--
-- Name: FUNCTION mission_types(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.mission_types() IS 'The mission types in their fixed order: the mission_type domain''s values, and the order matching packs per-type experience in.';

--
-- Name: mission_type; Type: DOMAIN; Schema: public; Owner: postgres
--

CREATE DOMAIN public.mission_type AS text
	CONSTRAINT mission_type_known CHECK ((VALUE = ANY (private.mission_types())));

ALTER DOMAIN public.mission_type OWNER TO postgres;

--
-- Name: DOMAIN mission_type; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON DOMAIN public.mission_type IS 'algorithm, frontend, backend, fullstack, mobile, devops, design, qa, security, data or other (private.mission_types()).';

--
-- Name: notification_priority; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.notification_priority AS ENUM (
    'basic',
    'medium',
    'urgent',
    'final'
);

ALTER TYPE public.notification_priority OWNER TO postgres;

--
-- Name: proficiency_level; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.proficiency_level AS ENUM (
    'beginner',
    'intermediate',
    'advanced',
    'expert'
);

ALTER TYPE public.proficiency_level OWNER TO postgres;

--
-- Name: proof_task_difficulty; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.proof_task_difficulty AS ENUM (
    'easy',
    'medium',
    'hard'
);

ALTER TYPE public.proof_task_difficulty OWNER TO postgres;

--
-- Name: proof_task_submission_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.proof_task_submission_status AS ENUM (
    'submitted',
    'under_review',
    'passed',
    'failed'
);

ALTER TYPE public.proof_task_submission_status OWNER TO postgres;

--
-- Name: review_direction; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.review_direction AS ENUM (
    'initiator_to_contributor',
    'contributor_to_initiator'
);

ALTER TYPE public.review_direction OWNER TO postgres;

--
-- Name: skill_category; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.skill_category AS ENUM (
    'language',
    'framework',
    'tool',
    'domain'
);

ALTER TYPE public.skill_category OWNER TO postgres;

--
-- Name: skill_importance; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.skill_importance AS ENUM (
    'required',
    'preferred',
    'nice_to_have'
);

ALTER TYPE public.skill_importance OWNER TO postgres;

--
-- Name: user_role; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.user_role AS ENUM (
    'contributor',
    'initiator',
    'admin'
);

ALTER TYPE public.user_role OWNER TO postgres;

--
-- Name: verification_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.verification_status AS ENUM (
    'pending',
    'proof_task_submitted',
    'verified',
    'rejected'
);

ALTER TYPE public.verification_status OWNER TO postgres;

--
-- Name: work_submission_status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.work_submission_status AS ENUM (
    'submitted',
    'revision_requested',
    'approved'
);

ALTER TYPE public.work_submission_status OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: mission_applications; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.mission_applications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    mission_id uuid NOT NULL,
    contributor_id uuid NOT NULL,
    cover_letter text,
    proposed_timeline integer,
    proposed_approach text,
    match_score numeric(5,2),
    status public.application_status DEFAULT 'pending'::public.application_status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    reviewed_at timestamp with time zone,
    CONSTRAINT mission_applications_cover_letter_check CHECK ((length(cover_letter) <= 10000)),
    CONSTRAINT mission_applications_match_score_check CHECK (((match_score >= (0)::numeric) AND (match_score <= (100)::numeric))),
    CONSTRAINT mission_applications_proposed_approach_check CHECK ((length(proposed_approach) <= 20000)),
    CONSTRAINT mission_applications_proposed_timeline_check CHECK (((proposed_timeline >= 1) AND (proposed_timeline <= 3650)))
);

ALTER TABLE public.mission_applications OWNER TO postgres;

--
-- Name: TABLE mission_applications; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.mission_applications IS 'A contributor''s application to a mission. Seen by the applicant, the mission''s initiator and admins.';

--
-- Name: accept_application(uuid, public.assignment_role); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.accept_application(application_id uuid, role public.assignment_role DEFAULT 'lead'::public.assignment_role) RETURNS public.mission_applications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  app public.mission_applications;
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  actors := private.application_actors(app);
  if cardinality(actors) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  if private.guard('application', 'accept', app.status::text, actors) is null then
    return app; -- already accepted: a retry
  end if;
  select * into m from public.missions where id = app.mission_id;
  if m.status not in ('open', 'matching') then
    raise exception 'The team of a mission that is % cannot change.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  perform private.add_to_team(m, app.contributor_id, role, 'active');
  return private.move_application(app, 'accept', actors);
end
$$;

ALTER FUNCTION private.accept_application(application_id uuid, role public.assignment_role) OWNER TO postgres;

--
-- Name: mission_assignments; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.mission_assignments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    mission_id uuid NOT NULL,
    contributor_id uuid NOT NULL,
    role public.assignment_role NOT NULL,
    status public.assignment_status DEFAULT 'active'::public.assignment_status NOT NULL,
    rating numeric(3,2),
    review_text text,
    assigned_at timestamp with time zone DEFAULT now() NOT NULL,
    invitation_expires_at timestamp with time zone,
    accepted_at timestamp with time zone,
    completed_at timestamp with time zone,
    ended_at timestamp with time zone,
    end_reason text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT mission_assignments_end_reason_check CHECK ((length(end_reason) <= 2000)),
    CONSTRAINT mission_assignments_rating_check CHECK (((rating >= (0)::numeric) AND (rating <= (5)::numeric))),
    CONSTRAINT mission_assignments_review_text_check CHECK ((length(review_text) <= 10000))
);

ALTER TABLE public.mission_assignments OWNER TO postgres;

--
-- Name: TABLE mission_assignments; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.mission_assignments IS 'A contributor''s place on a mission''s team.';

--
-- Name: accept_invitation(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.accept_invitation(assignment_id uuid) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  if a.status = 'invited' and a.invitation_expires_at <= private.clock() then
    raise exception 'This invitation has expired.' using errcode = 'PT409';
  end if;
  -- The team is formed while the mission is open or matching (as invite_contributor); once work has
  -- started, an invitation can no longer be accepted (start_work withdraws the pending ones).
  if a.status = 'invited' and not exists (select from public.missions m where m.id = a.mission_id and m.status in ('open', 'matching')) then
    raise exception 'Work on this mission has started: the invitation can no longer be accepted.' using errcode = 'PT409';
  end if;
  return private.move_assignment(a, 'accept_invitation', actors);
end
$$;

ALTER FUNCTION private.accept_invitation(assignment_id uuid) OWNER TO postgres;

--
-- Name: account_deletion_blocker(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.account_deletion_blocker(user_id uuid) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(
    (select format('You have %s mission(s) still running: finish or cancel them first.', count(*))
     from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
     where i.user_id = account_deletion_blocker.user_id
       and m.status in ('pending_funding', 'open', 'matching', 'in_progress', 'in_review', 'disputed')
     having count(*) > 0),
    (select format('You are on the team of %s running mission(s): leave them first.', count(*))
     from public.mission_assignments a
     join public.contributor_profiles c on c.id = a.contributor_id
     join public.missions m on m.id = a.mission_id
     where c.user_id = account_deletion_blocker.user_id and a.status in ('active', 'stepped_up')
       and m.status in ('open', 'matching', 'in_progress', 'in_review', 'disputed')
     having count(*) > 0))
$$;

ALTER FUNCTION private.account_deletion_blocker(user_id uuid) OWNER TO postgres;

--
-- Name: missions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.missions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    initiator_id uuid NOT NULL,
    title character varying(255) NOT NULL,
    slug character varying(255) NOT NULL,
    description text NOT NULL,
    problem_statement text,
    success_criteria text,
    type public.mission_type NOT NULL,
    complexity public.mission_complexity DEFAULT 'medium'::public.mission_complexity NOT NULL,
    budget_min_cents bigint NOT NULL,
    budget_max_cents bigint NOT NULL,
    currency public.currency_code DEFAULT 'USD'::bpchar NOT NULL,
    platform_fee_bps integer DEFAULT 1000 NOT NULL,
    lead_share_bps integer,
    shadow_share_bps integer,
    core_reviewer_share_bps integer,
    estimated_duration_days integer NOT NULL,
    deadline timestamp with time zone,
    max_lead_contributors integer DEFAULT 1 NOT NULL,
    max_shadow_contributors integer DEFAULT 1 NOT NULL,
    requires_core_reviewer boolean DEFAULT true NOT NULL,
    status public.mission_status DEFAULT 'draft'::public.mission_status NOT NULL,
    is_public boolean DEFAULT true NOT NULL,
    featured boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    published_at timestamp with time zone,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    cancellation_reason text,
    disputed_at timestamp with time zone,
    dispute_reason text,
    listed_status text GENERATED ALWAYS AS (
CASE
    WHEN is_public THEN
    CASE status
        WHEN 'open'::public.mission_status THEN 'open'::text
        WHEN 'matching'::public.mission_status THEN 'matching'::text
        WHEN 'in_progress'::public.mission_status THEN 'in_progress'::text
        WHEN 'in_review'::public.mission_status THEN 'in_review'::text
        WHEN 'completed'::public.mission_status THEN 'completed'::text
        ELSE NULL::text
    END
    ELSE NULL::text
END) STORED,
    CONSTRAINT missions_budget_max_cents_check CHECK ((budget_max_cents <= '100000000000'::bigint)),
    CONSTRAINT missions_budget_min_cents_check CHECK ((budget_min_cents > 0)),
    CONSTRAINT missions_cancellation_reason_check CHECK ((length(cancellation_reason) <= 2000)),
    CONSTRAINT missions_core_reviewer_share_bps_check CHECK (((core_reviewer_share_bps >= 0) AND (core_reviewer_share_bps <= 9999))),
    CONSTRAINT missions_description_check CHECK (((length(btrim(description)) >= 1) AND (length(btrim(description)) <= 50000))),
    CONSTRAINT missions_dispute_reason_check CHECK ((length(dispute_reason) <= 2000)),
    CONSTRAINT missions_estimated_duration_days_check CHECK (((estimated_duration_days >= 1) AND (estimated_duration_days <= 3650))),
    CONSTRAINT missions_lead_share_bps_check CHECK (((lead_share_bps >= 1) AND (lead_share_bps <= 10000))),
    CONSTRAINT missions_max_lead_contributors_check CHECK (((max_lead_contributors >= 1) AND (max_lead_contributors <= 5))),
    CONSTRAINT missions_max_shadow_contributors_check CHECK (((max_shadow_contributors >= 0) AND (max_shadow_contributors <= 5))),
    CONSTRAINT missions_payout_shares CHECK (((num_nulls(lead_share_bps, shadow_share_bps, core_reviewer_share_bps) = 3) OR ((num_nulls(lead_share_bps, shadow_share_bps, core_reviewer_share_bps) = 0) AND (((lead_share_bps + shadow_share_bps) + core_reviewer_share_bps) = 10000)))),
    CONSTRAINT missions_platform_fee_bps_check CHECK (((platform_fee_bps >= 0) AND (platform_fee_bps <= 5000))),
    CONSTRAINT missions_problem_statement_check CHECK ((length(problem_statement) <= 20000)),
    CONSTRAINT missions_shadow_share_bps_check CHECK (((shadow_share_bps >= 0) AND (shadow_share_bps <= 9999))),
    CONSTRAINT missions_slug_check CHECK (((slug)::text ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT missions_success_criteria_check CHECK ((length(success_criteria) <= 20000)),
    CONSTRAINT missions_title_check CHECK (((length(btrim((title)::text)) >= 3) AND (length(btrim((title)::text)) <= 255))),
    CONSTRAINT missions_valid_budget CHECK ((budget_min_cents <= budget_max_cents))
);

ALTER TABLE public.missions OWNER TO postgres;

--
-- Name: TABLE missions; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.missions IS 'A piece of software work posted by an initiator. Listed publicly from open onwards when is_public.';

--
-- Name: COLUMN missions.listed_status; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.missions.listed_status IS 'The status while the mission is listed on the public marketplace (public, open onwards, not cancelled or disputed), else null. Filter the public listing on it (listed_status=eq.open): text equality can use an index under RLS, the status enum cannot.';

--
-- Name: add_to_team(public.missions, uuid, public.assignment_role, public.assignment_status); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.add_to_team(m public.missions, contributor_id uuid, role public.assignment_role, status public.assignment_status) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  taken integer;
  room integer;
  a public.mission_assignments;
begin
  if not exists (select from public.contributor_profiles c join public.profiles p on p.id = c.user_id
                 where c.id = contributor_id and c.verification_status = 'verified' and p.account_status = 'active') then
    raise exception 'Only verified, active contributors can join a team.' using errcode = '22023';
  end if;
  -- Nobody works on their own mission, whatever profiles they hold.
  if exists (select from public.contributor_profiles c join public.initiator_profiles i on i.user_id = c.user_id
             where c.id = add_to_team.contributor_id and i.id = m.initiator_id) then
    raise exception 'The mission''s initiator cannot join its team.' using errcode = '22023';
  end if;
  select count(*) into taken from public.mission_assignments x
    where x.mission_id = m.id and x.role = add_to_team.role and x.status in ('invited', 'active', 'stepped_up');
  room := case role when 'lead' then m.max_lead_contributors when 'shadow' then m.max_shadow_contributors
                    else case when m.requires_core_reviewer then 1 else 0 end end;
  if taken >= room then
    raise exception 'The team already has its % % place(s) filled.', room, replace(role::text, '_', ' ') using errcode = 'PT409';
  end if;
  select * into a from public.mission_assignments x where x.mission_id = m.id and x.contributor_id = add_to_team.contributor_id for update;
  if found then
    if a.status in ('invited', 'active', 'stepped_up', 'completed') then
      raise exception 'This contributor is already on the team.' using errcode = '23505';
    end if;
    update public.mission_assignments set role = add_to_team.role, status = add_to_team.status, assigned_at = private.clock(),
      accepted_at = case when add_to_team.status = 'active' then private.clock() end,
      invitation_expires_at = case when add_to_team.status = 'invited'
        then private.clock() + make_interval(hours => private.setting_int('invitation_ttl_hours')) end,
      ended_at = null, end_reason = null
    where id = a.id returning * into a;
  else
    insert into public.mission_assignments (mission_id, contributor_id, role, status, assigned_at, accepted_at, invitation_expires_at)
    values (m.id, contributor_id, role, status, private.clock(),
            case when status = 'active' then private.clock() end,
            case when status = 'invited' then private.clock() + make_interval(hours => private.setting_int('invitation_ttl_hours')) end)
    returning * into a;
  end if;
  perform private.emit(case when status = 'invited' then 'invitation:sent' else 'team:joined' end, m.id, 'assignment', a.id,
    jsonb_build_object('contributor_id', contributor_id, 'role', role));
  return a;
end
$$;

ALTER FUNCTION private.add_to_team(m public.missions, contributor_id uuid, role public.assignment_role, status public.assignment_status) OWNER TO postgres;

--
-- Name: admin_analytics(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_analytics(period_start timestamp with time zone DEFAULT NULL::timestamp with time zone, period_end timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  to_at timestamptz := coalesce(period_end, private.clock());
  from_at timestamptz := coalesce(period_start, coalesce(period_end, private.clock()) - interval '30 days');
  users jsonb;
  missions jsonb;
  gross jsonb;
  held jsonb;
  fees jsonb;
  completion jsonb;
  matching jsonb;
  disputes jsonb;
begin
  perform private.require_admin();
  if from_at >= to_at then
    raise exception 'The period must start before it ends.' using errcode = '22023';
  end if;

  select jsonb_build_object(
    'total', count(*),
    'by_role', coalesce((select jsonb_object_agg(r, n) from (select primary_role::text r, count(*) n from public.profiles
                          where created_at < to_at group by 1) x), '{}'::jsonb),
    'by_status', coalesce((select jsonb_object_agg(s, n) from (select account_status::text s, count(*) n from public.profiles
                            where created_at < to_at group by 1) x), '{}'::jsonb),
    'new', count(*) filter (where created_at >= from_at),
    'new_by_role', coalesce((select jsonb_object_agg(r, n) from (select primary_role::text r, count(*) n from public.profiles
                              where created_at >= from_at and created_at < to_at group by 1) x), '{}'::jsonb))
  into users
  from public.profiles where created_at < to_at;

  select jsonb_build_object(
    'created', count(*),
    'by_status', coalesce((select jsonb_object_agg(s, n) from (select status::text s, count(*) n from public.missions
                            where created_at >= from_at and created_at < to_at group by 1) x), '{}'::jsonb))
  into missions
  from public.missions where created_at >= from_at and created_at < to_at;

  select coalesce(jsonb_object_agg(currency, total), '{}'::jsonb) into gross
  from (select m.currency::text as currency, sum(ms.amount_cents) as total
        from public.missions m join public.milestones ms on ms.mission_id = m.id
        where m.published_at >= from_at and m.published_at < to_at
        group by 1) x;

  select coalesce(jsonb_object_agg(currency, total), '{}'::jsonb) into held
  from (select e.currency::text as currency, sum(case
          when e.type in ('deposit', 'dispute_release') and e.status = 'completed' then e.amount_cents
          when e.type in ('release', 'platform_fee', 'refund', 'dispute_hold') and e.status <> 'failed' then -e.amount_cents
          else 0 end) as total
        from public.escrow_transactions e where e.created_at < to_at
        group by 1) x;

  select coalesce(jsonb_object_agg(currency, total), '{}'::jsonb) into fees
  from (select e.currency::text as currency, sum(e.amount_cents) as total
        from public.escrow_transactions e
        where e.type = 'platform_fee' and e.status = 'completed' and e.created_at >= from_at and e.created_at < to_at
        group by 1) x;

  select jsonb_build_object(
    'completed', count(*) filter (where status = 'completed'),
    'cancelled', count(*) filter (where status = 'cancelled'),
    'rate', case when count(*) = 0 then null
                 else round(100.0 * count(*) filter (where status = 'completed') / count(*), 2) end)
  into completion
  from public.missions
  where (status = 'completed' and completed_at >= from_at and completed_at < to_at)
     or (status = 'cancelled' and cancelled_at >= from_at and cancelled_at < to_at);

  select jsonb_build_object(
    'missions', count(*),
    'average', round((avg(extract(epoch from started_at - published_at)) / 3600)::numeric, 2),
    'median', round((percentile_cont(0.5) within group (order by extract(epoch from started_at - published_at)) / 3600)::numeric, 2))
  into matching
  from public.missions
  where started_at >= from_at and started_at < to_at and published_at is not null;

  select jsonb_build_object(
    'started', count(*),
    'disputed', count(*) filter (where disputed_at is not null),
    'rate', case when count(*) = 0 then null
                 else round(100.0 * count(*) filter (where disputed_at is not null) / count(*), 2) end)
  into disputes
  from public.missions
  where started_at >= from_at and started_at < to_at;

  perform private.audit('admin.analytics_viewed', 'analytics', null, null, null,
    jsonb_build_object('period_start', from_at, 'period_end', to_at));
  return jsonb_build_object(
    'period_start', from_at,
    'period_end', to_at,
    'users', users,
    'missions', missions,
    'gross_mission_value_cents', gross,
    'escrow_held_cents', held,
    'fees_earned_cents', fees,
    'completion_rate', completion,
    'time_to_match_hours', matching,
    'dispute_rate', disputes);
end
$$;

ALTER FUNCTION private.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) OWNER TO postgres;

--
-- Name: admin_delete_account(uuid, text, boolean); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_delete_account(user_id uuid, reason text, force boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  blocker text;
begin
  perform private.require_admin();
  if coalesce(btrim(reason), '') = '' then
    raise exception 'Say why you delete this account.' using errcode = '22023';
  end if;
  if admin_delete_account.user_id = private.uid() then
    raise exception 'Delete your own account with delete_my_account().' using errcode = '42501';
  end if;
  if exists (select from public.profiles p where p.id = admin_delete_account.user_id and p.primary_role = 'admin')
     and not private.is_platform() then
    raise exception 'An admin cannot delete another admin: change their role first.' using errcode = '42501';
  end if;
  blocker := private.account_deletion_blocker(admin_delete_account.user_id);
  if blocker is not null and not coalesce(force, false) then
    raise exception '%', replace(replace(blocker, 'You have', 'This user has'), 'You are', 'This user is') using errcode = 'PT409',
      hint = 'Pass force => true to delete anyway.';
  end if;
  return private.anonymize_account(admin_delete_account.user_id, btrim(reason));
end
$$;

ALTER FUNCTION private.admin_delete_account(user_id uuid, reason text, force boolean) OWNER TO postgres;

--
-- Name: admin_feature_mission(uuid, boolean); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_feature_mission(mission_id uuid, featured boolean) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
begin
  perform private.require_admin();
  if featured is null then
    raise exception 'Say whether the mission is featured.' using errcode = '22023';
  end if;
  select * into m from public.missions x where x.id = admin_feature_mission.mission_id for update;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  if featured and coalesce(m.listed_status, '') not in ('open', 'matching') then
    raise exception 'Cannot feature a mission that is %: only public missions open to contributors are featured.',
      replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  update public.missions x set featured = admin_feature_mission.featured where x.id = m.id returning * into m;
  return m;
end
$$;

ALTER FUNCTION private.admin_feature_mission(mission_id uuid, featured boolean) OWNER TO postgres;

--
-- Name: admin_list_missions(public.mission_status, text, uuid, timestamp with time zone, timestamp with time zone, integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_list_missions(status public.mission_status DEFAULT NULL::public.mission_status, search text DEFAULT NULL::text, initiator_id uuid DEFAULT NULL::uuid, created_from timestamp with time zone DEFAULT NULL::timestamp with time zone, created_to timestamp with time zone DEFAULT NULL::timestamp with time zone, page_size integer DEFAULT 50, page_offset integer DEFAULT 0) RETURNS TABLE(id uuid, title text, slug text, status public.mission_status, type public.mission_type, initiator_id uuid, initiator_name text, currency text, budget_min_cents bigint, budget_max_cents bigint, milestones_total_cents bigint, escrow_held_cents bigint, created_at timestamp with time zone, published_at timestamp with time zone, started_at timestamp with time zone, completed_at timestamp with time zone, total_count bigint)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.require_admin();
  select private.check_search(admin_list_missions.search);
  select private.audit('admin.missions_listed', 'mission', null, null, null,
    jsonb_strip_nulls(jsonb_build_object('status', admin_list_missions.status, 'search', admin_list_missions.search,
      'initiator_id', admin_list_missions.initiator_id, 'created_from', admin_list_missions.created_from,
      'created_to', admin_list_missions.created_to)));
  select m.id, m.title::text, m.slug::text, m.status, m.type, m.initiator_id, p.full_name::text, m.currency::text,
         m.budget_min_cents, m.budget_max_cents,
         (select coalesce(sum(ms.amount_cents), 0)::bigint from public.milestones ms where ms.mission_id = m.id),
         private.escrow_balance(m.id),
         m.created_at, m.published_at, m.started_at, m.completed_at, count(*) over ()
  from public.missions m
  join public.initiator_profiles i on i.id = m.initiator_id
  join public.profiles p on p.id = i.user_id
  where (admin_list_missions.status is null or m.status = admin_list_missions.status)
    and (admin_list_missions.initiator_id is null or m.initiator_id = admin_list_missions.initiator_id)
    and (admin_list_missions.created_from is null or m.created_at >= admin_list_missions.created_from)
    and (admin_list_missions.created_to is null or m.created_at < admin_list_missions.created_to)
    and (nullif(btrim(admin_list_missions.search), '') is null
         or position(lower(btrim(admin_list_missions.search)) in lower(m.title)) > 0)
  order by m.created_at desc, m.id
  limit least(greatest(coalesce(page_size, 50), 1), 200) offset greatest(coalesce(page_offset, 0), 0)
$$;

ALTER FUNCTION private.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: admin_proof_task_queue(public.proof_task_submission_status, integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_proof_task_queue(status public.proof_task_submission_status DEFAULT 'submitted'::public.proof_task_submission_status, page_size integer DEFAULT 50, page_offset integer DEFAULT 0) RETURNS TABLE(submission_id uuid, contributor_id uuid, contributor_name text, task_id uuid, task_title text, category text, difficulty public.proof_task_difficulty, time_limit_minutes integer, answer text, expected_approach text, started_at timestamp with time zone, submitted_at timestamp with time zone, time_taken_seconds integer, is_late boolean, status public.proof_task_submission_status, score numeric, total_count bigint)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.require_admin();
  select private.audit('admin.proof_task_queue_viewed', 'proof_task_submission', null, null, null,
                       jsonb_build_object('status', admin_proof_task_queue.status));
  select s.id, s.contributor_id, p.full_name::text, t.id, t.title::text, t.category::text, t.difficulty, t.time_limit_minutes,
         s.answer, g.expected_approach, s.started_at, s.created_at, s.time_taken_seconds, s.is_late, s.status, s.score,
         count(*) over ()
  from public.proof_task_submissions s
  join public.proof_tasks t on t.id = s.task_id
  join public.contributor_profiles c on c.id = s.contributor_id
  join public.profiles p on p.id = c.user_id
  left join public.proof_task_grading_guides g on g.task_id = t.id
  where admin_proof_task_queue.status is null or s.status = admin_proof_task_queue.status
  order by s.created_at, s.id
  limit least(greatest(coalesce(page_size, 50), 1), 200) offset greatest(coalesce(page_offset, 0), 0)
$$;

ALTER FUNCTION private.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: admin_read(text, text, uuid[], integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) RETURNS SETOF jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  key_column text;
  cols text;
begin
  perform private.require_admin();
  key_column := case entity
    when 'missions' then 'id' when 'milestones' then 'id' when 'mission_required_skills' then 'mission_id'
    when 'mission_applications' then 'id' when 'mission_assignments' then 'id' when 'work_submissions' then 'id'
    when 'escrow_transactions' then 'id' when 'proof_task_submissions' then 'id'
    when 'contributor_private_details' then 'contributor_id' when 'initiator_private_details' then 'initiator_id'
  end;
  if key_column is null then
    raise exception 'admin_read does not offer table %.', entity using errcode = '22023';
  end if;
  match_column := coalesce(match_column, key_column);
  if not exists (select 1 from pg_catalog.pg_attribute a
                 where a.attrelid = format('public.%I', entity)::regclass and a.attname = match_column
                   and a.atttypid = 'uuid'::regtype and not a.attisdropped
                   and pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attnum, 'SELECT')) then
    raise exception 'admin_read: % is not a uuid column of %.', match_column, entity using errcode = '22023';
  end if;
  select string_agg(format('%I', a.attname), ', ' order by a.attnum) into cols
  from pg_catalog.pg_attribute a
  where a.attrelid = format('public.%I', entity)::regclass and a.attnum > 0 and not a.attisdropped
    and pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attnum, 'SELECT');
  perform private.audit('admin.rows_read', entity, null, null, null,
    jsonb_strip_nulls(jsonb_build_object('column', match_column, 'ids', to_jsonb(ids))));
  return query execute format(
    'select to_jsonb(t) from (select %s from public.%I where $1 is null or %I = any ($1) order by %I limit $2 offset $3) t',
    cols, entity, match_column, key_column)
    using ids, least(greatest(coalesce(page_size, 100), 1), 1000), greatest(coalesce(page_offset, 0), 0);
end;
$_$;

ALTER FUNCTION private.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: admin_reconciliation(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_reconciliation() RETURNS TABLE(run_id uuid, found_at timestamp with time zone, mission_id uuid, kind text, object_id text, detail text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.require_admin();
  return query
  select f.run_id, f.found_at, f.mission_id, f.kind, f.object_id, f.detail
  from private.reconciliation_findings f
  where f.run_id = (select x.run_id from private.reconciliation_findings x order by x.found_at desc, x.id desc limit 1)
  order by f.id;
end
$$;

ALTER FUNCTION private.admin_reconciliation() OWNER TO postgres;

--
-- Name: admin_search_users(text, public.user_role, public.account_status, public.verification_status, integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_search_users(search text DEFAULT NULL::text, role public.user_role DEFAULT NULL::public.user_role, status public.account_status DEFAULT NULL::public.account_status, verification public.verification_status DEFAULT NULL::public.verification_status, page_size integer DEFAULT 50, page_offset integer DEFAULT 0) RETURNS TABLE(id uuid, full_name text, email text, primary_role public.user_role, account_status public.account_status, verification_status public.verification_status, created_at timestamp with time zone, last_login_at timestamp with time zone, banned_until timestamp with time zone, total_count bigint)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.require_admin();
  select private.check_search(admin_search_users.search);
  select private.audit('admin.users_searched', 'user', null, null, null,
    jsonb_strip_nulls(jsonb_build_object('search', admin_search_users.search, 'role', admin_search_users.role,
      'status', admin_search_users.status, 'verification', admin_search_users.verification)));
  select p.id, p.full_name::text, u.email::text, p.primary_role, p.account_status, c.verification_status, p.created_at,
         p.last_login_at, u.banned_until, count(*) over ()
  from public.profiles p
  join auth.users u on u.id = p.id
  left join public.contributor_profiles c on c.user_id = p.id
  where (admin_search_users.role is null or p.primary_role = admin_search_users.role)
    and (admin_search_users.status is null or p.account_status = admin_search_users.status)
    and (admin_search_users.verification is null or c.verification_status = admin_search_users.verification)
    and (nullif(btrim(admin_search_users.search), '') is null
         or position(lower(btrim(admin_search_users.search)) in lower(p.full_name)) > 0
         or position(lower(btrim(admin_search_users.search)) in lower(coalesce(u.email, ''))) > 0)
  order by p.created_at desc, p.id
  limit least(greatest(coalesce(page_size, 50), 1), 200) offset greatest(coalesce(page_offset, 0), 0)
$$;

ALTER FUNCTION private.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: initiator_profiles; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.initiator_profiles (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    company_name character varying(255),
    company_url public.http_url,
    company_size public.company_size,
    industry character varying(100),
    is_verified boolean DEFAULT false NOT NULL,
    verification_date timestamp with time zone,
    total_missions_posted integer DEFAULT 0 NOT NULL,
    average_rating numeric(3,2) DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT initiator_profiles_average_rating_check CHECK (((average_rating >= (0)::numeric) AND (average_rating <= (5)::numeric))),
    CONSTRAINT initiator_profiles_company_name_check CHECK ((length(btrim((company_name)::text)) >= 1)),
    CONSTRAINT initiator_profiles_total_missions_posted_check CHECK ((total_missions_posted >= 0))
);

ALTER TABLE public.initiator_profiles OWNER TO postgres;

--
-- Name: TABLE initiator_profiles; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.initiator_profiles IS 'An initiator''s public company information. Private details are in initiator_private_details.';

--
-- Name: admin_verify_company(uuid, boolean, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.admin_verify_company(initiator_id uuid, verified boolean, note text DEFAULT NULL::text) RETURNS public.initiator_profiles
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  before public.initiator_profiles;
  after public.initiator_profiles;
begin
  perform private.require_admin();
  if verified is null then
    raise exception 'Say whether the company is verified.' using errcode = '22023';
  end if;
  if length(note) > 2000 then
    raise exception 'The note can be at most 2,000 characters.' using errcode = '22023';
  end if;
  select * into before from public.initiator_profiles i where i.id = admin_verify_company.initiator_id for update;
  if not found then
    raise exception 'No such initiator.' using errcode = 'PT404';
  end if;
  if verified and coalesce(btrim(before.company_name), '') = '' then
    raise exception 'Cannot verify a company without a name.' using errcode = 'PT409';
  end if;
  update public.initiator_profiles i
  set is_verified = verified, verification_date = case when verified then now() end, updated_at = now()
  where i.id = before.id returning * into after;
  if before.is_verified is distinct from verified then
    perform private.audit(case when verified then 'initiator.company_verified' else 'initiator.company_unverified' end,
      'initiator', before.id, jsonb_build_object('is_verified', before.is_verified), jsonb_build_object('is_verified', verified),
      jsonb_strip_nulls(jsonb_build_object('note', nullif(btrim(note), ''))));
    perform private.notify(before.user_id, 'verification',
      case when verified then 'Company verified' else 'Company verification withdrawn' end,
      case when verified then format('%s is now shown as a verified company.', before.company_name)
           else format('%s is no longer shown as verified. Contact support to find out why.', before.company_name) end,
      'medium', '/settings/company', 'View company');
  end if;
  return after;
end
$$;

ALTER FUNCTION private.admin_verify_company(initiator_id uuid, verified boolean, note text) OWNER TO postgres;

--
-- Name: after_cancel(public.missions, text, public.mission_status); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.after_cancel(m public.missions, reason text, before public.mission_status) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a record;
begin
  update public.missions set cancellation_reason = left(reason, 2000) where id = m.id;
  perform private.close_open_applications(m.id);
  -- Milestones not approved end cancelled; approved ones stay until their payout (or end cancelled
  -- when escrow can no longer pay them).
  perform private.close_milestones(m.id, 'cancel');
  -- In contributor order, as everywhere a transaction touches several contributors' rows: two
  -- missions with the same team cancelled at once must not deadlock (found by the money model).
  for a in select id, contributor_id from public.mission_assignments
           where mission_id = m.id and status in ('invited', 'active', 'stepped_up') order by contributor_id loop
    update public.mission_assignments set status = 'removed', ended_at = private.clock(), end_reason = 'mission cancelled'
      where id = a.id;
    perform private.refresh_contributor_stats(a.contributor_id);
  end loop;
  if before not in ('draft', 'pending_funding') then
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', left(reason, 2000)));
  end if;
end
$$;

ALTER FUNCTION private.after_cancel(m public.missions, reason text, before public.mission_status) OWNER TO postgres;

--
-- Name: after_complete(public.missions); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.after_complete(m public.missions) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a record;
begin
  for a in select id, contributor_id from public.mission_assignments
           where mission_id = m.id and status in ('active', 'stepped_up') order by contributor_id for update loop
    update public.mission_assignments set status = 'completed', completed_at = private.clock() where id = a.id;
    perform private.refresh_contributor_stats(a.contributor_id);
  end loop;
  update public.mission_assignments set status = 'withdrawn', ended_at = private.clock(), end_reason = 'mission completed'
    where mission_id = m.id and status = 'invited';
  perform private.refresh_initiator_stats(m.initiator_id);
  perform private.emit('mission:completed', m.id, 'mission', m.id);
end
$$;

ALTER FUNCTION private.after_complete(m public.missions) OWNER TO postgres;

--
-- Name: after_lead_paid(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.after_lead_paid(milestone_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  next_one uuid;
begin
  select x.* into m from public.missions x join public.milestones ms on ms.mission_id = x.id where ms.id = after_lead_paid.milestone_id;
  select id into next_one from public.milestones x
    where x.mission_id = m.id and x.status = 'pending' order by order_index limit 1;
  if next_one is not null and m.status in ('in_progress', 'in_review')
     and not exists (select from public.milestones x where x.mission_id = m.id and x.status in ('in_progress', 'revision')) then
    update public.milestones set status = 'in_progress' where id = next_one;
  end if;
  perform private.sync_mission_with_milestones(m.id);
end
$$;

ALTER FUNCTION private.after_lead_paid(milestone_id uuid) OWNER TO postgres;

--
-- Name: anonymize_account(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.anonymize_account(user_id uuid, reason text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  uid uuid := anonymize_account.user_id;
  contributor uuid;
  initiator uuid;
  before public.account_status;
  messages_redacted integer;
  notifications_deleted integer;
  sessions_revoked integer;
  at timestamptz := private.clock();
begin
  select p.account_status into before from public.profiles p where p.id = uid for update;
  if not found then
    raise exception 'No such user.' using errcode = 'PT404';
  end if;
  if exists (select from private.account_deletions d where d.user_id = uid) then
    raise exception 'This account is already deleted.' using errcode = 'PT409';
  end if;
  select c.id into contributor from public.contributor_profiles c where c.user_id = uid;
  select i.id into initiator from public.initiator_profiles i where i.user_id = uid;

  update public.profiles set full_name = 'Deleted user', avatar_url = null, account_status = 'banned' where id = uid;
  update public.contributor_profiles set headline = null, bio = null, github_url = null, linkedin_url = null,
    portfolio_url = null, timezone = null, is_looking_for_work = false
  where id = contributor;
  delete from public.contributor_skills where contributor_id = contributor;
  update public.initiator_profiles set company_name = null, company_url = null, industry = null where id = initiator;

  update public.mission_applications set status = 'withdrawn'
    where contributor_id = contributor and status in ('pending', 'shortlisted', 'accepted');
  update public.mission_applications set cover_letter = null, proposed_approach = null
    where contributor_id = contributor and (cover_letter is not null or proposed_approach is not null);
  update public.mission_assignments set status = 'withdrawn', ended_at = at, end_reason = 'account deleted'
    where contributor_id = contributor and status = 'invited';
  delete from private.proof_task_attempts where contributor_id = contributor and submitted_at is null;
  update public.proof_task_submissions set answer = '[deleted]' where contributor_id = contributor;

  update public.messages set content = '[deleted]', attachments = '[]'::jsonb, is_deleted = true
    where sender_id = uid and (content <> '[deleted]' or attachments <> '[]'::jsonb or not is_deleted);
  get diagnostics messages_redacted = row_count;
  delete from public.notifications where notifications.user_id = uid;
  get diagnostics notifications_deleted = row_count;

  update auth.users set email = 'deleted+' || uid || '@invalid', phone = null, raw_user_meta_data = '{}'::jsonb,
    encrypted_password = '', confirmation_token = '', recovery_token = '',
    banned_until = at + interval '100 years', updated_at = now()
  where id = uid;
  delete from auth.identities where identities.user_id = uid;
  sessions_revoked := private.revoke_all_sessions(uid);
  -- Tables real Supabase Auth has and the local bootstrap may not.
  if to_regclass('auth.mfa_factors') is not null then
    execute format('delete from %I.%I where user_id = $1', 'auth', 'mfa_factors') using uid;
  end if;
  if to_regclass('auth.one_time_tokens') is not null then
    execute format('delete from %I.%I where user_id = $1', 'auth', 'one_time_tokens') using uid;
  end if;

  insert into private.account_deletions (user_id, deleted_at, deleted_by, reason) values (uid, at, private.uid(), left(reason, 2000));
  perform private.audit('user.deleted', 'user', uid, jsonb_build_object('account_status', before),
    jsonb_build_object('account_status', 'banned', 'full_name', 'Deleted user'),
    jsonb_strip_nulls(jsonb_build_object('reason', reason, 'by_self', private.uid() = uid, 'messages_redacted', messages_redacted,
      'notifications_deleted', notifications_deleted, 'sessions_revoked', sessions_revoked)));
  perform private.emit('user:deleted', null, 'user', uid);
  return jsonb_build_object('user_id', uid, 'deleted_at', at, 'messages_redacted', messages_redacted,
                            'notifications_deleted', notifications_deleted, 'sessions_revoked', sessions_revoked);
end
$_$;

ALTER FUNCTION private.anonymize_account(user_id uuid, reason text) OWNER TO postgres;

--
-- Name: application_actors(public.mission_applications); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.application_actors(app public.mission_applications) RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  actors text[] := '{}'::text[];
  m public.missions;
begin
  select * into m from public.missions where id = app.mission_id;
  if 'initiator' = any (private.mission_actors(m)) then
    actors := actors || 'initiator'::text;
  end if;
  if app.contributor_id = private.my_contributor_id() and private.is_active() then
    actors := actors || 'applicant'::text;
  end if;
  return actors;
end
$$;

ALTER FUNCTION private.application_actors(app public.mission_applications) OWNER TO postgres;

--
-- Name: apply_to_mission(uuid, text, integer, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.apply_to_mission(mission_id uuid, cover_letter text DEFAULT NULL::text, proposed_timeline integer DEFAULT NULL::integer, proposed_approach text DEFAULT NULL::text) RETURNS public.mission_applications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  contributor uuid;
  m public.missions;
  app public.mission_applications;
begin
  perform private.require_active_user();
  contributor := private.my_contributor_id();
  if contributor is null then
    raise exception 'Only contributors can apply to missions.' using errcode = '42501';
  end if;
  if not exists (select from public.contributor_profiles where id = contributor and verification_status = 'verified') then
    raise exception 'Complete your verification before applying to missions.' using errcode = '42501';
  end if;
  m := private.lock_mission(mission_id);
  perform private.require_visible(m, private.mission_actors(m));
  if m.status not in ('open', 'matching') then
    raise exception 'This mission is not accepting applications (it is %).', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  if exists (select from public.mission_assignments a where a.mission_id = m.id and a.contributor_id = contributor
             and a.status in ('invited', 'active', 'stepped_up')) then
    raise exception 'You are already on this mission''s team.' using errcode = 'PT409';
  end if;
  if proposed_timeline is not null and proposed_timeline not between 1 and 3650 then
    raise exception 'The proposed timeline must be between 1 and 3650 days.' using errcode = '22023';
  end if;
  if length(cover_letter) > 10000 or length(proposed_approach) > 20000 then
    raise exception 'The cover letter (10,000) or approach (20,000 characters) is too long.' using errcode = '22023';
  end if;

  select * into app from public.mission_applications a
    where a.mission_id = m.id and a.contributor_id = contributor for update;
  if found then
    if app.status = 'withdrawn' then
      app := private.move_application(app, 'apply', array['applicant']);
      update public.mission_applications set cover_letter = apply_to_mission.cover_letter,
        proposed_timeline = apply_to_mission.proposed_timeline, proposed_approach = apply_to_mission.proposed_approach,
        reviewed_at = null
      where id = app.id returning * into app;
      return app;
    end if;
    raise exception 'You have already applied to this mission.' using errcode = '23505';
  end if;

  insert into public.mission_applications (mission_id, contributor_id, cover_letter, proposed_timeline, proposed_approach)
  values (m.id, contributor, cover_letter, proposed_timeline, proposed_approach)
  returning * into app;
  perform private.emit('application:received', m.id, 'application', app.id, jsonb_build_object('contributor_id', contributor));
  return app;
end
$$;

ALTER FUNCTION private.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) OWNER TO postgres;

--
-- Name: milestones; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.milestones (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    mission_id uuid NOT NULL,
    title character varying(255) NOT NULL,
    description text,
    order_index integer NOT NULL,
    amount_cents bigint NOT NULL,
    status public.milestone_status DEFAULT 'pending'::public.milestone_status NOT NULL,
    revision_count integer DEFAULT 0 NOT NULL,
    due_date timestamp with time zone,
    submitted_at timestamp with time zone,
    approved_at timestamp with time zone,
    paid_at timestamp with time zone,
    deadline_reminded_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    mission_listed boolean DEFAULT false NOT NULL,
    CONSTRAINT milestones_amount_cents_check CHECK (((amount_cents > 0) AND (amount_cents <= '100000000000'::bigint))),
    CONSTRAINT milestones_description_check CHECK ((length(description) <= 20000)),
    CONSTRAINT milestones_order_index_check CHECK ((order_index >= 0)),
    CONSTRAINT milestones_revision_count_check CHECK ((revision_count >= 0)),
    CONSTRAINT milestones_title_check CHECK (((length(btrim((title)::text)) >= 1) AND (length(btrim((title)::text)) <= 255)))
);

ALTER TABLE public.milestones OWNER TO postgres;

--
-- Name: TABLE milestones; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.milestones IS 'A payable step of a mission. amount_cents is in the mission''s currency.';

--
-- Name: COLUMN milestones.mission_listed; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.milestones.mission_listed IS 'True while the mission is listed (missions.listed_status is not null). Maintained by triggers; lets RLS skip a lookup per row.';

--
-- Name: approve_delivered(public.milestones, public.missions, text[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.approve_delivered(ms public.milestones, m public.missions, actors text[]) RETURNS public.milestones
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  before public.milestone_status := ms.status;
  payee uuid;
  parts jsonb;
begin
  if ms.status = 'submitted' then
    select a.contributor_id into payee
    from public.work_submissions w join public.mission_assignments a on a.id = w.assignment_id
    where w.milestone_id = ms.id order by w.version desc limit 1;
    payee := coalesce(payee, private.payout_payee(m.id));
    if payee is null then
      raise exception 'Nobody can be paid for this milestone: the mission has no lead who delivered it.' using errcode = 'PT409';
    end if;
  end if;
  ms := private.move_milestone(ms, m, 'approve', actors);
  if before = 'submitted' and ms.status = 'approved' then
    insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    select ms.id, m.id, p.contributor_id, p.role, p.share_bps, p.payout_cents from private.split_payout(ms, m, payee) p;
    select jsonb_agg(jsonb_build_object('contributor_id', p.contributor_id, 'role', p.role, 'payout_cents', p.payout_cents)
                     order by p.role, p.contributor_id)
      into parts from public.milestone_payouts p where p.milestone_id = ms.id;
    update public.work_submissions w set status = 'approved', reviewed_at = private.clock()
      where w.id = (select id from public.work_submissions x where x.milestone_id = ms.id order by version desc limit 1);
    perform private.emit('payout:requested', m.id, 'milestone', ms.id,
      jsonb_build_object('amount_cents', ms.amount_cents, 'currency', m.currency, 'platform_fee_bps', m.platform_fee_bps,
                         'payee_contributor_id', payee, 'parts', parts,
                         'auto', 'timer' = any (actors) and not 'initiator' = any (actors)));
  end if;
  return ms;
end
$$;

ALTER FUNCTION private.approve_delivered(ms public.milestones, m public.missions, actors text[]) OWNER TO postgres;

--
-- Name: approve_milestone(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.approve_milestone(milestone_id uuid) RETURNS public.milestones
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
begin
  if not private.is_platform() then
    perform private.require_active_user();
  end if;
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if ms.status = 'paid' and actors && array['initiator', 'timer'] then
    return ms;
  end if;
  return private.approve_delivered(ms, m, actors);
end
$$;

ALTER FUNCTION private.approve_milestone(milestone_id uuid) OWNER TO postgres;

--
-- Name: notifications; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.notifications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    type character varying(50) NOT NULL,
    title character varying(255) NOT NULL,
    message text NOT NULL,
    priority public.notification_priority DEFAULT 'basic'::public.notification_priority NOT NULL,
    action_url text,
    action_label character varying(100),
    is_read boolean DEFAULT false NOT NULL,
    is_archived boolean DEFAULT false NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    read_at timestamp with time zone,
    expires_at timestamp with time zone,
    CONSTRAINT notifications_action_url_check CHECK (((action_url ~ '^(/([^/\\\s][^\s]*)?|https?://[^\s]+)$'::text) AND (length(action_url) <= 2048))),
    CONSTRAINT notifications_message_check CHECK ((length(message) <= 5000)),
    CONSTRAINT notifications_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT notifications_read_at CHECK ((is_read = (read_at IS NOT NULL))),
    CONSTRAINT notifications_title_check CHECK (((length(btrim((title)::text)) >= 1) AND (length(btrim((title)::text)) <= 255))),
    CONSTRAINT notifications_type_check CHECK (((type)::text ~ '^[a-z][a-z0-9_.:]{1,49}$'::text))
);

ALTER TABLE public.notifications OWNER TO postgres;

--
-- Name: TABLE notifications; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.notifications IS 'Notifications for one user, raised by domain events.';

--
-- Name: archive_notification(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.archive_notification(notification_id uuid) RETURNS public.notifications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  n public.notifications;
begin
  update public.notifications set is_archived = true, is_read = true, read_at = coalesce(read_at, now())
    where id = notification_id and user_id = uid returning * into n;
  if not found then
    raise exception 'No such notification.' using errcode = 'PT404';
  end if;
  return n;
end
$$;

ALTER FUNCTION private.archive_notification(notification_id uuid) OWNER TO postgres;

--
-- Name: are_http_urls(text[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.are_http_urls(urls text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $_$
  select coalesce(bool_and(u ~ '^https?://[^\s]+$' and length(u) <= 2048), true) from unnest(urls) as u
$_$;

ALTER FUNCTION private.are_http_urls(urls text[]) OWNER TO postgres;

--
-- Name: assign_contributor(uuid, uuid, public.assignment_role); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
begin
  perform private.require_admin();
  m := private.lock_mission(mission_id);
  if m.status not in ('open', 'matching', 'in_progress', 'in_review') then
    raise exception 'The team of a mission that is % cannot change.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  return private.add_to_team(m, contributor_id, role, 'active');
end
$$;

ALTER FUNCTION private.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) OWNER TO postgres;

--
-- Name: assignment_actors(public.mission_assignments); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.assignment_actors(a public.mission_assignments) RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  actors text[] := '{}'::text[];
  m public.missions;
  mine boolean := a.contributor_id = private.my_contributor_id() and private.is_active();
begin
  select * into m from public.missions where id = a.mission_id;
  actors := array(select x from unnest(private.mission_actors(m)) x where x in ('initiator', 'admin', 'timer', 'payments'));
  -- Their own place: the state decides what they may still do (accept an invitation, leave...).
  if mine then
    actors := actors || array['invitee', 'member'];
  end if;
  return actors;
end
$$;

ALTER FUNCTION private.assignment_actors(a public.mission_assignments) OWNER TO postgres;

--
-- Name: audit(text, text, uuid, jsonb, jsonb, jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.audit(action text, entity_type text, entity_id uuid, old_values jsonb DEFAULT NULL::jsonb, new_values jsonb DEFAULT NULL::jsonb, metadata jsonb DEFAULT '{}'::jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  insert into public.audit_logs (user_id, ip_address, user_agent, action, entity_type, entity_id, old_values, new_values, metadata)
  select p.id, private.client_ip(), private.request_user_agent(), audit.action, audit.entity_type, audit.entity_id,
         audit.old_values, audit.new_values,
         coalesce(audit.metadata, '{}'::jsonb) || jsonb_build_object('role', coalesce(auth.role(), session_user::text))
  from (select private.uid() as uid) c
  left join public.profiles p on p.id = c.uid;
end
$$;

ALTER FUNCTION private.audit(action text, entity_type text, entity_id uuid, old_values jsonb, new_values jsonb, metadata jsonb) OWNER TO postgres;

--
-- Name: availability_cp(integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.availability_cp(free_hours integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select (75 * least(greatest(coalesce(free_hours, 0), 0), 40) + 1) / 2
$$;

ALTER FUNCTION private.availability_cp(free_hours integer) OWNER TO postgres;

--
-- Name: profiles; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.profiles (
    id uuid NOT NULL,
    full_name character varying(255) NOT NULL,
    avatar_url public.http_url,
    primary_role public.user_role NOT NULL,
    account_status public.account_status DEFAULT 'active'::public.account_status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    last_login_at timestamp with time zone,
    email_opt_outs text[] DEFAULT '{}'::text[] NOT NULL,
    CONSTRAINT profiles_email_opt_outs_check CHECK ((email_opt_outs <@ ARRAY['welcome'::text, 'invitation'::text, 'milestone_submitted'::text, 'payment_received'::text, 'proof_task_graded'::text, 'new_message'::text])),
    CONSTRAINT profiles_full_name_check CHECK (((length(btrim((full_name)::text)) >= 1) AND (length(btrim((full_name)::text)) <= 255)))
);

ALTER TABLE public.profiles OWNER TO postgres;

--
-- Name: TABLE profiles; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.profiles IS 'One row per auth.users row: the public face of a user. Written by the signup trigger; name and avatar by the owner.';

--
-- Name: COLUMN profiles.email_opt_outs; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.profiles.email_opt_outs IS 'Email types the user does not want (auth emails are Supabase Auth''s and always sent).';

--
-- Name: ban_user(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.ban_user(user_id uuid, reason text) RETURNS public.profiles
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.set_account_status(ban_user.user_id, 'ban', ban_user.reason)
$$;

ALTER FUNCTION private.ban_user(user_id uuid, reason text) OWNER TO postgres;

--
-- Name: can_upload_work_file(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.can_upload_work_file(name text) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  parts text[] := string_to_array(name, '/');
  uuid_re constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
begin
  if private.uid() is null or not private.is_active() or cardinality(parts) <> 3
     or parts[1] !~ uuid_re or parts[2] !~ uuid_re or coalesce(parts[3], '') in ('', '.', '..') then
    return false;
  end if;
  return exists (
    select from public.milestones ms
    join public.mission_assignments a on a.mission_id = ms.mission_id
    join public.contributor_profiles c on c.id = a.contributor_id
    where ms.id = parts[2]::uuid and ms.mission_id = parts[1]::uuid and ms.status in ('in_progress', 'revision')
      and c.user_id = private.uid() and a.status in ('active', 'stepped_up'));
end
$_$;

ALTER FUNCTION private.can_upload_work_file(name text) OWNER TO postgres;

--
-- Name: FUNCTION can_upload_work_file(name text); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.can_upload_work_file(name text) IS 'True when the caller (active account, active team member) may upload this <mission>/<milestone>/<file> object: the milestone is in progress or in revision.';

--
-- Name: cancel_mission(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.cancel_mission(mission_id uuid, reason text DEFAULT NULL::text) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
  before public.mission_status;
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  before := m.status;
  m := private.move_mission(m, 'cancel', actors, jsonb_build_object('reason', left(reason, 2000)));
  if before <> 'cancelled' and m.status = 'cancelled' then
    perform private.after_cancel(m, reason, before);
  end if;
  return m;
end
$$;

ALTER FUNCTION private.cancel_mission(mission_id uuid, reason text) OWNER TO postgres;

--
-- Name: candidate_breakdowns(uuid, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.candidate_breakdowns(mission_id uuid, max_rows integer) RETURNS TABLE(candidate_rank integer, contributor_id uuid, user_id uuid, skill_match_cp integer, trust_cp integer, availability_cp integer, experience_cp integer, historical_fit_cp integer, total_cp integer, trust_score integer, proof_score numeric, explanation jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 10
    SET search_path TO ''
    SET plan_cache_mode TO 'force_generic_plan'
    SET jit TO 'off'
    AS $$
declare
  m public.missions;
  expected integer;
begin
  select * into m from public.missions x where x.id = candidate_breakdowns.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  expected := private.expected_years(m.complexity);
  return query
  with ranked as materialized (
    select r.candidate_rank, r.contributor_id, r.skill_match_cp, r.total_cp
    from private.rank_candidates(m.id, max_rows) r
  ),
  -- Each candidate against each of the mission's skills (importance order: required first).
  skill_lines as (
    select r.contributor_id,
           jsonb_agg(jsonb_build_object('skill_id', sk.id, 'name', sk.name, 'importance', rs.importance,
                                        'proficiency_level', cs.proficiency_level, 'verified', cs.verified)
                     order by rs.importance, sk.name) filter (where cs.skill_id is not null) as matched,
           jsonb_agg(jsonb_build_object('skill_id', sk.id, 'name', sk.name, 'importance', rs.importance)
                     order by rs.importance, sk.name) filter (where cs.skill_id is null) as missing
    from ranked r
    cross join public.mission_required_skills rs
    join public.skills sk on sk.id = rs.skill_id
    left join public.contributor_skills cs on cs.contributor_id = r.contributor_id and cs.skill_id = rs.skill_id
    where rs.mission_id = m.id
    group by r.contributor_id
  )
  select r.candidate_rank, r.contributor_id, mc.user_id, r.skill_match_cp, mc.trust_cp::integer, mc.availability_cp::integer,
         x.experience_cp, (r.total_cp - r.skill_match_cp - mc.trust_cp - mc.availability_cp - x.experience_cp)::integer,
         r.total_cp, mc.trust_score::integer, mc.proof_score,
         jsonb_build_object(
           'matched_skills', coalesce(sl.matched, '[]'::jsonb),
           'missing_skills', coalesce(sl.missing, '[]'::jsonb),
           'trust_score', mc.trust_score,
           'years_experience', mc.years_experience,
           'expected_years', expected,
           'missions_completed', mc.missions_completed,
           'same_type_missions_completed', coalesce((mc.completed_by_type ->> m.type::text)::integer, 0),
           'completion_rate', mc.completion_rate,
           'average_rating', mc.average_rating)
  from ranked r
  join private.match_contributors mc on mc.contributor_id = r.contributor_id
  -- experience as the ranking counted it (static part for the complexity minus the other static parts)
  cross join lateral (
    select ((case m.complexity when 'easy' then mc.static_easy_cp when 'medium' then mc.static_medium_cp
                               when 'hard' then mc.static_hard_cp else mc.static_expert_cp end)
           - mc.trust_cp - mc.availability_cp - mc.track_record_cp)::integer as experience_cp) x
  left join skill_lines sl on sl.contributor_id = r.contributor_id
  order by r.candidate_rank;
end
$$;

ALTER FUNCTION private.candidate_breakdowns(mission_id uuid, max_rows integer) OWNER TO postgres;

--
-- Name: charge_unspent(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.charge_unspent(payment_intent_id text) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select c.amount_cents
         - coalesce((select sum(r.amount_cents) from public.escrow_transactions r
                     where r.type = 'refund' and r.status <> 'failed' and r.stripe_payment_intent_id = c.payment_intent_id), 0)
         - coalesce((select sum(t.amount_cents) from public.escrow_transactions t
                     where t.type = 'release' and t.status <> 'failed' and t.stripe_charge_id = c.charge_id
                       and t.mission_id = c.mission_id), 0)
  from private.mission_charges c where c.payment_intent_id = charge_unspent.payment_intent_id
$$;

ALTER FUNCTION private.charge_unspent(payment_intent_id text) OWNER TO postgres;

--
-- Name: check_milestone_payouts(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.check_milestone_payouts(milestone_id uuid) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  parts bigint;
begin
  select * into ms from public.milestones x where x.id = check_milestone_payouts.milestone_id;
  if not found then
    return;
  end if;
  select * into m from public.missions x where x.id = ms.mission_id;
  select sum(p.payout_cents) into parts from public.milestone_payouts p where p.milestone_id = ms.id;
  if parts is null and ms.status not in ('approved', 'paid') then
    return;
  end if;
  if parts is null then
    raise exception 'An approved milestone names the parts of its payout.' using errcode = '23514';
  end if;
  if ms.status not in ('approved', 'paid') then
    raise exception 'Only an approved milestone has payout parts.' using errcode = '23514';
  end if;
  if parts <> ms.amount_cents - private.platform_fee(ms.amount_cents, m.platform_fee_bps) then
    raise exception 'The parts of a milestone payout (%) add up to its amount less the fee (%).', parts,
      ms.amount_cents - private.platform_fee(ms.amount_cents, m.platform_fee_bps) using errcode = '23514';
  end if;
  if not exists (select from public.milestone_payouts p where p.milestone_id = ms.id and p.role = 'lead') then
    raise exception 'A milestone payout has a part for the lead who delivered it.' using errcode = '23514';
  end if;
  if ms.status = 'paid' and not private.milestone_released(ms.id) then
    raise exception 'A milestone is paid only by a completed release of every part of its payout in the escrow ledger.'
      using errcode = '23514';
  end if;
end
$$;

ALTER FUNCTION private.check_milestone_payouts(milestone_id uuid) OWNER TO postgres;

--
-- Name: check_payout_split(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.check_payout_split(milestone_id uuid) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  lead uuid;
begin
  select * into ms from public.milestones x where x.id = check_payout_split.milestone_id;
  select * into m from public.missions x where x.id = ms.mission_id;
  select p.contributor_id into lead from public.milestone_payouts p where p.milestone_id = ms.id and p.role = 'lead';
  if exists (
       (select p.contributor_id, p.role, p.share_bps, p.payout_cents from public.milestone_payouts p where p.milestone_id = ms.id
        except
        select s.contributor_id, s.role, s.share_bps, s.payout_cents from private.split_payout(ms, m, lead) s)
       union all
       (select s.contributor_id, s.role, s.share_bps, s.payout_cents from private.split_payout(ms, m, lead) s
        except
        select p.contributor_id, p.role, p.share_bps, p.payout_cents from public.milestone_payouts p where p.milestone_id = ms.id)) then
    raise exception 'The parts of a milestone payout are the mission''s shares of it, split by the team''s roles.' using errcode = '23514';
  end if;
end
$$;

ALTER FUNCTION private.check_payout_split(milestone_id uuid) OWNER TO postgres;

--
-- Name: check_rate_limit(text, integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.check_rate_limit(key text, max_hits integer, window_seconds integer) RETURNS TABLE(allowed boolean, remaining integer, retry_after_seconds integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  started timestamptz := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
  count integer;
begin
  if max_hits < 1 or window_seconds < 1 then
    raise exception 'A rate limit needs max_hits >= 1 and window_seconds >= 1.' using errcode = '22023';
  end if;
  insert into private.rate_limit_counters as c (key, window_start, hits)
  values (check_rate_limit.key, started, 1)
  on conflict on constraint rate_limit_counters_pkey do update set hits = c.hits + 1
  returning c.hits into count;
  return query select count <= max_hits, greatest(max_hits - count, 0),
    case when count <= max_hits then 0
         else ceil(extract(epoch from started + make_interval(secs => window_seconds) - now()))::integer end;
end
$$;

ALTER FUNCTION private.check_rate_limit(key text, max_hits integer, window_seconds integer) OWNER TO postgres;

--
-- Name: check_request(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.check_request() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid;
  caller record;
  ip inet;
begin
  if private.is_platform() then
    return;
  end if;
  begin
    uid := private.uid();
  exception when invalid_text_representation then
    uid := null;
  end;
  -- One statement reads what the banned check needs, what the policies' helpers will ask for (the
  -- helpers then read it from people.caller: private.remember_caller explains when) and the limits'
  -- settings (five lookups through setting_text / setting_int cost this hook a quarter of its time).
  select p.account_status as status, p.primary_role as role, c.id as contributor_id, i.id as initiator_id,
         s.ip_header, s.ip_hops, s.ip_limit, s.payment_paths, s.payment_limit
    into caller
    from (select max(x.value #>> '{}') filter (where x.key = 'client_ip_header') as ip_header,
                 max(x.value #>> '{}') filter (where x.key = 'client_ip_trusted_hops') as ip_hops,
                 max(x.value #>> '{}') filter (where x.key = 'rate_limit_ip_per_minute') as ip_limit,
                 max(x.value #>> '{}') filter (where x.key = 'rate_limit_payment_paths') as payment_paths,
                 max(x.value #>> '{}') filter (where x.key = 'rate_limit_payments_per_user_per_minute') as payment_limit
            from private.settings x
            where x.key in ('client_ip_header', 'client_ip_trusted_hops', 'rate_limit_ip_per_minute',
                            'rate_limit_payment_paths', 'rate_limit_payments_per_user_per_minute')) s
    left join public.profiles p on p.id = uid
    left join public.contributor_profiles c on c.user_id = p.id
    left join public.initiator_profiles i on i.user_id = p.id;
  if caller.status = 'banned' then
    raise exception 'This account is banned.' using errcode = '42501', hint = 'Contact support if you think this is a mistake.';
  end if;
  if caller.status is not null then
    perform private.remember_caller(caller.status, caller.role, caller.contributor_id, caller.initiator_id);
  end if;

  ip := private.client_ip_from(nullif(current_setting('request.headers', true), '')::jsonb, caller.ip_header, caller.ip_hops::integer);
  if ip is not null then
    perform private.enforce_rate_limit('ip:' || private.client_ip_key(ip), caller.ip_limit::integer, 60,
      'Too many requests from your network: slow down and try again in a minute.');
  end if;

  if uid is not null and coalesce(current_setting('request.path', true), '') ~ caller.payment_paths then
    perform private.enforce_rate_limit('payments:user:' || uid, caller.payment_limit::integer, 60,
      'Too many payment requests: try again in a minute.');
  end if;
end
$$;

ALTER FUNCTION private.check_request() OWNER TO postgres;

--
-- Name: check_search(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.check_search(search text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if length(search) > 200 then
    raise exception 'Search text is at most 200 characters.' using errcode = '22023';
  end if;
end
$$;

ALTER FUNCTION private.check_search(search text) OWNER TO postgres;

--
-- Name: choose_primary_role(public.user_role); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.choose_primary_role(role public.user_role) RETURNS public.profiles
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  current public.profiles;
begin
  if role not in ('contributor', 'initiator') then
    raise exception 'Choose contributor or initiator.' using errcode = '22023';
  end if;
  select * into current from public.profiles where id = uid for update;
  if current.primary_role = role then
    return current;
  end if;
  if current.primary_role = 'admin' then
    raise exception 'Admins keep their role.' using errcode = 'PT409';
  end if;
  if exists (select from private.primary_role_switches s where s.user_id = uid) then
    raise exception 'Your role can be changed once, and it already was.' using errcode = 'PT409';
  end if;
  if exists (select from public.contributor_profiles c where c.user_id = uid and
               (c.verification_status <> 'pending' or c.total_missions_completed > 0))
     or exists (select from public.initiator_profiles i where i.user_id = uid and i.total_missions_posted > 0)
     or exists (select from private.proof_task_attempts a where a.user_id = uid) then
    raise exception 'Your role can no longer be changed: you have already started as a %.', current.primary_role
      using errcode = 'PT409';
  end if;
  insert into private.primary_role_switches (user_id, from_role, to_role) values (uid, current.primary_role, role);
  delete from public.contributor_profiles where user_id = uid;
  delete from public.initiator_profiles where user_id = uid;
  update public.profiles set primary_role = role where id = uid returning * into current;
  perform private.create_role_profile(uid, role);
  return current;
end
$$;

ALTER FUNCTION private.choose_primary_role(role public.user_role) OWNER TO postgres;

--
-- Name: jobs; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.jobs (
    id bigint NOT NULL,
    kind text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    dedupe_key text,
    status text DEFAULT 'queued'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 8 NOT NULL,
    run_after timestamp with time zone DEFAULT now() NOT NULL,
    locked_until timestamp with time zone,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT jobs_kind_check CHECK ((kind ~ '^[a-z][a-z0-9_.]{1,49}$'::text)),
    CONSTRAINT jobs_max_attempts_check CHECK (((max_attempts >= 1) AND (max_attempts <= 50))),
    CONSTRAINT jobs_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'waiting'::text, 'done'::text, 'dead'::text])))
);

ALTER TABLE private.jobs OWNER TO postgres;

--
-- Name: TABLE jobs; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.jobs IS 'The durable job queue (payouts, refunds, emails), drained by the workers with leases. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: claim_jobs(text, integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.claim_jobs(kind text, max_jobs integer DEFAULT 10, lease_seconds integer DEFAULT 60) RETURNS SETOF private.jobs
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return query
  update private.jobs j set status = 'running', attempts = j.attempts + 1,
    locked_until = now() + make_interval(secs => lease_seconds)
  where j.id in (
    select x.id from private.jobs x
    where x.kind = claim_jobs.kind
      and ((x.status = 'queued' and x.run_after <= now()) or (x.status = 'running' and x.locked_until < now()))
    order by x.run_after, x.id
    limit greatest(1, least(max_jobs, 100))
    for update skip locked)
  returning j.*;
end
$$;

ALTER FUNCTION private.claim_jobs(kind text, max_jobs integer, lease_seconds integer) OWNER TO postgres;

--
-- Name: client_ip(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.client_ip() RETURNS inet
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return private.client_ip_from(nullif(current_setting('request.headers', true), '')::jsonb,
    private.setting_text('client_ip_header'), private.setting_int('client_ip_trusted_hops'));
end
$$;

ALTER FUNCTION private.client_ip() OWNER TO postgres;

--
-- Name: FUNCTION client_ip(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.client_ip() IS 'The client''s IP address by the deployment''s one rule (settings client_ip_header, client_ip_trusted_hops). Used by the audit log and the rate limiter.';

--
-- Name: client_ip_from(jsonb, text, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.client_ip_from(headers jsonb, header text, trusted_hops integer) RETURNS inet
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
declare
  source text := lower(coalesce(header, 'x-forwarded-for'));
  hops integer := greatest(coalesce(trusted_hops, 1), 1);
  entries text[];
  candidate text;
begin
  if headers is null or source = 'none' then
    return null;
  end if;
  if source = 'x-forwarded-for' then
    entries := string_to_array(headers ->> 'x-forwarded-for', ',');
    if entries is null or cardinality(entries) < hops then
      return null;
    end if;
    candidate := btrim(entries[cardinality(entries) - hops + 1]);
  else
    candidate := btrim(headers ->> source);
  end if;
  if candidate is null or candidate = '' then
    return null;
  end if;
  return candidate::inet;
exception when others then
  return null;
end
$$;

ALTER FUNCTION private.client_ip_from(headers jsonb, header text, trusted_hops integer) OWNER TO postgres;

--
-- Name: FUNCTION client_ip_from(headers jsonb, header text, trusted_hops integer); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.client_ip_from(headers jsonb, header text, trusted_hops integer) IS 'The client''s IP address in these request headers, by the rule client_ip() explains (header name or x-forwarded-for, trusted hops).';

--
-- Name: client_ip_key(inet); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.client_ip_key(ip inet) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  return case when ip is null then null
              when family(ip) = 6 then network(set_masklen(ip, 64))::text
              else host(ip) end;
end
$$;

ALTER FUNCTION private.client_ip_key(ip inet) OWNER TO postgres;

--
-- Name: clock(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.clock() RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now());
end
$$;

ALTER FUNCTION private.clock() OWNER TO postgres;

--
-- Name: close_milestones(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.close_milestones(mission_id uuid, outcome text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  ms public.milestones;
begin
  select * into m from public.missions x where x.id = close_milestones.mission_id;
  for ms in select * from public.milestones x
            where x.mission_id = m.id and x.status in ('pending', 'in_progress', 'submitted', 'revision')
            order by x.order_index, x.id for update loop
    if outcome = 'complete' and ms.status = 'submitted' then
      perform private.approve_delivered(ms, m, array['system']);
    else
      perform private.move_milestone(ms, m, 'cancel', array['system']);
    end if;
  end loop;
end
$$;

ALTER FUNCTION private.close_milestones(mission_id uuid, outcome text) OWNER TO postgres;

--
-- Name: close_open_applications(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.close_open_applications(mission_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  app record;
begin
  for app in select id, contributor_id from public.mission_applications a
             where a.mission_id = close_open_applications.mission_id and a.status in ('pending', 'shortlisted')
             for update loop
    update public.mission_applications set status = 'rejected', reviewed_at = private.clock() where id = app.id;
    perform private.emit('application:closed', mission_id, 'application', app.id, jsonb_build_object('contributor_id', app.contributor_id));
  end loop;
end
$$;

ALTER FUNCTION private.close_open_applications(mission_id uuid) OWNER TO postgres;

--
-- Name: escrow_transactions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.escrow_transactions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    mission_id uuid NOT NULL,
    milestone_id uuid,
    initiator_id uuid NOT NULL,
    contributor_id uuid,
    type public.escrow_transaction_type NOT NULL,
    amount_cents bigint NOT NULL,
    currency public.currency_code DEFAULT 'USD'::bpchar NOT NULL,
    stripe_payment_intent_id character varying(255),
    stripe_transfer_id character varying(255),
    stripe_refund_id character varying(255),
    status public.escrow_transaction_status DEFAULT 'pending'::public.escrow_transaction_status NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    processed_at timestamp with time zone,
    stripe_charge_id character varying(255),
    stripe_dispute_id character varying(255),
    correlation_id uuid,
    CONSTRAINT escrow_release_has_payee CHECK (((type <> 'release'::public.escrow_transaction_type) OR ((contributor_id IS NOT NULL) AND (milestone_id IS NOT NULL)))),
    CONSTRAINT escrow_transactions_amount_cents_check CHECK ((amount_cents > 0)),
    CONSTRAINT escrow_transactions_description_check CHECK ((length(description) <= 2000))
);

ALTER TABLE public.escrow_transactions OWNER TO postgres;

--
-- Name: TABLE escrow_transactions; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.escrow_transactions IS 'The escrow ledger. Readable by the mission''s initiator, the paid contributor and admins; written by payment functions only.';

--
-- Name: COLUMN escrow_transactions.correlation_id; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.escrow_transactions.correlation_id IS 'Links the entries of one money move (a release and its fee).';

--
-- Name: complete_deposit(text, text, bigint, text, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.complete_deposit(payment_intent_id text, charge_id text, amount_cents bigint, currency text, mission_id uuid) RETURNS public.escrow_transactions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  e public.escrow_transactions;
  recorded_for uuid;
  plan bigint;
  booked boolean;
begin
  select x.mission_id into recorded_for from public.escrow_transactions x
    where x.stripe_payment_intent_id = complete_deposit.payment_intent_id and x.type = 'deposit' limit 1;
  if recorded_for is null then
    select c.mission_id into recorded_for from private.mission_charges c where c.payment_intent_id = complete_deposit.payment_intent_id;
  end if;
  if amount_cents is null or amount_cents <= 0 then
    raise exception 'A deposit is a positive amount of cents.' using errcode = '22023';
  end if;
  if exists (select from private.stray_charges x where x.payment_intent_id = complete_deposit.payment_intent_id) then
    return null; -- found stray before (and refunded in full): it never funds anything
  end if;
  booked := exists (select from private.mission_charges c where c.payment_intent_id = complete_deposit.payment_intent_id);
  if recorded_for is not null and recorded_for <> complete_deposit.mission_id then
    if booked then
      raise exception 'PaymentIntent % belongs to another mission: it does not fund this one.', payment_intent_id using errcode = '22023';
    end if;
    perform private.record_stray_charge(payment_intent_id, charge_id, amount_cents, currency, mission_id,
      'the PaymentIntent was recorded for another mission');
    return null;
  end if;
  m := private.lock_mission(mission_id);
  if upper(currency) is distinct from m.currency::text then
    if booked then
      raise exception 'Stripe charged in % but this mission''s escrow is in %: the payment does not fund it.', upper(currency), m.currency
        using errcode = '22023';
    end if;
    perform private.record_stray_charge(payment_intent_id, charge_id, amount_cents, currency, mission_id,
      format('charged in %s, the mission''s escrow is in %s', upper(currency), m.currency));
    return null;
  end if;
  select * into e from public.escrow_transactions x
    where x.stripe_payment_intent_id = complete_deposit.payment_intent_id and x.type = 'deposit' and x.status <> 'failed' for update;
  if found and e.status = 'completed' then
    if e.amount_cents <> amount_cents then
      raise exception 'PaymentIntent % was booked for % cents, not %.', payment_intent_id, e.amount_cents, amount_cents using errcode = '22023';
    end if;
    return e; -- a replay
  end if;
  insert into private.mission_charges (payment_intent_id, mission_id, charge_id, amount_cents, currency)
  values (payment_intent_id, m.id, charge_id, amount_cents, upper(currency))
  on conflict on constraint mission_charges_pkey do update set charge_id = coalesce(private.mission_charges.charge_id, excluded.charge_id);
  if found and e.id is not null and e.amount_cents = amount_cents then
    update public.escrow_transactions set status = 'completed', processed_at = now(), stripe_charge_id = coalesce(stripe_charge_id, charge_id)
      where id = e.id returning * into e;
  else
    if e.id is not null then
      -- Stripe charged another amount than was asked: the asked-for entry ends, what was charged is booked.
      update public.escrow_transactions set status = 'failed', processed_at = now() where id = e.id;
    end if;
    insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id,
                                            stripe_charge_id, status, processed_at, description)
    values (m.id, m.initiator_id, 'deposit', amount_cents, upper(currency), payment_intent_id, charge_id, 'completed', now(), 'Escrow deposit')
    returning * into e;
  end if;
  select coalesce(sum(x.amount_cents), 0) into plan from public.milestones x where x.mission_id = m.id;
  if m.status = 'pending_funding' and amount_cents >= plan then
    perform private.mark_mission_funded(m.id);
    if amount_cents > plan then
      perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'paid more than the plan'));
    end if;
  elsif m.status = 'pending_funding' then
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'the deposit does not cover the plan'));
  elsif m.status = 'cancelled' then
    -- Paid after the mission was cancelled: the money goes back.
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'paid after cancellation'));
  else
    -- A second deposit for a mission already funded: it goes back.
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'second deposit'));
  end if;
  return e;
end
$$;

ALTER FUNCTION private.complete_deposit(payment_intent_id text, charge_id text, amount_cents bigint, currency text, mission_id uuid) OWNER TO postgres;

--
-- Name: complete_job(bigint); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.complete_job(job_id bigint) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update private.jobs set status = 'done', locked_until = null, last_error = null where id = job_id
$$;

ALTER FUNCTION private.complete_job(job_id bigint) OWNER TO postgres;

--
-- Name: consent_to_background_check(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.consent_to_background_check() RETURNS TABLE(background_check_status public.background_check_status, background_check_consented_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  details public.contributor_private_details;
begin
  select d.* into details
  from public.contributor_private_details d join public.contributor_profiles c on c.id = d.contributor_id
  where c.user_id = uid
  for update of d;
  if not found then
    raise exception 'Only contributors can consent to a background check.' using errcode = '42501';
  end if;
  if details.background_check_status not in ('not_started', 'failed') then
    raise exception 'Cannot start a background check: it is %.', replace(details.background_check_status::text, '_', ' ')
      using errcode = 'PT409';
  end if;
  update public.contributor_private_details d
  set background_check_status = 'in_progress', background_check_consented_at = now(), background_check_date = null,
      updated_at = now()
  where d.contributor_id = details.contributor_id;
  perform private.audit('contributor.background_check_consented', 'contributor', details.contributor_id,
    jsonb_build_object('background_check_status', details.background_check_status),
    jsonb_build_object('background_check_status', 'in_progress'));
  return query select 'in_progress'::public.background_check_status, now();
end
$$;

ALTER FUNCTION private.consent_to_background_check() OWNER TO postgres;

--
-- Name: contributor_in_good_standing(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.contributor_in_good_standing(contributor_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select exists (select from public.contributor_profiles c join public.profiles p on p.id = c.user_id
                 where c.id = contributor_in_good_standing.contributor_id and p.account_status = 'active')
$$;

ALTER FUNCTION private.contributor_in_good_standing(contributor_id uuid) OWNER TO postgres;

--
-- Name: contributor_user(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.contributor_user(contributor_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select user_id from public.contributor_profiles where id = contributor_id
$$;

ALTER FUNCTION private.contributor_user(contributor_id uuid) OWNER TO postgres;

--
-- Name: create_mission(text, text, public.mission_type, bigint, bigint, integer, jsonb, jsonb, public.mission_complexity, text, text, text, timestamp with time zone, integer, integer, boolean, boolean); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb DEFAULT '[]'::jsonb, complexity public.mission_complexity DEFAULT 'medium'::public.mission_complexity, currency text DEFAULT 'USD'::text, problem_statement text DEFAULT NULL::text, success_criteria text DEFAULT NULL::text, deadline timestamp with time zone DEFAULT NULL::timestamp with time zone, max_lead_contributors integer DEFAULT 1, max_shadow_contributors integer DEFAULT 1, requires_core_reviewer boolean DEFAULT true, is_public boolean DEFAULT true) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  initiator uuid;
  m public.missions;
begin
  perform private.require_active_user();
  initiator := private.my_initiator_id();
  if initiator is null then
    raise exception 'Only initiators can create missions.' using errcode = '42501';
  end if;
  if coalesce(btrim(title), '') = '' or length(btrim(title)) not between 3 and 255 then
    raise exception 'A mission needs a title of 3 to 255 characters.' using errcode = '22023';
  end if;
  if type is null then
    raise exception 'Choose a mission type.' using errcode = '22023';
  end if;
  if estimated_duration_days is null or estimated_duration_days not between 1 and 3650 then
    raise exception 'The estimated duration is 1 to 3650 days.' using errcode = '22023';
  end if;
  if coalesce(btrim(description), '') = '' then
    raise exception 'A mission needs a description.' using errcode = '22023';
  end if;
  if budget_min_cents is null or budget_max_cents is null or budget_min_cents <= 0 or budget_min_cents > budget_max_cents then
    raise exception 'The budget must be positive with minimum not above maximum.' using errcode = '22023';
  end if;
  if currency is null or currency !~ '^[A-Z]{3}$' then
    raise exception 'Currency must be a 3-letter ISO code such as USD.' using errcode = '22023';
  end if;
  if deadline is not null and deadline <= private.clock() then
    raise exception 'The deadline must be in the future.' using errcode = '22023';
  end if;
  begin
    insert into public.missions (initiator_id, title, slug, description, problem_statement, success_criteria, type,
                                 complexity, budget_min_cents, budget_max_cents, currency, estimated_duration_days,
                                 deadline, max_lead_contributors, max_shadow_contributors, requires_core_reviewer, is_public)
    values (initiator, btrim(title), private.slugify(title), description, problem_statement, success_criteria, type,
            complexity, budget_min_cents, budget_max_cents, currency, estimated_duration_days,
            deadline, max_lead_contributors, max_shadow_contributors, requires_core_reviewer, is_public)
    returning * into m;
  exception when check_violation then
    raise exception 'Invalid mission: %.', sqlerrm using errcode = '22023';
  end;
  perform private.set_milestones(m, milestones);
  perform private.set_required_skills(m, required_skills);
  perform private.emit('mission:created', m.id, 'mission', m.id);
  return m;
end
$_$;

ALTER FUNCTION private.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) OWNER TO postgres;

--
-- Name: create_role_profile(uuid, public.user_role); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.create_role_profile(user_id uuid, role public.user_role) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  new_id uuid;
begin
  if role = 'contributor' then
    insert into public.contributor_profiles (user_id) values (create_role_profile.user_id)
      on conflict on constraint contributor_profiles_user_id_key do nothing
      returning id into new_id;
    if new_id is not null then
      insert into public.contributor_private_details (contributor_id) values (new_id);
    end if;
  elsif role = 'initiator' then
    insert into public.initiator_profiles (user_id) values (create_role_profile.user_id)
      on conflict on constraint initiator_profiles_user_id_key do nothing
      returning id into new_id;
    if new_id is not null then
      insert into public.initiator_private_details (initiator_id) values (new_id);
    end if;
  end if;
end
$$;

ALTER FUNCTION private.create_role_profile(user_id uuid, role public.user_role) OWNER TO postgres;

--
-- Name: decline_invitation(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.decline_invitation(assignment_id uuid) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  return private.move_assignment(a, 'decline_invitation', actors, 'invitation declined');
end
$$;

ALTER FUNCTION private.decline_invitation(assignment_id uuid) OWNER TO postgres;

--
-- Name: uid(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.uid() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid;
end
$$;

ALTER FUNCTION private.uid() OWNER TO postgres;

--
-- Name: FUNCTION uid(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.uid() IS 'auth.uid() in PL/pgSQL (plan cached per session): the signed-in user''s id, or null. Wrap as (select private.uid()) in policies.';

--
-- Name: messages; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.messages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    conversation_id uuid NOT NULL,
    sender_id uuid DEFAULT private.uid() NOT NULL,
    content text NOT NULL,
    message_type public.message_type DEFAULT 'text'::public.message_type NOT NULL,
    attachments jsonb DEFAULT '[]'::jsonb NOT NULL,
    is_edited boolean DEFAULT false NOT NULL,
    is_deleted boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    edited_at timestamp with time zone,
    CONSTRAINT messages_attachments_check CHECK (((jsonb_typeof(attachments) = 'array'::text) AND (jsonb_array_length(attachments) <= 20))),
    CONSTRAINT messages_content_check CHECK (((length(content) >= 1) AND (length(content) <= 10000))),
    CONSTRAINT messages_edited CHECK ((is_edited = (edited_at IS NOT NULL)))
);

ALTER TABLE public.messages OWNER TO postgres;

--
-- Name: TABLE messages; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.messages IS 'Messages of a conversation, readable by its participants.';

--
-- Name: delete_message(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.delete_message(message_id uuid) RETURNS public.messages
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  msg public.messages;
begin
  select * into msg from public.messages m where m.id = message_id for update;
  if not found or msg.sender_id <> uid then
    raise exception 'No such message of yours.' using errcode = 'PT404';
  end if;
  if msg.is_deleted then
    return msg;
  end if;
  update public.messages set is_deleted = true, content = '[message deleted]', attachments = '[]'
    where id = msg.id returning * into msg;
  perform realtime.send(jsonb_build_object('id', msg.id, 'is_deleted', true), 'message:updated', 'conversation:' || msg.conversation_id, true);
  return msg;
end
$$;

ALTER FUNCTION private.delete_message(message_id uuid) OWNER TO postgres;

--
-- Name: delete_my_account(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.delete_my_account() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  blocker text := private.account_deletion_blocker(uid);
begin
  if blocker is not null then
    raise exception '%', blocker using errcode = 'PT409';
  end if;
  return private.anonymize_account(uid, 'deleted by the account owner');
end
$$;

ALTER FUNCTION private.delete_my_account() OWNER TO postgres;

--
-- Name: delete_notification(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.delete_notification(notification_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
begin
  delete from public.notifications where id = notification_id and user_id = uid;
  if not found then
    raise exception 'No such notification.' using errcode = 'PT404';
  end if;
end
$$;

ALTER FUNCTION private.delete_notification(notification_id uuid) OWNER TO postgres;

--
-- Name: deployment_check(date); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.deployment_check(on_day date DEFAULT NULL::date) RETURNS TABLE(component text, missing text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  day date := coalesce(on_day, (now() at time zone 'utc')::date);
  job record;
  d date;
  pol record;
  bucket text;
  scheduled boolean;
begin
  -- Scheduled jobs.
  if to_regclass('cron.job') is null then
    component := 'cron'; missing := 'the pg_cron extension'; return next;
  end if;
  for job in
    select * from (values
      ('people-lifecycle-timers', 'select private.run_lifecycle_timers()'),
      ('people-purge-rate-limits', 'select private.purge_rate_limits()'),
      ('people-purge-notifications', 'select private.purge_expired_notifications()')
    ) as t(name, command)
  loop
    if to_regclass('cron.job') is null then
      component := 'cron'; missing := format('job %s (%s)', job.name, job.command); return next;
      continue;
    end if;
    execute 'select exists (select from cron.job where jobname = $1 and command = $2 and active)'
      into scheduled using job.name, job.command;
    if not scheduled then
      component := 'cron'; missing := format('job %s (%s)', job.name, job.command); return next;
    end if;
  end loop;

  -- The Data API's pre-request function.
  if not exists (
    select from pg_catalog.pg_db_role_setting s
    where s.setrole = (select oid from pg_catalog.pg_roles where rolname = 'authenticator')
      and s.setdatabase in (0, (select oid from pg_catalog.pg_database where datname = current_database()))
      and s.setconfig @> array['pgrst.db_pre_request=public.check_request'])
  then
    component := 'data api'; missing := 'authenticator setting pgrst.db_pre_request = public.check_request'; return next;
  end if;
  if to_regprocedure('public.check_request()') is null then
    component := 'data api'; missing := 'function public.check_request()'; return next;
  end if;

  -- Realtime partitions for the coming days.
  for d in select generate_series(day, day + 2, interval '1 day')::date loop
    if not exists (
      select from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'realtime.messages'::regclass
        and c.relnamespace = 'realtime'::regnamespace
        and c.relname = 'messages_' || to_char(d, 'YYYY_MM_DD'))
    then
      component := 'realtime'; missing := format('partition realtime.messages_%s (broadcasts on %s are dropped)',
                                                 to_char(d, 'YYYY_MM_DD'), d);
      return next;
    end if;
  end loop;

  -- Storage buckets, and the policies on storage and realtime.
  foreach bucket in array array['work-submissions', 'message-attachments'] loop
    if not exists (select from storage.buckets b where b.id = bucket) then
      component := 'storage'; missing := format('bucket %s', bucket); return next;
    end if;
  end loop;
  for pol in
    select * from (values
      ('storage', 'objects', 'Work files: team, initiator, admins; attachments: participants'),
      ('storage', 'objects', 'Active team uploads work files, participants their attachments'),
      ('realtime', 'messages', 'Receive on own topics: notifications, conversations, missions'),
      ('realtime', 'messages', 'Participants send typing indicators in their conversations')
    ) as t(schema_name, table_name, policy_name)
  loop
    -- (policy names are stored cut to 63 bytes)
    if not exists (select from pg_catalog.pg_policies p
                   where p.schemaname = pol.schema_name and p.tablename = pol.table_name
                     and p.policyname = left(pol.policy_name, 63)) then
      component := pol.schema_name; missing := format('policy "%s" on %s.%s', pol.policy_name, pol.schema_name, pol.table_name);
      return next;
    end if;
  end loop;

  -- The Custom Access Token hook: Supabase Auth must be able to call it and read what it reads.
  if to_regprocedure('public.custom_access_token_hook(jsonb)') is null
     or not has_function_privilege('supabase_auth_admin', 'public.custom_access_token_hook(jsonb)', 'execute') then
    component := 'auth'; missing := 'EXECUTE on public.custom_access_token_hook(jsonb) for supabase_auth_admin'; return next;
  end if;
  if not has_column_privilege('supabase_auth_admin', 'public.profiles', 'account_status', 'select')
     or not exists (select from pg_catalog.pg_policies p where p.schemaname = 'public' and p.tablename = 'profiles'
                    and 'supabase_auth_admin' = any (p.roles) and p.cmd = 'SELECT') then
    component := 'auth'; missing := 'SELECT grant and policy on public.profiles for supabase_auth_admin (read by the access-token hook)';
    return next;
  end if;
end
$_$;

ALTER FUNCTION private.deployment_check(on_day date) OWNER TO postgres;

--
-- Name: FUNCTION deployment_check(on_day date); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.deployment_check(on_day date) IS 'What a deploy must leave in place and is missing (no rows: nothing): cron jobs, the pre-request function, realtime partitions for the coming days, storage buckets and policies, realtime policies, the access-token hook grant. on_day: check the partitions as of that day (default today, UTC).';

--
-- Name: dispute_may_return(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.dispute_may_return(mission_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select exists (
    select from public.escrow_transactions h
    where h.mission_id = dispute_may_return.mission_id and h.type = 'dispute_hold' and h.status <> 'failed'
      and not exists (select from public.escrow_transactions r
                      where r.stripe_dispute_id = h.stripe_dispute_id and r.type = 'dispute_release' and r.status = 'completed')
      and not exists (select from private.stripe_events s
                      where s.type = 'charge.dispute.closed' and s.object_id = h.stripe_dispute_id
                        and s.payload #>> '{data,object,status}' <> 'won'))
$$;

ALTER FUNCTION private.dispute_may_return(mission_id uuid) OWNER TO postgres;

--
-- Name: FUNCTION dispute_may_return(mission_id uuid); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.dispute_may_return(mission_id uuid) IS 'True while a card dispute holds money of the mission that may still come back (not won, not closed lost).';

--
-- Name: edit_message(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.edit_message(message_id uuid, content text) RETURNS public.messages
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  msg public.messages;
begin
  select * into msg from public.messages m where m.id = message_id for update;
  if not found or msg.sender_id <> uid
     or not exists (select from public.conversation_participants p where p.conversation_id = msg.conversation_id and p.user_id = uid) then
    raise exception 'No such message of yours.' using errcode = 'PT404';
  end if;
  if msg.is_deleted then
    raise exception 'A deleted message cannot be edited.' using errcode = 'PT409';
  end if;
  if msg.created_at < now() - make_interval(mins => private.setting_int('message_edit_window_minutes')) then
    raise exception 'Messages can be edited for % minutes after sending.', private.setting_int('message_edit_window_minutes')
      using errcode = 'PT409';
  end if;
  if coalesce(length(content), 0) not between 1 and 10000 then
    raise exception 'A message is 1 to 10,000 characters.' using errcode = '22023';
  end if;
  update public.messages set content = edit_message.content, is_edited = true, edited_at = now()
    where id = msg.id returning * into msg;
  perform realtime.send(jsonb_build_object('id', msg.id, 'content', msg.content, 'edited_at', msg.edited_at),
    'message:updated', 'conversation:' || msg.conversation_id, true);
  return msg;
end
$$;

ALTER FUNCTION private.edit_message(message_id uuid, content text) OWNER TO postgres;

--
-- Name: emit(text, uuid, text, uuid, jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.emit(event text, mission_id uuid, entity_type text, entity_id uuid, payload jsonb DEFAULT '{}'::jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  insert into private.domain_events (event, mission_id, entity_type, entity_id, actor_id, payload)
  values (emit.event, emit.mission_id, emit.entity_type, emit.entity_id, private.uid(), coalesce(emit.payload, '{}'::jsonb));
end
$$;

ALTER FUNCTION private.emit(event text, mission_id uuid, entity_type text, entity_id uuid, payload jsonb) OWNER TO postgres;

--
-- Name: enforce_rate_limit(text, integer, integer, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.enforce_rate_limit(key text, max_hits integer, window_seconds integer, message text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  verdict record;
  started timestamptz := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
  used integer;
begin
  if current_setting('transaction_read_only') = 'on' then
    select c.hits into used from private.rate_limit_counters c where c.key = enforce_rate_limit.key and c.window_start = started;
    if coalesce(used, 0) >= max_hits then
      raise exception '%', message using errcode = 'PT429',
        detail = format('Limit: %s requests per %s seconds.', max_hits, window_seconds),
        hint = format('Try again in %s seconds.', ceil(extract(epoch from started + make_interval(secs => window_seconds) - now()))::integer);
    end if;
    return;
  end if;
  select * into verdict from private.check_rate_limit(key, max_hits, window_seconds);
  if not verdict.allowed then
    raise exception '%', message using errcode = 'PT429',
      detail = format('Limit: %s requests per %s seconds.', max_hits, window_seconds),
      hint = format('Try again in %s seconds.', verdict.retry_after_seconds);
  end if;
end
$$;

ALTER FUNCTION private.enforce_rate_limit(key text, max_hits integer, window_seconds integer, message text) OWNER TO postgres;

--
-- Name: enqueue_job(text, jsonb, text, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.enqueue_job(kind text, payload jsonb, dedupe_key text DEFAULT NULL::text, run_after timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  job_id bigint;
begin
  insert into private.jobs as j (kind, payload, dedupe_key, run_after)
  values (enqueue_job.kind, coalesce(enqueue_job.payload, '{}'::jsonb), enqueue_job.dedupe_key, coalesce(enqueue_job.run_after, now()))
  on conflict on constraint jobs_dedupe_key_key do nothing
  returning j.id into job_id;
  return job_id;
end
$$;

ALTER FUNCTION private.enqueue_job(kind text, payload jsonb, dedupe_key text, run_after timestamp with time zone) OWNER TO postgres;

--
-- Name: escrow_balance(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.escrow_balance(mission_id uuid) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(sum(case
           when type = 'deposit' and status = 'completed' then amount_cents
           when type = 'dispute_release' and status = 'completed' then amount_cents
           when type in ('release', 'platform_fee', 'refund', 'dispute_hold') and status <> 'failed' then -amount_cents
           else 0 end), 0)
  from public.escrow_transactions e where e.mission_id = escrow_balance.mission_id
$$;

ALTER FUNCTION private.escrow_balance(mission_id uuid) OWNER TO postgres;

--
-- Name: escrow_needed(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.escrow_needed(mission_id uuid) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return (select case
    when m.status in ('open', 'matching', 'in_progress', 'in_review', 'disputed') then
      coalesce((select sum(private.milestone_unreserved(x.id, x.amount_cents)) from public.milestones x
                where x.mission_id = m.id and x.status not in ('paid', 'cancelled')), 0)
    when m.status in ('completed', 'cancelled') then
      coalesce((select sum(p.amount_cents) from private.payable_milestones(m.id) p), 0)
    else 0 end::bigint
  from public.missions m where m.id = escrow_needed.mission_id);
end
$$;

ALTER FUNCTION private.escrow_needed(mission_id uuid) OWNER TO postgres;

--
-- Name: expected_years(public.mission_complexity); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.expected_years(complexity public.mission_complexity) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select case complexity when 'easy' then 1 when 'medium' then 3 when 'hard' then 5 else 8 end
$$;

ALTER FUNCTION private.expected_years(complexity public.mission_complexity) OWNER TO postgres;

--
-- Name: experience_cp(integer, integer, public.mission_complexity); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.experience_cp(years_experience integer, missions_completed integer, complexity public.mission_complexity) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select round(700 * least(1, greatest(years_experience, 0)::numeric / private.expected_years(complexity))
             + 300 * least(1, greatest(missions_completed, 0)::numeric / 5))::integer
$$;

ALTER FUNCTION private.experience_cp(years_experience integer, missions_completed integer, complexity public.mission_complexity) OWNER TO postgres;

--
-- Name: export_my_data(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.export_my_data() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_unbanned_user();
  contributor uuid := private.my_contributor_id();
  initiator uuid := private.my_initiator_id();
  doc jsonb;
begin
  doc := jsonb_build_object(
    'format', 'people-export/1',
    'exported_at', now(),
    'user_id', uid,
    'account', (select jsonb_build_object('email', u.email, 'phone', u.phone, 'created_at', u.created_at,
                         'email_confirmed_at', u.email_confirmed_at, 'last_sign_in_at', u.last_sign_in_at,
                         'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
                         'providers', coalesce(u.raw_app_meta_data -> 'providers', '[]'::jsonb))
                from auth.users u where u.id = uid),
    'identities', (select coalesce(jsonb_agg(jsonb_build_object('provider', i.provider, 'identity_data', i.identity_data,
                            'created_at', i.created_at, 'last_sign_in_at', i.last_sign_in_at) order by i.created_at), '[]'::jsonb)
                   from auth.identities i where i.user_id = uid),
    'sessions', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'created_at', s.created_at, 'updated_at', s.updated_at,
                          'refreshed_at', s.refreshed_at, 'expires_at', s.not_after, 'user_agent', s.user_agent, 'ip', s.ip,
                          'aal', s.aal) order by s.created_at), '[]'::jsonb)
                 from auth.sessions s where s.user_id = uid),
    'profile', (select to_jsonb(p) from public.profiles p where p.id = uid),
    'contributor_profile', (select to_jsonb(c) from public.contributor_profiles c where c.user_id = uid),
    'contributor_private_details', (select to_jsonb(d) from public.contributor_private_details d where d.contributor_id = contributor),
    'initiator_profile', (select to_jsonb(i) from public.initiator_profiles i where i.user_id = uid),
    'initiator_private_details', (select to_jsonb(d) from public.initiator_private_details d where d.initiator_id = initiator),
    'skills', (select coalesce(jsonb_agg(to_jsonb(cs) || jsonb_build_object('skill_name', s.name, 'category', s.category)
                                         order by s.name), '[]'::jsonb)
               from public.contributor_skills cs join public.skills s on s.id = cs.skill_id where cs.contributor_id = contributor),
    'missions', (select coalesce(jsonb_agg(to_jsonb(m) || jsonb_build_object(
                           'milestones', (select coalesce(jsonb_agg(to_jsonb(ms) order by ms.order_index), '[]'::jsonb)
                                          from public.milestones ms where ms.mission_id = m.id),
                           'required_skills', (select coalesce(jsonb_agg(to_jsonb(rs)), '[]'::jsonb)
                                               from public.mission_required_skills rs where rs.mission_id = m.id))
                         order by m.created_at), '[]'::jsonb)
                 from public.missions m where m.initiator_id = initiator),
    'applications', (select coalesce(jsonb_agg(to_jsonb(a) || jsonb_build_object('mission_title', m.title) order by a.created_at), '[]'::jsonb)
                     from public.mission_applications a join public.missions m on m.id = a.mission_id
                     where a.contributor_id = contributor),
    'assignments', (select coalesce(jsonb_agg(to_jsonb(a) || jsonb_build_object('mission_title', m.title) order by a.assigned_at), '[]'::jsonb)
                    from public.mission_assignments a join public.missions m on m.id = a.mission_id
                    where a.contributor_id = contributor),
    'work_submissions', (select coalesce(jsonb_agg(to_jsonb(w) order by w.created_at), '[]'::jsonb)
                         from public.work_submissions w join public.mission_assignments a on a.id = w.assignment_id
                         where a.contributor_id = contributor),
    'reviews_given', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at), '[]'::jsonb)
                      from public.reviews r where r.reviewer_id = uid),
    'reviews_received', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at), '[]'::jsonb)
                         from public.reviews r where r.reviewee_id = uid),
    'escrow_transactions', (select coalesce(jsonb_agg(to_jsonb(e) order by e.created_at, e.id), '[]'::jsonb)
                            from public.escrow_transactions e
                            where e.initiator_id = initiator or e.contributor_id = contributor),
    'notifications', (select coalesce(jsonb_agg(to_jsonb(n) order by n.created_at), '[]'::jsonb)
                      from public.notifications n where n.user_id = uid),
    'conversations', (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'type', c.type, 'mission_id', c.mission_id,
                               'created_at', c.created_at, 'joined_at', cp.joined_at, 'last_read_at', cp.last_read_at)
                             order by cp.joined_at), '[]'::jsonb)
                      from public.conversation_participants cp join public.conversations c on c.id = cp.conversation_id
                      where cp.user_id = uid),
    'messages_sent', (select coalesce(jsonb_agg(to_jsonb(msg) order by msg.created_at, msg.id), '[]'::jsonb)
                      from public.messages msg where msg.sender_id = uid),
    'proof_task_submissions', (select coalesce(jsonb_agg(to_jsonb(s) || jsonb_build_object('task_title', t.title, 'category', t.category)
                                                         order by s.created_at), '[]'::jsonb)
                               from public.proof_task_submissions s join public.proof_tasks t on t.id = s.task_id
                               where s.contributor_id = contributor),
    'activity', (select coalesce(jsonb_agg(jsonb_build_object('action', l.action, 'entity_type', l.entity_type, 'entity_id', l.entity_id,
                          'ip_address', l.ip_address, 'user_agent', l.user_agent, 'created_at', l.created_at)
                        order by l.created_at), '[]'::jsonb)
                 from public.audit_logs l where l.user_id = uid));
  perform private.audit('user.data_exported', 'user', uid);
  return doc;
end
$$;

ALTER FUNCTION private.export_my_data() OWNER TO postgres;

--
-- Name: fail_deposit(text, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.fail_deposit(payment_intent_id text, reason text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  e public.escrow_transactions;
begin
  select * into e from public.escrow_transactions x
    where x.stripe_payment_intent_id = fail_deposit.payment_intent_id and x.type = 'deposit' for update;
  -- A declined attempt does not end the PaymentIntent (the initiator may pay with another card), so
  -- the deposit stays pending; the initiator is told.
  if found and e.status in ('pending', 'processing') then
    perform private.emit('payment:failed', e.mission_id, 'payment', e.id, jsonb_build_object('reason', left(reason, 500)));
  end if;
end
$$;

ALTER FUNCTION private.fail_deposit(payment_intent_id text, reason text) OWNER TO postgres;

--
-- Name: fail_job(bigint, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.fail_job(job_id bigint, error text) RETURNS text
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update private.jobs set
    status = case when attempts >= max_attempts then 'dead' else 'queued' end,
    run_after = now() + make_interval(secs => least(3600, power(2, attempts)::integer)),
    locked_until = null,
    last_error = left(error, 2000)
  where id = job_id
  returning status
$$;

ALTER FUNCTION private.fail_job(job_id bigint, error text) OWNER TO postgres;

--
-- Name: fail_stripe_event(text, text, boolean, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.fail_stripe_event(event_id text, error text, permanent boolean, max_attempts integer DEFAULT 8) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update private.stripe_events s set
    processing_until = null,
    last_error = left(error, 2000),
    dead_lettered_at = case when permanent or s.attempts >= max_attempts then now() end,
    dead_letter_reason = case when permanent or s.attempts >= max_attempts
                              then left(case when permanent then 'permanent: ' else format('failed %s times: ', s.attempts) end || error, 2000) end
  where s.id = event_id
  returning s.dead_lettered_at is not null
$$;

ALTER FUNCTION private.fail_stripe_event(event_id text, error text, permanent boolean, max_attempts integer) OWNER TO postgres;

--
-- Name: finish_stripe_event(text, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.finish_stripe_event(event_id text, error text DEFAULT NULL::text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update private.stripe_events set
    processed_at = case when error is null then now() else processed_at end,
    processing_until = null,
    last_error = left(error, 2000)
  where id = event_id
$$;

ALTER FUNCTION private.finish_stripe_event(event_id text, error text) OWNER TO postgres;

--
-- Name: get_current_proof_task(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.get_current_proof_task(category text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  contributor uuid := private.require_contributor();
  wanted text := nullif(lower(btrim(category)), '');
  status public.verification_status;
  open_attempt private.proof_task_attempts;
  last_failure timestamptz;
  retake_at timestamptz;
  picked uuid;
  new_id uuid;
begin
  if wanted is not null and wanted !~ '^[a-z][a-z0-9_]{1,49}$' then
    raise exception 'Unknown proof task category "%".', left(category, 50) using errcode = '22023';
  end if;
  -- One caller at a time per contributor: no two tasks handed out concurrently.
  select c.verification_status into status from public.contributor_profiles c where c.id = contributor for update;
  if status = 'verified' then
    raise exception 'You are already verified: there is no proof task to take.' using errcode = 'PT409';
  end if;

  select * into open_attempt from private.proof_task_attempts a
    where a.user_id = private.uid() and a.submitted_at is null;
  if found then
    if open_attempt.started_at is not null
       or exists (select from public.proof_tasks t where t.id = open_attempt.task_id and t.is_active) then
      return private.proof_task_attempt_view(open_attempt.id);
    end if;
    -- Retired before it was opened: give another one instead.
    delete from private.proof_task_attempts where id = open_attempt.id;
  end if;

  if exists (select from public.proof_task_submissions s
             where s.contributor_id = contributor and s.status in ('submitted', 'under_review')) then
    raise exception 'Your proof task answer is waiting to be graded.' using errcode = 'PT409';
  end if;

  select max(s.evaluated_at) into last_failure from public.proof_task_submissions s
    where s.contributor_id = contributor and s.status = 'failed';
  retake_at := last_failure + make_interval(days => private.setting_int('proof_task_retake_cooldown_days'));
  if retake_at > private.clock() then
    raise exception 'You can take a new proof task from %.', to_char(retake_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
      using errcode = 'PT409', detail = format('retake_at=%s', retake_at);
  end if;

  select t.id into picked from public.proof_tasks t
  where t.is_active and (wanted is null or t.category = wanted)
    and not exists (select from private.proof_task_attempts a where a.user_id = private.uid() and a.task_id = t.id)
    and not exists (select from public.proof_task_submissions s where s.contributor_id = contributor and s.task_id = t.id)
  order by random()
  limit 1;
  if picked is null then
    raise exception 'No proof task is available%: ask again later.', case when wanted is not null then ' in category ' || wanted else '' end
      using errcode = 'PT404';
  end if;

  insert into private.proof_task_attempts (user_id, contributor_id, task_id, assigned_at)
  values (private.uid(), contributor, picked, private.clock())
  returning id into new_id;
  perform private.emit('proof_task:assigned', null, 'proof_task', picked, jsonb_build_object('contributor_id', contributor));
  return private.proof_task_attempt_view(new_id);
end
$_$;

ALTER FUNCTION private.get_current_proof_task(category text) OWNER TO postgres;

--
-- Name: proof_task_submissions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.proof_task_submissions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contributor_id uuid NOT NULL,
    task_id uuid NOT NULL,
    answer text NOT NULL,
    time_taken_seconds integer,
    score numeric(5,2),
    feedback text,
    evaluated_by uuid,
    status public.proof_task_submission_status DEFAULT 'submitted'::public.proof_task_submission_status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    evaluated_at timestamp with time zone,
    started_at timestamp with time zone,
    is_late boolean DEFAULT false NOT NULL,
    CONSTRAINT proof_task_submissions_answer_check CHECK (((length(btrim(answer)) >= 1) AND (length(btrim(answer)) <= 100000))),
    CONSTRAINT proof_task_submissions_feedback_check CHECK ((length(feedback) <= 20000)),
    CONSTRAINT proof_task_submissions_graded CHECK (((status = ANY (ARRAY['passed'::public.proof_task_submission_status, 'failed'::public.proof_task_submission_status])) = ((score IS NOT NULL) AND (evaluated_at IS NOT NULL)))),
    CONSTRAINT proof_task_submissions_score_check CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric))),
    CONSTRAINT proof_task_submissions_time_taken_seconds_check CHECK ((time_taken_seconds >= 0))
);

ALTER TABLE public.proof_task_submissions OWNER TO postgres;

--
-- Name: TABLE proof_task_submissions; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.proof_task_submissions IS 'A contributor''s answer to a proof task. The contributor and admins only.';

--
-- Name: COLUMN proof_task_submissions.started_at; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.proof_task_submissions.started_at IS 'When the contributor opened the task and its timer started (NULL for answers recorded before timers).';

--
-- Name: COLUMN proof_task_submissions.is_late; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.proof_task_submissions.is_late IS 'True when the answer came in after started_at + the task''s time_limit_minutes.';

--
-- Name: grade_proof_task(uuid, numeric, text, boolean); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.grade_proof_task(submission_id uuid, score numeric, feedback text DEFAULT NULL::text, passed boolean DEFAULT NULL::boolean) RETURNS public.proof_task_submissions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  sub public.proof_task_submissions;
  before public.proof_task_submissions;
  verdict boolean;
  at timestamptz := private.clock();
  contributor_user uuid;
begin
  perform private.require_admin();
  if score is null or score < 0 or score > 100 then
    raise exception 'The score must be between 0 and 100.' using errcode = '22023';
  end if;
  if length(feedback) > 20000 then
    raise exception 'Feedback can be at most 20,000 characters.' using errcode = '22023';
  end if;
  select * into before from public.proof_task_submissions s where s.id = grade_proof_task.submission_id for update;
  if not found then
    raise exception 'No such proof task submission.' using errcode = 'PT404';
  end if;
  if before.status in ('passed', 'failed') then
    raise exception 'This answer was already graded (%).', before.status using errcode = 'PT409';
  end if;
  verdict := coalesce(passed, score >= private.setting_int('proof_task_pass_mark'));

  update public.proof_task_submissions s set
    status = case when verdict then 'passed' else 'failed' end::public.proof_task_submission_status,
    score = round(grade_proof_task.score, 2),
    feedback = nullif(btrim(grade_proof_task.feedback), ''),
    evaluated_by = private.uid(),
    evaluated_at = at
  where s.id = before.id
  returning * into sub;

  update public.contributor_profiles c set
    verification_status = case when verdict then 'verified'::public.verification_status
                               when c.verification_status = 'verified' then c.verification_status
                               else 'rejected'::public.verification_status end,
    verification_date = case when verdict or c.verification_status <> 'verified' then at else c.verification_date end
  where c.id = sub.contributor_id
  returning c.user_id into contributor_user;

  -- The trust score, where the reputation module is installed (its triggers usually did it already).
  if to_regprocedure('private.refresh_reputation(uuid[])') is not null then
    execute 'select private.refresh_reputation($1)' using array[sub.contributor_id];
  end if;

  perform private.audit('proof_task.graded', 'proof_task_submission', sub.id,
    jsonb_build_object('status', before.status, 'score', before.score),
    jsonb_build_object('status', sub.status, 'score', sub.score, 'feedback', sub.feedback),
    jsonb_build_object('contributor_id', sub.contributor_id, 'task_id', sub.task_id, 'passed', verdict, 'is_late', sub.is_late));
  perform private.emit('proof_task:graded', null, 'proof_task_submission', sub.id,
    jsonb_build_object('contributor_id', sub.contributor_id, 'user_id', contributor_user, 'task_id', sub.task_id,
                       'passed', verdict, 'score', sub.score, 'is_late', sub.is_late,
                       'retake_at', case when not verdict
                                         then at + make_interval(days => private.setting_int('proof_task_retake_cooldown_days')) end));
  return sub;
end
$_$;

ALTER FUNCTION private.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) OWNER TO postgres;

--
-- Name: guard(text, text, text, text[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.guard(machine text, action text, current text, actors text[]) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  target text;
  label text := replace(action, '_', ' ');
begin
  select t.to_state into target
  from public.lifecycle_transitions t
  where t.machine = guard.machine and t.action = guard.action and t.from_state = current and t.actor = any (actors)
  order by t.to_state
  limit 1;
  if target is not null then
    return target;
  end if;

  if not exists (select from public.lifecycle_transitions t
                 where t.machine = guard.machine and t.action = guard.action and t.actor = any (actors)) then
    raise exception 'You are not allowed to % this %.', label, machine using errcode = '42501';
  end if;

  -- Already where this action leads: a retry, not an error.
  if exists (select from public.lifecycle_transitions t
             where t.machine = guard.machine and t.action = guard.action and t.to_state = current
               and t.actor = any (actors)) then
    return null;
  end if;

  raise exception 'Cannot %: the % is %.', label, machine, replace(current, '_', ' ')
    using errcode = 'PT409', hint = format('%s.%s from %s', machine, action, current);
end
$$;

ALTER FUNCTION private.guard(machine text, action text, current text, actors text[]) OWNER TO postgres;

--
-- Name: importance_weight(public.skill_importance); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.importance_weight(importance public.skill_importance) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select case importance when 'required' then 3 when 'preferred' then 2 else 1 end
$$;

ALTER FUNCTION private.importance_weight(importance public.skill_importance) OWNER TO postgres;

--
-- Name: invite_contributor(uuid, uuid, public.assignment_role); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
begin
  if not private.is_platform() then
    perform private.require_active_user();
  end if;
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if not (actors && array['initiator', 'admin', 'payments']) then
    raise exception 'Only the mission''s initiator or an admin can invite to the team.' using errcode = '42501';
  end if;
  if m.status not in ('open', 'matching') then
    raise exception 'The team of a mission that is % cannot change.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  return private.add_to_team(m, contributor_id, role, 'invited');
end
$$;

ALTER FUNCTION private.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) OWNER TO postgres;

--
-- Name: is_active(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.is_active() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return current_setting('people.caller') like 'active,%';
  end if;
  return exists (select from public.profiles where id = private.uid() and account_status = 'active');
end
$$;

ALTER FUNCTION private.is_active() OWNER TO postgres;

--
-- Name: FUNCTION is_active(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.is_active() IS 'True when the caller has an active account (not suspended, banned or pending).';

--
-- Name: is_admin(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.is_admin() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return current_setting('people.caller') like 'active,admin,%';
  end if;
  return exists (
    select from public.profiles
    where id = private.uid() and primary_role = 'admin' and account_status = 'active');
end
$$;

ALTER FUNCTION private.is_admin() OWNER TO postgres;

--
-- Name: FUNCTION is_admin(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.is_admin() IS 'True when the caller is an active admin. Wrap as (select private.is_admin()) in policies.';

--
-- Name: is_platform(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.is_platform() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  r text := coalesce(nullif(current_setting('role', true), 'none'), session_user::text);
begin
  return r = 'service_role' or (r in ('postgres', 'supabase_admin') and auth.role() is null);
end
$$;

ALTER FUNCTION private.is_platform() OWNER TO postgres;

--
-- Name: journal_stripe_event(jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.journal_stripe_event(event jsonb) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  claimed boolean;
begin
  insert into private.stripe_events as s (id, type, livemode, account, object_id, created_at, payload)
  values (event ->> 'id', event ->> 'type', coalesce((event ->> 'livemode')::boolean, false), event ->> 'account',
          event #>> '{data,object,id}', to_timestamp((event ->> 'created')::bigint), event)
  on conflict on constraint stripe_events_pkey do nothing;
  update private.stripe_events s set processing_until = now() + interval '2 minutes', attempts = s.attempts + 1
  where s.id = event ->> 'id' and s.processed_at is null and s.dead_lettered_at is null
    and (s.processing_until is null or s.processing_until < now())
  returning true into claimed;
  return coalesce(claimed, false);
end
$$;

ALTER FUNCTION private.journal_stripe_event(event jsonb) OWNER TO postgres;

--
-- Name: lead_paid(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.lead_paid(milestone_id uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return exists (select from public.milestone_payouts p join public.escrow_transactions e
                   on e.milestone_id = p.milestone_id and e.contributor_id = p.contributor_id
                 where p.milestone_id = lead_paid.milestone_id and p.role = 'lead'
                   and e.type = 'release' and e.status = 'completed');
end
$$;

ALTER FUNCTION private.lead_paid(milestone_id uuid) OWNER TO postgres;

--
-- Name: list_my_sessions(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.list_my_sessions() RETURNS TABLE(id uuid, user_agent text, ip inet, created_at timestamp with time zone, last_used_at timestamp with time zone, expires_at timestamp with time zone, aal text, is_current boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select s.id, s.user_agent, s.ip, s.created_at,
         coalesce(s.refreshed_at at time zone 'UTC', s.updated_at, s.created_at) as last_used_at,
         s.not_after as expires_at,
         s.aal::text,
         s.id::text = coalesce(auth.jwt() ->> 'session_id', '') as is_current
  from auth.sessions s
  where s.user_id = private.require_signed_in()
  order by last_used_at desc nulls last, s.created_at desc
$$;

ALTER FUNCTION private.list_my_sessions() OWNER TO postgres;

--
-- Name: listed_missions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.listed_missions (
    id uuid NOT NULL,
    initiator_id uuid NOT NULL,
    listed_status text NOT NULL,
    title character varying(255) NOT NULL,
    slug character varying(255) NOT NULL,
    type public.mission_type NOT NULL,
    complexity text NOT NULL,
    budget_min_cents bigint NOT NULL,
    budget_max_cents bigint NOT NULL,
    currency public.currency_code NOT NULL,
    estimated_duration_days integer NOT NULL,
    deadline timestamp with time zone,
    featured boolean NOT NULL,
    published_at timestamp with time zone,
    milestones jsonb NOT NULL,
    mission_required_skills jsonb NOT NULL,
    initiator_profiles jsonb NOT NULL
);

ALTER TABLE public.listed_missions OWNER TO postgres;

--
-- Name: TABLE listed_missions; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.listed_missions IS 'The public marketplace: one card per listed mission (missions.listed_status is not null), kept current by triggers on missions, milestones, mission_required_skills, skills and initiator_profiles. Read-only for every client.';

--
-- Name: COLUMN listed_missions.milestones; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.listed_missions.milestones IS 'The mission''s milestones as [{title, amount_cents, order_index}], in order_index order.';

--
-- Name: COLUMN listed_missions.mission_required_skills; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.listed_missions.mission_required_skills IS 'The required skills as [{importance, skills: {name, category}}], by importance then skill name.';

--
-- Name: COLUMN listed_missions.initiator_profiles; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.listed_missions.initiator_profiles IS 'The initiator''s public company information: {company_name, company_url, is_verified, average_rating}.';

--
-- Name: listed_mission_cards(uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.listed_mission_cards(mission_ids uuid[]) RETURNS SETOF public.listed_missions
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select m.id, m.initiator_id, m.listed_status, m.title, m.slug, m.type, m.complexity::text,
         m.budget_min_cents, m.budget_max_cents, m.currency, m.estimated_duration_days, m.deadline,
         m.featured, m.published_at,
         coalesce((select jsonb_agg(jsonb_build_object('title', ms.title, 'amount_cents', ms.amount_cents,
                                                       'order_index', ms.order_index) order by ms.order_index)
                   from public.milestones ms where ms.mission_id = m.id), '[]'::jsonb),
         coalesce((select jsonb_agg(jsonb_build_object('importance', r.importance,
                                                       'skills', jsonb_build_object('name', s.name, 'category', s.category))
                                    order by r.importance, s.name)
                   from public.mission_required_skills r join public.skills s on s.id = r.skill_id
                   where r.mission_id = m.id), '[]'::jsonb),
         (select jsonb_build_object('company_name', i.company_name, 'company_url', i.company_url,
                                    'is_verified', i.is_verified, 'average_rating', i.average_rating)
          from public.initiator_profiles i where i.id = m.initiator_id)
  from public.missions m
  where m.id = any (mission_ids) and m.listed_status is not null
$$;

ALTER FUNCTION private.listed_mission_cards(mission_ids uuid[]) OWNER TO postgres;

--
-- Name: FUNCTION listed_mission_cards(mission_ids uuid[]); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.listed_mission_cards(mission_ids uuid[]) IS 'The marketplace cards of these missions, computed from their rows now (listed missions only).';

--
-- Name: lock_application(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.lock_application(application_id uuid) RETURNS public.mission_applications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  app public.mission_applications;
begin
  select * into app from public.mission_applications where id = application_id;
  if not found then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  perform private.lock_mission(app.mission_id); -- lock order: mission, then its rows
  select * into app from public.mission_applications where id = application_id for update;
  return app;
end
$$;

ALTER FUNCTION private.lock_application(application_id uuid) OWNER TO postgres;

--
-- Name: lock_assignment(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.lock_assignment(assignment_id uuid) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a public.mission_assignments;
begin
  select * into a from public.mission_assignments where id = assignment_id;
  if not found then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  perform private.lock_mission(a.mission_id);
  select * into a from public.mission_assignments where id = assignment_id for update;
  return a;
end
$$;

ALTER FUNCTION private.lock_assignment(assignment_id uuid) OWNER TO postgres;

--
-- Name: lock_milestone(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.lock_milestone(milestone_id uuid) RETURNS public.milestones
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
begin
  select * into ms from public.milestones where id = milestone_id;
  if not found then
    raise exception 'No such milestone.' using errcode = 'PT404';
  end if;
  perform private.lock_mission(ms.mission_id);
  select * into ms from public.milestones where id = milestone_id for update;
  return ms;
end
$$;

ALTER FUNCTION private.lock_milestone(milestone_id uuid) OWNER TO postgres;

--
-- Name: lock_mission(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.lock_mission(mission_id uuid) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
begin
  select * into m from public.missions where id = mission_id for update;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  return m;
end
$$;

ALTER FUNCTION private.lock_mission(mission_id uuid) OWNER TO postgres;

--
-- Name: mark_all_notifications_read(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mark_all_notifications_read() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with changed as (
    update public.notifications set is_read = true, read_at = now()
    where user_id = private.require_active_user() and not is_read returning 1)
  select count(*)::integer from changed
$$;

ALTER FUNCTION private.mark_all_notifications_read() OWNER TO postgres;

--
-- Name: mark_conversation_read(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mark_conversation_read(conversation_id uuid) RETURNS timestamp with time zone
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  at timestamptz := now();
begin
  update public.conversation_participants p set last_read_at = at
    where p.conversation_id = mark_conversation_read.conversation_id and p.user_id = uid;
  if not found then
    raise exception 'No such conversation.' using errcode = 'PT404';
  end if;
  update public.notifications n set is_read = true, read_at = at
    where n.user_id = uid and n.type = 'new_message' and not n.is_read and n.metadata ->> 'conversation_id' = conversation_id::text;
  return at;
end
$$;

ALTER FUNCTION private.mark_conversation_read(conversation_id uuid) OWNER TO postgres;

--
-- Name: mark_milestone_paid(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mark_milestone_paid(milestone_id uuid) RETURNS public.milestones
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  before public.milestone_status;
begin
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  if not private.milestone_released(ms.id) then
    raise exception 'A milestone is paid only when every part of its payout has its completed release in the escrow ledger.'
      using errcode = 'PT409';
  end if;
  before := ms.status;
  ms := private.move_milestone(ms, m, 'mark_paid', private.mission_actors(m));
  if before = 'approved' and ms.status = 'paid' then
    perform private.sync_mission_with_milestones(m.id);
  end if;
  return ms;
end
$$;

ALTER FUNCTION private.mark_milestone_paid(milestone_id uuid) OWNER TO postgres;

--
-- Name: mark_mission_funded(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mark_mission_funded(mission_id uuid) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions := private.lock_mission(mission_id);
  before public.mission_status := m.status;
begin
  m := private.move_mission(m, 'mark_funded', private.mission_actors(m));
  if before <> m.status then
    perform private.emit('mission:funded', m.id, 'mission', m.id);
  end if;
  return m;
end
$$;

ALTER FUNCTION private.mark_mission_funded(mission_id uuid) OWNER TO postgres;

--
-- Name: mark_notification_read(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mark_notification_read(notification_id uuid) RETURNS public.notifications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  n public.notifications;
begin
  update public.notifications set is_read = true, read_at = coalesce(read_at, now())
    where id = notification_id and user_id = uid returning * into n;
  if not found then
    raise exception 'No such notification.' using errcode = 'PT404';
  end if;
  return n;
end
$$;

ALTER FUNCTION private.mark_notification_read(notification_id uuid) OWNER TO postgres;

--
-- Name: match_candidates(uuid, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.match_candidates(mission_id uuid, max_results integer DEFAULT 10) RETURNS TABLE(rank integer, contributor_id uuid, user_id uuid, full_name text, total numeric, skill_match numeric, trust numeric, availability numeric, experience numeric, historical_fit numeric, explanation jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions := private.require_matching_access(match_candidates.mission_id);
  see_private boolean := private.is_admin() or private.is_platform();
begin
  if max_results is null or max_results not between 1 and 100 then
    raise exception 'max_results must be between 1 and 100.' using errcode = '22023';
  end if;
  -- Availability is derived from contributors' private weekly hours: only admins and the platform
  -- see it, and the total it is part of (total - the other parts would give it back). The initiator
  -- sees the rank and the other parts.
  return query
  select b.candidate_rank, b.contributor_id, b.user_id, p.full_name::text,
         case when see_private then round(b.total_cp / 100.0, 2) end, round(b.skill_match_cp / 100.0, 2), round(b.trust_cp / 100.0, 2),
         case when see_private then round(b.availability_cp / 100.0, 2) end, round(b.experience_cp / 100.0, 2), round(b.historical_fit_cp / 100.0, 2),
         b.explanation
  from private.candidate_breakdowns(m.id, max_results) b
  join public.profiles p on p.id = b.user_id
  order by b.candidate_rank;
end
$$;

ALTER FUNCTION private.match_candidates(mission_id uuid, max_results integer) OWNER TO postgres;

--
-- Name: match_power_formula(integer, integer, integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.match_power_formula(best_five_credit integer, years_experience integer, missions_completed integer, trust_score integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select greatest(0, least(100, round(
      40 * least(greatest(coalesce(best_five_credit, 0), 0), 50000)::numeric / 50000
    + 20 * least(1, greatest(coalesce(years_experience, 0), 0)::numeric / 10)
    + 20 * least(1, greatest(coalesce(missions_completed, 0), 0)::numeric / 10)
    + 20 * least(greatest(coalesce(trust_score, 0), 0), 100)::numeric / 100)))::integer
$$;

ALTER FUNCTION private.match_power_formula(best_five_credit integer, years_experience integer, missions_completed integer, trust_score integer) OWNER TO postgres;

--
-- Name: matching_facts(uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.matching_facts(contributor_ids uuid[]) RETURNS TABLE(contributor_id uuid, user_id uuid, eligible boolean, trust_score integer, match_power integer, free_hours integer, years_experience integer, missions_completed integer, completion_rate numeric, average_rating numeric, proof_score numeric, completed_by_type jsonb, type_levels integer, max_same_type integer, top_count integer, popular_mask bigint, skill_mask bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return query
  select c.id, c.user_id,
         coalesce(c.verification_status = 'verified' and c.is_looking_for_work and p.account_status = 'active'
                  and d.availability_hours_per_week - s.hours * h.active >= s.hours, false),
         c.trust_score, c.match_power,
         greatest(-32000, least(32000, coalesce(d.availability_hours_per_week, 0) - s.hours * h.active)),
         c.years_experience, c.total_missions_completed, c.completion_rate, c.average_rating,
         round(pr.proof_score, 2),
         coalesce(t.by_type, '{}'::jsonb), coalesce(t.levels, 0), coalesce(t.max_n, 0), pop.top_count, pop.mask, pop.skill_mask
  from (select distinct u.id from unnest(contributor_ids) as u(id)) ids
  join public.contributor_profiles c on c.id = ids.id
  join public.profiles p on p.id = c.user_id
  left join public.contributor_private_details d on d.contributor_id = c.id
  cross join (select coalesce(private.setting_int('matching_hours_per_assignment'), 10) as hours) s
  cross join lateral (
    select count(*)::integer as active from public.mission_assignments a
    where a.contributor_id = c.id and a.status in ('active', 'stepped_up')) h
  cross join lateral (
    select avg(x.score) as proof_score from public.proof_task_submissions x
    where x.contributor_id = c.id and x.status in ('passed', 'failed')) pr
  cross join lateral (
    select jsonb_object_agg(y.type, y.n) as by_type,
           sum(least(3, y.n) << (2 * (array_position(private.mission_types(), y.type::text) - 1)))::integer as levels,
           max(y.n)::integer as max_n
    from (select mm.type, count(*)::integer as n
          from public.mission_assignments a join public.missions mm on mm.id = a.mission_id
          where a.contributor_id = c.id and a.status = 'completed'
          group by mm.type) y) t
  cross join lateral (
    select (count(*) filter (where ps.bit < 12))::integer as top_count,
           coalesce(bit_or(1::bigint << ps.bit), 0) as mask,
           coalesce(bit_or(1::bigint << private.skill_bit(cs.skill_id)) filter (where ps.skill_id is null), 0) as skill_mask
    from public.contributor_skills cs
    left join private.match_popular_skills ps on ps.skill_id = cs.skill_id
    where cs.contributor_id = c.id) pop;
end
$$;

ALTER FUNCTION private.matching_facts(contributor_ids uuid[]) OWNER TO postgres;

--
-- Name: milestone_released(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.milestone_released(milestone_id uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return exists (select from public.milestone_payouts p where p.milestone_id = milestone_released.milestone_id)
     and not exists (
       select from public.milestone_payouts p
       where p.milestone_id = milestone_released.milestone_id
         and not exists (select from public.escrow_transactions e
                         where e.milestone_id = p.milestone_id and e.contributor_id = p.contributor_id
                           and e.type = 'release' and e.status = 'completed' and e.amount_cents = p.payout_cents));
end
$$;

ALTER FUNCTION private.milestone_released(milestone_id uuid) OWNER TO postgres;

--
-- Name: milestone_unreserved(uuid, bigint); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.milestone_unreserved(milestone_id uuid, amount_cents bigint) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select milestone_unreserved.amount_cents - coalesce(sum(e.amount_cents), 0)
  from public.escrow_transactions e
  where e.milestone_id = milestone_unreserved.milestone_id and e.type in ('release', 'platform_fee') and e.status <> 'failed'
$$;

ALTER FUNCTION private.milestone_unreserved(milestone_id uuid, amount_cents bigint) OWNER TO postgres;

--
-- Name: mission_actors(public.missions); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mission_actors(mission public.missions) RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.uid();
  actors text[] := '{}'::text[];
  a record;
begin
  if private.is_platform() then
    actors := actors || 'payments'::text;
    if current_setting('app.actor', true) = 'timer' then
      actors := actors || 'timer'::text;
    end if;
  end if;
  if uid is null then
    return actors;
  end if;
  if not private.is_active() then
    return actors;
  end if;
  if private.is_admin() then
    actors := actors || 'admin'::text;
  end if;
  if exists (select from public.initiator_profiles i where i.id = mission.initiator_id and i.user_id = uid) then
    actors := actors || 'initiator'::text;
  end if;
  for a in
    select ma.role, ma.status from public.mission_assignments ma
    join public.contributor_profiles c on c.id = ma.contributor_id
    where ma.mission_id = mission.id and c.user_id = uid
  loop
    if a.status in ('active', 'stepped_up') then
      actors := actors || 'member'::text;
      if a.role = 'lead' then actors := actors || 'lead'::text; end if;
      if a.role = 'core_reviewer' then actors := actors || 'core_reviewer'::text; end if;
    end if;
  end loop;
  return actors;
end
$$;

ALTER FUNCTION private.mission_actors(mission public.missions) OWNER TO postgres;

--
-- Name: mission_dispute(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mission_dispute(mission_id uuid) RETURNS TABLE(disputed_at timestamp with time zone, dispute_reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if not (mission_dispute.mission_id = any (private.my_mission_ids()) or private.is_admin() or private.is_platform()) then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  return query select m.disputed_at, m.dispute_reason::text from public.missions m where m.id = mission_dispute.mission_id;
end
$$;

ALTER FUNCTION private.mission_dispute(mission_id uuid) OWNER TO postgres;

--
-- Name: mission_exclusions(public.missions); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mission_exclusions(m public.missions) RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return (
    select coalesce(array_agg(distinct x.contributor_id), '{}'::uuid[]) from (
      select a.contributor_id from public.mission_assignments a where a.mission_id = m.id
      union all
      select ap.contributor_id from public.mission_applications ap where ap.mission_id = m.id and ap.status = 'rejected'
      union all
      select c.id from public.contributor_profiles c
      join public.initiator_profiles i on i.user_id = c.user_id
      where i.id = m.initiator_id) x);
end
$$;

ALTER FUNCTION private.mission_exclusions(m public.missions) OWNER TO postgres;

--
-- Name: mission_initiator_user(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mission_initiator_user(mission_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select i.user_id from public.missions m join public.initiator_profiles i on i.id = m.initiator_id where m.id = mission_id
$$;

ALTER FUNCTION private.mission_initiator_user(mission_id uuid) OWNER TO postgres;

--
-- Name: mission_team_users(uuid, public.assignment_role[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.mission_team_users(mission_id uuid, roles public.assignment_role[] DEFAULT NULL::public.assignment_role[]) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select c.user_id from public.mission_assignments a join public.contributor_profiles c on c.id = a.contributor_id
  where a.mission_id = mission_team_users.mission_id and a.status in ('active', 'stepped_up')
    and (roles is null or a.role = any (roles))
$$;

ALTER FUNCTION private.mission_team_users(mission_id uuid, roles public.assignment_role[]) OWNER TO postgres;

--
-- Name: move_application(public.mission_applications, text, text[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.move_application(app public.mission_applications, action text, actors text[]) RETURNS public.mission_applications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  target text := private.guard('application', action, app.status::text, actors);
begin
  if target is null then
    return app;
  end if;
  update public.mission_applications set status = target::public.application_status,
    reviewed_at = case when action in ('shortlist', 'accept', 'reject') then private.clock() else reviewed_at end
  where id = app.id returning * into app;
  perform private.emit('application:' || target, app.mission_id, 'application', app.id,
    jsonb_build_object('action', action, 'contributor_id', app.contributor_id));
  return app;
end
$$;

ALTER FUNCTION private.move_application(app public.mission_applications, action text, actors text[]) OWNER TO postgres;

--
-- Name: move_assignment(public.mission_assignments, text, text[], text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.move_assignment(a public.mission_assignments, action text, actors text[], reason text DEFAULT NULL::text) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  target text := private.guard('assignment', action, a.status::text, actors);
begin
  if target is null then
    return a;
  end if;
  update public.mission_assignments set
    status = target::public.assignment_status,
    role = case when target = 'stepped_up' then 'lead'::public.assignment_role else role end,
    accepted_at = case when target = 'active' then private.clock() else accepted_at end,
    completed_at = case when target = 'completed' then private.clock() else completed_at end,
    ended_at = case when target in ('withdrawn', 'removed') then private.clock() else ended_at end,
    end_reason = case when target in ('withdrawn', 'removed') then left(coalesce(reason, action), 2000) else end_reason end
  where id = a.id returning * into a;
  perform private.emit('assignment:' || target, a.mission_id, 'assignment', a.id,
    jsonb_build_object('action', action, 'contributor_id', a.contributor_id, 'role', a.role));
  perform private.refresh_contributor_stats(a.contributor_id);
  return a;
end
$$;

ALTER FUNCTION private.move_assignment(a public.mission_assignments, action text, actors text[], reason text) OWNER TO postgres;

--
-- Name: move_milestone(public.milestones, public.missions, text, text[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.move_milestone(ms public.milestones, m public.missions, action text, actors text[]) RETURNS public.milestones
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  target text := private.guard('milestone', action, ms.status::text, actors);
  at timestamptz := private.clock();
begin
  if target is null then
    return ms;
  end if;
  -- (approved work is paid even if the mission was disputed, cancelled or completed since; a closing
  -- mission closes its milestones)
  if m.status not in ('in_progress', 'in_review')
     and not (action in ('mark_paid', 'cancel') and m.status in ('disputed', 'cancelled', 'completed'))
     and not (action = 'approve' and 'system' = any (actors) and m.status in ('disputed', 'completed')) then
    raise exception 'Milestones move only while the mission is in progress (it is %).', replace(m.status::text, '_', ' ')
      using errcode = 'PT409';
  end if;
  update public.milestones set
    status = target::public.milestone_status,
    submitted_at = case when target = 'submitted' then at else submitted_at end,
    approved_at = case when target = 'approved' then at else approved_at end,
    paid_at = case when target = 'paid' then at else paid_at end,
    revision_count = revision_count + case when target = 'revision' then 1 else 0 end
  where id = ms.id returning * into ms;
  perform private.emit('milestone:' || target, ms.mission_id, 'milestone', ms.id,
    jsonb_build_object('action', action, 'amount_cents', ms.amount_cents, 'title', ms.title));
  return ms;
end
$$;

ALTER FUNCTION private.move_milestone(ms public.milestones, m public.missions, action text, actors text[]) OWNER TO postgres;

--
-- Name: move_mission(public.missions, text, text[], jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.move_mission(m public.missions, action text, actors text[], payload jsonb DEFAULT '{}'::jsonb) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  target text := private.guard('mission', action, m.status::text, actors);
  at timestamptz := private.clock();
begin
  if target is null then
    return m;
  end if;
  update public.missions set
    status = target::public.mission_status,
    published_at = case when target = 'pending_funding' then at else published_at end,
    started_at = case when target = 'in_progress' and started_at is null then at else started_at end,
    completed_at = case when target = 'completed' then at else completed_at end,
    cancelled_at = case when target = 'cancelled' then at else cancelled_at end,
    disputed_at = case when target = 'disputed' then at else disputed_at end
  where id = m.id
  returning * into m;
  perform private.emit('mission:update', m.id, 'mission', m.id,
    jsonb_build_object('action', action, 'status', target) || coalesce(payload, '{}'::jsonb));
  return m;
end
$$;

ALTER FUNCTION private.move_mission(m public.missions, action text, actors text[], payload jsonb) OWNER TO postgres;

--
-- Name: my_account(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.my_account() RETURNS TABLE(id uuid, last_login_at timestamp with time zone, email_opt_outs text[])
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.id, p.last_login_at, p.email_opt_outs from public.profiles p where p.id = private.uid()
$$;

ALTER FUNCTION private.my_account() OWNER TO postgres;

--
-- Name: FUNCTION my_account(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.my_account() IS 'The caller''s own last_login_at and email_opt_outs (nobody else''s).';

--
-- Name: my_contributor_id(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.my_contributor_id() RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return nullif(split_part(current_setting('people.caller'), ',', 3), '')::uuid;
  end if;
  return (select id from public.contributor_profiles where user_id = private.uid());
end
$$;

ALTER FUNCTION private.my_contributor_id() OWNER TO postgres;

--
-- Name: my_conversation_ids(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.my_conversation_ids() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return (
    select coalesce(array_agg(cp.conversation_id), '{}')
    from public.conversation_participants cp
    join public.profiles p on p.id = cp.user_id and p.account_status = 'active'
    where cp.user_id = private.uid());
end
$$;

ALTER FUNCTION private.my_conversation_ids() OWNER TO postgres;

--
-- Name: FUNCTION my_conversation_ids(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.my_conversation_ids() IS 'The conversations the caller takes part in; none unless the caller''s account is active.';

--
-- Name: my_initiated_mission_ids(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.my_initiated_mission_ids() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  facts text[];
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    -- The facts the pre-request hook remembered (private.remember_caller): {status, role, contributor id, initiator id}.
    facts := string_to_array(current_setting('people.caller'), ',');
    if facts[4] = '' then
      return '{}'::uuid[];
    end if;
    return (
      select coalesce(array_agg(m.id), '{}')
      from public.missions m
      where m.initiator_id = facts[4]::uuid);
  end if;
  return (
    select coalesce(array_agg(m.id), '{}')
    from public.missions m
    join public.initiator_profiles i on i.id = m.initiator_id
    where i.user_id = private.uid());
end
$$;

ALTER FUNCTION private.my_initiated_mission_ids() OWNER TO postgres;

--
-- Name: my_initiator_id(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.my_initiator_id() RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    return nullif(split_part(current_setting('people.caller'), ',', 4), '')::uuid;
  end if;
  return (select id from public.initiator_profiles where user_id = private.uid());
end
$$;

ALTER FUNCTION private.my_initiator_id() OWNER TO postgres;

--
-- Name: my_mission_ids(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.my_mission_ids() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  facts text[];
  uid uuid;
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    -- The facts the pre-request hook remembered (private.remember_caller): {status, role, contributor
    -- id, initiator id}. No profile joins, and no query for a role the caller lacks (nor for their
    -- team while the account is not active).
    facts := string_to_array(current_setting('people.caller'), ',');
    if facts[1] <> 'active' then
      facts[3] := '';
    end if;
    if facts[3] = '' and facts[4] = '' then
      return '{}'::uuid[];
    elsif facts[3] = '' then
      return array(select m.id from public.missions m where m.initiator_id = facts[4]::uuid);
    elsif facts[4] = '' then
      return array(
        select a.mission_id from public.mission_assignments a
        where a.contributor_id = facts[3]::uuid and a.status in ('invited', 'active', 'stepped_up', 'completed'));
    end if;
    return array(
      select m.id from public.missions m where m.initiator_id = facts[4]::uuid
      union
      select a.mission_id from public.mission_assignments a
      where a.contributor_id = facts[3]::uuid and a.status in ('invited', 'active', 'stepped_up', 'completed'));
  end if;
  uid := private.uid();
  return array(
    select m.id
    from public.missions m
    join public.initiator_profiles i on i.id = m.initiator_id
    where i.user_id = uid
    union
    select a.mission_id
    from public.mission_assignments a
    join public.contributor_profiles c on c.id = a.contributor_id
    join public.profiles p on p.id = c.user_id
    where c.user_id = uid and p.account_status = 'active' and a.status in ('invited', 'active', 'stepped_up', 'completed'));
end
$$;

ALTER FUNCTION private.my_mission_ids() OWNER TO postgres;

--
-- Name: FUNCTION my_mission_ids(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.my_mission_ids() IS 'Missions the caller initiated, and (while the caller is active) the ones they work on. Wrap as (select private.my_mission_ids()) in policies.';

--
-- Name: my_team_mission_ids(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.my_team_mission_ids() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  facts text[];
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    -- The facts the pre-request hook remembered (private.remember_caller): {status, role, contributor id, initiator id}.
    facts := string_to_array(current_setting('people.caller'), ',');
    if facts[3] = '' then
      return '{}'::uuid[];
    end if;
    return (
      select coalesce(array_agg(a.mission_id), '{}')
      from public.mission_assignments a
      where a.contributor_id = facts[3]::uuid and a.status in ('active', 'stepped_up', 'completed'));
  end if;
  return (
    select coalesce(array_agg(a.mission_id), '{}')
    from public.mission_assignments a
    join public.contributor_profiles c on c.id = a.contributor_id
    where c.user_id = private.uid() and a.status in ('active', 'stepped_up', 'completed'));
end
$$;

ALTER FUNCTION private.my_team_mission_ids() OWNER TO postgres;

--
-- Name: notify(uuid, text, text, text, public.notification_priority, text, text, jsonb, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.notify(user_id uuid, type text, title text, message text, priority public.notification_priority DEFAULT 'basic'::public.notification_priority, action_url text DEFAULT NULL::text, action_label text DEFAULT NULL::text, metadata jsonb DEFAULT '{}'::jsonb, expires_at timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  new_id uuid;
begin
  if user_id is null then
    return null;
  end if;
  insert into public.notifications (user_id, type, title, message, priority, action_url, action_label, metadata, expires_at)
  values (notify.user_id, notify.type, left(notify.title, 255), left(notify.message, 5000), notify.priority, notify.action_url,
          notify.action_label, coalesce(notify.metadata, '{}'::jsonb),
          coalesce(notify.expires_at, now() + make_interval(days => private.setting_int('notification_ttl_days'))))
  returning id into new_id;
  return new_id;
end
$$;

ALTER FUNCTION private.notify(user_id uuid, type text, title text, message text, priority public.notification_priority, action_url text, action_label text, metadata jsonb, expires_at timestamp with time zone) OWNER TO postgres;

--
-- Name: open_dispute(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.open_dispute(mission_id uuid, reason text) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
begin
  if not private.is_platform() then
    perform private.require_active_user();
  end if;
  if coalesce(btrim(reason), '') = '' then
    raise exception 'Say why you open a dispute.' using errcode = '22023';
  end if;
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  m := private.move_mission(m, 'open_dispute', actors, jsonb_build_object('reason', left(reason, 2000)));
  update public.missions set dispute_reason = left(reason, 2000) where id = m.id and status = 'disputed' returning * into m;
  return m;
end
$$;

ALTER FUNCTION private.open_dispute(mission_id uuid, reason text) OWNER TO postgres;

--
-- Name: conversations; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.conversations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    mission_id uuid,
    type public.conversation_type DEFAULT 'direct'::public.conversation_type NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT conversations_team_has_mission CHECK (((type <> 'mission_team'::public.conversation_type) OR (mission_id IS NOT NULL)))
);

ALTER TABLE public.conversations OWNER TO postgres;

--
-- Name: TABLE conversations; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.conversations IS 'A conversation; its participants are in conversation_participants.';

--
-- Name: open_support_conversation(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.open_support_conversation() RETURNS public.conversations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  c public.conversations;
begin
  select x.* into c from public.conversations x
  where x.type = 'support' and x.created_by = uid limit 1;
  if not found then
    insert into public.conversations (type, created_by) values ('support', uid) returning * into c;
    insert into public.conversation_participants (conversation_id, user_id) values (c.id, uid);
  end if;
  insert into public.conversation_participants (conversation_id, user_id)
  select c.id, p.id from public.profiles p where p.primary_role = 'admin' and p.account_status = 'active'
  on conflict do nothing;
  return c;
end
$$;

ALTER FUNCTION private.open_support_conversation() OWNER TO postgres;

--
-- Name: park_job(bigint, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.park_job(job_id bigint, reason text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update private.jobs set status = 'waiting', locked_until = null, last_error = left(reason, 2000),
    attempts = greatest(attempts - 1, 0)
  where id = job_id
$$;

ALTER FUNCTION private.park_job(job_id bigint, reason text) OWNER TO postgres;

--
-- Name: path_conversation_id(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.path_conversation_id(name text) RETURNS uuid
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $_$
  select case when (storage.foldername(name))[1] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then ((storage.foldername(name))[1])::uuid end
$_$;

ALTER FUNCTION private.path_conversation_id(name text) OWNER TO postgres;

--
-- Name: path_mission_id(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.path_mission_id(name text) RETURNS uuid
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $_$
  select case when (storage.foldername(name))[1] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then ((storage.foldername(name))[1])::uuid end
$_$;

ALTER FUNCTION private.path_mission_id(name text) OWNER TO postgres;

--
-- Name: payable_milestones(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.payable_milestones(mission_id uuid) RETURNS TABLE(milestone_id uuid, amount_cents bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  budget bigint := greatest(private.escrow_balance(payable_milestones.mission_id), 0);
  ms record;
begin
  for ms in
    select y.id, y.amount from (
      select x.id, x.order_index, private.milestone_unreserved(x.id, x.amount_cents) as amount from public.milestones x
      where x.mission_id = payable_milestones.mission_id and x.status = 'approved') y
    where y.amount > 0
    order by y.order_index, y.id
  loop
    if ms.amount <= budget then
      budget := budget - ms.amount;
      milestone_id := ms.id;
      amount_cents := ms.amount;
      return next;
    end if;
  end loop;
end
$$;

ALTER FUNCTION private.payable_milestones(mission_id uuid) OWNER TO postgres;

--
-- Name: FUNCTION payable_milestones(mission_id uuid); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.payable_milestones(mission_id uuid) IS 'Approved, unreleased milestones whose payout + fee the mission''s escrow can pay in full, in milestone order.';

--
-- Name: payout_payee(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.payout_payee(mission_id uuid) RETURNS uuid
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select a.contributor_id
  from public.mission_assignments a
  where a.mission_id = payout_payee.mission_id and a.role = 'lead'
    and (a.status in ('active', 'stepped_up', 'completed') or (a.status = 'removed' and a.end_reason = 'mission cancelled'))
  order by (a.status = 'completed'), (a.status = 'removed'), a.accepted_at desc nulls last
  limit 1
$$;

ALTER FUNCTION private.payout_payee(mission_id uuid) OWNER TO postgres;

--
-- Name: payout_plan(uuid, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.payout_plan(milestone_id uuid, contributor_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  part public.milestone_payouts;
  payee record;
  charge text;
begin
  select * into ms from public.milestones x where x.id = payout_plan.milestone_id;
  select * into part from public.milestone_payouts p
    where p.milestone_id = payout_plan.milestone_id and p.contributor_id = payout_plan.contributor_id;
  if ms.id is null or part.milestone_id is null then
    raise exception 'No such part of a milestone payout.' using errcode = 'PT404';
  end if;
  select * into m from public.missions where id = ms.mission_id;
  select d.stripe_account_id, d.stripe_payouts_enabled into payee
  from public.contributor_private_details d
  where d.contributor_id = part.contributor_id;
  select x.stripe_charge_id into charge from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = part.contributor_id and x.type = 'release' and x.status <> 'failed';
  if not found then
    charge := private.transfer_source(m.id, part.payout_cents);
  end if;
  return jsonb_build_object(
    'milestone_id', ms.id, 'mission_id', m.id, 'milestone_status', ms.status, 'currency', lower(m.currency),
    'amount_cents', ms.amount_cents, 'fee_cents', private.platform_fee(ms.amount_cents, m.platform_fee_bps),
    'payout_cents', part.payout_cents, 'role', part.role, 'share_bps', part.share_bps,
    'contributor_id', part.contributor_id, 'destination', payee.stripe_account_id,
    'payouts_enabled', coalesce(payee.stripe_payouts_enabled, false), 'source_transaction', charge,
    'idempotency_key', 'release-' || ms.id || '-' || part.contributor_id);
end
$$;

ALTER FUNCTION private.payout_plan(milestone_id uuid, contributor_id uuid) OWNER TO postgres;

--
-- Name: platform_fee(bigint, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.platform_fee(amount_cents bigint, fee_bps integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select (amount_cents * fee_bps + 5000) / 10000
$$;

ALTER FUNCTION private.platform_fee(amount_cents bigint, fee_bps integer) OWNER TO postgres;

--
-- Name: FUNCTION platform_fee(amount_cents bigint, fee_bps integer); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.platform_fee(amount_cents bigint, fee_bps integer) IS 'The platform fee on an amount: round half up of amount * bps / 10000.';

--
-- Name: proof_task_attempt_view(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.proof_task_attempt_view(attempt_id uuid) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select jsonb_build_object(
    'task_id', t.id,
    'title', t.title,
    'category', t.category,
    'difficulty', t.difficulty,
    'time_limit_minutes', t.time_limit_minutes,
    'scenario', case when a.started_at is not null then t.scenario end,
    'status', case when a.submitted_at is not null then 'submitted' when a.started_at is not null then 'started' else 'assigned' end,
    'assigned_at', a.assigned_at,
    'started_at', a.started_at,
    'due_at', a.due_at,
    'seconds_left', case when a.due_at is not null and a.submitted_at is null
                         then greatest(0, floor(extract(epoch from a.due_at - private.clock())))::integer end)
  from private.proof_task_attempts a
  join public.proof_tasks t on t.id = a.task_id
  where a.id = attempt_id
$$;

ALTER FUNCTION private.proof_task_attempt_view(attempt_id uuid) OWNER TO postgres;

--
-- Name: proposed_payout_shares(integer, boolean); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.proposed_payout_shares(max_shadow_contributors integer, requires_core_reviewer boolean, OUT lead_bps integer, OUT shadow_bps integer, OUT core_reviewer_bps integer) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  shadow_bps := case when max_shadow_contributors > 0 then coalesce(private.setting_int('payout_share_shadow_bps'), 0) else 0 end;
  core_reviewer_bps := case when requires_core_reviewer then coalesce(private.setting_int('payout_share_core_reviewer_bps'), 0) else 0 end;
  lead_bps := 10000 - shadow_bps - core_reviewer_bps;
end
$$;

ALTER FUNCTION private.proposed_payout_shares(max_shadow_contributors integer, requires_core_reviewer boolean, OUT lead_bps integer, OUT shadow_bps integer, OUT core_reviewer_bps integer) OWNER TO postgres;

--
-- Name: publish_mission(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.publish_mission(mission_id uuid) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
  total bigint;
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if m.status = 'draft' then
    select coalesce(sum(amount_cents), 0) into total from public.milestones where milestones.mission_id = m.id;
    if total = 0 then
      raise exception 'Add at least one milestone before publishing.' using errcode = '22023';
    end if;
    if total < m.budget_min_cents or total > m.budget_max_cents then
      raise exception 'The milestones add up to % but the budget is % to % (in cents).', total, m.budget_min_cents, m.budget_max_cents
        using errcode = '22023';
    end if;
    -- Something must be left to pay the team once the platform fee is taken.
    if exists (select from public.milestones x where x.mission_id = m.id
               and x.amount_cents - private.platform_fee(x.amount_cents, m.platform_fee_bps) < 1) then
      raise exception 'Each milestone must be worth more than the platform fee on it.' using errcode = '22023';
    end if;
  end if;
  m := private.move_mission(m, 'publish', actors);
  perform private.refresh_initiator_stats(m.initiator_id);
  return m;
end
$$;

ALTER FUNCTION private.publish_mission(mission_id uuid) OWNER TO postgres;

--
-- Name: purge_expired_notifications(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.purge_expired_notifications() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with gone as (delete from public.notifications where expires_at < now() - interval '1 day' returning 1)
  select count(*)::integer from gone
$$;

ALTER FUNCTION private.purge_expired_notifications() OWNER TO postgres;

--
-- Name: purge_rate_limits(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.purge_rate_limits() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with gone as (delete from private.rate_limit_counters where window_start < now() - interval '1 hour' returning 1)
  select count(*)::integer from gone
$$;

ALTER FUNCTION private.purge_rate_limits() OWNER TO postgres;

--
-- Name: queue_email(uuid, text, jsonb, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.queue_email(user_id uuid, template text, data jsonb, dedupe_key text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if user_id is null or exists (select from public.profiles p where p.id = user_id and template = any (p.email_opt_outs)) then
    return;
  end if;
  perform private.enqueue_job('email', jsonb_build_object('user_id', user_id, 'template', template, 'data', coalesce(data, '{}'::jsonb)),
                              'email:' || dedupe_key);
end
$$;

ALTER FUNCTION private.queue_email(user_id uuid, template text, data jsonb, dedupe_key text) OWNER TO postgres;

--
-- Name: rank_candidates(uuid, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.rank_candidates(mission_id uuid, max_rows integer) RETURNS TABLE(candidate_rank integer, contributor_id uuid, skill_match_cp integer, total_cp integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 10
    SET search_path TO ''
    SET plan_cache_mode TO 'force_generic_plan'
    SET jit TO 'off'
    AS $$
declare
  m public.missions;
  skill_ids uuid[];
  skill_nos integer[];     -- their numbers in the pool (null: nobody in the pool holds it)
  weights integer[];
  bits integer[];          -- each mission skill's popular bit, null when it is not a popular skill
  total_weight integer;
  rare_weight integer;     -- weight of the mission's skills outside the popular set
  popular_weight integer;  -- weight of its popular skills
  top_max integer;         -- the largest top_count anyone can have
  mask3 bigint;            -- its popular skills of weight 3, 2 and 1 (popular_mask bits)
  mask2 bigint;
  mask1 bigint;
  rare_mask3 bigint;       -- its rare skills' skill_mask bits, by the weight of the skills on each bit
  rare_mask2 bigint;       -- (a bit two of them share counts as 3, the rest of their weight goes to
  rare_mask1 bigint;       -- rare_extra, assumed held by everyone: the bound stays an upper bound)
  rare_extra integer;
  popular_n integer;       -- how many of its skills are popular
  weight_floor integer[];  -- weight_floor[w + 1]: floor - the most skill match (skills of weight w) can give
  excluded uuid[];
  cx integer;
  type_shift integer;
  floor_cp integer;
  probe_ids uuid[];        -- the probe's best max_rows contributors and their exact totals
  probe_totals integer[];
  rare_ids uuid[];         -- everyone found in the rare lists (their popular rows are looked up by key)
  scored_ids uuid[];       -- those of them who can reach the floor, with exact skill sums and static parts
  scored_wsums bigint[];
  scored_sts integer[];
  better_floor integer;
begin
  select * into m from public.missions x where x.id = rank_candidates.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  if coalesce(max_rows, 0) < 1 then
    return;
  end if;
  select array_agg(x.skill_id order by x.skill_id), array_agg(x.skill_no order by x.skill_id),
         array_agg(x.w order by x.skill_id), array_agg(x.b order by x.skill_id),
         coalesce(sum(x.w), 0)::integer,
         coalesce(sum(x.w) filter (where x.b is null), 0)::integer,
         coalesce(bit_or(1::bigint << x.b) filter (where x.w = 3), 0),
         coalesce(bit_or(1::bigint << x.b) filter (where x.w = 2), 0),
         coalesce(bit_or(1::bigint << x.b) filter (where x.w = 1), 0)
    into skill_ids, skill_nos, weights, bits, total_weight, rare_weight, mask3, mask2, mask1
  from (
    select rs.skill_id, n.skill_no, (case rs.importance when 'required' then 3 when 'preferred' then 2 else 1 end) as w, ps.bit::integer as b
    from public.mission_required_skills rs
    left join private.match_popular_skills ps on ps.skill_id = rs.skill_id
    left join private.match_skill_numbers n on n.skill_id = rs.skill_id
    where rs.mission_id = m.id
    offset 0) x;
  popular_weight := total_weight - rare_weight;
  popular_n := bit_count(int8send(mask3 | mask2 | mask1))::integer;
  select coalesce(bit_or(1::bigint << y.rb) filter (where y.w >= 3), 0),
         coalesce(bit_or(1::bigint << y.rb) filter (where y.w = 2), 0),
         coalesce(bit_or(1::bigint << y.rb) filter (where y.w = 1), 0),
         coalesce(sum(greatest(y.w - 3, 0)), 0)::integer
    into rare_mask3, rare_mask2, rare_mask1, rare_extra
  from (select (get_byte(uuid_send(x.skill_id), 15) & 63) as rb, sum(x.w) as w
        from unnest(skill_ids, weights, bits) as x(skill_id, w, b)
        where x.b is null
        group by 1) y;
  top_max := (select count(*)::integer from private.match_popular_skills ps where ps.bit < 12);
  excluded := private.mission_exclusions(m);
  cx := array_position(enum_range(null::public.mission_complexity), m.complexity);
  type_shift := 2 * (array_position(private.mission_types(), m.type::text) - 1);

  if total_weight = 0 then
    -- No skills listed: every eligible contributor is a candidate, with no skill match.
    return query
    select (row_number() over (order by t.total desc, t.contributor_id))::integer, t.contributor_id, 0, t.total
    from (
      select mc.contributor_id,
             (case cx when 1 then mc.static_easy_cp when 2 then mc.static_medium_cp when 3 then mc.static_hard_cp
                      else mc.static_expert_cp end
              + case (mc.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as total
      from private.match_contributors mc
      where mc.contributor_id <> all (excluded)
      order by 2 desc, 1
      limit max_rows) t
    order by 1;
    return;
  end if;

  -- The floor: exact totals of the probe's contributors, n-th best. The popular skills' lists are
  -- probed (the other lists are short); all lists when the mission has no popular skill.
  select array_agg(pr.contributor_id order by pr.total desc), array_agg(pr.total order by pr.total desc)
    into probe_ids, probe_totals
  from (
    select c.contributor_id, ((8 * sum(ms.w * s2.credit) + 10 * total_weight) / (20 * total_weight))::integer + c.st as total
    from (
      select distinct p.contributor_id, p.st
      from unnest(skill_nos, weights, bits) as ms(skill_no, w, b)
      cross join generate_series(0, top_max) as ks(k)
      cross join lateral (
        -- the strongest hold several of the mission's popular skills: probe those among the range's
        -- first 16 rows, more of them when the mission has more popular skills
        select q.contributor_id, q.st from (
          select s.contributor_id, s.popular_mask, s.static_upper_cp,
                 (case cx when 1 then s.static_easy_cp when 2 then s.static_medium_cp when 3 then s.static_hard_cp
                          else s.static_expert_cp end
                  + case (s.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as st
          from private.match_skills s
          where s.skill_no = ms.skill_no and s.top_count = ks.k and s.contributor_id <> all (excluded)
          order by s.static_upper_cp desc
          limit 16) q
        where bit_count(int8send(q.popular_mask & (mask3 | mask2 | mask1))) >= least(ks.k, 3, popular_n - 1)
        order by q.static_upper_cp desc
        limit greatest(3, 2 * popular_n)) p
      where ms.b is not null or popular_weight = 0) c
    -- all of each one's rows in one index range (a skill_no = any () condition descends once per skill)
    join private.match_skills s2 on s2.contributor_id = c.contributor_id
    join unnest(skill_nos, weights) as ms(skill_no, w) on ms.skill_no = s2.skill_no
    group by c.contributor_id, c.st
    order by 2 desc
    limit max_rows) pr;
  floor_cp := coalesce(probe_totals[max_rows], -1000000);
  weight_floor := array(
    select floor_cp - ((8 * 10000 * w::bigint + 10 * total_weight) / (20 * total_weight))::integer
    from generate_series(0, total_weight + rare_extra) w order by w);

  -- The rare lists first: their contributors get exact scores (their popular rows by key), and with
  -- the probe's they raise the floor before the long popular lists are read.
  if rare_weight > 0 then
    with ms as (
      select x.skill_no, x.w, x.b is not null as pop,
             -- own_w: what this skill's skill_mask bit is worth (with rare_extra); others: the bits of
             -- the mission's other rare skills
             3 * ((rare_mask3 >> z.rb) & 1) + 2 * ((rare_mask2 >> z.rb) & 1) + ((rare_mask1 >> z.rb) & 1) + rare_extra as own_w,
             (rare_mask3 | rare_mask2 | rare_mask1) & ~(1::bigint << z.rb) as others
      from unnest(skill_ids, skill_nos, weights, bits) as x(skill_id, skill_no, w, b)
      cross join lateral (select get_byte(uuid_send(x.skill_id), 15) & 63 as rb) z
    ),
    -- The other lists are short (their skills are not among the most held): read each in one range,
    -- with the exact bounds as filters.
    rare_rows as (
      select r.contributor_id, ms.w * r.credit as wc, r.st, r.held
      from ms
      cross join lateral (
        select s.contributor_id, s.credit, y.held, y.st
        from private.match_skills s
        -- held: weight of the mission's popular skills this contributor has; rare_held: at least the
        -- weight of its rare skills they have (this row's included); st: their exact static part
        cross join lateral (
          select 3 * bit_count(int8send(s.popular_mask & mask3)) + 2 * bit_count(int8send(s.popular_mask & mask2))
                   + bit_count(int8send(s.popular_mask & mask1)) as held,
                 3 * bit_count(int8send(s.skill_mask & rare_mask3)) + 2 * bit_count(int8send(s.skill_mask & rare_mask2))
                   + bit_count(int8send(s.skill_mask & rare_mask1)) + rare_extra as rare_held,
                 (case cx when 1 then s.static_easy_cp when 2 then s.static_medium_cp when 3 then s.static_hard_cp
                          else s.static_expert_cp end
                  + case (s.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as st) y
        where s.skill_no = ms.skill_no
          -- this row's own credit and exact static part: a bound per row (a contributor who could
          -- reach the floor passes it on every row). One expression, cheap test first: most hold
          -- none of the mission's other skills, and then rare_held is own_w and held 0.
          and case when s.skill_mask & ms.others = 0 and s.popular_mask & (mask3 | mask2 | mask1) = 0
                   then s.static_upper_cp >= weight_floor[ms.own_w + 1]
                        and y.st + (8 * (ms.w * s.credit + 10000 * (ms.own_w - ms.w)::bigint) + 10 * total_weight)
                                   / (20 * total_weight) >= floor_cp
                   else s.static_upper_cp >= weight_floor[y.rare_held + y.held + 1]
                        and y.st + (8 * (ms.w * s.credit + 10000 * (y.rare_held - ms.w + y.held)::bigint) + 10 * total_weight)
                                   / (20 * total_weight) >= floor_cp end
          and s.contributor_id <> all (excluded)) r
      where not ms.pop
    ),
    rare as (
      select rr.contributor_id, sum(rr.wc) as wsum, max(rr.st) as st, max(rr.held) as held
      from rare_rows rr group by rr.contributor_id
    ),
    -- Skip those who cannot reach the floor even with full marks in the popular skills they hold; look
    -- up the popular skills' rows of those who hold some.
    rare_scored as (
      select r.contributor_id, r.wsum, r.st
      from rare r
      where r.held = 0
        and r.st + (8 * r.wsum + 10 * total_weight) / (20 * total_weight) >= floor_cp
      union all
      select r.contributor_id,
             r.wsum + (select coalesce(sum(ms2.w * s2.credit), 0)
                       from ms ms2
                       join private.match_skills s2 on s2.contributor_id = r.contributor_id and s2.skill_no = ms2.skill_no
                       where ms2.pop),
             r.st
      from rare r
      where r.held > 0
        and r.st + (8 * (r.wsum + 10000 * r.held::bigint) + 10 * total_weight) / (20 * total_weight) >= floor_cp
    )
    select (select array_agg(r.contributor_id) from rare r), array_agg(rs.contributor_id), array_agg(rs.wsum), array_agg(rs.st)
      into rare_ids, scored_ids, scored_wsums, scored_sts
    from rare_scored rs;
    rare_ids := coalesce(rare_ids, '{}');

    -- The floor: the n-th best of the probe's and the rare lists' contributors (exact totals, each once).
    select t.total into better_floor
    from (
      select x.id, max(x.total) as total
      from (select p.id, p.total from unnest(probe_ids, probe_totals) as p(id, total)
            union all
            select r.id, ((8 * r.wsum + 10 * total_weight) / (20 * total_weight))::integer + r.st
            from unnest(scored_ids, scored_wsums, scored_sts) as r(id, wsum, st)) x
      group by x.id
      order by 2 desc
      offset max_rows - 1 limit 1) t;
    if better_floor > floor_cp then
      floor_cp := better_floor;
      weight_floor := array(
        select floor_cp - ((8 * 10000 * w::bigint + 10 * total_weight) / (20 * total_weight))::integer
        from generate_series(0, total_weight + rare_extra) w order by w);
    end if;
  end if;

  return query
  with ms as (
    select x.skill_no, x.w, x.b,
           -- the mission's popular skills are read from the least held to the most held (bit order
           -- descending); each contributor only in the list of the first of them they hold
           (mask3 | mask2 | mask1) & (-1::bigint << x.b) & ~(1::bigint << x.b) as earlier,
           (mask3 | mask2 | mask1) & ~(-1::bigint << x.b) as later
    from unnest(skill_nos, weights, bits) as x(skill_no, w, b)
    where x.b is not null
  ),
  -- Index ranges per (popular skill, top_count k): a contributor read in this skill's list holds
  -- none of the mission's popular skills before it, so at most this one, the later ones of bits
  -- 12-63 and the heaviest k of the later ones among the 12 most popular.
  ranges as (
    select ms.skill_no, ms.w, ms.earlier, ms.later, ks.k,
           weight_floor[(select coalesce(sum(o.w) filter (where o.b >= 12), 0) from ms o where o.b <= ms.b)::integer
                        + (select coalesce(sum(t.w), 0)
                           from (select o.w from ms o where o.b <= ms.b and o.b < 12 order by o.w desc limit ks.k) t)::integer
                        + 1] as popular_only
    from ms
    cross join generate_series(0, top_max) as ks(k)
  ),
  popular_rows as (
    select p.contributor_id, p.wc, p.st, p.later_held, b.later
    from ranges b
    cross join lateral (
      select s.contributor_id, b.w * s.credit as wc, y.st, s.popular_mask & b.later as later_held
      from private.match_skills s
      cross join lateral (
        select 3 * bit_count(int8send(s.popular_mask & mask3)) + 2 * bit_count(int8send(s.popular_mask & mask2))
                 + bit_count(int8send(s.popular_mask & mask1)) as held,
               (case cx when 1 then s.static_easy_cp when 2 then s.static_medium_cp when 3 then s.static_hard_cp
                        else s.static_expert_cp end
                + case (s.type_levels >> type_shift) & 3 when 0 then 0 when 1 then 133 when 2 then 267 else 400 end)::integer as st) y
      where s.skill_no = b.skill_no and s.top_count = b.k
        and s.static_upper_cp >= b.popular_only
        -- one expression, so that the cheap tests come first: those holding an earlier one were read
        -- there; most hold no later one either, and then held is this skill's weight
        and case when s.popular_mask & b.earlier <> 0 then false
                 when s.popular_mask & b.later = 0
                 then s.static_upper_cp >= weight_floor[b.w + 1]
                      and y.st + (8 * b.w * s.credit + 10 * total_weight) / (20 * total_weight) >= floor_cp
                 else s.static_upper_cp >= weight_floor[y.held + 1]
                      and y.st + (8 * (b.w * s.credit + 10000 * (y.held - b.w)::bigint) + 10 * total_weight)
                                 / (20 * total_weight) >= floor_cp end
        and s.contributor_id <> all (excluded)
      offset 0) p -- one index range per (skill, top_count), also in the generic plan
  ),
  -- Each contributor once; the later popular skills they hold by primary key.
  popular_only as (
    select pr.contributor_id,
           pr.wc + case when pr.later_held = 0 then 0
                        else (select coalesce(sum(o.w * s2.credit), 0)
                              from ms o
                              join private.match_skills s2 on s2.contributor_id = pr.contributor_id and s2.skill_no = o.skill_no
                              where pr.later_held & (1::bigint << o.b) <> 0) end as wsum,
           pr.st
    from popular_rows pr
    where not exists (select from unnest(rare_ids) as r(id) where r.id = pr.contributor_id)
  ),
  scored as (
    select c.contributor_id, ((8 * c.wsum + 10 * total_weight) / (20 * total_weight))::integer as skill, c.st
    from (select rs.contributor_id, rs.wsum, rs.st from unnest(scored_ids, scored_wsums, scored_sts) as rs(contributor_id, wsum, st)
          union all
          select po.contributor_id, po.wsum, po.st from popular_only po) c
  )
  select (row_number() over (order by t.total desc, t.skill desc, t.contributor_id))::integer, t.contributor_id, t.skill, t.total
  from (
    select sc.contributor_id, sc.skill, sc.skill + sc.st as total
    from scored sc
    order by sc.skill + sc.st desc, sc.skill desc, sc.contributor_id
    limit max_rows) t
  order by 1;
end
$$;

ALTER FUNCTION private.rank_candidates(mission_id uuid, max_rows integer) OWNER TO postgres;

--
-- Name: realtime_can_receive(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.realtime_can_receive(topic text) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  kind text := split_part(topic, ':', 1);
  ref text := split_part(topic, ':', 2);
  target uuid;
begin
  if private.uid() is null or not private.is_active() or ref !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  target := ref::uuid;
  return case kind
    when 'user' then target = private.uid()
    when 'conversation' then target = any (private.my_conversation_ids())
    when 'mission' then target = any (private.my_team_mission_ids()) or target = any (private.my_initiated_mission_ids()) or private.is_admin()
    else false end;
end
$_$;

ALTER FUNCTION private.realtime_can_receive(topic text) OWNER TO postgres;

--
-- Name: rebuild_matching(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.rebuild_matching() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  everyone uuid[];
  changed uuid[];
  reputations integer;
begin
  perform private.require_admin();
  everyone := array(select c.id from public.contributor_profiles c order by c.id);
  delete from private.match_skills;
  delete from private.match_contributors;
  delete from private.match_popular_skills;
  insert into private.match_popular_skills (skill_id, bit)
  select x.skill_id, (row_number() over (order by x.holders desc, x.skill_id) - 1)::smallint
  from (select cs.skill_id, count(*) as holders
        from public.contributor_skills cs
        join public.contributor_profiles c on c.id = cs.contributor_id and c.verification_status = 'verified'
        group by cs.skill_id
        order by count(*) desc, cs.skill_id
        limit least(greatest(coalesce(private.setting_int('matching_popular_skills'), 64), 0), 64)) x;
  changed := private.refresh_reputation(everyone);
  reputations := cardinality(changed);
  if current_setting('session_replication_role') = 'replica' then
    -- Triggers are off (a bulk load): nothing refreshed the pool rows of those whose reputation changed.
    perform private.sync_match_pool(everyone);
  else
    perform private.sync_match_pool(array(select unnest(everyone) except select unnest(changed)));
  end if;
  return jsonb_build_object(
    'contributors', cardinality(everyone),
    'reputations_changed', reputations,
    'eligible', (select count(*) from private.match_contributors),
    'popular_skills', (select count(*) from private.match_popular_skills),
    'pool_skill_rows', (select count(*) from private.match_skills));
end
$$;

ALTER FUNCTION private.rebuild_matching() OWNER TO postgres;

--
-- Name: recommend_team(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.recommend_team(mission_id uuid) RETURNS TABLE(role public.assignment_role, slot integer, contributor_id uuid, user_id uuid, full_name text, role_score numeric, total numeric, skill_match numeric, trust numeric, availability numeric, experience numeric, historical_fit numeric, candidate_rank integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions := private.require_matching_access(recommend_team.mission_id);
  see_private boolean := private.is_admin() or private.is_platform();
begin
  -- As in match_candidates: availability (private weekly hours) and the totals that contain it are for
  -- admins and the platform only.
  return query
  select t.role, t.slot, t.contributor_id, t.user_id, p.full_name::text,
         case when see_private then round(t.role_score_cp / 100.0, 2) end, case when see_private then round(t.total_cp / 100.0, 2) end,
         round(t.skill_match_cp / 100.0, 2),
         round(t.trust_cp / 100.0, 2), case when see_private then round(t.availability_cp / 100.0, 2) end, round(t.experience_cp / 100.0, 2),
         round(t.historical_fit_cp / 100.0, 2), t.candidate_rank
  from private.recommend_team_cp(m.id) t
  join public.profiles p on p.id = t.user_id
  order by array_position(array['lead', 'core_reviewer', 'shadow']::public.assignment_role[], t.role), t.slot;
end
$$;

ALTER FUNCTION private.recommend_team(mission_id uuid) OWNER TO postgres;

--
-- Name: recommend_team_cp(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.recommend_team_cp(mission_id uuid) RETURNS TABLE(role public.assignment_role, slot integer, contributor_id uuid, user_id uuid, role_score_cp integer, skill_match_cp integer, trust_cp integer, availability_cp integer, experience_cp integer, historical_fit_cp integer, total_cp integer, candidate_rank integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  leads_open integer;
  shadows_open integer;
  reviewers_open integer;
  min_trust integer := coalesce(private.setting_int('matching_reviewer_min_trust'), 70);
begin
  select * into m from public.missions x where x.id = recommend_team_cp.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  select greatest(0, m.max_lead_contributors - count(*) filter (where a.role = 'lead'))::integer,
         greatest(0, m.max_shadow_contributors - count(*) filter (where a.role = 'shadow'))::integer,
         greatest(0, (case when m.requires_core_reviewer then 1 else 0 end) - count(*) filter (where a.role = 'core_reviewer'))::integer
    into leads_open, shadows_open, reviewers_open
  from public.mission_assignments a
  where a.mission_id = m.id and a.status in ('invited', 'active', 'stepped_up');
  if leads_open + shadows_open + reviewers_open = 0 then
    return;
  end if;

  return query
  with b as (
    -- every candidate, with the components of their score (as candidate_breakdowns, without the
    -- explanations)
    select r.candidate_rank, r.contributor_id, mc.user_id, r.skill_match_cp, mc.trust_cp::integer as trust_cp,
           mc.availability_cp::integer as availability_cp, x.experience_cp,
           (r.total_cp - r.skill_match_cp - mc.trust_cp - mc.availability_cp - x.experience_cp)::integer as historical_fit_cp,
           r.total_cp, mc.trust_score, mc.proof_score
    from private.rank_candidates(m.id, 1000000) r
    join private.match_contributors mc on mc.contributor_id = r.contributor_id
    cross join lateral (
      select ((case m.complexity when 'easy' then mc.static_easy_cp when 'medium' then mc.static_medium_cp
                                 when 'hard' then mc.static_hard_cp else mc.static_expert_cp end)
              - mc.trust_cp - mc.availability_cp - mc.track_record_cp)::integer as experience_cp) x
  ),
  c as materialized (
    select b.candidate_rank, b.contributor_id, b.user_id, b.skill_match_cp, b.trust_cp, b.availability_cp, b.experience_cp,
           b.historical_fit_cp, b.total_cp,
           b.skill_match_cp + 2 * b.trust_cp + b.experience_cp as reviewer_cp,
           b.skill_match_cp + b.trust_cp + b.availability_cp
             + round(10 * coalesce(b.proof_score, 0))::integer + (1000 - b.experience_cp) as shadow_cp,
           b.trust_score >= min_trust and exists (
             select from public.mission_required_skills rs
             join public.contributor_skills cs on cs.skill_id = rs.skill_id and cs.contributor_id = b.contributor_id
             where rs.mission_id = m.id and cs.proficiency_level = 'expert') as can_review
    from b
  ),
  first_leads as (
    select c.contributor_id from c order by c.candidate_rank limit leads_open
  ),
  reviewer as (
    select c.contributor_id, c.reviewer_cp from c
    where c.can_review
    order by (c.contributor_id in (select f.contributor_id from first_leads f)), c.reviewer_cp desc, c.total_cp desc, c.contributor_id
    limit reviewers_open
  ),
  leads as (
    select c.contributor_id, c.total_cp, c.candidate_rank from c
    where c.contributor_id not in (select r.contributor_id from reviewer r)
    order by c.candidate_rank limit leads_open
  ),
  shadows as (
    select c.contributor_id, c.shadow_cp from c
    where c.contributor_id not in (select r.contributor_id from reviewer r)
      and c.contributor_id not in (select l.contributor_id from leads l)
    order by c.shadow_cp desc, c.total_cp desc, c.contributor_id
    limit shadows_open
  ),
  picks as (
    select 'lead'::public.assignment_role as role, (row_number() over (order by l.candidate_rank))::integer as slot,
           l.contributor_id, l.total_cp as role_score_cp from leads l
    union all
    select 'core_reviewer'::public.assignment_role, 1, r.contributor_id, r.reviewer_cp from reviewer r
    union all
    select 'shadow'::public.assignment_role, (row_number() over (order by s.shadow_cp desc, s.contributor_id))::integer,
           s.contributor_id, s.shadow_cp from shadows s
  )
  select p.role, p.slot, p.contributor_id, c.user_id, p.role_score_cp, c.skill_match_cp, c.trust_cp, c.availability_cp,
         c.experience_cp, c.historical_fit_cp, c.total_cp, c.candidate_rank
  from picks p join c on c.contributor_id = p.contributor_id
  order by array_position(array['lead', 'core_reviewer', 'shadow']::public.assignment_role[], p.role), p.slot;
end
$$;

ALTER FUNCTION private.recommend_team_cp(mission_id uuid) OWNER TO postgres;

--
-- Name: reconcile_ledger(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.reconcile_ledger() RETURNS TABLE(kind text, object_id text, detail text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  -- completed deposits without a succeeded PaymentIntent event
  select 'deposit_without_stripe_success', e.stripe_payment_intent_id, format('deposit %s of %s', e.id, e.amount_cents)
  from public.escrow_transactions e
  where e.type = 'deposit' and e.status = 'completed'
    and not exists (select from private.stripe_events s where s.type = 'payment_intent.succeeded' and s.object_id = e.stripe_payment_intent_id)
  union all
  -- succeeded PaymentIntents with no completed deposit
  select 'stripe_success_without_deposit', s.object_id, s.id
  from private.stripe_events s
  where s.type = 'payment_intent.succeeded' and s.processed_at is not null
    and not exists (select from public.escrow_transactions e where e.type = 'deposit' and e.status = 'completed' and e.stripe_payment_intent_id = s.object_id)
    and not exists (select from private.stray_charges x where x.payment_intent_id = s.object_id)
  union all
  -- transfers Stripe reported that no release records, or with another amount
  select 'transfer_mismatch', s.object_id,
         format('stripe %s, ledger %s', s.payload #>> '{data,object,amount}', coalesce(e.amount_cents::text, 'none'))
  from private.stripe_events s
  left join public.escrow_transactions e on e.type = 'release' and e.stripe_transfer_id = s.object_id and e.status <> 'failed'
  where s.type = 'transfer.created' and (e.id is null or e.amount_cents <> (s.payload #>> '{data,object,amount}')::bigint)
  union all
  -- stray charges (no mission's escrow) not refunded yet
  select 'stray_charge_unrefunded', s.payment_intent_id,
         format('%s of %s %s refunded: %s', s.refunded_cents, s.amount_cents, s.currency, s.reason)
  from private.stray_charges s where s.refunded_at is null
  union all
  -- approved work on a closed mission with a part escrow could no longer pay (a card dispute lost)
  select 'part_unpaid_on_closed_mission', p.milestone_id::text,
         format('%s part of %s cents to contributor %s', p.role, p.payout_cents, p.contributor_id)
  from public.milestone_payouts p
  join public.milestones ms on ms.id = p.milestone_id and ms.status = 'approved'
  join public.missions m on m.id = p.mission_id and m.status in ('completed', 'cancelled')
  where not exists (select from public.escrow_transactions e where e.milestone_id = p.milestone_id and e.contributor_id = p.contributor_id
                      and e.type = 'release' and e.status <> 'failed')
    and not exists (select from private.jobs j where j.kind = 'release_payout' and j.status in ('queued', 'running', 'waiting')
                      and j.payload ->> 'milestone_id' = p.milestone_id::text and j.payload ->> 'contributor_id' = p.contributor_id::text)
  union all
  -- paid milestones without a completed release of every part (cannot happen: the triggers refuse it)
  select 'paid_without_release', ms.id::text, ms.title
  from public.milestones ms
  where ms.status = 'paid' and not private.milestone_released(ms.id)
$$;

ALTER FUNCTION private.reconcile_ledger() OWNER TO postgres;

--
-- Name: record_background_check(uuid, public.background_check_status, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_background_check(contributor_id uuid, result public.background_check_status, note text DEFAULT NULL::text) RETURNS TABLE(background_check_status public.background_check_status, background_check_date timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  details public.contributor_private_details;
  person uuid;
begin
  perform private.require_admin();
  if result is null or result not in ('passed', 'failed') then
    raise exception 'A background check result is passed or failed.' using errcode = '22023';
  end if;
  if length(note) > 2000 then
    raise exception 'The note can be at most 2,000 characters.' using errcode = '22023';
  end if;
  select d.* into details from public.contributor_private_details d
  where d.contributor_id = record_background_check.contributor_id for update;
  if not found then
    raise exception 'No such contributor.' using errcode = 'PT404';
  end if;
  if details.background_check_status <> 'in_progress' then
    raise exception 'Cannot record a background check result: the check is % (the contributor must consent first).',
      replace(details.background_check_status::text, '_', ' ') using errcode = 'PT409';
  end if;
  update public.contributor_private_details d
  set background_check_status = result, background_check_date = now(), updated_at = now()
  where d.contributor_id = details.contributor_id;
  perform private.audit('contributor.background_check_recorded', 'contributor', details.contributor_id,
    jsonb_build_object('background_check_status', details.background_check_status),
    jsonb_build_object('background_check_status', result),
    jsonb_strip_nulls(jsonb_build_object('note', nullif(btrim(note), ''))));
  select c.user_id into person from public.contributor_profiles c where c.id = details.contributor_id;
  perform private.notify(person, 'verification',
    case result when 'passed' then 'Background check passed' else 'Background check not passed' end,
    case result when 'passed' then 'Your background check passed; it now counts towards your trust score.'
         else 'Your background check did not pass. You can consent to a new check from your verification page.' end,
    'medium', '/verification', 'View verification');
  return query select result, now();
end
$$;

ALTER FUNCTION private.record_background_check(contributor_id uuid, result public.background_check_status, note text) OWNER TO postgres;

--
-- Name: record_background_check_event(text, uuid, public.background_check_status, timestamp with time zone, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_background_check_event(event_id text, contributor_id uuid, result public.background_check_status, reported_at timestamp with time zone, report_id text DEFAULT NULL::text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if reported_at is null or reported_at < (select d.background_check_consented_at from public.contributor_private_details d
                                           where d.contributor_id = record_background_check_event.contributor_id) then
    raise exception 'This result is from before the contributor''s current consent: it belongs to an earlier check.' using errcode = 'PT409';
  end if;
  insert into private.background_check_events (id, contributor_id, result, report_id)
  values (event_id, contributor_id, result, report_id)
  on conflict on constraint background_check_events_pkey do nothing;
  if not found then
    return false;
  end if;
  perform private.record_background_check(contributor_id, result,
    'Reported by the background-check provider' || coalesce(' (report ' || report_id || ')', '') || '.');
  return true;
end
$$;

ALTER FUNCTION private.record_background_check_event(event_id text, contributor_id uuid, result public.background_check_status, reported_at timestamp with time zone, report_id text) OWNER TO postgres;

--
-- Name: record_deposit_intent(uuid, text, bigint, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_deposit_intent(mission_id uuid, payment_intent_id text, amount_cents bigint, currency text) RETURNS public.escrow_transactions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions := private.lock_mission(mission_id);
  e public.escrow_transactions;
begin
  select * into e from public.escrow_transactions x where x.stripe_payment_intent_id = payment_intent_id and x.type = 'deposit';
  if found then
    return e;
  end if;
  if m.status <> 'pending_funding' then
    raise exception 'Only a mission awaiting funding can be funded (it is %).', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id,
                                          status, description)
  values (m.id, m.initiator_id, 'deposit', amount_cents, upper(currency), payment_intent_id, 'pending', 'Escrow deposit')
  returning * into e;
  return e;
end
$$;

ALTER FUNCTION private.record_deposit_intent(mission_id uuid, payment_intent_id text, amount_cents bigint, currency text) OWNER TO postgres;

--
-- Name: record_dispute(uuid, text, bigint, text, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_dispute(mission_id uuid, dispute_id text, amount_cents bigint, stage text, reason text DEFAULT NULL::text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions := private.lock_mission(mission_id);
  hold_amount bigint;
  held boolean := false;
begin
  if stage = 'created' then
    hold_amount := least(amount_cents, greatest(private.escrow_balance(m.id), 0));
    -- Nothing left to hold (all paid out or refunded), or the dispute was already won (its closing
    -- event came first): no hold.
    if hold_amount > 0 and not exists (
        select from private.stripe_events s where s.type = 'charge.dispute.closed' and s.object_id = dispute_id
          and s.payload #>> '{data,object,status}' = 'won') then
      insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_dispute_id, status,
                                              processed_at, description)
      values (m.id, m.initiator_id, 'dispute_hold', hold_amount, m.currency, dispute_id, 'completed', now(), 'Held for a card dispute')
      on conflict (stripe_dispute_id, type) where stripe_dispute_id is not null do nothing;
      held := found;
    end if;
    if m.status in ('in_progress', 'in_review') then
      perform private.open_dispute(m.id, coalesce(reason, 'card dispute'));
    elsif held and m.status = 'cancelled' then
      -- The hold may have taken money kept for approved payouts it can no longer cover: what they
      -- cannot use now goes back.
      perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'card dispute after cancellation'));
    end if;
  elsif stage = 'won' then
    select e.amount_cents into hold_amount from public.escrow_transactions e
      where e.stripe_dispute_id = dispute_id and e.type = 'dispute_hold';
    if hold_amount is not null and hold_amount > 0 then
      insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_dispute_id, status,
                                              processed_at, description)
      values (m.id, m.initiator_id, 'dispute_release', hold_amount, m.currency, dispute_id, 'completed', now(), 'Dispute won: released')
      on conflict (stripe_dispute_id, type) where stripe_dispute_id is not null do nothing;
      if found then
        -- The money is back: payouts that were waiting for it get another look (on a cancelled
        -- mission the refund asked for below also queues those it keeps money for).
        update private.jobs j set status = 'queued', run_after = now(), last_error = null
          where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'mission_id' = m.id::text;
        if m.status = 'cancelled' then
          perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'dispute won after cancellation'));
        end if;
      end if;
    end if;
  elsif stage = 'lost' then
    -- The money is gone for good: payouts waiting for it get another look (on a cancelled mission
    -- they end).
    update private.jobs j set status = 'queued', run_after = now(), last_error = null
      where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'mission_id' = m.id::text;
  else
    raise exception 'Unknown dispute stage %.', stage using errcode = '22023';
  end if;
  perform private.emit('payment:dispute_' || stage, m.id, 'mission', m.id, jsonb_build_object('dispute_id', dispute_id));
end
$$;

ALTER FUNCTION private.record_dispute(mission_id uuid, dispute_id text, amount_cents bigint, stage text, reason text) OWNER TO postgres;

--
-- Name: record_reconciliation(jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_reconciliation(findings jsonb) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  run uuid := gen_random_uuid();
begin
  if jsonb_typeof(findings) is distinct from 'array' then
    raise exception 'findings must be a JSON array.' using errcode = '22023';
  end if;
  insert into private.reconciliation_findings (run_id, mission_id, kind, object_id, detail)
  select run, nullif(f ->> 'mission_id', '')::uuid, f ->> 'kind', f ->> 'object_id', left(f ->> 'detail', 2000)
  from jsonb_array_elements(findings) f;
  -- An empty run is remembered too, so "no difference" is an answer with a date.
  if jsonb_array_length(findings) = 0 then
    insert into private.reconciliation_findings (run_id, kind, detail) values (run, 'clean', 'the ledger and Stripe agree');
  end if;
  return run;
end
$$;

ALTER FUNCTION private.record_reconciliation(findings jsonb) OWNER TO postgres;

--
-- Name: record_refund(uuid, text, bigint, uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_refund(mission_id uuid, refund_id text, amount_cents bigint, reservation_id uuid DEFAULT NULL::uuid, payment_intent_id text DEFAULT NULL::text) RETURNS public.escrow_transactions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions := private.lock_mission(mission_id);
  e public.escrow_transactions;
begin
  select * into e from public.escrow_transactions x where x.stripe_refund_id = refund_id;
  if found then
    return e;
  end if;
  if amount_cents is null or amount_cents <= 0 then
    raise exception 'A refund is a positive amount of cents.' using errcode = '22023';
  end if;
  -- The ledger books what Stripe refunded: the reservation when Stripe refunded exactly it; otherwise
  -- the reservation ends and the amount Stripe refunded is booked against the same charge.
  select * into e from public.escrow_transactions x
    where x.id = reservation_id and x.mission_id = m.id and x.type = 'refund' and x.status in ('pending', 'processing') for update;
  if found and e.amount_cents = amount_cents then
    update public.escrow_transactions x set status = 'completed', stripe_refund_id = refund_id, processed_at = now()
      where x.id = e.id returning * into e;
  else
    if found then
      update public.escrow_transactions x set status = 'failed', processed_at = now() where x.id = e.id;
    end if;
    insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_refund_id,
                                            stripe_payment_intent_id, status, processed_at, description)
    values (m.id, m.initiator_id, 'refund', amount_cents, m.currency, refund_id,
            coalesce(e.stripe_payment_intent_id, record_refund.payment_intent_id), 'completed', now(), 'Refund to the initiator')
    returning * into e;
  end if;
  perform private.emit('payment:refunded', m.id, 'payment', e.id, jsonb_build_object('amount_cents', e.amount_cents));
  return e;
end
$$;

ALTER FUNCTION private.record_refund(mission_id uuid, refund_id text, amount_cents bigint, reservation_id uuid, payment_intent_id text) OWNER TO postgres;

--
-- Name: record_release(uuid, uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_release(milestone_id uuid, contributor_id uuid, transfer_id text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  plan jsonb;
  ms public.milestones := private.lock_milestone(milestone_id);
  m public.missions;
  existing public.escrow_transactions;
  pair uuid := gen_random_uuid();
  fee bigint;
begin
  select * into m from public.missions where id = ms.mission_id;
  select * into existing from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = record_release.contributor_id and x.type = 'release' and x.status <> 'failed';
  if found and existing.status in ('pending', 'processing') then
    update public.escrow_transactions set status = 'completed', stripe_transfer_id = transfer_id, processed_at = now()
      where id = existing.id;
    -- The milestone's one fee is taken with the first part that goes out (whichever reserved it).
    with taken as (
      update public.escrow_transactions f set status = 'completed', processed_at = now()
        where f.milestone_id = ms.id and f.type = 'platform_fee' and f.status in ('pending', 'processing')
        returning f.amount_cents)
    select coalesce(sum(t.amount_cents), 0) into fee from taken t;
    if ms.status = 'approved' and private.milestone_released(ms.id) then
      perform private.mark_milestone_paid(ms.id);
    end if;
    if ms.status = 'approved' and exists (select from public.milestone_payouts p where p.milestone_id = ms.id
                                          and p.contributor_id = existing.contributor_id and p.role = 'lead') then
      perform private.after_lead_paid(ms.id);
    end if;
    perform private.emit('payment:released', m.id, 'milestone', ms.id,
      jsonb_build_object('payout_cents', existing.amount_cents, 'contributor_id', existing.contributor_id, 'transfer_id', transfer_id,
                         'role', (select p.role from public.milestone_payouts p
                                  where p.milestone_id = ms.id and p.contributor_id = existing.contributor_id),
                         'fee_cents', fee));
    return jsonb_build_object('release_id', existing.id, 'replayed', false);
  elsif found then
    if existing.stripe_transfer_id is distinct from transfer_id then
      raise exception 'This part of milestone % was already released by transfer %.', ms.id, existing.stripe_transfer_id using errcode = '23505';
    end if;
    return jsonb_build_object('release_id', existing.id, 'replayed', true);
  end if;
  if ms.status not in ('approved', 'paid') then
    raise exception 'Only an approved milestone is paid out (it is %).', ms.status using errcode = 'PT409';
  end if;
  plan := private.payout_plan(ms.id, contributor_id);
  insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency,
                                          stripe_transfer_id, stripe_charge_id, status, processed_at, correlation_id, description)
  values (m.id, ms.id, m.initiator_id, contributor_id, 'release', (plan ->> 'payout_cents')::bigint, m.currency,
          transfer_id, plan ->> 'source_transaction', 'completed', now(), pair,
          format('Milestone payout (%s): %s', replace(plan ->> 'role', '_', ' '), ms.title));
  fee := 0;
  if (plan ->> 'fee_cents')::bigint > 0 and not exists (
       select from public.escrow_transactions f where f.milestone_id = ms.id and f.type = 'platform_fee' and f.status <> 'failed') then
    fee := (plan ->> 'fee_cents')::bigint;
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, type, amount_cents, currency, status,
                                            processed_at, correlation_id, description)
    values (m.id, ms.id, m.initiator_id, 'platform_fee', fee, m.currency, 'completed', now(), pair, 'Platform fee: ' || ms.title);
  end if;
  if ms.status = 'approved' and private.milestone_released(ms.id) then
    perform private.mark_milestone_paid(ms.id);
  end if;
  if ms.status = 'approved' and plan ->> 'role' = 'lead' then
    perform private.after_lead_paid(ms.id);
  end if;
  perform private.emit('payment:released', m.id, 'milestone', ms.id,
    jsonb_build_object('payout_cents', plan -> 'payout_cents', 'fee_cents', fee, 'role', plan -> 'role',
                       'contributor_id', plan -> 'contributor_id', 'transfer_id', transfer_id));
  return jsonb_build_object('release_id', (select id from public.escrow_transactions where correlation_id = pair and type = 'release'), 'replayed', false);
end
$$;

ALTER FUNCTION private.record_release(milestone_id uuid, contributor_id uuid, transfer_id text) OWNER TO postgres;

--
-- Name: record_stray_charge(text, text, bigint, text, uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_stray_charge(payment_intent_id text, charge_id text, amount_cents bigint, currency text, claimed_mission_id uuid, reason text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  -- The deposit asked for with this PaymentIntent will never be booked: it ends failed.
  update public.escrow_transactions e set status = 'failed', processed_at = now()
    where e.stripe_payment_intent_id = record_stray_charge.payment_intent_id and e.type = 'deposit' and e.status in ('pending', 'processing');
  insert into private.stray_charges (payment_intent_id, charge_id, amount_cents, currency, claimed_mission_id, reason)
  values (payment_intent_id, charge_id, amount_cents, upper(currency), claimed_mission_id, left(reason, 500))
  on conflict on constraint stray_charges_pkey do update set charge_id = coalesce(private.stray_charges.charge_id, excluded.charge_id);
  perform private.enqueue_job('refund_stray', jsonb_build_object('payment_intent_id', payment_intent_id), 'stray-' || payment_intent_id);
end
$$;

ALTER FUNCTION private.record_stray_charge(payment_intent_id text, charge_id text, amount_cents bigint, currency text, claimed_mission_id uuid, reason text) OWNER TO postgres;

--
-- Name: record_stray_refund(text, text, bigint); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.record_stray_refund(payment_intent_id text, refund_id text, amount_refunded bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  s private.stray_charges;
begin
  update private.stray_charges x set refunded_cents = greatest(x.refunded_cents, least(amount_refunded, x.amount_cents)),
    refund_id = coalesce(x.refund_id, record_stray_refund.refund_id)
  where x.payment_intent_id = record_stray_refund.payment_intent_id
  returning * into s;
  if not found then
    return false;
  end if;
  if s.refunded_cents >= s.amount_cents then
    update private.stray_charges x set refunded_at = coalesce(x.refunded_at, now()) where x.payment_intent_id = s.payment_intent_id;
  else
    perform private.enqueue_job('refund_stray', jsonb_build_object('payment_intent_id', s.payment_intent_id),
                                'stray-' || s.payment_intent_id || '-' || s.refunded_cents);
  end if;
  return true;
end
$$;

ALTER FUNCTION private.record_stray_refund(payment_intent_id text, refund_id text, amount_refunded bigint) OWNER TO postgres;

--
-- Name: refresh_contributor_stats(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.refresh_contributor_stats(contributor_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  done integer;
  ended integer;
  shadows integer;
begin
  select count(*) filter (where status = 'completed'),
         count(*) filter (where status in ('completed', 'withdrawn', 'removed') and accepted_at is not null),
         count(*) filter (where role = 'shadow' or (role = 'lead' and status = 'stepped_up'))
    into done, ended, shadows
  from public.mission_assignments a where a.contributor_id = refresh_contributor_stats.contributor_id;
  update public.contributor_profiles c set
    total_missions_completed = done,
    completion_rate = case when ended = 0 then 0 else round(100.0 * done / ended, 2) end,
    shadow_assignments = shadows,
    average_rating = coalesce((select round(avg(r.rating), 2) from public.reviews r
                               where r.reviewee_id = c.user_id and r.direction = 'initiator_to_contributor'), 0)
  where c.id = refresh_contributor_stats.contributor_id;
  update public.contributor_private_details d set
    total_earnings_cents = coalesce((select sum(e.amount_cents) from public.escrow_transactions e
                                     where e.contributor_id = d.contributor_id and e.type = 'release' and e.status = 'completed'), 0)
  where d.contributor_id = refresh_contributor_stats.contributor_id;
end
$$;

ALTER FUNCTION private.refresh_contributor_stats(contributor_id uuid) OWNER TO postgres;

--
-- Name: refresh_initiator_stats(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.refresh_initiator_stats(initiator_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.initiator_profiles i set
    total_missions_posted = (select count(*) from public.missions m where m.initiator_id = i.id and m.published_at is not null),
    average_rating = coalesce((select round(avg(r.rating), 2) from public.reviews r
                               where r.reviewee_id = i.user_id and r.direction = 'contributor_to_initiator'), 0)
  where i.id = refresh_initiator_stats.initiator_id;
  update public.initiator_private_details d set
    total_spent_cents = greatest(0, coalesce((
      select sum(case when e.type = 'deposit' then e.amount_cents when e.type = 'refund' then -e.amount_cents else 0 end)
      from public.escrow_transactions e
      where e.initiator_id = d.initiator_id and e.status = 'completed' and e.type in ('deposit', 'refund')), 0))
  where d.initiator_id = refresh_initiator_stats.initiator_id;
end
$$;

ALTER FUNCTION private.refresh_initiator_stats(initiator_id uuid) OWNER TO postgres;

--
-- Name: refresh_listed_missions(uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.refresh_listed_missions(mission_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform pg_advisory_xact_lock(hashtextextended('listed_missions:' || id::text, 0))
  from unnest(mission_ids) as id group by id order by id;

  delete from public.listed_missions l
  where l.id = any (mission_ids)
    and not exists (select from public.missions m where m.id = l.id and m.listed_status is not null);

  insert into public.listed_missions as l
  select * from private.listed_mission_cards(mission_ids)
  on conflict (id) do update
    set (initiator_id, listed_status, title, slug, type, complexity, budget_min_cents, budget_max_cents, currency,
         estimated_duration_days, deadline, featured, published_at, milestones, mission_required_skills,
         initiator_profiles)
      = (excluded.initiator_id, excluded.listed_status, excluded.title, excluded.slug, excluded.type,
         excluded.complexity, excluded.budget_min_cents, excluded.budget_max_cents, excluded.currency,
         excluded.estimated_duration_days, excluded.deadline, excluded.featured, excluded.published_at,
         excluded.milestones, excluded.mission_required_skills, excluded.initiator_profiles)
    where l is distinct from excluded;
end
$$;

ALTER FUNCTION private.refresh_listed_missions(mission_ids uuid[]) OWNER TO postgres;

--
-- Name: FUNCTION refresh_listed_missions(mission_ids uuid[]); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.refresh_listed_missions(mission_ids uuid[]) IS 'Brings the marketplace cards of these missions up to date with their rows (the listing triggers call it).';

--
-- Name: refresh_matching(uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.refresh_matching(contributor_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ids uuid[] := array(select distinct x from unnest(contributor_ids) x where x is not null);
  refreshed uuid[];
begin
  if cardinality(ids) = 0 then
    return;
  end if;
  refreshed := private.refresh_reputation(ids);
  perform private.sync_match_pool(array(select unnest(ids) except select unnest(refreshed)));
end
$$;

ALTER FUNCTION private.refresh_matching(contributor_ids uuid[]) OWNER TO postgres;

--
-- Name: refresh_reputation(uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.refresh_reputation(contributor_ids uuid[]) RETURNS uuid[]
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  changed uuid[];
begin
  if coalesce(cardinality(contributor_ids), 0) = 0 then
    return '{}'::uuid[];
  end if;
  with fresh as (
    select r.contributor_id, r.trust_score, r.match_power from private.reputation_of(contributor_ids) r
  ), written as (
    update public.contributor_profiles c set trust_score = fresh.trust_score, match_power = fresh.match_power
    from fresh
    where c.id = fresh.contributor_id
      and (c.trust_score, c.match_power) is distinct from (fresh.trust_score, fresh.match_power)
    returning c.id
  )
  select coalesce(array_agg(written.id), '{}'::uuid[]) into changed from written;
  return changed;
end
$$;

ALTER FUNCTION private.refresh_reputation(contributor_ids uuid[]) OWNER TO postgres;

--
-- Name: refuse_job(bigint, text, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.refuse_job(job_id bigint, reason text, retry_in_seconds integer DEFAULT NULL::integer) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update private.jobs set status = case when retry_in_seconds is null then 'waiting' else 'queued' end,
    run_after = case when retry_in_seconds is null then run_after else now() + make_interval(secs => retry_in_seconds) end,
    locked_until = null, last_error = left(reason, 2000),
    attempts = case when retry_in_seconds is null then greatest(attempts - 1, 0) else attempts end,
    payload = payload || jsonb_build_object('refusals', coalesce((payload ->> 'refusals')::integer, 0) + 1)
  where id = job_id
$$;

ALTER FUNCTION private.refuse_job(job_id bigint, reason text, retry_in_seconds integer) OWNER TO postgres;

--
-- Name: reinstate_user(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.reinstate_user(user_id uuid, reason text DEFAULT NULL::text) RETURNS public.profiles
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.set_account_status(reinstate_user.user_id, 'reinstate', reinstate_user.reason)
$$;

ALTER FUNCTION private.reinstate_user(user_id uuid, reason text) OWNER TO postgres;

--
-- Name: reject_application(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.reject_application(application_id uuid) RETURNS public.mission_applications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  app public.mission_applications;
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  if cardinality(private.application_actors(app)) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  return private.move_application(app, 'reject', private.application_actors(app));
end
$$;

ALTER FUNCTION private.reject_application(application_id uuid) OWNER TO postgres;

--
-- Name: release_refused(uuid, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.release_refused(milestone_id uuid, contributor_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones := private.lock_milestone(milestone_id);
  r public.escrow_transactions;
begin
  select * into r from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = release_refused.contributor_id and x.type = 'release'
      and x.status in ('pending', 'processing') for update;
  if not found then
    return;
  end if;
  update public.escrow_transactions x set status = 'failed', processed_at = now() where x.id = r.id;
  -- The fee reserved with it ends too, unless another part of the milestone holds on to it.
  if not exists (select from public.escrow_transactions x where x.milestone_id = ms.id and x.type = 'release' and x.status <> 'failed') then
    update public.escrow_transactions x set status = 'failed', processed_at = now()
      where x.milestone_id = ms.id and x.type = 'platform_fee' and x.status in ('pending', 'processing');
  end if;
end
$$;

ALTER FUNCTION private.release_refused(milestone_id uuid, contributor_id uuid) OWNER TO postgres;

--
-- Name: remember_caller(public.account_status, public.user_role, uuid, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.remember_caller(status public.account_status, role public.user_role, contributor_id uuid, initiator_id uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform set_config('people.caller',
    concat_ws(',', status, role, coalesce(contributor_id::text, ''), coalesce(initiator_id::text, '')), true),
    set_config('people.caller_for',
    concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)), true);
end
$$;

ALTER FUNCTION private.remember_caller(status public.account_status, role public.user_role, contributor_id uuid, initiator_id uuid) OWNER TO postgres;

--
-- Name: FUNCTION remember_caller(status public.account_status, role public.user_role, contributor_id uuid, initiator_id uuid); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.remember_caller(status public.account_status, role public.user_role, contributor_id uuid, initiator_id uuid) IS 'Keeps the caller''s facts (the pre-request hook''s) for the rest of the transaction: people.caller, for the claims in people.caller_for.';

--
-- Name: remove_from_mission(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.remove_from_mission(assignment_id uuid, reason text DEFAULT NULL::text) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a public.mission_assignments;
  before public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  before := a;
  a := private.move_assignment(a, 'remove', actors, reason);
  if before.role = 'lead' and before.status in ('active', 'stepped_up') and a.status = 'removed' then
    perform private.step_up_next_shadow(a.mission_id);
  end if;
  return a;
end
$$;

ALTER FUNCTION private.remove_from_mission(assignment_id uuid, reason text) OWNER TO postgres;

--
-- Name: reputation_of(uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.reputation_of(contributor_ids uuid[]) RETURNS TABLE(contributor_id uuid, trust_score integer, match_power integer)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return query
  select c.id, t.trust, private.match_power_formula(sk.best_five, c.years_experience, h.done, t.trust)
  from (select distinct u.id from unnest(contributor_ids) as u(id)) ids
  join public.contributor_profiles c on c.id = ids.id
  left join public.contributor_private_details d on d.contributor_id = c.id
  cross join lateral (
    select avg(x.score) as proof_mean from public.proof_task_submissions x
    where x.contributor_id = c.id and x.status in ('passed', 'failed')) pr
  cross join lateral (
    select count(*) filter (where a.status = 'completed')::integer as done,
           count(*) filter (where a.accepted_at is not null and a.status in ('completed', 'withdrawn', 'removed'))::integer as finished,
           count(distinct a.mission_id) filter (where a.accepted_at is not null and mm.disputed_at is not null)::integer as disputes
    from public.mission_assignments a join public.missions mm on mm.id = a.mission_id
    where a.contributor_id = c.id) h
  cross join lateral (
    select count(*)::integer as ratings, coalesce(avg(r.rating), 0) as average from public.reviews r
    where r.reviewee_id = c.user_id and r.direction = 'initiator_to_contributor') rv
  cross join lateral (
    select coalesce(sum(y.credit), 0)::integer as best_five from (
      select private.skill_credit(z.proficiency_level, z.verified) as credit from (
        -- (proficiency, verified) descending is credit descending
        select cs.proficiency_level, cs.verified from public.contributor_skills cs where cs.contributor_id = c.id
        order by cs.proficiency_level desc, cs.verified desc limit 5) z) y) sk
  cross join lateral (
    select private.trust_score_formula(c.verification_status, pr.proof_mean,
                                       case when h.finished = 0 then 0 else 100.0 * h.done / h.finished end, h.finished,
                                       rv.average, rv.ratings,
                                       coalesce(d.background_check_status, 'not_started'), h.disputes) as trust) t;
end
$$;

ALTER FUNCTION private.reputation_of(contributor_ids uuid[]) OWNER TO postgres;

--
-- Name: request_revision(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.request_revision(milestone_id uuid, feedback text) RETURNS public.milestones
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  if coalesce(btrim(feedback), '') = '' then
    raise exception 'Say what needs to change.' using errcode = '22023';
  end if;
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  ms := private.move_milestone(ms, m, 'request_revision', actors);
  update public.work_submissions w set status = 'revision_requested', feedback = request_revision.feedback, reviewed_at = private.clock()
    where w.id = (select id from public.work_submissions x where x.milestone_id = ms.id order by version desc limit 1)
      and w.status = 'submitted';
  perform private.sync_mission_with_milestones(m.id);
  return ms;
end
$$;

ALTER FUNCTION private.request_revision(milestone_id uuid, feedback text) OWNER TO postgres;

--
-- Name: request_user_agent(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.request_user_agent() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return left(nullif(current_setting('request.headers', true), '')::jsonb ->> 'user-agent', 1000);
end
$$;

ALTER FUNCTION private.request_user_agent() OWNER TO postgres;

--
-- Name: require_active_user(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.require_active_user() RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_signed_in();
  status public.account_status;
begin
  if current_setting('people.caller_for', true)
     = concat(current_setting('request.jwt.claim.sub', true), '|', current_setting('request.jwt.claims', true)) then
    status := split_part(current_setting('people.caller'), ',', 1)::public.account_status;
  else
    select p.account_status into status from public.profiles p where p.id = uid;
  end if;
  if status is null then
    raise exception 'Your profile does not exist.' using errcode = '42501';
  elsif status <> 'active' then
    raise exception 'Your account is %: you cannot make changes.', status using errcode = '42501';
  end if;
  return uid;
end
$$;

ALTER FUNCTION private.require_active_user() OWNER TO postgres;

--
-- Name: require_admin(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.require_admin() RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if private.is_platform() then
    return;
  end if;
  if not private.is_admin() then
    raise exception 'Only admins can do this.' using errcode = '42501';
  end if;
end
$$;

ALTER FUNCTION private.require_admin() OWNER TO postgres;

--
-- Name: require_contributor(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.require_contributor() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  contributor uuid;
begin
  perform private.require_active_user();
  contributor := private.my_contributor_id();
  if contributor is null then
    raise exception 'Only contributors take proof tasks.' using errcode = '42501';
  end if;
  return contributor;
end
$$;

ALTER FUNCTION private.require_contributor() OWNER TO postgres;

--
-- Name: require_matching_access(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.require_matching_access(mission_id uuid) RETURNS public.missions
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
begin
  select * into m from public.missions x where x.id = require_matching_access.mission_id;
  if not found then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
  if not private.is_platform() and not (private.mission_actors(m) && array['initiator', 'admin']) then
    raise exception 'Only the mission''s initiator or an admin can see its candidates.' using errcode = '42501';
  end if;
  return m;
end
$$;

ALTER FUNCTION private.require_matching_access(mission_id uuid) OWNER TO postgres;

--
-- Name: require_signed_in(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.require_signed_in() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.uid();
begin
  if uid is null then
    raise exception 'You must be signed in to do this.' using errcode = '42501';
  end if;
  return uid;
end
$$;

ALTER FUNCTION private.require_signed_in() OWNER TO postgres;

--
-- Name: FUNCTION require_signed_in(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.require_signed_in() IS 'private.uid(), or SQLSTATE 42501 when the request is not signed in.';

--
-- Name: require_unbanned_user(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.require_unbanned_user() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_signed_in();
  status public.account_status;
begin
  select p.account_status into status from public.profiles p where p.id = uid;
  if status is null then
    raise exception 'Your profile does not exist.' using errcode = '42501';
  elsif status = 'banned' then
    raise exception 'This account is banned.' using errcode = '42501', hint = 'Contact support if you think this is a mistake.';
  end if;
  return uid;
end
$$;

ALTER FUNCTION private.require_unbanned_user() OWNER TO postgres;

--
-- Name: require_visible(public.missions, text[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.require_visible(m public.missions, actors text[]) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if cardinality(actors) = 0
     and not (m.is_public and m.status in ('open', 'matching', 'in_progress', 'in_review', 'completed')) then
    raise exception 'No such mission.' using errcode = 'PT404';
  end if;
end
$$;

ALTER FUNCTION private.require_visible(m public.missions, actors text[]) OWNER TO postgres;

--
-- Name: reserve_refund(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.reserve_refund(mission_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions := private.lock_mission(mission_id);
  e public.escrow_transactions;
  held bigint;
  charge record;
begin
  -- What stays in escrow for a payout is paid out: a payout job that had stopped (parked or ended
  -- while escrow could not pay it, before money came back) runs again.
  update private.jobs j set status = 'queued', run_after = now(), attempts = 0, locked_until = null, last_error = null
    where j.kind = 'release_payout' and j.status in ('waiting', 'done', 'dead')
      and j.payload ->> 'milestone_id' in (select p.milestone_id::text from private.payable_milestones(m.id) p);
  select * into e from public.escrow_transactions x
    where x.mission_id = m.id and x.type = 'refund' and x.status in ('pending', 'processing') order by x.created_at limit 1;
  if not found then
    held := greatest(private.escrow_balance(m.id) - private.escrow_needed(m.id), 0);
    if held = 0 then
      return null;
    end if;
    -- The charge to return it from: the latest deposit with something left to refund (a second
    -- deposit goes back against its own charge).
    -- (What is left of it: less its refunds and the transfers made out of it.)
    select c.payment_intent_id, private.charge_unspent(c.payment_intent_id) as refundable
      into charge
    from private.mission_charges c
    where c.mission_id = m.id
      and exists (select from public.escrow_transactions d where d.stripe_payment_intent_id = c.payment_intent_id
                  and d.type = 'deposit' and d.status = 'completed')
      and private.charge_unspent(c.payment_intent_id) > 0
    order by c.created_at desc, c.payment_intent_id limit 1;
    if charge.payment_intent_id is null then
      return null;
    end if;
    insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency, stripe_payment_intent_id, status, description)
    values (m.id, m.initiator_id, 'refund', least(held, charge.refundable), m.currency, charge.payment_intent_id, 'pending', 'Refund to the initiator')
    returning * into e;
  end if;
  return jsonb_build_object('reservation_id', e.id, 'mission_id', m.id, 'amount_cents', e.amount_cents,
    'currency', lower(m.currency), 'payment_intent', e.stripe_payment_intent_id, 'idempotency_key', 'refund-' || e.id);
end
$$;

ALTER FUNCTION private.reserve_refund(mission_id uuid) OWNER TO postgres;

--
-- Name: reserve_release(uuid, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.reserve_release(milestone_id uuid, contributor_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones := private.lock_milestone(milestone_id);
  m public.missions;
  plan jsonb;
  existing public.escrow_transactions;
  pair uuid := gen_random_uuid();
begin
  select * into m from public.missions where id = ms.mission_id;
  plan := private.payout_plan(ms.id, contributor_id);
  select * into existing from public.escrow_transactions x
    where x.milestone_id = ms.id and x.contributor_id = reserve_release.contributor_id and x.type = 'release' and x.status <> 'failed';
  if found then
    return plan || jsonb_build_object('reserved', true, 'release_status', existing.status, 'transfer_id', existing.stripe_transfer_id,
                                      'payout_cents', existing.amount_cents);
  end if;
  if ms.status <> 'approved' then
    return plan || jsonb_build_object('reserved', false, 'skip', format('the milestone is %s', ms.status));
  end if;
  if (plan ->> 'destination') is null or not (plan ->> 'payouts_enabled')::boolean then
    return plan || jsonb_build_object('reserved', false, 'waiting', true, 'waiting_for', 'account');
  end if;
  -- Escrow cannot pay it (a card dispute holds part of the money): it waits until money comes back
  -- (record_dispute wakes it when the dispute closes); a refund meanwhile leaves only what the
  -- payable milestones need.
  if not exists (select from private.payable_milestones(m.id) p where p.milestone_id = ms.id) then
    -- On a cancelled mission with no disputed money that may come back, nothing will ever pay it:
    -- the job ends (a refund that later finds money for it queues it again).
    if m.status in ('cancelled', 'completed') and not private.dispute_may_return(m.id) then
      -- The milestone ends too (a closed mission's milestones all end terminal): cancelled, unpaid
      -- (only while none of its parts was paid: a started payout is finished).
      if not exists (select from public.escrow_transactions e where e.milestone_id = ms.id and e.type = 'release') then
        perform private.move_milestone(ms, m, 'cancel', array['system']);
      end if;
      return plan || jsonb_build_object('reserved', false, 'skip', 'escrow can no longer pay it: the mission is closed');
    end if;
    return plan || jsonb_build_object('reserved', false, 'waiting', true, 'waiting_for', 'escrow');
  end if;
  insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents, currency,
                                          stripe_charge_id, status, correlation_id, description)
  values (m.id, ms.id, m.initiator_id, contributor_id, 'release', (plan ->> 'payout_cents')::bigint, m.currency,
          plan ->> 'source_transaction', 'pending', pair, format('Milestone payout (%s): %s', replace(plan ->> 'role', '_', ' '), ms.title));
  if (plan ->> 'fee_cents')::bigint > 0 and not exists (
       select from public.escrow_transactions f where f.milestone_id = ms.id and f.type = 'platform_fee' and f.status <> 'failed') then
    insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, type, amount_cents, currency, status,
                                            correlation_id, description)
    values (m.id, ms.id, m.initiator_id, 'platform_fee', (plan ->> 'fee_cents')::bigint, m.currency, 'pending', pair,
            'Platform fee: ' || ms.title);
  end if;
  return plan || jsonb_build_object('reserved', true, 'release_status', 'pending');
end
$$;

ALTER FUNCTION private.reserve_release(milestone_id uuid, contributor_id uuid) OWNER TO postgres;

--
-- Name: resolve_dispute(uuid, text, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.resolve_dispute(mission_id uuid, outcome text, note text DEFAULT NULL::text) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
  target public.mission_status;
begin
  perform private.require_active_user();
  if outcome not in ('resume', 'complete', 'cancel') then
    raise exception 'The outcome must be resume, complete or cancel.' using errcode = '22023';
  end if;
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  target := (case outcome when 'resume' then 'in_progress' when 'complete' then 'completed' else 'cancelled' end)::public.mission_status;
  if private.guard('mission', 'resolve_dispute', m.status::text, actors) is null then
    if m.status = target then
      return m; -- already resolved this way: a retry
    end if;
    raise exception 'Cannot resolve dispute: the mission is %.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  update public.missions set status = target,
    completed_at = case when target = 'completed' then private.clock() else completed_at end,
    cancelled_at = case when target = 'cancelled' then private.clock() else cancelled_at end
  where id = m.id returning * into m;
  perform private.emit('dispute:resolved', m.id, 'mission', m.id, jsonb_build_object('outcome', outcome, 'note', left(note, 2000)));
  perform private.emit('mission:update', m.id, 'mission', m.id, jsonb_build_object('action', 'resolve_dispute', 'status', target));
  if target = 'cancelled' then
    perform private.after_cancel(m, coalesce(note, 'dispute resolved: cancel'), 'disputed');
  elsif target = 'completed' then
    -- Delivered work is approved and paid to the lead who delivered it; the rest is cancelled and
    -- what escrow holds beyond the approved payouts goes back: nothing stays held.
    perform private.close_milestones(m.id, 'complete');
    perform private.after_complete(m);
    perform private.emit('refund:requested', m.id, 'mission', m.id, jsonb_build_object('reason', 'dispute resolved: complete'));
  end if;
  return m;
end
$$;

ALTER FUNCTION private.resolve_dispute(mission_id uuid, outcome text, note text) OWNER TO postgres;

--
-- Name: revoke_all_sessions(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.revoke_all_sessions(user_id uuid) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  n integer;
begin
  delete from auth.refresh_tokens r where r.user_id = revoke_all_sessions.user_id::text;
  delete from auth.sessions s where s.user_id = revoke_all_sessions.user_id;
  get diagnostics n = row_count;
  return n;
end
$$;

ALTER FUNCTION private.revoke_all_sessions(user_id uuid) OWNER TO postgres;

--
-- Name: revoke_my_session(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.revoke_my_session(session_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_signed_in();
begin
  delete from auth.sessions s where s.id = revoke_my_session.session_id and s.user_id = uid;
  if not found then
    raise exception 'No such session.' using errcode = 'PT404';
  end if;
end
$$;

ALTER FUNCTION private.revoke_my_session(session_id uuid) OWNER TO postgres;

--
-- Name: run_lifecycle_timers(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.run_lifecycle_timers() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  now_at timestamptz;
  r record;
  ms public.milestones;
  m public.missions;
  expired_invitations integer := 0;
  expired_missions integer := 0;
  auto_approved integer := 0;
  reminders integer := 0;
  failed integer := 0;
begin
  perform private.require_admin();
  perform set_config('app.actor', 'timer', true);
  now_at := private.clock();
  -- Failures of rows something else has moved since (approved by hand, funded, accepted) are over.
  delete from private.lifecycle_timer_failures f
  where (f.timer = 'expire_invitation' and not exists (select from public.mission_assignments a where a.id = f.entity_id and a.status = 'invited'))
     or (f.timer = 'expire_mission' and not exists (select from public.missions x where x.id = f.entity_id and x.status = 'pending_funding'))
     or (f.timer = 'auto_approve' and not exists (select from public.milestones x where x.id = f.entity_id and x.status = 'submitted'));

  -- Each row in its own subtransaction: one that fails (any error) is logged and skipped, the run goes on.
  for r in select x.id from public.mission_assignments x join public.missions mm on mm.id = x.mission_id
           where x.status = 'invited' and x.invitation_expires_at <= now_at
             and mm.status not in ('completed', 'cancelled')
             and not private.timer_backing_off('expire_invitation', x.id)
           order by x.invitation_expires_at, x.id limit 1000 loop
    begin
      perform private.move_assignment(private.lock_assignment(r.id), 'expire_invitation', array['timer'], 'invitation expired');
      delete from private.lifecycle_timer_failures f where f.timer = 'expire_invitation' and f.entity_id = r.id;
      expired_invitations := expired_invitations + 1;
    exception when others then
      perform private.timer_failed('expire_invitation', r.id, sqlerrm, sqlstate);
      failed := failed + 1;
    end;
  end loop;

  for r in select id from public.missions
           where status = 'pending_funding'
             and published_at <= now_at - make_interval(days => private.setting_int('unfunded_expiry_days'))
             and not private.timer_backing_off('expire_mission', id)
           order by published_at, id
           limit 1000 loop
    begin
      m := private.lock_mission(r.id);
      m := private.move_mission(m, 'expire', array['timer'], '{"reason":"not funded in time"}');
      update public.missions set cancellation_reason = 'Not funded in time.' where id = m.id;
      perform private.close_milestones(m.id, 'cancel');
      delete from private.lifecycle_timer_failures f where f.timer = 'expire_mission' and f.entity_id = r.id;
      expired_missions := expired_missions + 1;
    exception when others then
      perform private.timer_failed('expire_mission', r.id, sqlerrm, sqlstate);
      failed := failed + 1;
    end;
  end loop;

  -- Live missions only, oldest delivery first.
  for r in select x.id from public.milestones x join public.missions mm on mm.id = x.mission_id
           where x.status = 'submitted' and mm.status in ('in_progress', 'in_review')
             and x.submitted_at <= now_at - make_interval(days => private.setting_int('auto_approve_after_days'))
             and not private.timer_backing_off('auto_approve', x.id)
           order by x.submitted_at, x.id
           limit 1000 loop
    begin
      perform private.approve_milestone(r.id);
      delete from private.lifecycle_timer_failures f where f.timer = 'auto_approve' and f.entity_id = r.id;
      auto_approved := auto_approved + 1;
    exception when others then
      perform private.timer_failed('auto_approve', r.id, sqlerrm, sqlstate);
      failed := failed + 1;
    end;
  end loop;

  for r in select x.id from public.milestones x join public.missions mm on mm.id = x.mission_id
           where x.status in ('pending', 'in_progress', 'revision') and mm.status = 'in_progress'
             and x.due_date is not null and x.deadline_reminded_at is null
             and x.due_date <= now_at + make_interval(hours => private.setting_int('deadline_reminder_hours'))
             and x.due_date > now_at
           limit 1000 for update of x skip locked loop
    update public.milestones set deadline_reminded_at = now_at where id = r.id returning * into ms;
    perform private.emit('milestone:deadline_approaching', ms.mission_id, 'milestone', ms.id,
      jsonb_build_object('due_date', ms.due_date, 'title', ms.title));
    reminders := reminders + 1;
  end loop;

  perform set_config('app.actor', '', true);
  return jsonb_build_object('expired_invitations', expired_invitations, 'expired_missions', expired_missions,
                            'auto_approved', auto_approved, 'deadline_reminders', reminders, 'failed', failed);
end
$$;

ALTER FUNCTION private.run_lifecycle_timers() OWNER TO postgres;

--
-- Name: run_matching(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.run_matching(mission_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  pick record;
  team jsonb := '[]'::jsonb;
  invited integer := 0;
  skipped integer := 0;
  candidates integer;
  skill_count integer;
  excluded uuid[];
  result jsonb;
begin
  select * into m from public.missions x where x.id = run_matching.mission_id;
  if not found or m.status <> 'matching' then
    return null;
  end if;
  excluded := private.mission_exclusions(m);
  select count(*)::integer into skill_count from public.mission_required_skills rs where rs.mission_id = m.id;
  select count(*)::integer into candidates from (
    select distinct s.contributor_id from public.mission_required_skills rs
    join private.match_skill_numbers n on n.skill_id = rs.skill_id
    join private.match_skills s on s.skill_no = n.skill_no
    where rs.mission_id = m.id and s.contributor_id <> all (excluded)) x;
  perform private.emit('matching:progress', m.id, 'mission', m.id, jsonb_build_object(
    'stage', 'scoring',
    'detail', format('Scoring %s candidates against %s skills.', candidates, skill_count)));

  -- The result and the matching:complete event go to the initiator and the team: who and which role,
  -- no scores (they contain the availability part, from private weekly hours).
  for pick in select * from private.recommend_team_cp(m.id) loop
    begin
      perform private.add_to_team(m, pick.contributor_id, pick.role, 'invited');
      invited := invited + 1;
      team := team || jsonb_build_array(jsonb_build_object(
        'role', pick.role, 'contributor_id', pick.contributor_id, 'invited', true));
    exception when others then
      skipped := skipped + 1;
      team := team || jsonb_build_array(jsonb_build_object(
        'role', pick.role, 'contributor_id', pick.contributor_id, 'invited', false, 'reason', sqlerrm));
    end;
  end loop;
  perform private.emit('matching:progress', m.id, 'mission', m.id, jsonb_build_object(
    'stage', 'inviting',
    'detail', format('Invited %s of %s recommended contributors.', invited, invited + skipped)));

  result := jsonb_build_object('team', team, 'invited', invited, 'skipped', skipped, 'candidates', candidates);
  perform private.emit('matching:complete', m.id, 'mission', m.id,
    jsonb_build_object('mission_id', m.id, 'match', result));
  return result;
end
$$;

ALTER FUNCTION private.run_matching(mission_id uuid) OWNER TO postgres;

--
-- Name: same_type_cp(integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.same_type_cp(same_type_completed integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select round(400 * least(greatest(coalesce(same_type_completed, 0), 0), 3)::numeric / 3)::integer
$$;

ALTER FUNCTION private.same_type_cp(same_type_completed integer) OWNER TO postgres;

--
-- Name: score_contributor(uuid, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.score_contributor(mission_id uuid, contributor_id uuid) RETURNS TABLE(skill_match_cp integer, trust_cp integer, availability_cp integer, experience_cp integer, historical_fit_cp integer, total_cp integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select x.sk, x.tr, x.av, x.ex, x.hi, x.sk + x.tr + x.av + x.ex + x.hi
  from (
    select private.skill_match_cp(s.weighted, s.total_weight) as sk,
           private.trust_cp(f.trust_score) as tr,
           private.availability_cp(f.free_hours) as av,
           private.experience_cp(f.years_experience, f.missions_completed, m.complexity) as ex,
           private.same_type_cp(coalesce((f.completed_by_type ->> m.type::text)::integer, 0))
             + private.track_record_cp(f.completion_rate, f.average_rating) as hi
    from public.missions m
    cross join private.matching_facts(array[score_contributor.contributor_id]) f
    cross join lateral (
      select coalesce(sum(private.importance_weight(rs.importance) * private.skill_credit(cs.proficiency_level, cs.verified))
                        filter (where cs.skill_id is not null), 0)::bigint as weighted,
             coalesce(sum(private.importance_weight(rs.importance)), 0)::integer as total_weight
      from public.mission_required_skills rs
      left join public.contributor_skills cs on cs.skill_id = rs.skill_id and cs.contributor_id = score_contributor.contributor_id
      where rs.mission_id = m.id) s
    where m.id = score_contributor.mission_id) x
$$;

ALTER FUNCTION private.score_contributor(mission_id uuid, contributor_id uuid) OWNER TO postgres;

--
-- Name: send_message(uuid, text, jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.send_message(conversation_id uuid, content text, attachments jsonb DEFAULT '[]'::jsonb) RETURNS public.messages
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  msg public.messages;
begin
  if not exists (select from public.conversation_participants p where p.conversation_id = send_message.conversation_id and p.user_id = uid) then
    raise exception 'No such conversation.' using errcode = 'PT404';
  end if;
  if coalesce(length(content), 0) not between 1 and 10000 then
    raise exception 'A message is 1 to 10,000 characters.' using errcode = '22023';
  end if;
  if jsonb_typeof(coalesce(attachments, '[]')) <> 'array' or jsonb_array_length(coalesce(attachments, '[]')) > 20 then
    raise exception 'Attachments are a list of at most 20 {"path": ...} objects.' using errcode = '22023';
  end if;
  insert into public.messages (conversation_id, sender_id, content, message_type, attachments)
  values (send_message.conversation_id, uid, content,
          case when jsonb_array_length(coalesce(attachments, '[]')) > 0 then 'file' else 'text' end::public.message_type,
          coalesce(attachments, '[]'))
  returning * into msg;
  return msg;
end
$$;

ALTER FUNCTION private.send_message(conversation_id uuid, content text, attachments jsonb) OWNER TO postgres;

--
-- Name: send_notification_sync(uuid, text, uuid[], uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.send_notification_sync(user_id uuid, event text, ids uuid[], archived_ids uuid[]) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select realtime.send(
    jsonb_build_object(
      'id', ids[1], 'ids', to_jsonb(ids[1:500]), 'truncated', cardinality(ids) > 500,
      'archived_ids', to_jsonb(archived_ids[1:500]),
      'unread_count', (select count(*) from public.notifications x
                       where x.user_id = send_notification_sync.user_id and not x.is_read and not x.is_archived
                         and (x.expires_at is null or x.expires_at > now()))),
    event, 'user:' || send_notification_sync.user_id, true)
$$;

ALTER FUNCTION private.send_notification_sync(user_id uuid, event text, ids uuid[], archived_ids uuid[]) OWNER TO postgres;

--
-- Name: set_account_status(uuid, text, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.set_account_status(user_id uuid, action text, reason text) RETURNS public.profiles
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  p public.profiles;
  target public.account_status;
  allowed_from public.account_status[];
  result public.profiles;
  signed_out integer := 0;
begin
  perform private.require_admin();
  if action = 'suspend' then
    target := 'suspended'; allowed_from := array['active', 'pending_verification']::public.account_status[];
  elsif action = 'ban' then
    target := 'banned'; allowed_from := array['active', 'pending_verification', 'suspended']::public.account_status[];
  elsif action = 'reinstate' then
    target := 'active'; allowed_from := array['suspended', 'banned']::public.account_status[];
  else
    raise exception 'Unknown account action %.', action using errcode = '22023';
  end if;
  if action <> 'reinstate' and coalesce(btrim(reason), '') = '' then
    raise exception 'Say why you % this account.', action using errcode = '22023';
  end if;
  if length(reason) > 2000 then
    raise exception 'The reason can be at most 2,000 characters.' using errcode = '22023';
  end if;

  select * into p from public.profiles x where x.id = set_account_status.user_id for update;
  if not found then
    raise exception 'No such user.' using errcode = 'PT404';
  end if;
  if p.id = private.uid() then
    raise exception 'You cannot change the status of your own account.' using errcode = '42501';
  end if;
  if p.primary_role = 'admin' and target <> 'active' and not private.is_platform() then
    raise exception 'An admin cannot % another admin: change their role first.', action using errcode = '42501';
  end if;
  if target = 'active' and exists (select from private.account_deletions d where d.user_id = p.id) then
    raise exception 'This account was deleted and cannot be reinstated.' using errcode = 'PT409';
  end if;
  if not p.account_status = any (allowed_from) then
    raise exception 'Cannot % an account that is %.', action, replace(p.account_status::text, '_', ' ') using errcode = 'PT409';
  end if;

  update public.profiles x set account_status = target where x.id = p.id returning * into result;
  if target = 'banned' then
    update auth.users u set banned_until = private.clock() + interval '100 years', updated_at = now() where u.id = p.id;
    signed_out := private.revoke_all_sessions(p.id);
  elsif target = 'active' then
    update auth.users u set banned_until = null, updated_at = now() where u.id = p.id and u.banned_until is not null;
  end if;

  perform private.audit('user.' || case action when 'suspend' then 'suspended' when 'ban' then 'banned' else 'reinstated' end,
    'user', p.id, jsonb_build_object('account_status', p.account_status), jsonb_build_object('account_status', target),
    jsonb_strip_nulls(jsonb_build_object('reason', nullif(btrim(reason), ''), 'sessions_revoked', signed_out)));
  perform private.emit('user:' || case action when 'suspend' then 'suspended' when 'ban' then 'banned' else 'reinstated' end,
    null, 'user', p.id, jsonb_strip_nulls(jsonb_build_object('reason', nullif(btrim(reason), ''))));
  return result;
end
$$;

ALTER FUNCTION private.set_account_status(user_id uuid, action text, reason text) OWNER TO postgres;

--
-- Name: set_connected_account(uuid, text, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.set_connected_account(contributor_id uuid, account_id text, country text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.contributor_private_details d set stripe_account_id = coalesce(d.stripe_account_id, account_id),
    stripe_account_country = coalesce(d.stripe_account_country, upper(country))
  where d.contributor_id = set_connected_account.contributor_id;
  if not found then
    raise exception 'No such contributor.' using errcode = 'PT404';
  end if;
end
$$;

ALTER FUNCTION private.set_connected_account(contributor_id uuid, account_id text, country text) OWNER TO postgres;

--
-- Name: set_milestones(public.missions, jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.set_milestones(m public.missions, milestones jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  total bigint;
  item jsonb;
  i integer := 0;
begin
  if milestones is null or jsonb_typeof(milestones) <> 'array' or jsonb_array_length(milestones) = 0 then
    raise exception 'A mission needs at least one milestone.' using errcode = '22023';
  end if;
  if jsonb_array_length(milestones) > 20 then
    raise exception 'A mission can have at most 20 milestones.' using errcode = '22023';
  end if;
  for item in select value from jsonb_array_elements(milestones) loop
    if jsonb_typeof(item) <> 'object' or coalesce(btrim(item ->> 'title'), '') = '' then
      raise exception 'Milestone % needs a title.', i + 1 using errcode = '22023';
    end if;
    if jsonb_typeof(item -> 'amount_cents') <> 'number' or (item ->> 'amount_cents') !~ '^[0-9]+$'
       or (item ->> 'amount_cents')::numeric <= 0 then
      raise exception 'Milestone % needs a positive whole amount_cents.', i + 1 using errcode = '22023';
    end if;
    i := i + 1;
  end loop;
  select sum((value ->> 'amount_cents')::bigint) into total from jsonb_array_elements(milestones);
  if total < m.budget_min_cents or total > m.budget_max_cents then
    raise exception 'The milestones add up to % but the budget is % to % (in cents).', total, m.budget_min_cents, m.budget_max_cents
      using errcode = '22023';
  end if;
  delete from public.milestones where mission_id = m.id;
  insert into public.milestones (mission_id, title, description, order_index, amount_cents, due_date)
  select m.id, btrim(value ->> 'title'), value ->> 'description', (ordinality - 1)::integer,
         (value ->> 'amount_cents')::bigint, (value ->> 'due_date')::timestamptz
  from jsonb_array_elements(milestones) with ordinality;
end
$_$;

ALTER FUNCTION private.set_milestones(m public.missions, milestones jsonb) OWNER TO postgres;

--
-- Name: set_payout_shares(uuid, integer, integer, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if not 'initiator' = any (actors) then
    raise exception 'Only the mission''s initiator can set its payout shares.' using errcode = '42501';
  end if;
  if m.status not in ('draft', 'pending_funding') then
    raise exception 'The payout shares are fixed once the mission is funded; this mission is %.', replace(m.status::text, '_', ' ')
      using errcode = 'PT409';
  end if;
  if lead_bps is null or shadow_bps is null or core_reviewer_bps is null
     or lead_bps < 1 or shadow_bps < 0 or core_reviewer_bps < 0 or lead_bps + shadow_bps + core_reviewer_bps <> 10000 then
    raise exception 'Payout shares are basis points that add up to 10000, the lead''s at least 1.' using errcode = '22023';
  end if;
  update public.missions x set lead_share_bps = lead_bps, shadow_share_bps = shadow_bps, core_reviewer_share_bps = core_reviewer_bps
    where x.id = m.id returning * into m;
  return m;
end
$$;

ALTER FUNCTION private.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) OWNER TO postgres;

--
-- Name: set_required_skills(public.missions, jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.set_required_skills(m public.missions, skills jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  bad text;
begin
  skills := coalesce(skills, '[]'::jsonb);
  if jsonb_typeof(skills) <> 'array' then
    raise exception 'required_skills must be a list of {skill_id, importance}.' using errcode = '22023';
  end if;
  select coalesce(value ->> 'skill_id', value #>> '{}') into bad
  from jsonb_array_elements(skills)
  where not exists (select from public.skills s
                    where s.id::text = coalesce(value ->> 'skill_id', value #>> '{}') and s.is_active)
  limit 1;
  if found then
    raise exception 'Unknown or retired skill: %.', bad using errcode = '22023';
  end if;
  select value ->> 'importance' into bad from jsonb_array_elements(skills)
  where jsonb_typeof(value) = 'object' and value ? 'importance'
    and (value ->> 'importance') not in ('required', 'preferred', 'nice_to_have')
  limit 1;
  if found then
    raise exception 'Importance must be required, preferred or nice_to_have, not %.', bad using errcode = '22023';
  end if;
  delete from public.mission_required_skills where mission_id = m.id;
  insert into public.mission_required_skills (mission_id, skill_id, importance)
  select distinct on (skill_id) m.id, skill_id, importance
  from (select coalesce(value ->> 'skill_id', value #>> '{}')::uuid as skill_id,
               coalesce(value ->> 'importance', 'required')::public.skill_importance as importance
        from jsonb_array_elements(skills)) s;
end
$$;

ALTER FUNCTION private.set_required_skills(m public.missions, skills jsonb) OWNER TO postgres;

--
-- Name: set_stripe_customer(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.set_stripe_customer(initiator_id uuid, customer_id text) RETURNS text
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update public.initiator_private_details d set stripe_customer_id = coalesce(d.stripe_customer_id, customer_id)
  where d.initiator_id = set_stripe_customer.initiator_id
  returning stripe_customer_id
$$;

ALTER FUNCTION private.set_stripe_customer(initiator_id uuid, customer_id text) OWNER TO postgres;

--
-- Name: set_user_role(uuid, public.user_role); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.set_user_role(user_id uuid, role public.user_role) RETURNS public.profiles
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  result public.profiles;
begin
  perform private.require_admin();
  if role is null then
    raise exception 'Choose a role: contributor, initiator or admin.' using errcode = '22023';
  end if;
  update public.profiles p set primary_role = role where p.id = set_user_role.user_id returning * into result;
  if not found then
    raise exception 'No such user.' using errcode = 'PT404';
  end if;
  -- One marketplace role per person: becoming a contributor removes the initiator profile and the
  -- other way round (a person holding both could invite themselves to their own mission). A profile
  -- with a history (missions posted; applications, assignments, proof tasks or payouts) is not
  -- removed: PT409. Admins keep what they had (they may be given a marketplace role back).
  if role = 'contributor' then
    if exists (select from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
               where i.user_id = set_user_role.user_id) then
      raise exception 'This user has posted missions as an initiator: they cannot become a contributor.' using errcode = 'PT409';
    end if;
    delete from public.initiator_profiles i where i.user_id = set_user_role.user_id;
  elsif role = 'initiator' then
    if exists (select from public.contributor_profiles c where c.user_id = set_user_role.user_id
               and (exists (select from public.mission_assignments a where a.contributor_id = c.id)
                    or exists (select from public.mission_applications a where a.contributor_id = c.id)
                    or exists (select from public.proof_task_submissions s where s.contributor_id = c.id)
                    or exists (select from public.escrow_transactions e where e.contributor_id = c.id))) then
      raise exception 'This user has worked or applied as a contributor: they cannot become an initiator.' using errcode = 'PT409';
    end if;
    delete from public.contributor_profiles c where c.user_id = set_user_role.user_id;
  end if;
  perform private.create_role_profile(set_user_role.user_id, role);
  return result;
end
$$;

ALTER FUNCTION private.set_user_role(user_id uuid, role public.user_role) OWNER TO postgres;

--
-- Name: setting_int(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.setting_int(key text) RETURNS integer
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return (select (s.value #>> '{}')::integer from private.settings s where s.key = setting_int.key);
end
$$;

ALTER FUNCTION private.setting_int(key text) OWNER TO postgres;

--
-- Name: setting_text(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.setting_text(key text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  return (select s.value #>> '{}' from private.settings s where s.key = setting_text.key);
end
$$;

ALTER FUNCTION private.setting_text(key text) OWNER TO postgres;

--
-- Name: shortlist_application(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.shortlist_application(application_id uuid) RETURNS public.mission_applications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  app public.mission_applications;
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  if cardinality(private.application_actors(app)) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  return private.move_application(app, 'shortlist', private.application_actors(app));
end
$$;

ALTER FUNCTION private.shortlist_application(application_id uuid) OWNER TO postgres;

--
-- Name: signup_avatar_url(jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.signup_avatar_url(meta jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $_$
  select url from (select coalesce(nullif(meta ->> 'avatar_url', ''), nullif(meta ->> 'picture', '')) as url) s
  where url ~ '^https?://[^\s]+$' and length(url) <= 2048
$_$;

ALTER FUNCTION private.signup_avatar_url(meta jsonb) OWNER TO postgres;

--
-- Name: signup_full_name(jsonb, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.signup_full_name(meta jsonb, email text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select left(coalesce(
    nullif(btrim(meta ->> 'full_name'), ''),
    nullif(btrim(meta ->> 'name'), ''),
    nullif(btrim(meta ->> 'user_name'), ''),
    nullif(btrim(meta ->> 'preferred_username'), ''),
    nullif(split_part(coalesce(email, ''), '@', 1), ''),
    'New user'), 255)
$$;

ALTER FUNCTION private.signup_full_name(meta jsonb, email text) OWNER TO postgres;

--
-- Name: signup_role(jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.signup_role(meta jsonb) RETURNS public.user_role
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
declare
  requested text := nullif(btrim(coalesce(meta ->> 'role', '')), '');
begin
  if requested is null then
    return 'contributor'::public.user_role;
  elsif requested in ('contributor', 'initiator') then
    return requested::public.user_role;
  elsif requested = 'admin' then
    raise exception 'Admin accounts cannot be requested at signup.' using errcode = '22023';
  else
    raise exception 'Unknown role "%": choose contributor or initiator.', left(requested, 40) using errcode = '22023';
  end if;
end
$$;

ALTER FUNCTION private.signup_role(meta jsonb) OWNER TO postgres;

--
-- Name: skill_bit(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.skill_bit(skill_id uuid) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select get_byte(uuid_send(skill_id), 15) & 63
$$;

ALTER FUNCTION private.skill_bit(skill_id uuid) OWNER TO postgres;

--
-- Name: skill_credit(public.proficiency_level, boolean); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.skill_credit(proficiency public.proficiency_level, verified boolean) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select (case proficiency when 'beginner' then 2500 when 'intermediate' then 5000 when 'advanced' then 7500 else 10000 end)
         * (case when verified then 10 else 8 end) / 10
$$;

ALTER FUNCTION private.skill_credit(proficiency public.proficiency_level, verified boolean) OWNER TO postgres;

--
-- Name: skill_match_cp(bigint, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.skill_match_cp(weighted bigint, total_weight integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select case when total_weight > 0
              then ((8 * greatest(weighted, 0) + 10 * total_weight) / (20 * total_weight))::integer
              else 0 end
$$;

ALTER FUNCTION private.skill_match_cp(weighted bigint, total_weight integer) OWNER TO postgres;

--
-- Name: slugify(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.slugify(title text) RETURNS text
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select coalesce(nullif(left(trim(both '-' from regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g')), 60), ''), 'mission')
         || '-' || substr(md5(gen_random_uuid()::text), 1, 6)
$$;

ALTER FUNCTION private.slugify(title text) OWNER TO postgres;

--
-- Name: split_payout(public.milestones, public.missions, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.split_payout(ms public.milestones, m public.missions, lead uuid) RETURNS TABLE(contributor_id uuid, role public.assignment_role, share_bps integer, payout_cents bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  net bigint := ms.amount_cents - private.platform_fee(ms.amount_cents, m.platform_fee_bps);
  lead_part bigint := net;
  lead_bps integer := coalesce(m.lead_share_bps, 10000);
  r record;
  holders uuid[];
  each_part bigint;
  who uuid;
begin
  for r in select x.role, x.bps from (values ('shadow'::public.assignment_role, coalesce(m.shadow_share_bps, 0), 1),
                                             ('core_reviewer'::public.assignment_role, coalesce(m.core_reviewer_share_bps, 0), 2))
                                      as x (role, bps, ord) order by x.ord loop
    holders := array(select a.contributor_id from public.mission_assignments a
                     where a.mission_id = m.id and a.role = r.role and a.status = 'active' and a.contributor_id <> lead
                     order by a.accepted_at nulls last, a.id);
    each_part := case when cardinality(holders) > 0 then (net * r.bps) / (10000 * cardinality(holders)) else 0 end;
    if r.bps = 0 or each_part = 0 then
      lead_bps := lead_bps + r.bps; -- nobody to pay (or nothing to pay them): the lead's
      continue;
    end if;
    foreach who in array holders loop
      contributor_id := who;
      role := r.role;
      share_bps := r.bps;
      payout_cents := each_part;
      lead_part := lead_part - each_part;
      return next;
    end loop;
  end loop;
  contributor_id := lead;
  role := 'lead';
  share_bps := lead_bps;
  payout_cents := lead_part;
  return next;
end
$$;

ALTER FUNCTION private.split_payout(ms public.milestones, m public.missions, lead uuid) OWNER TO postgres;

--
-- Name: start_direct_conversation(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.start_direct_conversation(other_user_id uuid) RETURNS public.conversations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  c public.conversations;
begin
  if other_user_id = uid then
    raise exception 'You cannot start a conversation with yourself.' using errcode = '22023';
  end if;
  if not private.users_share_work(uid, other_user_id) then
    raise exception 'You can message people you share a mission or an application with.' using errcode = '42501';
  end if;
  -- one direct conversation per pair; serialize concurrent starts on the pair
  perform pg_advisory_xact_lock(hashtextextended(least(uid, other_user_id)::text || greatest(uid, other_user_id)::text, 0));
  select x.* into c from public.conversations x
  where x.type = 'direct'
    and exists (select from public.conversation_participants p where p.conversation_id = x.id and p.user_id = uid)
    and exists (select from public.conversation_participants p where p.conversation_id = x.id and p.user_id = other_user_id)
  limit 1;
  if found then
    return c;
  end if;
  insert into public.conversations (type, created_by) values ('direct', uid) returning * into c;
  insert into public.conversation_participants (conversation_id, user_id) values (c.id, uid), (c.id, other_user_id);
  return c;
end
$$;

ALTER FUNCTION private.start_direct_conversation(other_user_id uuid) OWNER TO postgres;

--
-- Name: start_matching(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.start_matching(mission_id uuid) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if m.status = 'open' then
    m := private.move_mission(m, 'start_matching', actors);
    perform private.emit('matching:started', m.id, 'mission', m.id);
    return m;
  end if;
  return private.move_mission(m, 'start_matching', actors); -- a retry, or the guard's error
end
$$;

ALTER FUNCTION private.start_matching(mission_id uuid) OWNER TO postgres;

--
-- Name: start_milestone(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.start_milestone(milestone_id uuid) RETURNS public.milestones
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  return private.move_milestone(ms, m, 'start', actors);
end
$$;

ALTER FUNCTION private.start_milestone(milestone_id uuid) OWNER TO postgres;

--
-- Name: start_proof_task(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.start_proof_task(task_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  contributor uuid := private.require_contributor();
  attempt private.proof_task_attempts;
  at timestamptz := private.clock();
  limit_minutes integer;
begin
  select * into attempt from private.proof_task_attempts a
    where a.user_id = private.uid() and a.task_id = start_proof_task.task_id for update;
  if not found then
    raise exception 'This proof task is not assigned to you.' using errcode = 'PT404';
  end if;
  if attempt.submitted_at is not null then
    raise exception 'You already submitted this proof task.' using errcode = 'PT409';
  end if;
  if attempt.started_at is null then
    select t.time_limit_minutes into limit_minutes from public.proof_tasks t where t.id = attempt.task_id and t.is_active;
    if limit_minutes is null then
      raise exception 'This proof task was retired: ask for your current task again.' using errcode = 'PT409';
    end if;
    update private.proof_task_attempts set started_at = at, due_at = at + make_interval(mins => limit_minutes)
      where id = attempt.id;
    perform private.emit('proof_task:started', null, 'proof_task', attempt.task_id,
      jsonb_build_object('contributor_id', contributor, 'due_at', at + make_interval(mins => limit_minutes)));
  end if;
  return private.proof_task_attempt_view(attempt.id);
end
$$;

ALTER FUNCTION private.start_proof_task(task_id uuid) OWNER TO postgres;

--
-- Name: start_work(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.start_work(mission_id uuid) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
  first_milestone uuid;
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if m.status in ('open', 'matching') then
    if not exists (select from public.mission_assignments a
                   where a.mission_id = m.id and a.role = 'lead' and a.status in ('active', 'stepped_up')) then
      raise exception 'The team is not complete: it needs a lead who has accepted.' using errcode = 'PT409';
    end if;
    if m.requires_core_reviewer and not exists (
         select from public.mission_assignments a
         where a.mission_id = m.id and a.role = 'core_reviewer' and a.status = 'active') then
      raise exception 'The team is not complete: this mission requires a core reviewer who has accepted.' using errcode = 'PT409';
    end if;
  end if;
  m := private.move_mission(m, 'start_work', actors);
  if m.status = 'in_progress' then
    -- Everyone who did not make the team hears so; the first milestone starts.
    perform private.close_open_applications(m.id);
    select id into first_milestone from public.milestones
      where milestones.mission_id = m.id and status = 'pending' order by order_index limit 1;
    if first_milestone is not null and not exists (
        select from public.milestones where milestones.mission_id = m.id and status <> 'pending') then
      update public.milestones set status = 'in_progress' where id = first_milestone;
    end if;
  end if;
  return m;
end
$$;

ALTER FUNCTION private.start_work(mission_id uuid) OWNER TO postgres;

--
-- Name: step_up_next_shadow(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.step_up_next_shadow(mission_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  shadow public.mission_assignments;
  m public.missions;
begin
  select * into m from public.missions where id = mission_id;
  if m.status not in ('open', 'matching', 'in_progress', 'in_review') then
    return;
  end if;
  if exists (select from public.mission_assignments x where x.mission_id = m.id and x.role = 'lead'
             and x.status in ('active', 'stepped_up')) then
    return;
  end if;
  select * into shadow from public.mission_assignments x
    where x.mission_id = m.id and x.role = 'shadow' and x.status = 'active'
      and private.contributor_in_good_standing(x.contributor_id)
    order by x.accepted_at nulls last, x.assigned_at, x.id limit 1 for update;
  if found then
    perform private.move_assignment(shadow, 'step_up', array['system']);
  else
    perform private.emit('team:lead_missing', m.id, 'mission', m.id);
  end if;
end
$$;

ALTER FUNCTION private.step_up_next_shadow(mission_id uuid) OWNER TO postgres;

--
-- Name: step_up_shadow(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.step_up_shadow(assignment_id uuid) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a public.mission_assignments;
  m public.missions;
  actors text[];
  leads integer;
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  if a.status = 'stepped_up' then
    return a;
  end if;
  if a.role <> 'shadow' then
    raise exception 'Only a shadow can step up to lead.' using errcode = 'PT409';
  end if;
  if not private.contributor_in_good_standing(a.contributor_id) then
    raise exception 'A suspended or banned member cannot step up to lead.' using errcode = 'PT409';
  end if;
  select * into m from public.missions where id = a.mission_id;
  select count(*) into leads from public.mission_assignments x
    where x.mission_id = a.mission_id and x.role = 'lead' and x.status in ('invited', 'active', 'stepped_up');
  if leads >= m.max_lead_contributors then
    raise exception 'The lead place is taken; remove or withdraw the lead first.' using errcode = 'PT409';
  end if;
  return private.move_assignment(a, 'step_up', actors);
end
$$;

ALTER FUNCTION private.step_up_shadow(assignment_id uuid) OWNER TO postgres;

--
-- Name: stray_refund_plan(text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.stray_refund_plan(payment_intent_id text) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select jsonb_build_object('payment_intent_id', s.payment_intent_id, 'amount_cents', s.amount_cents - s.refunded_cents,
                            'refunded_cents', s.refunded_cents, 'reason', s.reason,
                            'idempotency_key', 'stray-' || s.payment_intent_id || '-' || s.refunded_cents)
  from private.stray_charges s where s.payment_intent_id = stray_refund_plan.payment_intent_id and s.refunded_at is null
$$;

ALTER FUNCTION private.stray_refund_plan(payment_intent_id text) OWNER TO postgres;

--
-- Name: work_submissions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.work_submissions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    milestone_id uuid NOT NULL,
    mission_id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    version integer NOT NULL,
    content text NOT NULL,
    links text[] DEFAULT '{}'::text[] NOT NULL,
    storage_paths text[] DEFAULT '{}'::text[] NOT NULL,
    status public.work_submission_status DEFAULT 'submitted'::public.work_submission_status NOT NULL,
    feedback text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    reviewed_at timestamp with time zone,
    CONSTRAINT work_submissions_content_check CHECK (((length(btrim(content)) >= 1) AND (length(btrim(content)) <= 50000))),
    CONSTRAINT work_submissions_feedback_check CHECK ((length(feedback) <= 20000)),
    CONSTRAINT work_submissions_links_check CHECK (((cardinality(links) <= 50) AND private.are_http_urls(links))),
    CONSTRAINT work_submissions_storage_paths_check CHECK ((cardinality(storage_paths) <= 50)),
    CONSTRAINT work_submissions_version_check CHECK ((version >= 1))
);

ALTER TABLE public.work_submissions OWNER TO postgres;

--
-- Name: TABLE work_submissions; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.work_submissions IS 'A deliverable for a milestone; storage_paths are objects in the work-submissions bucket under <mission_id>/.';

--
-- Name: submit_milestone(uuid, text, text[], text[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.submit_milestone(milestone_id uuid, content text, links text[] DEFAULT '{}'::text[], storage_paths text[] DEFAULT '{}'::text[]) RETURNS public.work_submissions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  ms public.milestones;
  m public.missions;
  actors text[];
  lead public.mission_assignments;
  sub public.work_submissions;
  bad text;
begin
  perform private.require_active_user();
  ms := private.lock_milestone(milestone_id);
  select * into m from public.missions where id = ms.mission_id;
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if ms.status = 'submitted' and 'lead' = any (actors) then
    -- A retry of the same delivery: return what was submitted.
    select * into sub from public.work_submissions w where w.milestone_id = ms.id order by version desc limit 1;
    if found and sub.content = content then
      return sub;
    end if;
  end if;
  if ms.status = 'submitted' and actors && array['lead'] then
    raise exception 'This milestone is already submitted: wait for the review.' using errcode = 'PT409';
  end if;
  if coalesce(btrim(content), '') = '' or length(content) > 50000 then
    raise exception 'Describe what you deliver, in at most 50,000 characters.' using errcode = '22023';
  end if;
  links := coalesce(links, '{}');
  storage_paths := coalesce(storage_paths, '{}');
  if not private.are_http_urls(links) then
    raise exception 'Links must be http(s) URLs.' using errcode = '22023';
  end if;
  select p into bad from unnest(storage_paths) p
    where p not like m.id::text || '/' || ms.id::text || '/%'
       or not exists (select from storage.objects o where o.bucket_id = 'work-submissions' and o.name = p)
    limit 1;
  if found then
    raise exception 'File % is not an upload of this milestone (expected under %/%/).', bad, m.id, ms.id using errcode = '22023';
  end if;
  ms := private.move_milestone(ms, m, 'submit', actors);
  select * into lead from public.mission_assignments a
    where a.mission_id = m.id and a.contributor_id = private.my_contributor_id();
  insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content, links, storage_paths)
  values (ms.id, m.id, lead.id,
          coalesce((select max(version) from public.work_submissions w where w.milestone_id = ms.id), 0) + 1,
          content, links, storage_paths)
  returning * into sub;
  perform private.sync_mission_with_milestones(m.id);
  return sub;
end
$$;

ALTER FUNCTION private.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) OWNER TO postgres;

--
-- Name: submit_proof_task(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.submit_proof_task(task_id uuid, answer text) RETURNS public.proof_task_submissions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  contributor uuid := private.require_contributor();
  attempt private.proof_task_attempts;
  at timestamptz := private.clock();
  result public.proof_task_submissions;
begin
  if coalesce(btrim(answer), '') = '' then
    raise exception 'Write an answer before submitting.' using errcode = '22023';
  end if;
  if length(answer) > 100000 then
    raise exception 'An answer can be at most 100,000 characters.' using errcode = '22023';
  end if;
  select * into attempt from private.proof_task_attempts a
    where a.user_id = private.uid() and a.task_id = submit_proof_task.task_id for update;
  if not found then
    raise exception 'This proof task is not assigned to you.' using errcode = 'PT404';
  end if;
  if attempt.submitted_at is not null then
    raise exception 'You already submitted this proof task.' using errcode = 'PT409';
  end if;
  if attempt.started_at is null then
    raise exception 'Start the proof task before submitting an answer.' using errcode = 'PT409';
  end if;

  insert into public.proof_task_submissions (contributor_id, task_id, answer, time_taken_seconds, started_at, is_late, created_at)
  values (contributor, attempt.task_id, answer, greatest(0, floor(extract(epoch from at - attempt.started_at)))::integer,
          attempt.started_at, at > attempt.due_at, at)
  returning * into result;
  update private.proof_task_attempts set submitted_at = at, submission_id = result.id where id = attempt.id;
  update public.contributor_profiles set verification_status = 'proof_task_submitted'
    where id = contributor and verification_status in ('pending', 'rejected');
  perform private.emit('proof_task:submitted', null, 'proof_task_submission', result.id,
    jsonb_build_object('contributor_id', contributor, 'task_id', result.task_id, 'is_late', result.is_late));
  return result;
end
$$;

ALTER FUNCTION private.submit_proof_task(task_id uuid, answer text) OWNER TO postgres;

--
-- Name: reviews; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.reviews (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    assignment_id uuid NOT NULL,
    mission_id uuid NOT NULL,
    reviewer_id uuid NOT NULL,
    reviewee_id uuid NOT NULL,
    direction public.review_direction NOT NULL,
    rating smallint NOT NULL,
    comment text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reviews_comment_check CHECK ((length(comment) <= 5000)),
    CONSTRAINT reviews_not_self CHECK ((reviewer_id <> reviewee_id)),
    CONSTRAINT reviews_rating_check CHECK (((rating >= 1) AND (rating <= 5)))
);

ALTER TABLE public.reviews OWNER TO postgres;

--
-- Name: TABLE reviews; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.reviews IS 'Ratings (1-5) exchanged after an assignment, once per direction.';

--
-- Name: submit_review(uuid, integer, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.submit_review(assignment_id uuid, rating integer, comment text DEFAULT NULL::text) RETURNS public.reviews
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  uid uuid := private.require_active_user();
  a public.mission_assignments;
  m public.missions;
  contributor_user uuid;
  initiator_user uuid;
  r public.reviews;
  dir public.review_direction;
begin
  if rating is null or rating not between 1 and 5 then
    raise exception 'A rating is a whole number from 1 to 5.' using errcode = '22023';
  end if;
  if length(comment) > 5000 then
    raise exception 'A review comment is at most 5,000 characters.' using errcode = '22023';
  end if;
  select * into a from public.mission_assignments where id = assignment_id;
  if not found then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  m := private.lock_mission(a.mission_id);
  select user_id into contributor_user from public.contributor_profiles where id = a.contributor_id;
  select user_id into initiator_user from public.initiator_profiles where id = m.initiator_id;
  if uid = initiator_user then
    dir := 'initiator_to_contributor';
  elsif uid = contributor_user then
    dir := 'contributor_to_initiator';
  else
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  if m.status <> 'completed' or a.status <> 'completed' then
    raise exception 'Reviews open when the mission is completed.' using errcode = 'PT409';
  end if;
  begin
    insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating, comment)
    values (a.id, m.id, uid, case when dir = 'initiator_to_contributor' then contributor_user else initiator_user end,
            dir, rating, comment)
    returning * into r;
  exception when unique_violation then
    raise exception 'You have already reviewed this.' using errcode = '23505';
  end;
  if dir = 'initiator_to_contributor' then
    update public.mission_assignments set rating = submit_review.rating, review_text = comment where id = a.id;
    perform private.refresh_contributor_stats(a.contributor_id);
  else
    perform private.refresh_initiator_stats(m.initiator_id);
  end if;
  perform private.emit('review:received', m.id, 'review', r.id, jsonb_build_object('direction', dir, 'rating', rating));
  return r;
end
$$;

ALTER FUNCTION private.submit_review(assignment_id uuid, rating integer, comment text) OWNER TO postgres;

--
-- Name: suspend_user(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.suspend_user(user_id uuid, reason text) RETURNS public.profiles
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.set_account_status(suspend_user.user_id, 'suspend', suspend_user.reason)
$$;

ALTER FUNCTION private.suspend_user(user_id uuid, reason text) OWNER TO postgres;

--
-- Name: sync_connected_account(text, boolean, boolean, boolean, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.sync_connected_account(account_id text, charges_enabled boolean, payouts_enabled boolean, details_submitted boolean, observed_at timestamp with time zone) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  d public.contributor_private_details;
begin
  select * into d from public.contributor_private_details x where x.stripe_account_id = account_id for update;
  if not found then
    return false;
  end if;
  if d.stripe_account_synced_at is not null and d.stripe_account_synced_at > observed_at then
    return false;
  end if;
  update public.contributor_private_details set stripe_charges_enabled = charges_enabled, stripe_payouts_enabled = payouts_enabled,
    stripe_details_submitted = details_submitted, stripe_account_synced_at = observed_at
  where contributor_id = d.contributor_id;
  if payouts_enabled then
    -- Parked payouts of the parts this contributor is the recorded payee of.
    update private.jobs j set status = 'queued', run_after = now(), last_error = null
      where j.kind = 'release_payout' and j.status = 'waiting' and j.payload ->> 'contributor_id' = d.contributor_id::text;
  end if;
  return true;
end
$$;

ALTER FUNCTION private.sync_connected_account(account_id text, charges_enabled boolean, payouts_enabled boolean, details_submitted boolean, observed_at timestamp with time zone) OWNER TO postgres;

--
-- Name: sync_match_pool(uuid[]); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.sync_match_pool(contributor_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if coalesce(cardinality(contributor_ids), 0) = 0 then
    return;
  end if;
  perform from public.contributor_profiles c where c.id in (select unnest(contributor_ids)) order by c.id for no key update;
  delete from private.match_skills s where s.contributor_id in (select unnest(contributor_ids));
  delete from private.match_contributors mc where mc.contributor_id in (select unnest(contributor_ids));
  insert into private.match_contributors (
    contributor_id, user_id, trust_score, match_power, free_hours, years_experience, missions_completed,
    completion_rate, average_rating, proof_score, completed_by_type, type_levels, top_count, popular_mask, skill_mask,
    trust_cp, availability_cp, track_record_cp,
    static_easy_cp, static_medium_cp, static_hard_cp, static_expert_cp, static_upper_cp)
  select x.contributor_id, x.user_id, x.trust_score, x.match_power, x.free_hours, x.years_experience, x.missions_completed,
         x.completion_rate, x.average_rating, x.proof_score, x.completed_by_type, x.type_levels, x.top_count, x.popular_mask, x.skill_mask,
         x.trust_cp, x.availability_cp, x.track_record_cp,
         x.base_cp + x.easy_cp, x.base_cp + x.medium_cp, x.base_cp + x.hard_cp, x.base_cp + x.expert_cp,
         x.base_cp + x.easy_cp + x.best_type_cp
  from (
    select y.*, y.trust_cp + y.availability_cp + y.track_record_cp as base_cp
    from (
      select f.*,
             private.trust_cp(f.trust_score) as trust_cp,
             private.availability_cp(f.free_hours) as availability_cp,
             private.track_record_cp(f.completion_rate, f.average_rating) as track_record_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'easy') as easy_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'medium') as medium_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'hard') as hard_cp,
             private.experience_cp(f.years_experience, f.missions_completed, 'expert') as expert_cp,
             private.same_type_cp(f.max_same_type) as best_type_cp
      from private.matching_facts(contributor_ids) f
      where f.eligible
      offset 0) y -- each formula once per row
    ) x;
  -- Skills new to the pool get their number (not exists first: a conflicting insert would still use
  -- up an identity value; on conflict for two transactions numbering the same skill at once).
  insert into private.match_skill_numbers (skill_id)
  select distinct cs.skill_id
  from private.match_contributors mc
  join public.contributor_skills cs on cs.contributor_id = mc.contributor_id
  where mc.contributor_id in (select unnest(contributor_ids))
    and not exists (select from private.match_skill_numbers n where n.skill_id = cs.skill_id)
  order by cs.skill_id
  on conflict (skill_id) do nothing;
  insert into private.match_skills (contributor_id, skill_no, credit, top_count, popular_mask, skill_mask, static_upper_cp,
                                    static_easy_cp, static_medium_cp, static_hard_cp, static_expert_cp, type_levels)
  select cs.contributor_id, n.skill_no, private.skill_credit(cs.proficiency_level, cs.verified), mc.top_count,
         mc.popular_mask, mc.skill_mask, mc.static_upper_cp, mc.static_easy_cp, mc.static_medium_cp, mc.static_hard_cp, mc.static_expert_cp, mc.type_levels
  from private.match_contributors mc
  join public.contributor_skills cs on cs.contributor_id = mc.contributor_id
  join private.match_skill_numbers n on n.skill_id = cs.skill_id
  where mc.contributor_id in (select unnest(contributor_ids))
  -- in the ranking index's order: a pool built into empty tables then fills that index's pages in
  -- key order (100k contributors: 34 MB, where rows inserted contributor by contributor left them
  -- ~70% full and shuffled at 45 MB; the ranking reads it in key order: A/B on the 100k bench data,
  -- each mission's first call, uniform p50 -8% / p95 -10%, popular -6 to -9%)
  order by n.skill_no, mc.top_count, mc.static_upper_cp desc;
end
$$;

ALTER FUNCTION private.sync_match_pool(contributor_ids uuid[]) OWNER TO postgres;

--
-- Name: sync_mission_with_milestones(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.sync_mission_with_milestones(mission_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  total integer;
  delivered integer;
  paid integer;
begin
  select * into m from public.missions where id = mission_id;
  -- (paid: every part, or at least the lead's: the rest of a team payout does not hold the mission up)
  select count(*), count(*) filter (where status in ('submitted', 'approved', 'paid')),
         count(*) filter (where status = 'paid' or (status = 'approved' and private.lead_paid(id)))
    into total, delivered, paid
  from public.milestones where milestones.mission_id = m.id;
  if m.status in ('in_progress', 'in_review') and total > 0 and paid = total then
    m := private.move_mission(m, 'complete', array['system']);
    perform private.after_complete(m);
  elsif m.status = 'in_progress' and total > 0 and delivered = total then
    perform private.move_mission(m, 'submit_for_review', array['system']);
  elsif m.status = 'in_review' and delivered < total then
    perform private.move_mission(m, 'resume_work', array['system']);
  end if;
end
$$;

ALTER FUNCTION private.sync_mission_with_milestones(mission_id uuid) OWNER TO postgres;

--
-- Name: tg__append_only(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg__append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, lower(tg_op)
    using errcode = '55000', hint = 'Record a correcting entry instead.';
end
$$;

ALTER FUNCTION private.tg__append_only() OWNER TO postgres;

--
-- Name: FUNCTION tg__append_only(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.tg__append_only() IS 'Trigger: rejects UPDATE and DELETE (SQLSTATE 55000).';

--
-- Name: tg__audit(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg__audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  entity text := tg_argv[0];
  watched text[] := tg_argv[1:];
  old_row jsonb;
  new_row jsonb;
  changed text[];
  action text;
begin
  if tg_op = 'INSERT' then
    new_row := to_jsonb(new);
    perform private.audit(entity || '.created', entity, coalesce(new_row ->> 'id', new_row ->> 'task_id')::uuid, null, new_row,
      jsonb_build_object('table', tg_table_name));
    return new;
  elsif tg_op = 'DELETE' then
    old_row := to_jsonb(old);
    perform private.audit(entity || '.deleted', entity, coalesce(old_row ->> 'id', old_row ->> 'task_id')::uuid, old_row, null,
      jsonb_build_object('table', tg_table_name));
    return old;
  end if;

  old_row := to_jsonb(old);
  new_row := to_jsonb(new);
  select array_agg(k order by k) into changed
  from jsonb_object_keys(new_row) as k
  where (cardinality(watched) = 0 or k = any (watched))
    and k <> 'updated_at'
    and new_row -> k is distinct from old_row -> k;
  if changed is null then
    return new;
  end if;
  action := entity || case when cardinality(changed) = 1 then '.' || changed[1] || '_changed' else '.updated' end;
  perform private.audit(
    action, entity, coalesce(new_row ->> 'id', new_row ->> 'task_id')::uuid,
    (select jsonb_object_agg(k, old_row -> k) from unnest(changed) k),
    (select jsonb_object_agg(k, new_row -> k) from unnest(changed) k),
    jsonb_build_object('table', tg_table_name, 'changed', to_jsonb(changed)));
  return new;
end
$$;

ALTER FUNCTION private.tg__audit() OWNER TO postgres;

--
-- Name: tg__copy_mission_listed(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg__copy_mission_listed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  new.mission_listed := exists (select from public.missions m where m.id = new.mission_id and m.listed_status is not null);
  return new;
end
$$;

ALTER FUNCTION private.tg__copy_mission_listed() OWNER TO postgres;

--
-- Name: tg__forget_caller(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg__forget_caller() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform set_config('people.caller', '', true), set_config('people.caller_for', '', true);
  return null;
end
$$;

ALTER FUNCTION private.tg__forget_caller() OWNER TO postgres;

--
-- Name: FUNCTION tg__forget_caller(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.tg__forget_caller() IS 'Trigger (statement level): a change to profiles or role profiles clears the remembered caller facts.';

--
-- Name: tg__refresh_listed_mission(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg__refresh_listed_mission() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  case tg_table_name
    when 'missions' then
      perform private.refresh_listed_missions(array[new.id]);
    when 'milestones', 'mission_required_skills' then
      -- Only rows of listed missions are on a card (mission_listed is set by the BEFORE trigger).
      perform private.refresh_listed_missions(array(
        select x.mission_id from (values (case when tg_op <> 'INSERT' and old.mission_listed then old.mission_id end),
                                         (case when tg_op <> 'DELETE' and new.mission_listed then new.mission_id end))
                                   as x (mission_id)
        where x.mission_id is not null))
      where (tg_op <> 'INSERT' and old.mission_listed) or (tg_op <> 'DELETE' and new.mission_listed);
    when 'initiator_profiles' then
      perform private.refresh_listed_missions(array(
        select l.id from public.listed_missions l where l.initiator_id = new.id));
    when 'skills' then
      perform private.refresh_listed_missions(array(
        select r.mission_id from public.mission_required_skills r where r.skill_id = new.id and r.mission_listed));
  end case;
  return null;
end
$$;

ALTER FUNCTION private.tg__refresh_listed_mission() OWNER TO postgres;

--
-- Name: FUNCTION tg__refresh_listed_mission(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.tg__refresh_listed_mission() IS 'Refreshes the marketplace cards a row change touches (listed missions only).';

--
-- Name: tg__refresh_matching_by_contributor(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg__refresh_matching_by_contributor() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.refresh_matching(array(select distinct r.contributor_id from changed_rows r));
  return null;
end
$$;

ALTER FUNCTION private.tg__refresh_matching_by_contributor() OWNER TO postgres;

--
-- Name: tg__set_updated_at(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg__set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  new.updated_at := now();
  return new;
end
$$;

ALTER FUNCTION private.tg__set_updated_at() OWNER TO postgres;

--
-- Name: FUNCTION tg__set_updated_at(); Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON FUNCTION private.tg__set_updated_at() IS 'Trigger: sets updated_at to now() on every update.';

--
-- Name: tg_audit_logs__append_only(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_audit_logs__append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if tg_op = 'UPDATE' and new.user_id is null and old.user_id is not null
     and (to_jsonb(new) - 'user_id') = (to_jsonb(old) - 'user_id')
     and not exists (select from public.profiles where id = old.user_id) then
    return new;
  end if;
  raise exception 'audit_logs is append-only: % is not allowed', lower(tg_op)
    using errcode = '55000', hint = 'Record a correcting entry instead.';
end
$$;

ALTER FUNCTION private.tg_audit_logs__append_only() OWNER TO postgres;

--
-- Name: tg_auth_users__create_profile(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_auth_users__create_profile() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  role public.user_role := private.signup_role(meta);
begin
  insert into public.profiles (id, full_name, avatar_url, primary_role, last_login_at)
  values (new.id, private.signup_full_name(meta, new.email), private.signup_avatar_url(meta), role, new.last_sign_in_at);
  perform private.create_role_profile(new.id, role);
  return new;
end
$$;

ALTER FUNCTION private.tg_auth_users__create_profile() OWNER TO postgres;

--
-- Name: tg_auth_users__sync_last_login(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_auth_users__sync_last_login() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.profiles set last_login_at = new.last_sign_in_at where id = new.id;
  return new;
end
$$;

ALTER FUNCTION private.tg_auth_users__sync_last_login() OWNER TO postgres;

--
-- Name: tg_contributor_private_details__matching(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_contributor_private_details__matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.refresh_matching(array(
    select n.contributor_id from new_rows n join old_rows o on o.contributor_id = n.contributor_id
    where (n.availability_hours_per_week, n.background_check_status)
          is distinct from (o.availability_hours_per_week, o.background_check_status)));
  return null;
end
$$;

ALTER FUNCTION private.tg_contributor_private_details__matching() OWNER TO postgres;

--
-- Name: tg_contributor_profiles__matching(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_contributor_profiles__matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  inputs_changed uuid[];
  pool_changed uuid[];
  refreshed uuid[];
begin
  select coalesce(array_agg(n.id) filter (where
           (n.verification_status, n.completion_rate, n.average_rating, n.years_experience, n.total_missions_completed)
           is distinct from (o.verification_status, o.completion_rate, o.average_rating, o.years_experience, o.total_missions_completed)),
           '{}'::uuid[]),
         coalesce(array_agg(n.id) filter (where
           (n.user_id, n.verification_status, n.is_looking_for_work, n.trust_score, n.match_power, n.years_experience,
            n.total_missions_completed, n.completion_rate, n.average_rating)
           is distinct from (o.user_id, o.verification_status, o.is_looking_for_work, o.trust_score, o.match_power, o.years_experience,
            o.total_missions_completed, o.completion_rate, o.average_rating)),
           '{}'::uuid[])
    into inputs_changed, pool_changed
  from new_rows n join old_rows o on o.id = n.id;
  refreshed := private.refresh_reputation(inputs_changed);
  perform private.sync_match_pool(array(select unnest(pool_changed) except select unnest(refreshed)));
  return null;
end
$$;

ALTER FUNCTION private.tg_contributor_profiles__matching() OWNER TO postgres;

--
-- Name: tg_contributor_profiles__matching_delete(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_contributor_profiles__matching_delete() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  delete from private.match_skills s where s.contributor_id in (select r.id from changed_rows r);
  delete from private.match_contributors mc where mc.contributor_id in (select r.id from changed_rows r);
  return null;
end
$$;

ALTER FUNCTION private.tg_contributor_profiles__matching_delete() OWNER TO postgres;

--
-- Name: tg_contributor_profiles__matching_insert(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_contributor_profiles__matching_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.refresh_matching(array(select r.id from changed_rows r));
  return null;
end
$$;

ALTER FUNCTION private.tg_contributor_profiles__matching_insert() OWNER TO postgres;

--
-- Name: tg_contributor_skills__unverify_on_raise(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_contributor_skills__unverify_on_raise() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if old.verified and new.verified and new.proficiency_level > old.proficiency_level then
    new.verified := false;
  end if;
  return new;
end
$$;

ALTER FUNCTION private.tg_contributor_skills__unverify_on_raise() OWNER TO postgres;

--
-- Name: tg_domain_events__dispatch(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_domain_events__dispatch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  title text;
  mission_url text;
  initiator uuid;
  who uuid;
  amount text;
begin
  select * into m from public.missions where id = new.mission_id;
  title := coalesce(m.title, 'your mission');
  mission_url := '/missions/' || new.mission_id;
  initiator := private.mission_initiator_user(new.mission_id);
  amount := case when new.payload ? 'payout_cents'
                 then to_char((new.payload ->> 'payout_cents')::numeric / 100, 'FM999999999990.00') || ' ' || coalesce(m.currency, 'USD') end;

  -- Realtime on the mission's topic, with the blueprint's event names.
  if new.event in ('mission:update', 'milestone:submitted', 'milestone:approved', 'matching:started', 'matching:progress',
                   'matching:complete') and new.mission_id is not null then
    perform realtime.send(new.payload || jsonb_build_object('mission_id', new.mission_id, 'entity_id', new.entity_id, 'event_id', new.id),
                          new.event, 'mission:' || new.mission_id, true);
  end if;

  case new.event
  when 'application:received' then
    perform private.notify(initiator, 'application_received', 'New application', format('Someone applied to "%s".', title),
      'medium', mission_url || '/applications', 'Review applications', jsonb_build_object('mission_id', m.id, 'application_id', new.entity_id));
  when 'application:accepted' then
    perform private.notify(private.contributor_user((new.payload ->> 'contributor_id')::uuid), 'application_accepted', 'You are on the team',
      format('Your application to "%s" was accepted.', title), 'urgent', mission_url, 'Open mission', jsonb_build_object('mission_id', m.id));
  when 'application:rejected', 'application:closed' then
    perform private.notify(private.contributor_user((new.payload ->> 'contributor_id')::uuid), 'application_rejected', 'Application closed',
      format('Your application to "%s" was not selected.', title), 'basic', mission_url, null, jsonb_build_object('mission_id', m.id));
  when 'invitation:sent' then
    who := private.contributor_user((new.payload ->> 'contributor_id')::uuid);
    perform private.notify(who, 'match_found', 'You are invited to a mission',
      format('You were invited to join "%s" as %s.', title, replace(new.payload ->> 'role', '_', ' ')), 'urgent',
      '/invitations/' || new.entity_id, 'Respond', jsonb_build_object('mission_id', m.id, 'assignment_id', new.entity_id),
      (select a.invitation_expires_at from public.mission_assignments a where a.id = new.entity_id));
    perform private.queue_email(who, 'invitation', jsonb_build_object('mission_title', title, 'role', new.payload ->> 'role',
      'assignment_id', new.entity_id, 'mission_id', m.id), 'invitation:' || new.entity_id);
  when 'matching:complete' then
    perform private.notify(initiator, 'match_found', 'Matches found', format('We found candidates for "%s".', title), 'medium',
      mission_url || '/team', 'See the team', jsonb_build_object('mission_id', m.id) || new.payload);
  when 'milestone:submitted' then
    perform private.notify(initiator, 'milestone_submitted', 'Milestone submitted',
      format('"%s" of "%s" was delivered and awaits your review.', new.payload ->> 'title', title), 'urgent',
      mission_url || '/milestones/' || new.entity_id, 'Review', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    for who in select private.mission_team_users(m.id, array['core_reviewer']::public.assignment_role[]) loop
      perform private.notify(who, 'milestone_submitted', 'Milestone to review',
        format('"%s" of "%s" was delivered.', new.payload ->> 'title', title), 'medium', mission_url || '/milestones/' || new.entity_id,
        'Review', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
    perform private.queue_email(initiator, 'milestone_submitted', jsonb_build_object('mission_title', title,
      'milestone_title', new.payload ->> 'title', 'mission_id', m.id, 'milestone_id', new.entity_id), 'milestone_submitted:' || new.id);
  when 'milestone:approved' then
    for who in select private.mission_team_users(m.id, array['lead']::public.assignment_role[]) loop
      perform private.notify(who, 'milestone_approved', 'Milestone approved',
        format('"%s" of "%s" was approved; the payout is on its way.', new.payload ->> 'title', title), 'medium',
        mission_url || '/milestones/' || new.entity_id, null, jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
  when 'milestone:revision' then
    for who in select private.mission_team_users(m.id, array['lead']::public.assignment_role[]) loop
      perform private.notify(who, 'revision_requested', 'Revision requested',
        format('Changes were requested on "%s" of "%s".', new.payload ->> 'title', title), 'urgent',
        mission_url || '/milestones/' || new.entity_id, 'See feedback', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
  when 'milestone:deadline_approaching' then
    for who in select private.mission_team_users(m.id) loop
      perform private.notify(who, 'deadline_approaching', 'Deadline approaching',
        format('"%s" of "%s" is due soon.', new.payload ->> 'title', title), 'urgent', mission_url || '/milestones/' || new.entity_id,
        null, jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id));
    end loop;
  when 'payment:released' then
    -- One part of a team payout: its payee is told (with the role it pays), the initiator too.
    who := private.contributor_user((new.payload ->> 'contributor_id')::uuid);
    perform private.notify(who, 'payment_received', 'Payment received',
      format('You were paid %s for "%s" (your share as %s).', amount, title, replace(coalesce(new.payload ->> 'role', 'lead'), '_', ' ')),
      'medium', '/payments', 'Payment history', jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id) || new.payload);
    perform private.notify(initiator, 'payment_released', 'Payment released',
      format('%s was released from escrow for "%s" to its %s.', amount, title, replace(coalesce(new.payload ->> 'role', 'lead'), '_', ' ')),
      'basic', '/payments', null, jsonb_build_object('mission_id', m.id, 'milestone_id', new.entity_id,
                                                     'contributor_id', new.payload ->> 'contributor_id', 'role', new.payload ->> 'role'));
    perform private.queue_email(who, 'payment_received', jsonb_build_object('mission_title', title, 'amount', amount,
      'mission_id', m.id, 'role', replace(coalesce(new.payload ->> 'role', 'lead'), '_', ' ')),
      'payment_received:' || new.entity_id || ':' || (new.payload ->> 'contributor_id'));
  when 'mission:funded' then
    perform private.notify(initiator, 'mission_update', 'Escrow funded', format('"%s" is funded and open for applications.', title),
      'medium', mission_url, null, jsonb_build_object('mission_id', m.id));
  when 'mission:update' then
    -- (opening after funding is told by mission:funded)
    for who in select u from (select initiator as u union select private.mission_team_users(m.id)) s
               where u is distinct from new.actor_id and new.payload ->> 'status' <> 'open' loop
      perform private.notify(who, 'mission_update', 'Mission update',
        format('"%s" is now %s.', title, replace(new.payload ->> 'status', '_', ' ')),
        case when new.payload ->> 'status' in ('disputed', 'cancelled') then 'urgent'::public.notification_priority else 'basic' end,
        mission_url, null, jsonb_build_object('mission_id', m.id, 'status', new.payload ->> 'status'));
    end loop;
  when 'proof_task:graded' then
    who := (new.payload ->> 'user_id')::uuid;
    perform private.notify(who, 'proof_task_graded',
      case when (new.payload ->> 'passed')::boolean then 'You are verified' else 'Proof task graded' end,
      case when (new.payload ->> 'passed')::boolean then 'Your proof task passed: you can now be matched to missions.'
           else 'Your proof task did not pass this time. You can take another after the cooldown.' end,
      'medium', '/verification', 'See the feedback', jsonb_build_object('submission_id', new.entity_id, 'score', new.payload -> 'score'));
    perform private.queue_email(who, 'proof_task_graded', jsonb_build_object('passed', new.payload ->> 'passed'),
      'proof_task_graded:' || new.entity_id || ':' || new.id);
  when 'payment:failed' then
    perform private.notify(initiator, 'payment_failed', 'Payment failed', format('The escrow payment for "%s" failed: %s', title,
      coalesce(new.payload ->> 'reason', 'no reason given')), 'urgent', mission_url || '/fund', 'Try again', jsonb_build_object('mission_id', m.id));
  else
    null;
  end case;
  return null;
end
$$;

ALTER FUNCTION private.tg_domain_events__dispatch() OWNER TO postgres;

--
-- Name: tg_domain_events__payments(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_domain_events__payments() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if new.event = 'payout:requested' then
    -- One job per part of the payout: each waits for its own payee.
    perform private.enqueue_job('release_payout',
      jsonb_build_object('milestone_id', p.milestone_id, 'mission_id', p.mission_id, 'contributor_id', p.contributor_id),
      'release-' || p.milestone_id || '-' || p.contributor_id)
    from public.milestone_payouts p where p.milestone_id = new.entity_id;
  elsif new.event = 'refund:requested' then
    perform private.enqueue_job('refund', jsonb_build_object('mission_id', new.mission_id), 'refund-' || new.mission_id || '-' || new.id);
  end if;
  return null;
end
$$;

ALTER FUNCTION private.tg_domain_events__payments() OWNER TO postgres;

--
-- Name: tg_domain_events__run_matching(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_domain_events__run_matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.run_matching(new.mission_id);
  return null;
end
$$;

ALTER FUNCTION private.tg_domain_events__run_matching() OWNER TO postgres;

--
-- Name: tg_escrow_transactions__balance(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_escrow_transactions__balance() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  held bigint := private.escrow_balance(new.mission_id);
begin
  if held < 0 then
    raise exception 'Escrow for this mission would go negative (by % cents): not enough has been deposited.', -held
      using errcode = '23514';
  end if;
  return null;
end
$$;

ALTER FUNCTION private.tg_escrow_transactions__balance() OWNER TO postgres;

--
-- Name: tg_escrow_transactions__guard(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_escrow_transactions__guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  mission_currency text;
begin
  if tg_op = 'DELETE' then
    raise exception 'The escrow ledger is append-only: entries are never deleted.' using errcode = '55000';
  end if;

  if tg_op = 'UPDATE' then
    if (new.id, new.mission_id, new.milestone_id, new.initiator_id, new.contributor_id, new.type, new.amount_cents,
        new.currency, new.created_at, new.correlation_id)
       is distinct from
       (old.id, old.mission_id, old.milestone_id, old.initiator_id, old.contributor_id, old.type, old.amount_cents,
        old.currency, old.created_at, old.correlation_id) then
      raise exception 'The escrow ledger is append-only: record a correcting entry instead of changing one.' using errcode = '55000';
    end if;
    if (old.stripe_payment_intent_id is not null and new.stripe_payment_intent_id is distinct from old.stripe_payment_intent_id)
       or (old.stripe_transfer_id is not null and new.stripe_transfer_id is distinct from old.stripe_transfer_id)
       or (old.stripe_refund_id is not null and new.stripe_refund_id is distinct from old.stripe_refund_id)
       or (old.stripe_charge_id is not null and new.stripe_charge_id is distinct from old.stripe_charge_id)
       or (old.stripe_dispute_id is not null and new.stripe_dispute_id is distinct from old.stripe_dispute_id) then
      raise exception 'A Stripe id on a ledger entry is set once and never changed.' using errcode = '55000';
    end if;
    if new.status is distinct from old.status and not (
         (old.status = 'pending' and new.status in ('processing', 'completed', 'failed'))
      or (old.status = 'processing' and new.status in ('completed', 'failed'))) then
      raise exception 'A ledger entry cannot go from % to %.', old.status, new.status using errcode = '55000';
    end if;
  end if;

  -- The mission row is the lock that serializes every money move of the mission.
  select m.currency into mission_currency from public.missions m where m.id = new.mission_id for update;
  if new.currency is distinct from mission_currency then
    raise exception 'This mission''s escrow is in %, not %.', mission_currency, new.currency using errcode = '23514';
  end if;
  -- Inflows name their Stripe object. A completed deposit is what Stripe reported for a PaymentIntent
  -- of this mission (private.mission_charges, written from the Stripe event only): same mission,
  -- amount and currency. A dispute release returns a hold of the same dispute and mission, at most
  -- what was held.
  if new.type = 'deposit' and new.status = 'completed' and not exists (
       select from private.mission_charges c where c.payment_intent_id = new.stripe_payment_intent_id
         and c.mission_id = new.mission_id and c.amount_cents = new.amount_cents and c.currency = new.currency::text) then
    raise exception 'A completed deposit is the amount Stripe reported for a PaymentIntent of this mission.' using errcode = '23514';
  end if;
  if tg_op = 'INSERT' and new.type = 'dispute_release' and not exists (
       select from public.escrow_transactions h where h.type = 'dispute_hold' and h.status <> 'failed'
         and h.mission_id = new.mission_id and h.stripe_dispute_id = new.stripe_dispute_id and h.amount_cents >= new.amount_cents) then
    raise exception 'A dispute release returns a hold of the same dispute and mission.' using errcode = '23514';
  end if;
  -- A payout is a part of a milestone's payout, to its payee, at its amount, fixed when the milestone
  -- was approved (public.milestone_payouts).
  if tg_op = 'INSERT' and new.type = 'release' and not exists (
       select from public.milestone_payouts p where p.milestone_id = new.milestone_id and p.mission_id = new.mission_id
         and p.contributor_id = new.contributor_id and p.payout_cents = new.amount_cents) then
    raise exception 'A milestone payout is a part fixed when it was approved: its payee, its amount.' using errcode = '23514';
  end if;
  return new;
end
$$;

ALTER FUNCTION private.tg_escrow_transactions__guard() OWNER TO postgres;

--
-- Name: tg_escrow_transactions__payout_adds_up(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_escrow_transactions__payout_adds_up() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  payout bigint;
  fee bigint;
  amount bigint;
  expected_fee bigint;
begin
  if new.milestone_id is null or new.type not in ('release', 'platform_fee') then
    return null;
  end if;
  select coalesce(sum(amount_cents) filter (where type = 'release'), 0),
         coalesce(sum(amount_cents) filter (where type = 'platform_fee'), 0)
    into payout, fee
  from public.escrow_transactions e
  where e.milestone_id = new.milestone_id and e.type in ('release', 'platform_fee') and e.status <> 'failed';
  select ms.amount_cents, private.platform_fee(ms.amount_cents, m.platform_fee_bps) into amount, expected_fee
  from public.milestones ms join public.missions m on m.id = ms.mission_id where ms.id = new.milestone_id;
  if (payout + fee <> 0) and (payout + fee > amount or fee <> expected_fee) then
    raise exception 'Payouts (%) + fee (%) must not exceed the milestone amount (%), with the mission''s fee (%).', payout, fee, amount, expected_fee
      using errcode = '23514';
  end if;
  return null;
end
$$;

ALTER FUNCTION private.tg_escrow_transactions__payout_adds_up() OWNER TO postgres;

--
-- Name: tg_escrow_transactions__refresh_stats(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_escrow_transactions__refresh_stats() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if new.contributor_id is not null then
    perform private.refresh_contributor_stats(new.contributor_id);
  end if;
  perform private.refresh_initiator_stats(new.initiator_id);
  return new;
end
$$;

ALTER FUNCTION private.tg_escrow_transactions__refresh_stats() OWNER TO postgres;

--
-- Name: tg_messages__after_insert(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_messages__after_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  p record;
  sender_name text;
begin
  update public.conversations set updated_at = new.created_at where id = new.conversation_id;
  update public.conversation_participants set last_read_at = new.created_at
    where conversation_id = new.conversation_id and user_id = new.sender_id;
  perform realtime.send(
    jsonb_build_object('id', new.id, 'conversation_id', new.conversation_id, 'sender_id', new.sender_id, 'content', new.content,
                       'message_type', new.message_type, 'attachments', new.attachments, 'created_at', new.created_at),
    'message:new', 'conversation:' || new.conversation_id, true);
  select full_name into sender_name from public.profiles where id = new.sender_id;
  -- Participants away for a while hear of it, once per conversation until they read it.
  for p in
    select cp.user_id from public.conversation_participants cp
    where cp.conversation_id = new.conversation_id and cp.user_id <> new.sender_id
      and (cp.last_read_at is null or cp.last_read_at < now() - make_interval(mins => private.setting_int('away_after_minutes')))
      and not exists (select from public.notifications n where n.user_id = cp.user_id and n.type = 'new_message' and not n.is_read
                        and n.metadata ->> 'conversation_id' = new.conversation_id::text)
  loop
    perform private.notify(p.user_id, 'new_message', 'New message', format('%s sent you a message.', coalesce(sender_name, 'Someone')),
      'basic', '/conversations/' || new.conversation_id, 'Reply', jsonb_build_object('conversation_id', new.conversation_id));
  end loop;
  return null;
end
$$;

ALTER FUNCTION private.tg_messages__after_insert() OWNER TO postgres;

--
-- Name: tg_messages__before_write(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_messages__before_write() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  path text;
begin
  if jsonb_typeof(new.attachments) <> 'array' then
    return new; -- the table's CHECK refuses it
  end if;
  for path in select coalesce(a ->> 'path', '') from jsonb_array_elements(new.attachments) a loop
    if path not like new.conversation_id::text || '/%'
       or not exists (select from storage.objects o where o.bucket_id = 'message-attachments' and o.name = path) then
      raise exception 'Attachment % is not an upload of this conversation (expected under %/).', path, new.conversation_id
        using errcode = '22023';
    end if;
  end loop;
  return new;
end
$$;

ALTER FUNCTION private.tg_messages__before_write() OWNER TO postgres;

--
-- Name: tg_milestone_payouts__adds_up(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_milestone_payouts__adds_up() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform private.check_milestone_payouts(new.milestone_id);
  return null;
end
$$;

ALTER FUNCTION private.tg_milestone_payouts__adds_up() OWNER TO postgres;

--
-- Name: tg_milestone_payouts__guard(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_milestone_payouts__guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if tg_op <> 'INSERT' then
    raise exception 'The parts of a milestone payout are fixed when it is approved and never change.' using errcode = '55000';
  end if;
  -- (paid too: a milestone paid in the same transaction; it needs a completed release of each part at commit)
  if not exists (select from public.milestones ms where ms.id = new.milestone_id and ms.status in ('approved', 'paid')) then
    raise exception 'The parts of a milestone payout are written when it is approved.' using errcode = '55000';
  end if;
  if exists (select from public.escrow_transactions e where e.milestone_id = new.milestone_id and e.type = 'release') then
    raise exception 'This milestone''s payout has started: its parts are fixed.' using errcode = '55000';
  end if;
  if not exists (select from public.mission_assignments a where a.mission_id = new.mission_id
                 and a.contributor_id = new.contributor_id and a.role = new.role) then
    raise exception 'A part of a milestone payout goes to a member of its mission, in the role held.' using errcode = '23514';
  end if;
  return new;
end
$$;

ALTER FUNCTION private.tg_milestone_payouts__guard() OWNER TO postgres;

--
-- Name: tg_milestone_payouts__split(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_milestone_payouts__split() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  one uuid;
begin
  for one in select distinct w.milestone_id from written w loop
    perform private.check_payout_split(one);
  end loop;
  return null;
end
$$;

ALTER FUNCTION private.tg_milestone_payouts__split() OWNER TO postgres;

--
-- Name: tg_milestones__money_proven(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_milestones__money_proven() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform private.check_milestone_payouts(new.id);
  return null;
end
$$;

ALTER FUNCTION private.tg_milestones__money_proven() OWNER TO postgres;

--
-- Name: tg_mission_applications__match_score(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_mission_applications__match_score() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if tg_op = 'INSERT' or (new.status = 'pending' and old.status is distinct from 'pending') then
    new.match_score := (select round((s.total_cp - s.availability_cp) / 100.0, 2)
                        from private.score_contributor(new.mission_id, new.contributor_id) s);
  end if;
  return new;
end
$$;

ALTER FUNCTION private.tg_mission_applications__match_score() OWNER TO postgres;

--
-- Name: tg_mission_assignments__team_chat(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_mission_assignments__team_chat() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  conv uuid;
  member uuid := private.contributor_user(new.contributor_id);
begin
  if new.status in ('active', 'stepped_up') then
    select id into conv from public.conversations where mission_id = new.mission_id and type = 'mission_team';
    if conv is null then
      insert into public.conversations (mission_id, type, created_by)
      values (new.mission_id, 'mission_team', private.mission_initiator_user(new.mission_id))
      on conflict (mission_id) where type = 'mission_team' do nothing
      returning id into conv;
      if conv is null then
        select id into conv from public.conversations where mission_id = new.mission_id and type = 'mission_team';
      end if;
      insert into public.conversation_participants (conversation_id, user_id)
      values (conv, private.mission_initiator_user(new.mission_id)) on conflict do nothing;
    end if;
    insert into public.conversation_participants (conversation_id, user_id) values (conv, member) on conflict do nothing;
  elsif new.status in ('withdrawn', 'removed') then
    delete from public.conversation_participants p
    using public.conversations c
    where c.id = p.conversation_id and c.mission_id = new.mission_id and c.type = 'mission_team' and p.user_id = member;
  end if;
  return null;
end
$$;

ALTER FUNCTION private.tg_mission_assignments__team_chat() OWNER TO postgres;

--
-- Name: tg_missions__listed_changed(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_missions__listed_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.milestones set mission_listed = (new.listed_status is not null)
  where mission_id = new.id and mission_listed is distinct from (new.listed_status is not null);
  update public.mission_required_skills set mission_listed = (new.listed_status is not null)
  where mission_id = new.id and mission_listed is distinct from (new.listed_status is not null);
  return null;
end
$$;

ALTER FUNCTION private.tg_missions__listed_changed() OWNER TO postgres;

--
-- Name: tg_missions__matching(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_missions__matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.refresh_matching(array(
    select a.contributor_id from new_rows n join old_rows o on o.id = n.id
    join public.mission_assignments a on a.mission_id = n.id
    where n.disputed_at is distinct from o.disputed_at and a.accepted_at is not null));
  return null;
end
$$;

ALTER FUNCTION private.tg_missions__matching() OWNER TO postgres;

--
-- Name: tg_missions__money_rules(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_missions__money_rules() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  proposed record;
begin
  if new.status <> 'draft' and new.lead_share_bps is null then
    proposed := private.proposed_payout_shares(new.max_shadow_contributors, new.requires_core_reviewer);
    new.lead_share_bps := proposed.lead_bps;
    new.shadow_share_bps := proposed.shadow_bps;
    new.core_reviewer_share_bps := proposed.core_reviewer_bps;
  end if;
  if tg_op = 'INSERT' then
    return new;
  end if;
  if old.status <> 'draft' and new.platform_fee_bps is distinct from old.platform_fee_bps then
    raise exception 'The platform fee is fixed when the mission is published.' using errcode = '55000';
  end if;
  if old.status not in ('draft', 'pending_funding')
     and (new.lead_share_bps, new.shadow_share_bps, new.core_reviewer_share_bps)
         is distinct from (old.lead_share_bps, old.shadow_share_bps, old.core_reviewer_share_bps) then
    raise exception 'The team''s payout shares are fixed when the mission is funded.' using errcode = '55000';
  end if;
  if old.status = 'pending_funding' and new.status = 'open'
     and private.escrow_balance(new.id) < coalesce((select sum(x.amount_cents) from public.milestones x where x.mission_id = new.id), 0) then
    raise exception 'A mission is funded only by completed deposits covering its milestones.' using errcode = '23514';
  end if;
  return new;
end
$$;

ALTER FUNCTION private.tg_missions__money_rules() OWNER TO postgres;

--
-- Name: tg_missions__withdraw_pending_invitations(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_missions__withdraw_pending_invitations() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a public.mission_assignments;
begin
  for a in update public.mission_assignments
           set status = 'withdrawn', ended_at = private.clock(), end_reason = 'work started before the invitation was accepted'
           where mission_id = new.id and status = 'invited'
           returning * loop
    perform private.emit('assignment:withdrawn', a.mission_id, 'assignment', a.id,
      jsonb_build_object('action', 'work_started', 'contributor_id', a.contributor_id, 'role', a.role));
  end loop;
  return null;
end
$$;

ALTER FUNCTION private.tg_missions__withdraw_pending_invitations() OWNER TO postgres;

--
-- Name: tg_notifications__broadcast(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_notifications__broadcast() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform realtime.send(
    jsonb_build_object('id', new.id, 'type', new.type, 'title', new.title, 'message', new.message, 'priority', new.priority,
                       'action_url', new.action_url, 'action_label', new.action_label, 'metadata', new.metadata,
                       'created_at', new.created_at),
    'notification:new', 'user:' || new.user_id, true);
  return null;
end
$$;

ALTER FUNCTION private.tg_notifications__broadcast() OWNER TO postgres;

--
-- Name: tg_notifications__sync_tabs(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_notifications__sync_tabs() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  changed record;
begin
  -- Each branch names only the transition tables its event has (a DELETE has no new rows).
  if tg_op = 'DELETE' then
    for changed in
      select o.user_id, array_agg(o.id order by o.id) as ids, '{}'::uuid[] as archived_ids
      from old_rows o group by o.user_id
    loop
      perform private.send_notification_sync(changed.user_id, 'notification:deleted', changed.ids, changed.archived_ids);
    end loop;
  else
    for changed in
      select n.user_id, array_agg(n.id order by n.id) as ids,
             coalesce(array_agg(n.id order by n.id) filter (where n.is_archived and not o.is_archived), '{}') as archived_ids
      from new_rows n join old_rows o on o.id = n.id
      where (n.is_read and not o.is_read) or (n.is_archived and not o.is_archived)
      group by n.user_id
    loop
      perform private.send_notification_sync(changed.user_id, 'notification:read', changed.ids, changed.archived_ids);
    end loop;
  end if;
  return null;
end
$$;

ALTER FUNCTION private.tg_notifications__sync_tabs() OWNER TO postgres;

--
-- Name: tg_profiles__matching(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_profiles__matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.sync_match_pool(array(
    select c.id from new_rows n join old_rows o on o.id = n.id
    join public.contributor_profiles c on c.user_id = n.id
    where n.account_status is distinct from o.account_status));
  return null;
end
$$;

ALTER FUNCTION private.tg_profiles__matching() OWNER TO postgres;

--
-- Name: tg_profiles__welcome(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_profiles__welcome() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.queue_email(new.id, 'welcome', jsonb_build_object('full_name', new.full_name, 'role', new.primary_role), 'welcome:' || new.id);
  return null;
end
$$;

ALTER FUNCTION private.tg_profiles__welcome() OWNER TO postgres;

--
-- Name: tg_reviews__matching(); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.tg_reviews__matching() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  perform private.refresh_matching(array(
    select c.id from changed_rows r join public.contributor_profiles c on c.user_id = r.reviewee_id
    where r.direction = 'initiator_to_contributor'));
  return null;
end
$$;

ALTER FUNCTION private.tg_reviews__matching() OWNER TO postgres;

--
-- Name: timer_backing_off(text, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.timer_backing_off(timer text, entity_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select exists (select from private.lifecycle_timer_failures f
                 where f.timer = timer_backing_off.timer and f.entity_id = timer_backing_off.entity_id
                   and f.last_failed_at > private.clock() - least(make_interval(hours => f.attempts), interval '1 day'))
$$;

ALTER FUNCTION private.timer_backing_off(timer text, entity_id uuid) OWNER TO postgres;

--
-- Name: timer_failed(text, uuid, text, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.timer_failed(timer text, entity_id uuid, error text, state text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise warning 'lifecycle timer %: % skipped: % (%)', timer, entity_id, error, state;
  insert into private.lifecycle_timer_failures as f (timer, entity_id, last_error, last_sqlstate, first_failed_at, last_failed_at)
  values (timer_failed.timer, timer_failed.entity_id, left(timer_failed.error, 2000), timer_failed.state, private.clock(), private.clock())
  on conflict on constraint lifecycle_timer_failures_pkey do update
    set attempts = f.attempts + 1, last_error = excluded.last_error, last_sqlstate = excluded.last_sqlstate,
        last_failed_at = excluded.last_failed_at;
end
$$;

ALTER FUNCTION private.timer_failed(timer text, entity_id uuid, error text, state text) OWNER TO postgres;

--
-- Name: track_record_cp(numeric, numeric); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.track_record_cp(completion_rate numeric, average_rating numeric) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select round(3 * least(greatest(coalesce(completion_rate, 0), 0), 100)
             + 60 * least(greatest(coalesce(average_rating, 0), 0), 5))::integer
$$;

ALTER FUNCTION private.track_record_cp(completion_rate numeric, average_rating numeric) OWNER TO postgres;

--
-- Name: transfer_source(uuid, bigint); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.transfer_source(mission_id uuid, amount_cents bigint) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select c.charge_id
  from private.mission_charges c
  where c.mission_id = transfer_source.mission_id and c.charge_id is not null
    and exists (select from public.escrow_transactions d where d.stripe_payment_intent_id = c.payment_intent_id
                and d.type = 'deposit' and d.status = 'completed')
    and private.charge_unspent(c.payment_intent_id) >= transfer_source.amount_cents
  order by c.created_at, c.payment_intent_id
  limit 1
$$;

ALTER FUNCTION private.transfer_source(mission_id uuid, amount_cents bigint) OWNER TO postgres;

--
-- Name: trust_cp(integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.trust_cp(trust_score integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select 25 * least(greatest(coalesce(trust_score, 0), 0), 100)
$$;

ALTER FUNCTION private.trust_cp(trust_score integer) OWNER TO postgres;

--
-- Name: trust_score_formula(public.verification_status, numeric, numeric, integer, numeric, integer, public.background_check_status, integer); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.trust_score_formula(verification public.verification_status, proof_mean numeric, completion_rate numeric, finished integer, average_rating numeric, ratings integer, background public.background_check_status, disputes integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select greatest(0, least(100, round(
      (case verification when 'verified' then 25 when 'proof_task_submitted' then 10 else 0 end)
    + 20 * least(greatest(coalesce(proof_mean, 0), 0), 100) / 100
    + 20 * least(greatest(coalesce(completion_rate, 0), 0), 100) / 100
         * greatest(coalesce(finished, 0), 0) / (greatest(coalesce(finished, 0), 0) + 2)::numeric
    + 20 * least(greatest(coalesce(average_rating, 0), 0), 5) / 5
         * greatest(coalesce(ratings, 0), 0) / (greatest(coalesce(ratings, 0), 0) + 2)::numeric
    + (case background when 'passed' then 15 when 'in_progress' then 5 when 'failed' then -15 else 0 end)
    - least(20, 5 * greatest(coalesce(disputes, 0), 0)))))::integer
$$;

ALTER FUNCTION private.trust_score_formula(verification public.verification_status, proof_mean numeric, completion_rate numeric, finished integer, average_rating numeric, ratings integer, background public.background_check_status, disputes integer) OWNER TO postgres;

--
-- Name: update_mission_plan(uuid, jsonb, jsonb); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.update_mission_plan(mission_id uuid, milestones jsonb DEFAULT NULL::jsonb, required_skills jsonb DEFAULT NULL::jsonb) RETURNS public.missions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.missions;
  actors text[];
begin
  perform private.require_active_user();
  m := private.lock_mission(mission_id);
  actors := private.mission_actors(m);
  perform private.require_visible(m, actors);
  if not 'initiator' = any (actors) then
    raise exception 'Only the mission''s initiator can change its plan.' using errcode = '42501';
  end if;
  if m.status <> 'draft' then
    raise exception 'Only a draft''s plan can be changed; this mission is %.', replace(m.status::text, '_', ' ') using errcode = 'PT409';
  end if;
  if milestones is not null then
    perform private.set_milestones(m, milestones);
  end if;
  if required_skills is not null then
    perform private.set_required_skills(m, required_skills);
  end if;
  return m;
end
$$;

ALTER FUNCTION private.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) OWNER TO postgres;

--
-- Name: users_share_work(uuid, uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.users_share_work(a uuid, b uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with involved as (
    select m.id as mission_id, i.user_id from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
    union
    select x.mission_id, c.user_id from public.mission_assignments x join public.contributor_profiles c on c.id = x.contributor_id
      where x.status in ('invited', 'active', 'stepped_up', 'completed')
    union
    select p.mission_id, c.user_id from public.mission_applications p join public.contributor_profiles c on c.id = p.contributor_id
  )
  select exists (
    select from involved x join involved y on x.mission_id = y.mission_id
    where x.user_id = a and y.user_id = b
      -- an applicant talks with the initiator, not with other applicants
      and (exists (select from public.missions m join public.initiator_profiles i on i.id = m.initiator_id
                   where m.id = x.mission_id and i.user_id in (a, b))
           or exists (select from public.mission_assignments t join public.contributor_profiles c on c.id = t.contributor_id
                      where t.mission_id = x.mission_id and c.user_id = a and t.status in ('active', 'stepped_up', 'completed'))
              and exists (select from public.mission_assignments t join public.contributor_profiles c on c.id = t.contributor_id
                      where t.mission_id = x.mission_id and c.user_id = b and t.status in ('active', 'stepped_up', 'completed'))))
$$;

ALTER FUNCTION private.users_share_work(a uuid, b uuid) OWNER TO postgres;

--
-- Name: withdraw_application(uuid); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.withdraw_application(application_id uuid) RETURNS public.mission_applications
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  app public.mission_applications;
  before public.application_status;
begin
  perform private.require_active_user();
  app := private.lock_application(application_id);
  if cardinality(private.application_actors(app)) = 0 then
    raise exception 'No such application.' using errcode = 'PT404';
  end if;
  before := app.status;
  -- A lead cannot leave running work this way: withdraw_from_mission hands the lead's place over
  -- (the step-up rule).
  if before = 'accepted' and exists (
      select from public.mission_assignments a join public.missions m on m.id = a.mission_id
      where a.mission_id = app.mission_id and a.contributor_id = app.contributor_id and a.role = 'lead'
        and a.status in ('active', 'stepped_up') and m.status in ('in_progress', 'in_review', 'disputed')) then
    raise exception 'Work on this mission has started: leave the team with withdraw_from_mission so the lead''s place is handed over.'
      using errcode = 'PT409';
  end if;
  app := private.move_application(app, 'withdraw', private.application_actors(app));
  if before = 'accepted' and app.status = 'withdrawn' then
    -- The place it was accepted for is given up too (if work has not started on it).
    update public.mission_assignments set status = 'withdrawn', ended_at = private.clock(), end_reason = 'application withdrawn'
      where mission_id = app.mission_id and contributor_id = app.contributor_id and status in ('invited', 'active');
    perform private.refresh_contributor_stats(app.contributor_id);
    perform private.step_up_next_shadow(app.mission_id);
  end if;
  return app;
end
$$;

ALTER FUNCTION private.withdraw_application(application_id uuid) OWNER TO postgres;

--
-- Name: withdraw_from_mission(uuid, text); Type: FUNCTION; Schema: private; Owner: postgres
--

CREATE FUNCTION private.withdraw_from_mission(assignment_id uuid, reason text DEFAULT NULL::text) RETURNS public.mission_assignments
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  a public.mission_assignments;
  before public.mission_assignments;
  actors text[];
begin
  perform private.require_active_user();
  a := private.lock_assignment(assignment_id);
  actors := private.assignment_actors(a);
  if cardinality(actors) = 0 and a.contributor_id is distinct from private.my_contributor_id() then
    raise exception 'No such assignment.' using errcode = 'PT404';
  end if;
  before := a;
  a := private.move_assignment(a, 'withdraw', actors, reason);
  if before.role = 'lead' and before.status in ('active', 'stepped_up') and a.status = 'withdrawn' then
    perform private.step_up_next_shadow(a.mission_id);
  end if;
  return a;
end
$$;

ALTER FUNCTION private.withdraw_from_mission(assignment_id uuid, reason text) OWNER TO postgres;

--
-- Name: accept_application(uuid, public.assignment_role); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.accept_application(application_id uuid, role public.assignment_role DEFAULT 'lead'::public.assignment_role) RETURNS public.mission_applications
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.accept_application(accept_application.application_id, accept_application.role)
$$;

ALTER FUNCTION public.accept_application(application_id uuid, role public.assignment_role) OWNER TO postgres;

--
-- Name: accept_invitation(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.accept_invitation(assignment_id uuid) RETURNS public.mission_assignments
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.accept_invitation(accept_invitation.assignment_id)
$$;

ALTER FUNCTION public.accept_invitation(assignment_id uuid) OWNER TO postgres;

--
-- Name: admin_analytics(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_analytics(period_start timestamp with time zone DEFAULT NULL::timestamp with time zone, period_end timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS jsonb
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.admin_analytics(admin_analytics.period_start, admin_analytics.period_end)
$$;

ALTER FUNCTION public.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) OWNER TO postgres;

--
-- Name: admin_delete_account(uuid, text, boolean); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_delete_account(user_id uuid, reason text, force boolean DEFAULT false) RETURNS jsonb
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.admin_delete_account(admin_delete_account.user_id, admin_delete_account.reason, admin_delete_account.force)
$$;

ALTER FUNCTION public.admin_delete_account(user_id uuid, reason text, force boolean) OWNER TO postgres;

--
-- Name: admin_feature_mission(uuid, boolean); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_feature_mission(mission_id uuid, featured boolean) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.admin_feature_mission(admin_feature_mission.mission_id, admin_feature_mission.featured)
$$;

ALTER FUNCTION public.admin_feature_mission(mission_id uuid, featured boolean) OWNER TO postgres;

--
-- Name: admin_list_missions(public.mission_status, text, uuid, timestamp with time zone, timestamp with time zone, integer, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_list_missions(status public.mission_status DEFAULT NULL::public.mission_status, search text DEFAULT NULL::text, initiator_id uuid DEFAULT NULL::uuid, created_from timestamp with time zone DEFAULT NULL::timestamp with time zone, created_to timestamp with time zone DEFAULT NULL::timestamp with time zone, page_size integer DEFAULT 50, page_offset integer DEFAULT 0) RETURNS TABLE(id uuid, title text, slug text, status public.mission_status, type public.mission_type, initiator_id uuid, initiator_name text, currency text, budget_min_cents bigint, budget_max_cents bigint, milestones_total_cents bigint, escrow_held_cents bigint, created_at timestamp with time zone, published_at timestamp with time zone, started_at timestamp with time zone, completed_at timestamp with time zone, total_count bigint)
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.admin_list_missions(admin_list_missions.status, admin_list_missions.search, admin_list_missions.initiator_id, admin_list_missions.created_from, admin_list_missions.created_to, admin_list_missions.page_size, admin_list_missions.page_offset)
$$;

ALTER FUNCTION public.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: admin_proof_task_queue(public.proof_task_submission_status, integer, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_proof_task_queue(status public.proof_task_submission_status DEFAULT 'submitted'::public.proof_task_submission_status, page_size integer DEFAULT 50, page_offset integer DEFAULT 0) RETURNS TABLE(submission_id uuid, contributor_id uuid, contributor_name text, task_id uuid, task_title text, category text, difficulty public.proof_task_difficulty, time_limit_minutes integer, answer text, expected_approach text, started_at timestamp with time zone, submitted_at timestamp with time zone, time_taken_seconds integer, is_late boolean, status public.proof_task_submission_status, score numeric, total_count bigint)
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.admin_proof_task_queue(admin_proof_task_queue.status, admin_proof_task_queue.page_size, admin_proof_task_queue.page_offset)
$$;

ALTER FUNCTION public.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: admin_read(text, text, uuid[], integer, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_read(entity text, match_column text DEFAULT NULL::text, ids uuid[] DEFAULT NULL::uuid[], page_size integer DEFAULT 100, page_offset integer DEFAULT 0) RETURNS SETOF jsonb
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.admin_read(admin_read.entity, admin_read.match_column, admin_read.ids, admin_read.page_size, admin_read.page_offset)
$$;

ALTER FUNCTION public.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: admin_reconciliation(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_reconciliation() RETURNS TABLE(run_id uuid, found_at timestamp with time zone, mission_id uuid, kind text, object_id text, detail text)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select * from private.admin_reconciliation()
$$;

ALTER FUNCTION public.admin_reconciliation() OWNER TO postgres;

--
-- Name: admin_search_users(text, public.user_role, public.account_status, public.verification_status, integer, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_search_users(search text DEFAULT NULL::text, role public.user_role DEFAULT NULL::public.user_role, status public.account_status DEFAULT NULL::public.account_status, verification public.verification_status DEFAULT NULL::public.verification_status, page_size integer DEFAULT 50, page_offset integer DEFAULT 0) RETURNS TABLE(id uuid, full_name text, email text, primary_role public.user_role, account_status public.account_status, verification_status public.verification_status, created_at timestamp with time zone, last_login_at timestamp with time zone, banned_until timestamp with time zone, total_count bigint)
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.admin_search_users(admin_search_users.search, admin_search_users.role, admin_search_users.status, admin_search_users.verification, admin_search_users.page_size, admin_search_users.page_offset)
$$;

ALTER FUNCTION public.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) OWNER TO postgres;

--
-- Name: admin_verify_company(uuid, boolean, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.admin_verify_company(initiator_id uuid, verified boolean, note text DEFAULT NULL::text) RETURNS public.initiator_profiles
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.admin_verify_company(admin_verify_company.initiator_id, admin_verify_company.verified,
                                             admin_verify_company.note)
$$;

ALTER FUNCTION public.admin_verify_company(initiator_id uuid, verified boolean, note text) OWNER TO postgres;

--
-- Name: apply_to_mission(uuid, text, integer, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.apply_to_mission(mission_id uuid, cover_letter text DEFAULT NULL::text, proposed_timeline integer DEFAULT NULL::integer, proposed_approach text DEFAULT NULL::text) RETURNS public.mission_applications
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.apply_to_mission(apply_to_mission.mission_id, apply_to_mission.cover_letter, apply_to_mission.proposed_timeline, apply_to_mission.proposed_approach)
$$;

ALTER FUNCTION public.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) OWNER TO postgres;

--
-- Name: approve_milestone(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.approve_milestone(milestone_id uuid) RETURNS public.milestones
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.approve_milestone(approve_milestone.milestone_id)
$$;

ALTER FUNCTION public.approve_milestone(milestone_id uuid) OWNER TO postgres;

--
-- Name: archive_notification(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.archive_notification(notification_id uuid) RETURNS public.notifications
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.archive_notification(archive_notification.notification_id)
$$;

ALTER FUNCTION public.archive_notification(notification_id uuid) OWNER TO postgres;

--
-- Name: assign_contributor(uuid, uuid, public.assignment_role); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) RETURNS public.mission_assignments
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.assign_contributor(assign_contributor.mission_id, assign_contributor.contributor_id, assign_contributor.role)
$$;

ALTER FUNCTION public.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) OWNER TO postgres;

--
-- Name: ban_user(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.ban_user(user_id uuid, reason text) RETURNS public.profiles
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.ban_user(ban_user.user_id, ban_user.reason)
$$;

ALTER FUNCTION public.ban_user(user_id uuid, reason text) OWNER TO postgres;

--
-- Name: cancel_mission(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.cancel_mission(mission_id uuid, reason text DEFAULT NULL::text) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.cancel_mission(cancel_mission.mission_id, cancel_mission.reason)
$$;

ALTER FUNCTION public.cancel_mission(mission_id uuid, reason text) OWNER TO postgres;

--
-- Name: check_request(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.check_request() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform private.check_request();
end
$$;

ALTER FUNCTION public.check_request() OWNER TO postgres;

--
-- Name: choose_primary_role(public.user_role); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.choose_primary_role(role public.user_role) RETURNS public.profiles
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.choose_primary_role(choose_primary_role.role)
$$;

ALTER FUNCTION public.choose_primary_role(role public.user_role) OWNER TO postgres;

--
-- Name: consent_to_background_check(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.consent_to_background_check() RETURNS TABLE(background_check_status public.background_check_status, background_check_consented_at timestamp with time zone)
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.consent_to_background_check()
$$;

ALTER FUNCTION public.consent_to_background_check() OWNER TO postgres;

--
-- Name: conversation_messages(uuid, timestamp with time zone, uuid, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.conversation_messages(conversation_id uuid, before_created_at timestamp with time zone DEFAULT NULL::timestamp with time zone, before_id uuid DEFAULT NULL::uuid, page_size integer DEFAULT 50) RETURNS SETOF public.messages
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select m.* from public.messages m
  where m.conversation_id = conversation_messages.conversation_id
    and (before_created_at is null or (m.created_at, m.id) < (before_created_at, coalesce(before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)))
  order by m.created_at desc, m.id desc
  limit least(greatest(page_size, 1), 200)
$$;

ALTER FUNCTION public.conversation_messages(conversation_id uuid, before_created_at timestamp with time zone, before_id uuid, page_size integer) OWNER TO postgres;

--
-- Name: create_mission(text, text, public.mission_type, bigint, bigint, integer, jsonb, jsonb, public.mission_complexity, text, text, text, timestamp with time zone, integer, integer, boolean, boolean); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb DEFAULT '[]'::jsonb, complexity public.mission_complexity DEFAULT 'medium'::public.mission_complexity, currency text DEFAULT 'USD'::text, problem_statement text DEFAULT NULL::text, success_criteria text DEFAULT NULL::text, deadline timestamp with time zone DEFAULT NULL::timestamp with time zone, max_lead_contributors integer DEFAULT 1, max_shadow_contributors integer DEFAULT 1, requires_core_reviewer boolean DEFAULT true, is_public boolean DEFAULT true) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.create_mission(create_mission.title, create_mission.description, create_mission.type, create_mission.budget_min_cents, create_mission.budget_max_cents, create_mission.estimated_duration_days, create_mission.milestones, create_mission.required_skills, create_mission.complexity, create_mission.currency, create_mission.problem_statement, create_mission.success_criteria, create_mission.deadline, create_mission.max_lead_contributors, create_mission.max_shadow_contributors, create_mission.requires_core_reviewer, create_mission.is_public)
$$;

ALTER FUNCTION public.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) OWNER TO postgres;

--
-- Name: custom_access_token_hook(jsonb); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.custom_access_token_hook(event jsonb) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  profile record;
  claims jsonb := coalesce(event -> 'claims', '{}'::jsonb);
begin
  select p.primary_role, p.account_status into profile
  from public.profiles p
  where p.id = (event ->> 'user_id')::uuid;

  if found and profile.account_status in ('suspended', 'banned') then
    return jsonb_build_object('error', jsonb_build_object(
      'http_code', 403,
      'message', format('This account is %s. Contact support if you think this is a mistake.', profile.account_status)));
  end if;

  if found then
    claims := claims || jsonb_build_object('user_role', profile.primary_role, 'account_status', profile.account_status);
  end if;
  return jsonb_set(event, '{claims}', claims);
end
$$;

ALTER FUNCTION public.custom_access_token_hook(event jsonb) OWNER TO postgres;

--
-- Name: FUNCTION custom_access_token_hook(event jsonb); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON FUNCTION public.custom_access_token_hook(event jsonb) IS 'Supabase Auth hook: adds user_role to access tokens and refuses suspended or banned accounts. Executable by supabase_auth_admin only.';

--
-- Name: decline_invitation(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.decline_invitation(assignment_id uuid) RETURNS public.mission_assignments
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.decline_invitation(decline_invitation.assignment_id)
$$;

ALTER FUNCTION public.decline_invitation(assignment_id uuid) OWNER TO postgres;

--
-- Name: delete_message(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.delete_message(message_id uuid) RETURNS public.messages
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.delete_message(delete_message.message_id)
$$;

ALTER FUNCTION public.delete_message(message_id uuid) OWNER TO postgres;

--
-- Name: delete_my_account(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.delete_my_account() RETURNS jsonb
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.delete_my_account()
$$;

ALTER FUNCTION public.delete_my_account() OWNER TO postgres;

--
-- Name: delete_notification(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.delete_notification(notification_id uuid) RETURNS void
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.delete_notification(delete_notification.notification_id)
$$;

ALTER FUNCTION public.delete_notification(notification_id uuid) OWNER TO postgres;

--
-- Name: edit_message(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.edit_message(message_id uuid, content text) RETURNS public.messages
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.edit_message(edit_message.message_id, edit_message.content)
$$;

ALTER FUNCTION public.edit_message(message_id uuid, content text) OWNER TO postgres;

--
-- Name: export_my_data(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.export_my_data() RETURNS jsonb
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.export_my_data()
$$;

ALTER FUNCTION public.export_my_data() OWNER TO postgres;

--
-- Name: get_current_proof_task(text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.get_current_proof_task(category text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.get_current_proof_task(get_current_proof_task.category)
$$;

ALTER FUNCTION public.get_current_proof_task(category text) OWNER TO postgres;

--
-- Name: grade_proof_task(uuid, numeric, text, boolean); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.grade_proof_task(submission_id uuid, score numeric, feedback text DEFAULT NULL::text, passed boolean DEFAULT NULL::boolean) RETURNS public.proof_task_submissions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.grade_proof_task(grade_proof_task.submission_id, grade_proof_task.score, grade_proof_task.feedback, grade_proof_task.passed)
$$;

ALTER FUNCTION public.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) OWNER TO postgres;

--
-- Name: invite_contributor(uuid, uuid, public.assignment_role); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) RETURNS public.mission_assignments
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.invite_contributor(invite_contributor.mission_id, invite_contributor.contributor_id, invite_contributor.role)
$$;

ALTER FUNCTION public.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) OWNER TO postgres;

--
-- Name: list_my_sessions(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.list_my_sessions() RETURNS TABLE(id uuid, user_agent text, ip inet, created_at timestamp with time zone, last_used_at timestamp with time zone, expires_at timestamp with time zone, aal text, is_current boolean)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select * from private.list_my_sessions()
$$;

ALTER FUNCTION public.list_my_sessions() OWNER TO postgres;

--
-- Name: mark_all_notifications_read(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.mark_all_notifications_read() RETURNS integer
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.mark_all_notifications_read()
$$;

ALTER FUNCTION public.mark_all_notifications_read() OWNER TO postgres;

--
-- Name: mark_conversation_read(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.mark_conversation_read(conversation_id uuid) RETURNS timestamp with time zone
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.mark_conversation_read(mark_conversation_read.conversation_id)
$$;

ALTER FUNCTION public.mark_conversation_read(conversation_id uuid) OWNER TO postgres;

--
-- Name: mark_notification_read(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.mark_notification_read(notification_id uuid) RETURNS public.notifications
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.mark_notification_read(mark_notification_read.notification_id)
$$;

ALTER FUNCTION public.mark_notification_read(notification_id uuid) OWNER TO postgres;

--
-- Name: match_candidates(uuid, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.match_candidates(mission_id uuid, max_results integer DEFAULT 10) RETURNS TABLE(rank integer, contributor_id uuid, user_id uuid, full_name text, total numeric, skill_match numeric, trust numeric, availability numeric, experience numeric, historical_fit numeric, explanation jsonb)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select * from private.match_candidates(match_candidates.mission_id, match_candidates.max_results)
$$;

ALTER FUNCTION public.match_candidates(mission_id uuid, max_results integer) OWNER TO postgres;

--
-- Name: FUNCTION match_candidates(mission_id uuid, max_results integer); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON FUNCTION public.match_candidates(mission_id uuid, max_results integer) IS 'The best candidates for a mission with their score breakdown (skill match 0-40, trust 0-25, availability 0-15, experience 0-10, historical fit 0-10). The mission''s initiator and admins only.';

--
-- Name: mission_dispute(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.mission_dispute(mission_id uuid) RETURNS TABLE(disputed_at timestamp with time zone, dispute_reason text)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select * from private.mission_dispute(mission_dispute.mission_id)
$$;

ALTER FUNCTION public.mission_dispute(mission_id uuid) OWNER TO postgres;

--
-- Name: FUNCTION mission_dispute(mission_id uuid); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON FUNCTION public.mission_dispute(mission_id uuid) IS 'When and why a mission was disputed: its initiator, its team and admins only (PT404 otherwise).';

--
-- Name: mission_escrow_position(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.mission_escrow_position(mission_id uuid) RETURNS TABLE(mission_id uuid, currency text, funded_cents bigint, held_cents bigint, released_cents bigint, fees_cents bigint, refunded_cents bigint, disputed_cents bigint, pending_cents bigint)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select m.id, m.currency::text,
    coalesce(sum(e.amount_cents) filter (where e.type = 'deposit' and e.status = 'completed'), 0)::bigint,
    coalesce(sum(case
      when e.type in ('deposit', 'dispute_release') and e.status = 'completed' then e.amount_cents
      when e.type in ('release', 'platform_fee', 'refund', 'dispute_hold') and e.status <> 'failed' then -e.amount_cents
      else 0 end), 0)::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type = 'release' and e.status = 'completed'), 0)::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type = 'platform_fee' and e.status = 'completed'), 0)::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type = 'refund' and e.status = 'completed'), 0)::bigint,
    (coalesce(sum(e.amount_cents) filter (where e.type = 'dispute_hold' and e.status <> 'failed'), 0)
      - coalesce(sum(e.amount_cents) filter (where e.type = 'dispute_release' and e.status = 'completed'), 0))::bigint,
    coalesce(sum(e.amount_cents) filter (where e.type in ('release', 'refund') and e.status in ('pending', 'processing')), 0)::bigint
  from public.missions m
  left join public.escrow_transactions e on e.mission_id = m.id
  where m.id = mission_escrow_position.mission_id
  group by m.id, m.currency
$$;

ALTER FUNCTION public.mission_escrow_position(mission_id uuid) OWNER TO postgres;

--
-- Name: my_account(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.my_account() RETURNS TABLE(id uuid, last_login_at timestamp with time zone, email_opt_outs text[])
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select * from private.my_account()
$$;

ALTER FUNCTION public.my_account() OWNER TO postgres;

--
-- Name: FUNCTION my_account(); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON FUNCTION public.my_account() IS 'The caller''s own private profile columns: last sign-in and email opt-outs.';

--
-- Name: my_conversations(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.my_conversations() RETURNS TABLE(id uuid, type public.conversation_type, mission_id uuid, updated_at timestamp with time zone, unread_count integer, last_message_at timestamp with time zone, last_message text, participant_ids uuid[])
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select c.id, c.type, c.mission_id, c.updated_at,
         (select count(*)::integer from public.messages m
          where m.conversation_id = c.id and m.sender_id <> (select private.uid()) and not m.is_deleted
            and (me.last_read_at is null or m.created_at > me.last_read_at)),
         last.created_at, last.content,
         array(select p.user_id from public.conversation_participants p where p.conversation_id = c.id order by p.joined_at)
  from public.conversations c
  join public.conversation_participants me on me.conversation_id = c.id and me.user_id = (select private.uid())
  left join lateral (select m.created_at, m.content from public.messages m where m.conversation_id = c.id
                     order by m.created_at desc, m.id desc limit 1) last on true
  order by c.updated_at desc, c.id
$$;

ALTER FUNCTION public.my_conversations() OWNER TO postgres;

--
-- Name: open_dispute(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.open_dispute(mission_id uuid, reason text) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.open_dispute(open_dispute.mission_id, open_dispute.reason)
$$;

ALTER FUNCTION public.open_dispute(mission_id uuid, reason text) OWNER TO postgres;

--
-- Name: open_support_conversation(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.open_support_conversation() RETURNS public.conversations
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.open_support_conversation()
$$;

ALTER FUNCTION public.open_support_conversation() OWNER TO postgres;

--
-- Name: publish_mission(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.publish_mission(mission_id uuid) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.publish_mission(publish_mission.mission_id)
$$;

ALTER FUNCTION public.publish_mission(mission_id uuid) OWNER TO postgres;

--
-- Name: recommend_team(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.recommend_team(mission_id uuid) RETURNS TABLE(role public.assignment_role, slot integer, contributor_id uuid, user_id uuid, full_name text, role_score numeric, total numeric, skill_match numeric, trust numeric, availability numeric, experience numeric, historical_fit numeric, candidate_rank integer)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select * from private.recommend_team(recommend_team.mission_id)
$$;

ALTER FUNCTION public.recommend_team(mission_id uuid) OWNER TO postgres;

--
-- Name: FUNCTION recommend_team(mission_id uuid); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON FUNCTION public.recommend_team(mission_id uuid) IS 'A recommended team (leads, shadows, core reviewer) for the mission''s open places, nobody twice. The mission''s initiator and admins only.';

--
-- Name: record_background_check(uuid, public.background_check_status, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.record_background_check(contributor_id uuid, result public.background_check_status, note text DEFAULT NULL::text) RETURNS TABLE(background_check_status public.background_check_status, background_check_date timestamp with time zone)
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.record_background_check(record_background_check.contributor_id, record_background_check.result,
                                                 record_background_check.note)
$$;

ALTER FUNCTION public.record_background_check(contributor_id uuid, result public.background_check_status, note text) OWNER TO postgres;

--
-- Name: reinstate_user(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.reinstate_user(user_id uuid, reason text DEFAULT NULL::text) RETURNS public.profiles
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.reinstate_user(reinstate_user.user_id, reinstate_user.reason)
$$;

ALTER FUNCTION public.reinstate_user(user_id uuid, reason text) OWNER TO postgres;

--
-- Name: reject_application(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.reject_application(application_id uuid) RETURNS public.mission_applications
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.reject_application(reject_application.application_id)
$$;

ALTER FUNCTION public.reject_application(application_id uuid) OWNER TO postgres;

--
-- Name: remove_from_mission(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.remove_from_mission(assignment_id uuid, reason text DEFAULT NULL::text) RETURNS public.mission_assignments
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.remove_from_mission(remove_from_mission.assignment_id, remove_from_mission.reason)
$$;

ALTER FUNCTION public.remove_from_mission(assignment_id uuid, reason text) OWNER TO postgres;

--
-- Name: request_revision(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.request_revision(milestone_id uuid, feedback text) RETURNS public.milestones
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.request_revision(request_revision.milestone_id, request_revision.feedback)
$$;

ALTER FUNCTION public.request_revision(milestone_id uuid, feedback text) OWNER TO postgres;

--
-- Name: resolve_dispute(uuid, text, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.resolve_dispute(mission_id uuid, outcome text, note text DEFAULT NULL::text) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.resolve_dispute(resolve_dispute.mission_id, resolve_dispute.outcome, resolve_dispute.note)
$$;

ALTER FUNCTION public.resolve_dispute(mission_id uuid, outcome text, note text) OWNER TO postgres;

--
-- Name: revoke_my_session(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.revoke_my_session(session_id uuid) RETURNS void
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.revoke_my_session(revoke_my_session.session_id)
$$;

ALTER FUNCTION public.revoke_my_session(session_id uuid) OWNER TO postgres;

--
-- Name: send_message(uuid, text, jsonb); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.send_message(conversation_id uuid, content text, attachments jsonb DEFAULT '[]'::jsonb) RETURNS public.messages
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.send_message(send_message.conversation_id, send_message.content, send_message.attachments)
$$;

ALTER FUNCTION public.send_message(conversation_id uuid, content text, attachments jsonb) OWNER TO postgres;

--
-- Name: set_payout_shares(uuid, integer, integer, integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.set_payout_shares(set_payout_shares.mission_id, set_payout_shares.lead_bps, set_payout_shares.shadow_bps,
                                          set_payout_shares.core_reviewer_bps)
$$;

ALTER FUNCTION public.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) OWNER TO postgres;

--
-- Name: set_user_role(uuid, public.user_role); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.set_user_role(user_id uuid, role public.user_role) RETURNS public.profiles
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.set_user_role(set_user_role.user_id, set_user_role.role)
$$;

ALTER FUNCTION public.set_user_role(user_id uuid, role public.user_role) OWNER TO postgres;

--
-- Name: shortlist_application(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.shortlist_application(application_id uuid) RETURNS public.mission_applications
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.shortlist_application(shortlist_application.application_id)
$$;

ALTER FUNCTION public.shortlist_application(application_id uuid) OWNER TO postgres;

--
-- Name: skill_categories(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.skill_categories() RETURNS TABLE(category public.skill_category, skill_count bigint)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select c.category, count(s.id)
  from unnest(enum_range(null::public.skill_category)) as c(category)
  left join public.skills s on s.category = c.category and s.is_active
  group by c.category
  order by c.category
$$;

ALTER FUNCTION public.skill_categories() OWNER TO postgres;

--
-- Name: start_direct_conversation(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.start_direct_conversation(other_user_id uuid) RETURNS public.conversations
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.start_direct_conversation(start_direct_conversation.other_user_id)
$$;

ALTER FUNCTION public.start_direct_conversation(other_user_id uuid) OWNER TO postgres;

--
-- Name: start_matching(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.start_matching(mission_id uuid) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.start_matching(start_matching.mission_id)
$$;

ALTER FUNCTION public.start_matching(mission_id uuid) OWNER TO postgres;

--
-- Name: start_milestone(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.start_milestone(milestone_id uuid) RETURNS public.milestones
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.start_milestone(start_milestone.milestone_id)
$$;

ALTER FUNCTION public.start_milestone(milestone_id uuid) OWNER TO postgres;

--
-- Name: start_proof_task(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.start_proof_task(task_id uuid) RETURNS jsonb
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select private.start_proof_task(start_proof_task.task_id)
$$;

ALTER FUNCTION public.start_proof_task(task_id uuid) OWNER TO postgres;

--
-- Name: start_work(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.start_work(mission_id uuid) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.start_work(start_work.mission_id)
$$;

ALTER FUNCTION public.start_work(mission_id uuid) OWNER TO postgres;

--
-- Name: step_up_shadow(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.step_up_shadow(assignment_id uuid) RETURNS public.mission_assignments
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.step_up_shadow(step_up_shadow.assignment_id)
$$;

ALTER FUNCTION public.step_up_shadow(assignment_id uuid) OWNER TO postgres;

--
-- Name: submit_milestone(uuid, text, text[], text[]); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.submit_milestone(milestone_id uuid, content text, links text[] DEFAULT '{}'::text[], storage_paths text[] DEFAULT '{}'::text[]) RETURNS public.work_submissions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.submit_milestone(submit_milestone.milestone_id, submit_milestone.content, submit_milestone.links, submit_milestone.storage_paths)
$$;

ALTER FUNCTION public.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) OWNER TO postgres;

--
-- Name: submit_proof_task(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.submit_proof_task(task_id uuid, answer text) RETURNS public.proof_task_submissions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.submit_proof_task(submit_proof_task.task_id, submit_proof_task.answer)
$$;

ALTER FUNCTION public.submit_proof_task(task_id uuid, answer text) OWNER TO postgres;

--
-- Name: submit_review(uuid, integer, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.submit_review(assignment_id uuid, rating integer, comment text DEFAULT NULL::text) RETURNS public.reviews
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.submit_review(submit_review.assignment_id, submit_review.rating, submit_review.comment)
$$;

ALTER FUNCTION public.submit_review(assignment_id uuid, rating integer, comment text) OWNER TO postgres;

--
-- Name: suspend_user(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.suspend_user(user_id uuid, reason text) RETURNS public.profiles
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.suspend_user(suspend_user.user_id, suspend_user.reason)
$$;

ALTER FUNCTION public.suspend_user(user_id uuid, reason text) OWNER TO postgres;

--
-- Name: unread_notification_count(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.unread_notification_count() RETURNS integer
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select count(*)::integer from public.notifications
  where user_id = (select private.uid()) and not is_read and not is_archived and (expires_at is null or expires_at > now())
$$;

ALTER FUNCTION public.unread_notification_count() OWNER TO postgres;

--
-- Name: update_mission_plan(uuid, jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.update_mission_plan(mission_id uuid, milestones jsonb DEFAULT NULL::jsonb, required_skills jsonb DEFAULT NULL::jsonb) RETURNS public.missions
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.update_mission_plan(update_mission_plan.mission_id, update_mission_plan.milestones, update_mission_plan.required_skills)
$$;

ALTER FUNCTION public.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) OWNER TO postgres;

--
-- Name: withdraw_application(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.withdraw_application(application_id uuid) RETURNS public.mission_applications
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.withdraw_application(withdraw_application.application_id)
$$;

ALTER FUNCTION public.withdraw_application(application_id uuid) OWNER TO postgres;

--
-- Name: withdraw_from_mission(uuid, text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.withdraw_from_mission(assignment_id uuid, reason text DEFAULT NULL::text) RETURNS public.mission_assignments
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  select * from private.withdraw_from_mission(withdraw_from_mission.assignment_id, withdraw_from_mission.reason)
$$;

ALTER FUNCTION public.withdraw_from_mission(assignment_id uuid, reason text) OWNER TO postgres;

--
-- Name: account_deletions; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.account_deletions (
    user_id uuid NOT NULL,
    deleted_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_by uuid,
    reason text,
    CONSTRAINT account_deletions_reason_check CHECK ((length(reason) <= 2000))
);

ALTER TABLE private.account_deletions OWNER TO postgres;

--
-- Name: TABLE account_deletions; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.account_deletions IS 'Accounts anonymized by delete_my_account() / admin_delete_account(). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: background_check_events; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.background_check_events (
    id text NOT NULL,
    contributor_id uuid NOT NULL,
    result public.background_check_status NOT NULL,
    report_id text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT background_check_events_id_check CHECK (((length(id) >= 6) AND (length(id) <= 100))),
    CONSTRAINT background_check_events_report_id_check CHECK ((length(report_id) <= 200)),
    CONSTRAINT background_check_events_result_check CHECK ((result = ANY (ARRAY['passed'::public.background_check_status, 'failed'::public.background_check_status])))
);

ALTER TABLE private.background_check_events OWNER TO postgres;

--
-- Name: TABLE background_check_events; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.background_check_events IS 'Background-check results the provider reported, once each. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: domain_events; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.domain_events (
    id bigint NOT NULL,
    event text NOT NULL,
    mission_id uuid,
    entity_type text NOT NULL,
    entity_id uuid,
    actor_id uuid,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE private.domain_events OWNER TO postgres;

--
-- Name: TABLE domain_events; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.domain_events IS 'Domain events: raised by private.emit(), turned into notifications, realtime, emails and jobs by their triggers. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: domain_events_id_seq; Type: SEQUENCE; Schema: private; Owner: postgres
--

ALTER TABLE private.domain_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.domain_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: jobs_id_seq; Type: SEQUENCE; Schema: private; Owner: postgres
--

ALTER TABLE private.jobs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: lifecycle_timer_failures; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.lifecycle_timer_failures (
    timer text NOT NULL,
    entity_id uuid NOT NULL,
    attempts integer DEFAULT 1 NOT NULL,
    last_error text NOT NULL,
    last_sqlstate text,
    first_failed_at timestamp with time zone DEFAULT now() NOT NULL,
    last_failed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lifecycle_timer_failures_attempts_check CHECK ((attempts >= 1)),
    CONSTRAINT lifecycle_timer_failures_timer_check CHECK ((timer = ANY (ARRAY['expire_invitation'::text, 'expire_mission'::text, 'auto_approve'::text])))
);

ALTER TABLE private.lifecycle_timer_failures OWNER TO postgres;

--
-- Name: TABLE lifecycle_timer_failures; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.lifecycle_timer_failures IS 'Rows the lifecycle timers failed to move, with the error, retried with backoff. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: match_contributors; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.match_contributors (
    contributor_id uuid NOT NULL,
    user_id uuid NOT NULL,
    trust_score smallint NOT NULL,
    match_power smallint NOT NULL,
    free_hours smallint NOT NULL,
    years_experience smallint NOT NULL,
    missions_completed integer NOT NULL,
    completion_rate numeric(5,2) NOT NULL,
    average_rating numeric(3,2) NOT NULL,
    proof_score numeric(5,2),
    completed_by_type jsonb NOT NULL,
    type_levels integer NOT NULL,
    top_count smallint NOT NULL,
    popular_mask bigint NOT NULL,
    skill_mask bigint NOT NULL,
    trust_cp smallint NOT NULL,
    availability_cp smallint NOT NULL,
    track_record_cp smallint NOT NULL,
    static_easy_cp smallint NOT NULL,
    static_medium_cp smallint NOT NULL,
    static_hard_cp smallint NOT NULL,
    static_expert_cp smallint NOT NULL,
    static_upper_cp smallint NOT NULL
);

ALTER TABLE private.match_contributors OWNER TO postgres;

--
-- Name: TABLE match_contributors; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.match_contributors IS 'Matching pool: eligible contributors (verified, active, looking, with capacity) and their score inputs. Derived; maintained by triggers. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: match_popular_skills; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.match_popular_skills (
    skill_id uuid NOT NULL,
    "bit" smallint NOT NULL,
    CONSTRAINT match_popular_skills_bit_check CHECK ((("bit" >= 0) AND ("bit" <= 63)))
);

ALTER TABLE private.match_popular_skills OWNER TO postgres;

--
-- Name: TABLE match_popular_skills; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.match_popular_skills IS 'Matching pool: the most widely held skills, chosen by private.rebuild_matching(). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: match_skill_numbers; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.match_skill_numbers (
    skill_no integer NOT NULL,
    skill_id uuid NOT NULL
);

ALTER TABLE private.match_skill_numbers OWNER TO postgres;

--
-- Name: TABLE match_skill_numbers; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.match_skill_numbers IS 'Matching pool: each skill''s number in private.match_skills. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: match_skill_numbers_skill_no_seq; Type: SEQUENCE; Schema: private; Owner: postgres
--

ALTER TABLE private.match_skill_numbers ALTER COLUMN skill_no ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.match_skill_numbers_skill_no_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: match_skills; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.match_skills (
    contributor_id uuid NOT NULL,
    skill_no integer NOT NULL,
    credit smallint NOT NULL,
    top_count smallint NOT NULL,
    popular_mask bigint NOT NULL,
    skill_mask bigint NOT NULL,
    static_upper_cp smallint NOT NULL,
    static_easy_cp smallint NOT NULL,
    static_medium_cp smallint NOT NULL,
    static_hard_cp smallint NOT NULL,
    static_expert_cp smallint NOT NULL,
    type_levels integer NOT NULL
);

ALTER TABLE private.match_skills OWNER TO postgres;

--
-- Name: TABLE match_skills; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.match_skills IS 'Matching pool: one row per eligible contributor and skill, with the contributor''s static score parts. Derived; maintained by triggers. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: mission_charges; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.mission_charges (
    payment_intent_id text NOT NULL,
    mission_id uuid NOT NULL,
    charge_id text,
    amount_cents bigint NOT NULL,
    currency text NOT NULL,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT mission_charges_amount_cents_check CHECK ((amount_cents > 0))
);

ALTER TABLE private.mission_charges OWNER TO postgres;

--
-- Name: TABLE mission_charges; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.mission_charges IS 'Charges funding a mission, as Stripe reported them (the source_transaction of its transfers). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: primary_role_switches; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.primary_role_switches (
    user_id uuid NOT NULL,
    from_role public.user_role NOT NULL,
    to_role public.user_role NOT NULL,
    switched_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE private.primary_role_switches OWNER TO postgres;

--
-- Name: TABLE primary_role_switches; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.primary_role_switches IS 'The one primary-role switch a user may make (choose_primary_role). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions do.';

--
-- Name: proof_task_attempts; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.proof_task_attempts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    contributor_id uuid,
    task_id uuid NOT NULL,
    assigned_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    due_at timestamp with time zone,
    submitted_at timestamp with time zone,
    submission_id uuid,
    CONSTRAINT proof_task_attempts_order CHECK (((submitted_at IS NULL) OR (started_at IS NOT NULL))),
    CONSTRAINT proof_task_attempts_timer CHECK ((((started_at IS NULL) = (due_at IS NULL)) AND ((due_at IS NULL) OR (due_at > started_at))))
);

ALTER TABLE private.proof_task_attempts OWNER TO postgres;

--
-- Name: TABLE proof_task_attempts; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.proof_task_attempts IS 'Proof tasks given to contributors and their timers. Written by the proof task RPCs only. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: rate_limit_counters; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.rate_limit_counters (
    key text NOT NULL,
    window_start timestamp with time zone NOT NULL,
    hits integer DEFAULT 0 NOT NULL
);

ALTER TABLE private.rate_limit_counters OWNER TO postgres;

--
-- Name: TABLE rate_limit_counters; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.rate_limit_counters IS 'Fixed-window rate limit counters, keyed by what is limited. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: reconciliation_findings; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.reconciliation_findings (
    id bigint NOT NULL,
    run_id uuid NOT NULL,
    found_at timestamp with time zone DEFAULT now() NOT NULL,
    mission_id uuid,
    kind text NOT NULL,
    object_id text,
    detail text NOT NULL,
    CONSTRAINT reconciliation_findings_detail_check CHECK ((length(detail) <= 2000)),
    CONSTRAINT reconciliation_findings_kind_check CHECK ((kind ~ '^[a-z_]{1,60}$'::text))
);

ALTER TABLE private.reconciliation_findings OWNER TO postgres;

--
-- Name: TABLE reconciliation_findings; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.reconciliation_findings IS 'Differences between the escrow ledger and the Stripe objects it names, one row per difference and reconciliation run. RLS on with no policy on purpose: admins read it through public.admin_reconciliation(); the reconciliation job (service role) writes it through private.record_reconciliation.';

--
-- Name: reconciliation_findings_id_seq; Type: SEQUENCE; Schema: private; Owner: postgres
--

ALTER TABLE private.reconciliation_findings ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.reconciliation_findings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: settings; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.settings (
    key text NOT NULL,
    value jsonb NOT NULL,
    description text NOT NULL
);

ALTER TABLE private.settings OWNER TO postgres;

--
-- Name: TABLE settings; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.settings IS 'Platform settings (fees, timers, limits), read through private.setting_int() / setting_text(). RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: stray_charges; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.stray_charges (
    payment_intent_id text NOT NULL,
    charge_id text,
    amount_cents bigint NOT NULL,
    currency text NOT NULL,
    claimed_mission_id uuid,
    reason text NOT NULL,
    refunded_cents bigint DEFAULT 0 NOT NULL,
    refund_id text,
    refunded_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT stray_charges_amount_cents_check CHECK ((amount_cents > 0)),
    CONSTRAINT stray_charges_reason_check CHECK ((length(reason) <= 500)),
    CONSTRAINT stray_charges_refunded_cents_check CHECK ((refunded_cents >= 0))
);

ALTER TABLE private.stray_charges OWNER TO postgres;

--
-- Name: TABLE stray_charges; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.stray_charges IS 'Charges that fund no escrow (wrong currency, another mission''s PaymentIntent), refunded in full. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: stripe_events; Type: TABLE; Schema: private; Owner: postgres
--

CREATE TABLE private.stripe_events (
    id text NOT NULL,
    type text NOT NULL,
    livemode boolean DEFAULT false NOT NULL,
    account text,
    object_id text,
    created_at timestamp with time zone NOT NULL,
    payload jsonb NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    processed_at timestamp with time zone,
    processing_until timestamp with time zone,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    dead_lettered_at timestamp with time zone,
    dead_letter_reason text,
    CONSTRAINT stripe_events_id_check CHECK ((id ~ '^evt_'::text))
);

ALTER TABLE private.stripe_events OWNER TO postgres;

--
-- Name: TABLE stripe_events; Type: COMMENT; Schema: private; Owner: postgres
--

COMMENT ON TABLE private.stripe_events IS 'Every Stripe event, journaled once by its id and processed idempotently. RLS on with no policy on purpose: no API role reads or writes it directly; only the owner''s SECURITY DEFINER functions (and the service role, which bypasses RLS) do.';

--
-- Name: audit_logs; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.audit_logs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid,
    ip_address inet,
    user_agent text,
    action character varying(100) NOT NULL,
    entity_type character varying(50) NOT NULL,
    entity_id uuid,
    old_values jsonb,
    new_values jsonb,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT audit_logs_action_check CHECK ((length((action)::text) >= 1)),
    CONSTRAINT audit_logs_entity_type_check CHECK ((length((entity_type)::text) >= 1)),
    CONSTRAINT audit_logs_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text))
);

ALTER TABLE public.audit_logs OWNER TO postgres;

--
-- Name: TABLE audit_logs; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.audit_logs IS 'Append-only audit trail. Admins read it.';

--
-- Name: contributor_private_details; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.contributor_private_details (
    contributor_id uuid NOT NULL,
    availability_hours_per_week integer DEFAULT 20 NOT NULL,
    total_earnings_cents bigint DEFAULT 0 NOT NULL,
    earnings_currency public.currency_code DEFAULT 'USD'::bpchar NOT NULL,
    background_check_status public.background_check_status DEFAULT 'not_started'::public.background_check_status NOT NULL,
    background_check_date timestamp with time zone,
    background_check_consented_at timestamp with time zone,
    stripe_account_id character varying(255),
    stripe_charges_enabled boolean DEFAULT false NOT NULL,
    stripe_payouts_enabled boolean DEFAULT false NOT NULL,
    stripe_details_submitted boolean DEFAULT false NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    stripe_account_country character(2),
    stripe_account_synced_at timestamp with time zone,
    CONSTRAINT contributor_private_details_availability_hours_per_week_check CHECK (((availability_hours_per_week >= 0) AND (availability_hours_per_week <= 168))),
    CONSTRAINT contributor_private_details_total_earnings_cents_check CHECK ((total_earnings_cents >= 0))
);

ALTER TABLE public.contributor_private_details OWNER TO postgres;

--
-- Name: TABLE contributor_private_details; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.contributor_private_details IS 'A contributor''s private details: availability, earnings, background check, Stripe account. Owner and admins only.';

--
-- Name: contributor_profiles; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.contributor_profiles (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    verification_status public.verification_status DEFAULT 'pending'::public.verification_status NOT NULL,
    verification_date timestamp with time zone,
    is_looking_for_work boolean DEFAULT false NOT NULL,
    timezone character varying(50),
    headline character varying(255),
    bio text,
    github_url public.http_url,
    linkedin_url public.http_url,
    portfolio_url public.http_url,
    years_experience integer DEFAULT 0 NOT NULL,
    trust_score integer DEFAULT 0 NOT NULL,
    match_power integer DEFAULT 0 NOT NULL,
    completion_rate numeric(5,2) DEFAULT 0 NOT NULL,
    total_missions_completed integer DEFAULT 0 NOT NULL,
    shadow_assignments integer DEFAULT 0 NOT NULL,
    average_rating numeric(3,2) DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT contributor_profiles_average_rating_check CHECK (((average_rating >= (0)::numeric) AND (average_rating <= (5)::numeric))),
    CONSTRAINT contributor_profiles_bio_check CHECK ((length(bio) <= 10000)),
    CONSTRAINT contributor_profiles_completion_rate_check CHECK (((completion_rate >= (0)::numeric) AND (completion_rate <= (100)::numeric))),
    CONSTRAINT contributor_profiles_match_power_check CHECK (((match_power >= 0) AND (match_power <= 100))),
    CONSTRAINT contributor_profiles_shadow_assignments_check CHECK ((shadow_assignments >= 0)),
    CONSTRAINT contributor_profiles_timezone_check CHECK (((timezone)::text ~ '^[A-Za-z0-9_+/-]{1,50}$'::text)),
    CONSTRAINT contributor_profiles_total_missions_completed_check CHECK ((total_missions_completed >= 0)),
    CONSTRAINT contributor_profiles_trust_score_check CHECK (((trust_score >= 0) AND (trust_score <= 100))),
    CONSTRAINT contributor_profiles_years_experience_check CHECK (((years_experience >= 0) AND (years_experience <= 80)))
);

ALTER TABLE public.contributor_profiles OWNER TO postgres;

--
-- Name: TABLE contributor_profiles; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.contributor_profiles IS 'What signed-in users may see of a contributor. Private details are in contributor_private_details.';

--
-- Name: contributor_skills; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.contributor_skills (
    contributor_id uuid NOT NULL,
    skill_id uuid NOT NULL,
    proficiency_level public.proficiency_level DEFAULT 'intermediate'::public.proficiency_level NOT NULL,
    years_experience integer DEFAULT 1 NOT NULL,
    verified boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT contributor_skills_years_experience_check CHECK (((years_experience >= 0) AND (years_experience <= 80)))
);

ALTER TABLE public.contributor_skills OWNER TO postgres;

--
-- Name: TABLE contributor_skills; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.contributor_skills IS 'Skills a contributor claims; verified is set by the platform, never by the contributor.';

--
-- Name: conversation_participants; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.conversation_participants (
    conversation_id uuid NOT NULL,
    user_id uuid NOT NULL,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    last_read_at timestamp with time zone
);

ALTER TABLE public.conversation_participants OWNER TO postgres;

--
-- Name: initiator_private_details; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.initiator_private_details (
    initiator_id uuid NOT NULL,
    total_spent_cents bigint DEFAULT 0 NOT NULL,
    spent_currency public.currency_code DEFAULT 'USD'::bpchar NOT NULL,
    stripe_customer_id character varying(255),
    default_payment_method_id character varying(255),
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT initiator_private_details_total_spent_cents_check CHECK ((total_spent_cents >= 0))
);

ALTER TABLE public.initiator_private_details OWNER TO postgres;

--
-- Name: TABLE initiator_private_details; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.initiator_private_details IS 'An initiator''s private details: spend and Stripe customer. Owner and admins only.';

--
-- Name: lifecycle_transitions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.lifecycle_transitions (
    machine text NOT NULL,
    action text NOT NULL,
    from_state text NOT NULL,
    to_state text NOT NULL,
    actor text NOT NULL,
    CONSTRAINT lifecycle_transitions_actor_check CHECK ((actor = ANY (ARRAY['initiator'::text, 'lead'::text, 'core_reviewer'::text, 'member'::text, 'applicant'::text, 'invitee'::text, 'admin'::text, 'payments'::text, 'timer'::text, 'system'::text]))),
    CONSTRAINT lifecycle_transitions_machine_check CHECK ((machine = ANY (ARRAY['mission'::text, 'milestone'::text, 'application'::text, 'assignment'::text])))
);

ALTER TABLE public.lifecycle_transitions OWNER TO postgres;

--
-- Name: TABLE lifecycle_transitions; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.lifecycle_transitions IS 'The state machines: every allowed change (machine, action, from) -> to, and who may fire it. Read-only data; frontends read it to show which actions exist.';

--
-- Name: milestone_payouts; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.milestone_payouts (
    milestone_id uuid NOT NULL,
    mission_id uuid NOT NULL,
    contributor_id uuid NOT NULL,
    role public.assignment_role NOT NULL,
    share_bps integer NOT NULL,
    payout_cents bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT milestone_payouts_payout_cents_check CHECK ((payout_cents > 0)),
    CONSTRAINT milestone_payouts_share_bps_check CHECK (((share_bps >= 1) AND (share_bps <= 10000)))
);

ALTER TABLE public.milestone_payouts OWNER TO postgres;

--
-- Name: TABLE milestone_payouts; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.milestone_payouts IS 'The parts of an approved milestone''s payout, per team member, fixed at approval (append-only). share_bps: the share of the role the member was paid for (the lead''s includes roles nobody held), before any split between members of one role.';

--
-- Name: mission_required_skills; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.mission_required_skills (
    mission_id uuid NOT NULL,
    skill_id uuid NOT NULL,
    importance public.skill_importance DEFAULT 'required'::public.skill_importance NOT NULL,
    mission_listed boolean DEFAULT false NOT NULL
);

ALTER TABLE public.mission_required_skills OWNER TO postgres;

--
-- Name: COLUMN mission_required_skills.mission_listed; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.mission_required_skills.mission_listed IS 'True while the mission is listed (missions.listed_status is not null). Maintained by triggers; lets RLS skip a lookup per row.';

--
-- Name: proof_task_grading_guides; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.proof_task_grading_guides (
    task_id uuid NOT NULL,
    expected_approach text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT proof_task_grading_guides_expected_approach_check CHECK ((length(expected_approach) <= 50000))
);

ALTER TABLE public.proof_task_grading_guides OWNER TO postgres;

--
-- Name: TABLE proof_task_grading_guides; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.proof_task_grading_guides IS 'The blueprint''s proof_tasks.expected_approach: admins only.';

--
-- Name: proof_tasks; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.proof_tasks (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    title character varying(255) NOT NULL,
    scenario text NOT NULL,
    difficulty public.proof_task_difficulty DEFAULT 'medium'::public.proof_task_difficulty NOT NULL,
    time_limit_minutes integer DEFAULT 45 NOT NULL,
    category character varying(50) NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT proof_tasks_category_check CHECK (((category)::text ~ '^[a-z][a-z0-9_]{1,49}$'::text)),
    CONSTRAINT proof_tasks_scenario_check CHECK (((length(btrim(scenario)) >= 1) AND (length(btrim(scenario)) <= 50000))),
    CONSTRAINT proof_tasks_time_limit_minutes_check CHECK (((time_limit_minutes >= 5) AND (time_limit_minutes <= 480))),
    CONSTRAINT proof_tasks_title_check CHECK (((length(btrim((title)::text)) >= 3) AND (length(btrim((title)::text)) <= 255)))
);

ALTER TABLE public.proof_tasks OWNER TO postgres;

--
-- Name: TABLE proof_tasks; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.proof_tasks IS 'The proof task library. A contributor sees only the tasks given to them; admins manage it.';

--
-- Name: skills; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.skills (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name character varying(100) NOT NULL,
    category public.skill_category NOT NULL,
    icon_url public.http_url,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT skills_name_check CHECK (((length(btrim((name)::text)) >= 1) AND (length(btrim((name)::text)) <= 100)))
);

ALTER TABLE public.skills OWNER TO postgres;

--
-- Name: TABLE skills; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.skills IS 'The skills catalogue. Everyone reads it; admins add, rename and retire skills (is_active).';

--
-- Name: account_deletions account_deletions_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.account_deletions
    ADD CONSTRAINT account_deletions_pkey PRIMARY KEY (user_id);

--
-- Name: background_check_events background_check_events_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.background_check_events
    ADD CONSTRAINT background_check_events_pkey PRIMARY KEY (id);

--
-- Name: domain_events domain_events_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.domain_events
    ADD CONSTRAINT domain_events_pkey PRIMARY KEY (id);

--
-- Name: jobs jobs_dedupe_key_key; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.jobs
    ADD CONSTRAINT jobs_dedupe_key_key UNIQUE (dedupe_key);

--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);

--
-- Name: lifecycle_timer_failures lifecycle_timer_failures_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.lifecycle_timer_failures
    ADD CONSTRAINT lifecycle_timer_failures_pkey PRIMARY KEY (timer, entity_id);

--
-- Name: match_contributors match_contributors_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.match_contributors
    ADD CONSTRAINT match_contributors_pkey PRIMARY KEY (contributor_id);

--
-- Name: match_popular_skills match_popular_skills_bit_key; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.match_popular_skills
    ADD CONSTRAINT match_popular_skills_bit_key UNIQUE ("bit");

--
-- Name: match_popular_skills match_popular_skills_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.match_popular_skills
    ADD CONSTRAINT match_popular_skills_pkey PRIMARY KEY (skill_id);

--
-- Name: match_skill_numbers match_skill_numbers_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.match_skill_numbers
    ADD CONSTRAINT match_skill_numbers_pkey PRIMARY KEY (skill_no);

--
-- Name: match_skill_numbers match_skill_numbers_skill_id_key; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.match_skill_numbers
    ADD CONSTRAINT match_skill_numbers_skill_id_key UNIQUE (skill_id);

--
-- Name: match_skills match_skills_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.match_skills
    ADD CONSTRAINT match_skills_pkey PRIMARY KEY (contributor_id, skill_no) INCLUDE (credit);

--
-- Name: mission_charges mission_charges_charge_id_key; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.mission_charges
    ADD CONSTRAINT mission_charges_charge_id_key UNIQUE (charge_id);

--
-- Name: mission_charges mission_charges_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.mission_charges
    ADD CONSTRAINT mission_charges_pkey PRIMARY KEY (payment_intent_id);

--
-- Name: primary_role_switches primary_role_switches_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.primary_role_switches
    ADD CONSTRAINT primary_role_switches_pkey PRIMARY KEY (user_id);

--
-- Name: proof_task_attempts proof_task_attempts_once; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.proof_task_attempts
    ADD CONSTRAINT proof_task_attempts_once UNIQUE (user_id, task_id);

--
-- Name: proof_task_attempts proof_task_attempts_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.proof_task_attempts
    ADD CONSTRAINT proof_task_attempts_pkey PRIMARY KEY (id);

--
-- Name: rate_limit_counters rate_limit_counters_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.rate_limit_counters
    ADD CONSTRAINT rate_limit_counters_pkey PRIMARY KEY (key, window_start);

--
-- Name: reconciliation_findings reconciliation_findings_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.reconciliation_findings
    ADD CONSTRAINT reconciliation_findings_pkey PRIMARY KEY (id);

--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);

--
-- Name: stray_charges stray_charges_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.stray_charges
    ADD CONSTRAINT stray_charges_pkey PRIMARY KEY (payment_intent_id);

--
-- Name: stripe_events stripe_events_pkey; Type: CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.stripe_events
    ADD CONSTRAINT stripe_events_pkey PRIMARY KEY (id);

--
-- Name: audit_logs audit_logs_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.audit_logs
    ADD CONSTRAINT audit_logs_pkey PRIMARY KEY (id);

--
-- Name: contributor_private_details contributor_private_details_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_private_details
    ADD CONSTRAINT contributor_private_details_pkey PRIMARY KEY (contributor_id);

--
-- Name: contributor_private_details contributor_private_details_stripe_account_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_private_details
    ADD CONSTRAINT contributor_private_details_stripe_account_id_key UNIQUE (stripe_account_id);

--
-- Name: contributor_profiles contributor_profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_profiles
    ADD CONSTRAINT contributor_profiles_pkey PRIMARY KEY (id);

--
-- Name: contributor_profiles contributor_profiles_user_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_profiles
    ADD CONSTRAINT contributor_profiles_user_id_key UNIQUE (user_id);

--
-- Name: contributor_skills contributor_skills_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_skills
    ADD CONSTRAINT contributor_skills_pkey PRIMARY KEY (contributor_id, skill_id);

--
-- Name: conversation_participants conversation_participants_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.conversation_participants
    ADD CONSTRAINT conversation_participants_pkey PRIMARY KEY (conversation_id, user_id);

--
-- Name: conversations conversations_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT conversations_pkey PRIMARY KEY (id);

--
-- Name: escrow_transactions escrow_transactions_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.escrow_transactions
    ADD CONSTRAINT escrow_transactions_pkey PRIMARY KEY (id);

--
-- Name: initiator_private_details initiator_private_details_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.initiator_private_details
    ADD CONSTRAINT initiator_private_details_pkey PRIMARY KEY (initiator_id);

--
-- Name: initiator_private_details initiator_private_details_stripe_customer_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.initiator_private_details
    ADD CONSTRAINT initiator_private_details_stripe_customer_id_key UNIQUE (stripe_customer_id);

--
-- Name: initiator_profiles initiator_profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.initiator_profiles
    ADD CONSTRAINT initiator_profiles_pkey PRIMARY KEY (id);

--
-- Name: initiator_profiles initiator_profiles_user_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.initiator_profiles
    ADD CONSTRAINT initiator_profiles_user_id_key UNIQUE (user_id);

--
-- Name: lifecycle_transitions lifecycle_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.lifecycle_transitions
    ADD CONSTRAINT lifecycle_transitions_pkey PRIMARY KEY (machine, action, from_state, to_state, actor);

--
-- Name: listed_missions listed_missions_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.listed_missions
    ADD CONSTRAINT listed_missions_pkey PRIMARY KEY (id);

--
-- Name: messages messages_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (id);

--
-- Name: milestone_payouts milestone_payouts_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.milestone_payouts
    ADD CONSTRAINT milestone_payouts_pkey PRIMARY KEY (milestone_id, contributor_id);

--
-- Name: milestones milestones_id_mission_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT milestones_id_mission_key UNIQUE (id, mission_id);

--
-- Name: milestones milestones_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT milestones_pkey PRIMARY KEY (id);

--
-- Name: mission_applications mission_applications_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_applications
    ADD CONSTRAINT mission_applications_pkey PRIMARY KEY (id);

--
-- Name: mission_assignments mission_assignments_id_mission_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_assignments
    ADD CONSTRAINT mission_assignments_id_mission_key UNIQUE (id, mission_id);

--
-- Name: mission_assignments mission_assignments_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_assignments
    ADD CONSTRAINT mission_assignments_pkey PRIMARY KEY (id);

--
-- Name: mission_required_skills mission_required_skills_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_required_skills
    ADD CONSTRAINT mission_required_skills_pkey PRIMARY KEY (mission_id, skill_id);

--
-- Name: missions missions_id_initiator_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.missions
    ADD CONSTRAINT missions_id_initiator_key UNIQUE (id, initiator_id);

--
-- Name: missions missions_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.missions
    ADD CONSTRAINT missions_pkey PRIMARY KEY (id);

--
-- Name: missions missions_slug_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.missions
    ADD CONSTRAINT missions_slug_key UNIQUE (slug);

--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);

--
-- Name: profiles profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);

--
-- Name: proof_task_grading_guides proof_task_grading_guides_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_task_grading_guides
    ADD CONSTRAINT proof_task_grading_guides_pkey PRIMARY KEY (task_id);

--
-- Name: proof_task_submissions proof_task_submissions_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_task_submissions
    ADD CONSTRAINT proof_task_submissions_pkey PRIMARY KEY (id);

--
-- Name: proof_tasks proof_tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_tasks
    ADD CONSTRAINT proof_tasks_pkey PRIMARY KEY (id);

--
-- Name: reviews reviews_once_per_direction; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_once_per_direction UNIQUE (assignment_id, direction);

--
-- Name: reviews reviews_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_pkey PRIMARY KEY (id);

--
-- Name: skills skills_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.skills
    ADD CONSTRAINT skills_pkey PRIMARY KEY (id);

--
-- Name: mission_applications unique_application; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_applications
    ADD CONSTRAINT unique_application UNIQUE (mission_id, contributor_id);

--
-- Name: mission_assignments unique_assignment; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_assignments
    ADD CONSTRAINT unique_assignment UNIQUE (mission_id, contributor_id);

--
-- Name: milestones unique_milestone_order; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT unique_milestone_order UNIQUE (mission_id, order_index) DEFERRABLE;

--
-- Name: proof_task_submissions unique_submission; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_task_submissions
    ADD CONSTRAINT unique_submission UNIQUE (contributor_id, task_id);

--
-- Name: work_submissions work_submissions_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.work_submissions
    ADD CONSTRAINT work_submissions_pkey PRIMARY KEY (id);

--
-- Name: work_submissions work_submissions_version_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.work_submissions
    ADD CONSTRAINT work_submissions_version_key UNIQUE (milestone_id, version);

--
-- Name: domain_events_event_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX domain_events_event_idx ON private.domain_events USING btree (event, id);

--
-- Name: domain_events_mission_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX domain_events_mission_idx ON private.domain_events USING btree (mission_id, id);

--
-- Name: jobs_ready_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX jobs_ready_idx ON private.jobs USING btree (kind, run_after) WHERE (status = ANY (ARRAY['queued'::text, 'running'::text]));

--
-- Name: jobs_waiting_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX jobs_waiting_idx ON private.jobs USING btree (kind) WHERE (status = 'waiting'::text);

--
-- Name: match_skills_rank_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX match_skills_rank_idx ON private.match_skills USING btree (skill_no, top_count, static_upper_cp DESC) INCLUDE (popular_mask, skill_mask, contributor_id, credit, static_easy_cp, static_medium_cp, static_hard_cp, static_expert_cp, type_levels);

--
-- Name: mission_charges_mission_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX mission_charges_mission_idx ON private.mission_charges USING btree (mission_id);

--
-- Name: proof_task_attempts_contributor_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX proof_task_attempts_contributor_idx ON private.proof_task_attempts USING btree (contributor_id) WHERE (contributor_id IS NOT NULL);

--
-- Name: proof_task_attempts_one_open; Type: INDEX; Schema: private; Owner: postgres
--

CREATE UNIQUE INDEX proof_task_attempts_one_open ON private.proof_task_attempts USING btree (user_id) WHERE (submitted_at IS NULL);

--
-- Name: proof_task_attempts_submission_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX proof_task_attempts_submission_idx ON private.proof_task_attempts USING btree (submission_id) WHERE (submission_id IS NOT NULL);

--
-- Name: proof_task_attempts_task_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX proof_task_attempts_task_idx ON private.proof_task_attempts USING btree (task_id);

--
-- Name: rate_limit_counters_window_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX rate_limit_counters_window_idx ON private.rate_limit_counters USING btree (window_start);

--
-- Name: reconciliation_findings_run_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX reconciliation_findings_run_idx ON private.reconciliation_findings USING btree (found_at DESC, run_id);

--
-- Name: stripe_events_object_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX stripe_events_object_idx ON private.stripe_events USING btree (object_id, created_at);

--
-- Name: stripe_events_unprocessed_idx; Type: INDEX; Schema: private; Owner: postgres
--

CREATE INDEX stripe_events_unprocessed_idx ON private.stripe_events USING btree (received_at) WHERE (processed_at IS NULL);

--
-- Name: audit_logs_created_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX audit_logs_created_idx ON public.audit_logs USING btree (created_at DESC);

--
-- Name: audit_logs_entity_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX audit_logs_entity_idx ON public.audit_logs USING btree (entity_type, entity_id);

--
-- Name: audit_logs_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX audit_logs_user_idx ON public.audit_logs USING btree (user_id);

--
-- Name: contributor_profiles_looking_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX contributor_profiles_looking_idx ON public.contributor_profiles USING btree (is_looking_for_work) WHERE (is_looking_for_work = true);

--
-- Name: contributor_profiles_search_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX contributor_profiles_search_idx ON public.contributor_profiles USING btree (trust_score DESC, id) WHERE ((verification_status = 'verified'::public.verification_status) AND is_looking_for_work);

--
-- Name: contributor_profiles_verified_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX contributor_profiles_verified_idx ON public.contributor_profiles USING btree (verification_status) WHERE (verification_status = 'verified'::public.verification_status);

--
-- Name: contributor_skills_skill_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX contributor_skills_skill_idx ON public.contributor_skills USING btree (skill_id, proficiency_level);

--
-- Name: conversation_participants_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX conversation_participants_user_idx ON public.conversation_participants USING btree (user_id, conversation_id);

--
-- Name: conversations_created_by_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX conversations_created_by_idx ON public.conversations USING btree (created_by);

--
-- Name: conversations_mission_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX conversations_mission_idx ON public.conversations USING btree (mission_id) WHERE (mission_id IS NOT NULL);

--
-- Name: conversations_one_team_chat_per_mission; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX conversations_one_team_chat_per_mission ON public.conversations USING btree (mission_id) WHERE (type = 'mission_team'::public.conversation_type);

--
-- Name: escrow_transactions_contributor_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX escrow_transactions_contributor_idx ON public.escrow_transactions USING btree (contributor_id) WHERE (contributor_id IS NOT NULL);

--
-- Name: escrow_transactions_correlation_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX escrow_transactions_correlation_idx ON public.escrow_transactions USING btree (correlation_id) WHERE (correlation_id IS NOT NULL);

--
-- Name: escrow_transactions_dispute_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX escrow_transactions_dispute_key ON public.escrow_transactions USING btree (stripe_dispute_id, type) WHERE (stripe_dispute_id IS NOT NULL);

--
-- Name: escrow_transactions_initiator_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX escrow_transactions_initiator_idx ON public.escrow_transactions USING btree (initiator_id);

--
-- Name: escrow_transactions_milestone_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX escrow_transactions_milestone_idx ON public.escrow_transactions USING btree (milestone_id, mission_id) WHERE (milestone_id IS NOT NULL);

--
-- Name: escrow_transactions_mission_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX escrow_transactions_mission_idx ON public.escrow_transactions USING btree (mission_id, created_at);

--
-- Name: escrow_transactions_mission_initiator_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX escrow_transactions_mission_initiator_idx ON public.escrow_transactions USING btree (mission_id, initiator_id);

--
-- Name: escrow_transactions_one_fee_per_milestone; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX escrow_transactions_one_fee_per_milestone ON public.escrow_transactions USING btree (milestone_id) WHERE ((type = 'platform_fee'::public.escrow_transaction_type) AND (status <> 'failed'::public.escrow_transaction_status));

--
-- Name: escrow_transactions_one_release_per_part; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX escrow_transactions_one_release_per_part ON public.escrow_transactions USING btree (milestone_id, contributor_id) WHERE ((type = 'release'::public.escrow_transaction_type) AND (status <> 'failed'::public.escrow_transaction_status));

--
-- Name: escrow_transactions_payment_intent_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX escrow_transactions_payment_intent_key ON public.escrow_transactions USING btree (stripe_payment_intent_id, type) WHERE ((stripe_payment_intent_id IS NOT NULL) AND (type = 'deposit'::public.escrow_transaction_type) AND (status <> 'failed'::public.escrow_transaction_status));

--
-- Name: escrow_transactions_refund_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX escrow_transactions_refund_key ON public.escrow_transactions USING btree (stripe_refund_id) WHERE (stripe_refund_id IS NOT NULL);

--
-- Name: escrow_transactions_status_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX escrow_transactions_status_idx ON public.escrow_transactions USING btree (status);

--
-- Name: escrow_transactions_transfer_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX escrow_transactions_transfer_key ON public.escrow_transactions USING btree (stripe_transfer_id, type) WHERE (stripe_transfer_id IS NOT NULL);

--
-- Name: listed_missions_initiator_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX listed_missions_initiator_idx ON public.listed_missions USING btree (initiator_id);

--
-- Name: listed_missions_status_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX listed_missions_status_idx ON public.listed_missions USING btree (listed_status, published_at DESC, id DESC);

--
-- Name: listed_missions_type_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX listed_missions_type_idx ON public.listed_missions USING btree (listed_status, type, published_at DESC, id DESC);

--
-- Name: messages_conversation_created_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX messages_conversation_created_idx ON public.messages USING btree (conversation_id, created_at DESC, id DESC);

--
-- Name: messages_sender_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX messages_sender_idx ON public.messages USING btree (sender_id);

--
-- Name: milestone_payouts_contributor_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX milestone_payouts_contributor_idx ON public.milestone_payouts USING btree (contributor_id, created_at DESC);

--
-- Name: milestone_payouts_milestone_mission_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX milestone_payouts_milestone_mission_idx ON public.milestone_payouts USING btree (milestone_id, mission_id);

--
-- Name: milestone_payouts_mission_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX milestone_payouts_mission_idx ON public.milestone_payouts USING btree (mission_id);

--
-- Name: milestones_due_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX milestones_due_idx ON public.milestones USING btree (due_date) WHERE ((due_date IS NOT NULL) AND (status = ANY (ARRAY['pending'::public.milestone_status, 'in_progress'::public.milestone_status, 'revision'::public.milestone_status])));

--
-- Name: milestones_status_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX milestones_status_idx ON public.milestones USING btree (status) WHERE (status = ANY (ARRAY['submitted'::public.milestone_status, 'approved'::public.milestone_status]));

--
-- Name: mission_applications_contributor_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX mission_applications_contributor_idx ON public.mission_applications USING btree (contributor_id, created_at DESC);

--
-- Name: mission_applications_mission_status_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX mission_applications_mission_status_idx ON public.mission_applications USING btree (mission_id, status, created_at DESC);

--
-- Name: mission_assignments_active_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX mission_assignments_active_idx ON public.mission_assignments USING btree (status) WHERE (status = 'active'::public.assignment_status);

--
-- Name: mission_assignments_contributor_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX mission_assignments_contributor_idx ON public.mission_assignments USING btree (contributor_id);

--
-- Name: mission_assignments_invitations_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX mission_assignments_invitations_idx ON public.mission_assignments USING btree (invitation_expires_at) WHERE (status = 'invited'::public.assignment_status);

--
-- Name: mission_required_skills_skill_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX mission_required_skills_skill_idx ON public.mission_required_skills USING btree (skill_id);

--
-- Name: missions_initiator_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX missions_initiator_idx ON public.missions USING btree (initiator_id, created_at DESC);

--
-- Name: missions_listed_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX missions_listed_idx ON public.missions USING btree (published_at DESC, id) WHERE (is_public AND (status = ANY (ARRAY['open'::public.mission_status, 'matching'::public.mission_status, 'in_progress'::public.mission_status, 'in_review'::public.mission_status, 'completed'::public.mission_status])));

--
-- Name: missions_listed_status_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX missions_listed_status_idx ON public.missions USING btree (listed_status, published_at DESC, id) WHERE (listed_status IS NOT NULL);

--
-- Name: missions_listed_type_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX missions_listed_type_idx ON public.missions USING btree (listed_status, type, published_at DESC, id) WHERE (listed_status IS NOT NULL);

--
-- Name: missions_public_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX missions_public_idx ON public.missions USING btree (is_public, status) WHERE (is_public = true);

--
-- Name: missions_status_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX missions_status_idx ON public.missions USING btree (status);

--
-- Name: missions_type_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX missions_type_idx ON public.missions USING btree (type);

--
-- Name: notifications_expires_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX notifications_expires_idx ON public.notifications USING btree (expires_at) WHERE (expires_at IS NOT NULL);

--
-- Name: notifications_unread_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX notifications_unread_idx ON public.notifications USING btree (user_id, is_read, created_at DESC);

--
-- Name: notifications_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX notifications_user_idx ON public.notifications USING btree (user_id, created_at DESC);

--
-- Name: profiles_account_status_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX profiles_account_status_idx ON public.profiles USING btree (account_status) WHERE (account_status <> 'active'::public.account_status);

--
-- Name: profiles_primary_role_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX profiles_primary_role_idx ON public.profiles USING btree (primary_role);

--
-- Name: proof_task_submissions_evaluated_by_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX proof_task_submissions_evaluated_by_idx ON public.proof_task_submissions USING btree (evaluated_by);

--
-- Name: proof_task_submissions_queue_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX proof_task_submissions_queue_idx ON public.proof_task_submissions USING btree (created_at) WHERE (status = ANY (ARRAY['submitted'::public.proof_task_submission_status, 'under_review'::public.proof_task_submission_status]));

--
-- Name: proof_task_submissions_task_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX proof_task_submissions_task_idx ON public.proof_task_submissions USING btree (task_id);

--
-- Name: proof_tasks_category_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX proof_tasks_category_idx ON public.proof_tasks USING btree (category, difficulty) WHERE is_active;

--
-- Name: proof_tasks_created_by_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX proof_tasks_created_by_idx ON public.proof_tasks USING btree (created_by);

--
-- Name: reviews_assignment_mission_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX reviews_assignment_mission_idx ON public.reviews USING btree (assignment_id, mission_id);

--
-- Name: reviews_mission_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX reviews_mission_idx ON public.reviews USING btree (mission_id);

--
-- Name: reviews_reviewee_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX reviews_reviewee_idx ON public.reviews USING btree (reviewee_id, created_at DESC);

--
-- Name: reviews_reviewer_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX reviews_reviewer_idx ON public.reviews USING btree (reviewer_id);

--
-- Name: skills_category_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX skills_category_idx ON public.skills USING btree (category) WHERE is_active;

--
-- Name: skills_name_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX skills_name_key ON public.skills USING btree (lower((name)::text));

--
-- Name: work_submissions_assignment_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX work_submissions_assignment_idx ON public.work_submissions USING btree (assignment_id, mission_id);

--
-- Name: work_submissions_mission_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX work_submissions_mission_idx ON public.work_submissions USING btree (mission_id, milestone_id);

--
-- Name: listed_missions_status_type_stats; Type: STATISTICS; Schema: public; Owner: postgres
--

CREATE STATISTICS public.listed_missions_status_type_stats (mcv) ON listed_status, type, complexity FROM public.listed_missions;

ALTER STATISTICS public.listed_missions_status_type_stats OWNER TO postgres;

--
-- Name: missions_listed_type_stats; Type: STATISTICS; Schema: public; Owner: postgres
--

CREATE STATISTICS public.missions_listed_type_stats (mcv) ON type, listed_status FROM public.missions;

ALTER STATISTICS public.missions_listed_type_stats OWNER TO postgres;

--
-- Name: domain_events tg_domain_events__dispatch; Type: TRIGGER; Schema: private; Owner: postgres
--

CREATE TRIGGER tg_domain_events__dispatch AFTER INSERT ON private.domain_events FOR EACH ROW EXECUTE FUNCTION private.tg_domain_events__dispatch();

--
-- Name: domain_events tg_domain_events__payments; Type: TRIGGER; Schema: private; Owner: postgres
--

CREATE TRIGGER tg_domain_events__payments AFTER INSERT ON private.domain_events FOR EACH ROW WHEN ((new.event = ANY (ARRAY['payout:requested'::text, 'refund:requested'::text]))) EXECUTE FUNCTION private.tg_domain_events__payments();

--
-- Name: domain_events tg_domain_events__run_matching; Type: TRIGGER; Schema: private; Owner: postgres
--

CREATE TRIGGER tg_domain_events__run_matching AFTER INSERT ON private.domain_events FOR EACH ROW WHEN ((new.event = 'matching:started'::text)) EXECUTE FUNCTION private.tg_domain_events__run_matching();

--
-- Name: jobs tg_jobs__set_updated_at; Type: TRIGGER; Schema: private; Owner: postgres
--

CREATE TRIGGER tg_jobs__set_updated_at BEFORE UPDATE ON private.jobs FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: audit_logs tg_audit_logs__append_only; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_audit_logs__append_only BEFORE DELETE OR UPDATE ON public.audit_logs FOR EACH ROW EXECUTE FUNCTION private.tg_audit_logs__append_only();

--
-- Name: contributor_private_details tg_contributor_private_details__matching; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_private_details__matching AFTER UPDATE ON public.contributor_private_details REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_contributor_private_details__matching();

--
-- Name: contributor_private_details tg_contributor_private_details__matching_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_private_details__matching_insert AFTER INSERT ON public.contributor_private_details REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: contributor_private_details tg_contributor_private_details__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_private_details__set_updated_at BEFORE UPDATE ON public.contributor_private_details FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: contributor_profiles tg_contributor_profiles__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_profiles__audit AFTER UPDATE ON public.contributor_profiles FOR EACH ROW EXECUTE FUNCTION private.tg__audit('contributor', 'verification_status', 'trust_score');

--
-- Name: contributor_profiles tg_contributor_profiles__forget_caller; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_profiles__forget_caller AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.contributor_profiles FOR EACH STATEMENT EXECUTE FUNCTION private.tg__forget_caller();

--
-- Name: contributor_profiles tg_contributor_profiles__matching; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_profiles__matching AFTER UPDATE ON public.contributor_profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_contributor_profiles__matching();

--
-- Name: contributor_profiles tg_contributor_profiles__matching_delete; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_profiles__matching_delete AFTER DELETE ON public.contributor_profiles REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_contributor_profiles__matching_delete();

--
-- Name: contributor_profiles tg_contributor_profiles__matching_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_profiles__matching_insert AFTER INSERT ON public.contributor_profiles REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_contributor_profiles__matching_insert();

--
-- Name: contributor_profiles tg_contributor_profiles__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_profiles__set_updated_at BEFORE UPDATE ON public.contributor_profiles FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: contributor_skills tg_contributor_skills__matching_delete; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_skills__matching_delete AFTER DELETE ON public.contributor_skills REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: contributor_skills tg_contributor_skills__matching_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_skills__matching_insert AFTER INSERT ON public.contributor_skills REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: contributor_skills tg_contributor_skills__matching_update_new; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_skills__matching_update_new AFTER UPDATE ON public.contributor_skills REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: contributor_skills tg_contributor_skills__matching_update_old; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_skills__matching_update_old AFTER UPDATE ON public.contributor_skills REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: contributor_skills tg_contributor_skills__unverify_on_raise; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_contributor_skills__unverify_on_raise BEFORE UPDATE OF proficiency_level ON public.contributor_skills FOR EACH ROW EXECUTE FUNCTION private.tg_contributor_skills__unverify_on_raise();

--
-- Name: conversations tg_conversations__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_conversations__set_updated_at BEFORE UPDATE ON public.conversations FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: escrow_transactions tg_escrow_transactions__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_escrow_transactions__audit AFTER INSERT OR UPDATE ON public.escrow_transactions FOR EACH ROW EXECUTE FUNCTION private.tg__audit('payment', 'status');

--
-- Name: escrow_transactions tg_escrow_transactions__balance; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_escrow_transactions__balance AFTER INSERT OR UPDATE ON public.escrow_transactions FOR EACH ROW EXECUTE FUNCTION private.tg_escrow_transactions__balance();

--
-- Name: escrow_transactions tg_escrow_transactions__guard; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_escrow_transactions__guard BEFORE INSERT OR DELETE OR UPDATE ON public.escrow_transactions FOR EACH ROW EXECUTE FUNCTION private.tg_escrow_transactions__guard();

--
-- Name: escrow_transactions tg_escrow_transactions__no_truncate; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_escrow_transactions__no_truncate BEFORE TRUNCATE ON public.escrow_transactions FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: escrow_transactions tg_escrow_transactions__payout_adds_up; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE CONSTRAINT TRIGGER tg_escrow_transactions__payout_adds_up AFTER INSERT OR UPDATE ON public.escrow_transactions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.tg_escrow_transactions__payout_adds_up();

--
-- Name: escrow_transactions tg_escrow_transactions__refresh_stats; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_escrow_transactions__refresh_stats AFTER INSERT OR UPDATE OF status ON public.escrow_transactions FOR EACH ROW EXECUTE FUNCTION private.tg_escrow_transactions__refresh_stats();

--
-- Name: initiator_private_details tg_initiator_private_details__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_initiator_private_details__set_updated_at BEFORE UPDATE ON public.initiator_private_details FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: initiator_profiles tg_initiator_profiles__forget_caller; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_initiator_profiles__forget_caller AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.initiator_profiles FOR EACH STATEMENT EXECUTE FUNCTION private.tg__forget_caller();

--
-- Name: initiator_profiles tg_initiator_profiles__listed_card; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_initiator_profiles__listed_card AFTER UPDATE OF company_name, company_url, is_verified, average_rating ON public.initiator_profiles FOR EACH ROW EXECUTE FUNCTION private.tg__refresh_listed_mission();

--
-- Name: initiator_profiles tg_initiator_profiles__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_initiator_profiles__set_updated_at BEFORE UPDATE ON public.initiator_profiles FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: messages tg_messages__after_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_messages__after_insert AFTER INSERT ON public.messages FOR EACH ROW EXECUTE FUNCTION private.tg_messages__after_insert();

--
-- Name: messages tg_messages__before_write; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_messages__before_write BEFORE INSERT OR UPDATE OF attachments ON public.messages FOR EACH ROW EXECUTE FUNCTION private.tg_messages__before_write();

--
-- Name: milestone_payouts tg_milestone_payouts__adds_up; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE CONSTRAINT TRIGGER tg_milestone_payouts__adds_up AFTER INSERT ON public.milestone_payouts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.tg_milestone_payouts__adds_up();

--
-- Name: milestone_payouts tg_milestone_payouts__guard; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_milestone_payouts__guard BEFORE INSERT OR DELETE OR UPDATE ON public.milestone_payouts FOR EACH ROW EXECUTE FUNCTION private.tg_milestone_payouts__guard();

--
-- Name: milestone_payouts tg_milestone_payouts__no_truncate; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_milestone_payouts__no_truncate BEFORE TRUNCATE ON public.milestone_payouts FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: milestone_payouts tg_milestone_payouts__split; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_milestone_payouts__split AFTER INSERT ON public.milestone_payouts REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION private.tg_milestone_payouts__split();

--
-- Name: milestones tg_milestones__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_milestones__audit AFTER UPDATE ON public.milestones FOR EACH ROW EXECUTE FUNCTION private.tg__audit('milestone', 'status', 'amount_cents');

--
-- Name: milestones tg_milestones__listed_card; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_milestones__listed_card AFTER INSERT OR DELETE OR UPDATE OF mission_id, title, amount_cents, order_index ON public.milestones FOR EACH ROW EXECUTE FUNCTION private.tg__refresh_listed_mission();

--
-- Name: milestones tg_milestones__mission_listed; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_milestones__mission_listed BEFORE INSERT OR UPDATE OF mission_id, mission_listed ON public.milestones FOR EACH ROW EXECUTE FUNCTION private.tg__copy_mission_listed();

--
-- Name: milestones tg_milestones__money_proven; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE CONSTRAINT TRIGGER tg_milestones__money_proven AFTER INSERT OR UPDATE OF status ON public.milestones DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((new.status = ANY (ARRAY['approved'::public.milestone_status, 'paid'::public.milestone_status]))) EXECUTE FUNCTION private.tg_milestones__money_proven();

--
-- Name: milestones tg_milestones__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_milestones__set_updated_at BEFORE UPDATE ON public.milestones FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: mission_applications tg_mission_applications__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_applications__audit AFTER UPDATE ON public.mission_applications FOR EACH ROW EXECUTE FUNCTION private.tg__audit('application', 'status');

--
-- Name: mission_applications tg_mission_applications__match_score; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_applications__match_score BEFORE INSERT OR UPDATE OF status ON public.mission_applications FOR EACH ROW EXECUTE FUNCTION private.tg_mission_applications__match_score();

--
-- Name: mission_applications tg_mission_applications__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_applications__set_updated_at BEFORE UPDATE ON public.mission_applications FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: mission_assignments tg_mission_assignments__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_assignments__audit AFTER INSERT OR DELETE OR UPDATE ON public.mission_assignments FOR EACH ROW EXECUTE FUNCTION private.tg__audit('assignment', 'status', 'role');

--
-- Name: mission_assignments tg_mission_assignments__matching_delete; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_assignments__matching_delete AFTER DELETE ON public.mission_assignments REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: mission_assignments tg_mission_assignments__matching_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_assignments__matching_insert AFTER INSERT ON public.mission_assignments REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: mission_assignments tg_mission_assignments__matching_update_new; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_assignments__matching_update_new AFTER UPDATE ON public.mission_assignments REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: mission_assignments tg_mission_assignments__matching_update_old; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_assignments__matching_update_old AFTER UPDATE ON public.mission_assignments REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: mission_assignments tg_mission_assignments__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_assignments__set_updated_at BEFORE UPDATE ON public.mission_assignments FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: mission_assignments tg_mission_assignments__team_chat; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_assignments__team_chat AFTER INSERT OR UPDATE OF status ON public.mission_assignments FOR EACH ROW EXECUTE FUNCTION private.tg_mission_assignments__team_chat();

--
-- Name: mission_required_skills tg_mission_required_skills__listed_card; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_required_skills__listed_card AFTER INSERT OR DELETE OR UPDATE OF mission_id, skill_id, importance ON public.mission_required_skills FOR EACH ROW EXECUTE FUNCTION private.tg__refresh_listed_mission();

--
-- Name: mission_required_skills tg_mission_required_skills__mission_listed; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_mission_required_skills__mission_listed BEFORE INSERT OR UPDATE OF mission_id, mission_listed ON public.mission_required_skills FOR EACH ROW EXECUTE FUNCTION private.tg__copy_mission_listed();

--
-- Name: missions tg_missions__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__audit AFTER INSERT OR DELETE OR UPDATE ON public.missions FOR EACH ROW EXECUTE FUNCTION private.tg__audit('mission', 'status', 'is_public', 'featured', 'platform_fee_bps', 'initiator_id');

--
-- Name: missions tg_missions__listed_card; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__listed_card AFTER UPDATE ON public.missions FOR EACH ROW WHEN ((((old.listed_status IS NOT NULL) OR (new.listed_status IS NOT NULL)) AND (((((((((((((old.listed_status IS DISTINCT FROM new.listed_status) OR (old.initiator_id IS DISTINCT FROM new.initiator_id)) OR ((old.title)::text IS DISTINCT FROM (new.title)::text)) OR ((old.slug)::text IS DISTINCT FROM (new.slug)::text)) OR ((old.type)::text IS DISTINCT FROM (new.type)::text)) OR (old.complexity IS DISTINCT FROM new.complexity)) OR (old.budget_min_cents IS DISTINCT FROM new.budget_min_cents)) OR (old.budget_max_cents IS DISTINCT FROM new.budget_max_cents)) OR ((old.currency)::bpchar IS DISTINCT FROM (new.currency)::bpchar)) OR (old.estimated_duration_days IS DISTINCT FROM new.estimated_duration_days)) OR (old.deadline IS DISTINCT FROM new.deadline)) OR (old.featured IS DISTINCT FROM new.featured)) OR (old.published_at IS DISTINCT FROM new.published_at)))) EXECUTE FUNCTION private.tg__refresh_listed_mission();

--
-- Name: missions tg_missions__listed_card_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__listed_card_insert AFTER INSERT ON public.missions FOR EACH ROW WHEN ((new.listed_status IS NOT NULL)) EXECUTE FUNCTION private.tg__refresh_listed_mission();

--
-- Name: missions tg_missions__listed_changed; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__listed_changed AFTER UPDATE OF status, is_public ON public.missions FOR EACH ROW WHEN ((old.listed_status IS DISTINCT FROM new.listed_status)) EXECUTE FUNCTION private.tg_missions__listed_changed();

--
-- Name: missions tg_missions__matching; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__matching AFTER UPDATE ON public.missions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_missions__matching();

--
-- Name: missions tg_missions__money_rules; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__money_rules BEFORE INSERT OR UPDATE OF status, platform_fee_bps, lead_share_bps, shadow_share_bps, core_reviewer_share_bps ON public.missions FOR EACH ROW EXECUTE FUNCTION private.tg_missions__money_rules();

--
-- Name: missions tg_missions__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__set_updated_at BEFORE UPDATE ON public.missions FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: missions tg_missions__withdraw_pending_invitations; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_missions__withdraw_pending_invitations AFTER UPDATE OF status ON public.missions FOR EACH ROW WHEN (((new.status = 'in_progress'::public.mission_status) AND (old.status = ANY (ARRAY['open'::public.mission_status, 'matching'::public.mission_status])))) EXECUTE FUNCTION private.tg_missions__withdraw_pending_invitations();

--
-- Name: notifications tg_notifications__broadcast; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_notifications__broadcast AFTER INSERT ON public.notifications FOR EACH ROW EXECUTE FUNCTION private.tg_notifications__broadcast();

--
-- Name: notifications tg_notifications__sync_tabs_on_delete; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_notifications__sync_tabs_on_delete AFTER DELETE ON public.notifications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_notifications__sync_tabs();

--
-- Name: notifications tg_notifications__sync_tabs_on_update; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_notifications__sync_tabs_on_update AFTER UPDATE ON public.notifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_notifications__sync_tabs();

--
-- Name: profiles tg_profiles__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_profiles__audit AFTER UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION private.tg__audit('user', 'primary_role', 'account_status');

--
-- Name: profiles tg_profiles__forget_caller; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_profiles__forget_caller AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.profiles FOR EACH STATEMENT EXECUTE FUNCTION private.tg__forget_caller();

--
-- Name: profiles tg_profiles__matching; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_profiles__matching AFTER UPDATE ON public.profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_profiles__matching();

--
-- Name: profiles tg_profiles__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_profiles__set_updated_at BEFORE UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: profiles tg_profiles__welcome; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_profiles__welcome AFTER INSERT ON public.profiles FOR EACH ROW EXECUTE FUNCTION private.tg_profiles__welcome();

--
-- Name: proof_task_grading_guides tg_proof_task_grading_guides__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_task_grading_guides__audit AFTER INSERT OR UPDATE ON public.proof_task_grading_guides FOR EACH ROW EXECUTE FUNCTION private.tg__audit('proof_task_guide');

--
-- Name: proof_task_grading_guides tg_proof_task_grading_guides__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_task_grading_guides__set_updated_at BEFORE UPDATE ON public.proof_task_grading_guides FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: proof_task_submissions tg_proof_task_submissions__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_task_submissions__audit AFTER UPDATE ON public.proof_task_submissions FOR EACH ROW EXECUTE FUNCTION private.tg__audit('proof_task_submission', 'status', 'score');

--
-- Name: proof_task_submissions tg_proof_task_submissions__matching_delete; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_task_submissions__matching_delete AFTER DELETE ON public.proof_task_submissions REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: proof_task_submissions tg_proof_task_submissions__matching_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_task_submissions__matching_insert AFTER INSERT ON public.proof_task_submissions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: proof_task_submissions tg_proof_task_submissions__matching_update_new; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_task_submissions__matching_update_new AFTER UPDATE ON public.proof_task_submissions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: proof_task_submissions tg_proof_task_submissions__matching_update_old; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_task_submissions__matching_update_old AFTER UPDATE ON public.proof_task_submissions REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg__refresh_matching_by_contributor();

--
-- Name: proof_tasks tg_proof_tasks__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_tasks__audit AFTER INSERT OR DELETE OR UPDATE ON public.proof_tasks FOR EACH ROW EXECUTE FUNCTION private.tg__audit('proof_task');

--
-- Name: proof_tasks tg_proof_tasks__set_updated_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_proof_tasks__set_updated_at BEFORE UPDATE ON public.proof_tasks FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: reviews tg_reviews__matching_delete; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_reviews__matching_delete AFTER DELETE ON public.reviews REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_reviews__matching();

--
-- Name: reviews tg_reviews__matching_insert; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_reviews__matching_insert AFTER INSERT ON public.reviews REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_reviews__matching();

--
-- Name: reviews tg_reviews__matching_update_new; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_reviews__matching_update_new AFTER UPDATE ON public.reviews REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_reviews__matching();

--
-- Name: reviews tg_reviews__matching_update_old; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_reviews__matching_update_old AFTER UPDATE ON public.reviews REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_reviews__matching();

--
-- Name: skills tg_skills__audit; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_skills__audit AFTER INSERT OR DELETE OR UPDATE ON public.skills FOR EACH ROW EXECUTE FUNCTION private.tg__audit('skill');

--
-- Name: skills tg_skills__listed_card; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tg_skills__listed_card AFTER UPDATE OF name, category ON public.skills FOR EACH ROW EXECUTE FUNCTION private.tg__refresh_listed_mission();

--
-- Name: account_deletions account_deletions_user_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.account_deletions
    ADD CONSTRAINT account_deletions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: mission_charges mission_charges_mission_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.mission_charges
    ADD CONSTRAINT mission_charges_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE RESTRICT;

--
-- Name: primary_role_switches primary_role_switches_user_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.primary_role_switches
    ADD CONSTRAINT primary_role_switches_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: proof_task_attempts proof_task_attempts_contributor_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.proof_task_attempts
    ADD CONSTRAINT proof_task_attempts_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE SET NULL;

--
-- Name: proof_task_attempts proof_task_attempts_submission_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.proof_task_attempts
    ADD CONSTRAINT proof_task_attempts_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES public.proof_task_submissions(id) ON DELETE SET NULL;

--
-- Name: proof_task_attempts proof_task_attempts_task_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.proof_task_attempts
    ADD CONSTRAINT proof_task_attempts_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.proof_tasks(id) ON DELETE CASCADE;

--
-- Name: proof_task_attempts proof_task_attempts_user_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: postgres
--

ALTER TABLE ONLY private.proof_task_attempts
    ADD CONSTRAINT proof_task_attempts_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: audit_logs audit_logs_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.audit_logs
    ADD CONSTRAINT audit_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE SET NULL;

--
-- Name: contributor_private_details contributor_private_details_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_private_details
    ADD CONSTRAINT contributor_private_details_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE CASCADE;

--
-- Name: contributor_profiles contributor_profiles_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_profiles
    ADD CONSTRAINT contributor_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: contributor_skills contributor_skills_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_skills
    ADD CONSTRAINT contributor_skills_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE CASCADE;

--
-- Name: contributor_skills contributor_skills_skill_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.contributor_skills
    ADD CONSTRAINT contributor_skills_skill_id_fkey FOREIGN KEY (skill_id) REFERENCES public.skills(id) ON DELETE CASCADE;

--
-- Name: conversation_participants conversation_participants_conversation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.conversation_participants
    ADD CONSTRAINT conversation_participants_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES public.conversations(id) ON DELETE CASCADE;

--
-- Name: conversation_participants conversation_participants_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.conversation_participants
    ADD CONSTRAINT conversation_participants_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: conversations conversations_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT conversations_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id) ON DELETE SET NULL;

--
-- Name: conversations conversations_mission_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT conversations_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE CASCADE;

--
-- Name: escrow_transactions escrow_transactions_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.escrow_transactions
    ADD CONSTRAINT escrow_transactions_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE RESTRICT;

--
-- Name: escrow_transactions escrow_transactions_initiator_fk; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.escrow_transactions
    ADD CONSTRAINT escrow_transactions_initiator_fk FOREIGN KEY (mission_id, initiator_id) REFERENCES public.missions(id, initiator_id) ON DELETE RESTRICT;

--
-- Name: escrow_transactions escrow_transactions_initiator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.escrow_transactions
    ADD CONSTRAINT escrow_transactions_initiator_id_fkey FOREIGN KEY (initiator_id) REFERENCES public.initiator_profiles(id) ON DELETE RESTRICT;

--
-- Name: escrow_transactions escrow_transactions_milestone_fk; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.escrow_transactions
    ADD CONSTRAINT escrow_transactions_milestone_fk FOREIGN KEY (milestone_id, mission_id) REFERENCES public.milestones(id, mission_id) ON DELETE RESTRICT;

--
-- Name: escrow_transactions escrow_transactions_mission_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.escrow_transactions
    ADD CONSTRAINT escrow_transactions_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE RESTRICT;

--
-- Name: initiator_private_details initiator_private_details_initiator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.initiator_private_details
    ADD CONSTRAINT initiator_private_details_initiator_id_fkey FOREIGN KEY (initiator_id) REFERENCES public.initiator_profiles(id) ON DELETE CASCADE;

--
-- Name: initiator_profiles initiator_profiles_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.initiator_profiles
    ADD CONSTRAINT initiator_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: listed_missions listed_missions_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.listed_missions
    ADD CONSTRAINT listed_missions_id_fkey FOREIGN KEY (id) REFERENCES public.missions(id) ON DELETE CASCADE;

--
-- Name: messages messages_conversation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES public.conversations(id) ON DELETE CASCADE;

--
-- Name: messages messages_sender_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_sender_id_fkey FOREIGN KEY (sender_id) REFERENCES public.profiles(id) ON DELETE RESTRICT;

--
-- Name: milestone_payouts milestone_payouts_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.milestone_payouts
    ADD CONSTRAINT milestone_payouts_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE RESTRICT;

--
-- Name: milestone_payouts milestone_payouts_milestone_fk; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.milestone_payouts
    ADD CONSTRAINT milestone_payouts_milestone_fk FOREIGN KEY (milestone_id, mission_id) REFERENCES public.milestones(id, mission_id) ON DELETE RESTRICT;

--
-- Name: milestones milestones_mission_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT milestones_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE CASCADE;

--
-- Name: mission_applications mission_applications_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_applications
    ADD CONSTRAINT mission_applications_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE RESTRICT;

--
-- Name: mission_applications mission_applications_mission_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_applications
    ADD CONSTRAINT mission_applications_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE CASCADE;

--
-- Name: mission_assignments mission_assignments_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_assignments
    ADD CONSTRAINT mission_assignments_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE RESTRICT;

--
-- Name: mission_assignments mission_assignments_mission_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_assignments
    ADD CONSTRAINT mission_assignments_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE CASCADE;

--
-- Name: mission_required_skills mission_required_skills_mission_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_required_skills
    ADD CONSTRAINT mission_required_skills_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE CASCADE;

--
-- Name: mission_required_skills mission_required_skills_skill_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.mission_required_skills
    ADD CONSTRAINT mission_required_skills_skill_id_fkey FOREIGN KEY (skill_id) REFERENCES public.skills(id) ON DELETE RESTRICT;

--
-- Name: missions missions_initiator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.missions
    ADD CONSTRAINT missions_initiator_id_fkey FOREIGN KEY (initiator_id) REFERENCES public.initiator_profiles(id) ON DELETE RESTRICT;

--
-- Name: notifications notifications_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: profiles profiles_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE;

--
-- Name: proof_task_grading_guides proof_task_grading_guides_task_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_task_grading_guides
    ADD CONSTRAINT proof_task_grading_guides_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.proof_tasks(id) ON DELETE CASCADE;

--
-- Name: proof_task_submissions proof_task_submissions_contributor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_task_submissions
    ADD CONSTRAINT proof_task_submissions_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES public.contributor_profiles(id) ON DELETE CASCADE;

--
-- Name: proof_task_submissions proof_task_submissions_evaluated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_task_submissions
    ADD CONSTRAINT proof_task_submissions_evaluated_by_fkey FOREIGN KEY (evaluated_by) REFERENCES public.profiles(id) ON DELETE SET NULL;

--
-- Name: proof_task_submissions proof_task_submissions_task_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_task_submissions
    ADD CONSTRAINT proof_task_submissions_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.proof_tasks(id) ON DELETE RESTRICT;

--
-- Name: proof_tasks proof_tasks_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.proof_tasks
    ADD CONSTRAINT proof_tasks_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id) ON DELETE SET NULL;

--
-- Name: reviews reviews_assignment_fk; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_assignment_fk FOREIGN KEY (assignment_id, mission_id) REFERENCES public.mission_assignments(id, mission_id) ON DELETE CASCADE;

--
-- Name: reviews reviews_mission_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_mission_id_fkey FOREIGN KEY (mission_id) REFERENCES public.missions(id) ON DELETE CASCADE;

--
-- Name: reviews reviews_reviewee_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_reviewee_id_fkey FOREIGN KEY (reviewee_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: reviews reviews_reviewer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

--
-- Name: work_submissions work_submissions_assignment_fk; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.work_submissions
    ADD CONSTRAINT work_submissions_assignment_fk FOREIGN KEY (assignment_id, mission_id) REFERENCES public.mission_assignments(id, mission_id) ON DELETE RESTRICT;

--
-- Name: work_submissions work_submissions_milestone_fk; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.work_submissions
    ADD CONSTRAINT work_submissions_milestone_fk FOREIGN KEY (mission_id, milestone_id) REFERENCES public.milestones(mission_id, id) ON DELETE CASCADE;

--
-- Name: account_deletions; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.account_deletions ENABLE ROW LEVEL SECURITY;

--
-- Name: background_check_events; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.background_check_events ENABLE ROW LEVEL SECURITY;

--
-- Name: domain_events; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.domain_events ENABLE ROW LEVEL SECURITY;

--
-- Name: jobs; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.jobs ENABLE ROW LEVEL SECURITY;

--
-- Name: lifecycle_timer_failures; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.lifecycle_timer_failures ENABLE ROW LEVEL SECURITY;

--
-- Name: match_contributors; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.match_contributors ENABLE ROW LEVEL SECURITY;

--
-- Name: match_popular_skills; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.match_popular_skills ENABLE ROW LEVEL SECURITY;

--
-- Name: match_skill_numbers; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.match_skill_numbers ENABLE ROW LEVEL SECURITY;

--
-- Name: match_skills; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.match_skills ENABLE ROW LEVEL SECURITY;

--
-- Name: mission_charges; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.mission_charges ENABLE ROW LEVEL SECURITY;

--
-- Name: primary_role_switches; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.primary_role_switches ENABLE ROW LEVEL SECURITY;

--
-- Name: proof_task_attempts; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.proof_task_attempts ENABLE ROW LEVEL SECURITY;

--
-- Name: rate_limit_counters; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.rate_limit_counters ENABLE ROW LEVEL SECURITY;

--
-- Name: reconciliation_findings; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.reconciliation_findings ENABLE ROW LEVEL SECURITY;

--
-- Name: settings; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.settings ENABLE ROW LEVEL SECURITY;

--
-- Name: stray_charges; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.stray_charges ENABLE ROW LEVEL SECURITY;

--
-- Name: stripe_events; Type: ROW SECURITY; Schema: private; Owner: postgres
--

ALTER TABLE private.stripe_events ENABLE ROW LEVEL SECURITY;

--
-- Name: contributor_skills Active contributors add their own skills; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active contributors add their own skills" ON public.contributor_skills FOR INSERT TO authenticated WITH CHECK (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) AND ( SELECT private.is_active() AS is_active) AND (EXISTS ( SELECT
   FROM public.skills s
  WHERE ((s.id = contributor_skills.skill_id) AND s.is_active)))));

--
-- Name: contributor_skills Active contributors change their own skills; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active contributors change their own skills" ON public.contributor_skills FOR UPDATE TO authenticated USING (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) AND ( SELECT private.is_active() AS is_active))) WITH CHECK ((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)));

--
-- Name: contributor_skills Active contributors remove their own skills; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active contributors remove their own skills" ON public.contributor_skills FOR DELETE TO authenticated USING (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) AND ( SELECT private.is_active() AS is_active)));

--
-- Name: contributor_private_details Active contributors update their own availability; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active contributors update their own availability" ON public.contributor_private_details FOR UPDATE TO authenticated USING (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) AND ( SELECT private.is_active() AS is_active))) WITH CHECK ((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)));

--
-- Name: contributor_profiles Active contributors update their own profile; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active contributors update their own profile" ON public.contributor_profiles FOR UPDATE TO authenticated USING (((user_id = ( SELECT private.uid() AS uid)) AND ( SELECT private.is_active() AS is_active))) WITH CHECK ((user_id = ( SELECT private.uid() AS uid)));

--
-- Name: mission_required_skills Active initiators add required skills to their drafts; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active initiators add required skills to their drafts" ON public.mission_required_skills FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_active() AS is_active) AND (EXISTS ( SELECT
   FROM public.missions m
  WHERE ((m.id = mission_required_skills.mission_id) AND (m.status = 'draft'::public.mission_status) AND (m.initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id)))))));

--
-- Name: mission_required_skills Active initiators change required skills of their drafts; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active initiators change required skills of their drafts" ON public.mission_required_skills FOR UPDATE TO authenticated USING ((( SELECT private.is_active() AS is_active) AND (EXISTS ( SELECT
   FROM public.missions m
  WHERE ((m.id = mission_required_skills.mission_id) AND (m.status = 'draft'::public.mission_status) AND (m.initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id)))))));

--
-- Name: milestones Active initiators edit milestones of their drafts; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active initiators edit milestones of their drafts" ON public.milestones FOR UPDATE TO authenticated USING ((( SELECT private.is_active() AS is_active) AND (EXISTS ( SELECT
   FROM public.missions m
  WHERE ((m.id = milestones.mission_id) AND (m.status = 'draft'::public.mission_status) AND (m.initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id)))))));

--
-- Name: missions Active initiators edit their own draft missions; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active initiators edit their own draft missions" ON public.missions FOR UPDATE TO authenticated USING (((initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id)) AND (status = 'draft'::public.mission_status) AND ( SELECT private.is_active() AS is_active))) WITH CHECK (((initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id)) AND (status = 'draft'::public.mission_status)));

--
-- Name: mission_required_skills Active initiators remove required skills from their drafts; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active initiators remove required skills from their drafts" ON public.mission_required_skills FOR DELETE TO authenticated USING ((( SELECT private.is_active() AS is_active) AND (EXISTS ( SELECT
   FROM public.missions m
  WHERE ((m.id = mission_required_skills.mission_id) AND (m.status = 'draft'::public.mission_status) AND (m.initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id)))))));

--
-- Name: initiator_profiles Active initiators update their own company information; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active initiators update their own company information" ON public.initiator_profiles FOR UPDATE TO authenticated USING (((user_id = ( SELECT private.uid() AS uid)) AND ( SELECT private.is_active() AS is_active))) WITH CHECK ((user_id = ( SELECT private.uid() AS uid)));

--
-- Name: messages Active participants send messages as themselves; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active participants send messages as themselves" ON public.messages FOR INSERT TO authenticated WITH CHECK (((sender_id = ( SELECT private.uid() AS uid)) AND (message_type = ANY (ARRAY['text'::public.message_type, 'file'::public.message_type])) AND (conversation_id = ANY (( SELECT private.my_conversation_ids() AS my_conversation_ids)::uuid[])) AND ( SELECT private.is_active() AS is_active)));

--
-- Name: notifications Active users delete their own notifications; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active users delete their own notifications" ON public.notifications FOR DELETE TO authenticated USING (((user_id = ( SELECT private.uid() AS uid)) AND ( SELECT private.is_active() AS is_active)));

--
-- Name: notifications Active users mark their own notifications read or archived; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active users mark their own notifications read or archived" ON public.notifications FOR UPDATE TO authenticated USING (((user_id = ( SELECT private.uid() AS uid)) AND ( SELECT private.is_active() AS is_active))) WITH CHECK ((user_id = ( SELECT private.uid() AS uid)));

--
-- Name: profiles Active users update their own profile; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Active users update their own profile" ON public.profiles FOR UPDATE TO authenticated USING (((id = ( SELECT private.uid() AS uid)) AND ( SELECT private.is_active() AS is_active))) WITH CHECK ((id = ( SELECT private.uid() AS uid)));

--
-- Name: proof_task_grading_guides Admins add grading guides; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins add grading guides" ON public.proof_task_grading_guides FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_admin() AS is_admin));

--
-- Name: proof_tasks Admins add proof tasks; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins add proof tasks" ON public.proof_tasks FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_admin() AS is_admin));

--
-- Name: skills Admins add skills; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins add skills" ON public.skills FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_admin() AS is_admin));

--
-- Name: proof_task_grading_guides Admins change grading guides; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins change grading guides" ON public.proof_task_grading_guides FOR UPDATE TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));

--
-- Name: proof_tasks Admins change proof tasks; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins change proof tasks" ON public.proof_tasks FOR UPDATE TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));

--
-- Name: skills Admins change skills; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins change skills" ON public.skills FOR UPDATE TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));

--
-- Name: proof_task_grading_guides Admins read grading guides; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins read grading guides" ON public.proof_task_grading_guides FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));

--
-- Name: audit_logs Admins read the audit log; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Admins read the audit log" ON public.audit_logs FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));

--
-- Name: missions Anyone reads listed missions; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Anyone reads listed missions" ON public.missions FOR SELECT TO anon USING ((listed_status IS NOT NULL));

--
-- Name: lifecycle_transitions Anyone reads the lifecycle; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Anyone reads the lifecycle" ON public.lifecycle_transitions FOR SELECT TO anon, authenticated USING (true);

--
-- Name: listed_missions Anyone reads the marketplace; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Anyone reads the marketplace" ON public.listed_missions FOR SELECT TO anon USING (true);

--
-- Name: milestones Anyone reads the milestones of listed missions; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Anyone reads the milestones of listed missions" ON public.milestones FOR SELECT TO anon USING (mission_listed);

--
-- Name: mission_required_skills Anyone reads the required skills of listed missions; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Anyone reads the required skills of listed missions" ON public.mission_required_skills FOR SELECT TO anon USING (mission_listed);

--
-- Name: skills Anyone reads the skills catalogue; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Anyone reads the skills catalogue" ON public.skills FOR SELECT TO anon USING (true);

--
-- Name: initiator_profiles Anyone sees initiators' public company information; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Anyone sees initiators' public company information" ON public.initiator_profiles FOR SELECT TO anon USING (true);

--
-- Name: mission_applications Applicants and the initiator see applications; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Applicants and the initiator see applications" ON public.mission_applications FOR SELECT TO authenticated USING (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) OR (mission_id = ANY (( SELECT private.my_initiated_mission_ids() AS my_initiated_mission_ids)::uuid[]))));

--
-- Name: proof_tasks Contributors see the tasks given to them; admins see all; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Contributors see the tasks given to them; admins see all" ON public.proof_tasks FOR SELECT TO authenticated USING (((EXISTS ( SELECT
   FROM public.proof_task_submissions s
  WHERE ((s.task_id = proof_tasks.id) AND (s.contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id))))) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: proof_task_submissions Contributors see their own answers; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Contributors see their own answers" ON public.proof_task_submissions FOR SELECT TO authenticated USING ((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)));

--
-- Name: contributor_private_details Contributors see their own private details; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Contributors see their own private details" ON public.contributor_private_details FOR SELECT TO authenticated USING ((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)));

--
-- Name: escrow_transactions Initiator and paid contributor read escrow entries; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Initiator and paid contributor read escrow entries" ON public.escrow_transactions FOR SELECT TO authenticated USING (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) OR (initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id))));

--
-- Name: initiator_private_details Initiators see their own private details; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Initiators see their own private details" ON public.initiator_private_details FOR SELECT TO authenticated USING ((initiator_id = ( SELECT private.my_initiator_id() AS my_initiator_id)));

--
-- Name: conversation_participants Participants move their own read marker; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Participants move their own read marker" ON public.conversation_participants FOR UPDATE TO authenticated USING (((user_id = ( SELECT private.uid() AS uid)) AND ( SELECT private.is_active() AS is_active))) WITH CHECK ((user_id = ( SELECT private.uid() AS uid)));

--
-- Name: messages Participants read the messages of their conversations; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Participants read the messages of their conversations" ON public.messages FOR SELECT TO authenticated USING ((conversation_id = ANY (( SELECT private.my_conversation_ids() AS my_conversation_ids)::uuid[])));

--
-- Name: conversations Participants see their conversations; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Participants see their conversations" ON public.conversations FOR SELECT TO authenticated USING ((id = ANY (( SELECT private.my_conversation_ids() AS my_conversation_ids)::uuid[])));

--
-- Name: conversation_participants Participants see who else is in their conversations; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Participants see who else is in their conversations" ON public.conversation_participants FOR SELECT TO authenticated USING ((conversation_id = ANY (( SELECT private.my_conversation_ids() AS my_conversation_ids)::uuid[])));

--
-- Name: milestone_payouts Payees, the initiator and admins see payout parts; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Payees, the initiator and admins see payout parts" ON public.milestone_payouts FOR SELECT TO authenticated USING (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) OR (mission_id = ANY (( SELECT private.my_initiated_mission_ids() AS my_initiated_mission_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: missions Signed-in users read listed, own and team missions; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users read listed, own and team missions" ON public.missions FOR SELECT TO authenticated USING (((listed_status IS NOT NULL) OR (id = ANY (( SELECT private.my_mission_ids() AS my_mission_ids)::uuid[]))));

--
-- Name: mission_required_skills Signed-in users read required skills of missions they can see; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users read required skills of missions they can see" ON public.mission_required_skills FOR SELECT TO authenticated USING ((mission_listed OR (mission_id = ANY (( SELECT private.my_mission_ids() AS my_mission_ids)::uuid[]))));

--
-- Name: reviews Signed-in users read reviews (they are public reputation); Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users read reviews (they are public reputation)" ON public.reviews FOR SELECT TO authenticated USING ((( SELECT private.is_active() AS is_active) OR (reviewer_id = ( SELECT private.uid() AS uid)) OR (reviewee_id = ( SELECT private.uid() AS uid))));

--
-- Name: listed_missions Signed-in users read the marketplace; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users read the marketplace" ON public.listed_missions FOR SELECT TO authenticated USING (true);

--
-- Name: milestones Signed-in users read the milestones of missions they can see; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users read the milestones of missions they can see" ON public.milestones FOR SELECT TO authenticated USING ((mission_listed OR (mission_id = ANY (( SELECT private.my_mission_ids() AS my_mission_ids)::uuid[]))));

--
-- Name: skills Signed-in users read the skills catalogue; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users read the skills catalogue" ON public.skills FOR SELECT TO authenticated USING (true);

--
-- Name: profiles Signed-in users see active profiles, their own; admins all; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users see active profiles, their own; admins all" ON public.profiles FOR SELECT TO authenticated USING ((((account_status = 'active'::public.account_status) AND ( SELECT private.is_active() AS is_active)) OR (id = ( SELECT private.uid() AS uid)) OR ( SELECT private.is_admin() AS is_admin)));

--
-- Name: contributor_profiles Signed-in users see contributor profiles; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users see contributor profiles" ON public.contributor_profiles FOR SELECT TO authenticated USING ((( SELECT private.is_active() AS is_active) OR (user_id = ( SELECT private.uid() AS uid))));

--
-- Name: contributor_skills Signed-in users see contributors' skills; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users see contributors' skills" ON public.contributor_skills FOR SELECT TO authenticated USING ((( SELECT private.is_active() AS is_active) OR (contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id))));

--
-- Name: initiator_profiles Signed-in users see initiators' public company information; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Signed-in users see initiators' public company information" ON public.initiator_profiles FOR SELECT TO authenticated USING (true);

--
-- Name: profiles Supabase Auth reads roles and account status for access tokens; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Supabase Auth reads roles and account status for access tokens" ON public.profiles FOR SELECT TO supabase_auth_admin USING (true);

--
-- Name: work_submissions The team and the initiator see work submissions; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "The team and the initiator see work submissions" ON public.work_submissions FOR SELECT TO authenticated USING ((((mission_id = ANY (( SELECT private.my_team_mission_ids() AS my_team_mission_ids)::uuid[])) AND ( SELECT private.is_active() AS is_active)) OR (mission_id = ANY (( SELECT private.my_initiated_mission_ids() AS my_initiated_mission_ids)::uuid[]))));

--
-- Name: mission_assignments The team and the mission's initiator see assignments; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "The team and the mission's initiator see assignments" ON public.mission_assignments FOR SELECT TO authenticated USING (((contributor_id = ( SELECT private.my_contributor_id() AS my_contributor_id)) OR ((mission_id = ANY (( SELECT private.my_team_mission_ids() AS my_team_mission_ids)::uuid[])) AND ( SELECT private.is_active() AS is_active)) OR (mission_id = ANY (( SELECT private.my_initiated_mission_ids() AS my_initiated_mission_ids)::uuid[]))));

--
-- Name: notifications Users see their own notifications until they expire; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY "Users see their own notifications until they expire" ON public.notifications FOR SELECT TO authenticated USING (((user_id = ( SELECT private.uid() AS uid)) AND ((expires_at IS NULL) OR (expires_at > now()))));

--
-- Name: audit_logs; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.audit_logs ENABLE ROW LEVEL SECURITY;

--
-- Name: contributor_private_details; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.contributor_private_details ENABLE ROW LEVEL SECURITY;

--
-- Name: contributor_profiles; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.contributor_profiles ENABLE ROW LEVEL SECURITY;

--
-- Name: contributor_skills; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.contributor_skills ENABLE ROW LEVEL SECURITY;

--
-- Name: conversation_participants; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.conversation_participants ENABLE ROW LEVEL SECURITY;

--
-- Name: conversations; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.conversations ENABLE ROW LEVEL SECURITY;

--
-- Name: escrow_transactions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.escrow_transactions ENABLE ROW LEVEL SECURITY;

--
-- Name: initiator_private_details; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.initiator_private_details ENABLE ROW LEVEL SECURITY;

--
-- Name: initiator_profiles; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.initiator_profiles ENABLE ROW LEVEL SECURITY;

--
-- Name: lifecycle_transitions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.lifecycle_transitions ENABLE ROW LEVEL SECURITY;

--
-- Name: listed_missions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.listed_missions ENABLE ROW LEVEL SECURITY;

--
-- Name: messages; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;

--
-- Name: milestone_payouts; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.milestone_payouts ENABLE ROW LEVEL SECURITY;

--
-- Name: milestones; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.milestones ENABLE ROW LEVEL SECURITY;

--
-- Name: mission_applications; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.mission_applications ENABLE ROW LEVEL SECURITY;

--
-- Name: mission_assignments; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.mission_assignments ENABLE ROW LEVEL SECURITY;

--
-- Name: mission_required_skills; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.mission_required_skills ENABLE ROW LEVEL SECURITY;

--
-- Name: missions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.missions ENABLE ROW LEVEL SECURITY;

--
-- Name: notifications; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;

--
-- Name: profiles; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;

--
-- Name: proof_task_grading_guides; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.proof_task_grading_guides ENABLE ROW LEVEL SECURITY;

--
-- Name: proof_task_submissions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.proof_task_submissions ENABLE ROW LEVEL SECURITY;

--
-- Name: proof_tasks; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.proof_tasks ENABLE ROW LEVEL SECURITY;

--
-- Name: reviews; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.reviews ENABLE ROW LEVEL SECURITY;

--
-- Name: skills; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.skills ENABLE ROW LEVEL SECURITY;

--
-- Name: work_submissions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.work_submissions ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA private; Type: ACL; Schema: -; Owner: postgres
--

GRANT USAGE ON SCHEMA private TO anon;
GRANT USAGE ON SCHEMA private TO authenticated;
GRANT USAGE ON SCHEMA private TO service_role;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: pg_database_owner
--

GRANT USAGE ON SCHEMA public TO postgres;
GRANT USAGE ON SCHEMA public TO anon;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT USAGE ON SCHEMA public TO service_role;
GRANT USAGE ON SCHEMA public TO supabase_auth_admin;

--
-- Name: FUNCTION mission_types(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mission_types() FROM PUBLIC;
GRANT ALL ON FUNCTION private.mission_types() TO anon;
GRANT ALL ON FUNCTION private.mission_types() TO authenticated;
GRANT ALL ON FUNCTION private.mission_types() TO service_role;

--
-- Name: TABLE mission_applications; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.mission_applications TO service_role;
GRANT SELECT ON TABLE public.mission_applications TO authenticated;

--
-- Name: FUNCTION accept_application(application_id uuid, role public.assignment_role); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.accept_application(application_id uuid, role public.assignment_role) FROM PUBLIC;
GRANT ALL ON FUNCTION private.accept_application(application_id uuid, role public.assignment_role) TO authenticated;
GRANT ALL ON FUNCTION private.accept_application(application_id uuid, role public.assignment_role) TO service_role;

--
-- Name: TABLE mission_assignments; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.mission_assignments TO service_role;
GRANT SELECT ON TABLE public.mission_assignments TO authenticated;

--
-- Name: FUNCTION accept_invitation(assignment_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.accept_invitation(assignment_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.accept_invitation(assignment_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.accept_invitation(assignment_id uuid) TO service_role;

--
-- Name: FUNCTION account_deletion_blocker(user_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.account_deletion_blocker(user_id uuid) FROM PUBLIC;

--
-- Name: TABLE missions; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.missions TO service_role;

--
-- Name: COLUMN missions.id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(id) ON TABLE public.missions TO anon;
GRANT SELECT(id) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.initiator_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(initiator_id) ON TABLE public.missions TO anon;
GRANT SELECT(initiator_id) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.title; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(title) ON TABLE public.missions TO anon;
GRANT SELECT(title),UPDATE(title) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.slug; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(slug) ON TABLE public.missions TO anon;
GRANT SELECT(slug) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.description; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(description) ON TABLE public.missions TO anon;
GRANT SELECT(description),UPDATE(description) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.problem_statement; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(problem_statement) ON TABLE public.missions TO anon;
GRANT SELECT(problem_statement),UPDATE(problem_statement) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.success_criteria; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(success_criteria) ON TABLE public.missions TO anon;
GRANT SELECT(success_criteria),UPDATE(success_criteria) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.type; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(type) ON TABLE public.missions TO anon;
GRANT SELECT(type),UPDATE(type) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.complexity; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(complexity) ON TABLE public.missions TO anon;
GRANT SELECT(complexity),UPDATE(complexity) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.budget_min_cents; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(budget_min_cents) ON TABLE public.missions TO anon;
GRANT SELECT(budget_min_cents),UPDATE(budget_min_cents) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.budget_max_cents; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(budget_max_cents) ON TABLE public.missions TO anon;
GRANT SELECT(budget_max_cents),UPDATE(budget_max_cents) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.currency; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(currency) ON TABLE public.missions TO anon;
GRANT SELECT(currency) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.platform_fee_bps; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(platform_fee_bps) ON TABLE public.missions TO anon;
GRANT SELECT(platform_fee_bps) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.lead_share_bps; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(lead_share_bps) ON TABLE public.missions TO anon;
GRANT SELECT(lead_share_bps) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.shadow_share_bps; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(shadow_share_bps) ON TABLE public.missions TO anon;
GRANT SELECT(shadow_share_bps) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.core_reviewer_share_bps; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(core_reviewer_share_bps) ON TABLE public.missions TO anon;
GRANT SELECT(core_reviewer_share_bps) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.estimated_duration_days; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(estimated_duration_days) ON TABLE public.missions TO anon;
GRANT SELECT(estimated_duration_days),UPDATE(estimated_duration_days) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.deadline; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(deadline) ON TABLE public.missions TO anon;
GRANT SELECT(deadline),UPDATE(deadline) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.max_lead_contributors; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(max_lead_contributors) ON TABLE public.missions TO anon;
GRANT SELECT(max_lead_contributors),UPDATE(max_lead_contributors) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.max_shadow_contributors; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(max_shadow_contributors) ON TABLE public.missions TO anon;
GRANT SELECT(max_shadow_contributors),UPDATE(max_shadow_contributors) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.requires_core_reviewer; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(requires_core_reviewer) ON TABLE public.missions TO anon;
GRANT SELECT(requires_core_reviewer),UPDATE(requires_core_reviewer) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.status; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(status) ON TABLE public.missions TO anon;
GRANT SELECT(status) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.is_public; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(is_public) ON TABLE public.missions TO anon;
GRANT SELECT(is_public),UPDATE(is_public) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.featured; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(featured) ON TABLE public.missions TO anon;
GRANT SELECT(featured) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.created_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(created_at) ON TABLE public.missions TO anon;
GRANT SELECT(created_at) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.updated_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(updated_at) ON TABLE public.missions TO anon;
GRANT SELECT(updated_at) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.published_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(published_at) ON TABLE public.missions TO anon;
GRANT SELECT(published_at) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.started_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(started_at) ON TABLE public.missions TO anon;
GRANT SELECT(started_at) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.completed_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(completed_at) ON TABLE public.missions TO anon;
GRANT SELECT(completed_at) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.cancelled_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(cancelled_at) ON TABLE public.missions TO anon;
GRANT SELECT(cancelled_at) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.cancellation_reason; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(cancellation_reason) ON TABLE public.missions TO anon;
GRANT SELECT(cancellation_reason) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.disputed_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(disputed_at) ON TABLE public.missions TO anon;
GRANT SELECT(disputed_at) ON TABLE public.missions TO authenticated;

--
-- Name: COLUMN missions.listed_status; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(listed_status) ON TABLE public.missions TO anon;
GRANT SELECT(listed_status) ON TABLE public.missions TO authenticated;

--
-- Name: FUNCTION add_to_team(m public.missions, contributor_id uuid, role public.assignment_role, status public.assignment_status); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.add_to_team(m public.missions, contributor_id uuid, role public.assignment_role, status public.assignment_status) FROM PUBLIC;

--
-- Name: FUNCTION admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) TO authenticated;
GRANT ALL ON FUNCTION private.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) TO service_role;

--
-- Name: FUNCTION admin_delete_account(user_id uuid, reason text, force boolean); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_delete_account(user_id uuid, reason text, force boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_delete_account(user_id uuid, reason text, force boolean) TO authenticated;
GRANT ALL ON FUNCTION private.admin_delete_account(user_id uuid, reason text, force boolean) TO service_role;

--
-- Name: FUNCTION admin_feature_mission(mission_id uuid, featured boolean); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_feature_mission(mission_id uuid, featured boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_feature_mission(mission_id uuid, featured boolean) TO authenticated;
GRANT ALL ON FUNCTION private.admin_feature_mission(mission_id uuid, featured boolean) TO service_role;

--
-- Name: FUNCTION admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) TO authenticated;
GRANT ALL ON FUNCTION private.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) TO service_role;

--
-- Name: FUNCTION admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) TO authenticated;
GRANT ALL ON FUNCTION private.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) TO service_role;

--
-- Name: FUNCTION admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) TO authenticated;
GRANT ALL ON FUNCTION private.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) TO service_role;

--
-- Name: FUNCTION admin_reconciliation(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_reconciliation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_reconciliation() TO authenticated;
GRANT ALL ON FUNCTION private.admin_reconciliation() TO service_role;

--
-- Name: FUNCTION admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) TO authenticated;
GRANT ALL ON FUNCTION private.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) TO service_role;

--
-- Name: TABLE initiator_profiles; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.initiator_profiles TO service_role;
GRANT SELECT ON TABLE public.initiator_profiles TO anon;
GRANT SELECT ON TABLE public.initiator_profiles TO authenticated;

--
-- Name: COLUMN initiator_profiles.company_name; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(company_name) ON TABLE public.initiator_profiles TO authenticated;

--
-- Name: COLUMN initiator_profiles.company_url; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(company_url) ON TABLE public.initiator_profiles TO authenticated;

--
-- Name: COLUMN initiator_profiles.company_size; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(company_size) ON TABLE public.initiator_profiles TO authenticated;

--
-- Name: COLUMN initiator_profiles.industry; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(industry) ON TABLE public.initiator_profiles TO authenticated;

--
-- Name: FUNCTION admin_verify_company(initiator_id uuid, verified boolean, note text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.admin_verify_company(initiator_id uuid, verified boolean, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.admin_verify_company(initiator_id uuid, verified boolean, note text) TO authenticated;
GRANT ALL ON FUNCTION private.admin_verify_company(initiator_id uuid, verified boolean, note text) TO service_role;

--
-- Name: FUNCTION after_cancel(m public.missions, reason text, before public.mission_status); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.after_cancel(m public.missions, reason text, before public.mission_status) FROM PUBLIC;

--
-- Name: FUNCTION after_complete(m public.missions); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.after_complete(m public.missions) FROM PUBLIC;

--
-- Name: FUNCTION after_lead_paid(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.after_lead_paid(milestone_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION anonymize_account(user_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.anonymize_account(user_id uuid, reason text) FROM PUBLIC;

--
-- Name: FUNCTION application_actors(app public.mission_applications); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.application_actors(app public.mission_applications) FROM PUBLIC;

--
-- Name: FUNCTION apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) TO authenticated;
GRANT ALL ON FUNCTION private.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) TO service_role;

--
-- Name: TABLE milestones; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.milestones TO service_role;
GRANT SELECT ON TABLE public.milestones TO anon;
GRANT SELECT ON TABLE public.milestones TO authenticated;

--
-- Name: COLUMN milestones.title; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(title) ON TABLE public.milestones TO authenticated;

--
-- Name: COLUMN milestones.description; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(description) ON TABLE public.milestones TO authenticated;

--
-- Name: COLUMN milestones.order_index; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(order_index) ON TABLE public.milestones TO authenticated;

--
-- Name: COLUMN milestones.amount_cents; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(amount_cents) ON TABLE public.milestones TO authenticated;

--
-- Name: COLUMN milestones.due_date; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(due_date) ON TABLE public.milestones TO authenticated;

--
-- Name: FUNCTION approve_delivered(ms public.milestones, m public.missions, actors text[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.approve_delivered(ms public.milestones, m public.missions, actors text[]) FROM PUBLIC;

--
-- Name: FUNCTION approve_milestone(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.approve_milestone(milestone_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.approve_milestone(milestone_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.approve_milestone(milestone_id uuid) TO service_role;

--
-- Name: TABLE notifications; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.notifications TO service_role;
GRANT SELECT,DELETE ON TABLE public.notifications TO authenticated;

--
-- Name: COLUMN notifications.is_read; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(is_read) ON TABLE public.notifications TO authenticated;

--
-- Name: COLUMN notifications.is_archived; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(is_archived) ON TABLE public.notifications TO authenticated;

--
-- Name: COLUMN notifications.read_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(read_at) ON TABLE public.notifications TO authenticated;

--
-- Name: FUNCTION archive_notification(notification_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.archive_notification(notification_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.archive_notification(notification_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.archive_notification(notification_id uuid) TO service_role;

--
-- Name: FUNCTION are_http_urls(urls text[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.are_http_urls(urls text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.are_http_urls(urls text[]) TO authenticated;
GRANT ALL ON FUNCTION private.are_http_urls(urls text[]) TO service_role;

--
-- Name: FUNCTION assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) FROM PUBLIC;
GRANT ALL ON FUNCTION private.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO authenticated;
GRANT ALL ON FUNCTION private.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO service_role;

--
-- Name: FUNCTION assignment_actors(a public.mission_assignments); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.assignment_actors(a public.mission_assignments) FROM PUBLIC;

--
-- Name: FUNCTION audit(action text, entity_type text, entity_id uuid, old_values jsonb, new_values jsonb, metadata jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.audit(action text, entity_type text, entity_id uuid, old_values jsonb, new_values jsonb, metadata jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.audit(action text, entity_type text, entity_id uuid, old_values jsonb, new_values jsonb, metadata jsonb) TO service_role;

--
-- Name: FUNCTION availability_cp(free_hours integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.availability_cp(free_hours integer) FROM PUBLIC;

--
-- Name: TABLE profiles; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.profiles TO service_role;

--
-- Name: COLUMN profiles.id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(id) ON TABLE public.profiles TO authenticated;
GRANT SELECT(id) ON TABLE public.profiles TO supabase_auth_admin;

--
-- Name: COLUMN profiles.full_name; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(full_name),UPDATE(full_name) ON TABLE public.profiles TO authenticated;

--
-- Name: COLUMN profiles.avatar_url; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(avatar_url),UPDATE(avatar_url) ON TABLE public.profiles TO authenticated;

--
-- Name: COLUMN profiles.primary_role; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(primary_role) ON TABLE public.profiles TO authenticated;
GRANT SELECT(primary_role) ON TABLE public.profiles TO supabase_auth_admin;

--
-- Name: COLUMN profiles.account_status; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(account_status) ON TABLE public.profiles TO authenticated;
GRANT SELECT(account_status) ON TABLE public.profiles TO supabase_auth_admin;

--
-- Name: COLUMN profiles.created_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(created_at) ON TABLE public.profiles TO authenticated;

--
-- Name: COLUMN profiles.updated_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(updated_at) ON TABLE public.profiles TO authenticated;

--
-- Name: COLUMN profiles.email_opt_outs; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(email_opt_outs) ON TABLE public.profiles TO authenticated;

--
-- Name: FUNCTION ban_user(user_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.ban_user(user_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.ban_user(user_id uuid, reason text) TO authenticated;
GRANT ALL ON FUNCTION private.ban_user(user_id uuid, reason text) TO service_role;

--
-- Name: FUNCTION can_upload_work_file(name text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.can_upload_work_file(name text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.can_upload_work_file(name text) TO authenticated;
GRANT ALL ON FUNCTION private.can_upload_work_file(name text) TO service_role;

--
-- Name: FUNCTION cancel_mission(mission_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.cancel_mission(mission_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.cancel_mission(mission_id uuid, reason text) TO authenticated;
GRANT ALL ON FUNCTION private.cancel_mission(mission_id uuid, reason text) TO service_role;

--
-- Name: FUNCTION candidate_breakdowns(mission_id uuid, max_rows integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.candidate_breakdowns(mission_id uuid, max_rows integer) FROM PUBLIC;

--
-- Name: FUNCTION charge_unspent(payment_intent_id text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.charge_unspent(payment_intent_id text) FROM PUBLIC;

--
-- Name: FUNCTION check_milestone_payouts(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.check_milestone_payouts(milestone_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_milestone_payouts(milestone_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.check_milestone_payouts(milestone_id uuid) TO service_role;

--
-- Name: FUNCTION check_payout_split(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.check_payout_split(milestone_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_payout_split(milestone_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.check_payout_split(milestone_id uuid) TO service_role;

--
-- Name: FUNCTION check_rate_limit(key text, max_hits integer, window_seconds integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.check_rate_limit(key text, max_hits integer, window_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_rate_limit(key text, max_hits integer, window_seconds integer) TO service_role;

--
-- Name: FUNCTION check_request(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.check_request() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_request() TO anon;
GRANT ALL ON FUNCTION private.check_request() TO authenticated;
GRANT ALL ON FUNCTION private.check_request() TO service_role;

--
-- Name: FUNCTION check_search(search text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.check_search(search text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_search(search text) TO authenticated;
GRANT ALL ON FUNCTION private.check_search(search text) TO service_role;

--
-- Name: FUNCTION choose_primary_role(role public.user_role); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.choose_primary_role(role public.user_role) FROM PUBLIC;
GRANT ALL ON FUNCTION private.choose_primary_role(role public.user_role) TO authenticated;

--
-- Name: TABLE jobs; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.jobs TO service_role;

--
-- Name: FUNCTION claim_jobs(kind text, max_jobs integer, lease_seconds integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.claim_jobs(kind text, max_jobs integer, lease_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.claim_jobs(kind text, max_jobs integer, lease_seconds integer) TO service_role;

--
-- Name: FUNCTION client_ip(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.client_ip() FROM PUBLIC;

--
-- Name: FUNCTION client_ip_from(headers jsonb, header text, trusted_hops integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.client_ip_from(headers jsonb, header text, trusted_hops integer) FROM PUBLIC;

--
-- Name: FUNCTION client_ip_key(ip inet); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.client_ip_key(ip inet) FROM PUBLIC;

--
-- Name: FUNCTION clock(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.clock() FROM PUBLIC;

--
-- Name: FUNCTION close_milestones(mission_id uuid, outcome text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.close_milestones(mission_id uuid, outcome text) FROM PUBLIC;

--
-- Name: FUNCTION close_open_applications(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.close_open_applications(mission_id uuid) FROM PUBLIC;

--
-- Name: TABLE escrow_transactions; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.escrow_transactions TO service_role;
GRANT SELECT ON TABLE public.escrow_transactions TO authenticated;

--
-- Name: FUNCTION complete_deposit(payment_intent_id text, charge_id text, amount_cents bigint, currency text, mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.complete_deposit(payment_intent_id text, charge_id text, amount_cents bigint, currency text, mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.complete_deposit(payment_intent_id text, charge_id text, amount_cents bigint, currency text, mission_id uuid) TO service_role;

--
-- Name: FUNCTION complete_job(job_id bigint); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.complete_job(job_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION private.complete_job(job_id bigint) TO service_role;

--
-- Name: FUNCTION consent_to_background_check(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.consent_to_background_check() FROM PUBLIC;
GRANT ALL ON FUNCTION private.consent_to_background_check() TO authenticated;

--
-- Name: FUNCTION contributor_in_good_standing(contributor_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.contributor_in_good_standing(contributor_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION contributor_user(contributor_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.contributor_user(contributor_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) TO authenticated;
GRANT ALL ON FUNCTION private.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) TO service_role;

--
-- Name: FUNCTION create_role_profile(user_id uuid, role public.user_role); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.create_role_profile(user_id uuid, role public.user_role) FROM PUBLIC;

--
-- Name: FUNCTION decline_invitation(assignment_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.decline_invitation(assignment_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.decline_invitation(assignment_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.decline_invitation(assignment_id uuid) TO service_role;

--
-- Name: FUNCTION uid(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.uid() FROM PUBLIC;
GRANT ALL ON FUNCTION private.uid() TO anon;
GRANT ALL ON FUNCTION private.uid() TO authenticated;
GRANT ALL ON FUNCTION private.uid() TO service_role;

--
-- Name: TABLE messages; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.messages TO service_role;
GRANT SELECT ON TABLE public.messages TO authenticated;

--
-- Name: COLUMN messages.conversation_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(conversation_id) ON TABLE public.messages TO authenticated;

--
-- Name: COLUMN messages.content; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(content) ON TABLE public.messages TO authenticated;

--
-- Name: COLUMN messages.message_type; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(message_type) ON TABLE public.messages TO authenticated;

--
-- Name: COLUMN messages.attachments; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(attachments) ON TABLE public.messages TO authenticated;

--
-- Name: FUNCTION delete_message(message_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.delete_message(message_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.delete_message(message_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.delete_message(message_id uuid) TO service_role;

--
-- Name: FUNCTION delete_my_account(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.delete_my_account() FROM PUBLIC;
GRANT ALL ON FUNCTION private.delete_my_account() TO authenticated;
GRANT ALL ON FUNCTION private.delete_my_account() TO service_role;

--
-- Name: FUNCTION delete_notification(notification_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.delete_notification(notification_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.delete_notification(notification_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.delete_notification(notification_id uuid) TO service_role;

--
-- Name: FUNCTION deployment_check(on_day date); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.deployment_check(on_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.deployment_check(on_day date) TO service_role;

--
-- Name: FUNCTION dispute_may_return(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.dispute_may_return(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION edit_message(message_id uuid, content text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.edit_message(message_id uuid, content text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.edit_message(message_id uuid, content text) TO authenticated;
GRANT ALL ON FUNCTION private.edit_message(message_id uuid, content text) TO service_role;

--
-- Name: FUNCTION emit(event text, mission_id uuid, entity_type text, entity_id uuid, payload jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.emit(event text, mission_id uuid, entity_type text, entity_id uuid, payload jsonb) FROM PUBLIC;

--
-- Name: FUNCTION enforce_rate_limit(key text, max_hits integer, window_seconds integer, message text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.enforce_rate_limit(key text, max_hits integer, window_seconds integer, message text) FROM PUBLIC;

--
-- Name: FUNCTION enqueue_job(kind text, payload jsonb, dedupe_key text, run_after timestamp with time zone); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.enqueue_job(kind text, payload jsonb, dedupe_key text, run_after timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.enqueue_job(kind text, payload jsonb, dedupe_key text, run_after timestamp with time zone) TO service_role;

--
-- Name: FUNCTION escrow_balance(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.escrow_balance(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.escrow_balance(mission_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.escrow_balance(mission_id uuid) TO service_role;

--
-- Name: FUNCTION escrow_needed(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.escrow_needed(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION expected_years(complexity public.mission_complexity); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.expected_years(complexity public.mission_complexity) FROM PUBLIC;

--
-- Name: FUNCTION experience_cp(years_experience integer, missions_completed integer, complexity public.mission_complexity); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.experience_cp(years_experience integer, missions_completed integer, complexity public.mission_complexity) FROM PUBLIC;

--
-- Name: FUNCTION export_my_data(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.export_my_data() FROM PUBLIC;
GRANT ALL ON FUNCTION private.export_my_data() TO authenticated;
GRANT ALL ON FUNCTION private.export_my_data() TO service_role;

--
-- Name: FUNCTION fail_deposit(payment_intent_id text, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.fail_deposit(payment_intent_id text, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.fail_deposit(payment_intent_id text, reason text) TO service_role;

--
-- Name: FUNCTION fail_job(job_id bigint, error text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.fail_job(job_id bigint, error text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.fail_job(job_id bigint, error text) TO service_role;

--
-- Name: FUNCTION fail_stripe_event(event_id text, error text, permanent boolean, max_attempts integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.fail_stripe_event(event_id text, error text, permanent boolean, max_attempts integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.fail_stripe_event(event_id text, error text, permanent boolean, max_attempts integer) TO service_role;

--
-- Name: FUNCTION finish_stripe_event(event_id text, error text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.finish_stripe_event(event_id text, error text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.finish_stripe_event(event_id text, error text) TO service_role;

--
-- Name: FUNCTION get_current_proof_task(category text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.get_current_proof_task(category text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.get_current_proof_task(category text) TO authenticated;
GRANT ALL ON FUNCTION private.get_current_proof_task(category text) TO service_role;

--
-- Name: TABLE proof_task_submissions; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.proof_task_submissions TO service_role;
GRANT SELECT ON TABLE public.proof_task_submissions TO authenticated;

--
-- Name: FUNCTION grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) TO authenticated;
GRANT ALL ON FUNCTION private.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) TO service_role;

--
-- Name: FUNCTION guard(machine text, action text, current text, actors text[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.guard(machine text, action text, current text, actors text[]) FROM PUBLIC;

--
-- Name: FUNCTION importance_weight(importance public.skill_importance); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.importance_weight(importance public.skill_importance) FROM PUBLIC;

--
-- Name: FUNCTION invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) FROM PUBLIC;
GRANT ALL ON FUNCTION private.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO authenticated;
GRANT ALL ON FUNCTION private.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO service_role;

--
-- Name: FUNCTION is_active(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.is_active() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_active() TO authenticated;
GRANT ALL ON FUNCTION private.is_active() TO service_role;

--
-- Name: FUNCTION is_admin(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.is_admin() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_admin() TO authenticated;
GRANT ALL ON FUNCTION private.is_admin() TO service_role;

--
-- Name: FUNCTION is_platform(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.is_platform() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_platform() TO authenticated;
GRANT ALL ON FUNCTION private.is_platform() TO service_role;

--
-- Name: FUNCTION journal_stripe_event(event jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.journal_stripe_event(event jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.journal_stripe_event(event jsonb) TO service_role;

--
-- Name: FUNCTION lead_paid(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.lead_paid(milestone_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION list_my_sessions(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.list_my_sessions() FROM PUBLIC;
GRANT ALL ON FUNCTION private.list_my_sessions() TO authenticated;

--
-- Name: TABLE listed_missions; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.listed_missions TO service_role;
GRANT SELECT ON TABLE public.listed_missions TO anon;
GRANT SELECT ON TABLE public.listed_missions TO authenticated;

--
-- Name: FUNCTION listed_mission_cards(mission_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.listed_mission_cards(mission_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION lock_application(application_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.lock_application(application_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION lock_assignment(assignment_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.lock_assignment(assignment_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION lock_milestone(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.lock_milestone(milestone_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION lock_mission(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.lock_mission(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION mark_all_notifications_read(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mark_all_notifications_read() FROM PUBLIC;
GRANT ALL ON FUNCTION private.mark_all_notifications_read() TO authenticated;
GRANT ALL ON FUNCTION private.mark_all_notifications_read() TO service_role;

--
-- Name: FUNCTION mark_conversation_read(conversation_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mark_conversation_read(conversation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.mark_conversation_read(conversation_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.mark_conversation_read(conversation_id uuid) TO service_role;

--
-- Name: FUNCTION mark_milestone_paid(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mark_milestone_paid(milestone_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.mark_milestone_paid(milestone_id uuid) TO service_role;

--
-- Name: FUNCTION mark_mission_funded(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mark_mission_funded(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.mark_mission_funded(mission_id uuid) TO service_role;

--
-- Name: FUNCTION mark_notification_read(notification_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mark_notification_read(notification_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.mark_notification_read(notification_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.mark_notification_read(notification_id uuid) TO service_role;

--
-- Name: FUNCTION match_candidates(mission_id uuid, max_results integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.match_candidates(mission_id uuid, max_results integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.match_candidates(mission_id uuid, max_results integer) TO authenticated;
GRANT ALL ON FUNCTION private.match_candidates(mission_id uuid, max_results integer) TO service_role;

--
-- Name: FUNCTION match_power_formula(best_five_credit integer, years_experience integer, missions_completed integer, trust_score integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.match_power_formula(best_five_credit integer, years_experience integer, missions_completed integer, trust_score integer) FROM PUBLIC;

--
-- Name: FUNCTION matching_facts(contributor_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.matching_facts(contributor_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION milestone_released(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.milestone_released(milestone_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION milestone_unreserved(milestone_id uuid, amount_cents bigint); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.milestone_unreserved(milestone_id uuid, amount_cents bigint) FROM PUBLIC;

--
-- Name: FUNCTION mission_actors(mission public.missions); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mission_actors(mission public.missions) FROM PUBLIC;

--
-- Name: FUNCTION mission_dispute(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mission_dispute(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.mission_dispute(mission_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.mission_dispute(mission_id uuid) TO service_role;

--
-- Name: FUNCTION mission_exclusions(m public.missions); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mission_exclusions(m public.missions) FROM PUBLIC;

--
-- Name: FUNCTION mission_initiator_user(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mission_initiator_user(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION mission_team_users(mission_id uuid, roles public.assignment_role[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.mission_team_users(mission_id uuid, roles public.assignment_role[]) FROM PUBLIC;

--
-- Name: FUNCTION move_application(app public.mission_applications, action text, actors text[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.move_application(app public.mission_applications, action text, actors text[]) FROM PUBLIC;

--
-- Name: FUNCTION move_assignment(a public.mission_assignments, action text, actors text[], reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.move_assignment(a public.mission_assignments, action text, actors text[], reason text) FROM PUBLIC;

--
-- Name: FUNCTION move_milestone(ms public.milestones, m public.missions, action text, actors text[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.move_milestone(ms public.milestones, m public.missions, action text, actors text[]) FROM PUBLIC;

--
-- Name: FUNCTION move_mission(m public.missions, action text, actors text[], payload jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.move_mission(m public.missions, action text, actors text[], payload jsonb) FROM PUBLIC;

--
-- Name: FUNCTION my_account(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.my_account() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_account() TO authenticated;
GRANT ALL ON FUNCTION private.my_account() TO service_role;

--
-- Name: FUNCTION my_contributor_id(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.my_contributor_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_contributor_id() TO authenticated;
GRANT ALL ON FUNCTION private.my_contributor_id() TO service_role;

--
-- Name: FUNCTION my_conversation_ids(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.my_conversation_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_conversation_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_conversation_ids() TO service_role;

--
-- Name: FUNCTION my_initiated_mission_ids(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.my_initiated_mission_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_initiated_mission_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_initiated_mission_ids() TO service_role;

--
-- Name: FUNCTION my_initiator_id(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.my_initiator_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_initiator_id() TO authenticated;
GRANT ALL ON FUNCTION private.my_initiator_id() TO service_role;

--
-- Name: FUNCTION my_mission_ids(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.my_mission_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_mission_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_mission_ids() TO service_role;

--
-- Name: FUNCTION my_team_mission_ids(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.my_team_mission_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_team_mission_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_team_mission_ids() TO service_role;

--
-- Name: FUNCTION notify(user_id uuid, type text, title text, message text, priority public.notification_priority, action_url text, action_label text, metadata jsonb, expires_at timestamp with time zone); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.notify(user_id uuid, type text, title text, message text, priority public.notification_priority, action_url text, action_label text, metadata jsonb, expires_at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION open_dispute(mission_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.open_dispute(mission_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_dispute(mission_id uuid, reason text) TO authenticated;
GRANT ALL ON FUNCTION private.open_dispute(mission_id uuid, reason text) TO service_role;

--
-- Name: TABLE conversations; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.conversations TO service_role;
GRANT SELECT ON TABLE public.conversations TO authenticated;

--
-- Name: FUNCTION open_support_conversation(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.open_support_conversation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_support_conversation() TO authenticated;
GRANT ALL ON FUNCTION private.open_support_conversation() TO service_role;

--
-- Name: FUNCTION park_job(job_id bigint, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.park_job(job_id bigint, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.park_job(job_id bigint, reason text) TO service_role;

--
-- Name: FUNCTION path_conversation_id(name text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.path_conversation_id(name text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.path_conversation_id(name text) TO authenticated;
GRANT ALL ON FUNCTION private.path_conversation_id(name text) TO service_role;

--
-- Name: FUNCTION path_mission_id(name text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.path_mission_id(name text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.path_mission_id(name text) TO authenticated;
GRANT ALL ON FUNCTION private.path_mission_id(name text) TO service_role;

--
-- Name: FUNCTION payable_milestones(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.payable_milestones(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION payout_payee(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.payout_payee(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION payout_plan(milestone_id uuid, contributor_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.payout_plan(milestone_id uuid, contributor_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.payout_plan(milestone_id uuid, contributor_id uuid) TO service_role;

--
-- Name: FUNCTION platform_fee(amount_cents bigint, fee_bps integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.platform_fee(amount_cents bigint, fee_bps integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.platform_fee(amount_cents bigint, fee_bps integer) TO authenticated;
GRANT ALL ON FUNCTION private.platform_fee(amount_cents bigint, fee_bps integer) TO service_role;

--
-- Name: FUNCTION proof_task_attempt_view(attempt_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.proof_task_attempt_view(attempt_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION proposed_payout_shares(max_shadow_contributors integer, requires_core_reviewer boolean, OUT lead_bps integer, OUT shadow_bps integer, OUT core_reviewer_bps integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.proposed_payout_shares(max_shadow_contributors integer, requires_core_reviewer boolean, OUT lead_bps integer, OUT shadow_bps integer, OUT core_reviewer_bps integer) FROM PUBLIC;

--
-- Name: FUNCTION publish_mission(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.publish_mission(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.publish_mission(mission_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.publish_mission(mission_id uuid) TO service_role;

--
-- Name: FUNCTION purge_expired_notifications(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.purge_expired_notifications() FROM PUBLIC;

--
-- Name: FUNCTION purge_rate_limits(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.purge_rate_limits() FROM PUBLIC;

--
-- Name: FUNCTION queue_email(user_id uuid, template text, data jsonb, dedupe_key text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.queue_email(user_id uuid, template text, data jsonb, dedupe_key text) FROM PUBLIC;

--
-- Name: FUNCTION rank_candidates(mission_id uuid, max_rows integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.rank_candidates(mission_id uuid, max_rows integer) FROM PUBLIC;

--
-- Name: FUNCTION realtime_can_receive(topic text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.realtime_can_receive(topic text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.realtime_can_receive(topic text) TO authenticated;

--
-- Name: FUNCTION rebuild_matching(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.rebuild_matching() FROM PUBLIC;

--
-- Name: FUNCTION recommend_team(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.recommend_team(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.recommend_team(mission_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.recommend_team(mission_id uuid) TO service_role;

--
-- Name: FUNCTION recommend_team_cp(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.recommend_team_cp(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION reconcile_ledger(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.reconcile_ledger() FROM PUBLIC;
GRANT ALL ON FUNCTION private.reconcile_ledger() TO service_role;

--
-- Name: FUNCTION record_background_check(contributor_id uuid, result public.background_check_status, note text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_background_check(contributor_id uuid, result public.background_check_status, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_background_check(contributor_id uuid, result public.background_check_status, note text) TO authenticated;
GRANT ALL ON FUNCTION private.record_background_check(contributor_id uuid, result public.background_check_status, note text) TO service_role;

--
-- Name: FUNCTION record_background_check_event(event_id text, contributor_id uuid, result public.background_check_status, reported_at timestamp with time zone, report_id text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_background_check_event(event_id text, contributor_id uuid, result public.background_check_status, reported_at timestamp with time zone, report_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_background_check_event(event_id text, contributor_id uuid, result public.background_check_status, reported_at timestamp with time zone, report_id text) TO service_role;

--
-- Name: FUNCTION record_deposit_intent(mission_id uuid, payment_intent_id text, amount_cents bigint, currency text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_deposit_intent(mission_id uuid, payment_intent_id text, amount_cents bigint, currency text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_deposit_intent(mission_id uuid, payment_intent_id text, amount_cents bigint, currency text) TO service_role;

--
-- Name: FUNCTION record_dispute(mission_id uuid, dispute_id text, amount_cents bigint, stage text, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_dispute(mission_id uuid, dispute_id text, amount_cents bigint, stage text, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_dispute(mission_id uuid, dispute_id text, amount_cents bigint, stage text, reason text) TO service_role;

--
-- Name: FUNCTION record_reconciliation(findings jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_reconciliation(findings jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_reconciliation(findings jsonb) TO service_role;

--
-- Name: FUNCTION record_refund(mission_id uuid, refund_id text, amount_cents bigint, reservation_id uuid, payment_intent_id text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_refund(mission_id uuid, refund_id text, amount_cents bigint, reservation_id uuid, payment_intent_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_refund(mission_id uuid, refund_id text, amount_cents bigint, reservation_id uuid, payment_intent_id text) TO service_role;

--
-- Name: FUNCTION record_release(milestone_id uuid, contributor_id uuid, transfer_id text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_release(milestone_id uuid, contributor_id uuid, transfer_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_release(milestone_id uuid, contributor_id uuid, transfer_id text) TO service_role;

--
-- Name: FUNCTION record_stray_charge(payment_intent_id text, charge_id text, amount_cents bigint, currency text, claimed_mission_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_stray_charge(payment_intent_id text, charge_id text, amount_cents bigint, currency text, claimed_mission_id uuid, reason text) FROM PUBLIC;

--
-- Name: FUNCTION record_stray_refund(payment_intent_id text, refund_id text, amount_refunded bigint); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.record_stray_refund(payment_intent_id text, refund_id text, amount_refunded bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_stray_refund(payment_intent_id text, refund_id text, amount_refunded bigint) TO service_role;

--
-- Name: FUNCTION refresh_contributor_stats(contributor_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.refresh_contributor_stats(contributor_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION refresh_initiator_stats(initiator_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.refresh_initiator_stats(initiator_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION refresh_listed_missions(mission_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.refresh_listed_missions(mission_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION refresh_matching(contributor_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.refresh_matching(contributor_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION refresh_reputation(contributor_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.refresh_reputation(contributor_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION refuse_job(job_id bigint, reason text, retry_in_seconds integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.refuse_job(job_id bigint, reason text, retry_in_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.refuse_job(job_id bigint, reason text, retry_in_seconds integer) TO service_role;

--
-- Name: FUNCTION reinstate_user(user_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.reinstate_user(user_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.reinstate_user(user_id uuid, reason text) TO authenticated;
GRANT ALL ON FUNCTION private.reinstate_user(user_id uuid, reason text) TO service_role;

--
-- Name: FUNCTION reject_application(application_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.reject_application(application_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.reject_application(application_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.reject_application(application_id uuid) TO service_role;

--
-- Name: FUNCTION release_refused(milestone_id uuid, contributor_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.release_refused(milestone_id uuid, contributor_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.release_refused(milestone_id uuid, contributor_id uuid) TO service_role;

--
-- Name: FUNCTION remember_caller(status public.account_status, role public.user_role, contributor_id uuid, initiator_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.remember_caller(status public.account_status, role public.user_role, contributor_id uuid, initiator_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION remove_from_mission(assignment_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.remove_from_mission(assignment_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.remove_from_mission(assignment_id uuid, reason text) TO authenticated;
GRANT ALL ON FUNCTION private.remove_from_mission(assignment_id uuid, reason text) TO service_role;

--
-- Name: FUNCTION reputation_of(contributor_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.reputation_of(contributor_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION request_revision(milestone_id uuid, feedback text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.request_revision(milestone_id uuid, feedback text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.request_revision(milestone_id uuid, feedback text) TO authenticated;
GRANT ALL ON FUNCTION private.request_revision(milestone_id uuid, feedback text) TO service_role;

--
-- Name: FUNCTION request_user_agent(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.request_user_agent() FROM PUBLIC;

--
-- Name: FUNCTION require_active_user(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.require_active_user() FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_active_user() TO authenticated;
GRANT ALL ON FUNCTION private.require_active_user() TO service_role;

--
-- Name: FUNCTION require_admin(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.require_admin() FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_admin() TO authenticated;
GRANT ALL ON FUNCTION private.require_admin() TO service_role;

--
-- Name: FUNCTION require_contributor(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.require_contributor() FROM PUBLIC;

--
-- Name: FUNCTION require_matching_access(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.require_matching_access(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION require_signed_in(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.require_signed_in() FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_signed_in() TO authenticated;
GRANT ALL ON FUNCTION private.require_signed_in() TO service_role;

--
-- Name: FUNCTION require_unbanned_user(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.require_unbanned_user() FROM PUBLIC;

--
-- Name: FUNCTION require_visible(m public.missions, actors text[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.require_visible(m public.missions, actors text[]) FROM PUBLIC;

--
-- Name: FUNCTION reserve_refund(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.reserve_refund(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.reserve_refund(mission_id uuid) TO service_role;

--
-- Name: FUNCTION reserve_release(milestone_id uuid, contributor_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.reserve_release(milestone_id uuid, contributor_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.reserve_release(milestone_id uuid, contributor_id uuid) TO service_role;

--
-- Name: FUNCTION resolve_dispute(mission_id uuid, outcome text, note text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.resolve_dispute(mission_id uuid, outcome text, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.resolve_dispute(mission_id uuid, outcome text, note text) TO authenticated;
GRANT ALL ON FUNCTION private.resolve_dispute(mission_id uuid, outcome text, note text) TO service_role;

--
-- Name: FUNCTION revoke_all_sessions(user_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.revoke_all_sessions(user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION revoke_my_session(session_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.revoke_my_session(session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.revoke_my_session(session_id uuid) TO authenticated;

--
-- Name: FUNCTION run_lifecycle_timers(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.run_lifecycle_timers() FROM PUBLIC;
GRANT ALL ON FUNCTION private.run_lifecycle_timers() TO service_role;

--
-- Name: FUNCTION run_matching(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.run_matching(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION same_type_cp(same_type_completed integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.same_type_cp(same_type_completed integer) FROM PUBLIC;

--
-- Name: FUNCTION score_contributor(mission_id uuid, contributor_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.score_contributor(mission_id uuid, contributor_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION send_message(conversation_id uuid, content text, attachments jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.send_message(conversation_id uuid, content text, attachments jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.send_message(conversation_id uuid, content text, attachments jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.send_message(conversation_id uuid, content text, attachments jsonb) TO service_role;

--
-- Name: FUNCTION send_notification_sync(user_id uuid, event text, ids uuid[], archived_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.send_notification_sync(user_id uuid, event text, ids uuid[], archived_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION set_account_status(user_id uuid, action text, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.set_account_status(user_id uuid, action text, reason text) FROM PUBLIC;

--
-- Name: FUNCTION set_connected_account(contributor_id uuid, account_id text, country text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.set_connected_account(contributor_id uuid, account_id text, country text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.set_connected_account(contributor_id uuid, account_id text, country text) TO service_role;

--
-- Name: FUNCTION set_milestones(m public.missions, milestones jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.set_milestones(m public.missions, milestones jsonb) FROM PUBLIC;

--
-- Name: FUNCTION set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) TO authenticated;
GRANT ALL ON FUNCTION private.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) TO service_role;

--
-- Name: FUNCTION set_required_skills(m public.missions, skills jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.set_required_skills(m public.missions, skills jsonb) FROM PUBLIC;

--
-- Name: FUNCTION set_stripe_customer(initiator_id uuid, customer_id text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.set_stripe_customer(initiator_id uuid, customer_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.set_stripe_customer(initiator_id uuid, customer_id text) TO service_role;

--
-- Name: FUNCTION set_user_role(user_id uuid, role public.user_role); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.set_user_role(user_id uuid, role public.user_role) FROM PUBLIC;
GRANT ALL ON FUNCTION private.set_user_role(user_id uuid, role public.user_role) TO authenticated;
GRANT ALL ON FUNCTION private.set_user_role(user_id uuid, role public.user_role) TO service_role;

--
-- Name: FUNCTION setting_int(key text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.setting_int(key text) FROM PUBLIC;

--
-- Name: FUNCTION setting_text(key text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.setting_text(key text) FROM PUBLIC;

--
-- Name: FUNCTION shortlist_application(application_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.shortlist_application(application_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.shortlist_application(application_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.shortlist_application(application_id uuid) TO service_role;

--
-- Name: FUNCTION signup_avatar_url(meta jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.signup_avatar_url(meta jsonb) FROM PUBLIC;

--
-- Name: FUNCTION signup_full_name(meta jsonb, email text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.signup_full_name(meta jsonb, email text) FROM PUBLIC;

--
-- Name: FUNCTION signup_role(meta jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.signup_role(meta jsonb) FROM PUBLIC;

--
-- Name: FUNCTION skill_bit(skill_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.skill_bit(skill_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION skill_credit(proficiency public.proficiency_level, verified boolean); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.skill_credit(proficiency public.proficiency_level, verified boolean) FROM PUBLIC;

--
-- Name: FUNCTION skill_match_cp(weighted bigint, total_weight integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.skill_match_cp(weighted bigint, total_weight integer) FROM PUBLIC;

--
-- Name: FUNCTION slugify(title text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.slugify(title text) FROM PUBLIC;

--
-- Name: FUNCTION split_payout(ms public.milestones, m public.missions, lead uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.split_payout(ms public.milestones, m public.missions, lead uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.split_payout(ms public.milestones, m public.missions, lead uuid) TO service_role;

--
-- Name: FUNCTION start_direct_conversation(other_user_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.start_direct_conversation(other_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.start_direct_conversation(other_user_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.start_direct_conversation(other_user_id uuid) TO service_role;

--
-- Name: FUNCTION start_matching(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.start_matching(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.start_matching(mission_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.start_matching(mission_id uuid) TO service_role;

--
-- Name: FUNCTION start_milestone(milestone_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.start_milestone(milestone_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.start_milestone(milestone_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.start_milestone(milestone_id uuid) TO service_role;

--
-- Name: FUNCTION start_proof_task(task_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.start_proof_task(task_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.start_proof_task(task_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.start_proof_task(task_id uuid) TO service_role;

--
-- Name: FUNCTION start_work(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.start_work(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.start_work(mission_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.start_work(mission_id uuid) TO service_role;

--
-- Name: FUNCTION step_up_next_shadow(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.step_up_next_shadow(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION step_up_shadow(assignment_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.step_up_shadow(assignment_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.step_up_shadow(assignment_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.step_up_shadow(assignment_id uuid) TO service_role;

--
-- Name: FUNCTION stray_refund_plan(payment_intent_id text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.stray_refund_plan(payment_intent_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.stray_refund_plan(payment_intent_id text) TO service_role;

--
-- Name: TABLE work_submissions; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.work_submissions TO service_role;
GRANT SELECT ON TABLE public.work_submissions TO authenticated;

--
-- Name: FUNCTION submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) TO authenticated;
GRANT ALL ON FUNCTION private.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) TO service_role;

--
-- Name: FUNCTION submit_proof_task(task_id uuid, answer text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.submit_proof_task(task_id uuid, answer text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.submit_proof_task(task_id uuid, answer text) TO authenticated;
GRANT ALL ON FUNCTION private.submit_proof_task(task_id uuid, answer text) TO service_role;

--
-- Name: TABLE reviews; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.reviews TO service_role;
GRANT SELECT ON TABLE public.reviews TO authenticated;

--
-- Name: FUNCTION submit_review(assignment_id uuid, rating integer, comment text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.submit_review(assignment_id uuid, rating integer, comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.submit_review(assignment_id uuid, rating integer, comment text) TO authenticated;
GRANT ALL ON FUNCTION private.submit_review(assignment_id uuid, rating integer, comment text) TO service_role;

--
-- Name: FUNCTION suspend_user(user_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.suspend_user(user_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.suspend_user(user_id uuid, reason text) TO authenticated;
GRANT ALL ON FUNCTION private.suspend_user(user_id uuid, reason text) TO service_role;

--
-- Name: FUNCTION sync_connected_account(account_id text, charges_enabled boolean, payouts_enabled boolean, details_submitted boolean, observed_at timestamp with time zone); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.sync_connected_account(account_id text, charges_enabled boolean, payouts_enabled boolean, details_submitted boolean, observed_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_connected_account(account_id text, charges_enabled boolean, payouts_enabled boolean, details_submitted boolean, observed_at timestamp with time zone) TO service_role;

--
-- Name: FUNCTION sync_match_pool(contributor_ids uuid[]); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.sync_match_pool(contributor_ids uuid[]) FROM PUBLIC;

--
-- Name: FUNCTION sync_mission_with_milestones(mission_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.sync_mission_with_milestones(mission_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION tg__append_only(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg__append_only() FROM PUBLIC;

--
-- Name: FUNCTION tg__audit(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg__audit() FROM PUBLIC;

--
-- Name: FUNCTION tg__copy_mission_listed(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg__copy_mission_listed() FROM PUBLIC;

--
-- Name: FUNCTION tg__forget_caller(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg__forget_caller() FROM PUBLIC;

--
-- Name: FUNCTION tg__refresh_listed_mission(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg__refresh_listed_mission() FROM PUBLIC;

--
-- Name: FUNCTION tg__refresh_matching_by_contributor(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg__refresh_matching_by_contributor() FROM PUBLIC;

--
-- Name: FUNCTION tg__set_updated_at(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg__set_updated_at() FROM PUBLIC;

--
-- Name: FUNCTION tg_audit_logs__append_only(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_audit_logs__append_only() FROM PUBLIC;

--
-- Name: FUNCTION tg_auth_users__create_profile(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_auth_users__create_profile() FROM PUBLIC;

--
-- Name: FUNCTION tg_auth_users__sync_last_login(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_auth_users__sync_last_login() FROM PUBLIC;

--
-- Name: FUNCTION tg_contributor_private_details__matching(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_contributor_private_details__matching() FROM PUBLIC;

--
-- Name: FUNCTION tg_contributor_profiles__matching(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_contributor_profiles__matching() FROM PUBLIC;

--
-- Name: FUNCTION tg_contributor_profiles__matching_delete(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_contributor_profiles__matching_delete() FROM PUBLIC;

--
-- Name: FUNCTION tg_contributor_profiles__matching_insert(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_contributor_profiles__matching_insert() FROM PUBLIC;

--
-- Name: FUNCTION tg_contributor_skills__unverify_on_raise(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_contributor_skills__unverify_on_raise() FROM PUBLIC;

--
-- Name: FUNCTION tg_domain_events__dispatch(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_domain_events__dispatch() FROM PUBLIC;

--
-- Name: FUNCTION tg_domain_events__payments(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_domain_events__payments() FROM PUBLIC;

--
-- Name: FUNCTION tg_domain_events__run_matching(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_domain_events__run_matching() FROM PUBLIC;

--
-- Name: FUNCTION tg_escrow_transactions__balance(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_escrow_transactions__balance() FROM PUBLIC;

--
-- Name: FUNCTION tg_escrow_transactions__guard(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_escrow_transactions__guard() FROM PUBLIC;

--
-- Name: FUNCTION tg_escrow_transactions__payout_adds_up(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_escrow_transactions__payout_adds_up() FROM PUBLIC;

--
-- Name: FUNCTION tg_escrow_transactions__refresh_stats(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_escrow_transactions__refresh_stats() FROM PUBLIC;

--
-- Name: FUNCTION tg_messages__after_insert(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_messages__after_insert() FROM PUBLIC;

--
-- Name: FUNCTION tg_messages__before_write(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_messages__before_write() FROM PUBLIC;

--
-- Name: FUNCTION tg_milestone_payouts__adds_up(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_milestone_payouts__adds_up() FROM PUBLIC;

--
-- Name: FUNCTION tg_milestone_payouts__guard(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_milestone_payouts__guard() FROM PUBLIC;

--
-- Name: FUNCTION tg_milestone_payouts__split(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_milestone_payouts__split() FROM PUBLIC;

--
-- Name: FUNCTION tg_milestones__money_proven(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_milestones__money_proven() FROM PUBLIC;

--
-- Name: FUNCTION tg_mission_applications__match_score(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_mission_applications__match_score() FROM PUBLIC;

--
-- Name: FUNCTION tg_mission_assignments__team_chat(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_mission_assignments__team_chat() FROM PUBLIC;

--
-- Name: FUNCTION tg_missions__listed_changed(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_missions__listed_changed() FROM PUBLIC;

--
-- Name: FUNCTION tg_missions__matching(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_missions__matching() FROM PUBLIC;

--
-- Name: FUNCTION tg_missions__money_rules(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_missions__money_rules() FROM PUBLIC;

--
-- Name: FUNCTION tg_missions__withdraw_pending_invitations(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_missions__withdraw_pending_invitations() FROM PUBLIC;

--
-- Name: FUNCTION tg_notifications__broadcast(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_notifications__broadcast() FROM PUBLIC;

--
-- Name: FUNCTION tg_notifications__sync_tabs(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_notifications__sync_tabs() FROM PUBLIC;

--
-- Name: FUNCTION tg_profiles__matching(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_profiles__matching() FROM PUBLIC;

--
-- Name: FUNCTION tg_profiles__welcome(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_profiles__welcome() FROM PUBLIC;

--
-- Name: FUNCTION tg_reviews__matching(); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.tg_reviews__matching() FROM PUBLIC;

--
-- Name: FUNCTION timer_backing_off(timer text, entity_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.timer_backing_off(timer text, entity_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION timer_failed(timer text, entity_id uuid, error text, state text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.timer_failed(timer text, entity_id uuid, error text, state text) FROM PUBLIC;

--
-- Name: FUNCTION track_record_cp(completion_rate numeric, average_rating numeric); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.track_record_cp(completion_rate numeric, average_rating numeric) FROM PUBLIC;

--
-- Name: FUNCTION transfer_source(mission_id uuid, amount_cents bigint); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.transfer_source(mission_id uuid, amount_cents bigint) FROM PUBLIC;

--
-- Name: FUNCTION trust_cp(trust_score integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.trust_cp(trust_score integer) FROM PUBLIC;

--
-- Name: FUNCTION trust_score_formula(verification public.verification_status, proof_mean numeric, completion_rate numeric, finished integer, average_rating numeric, ratings integer, background public.background_check_status, disputes integer); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.trust_score_formula(verification public.verification_status, proof_mean numeric, completion_rate numeric, finished integer, average_rating numeric, ratings integer, background public.background_check_status, disputes integer) FROM PUBLIC;

--
-- Name: FUNCTION update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) TO service_role;

--
-- Name: FUNCTION users_share_work(a uuid, b uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.users_share_work(a uuid, b uuid) FROM PUBLIC;

--
-- Name: FUNCTION withdraw_application(application_id uuid); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.withdraw_application(application_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.withdraw_application(application_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.withdraw_application(application_id uuid) TO service_role;

--
-- Name: FUNCTION withdraw_from_mission(assignment_id uuid, reason text); Type: ACL; Schema: private; Owner: postgres
--

REVOKE ALL ON FUNCTION private.withdraw_from_mission(assignment_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.withdraw_from_mission(assignment_id uuid, reason text) TO authenticated;
GRANT ALL ON FUNCTION private.withdraw_from_mission(assignment_id uuid, reason text) TO service_role;

--
-- Name: FUNCTION accept_application(application_id uuid, role public.assignment_role); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.accept_application(application_id uuid, role public.assignment_role) FROM PUBLIC;
GRANT ALL ON FUNCTION public.accept_application(application_id uuid, role public.assignment_role) TO service_role;
GRANT ALL ON FUNCTION public.accept_application(application_id uuid, role public.assignment_role) TO authenticated;

--
-- Name: FUNCTION accept_invitation(assignment_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.accept_invitation(assignment_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.accept_invitation(assignment_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.accept_invitation(assignment_id uuid) TO authenticated;

--
-- Name: FUNCTION admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) TO service_role;
GRANT ALL ON FUNCTION public.admin_analytics(period_start timestamp with time zone, period_end timestamp with time zone) TO authenticated;

--
-- Name: FUNCTION admin_delete_account(user_id uuid, reason text, force boolean); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_delete_account(user_id uuid, reason text, force boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_delete_account(user_id uuid, reason text, force boolean) TO service_role;
GRANT ALL ON FUNCTION public.admin_delete_account(user_id uuid, reason text, force boolean) TO authenticated;

--
-- Name: FUNCTION admin_feature_mission(mission_id uuid, featured boolean); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_feature_mission(mission_id uuid, featured boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_feature_mission(mission_id uuid, featured boolean) TO service_role;
GRANT ALL ON FUNCTION public.admin_feature_mission(mission_id uuid, featured boolean) TO authenticated;

--
-- Name: FUNCTION admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) TO service_role;
GRANT ALL ON FUNCTION public.admin_list_missions(status public.mission_status, search text, initiator_id uuid, created_from timestamp with time zone, created_to timestamp with time zone, page_size integer, page_offset integer) TO authenticated;

--
-- Name: FUNCTION admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) TO service_role;
GRANT ALL ON FUNCTION public.admin_proof_task_queue(status public.proof_task_submission_status, page_size integer, page_offset integer) TO authenticated;

--
-- Name: FUNCTION admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) TO service_role;
GRANT ALL ON FUNCTION public.admin_read(entity text, match_column text, ids uuid[], page_size integer, page_offset integer) TO authenticated;

--
-- Name: FUNCTION admin_reconciliation(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_reconciliation() FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_reconciliation() TO service_role;
GRANT ALL ON FUNCTION public.admin_reconciliation() TO authenticated;

--
-- Name: FUNCTION admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) TO service_role;
GRANT ALL ON FUNCTION public.admin_search_users(search text, role public.user_role, status public.account_status, verification public.verification_status, page_size integer, page_offset integer) TO authenticated;

--
-- Name: FUNCTION admin_verify_company(initiator_id uuid, verified boolean, note text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.admin_verify_company(initiator_id uuid, verified boolean, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.admin_verify_company(initiator_id uuid, verified boolean, note text) TO service_role;
GRANT ALL ON FUNCTION public.admin_verify_company(initiator_id uuid, verified boolean, note text) TO authenticated;

--
-- Name: FUNCTION apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) TO service_role;
GRANT ALL ON FUNCTION public.apply_to_mission(mission_id uuid, cover_letter text, proposed_timeline integer, proposed_approach text) TO authenticated;

--
-- Name: FUNCTION approve_milestone(milestone_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.approve_milestone(milestone_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.approve_milestone(milestone_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.approve_milestone(milestone_id uuid) TO authenticated;

--
-- Name: FUNCTION archive_notification(notification_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.archive_notification(notification_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.archive_notification(notification_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.archive_notification(notification_id uuid) TO authenticated;

--
-- Name: FUNCTION assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO service_role;
GRANT ALL ON FUNCTION public.assign_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO authenticated;

--
-- Name: FUNCTION ban_user(user_id uuid, reason text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.ban_user(user_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ban_user(user_id uuid, reason text) TO service_role;
GRANT ALL ON FUNCTION public.ban_user(user_id uuid, reason text) TO authenticated;

--
-- Name: FUNCTION cancel_mission(mission_id uuid, reason text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.cancel_mission(mission_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cancel_mission(mission_id uuid, reason text) TO service_role;
GRANT ALL ON FUNCTION public.cancel_mission(mission_id uuid, reason text) TO authenticated;

--
-- Name: FUNCTION check_request(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.check_request() FROM PUBLIC;
GRANT ALL ON FUNCTION public.check_request() TO service_role;
GRANT ALL ON FUNCTION public.check_request() TO anon;
GRANT ALL ON FUNCTION public.check_request() TO authenticated;

--
-- Name: FUNCTION choose_primary_role(role public.user_role); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.choose_primary_role(role public.user_role) FROM PUBLIC;
GRANT ALL ON FUNCTION public.choose_primary_role(role public.user_role) TO service_role;
GRANT ALL ON FUNCTION public.choose_primary_role(role public.user_role) TO authenticated;

--
-- Name: FUNCTION consent_to_background_check(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.consent_to_background_check() FROM PUBLIC;
GRANT ALL ON FUNCTION public.consent_to_background_check() TO service_role;
GRANT ALL ON FUNCTION public.consent_to_background_check() TO authenticated;

--
-- Name: FUNCTION conversation_messages(conversation_id uuid, before_created_at timestamp with time zone, before_id uuid, page_size integer); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.conversation_messages(conversation_id uuid, before_created_at timestamp with time zone, before_id uuid, page_size integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.conversation_messages(conversation_id uuid, before_created_at timestamp with time zone, before_id uuid, page_size integer) TO service_role;
GRANT ALL ON FUNCTION public.conversation_messages(conversation_id uuid, before_created_at timestamp with time zone, before_id uuid, page_size integer) TO authenticated;

--
-- Name: FUNCTION create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) TO service_role;
GRANT ALL ON FUNCTION public.create_mission(title text, description text, type public.mission_type, budget_min_cents bigint, budget_max_cents bigint, estimated_duration_days integer, milestones jsonb, required_skills jsonb, complexity public.mission_complexity, currency text, problem_statement text, success_criteria text, deadline timestamp with time zone, max_lead_contributors integer, max_shadow_contributors integer, requires_core_reviewer boolean, is_public boolean) TO authenticated;

--
-- Name: FUNCTION custom_access_token_hook(event jsonb); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.custom_access_token_hook(event jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.custom_access_token_hook(event jsonb) TO service_role;
GRANT ALL ON FUNCTION public.custom_access_token_hook(event jsonb) TO supabase_auth_admin;

--
-- Name: FUNCTION decline_invitation(assignment_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.decline_invitation(assignment_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decline_invitation(assignment_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.decline_invitation(assignment_id uuid) TO authenticated;

--
-- Name: FUNCTION delete_message(message_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.delete_message(message_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.delete_message(message_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.delete_message(message_id uuid) TO authenticated;

--
-- Name: FUNCTION delete_my_account(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.delete_my_account() FROM PUBLIC;
GRANT ALL ON FUNCTION public.delete_my_account() TO service_role;
GRANT ALL ON FUNCTION public.delete_my_account() TO authenticated;

--
-- Name: FUNCTION delete_notification(notification_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.delete_notification(notification_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.delete_notification(notification_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.delete_notification(notification_id uuid) TO authenticated;

--
-- Name: FUNCTION edit_message(message_id uuid, content text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.edit_message(message_id uuid, content text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.edit_message(message_id uuid, content text) TO service_role;
GRANT ALL ON FUNCTION public.edit_message(message_id uuid, content text) TO authenticated;

--
-- Name: FUNCTION export_my_data(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.export_my_data() FROM PUBLIC;
GRANT ALL ON FUNCTION public.export_my_data() TO service_role;
GRANT ALL ON FUNCTION public.export_my_data() TO authenticated;

--
-- Name: FUNCTION get_current_proof_task(category text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.get_current_proof_task(category text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.get_current_proof_task(category text) TO service_role;
GRANT ALL ON FUNCTION public.get_current_proof_task(category text) TO authenticated;

--
-- Name: FUNCTION grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) TO service_role;
GRANT ALL ON FUNCTION public.grade_proof_task(submission_id uuid, score numeric, feedback text, passed boolean) TO authenticated;

--
-- Name: FUNCTION invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) FROM PUBLIC;
GRANT ALL ON FUNCTION public.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO service_role;
GRANT ALL ON FUNCTION public.invite_contributor(mission_id uuid, contributor_id uuid, role public.assignment_role) TO authenticated;

--
-- Name: FUNCTION list_my_sessions(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.list_my_sessions() FROM PUBLIC;
GRANT ALL ON FUNCTION public.list_my_sessions() TO service_role;
GRANT ALL ON FUNCTION public.list_my_sessions() TO authenticated;

--
-- Name: FUNCTION mark_all_notifications_read(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.mark_all_notifications_read() FROM PUBLIC;
GRANT ALL ON FUNCTION public.mark_all_notifications_read() TO service_role;
GRANT ALL ON FUNCTION public.mark_all_notifications_read() TO authenticated;

--
-- Name: FUNCTION mark_conversation_read(conversation_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.mark_conversation_read(conversation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mark_conversation_read(conversation_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.mark_conversation_read(conversation_id uuid) TO authenticated;

--
-- Name: FUNCTION mark_notification_read(notification_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.mark_notification_read(notification_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mark_notification_read(notification_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.mark_notification_read(notification_id uuid) TO authenticated;

--
-- Name: FUNCTION match_candidates(mission_id uuid, max_results integer); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.match_candidates(mission_id uuid, max_results integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.match_candidates(mission_id uuid, max_results integer) TO service_role;
GRANT ALL ON FUNCTION public.match_candidates(mission_id uuid, max_results integer) TO authenticated;

--
-- Name: FUNCTION mission_dispute(mission_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.mission_dispute(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mission_dispute(mission_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.mission_dispute(mission_id uuid) TO authenticated;

--
-- Name: FUNCTION mission_escrow_position(mission_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.mission_escrow_position(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.mission_escrow_position(mission_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.mission_escrow_position(mission_id uuid) TO authenticated;

--
-- Name: FUNCTION my_account(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.my_account() FROM PUBLIC;
GRANT ALL ON FUNCTION public.my_account() TO service_role;
GRANT ALL ON FUNCTION public.my_account() TO authenticated;

--
-- Name: FUNCTION my_conversations(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.my_conversations() FROM PUBLIC;
GRANT ALL ON FUNCTION public.my_conversations() TO service_role;
GRANT ALL ON FUNCTION public.my_conversations() TO authenticated;

--
-- Name: FUNCTION open_dispute(mission_id uuid, reason text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.open_dispute(mission_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.open_dispute(mission_id uuid, reason text) TO service_role;
GRANT ALL ON FUNCTION public.open_dispute(mission_id uuid, reason text) TO authenticated;

--
-- Name: FUNCTION open_support_conversation(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.open_support_conversation() FROM PUBLIC;
GRANT ALL ON FUNCTION public.open_support_conversation() TO service_role;
GRANT ALL ON FUNCTION public.open_support_conversation() TO authenticated;

--
-- Name: FUNCTION publish_mission(mission_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.publish_mission(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.publish_mission(mission_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.publish_mission(mission_id uuid) TO authenticated;

--
-- Name: FUNCTION recommend_team(mission_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.recommend_team(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.recommend_team(mission_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.recommend_team(mission_id uuid) TO authenticated;

--
-- Name: FUNCTION record_background_check(contributor_id uuid, result public.background_check_status, note text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.record_background_check(contributor_id uuid, result public.background_check_status, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_background_check(contributor_id uuid, result public.background_check_status, note text) TO service_role;
GRANT ALL ON FUNCTION public.record_background_check(contributor_id uuid, result public.background_check_status, note text) TO authenticated;

--
-- Name: FUNCTION reinstate_user(user_id uuid, reason text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.reinstate_user(user_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reinstate_user(user_id uuid, reason text) TO service_role;
GRANT ALL ON FUNCTION public.reinstate_user(user_id uuid, reason text) TO authenticated;

--
-- Name: FUNCTION reject_application(application_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.reject_application(application_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reject_application(application_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.reject_application(application_id uuid) TO authenticated;

--
-- Name: FUNCTION remove_from_mission(assignment_id uuid, reason text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.remove_from_mission(assignment_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.remove_from_mission(assignment_id uuid, reason text) TO service_role;
GRANT ALL ON FUNCTION public.remove_from_mission(assignment_id uuid, reason text) TO authenticated;

--
-- Name: FUNCTION request_revision(milestone_id uuid, feedback text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.request_revision(milestone_id uuid, feedback text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.request_revision(milestone_id uuid, feedback text) TO service_role;
GRANT ALL ON FUNCTION public.request_revision(milestone_id uuid, feedback text) TO authenticated;

--
-- Name: FUNCTION resolve_dispute(mission_id uuid, outcome text, note text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.resolve_dispute(mission_id uuid, outcome text, note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.resolve_dispute(mission_id uuid, outcome text, note text) TO service_role;
GRANT ALL ON FUNCTION public.resolve_dispute(mission_id uuid, outcome text, note text) TO authenticated;

--
-- Name: FUNCTION revoke_my_session(session_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.revoke_my_session(session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.revoke_my_session(session_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.revoke_my_session(session_id uuid) TO authenticated;

--
-- Name: FUNCTION send_message(conversation_id uuid, content text, attachments jsonb); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.send_message(conversation_id uuid, content text, attachments jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.send_message(conversation_id uuid, content text, attachments jsonb) TO service_role;
GRANT ALL ON FUNCTION public.send_message(conversation_id uuid, content text, attachments jsonb) TO authenticated;

--
-- Name: FUNCTION set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) TO service_role;
GRANT ALL ON FUNCTION public.set_payout_shares(mission_id uuid, lead_bps integer, shadow_bps integer, core_reviewer_bps integer) TO authenticated;

--
-- Name: FUNCTION set_user_role(user_id uuid, role public.user_role); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.set_user_role(user_id uuid, role public.user_role) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_user_role(user_id uuid, role public.user_role) TO service_role;
GRANT ALL ON FUNCTION public.set_user_role(user_id uuid, role public.user_role) TO authenticated;

--
-- Name: FUNCTION shortlist_application(application_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.shortlist_application(application_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.shortlist_application(application_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.shortlist_application(application_id uuid) TO authenticated;

--
-- Name: FUNCTION skill_categories(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.skill_categories() FROM PUBLIC;
GRANT ALL ON FUNCTION public.skill_categories() TO service_role;
GRANT ALL ON FUNCTION public.skill_categories() TO anon;
GRANT ALL ON FUNCTION public.skill_categories() TO authenticated;

--
-- Name: FUNCTION start_direct_conversation(other_user_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.start_direct_conversation(other_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_direct_conversation(other_user_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.start_direct_conversation(other_user_id uuid) TO authenticated;

--
-- Name: FUNCTION start_matching(mission_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.start_matching(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_matching(mission_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.start_matching(mission_id uuid) TO authenticated;

--
-- Name: FUNCTION start_milestone(milestone_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.start_milestone(milestone_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_milestone(milestone_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.start_milestone(milestone_id uuid) TO authenticated;

--
-- Name: FUNCTION start_proof_task(task_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.start_proof_task(task_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_proof_task(task_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.start_proof_task(task_id uuid) TO authenticated;

--
-- Name: FUNCTION start_work(mission_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.start_work(mission_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_work(mission_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.start_work(mission_id uuid) TO authenticated;

--
-- Name: FUNCTION step_up_shadow(assignment_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.step_up_shadow(assignment_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.step_up_shadow(assignment_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.step_up_shadow(assignment_id uuid) TO authenticated;

--
-- Name: FUNCTION submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) TO service_role;
GRANT ALL ON FUNCTION public.submit_milestone(milestone_id uuid, content text, links text[], storage_paths text[]) TO authenticated;

--
-- Name: FUNCTION submit_proof_task(task_id uuid, answer text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.submit_proof_task(task_id uuid, answer text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_proof_task(task_id uuid, answer text) TO service_role;
GRANT ALL ON FUNCTION public.submit_proof_task(task_id uuid, answer text) TO authenticated;

--
-- Name: FUNCTION submit_review(assignment_id uuid, rating integer, comment text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.submit_review(assignment_id uuid, rating integer, comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_review(assignment_id uuid, rating integer, comment text) TO service_role;
GRANT ALL ON FUNCTION public.submit_review(assignment_id uuid, rating integer, comment text) TO authenticated;

--
-- Name: FUNCTION suspend_user(user_id uuid, reason text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.suspend_user(user_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.suspend_user(user_id uuid, reason text) TO service_role;
GRANT ALL ON FUNCTION public.suspend_user(user_id uuid, reason text) TO authenticated;

--
-- Name: FUNCTION unread_notification_count(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.unread_notification_count() FROM PUBLIC;
GRANT ALL ON FUNCTION public.unread_notification_count() TO service_role;
GRANT ALL ON FUNCTION public.unread_notification_count() TO authenticated;

--
-- Name: FUNCTION update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) TO service_role;
GRANT ALL ON FUNCTION public.update_mission_plan(mission_id uuid, milestones jsonb, required_skills jsonb) TO authenticated;

--
-- Name: FUNCTION withdraw_application(application_id uuid); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.withdraw_application(application_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.withdraw_application(application_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.withdraw_application(application_id uuid) TO authenticated;

--
-- Name: FUNCTION withdraw_from_mission(assignment_id uuid, reason text); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.withdraw_from_mission(assignment_id uuid, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.withdraw_from_mission(assignment_id uuid, reason text) TO service_role;
GRANT ALL ON FUNCTION public.withdraw_from_mission(assignment_id uuid, reason text) TO authenticated;

--
-- Name: TABLE background_check_events; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.background_check_events TO service_role;

--
-- Name: TABLE domain_events; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.domain_events TO service_role;

--
-- Name: TABLE lifecycle_timer_failures; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.lifecycle_timer_failures TO service_role;

--
-- Name: TABLE mission_charges; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.mission_charges TO service_role;

--
-- Name: TABLE reconciliation_findings; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.reconciliation_findings TO service_role;

--
-- Name: TABLE stray_charges; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.stray_charges TO service_role;

--
-- Name: TABLE stripe_events; Type: ACL; Schema: private; Owner: postgres
--

GRANT SELECT ON TABLE private.stripe_events TO service_role;

--
-- Name: TABLE audit_logs; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,REFERENCES,TRIGGER ON TABLE public.audit_logs TO service_role;
GRANT SELECT ON TABLE public.audit_logs TO authenticated;

--
-- Name: TABLE contributor_private_details; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.contributor_private_details TO service_role;
GRANT SELECT ON TABLE public.contributor_private_details TO authenticated;

--
-- Name: COLUMN contributor_private_details.availability_hours_per_week; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(availability_hours_per_week) ON TABLE public.contributor_private_details TO authenticated;

--
-- Name: TABLE contributor_profiles; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.contributor_profiles TO service_role;
GRANT SELECT ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.is_looking_for_work; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(is_looking_for_work) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.timezone; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(timezone) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.headline; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(headline) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.bio; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(bio) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.github_url; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(github_url) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.linkedin_url; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(linkedin_url) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.portfolio_url; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(portfolio_url) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: COLUMN contributor_profiles.years_experience; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(years_experience) ON TABLE public.contributor_profiles TO authenticated;

--
-- Name: TABLE contributor_skills; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.contributor_skills TO service_role;
GRANT SELECT,DELETE ON TABLE public.contributor_skills TO authenticated;

--
-- Name: COLUMN contributor_skills.contributor_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(contributor_id) ON TABLE public.contributor_skills TO authenticated;

--
-- Name: COLUMN contributor_skills.skill_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(skill_id) ON TABLE public.contributor_skills TO authenticated;

--
-- Name: COLUMN contributor_skills.proficiency_level; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(proficiency_level),UPDATE(proficiency_level) ON TABLE public.contributor_skills TO authenticated;

--
-- Name: COLUMN contributor_skills.years_experience; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(years_experience),UPDATE(years_experience) ON TABLE public.contributor_skills TO authenticated;

--
-- Name: TABLE conversation_participants; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.conversation_participants TO service_role;
GRANT SELECT ON TABLE public.conversation_participants TO authenticated;

--
-- Name: COLUMN conversation_participants.last_read_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(last_read_at) ON TABLE public.conversation_participants TO authenticated;

--
-- Name: TABLE initiator_private_details; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.initiator_private_details TO service_role;
GRANT SELECT ON TABLE public.initiator_private_details TO authenticated;

--
-- Name: TABLE lifecycle_transitions; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,REFERENCES,TRIGGER ON TABLE public.lifecycle_transitions TO service_role;
GRANT SELECT ON TABLE public.lifecycle_transitions TO anon;
GRANT SELECT ON TABLE public.lifecycle_transitions TO authenticated;

--
-- Name: TABLE milestone_payouts; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.milestone_payouts TO service_role;
GRANT SELECT ON TABLE public.milestone_payouts TO authenticated;

--
-- Name: TABLE mission_required_skills; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.mission_required_skills TO service_role;
GRANT SELECT ON TABLE public.mission_required_skills TO anon;
GRANT SELECT,DELETE ON TABLE public.mission_required_skills TO authenticated;

--
-- Name: COLUMN mission_required_skills.mission_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(mission_id) ON TABLE public.mission_required_skills TO authenticated;

--
-- Name: COLUMN mission_required_skills.skill_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(skill_id) ON TABLE public.mission_required_skills TO authenticated;

--
-- Name: COLUMN mission_required_skills.importance; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(importance),UPDATE(importance) ON TABLE public.mission_required_skills TO authenticated;

--
-- Name: TABLE proof_task_grading_guides; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.proof_task_grading_guides TO service_role;
GRANT SELECT ON TABLE public.proof_task_grading_guides TO authenticated;

--
-- Name: COLUMN proof_task_grading_guides.task_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(task_id) ON TABLE public.proof_task_grading_guides TO authenticated;

--
-- Name: COLUMN proof_task_grading_guides.expected_approach; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(expected_approach),UPDATE(expected_approach) ON TABLE public.proof_task_grading_guides TO authenticated;

--
-- Name: TABLE proof_tasks; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.proof_tasks TO service_role;
GRANT SELECT ON TABLE public.proof_tasks TO authenticated;

--
-- Name: COLUMN proof_tasks.title; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.proof_tasks TO authenticated;

--
-- Name: COLUMN proof_tasks.scenario; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(scenario),UPDATE(scenario) ON TABLE public.proof_tasks TO authenticated;

--
-- Name: COLUMN proof_tasks.difficulty; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(difficulty),UPDATE(difficulty) ON TABLE public.proof_tasks TO authenticated;

--
-- Name: COLUMN proof_tasks.time_limit_minutes; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(time_limit_minutes),UPDATE(time_limit_minutes) ON TABLE public.proof_tasks TO authenticated;

--
-- Name: COLUMN proof_tasks.category; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(category),UPDATE(category) ON TABLE public.proof_tasks TO authenticated;

--
-- Name: COLUMN proof_tasks.is_active; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(is_active),UPDATE(is_active) ON TABLE public.proof_tasks TO authenticated;

--
-- Name: TABLE skills; Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON TABLE public.skills TO service_role;
GRANT SELECT ON TABLE public.skills TO anon;
GRANT SELECT ON TABLE public.skills TO authenticated;

--
-- Name: COLUMN skills.name; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.skills TO authenticated;

--
-- Name: COLUMN skills.category; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(category),UPDATE(category) ON TABLE public.skills TO authenticated;

--
-- Name: COLUMN skills.icon_url; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(icon_url),UPDATE(icon_url) ON TABLE public.skills TO authenticated;

--
-- Name: COLUMN skills.is_active; Type: ACL; Schema: public; Owner: postgres
--

GRANT INSERT(is_active),UPDATE(is_active) ON TABLE public.skills TO authenticated;

--
-- Outside the project's schemas: what the migrations add to schemas Supabase owns.
--

CREATE POLICY "Participants send typing indicators in their conversations" ON realtime.messages AS PERMISSIVE FOR INSERT TO authenticated
  WITH CHECK (((extension = 'broadcast'::text) AND (event = 'typing'::text) AND (topic = ( SELECT realtime.topic() AS topic)) AND (( SELECT realtime.topic() AS topic) ~~ 'conversation:%'::text) AND ( SELECT private.realtime_can_receive(( SELECT realtime.topic() AS topic)) AS realtime_can_receive)));

CREATE POLICY "Receive on own topics: notifications, conversations, missions" ON realtime.messages AS PERMISSIVE FOR SELECT TO authenticated
  USING (((topic = ( SELECT realtime.topic() AS topic)) AND ( SELECT private.realtime_can_receive(( SELECT realtime.topic() AS topic)) AS realtime_can_receive)));

CREATE POLICY "Active team uploads work files, participants their attachments" ON storage.objects AS PERMISSIVE FOR INSERT TO authenticated
  WITH CHECK ((( SELECT private.is_active() AS is_active) AND (((bucket_id = 'work-submissions'::text) AND private.can_upload_work_file(name)) OR ((bucket_id = 'message-attachments'::text) AND (private.path_conversation_id(name) = ANY (( SELECT private.my_conversation_ids() AS my_conversation_ids)::uuid[]))))));

CREATE POLICY "Work files: team, initiator, admins; attachments: participants" ON storage.objects AS PERMISSIVE FOR SELECT TO authenticated
  USING ((((bucket_id = 'work-submissions'::text) AND (((private.path_mission_id(name) = ANY (( SELECT private.my_team_mission_ids() AS my_team_mission_ids)::uuid[])) AND ( SELECT private.is_active() AS is_active)) OR (private.path_mission_id(name) = ANY (( SELECT private.my_initiated_mission_ids() AS my_initiated_mission_ids)::uuid[])) OR ( SELECT private.is_admin() AS is_admin))) OR ((bucket_id = 'message-attachments'::text) AND (private.path_conversation_id(name) = ANY (( SELECT private.my_conversation_ids() AS my_conversation_ids)::uuid[])) AND ( SELECT private.is_active() AS is_active))));

CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION private.tg_auth_users__create_profile();
CREATE TRIGGER on_auth_user_signed_in AFTER UPDATE OF last_sign_in_at ON auth.users FOR EACH ROW WHEN ((new.last_sign_in_at IS DISTINCT FROM old.last_sign_in_at)) EXECUTE FUNCTION private.tg_auth_users__sync_last_login();
CREATE TRIGGER protect_buckets_delete BEFORE DELETE ON storage.buckets FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();
CREATE TRIGGER protect_objects_delete BEFORE DELETE ON storage.objects FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();

INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types) VALUES ('message-attachments', 'message-attachments', false, 26214400, NULL);
INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types) VALUES ('work-submissions', 'work-submissions', false, 52428800, '{application/pdf,application/zip,application/gzip,application/x-tar,application/json,text/plain,text/markdown,text/csv,image/png,image/jpeg,image/webp,image/gif,video/mp4}');

SELECT cron.schedule('people-lifecycle-timers', '* * * * *', 'select private.run_lifecycle_timers()');
SELECT cron.schedule('people-purge-notifications', '17 3 * * *', 'select private.purge_expired_notifications()');
SELECT cron.schedule('people-purge-rate-limits', '*/10 * * * *', 'select private.purge_rate_limits()');
SELECT cron.schedule('realtime-partitions (local stand-in for the Realtime service)', '* * * * *', 'select _local.keep_realtime_partitions()');

ALTER ROLE authenticator SET pgrst.db_pre_request = 'public.check_request';
