// Incentive scoring (獎勵機制): rules versioned by effective date, points per unit, per rank or per
// grade, caps per period, approval gating, frozen periods with visible adjustments, scoreboards
// with shared ranks, and suggested administrative rewards. Issue 8, "Incentive scoring"; seed 服務精進
// 機制 1.(4) 「針對重點業務(如跨機關通報、電子票證收費、櫃台績效評比、創新提案等)訂定獎勵標準」. Pure
// (ARCHITECTURE rule 6): the server loads rules, entries and closings and asks these functions; the
// rules are tabled in README.md beside this file.
import { competitionRanks, roundScore } from "../counters/ranking";
import { addDays, isCalendarDate, periodContains, periodOf, taipeiDate, toTaipeiDate, type Period, type PeriodKind } from "../counters/periods";

/** Points are decimals (0.5 per 通報); sums are cleared of binary noise. */
const clean = (n: number) => Math.round(n * 1e9) / 1e9;

// ------------------------------------------------------------------------------ items

/** The seed's key items; an office adds others under its own codes. */
export const KEY_ITEMS = {
  cross_agency_notice: "跨機關通報件數",
  e_payment: "電子票證收費件數",
  counter_rank: "櫃台績效評比名次",
  proposal_grade: "創新提案等第",
} as const;
export type KeyItem = keyof typeof KEY_ITEMS;

// ------------------------------------------------------------------------------ rules

export type Scoring =
  /** quantity × pointsPerUnit (0.5 per 跨機關通報件). */
  | { kind: "per_unit"; pointsPerUnit: number }
  /** A rank's points from the table (1 → 5, 2 → 3, 3 → 2); ranks not in the table earn 0. */
  | { kind: "rank"; points: Readonly<Record<number, number>> }
  /** A grade's points from the table (甲 → 5, 乙 → 3, 丙 → 1); grades not in the table earn 0. */
  | { kind: "grade"; points: Readonly<Record<string, number>> }
  /** The entry carries its points (an item scored case by case, e.g. 專案表揚). */
  | { kind: "points" };

export interface IncentiveRule {
  id: number;
  /** A key item's code or an office's own code. */
  item: string;
  /** The zh-TW name shown in breakdowns. */
  label: string;
  scoring: Scoring;
  /** Most points one person earns from this rule in one period of `periodKind`; null for no cap. */
  capPerPeriod: number | null;
  /** The period the item is counted and capped over. */
  periodKind: PeriodKind;
  /** `YYYY-MM-DD`, inclusive. */
  effectiveFrom: string;
  /** `YYYY-MM-DD`, inclusive; null while in force. */
  effectiveTo: string | null;
}

/** An example set effective 2026-01-01 (demo seed); every office sets its own. */
export const EXAMPLE_RULES: readonly IncentiveRule[] = [
  { id: 1, item: "cross_agency_notice", label: KEY_ITEMS.cross_agency_notice, scoring: { kind: "per_unit", pointsPerUnit: 0.5 }, capPerPeriod: 10, periodKind: "month", effectiveFrom: "2026-01-01", effectiveTo: null },
  { id: 2, item: "e_payment", label: KEY_ITEMS.e_payment, scoring: { kind: "per_unit", pointsPerUnit: 0.2 }, capPerPeriod: 5, periodKind: "month", effectiveFrom: "2026-01-01", effectiveTo: null },
  { id: 3, item: "counter_rank", label: KEY_ITEMS.counter_rank, scoring: { kind: "rank", points: { 1: 5, 2: 3, 3: 2 } }, capPerPeriod: null, periodKind: "month", effectiveFrom: "2026-01-01", effectiveTo: null },
  { id: 4, item: "proposal_grade", label: KEY_ITEMS.proposal_grade, scoring: { kind: "grade", points: { 甲: 5, 乙: 3, 丙: 1 } }, capPerPeriod: 10, periodKind: "year", effectiveFrom: "2026-01-01", effectiveTo: null },
];

const covers = (rule: IncentiveRule, date: string) => rule.effectiveFrom <= date && (rule.effectiveTo === null || date <= rule.effectiveTo);

/**
 * The rule for `item` in force on a date (a `YYYY-MM-DD` Taipei date or an instant): the version
 * whose span covers it; if versions overlap (refused by `validateRules`, but old data may), the
 * one that began last. Null when the item had no rule that day.
 */
