-- The shape of every table in public: primary keys, unique constraints, foreign keys and their ON
-- DELETE actions, indexes (every foreign key indexed), CHECK constraints (and that they really reject
-- bad rows), enums, domains and money columns. The tables and their columns (type, nullability,
-- default) are not restated here: supabase/schema.sql is the snapshot of the whole schema, and
-- npm test fails when it drifts from what the migrations build (scripts/lib/types.mjs).
-- The expected schema is written out below as data (temporary tables); each row becomes a test.
begin;
select plan(476);

-- =============================================================================================
-- The expected schema
-- =============================================================================================

-- Primary keys.
create temp table expected_pks (ord serial primary key, tbl name not null, cols name[] not null) on commit drop;
insert into expected_pks (tbl, cols) values
  ('profiles', '{id}'),
  ('contributor_profiles', '{id}'),
  ('contributor_private_details', '{contributor_id}'),
  ('initiator_profiles', '{id}'),
  ('initiator_private_details', '{initiator_id}'),
  ('skills', '{id}'),
  ('contributor_skills', '{contributor_id,skill_id}'),
  ('missions', '{id}'),
  ('mission_required_skills', '{mission_id,skill_id}'),
  ('milestones', '{id}'),
  ('listed_missions', '{id}'),
  ('mission_assignments', '{id}'),
  ('mission_applications', '{id}'),
  ('work_submissions', '{id}'),
  ('reviews', '{id}'),
  ('milestone_payouts', '{milestone_id,contributor_id}'),
  ('escrow_transactions', '{id}'),
  ('proof_tasks', '{id}'),
  ('proof_task_grading_guides', '{task_id}'),
  ('proof_task_submissions', '{id}'),
  ('notifications', '{id}'),
  ('conversations', '{id}'),
  ('conversation_participants', '{conversation_id,user_id}'),
  ('messages', '{id}'),
  ('audit_logs', '{id}'),
  ('lifecycle_transitions', '{machine,action,from_state,to_state,actor}');

-- UNIQUE constraints (unique indexes that are not constraints are in expected_indexes).
create temp table expected_uniques (ord serial primary key, tbl name not null, conname name not null, cols name[] not null) on commit drop;
insert into expected_uniques (tbl, conname, cols) values
  ('contributor_profiles', 'contributor_profiles_user_id_key', '{user_id}'),
  ('contributor_private_details', 'contributor_private_details_stripe_account_id_key', '{stripe_account_id}'),
  ('initiator_profiles', 'initiator_profiles_user_id_key', '{user_id}'),
  ('initiator_private_details', 'initiator_private_details_stripe_customer_id_key', '{stripe_customer_id}'),
  ('missions', 'missions_slug_key', '{slug}'),
  ('missions', 'missions_id_initiator_key', '{id,initiator_id}'),
  ('milestones', 'unique_milestone_order', '{mission_id,order_index}'),
  ('milestones', 'milestones_id_mission_key', '{id,mission_id}'),
  ('mission_assignments', 'unique_assignment', '{mission_id,contributor_id}'),
  ('mission_assignments', 'mission_assignments_id_mission_key', '{id,mission_id}'),
  ('mission_applications', 'unique_application', '{mission_id,contributor_id}'),
  ('work_submissions', 'work_submissions_version_key', '{milestone_id,version}'),
  ('reviews', 'reviews_once_per_direction', '{assignment_id,direction}'),
  ('proof_task_submissions', 'unique_submission', '{contributor_id,task_id}');

-- Foreign keys: table, columns, referenced table and columns, ON DELETE
-- (c cascade, r restrict, n set null, d set default, a no action), and the constraint name of a
-- composite key (one that makes two columns agree with the referenced row; NULL: a single-column
-- key, which keeps its generated name).
create temp table expected_fks (
  ord serial primary key,
  tbl name not null,
  cols name[] not null,
  ref_schema name not null,
  ref_tbl name not null,
  ref_cols name[] not null,
  on_delete text not null,
  conname name check ((conname is not null) = (cardinality(cols) > 1))
) on commit drop;
insert into expected_fks (tbl, cols, ref_schema, ref_tbl, ref_cols, on_delete, conname) values
  ('profiles', '{id}', 'auth', 'users', '{id}', 'c', null),
  ('contributor_profiles', '{user_id}', 'public', 'profiles', '{id}', 'c', null),
  ('contributor_private_details', '{contributor_id}', 'public', 'contributor_profiles', '{id}', 'c', null),
  ('initiator_profiles', '{user_id}', 'public', 'profiles', '{id}', 'c', null),
  ('initiator_private_details', '{initiator_id}', 'public', 'initiator_profiles', '{id}', 'c', null),
  ('contributor_skills', '{contributor_id}', 'public', 'contributor_profiles', '{id}', 'c', null),
  ('contributor_skills', '{skill_id}', 'public', 'skills', '{id}', 'c', null),
  ('missions', '{initiator_id}', 'public', 'initiator_profiles', '{id}', 'r', null),
  ('mission_required_skills', '{mission_id}', 'public', 'missions', '{id}', 'c', null),
  ('mission_required_skills', '{skill_id}', 'public', 'skills', '{id}', 'r', null),
  ('milestones', '{mission_id}', 'public', 'missions', '{id}', 'c', null),
  ('listed_missions', '{id}', 'public', 'missions', '{id}', 'c', null),
  ('mission_assignments', '{mission_id}', 'public', 'missions', '{id}', 'c', null),
  ('mission_assignments', '{contributor_id}', 'public', 'contributor_profiles', '{id}', 'r', null),
  ('mission_applications', '{mission_id}', 'public', 'missions', '{id}', 'c', null),
  ('mission_applications', '{contributor_id}', 'public', 'contributor_profiles', '{id}', 'r', null),
  ('work_submissions', '{mission_id,milestone_id}', 'public', 'milestones', '{mission_id,id}', 'c', 'work_submissions_milestone_fk'),
  ('work_submissions', '{assignment_id,mission_id}', 'public', 'mission_assignments', '{id,mission_id}', 'r', 'work_submissions_assignment_fk'),
  ('reviews', '{assignment_id,mission_id}', 'public', 'mission_assignments', '{id,mission_id}', 'c', 'reviews_assignment_fk'),
  ('reviews', '{mission_id}', 'public', 'missions', '{id}', 'c', null),
  ('reviews', '{reviewer_id}', 'public', 'profiles', '{id}', 'c', null),
  ('reviews', '{reviewee_id}', 'public', 'profiles', '{id}', 'c', null),
  ('milestone_payouts', '{contributor_id}', 'public', 'contributor_profiles', '{id}', 'r', null),
  ('milestone_payouts', '{milestone_id,mission_id}', 'public', 'milestones', '{id,mission_id}', 'r', 'milestone_payouts_milestone_fk'),
  ('escrow_transactions', '{mission_id}', 'public', 'missions', '{id}', 'r', null),
  ('escrow_transactions', '{milestone_id,mission_id}', 'public', 'milestones', '{id,mission_id}', 'r', 'escrow_transactions_milestone_fk'),
  ('escrow_transactions', '{mission_id,initiator_id}', 'public', 'missions', '{id,initiator_id}', 'r', 'escrow_transactions_initiator_fk'),
  ('escrow_transactions', '{initiator_id}', 'public', 'initiator_profiles', '{id}', 'r', null),
  ('escrow_transactions', '{contributor_id}', 'public', 'contributor_profiles', '{id}', 'r', null),
  ('proof_tasks', '{created_by}', 'public', 'profiles', '{id}', 'n', null),
  ('proof_task_grading_guides', '{task_id}', 'public', 'proof_tasks', '{id}', 'c', null),
  ('proof_task_submissions', '{contributor_id}', 'public', 'contributor_profiles', '{id}', 'c', null),
  ('proof_task_submissions', '{task_id}', 'public', 'proof_tasks', '{id}', 'r', null),
  ('proof_task_submissions', '{evaluated_by}', 'public', 'profiles', '{id}', 'n', null),
  ('notifications', '{user_id}', 'public', 'profiles', '{id}', 'c', null),
  ('conversations', '{mission_id}', 'public', 'missions', '{id}', 'c', null),
  ('conversations', '{created_by}', 'public', 'profiles', '{id}', 'n', null),
  ('conversation_participants', '{conversation_id}', 'public', 'conversations', '{id}', 'c', null),
  ('conversation_participants', '{user_id}', 'public', 'profiles', '{id}', 'c', null),
  ('messages', '{conversation_id}', 'public', 'conversations', '{id}', 'c', null),
  ('messages', '{sender_id}', 'public', 'profiles', '{id}', 'r', null),
  ('audit_logs', '{user_id}', 'public', 'profiles', '{id}', 'n', null);

