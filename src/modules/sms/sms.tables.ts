import type { Generated } from 'kysely';

export type SmsStatus = 'pending' | 'sent' | 'failed';

export interface SmsOutboxTable {
  id: string;
  customer_id: string;
  usage_day: string;
  recipient: string;
  body: string;
  status: SmsStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface SmsDailyUsageTable {
  id: Generated<number>;
  customer_id: string;
  day: string;
  sent: number;
}

export interface SmsAbuseRecordTable {
  id: Generated<number>;
  customer_number: string;
  sent_at: Date;
  ip: string;
}

export type SmsTables = {
  sms_outbox: SmsOutboxTable;
  sms_daily_usage: SmsDailyUsageTable;
  sms_abuse_record: SmsAbuseRecordTable;
};
