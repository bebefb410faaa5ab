// Read-only parts of a review meeting, shared by the meeting page and its minutes: the meeting's state,
// an item's recusals and quorum in words, and, once voting has closed, its tally, ballots and score
// statistics (README "Readings of Taiwanese practice").
import { Badge, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { RewardGradeBadge } from "~/components/proposals/proposal-badges";
import { useT } from "~/i18n/use-t";
import type { RoundView } from "~/modules/proposals/committee.server";
import { VOTE_CHOICES, type RoundState, type VoteChoice } from "~/modules/proposals/committee-rules";
import type { DecisionKind } from "~/modules/proposals/proposal-workflow";
import { rewardGrade, type GradeThresholds } from "~/modules/proposals/reward-grade";
import { formatPoints, formatScore, isDissent, orderedCriteria } from "./committee-format";

export type RoundItem = RoundView["items"][number];
export type ItemResult = NonNullable<RoundItem["result"]>;

const STATE_COLOR: Record<RoundState, string> = {
  planned: "gray.7",
  open: "orange.9",
  closed: "teal.8",
};

export function RoundStateBadge({ state }: { state: RoundState }) {
  const t = useT();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" data-round-state={state}>
      {t(`committee.state.${state}`)}
    </Badge>
  );
}

/** 「應出席（扣除迴避）3 人，出席 3 人，需 2 人：已達法定人數」 */
export function QuorumText({ quorum }: { quorum: RoundItem["quorum"] }) {
  const t = useT();
  if (quorum.eligible === 0) {
    return (
      <Text span c="red.8" fw={600}>
        {t("committee.quorum.noneEligible")}
      </Text>
    );
  }
  return (
    <Text span data-testid="quorum">
      {t("committee.quorum.status", {
        eligible: quorum.eligible,
        present: quorum.eligiblePresent,
        required: quorum.required,
      })}
      <Text span fw={700} c={quorum.met ? "teal.9" : "red.8"}>
        {quorum.met ? t("committee.quorum.met") : t("committee.quorum.notMet")}
      </Text>
    </Text>
  );
}

/** Who sits this proposal out and why (提案人、共同提案人、自行申請迴避、主席命其迴避, with any note). */
export function RecusalList({ recused, viewerId }: { recused: RoundItem["recused"]; viewerId?: number }) {
  const t = useT();
  if (recused.length === 0) return <Text size="sm">{t("committee.recusal.none")}</Text>;
  return (
    <List size="sm" spacing={2}>
      {recused.map((r) => (
        <List.Item key={r.memberId}>
          {r.name}
          {r.memberId === viewerId ? t("committee.recusal.you") : ""}：{r.reasons.map((reason) => t(`recusalReason.${reason}`)).join("、")}
          {r.notes.length ? `（${r.notes.join("；")}）` : ""}
        </List.Item>
      ))}
    </List>
  );
}

export function outcomeText(t: ReturnType<typeof useT>, outcome: ItemResult["tally"]["outcome"]): string {
  if (outcome === "tie") return t("committee.result.outcome.tie");
  if (outcome === "no_votes") return t("committee.result.outcome.no_votes");
  return t("committee.result.outcomeVote", {
    choice: t(`proposalVote.${outcome}`),
  });
}

/** 「採行 2 票、修正後採行 0 票、不採行 1 票、棄權 0 票」 */
export function countsText(t: ReturnType<typeof useT>, counts: Record<VoteChoice, number>): string {
  return VOTE_CHOICES.map((choice) =>
    t("committee.result.countOf", {
      choice: t(`proposalVote.${choice}`),
      n: counts[choice] ?? 0,
    })
  ).join("、");
}

export function TallyView({ result }: { result: ItemResult }) {
  const t = useT();
  const { tally } = result;
  return (
    <Stack gap={4} data-testid="tally">
      <Group gap="xs" wrap="wrap">
        {VOTE_CHOICES.map((choice) => (
          <Badge key={choice} size="lg" variant="light" color={choice === "不採行" ? "red.8" : choice === "棄權" ? "gray.7" : "teal.8"}>
            {t("committee.result.countOf", {
              choice: t(`proposalVote.${choice}`),
              n: tally.counts[choice] ?? 0,
            })}
          </Badge>
        ))}
      </Group>
      <Text fw={700} c={tally.outcome === "tie" ? "orange.9" : undefined} data-testid="outcome">
        {t("committee.result.outcome")}：{outcomeText(t, tally.outcome)}
      </Text>
    </Stack>
  );
}

