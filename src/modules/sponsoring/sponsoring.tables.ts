export type ProjectStatus = 'submitted' | 'approved' | 'rejected';

export interface SponsoringCyclesTable {
  id: string;
  application_from: Date;
  review_from: Date;
  voting_from: Date;
  result_from: Date;
  sponsoring_from: Date;
  completed_at: Date;
  budget_cents: number | string;
  closed_at: Date | null;
  created_at: Date;
}

export interface SponsoringProjectsTable {
  id: string;
  cycle_id: string;
  number: number | null;
  title: string;
  description: string | null;
  budget_cents: number;
  sponsor_name: string | null;
  sponsor_street: string | null;
  sponsor_postcode: string | null;
  sponsor_city: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  locale: string;
  status: ProjectStatus;
  criteria_met: string;
  decision_reason: string | null;
  reviewed_at: Date | null;
  votes: number | null;
  funded: boolean | null;
  decided_at: Date | null;
  completed_at: Date | null;
  anonymised_at: Date | null;
  created_at: Date;
}

export interface SponsoringBallotsTable {
  id: string;
  cycle_id: string;
  receipt_hash: string;
  votes_allowed: number;
  votes_used: number;
  customer_bonus: boolean;
  paper: boolean;
  final: boolean;
}

export interface SponsoringBallotVotesTable {
  ballot_id: string;
  project_id: string;
  votes: number;
}

export interface SponsoringVotersTable {
  id: string;
  cycle_id: string;
  email: string;
  email_key: string;
  salutation: string;
  first_name: string;
  last_name: string;
  locale: string;
  confirm_hash: string | null;
  confirmed_at: Date | null;
  ballot_token_hash: string | null;
  ballot_id: string | null;
  bonus_attempts: number;
  created_at: Date;
  voting_ends_at: Date;
}

export interface SponsoringCustomerUsesTable {
  id: string;
  cycle_id: string;
  number_hash: string;
  voting_ends_at: Date;
}

export type SponsoringTables = {
  sponsoring_cycles: SponsoringCyclesTable;
  sponsoring_projects: SponsoringProjectsTable;
  sponsoring_ballots: SponsoringBallotsTable;
  sponsoring_ballot_votes: SponsoringBallotVotesTable;
  sponsoring_voters: SponsoringVotersTable;
  sponsoring_customer_uses: SponsoringCustomerUsesTable;
};