-- Every index: table, name, key columns (or expressions), unique, partial-index predicate.
create temp table expected_indexes (
  ord serial primary key,
  tbl name not null,
  idx name not null,
  keys name[] not null,
  is_unique boolean not null default false,
  pred text
) on commit drop;
insert into expected_indexes (tbl, idx, keys, is_unique, pred) values
  ('profiles', 'profiles_pkey', '{id}', true, null),
  ('profiles', 'profiles_primary_role_idx', '{primary_role}', false, null),
  ('profiles', 'profiles_account_status_idx', '{account_status}', false, '(account_status <> ''active''::account_status)'),
  ('contributor_profiles', 'contributor_profiles_pkey', '{id}', true, null),
  ('contributor_profiles', 'contributor_profiles_user_id_key', '{user_id}', true, null),
  ('contributor_profiles', 'contributor_profiles_looking_idx', '{is_looking_for_work}', false, '(is_looking_for_work = true)'),
  ('contributor_profiles', 'contributor_profiles_verified_idx', '{verification_status}', false, '(verification_status = ''verified''::verification_status)'),
  ('contributor_profiles', 'contributor_profiles_search_idx', '{trust_score,id}', false,
     '((verification_status = ''verified''::verification_status) AND is_looking_for_work)'),
  ('contributor_private_details', 'contributor_private_details_pkey', '{contributor_id}', true, null),
  ('contributor_private_details', 'contributor_private_details_stripe_account_id_key', '{stripe_account_id}', true, null),
  ('initiator_profiles', 'initiator_profiles_pkey', '{id}', true, null),
  ('initiator_profiles', 'initiator_profiles_user_id_key', '{user_id}', true, null),
  ('initiator_private_details', 'initiator_private_details_pkey', '{initiator_id}', true, null),
  ('initiator_private_details', 'initiator_private_details_stripe_customer_id_key', '{stripe_customer_id}', true, null),
  ('skills', 'skills_pkey', '{id}', true, null),
  ('skills', 'skills_name_key', '{lower((name)::text)}', true, null),
  ('skills', 'skills_category_idx', '{category}', false, 'is_active'),
  ('contributor_skills', 'contributor_skills_pkey', '{contributor_id,skill_id}', true, null),
  ('contributor_skills', 'contributor_skills_skill_idx', '{skill_id,proficiency_level}', false, null),
  ('missions', 'missions_pkey', '{id}', true, null),
  ('missions', 'missions_slug_key', '{slug}', true, null),
  ('missions', 'missions_id_initiator_key', '{id,initiator_id}', true, null),
  ('missions', 'missions_initiator_idx', '{initiator_id,created_at}', false, null),
  ('missions', 'missions_status_idx', '{status}', false, null),
  ('missions', 'missions_type_idx', '{type}', false, null),
  ('missions', 'missions_public_idx', '{is_public,status}', false, '(is_public = true)'),
  ('missions', 'missions_listed_idx', '{published_at,id}', false,
     '(is_public AND (status = ANY (ARRAY[''open''::mission_status, ''matching''::mission_status, ''in_progress''::mission_status, ''in_review''::mission_status, ''completed''::mission_status])))'),
  ('missions', 'missions_listed_status_idx', '{listed_status,published_at,id}', false, '(listed_status IS NOT NULL)'),
  ('missions', 'missions_listed_type_idx', '{listed_status,type,published_at,id}', false, '(listed_status IS NOT NULL)'),
  ('listed_missions', 'listed_missions_pkey', '{id}', true, null),
  ('listed_missions', 'listed_missions_status_idx', '{listed_status,published_at,id}', false, null),
  ('listed_missions', 'listed_missions_type_idx', '{listed_status,type,published_at,id}', false, null),
  ('listed_missions', 'listed_missions_initiator_idx', '{initiator_id}', false, null),
  ('mission_required_skills', 'mission_required_skills_pkey', '{mission_id,skill_id}', true, null),
  ('mission_required_skills', 'mission_required_skills_skill_idx', '{skill_id}', false, null),
  ('milestones', 'milestones_pkey', '{id}', true, null),
  ('milestones', 'unique_milestone_order', '{mission_id,order_index}', true, null),
  ('milestones', 'milestones_id_mission_key', '{id,mission_id}', true, null),
  ('milestones', 'milestones_status_idx', '{status}', false,
     '(status = ANY (ARRAY[''submitted''::milestone_status, ''approved''::milestone_status]))'),
  ('milestones', 'milestones_due_idx', '{due_date}', false,
     '((due_date IS NOT NULL) AND (status = ANY (ARRAY[''pending''::milestone_status, ''in_progress''::milestone_status, ''revision''::milestone_status])))'),
  ('mission_assignments', 'mission_assignments_pkey', '{id}', true, null),
  ('mission_assignments', 'unique_assignment', '{mission_id,contributor_id}', true, null),
  ('mission_assignments', 'mission_assignments_id_mission_key', '{id,mission_id}', true, null),
  ('mission_assignments', 'mission_assignments_contributor_idx', '{contributor_id}', false, null),
  ('mission_assignments', 'mission_assignments_active_idx', '{status}', false, '(status = ''active''::assignment_status)'),
  ('mission_assignments', 'mission_assignments_invitations_idx', '{invitation_expires_at}', false, '(status = ''invited''::assignment_status)'),
  ('mission_applications', 'mission_applications_pkey', '{id}', true, null),
  ('mission_applications', 'unique_application', '{mission_id,contributor_id}', true, null),
  ('mission_applications', 'mission_applications_contributor_idx', '{contributor_id,created_at}', false, null),
  ('mission_applications', 'mission_applications_mission_status_idx', '{mission_id,status,created_at}', false, null),
  ('work_submissions', 'work_submissions_pkey', '{id}', true, null),
  ('work_submissions', 'work_submissions_version_key', '{milestone_id,version}', true, null),
  ('work_submissions', 'work_submissions_mission_idx', '{mission_id,milestone_id}', false, null),
  ('work_submissions', 'work_submissions_assignment_idx', '{assignment_id,mission_id}', false, null),
  ('reviews', 'reviews_pkey', '{id}', true, null),
  ('reviews', 'reviews_once_per_direction', '{assignment_id,direction}', true, null),
  ('reviews', 'reviews_mission_idx', '{mission_id}', false, null),
  ('reviews', 'reviews_assignment_mission_idx', '{assignment_id,mission_id}', false, null),
  ('reviews', 'reviews_reviewer_idx', '{reviewer_id}', false, null),
  ('reviews', 'reviews_reviewee_idx', '{reviewee_id,created_at}', false, null),
  ('milestone_payouts', 'milestone_payouts_pkey', '{milestone_id,contributor_id}', true, null),
  ('milestone_payouts', 'milestone_payouts_contributor_idx', '{contributor_id,created_at}', false, null),
  ('milestone_payouts', 'milestone_payouts_mission_idx', '{mission_id}', false, null),
  ('milestone_payouts', 'milestone_payouts_milestone_mission_idx', '{milestone_id,mission_id}', false, null),
  ('escrow_transactions', 'escrow_transactions_pkey', '{id}', true, null),
  ('escrow_transactions', 'escrow_transactions_mission_idx', '{mission_id,created_at}', false, null),
  ('escrow_transactions', 'escrow_transactions_status_idx', '{status}', false, null),
  ('escrow_transactions', 'escrow_transactions_milestone_idx', '{milestone_id,mission_id}', false, '(milestone_id IS NOT NULL)'),
  ('escrow_transactions', 'escrow_transactions_mission_initiator_idx', '{mission_id,initiator_id}', false, null),
  ('escrow_transactions', 'escrow_transactions_initiator_idx', '{initiator_id}', false, null),
  ('escrow_transactions', 'escrow_transactions_contributor_idx', '{contributor_id}', false, '(contributor_id IS NOT NULL)'),
  ('escrow_transactions', 'escrow_transactions_payment_intent_key', '{stripe_payment_intent_id,type}', true,
     '((stripe_payment_intent_id IS NOT NULL) AND (type = ''deposit''::escrow_transaction_type) AND (status <> ''failed''::escrow_transaction_status))'),
  ('escrow_transactions', 'escrow_transactions_transfer_key', '{stripe_transfer_id,type}', true, '(stripe_transfer_id IS NOT NULL)'),
  ('escrow_transactions', 'escrow_transactions_refund_key', '{stripe_refund_id}', true, '(stripe_refund_id IS NOT NULL)'),
  ('escrow_transactions', 'escrow_transactions_one_release_per_part', '{milestone_id,contributor_id}', true, '((type = ''release''::escrow_transaction_type) AND (status <> ''failed''::escrow_transaction_status))'),
  ('escrow_transactions', 'escrow_transactions_one_fee_per_milestone', '{milestone_id}', true, '((type = ''platform_fee''::escrow_transaction_type) AND (status <> ''failed''::escrow_transaction_status))'),
  ('escrow_transactions', 'escrow_transactions_dispute_key', '{stripe_dispute_id,type}', true, '(stripe_dispute_id IS NOT NULL)'),
  ('escrow_transactions', 'escrow_transactions_correlation_idx', '{correlation_id}', false, '(correlation_id IS NOT NULL)'),
  ('proof_tasks', 'proof_tasks_pkey', '{id}', true, null),
  ('proof_tasks', 'proof_tasks_category_idx', '{category,difficulty}', false, 'is_active'),
  ('proof_tasks', 'proof_tasks_created_by_idx', '{created_by}', false, null),
  ('proof_task_grading_guides', 'proof_task_grading_guides_pkey', '{task_id}', true, null),
  ('proof_task_submissions', 'proof_task_submissions_pkey', '{id}', true, null),
  ('proof_task_submissions', 'unique_submission', '{contributor_id,task_id}', true, null),
  ('proof_task_submissions', 'proof_task_submissions_task_idx', '{task_id}', false, null),
  ('proof_task_submissions', 'proof_task_submissions_evaluated_by_idx', '{evaluated_by}', false, null),
  ('proof_task_submissions', 'proof_task_submissions_queue_idx', '{created_at}', false,
     '(status = ANY (ARRAY[''submitted''::proof_task_submission_status, ''under_review''::proof_task_submission_status]))'),
  ('notifications', 'notifications_pkey', '{id}', true, null),
  ('notifications', 'notifications_user_idx', '{user_id,created_at}', false, null),
  ('notifications', 'notifications_unread_idx', '{user_id,is_read,created_at}', false, null),
  ('notifications', 'notifications_expires_idx', '{expires_at}', false, '(expires_at IS NOT NULL)'),
  ('conversations', 'conversations_pkey', '{id}', true, null),
  ('conversations', 'conversations_mission_idx', '{mission_id}', false, '(mission_id IS NOT NULL)'),
  ('conversations', 'conversations_one_team_chat_per_mission', '{mission_id}', true, '(type = ''mission_team''::conversation_type)'),
  ('conversations', 'conversations_created_by_idx', '{created_by}', false, null),
  ('conversation_participants', 'conversation_participants_pkey', '{conversation_id,user_id}', true, null),
  ('conversation_participants', 'conversation_participants_user_idx', '{user_id,conversation_id}', false, null),
  ('messages', 'messages_pkey', '{id}', true, null),
  ('messages', 'messages_conversation_created_idx', '{conversation_id,created_at,id}', false, null),
  ('messages', 'messages_sender_idx', '{sender_id}', false, null),
  ('audit_logs', 'audit_logs_pkey', '{id}', true, null),
  ('audit_logs', 'audit_logs_entity_idx', '{entity_type,entity_id}', false, null),
  ('audit_logs', 'audit_logs_user_idx', '{user_id}', false, null),
  ('audit_logs', 'audit_logs_created_idx', '{created_at}', false, null),
  ('lifecycle_transitions', 'lifecycle_transitions_pkey', '{machine,action,from_state,to_state,actor}', true, null);

