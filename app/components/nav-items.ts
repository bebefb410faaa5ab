import type { MessageKey } from "~/i18n/i18n";
import { hasPermission, type Permission, type RoleName } from "~/modules/auth/roles";

export interface NavItem {
  to: string;
  label: MessageKey;
  permission: Permission;
  group?: MessageKey;
}

// One list for the whole portal; each module adds its entries here with the permission that guards its routes.
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "nav.home", permission: "home" },
  // 督導與考核 first: the dashboard is the page a director opens in the morning (issue 9).
  { to: "/dashboard", label: "nav.dashboard", permission: "dashboard.view", group: "nav.oversight" },
  { to: "/year-end", label: "nav.yearEnd", permission: "yearEnd.view", group: "nav.oversight" },
  { to: "/quizzes", label: "nav.quizzes", permission: "quizzes.take", group: "nav.learning" },
  { to: "/practice", label: "nav.practice", permission: "quizzes.take", group: "nav.learning" },
  { to: "/training", label: "nav.training", permission: "training.attend", group: "nav.learning" },
  { to: "/training/calendar", label: "nav.trainingCalendar", permission: "training.attend", group: "nav.learning" },
  { to: "/training/hours", label: "nav.trainingHours", permission: "training.attend", group: "nav.learning" },
  { to: "/training/roster", label: "nav.trainingRoster", permission: "training.manage", group: "nav.learning" },
  { to: "/question-bank", label: "nav.questionBank", permission: "questionBank.manage", group: "nav.learning" },
  { to: "/cases", label: "nav.cases", permission: "knowledge.use", group: "nav.knowledge" },
  { to: "/clippings", label: "nav.clippings", permission: "clippings.use", group: "nav.knowledge" },
  { to: "/surveys", label: "nav.surveys", permission: "surveys.answer", group: "nav.improvement" },
  { to: "/proposals", label: "nav.proposals", permission: "proposals.submit", group: "nav.improvement" },
  { to: "/committee/rounds", label: "nav.committee", permission: "committee.view", group: "nav.improvement" },
  { to: "/proposals/settings", label: "nav.proposalSettings", permission: "proposals.settings", group: "nav.improvement" },
  { to: "/counters", label: "nav.counters.ranking", permission: "counters.view", group: "nav.improvement" },
  { to: "/counters/import", label: "nav.counters.import", permission: "counters.manage", group: "nav.improvement" },
  { to: "/incentives", label: "nav.incentives", permission: "incentives.view", group: "nav.improvement" },
  { to: "/admin/users", label: "nav.users", permission: "admin.users", group: "nav.admin" },
  { to: "/admin/offices", label: "nav.offices", permission: "admin.offices", group: "nav.admin" },
  { to: "/admin/counters", label: "nav.counters", permission: "admin.counters", group: "nav.admin" },
  { to: "/admin/audit", label: "nav.audit", permission: "admin.audit", group: "nav.admin" },
  // Last, so that for staff (who have only this one) the group sits at the end of the menu; for chiefs it
  // joins the dashboard's group at the top (groups keep the order of their first item).
  { to: "/year-end/me", label: "nav.myYearEnd", permission: "yearEnd.own", group: "nav.oversight" },
];

export function navItemsFor(roles: readonly RoleName[]): NavItem[] {
  return NAV_ITEMS.filter((item) => hasPermission(roles, item.permission));
}
