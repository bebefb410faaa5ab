// The rules of a review-committee round (研提案件審查小組): recusal (利益迴避), quorum, the scoring
// rubric, the tally, spread of scores, and who may see which ballot. Issue 4, "Committee round";
// PRODUCT.md module 5. Pure (ARCHITECTURE rule 6): the server loads members, attendance and
// ballots for one proposal and asks these functions; nothing here reads a database.
import type { UserId } from "./proposal-workflow";

export type RoundState = "planned" | "open" | "closed";

// ------------------------------------------------------------------------------ recusal

export type RecusalReason = "proposer" | "co_proposer" | "declared_conflict" | "chair_ordered";

export const RECUSAL_REASON_LABELS: Record<RecusalReason, string> = {
  proposer: "提案人",
  co_proposer: "共同提案人",
  declared_conflict: "自行申請迴避",
  chair_ordered: "主席命其迴避",
};

export interface RecusedMember {
  memberId: UserId;
  /** Every reason that applies, in the order above (the minutes print them all). */
  reasons: RecusalReason[];
}

/**
 * Members who must sit out this proposal: its proposers and co-proposers automatically, members
 * who declared a conflict, and members the chair ordered out. Only committee members are returned
 * (a proposer who is not a member has nothing to sit out), in the order of `members`.
 */
export function recusedMembers(input: {
  members: readonly UserId[];
  proposers: readonly UserId[];
  coProposers: readonly UserId[];
  declaredConflicts: readonly UserId[];
  chairOrdered: readonly UserId[];
}): RecusedMember[] {
  const sources: [RecusalReason, ReadonlySet<UserId>][] = [
    ["proposer", new Set(input.proposers)],
    ["co_proposer", new Set(input.coProposers)],
    ["declared_conflict", new Set(input.declaredConflicts)],
    ["chair_ordered", new Set(input.chairOrdered)],
  ];
  const out: RecusedMember[] = [];
  for (const memberId of new Set(input.members)) {
    const reasons = sources.filter(([, ids]) => ids.has(memberId)).map(([reason]) => reason);
    if (reasons.length > 0) out.push({ memberId, reasons });
  }
  return out;
}

// ------------------------------------------------------------------------------ quorum

/**
 * How the "half" is read:
 * - `at_least_half` (半數, the default, as issue 4 says "at least half"): present ≥ eligible / 2,
 *   i.e. required = ⌈eligible / 2⌉ — 3 eligible need 2, 4 need 2, 5 need 3.
 * - `more_than_half` (過半數, 「須有過半數委員出席」 as many 設置要點 word it): present > eligible / 2,
 *   i.e. required = ⌊eligible / 2⌋ + 1 — 3 need 2, 4 need 3, 5 need 3.
 * The two differ only for an even number of eligible members.
 */
export type QuorumRule = "at_least_half" | "more_than_half";

export interface QuorumResult {
  /** Members who are not recused. */
  eligible: number;
  /** Of those, how many are present. */
  eligiblePresent: number;
  required: number;
  /** Voting may open. Never when nobody is eligible. */
  met: boolean;
}

/** Recused members neither vote nor count toward the quorum (issue 4). */
export function quorum(
  input: { members: readonly UserId[]; present: readonly UserId[]; recused: readonly (UserId | RecusedMember)[] },
  rule: QuorumRule = "at_least_half",
): QuorumResult {
  const recused = new Set(input.recused.map((r) => (typeof r === "number" ? r : r.memberId)));
  const present = new Set(input.present);
  const eligibleIds = [...new Set(input.members)].filter((id) => !recused.has(id));
  const eligible = eligibleIds.length;
  const eligiblePresent = eligibleIds.filter((id) => present.has(id)).length;
  const required = rule === "at_least_half" ? Math.ceil(eligible / 2) : Math.floor(eligible / 2) + 1;
  return { eligible, eligiblePresent, required, met: eligible > 0 && eligiblePresent >= required };
}