-- CHECK constraints, by the columns they read (in the order the expression reads them).
create temp table expected_checks (ord serial primary key, tbl name not null, cols name[] not null) on commit drop;
insert into expected_checks (tbl, cols) values
  ('profiles', '{full_name}'),
  ('profiles', '{email_opt_outs}'),
  ('contributor_profiles', '{timezone}'),
  ('contributor_profiles', '{bio}'),
  ('contributor_profiles', '{years_experience}'),
  ('contributor_profiles', '{trust_score}'),
  ('contributor_profiles', '{match_power}'),
  ('contributor_profiles', '{completion_rate}'),
  ('contributor_profiles', '{total_missions_completed}'),
  ('contributor_profiles', '{shadow_assignments}'),
  ('contributor_profiles', '{average_rating}'),
  ('contributor_private_details', '{availability_hours_per_week}'),
  ('contributor_private_details', '{total_earnings_cents}'),
  ('initiator_profiles', '{company_name}'),
  ('initiator_profiles', '{total_missions_posted}'),
  ('initiator_profiles', '{average_rating}'),
  ('initiator_private_details', '{total_spent_cents}'),
  ('skills', '{name}'),
  ('contributor_skills', '{years_experience}'),
  ('missions', '{title}'),
  ('missions', '{slug}'),
  ('missions', '{description}'),
  ('missions', '{problem_statement}'),
  ('missions', '{success_criteria}'),
  ('missions', '{budget_min_cents}'),
  ('missions', '{budget_max_cents}'),
  ('missions', '{platform_fee_bps}'),
  ('missions', '{lead_share_bps}'),
  ('missions', '{shadow_share_bps}'),
  ('missions', '{core_reviewer_share_bps}'),
  ('missions', '{estimated_duration_days}'),
  ('missions', '{max_lead_contributors}'),
  ('missions', '{max_shadow_contributors}'),
  ('missions', '{cancellation_reason}'),
  ('missions', '{dispute_reason}'),
  ('missions', '{budget_min_cents,budget_max_cents}'),
  ('missions', '{lead_share_bps,shadow_share_bps,core_reviewer_share_bps}'),
  ('milestones', '{title}'),
  ('milestones', '{description}'),
  ('milestones', '{order_index}'),
  ('milestones', '{amount_cents}'),
  ('milestones', '{revision_count}'),
  ('mission_assignments', '{rating}'),
  ('mission_assignments', '{review_text}'),
  ('mission_assignments', '{end_reason}'),
  ('mission_applications', '{cover_letter}'),
  ('mission_applications', '{proposed_timeline}'),
  ('mission_applications', '{proposed_approach}'),
  ('mission_applications', '{match_score}'),
  ('work_submissions', '{version}'),
  ('work_submissions', '{content}'),
  ('work_submissions', '{links}'),
  ('work_submissions', '{storage_paths}'),
  ('work_submissions', '{feedback}'),
  ('reviews', '{rating}'),
  ('reviews', '{comment}'),
  ('reviews', '{reviewer_id,reviewee_id}'),
  ('milestone_payouts', '{share_bps}'),
  ('milestone_payouts', '{payout_cents}'),
  ('escrow_transactions', '{amount_cents}'),
  ('escrow_transactions', '{description}'),
  ('escrow_transactions', '{type,contributor_id,milestone_id}'),
  ('proof_tasks', '{title}'),
  ('proof_tasks', '{scenario}'),
  ('proof_tasks', '{time_limit_minutes}'),
  ('proof_tasks', '{category}'),
  ('proof_task_grading_guides', '{expected_approach}'),
  ('proof_task_submissions', '{answer}'),
  ('proof_task_submissions', '{time_taken_seconds}'),
  ('proof_task_submissions', '{score}'),
  ('proof_task_submissions', '{feedback}'),
  ('proof_task_submissions', '{status,score,evaluated_at}'),
  ('notifications', '{type}'),
  ('notifications', '{title}'),
  ('notifications', '{message}'),
  ('notifications', '{action_url}'),
  ('notifications', '{metadata}'),
  ('notifications', '{is_read,read_at}'),
  ('conversations', '{type,mission_id}'),
  ('messages', '{content}'),
  ('messages', '{attachments}'),
  ('messages', '{is_edited,edited_at}'),
  ('audit_logs', '{action}'),
  ('audit_logs', '{entity_type}'),
  ('audit_logs', '{metadata}'),
  ('lifecycle_transitions', '{machine}'),
  ('lifecycle_transitions', '{actor}');

