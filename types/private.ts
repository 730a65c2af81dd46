export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "13"
  }
  private: {
    Tables: {
      account_deletions: {
        Row: {
          deleted_at: string
          deleted_by: string | null
          reason: string | null
          user_id: string
        }
        Insert: {
          deleted_at?: string
          deleted_by?: string | null
          reason?: string | null
          user_id: string
        }
        Update: {
          deleted_at?: string
          deleted_by?: string | null
          reason?: string | null
          user_id?: string
        }
        Relationships: []
      }
      background_check_events: {
        Row: {
          contributor_id: string
          id: string
          received_at: string
          report_id: string | null
          result: "not_started" | "in_progress" | "passed" | "failed"
        }
        Insert: {
          contributor_id: string
          id: string
          received_at?: string
          report_id?: string | null
          result: "not_started" | "in_progress" | "passed" | "failed"
        }
        Update: {
          contributor_id?: string
          id?: string
          received_at?: string
          report_id?: string | null
          result?: "not_started" | "in_progress" | "passed" | "failed"
        }
        Relationships: []
      }
      domain_events: {
        Row: {
          actor_id: string | null
          created_at: string
          entity_id: string | null
          entity_type: string
          event: string
          id: number
          mission_id: string | null
          payload: NonNullable<Json>
        }
        Insert: {
          actor_id?: string | null
          created_at?: string
          entity_id?: string | null
          entity_type: string
          event: string
          id?: never
          mission_id?: string | null
          payload?: NonNullable<Json>
        }
        Update: {
          actor_id?: string | null
          created_at?: string
          entity_id?: string | null
          entity_type?: string
          event?: string
          id?: never
          mission_id?: string | null
          payload?: NonNullable<Json>
        }
        Relationships: []
      }
      jobs: {
        Row: {
          attempts: number
          created_at: string
          dedupe_key: string | null
          id: number
          kind: string
          last_error: string | null
          locked_until: string | null
          max_attempts: number
          payload: NonNullable<Json>
          run_after: string
          status: string
          updated_at: string
        }
        Insert: {
          attempts?: number
          created_at?: string
          dedupe_key?: string | null
          id?: never
          kind: string
          last_error?: string | null
          locked_until?: string | null
          max_attempts?: number
          payload?: NonNullable<Json>
          run_after?: string
          status?: string
          updated_at?: string
        }
        Update: {
          attempts?: number
          created_at?: string
          dedupe_key?: string | null
          id?: never
          kind?: string
          last_error?: string | null
          locked_until?: string | null
          max_attempts?: number
          payload?: NonNullable<Json>
          run_after?: string
          status?: string
          updated_at?: string
        }
        Relationships: []
      }
      lifecycle_timer_failures: {
        Row: {
          attempts: number
          entity_id: string
          first_failed_at: string
          last_error: string
          last_failed_at: string
          last_sqlstate: string | null
          timer: string
        }
        Insert: {
          attempts?: number
          entity_id: string
          first_failed_at?: string
          last_error: string
          last_failed_at?: string
          last_sqlstate?: string | null
          timer: string
        }
        Update: {
          attempts?: number
          entity_id?: string
          first_failed_at?: string
          last_error?: string
          last_failed_at?: string
          last_sqlstate?: string | null
          timer?: string
        }
        Relationships: []
      }
      match_contributors: {
        Row: {
          availability_cp: number
          average_rating: number
          completed_by_type: NonNullable<Json>
          completion_rate: number
          contributor_id: string
          free_hours: number
          match_power: number
          missions_completed: number
          popular_mask: number
          proof_score: number | null
          skill_mask: number
          static_easy_cp: number
          static_expert_cp: number
          static_hard_cp: number
          static_medium_cp: number
          static_upper_cp: number
          top_count: number
          track_record_cp: number
          trust_cp: number
          trust_score: number
          type_levels: number
          user_id: string
          years_experience: number
        }
        Insert: {
          availability_cp: number
          average_rating: number
          completed_by_type: NonNullable<Json>
          completion_rate: number
          contributor_id: string
          free_hours: number
          match_power: number
          missions_completed: number
          popular_mask: number
          proof_score?: number | null
          skill_mask: number
          static_easy_cp: number
          static_expert_cp: number
          static_hard_cp: number
          static_medium_cp: number
          static_upper_cp: number
          top_count: number
          track_record_cp: number
          trust_cp: number
          trust_score: number
          type_levels: number
          user_id: string
          years_experience: number
        }
        Update: {
          availability_cp?: number
          average_rating?: number
          completed_by_type?: NonNullable<Json>
          completion_rate?: number
          contributor_id?: string
          free_hours?: number
          match_power?: number
          missions_completed?: number
          popular_mask?: number
          proof_score?: number | null
          skill_mask?: number
          static_easy_cp?: number
          static_expert_cp?: number
          static_hard_cp?: number
          static_medium_cp?: number
          static_upper_cp?: number
          top_count?: number
          track_record_cp?: number
          trust_cp?: number
          trust_score?: number
          type_levels?: number
          user_id?: string
          years_experience?: number
        }
        Relationships: []
      }
      match_popular_skills: {
        Row: {
          bit: number
          skill_id: string
        }
        Insert: {
          bit: number
          skill_id: string
        }
        Update: {
          bit?: number
          skill_id?: string
        }
        Relationships: []
      }
      match_skill_numbers: {
        Row: {
          skill_id: string
          skill_no: number
        }
        Insert: {
          skill_id: string
          skill_no?: never
        }
        Update: {
          skill_id?: string
          skill_no?: never
        }
        Relationships: []
      }
      match_skills: {
        Row: {
          contributor_id: string
          credit: number
          popular_mask: number
          skill_mask: number
          skill_no: number
          static_easy_cp: number
          static_expert_cp: number
          static_hard_cp: number
          static_medium_cp: number
          static_upper_cp: number
          top_count: number
          type_levels: number
        }
        Insert: {
          contributor_id: string
          credit: number
          popular_mask: number
          skill_mask: number
          skill_no: number
          static_easy_cp: number
          static_expert_cp: number
          static_hard_cp: number
          static_medium_cp: number
          static_upper_cp: number
          top_count: number
          type_levels: number
        }
        Update: {
          contributor_id?: string
          credit?: number
          popular_mask?: number
          skill_mask?: number
          skill_no?: number
          static_easy_cp?: number
          static_expert_cp?: number
          static_hard_cp?: number
          static_medium_cp?: number
          static_upper_cp?: number
          top_count?: number
          type_levels?: number
        }
        Relationships: []
      }
      mission_charges: {
        Row: {
          amount_cents: number
          charge_id: string | null
          created_at: string
          currency: string
          mission_id: string
          payment_intent_id: string
        }
        Insert: {
          amount_cents: number
          charge_id?: string | null
          created_at?: string
          currency: string
          mission_id: string
          payment_intent_id: string
        }
        Update: {
          amount_cents?: number
          charge_id?: string | null
          created_at?: string
          currency?: string
          mission_id?: string
          payment_intent_id?: string
        }
        Relationships: []
      }
      primary_role_switches: {
        Row: {
          from_role: "contributor" | "initiator" | "admin"
          switched_at: string
          to_role: "contributor" | "initiator" | "admin"
          user_id: string
        }
        Insert: {
          from_role: "contributor" | "initiator" | "admin"
          switched_at?: string
          to_role: "contributor" | "initiator" | "admin"
          user_id: string
        }
        Update: {
          from_role?: "contributor" | "initiator" | "admin"
          switched_at?: string
          to_role?: "contributor" | "initiator" | "admin"
          user_id?: string
        }
        Relationships: []
      }
      proof_task_attempts: {
        Row: {
          assigned_at: string
          contributor_id: string | null
          due_at: string | null
          id: string
          started_at: string | null
          submission_id: string | null
          submitted_at: string | null
          task_id: string
          user_id: string
        }
        Insert: {
          assigned_at?: string
          contributor_id?: string | null
          due_at?: string | null
          id?: string
          started_at?: string | null
          submission_id?: string | null
          submitted_at?: string | null
          task_id: string
          user_id: string
        }
        Update: {
          assigned_at?: string
          contributor_id?: string | null
          due_at?: string | null
          id?: string
          started_at?: string | null
          submission_id?: string | null
          submitted_at?: string | null
          task_id?: string
          user_id?: string
        }
        Relationships: []
      }
      rate_limit_counters: {
        Row: {
          hits: number
          key: string
          window_start: string
        }
        Insert: {
          hits?: number
          key: string
          window_start: string
        }
        Update: {
          hits?: number
          key?: string
          window_start?: string
        }
        Relationships: []
      }
      reconciliation_findings: {
        Row: {
          detail: string
          found_at: string
          id: number
          kind: string
          mission_id: string | null
          object_id: string | null
          run_id: string
        }
        Insert: {
          detail: string
          found_at?: string
          id?: never
          kind: string
          mission_id?: string | null
          object_id?: string | null
          run_id: string
        }
        Update: {
          detail?: string
          found_at?: string
          id?: never
          kind?: string
          mission_id?: string | null
          object_id?: string | null
          run_id?: string
        }
        Relationships: []
      }
      settings: {
        Row: {
          description: string
          key: string
          value: NonNullable<Json>
        }
        Insert: {
          description: string
          key: string
          value: NonNullable<Json>
        }
        Update: {
          description?: string
          key?: string
          value?: NonNullable<Json>
        }
        Relationships: []
      }
      stray_charges: {
        Row: {
          amount_cents: number
          charge_id: string | null
          claimed_mission_id: string | null
          created_at: string
          currency: string
          payment_intent_id: string
          reason: string
          refund_id: string | null
          refunded_at: string | null
          refunded_cents: number
        }
        Insert: {
          amount_cents: number
          charge_id?: string | null
          claimed_mission_id?: string | null
          created_at?: string
          currency: string
          payment_intent_id: string
          reason: string
          refund_id?: string | null
          refunded_at?: string | null
          refunded_cents?: number
        }
        Update: {
          amount_cents?: number
          charge_id?: string | null
          claimed_mission_id?: string | null
          created_at?: string
          currency?: string
          payment_intent_id?: string
          reason?: string
          refund_id?: string | null
          refunded_at?: string | null
          refunded_cents?: number
        }
        Relationships: []
      }
      stripe_events: {
        Row: {
          account: string | null
          attempts: number
          created_at: string
          dead_letter_reason: string | null
          dead_lettered_at: string | null
          id: string
          last_error: string | null
          livemode: boolean
          object_id: string | null
          payload: NonNullable<Json>
          processed_at: string | null
          processing_until: string | null
          received_at: string
          type: string
        }
        Insert: {
          account?: string | null
          attempts?: number
          created_at: string
          dead_letter_reason?: string | null
          dead_lettered_at?: string | null
          id: string
          last_error?: string | null
          livemode?: boolean
          object_id?: string | null
          payload: NonNullable<Json>
          processed_at?: string | null
          processing_until?: string | null
          received_at?: string
          type: string
        }
        Update: {
          account?: string | null
          attempts?: number
          created_at?: string
          dead_letter_reason?: string | null
          dead_lettered_at?: string | null
          id?: string
          last_error?: string | null
          livemode?: boolean
          object_id?: string | null
          payload?: NonNullable<Json>
          processed_at?: string | null
          processing_until?: string | null
          received_at?: string
          type?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      accept_application: {
        Args: {
          application_id: string
          role?: "lead" | "shadow" | "core_reviewer"
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      accept_invitation: {
        Args: { assignment_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      account_deletion_blocker: { Args: { user_id: string }; Returns: string }
      add_to_team: {
        Args: {
          contributor_id: string
          m: unknown
          role: "lead" | "shadow" | "core_reviewer"
          status:
            | "invited"
            | "active"
            | "stepped_up"
            | "completed"
            | "withdrawn"
            | "removed"
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      admin_analytics: {
        Args: { period_end?: string; period_start?: string }
        Returns: Json
      }
      admin_delete_account: {
        Args: { force?: boolean; reason: string; user_id: string }
        Returns: Json
      }
      admin_feature_mission: {
        Args: { featured: boolean; mission_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      admin_list_missions: {
        Args: {
          created_from?: string
          created_to?: string
          initiator_id?: string
          page_offset?: number
          page_size?: number
          search?: string
          status?:
            | "draft"
            | "pending_funding"
            | "open"
            | "matching"
            | "in_progress"
            | "in_review"
            | "completed"
            | "cancelled"
            | "disputed"
        }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          completed_at: string
          created_at: string
          currency: string
          escrow_held_cents: number
          id: string
          initiator_id: string
          initiator_name: string
          milestones_total_cents: number
          published_at: string
          slug: string
          started_at: string
          status:
            | "draft"
            | "pending_funding"
            | "open"
            | "matching"
            | "in_progress"
            | "in_review"
            | "completed"
            | "cancelled"
            | "disputed"
          title: string
          total_count: number
          type: unknown
        }[]
      }
      admin_proof_task_queue: {
        Args: {
          page_offset?: number
          page_size?: number
          status?: "submitted" | "under_review" | "passed" | "failed"
        }
        Returns: {
          answer: string
          category: string
          contributor_id: string
          contributor_name: string
          difficulty: "easy" | "medium" | "hard"
          expected_approach: string
          is_late: boolean
          score: number
          started_at: string
          status: "submitted" | "under_review" | "passed" | "failed"
          submission_id: string
          submitted_at: string
          task_id: string
          task_title: string
          time_limit_minutes: number
          time_taken_seconds: number
          total_count: number
        }[]
      }
      admin_read: {
        Args: {
          entity: string
          ids: string[]
          match_column: string
          page_offset: number
          page_size: number
        }
        Returns: Json[]
      }
      admin_reconciliation: {
        Args: Record<PropertyKey, never>
        Returns: {
          detail: string
          found_at: string
          kind: string
          mission_id: string
          object_id: string
          run_id: string
        }[]
      }
      admin_search_users: {
        Args: {
          page_offset?: number
          page_size?: number
          role?: "contributor" | "initiator" | "admin"
          search?: string
          status?: "active" | "suspended" | "banned" | "pending_verification"
          verification?:
            | "pending"
            | "proof_task_submitted"
            | "verified"
            | "rejected"
        }
        Returns: {
          account_status:
            | "active"
            | "suspended"
            | "banned"
            | "pending_verification"
          banned_until: string
          created_at: string
          email: string
          full_name: string
          id: string
          last_login_at: string
          primary_role: "contributor" | "initiator" | "admin"
          total_count: number
          verification_status:
            | "pending"
            | "proof_task_submitted"
            | "verified"
            | "rejected"
        }[]
      }
      admin_verify_company: {
        Args: { initiator_id: string; note?: string; verified: boolean }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "initiator_profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      after_cancel: {
        Args: {
          before:
            | "draft"
            | "pending_funding"
            | "open"
            | "matching"
            | "in_progress"
            | "in_review"
            | "completed"
            | "cancelled"
            | "disputed"
          m: unknown
          reason: string
        }
        Returns: undefined
      }
      after_complete: { Args: { m: unknown }; Returns: undefined }
      after_lead_paid: { Args: { milestone_id: string }; Returns: undefined }
      anonymize_account: {
        Args: { reason: string; user_id: string }
        Returns: Json
      }
      application_actors: { Args: { app: unknown }; Returns: string[] }
      apply_to_mission: {
        Args: {
          cover_letter?: string
          mission_id: string
          proposed_approach?: string
          proposed_timeline?: number
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      approve_delivered: {
        Args: { actors: string[]; m: unknown; ms: unknown }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      approve_milestone: {
        Args: { milestone_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      archive_notification: {
        Args: { notification_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "notifications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      are_http_urls: { Args: { urls: string[] }; Returns: boolean }
      assign_contributor: {
        Args: {
          contributor_id: string
          mission_id: string
          role: "lead" | "shadow" | "core_reviewer"
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      assignment_actors: { Args: { a: unknown }; Returns: string[] }
      audit: {
        Args: {
          action: string
          entity_id: string
          entity_type: string
          metadata?: Json
          new_values?: Json
          old_values?: Json
        }
        Returns: undefined
      }
      availability_cp: { Args: { free_hours: number }; Returns: number }
      ban_user: {
        Args: { reason: string; user_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      can_upload_work_file: { Args: { name: string }; Returns: boolean }
      cancel_mission: {
        Args: { mission_id: string; reason?: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      candidate_breakdowns: {
        Args: { max_rows: number; mission_id: string }
        Returns: {
          availability_cp: number
          candidate_rank: number
          contributor_id: string
          experience_cp: number
          explanation: Json
          historical_fit_cp: number
          proof_score: number
          skill_match_cp: number
          total_cp: number
          trust_cp: number
          trust_score: number
          user_id: string
        }[]
      }
      charge_unspent: { Args: { payment_intent_id: string }; Returns: number }
      check_milestone_payouts: {
        Args: { milestone_id: string }
        Returns: undefined
      }
      check_payout_split: { Args: { milestone_id: string }; Returns: undefined }
      check_rate_limit: {
        Args: { key: string; max_hits: number; window_seconds: number }
        Returns: {
          allowed: boolean
          remaining: number
          retry_after_seconds: number
        }[]
      }
      check_request: { Args: Record<PropertyKey, never>; Returns: undefined }
      check_search: { Args: { search: string }; Returns: undefined }
      choose_primary_role: {
        Args: { role: "contributor" | "initiator" | "admin" }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      claim_jobs: {
        Args: { kind: string; lease_seconds?: number; max_jobs?: number }
        Returns: {
          attempts: number
          created_at: string
          dedupe_key: string | null
          id: number
          kind: string
          last_error: string | null
          locked_until: string | null
          max_attempts: number
          payload: NonNullable<Json>
          run_after: string
          status: string
          updated_at: string
        }[]
        SetofOptions: {
          from: "*"
          to: "jobs"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      client_ip: { Args: Record<PropertyKey, never>; Returns: unknown }
      client_ip_from: {
        Args: { header: string; headers: Json; trusted_hops: number }
        Returns: unknown
      }
      client_ip_key: { Args: { ip: unknown }; Returns: string }
      clock: { Args: Record<PropertyKey, never>; Returns: string }
      close_milestones: {
        Args: { mission_id: string; outcome: string }
        Returns: undefined
      }
      close_open_applications: {
        Args: { mission_id: string }
        Returns: undefined
      }
      complete_deposit: {
        Args: {
          amount_cents: number
          charge_id: string
          currency: string
          mission_id: string
          payment_intent_id: string
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "escrow_transactions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      complete_job: { Args: { job_id: number }; Returns: undefined }
      consent_to_background_check: {
        Args: Record<PropertyKey, never>
        Returns: {
          background_check_consented_at: string
          background_check_status:
            | "not_started"
            | "in_progress"
            | "passed"
            | "failed"
        }[]
      }
      contributor_in_good_standing: {
        Args: { contributor_id: string }
        Returns: boolean
      }
      contributor_user: { Args: { contributor_id: string }; Returns: string }
      create_mission: {
        Args: {
          budget_max_cents: number
          budget_min_cents: number
          complexity?: "easy" | "medium" | "hard" | "expert"
          currency?: string
          deadline?: string
          description: string
          estimated_duration_days: number
          is_public?: boolean
          max_lead_contributors?: number
          max_shadow_contributors?: number
          milestones: Json
          problem_statement?: string
          required_skills?: Json
          requires_core_reviewer?: boolean
          success_criteria?: string
          title: string
          type: unknown
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      create_role_profile: {
        Args: { role: "contributor" | "initiator" | "admin"; user_id: string }
        Returns: undefined
      }
      decline_invitation: {
        Args: { assignment_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      delete_message: {
        Args: { message_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      delete_my_account: { Args: Record<PropertyKey, never>; Returns: Json }
      delete_notification: {
        Args: { notification_id: string }
        Returns: undefined
      }
      deployment_check: {
        Args: { on_day?: string }
        Returns: {
          component: string
          missing: string
        }[]
      }
      dispute_may_return: { Args: { mission_id: string }; Returns: boolean }
      edit_message: {
        Args: { content: string; message_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      emit: {
        Args: {
          entity_id: string
          entity_type: string
          event: string
          mission_id: string
          payload?: Json
        }
        Returns: undefined
      }
      enforce_rate_limit: {
        Args: {
          key: string
          max_hits: number
          message: string
          window_seconds: number
        }
        Returns: undefined
      }
      enqueue_job: {
        Args: {
          dedupe_key?: string
          kind: string
          payload: Json
          run_after?: string
        }
        Returns: number
      }
      escrow_balance: { Args: { mission_id: string }; Returns: number }
      escrow_needed: { Args: { mission_id: string }; Returns: number }
      expected_years: {
        Args: { complexity: "easy" | "medium" | "hard" | "expert" }
        Returns: number
      }
      experience_cp: {
        Args: {
          complexity: "easy" | "medium" | "hard" | "expert"
          missions_completed: number
          years_experience: number
        }
        Returns: number
      }
      export_my_data: { Args: Record<PropertyKey, never>; Returns: Json }
      fail_deposit: {
        Args: { payment_intent_id: string; reason: string }
        Returns: undefined
      }
      fail_job: { Args: { error: string; job_id: number }; Returns: string }
      fail_stripe_event: {
        Args: {
          error: string
          event_id: string
          max_attempts?: number
          permanent: boolean
        }
        Returns: boolean
      }
      finish_stripe_event: {
        Args: { error?: string; event_id: string }
        Returns: undefined
      }
      get_current_proof_task: { Args: { category?: string }; Returns: Json }
      grade_proof_task: {
        Args: {
          feedback?: string
          passed?: boolean
          score: number
          submission_id: string
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "proof_task_submissions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      guard: {
        Args: {
          action: string
          actors: string[]
          current: string
          machine: string
        }
        Returns: string
      }
      importance_weight: {
        Args: { importance: "required" | "preferred" | "nice_to_have" }
        Returns: number
      }
      invite_contributor: {
        Args: {
          contributor_id: string
          mission_id: string
          role: "lead" | "shadow" | "core_reviewer"
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      is_active: { Args: Record<PropertyKey, never>; Returns: boolean }
      is_admin: { Args: Record<PropertyKey, never>; Returns: boolean }
      is_platform: { Args: Record<PropertyKey, never>; Returns: boolean }
      journal_stripe_event: { Args: { event: Json }; Returns: boolean }
      lead_paid: { Args: { milestone_id: string }; Returns: boolean }
      list_my_sessions: {
        Args: Record<PropertyKey, never>
        Returns: {
          aal: string
          created_at: string
          expires_at: string
          id: string
          ip: unknown
          is_current: boolean
          last_used_at: string
          user_agent: string
        }[]
      }
      listed_mission_cards: {
        Args: { mission_ids: string[] }
        Returns: unknown[]
        SetofOptions: {
          from: "*"
          to: "listed_missions"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      lock_application: {
        Args: { application_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      lock_assignment: {
        Args: { assignment_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      lock_milestone: {
        Args: { milestone_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      lock_mission: {
        Args: { mission_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_all_notifications_read: {
        Args: Record<PropertyKey, never>
        Returns: number
      }
      mark_conversation_read: {
        Args: { conversation_id: string }
        Returns: string
      }
      mark_milestone_paid: {
        Args: { milestone_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_mission_funded: {
        Args: { mission_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_notification_read: {
        Args: { notification_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "notifications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      match_candidates: {
        Args: { max_results?: number; mission_id: string }
        Returns: {
          availability: number
          contributor_id: string
          experience: number
          explanation: Json
          full_name: string
          historical_fit: number
          rank: number
          skill_match: number
          total: number
          trust: number
          user_id: string
        }[]
      }
      match_power_formula: {
        Args: {
          best_five_credit: number
          missions_completed: number
          trust_score: number
          years_experience: number
        }
        Returns: number
      }
      matching_facts: {
        Args: { contributor_ids: string[] }
        Returns: {
          average_rating: number
          completed_by_type: Json
          completion_rate: number
          contributor_id: string
          eligible: boolean
          free_hours: number
          match_power: number
          max_same_type: number
          missions_completed: number
          popular_mask: number
          proof_score: number
          skill_mask: number
          top_count: number
          trust_score: number
          type_levels: number
          user_id: string
          years_experience: number
        }[]
      }
      milestone_released: { Args: { milestone_id: string }; Returns: boolean }
      milestone_unreserved: {
        Args: { amount_cents: number; milestone_id: string }
        Returns: number
      }
      mission_actors: { Args: { mission: unknown }; Returns: string[] }
      mission_dispute: {
        Args: { mission_id: string }
        Returns: {
          dispute_reason: string
          disputed_at: string
        }[]
      }
      mission_exclusions: { Args: { m: unknown }; Returns: string[] }
      mission_initiator_user: { Args: { mission_id: string }; Returns: string }
      mission_team_users: {
        Args: {
          mission_id: string
          roles?: ("lead" | "shadow" | "core_reviewer")[]
        }
        Returns: string[]
      }
      mission_types: { Args: Record<PropertyKey, never>; Returns: string[] }
      move_application: {
        Args: { action: string; actors: string[]; app: unknown }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      move_assignment: {
        Args: { a: unknown; action: string; actors: string[]; reason?: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      move_milestone: {
        Args: { action: string; actors: string[]; m: unknown; ms: unknown }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      move_mission: {
        Args: { action: string; actors: string[]; m: unknown; payload?: Json }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      my_account: {
        Args: Record<PropertyKey, never>
        Returns: {
          email_opt_outs: string[]
          id: string
          last_login_at: string
        }[]
      }
      my_contributor_id: { Args: Record<PropertyKey, never>; Returns: string }
      my_conversation_ids: {
        Args: Record<PropertyKey, never>
        Returns: string[]
      }
      my_initiated_mission_ids: {
        Args: Record<PropertyKey, never>
        Returns: string[]
      }
      my_initiator_id: { Args: Record<PropertyKey, never>; Returns: string }
      my_mission_ids: { Args: Record<PropertyKey, never>; Returns: string[] }
      my_team_mission_ids: {
        Args: Record<PropertyKey, never>
        Returns: string[]
      }
      notify: {
        Args: {
          action_label?: string
          action_url?: string
          expires_at?: string
          message: string
          metadata?: Json
          priority?: "basic" | "medium" | "urgent" | "final"
          title: string
          type: string
          user_id: string
        }
        Returns: string
      }
      open_dispute: {
        Args: { mission_id: string; reason: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      open_support_conversation: {
        Args: Record<PropertyKey, never>
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "conversations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      park_job: { Args: { job_id: number; reason: string }; Returns: undefined }
      path_conversation_id: { Args: { name: string }; Returns: string }
      path_mission_id: { Args: { name: string }; Returns: string }
      payable_milestones: {
        Args: { mission_id: string }
        Returns: {
          amount_cents: number
          milestone_id: string
        }[]
      }
      payout_payee: { Args: { mission_id: string }; Returns: string }
      payout_plan: {
        Args: { contributor_id: string; milestone_id: string }
        Returns: Json
      }
      platform_fee: {
        Args: { amount_cents: number; fee_bps: number }
        Returns: number
      }
      proof_task_attempt_view: { Args: { attempt_id: string }; Returns: Json }
      proposed_payout_shares: {
        Args: {
          max_shadow_contributors: number
          requires_core_reviewer: boolean
        }
        Returns: Record<string, unknown>
      }
      publish_mission: {
        Args: { mission_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      purge_expired_notifications: {
        Args: Record<PropertyKey, never>
        Returns: number
      }
      purge_rate_limits: { Args: Record<PropertyKey, never>; Returns: number }
      queue_email: {
        Args: {
          data: Json
          dedupe_key: string
          template: string
          user_id: string
        }
        Returns: undefined
      }
      rank_candidates: {
        Args: { max_rows: number; mission_id: string }
        Returns: {
          candidate_rank: number
          contributor_id: string
          skill_match_cp: number
          total_cp: number
        }[]
      }
      realtime_can_receive: { Args: { topic: string }; Returns: boolean }
      rebuild_matching: { Args: Record<PropertyKey, never>; Returns: Json }
      recommend_team: {
        Args: { mission_id: string }
        Returns: {
          availability: number
          candidate_rank: number
          contributor_id: string
          experience: number
          full_name: string
          historical_fit: number
          role: "lead" | "shadow" | "core_reviewer"
          role_score: number
          skill_match: number
          slot: number
          total: number
          trust: number
          user_id: string
        }[]
      }
      recommend_team_cp: {
        Args: { mission_id: string }
        Returns: {
          availability_cp: number
          candidate_rank: number
          contributor_id: string
          experience_cp: number
          historical_fit_cp: number
          role: "lead" | "shadow" | "core_reviewer"
          role_score_cp: number
          skill_match_cp: number
          slot: number
          total_cp: number
          trust_cp: number
          user_id: string
        }[]
      }
      reconcile_ledger: {
        Args: Record<PropertyKey, never>
        Returns: {
          detail: string
          kind: string
          object_id: string
        }[]
      }
      record_background_check: {
        Args: {
          contributor_id: string
          note?: string
          result: "not_started" | "in_progress" | "passed" | "failed"
        }
        Returns: {
          background_check_date: string
          background_check_status:
            | "not_started"
            | "in_progress"
            | "passed"
            | "failed"
        }[]
      }
      record_background_check_event: {
        Args: {
          contributor_id: string
          event_id: string
          report_id?: string
          reported_at: string
          result: "not_started" | "in_progress" | "passed" | "failed"
        }
        Returns: boolean
      }
      record_deposit_intent: {
        Args: {
          amount_cents: number
          currency: string
          mission_id: string
          payment_intent_id: string
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "escrow_transactions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_dispute: {
        Args: {
          amount_cents: number
          dispute_id: string
          mission_id: string
          reason?: string
          stage: string
        }
        Returns: undefined
      }
      record_reconciliation: { Args: { findings: Json }; Returns: string }
      record_refund: {
        Args: {
          amount_cents: number
          mission_id: string
          payment_intent_id?: string
          refund_id: string
          reservation_id?: string
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "escrow_transactions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_release: {
        Args: {
          contributor_id: string
          milestone_id: string
          transfer_id: string
        }
        Returns: Json
      }
      record_stray_charge: {
        Args: {
          amount_cents: number
          charge_id: string
          claimed_mission_id: string
          currency: string
          payment_intent_id: string
          reason: string
        }
        Returns: undefined
      }
      record_stray_refund: {
        Args: {
          amount_refunded: number
          payment_intent_id: string
          refund_id: string
        }
        Returns: boolean
      }
      refresh_contributor_stats: {
        Args: { contributor_id: string }
        Returns: undefined
      }
      refresh_initiator_stats: {
        Args: { initiator_id: string }
        Returns: undefined
      }
      refresh_listed_missions: {
        Args: { mission_ids: string[] }
        Returns: undefined
      }
      refresh_matching: {
        Args: { contributor_ids: string[] }
        Returns: undefined
      }
      refresh_reputation: {
        Args: { contributor_ids: string[] }
        Returns: string[]
      }
      refuse_job: {
        Args: { job_id: number; reason: string; retry_in_seconds?: number }
        Returns: undefined
      }
      reinstate_user: {
        Args: { reason?: string; user_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      reject_application: {
        Args: { application_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      release_refused: {
        Args: { contributor_id: string; milestone_id: string }
        Returns: undefined
      }
      remember_caller: {
        Args: {
          contributor_id: string
          initiator_id: string
          role: "contributor" | "initiator" | "admin"
          status: "active" | "suspended" | "banned" | "pending_verification"
        }
        Returns: undefined
      }
      remove_from_mission: {
        Args: { assignment_id: string; reason?: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      reputation_of: {
        Args: { contributor_ids: string[] }
        Returns: {
          contributor_id: string
          match_power: number
          trust_score: number
        }[]
      }
      request_revision: {
        Args: { feedback: string; milestone_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      request_user_agent: { Args: Record<PropertyKey, never>; Returns: string }
      require_active_user: { Args: Record<PropertyKey, never>; Returns: string }
      require_admin: { Args: Record<PropertyKey, never>; Returns: undefined }
      require_contributor: { Args: Record<PropertyKey, never>; Returns: string }
      require_matching_access: {
        Args: { mission_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      require_signed_in: { Args: Record<PropertyKey, never>; Returns: string }
      require_unbanned_user: {
        Args: Record<PropertyKey, never>
        Returns: string
      }
      require_visible: {
        Args: { actors: string[]; m: unknown }
        Returns: undefined
      }
      reserve_refund: { Args: { mission_id: string }; Returns: Json }
      reserve_release: {
        Args: { contributor_id: string; milestone_id: string }
        Returns: Json
      }
      resolve_dispute: {
        Args: { mission_id: string; note?: string; outcome: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      revoke_all_sessions: { Args: { user_id: string }; Returns: number }
      revoke_my_session: { Args: { session_id: string }; Returns: undefined }
      run_lifecycle_timers: { Args: Record<PropertyKey, never>; Returns: Json }
      run_matching: { Args: { mission_id: string }; Returns: Json }
      same_type_cp: { Args: { same_type_completed: number }; Returns: number }
      score_contributor: {
        Args: { contributor_id: string; mission_id: string }
        Returns: {
          availability_cp: number
          experience_cp: number
          historical_fit_cp: number
          skill_match_cp: number
          total_cp: number
          trust_cp: number
        }[]
      }
      send_message: {
        Args: { attachments?: Json; content: string; conversation_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      send_notification_sync: {
        Args: {
          archived_ids: string[]
          event: string
          ids: string[]
          user_id: string
        }
        Returns: undefined
      }
      set_account_status: {
        Args: { action: string; reason: string; user_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_connected_account: {
        Args: { account_id: string; contributor_id: string; country: string }
        Returns: undefined
      }
      set_milestones: {
        Args: { m: unknown; milestones: Json }
        Returns: undefined
      }
      set_payout_shares: {
        Args: {
          core_reviewer_bps: number
          lead_bps: number
          mission_id: string
          shadow_bps: number
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_required_skills: {
        Args: { m: unknown; skills: Json }
        Returns: undefined
      }
      set_stripe_customer: {
        Args: { customer_id: string; initiator_id: string }
        Returns: string
      }
      set_user_role: {
        Args: { role: "contributor" | "initiator" | "admin"; user_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      setting_int: { Args: { key: string }; Returns: number }
      setting_text: { Args: { key: string }; Returns: string }
      shortlist_application: {
        Args: { application_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      signup_avatar_url: { Args: { meta: Json }; Returns: string }
      signup_full_name: { Args: { email: string; meta: Json }; Returns: string }
      signup_role: {
        Args: { meta: Json }
        Returns: "contributor" | "initiator" | "admin"
      }
      skill_bit: { Args: { skill_id: string }; Returns: number }
      skill_credit: {
        Args: {
          proficiency: "beginner" | "intermediate" | "advanced" | "expert"
          verified: boolean
        }
        Returns: number
      }
      skill_match_cp: {
        Args: { total_weight: number; weighted: number }
        Returns: number
      }
      slugify: { Args: { title: string }; Returns: string }
      split_payout: {
        Args: { lead: string; m: unknown; ms: unknown }
        Returns: {
          contributor_id: string
          payout_cents: number
          role: "lead" | "shadow" | "core_reviewer"
          share_bps: number
        }[]
      }
      start_direct_conversation: {
        Args: { other_user_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "conversations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_matching: {
        Args: { mission_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_milestone: {
        Args: { milestone_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_proof_task: { Args: { task_id: string }; Returns: Json }
      start_work: {
        Args: { mission_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      step_up_next_shadow: { Args: { mission_id: string }; Returns: undefined }
      step_up_shadow: {
        Args: { assignment_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      stray_refund_plan: { Args: { payment_intent_id: string }; Returns: Json }
      submit_milestone: {
        Args: {
          content: string
          links?: string[]
          milestone_id: string
          storage_paths?: string[]
        }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "work_submissions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_proof_task: {
        Args: { answer: string; task_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "proof_task_submissions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_review: {
        Args: { assignment_id: string; comment?: string; rating: number }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "reviews"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      suspend_user: {
        Args: { reason: string; user_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      sync_connected_account: {
        Args: {
          account_id: string
          charges_enabled: boolean
          details_submitted: boolean
          observed_at: string
          payouts_enabled: boolean
        }
        Returns: boolean
      }
      sync_match_pool: {
        Args: { contributor_ids: string[] }
        Returns: undefined
      }
      sync_mission_with_milestones: {
        Args: { mission_id: string }
        Returns: undefined
      }
      timer_backing_off: {
        Args: { entity_id: string; timer: string }
        Returns: boolean
      }
      timer_failed: {
        Args: { entity_id: string; error: string; state: string; timer: string }
        Returns: undefined
      }
      track_record_cp: {
        Args: { average_rating: number; completion_rate: number }
        Returns: number
      }
      transfer_source: {
        Args: { amount_cents: number; mission_id: string }
        Returns: string
      }
      trust_cp: { Args: { trust_score: number }; Returns: number }
      trust_score_formula: {
        Args: {
          average_rating: number
          background: "not_started" | "in_progress" | "passed" | "failed"
          completion_rate: number
          disputes: number
          finished: number
          proof_mean: number
          ratings: number
          verification:
            | "pending"
            | "proof_task_submitted"
            | "verified"
            | "rejected"
        }
        Returns: number
      }
      uid: { Args: Record<PropertyKey, never>; Returns: string }
      update_mission_plan: {
        Args: { milestones?: Json; mission_id: string; required_skills?: Json }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      users_share_work: { Args: { a: string; b: string }; Returns: boolean }
      withdraw_application: {
        Args: { application_id: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      withdraw_from_mission: {
        Args: { assignment_id: string; reason?: string }
        Returns: unknown
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  private: {
    Enums: {},
  },
} as const

