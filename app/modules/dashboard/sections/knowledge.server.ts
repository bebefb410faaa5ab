// The dashboard's knowledge section (issue 9: "new and most-read knowledge-base cases; clipping
// acknowledgement rate and overdue circulations"), with the tables behind each figure and the
// unread circulations past their due date. Every query takes all the offices in the context at once
// and groups by office (the bureau compares every office side by side): never a query per office or
// per row. The rules it counts by are the knowledge module's (README.md beside knowledge/):
// a case counts from its publication (published_at, kept when it is later archived); a reading is a
// kb_case_reads row (first and latest reading of one person); a recipient has acknowledged when they
// acknowledged the clipping's CURRENT substance version (circulation.ts, recipientStatus); a 必閱
// circulation is overdue the day after its due date for active recipients (circulation.ts, isOverdue).
import { sql, type Executor } from "../../db.server";
import { CASE_CATEGORY_LABELS, type CaseCategory } from "../../knowledge/case-rules";
import { addDays, periodInstants, type Period } from "../../counters/periods";
import { trendPeriods } from "../dashboard-period";
import { percentOf, type DrillTable, type Figure, type OverdueItem, type RankedList, type SectionResult, type TrendPoint } from "../figure";
import { periodKeySql, taipeiDateSql } from "../period-sql";
import type { DashboardSection, SectionContext } from "../section";

export const KNOWLEDGE_FIGURES = {
  newCases: "knowledge.newCases",
  mostRead: "knowledge.mostRead",
  ackRate: "clippings.ackRate",
} as const;

/** How many cases the most-read list shows (its table lists them all). */
export const MOST_READ_LENGTH = 5;

/** At most this many names in an overdue item's note; the rest are counted. */
const NAMES_IN_NOTE = 3;

// ------------------------------------------------------------------------------ shared SQL pieces

/** A published case counts from its publication, also when it has been archived since. */
const PUBLISHED_STATES = ["published", "archived"] as const;

/**
 * The date a 必閱 circulation is judged by: its due date. A 必閱 always has one (circulationProblems);
 * the date it was sent stands in should an older row lack it.
 */
const circulationDateSql = sql<string>`coalesce(c.due_on, ${taipeiDateSql("c.created_at")})`;

/** Acknowledged the clipping's current version (an acknowledgement of version n does not count for n+1). */
const acknowledgedSql = sql<boolean>`(r.acknowledged_version is not null and r.acknowledged_version >= k.version)`;