-- What the catalog says, in the same shapes.
create temp view actual_fks as
  select c.conrelid::regclass::text as tbl_text,
         cl.relname as tbl,
         array(select a.attname from unnest(c.conkey) with ordinality k(attnum, n)
               join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n) as cols,
         rn.nspname as ref_schema,
         rc.relname as ref_tbl,
         array(select a.attname from unnest(c.confkey) with ordinality k(attnum, n)
               join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n) as ref_cols,
         c.confdeltype::text as on_delete,
         c.confmatchtype::text as match_type,
         c.conname
  from pg_constraint c
  join pg_class cl on cl.oid = c.conrelid
  join pg_class rc on rc.oid = c.confrelid
  join pg_namespace rn on rn.oid = rc.relnamespace
  where c.contype = 'f' and cl.relnamespace = 'public'::regnamespace;

-- =============================================================================================
-- Primary keys and unique constraints
-- =============================================================================================
select col_is_pk('public', tbl, cols, format('public.%I has primary key (%s)', tbl, array_to_string(cols, ', ')))
from expected_pks order by ord;

select col_is_unique('public', tbl, cols, format('public.%I has unique (%s)', tbl, array_to_string(cols, ', ')))
from expected_uniques order by ord;

select set_eq(
  $$select cl.relname::text, c.conname::text
    from pg_constraint c join pg_class cl on cl.oid = c.conrelid
    where c.contype = 'u' and cl.relnamespace = 'public'::regnamespace$$,
  $$select tbl::text, conname::text from expected_uniques$$,
  'public has exactly the expected UNIQUE constraints');

select ok(
  (select condeferrable and not condeferred from pg_constraint
   where conname = 'unique_milestone_order' and conrelid = 'public.milestones'::regclass),
  'unique_milestone_order is DEFERRABLE INITIALLY IMMEDIATE (milestones can be reordered in one transaction)');

-- =============================================================================================
-- Foreign keys
-- =============================================================================================
select fk_ok('public', tbl, cols, ref_schema, ref_tbl, ref_cols,
             format('public.%I(%s) references %I.%I(%s)', tbl, array_to_string(cols, ', '), ref_schema, ref_tbl,
                    array_to_string(ref_cols, ', ')))
from expected_fks order by ord;

select is(
  (select a.on_delete from actual_fks a where a.tbl = e.tbl and a.cols = e.cols),
  e.on_delete,
  format('public.%I(%s) is ON DELETE %s', e.tbl, array_to_string(e.cols, ', '),
         case e.on_delete when 'c' then 'CASCADE' when 'r' then 'RESTRICT' when 'n' then 'SET NULL' else e.on_delete end))
from expected_fks e order by e.ord;

-- Composite keys: the constraint name, and MATCH SIMPLE (a row whose nullable column is NULL, such
-- as an escrow entry without a milestone, is not checked; MATCH FULL would reject it).
select is(
  (select format('%s MATCH %s', a.conname, case a.match_type when 's' then 'SIMPLE' when 'f' then 'FULL' else 'PARTIAL' end)
   from actual_fks a where a.tbl = e.tbl and a.cols = e.cols),
  format('%s MATCH SIMPLE', e.conname),
  format('public.%I(%s) is the composite foreign key %I, MATCH SIMPLE', e.tbl, array_to_string(e.cols, ', '), e.conname))
from expected_fks e where e.conname is not null order by e.ord;

select set_eq(
  $$select tbl::text, cols::text[], ref_schema::text, ref_tbl::text, ref_cols::text[], on_delete from actual_fks$$,
  $$select tbl::text, cols::text[], ref_schema::text, ref_tbl::text, ref_cols::text[], on_delete from expected_fks$$,
  'public has exactly the expected foreign keys, with the expected ON DELETE actions');

select is_empty(
  $$select conname from actual_fks where on_delete = 'a'$$,
  'every foreign key in public has an explicit ON DELETE action (none is NO ACTION)');

-- An index whose leading key columns are exactly the FK's columns (any order); a partial index
-- counts when its predicate is just "<fk column> IS NOT NULL" (an FK lookup never matches NULL).
select is_empty(
  $$select c.conrelid::regclass::text || ' ' || c.conname
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and not exists (
        select from pg_index i
        where i.indrelid = c.conrelid
          and i.indnkeyatts >= cardinality(c.conkey)
          and (select array_agg(k order by k) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) k)
              = (select array_agg(k order by k) from unnest(c.conkey) k)
          and (i.indpred is null
               or exists (select from pg_attribute a
                          where a.attrelid = c.conrelid and a.attnum = any (c.conkey)
                            and pg_get_expr(i.indpred, i.indrelid) = format('(%s IS NOT NULL)', quote_ident(a.attname)))))$$,
  'every foreign key in public has an index whose leading columns cover it');

-- =============================================================================================
-- Indexes
-- =============================================================================================
select indexes_are('public', tbl, idxs, format('public.%I has exactly the expected indexes', tbl))
from (select tbl, min(ord) as o, array_agg(idx order by ord) as idxs from expected_indexes group by tbl) t order by o;

select has_index('public', tbl, idx, keys, format('%I is on public.%I (%s)', idx, tbl, array_to_string(keys, ', ')))
from expected_indexes order by ord;

