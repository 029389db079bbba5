import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082612 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_event\` (\`id\` integer not null primary key autoincrement, \`actor_agent_id\` integer null, \`actor_api_key_id\` integer null, \`actor_role\` text not null, \`action\` text not null, \`entity_type\` text not null, \`entity_id\` integer not null, \`before\` json null, \`after\` json null, \`request_id\` text null, \`at\` datetime not null);`);
    this.addSql(`create index \`audit_event_at_index\` on \`audit_event\` (\`at\`);`);
    this.addSql(`create index \`audit_event_entity_type_entity_id_at_index\` on \`audit_event\` (\`entity_type\`, \`entity_id\`, \`at\`);`);

    this.addSql(`create table \`business_day\` (\`id\` integer not null primary key autoincrement, \`date\` text not null, \`ran_at\` datetime not null, \`summary\` json not null);`);
    this.addSql(`create unique index \`business_day_date_unique\` on \`business_day\` (\`date\`);`);

    this.addSql(`create table \`contact_profile\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`window_start_minute\` integer not null, \`window_end_minute\` integer not null, \`max_attempts\` integer not null, \`attempt_window_seconds\` integer not null, \`quiet_after_conversation_seconds\` integer not null, \`callback_early_minutes\` integer not null, \`callback_late_minutes\` integer not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`contact_profile_code_unique\` on \`contact_profile\` (\`code\`);`);

    this.addSql(`create table \`customer\` (\`id\` integer not null primary key autoincrement, \`first_name\` text not null, \`last_name\` text not null, \`search_name\` text not null, \`national_id\` text null, \`time_zone\` text not null, \`locatable\` text check (\`locatable\` in ('LOCATABLE', 'UNLOCATABLE')) not null default 'LOCATABLE', \`cease_communication\` integer not null default false, \`attorney_represented\` integer not null default false, \`bankrupt\` integer not null default false, \`deceased\` integer not null default false, \`review_required\` integer not null default false, \`created_at\` datetime not null, \`version\` integer not null default 1);`);
    this.addSql(`create index \`customer_search_name_index\` on \`customer\` (\`search_name\`);`);
    this.addSql(`create index \`customer_locatable_index\` on \`customer\` (\`locatable\`);`);

    this.addSql(`create table \`contact_point\` (\`id\` integer not null primary key autoincrement, \`customer_id\` integer not null, \`kind\` text check (\`kind\` in ('PHONE', 'EMAIL', 'ADDRESS')) not null, \`value\` text not null, \`phone_type\` text check (\`phone_type\` in ('MOBILE', 'LANDLINE', 'WORK')) null, \`city\` text null, \`region\` text null, \`postal_code\` text null, \`country\` text null, \`time_zone\` text null, \`status\` text check (\`status\` in ('UNVERIFIED', 'VERIFIED', 'INVALID')) not null default 'UNVERIFIED', \`do_not_call\` integer not null default false, \`dialer_consent\` integer not null default false, \`source\` text not null, \`verified_at\` datetime null, \`created_at\` datetime not null, constraint \`contact_point_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`contact_point_customer_id_index\` on \`contact_point\` (\`customer_id\`);`);
    this.addSql(`create index \`contact_point_customer_id_kind_status_index\` on \`contact_point\` (\`customer_id\`, \`kind\`, \`status\`);`);

    this.addSql(`create table \`ledger_line\` (\`id\` integer not null primary key autoincrement, \`import_batch\` text not null, \`line_number\` integer not null, \`reference\` text not null, \`amount_minor\` bigint not null, \`currency\` text not null, \`posted_on\` text not null, \`imported_at\` datetime not null);`);
    this.addSql(`create index \`ledger_line_posted_on_index\` on \`ledger_line\` (\`posted_on\`);`);
    this.addSql(`create index \`ledger_line_reference_index\` on \`ledger_line\` (\`reference\`);`);
    this.addSql(`create unique index \`ledger_line_import_batch_line_number_unique\` on \`ledger_line\` (\`import_batch\`, \`line_number\`);`);

    this.addSql(`create table \`portfolio\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`contact_profile_id\` integer not null, constraint \`portfolio_contact_profile_id_foreign\` foreign key(\`contact_profile_id\`) references \`contact_profile\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`portfolio_code_unique\` on \`portfolio\` (\`code\`);`);
    this.addSql(`create index \`portfolio_contact_profile_id_index\` on \`portfolio\` (\`contact_profile_id\`);`);

    this.addSql(`create table \`team\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`supervisor_id\` integer null, \`created_at\` datetime not null, constraint \`team_supervisor_id_foreign\` foreign key(\`supervisor_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`team_name_unique\` on \`team\` (\`name\`);`);
    this.addSql(`create index \`team_supervisor_id_index\` on \`team\` (\`supervisor_id\`);`);

    this.addSql(`create table \`agent\` (\`id\` integer not null primary key autoincrement, \`email\` text not null, \`name\` text not null, \`role\` text check (\`role\` in ('AGENT', 'SUPERVISOR', 'MANAGER', 'ANALYST', 'ADMIN')) not null, \`team_id\` integer null, \`password_hash\` text not null, \`active\` integer not null default true, \`presence\` text check (\`presence\` in ('OFFLINE', 'AVAILABLE', 'ON_CALL', 'WRAP_UP', 'PAUSED')) not null default 'OFFLINE', \`pause_reason\` text check (\`pause_reason\` in ('BREAK', 'LUNCH', 'COACHING', 'MEETING', 'TRAINING')) null, \`created_at\` datetime not null, constraint \`agent_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`agent_email_unique\` on \`agent\` (\`email\`);`);
    this.addSql(`create index \`agent_team_id_index\` on \`agent\` (\`team_id\`);`);
    this.addSql(`create index \`agent_team_id_role_index\` on \`agent\` (\`team_id\`, \`role\`);`);

    this.addSql(`create table \`target\` (\`id\` integer not null primary key autoincrement, \`scope\` text check (\`scope\` in ('AGENT', 'TEAM', 'FLOOR')) not null, \`scope_id\` integer not null, \`kpi\` text check (\`kpi\` in ('ATTEMPTS', 'CONTACTS', 'RIGHT_PARTY_CONTACTS', 'CONTACT_RATE', 'RPC_RATE', 'PROMISES', 'PROMISED_AMOUNT', 'PTP_RATE', 'PROMISES_KEPT', 'PROMISE_KEPT_RATE', 'COLLECTED_AMOUNT', 'TALK_SECONDS', 'HANDLE_SECONDS', 'AVERAGE_HANDLE_SECONDS', 'CONNECTED_SECONDS', 'OCCUPANCY', 'CALLS_PER_HOUR', 'COLLECTED_PER_HOUR')) not null, \`period\` text check (\`period\` in ('DAY', 'MONTH')) not null, \`period_start\` text not null, \`value\` double not null, \`set_by_id\` integer null, \`updated_at\` datetime not null, constraint \`target_set_by_id_foreign\` foreign key(\`set_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`target_set_by_id_index\` on \`target\` (\`set_by_id\`);`);
    this.addSql(`create unique index \`target_scope_scope_id_kpi_period_period_start_unique\` on \`target\` (\`scope\`, \`scope_id\`, \`kpi\`, \`period\`, \`period_start\`);`);

    this.addSql(`create table \`contact_point_change\` (\`id\` integer not null primary key autoincrement, \`customer_id\` integer not null, \`contact_point_id\` integer not null, \`change\` text check (\`change\` in ('ADDED', 'VERIFIED', 'INVALIDATED', 'UPDATED')) not null, \`old_value\` text null, \`new_value\` text null, \`changed_by_id\` integer null, \`source\` text not null, \`reason\` text null, \`at\` datetime not null, constraint \`contact_point_change_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on update cascade, constraint \`contact_point_change_contact_point_id_foreign\` foreign key(\`contact_point_id\`) references \`contact_point\`(\`id\`) on update cascade, constraint \`contact_point_change_changed_by_id_foreign\` foreign key(\`changed_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`contact_point_change_customer_id_index\` on \`contact_point_change\` (\`customer_id\`);`);
    this.addSql(`create index \`contact_point_change_contact_point_id_index\` on \`contact_point_change\` (\`contact_point_id\`);`);
    this.addSql(`create index \`contact_point_change_changed_by_id_index\` on \`contact_point_change\` (\`changed_by_id\`);`);
    this.addSql(`create index \`contact_point_change_customer_id_at_index\` on \`contact_point_change\` (\`customer_id\`, \`at\`);`);

    this.addSql(`create table \`bucket_goal\` (\`id\` integer not null primary key autoincrement, \`month\` text not null, \`bucket\` text check (\`bucket\` in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, \`metric\` text check (\`metric\` in ('CURE_RATE', 'ROLL_RATE', 'COLLECTED_AMOUNT')) not null, \`value\` double not null, \`set_by_id\` integer null, \`created_at\` datetime not null, constraint \`bucket_goal_set_by_id_foreign\` foreign key(\`set_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`bucket_goal_set_by_id_index\` on \`bucket_goal\` (\`set_by_id\`);`);
    this.addSql(`create unique index \`bucket_goal_month_bucket_metric_unique\` on \`bucket_goal\` (\`month\`, \`bucket\`, \`metric\`);`);

    this.addSql(`create table \`api_key\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`prefix\` text not null, \`key_hash\` text not null, \`role\` text check (\`role\` in ('AGENT', 'SUPERVISOR', 'MANAGER', 'ANALYST', 'ADMIN')) not null default 'ANALYST', \`created_by_id\` integer not null, \`created_at\` datetime not null, \`revoked_at\` datetime null, constraint \`api_key_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`agent\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`api_key_key_hash_unique\` on \`api_key\` (\`key_hash\`);`);
    this.addSql(`create index \`api_key_created_by_id_index\` on \`api_key\` (\`created_by_id\`);`);

    this.addSql(`create table \`agent_status_change\` (\`id\` integer not null primary key autoincrement, \`agent_id\` integer not null, \`status\` text check (\`status\` in ('OFFLINE', 'AVAILABLE', 'ON_CALL', 'WRAP_UP', 'PAUSED')) not null, \`pause_reason\` text check (\`pause_reason\` in ('BREAK', 'LUNCH', 'COACHING', 'MEETING', 'TRAINING')) null, \`at\` datetime not null, constraint \`agent_status_change_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`agent_status_change_agent_id_index\` on \`agent_status_change\` (\`agent_id\`);`);
    this.addSql(`create index \`agent_status_change_agent_id_at_index\` on \`agent_status_change\` (\`agent_id\`, \`at\`);`);

    this.addSql(`create table \`account\` (\`id\` integer not null primary key autoincrement, \`external_ref\` text not null, \`customer_id\` integer not null, \`product\` text check (\`product\` in ('CREDIT_CARD', 'PERSONAL_LOAN', 'AUTO_LOAN', 'INSURANCE_PREMIUM', 'MORTGAGE', 'OVERDRAFT')) not null, \`currency\` text not null, \`balance_minor\` bigint not null, \`amount_due_minor\` bigint not null, \`written_off_minor\` bigint not null default 0, \`opening_balance_minor\` bigint not null, \`oldest_unpaid_due_date\` text null, \`dpd\` integer not null default 0, \`bucket\` text check (\`bucket\` in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null default 'CURRENT', \`status\` text check (\`status\` in ('ACTIVE', 'IN_ARRANGEMENT', 'DISPUTED', 'ROUTED', 'LEGAL', 'WRITTEN_OFF', 'PAID_OFF', 'CLOSED')) not null default 'ACTIVE', \`assigned_agent_id\` integer null, \`team_id\` integer null, \`portfolio_id\` integer not null, \`propensity_score\` double not null default 0.5, \`last_call_id\` integer null, \`opened_on\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`account_customer_id_foreign\` foreign key(\`customer_id\`) references \`customer\`(\`id\`) on update cascade, constraint \`account_assigned_agent_id_foreign\` foreign key(\`assigned_agent_id\`) references \`agent\`(\`id\`) on delete set null on update cascade, constraint \`account_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete set null on update cascade, constraint \`account_portfolio_id_foreign\` foreign key(\`portfolio_id\`) references \`portfolio\`(\`id\`) on update cascade, constraint \`account_last_call_id_foreign\` foreign key(\`last_call_id\`) references \`call\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`account_external_ref_unique\` on \`account\` (\`external_ref\`);`);
    this.addSql(`create index \`account_customer_id_index\` on \`account\` (\`customer_id\`);`);
    this.addSql(`create index \`account_assigned_agent_id_index\` on \`account\` (\`assigned_agent_id\`);`);
    this.addSql(`create index \`account_team_id_index\` on \`account\` (\`team_id\`);`);
    this.addSql(`create index \`account_portfolio_id_index\` on \`account\` (\`portfolio_id\`);`);
    this.addSql(`create index \`account_last_call_id_index\` on \`account\` (\`last_call_id\`);`);
    this.addSql(`create index \`account_currency_index\` on \`account\` (\`currency\`);`);
    this.addSql(`create index \`account_product_index\` on \`account\` (\`product\`);`);
    this.addSql(`create index \`account_status_index\` on \`account\` (\`status\`);`);
    this.addSql(`create index \`account_updated_at_id_index\` on \`account\` (\`updated_at\`, \`id\`);`);
    this.addSql(`create index \`account_balance_minor_id_index\` on \`account\` (\`balance_minor\`, \`id\`);`);
    this.addSql(`create index \`account_dpd_id_index\` on \`account\` (\`dpd\`, \`id\`);`);
    this.addSql(`create index \`account_bucket_balance_minor_index\` on \`account\` (\`bucket\`, \`balance_minor\`);`);
    this.addSql(`create index \`account_team_id_dpd_id_index\` on \`account\` (\`team_id\`, \`dpd\`, \`id\`);`);
    this.addSql(`create index \`account_team_id_bucket_index\` on \`account\` (\`team_id\`, \`bucket\`);`);
    this.addSql(`create index \`account_assigned_agent_id_dpd_id_index\` on \`account\` (\`assigned_agent_id\`, \`dpd\`, \`id\`);`);
    this.addSql(`create index \`account_assigned_agent_id_bucket_index\` on \`account\` (\`assigned_agent_id\`, \`bucket\`);`);

    this.addSql(`create table \`dispute\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`kind\` text check (\`kind\` in ('DISPUTE', 'PAYMENT_INVESTIGATION')) not null default 'DISPUTE', \`channel\` text check (\`channel\` in ('PHONE', 'EMAIL', 'LETTER', 'WEB', 'BRANCH')) not null, \`reason\` text not null, \`status\` text check (\`status\` in ('OPEN', 'VALID', 'NOT_VALID')) not null default 'OPEN', \`resolution_note\` text null, \`opened_by_id\` integer not null, \`opened_at\` datetime not null, \`adjustment_minor\` bigint null, \`resolved_by_id\` integer null, \`resolved_at\` datetime null, constraint \`dispute_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`dispute_opened_by_id_foreign\` foreign key(\`opened_by_id\`) references \`agent\`(\`id\`) on update cascade, constraint \`dispute_resolved_by_id_foreign\` foreign key(\`resolved_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`dispute_account_id_index\` on \`dispute\` (\`account_id\`);`);
    this.addSql(`create index \`dispute_opened_by_id_index\` on \`dispute\` (\`opened_by_id\`);`);
    this.addSql(`create index \`dispute_resolved_by_id_index\` on \`dispute\` (\`resolved_by_id\`);`);
    this.addSql(`create index \`dispute_account_id_status_index\` on \`dispute\` (\`account_id\`, \`status\`);`);

    this.addSql(`create table \`call\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`agent_id\` integer not null, \`team_id\` integer null, \`direction\` text check (\`direction\` in ('OUTBOUND', 'INBOUND')) not null, \`phone_id\` integer null, \`phone_number\` text not null, \`started_at\` datetime not null, \`answered_at\` datetime null, \`ended_at\` datetime not null, \`talk_seconds\` integer not null, \`wrap_seconds\` integer not null, \`disposition\` text check (\`disposition\` in ('PROMISE_TO_PAY', 'PAYMENT_TAKEN', 'PAYMENT_PLAN', 'REFUSED_TO_PAY', 'HARDSHIP', 'DISPUTE', 'CALLBACK_REQUESTED', 'ROUTED', 'ALREADY_PAID', 'CEASE_REQUEST', 'THIRD_PARTY_MESSAGE', 'THIRD_PARTY_NO_MESSAGE', 'WRONG_NUMBER', 'DECEASED', 'BANKRUPTCY', 'ATTORNEY_REPRESENTED', 'NO_ANSWER', 'BUSY', 'ANSWERING_MACHINE_MESSAGE', 'ANSWERING_MACHINE_NO_MESSAGE', 'DISCONNECTED_NUMBER', 'DROPPED')) not null, \`reason_code\` text null, \`notes\` text null, \`script_version\` text null, \`callback_at\` datetime null, \`created_at\` datetime not null, constraint \`call_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`call_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on update cascade, constraint \`call_phone_id_foreign\` foreign key(\`phone_id\`) references \`contact_point\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`call_account_id_index\` on \`call\` (\`account_id\`);`);
    this.addSql(`create index \`call_agent_id_index\` on \`call\` (\`agent_id\`);`);
    this.addSql(`create index \`call_phone_id_index\` on \`call\` (\`phone_id\`);`);
    this.addSql(`create index \`call_disposition_started_at_index\` on \`call\` (\`disposition\`, \`started_at\`);`);
    this.addSql(`create index \`call_team_id_started_at_index\` on \`call\` (\`team_id\`, \`started_at\`);`);
    this.addSql(`create index \`call_started_at_index\` on \`call\` (\`started_at\`);`);
    this.addSql(`create index \`call_agent_id_started_at_index\` on \`call\` (\`agent_id\`, \`started_at\`);`);
    this.addSql(`create index \`call_account_id_started_at_index\` on \`call\` (\`account_id\`, \`started_at\`);`);

    this.addSql(`create table \`referral\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`call_id\` integer null, \`queue\` text check (\`queue\` in ('CUSTOMER_SERVICE', 'RETENTION', 'PHONE_BANKING', 'REMEDIAL', 'SUPERVISOR', 'LEGAL', 'OUTSIDE_AGENCY')) not null, \`reason\` text not null, \`status\` text check (\`status\` in ('OPEN', 'ACCEPTED', 'RESOLVED', 'RETURNED')) not null default 'OPEN', \`created_by_id\` integer not null, \`created_at\` datetime not null, \`handled_by_id\` integer null, \`accepted_at\` datetime null, \`closed_at\` datetime null, \`resolution\` text null, constraint \`referral_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`referral_call_id_foreign\` foreign key(\`call_id\`) references \`call\`(\`id\`) on delete set null on update cascade, constraint \`referral_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`agent\`(\`id\`) on update cascade, constraint \`referral_handled_by_id_foreign\` foreign key(\`handled_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`referral_account_id_index\` on \`referral\` (\`account_id\`);`);
    this.addSql(`create index \`referral_call_id_index\` on \`referral\` (\`call_id\`);`);
    this.addSql(`create index \`referral_created_by_id_index\` on \`referral\` (\`created_by_id\`);`);
    this.addSql(`create index \`referral_handled_by_id_index\` on \`referral\` (\`handled_by_id\`);`);
    this.addSql(`create index \`referral_queue_status_index\` on \`referral\` (\`queue\`, \`status\`);`);
    this.addSql(`create index \`referral_account_id_status_index\` on \`referral\` (\`account_id\`, \`status\`);`);

    this.addSql(`create table \`promise_to_pay\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`agent_id\` integer not null, \`call_id\` integer null, \`amount_minor\` bigint not null, \`currency\` text not null, \`paid_minor\` bigint not null default 0, \`due_date\` text not null, \`grace_ends_on\` text not null, \`status\` text check (\`status\` in ('PENDING_APPROVAL', 'PENDING', 'KEPT', 'PARTIALLY_KEPT', 'BROKEN', 'CANCELLED')) not null, \`decided_by_id\` integer null, \`status_reason\` text null, \`settled_at\` datetime null, \`created_at\` datetime not null, \`version\` integer not null default 1, constraint \`promise_to_pay_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`promise_to_pay_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on update cascade, constraint \`promise_to_pay_call_id_foreign\` foreign key(\`call_id\`) references \`call\`(\`id\`) on delete set null on update cascade, constraint \`promise_to_pay_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`promise_to_pay_account_id_index\` on \`promise_to_pay\` (\`account_id\`);`);
    this.addSql(`create index \`promise_to_pay_agent_id_index\` on \`promise_to_pay\` (\`agent_id\`);`);
    this.addSql(`create index \`promise_to_pay_call_id_index\` on \`promise_to_pay\` (\`call_id\`);`);
    this.addSql(`create index \`promise_to_pay_decided_by_id_index\` on \`promise_to_pay\` (\`decided_by_id\`);`);
    this.addSql(`create index \`promise_to_pay_agent_id_created_at_index\` on \`promise_to_pay\` (\`agent_id\`, \`created_at\`);`);
    this.addSql(`create index \`promise_to_pay_status_grace_ends_on_index\` on \`promise_to_pay\` (\`status\`, \`grace_ends_on\`);`);
    this.addSql(`create index \`promise_to_pay_account_id_status_index\` on \`promise_to_pay\` (\`account_id\`, \`status\`);`);

    this.addSql(`create table \`payment_plan\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`agent_id\` integer not null, \`call_id\` integer null, \`total_minor\` bigint not null, \`currency\` text not null, \`balance_at_proposal_minor\` bigint not null, \`status\` text check (\`status\` in ('PROPOSED', 'PENDING_APPROVAL', 'ACTIVE', 'COMPLETED', 'BROKEN', 'CANCELLED')) not null, \`decided_by_id\` integer null, \`status_reason\` text null, \`created_at\` datetime not null, \`version\` integer not null default 1, constraint \`payment_plan_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`payment_plan_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on update cascade, constraint \`payment_plan_call_id_foreign\` foreign key(\`call_id\`) references \`call\`(\`id\`) on delete set null on update cascade, constraint \`payment_plan_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`payment_plan_account_id_index\` on \`payment_plan\` (\`account_id\`);`);
    this.addSql(`create index \`payment_plan_agent_id_index\` on \`payment_plan\` (\`agent_id\`);`);
    this.addSql(`create index \`payment_plan_call_id_index\` on \`payment_plan\` (\`call_id\`);`);
    this.addSql(`create index \`payment_plan_decided_by_id_index\` on \`payment_plan\` (\`decided_by_id\`);`);
    this.addSql(`create index \`payment_plan_account_id_status_index\` on \`payment_plan\` (\`account_id\`, \`status\`);`);

    this.addSql(`create table \`instalment\` (\`id\` integer not null primary key autoincrement, \`plan_id\` integer not null, \`sequence\` integer not null, \`due_date\` text not null, \`amount_minor\` bigint not null, \`paid_minor\` bigint not null default 0, \`currency\` text not null, \`status\` text check (\`status\` in ('PENDING', 'PARTIALLY_PAID', 'PAID', 'MISSED')) not null default 'PENDING', constraint \`instalment_plan_id_foreign\` foreign key(\`plan_id\`) references \`payment_plan\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`instalment_plan_id_index\` on \`instalment\` (\`plan_id\`);`);
    this.addSql(`create index \`instalment_status_due_date_index\` on \`instalment\` (\`status\`, \`due_date\`);`);
    this.addSql(`create index \`instalment_plan_id_sequence_index\` on \`instalment\` (\`plan_id\`, \`sequence\`);`);

    this.addSql(`create table \`payment\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`agent_id\` integer null, \`call_id\` integer null, \`amount_minor\` bigint not null, \`currency\` text not null, \`method\` text check (\`method\` in ('CARD_TERMINAL', 'ONLINE', 'BANK_TRANSFER', 'CASH', 'CHECK')) not null, \`external_reference\` text null, \`idempotency_key\` text not null, \`card_last4\` text null, \`status\` text check (\`status\` in ('POSTED', 'REVERSED')) not null default 'POSTED', \`received_at\` datetime not null, \`reversed_at\` datetime null, \`reversal_reason\` text null, \`created_at\` datetime not null, constraint \`payment_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`payment_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on delete set null on update cascade, constraint \`payment_call_id_foreign\` foreign key(\`call_id\`) references \`call\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`payment_account_id_index\` on \`payment\` (\`account_id\`);`);
    this.addSql(`create index \`payment_agent_id_index\` on \`payment\` (\`agent_id\`);`);
    this.addSql(`create index \`payment_call_id_index\` on \`payment\` (\`call_id\`);`);
    this.addSql(`create unique index \`payment_idempotency_key_unique\` on \`payment\` (\`idempotency_key\`);`);
    this.addSql(`create index \`payment_external_reference_index\` on \`payment\` (\`external_reference\`);`);
    this.addSql(`create index \`payment_received_at_index\` on \`payment\` (\`received_at\`);`);
    this.addSql(`create index \`payment_account_id_received_at_index\` on \`payment\` (\`account_id\`, \`received_at\`);`);

    this.addSql(`create table \`bucket_snapshot\` (\`id\` integer not null primary key autoincrement, \`taken_on\` text not null, \`account_id\` integer not null, \`bucket\` text check (\`bucket\` in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, \`dpd\` integer not null, \`balance_minor\` bigint not null, constraint \`bucket_snapshot_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`bucket_snapshot_account_id_index\` on \`bucket_snapshot\` (\`account_id\`);`);
    this.addSql(`create index \`bucket_snapshot_taken_on_bucket_index\` on \`bucket_snapshot\` (\`taken_on\`, \`bucket\`);`);
    this.addSql(`create unique index \`bucket_snapshot_taken_on_account_id_unique\` on \`bucket_snapshot\` (\`taken_on\`, \`account_id\`);`);

    this.addSql(`create table \`account_lease\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`agent_id\` integer not null, \`leased_at\` datetime not null, \`expires_at\` datetime not null, constraint \`account_lease_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`account_lease_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`account_lease_account_id_unique\` on \`account_lease\` (\`account_id\`);`);
    this.addSql(`create index \`account_lease_agent_id_index\` on \`account_lease\` (\`agent_id\`);`);

    this.addSql(`create table \`account_due\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`due_date\` text not null, \`amount_minor\` bigint not null, \`paid_minor\` bigint not null default 0, \`currency\` text not null, constraint \`account_due_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`account_due_account_id_index\` on \`account_due\` (\`account_id\`);`);
    this.addSql(`create index \`account_due_account_id_due_date_index\` on \`account_due\` (\`account_id\`, \`due_date\`);`);

    this.addSql(`create table \`payment_allocation\` (\`id\` integer not null primary key autoincrement, \`payment_id\` integer not null, \`target\` text check (\`target\` in ('DUE', 'PROMISE', 'INSTALMENT')) not null, \`due_id\` integer null, \`promise_id\` integer null, \`instalment_id\` integer null, \`amount_minor\` bigint not null, constraint \`payment_allocation_payment_id_foreign\` foreign key(\`payment_id\`) references \`payment\`(\`id\`) on update cascade, constraint \`payment_allocation_due_id_foreign\` foreign key(\`due_id\`) references \`account_due\`(\`id\`) on delete set null on update cascade, constraint \`payment_allocation_promise_id_foreign\` foreign key(\`promise_id\`) references \`promise_to_pay\`(\`id\`) on delete set null on update cascade, constraint \`payment_allocation_instalment_id_foreign\` foreign key(\`instalment_id\`) references \`instalment\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`payment_allocation_due_id_index\` on \`payment_allocation\` (\`due_id\`);`);
    this.addSql(`create index \`payment_allocation_promise_id_index\` on \`payment_allocation\` (\`promise_id\`);`);
    this.addSql(`create index \`payment_allocation_instalment_id_index\` on \`payment_allocation\` (\`instalment_id\`);`);
    this.addSql(`create index \`payment_allocation_payment_id_index\` on \`payment_allocation\` (\`payment_id\`);`);

    this.addSql(`create table \`treatment_strategy\` (\`id\` integer not null primary key autoincrement, \`bucket\` text check (\`bucket\` in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, \`priority\` integer not null, \`max_discount\` double not null, \`max_instalments\` integer not null, \`updated_by_id\` integer null, \`updated_at\` datetime not null, constraint \`treatment_strategy_updated_by_id_foreign\` foreign key(\`updated_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`treatment_strategy_bucket_unique\` on \`treatment_strategy\` (\`bucket\`);`);
    this.addSql(`create index \`treatment_strategy_updated_by_id_index\` on \`treatment_strategy\` (\`updated_by_id\`);`);

    this.addSql(`create table \`write_off\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`amount_minor\` bigint not null, \`currency\` text not null, \`reason\` text not null, \`status\` text check (\`status\` in ('REQUESTED', 'APPROVED', 'REJECTED')) not null default 'REQUESTED', \`requested_by_id\` integer not null, \`requested_at\` datetime not null, \`decided_by_id\` integer null, \`decided_at\` datetime null, \`decision_note\` text null, constraint \`write_off_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on update cascade, constraint \`write_off_requested_by_id_foreign\` foreign key(\`requested_by_id\`) references \`agent\`(\`id\`) on update cascade, constraint \`write_off_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`write_off_account_id_index\` on \`write_off\` (\`account_id\`);`);
    this.addSql(`create index \`write_off_requested_by_id_index\` on \`write_off\` (\`requested_by_id\`);`);
    this.addSql(`create index \`write_off_decided_by_id_index\` on \`write_off\` (\`decided_by_id\`);`);
    this.addSql(`create index \`write_off_account_id_status_index\` on \`write_off\` (\`account_id\`, \`status\`);`);
  }

}