/** The last day whose due dates have passed: yesterday (the due day itself is still in time), within the period. */
function lastPassedDueDay(period: Pick<Period, "last">, today: string): string {
  const yesterday = addDays(today, -1);
  return yesterday < period.last ? yesterday : period.last;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A reading of a case falls in the period when the person's first or latest reading does. */
function readInPeriod(start: Date, end: Date) {
  return sql<boolean>`((r.first_at >= ${start} and r.first_at < ${end}) or (r.last_at >= ${start} and r.last_at < ${end}))`;
}

const emptyFigure = (id: string, unit: Figure["unit"], higherIsBetter: boolean, trend: TrendPoint[]): Figure => ({
  id,
  value: null,
  unit,
  higherIsBetter,
  previous: null,
  trend,
  missingReason: "noData",
  drillable: true,
});

// ------------------------------------------------------------------------------ queries

/** Cases published per office and period, over the trend's periods. */
async function newCasesByPeriod(db: Executor, officeIds: readonly number[], trend: Period[]) {
  const { start } = periodInstants(trend[0]);
  const { end } = periodInstants(trend[trend.length - 1]);
  const key = periodKeySql(trend[0].kind, taipeiDateSql("c.published_at"));
  const rows = await db
    .selectFrom("kbCases as c")
    .select(["c.officeId", key.as("key"), (eb) => eb.fn.countAll<string>().as("n")])
    .where("c.officeId", "in", officeIds)
    .where("c.state", "in", PUBLISHED_STATES)
    .where("c.publishedAt", ">=", start)
    .where("c.publishedAt", "<", end)
    .groupBy(["c.officeId", key])
    .execute();
  return rows.map((r) => ({ officeId: r.officeId, key: r.key, n: Number(r.n) }));
}

/** Per office, its published cases with the most distinct readers in the period (the top `limit`, or all). */
async function readersInPeriod(db: Executor, officeIds: readonly number[], period: Period, limit: number | null) {
  const { start, end } = periodInstants(period);
  const ranked = db
    .selectFrom("kbCases as c")
    .innerJoin("kbCaseReads as r", "r.caseId", "c.id")
    .select([
      "c.officeId",
      "c.id",
      "c.title",
      "c.category",
      sql<string | null>`to_char(${taipeiDateSql("c.published_at")}, 'YYYY-MM-DD')`.as("publishedOn"),
      (eb) => eb.fn.countAll<string>().as("readers"),
      (eb) => eb.fn.sum<string>("r.count").as("reads"),
      sql<string>`row_number() over (partition by c.office_id order by count(*) desc, c.id)`.as("rank"),
    ])
    .where("c.officeId", "in", officeIds)
    .where("c.state", "=", "published")
    .where(readInPeriod(start, end))
    .groupBy(["c.officeId", "c.id", "c.title", "c.category", "c.publishedAt"]);
  let query = db.selectFrom(ranked.as("x")).selectAll();
  if (limit !== null) query = query.where("x.rank", "<=", String(limit));
  const rows = await query.orderBy("x.officeId").orderBy(sql`x.rank::int`).execute();
  return rows.map((r) => ({ ...r, readers: Number(r.readers), reads: Number(r.reads ?? 0) }));
}

/** Recipients and acknowledgements of 必閱 circulations per office and period, due dates passed only. */
async function acknowledgementsByPeriod(db: Executor, officeIds: readonly number[], trend: Period[], today: string) {
  const first = trend[0].first;
  const last = lastPassedDueDay(trend[trend.length - 1], today);
  if (last < first) return [];
  const key = periodKeySql(trend[0].kind, circulationDateSql);
  const rows = await db
    .selectFrom("circulations as c")
    .innerJoin("clippings as k", "k.id", "c.clippingId")
    .innerJoin("circulationRecipients as r", "r.circulationId", "c.id")
    .select([
      "c.officeId",
      key.as("key"),
      (eb) => eb.fn.countAll<string>().as("recipients"),
      sql<string>`count(*) filter (where ${acknowledgedSql})`.as("acknowledged"),
    ])
    .where("c.officeId", "in", officeIds)
    .where("c.kind", "=", "mandatory")
    .where(circulationDateSql, ">=", first)
    .where(circulationDateSql, "<=", last)
    .groupBy(["c.officeId", key])
    .execute();
  return rows.map((r) => ({ officeId: r.officeId, key: r.key, recipients: Number(r.recipients), acknowledged: Number(r.acknowledged) }));
}

/** Open 必閱 circulations past their due date, with the active recipients who have not acknowledged. */
async function unreadPastDue(db: Executor, officeIds: readonly number[], today: string) {
  const rows = await db
    .selectFrom("circulations as c")
    .innerJoin("clippings as k", "k.id", "c.clippingId")
    .innerJoin("circulationRecipients as r", "r.circulationId", "c.id")
    .innerJoin("users as u", "u.id", "r.userId")
    .select([
      "c.officeId",
      "c.id",
      "c.clippingId",
      "k.title",
      sql<string>`to_char(c.due_on, 'YYYY-MM-DD')`.as("dueOn"),
      (eb) => eb.fn.countAll<string>().as("pending"),
      // Code-point order ("C"), the same on PGlite and on any server's locale.
      sql<string>`string_agg(u.name, '、' order by u.name collate "C", u.id)`.as("names"),
    ])
    .where("c.officeId", "in", officeIds)
    .where("c.kind", "=", "mandatory")
    .where("c.closed", "=", false)
    .where("c.dueOn", "<", today)
    .where("u.active", "=", true)
    .where(sql<boolean>`not ${acknowledgedSql}`)
    .groupBy(["c.officeId", "c.id", "c.clippingId", "k.title", "c.dueOn"])
    .orderBy("c.dueOn")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({ ...r, pending: Number(r.pending) }));
}

// ------------------------------------------------------------------------------ figures

function namesNote(names: string, count: number): string {
  const list = names.split("、");
  const shown = list.slice(0, NAMES_IN_NOTE).join("、");
  return count > NAMES_IN_NOTE ? `未確認：${shown}等 ${count} 人` : `未確認：${shown}`;
}