/** Every member's ballot after closing, dissent marked; criteria in the rubric's order. */
export function BallotsTable({
  ballots,
  criteria,
  decision,
  viewerId,
}: {
  ballots: RoundItem["ballots"];
  criteria: string[];
  decision: DecisionKind | null;
  viewerId: number;
}) {
  const t = useT();
  if (ballots.length === 0) return <Text size="sm">{t("committee.result.noBallots")}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder withColumnBorders striped data-testid="ballots">
        <Table.Caption>{t("committee.result.ballots")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("committee.result.member")}</Table.Th>
            <Table.Th scope="col">{t("committee.result.vote")}</Table.Th>
            {criteria.map((c) => (
              <Table.Th scope="col" key={c} ta="right">
                {c}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {t("committee.result.total")}
            </Table.Th>
            <Table.Th scope="col">{t("committee.result.comment")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ballots.map((b) => {
            const dissent = isDissent(b.vote, decision);
            return (
              <Table.Tr key={b.memberId}>
                <Table.Th scope="row" fw={500}>
                  {b.name}
                  {b.memberId === viewerId ? t("committee.result.your") : ""}
                </Table.Th>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={600} c={b.vote === "不採行" ? "red.8" : undefined}>
                      {t(`proposalVote.${b.vote}`)}
                    </Text>
                    {dissent ? (
                      <Badge size="xs" color="red.8" variant="outline">
                        {t("committee.result.dissent")}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                {criteria.map((c) => (
                  <Table.Td key={c} ta="right">
                    {formatPoints(b.scores[c])}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600}>
                  {formatPoints(b.total)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "pre-wrap" }}>{b.comment}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Mean, population SD and min–max per criterion and of the totals, with the 預估 reward grade. */
export function StatisticsTable({
  result,
  weights,
  thresholds,
}: {
  result: ItemResult;
  weights: Record<string, number>;
  /** The office's grade thresholds (提案審查設定), so the estimate agrees with the grade later granted. */
  thresholds: GradeThresholds;
}) {
  const t = useT();
  const { statistics, meanScore } = result;
  const order = orderedCriteria(weights).map(([c]) => c);
  const byCriterion = [...statistics.byCriterion].sort((a, b) => order.indexOf(a.criterion) - order.indexOf(b.criterion));
  const rows = [
    ...byCriterion.map((s) => ({
      label: `${s.criterion}（${weights[s.criterion] ?? "—"}）`,
      s,
    })),
    { label: `${t("committee.result.total")}（100）`, s: statistics.total },
  ];
  const grade = meanScore === null ? null : rewardGrade(meanScore, thresholds);
  return (
    <Stack gap="xs">
      {statistics.total.n === 0 ? null : (
        <Table.ScrollContainer minWidth={520}>
          <Table withTableBorder withColumnBorders data-testid="statistics">
            <Table.Caption>{t("committee.result.sdNote")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("committee.result.criterion")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("committee.result.n")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("committee.result.mean")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("committee.result.sd")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("committee.result.range")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ label, s }, i) => (
                <Table.Tr key={label} fw={i === rows.length - 1 ? 700 : undefined}>
                  <Table.Th scope="row" fw={i === rows.length - 1 ? 700 : 500}>
                    {label}
                  </Table.Th>
                  <Table.Td ta="right">{s.n}</Table.Td>
                  <Table.Td ta="right">{formatScore(s.mean)}</Table.Td>
                  <Table.Td ta="right">{formatScore(s.sd)}</Table.Td>
                  <Table.Td ta="right">{s.min === null ? "—" : `${formatPoints(s.min)}–${formatPoints(s.max)}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group gap="sm" data-testid="mean-score">
        <Title order={4} size="h5">
          {meanScore === null
            ? t("committee.result.noScore")
            : t("committee.result.meanScore", {
                score: formatScore(meanScore),
              })}
        </Title>
        {meanScore !== null ? (
          grade ? (
            <Group gap={6}>
              <RewardGradeBadge grade={grade} />
              <Text size="sm" c="gray.7">
                {t("committee.result.grade", { a: thresholds.甲, b: thresholds.乙, c: thresholds.丙 })}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="gray.7">
              {t("committee.result.noGrade")}
            </Text>
          )
        ) : null}
      </Group>
    </Stack>
  );
}