select set_eq(
  $$select ci.relname::text from pg_index i join pg_class ci on ci.oid = i.indexrelid
    where ci.relnamespace = 'public'::regnamespace and i.indisunique$$,
  $$select idx::text from expected_indexes where is_unique$$,
  'exactly the expected indexes in public are unique');

select set_eq(
  $$select ci.relname::text, pg_get_expr(i.indpred, i.indrelid) from pg_index i join pg_class ci on ci.oid = i.indexrelid
    where ci.relnamespace = 'public'::regnamespace and i.indpred is not null$$,
  $$select idx::text, pred from expected_indexes where pred is not null$$,
  'exactly the expected indexes in public are partial, with the expected predicates');

-- =============================================================================================
-- CHECK constraints: where they are
-- =============================================================================================
select col_has_check('public', tbl, cols, format('public.%I has a CHECK on (%s)', tbl, array_to_string(cols, ', ')))
from expected_checks order by ord;

select bag_eq(
  $$select cl.relname::text,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n)
    from pg_constraint c join pg_class cl on cl.oid = c.conrelid
    where c.contype = 'c' and cl.relnamespace = 'public'::regnamespace$$,
  $$select tbl::text, cols::text[] from expected_checks$$,
  'public has exactly the expected CHECK constraints');

-- =============================================================================================
-- Enums and domains
-- =============================================================================================
select enums_are('public', array[
  'user_role', 'account_status', 'verification_status', 'background_check_status', 'company_size',
  'skill_category', 'proficiency_level',
  'mission_complexity', 'mission_status', 'skill_importance', 'milestone_status',
  'assignment_role', 'assignment_status', 'application_status', 'work_submission_status', 'review_direction',
  'escrow_transaction_type', 'escrow_transaction_status',
  'proof_task_difficulty', 'proof_task_submission_status',
  'notification_priority',
  'conversation_type', 'message_type']::name[], 'public has exactly the expected enums');

select enum_has_labels('public', 'user_role', array['contributor', 'initiator', 'admin']::name[]);
select enum_has_labels('public', 'account_status', array['active', 'suspended', 'banned', 'pending_verification']::name[]);
select enum_has_labels('public', 'verification_status', array['pending', 'proof_task_submitted', 'verified', 'rejected']::name[]);
select enum_has_labels('public', 'background_check_status', array['not_started', 'in_progress', 'passed', 'failed']::name[]);
select enum_has_labels('public', 'company_size', array['1-10', '11-50', '51-200', '201-500', '500+']::name[]);
select enum_has_labels('public', 'skill_category', array['language', 'framework', 'tool', 'domain']::name[]);
select enum_has_labels('public', 'proficiency_level', array['beginner', 'intermediate', 'advanced', 'expert']::name[]);
-- mission_type is a domain over text (leakproof equality under RLS), with the same values, in the
-- order private.mission_types() gives them.
select is(
  (select private.mission_types()),
  array['algorithm', 'frontend', 'backend', 'fullstack', 'mobile', 'devops', 'design', 'qa', 'security', 'data', 'other'],
  'mission types: the fixed list, in order');
select is(
  (select count(*)::integer from unnest(private.mission_types()) t where (select t::public.mission_type) is not null),
  11, 'every listed type is a mission_type');
select throws_ok($$select 'cobol'::public.mission_type$$, '23514', null, 'a type outside the list is refused');
select enum_has_labels('public', 'mission_complexity', array['easy', 'medium', 'hard', 'expert']::name[]);
select enum_has_labels('public', 'mission_status', array[
  'draft', 'pending_funding', 'open', 'matching', 'in_progress', 'in_review', 'completed', 'cancelled', 'disputed']::name[]);
select enum_has_labels('public', 'skill_importance', array['required', 'preferred', 'nice_to_have']::name[]);
select enum_has_labels('public', 'milestone_status', array['pending', 'in_progress', 'submitted', 'approved', 'revision', 'paid', 'cancelled']::name[]);
select enum_has_labels('public', 'assignment_role', array['lead', 'shadow', 'core_reviewer']::name[]);
select enum_has_labels('public', 'assignment_status', array['invited', 'active', 'stepped_up', 'completed', 'withdrawn', 'removed']::name[]);
select enum_has_labels('public', 'application_status', array['pending', 'shortlisted', 'accepted', 'rejected', 'withdrawn']::name[]);
select enum_has_labels('public', 'work_submission_status', array['submitted', 'revision_requested', 'approved']::name[]);
select enum_has_labels('public', 'review_direction', array['initiator_to_contributor', 'contributor_to_initiator']::name[]);
select enum_has_labels('public', 'escrow_transaction_type', array[
  'deposit', 'release', 'refund', 'platform_fee', 'dispute_hold', 'dispute_release']::name[]);
select enum_has_labels('public', 'escrow_transaction_status', array['pending', 'processing', 'completed', 'failed', 'refunded']::name[]);
select enum_has_labels('public', 'proof_task_difficulty', array['easy', 'medium', 'hard']::name[]);
select enum_has_labels('public', 'proof_task_submission_status', array['submitted', 'under_review', 'passed', 'failed']::name[]);
select enum_has_labels('public', 'notification_priority', array['basic', 'medium', 'urgent', 'final']::name[]);
select enum_has_labels('public', 'conversation_type', array['direct', 'mission_team', 'support']::name[]);
select enum_has_labels('public', 'message_type', array['text', 'file', 'system']::name[]);

select domains_are('public', array['currency_code', 'http_url', 'mission_type']::name[], 'public has exactly the expected domains');
select domain_type_is('public', 'mission_type', 'text', 'mission_type is a text');
select is((select format_type(typbasetype, typtypmod) from pg_type where oid = 'public.currency_code'::regtype), 'character(3)',
  'currency_code is a char(3)');
select domain_type_is('public', 'http_url', 'text', 'http_url is a text');

-- =============================================================================================
-- Money: integers of minor units, never numeric or floating point
-- =============================================================================================
select set_eq(
  $$select c.relname::text, a.attname::text from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and a.attname like '%\_cents'$$,
  $$values ('contributor_private_details', 'total_earnings_cents'), ('initiator_private_details', 'total_spent_cents'),
           ('missions', 'budget_min_cents'), ('missions', 'budget_max_cents'), ('milestones', 'amount_cents'),
           ('listed_missions', 'budget_min_cents'), ('listed_missions', 'budget_max_cents'),
           ('milestone_payouts', 'payout_cents'), ('escrow_transactions', 'amount_cents')$$,
  'the money columns (*_cents) are the expected ones');
select is_empty(
  $$select c.relname || '.' || a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and a.attname like '%\_cents' and a.atttypid <> 'bigint'::regtype$$,
  'every *_cents column in public is bigint');
-- The only numeric columns are ratings, rates and scores; no real, double precision or money anywhere
-- (domains are looked through to their base type).
select set_eq(
  $$select c.relname::text, a.attname::text from pg_attribute a join pg_class c on c.oid = a.attrelid
    join pg_type t on t.oid = a.atttypid
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and (case when t.typtype = 'd' then t.typbasetype else t.oid end)
          in ('numeric'::regtype, 'real'::regtype, 'double precision'::regtype, 'money'::regtype)$$,
  $$values ('contributor_profiles', 'completion_rate'), ('contributor_profiles', 'average_rating'),
           ('initiator_profiles', 'average_rating'),
           ('mission_assignments', 'rating'), ('mission_applications', 'match_score'), ('proof_task_submissions', 'score')$$,
  'the only numeric/real/double/money columns in public are ratings, rates and scores (no money)');
