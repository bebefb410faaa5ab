// The dashboard as CSV (issue 9: "Print view and export"): every figure of the office — or of every
// office for the bureau — with its period, definition, target, previous value and trend, then the
// ranked lists and what is overdue, in the reader's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { figureText, formatFigureValue } from "~/components/dashboard/figure-parts";
import { languageFromCookieHeader, translator } from "~/i18n/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { csvResponse } from "~/modules/csv.server";
import { computeDashboard, overdueOf, resolveScope } from "~/modules/dashboard/dashboard.server";
import { toCsv } from "~/modules/listing";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "dashboard.view");
  const db = args.context.db;
  const url = new URL(args.request.url);
  const now = new Date();
  const { offices, office, period, today } = await resolveScope(db, user, url, now);
  const shown = office ? [office] : offices;
  const byOffice = await computeDashboard(db, shown.map((o) => o.id), period, today, now);
  const language = languageFromCookieHeader(args.request.headers.get("cookie"));
  const t = translator(language);
  const periodText = language === "zh-TW" ? period.label : period.key;
  const rows: (string | number | null)[][] = [];
  for (const o of shown) {
    const sections = byOffice.get(o.id) ?? [];
    for (const section of sections) {
      const sectionName = t(`dashboard.section.${section.id}`);
      for (const f of section.figures) {
        const missing = f.value === null ? t(f.missingReason === "belowThreshold" ? "dashboard.belowThreshold" : "dashboard.noData") : "";
        rows.push([
          o.name,
          sectionName,
          figureText(t, f.id, "title"),
          periodText,
          f.value,
          t(`dashboard.unit.${f.unit}`, { value: "" }).trim(),
          f.numerator ?? null,
          f.denominator ?? null,
          f.target ?? null,
          f.previous ?? null,
          f.trend.map((p) => `${language === "zh-TW" ? p.label : p.key}:${p.value === null ? "—" : p.value}`).join("; "),
          missing,
          figureText(t, f.id, "definition"),
        ]);
      }
      for (const list of section.lists) {
        list.rows.forEach((row, i) => {
          rows.push([o.name, sectionName, figureText(t, list.id, "title"), periodText, row.value, t(`dashboard.unit.${list.unit}`, { value: "" }).trim(), null, null, null, null, "", `${i + 1}. ${row.label}${row.note ? `（${row.note}）` : ""}`, figureText(t, list.id, "definition")]);
        });
      }
    }
    for (const item of overdueOf(sections)) {
      rows.push([o.name, t("dashboard.overdue.title"), t(`dashboard.overdue.kind.${item.kind}`), item.since, item.count, "", null, null, null, null, "", `${item.title}${item.note ? `（${item.note}）` : ""}；${formatFigureValue(t, item.daysOverdue, "days")}`, ""]);
    }
  }
  const header = ["dashboard.office", "dashboard.export.section", "dashboard.export.figure", "dashboard.export.period", "dashboard.export.value", "dashboard.export.unit", "dashboard.export.numerator", "dashboard.export.denominator", "dashboard.export.target", "dashboard.export.previous", "dashboard.export.trend", "dashboard.export.note", "dashboard.export.definition"] as const;
  const name = office ? office.shortName || office.name : t("dashboard.allOffices");
  return csvResponse(`${t("dashboard.title")}-${name}-${period.key}.csv`, toCsv(header.map((h) => t(h)), rows));
}
