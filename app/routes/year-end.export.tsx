// The office's 年終考核依據 as one CSV for the personnel office (issue 9: "an export for the whole
// office"): one line per colleague with the year's headline numbers, UTF-8 with a BOM so Excel opens
// Traditional Chinese, headers in the reader's language (csvRow, toCsv).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestLanguage } from "~/i18n/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { csvResponse } from "~/modules/csv.server";
import { toCsv } from "~/modules/listing";
import { CSV_COLUMNS, csvRow } from "~/modules/year-end/year-end";
import { yearFromSearch } from "~/modules/year-end/year-end.schema";
import { officeYearEnd } from "~/modules/year-end/year-end.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "yearEnd.view");
  const now = new Date();
  const { year } = yearFromSearch(new URL(args.request.url), now);
  const { t } = requestLanguage(args.request);
  const office = await officeYearEnd(args.context.db, user.officeId, year, now);
  const words = {
    judgement: (j: "behind" | "on_track" | "done" | null) => (j === null ? t("yearEnd.csv.noTarget") : t(`progress.${j}`)),
    noCounterWork: t("yearEnd.csv.noCounterWork"),
  };
  const csv = toCsv(
    CSV_COLUMNS.map((c) => t(`yearEnd.csv.${c}`)),
    office.people.map((p) => csvRow(p, words)),
  );
  return csvResponse(`年終考核依據-${office.officeName}-${year}.csv`, csv);
}
