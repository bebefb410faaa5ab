import { Badge } from "@mantine/core";
import { formatRocDateTime } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import type { QuizWindowStatus } from "~/modules/quizzes/quizzes.schema";

const STATUS_COLOR: Record<QuizWindowStatus, string> = { upcoming: "gray.7", open: "green.8", closed: "blue.9" };

export function QuizStatusBadge({ status, published = true }: { status: QuizWindowStatus; published?: boolean }) {
  const t = useT();
  if (!published) {
    return (
      <Badge color="yellow.8" variant="light">
        {t("quizAdmin.draft")}
      </Badge>
    );
  }
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`quizAdmin.status.${status}`)}
    </Badge>
  );
}

/** 「民國115年11月1日 08:00 起 至 民國115年11月21日 23:59」, or 「不限期間」. */
export function QuizWindow({ opensAt, closesAt }: { opensAt: string | Date | null; closesAt: string | Date | null }) {
  const t = useT();
  const language = useLanguage();
  if (!opensAt && !closesAt) return <>{t("quizAdmin.windowAlways")}</>;
  const parts: string[] = [];
  if (opensAt) parts.push(t("quizAdmin.windowFrom", { from: formatRocDateTime(opensAt, language) }));
  if (closesAt) parts.push(t("quizAdmin.windowUntil", { until: formatRocDateTime(closesAt, language) }));
  return <>{parts.join(" ")}</>;
}

/** A percent score as people read it: one decimal at most. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return String(Math.round(value * 10) / 10);
}

export function PassedBadge({ passed }: { passed: boolean | null }) {
  const t = useT();
  if (passed === null) return null;
  return passed ? (
    <Badge color="green.8" variant="light">
      {t("quizAdmin.passed")}
    </Badge>
  ) : (
    <Badge color="red.8" variant="light">
      {t("quizAdmin.failed")}
    </Badge>
  );
}