select is_empty(
  $$select c.relname || '.' || a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
    join pg_type t on t.oid = a.atttypid
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and (case when t.typtype = 'd' then t.typbasetype else t.oid end)
          in ('numeric'::regtype, 'real'::regtype, 'double precision'::regtype, 'money'::regtype)
      and a.attname ~ '(cents|amount|price|budget|cost|fee|earning|spent|balance|payout|total)'$$,
  'no column in public named like money is numeric, real, double precision or money');

-- =============================================================================================
-- CHECK constraints really reject bad rows (as the test superuser; 23514 = check_violation, which
-- domain checks raise too; 23505 = unique_violation)
-- =============================================================================================
select tests.create_user('schema-initiator@example.com', '{"role":"initiator"}', id => '5c000000-0000-4000-8000-000000000001');
select tests.create_user('schema-contributor@example.com', '{"role":"contributor"}', id => '5c000000-0000-4000-8000-000000000002');
select tests.create_user('schema-leaver@example.com', '{"role":"contributor"}', id => '5c000000-0000-4000-8000-000000000003');
select tests.create_user('schema-other-initiator@example.com', '{"role":"initiator"}', id => '5c000000-0000-4000-8000-000000000004');
create temp table fx on commit drop as
  select (select id from public.initiator_profiles where user_id = '5c000000-0000-4000-8000-000000000001') as initiator_id,
         (select id from public.contributor_profiles where user_id = '5c000000-0000-4000-8000-000000000002') as contributor_id,
         (select id from public.initiator_profiles where user_id = '5c000000-0000-4000-8000-000000000004') as other_initiator_id;

-- missions
select lives_ok(
  $$insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                                 estimated_duration_days)
    values ('5c000000-0000-4000-8000-0000000000a1', (select initiator_id from fx), 'Build an API', 'build-an-api',
            'A REST API', 'backend', 100000, 500000, 30)$$,
  'a valid mission is accepted');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days)
    values ((select initiator_id from fx), 'Backwards budget', 'backwards-budget', 'x', 'backend', 500000, 100000, 30)$$,
  '23514', null, 'missions rejects budget_min_cents > budget_max_cents');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days)
    values ((select initiator_id from fx), 'Negative budget', 'negative-budget', 'x', 'backend', -100, 100000, 30)$$,
  '23514', null, 'missions rejects a negative budget_min_cents');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days)
    values ((select initiator_id from fx), 'Bad slug', 'Bad Slug!', 'x', 'backend', 100, 200, 30)$$,
  '23514', null, 'missions rejects a slug that is not lower-case-kebab');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days)
    values ((select initiator_id from fx), 'Dangling dash', 'dangling-', 'x', 'backend', 100, 200, 30)$$,
  '23514', null, 'missions rejects a slug ending in a dash');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, currency)
    values ((select initiator_id from fx), 'Lower-case currency', 'lower-case-currency', 'x', 'backend', 100, 200, 30, 'usd')$$,
  '23514', null, 'missions rejects a currency code that is not ISO 4217 upper case (currency_code domain)');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days, platform_fee_bps)
    values ((select initiator_id from fx), 'Greedy fee', 'greedy-fee', 'x', 'backend', 100, 200, 30, 5001)$$,
  '23514', null, 'missions rejects a platform fee over 50%');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days,
                                 lead_share_bps, shadow_share_bps, core_reviewer_share_bps)
    values ((select initiator_id from fx), 'Short shares', 'short-shares', 'x', 'backend', 100, 200, 30, 7000, 2000, 500)$$,
  '23514', null, 'missions rejects payout shares that do not add up to 10000 basis points');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days,
                                 lead_share_bps, shadow_share_bps, core_reviewer_share_bps)
    values ((select initiator_id from fx), 'No lead share', 'no-lead-share', 'x', 'backend', 100, 200, 30, 0, 5000, 5000)$$,
  '23514', null, 'missions rejects a lead share of 0');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days,
                                 lead_share_bps, shadow_share_bps, core_reviewer_share_bps)
    values ((select initiator_id from fx), 'Negative share', 'negative-share', 'x', 'backend', 100, 200, 30, 10500, -500, 0)$$,
  '23514', null, 'missions rejects a negative share');
select throws_ok(
  $$insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents, estimated_duration_days)
    values ((select initiator_id from fx), 'Same slug', 'build-an-api', 'x', 'backend', 100, 200, 30)$$,
  '23505', null, 'missions rejects a duplicate slug');
select throws_ok(
  $$update public.missions set cancellation_reason = repeat('x', 2001) where id = '5c000000-0000-4000-8000-0000000000a1'$$,
  '23514', null, 'missions rejects a cancellation_reason over 2000 characters');
select throws_ok(
  $$update public.missions set dispute_reason = repeat('x', 2001) where id = '5c000000-0000-4000-8000-0000000000a1'$$,
  '23514', null, 'missions rejects a dispute_reason over 2000 characters');
select lives_ok(
  $$update public.missions set cancellation_reason = repeat('x', 2000), dispute_reason = repeat('x', 2000)
    where id = '5c000000-0000-4000-8000-0000000000a1'$$,
  'missions accepts a cancellation_reason and a dispute_reason of 2000 characters');
-- A second mission of the same initiator: rows that name a mission and one of its children must agree.
select lives_ok(
  $$insert into public.missions (id, initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                                 estimated_duration_days)
    values ('5c000000-0000-4000-8000-0000000000a2', (select initiator_id from fx), 'Build a UI', 'build-a-ui',
            'A web UI', 'frontend', 100000, 500000, 30)$$,
  'a second valid mission is accepted');