async function compute(context: SectionContext): Promise<Map<number, SectionResult>> {
  const { db, officeIds, period, today } = context;
  const results = new Map<number, SectionResult>();
  if (officeIds.length === 0) return results;
  const periods = trendPeriods(period);

  const [cases, readers, acks, unread] = await Promise.all([
    newCasesByPeriod(db, officeIds, periods),
    readersInPeriod(db, officeIds, period, MOST_READ_LENGTH),
    acknowledgementsByPeriod(db, officeIds, periods, today),
    unreadPastDue(db, officeIds, today),
  ]);

  for (const officeId of officeIds) {
    // New cases: a period without a publication has nothing to show (null, not 0), like every figure.
    const caseCount = new Map(cases.filter((r) => r.officeId === officeId).map((r) => [r.key, r.n]));
    const caseTrend: TrendPoint[] = periods.map((p) => ({ key: p.key, label: p.label, value: caseCount.get(p.key) ?? null }));
    const casesNow = caseTrend[caseTrend.length - 1].value;
    const newCases: Figure =
      casesNow === null
        ? { ...emptyFigure(KNOWLEDGE_FIGURES.newCases, "count", true, caseTrend), previous: caseTrend[caseTrend.length - 2]?.value ?? null }
        : { id: KNOWLEDGE_FIGURES.newCases, value: casesNow, unit: "count", higherIsBetter: true, previous: caseTrend[caseTrend.length - 2]?.value ?? null, trend: caseTrend, drillable: true };

    // Acknowledgement rate.
    const ackRows = new Map(acks.filter((r) => r.officeId === officeId).map((r) => [r.key, r]));
    const ackTrend: TrendPoint[] = periods.map((p) => {
      const row = ackRows.get(p.key);
      return { key: p.key, label: p.label, value: row ? percentOf(row.acknowledged, row.recipients) : null };
    });
    const ackNow = ackRows.get(period.key);
    const ackPrevious = ackTrend[ackTrend.length - 2]?.value ?? null;
    const ackRate: Figure =
      ackNow && ackNow.recipients > 0
        ? {
            id: KNOWLEDGE_FIGURES.ackRate,
            value: percentOf(ackNow.acknowledged, ackNow.recipients),
            unit: "percent",
            numerator: ackNow.acknowledged,
            denominator: ackNow.recipients,
            higherIsBetter: true,
            previous: ackPrevious,
            trend: ackTrend,
            drillable: true,
          }
        : { ...emptyFigure(KNOWLEDGE_FIGURES.ackRate, "percent", true, ackTrend), previous: ackPrevious };

    const mostRead: RankedList = {
      id: KNOWLEDGE_FIGURES.mostRead,
      unit: "count",
      drillable: true,
      rows: readers
        .filter((r) => r.officeId === officeId)
        .map((r) => ({ label: r.title, value: r.readers, href: `/cases/${r.id}`, note: CASE_CATEGORY_LABELS[r.category as CaseCategory] ?? r.category })),
    };

    const overdue: OverdueItem[] = unread
      .filter((r) => r.officeId === officeId)
      .map((r) => ({
        kind: "circulationUnread",
        title: r.title,
        count: r.pending,
        since: addDays(r.dueOn, 1),
        daysOverdue: daysBetween(r.dueOn, today),
        href: `/clippings/${r.clippingId}`,
        note: namesNote(r.names, r.pending),
      }));

    results.set(officeId, { figures: [newCases, ackRate], lists: [mostRead], overdue });
  }
  return results;
}

// ------------------------------------------------------------------------------ drill-down tables

async function newCasesTable(db: Executor, officeId: number, period: Period): Promise<DrillTable> {
  const { start, end } = periodInstants(period);
  const rows = await db
    .selectFrom("kbCases as c")
    .leftJoin("users as u", "u.id", "c.authorId")
    .select([
      "c.id",
      "c.title",
      "c.category",
      "c.state",
      sql<string>`to_char(${taipeiDateSql("c.published_at")}, 'YYYY-MM-DD')`.as("publishedOn"),
      "u.name as author",
      (eb) => eb.selectFrom("kbCaseReads as r").select((e) => e.fn.countAll<string>().as("n")).whereRef("r.caseId", "=", "c.id").as("readers"),
    ])
    .where("c.officeId", "=", officeId)
    .where("c.state", "in", PUBLISHED_STATES)
    .where("c.publishedAt", ">=", start)
    .where("c.publishedAt", "<", end)
    .orderBy("c.publishedAt", "desc")
    .orderBy("c.id", "desc")
    .execute();
  return {
    figureId: KNOWLEDGE_FIGURES.newCases,
    columns: [
      { key: "title", label: "案例", kind: "text" },
      { key: "category", label: "類別", kind: "text" },
      { key: "publishedOn", label: "發布日期", kind: "date" },
      { key: "author", label: "撰寫人", kind: "text" },
      { key: "state", label: "狀態", kind: "text" },
      { key: "readers", label: "累計閱讀人數", kind: "number" },
    ],
    rows: rows.map((r) => ({
      title: r.title,
      titleHref: `/cases/${r.id}`,
      category: CASE_CATEGORY_LABELS[r.category as CaseCategory] ?? r.category,
      publishedOn: r.publishedOn,
      author: r.author ?? "",
      state: r.state === "archived" ? "已封存" : "已發布",
      readers: Number(r.readers ?? 0),
    })),
  };
}

