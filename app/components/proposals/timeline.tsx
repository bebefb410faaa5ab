// 辦理歷程: every step of a proposal, who took it, when (ROC date and time), in words, with the reason
// and what the step carried (the decision, the owner, the percent, the grade). Issue 4: "See each of my
// proposals' timeline: every step, who, when, the reasons given."
import { Badge, Group, Text, Timeline } from "@mantine/core";
import { RocDate } from "~/components/roc-date";
import { formatRocDate } from "~/i18n/dates";
import type { Language, Translate } from "~/i18n/i18n";
import { useLanguage, useT } from "~/i18n/use-t";
import { DECISION_KINDS, EFFECTIVENESS_RESULTS, PROPOSAL_STATES, type ProposalState } from "~/modules/proposals/proposal-workflow";
import { ProposalStateBadge } from "./proposal-badges";

export interface TimelineEvent {
  id: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
  actorName: string | null;
}

/** A calendar date (YYYY-MM-DD, as a due date is stored) in the ROC calendar; anything else as it is. */
export function rocDay(isoDate: string, language: Language): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? formatRocDate(`${isoDate}T00:00:00+08:00`, language) : isoDate;
}

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const isState = (s: string | null): s is ProposalState => s !== null && (PROPOSAL_STATES as readonly string[]).includes(s);

/** The step in words, from its action and details. */
export function describeEvent(t: Translate, e: TimelineEvent, language: Language): string {
  const d = e.details;
  switch (e.action) {
    case "create":
    case "edit":
    case "resubmit":
    case "withdraw":
    case "supervisor_forward":
    case "supervisor_return":
    case "supervisor_reject":
    case "mark_implemented":
      return t(`proposals.event.${e.action}`);
    case "submit":
      return t("proposals.event.submit", { referenceNo: str(d.referenceNo) });
    case "schedule":
    case "reschedule":
      return t(`proposals.event.${e.action}`, { round: str(d.roundTitle) });
    case "decide": {
      const decision = str(d.decision);
      return t("proposals.event.decide", {
        decision: (DECISION_KINDS as readonly string[]).includes(decision) ? t(`proposalDecision.${decision as (typeof DECISION_KINDS)[number]}`) : decision,
      });
    }
    case "assign_owner":
      return t("proposals.event.assign_owner", { owner: str(d.ownerName ?? d.ownerId), dueDate: rocDay(str(d.dueDate), language) });
    case "report_progress":
      return t("proposals.event.report_progress", { percent: str(d.percent) });
    case "review_effectiveness": {
      const result = str(d.result);
      return t("proposals.event.review_effectiveness", {
        result: (EFFECTIVENESS_RESULTS as readonly string[]).includes(result) ? t(`effectiveness.${result as (typeof EFFECTIVENESS_RESULTS)[number]}`) : result,
      });
    }
    default:
      return t("proposals.event.other");
  }
}

/** Why the reason line is called what it is: a screening or decision has a 理由; progress has a 說明. */
const NOTE_ACTIONS = new Set(["report_progress", "mark_implemented", "review_effectiveness"]);

export function ProposalTimeline({ events }: { events: TimelineEvent[] }) {
  const t = useT();
  const language = useLanguage();
  if (events.length === 0) return <Text c="dimmed">{t("proposals.timeline.none")}</Text>;
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="timeline">
      {events.map((e) => {
        const d = e.details;
        return (
          <Timeline.Item
            key={e.id}
            title={
              <Group gap="xs" wrap="wrap">
                <Text fw={600} size="sm" component="span">
                  {describeEvent(t, e, language)}
                </Text>
                {e.fromState !== e.toState && isState(e.toState) ? <ProposalStateBadge state={e.toState} /> : null}
              </Group>
            }
          >
            <Text size="xs" c="gray.7">
              <RocDate value={e.at} withTime /> · {e.actorName ?? t("proposals.timeline.system")}
            </Text>
            {e.reason ? (
              <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
                {NOTE_ACTIONS.has(e.action) ? t("proposals.timeline.note") : t("proposals.timeline.reason")}：{e.reason}
              </Text>
            ) : null}
            {e.action === "decide" && d.documentNumber ? (
              <Text size="sm" mt={4}>
                {t("proposals.decision.documentNumber")}：{str(d.documentNumber)}
              </Text>
            ) : null}
            {e.action === "review_effectiveness" ? (
              <>
                {d.before || d.after ? (
                  <Text size="sm" mt={4}>
                    {t("proposals.timeline.figures", { before: str(d.before) || "—", after: str(d.after) || "—" })}
                  </Text>
                ) : null}
                <Group gap="xs" mt={4}>
                  {d.meanScore !== null && d.meanScore !== undefined ? (
                    <Text size="sm">{t("proposals.timeline.meanScore", { score: Number(d.meanScore).toFixed(2) })}</Text>
                  ) : null}
                  {d.grade ? (
                    <Badge color="grape.8" variant="filled">
                      {t("proposals.timeline.grade", { grade: str(d.grade) })}
                    </Badge>
                  ) : (
                    <Text size="sm" c="gray.7">
                      {t("proposals.timeline.noGrade")}
                    </Text>
                  )}
                </Group>
              </>
            ) : null}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