/** Why this member may not cast (or change) a ballot now, or null when they may. */
export function ballotRefusal(input: {
  roundState: RoundState;
  isMember: boolean;
  isRecused: boolean;
  isPresent: boolean;
  quorumMet: boolean;
}): string | null {
  if (!input.isMember) return "只有審查小組委員可以投票。";
  if (input.roundState === "planned") return "審查會議尚未開始，還不能投票。";
  if (input.roundState === "closed") return "審查會議已結束投票，不能再投票或修改。";
  if (input.isRecused) return "您在本案應予迴避，不能投票或評分。";
  if (!input.isPresent) return "您未登記出席本次會議，不能投票。";
  if (!input.quorumMet) return "出席委員（扣除迴避者）未達半數，尚不能開始投票。";
  return null;
}

// ------------------------------------------------------------------------------ rubric

/** Criterion → weight (配分). Object key order is the order on the form and in the minutes. */
export type RubricWeights = Readonly<Record<string, number>>;
/** Criterion → points given by one member. */
export type RubricScores = Readonly<Record<string, number>>;

/** Issue 4's default; each office may set its own. */
export const DEFAULT_RUBRIC_WEIGHTS: RubricWeights = { 創新性: 30, 可行性: 30, 效益性: 30, 完整性: 10 };

const EPSILON = 1e-9;

/** Problems with a set of weights (empty when valid): at least one criterion, each > 0, summing to 100. */
export function validateWeights(weights: RubricWeights): string[] {
  const entries = Object.entries(weights);
  if (entries.length === 0) return ["評分項目至少要有一項。"];
  const errors: string[] = [];
  for (const [criterion, weight] of entries) {
    if (criterion.trim() === "") errors.push("評分項目名稱不能空白。");
    if (!Number.isFinite(weight) || weight <= 0) errors.push(`「${criterion}」的配分必須大於 0。`);
  }
  const sum = entries.reduce((s, [, w]) => s + (Number.isFinite(w) ? w : 0), 0);
  if (Math.abs(sum - 100) > EPSILON) errors.push(`各項配分合計必須是 100，目前是 ${sum}。`);
  return errors;
}

export type RubricResult =
  | { ok: true; total: number }
  | { ok: false; errors: { criterion: string | null; reason: string }[] };

/**
 * One member's rubric total. Scale: 配分制, as on the paper 評分表 — each criterion is scored in
 * points from 0 to its weight (創新性 0–30, 完整性 0–10), and the total is their sum, 0–100. That
 * sum equals the weighted mean of the criteria expressed in percent, so both readings agree.
 * Decimal points are accepted (the form may restrict them).
 */
