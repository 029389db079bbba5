import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082613 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" serial primary key, "actor_agent_id" int null, "actor_api_key_id" int null, "actor_role" varchar(255) not null, "action" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" int not null, "before" jsonb null, "after" jsonb null, "request_id" varchar(255) null, "at" timestamptz(6) not null);`);
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);
    this.addSql(`create index "audit_event_entity_type_entity_id_at_index" on "audit_event" ("entity_type", "entity_id", "at");`);

    this.addSql(`create table "business_day" ("id" serial primary key, "date" varchar(10) not null, "ran_at" timestamptz(6) not null, "summary" jsonb not null);`);
    this.addSql(`alter table "business_day" add constraint "business_day_date_unique" unique ("date");`);

    this.addSql(`create table "contact_profile" ("id" serial primary key, "code" varchar(255) not null, "name" varchar(255) not null, "window_start_minute" int not null, "window_end_minute" int not null, "max_attempts" int not null, "attempt_window_seconds" int not null, "quiet_after_conversation_seconds" int not null, "callback_early_minutes" int not null, "callback_late_minutes" int not null, "updated_at" timestamptz(6) not null);`);
    this.addSql(`alter table "contact_profile" add constraint "contact_profile_code_unique" unique ("code");`);

    this.addSql(`create table "customer" ("id" serial primary key, "first_name" varchar(255) not null, "last_name" varchar(255) not null, "search_name" varchar(255) not null, "national_id" varchar(255) null, "time_zone" varchar(255) not null, "locatable" text check ("locatable" in ('LOCATABLE', 'UNLOCATABLE')) not null default 'LOCATABLE', "cease_communication" boolean not null default false, "attorney_represented" boolean not null default false, "bankrupt" boolean not null default false, "deceased" boolean not null default false, "review_required" boolean not null default false, "created_at" timestamptz(6) not null, "version" int not null default 1);`);
    this.addSql(`create index "customer_search_name_index" on "customer" ("search_name");`);
    this.addSql(`create index "customer_locatable_index" on "customer" ("locatable");`);

    this.addSql(`create table "contact_point" ("id" serial primary key, "customer_id" int not null, "kind" text check ("kind" in ('PHONE', 'EMAIL', 'ADDRESS')) not null, "value" varchar(255) not null, "phone_type" text check ("phone_type" in ('MOBILE', 'LANDLINE', 'WORK')) null, "city" varchar(255) null, "region" varchar(255) null, "postal_code" varchar(255) null, "country" varchar(2) null, "time_zone" varchar(255) null, "status" text check ("status" in ('UNVERIFIED', 'VERIFIED', 'INVALID')) not null default 'UNVERIFIED', "do_not_call" boolean not null default false, "dialer_consent" boolean not null default false, "source" varchar(255) not null, "verified_at" timestamptz(6) null, "created_at" timestamptz(6) not null);`);
    this.addSql(`create index "contact_point_customer_id_kind_status_index" on "contact_point" ("customer_id", "kind", "status");`);

    this.addSql(`create table "ledger_line" ("id" serial primary key, "import_batch" varchar(255) not null, "line_number" int not null, "reference" varchar(255) not null, "amount_minor" bigint not null, "currency" varchar(3) not null, "posted_on" varchar(10) not null, "imported_at" timestamptz(6) not null);`);
    this.addSql(`create index "ledger_line_posted_on_index" on "ledger_line" ("posted_on");`);
    this.addSql(`create index "ledger_line_reference_index" on "ledger_line" ("reference");`);
    this.addSql(`alter table "ledger_line" add constraint "ledger_line_import_batch_line_number_unique" unique ("import_batch", "line_number");`);

    this.addSql(`create table "portfolio" ("id" serial primary key, "code" varchar(255) not null, "name" varchar(255) not null, "contact_profile_id" int not null);`);
    this.addSql(`alter table "portfolio" add constraint "portfolio_code_unique" unique ("code");`);

    this.addSql(`create table "team" ("id" serial primary key, "name" varchar(255) not null, "supervisor_id" int null, "created_at" timestamptz(6) not null);`);
    this.addSql(`alter table "team" add constraint "team_name_unique" unique ("name");`);

    this.addSql(`create table "agent" ("id" serial primary key, "email" varchar(255) not null, "name" varchar(255) not null, "role" text check ("role" in ('AGENT', 'SUPERVISOR', 'MANAGER', 'ANALYST', 'ADMIN')) not null, "team_id" int null, "password_hash" varchar(255) not null, "active" boolean not null default true, "presence" text check ("presence" in ('OFFLINE', 'AVAILABLE', 'ON_CALL', 'WRAP_UP', 'PAUSED')) not null default 'OFFLINE', "pause_reason" text check ("pause_reason" in ('BREAK', 'LUNCH', 'COACHING', 'MEETING', 'TRAINING')) null, "created_at" timestamptz(6) not null);`);
    this.addSql(`alter table "agent" add constraint "agent_email_unique" unique ("email");`);
    this.addSql(`create index "agent_team_id_role_index" on "agent" ("team_id", "role");`);

    this.addSql(`create table "target" ("id" serial primary key, "scope" text check ("scope" in ('AGENT', 'TEAM', 'FLOOR')) not null, "scope_id" int not null, "kpi" text check ("kpi" in ('ATTEMPTS', 'CONTACTS', 'RIGHT_PARTY_CONTACTS', 'CONTACT_RATE', 'RPC_RATE', 'PROMISES', 'PROMISED_AMOUNT', 'PTP_RATE', 'PROMISES_KEPT', 'PROMISE_KEPT_RATE', 'COLLECTED_AMOUNT', 'TALK_SECONDS', 'HANDLE_SECONDS', 'AVERAGE_HANDLE_SECONDS', 'CONNECTED_SECONDS', 'OCCUPANCY', 'CALLS_PER_HOUR', 'COLLECTED_PER_HOUR')) not null, "period" text check ("period" in ('DAY', 'MONTH')) not null, "period_start" varchar(10) not null, "value" double precision not null, "set_by_id" int null, "updated_at" timestamptz(6) not null);`);
    this.addSql(`alter table "target" add constraint "target_scope_scope_id_kpi_period_period_start_unique" unique ("scope", "scope_id", "kpi", "period", "period_start");`);

    this.addSql(`create table "contact_point_change" ("id" serial primary key, "customer_id" int not null, "contact_point_id" int not null, "change" text check ("change" in ('ADDED', 'VERIFIED', 'INVALIDATED', 'UPDATED')) not null, "old_value" varchar(255) null, "new_value" varchar(255) null, "changed_by_id" int null, "source" varchar(255) not null, "reason" varchar(255) null, "at" timestamptz(6) not null);`);
    this.addSql(`create index "contact_point_change_customer_id_at_index" on "contact_point_change" ("customer_id", "at");`);

    this.addSql(`create table "bucket_goal" ("id" serial primary key, "month" varchar(7) not null, "bucket" text check ("bucket" in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, "metric" text check ("metric" in ('CURE_RATE', 'ROLL_RATE', 'COLLECTED_AMOUNT')) not null, "value" double precision not null, "set_by_id" int null, "created_at" timestamptz(6) not null);`);
    this.addSql(`alter table "bucket_goal" add constraint "bucket_goal_month_bucket_metric_unique" unique ("month", "bucket", "metric");`);

    this.addSql(`create table "api_key" ("id" serial primary key, "name" varchar(255) not null, "prefix" varchar(255) not null, "key_hash" varchar(255) not null, "role" text check ("role" in ('AGENT', 'SUPERVISOR', 'MANAGER', 'ANALYST', 'ADMIN')) not null default 'ANALYST', "created_by_id" int not null, "created_at" timestamptz(6) not null, "revoked_at" timestamptz(6) null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);

    this.addSql(`create table "agent_status_change" ("id" serial primary key, "agent_id" int not null, "status" text check ("status" in ('OFFLINE', 'AVAILABLE', 'ON_CALL', 'WRAP_UP', 'PAUSED')) not null, "pause_reason" text check ("pause_reason" in ('BREAK', 'LUNCH', 'COACHING', 'MEETING', 'TRAINING')) null, "at" timestamptz(6) not null);`);
    this.addSql(`create index "agent_status_change_agent_id_at_index" on "agent_status_change" ("agent_id", "at");`);

    this.addSql(`create table "account" ("id" serial primary key, "external_ref" varchar(255) not null, "customer_id" int not null, "product" text check ("product" in ('CREDIT_CARD', 'PERSONAL_LOAN', 'AUTO_LOAN', 'INSURANCE_PREMIUM', 'MORTGAGE', 'OVERDRAFT')) not null, "currency" varchar(3) not null, "balance_minor" bigint not null, "amount_due_minor" bigint not null, "written_off_minor" bigint not null default 0, "opening_balance_minor" bigint not null, "oldest_unpaid_due_date" varchar(10) null, "dpd" int not null default 0, "bucket" text check ("bucket" in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null default 'CURRENT', "status" text check ("status" in ('ACTIVE', 'IN_ARRANGEMENT', 'DISPUTED', 'ROUTED', 'LEGAL', 'WRITTEN_OFF', 'PAID_OFF', 'CLOSED')) not null default 'ACTIVE', "assigned_agent_id" int null, "team_id" int null, "portfolio_id" int not null, "propensity_score" double precision not null default 0.5, "last_call_id" int null, "opened_on" varchar(10) not null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, "version" int not null default 1);`);
    this.addSql(`alter table "account" add constraint "account_external_ref_unique" unique ("external_ref");`);
    this.addSql(`create index "account_currency_index" on "account" ("currency");`);
    this.addSql(`create index "account_product_index" on "account" ("product");`);
    this.addSql(`create index "account_status_index" on "account" ("status");`);
    this.addSql(`create index "account_updated_at_id_index" on "account" ("updated_at", "id");`);
    this.addSql(`create index "account_balance_minor_id_index" on "account" ("balance_minor", "id");`);
    this.addSql(`create index "account_dpd_id_index" on "account" ("dpd", "id");`);
    this.addSql(`create index "account_bucket_balance_minor_index" on "account" ("bucket", "balance_minor");`);
    this.addSql(`create index "account_team_id_dpd_id_index" on "account" ("team_id", "dpd", "id");`);
    this.addSql(`create index "account_team_id_bucket_index" on "account" ("team_id", "bucket");`);
    this.addSql(`create index "account_assigned_agent_id_dpd_id_index" on "account" ("assigned_agent_id", "dpd", "id");`);
    this.addSql(`create index "account_assigned_agent_id_bucket_index" on "account" ("assigned_agent_id", "bucket");`);

    this.addSql(`create table "dispute" ("id" serial primary key, "account_id" int not null, "kind" text check ("kind" in ('DISPUTE', 'PAYMENT_INVESTIGATION')) not null default 'DISPUTE', "channel" text check ("channel" in ('PHONE', 'EMAIL', 'LETTER', 'WEB', 'BRANCH')) not null, "reason" varchar(255) not null, "status" text check ("status" in ('OPEN', 'VALID', 'NOT_VALID')) not null default 'OPEN', "resolution_note" text null, "opened_by_id" int not null, "opened_at" timestamptz(6) not null, "adjustment_minor" bigint null, "resolved_by_id" int null, "resolved_at" timestamptz(6) null);`);
    this.addSql(`create index "dispute_account_id_status_index" on "dispute" ("account_id", "status");`);

    this.addSql(`create table "call" ("id" serial primary key, "account_id" int not null, "agent_id" int not null, "team_id" int null, "direction" text check ("direction" in ('OUTBOUND', 'INBOUND')) not null, "phone_id" int null, "phone_number" varchar(255) not null, "started_at" timestamptz(6) not null, "answered_at" timestamptz(6) null, "ended_at" timestamptz(6) not null, "talk_seconds" int not null, "wrap_seconds" int not null, "disposition" text check ("disposition" in ('PROMISE_TO_PAY', 'PAYMENT_TAKEN', 'PAYMENT_PLAN', 'REFUSED_TO_PAY', 'HARDSHIP', 'DISPUTE', 'CALLBACK_REQUESTED', 'ROUTED', 'ALREADY_PAID', 'CEASE_REQUEST', 'THIRD_PARTY_MESSAGE', 'THIRD_PARTY_NO_MESSAGE', 'WRONG_NUMBER', 'DECEASED', 'BANKRUPTCY', 'ATTORNEY_REPRESENTED', 'NO_ANSWER', 'BUSY', 'ANSWERING_MACHINE_MESSAGE', 'ANSWERING_MACHINE_NO_MESSAGE', 'DISCONNECTED_NUMBER', 'DROPPED')) not null, "reason_code" varchar(255) null, "notes" text null, "script_version" varchar(255) null, "callback_at" timestamptz(6) null, "created_at" timestamptz(6) not null);`);
    this.addSql(`create index "call_disposition_started_at_index" on "call" ("disposition", "started_at");`);
    this.addSql(`create index "call_team_id_started_at_index" on "call" ("team_id", "started_at");`);
    this.addSql(`create index "call_started_at_index" on "call" ("started_at");`);
    this.addSql(`create index "call_agent_id_started_at_index" on "call" ("agent_id", "started_at");`);
    this.addSql(`create index "call_account_id_started_at_index" on "call" ("account_id", "started_at");`);

    this.addSql(`create table "referral" ("id" serial primary key, "account_id" int not null, "call_id" int null, "queue" text check ("queue" in ('CUSTOMER_SERVICE', 'RETENTION', 'PHONE_BANKING', 'REMEDIAL', 'SUPERVISOR', 'LEGAL', 'OUTSIDE_AGENCY')) not null, "reason" varchar(255) not null, "status" text check ("status" in ('OPEN', 'ACCEPTED', 'RESOLVED', 'RETURNED')) not null default 'OPEN', "created_by_id" int not null, "created_at" timestamptz(6) not null, "handled_by_id" int null, "accepted_at" timestamptz(6) null, "closed_at" timestamptz(6) null, "resolution" varchar(255) null);`);
    this.addSql(`create index "referral_queue_status_index" on "referral" ("queue", "status");`);
    this.addSql(`create index "referral_account_id_status_index" on "referral" ("account_id", "status");`);

    this.addSql(`create table "promise_to_pay" ("id" serial primary key, "account_id" int not null, "agent_id" int not null, "call_id" int null, "amount_minor" bigint not null, "currency" varchar(3) not null, "paid_minor" bigint not null default 0, "due_date" varchar(10) not null, "grace_ends_on" varchar(10) not null, "status" text check ("status" in ('PENDING_APPROVAL', 'PENDING', 'KEPT', 'PARTIALLY_KEPT', 'BROKEN', 'CANCELLED')) not null, "decided_by_id" int null, "status_reason" varchar(255) null, "settled_at" timestamptz(6) null, "created_at" timestamptz(6) not null, "version" int not null default 1);`);
    this.addSql(`create index "promise_to_pay_agent_id_created_at_index" on "promise_to_pay" ("agent_id", "created_at");`);
    this.addSql(`create index "promise_to_pay_status_grace_ends_on_index" on "promise_to_pay" ("status", "grace_ends_on");`);
    this.addSql(`create index "promise_to_pay_account_id_status_index" on "promise_to_pay" ("account_id", "status");`);

    this.addSql(`create table "payment_plan" ("id" serial primary key, "account_id" int not null, "agent_id" int not null, "call_id" int null, "total_minor" bigint not null, "currency" varchar(3) not null, "balance_at_proposal_minor" bigint not null, "status" text check ("status" in ('PROPOSED', 'PENDING_APPROVAL', 'ACTIVE', 'COMPLETED', 'BROKEN', 'CANCELLED')) not null, "decided_by_id" int null, "status_reason" varchar(255) null, "created_at" timestamptz(6) not null, "version" int not null default 1);`);
    this.addSql(`comment on column "payment_plan"."balance_at_proposal_minor" is 'Balance when proposed; total below it is a settlement discount.';`);
    this.addSql(`create index "payment_plan_account_id_status_index" on "payment_plan" ("account_id", "status");`);

    this.addSql(`create table "instalment" ("id" serial primary key, "plan_id" int not null, "sequence" int not null, "due_date" varchar(10) not null, "amount_minor" bigint not null, "paid_minor" bigint not null default 0, "currency" varchar(3) not null, "status" text check ("status" in ('PENDING', 'PARTIALLY_PAID', 'PAID', 'MISSED')) not null default 'PENDING');`);
    this.addSql(`create index "instalment_status_due_date_index" on "instalment" ("status", "due_date");`);
    this.addSql(`create index "instalment_plan_id_sequence_index" on "instalment" ("plan_id", "sequence");`);

    this.addSql(`create table "payment" ("id" serial primary key, "account_id" int not null, "agent_id" int null, "call_id" int null, "amount_minor" bigint not null, "currency" varchar(3) not null, "method" text check ("method" in ('CARD_TERMINAL', 'ONLINE', 'BANK_TRANSFER', 'CASH', 'CHECK')) not null, "external_reference" varchar(255) null, "idempotency_key" varchar(255) not null, "card_last4" varchar(4) null, "status" text check ("status" in ('POSTED', 'REVERSED')) not null default 'POSTED', "received_at" timestamptz(6) not null, "reversed_at" timestamptz(6) null, "reversal_reason" varchar(255) null, "created_at" timestamptz(6) not null);`);
    this.addSql(`alter table "payment" add constraint "payment_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "payment_external_reference_index" on "payment" ("external_reference");`);
    this.addSql(`create index "payment_received_at_index" on "payment" ("received_at");`);
    this.addSql(`create index "payment_account_id_received_at_index" on "payment" ("account_id", "received_at");`);

    this.addSql(`create table "bucket_snapshot" ("id" serial primary key, "taken_on" varchar(10) not null, "account_id" int not null, "bucket" text check ("bucket" in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, "dpd" int not null, "balance_minor" bigint not null);`);
    this.addSql(`create index "bucket_snapshot_taken_on_bucket_index" on "bucket_snapshot" ("taken_on", "bucket");`);
    this.addSql(`alter table "bucket_snapshot" add constraint "bucket_snapshot_taken_on_account_id_unique" unique ("taken_on", "account_id");`);

    this.addSql(`create table "account_lease" ("id" serial primary key, "account_id" int not null, "agent_id" int not null, "leased_at" timestamptz(6) not null, "expires_at" timestamptz(6) not null);`);
    this.addSql(`alter table "account_lease" add constraint "account_lease_account_id_unique" unique ("account_id");`);
    this.addSql(`create index "account_lease_agent_id_index" on "account_lease" ("agent_id");`);

    this.addSql(`create table "account_due" ("id" serial primary key, "account_id" int not null, "due_date" varchar(10) not null, "amount_minor" bigint not null, "paid_minor" bigint not null default 0, "currency" varchar(3) not null);`);
    this.addSql(`create index "account_due_account_id_due_date_index" on "account_due" ("account_id", "due_date");`);

    this.addSql(`create table "payment_allocation" ("id" serial primary key, "payment_id" int not null, "target" text check ("target" in ('DUE', 'PROMISE', 'INSTALMENT')) not null, "due_id" int null, "promise_id" int null, "instalment_id" int null, "amount_minor" bigint not null);`);
    this.addSql(`create index "payment_allocation_payment_id_index" on "payment_allocation" ("payment_id");`);

    this.addSql(`create table "treatment_strategy" ("id" serial primary key, "bucket" text check ("bucket" in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, "priority" int not null, "max_discount" double precision not null, "max_instalments" int not null, "updated_by_id" int null, "updated_at" timestamptz(6) not null);`);
    this.addSql(`alter table "treatment_strategy" add constraint "treatment_strategy_bucket_unique" unique ("bucket");`);

    this.addSql(`create table "write_off" ("id" serial primary key, "account_id" int not null, "amount_minor" bigint not null, "currency" varchar(3) not null, "reason" varchar(255) not null, "status" text check ("status" in ('REQUESTED', 'APPROVED', 'REJECTED')) not null default 'REQUESTED', "requested_by_id" int not null, "requested_at" timestamptz(6) not null, "decided_by_id" int null, "decided_at" timestamptz(6) null, "decision_note" varchar(255) null);`);
    this.addSql(`create index "write_off_account_id_status_index" on "write_off" ("account_id", "status");`);

    this.addSql(`alter table "contact_point" add constraint "contact_point_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);

    this.addSql(`alter table "portfolio" add constraint "portfolio_contact_profile_id_foreign" foreign key ("contact_profile_id") references "contact_profile" ("id") on update cascade;`);

    this.addSql(`alter table "team" add constraint "team_supervisor_id_foreign" foreign key ("supervisor_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "agent" add constraint "agent_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "target" add constraint "target_set_by_id_foreign" foreign key ("set_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "contact_point_change" add constraint "contact_point_change_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "contact_point_change" add constraint "contact_point_change_contact_point_id_foreign" foreign key ("contact_point_id") references "contact_point" ("id") on update cascade;`);
    this.addSql(`alter table "contact_point_change" add constraint "contact_point_change_changed_by_id_foreign" foreign key ("changed_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "bucket_goal" add constraint "bucket_goal_set_by_id_foreign" foreign key ("set_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "agent" ("id") on update cascade;`);

    this.addSql(`alter table "agent_status_change" add constraint "agent_status_change_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade;`);

    this.addSql(`alter table "account" add constraint "account_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "account" add constraint "account_assigned_agent_id_foreign" foreign key ("assigned_agent_id") references "agent" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "account" add constraint "account_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "account" add constraint "account_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolio" ("id") on update cascade;`);
    this.addSql(`alter table "account" add constraint "account_last_call_id_foreign" foreign key ("last_call_id") references "call" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "dispute" add constraint "dispute_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "dispute" add constraint "dispute_opened_by_id_foreign" foreign key ("opened_by_id") references "agent" ("id") on update cascade;`);
    this.addSql(`alter table "dispute" add constraint "dispute_resolved_by_id_foreign" foreign key ("resolved_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "call" add constraint "call_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "call" add constraint "call_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade;`);
    this.addSql(`alter table "call" add constraint "call_phone_id_foreign" foreign key ("phone_id") references "contact_point" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "referral" add constraint "referral_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "referral" add constraint "referral_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "referral" add constraint "referral_created_by_id_foreign" foreign key ("created_by_id") references "agent" ("id") on update cascade;`);
    this.addSql(`alter table "referral" add constraint "referral_handled_by_id_foreign" foreign key ("handled_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "promise_to_pay" add constraint "promise_to_pay_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "promise_to_pay" add constraint "promise_to_pay_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade;`);
    this.addSql(`alter table "promise_to_pay" add constraint "promise_to_pay_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "promise_to_pay" add constraint "promise_to_pay_decided_by_id_foreign" foreign key ("decided_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "payment_plan" add constraint "payment_plan_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "payment_plan" add constraint "payment_plan_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade;`);
    this.addSql(`alter table "payment_plan" add constraint "payment_plan_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "payment_plan" add constraint "payment_plan_decided_by_id_foreign" foreign key ("decided_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "instalment" add constraint "instalment_plan_id_foreign" foreign key ("plan_id") references "payment_plan" ("id") on update cascade;`);

    this.addSql(`alter table "payment" add constraint "payment_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "payment" add constraint "payment_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "payment" add constraint "payment_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "bucket_snapshot" add constraint "bucket_snapshot_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);

    this.addSql(`alter table "account_lease" add constraint "account_lease_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "account_lease" add constraint "account_lease_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade;`);

    this.addSql(`alter table "account_due" add constraint "account_due_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);

    this.addSql(`alter table "payment_allocation" add constraint "payment_allocation_payment_id_foreign" foreign key ("payment_id") references "payment" ("id") on update cascade;`);
    this.addSql(`alter table "payment_allocation" add constraint "payment_allocation_due_id_foreign" foreign key ("due_id") references "account_due" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "payment_allocation" add constraint "payment_allocation_promise_id_foreign" foreign key ("promise_id") references "promise_to_pay" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "payment_allocation" add constraint "payment_allocation_instalment_id_foreign" foreign key ("instalment_id") references "instalment" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "treatment_strategy" add constraint "treatment_strategy_updated_by_id_foreign" foreign key ("updated_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "write_off" add constraint "write_off_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "write_off" add constraint "write_off_requested_by_id_foreign" foreign key ("requested_by_id") references "agent" ("id") on update cascade;`);
    this.addSql(`alter table "write_off" add constraint "write_off_decided_by_id_foreign" foreign key ("decided_by_id") references "agent" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "portfolio" drop constraint "portfolio_contact_profile_id_foreign";`);

    this.addSql(`alter table "contact_point" drop constraint "contact_point_customer_id_foreign";`);

    this.addSql(`alter table "contact_point_change" drop constraint "contact_point_change_customer_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_customer_id_foreign";`);

    this.addSql(`alter table "contact_point_change" drop constraint "contact_point_change_contact_point_id_foreign";`);

    this.addSql(`alter table "call" drop constraint "call_phone_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_portfolio_id_foreign";`);

    this.addSql(`alter table "agent" drop constraint "agent_team_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_team_id_foreign";`);

    this.addSql(`alter table "team" drop constraint "team_supervisor_id_foreign";`);

    this.addSql(`alter table "target" drop constraint "target_set_by_id_foreign";`);

    this.addSql(`alter table "contact_point_change" drop constraint "contact_point_change_changed_by_id_foreign";`);

    this.addSql(`alter table "bucket_goal" drop constraint "bucket_goal_set_by_id_foreign";`);

    this.addSql(`alter table "api_key" drop constraint "api_key_created_by_id_foreign";`);

    this.addSql(`alter table "agent_status_change" drop constraint "agent_status_change_agent_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_assigned_agent_id_foreign";`);

    this.addSql(`alter table "dispute" drop constraint "dispute_opened_by_id_foreign";`);

    this.addSql(`alter table "dispute" drop constraint "dispute_resolved_by_id_foreign";`);

    this.addSql(`alter table "call" drop constraint "call_agent_id_foreign";`);

    this.addSql(`alter table "referral" drop constraint "referral_created_by_id_foreign";`);

    this.addSql(`alter table "referral" drop constraint "referral_handled_by_id_foreign";`);

    this.addSql(`alter table "promise_to_pay" drop constraint "promise_to_pay_agent_id_foreign";`);

    this.addSql(`alter table "promise_to_pay" drop constraint "promise_to_pay_decided_by_id_foreign";`);

    this.addSql(`alter table "payment_plan" drop constraint "payment_plan_agent_id_foreign";`);

    this.addSql(`alter table "payment_plan" drop constraint "payment_plan_decided_by_id_foreign";`);

    this.addSql(`alter table "payment" drop constraint "payment_agent_id_foreign";`);

    this.addSql(`alter table "account_lease" drop constraint "account_lease_agent_id_foreign";`);

    this.addSql(`alter table "treatment_strategy" drop constraint "treatment_strategy_updated_by_id_foreign";`);

    this.addSql(`alter table "write_off" drop constraint "write_off_requested_by_id_foreign";`);

    this.addSql(`alter table "write_off" drop constraint "write_off_decided_by_id_foreign";`);

    this.addSql(`alter table "dispute" drop constraint "dispute_account_id_foreign";`);

    this.addSql(`alter table "call" drop constraint "call_account_id_foreign";`);

    this.addSql(`alter table "referral" drop constraint "referral_account_id_foreign";`);

    this.addSql(`alter table "promise_to_pay" drop constraint "promise_to_pay_account_id_foreign";`);

    this.addSql(`alter table "payment_plan" drop constraint "payment_plan_account_id_foreign";`);

    this.addSql(`alter table "payment" drop constraint "payment_account_id_foreign";`);

    this.addSql(`alter table "bucket_snapshot" drop constraint "bucket_snapshot_account_id_foreign";`);

    this.addSql(`alter table "account_lease" drop constraint "account_lease_account_id_foreign";`);

    this.addSql(`alter table "account_due" drop constraint "account_due_account_id_foreign";`);

    this.addSql(`alter table "write_off" drop constraint "write_off_account_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_last_call_id_foreign";`);

    this.addSql(`alter table "referral" drop constraint "referral_call_id_foreign";`);

    this.addSql(`alter table "promise_to_pay" drop constraint "promise_to_pay_call_id_foreign";`);

    this.addSql(`alter table "payment_plan" drop constraint "payment_plan_call_id_foreign";`);

    this.addSql(`alter table "payment" drop constraint "payment_call_id_foreign";`);

    this.addSql(`alter table "payment_allocation" drop constraint "payment_allocation_promise_id_foreign";`);

    this.addSql(`alter table "instalment" drop constraint "instalment_plan_id_foreign";`);

    this.addSql(`alter table "payment_allocation" drop constraint "payment_allocation_instalment_id_foreign";`);

    this.addSql(`alter table "payment_allocation" drop constraint "payment_allocation_payment_id_foreign";`);

    this.addSql(`alter table "payment_allocation" drop constraint "payment_allocation_due_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "business_day" cascade;`);

    this.addSql(`drop table if exists "contact_profile" cascade;`);

    this.addSql(`drop table if exists "customer" cascade;`);

    this.addSql(`drop table if exists "contact_point" cascade;`);

    this.addSql(`drop table if exists "ledger_line" cascade;`);

    this.addSql(`drop table if exists "portfolio" cascade;`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "agent" cascade;`);

    this.addSql(`drop table if exists "target" cascade;`);

    this.addSql(`drop table if exists "contact_point_change" cascade;`);

    this.addSql(`drop table if exists "bucket_goal" cascade;`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "agent_status_change" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "dispute" cascade;`);

    this.addSql(`drop table if exists "call" cascade;`);

    this.addSql(`drop table if exists "referral" cascade;`);

    this.addSql(`drop table if exists "promise_to_pay" cascade;`);

    this.addSql(`drop table if exists "payment_plan" cascade;`);

    this.addSql(`drop table if exists "instalment" cascade;`);

    this.addSql(`drop table if exists "payment" cascade;`);

    this.addSql(`drop table if exists "bucket_snapshot" cascade;`);

    this.addSql(`drop table if exists "account_lease" cascade;`);

    this.addSql(`drop table if exists "account_due" cascade;`);

    this.addSql(`drop table if exists "payment_allocation" cascade;`);

    this.addSql(`drop table if exists "treatment_strategy" cascade;`);

    this.addSql(`drop table if exists "write_off" cascade;`);
  }

}