export function ruleInForce(rules: readonly IncentiveRule[], item: string, date: string | Date): IncentiveRule | null {
  const day = toTaipeiDate(date);
  let best: IncentiveRule | null = null;
  for (const rule of rules) {
    if (rule.item !== item || !covers(rule, day)) continue;
    if (!best || rule.effectiveFrom > best.effectiveFrom || (rule.effectiveFrom === best.effectiveFrom && rule.id > best.id)) best = rule;
  }
  return best;
}

/** Problems with a rule set (empty when valid), in zh-TW. */
export function validateRules(rules: readonly IncentiveRule[]): string[] {
  const errors: string[] = [];
  for (const r of rules) {
    const name = `「${r.label || r.item}」`;
    if (!r.item.trim()) errors.push("獎勵項目代碼不能空白。");
    if (!isCalendarDate(r.effectiveFrom)) errors.push(`${name}的生效日不是有效日期。`);
    if (r.effectiveTo !== null && (!isCalendarDate(r.effectiveTo) || r.effectiveTo < r.effectiveFrom)) errors.push(`${name}的失效日必須是生效日當天或之後。`);
    if (r.capPerPeriod !== null && (!Number.isFinite(r.capPerPeriod) || r.capPerPeriod < 0)) errors.push(`${name}的每期上限不能小於 0。`);
    const s = r.scoring;
    if (s.kind === "per_unit" && !Number.isFinite(s.pointsPerUnit)) errors.push(`${name}的每件點數必須是數字。`);
    if (s.kind === "rank") {
      const ranks = Object.keys(s.points);
      if (ranks.length === 0) errors.push(`${name}至少要訂一個名次的點數。`);
      if (ranks.some((k) => !/^[1-9]\d*$/.test(k))) errors.push(`${name}的名次必須是正整數。`);
      if (Object.values(s.points).some((p) => !Number.isFinite(p))) errors.push(`${name}的名次點數必須是數字。`);
    }
    if (s.kind === "grade") {
      if (Object.keys(s.points).length === 0) errors.push(`${name}至少要訂一個等第的點數。`);
      if (Object.values(s.points).some((p) => !Number.isFinite(p))) errors.push(`${name}的等第點數必須是數字。`);
    }
  }
  const byItem = new Map<string, IncentiveRule[]>();
  for (const r of rules) byItem.set(r.item, [...(byItem.get(r.item) ?? []), r]);
  for (const versions of byItem.values()) {
    const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      if (prev.effectiveTo === null || prev.effectiveTo >= sorted[i].effectiveFrom) {
        errors.push(`「${sorted[i].label || sorted[i].item}」有兩個版本的生效期間重疊（${prev.effectiveFrom} 與 ${sorted[i].effectiveFrom}）。`);
      }
    }
  }
  return errors;
}

export type RuleVersionPlan =
  | { ok: true; /** The version to end the day before the new one starts, if one is open then. */ close: { ruleId: number; effectiveTo: string } | null }
  | { ok: false; reason: string };

/**
 * How to change a rule without rewriting history: a change is a new version from a date on,
 * never an edit of the old one. The new version must start after the last closed day
 * (`frozenThrough`, the last day of the latest closed period), so a closed period keeps the
 * rules it was scored with; the version in force on that date is ended the day before.
 */
export function planRuleVersion(rules: readonly IncentiveRule[], next: Pick<IncentiveRule, "item" | "effectiveFrom">, frozenThrough: string | null): RuleVersionPlan {
  if (!isCalendarDate(next.effectiveFrom)) return { ok: false, reason: "生效日不是有效日期。" };
  if (frozenThrough && next.effectiveFrom <= frozenThrough) {
    return { ok: false, reason: `${frozenThrough} 以前的期間已結算，新規則最早只能自 ${addDays(frozenThrough, 1)} 起生效。` };
  }
  const later = rules.find((r) => r.item === next.item && r.effectiveFrom >= next.effectiveFrom);
  if (later) return { ok: false, reason: `這個項目已有自 ${later.effectiveFrom} 起生效的版本；請改該版本或選更晚的生效日。` };
  const current = ruleInForce(rules, next.item, next.effectiveFrom);
  return { ok: true, close: current ? { ruleId: current.id, effectiveTo: addDays(next.effectiveFrom, -1) } : null };
}

