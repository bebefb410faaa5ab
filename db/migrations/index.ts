import type { Migration } from "kysely";
import * as createFoundation from "./20261128T090000-create-foundation";
import * as createQuizzes from "./20261128T100000-create-quizzes";
import * as createProposals from "./20261128T110000-create-proposals";
import * as createTraining from "./20261128T120000-create-training";
import * as createKnowledge from "./20261128T130000-create-knowledge";
import * as createSurveys from "./20261128T140000-create-surveys";
import * as createCounters from "./20261128T150000-create-counters";
import * as createIncentives from "./20261128T160000-create-incentives";
import * as counterDailyTotals from "./20261128T170000-counter-daily-totals";
import * as dashboardIndexes from "./20261128T180000-dashboard-indexes";
import * as queueStaffDays from "./20261128T190000-queue-staff-days";
import * as queueOfficeDays from "./20261128T200000-queue-office-days";
import * as rollupsAsJson from "./20261128T210000-rollups-as-json";

/** Every migration, by name, in order. A static list so the server build needs no folder reads. */
export const migrations: Record<string, Migration> = {
  "20261128T090000-create-foundation": createFoundation,
  "20261128T100000-create-quizzes": createQuizzes,
  "20261128T110000-create-proposals": createProposals,
  "20261128T120000-create-training": createTraining,
  "20261128T130000-create-knowledge": createKnowledge,
  "20261128T140000-create-surveys": createSurveys,
  "20261128T150000-create-counters": createCounters,
  "20261128T160000-create-incentives": createIncentives,
  "20261128T170000-counter-daily-totals": counterDailyTotals,
  "20261128T180000-dashboard-indexes": dashboardIndexes,
  "20261128T190000-queue-staff-days": queueStaffDays,
  "20261128T200000-queue-office-days": queueOfficeDays,
  "20261128T210000-rollups-as-json": rollupsAsJson,
};