export function rubricScore(scores: RubricScores, weights: RubricWeights = DEFAULT_RUBRIC_WEIGHTS): RubricResult {
  const weightErrors = validateWeights(weights);
  if (weightErrors.length > 0) return { ok: false, errors: weightErrors.map((reason) => ({ criterion: null, reason })) };
  const errors: { criterion: string | null; reason: string }[] = [];
  for (const criterion of Object.keys(scores)) {
    if (!(criterion in weights)) errors.push({ criterion, reason: `「${criterion}」不是本所的評分項目。` });
  }
  let total = 0;
  for (const [criterion, weight] of Object.entries(weights)) {
    const score = scores[criterion];
    if (score === undefined || score === null) {
      errors.push({ criterion, reason: `請為「${criterion}」評分。` });
    } else if (!Number.isFinite(score) || score < 0 || score > weight) {
      errors.push({ criterion, reason: `「${criterion}」的分數必須在 0 到 ${weight} 分之間。` });
    } else {
      total += score;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  // Sums of decimals carry binary noise (0.1 + 0.2); 7 places is finer than any score shown.
  return { ok: true, total: Math.round(total * 1e7) / 1e7 };
}

// ------------------------------------------------------------------------------ tally

export const VOTE_CHOICES = ["採行", "修正後採行", "不採行", "棄權"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/**
 * What the votes say, for the chair to turn into a decision:
 * - `採行` / `修正後採行`: those in favour (採行 + 修正後採行) outnumber 不採行, and that choice
 *   has strictly more votes than the other favourable one;
 * - `不採行`: 不採行 outnumbers those in favour;
 * - `tie`: in favour = against, or 採行 = 修正後採行 among a favourable majority — the chair
 *   decides (主席裁決, 「可否同數時，取決於主席」);
 * - `no_votes`: nobody voted other than 棄權.
 * Abstentions are not counted on either side (majority of votes cast). The stricter reading,
 * 「出席委員過半數同意」 where an abstention counts as not agreeing, is not modelled: issue 4 asks
 * only that a tie goes to the chair.
 */
export type TallyOutcome = "採行" | "修正後採行" | "不採行" | "tie" | "no_votes";

export interface Tally {
  counts: Record<VoteChoice, number>;
  /** Ballots that are not 棄權. */
  cast: number;
  total: number;
  inFavour: number;
  outcome: TallyOutcome;
}

export function tally(votes: readonly VoteChoice[]): Tally {
  const counts: Record<VoteChoice, number> = { 採行: 0, 修正後採行: 0, 不採行: 0, 棄權: 0 };
  for (const vote of votes) {
    if (!(vote in counts)) throw new RangeError(`tally: unknown vote ${String(vote)}`);
    counts[vote] += 1;
  }
  const inFavour = counts.採行 + counts.修正後採行;
  const against = counts.不採行;
  const cast = inFavour + against;
  let outcome: TallyOutcome;
  if (cast === 0) outcome = "no_votes";
  else if (inFavour === against) outcome = "tie";
  else if (against > inFavour) outcome = "不採行";
  else if (counts.採行 === counts.修正後採行) outcome = "tie";
  else outcome = counts.採行 > counts.修正後採行 ? "採行" : "修正後採行";
  return { counts, cast, total: votes.length, inFavour, outcome };
}

// ------------------------------------------------------------------------------ spread

export interface SpreadStatistics {
  n: number;
  mean: number | null;
  /** Population SD (divide by n, Excel's STDEV.P): the members present are the whole committee, not a sample. */
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface CriterionStatistics {
  byCriterion: ({ criterion: string } & SpreadStatistics)[];
  /** Of each member's total (sum of that member's criteria); its mean is the mean committee score. */
  total: SpreadStatistics;
}

function spread(values: readonly number[]): SpreadStatistics {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, min: null, max: null };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return { n, mean, sd: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Mean and spread (SD and min–max) per criterion across the members who scored, plus the same for
 * their totals. Criteria follow `weights` when given, otherwise the order first seen. Pass only
 * valid (rubricScore-checked) score sheets of voting members; abstainers who did not score are
 * simply absent.
 */
export function criterionStatistics(
  scoresByMember: Readonly<Record<string, RubricScores>> | ReadonlyMap<UserId, RubricScores>,
  weights?: RubricWeights,
): CriterionStatistics {
  const sheets = scoresByMember instanceof Map ? [...scoresByMember.values()] : Object.values(scoresByMember);
  const criteria = weights ? Object.keys(weights) : [...new Set(sheets.flatMap((s) => Object.keys(s)))];
  const byCriterion = criteria.map((criterion) => ({
    criterion,
    ...spread(sheets.map((s) => s[criterion]).filter((v): v is number => typeof v === "number" && Number.isFinite(v))),
  }));
  const totals = sheets.map((s) => criteria.reduce((sum, c) => sum + (Number.isFinite(s[c]) ? s[c] : 0), 0));
  return { byCriterion, total: spread(totals) };
}

// ------------------------------------------------------------------------------ hidden ballots

/**
 * Until the chair closes the round, a viewer sees only their own ballot — nobody, the chair
 * included, sees anyone else's scores or votes (issue 4). After closing, everyone with access to
 * the round sees all ballots. Loaders must filter with this before building their DTO.
 */
export function visibleBallots<B extends { memberId: UserId }>(viewerId: UserId, roundState: RoundState, ballots: readonly B[]): B[] {
  if (roundState === "closed") return [...ballots];
  return ballots.filter((b) => b.memberId === viewerId);
}