// ------------------------------------------------------------------------------ entries

export const ENTRY_STATUSES = ["pending", "approved", "rejected"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { pending: "待主管核定", approved: "已核定", rejected: "未核定" };

export const ENTRY_SOURCES = ["manual", "csv", "counter_ranking", "proposal"] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/** One incentive entry: what a person did, for which item, on which day, and whether a supervisor approved it. */
export interface IncentiveEntry {
  id: number;
  person: string;
  item: string;
  /** `YYYY-MM-DD`: the day the work belongs to (a ranked period's last day, a grade's grant date). It selects the rule and the period. */
  date: string;
  /** For per-unit rules; negative to take back units counted too many. */
  quantity?: number | null;
  rank?: number | null;
  grade?: string | null;
  /** Points given directly: for `points` rules, or a supervisor's correction on any rule. */
  points?: number | null;
  status: EntryStatus;
  /** Required once approved: an entry approved after its period closed is an adjustment. */
  approvedAt?: Date | null;
  source?: EntrySource;
}

/** A closed period: its scores are frozen from `closedAt` on. */
export interface ClosedPeriod {
  kind: PeriodKind;
  key: string;
  /** Its first and last day (as in `Period`). */
  first: string;
  last: string;
  closedAt: Date;
}

/** The points an entry earns under a rule before any cap, or why it earns none. */
export function entryPoints(rule: IncentiveRule, entry: Pick<IncentiveEntry, "quantity" | "rank" | "grade" | "points">): { points: number } | { error: string } {
  if (entry.points !== undefined && entry.points !== null) {
    return Number.isFinite(entry.points) ? { points: entry.points } : { error: "點數必須是數字。" };
  }
  const s = rule.scoring;
  switch (s.kind) {
    case "per_unit":
      if (entry.quantity === undefined || entry.quantity === null || !Number.isFinite(entry.quantity)) return { error: `「${rule.label}」要填件數。` };
      return { points: clean(entry.quantity * s.pointsPerUnit) };
    case "rank":
      if (!entry.rank || !Number.isInteger(entry.rank) || entry.rank < 1) return { error: `「${rule.label}」要填名次（正整數）。` };
      return { points: s.points[entry.rank] ?? 0 };
    case "grade":
      if (!entry.grade?.trim()) return { error: `「${rule.label}」要填等第。` };
      return { points: s.points[entry.grade.trim().replace(/等$/, "")] ?? 0 };
    case "points":
      return { error: `「${rule.label}」要直接填點數。` };
  }
}

export interface ScoredEntry {
  entry: IncentiveEntry;
  /** The rule in force on the entry's date; null when none. */
  rule: IncentiveRule | null;
  /** Counted: approved, a rule in force, points readable. */
  counted: boolean;
  /** Why not counted, in zh-TW; null when counted. */
  reason: string | null;
  /** Before the cap. */
  rawPoints: number;
  /** After the cap (0 when not counted). */
  points: number;
  /** Approved after a closed period containing its date had closed: shown as an adjustment, never folded into the frozen figures. */
  adjustment: boolean;
}

/**
 * The earliest closing of a closed period that contains a date, or null — remembered per date: an
 * office closes ~14 periods a year, so over years of history a scan per entry grew with every year
 * stored (issue 10); entries share few dates.
 */
function firstClosingOf(closed: readonly ClosedPeriod[]): (date: string) => Date | null {
  const memo = new Map<string, Date | null>();
  return (date) => {
    if (memo.has(date)) return memo.get(date)!;
    const day = toTaipeiDate(date);
    let first: Date | null = null;
    for (const c of closed) if (c.first <= day && day <= c.last && (!first || c.closedAt < first)) first = c.closedAt;
    memo.set(date, first);
    return first;
  };
}

/**
 * Scores every entry. Only approved entries count. Each is scored with the rule in force on its
 * own date, so a rule changed later never touches an earlier period. Caps apply per person, rule
 * version and period of the rule's `periodKind`, consumed in time order: each entry gets
 * min(cap, points so far including it) − min(cap, points so far before it), so the capped total is
 * min(cap, Σ). In that order an ordinary entry stands at its date and an adjustment at the day it
 * was approved: an adjustment takes only the room left when it came, and never changes a point
 * already frozen. Pass the entries from the start of the longest cap period (a year-capped rule
 * needs the year so far).
 */
export function scoreEntries(rules: readonly IncentiveRule[], entries: readonly IncentiveEntry[], closed: readonly ClosedPeriod[] = []): ScoredEntry[] {
  const firstClosing = firstClosingOf(closed);
  const scored: ScoredEntry[] = entries.map((entry) => {
    const rule = ruleInForce(rules, entry.item, entry.date);
    const base = { entry, rule, rawPoints: 0, points: 0, adjustment: false };
    if (entry.status !== "approved") return { ...base, counted: false, reason: entry.status === "pending" ? "尚待主管核定，不計分。" : "主管未核定，不計分。" };
    if (!rule) return { ...base, counted: false, reason: `${entry.date} 沒有適用的「${entry.item}」獎勵規則。` };
    const result = entryPoints(rule, entry);
    if ("error" in result) return { ...base, counted: false, reason: result.error };
    const closing = firstClosing(entry.date);
    const adjustment = closing !== null && !!entry.approvedAt && entry.approvedAt > closing;
    return { ...base, counted: true, reason: null, rawPoints: result.points, adjustment };
  });

  const groups = new Map<string, ScoredEntry[]>();
  for (const s of scored) {
    if (!s.counted || !s.rule) continue;
    const key = `${s.entry.person}\u0000${s.rule.id}\u0000${periodOf(s.entry.date, s.rule.periodKind).key}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const position = (s: ScoredEntry) => {
    if (!s.adjustment || !s.entry.approvedAt) return s.entry.date;
    const approvedOn = taipeiDate(s.entry.approvedAt);
    return approvedOn > s.entry.date ? approvedOn : s.entry.date;
  };
  for (const group of groups.values()) {
    const cap = group[0].rule!.capPerPeriod;
    group.sort((a, b) => (position(a) < position(b) ? -1 : position(a) > position(b) ? 1 : Number(a.adjustment) - Number(b.adjustment) || a.entry.id - b.entry.id));
    let sum = 0;
    for (const s of group) {
      const before = cap === null ? sum : Math.min(cap, sum);
      sum = clean(sum + s.rawPoints);
      const after = cap === null ? sum : Math.min(cap, sum);
      s.points = clean(after - before);
    }
  }
  return scored;
}

// ------------------------------------------------------------------------------ scoreboard

export interface RewardThreshold {
  reward: string;
  minPoints: number;
}

/** Example thresholds for a half-year board; each office sets its own (lowest first). */
export const EXAMPLE_REWARD_THRESHOLDS: readonly RewardThreshold[] = [
  { reward: "嘉獎一次", minPoints: 20 },
  { reward: "嘉獎二次", minPoints: 40 },
  { reward: "記功一次", minPoints: 60 },
];

export function validateRewardThresholds(thresholds: readonly RewardThreshold[]): string[] {
  const errors: string[] = [];
  thresholds.forEach((t, i) => {
    if (!t.reward.trim()) errors.push("獎勵名稱不能空白。");
    if (!Number.isFinite(t.minPoints) || t.minPoints <= 0) errors.push(`「${t.reward}」的門檻必須大於 0。`);
    if (i > 0 && !(t.minPoints > thresholds[i - 1].minPoints)) errors.push("門檻必須由低到高排列，且不能相同。");
  });
  return errors;
}

/** The highest reward whose threshold the points reach (≥), or null. */
export function suggestedReward(points: number, thresholds: readonly RewardThreshold[] = EXAMPLE_REWARD_THRESHOLDS): string | null {
  let best: RewardThreshold | null = null;
  for (const t of thresholds) if (points >= t.minPoints && (!best || t.minPoints > best.minPoints)) best = t;
  return best?.reward ?? null;
}

export interface BreakdownLine {
  item: string;
  label: string;
  /** Counted in `total`. */
  points: number;
  /** Adjustments after closing. */
  adjustments: number;
  entries: number;
}

export interface ScoreboardRow {
  person: string;
  rank: number;
  /** The period's figure: for a closed period, frozen at its closing; for an open one, every counted entry but the adjustments. */
  total: number;
  /** Adjustment entries, shown separately. */
  adjustments: number;
  /** total + adjustments. */
  finalTotal: number;
  breakdown: BreakdownLine[];
  /** From `finalTotal`: the personnel office acts on the corrected figure. */
  suggestedReward: string | null;
}

export interface Scoreboard {
  period: Period;
  closedAt: Date | null;
  rows: ScoreboardRow[];
  /** The adjustment entries of the period, for the separate list. */
  adjustmentEntries: ScoredEntry[];
}

/**
 * The scoreboard of one period. Entries count by their date. For a closed period, `total` holds
 * what was approved by the closing and anything approved after is an adjustment; the rank is by
 * `total`, so it never moves after closing. For an open period, `total` holds every counted entry
 * except adjustments to periods closed inside it, and the rank is by `finalTotal`. Ties share a
 * rank (compared at two decimals). `people` adds people with no points (0, sharing the last rank).
 */
export function scoreboard(
  scored: readonly ScoredEntry[],
  period: Period,
  options: { closed?: readonly ClosedPeriod[]; people?: readonly string[]; thresholds?: readonly RewardThreshold[] } = {},
): Scoreboard {
  const closing = (options.closed ?? []).filter((c) => c.first === period.first && c.last === period.last);
  const closedAt = closing.length ? new Date(Math.min(...closing.map((c) => c.closedAt.getTime()))) : null;
  const inPeriod = scored.filter((s) => s.counted && periodContains(period, s.entry.date));
  const isAdjustment = (s: ScoredEntry) => (closedAt ? !!s.entry.approvedAt && s.entry.approvedAt > closedAt : s.adjustment);

  const people = new Map<string, Map<string, BreakdownLine>>();
  for (const p of options.people ?? []) people.set(p, new Map());
  for (const s of inPeriod) {
    const lines = people.get(s.entry.person) ?? new Map<string, BreakdownLine>();
    people.set(s.entry.person, lines);
    const line = lines.get(s.entry.item) ?? { item: s.entry.item, label: s.rule?.label ?? s.entry.item, points: 0, adjustments: 0, entries: 0 };
    if (isAdjustment(s)) line.adjustments = clean(line.adjustments + s.points);
    else line.points = clean(line.points + s.points);
    line.entries++;
    lines.set(s.entry.item, line);
  }
  const rows = [...people.entries()].map(([person, lines]) => {
    const breakdown = [...lines.values()].sort((a, b) => a.item.localeCompare(b.item));
    const total = clean(breakdown.reduce((s, l) => s + l.points, 0));
    const adjustments = clean(breakdown.reduce((s, l) => s + l.adjustments, 0));
    const finalTotal = clean(total + adjustments);
    return { person, rank: 0, total, adjustments, finalTotal, breakdown, suggestedReward: suggestedReward(finalTotal, options.thresholds) };
  });
  const rankBy = (r: ScoreboardRow) => roundScore(closedAt ? r.total : r.finalTotal);
  const ranks = competitionRanks(rows.map(rankBy));
  rows.forEach((r, i) => (r.rank = ranks[i]));
  rows.sort((a, b) => a.rank - b.rank || a.person.localeCompare(b.person, "en", { numeric: true }));
  return { period, closedAt, rows, adjustmentEntries: inPeriod.filter(isAdjustment) };
}

// ------------------------------------------------------------------------------ from other modules

/**
 * Entries for the counter ranks of a closed ranking period, dated on its last day (so they fall in
 * that month and take the rule in force then). Unranked people get none. The server stores them
 * as pending for the supervisor to approve, like any other entry.
 */
export function counterRankEntries(
  ranked: readonly { staff: string; rank: number | null }[],
  period: Pick<Period, "last">,
): Omit<IncentiveEntry, "id" | "status" | "approvedAt">[] {
  return ranked
    .filter((r): r is { staff: string; rank: number } => r.rank !== null)
    .map((r) => ({ person: r.staff, item: "counter_rank", date: period.last, rank: r.rank, source: "counter_ranking" as const }));
}

/** An entry for a proposal's reward grade once granted (proposals module, reward-grade.ts), dated on the grant day. */
export function proposalGradeEntry(person: string, grade: string, grantedOn: string | Date): Omit<IncentiveEntry, "id" | "status" | "approvedAt"> {
  return { person, item: "proposal_grade", date: toTaipeiDate(grantedOn), grade, source: "proposal" };
}