-- milestones
select lives_ok(
  $$insert into public.milestones (id, mission_id, title, order_index, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000a1', 'Design', 0, 100000)$$,
  'a valid milestone is accepted');
select throws_ok(
  $$insert into public.milestones (mission_id, title, order_index, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', 'Free work', 1, 0)$$,
  '23514', null, 'milestones rejects an amount of 0');
select throws_ok(
  $$insert into public.milestones (mission_id, title, order_index, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', 'Negative', 1, -500)$$,
  '23514', null, 'milestones rejects a negative amount');
select throws_ok(
  $$insert into public.milestones (mission_id, title, order_index, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', 'Same place', 0, 100)$$,
  '23505', null, 'milestones rejects a second milestone at the same order_index');
select lives_ok(
  $$insert into public.milestones (id, mission_id, title, order_index, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000b2', '5c000000-0000-4000-8000-0000000000a2', 'Mock-ups', 0, 100000)$$,
  'a milestone of the second mission is accepted');

-- assignments, work submissions and reviews
select lives_ok(
  $$insert into public.mission_assignments (id, mission_id, contributor_id, role)
    values ('5c000000-0000-4000-8000-0000000000c1', '5c000000-0000-4000-8000-0000000000a1', (select contributor_id from fx), 'lead')$$,
  'a valid assignment is accepted');
select throws_ok(
  $$update public.mission_assignments set rating = 5.01 where id = '5c000000-0000-4000-8000-0000000000c1'$$,
  '23514', null, 'mission_assignments rejects a rating over 5');
select throws_ok(
  $$update public.mission_assignments set end_reason = repeat('x', 2001) where id = '5c000000-0000-4000-8000-0000000000c1'$$,
  '23514', null, 'mission_assignments rejects an end_reason over 2000 characters');
select lives_ok(
  $$insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content, links)
    values ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-0000000000c1', 1, 'Here it is', '{https://github.com/example/pr/1}')$$,
  'a valid work submission is accepted');
select throws_ok(
  $$insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content, links)
    values ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-0000000000c1', 2, 'Here it is', '{javascript:alert(1)}')$$,
  '23514', null, 'work_submissions rejects a link that is not http(s)');
select throws_ok(
  $$insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content)
    values ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-0000000000c1', 0, 'Version zero')$$,
  '23514', null, 'work_submissions rejects version 0');
select lives_ok(
  $$insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
    values ('5c000000-0000-4000-8000-0000000000c1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-000000000002', 'initiator_to_contributor', 5)$$,
  'a valid review is accepted');
select throws_ok(
  $$insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
    values ('5c000000-0000-4000-8000-0000000000c1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-000000000002', '5c000000-0000-4000-8000-000000000001', 'contributor_to_initiator', 6)$$,
  '23514', null, 'reviews rejects a rating of 6');
select throws_ok(
  $$insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
    values ('5c000000-0000-4000-8000-0000000000c1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-000000000002', '5c000000-0000-4000-8000-000000000001', 'contributor_to_initiator', 0)$$,
  '23514', null, 'reviews rejects a rating of 0');
select throws_ok(
  $$insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
    values ('5c000000-0000-4000-8000-0000000000c1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-000000000002', '5c000000-0000-4000-8000-000000000002', 'contributor_to_initiator', 4)$$,
  '23514', null, 'reviews rejects reviewing yourself');
select throws_ok(
  $$insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
    values ('5c000000-0000-4000-8000-0000000000c1', '5c000000-0000-4000-8000-0000000000a1',
            '5c000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-000000000002', 'initiator_to_contributor', 4)$$,
  '23505', null, 'reviews rejects a second review in the same direction');
select throws_ok(
  $$insert into public.reviews (assignment_id, mission_id, reviewer_id, reviewee_id, direction, rating)
    values ('5c000000-0000-4000-8000-0000000000c1', '5c000000-0000-4000-8000-0000000000a2',
            '5c000000-0000-4000-8000-000000000002', '5c000000-0000-4000-8000-000000000001', 'contributor_to_initiator', 4)$$,
  '23503', null, 'reviews rejects a mission_id that is not its assignment''s mission (reviews_assignment_fk)');
select throws_ok(
  $$insert into public.work_submissions (milestone_id, mission_id, assignment_id, version, content)
    values ('5c000000-0000-4000-8000-0000000000b2', '5c000000-0000-4000-8000-0000000000a2',
            '5c000000-0000-4000-8000-0000000000c1', 1, 'Work for the wrong mission')$$,
  '23503', null, 'work_submissions rejects an assignment of another mission');

-- escrow
select tests.charge('pi_schema_1', '5c000000-0000-4000-8000-0000000000a1', 100000);
select lives_ok(
  $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id, status)
    values ('5c000000-0000-4000-8000-0000000000a1', (select initiator_id from fx), 'deposit', 100000, 'pi_schema_1', 'completed')$$,
  'a valid escrow deposit is accepted');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', (select initiator_id from fx), 'deposit', -100)$$,
  '23514', null, 'escrow_transactions rejects a negative amount_cents');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', (select initiator_id from fx), 'deposit', 0)$$,
  '23514', null, 'escrow_transactions rejects an amount of 0');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', (select initiator_id from fx), 'release', 1000)$$,
  '23514', null, 'escrow_transactions rejects a release without a contributor and milestone');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, currency)
    values ('5c000000-0000-4000-8000-0000000000a1', (select initiator_id from fx), 'deposit', 1000, 'E1R')$$,
  '23514', null, 'escrow_transactions rejects a bad currency code');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents, stripe_payment_intent_id)
    values ('5c000000-0000-4000-8000-0000000000a1', (select initiator_id from fx), 'deposit', 100000, 'pi_schema_1')$$,
  '23505', null, 'escrow_transactions journals a Stripe payment intent once per entry type');
-- (a payout is a part of an approved milestone's payout, fixed when it is approved: here one lead part
-- of the whole 90,000 after the 10% fee)
update public.milestones set status = 'approved' where id in ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000b2');
select throws_ok(
  $$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000a1', (select contributor_id from fx), 'lead', 0, 90000)$$,
  '23514', null, 'milestone_payouts rejects a share of 0 basis points');
select throws_ok(
  $$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000a1', (select contributor_id from fx), 'lead', 10000, 0)$$,
  '23514', null, 'milestone_payouts rejects a part of 0 cents');
select lives_ok(
  $$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('5c000000-0000-4000-8000-0000000000b1', '5c000000-0000-4000-8000-0000000000a1', (select contributor_id from fx), 'lead', 10000,
            100000 - private.platform_fee(100000, 1000))$$,
  'a valid payout part (the lead''s, all of the payout after the fee) is accepted');
select throws_ok(
  $$insert into public.milestone_payouts (milestone_id, mission_id, contributor_id, role, share_bps, payout_cents)
    values ('5c000000-0000-4000-8000-0000000000b2', '5c000000-0000-4000-8000-0000000000a1', (select contributor_id from fx), 'lead', 10000, 90000)$$,
  '23503', null, 'milestone_payouts rejects a milestone of another mission (milestone_payouts_milestone_fk)');
select lives_ok(
  $$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', '5c000000-0000-4000-8000-0000000000b1', (select initiator_id from fx),
            (select contributor_id from fx), 'release', 90000)$$,
  'a valid escrow release for a milestone of the mission is accepted');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', '5c000000-0000-4000-8000-0000000000b2', (select initiator_id from fx),
            null, 'platform_fee', 10000)$$,
  '23503', null, 'escrow_transactions rejects a milestone of another mission (escrow_transactions_milestone_fk)');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, milestone_id, initiator_id, contributor_id, type, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', '5c000000-0000-4000-8000-0000000000b2', (select initiator_id from fx),
            (select contributor_id from fx), 'release', 90000)$$,
  '23514', null, 'escrow_transactions rejects a release that is not a payout part of the milestone (a milestone of another mission has none)');
select throws_ok(
  $$insert into public.escrow_transactions (mission_id, initiator_id, type, amount_cents)
    values ('5c000000-0000-4000-8000-0000000000a1', (select other_initiator_id from fx), 'deposit', 1000)$$,
  '23503', null, 'escrow_transactions rejects an initiator_id that is not the mission''s initiator (escrow_transactions_initiator_fk)');

-- profiles
select throws_ok(
  $$update public.contributor_profiles set trust_score = 101 where id = (select contributor_id from fx)$$,
  '23514', null, 'contributor_profiles rejects a trust_score of 101');
select throws_ok(
  $$update public.contributor_profiles set completion_rate = -1 where id = (select contributor_id from fx)$$,
  '23514', null, 'contributor_profiles rejects a negative completion_rate');
select throws_ok(
  $$update public.contributor_profiles set average_rating = 5.01 where id = (select contributor_id from fx)$$,
  '23514', null, 'contributor_profiles rejects an average_rating over 5');
select throws_ok(
  $$update public.contributor_profiles set average_rating = -0.01 where id = (select contributor_id from fx)$$,
  '23514', null, 'contributor_profiles rejects a negative average_rating');
select throws_ok(
  $$update public.contributor_private_details set total_earnings_cents = -1 where contributor_id = (select contributor_id from fx)$$,
  '23514', null, 'contributor_private_details rejects negative earnings');
select throws_ok(
  $$update public.initiator_private_details set spent_currency = 'us' where initiator_id = (select initiator_id from fx)$$,
  '23514', null, 'initiator_private_details rejects a bad currency code');
select throws_ok(
  $$update public.profiles set avatar_url = 'ftp://example.com/me.png' where id = '5c000000-0000-4000-8000-000000000001'$$,
  '23514', null, 'profiles rejects an avatar_url that is not http(s) (http_url domain)');
