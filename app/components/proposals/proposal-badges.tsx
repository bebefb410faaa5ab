import { Badge, Text } from "@mantine/core";
import { useT } from "~/i18n/use-t";
import type { ProposalState } from "~/modules/proposals/proposal-workflow";

// Colours by what the state asks of people: waiting (orange), moving (blue), done well (green), ended (gray).
const STATE_COLOR: Record<ProposalState, string> = {
  draft: "gray.7",
  submitted: "orange.9",
  returned: "red.8",
  rejected: "gray.7",
  forwarded: "orange.9",
  scheduled: "blue.8",
  decided_adopted: "teal.8",
  decided_forwarded_up: "teal.8",
  decided_reference: "gray.7",
  decided_not_adopted: "gray.7",
  in_implementation: "blue.8",
  implemented: "teal.8",
  reviewed: "green.8",
  withdrawn: "gray.7",
};

export function ProposalStateBadge({ state }: { state: ProposalState }) {
  const t = useT();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" data-state={state}>
      {t(`proposalState.${state}`)}
    </Badge>
  );
}

/** 「已等候 12 天」, red once past the office's alert threshold. */
export function StageAge({ days, alertDays }: { days: number; alertDays?: number }) {
  const t = useT();
  const late = alertDays !== undefined && days >= alertDays;
  return (
    <Text component="span" size="sm" c={late ? "red.8" : "gray.7"} fw={late ? 600 : undefined}>
      {days === 0 ? t("stageAge.today") : t("stageAge.days", { n: days })}
    </Text>
  );
}

export function RewardGradeBadge({ grade }: { grade: "甲" | "乙" | "丙" | string | null }) {
  const t = useT();
  if (!grade) return null;
  return (
    <Badge color="grape.8" variant="filled">
      {t("rewardGrade", { grade })}
    </Badge>
  );
}