async function mostReadTable(db: Executor, officeId: number, period: Period): Promise<DrillTable> {
  const rows = await readersInPeriod(db, [officeId], period, null);
  return {
    figureId: KNOWLEDGE_FIGURES.mostRead,
    columns: [
      { key: "title", label: "案例", kind: "text" },
      { key: "category", label: "類別", kind: "text" },
      { key: "publishedOn", label: "發布日期", kind: "date" },
      { key: "readers", label: "期間內閱讀人數", kind: "number" },
      { key: "reads", label: "這些讀者的累計閱讀次數", kind: "number" },
    ],
    rows: rows.map((r) => ({
      title: r.title,
      titleHref: `/cases/${r.id}`,
      category: CASE_CATEGORY_LABELS[r.category as CaseCategory] ?? r.category,
      publishedOn: r.publishedOn,
      readers: r.readers,
      reads: r.reads,
    })),
  };
}

async function ackRateTable(db: Executor, officeId: number, period: Period, today: string): Promise<DrillTable> {
  const table: DrillTable = {
    figureId: KNOWLEDGE_FIGURES.ackRate,
    columns: [
      { key: "title", label: "剪報", kind: "text" },
      { key: "dueOn", label: "完成期限", kind: "date" },
      { key: "recipients", label: "傳閱對象", kind: "number" },
      { key: "acknowledged", label: "已閱", kind: "number" },
      { key: "pending", label: "未確認", kind: "number" },
      { key: "rate", label: "確認率", kind: "percent" },
    ],
    rows: [],
  };
  const last = lastPassedDueDay(period, today);
  if (last < period.first) return table;
  const rows = await db
    .selectFrom("circulations as c")
    .innerJoin("clippings as k", "k.id", "c.clippingId")
    .innerJoin("circulationRecipients as r", "r.circulationId", "c.id")
    .select([
      "c.id",
      "c.clippingId",
      "k.title",
      sql<string>`to_char(${circulationDateSql}, 'YYYY-MM-DD')`.as("dueOn"),
      (eb) => eb.fn.countAll<string>().as("recipients"),
      sql<string>`count(*) filter (where ${acknowledgedSql})`.as("acknowledged"),
    ])
    .where("c.officeId", "=", officeId)
    .where("c.kind", "=", "mandatory")
    .where(circulationDateSql, ">=", period.first)
    .where(circulationDateSql, "<=", last)
    .groupBy(["c.id", "c.clippingId", "k.title"])
    .orderBy(sql`4`)
    .orderBy("c.id")
    .execute();
  table.rows = rows.map((r) => {
    const recipients = Number(r.recipients);
    const acknowledged = Number(r.acknowledged);
    return {
      title: r.title,
      titleHref: `/clippings/${r.clippingId}`,
      dueOn: r.dueOn,
      recipients,
      acknowledged,
      pending: recipients - acknowledged,
      rate: percentOf(acknowledged, recipients),
    };
  });
  return table;
}

export const knowledgeSection: DashboardSection = {
  id: "knowledge",
  compute,
  async detail(context, figureId) {
    switch (figureId) {
      case KNOWLEDGE_FIGURES.newCases:
        return newCasesTable(context.db, context.officeId, context.period);
      case KNOWLEDGE_FIGURES.mostRead:
        return mostReadTable(context.db, context.officeId, context.period);
      case KNOWLEDGE_FIGURES.ackRate:
        return ackRateTable(context.db, context.officeId, context.period, context.today);
      default:
        return null;
    }
  },
};
