import { NodeEntity } from './node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { AccountDue } from '../accounts/account-due.entity.js';
import { PaymentAllocation } from '../payments/payment-allocation.entity.js';
import { BusinessDay } from '../rollover/business-day.entity.js';
import { ContactProfile } from '../compliance/contact-profile.entity.js';
import { Portfolio } from '../accounts/portfolio.entity.js';
import { AccountLease } from '../worklists/account-lease.entity.js';
import { TreatmentStrategy } from '../worklists/treatment-strategy.entity.js';
import { BucketGoal } from '../accounts/bucket-goal.entity.js';
import { BucketSnapshot } from '../accounts/bucket-snapshot.entity.js';
import { BucketCollected, BucketFlow } from '../reports/bucket-flow.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { AgentStatusChange } from '../agents/agent-status-change.entity.js';
import { Team } from '../agents/team.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ApiKey } from '../auth/api-key.entity.js';
import { Call } from '../calls/call.entity.js';
import { ContactPoint } from '../customers/contact-point.entity.js';
import { ContactPointChange } from '../customers/contact-point-change.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Dispute } from '../disputes/dispute.entity.js';
import { Target } from '../kpis/target.entity.js';
import { AgentDayCounter } from '../kpis/agent-day-counter.entity.js';
import { AgentMonthCounter } from '../kpis/agent-month-counter.entity.js';
import { CounterColumns } from '../kpis/counter-columns.entity.js';
import { LedgerLine } from '../payments/ledger-line.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { Instalment } from '../plans/instalment.entity.js';
import { PaymentPlan } from '../plans/payment-plan.entity.js';
import { PromiseToPay } from '../promises/promise-to-pay.entity.js';
import { Referral } from '../referrals/referral.entity.js';
import { WriteOff } from '../writeoffs/write-off.entity.js';
import { AlertRule } from '../alerts/alert-rule.entity.js';
import { Alert } from '../alerts/alert.entity.js';

export const entities = [
  NodeEntity,
  CounterColumns,
  Team,
  Agent,
  AgentStatusChange,
  Customer,
  ContactPoint,
  ContactPointChange,
  Account,
  BucketSnapshot,
  BucketFlow,
  BucketCollected,
  BucketGoal,
  Call,
  PromiseToPay,
  Payment,
  LedgerLine,
  PaymentPlan,
  Instalment,
  Referral,
  Dispute,
  WriteOff,
  Target,
  AgentDayCounter,
  AgentMonthCounter,
  AuditEvent,
  ApiKey,
  AccountDue,
  PaymentAllocation,
  BusinessDay,
  ContactProfile,
  Portfolio,
  AccountLease,
  TreatmentStrategy,
  AlertRule,
  Alert,
];