select throws_ok(
  $$update public.profiles set avatar_url = 'javascript:alert(1)' where id = '5c000000-0000-4000-8000-000000000001'$$,
  '23514', null, 'profiles rejects a javascript: avatar_url');
select throws_ok(
  $$update public.contributor_profiles set github_url = 'https://github.com/has space' where id = (select contributor_id from fx)$$,
  '23514', null, 'contributor_profiles rejects a URL with whitespace');
select lives_ok(
  $$update public.profiles set avatar_url = 'https://img.example.com/me.png' where id = '5c000000-0000-4000-8000-000000000001'$$,
  'profiles accepts an https avatar_url');
select throws_ok(
  $$update public.profiles set full_name = '   ' where id = '5c000000-0000-4000-8000-000000000001'$$,
  '23514', null, 'profiles rejects a blank full_name');

-- skills and proof tasks
select lives_ok(
  $$insert into public.skills (name, category) values ('SchemaTestLang', 'language')$$,
  'a valid skill is accepted');
select throws_ok(
  $$insert into public.skills (name, category) values ('schematestlang', 'language')$$,
  '23505', null, 'skills names are unique regardless of case');
select lives_ok(
  $$insert into public.proof_tasks (id, title, scenario, category)
    values ('5c000000-0000-4000-8000-0000000000f1', 'Design a cache', 'Design it.', 'system_design')$$,
  'a valid proof task is accepted');
select throws_ok(
  $$insert into public.proof_tasks (title, scenario, category) values ('Design a cache', 'Design it.', 'System Design')$$,
  '23514', null, 'proof_tasks rejects a category that is not a lower-case identifier');
select throws_ok(
  $$insert into public.proof_task_submissions (contributor_id, task_id, answer, status)
    values ((select contributor_id from fx),
            '5c000000-0000-4000-8000-0000000000f1', 'My answer', 'passed')$$,
  '23514', null, 'proof_task_submissions rejects a passed answer without a score and evaluation time');

-- notifications
select lives_ok(
  $$insert into public.notifications (user_id, type, title, message)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'You have a match', 'A mission fits you.')$$,
  'a valid unread notification is accepted');
select lives_ok(
  $$insert into public.notifications (user_id, type, title, message, is_read, read_at)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Seen', 'Read it.', true, now())$$,
  'a valid read notification is accepted');
select throws_ok(
  $$insert into public.notifications (user_id, type, title, message, read_at)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Odd', 'Read but not read.', now())$$,
  '23514', null, 'notifications rejects a read_at without is_read');
select throws_ok(
  $$insert into public.notifications (user_id, type, title, message, is_read)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Odd', 'Read with no time.', true)$$,
  '23514', null, 'notifications rejects is_read without read_at');
select throws_ok(
  $$insert into public.notifications (user_id, type, title, message, action_url)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Odd', 'Bad link.', 'javascript:alert(1)')$$,
  '23514', null, 'notifications rejects an action_url that is neither a path nor http(s)');
select throws_ok(
  $$insert into public.notifications (user_id, type, title, message, action_url)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Odd', 'Off-site link.', '//evil.example')$$,
  '23514', null, 'notifications rejects a protocol-relative action_url (//host leaves the app)');
-- Browsers read a backslash as a slash, so /\host would leave the app like //host.
select throws_ok(
  $$insert into public.notifications (user_id, type, title, message, action_url)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Odd', 'Off-site link.', '/\evil.example')$$,
  '23514', null, 'notifications rejects an action_url starting with /\ (browsers read it as //host)');
select lives_ok(
  $$insert into public.notifications (user_id, type, title, message, action_url)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Path', 'In-app link.', '/missions/1')$$,
  'notifications accepts an action_url that is a path in the app');
select lives_ok(
  $$insert into public.notifications (user_id, type, title, message, action_url)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Link', 'External link.', 'https://x.example/a')$$,
  'notifications accepts an https action_url');
select throws_ok(
  $$insert into public.notifications (user_id, type, title, message, metadata)
    values ('5c000000-0000-4000-8000-000000000002', 'match_found', 'Odd', 'Array metadata.', '[]')$$,
  '23514', null, 'notifications rejects metadata that is not an object');

-- messaging
select throws_ok(
  $$insert into public.conversations (type) values ('mission_team')$$,
  '23514', null, 'conversations rejects a mission_team conversation without a mission');
select lives_ok(
  $$insert into public.conversations (id, type, created_by)
    values ('5c000000-0000-4000-8000-0000000000d1', 'direct', '5c000000-0000-4000-8000-000000000001')$$,
  'a valid direct conversation is accepted');
select throws_ok(
  $$insert into public.messages (conversation_id, sender_id, content, is_edited)
    values ('5c000000-0000-4000-8000-0000000000d1', '5c000000-0000-4000-8000-000000000001', 'hello', true)$$,
  '23514', null, 'messages rejects is_edited without edited_at');
select throws_ok(
  $$insert into public.messages (conversation_id, sender_id, content, attachments)
    values ('5c000000-0000-4000-8000-0000000000d1', '5c000000-0000-4000-8000-000000000001', 'hello', '{"a": 1}')$$,
  '23514', null, 'messages rejects attachments that are not an array');
select throws_ok(
  $$insert into public.messages (conversation_id, sender_id, content)
    values ('5c000000-0000-4000-8000-0000000000d1', '5c000000-0000-4000-8000-000000000001', '')$$,
  '23514', null, 'messages rejects an empty message');

-- lifecycle transitions (the state machines as data)
select lives_ok(
  $$insert into public.lifecycle_transitions (machine, action, from_state, to_state, actor)
    values ('mission', 'schema_probe', 'draft', 'draft', 'admin')$$,
  'a valid lifecycle transition is accepted');
select throws_ok(
  $$insert into public.lifecycle_transitions (machine, action, from_state, to_state, actor)
    values ('invoice', 'schema_probe', 'draft', 'sent', 'admin')$$,
  '23514', null, 'lifecycle_transitions rejects an unknown machine');
select throws_ok(
  $$insert into public.lifecycle_transitions (machine, action, from_state, to_state, actor)
    values ('mission', 'schema_probe', 'draft', 'draft', 'anyone')$$,
  '23514', null, 'lifecycle_transitions rejects an unknown actor');
select throws_ok(
  $$insert into public.lifecycle_transitions (machine, action, from_state, to_state, actor)
    values ('mission', 'schema_probe', 'draft', 'draft', 'admin')$$,
  '23505', null, 'lifecycle_transitions rejects a duplicate transition');

-- audit log
select throws_ok(
  $$insert into public.audit_logs (action, entity_type, metadata) values ('x.y', 'x', '"text"')$$,
  '23514', null, 'audit_logs rejects metadata that is not an object');

-- ON DELETE SET NULL on audit_logs.user_id: deleting a user keeps their audit entries, unattributed.
insert into public.audit_logs (id, user_id, action, entity_type)
values ('5c000000-0000-4000-8000-0000000000e1', '5c000000-0000-4000-8000-000000000003', 'user.signed_in', 'user');
select lives_ok(
  $$delete from auth.users where id = '5c000000-0000-4000-8000-000000000003'$$,
  'a user with audit log entries can be deleted (audit_logs.user_id is ON DELETE SET NULL)');
select results_eq(
  $$select user_id from public.audit_logs where id = '5c000000-0000-4000-8000-0000000000e1'$$,
  $$values (null::uuid)$$,
  'the deleted user''s audit entry is kept, with user_id NULL');

select * from finish();
rollback;
