import type { ProposalCategory, ProposalOrigin } from "../app/modules/proposals/proposal-workflow";
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Roles a person can hold in an office (PRODUCT.md, Roles). `bureau` and `admin` act across offices. */
export const ROLES = ["staff", "committee", "chair", "supervisor", "director", "bureau", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const COUNTER_KINDS = ["combined", "mobile", "citizen_certificate"] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

export const OFFICE_KINDS = ["district", "bureau"] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null | undefined, never>;

export interface OfficesTable {
  id: Generated<number>;
  code: string;
  name: string;
  shortName: string;
  kind: ColumnType<OfficeKind, OfficeKind | undefined, OfficeKind>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  officeId: number;
  employeeNo: string;
  name: string;
  title: string;
  email: string | null;
  passwordHash: string;
  mustChangePassword: Generated<boolean>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface UserRolesTable {
  userId: number;
  officeId: number;
  role: Role;
}

export interface CountersTable {
  id: Generated<number>;
  officeId: number;
  number: number;
  kind: CounterKind;
  label: string | null;
  active: Generated<boolean>;
}

export interface SessionsTable {
  idHash: string;
  userId: number;
  officeId: number;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  userAgent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  accountKey: string;
  clientKey: string;
  succeeded: boolean;
  at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actorUserId: number | null;
  officeId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Json;
  after: Json;
}

type Jsonb<T> = ColumnType<T, string, string>;
type Numeric = ColumnType<string, number | string, number | string>;

export const QUESTION_TYPES = ["multichoice", "truefalse", "shortanswer", "numerical", "matching", "essay", "description"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionsTable {
  id: Generated<number>;
  officeId: number;
  externalId: string;
  category: Generated<string>;
  currentVersionId: number | null;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface QuestionVersionsTable {
  id: Generated<number>;
  questionId: number;
  version: number;
  type: QuestionType;
  name: string;
  text: string;
  generalFeedback: Generated<string>;
  /** JSON text on insert (JSON.stringify); an array when read. */
  tags: Jsonb<string[]>;
  /** The parsed question (app/modules/quizzes/question-types.ts) without `line`. */
  body: Jsonb<unknown>;
  contentHash: string;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface QuizzesTable {
  id: Generated<number>;
  officeId: number;
  title: string;
  description: Generated<string>;
  selection: "fixed" | "random";
  shuffleQuestions: Generated<boolean>;
  shuffleAnswers: Generated<boolean>;
  timeLimitMinutes: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  attemptsAllowed: Generated<number>;
  grading: ColumnType<"highest" | "last", "highest" | "last" | undefined, "highest" | "last">;
  passPercent: Generated<number>;
  feedbackTiming: ColumnType<"after_submit" | "after_close", "after_submit" | "after_close" | undefined, "after_submit" | "after_close">;
  audience: ColumnType<"office" | "roles" | "people", "office" | "roles" | "people" | undefined, "office" | "roles" | "people">;
  audienceRoles: Jsonb<Role[]>;
  published: Generated<boolean>;
  createdBy: number | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface QuizQuestionsTable {
  quizId: number;
  questionId: number;
  position: number;
  points: Numeric;
}

export interface QuizRandomRulesTable {
  id: Generated<number>;
  quizId: number;
  category: string;
  count: number;
}

export interface QuizAudiencePeopleTable {
  quizId: number;
  userId: number;
}

export interface QuizAttemptsTable {
  id: Generated<number>;
  officeId: number;
  userId: number;
  kind: "quiz" | "practice";
  quizId: number | null;
  attemptNo: number;
  state: ColumnType<"in_progress" | "submitted", "in_progress" | "submitted" | undefined, "in_progress" | "submitted">;
  startedAt: CreatedAt;
  deadlineAt: Date | null;
  submittedAt: Date | null;
  /** numeric columns arrive as strings from pg: Number() them. */
  score: ColumnType<string | null, number | string | null, number | string | null>;
  maxScore: Numeric;
  percent: ColumnType<string | null, number | string | null, number | string | null>;
  passed: boolean | null;
}

export interface AttemptItemsTable {
  attemptId: number;
  position: number;
  questionVersionId: number;
  points: Numeric;
  choiceOrder: ColumnType<number[] | null, string | null, string | null>;
  response: ColumnType<unknown, string | null, string | null>;
  answeredAt: Date | null;
  fraction: ColumnType<string | null, number | string | null, number | string | null>;
}

type DateText = ColumnType<string, string, string>;

export interface NotificationsTable {
  id: Generated<string>;
  userId: number;
  officeId: number;
  messageKey: string;
  params: Jsonb<Record<string, string | number>>;
  link: string;
  createdAt: CreatedAt;
  readAt: Date | null;
}

export interface ProposalSettingsTable {
  officeId: number;
  rubricWeights: Jsonb<Record<string, number>>;
  gradeThresholds: Jsonb<{ 甲: number; 乙: number; 丙: number }>;
  quorumRule: ColumnType<"at_least_half" | "more_than_half", "at_least_half" | "more_than_half" | undefined, "at_least_half" | "more_than_half">;
  stageAlertDays: Generated<number>;
  lastNumberYear: number | null;
  lastNumber: Generated<number>;
  updatedBy: number | null;
  updatedAt: Timestamp;
}

export interface ProposalsTable {
  id: Generated<number>;
  officeId: number;
  referenceNo: string | null;
  proposerId: number;
  title: string;
  category: ProposalCategory;
  origin: ProposalOrigin;
  problem: string;
  method: string;
  benefit: string;
  estimatedCost: Generated<string>;
  state: ColumnType<string, string | undefined, string>;
  stateEnteredAt: Timestamp;
  submittedAt: Date | null;
  currentRoundId: number | null;
  decision: string | null;
  decisionReason: string | null;
  documentNumber: string | null;
  decidedAt: Date | null;
  decidedBy: number | null;
  ownerId: number | null;
  /** A `date`: read it with to_char (see proposals.server.ts), write 'YYYY-MM-DD'. */
  dueDate: DateText | null;
  progressPercent: Generated<number>;
  effectivenessResult: string | null;
  effectivenessBefore: string | null;
  effectivenessAfter: string | null;
  effectivenessNote: string | null;
  reviewedAt: Date | null;
  reviewedBy: number | null;
  meanScore: Numeric | null;
  rewardGrade: "甲" | "乙" | "丙" | null;
  searchVector: ColumnType<string, never, never>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ProposalCoProposersTable {
  proposalId: number;
  userId: number;
}

export interface ProposalEventsTable {
  id: Generated<string>;
  proposalId: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorId: number | null;
  reason: string | null;
  details: Jsonb<Record<string, unknown>>;
  at: CreatedAt;
}

export interface CommitteeRoundsTable {
  id: Generated<number>;
  officeId: number;
  title: string;
  meetingDate: DateText;
  location: Generated<string>;
  state: ColumnType<"planned" | "open" | "closed", "planned" | "open" | "closed" | undefined, "planned" | "open" | "closed">;
  chairId: number;
  quorumRule: "at_least_half" | "more_than_half";
  rubricWeights: Jsonb<Record<string, number>>;
  openedAt: Date | null;
  closedAt: Date | null;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface RoundMembersTable {
  roundId: number;
  memberId: number;
  present: Generated<boolean>;
}

export interface RoundItemsTable {
  id: Generated<number>;
  roundId: number;
  proposalId: number;
  position: number;
  actingChairId: number | null;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  decision: string | null;
  decisionReason: string | null;
  movedToRoundId: number | null;
}

export interface RoundRecusalsTable {
  roundItemId: number;
  memberId: number;
  reason: "declared_conflict" | "chair_ordered";
  note: Generated<string>;
  recordedBy: number | null;
  at: CreatedAt;
}

export interface BallotsTable {
  id: Generated<number>;
  roundItemId: number;
  memberId: number;
  vote: "採行" | "修正後採行" | "不採行" | "棄權";
  comment: Generated<string>;
  scores: Jsonb<Record<string, number>>;
  total: Numeric | null;
  castAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ProposalProgressTable {
  id: Generated<number>;
  proposalId: number;
  percent: number;
  note: Generated<string>;
  authorId: number | null;
  at: CreatedAt;
}

export interface TrainingSessionsTable {
  id: Generated<number>;
  officeId: number;
  kind: "professional" | "experience_sharing" | "law_quiz_review" | "phone_etiquette" | "external";
  title: string;
  description: Generated<string>;
  instructor: Generated<string>;
  place: Generated<string>;
  creditedHours: Numeric;
  capacity: number | null;
  audienceWholeOffice: Generated<boolean>;
  audienceRoles: Jsonb<string[]>;
  required: Generated<boolean>;
  approvalRequired: Generated<boolean>;
  materials: Jsonb<{ label: string; url: string }[]>;
  status: ColumnType<"scheduled" | "cancelled", "scheduled" | "cancelled" | undefined, "scheduled" | "cancelled">;
  cancelReason: string | null;
  createdBy: number | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface TrainingSessionDatesTable {
  id: Generated<number>;
  sessionId: number;
  startsAt: Date | string;
  endsAt: Date | string;
}

export interface TrainingAudiencePeopleTable {
  sessionId: number;
  userId: number;
}

export type EnrolmentStatusValue = "requested" | "booked" | "waitlisted" | "cancelled" | "attended" | "partly_attended" | "absent" | "excused";

export interface EnrolmentsTable {
  id: Generated<number>;
  sessionId: number;
  userId: number;
  status: EnrolmentStatusValue;
  since: Timestamp;
  required: Generated<boolean>;
  hours: Numeric | null;
}

export interface EnrolmentHistoryTable {
  id: Generated<string>;
  enrolmentId: number;
  fromStatus: string | null;
  toStatus: string;
  event: string;
  hours: Numeric | null;
  reason: string | null;
  actorId: number | null;
  at: CreatedAt;
}

export interface ElearningRecordsTable {
  id: Generated<number>;
  officeId: number;
  userId: number;
  platform: string;
  course: string;
  hours: Numeric;
  /** A `date`: read with to_char, write 'YYYY-MM-DD'. */
  completedOn: DateText;
  certificateNumber: Generated<string>;
  status: ColumnType<"pending" | "approved" | "returned", "pending" | "approved" | "returned" | undefined, "pending" | "approved" | "returned">;
  reviewReason: string | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  createdAt: CreatedAt;
}

export interface TrainingNominationsTable {
  id: Generated<number>;
  officeId: number;
  userId: number;
  course: string;
  organiser: Generated<string>;
  startsOn: DateText;
  endsOn: DateText;
  hours: Numeric;
  outcome: ColumnType<"nominated" | "completed" | "not_completed" | "withdrawn", "nominated" | "completed" | "not_completed" | "withdrawn" | undefined, "nominated" | "completed" | "not_completed" | "withdrawn">;
  note: Generated<string>;
  nominatedBy: number | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface TrainingTargetsTable {
  officeId: number;
  year: number;
  totalHours: Numeric;
  digitalHours: Numeric;
  updatedBy: number | null;
  updatedAt: Timestamp;
}

export interface CalendarFeedTokensTable {
  userId: number;
  tokenHash: string;
  /** Renewed with the token. */
  createdAt: Timestamp;
}

export interface KbCasesTable {
  id: Generated<number>;
  officeId: number;
  title: string;
  category: string;
  source: ColumnType<"own" | "other_office", "own" | "other_office" | undefined, "own" | "other_office">;
  sourceOffice: Generated<string>;
  /** A `date`: read with to_char, write 'YYYY-MM-DD'. */
  caseDate: DateText | null;
  facts: Generated<string>;
  issue: Generated<string>;
  handling: Generated<string>;
  legalBasis: Jsonb<unknown[]>;
  lessons: Generated<string>;
  body: Generated<string>;
  tags: Jsonb<string[]>;
  shared: Generated<boolean>;
  state: ColumnType<"draft" | "in_review" | "published" | "archived", "draft" | "in_review" | "published" | "archived" | undefined, "draft" | "in_review" | "published" | "archived">;
  reviewNote: string | null;
  supersededBy: number | null;
  authorId: number;
  reviewerId: number | null;
  revision: Generated<number>;
  searchVector: ColumnType<string, never, never>;
  publishedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface KbReviewersTable {
  officeId: number;
  userId: number;
}

export interface KbCaseRevisionsTable {
  id: Generated<number>;
  caseId: number;
  revision: number;
  authorId: number | null;
  reason: Generated<string>;
  snapshot: Jsonb<Record<string, unknown>>;
  at: CreatedAt;
}

export interface KbCaseReadsTable {
  caseId: number;
  userId: number;
  firstAt: CreatedAt;
  lastAt: Timestamp;
  count: Generated<number>;
}

export interface KbCaseSessionsTable {
  caseId: number;
  sessionId: number;
}

export interface KbCaseQuestionsTable {
  caseId: number;
  questionId: number;
}

export interface ClippingsTable {
  id: Generated<number>;
  officeId: number;
  title: string;
  outlet: string;
  url: Generated<string>;
  publishedOn: DateText;
  summary: string;
  lesson: Generated<string>;
  tags: Jsonb<string[]>;
  version: Generated<number>;
  searchVector: ColumnType<string, never, never>;
  createdBy: number | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CirculationsTable {
  id: Generated<number>;
  clippingId: number;
  officeId: number;
  audienceWholeOffice: Generated<boolean>;
  audienceRoles: Jsonb<string[]>;
  audienceUserIds: Jsonb<number[]>;
  kind: ColumnType<"mandatory" | "information", "mandatory" | "information" | undefined, "mandatory" | "information">;
  dueOn: DateText | null;
  closed: Generated<boolean>;
  note: Generated<string>;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface CirculationRecipientsTable {
  circulationId: number;
  userId: number;
  openedAt: Date | null;
  openedVersion: number | null;
  acknowledgedAt: Date | null;
  acknowledgedVersion: number | null;
  comment: Generated<string>;
  remindedAt: Date | null;
}

export interface SurveySettingsTable {
  officeId: number;
  scoreThreshold: Generated<number>;
  commentThreshold: Generated<number>;
}

export interface SurveyRoundsTable {
  id: Generated<number>;
  officeId: number;
  title: string;
  year: number;
  half: number;
  template: Jsonb<unknown>;
  demographics: Jsonb<unknown[]>;
  thresholds: Jsonb<{ scores: number; comments: number }>;
  opensOn: DateText;
  closesOn: DateText;
  state: ColumnType<"planned" | "open" | "closed", "planned" | "open" | "closed" | undefined, "planned" | "open" | "closed">;
  createdBy: number | null;
  createdAt: CreatedAt;
}

/** Who took part. Deliberately no time column (issue 7). */
export interface SurveyParticipationTable {
  roundId: number;
  userId: number;
  submitted: Generated<boolean>;
}

export interface SurveyDraftsTable {
  roundId: number;
  userId: number;
  answers: Jsonb<Record<string, unknown>>;
  demographics: Jsonb<Record<string, unknown>>;
}

/** What was answered. Deliberately no user, session, time or serial (issue 7). */
export interface SurveyResponsesTable {
  id: string;
  roundId: number;
  answers: Jsonb<Record<string, unknown>>;
  demographics: Jsonb<Record<string, unknown>>;
}

export interface SurveyActionItemsTable {
  id: Generated<number>;
  roundId: number;
  title: string;
  description: Generated<string>;
  ownerId: number | null;
  dueOn: DateText | null;
  status: ColumnType<"open" | "in_progress" | "done", "open" | "in_progress" | "done" | undefined, "open" | "in_progress" | "done">;
  proposalId: number | null;
  createdBy: number | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CaseTypesTable {
  id: Generated<number>;
  officeId: number;
  name: string;
  code: Generated<string>;
  weight: Numeric;
  standardMinutes: Numeric;
  /** A `date`: read with to_char, write 'YYYY-MM-DD'. */
  effectiveFrom: DateText;
  effectiveTo: DateText | null;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface QueueMappingsTable {
  officeId: number;
  mapping: Jsonb<Record<string, string>>;
  updatedBy: number | null;
  updatedAt: Timestamp;
}

export interface QueueImportsTable {
  id: Generated<number>;
  officeId: number;
  fileName: string;
  fileSha256: string;
  mapping: Jsonb<Record<string, string>>;
  mode: "all_or_nothing" | "valid_lines";
  linesRead: Generated<number>;
  inserted: Generated<number>;
  skipped: Generated<number>;
  duplicateLines: Generated<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface QueueRecordsTable {
  id: Generated<string>;
  officeId: number;
  idempotencyKey: string;
  ticket: string;
  ticketDate: DateText;
  segment: Generated<number>;
  counterId: number;
  staffUserId: number | null;
  caseType: string | null;
  ticketAt: Date | string;
  calledAt: Date | string | null;
  startedAt: Date | string | null;
  endedAt: Date | string | null;
  outcome: "served" | "no_show" | "transferred";
  importId: number | null;
}

export interface StaffedHourAdjustmentsTable {
  id: Generated<number>;
  officeId: number;
  userId: number;
  day: DateText;
  hours: Numeric;
  mode: "set" | "add";
  reason: string;
  createdBy: number | null;
  createdAt: CreatedAt;
}

/** The counter ranking's rollup: one person's day (app/modules/counters/rollups.server.ts). */
/** One office's day at the counters (rollups.server.ts): case groups and each counter's summary. */
export interface QueueOfficeDaysTable {
  officeId: number;
  /** A `date`: read with to_char, write 'YYYY-MM-DD'. */
  day: DateText;
  /** The day's case groups, all counters together (measures.ts CaseGroup without its date). */
  groups: Jsonb<unknown>;
  /** [{ counterId, staffedHours, groups, waitMs }]: measures.ts CounterDaySummary by counter id. */
  counters: Jsonb<unknown>;
}

export interface QueueStaffDaysTable {
  officeId: number;
  staffUserId: number;
  /** A `date`: read with to_char, write 'YYYY-MM-DD'. */
  day: DateText;
  /** Staffed hours from the records by the gap rule, before adjustments. */
  staffedHours: ColumnType<number, number, number>;
  /** The day's case groups (measures.ts CaseGroup without its date). */
  groups: Jsonb<unknown>;
}

/** Served cases entered by hand per staff, counter, day and case type (issue 8, 手動登錄每日件數). */
export interface CounterDailyTotalsTable {
  id: Generated<number>;
  officeId: number;
  userId: number;
  counterId: number;
  day: DateText;
  caseType: string;
  served: number;
  note: Generated<string>;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface ReviewCorrectionsTable {
  id: Generated<number>;
  officeId: number;
  userId: number;
  day: DateText;
  periodKey: string | null;
  count: Generated<number>;
  counterId: number | null;
  queueRecordId: string | null;
  note: Generated<string>;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface RankingSettingsTable {
  officeId: number;
  weights: Jsonb<{ productivity: number; handling: number; quality: number }>;
  minStaffedDays: number;
  shrinkK: Numeric;
  updatedBy: number | null;
  updatedAt: Timestamp;
}

export interface IncentiveRulesTable {
  id: Generated<number>;
  officeId: number;
  item: string;
  label: string;
  scoring: Jsonb<unknown>;
  capPerPeriod: Numeric | null;
  periodKind: "month" | "quarter" | "half_year" | "year";
  /** `date` columns: read with to_char, write 'YYYY-MM-DD'. */
  effectiveFrom: DateText;
  effectiveTo: DateText | null;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface IncentiveEntriesTable {
  id: Generated<number>;
  officeId: number;
  userId: number;
  item: string;
  entryDate: DateText;
  quantity: Numeric | null;
  rank: number | null;
  grade: string | null;
  points: Numeric | null;
  source: "manual" | "csv" | "counter_ranking" | "proposal";
  sourceRef: string | null;
  status: ColumnType<"pending" | "approved" | "rejected", "pending" | "approved" | "rejected" | undefined, "pending" | "approved" | "rejected">;
  approvedBy: number | null;
  approvedAt: Date | null;
  note: Generated<string>;
  adjustment: Generated<boolean>;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface IncentivePeriodsTable {
  id: Generated<number>;
  officeId: number;
  periodKey: string;
  kind: "month" | "quarter" | "half_year" | "year";
  firstDay: DateText;
  lastDay: DateText;
  closedAt: Timestamp;
  closedBy: number | null;
  scoreboard: Jsonb<unknown>;
}

export interface IncentiveSettingsTable {
  officeId: number;
  rewardThresholds: Jsonb<{ reward: string; minPoints: number }[]>;
  updatedBy: number | null;
  updatedAt: Timestamp;
}

export interface Database {
  offices: OfficesTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  counters: CountersTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  auditLog: AuditLogTable;
  questions: QuestionsTable;
  questionVersions: QuestionVersionsTable;
  quizzes: QuizzesTable;
  quizQuestions: QuizQuestionsTable;
  quizRandomRules: QuizRandomRulesTable;
  quizAudiencePeople: QuizAudiencePeopleTable;
  quizAttempts: QuizAttemptsTable;
  attemptItems: AttemptItemsTable;
  notifications: NotificationsTable;
  proposalSettings: ProposalSettingsTable;
  proposals: ProposalsTable;
  proposalCoProposers: ProposalCoProposersTable;
  proposalEvents: ProposalEventsTable;
  committeeRounds: CommitteeRoundsTable;
  roundMembers: RoundMembersTable;
  roundItems: RoundItemsTable;
  roundRecusals: RoundRecusalsTable;
  ballots: BallotsTable;
  proposalProgress: ProposalProgressTable;
  trainingSessions: TrainingSessionsTable;
  trainingSessionDates: TrainingSessionDatesTable;
  trainingAudiencePeople: TrainingAudiencePeopleTable;
  enrolments: EnrolmentsTable;
  enrolmentHistory: EnrolmentHistoryTable;
  elearningRecords: ElearningRecordsTable;
  trainingNominations: TrainingNominationsTable;
  trainingTargets: TrainingTargetsTable;
  calendarFeedTokens: CalendarFeedTokensTable;
  kbCases: KbCasesTable;
  kbReviewers: KbReviewersTable;
  kbCaseRevisions: KbCaseRevisionsTable;
  kbCaseReads: KbCaseReadsTable;
  kbCaseSessions: KbCaseSessionsTable;
  kbCaseQuestions: KbCaseQuestionsTable;
  clippings: ClippingsTable;
  circulations: CirculationsTable;
  circulationRecipients: CirculationRecipientsTable;
  surveySettings: SurveySettingsTable;
  surveyRounds: SurveyRoundsTable;
  surveyParticipation: SurveyParticipationTable;
  surveyDrafts: SurveyDraftsTable;
  surveyResponses: SurveyResponsesTable;
  surveyActionItems: SurveyActionItemsTable;
  caseTypes: CaseTypesTable;
  queueMappings: QueueMappingsTable;
  queueImports: QueueImportsTable;
  queueRecords: QueueRecordsTable;
  queueOfficeDays: QueueOfficeDaysTable;
  queueStaffDays: QueueStaffDaysTable;
  staffedHourAdjustments: StaffedHourAdjustmentsTable;
  reviewCorrections: ReviewCorrectionsTable;
  counterDailyTotals: CounterDailyTotalsTable;
  rankingSettings: RankingSettingsTable;
  incentiveRules: IncentiveRulesTable;
  incentiveEntries: IncentiveEntriesTable;
  incentivePeriods: IncentivePeriodsTable;
  incentiveSettings: IncentiveSettingsTable;
}

export type Office = Selectable<OfficesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
