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
  public: {
    Tables: {
      audit_logs: {
        Row: {
          action: string
          created_at: string
          entity_id: string | null
          entity_type: string
          id: string
          ip_address: unknown
          metadata: NonNullable<Json>
          new_values: Json | null
          old_values: Json | null
          user_agent: string | null
          user_id: string | null
        }
        Insert: {
          action: string
          created_at?: string
          entity_id?: string | null
          entity_type: string
          id?: string
          ip_address?: unknown
          metadata?: NonNullable<Json>
          new_values?: Json | null
          old_values?: Json | null
          user_agent?: string | null
          user_id?: string | null
        }
        Update: {
          action?: string
          created_at?: string
          entity_id?: string | null
          entity_type?: string
          id?: string
          ip_address?: unknown
          metadata?: NonNullable<Json>
          new_values?: Json | null
          old_values?: Json | null
          user_agent?: string | null
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "audit_logs_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      contributor_private_details: {
        Row: {
          availability_hours_per_week: number
          background_check_consented_at: string | null
          background_check_date: string | null
          background_check_status: Database["public"]["Enums"]["background_check_status"]
          contributor_id: string
          earnings_currency: string
          stripe_account_country: string | null
          stripe_account_id: string | null
          stripe_account_synced_at: string | null
          stripe_charges_enabled: boolean
          stripe_details_submitted: boolean
          stripe_payouts_enabled: boolean
          total_earnings_cents: number
          updated_at: string
        }
        Insert: {
          availability_hours_per_week?: number
          background_check_consented_at?: string | null
          background_check_date?: string | null
          background_check_status?: Database["public"]["Enums"]["background_check_status"]
          contributor_id: string
          earnings_currency?: string
          stripe_account_country?: string | null
          stripe_account_id?: string | null
          stripe_account_synced_at?: string | null
          stripe_charges_enabled?: boolean
          stripe_details_submitted?: boolean
          stripe_payouts_enabled?: boolean
          total_earnings_cents?: number
          updated_at?: string
        }
        Update: {
          availability_hours_per_week?: number
          background_check_consented_at?: string | null
          background_check_date?: string | null
          background_check_status?: Database["public"]["Enums"]["background_check_status"]
          contributor_id?: string
          earnings_currency?: string
          stripe_account_country?: string | null
          stripe_account_id?: string | null
          stripe_account_synced_at?: string | null
          stripe_charges_enabled?: boolean
          stripe_details_submitted?: boolean
          stripe_payouts_enabled?: boolean
          total_earnings_cents?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "contributor_private_details_contributor_id_fkey"
            columns: ["contributor_id"]
            isOneToOne: true
            referencedRelation: "contributor_profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      contributor_profiles: {
        Row: {
          average_rating: number
          bio: string | null
          completion_rate: number
          created_at: string
          github_url: string | null
          headline: string | null
          id: string
          is_looking_for_work: boolean
          linkedin_url: string | null
          match_power: number
          portfolio_url: string | null
          shadow_assignments: number
          timezone: string | null
          total_missions_completed: number
          trust_score: number
          updated_at: string
          user_id: string
          verification_date: string | null
          verification_status: Database["public"]["Enums"]["verification_status"]
          years_experience: number
        }
        Insert: {
          average_rating?: number
          bio?: string | null
          completion_rate?: number
          created_at?: string
          github_url?: string | null
          headline?: string | null
          id?: string
          is_looking_for_work?: boolean
          linkedin_url?: string | null
          match_power?: number
          portfolio_url?: string | null
          shadow_assignments?: number
          timezone?: string | null
          total_missions_completed?: number
          trust_score?: number
          updated_at?: string
          user_id: string
          verification_date?: string | null
          verification_status?: Database["public"]["Enums"]["verification_status"]
          years_experience?: number
        }
        Update: {
          average_rating?: number
          bio?: string | null
          completion_rate?: number
          created_at?: string
          github_url?: string | null
          headline?: string | null
          id?: string
          is_looking_for_work?: boolean
          linkedin_url?: string | null
          match_power?: number
          portfolio_url?: string | null
          shadow_assignments?: number
          timezone?: string | null
          total_missions_completed?: number
          trust_score?: number
          updated_at?: string
          user_id?: string
          verification_date?: string | null
          verification_status?: Database["public"]["Enums"]["verification_status"]
          years_experience?: number
        }
        Relationships: [
          {
            foreignKeyName: "contributor_profiles_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      contributor_skills: {
        Row: {
          contributor_id: string
          created_at: string
          proficiency_level: Database["public"]["Enums"]["proficiency_level"]
          skill_id: string
          verified: boolean
          years_experience: number
        }
        Insert: {
          contributor_id: string
          created_at?: string
          proficiency_level?: Database["public"]["Enums"]["proficiency_level"]
          skill_id: string
          verified?: boolean
          years_experience?: number
        }
        Update: {
          contributor_id?: string
          created_at?: string
          proficiency_level?: Database["public"]["Enums"]["proficiency_level"]
          skill_id?: string
          verified?: boolean
          years_experience?: number
        }
        Relationships: [
          {
            foreignKeyName: "contributor_skills_contributor_id_fkey"
            columns: ["contributor_id"]
            isOneToOne: false
            referencedRelation: "contributor_profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "contributor_skills_skill_id_fkey"
            columns: ["skill_id"]
            isOneToOne: false
            referencedRelation: "skills"
            referencedColumns: ["id"]
          },
        ]
      }
      conversation_participants: {
        Row: {
          conversation_id: string
          joined_at: string
          last_read_at: string | null
          user_id: string
        }
        Insert: {
          conversation_id: string
          joined_at?: string
          last_read_at?: string | null
          user_id: string
        }
        Update: {
          conversation_id?: string
          joined_at?: string
          last_read_at?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "conversation_participants_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversation_participants_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      conversations: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          mission_id: string | null
          type: Database["public"]["Enums"]["conversation_type"]
          updated_at: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          mission_id?: string | null
          type?: Database["public"]["Enums"]["conversation_type"]
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          mission_id?: string | null
          type?: Database["public"]["Enums"]["conversation_type"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "conversations_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversations_mission_id_fkey"
            columns: ["mission_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
        ]
      }
      escrow_transactions: {
        Row: {
          amount_cents: number
          contributor_id: string | null
          correlation_id: string | null
          created_at: string
          currency: string
          description: string | null
          id: string
          initiator_id: string
          milestone_id: string | null
          mission_id: string
          processed_at: string | null
          status: Database["public"]["Enums"]["escrow_transaction_status"]
          stripe_charge_id: string | null
          stripe_dispute_id: string | null
          stripe_payment_intent_id: string | null
          stripe_refund_id: string | null
          stripe_transfer_id: string | null
          type: Database["public"]["Enums"]["escrow_transaction_type"]
        }
        Insert: {
          amount_cents: number
          contributor_id?: string | null
          correlation_id?: string | null
          created_at?: string
          currency?: string
          description?: string | null
          id?: string
          initiator_id: string
          milestone_id?: string | null
          mission_id: string
          processed_at?: string | null
          status?: Database["public"]["Enums"]["escrow_transaction_status"]
          stripe_charge_id?: string | null
          stripe_dispute_id?: string | null
          stripe_payment_intent_id?: string | null
          stripe_refund_id?: string | null
          stripe_transfer_id?: string | null
          type: Database["public"]["Enums"]["escrow_transaction_type"]
        }
        Update: {
          amount_cents?: number
          contributor_id?: string | null
          correlation_id?: string | null
          created_at?: string
          currency?: string
          description?: string | null
          id?: string
          initiator_id?: string
          milestone_id?: string | null
          mission_id?: string
          processed_at?: string | null
          status?: Database["public"]["Enums"]["escrow_transaction_status"]
          stripe_charge_id?: string | null
          stripe_dispute_id?: string | null
          stripe_payment_intent_id?: string | null
          stripe_refund_id?: string | null
          stripe_transfer_id?: string | null
          type?: Database["public"]["Enums"]["escrow_transaction_type"]
        }
        Relationships: [
          {
            foreignKeyName: "escrow_transactions_contributor_id_fkey"
            columns: ["contributor_id"]
            isOneToOne: false
            referencedRelation: "contributor_profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "escrow_transactions_initiator_fk"
            columns: ["mission_id", "initiator_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id", "initiator_id"]
          },
          {
            foreignKeyName: "escrow_transactions_initiator_id_fkey"
            columns: ["initiator_id"]
            isOneToOne: false
            referencedRelation: "initiator_profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "escrow_transactions_milestone_fk"
            columns: ["milestone_id", "mission_id"]
            isOneToOne: false
            referencedRelation: "milestones"
            referencedColumns: ["id", "mission_id"]
          },
          {
            foreignKeyName: "escrow_transactions_mission_id_fkey"
            columns: ["mission_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
        ]
      }
      initiator_private_details: {
        Row: {
          default_payment_method_id: string | null
          initiator_id: string
          spent_currency: string
          stripe_customer_id: string | null
          total_spent_cents: number
          updated_at: string
        }
        Insert: {
          default_payment_method_id?: string | null
          initiator_id: string
          spent_currency?: string
          stripe_customer_id?: string | null
          total_spent_cents?: number
          updated_at?: string
        }
        Update: {
          default_payment_method_id?: string | null
          initiator_id?: string
          spent_currency?: string
          stripe_customer_id?: string | null
          total_spent_cents?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "initiator_private_details_initiator_id_fkey"
            columns: ["initiator_id"]
            isOneToOne: true
            referencedRelation: "initiator_profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      initiator_profiles: {
        Row: {
          average_rating: number
          company_name: string | null
          company_size: Database["public"]["Enums"]["company_size"] | null
          company_url: string | null
          created_at: string
          id: string
          industry: string | null
          is_verified: boolean
          total_missions_posted: number
          updated_at: string
          user_id: string
          verification_date: string | null
        }
        Insert: {
          average_rating?: number
          company_name?: string | null
          company_size?: Database["public"]["Enums"]["company_size"] | null
          company_url?: string | null
          created_at?: string
          id?: string
          industry?: string | null
          is_verified?: boolean
          total_missions_posted?: number
          updated_at?: string
          user_id: string
          verification_date?: string | null
        }
        Update: {
          average_rating?: number
          company_name?: string | null
          company_size?: Database["public"]["Enums"]["company_size"] | null
          company_url?: string | null
          created_at?: string
          id?: string
          industry?: string | null
          is_verified?: boolean
          total_missions_posted?: number
          updated_at?: string
          user_id?: string
          verification_date?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "initiator_profiles_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      lifecycle_transitions: {
        Row: {
          action: string
          actor: string
          from_state: string
          machine: string
          to_state: string
        }
        Insert: {
          action: string
          actor: string
          from_state: string
          machine: string
          to_state: string
        }
        Update: {
          action?: string
          actor?: string
          from_state?: string
          machine?: string
          to_state?: string
        }
        Relationships: []
      }
      listed_missions: {
        Row: {
          budget_max_cents: number
          budget_min_cents: number
          complexity: string
          currency: string
          deadline: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          initiator_profiles: NonNullable<Json>
          listed_status: string
          milestones: NonNullable<Json>
          mission_required_skills: NonNullable<Json>
          published_at: string | null
          slug: string
          title: string
          type: string
        }
        Insert: {
          budget_max_cents: number
          budget_min_cents: number
          complexity: string
          currency: string
          deadline?: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          initiator_profiles: NonNullable<Json>
          listed_status: string
          milestones: NonNullable<Json>
          mission_required_skills: NonNullable<Json>
          published_at?: string | null
          slug: string
          title: string
          type: string
        }
        Update: {
          budget_max_cents?: number
          budget_min_cents?: number
          complexity?: string
          currency?: string
          deadline?: string | null
          estimated_duration_days?: number
          featured?: boolean
          id?: string
          initiator_id?: string
          initiator_profiles?: NonNullable<Json>
          listed_status?: string
          milestones?: NonNullable<Json>
          mission_required_skills?: NonNullable<Json>
          published_at?: string | null
          slug?: string
          title?: string
          type?: string
        }
        Relationships: [
          {
            foreignKeyName: "listed_missions_id_fkey"
            columns: ["id"]
            isOneToOne: true
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
        ]
      }
      messages: {
        Row: {
          attachments: NonNullable<Json>
          content: string
          conversation_id: string
          created_at: string
          edited_at: string | null
          id: string
          is_deleted: boolean
          is_edited: boolean
          message_type: Database["public"]["Enums"]["message_type"]
          sender_id: string
        }
        Insert: {
          attachments?: NonNullable<Json>
          content: string
          conversation_id: string
          created_at?: string
          edited_at?: string | null
          id?: string
          is_deleted?: boolean
          is_edited?: boolean
          message_type?: Database["public"]["Enums"]["message_type"]
          sender_id?: string
        }
        Update: {
          attachments?: NonNullable<Json>
          content?: string
          conversation_id?: string
          created_at?: string
          edited_at?: string | null
          id?: string
          is_deleted?: boolean
          is_edited?: boolean
          message_type?: Database["public"]["Enums"]["message_type"]
          sender_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "messages_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "messages_sender_id_fkey"
            columns: ["sender_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      milestone_payouts: {
        Row: {
          contributor_id: string
          created_at: string
          milestone_id: string
          mission_id: string
          payout_cents: number
          role: Database["public"]["Enums"]["assignment_role"]
          share_bps: number
        }
        Insert: {
          contributor_id: string
          created_at?: string
          milestone_id: string
          mission_id: string
          payout_cents: number
          role: Database["public"]["Enums"]["assignment_role"]
          share_bps: number
        }
        Update: {
          contributor_id?: string
          created_at?: string
          milestone_id?: string
          mission_id?: string
          payout_cents?: number
          role?: Database["public"]["Enums"]["assignment_role"]
          share_bps?: number
        }
        Relationships: [
          {
            foreignKeyName: "milestone_payouts_contributor_id_fkey"
            columns: ["contributor_id"]
            isOneToOne: false
            referencedRelation: "contributor_profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "milestone_payouts_milestone_fk"
            columns: ["milestone_id", "mission_id"]
            isOneToOne: false
            referencedRelation: "milestones"
            referencedColumns: ["id", "mission_id"]
          },
        ]
      }
      milestones: {
        Row: {
          amount_cents: number
          approved_at: string | null
          created_at: string
          deadline_reminded_at: string | null
          description: string | null
          due_date: string | null
          id: string
          mission_id: string
          mission_listed: boolean
          order_index: number
          paid_at: string | null
          revision_count: number
          status: Database["public"]["Enums"]["milestone_status"]
          submitted_at: string | null
          title: string
          updated_at: string
        }
        Insert: {
          amount_cents: number
          approved_at?: string | null
          created_at?: string
          deadline_reminded_at?: string | null
          description?: string | null
          due_date?: string | null
          id?: string
          mission_id: string
          mission_listed?: boolean
          order_index: number
          paid_at?: string | null
          revision_count?: number
          status?: Database["public"]["Enums"]["milestone_status"]
          submitted_at?: string | null
          title: string
          updated_at?: string
        }
        Update: {
          amount_cents?: number
          approved_at?: string | null
          created_at?: string
          deadline_reminded_at?: string | null
          description?: string | null
          due_date?: string | null
          id?: string
          mission_id?: string
          mission_listed?: boolean
          order_index?: number
          paid_at?: string | null
          revision_count?: number
          status?: Database["public"]["Enums"]["milestone_status"]
          submitted_at?: string | null
          title?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "milestones_mission_id_fkey"
            columns: ["mission_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
        ]
      }
      mission_applications: {
        Row: {
          contributor_id: string
          cover_letter: string | null
          created_at: string
          id: string
          match_score: number | null
          mission_id: string
          proposed_approach: string | null
          proposed_timeline: number | null
          reviewed_at: string | null
          status: Database["public"]["Enums"]["application_status"]
          updated_at: string
        }
        Insert: {
          contributor_id: string
          cover_letter?: string | null
          created_at?: string
          id?: string
          match_score?: number | null
          mission_id: string
          proposed_approach?: string | null
          proposed_timeline?: number | null
          reviewed_at?: string | null
          status?: Database["public"]["Enums"]["application_status"]
          updated_at?: string
        }
        Update: {
          contributor_id?: string
          cover_letter?: string | null
          created_at?: string
          id?: string
          match_score?: number | null
          mission_id?: string
          proposed_approach?: string | null
          proposed_timeline?: number | null
          reviewed_at?: string | null
          status?: Database["public"]["Enums"]["application_status"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "mission_applications_contributor_id_fkey"
            columns: ["contributor_id"]
            isOneToOne: false
            referencedRelation: "contributor_profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "mission_applications_mission_id_fkey"
            columns: ["mission_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
        ]
      }
      mission_assignments: {
        Row: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
        Insert: {
          accepted_at?: string | null
          assigned_at?: string
          completed_at?: string | null
          contributor_id: string
          end_reason?: string | null
          ended_at?: string | null
          id?: string
          invitation_expires_at?: string | null
          mission_id: string
          rating?: number | null
          review_text?: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status?: Database["public"]["Enums"]["assignment_status"]
          updated_at?: string
        }
        Update: {
          accepted_at?: string | null
          assigned_at?: string
          completed_at?: string | null
          contributor_id?: string
          end_reason?: string | null
          ended_at?: string | null
          id?: string
          invitation_expires_at?: string | null
          mission_id?: string
          rating?: number | null
          review_text?: string | null
          role?: Database["public"]["Enums"]["assignment_role"]
          status?: Database["public"]["Enums"]["assignment_status"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "mission_assignments_contributor_id_fkey"
            columns: ["contributor_id"]
            isOneToOne: false
            referencedRelation: "contributor_profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "mission_assignments_mission_id_fkey"
            columns: ["mission_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
        ]
      }
      mission_required_skills: {
        Row: {
          importance: Database["public"]["Enums"]["skill_importance"]
          mission_id: string
          mission_listed: boolean
          skill_id: string
        }
        Insert: {
          importance?: Database["public"]["Enums"]["skill_importance"]
          mission_id: string
          mission_listed?: boolean
          skill_id: string
        }
        Update: {
          importance?: Database["public"]["Enums"]["skill_importance"]
          mission_id?: string
          mission_listed?: boolean
          skill_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "mission_required_skills_mission_id_fkey"
            columns: ["mission_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "mission_required_skills_skill_id_fkey"
            columns: ["skill_id"]
            isOneToOne: false
            referencedRelation: "skills"
            referencedColumns: ["id"]
          },
        ]
      }
      missions: {
        Row: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        Insert: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason?: string | null
          cancelled_at?: string | null
          completed_at?: string | null
          complexity?: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps?: number | null
          created_at?: string
          currency?: string
          deadline?: string | null
          description: string
          dispute_reason?: string | null
          disputed_at?: string | null
          estimated_duration_days: number
          featured?: boolean
          id?: string
          initiator_id: string
          is_public?: boolean
          lead_share_bps?: number | null
          listed_status?: never
          max_lead_contributors?: number
          max_shadow_contributors?: number
          platform_fee_bps?: number
          problem_statement?: string | null
          published_at?: string | null
          requires_core_reviewer?: boolean
          shadow_share_bps?: number | null
          slug: string
          started_at?: string | null
          status?: Database["public"]["Enums"]["mission_status"]
          success_criteria?: string | null
          title: string
          type: string
          updated_at?: string
        }
        Update: {
          budget_max_cents?: number
          budget_min_cents?: number
          cancellation_reason?: string | null
          cancelled_at?: string | null
          completed_at?: string | null
          complexity?: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps?: number | null
          created_at?: string
          currency?: string
          deadline?: string | null
          description?: string
          dispute_reason?: string | null
          disputed_at?: string | null
          estimated_duration_days?: number
          featured?: boolean
          id?: string
          initiator_id?: string
          is_public?: boolean
          lead_share_bps?: number | null
          listed_status?: never
          max_lead_contributors?: number
          max_shadow_contributors?: number
          platform_fee_bps?: number
          problem_statement?: string | null
          published_at?: string | null
          requires_core_reviewer?: boolean
          shadow_share_bps?: number | null
          slug?: string
          started_at?: string | null
          status?: Database["public"]["Enums"]["mission_status"]
          success_criteria?: string | null
          title?: string
          type?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "missions_initiator_id_fkey"
            columns: ["initiator_id"]
            isOneToOne: false
            referencedRelation: "initiator_profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      notifications: {
        Row: {
          action_label: string | null
          action_url: string | null
          created_at: string
          expires_at: string | null
          id: string
          is_archived: boolean
          is_read: boolean
          message: string
          metadata: NonNullable<Json>
          priority: Database["public"]["Enums"]["notification_priority"]
          read_at: string | null
          title: string
          type: string
          user_id: string
        }
        Insert: {
          action_label?: string | null
          action_url?: string | null
          created_at?: string
          expires_at?: string | null
          id?: string
          is_archived?: boolean
          is_read?: boolean
          message: string
          metadata?: NonNullable<Json>
          priority?: Database["public"]["Enums"]["notification_priority"]
          read_at?: string | null
          title: string
          type: string
          user_id: string
        }
        Update: {
          action_label?: string | null
          action_url?: string | null
          created_at?: string
          expires_at?: string | null
          id?: string
          is_archived?: boolean
          is_read?: boolean
          message?: string
          metadata?: NonNullable<Json>
          priority?: Database["public"]["Enums"]["notification_priority"]
          read_at?: string | null
          title?: string
          type?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "notifications_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          account_status: Database["public"]["Enums"]["account_status"]
          avatar_url: string | null
          created_at: string
          email_opt_outs: string[]
          full_name: string
          id: string
          last_login_at: string | null
          primary_role: Database["public"]["Enums"]["user_role"]
          updated_at: string
        }
        Insert: {
          account_status?: Database["public"]["Enums"]["account_status"]
          avatar_url?: string | null
          created_at?: string
          email_opt_outs?: string[]
          full_name: string
          id: string
          last_login_at?: string | null
          primary_role: Database["public"]["Enums"]["user_role"]
          updated_at?: string
        }
        Update: {
          account_status?: Database["public"]["Enums"]["account_status"]
          avatar_url?: string | null
          created_at?: string
          email_opt_outs?: string[]
          full_name?: string
          id?: string
          last_login_at?: string | null
          primary_role?: Database["public"]["Enums"]["user_role"]
          updated_at?: string
        }
        Relationships: []
      }
      proof_task_grading_guides: {
        Row: {
          expected_approach: string
          task_id: string
          updated_at: string
        }
        Insert: {
          expected_approach: string
          task_id: string
          updated_at?: string
        }
        Update: {
          expected_approach?: string
          task_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "proof_task_grading_guides_task_id_fkey"
            columns: ["task_id"]
            isOneToOne: true
            referencedRelation: "proof_tasks"
            referencedColumns: ["id"]
          },
        ]
      }
      proof_task_submissions: {
        Row: {
          answer: string
          contributor_id: string
          created_at: string
          evaluated_at: string | null
          evaluated_by: string | null
          feedback: string | null
          id: string
          is_late: boolean
          score: number | null
          started_at: string | null
          status: Database["public"]["Enums"]["proof_task_submission_status"]
          task_id: string
          time_taken_seconds: number | null
        }
        Insert: {
          answer: string
          contributor_id: string
          created_at?: string
          evaluated_at?: string | null
          evaluated_by?: string | null
          feedback?: string | null
          id?: string
          is_late?: boolean
          score?: number | null
          started_at?: string | null
          status?: Database["public"]["Enums"]["proof_task_submission_status"]
          task_id: string
          time_taken_seconds?: number | null
        }
        Update: {
          answer?: string
          contributor_id?: string
          created_at?: string
          evaluated_at?: string | null
          evaluated_by?: string | null
          feedback?: string | null
          id?: string
          is_late?: boolean
          score?: number | null
          started_at?: string | null
          status?: Database["public"]["Enums"]["proof_task_submission_status"]
          task_id?: string
          time_taken_seconds?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "proof_task_submissions_contributor_id_fkey"
            columns: ["contributor_id"]
            isOneToOne: false
            referencedRelation: "contributor_profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "proof_task_submissions_evaluated_by_fkey"
            columns: ["evaluated_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "proof_task_submissions_task_id_fkey"
            columns: ["task_id"]
            isOneToOne: false
            referencedRelation: "proof_tasks"
            referencedColumns: ["id"]
          },
        ]
      }
      proof_tasks: {
        Row: {
          category: string
          created_at: string
          created_by: string | null
          difficulty: Database["public"]["Enums"]["proof_task_difficulty"]
          id: string
          is_active: boolean
          scenario: string
          time_limit_minutes: number
          title: string
          updated_at: string
        }
        Insert: {
          category: string
          created_at?: string
          created_by?: string | null
          difficulty?: Database["public"]["Enums"]["proof_task_difficulty"]
          id?: string
          is_active?: boolean
          scenario: string
          time_limit_minutes?: number
          title: string
          updated_at?: string
        }
        Update: {
          category?: string
          created_at?: string
          created_by?: string | null
          difficulty?: Database["public"]["Enums"]["proof_task_difficulty"]
          id?: string
          is_active?: boolean
          scenario?: string
          time_limit_minutes?: number
          title?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "proof_tasks_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      reviews: {
        Row: {
          assignment_id: string
          comment: string | null
          created_at: string
          direction: Database["public"]["Enums"]["review_direction"]
          id: string
          mission_id: string
          rating: number
          reviewee_id: string
          reviewer_id: string
        }
        Insert: {
          assignment_id: string
          comment?: string | null
          created_at?: string
          direction: Database["public"]["Enums"]["review_direction"]
          id?: string
          mission_id: string
          rating: number
          reviewee_id: string
          reviewer_id: string
        }
        Update: {
          assignment_id?: string
          comment?: string | null
          created_at?: string
          direction?: Database["public"]["Enums"]["review_direction"]
          id?: string
          mission_id?: string
          rating?: number
          reviewee_id?: string
          reviewer_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "reviews_assignment_fk"
            columns: ["assignment_id", "mission_id"]
            isOneToOne: false
            referencedRelation: "mission_assignments"
            referencedColumns: ["id", "mission_id"]
          },
          {
            foreignKeyName: "reviews_mission_id_fkey"
            columns: ["mission_id"]
            isOneToOne: false
            referencedRelation: "missions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "reviews_reviewee_id_fkey"
            columns: ["reviewee_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "reviews_reviewer_id_fkey"
            columns: ["reviewer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      skills: {
        Row: {
          category: Database["public"]["Enums"]["skill_category"]
          created_at: string
          icon_url: string | null
          id: string
          is_active: boolean
          name: string
        }
        Insert: {
          category: Database["public"]["Enums"]["skill_category"]
          created_at?: string
          icon_url?: string | null
          id?: string
          is_active?: boolean
          name: string
        }
        Update: {
          category?: Database["public"]["Enums"]["skill_category"]
          created_at?: string
          icon_url?: string | null
          id?: string
          is_active?: boolean
          name?: string
        }
        Relationships: []
      }
      work_submissions: {
        Row: {
          assignment_id: string
          content: string
          created_at: string
          feedback: string | null
          id: string
          links: string[]
          milestone_id: string
          mission_id: string
          reviewed_at: string | null
          status: Database["public"]["Enums"]["work_submission_status"]
          storage_paths: string[]
          version: number
        }
        Insert: {
          assignment_id: string
          content: string
          created_at?: string
          feedback?: string | null
          id?: string
          links?: string[]
          milestone_id: string
          mission_id: string
          reviewed_at?: string | null
          status?: Database["public"]["Enums"]["work_submission_status"]
          storage_paths?: string[]
          version: number
        }
        Update: {
          assignment_id?: string
          content?: string
          created_at?: string
          feedback?: string | null
          id?: string
          links?: string[]
          milestone_id?: string
          mission_id?: string
          reviewed_at?: string | null
          status?: Database["public"]["Enums"]["work_submission_status"]
          storage_paths?: string[]
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "work_submissions_assignment_fk"
            columns: ["assignment_id", "mission_id"]
            isOneToOne: false
            referencedRelation: "mission_assignments"
            referencedColumns: ["id", "mission_id"]
          },
          {
            foreignKeyName: "work_submissions_milestone_fk"
            columns: ["mission_id", "milestone_id"]
            isOneToOne: false
            referencedRelation: "milestones"
            referencedColumns: ["mission_id", "id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      accept_application: {
        Args: {
          application_id: string
          role?: Database["public"]["Enums"]["assignment_role"]
        }
        Returns: {
          contributor_id: string
          cover_letter: string | null
          created_at: string
          id: string
          match_score: number | null
          mission_id: string
          proposed_approach: string | null
          proposed_timeline: number | null
          reviewed_at: string | null
          status: Database["public"]["Enums"]["application_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      accept_invitation: {
        Args: { assignment_id: string }
        Returns: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
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
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
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
          status?: Database["public"]["Enums"]["mission_status"]
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
          status: Database["public"]["Enums"]["mission_status"]
          title: string
          total_count: number
          type: unknown
        }[]
      }
      admin_proof_task_queue: {
        Args: {
          page_offset?: number
          page_size?: number
          status?: Database["public"]["Enums"]["proof_task_submission_status"]
        }
        Returns: {
          answer: string
          category: string
          contributor_id: string
          contributor_name: string
          difficulty: Database["public"]["Enums"]["proof_task_difficulty"]
          expected_approach: string
          is_late: boolean
          score: number
          started_at: string
          status: Database["public"]["Enums"]["proof_task_submission_status"]
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
          ids?: string[]
          match_column?: string
          page_offset?: number
          page_size?: number
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
          role?: Database["public"]["Enums"]["user_role"]
          search?: string
          status?: Database["public"]["Enums"]["account_status"]
          verification?: Database["public"]["Enums"]["verification_status"]
        }
        Returns: {
          account_status: Database["public"]["Enums"]["account_status"]
          banned_until: string
          created_at: string
          email: string
          full_name: string
          id: string
          last_login_at: string
          primary_role: Database["public"]["Enums"]["user_role"]
          total_count: number
          verification_status: Database["public"]["Enums"]["verification_status"]
        }[]
      }
      admin_verify_company: {
        Args: { initiator_id: string; note?: string; verified: boolean }
        Returns: {
          average_rating: number
          company_name: string | null
          company_size: Database["public"]["Enums"]["company_size"] | null
          company_url: string | null
          created_at: string
          id: string
          industry: string | null
          is_verified: boolean
          total_missions_posted: number
          updated_at: string
          user_id: string
          verification_date: string | null
        }
        SetofOptions: {
          from: "*"
          to: "initiator_profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      apply_to_mission: {
        Args: {
          cover_letter?: string
          mission_id: string
          proposed_approach?: string
          proposed_timeline?: number
        }
        Returns: {
          contributor_id: string
          cover_letter: string | null
          created_at: string
          id: string
          match_score: number | null
          mission_id: string
          proposed_approach: string | null
          proposed_timeline: number | null
          reviewed_at: string | null
          status: Database["public"]["Enums"]["application_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      approve_milestone: {
        Args: { milestone_id: string }
        Returns: {
          amount_cents: number
          approved_at: string | null
          created_at: string
          deadline_reminded_at: string | null
          description: string | null
          due_date: string | null
          id: string
          mission_id: string
          mission_listed: boolean
          order_index: number
          paid_at: string | null
          revision_count: number
          status: Database["public"]["Enums"]["milestone_status"]
          submitted_at: string | null
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      archive_notification: {
        Args: { notification_id: string }
        Returns: {
          action_label: string | null
          action_url: string | null
          created_at: string
          expires_at: string | null
          id: string
          is_archived: boolean
          is_read: boolean
          message: string
          metadata: NonNullable<Json>
          priority: Database["public"]["Enums"]["notification_priority"]
          read_at: string | null
          title: string
          type: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "notifications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      assign_contributor: {
        Args: {
          contributor_id: string
          mission_id: string
          role: Database["public"]["Enums"]["assignment_role"]
        }
        Returns: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      ban_user: {
        Args: { reason: string; user_id: string }
        Returns: {
          account_status: Database["public"]["Enums"]["account_status"]
          avatar_url: string | null
          created_at: string
          email_opt_outs: string[]
          full_name: string
          id: string
          last_login_at: string | null
          primary_role: Database["public"]["Enums"]["user_role"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cancel_mission: {
        Args: { mission_id: string; reason?: string }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      check_request: { Args: Record<PropertyKey, never>; Returns: undefined }
      choose_primary_role: {
        Args: { role: Database["public"]["Enums"]["user_role"] }
        Returns: {
          account_status: Database["public"]["Enums"]["account_status"]
          avatar_url: string | null
          created_at: string
          email_opt_outs: string[]
          full_name: string
          id: string
          last_login_at: string | null
          primary_role: Database["public"]["Enums"]["user_role"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      consent_to_background_check: {
        Args: Record<PropertyKey, never>
        Returns: {
          background_check_consented_at: string
          background_check_status: Database["public"]["Enums"]["background_check_status"]
        }[]
      }
      conversation_messages: {
        Args: {
          before_created_at?: string
          before_id?: string
          conversation_id: string
          page_size?: number
        }
        Returns: {
          attachments: NonNullable<Json>
          content: string
          conversation_id: string
          created_at: string
          edited_at: string | null
          id: string
          is_deleted: boolean
          is_edited: boolean
          message_type: Database["public"]["Enums"]["message_type"]
          sender_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      create_mission: {
        Args: {
          budget_max_cents: number
          budget_min_cents: number
          complexity?: Database["public"]["Enums"]["mission_complexity"]
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
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      custom_access_token_hook: { Args: { event: Json }; Returns: Json }
      decline_invitation: {
        Args: { assignment_id: string }
        Returns: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      delete_message: {
        Args: { message_id: string }
        Returns: {
          attachments: NonNullable<Json>
          content: string
          conversation_id: string
          created_at: string
          edited_at: string | null
          id: string
          is_deleted: boolean
          is_edited: boolean
          message_type: Database["public"]["Enums"]["message_type"]
          sender_id: string
        }
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
      edit_message: {
        Args: { content: string; message_id: string }
        Returns: {
          attachments: NonNullable<Json>
          content: string
          conversation_id: string
          created_at: string
          edited_at: string | null
          id: string
          is_deleted: boolean
          is_edited: boolean
          message_type: Database["public"]["Enums"]["message_type"]
          sender_id: string
        }
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      export_my_data: { Args: Record<PropertyKey, never>; Returns: Json }
      get_current_proof_task: { Args: { category?: string }; Returns: Json }
      grade_proof_task: {
        Args: {
          feedback?: string
          passed?: boolean
          score: number
          submission_id: string
        }
        Returns: {
          answer: string
          contributor_id: string
          created_at: string
          evaluated_at: string | null
          evaluated_by: string | null
          feedback: string | null
          id: string
          is_late: boolean
          score: number | null
          started_at: string | null
          status: Database["public"]["Enums"]["proof_task_submission_status"]
          task_id: string
          time_taken_seconds: number | null
        }
        SetofOptions: {
          from: "*"
          to: "proof_task_submissions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      invite_contributor: {
        Args: {
          contributor_id: string
          mission_id: string
          role: Database["public"]["Enums"]["assignment_role"]
        }
        Returns: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
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
      mark_all_notifications_read: {
        Args: Record<PropertyKey, never>
        Returns: number
      }
      mark_conversation_read: {
        Args: { conversation_id: string }
        Returns: string
      }
      mark_notification_read: {
        Args: { notification_id: string }
        Returns: {
          action_label: string | null
          action_url: string | null
          created_at: string
          expires_at: string | null
          id: string
          is_archived: boolean
          is_read: boolean
          message: string
          metadata: NonNullable<Json>
          priority: Database["public"]["Enums"]["notification_priority"]
          read_at: string | null
          title: string
          type: string
          user_id: string
        }
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
      mission_dispute: {
        Args: { mission_id: string }
        Returns: {
          dispute_reason: string
          disputed_at: string
        }[]
      }
      mission_escrow_position: {
        Args: { mission_id: string }
        Returns: {
          currency: string
          disputed_cents: number
          fees_cents: number
          funded_cents: number
          held_cents: number
          mission_id: string
          pending_cents: number
          refunded_cents: number
          released_cents: number
        }[]
      }
      my_account: {
        Args: Record<PropertyKey, never>
        Returns: {
          email_opt_outs: string[]
          id: string
          last_login_at: string
        }[]
      }
      my_conversations: {
        Args: Record<PropertyKey, never>
        Returns: {
          id: string
          last_message: string
          last_message_at: string
          mission_id: string
          participant_ids: string[]
          type: Database["public"]["Enums"]["conversation_type"]
          unread_count: number
          updated_at: string
        }[]
      }
      open_dispute: {
        Args: { mission_id: string; reason: string }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      open_support_conversation: {
        Args: Record<PropertyKey, never>
        Returns: {
          created_at: string
          created_by: string | null
          id: string
          mission_id: string | null
          type: Database["public"]["Enums"]["conversation_type"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "conversations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      publish_mission: {
        Args: { mission_id: string }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      recommend_team: {
        Args: { mission_id: string }
        Returns: {
          availability: number
          candidate_rank: number
          contributor_id: string
          experience: number
          full_name: string
          historical_fit: number
          role: Database["public"]["Enums"]["assignment_role"]
          role_score: number
          skill_match: number
          slot: number
          total: number
          trust: number
          user_id: string
        }[]
      }
      record_background_check: {
        Args: {
          contributor_id: string
          note?: string
          result: Database["public"]["Enums"]["background_check_status"]
        }
        Returns: {
          background_check_date: string
          background_check_status: Database["public"]["Enums"]["background_check_status"]
        }[]
      }
      reinstate_user: {
        Args: { reason?: string; user_id: string }
        Returns: {
          account_status: Database["public"]["Enums"]["account_status"]
          avatar_url: string | null
          created_at: string
          email_opt_outs: string[]
          full_name: string
          id: string
          last_login_at: string | null
          primary_role: Database["public"]["Enums"]["user_role"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      reject_application: {
        Args: { application_id: string }
        Returns: {
          contributor_id: string
          cover_letter: string | null
          created_at: string
          id: string
          match_score: number | null
          mission_id: string
          proposed_approach: string | null
          proposed_timeline: number | null
          reviewed_at: string | null
          status: Database["public"]["Enums"]["application_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      remove_from_mission: {
        Args: { assignment_id: string; reason?: string }
        Returns: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      request_revision: {
        Args: { feedback: string; milestone_id: string }
        Returns: {
          amount_cents: number
          approved_at: string | null
          created_at: string
          deadline_reminded_at: string | null
          description: string | null
          due_date: string | null
          id: string
          mission_id: string
          mission_listed: boolean
          order_index: number
          paid_at: string | null
          revision_count: number
          status: Database["public"]["Enums"]["milestone_status"]
          submitted_at: string | null
          title: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "milestones"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      resolve_dispute: {
        Args: { mission_id: string; note?: string; outcome: string }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      revoke_my_session: { Args: { session_id: string }; Returns: undefined }
      send_message: {
        Args: { attachments?: Json; content: string; conversation_id: string }
        Returns: {
          attachments: NonNullable<Json>
          content: string
          conversation_id: string
          created_at: string
          edited_at: string | null
          id: string
          is_deleted: boolean
          is_edited: boolean
          message_type: Database["public"]["Enums"]["message_type"]
          sender_id: string
        }
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_payout_shares: {
        Args: {
          core_reviewer_bps: number
          lead_bps: number
          mission_id: string
          shadow_bps: number
        }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_user_role: {
        Args: {
          role: Database["public"]["Enums"]["user_role"]
          user_id: string
        }
        Returns: {
          account_status: Database["public"]["Enums"]["account_status"]
          avatar_url: string | null
          created_at: string
          email_opt_outs: string[]
          full_name: string
          id: string
          last_login_at: string | null
          primary_role: Database["public"]["Enums"]["user_role"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      shortlist_application: {
        Args: { application_id: string }
        Returns: {
          contributor_id: string
          cover_letter: string | null
          created_at: string
          id: string
          match_score: number | null
          mission_id: string
          proposed_approach: string | null
          proposed_timeline: number | null
          reviewed_at: string | null
          status: Database["public"]["Enums"]["application_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      skill_categories: {
        Args: Record<PropertyKey, never>
        Returns: {
          category: Database["public"]["Enums"]["skill_category"]
          skill_count: number
        }[]
      }
      start_direct_conversation: {
        Args: { other_user_id: string }
        Returns: {
          created_at: string
          created_by: string | null
          id: string
          mission_id: string | null
          type: Database["public"]["Enums"]["conversation_type"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "conversations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_matching: {
        Args: { mission_id: string }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_milestone: {
        Args: { milestone_id: string }
        Returns: {
          amount_cents: number
          approved_at: string | null
          created_at: string
          deadline_reminded_at: string | null
          description: string | null
          due_date: string | null
          id: string
          mission_id: string
          mission_listed: boolean
          order_index: number
          paid_at: string | null
          revision_count: number
          status: Database["public"]["Enums"]["milestone_status"]
          submitted_at: string | null
          title: string
          updated_at: string
        }
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
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      step_up_shadow: {
        Args: { assignment_id: string }
        Returns: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_milestone: {
        Args: {
          content: string
          links?: string[]
          milestone_id: string
          storage_paths?: string[]
        }
        Returns: {
          assignment_id: string
          content: string
          created_at: string
          feedback: string | null
          id: string
          links: string[]
          milestone_id: string
          mission_id: string
          reviewed_at: string | null
          status: Database["public"]["Enums"]["work_submission_status"]
          storage_paths: string[]
          version: number
        }
        SetofOptions: {
          from: "*"
          to: "work_submissions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_proof_task: {
        Args: { answer: string; task_id: string }
        Returns: {
          answer: string
          contributor_id: string
          created_at: string
          evaluated_at: string | null
          evaluated_by: string | null
          feedback: string | null
          id: string
          is_late: boolean
          score: number | null
          started_at: string | null
          status: Database["public"]["Enums"]["proof_task_submission_status"]
          task_id: string
          time_taken_seconds: number | null
        }
        SetofOptions: {
          from: "*"
          to: "proof_task_submissions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_review: {
        Args: { assignment_id: string; comment?: string; rating: number }
        Returns: {
          assignment_id: string
          comment: string | null
          created_at: string
          direction: Database["public"]["Enums"]["review_direction"]
          id: string
          mission_id: string
          rating: number
          reviewee_id: string
          reviewer_id: string
        }
        SetofOptions: {
          from: "*"
          to: "reviews"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      suspend_user: {
        Args: { reason: string; user_id: string }
        Returns: {
          account_status: Database["public"]["Enums"]["account_status"]
          avatar_url: string | null
          created_at: string
          email_opt_outs: string[]
          full_name: string
          id: string
          last_login_at: string | null
          primary_role: Database["public"]["Enums"]["user_role"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      unread_notification_count: {
        Args: Record<PropertyKey, never>
        Returns: number
      }
      update_mission_plan: {
        Args: { milestones?: Json; mission_id: string; required_skills?: Json }
        Returns: {
          budget_max_cents: number
          budget_min_cents: number
          cancellation_reason: string | null
          cancelled_at: string | null
          completed_at: string | null
          complexity: Database["public"]["Enums"]["mission_complexity"]
          core_reviewer_share_bps: number | null
          created_at: string
          currency: string
          deadline: string | null
          description: string
          dispute_reason: string | null
          disputed_at: string | null
          estimated_duration_days: number
          featured: boolean
          id: string
          initiator_id: string
          is_public: boolean
          lead_share_bps: number | null
          listed_status: string | null
          max_lead_contributors: number
          max_shadow_contributors: number
          platform_fee_bps: number
          problem_statement: string | null
          published_at: string | null
          requires_core_reviewer: boolean
          shadow_share_bps: number | null
          slug: string
          started_at: string | null
          status: Database["public"]["Enums"]["mission_status"]
          success_criteria: string | null
          title: string
          type: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "missions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      withdraw_application: {
        Args: { application_id: string }
        Returns: {
          contributor_id: string
          cover_letter: string | null
          created_at: string
          id: string
          match_score: number | null
          mission_id: string
          proposed_approach: string | null
          proposed_timeline: number | null
          reviewed_at: string | null
          status: Database["public"]["Enums"]["application_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_applications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      withdraw_from_mission: {
        Args: { assignment_id: string; reason?: string }
        Returns: {
          accepted_at: string | null
          assigned_at: string
          completed_at: string | null
          contributor_id: string
          end_reason: string | null
          ended_at: string | null
          id: string
          invitation_expires_at: string | null
          mission_id: string
          rating: number | null
          review_text: string | null
          role: Database["public"]["Enums"]["assignment_role"]
          status: Database["public"]["Enums"]["assignment_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "mission_assignments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
    }
    Enums: {
      account_status: "active" | "suspended" | "banned" | "pending_verification"
      application_status:
        | "pending"
        | "shortlisted"
        | "accepted"
        | "rejected"
        | "withdrawn"
      assignment_role: "lead" | "shadow" | "core_reviewer"
      assignment_status:
        | "invited"
        | "active"
        | "stepped_up"
        | "completed"
        | "withdrawn"
        | "removed"
      background_check_status:
        | "not_started"
        | "in_progress"
        | "passed"
        | "failed"
      company_size: "1-10" | "11-50" | "51-200" | "201-500" | "500+"
      conversation_type: "direct" | "mission_team" | "support"
      escrow_transaction_status:
        | "pending"
        | "processing"
        | "completed"
        | "failed"
        | "refunded"
      escrow_transaction_type:
        | "deposit"
        | "release"
        | "refund"
        | "platform_fee"
        | "dispute_hold"
        | "dispute_release"
      message_type: "text" | "file" | "system"
      milestone_status:
        | "pending"
        | "in_progress"
        | "submitted"
        | "approved"
        | "revision"
        | "paid"
        | "cancelled"
      mission_complexity: "easy" | "medium" | "hard" | "expert"
      mission_status:
        | "draft"
        | "pending_funding"
        | "open"
        | "matching"
        | "in_progress"
        | "in_review"
        | "completed"
        | "cancelled"
        | "disputed"
      notification_priority: "basic" | "medium" | "urgent" | "final"
      proficiency_level: "beginner" | "intermediate" | "advanced" | "expert"
      proof_task_difficulty: "easy" | "medium" | "hard"
      proof_task_submission_status:
        | "submitted"
        | "under_review"
        | "passed"
        | "failed"
      review_direction: "initiator_to_contributor" | "contributor_to_initiator"
      skill_category: "language" | "framework" | "tool" | "domain"
      skill_importance: "required" | "preferred" | "nice_to_have"
      user_role: "contributor" | "initiator" | "admin"
      verification_status:
        | "pending"
        | "proof_task_submitted"
        | "verified"
        | "rejected"
      work_submission_status: "submitted" | "revision_requested" | "approved"
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
  public: {
    Enums: {
      account_status: ["active", "suspended", "banned", "pending_verification"],
      application_status: [
        "pending",
        "shortlisted",
        "accepted",
        "rejected",
        "withdrawn",
      ],
      assignment_role: ["lead", "shadow", "core_reviewer"],
      assignment_status: [
        "invited",
        "active",
        "stepped_up",
        "completed",
        "withdrawn",
        "removed",
      ],
      background_check_status: [
        "not_started",
        "in_progress",
        "passed",
        "failed",
      ],
      company_size: ["1-10", "11-50", "51-200", "201-500", "500+"],
      conversation_type: ["direct", "mission_team", "support"],
      escrow_transaction_status: [
        "pending",
        "processing",
        "completed",
        "failed",
        "refunded",
      ],
      escrow_transaction_type: [
        "deposit",
        "release",
        "refund",
        "platform_fee",
        "dispute_hold",
        "dispute_release",
      ],
      message_type: ["text", "file", "system"],
      milestone_status: [
        "pending",
        "in_progress",
        "submitted",
        "approved",
        "revision",
        "paid",
        "cancelled",
      ],
      mission_complexity: ["easy", "medium", "hard", "expert"],
      mission_status: [
        "draft",
        "pending_funding",
        "open",
        "matching",
        "in_progress",
        "in_review",
        "completed",
        "cancelled",
        "disputed",
      ],
      notification_priority: ["basic", "medium", "urgent", "final"],
      proficiency_level: ["beginner", "intermediate", "advanced", "expert"],
      proof_task_difficulty: ["easy", "medium", "hard"],
      proof_task_submission_status: [
        "submitted",
        "under_review",
        "passed",
        "failed",
      ],
      review_direction: [
        "initiator_to_contributor",
        "contributor_to_initiator",
      ],
      skill_category: ["language", "framework", "tool", "domain"],
      skill_importance: ["required", "preferred", "nice_to_have"],
      user_role: ["contributor", "initiator", "admin"],
      verification_status: [
        "pending",
        "proof_task_submitted",
        "verified",
        "rejected",
      ],
      work_submission_status: ["submitted", "revision_requested", "approved"],
    },
  },
} as const

