// Roles and what they may do; pure so the navigation (browser) and the guards (server) share one rule.
export const ROLE_NAMES = ["staff", "committee", "chair", "supervisor", "director", "bureau", "admin"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export type Permission =
  | "home"
  | "admin.offices"
  | "admin.users"
  | "admin.counters"
  | "admin.audit"
  | "quizzes.take"
  | "quizzes.manage"
  | "questionBank.manage"
  | "proposals.submit"
  | "proposals.screen"
  | "proposals.settings"
  | "committee.view"
  | "committee.chair"
  | "training.attend"
  | "training.manage"
  | "knowledge.use"
  | "clippings.use"
  | "surveys.answer"
  | "surveys.manage"
  | "counters.view"
  | "counters.manage"
  | "incentives.view"
  | "incentives.manage"
  | "dashboard.view"
  | "yearEnd.view"
  | "yearEnd.own";

const PERMISSIONS: Record<Permission, readonly RoleName[]> = {
  home: ROLE_NAMES,
  "admin.offices": ["admin"],
  "admin.users": ["admin"],
  "admin.counters": ["admin"],
  "admin.audit": ["admin"],
  // Everyone who works in an office takes quizzes and practises; the bureau only reads dashboards.
  "quizzes.take": ["staff", "committee", "chair", "supervisor", "director"],
  // Supervisors run the monthly 法令測驗: quizzes, statistics, the review meeting.
  "quizzes.manage": ["supervisor", "director"],
  "questionBank.manage": ["supervisor", "director", "admin"],
  // Everyone in an office may propose and read the office's proposals (drafts stay their authors').
  "proposals.submit": ["staff", "committee", "chair", "supervisor", "director"],
  // 主管審核: section chiefs, and the director (who screens a chief's own proposal).
  "proposals.screen": ["supervisor", "director"],
  // The rubric, grade thresholds and quorum rule of the office's committee.
  "proposals.settings": ["chair", "director"],
  // Meetings and their minutes: the committee, and the chiefs and director who act on its decisions.
  "committee.view": ["committee", "chair", "supervisor", "director"],
  // 召集人: schedules proposals, holds meetings, decides.
  "committee.chair": ["chair"],
  // Training: everyone working in an office attends, signs up and reports e-learning.
  "training.attend": ["staff", "committee", "chair", "supervisor", "director"],
  // Supervisors plan sessions, take attendance, verify e-learning, nominate, set targets.
  "training.manage": ["supervisor", "director"],
  // 特殊案例彙編: everyone in an office reads, writes drafts and searches; the bureau reads shared cases.
  // Review and archiving follow the case's rules (supervisors and designated reviewers).
  "knowledge.use": ["staff", "committee", "chair", "supervisor", "director", "bureau"],
  // 新聞蒐集與傳閱: everyone in an office collects and reads; supervisors circulate (checked in the module).
  "clippings.use": ["staff", "committee", "chair", "supervisor", "director"],
  // 員工滿意度調查: everyone in an office answers; supervisors and the director run rounds and read results.
  "surveys.answer": ["staff", "committee", "chair", "supervisor", "director"],
  "surveys.manage": ["supervisor", "director"],
  // 櫃台績效評比: everyone in an office sees the office ranking (transparency); supervisors import and set it up.
  "counters.view": ["staff", "committee", "chair", "supervisor", "director"],
  "counters.manage": ["supervisor", "director"],
  // 獎勵機制: everyone in an office sees the office board and their own points; supervisors and the director
  // enter, import, approve (never their own), set the rules and close periods.
  "incentives.view": ["staff", "committee", "chair", "supervisor", "director"],
  "incentives.manage": ["supervisor", "director"],
  // 督導與考核: supervisors and the director watch their office; the bureau compares every office.
  "dashboard.view": ["supervisor", "director", "bureau"],
  // 年終考核依據: the office's one-page summaries per person, for the chiefs and the director.
  "yearEnd.view": ["supervisor", "director"],
  // Everyone working in an office sees their own year-end summary.
  "yearEnd.own": ["staff", "committee", "chair", "supervisor", "director"],
};

export function rolesAllowed(permission: Permission): readonly RoleName[] {
  return PERMISSIONS[permission];
}

export function hasPermission(roles: readonly RoleName[], permission: Permission): boolean {
  const allowed = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

/** Roles in the order people read them (ROLE_NAMES), whatever order the database returned. */
export function sortRoles<T extends RoleName>(roles: readonly T[]): T[] {
  return [...roles].sort((a, b) => ROLE_NAMES.indexOf(a) - ROLE_NAMES.indexOf(b));
}
