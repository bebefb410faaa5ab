// A round's results as the results page shows them (issue 7, "Results"): overall index, eNPS,
// section indices, per question the distribution with its numbers in text, mean, favourable share
// and n; suppressed figures say why, in the sentence results.ts wrote. Bars are Mantine Progress,
// not a chart library: the numbers beside them are what counts.
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useT } from "~/i18n/use-t";
import type { Breakdown, QuestionResult, ResultsView } from "~/modules/surveys/results";
import type { RoundComparison } from "~/modules/surveys/comparison";
import { DistributionBars, formatShare } from "./survey-parts";

const fmtMean = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="gray.7" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="gray.7">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

export function Suppressed({ message, testId = "suppressed" }: { message: string; testId?: string }) {
  return (
    <Text size="sm" c="gray.7" fs="italic" data-testid={testId}>
      {message}
    </Text>
  );
}

export function Headline({ view }: { view: ResultsView }) {
  const t = useT();
  const enps = view.enps;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Figure label={t("surveys.overallIndex")} value={view.overallIndex === null ? t("surveys.suppressedHidden") : `${formatShare(view.overallIndex)}%`} hint={t("surveys.overallIndexHint")} testId="overall-index" />
      {enps ? (
        enps.shown ? (
          <Figure
            label={t("surveys.enps")}
            value={`${enps.score > 0 ? "+" : ""}${formatShare(enps.score)}`}
            hint={t("surveys.enpsParts", { p: formatShare(enps.promoterShare), n: formatShare(enps.passiveShare), d: formatShare(enps.detractorShare), count: enps.n })}
            testId="enps"
          />
        ) : (
          <Figure label={t("surveys.enps")} value={t("surveys.suppressedHidden")} hint={enps.suppression.message} testId="enps" />
        )
      ) : null}
      <Figure label={t("surveys.respondentsLabel")} value={t("surveys.groupRespondents", { n: view.respondents })} testId="respondents" />
    </SimpleGrid>
  );
}

export function SectionTable({ view }: { view: ResultsView }) {
  const t = useT();
  return (
    <Table withTableBorder striped data-testid="section-indices">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("surveys.section")}</Table.Th>
          <Table.Th>{t("surveys.index")}</Table.Th>
          <Table.Th>{t("surveys.meanScore")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {view.sections.map((s) => (
          <Table.Tr key={s.sectionId} data-section-id={s.sectionId}>
            <Table.Td>{s.title}</Table.Td>
            <Table.Td>{s.index === null ? <Suppressed message={s.suppression?.message ?? t("surveys.suppressedHidden")} /> : `${formatShare(s.index)}%`}</Table.Td>
            <Table.Td>{s.meanScore === null ? "" : fmtMean(s.meanScore)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function QuestionCard({ q }: { q: QuestionResult }) {
  const t = useT();
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`r-${q.questionId}`} data-testid="question-result" data-question-id={q.questionId}>
      <Stack gap={6}>
        <Text fw={600} id={`r-${q.questionId}`}>
          {t("surveys.questionNumber", { n: q.number })} {q.text}
        </Text>
        {!q.shown ? (
          <Suppressed message={q.suppression.message} />
        ) : q.stats.kind === "free_text" ? (
          <Stack gap={4}>
            <Text size="sm">{t("surveys.comments", { n: q.stats.n })}</Text>
            {q.stats.comments ? (
              <>
                <Text size="xs" c="gray.7">
                  {t("surveys.commentsOrder")}
                </Text>
                <Stack gap={4} component="ul" style={{ paddingLeft: 20, margin: 0 }} data-testid="comments">
                  {q.stats.comments.map((c, i) => (
                    <Text component="li" key={i} size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {c}
                    </Text>
                  ))}
                </Stack>
              </>
            ) : q.stats.commentsSuppression ? (
              <Suppressed message={q.stats.commentsSuppression.message} testId="comments-suppressed" />
            ) : null}
          </Stack>
        ) : (
          <>
            <Group gap="md" data-testid="question-figures">
              <Text size="sm">{t("surveys.n", { n: q.stats.n })}</Text>
              {q.stats.kind === "likert5" || q.stats.kind === "scale0to10" ? <Text size="sm">{t("surveys.mean", { mean: fmtMean(q.stats.mean) })}</Text> : null}
              {q.stats.kind === "likert5" ? (
                <Text size="sm" fw={700} data-testid="favourable">
                  {t("surveys.favourable", { share: formatShare(q.stats.favourableShare) })}
                </Text>
              ) : null}
              {q.stats.kind === "scale0to10" ? (
                <Text size="sm" fw={700} data-testid="favourable">
                  {t("surveys.promoters", { share: formatShare(q.stats.promoterShare) })}
                </Text>
              ) : null}
            </Group>
            <DistributionBars buckets={q.stats.distribution} favourableFrom={q.stats.kind === "likert5" ? 4 : q.stats.kind === "scale0to10" ? 9 : undefined} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function QuestionResults({ view, sectionTitles }: { view: ResultsView; sectionTitles: { id: string; title: string }[] }) {
  return (
    <Stack gap="lg">
      {sectionTitles.map((s) => {
        const qs = view.questions.filter((q) => q.sectionId === s.id);
        if (qs.length === 0) return null;
        return (
          <Stack key={s.id} gap="sm" component="section" aria-labelledby={`rs-${s.id}`}>
            <Title order={3} size="h5" id={`rs-${s.id}`}>
              {s.title}
            </Title>
            {qs.map((q) => (
              <QuestionCard key={q.questionId} q={q} />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** One demographic question: a row per group with its size, overall index and section indices; hidden groups say why. */
export function BreakdownTable({ breakdown, sections }: { breakdown: Breakdown; sections: { id: string; title: string }[] }) {
  const t = useT();
  return (
    <Stack gap="xs" data-testid="breakdown" data-demographic-id={breakdown.demographicId}>
      <Title order={3} size="h5">
        {t("surveys.breakdownBy", { text: breakdown.text })}
      </Title>
      {!breakdown.shown ? (
        <Suppressed message={breakdown.suppression.message} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("surveys.group")}</Table.Th>
                <Table.Th>{t("surveys.overallIndex")}</Table.Th>
                {sections.map((s) => (
                  <Table.Th key={s.id}>{s.title}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {breakdown.groups.map((g) => (
                <Table.Tr key={g.value ?? "none"} data-testid="breakdown-group" data-shown={g.shown ? "true" : "false"}>
                  <Table.Td>
                    {g.label}
                    {g.shown ? (
                      <Text span size="xs" c="gray.7">
                        {" "}
                        （{t("surveys.groupRespondents", { n: g.view.respondents })}）
                      </Text>
                    ) : null}
                  </Table.Td>
                  {g.shown ? (
                    <>
                      <Table.Td>{g.view.overallIndex === null ? t("surveys.suppressedHidden") : `${formatShare(g.view.overallIndex)}%`}</Table.Td>
                      {sections.map((s) => {
                        const sec = g.view.sections.find((x) => x.sectionId === s.id);
                        return <Table.Td key={s.id}>{sec?.index == null ? t("surveys.suppressedHidden") : `${formatShare(sec.index)}%`}</Table.Td>;
                      })}
                    </>
                  ) : (
                    <Table.Td colSpan={sections.length + 1}>
                      <Suppressed message={g.suppression.message} testId="group-suppressed" />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Only the flagged changes (≥ 5 points), with ▲ / ▼; the rest are said to be unflagged in one line. */
export function ComparisonTable({ comparison }: { comparison: RoundComparison & { previousTitle: string } }) {
  const t = useT();
  const lines = [
    { key: "overall", label: t("surveys.overallIndex"), change: comparison.overall },
    ...(comparison.enps ? [{ key: "enps", label: t("surveys.enps"), change: comparison.enps }] : []),
    ...comparison.sections.map((s) => ({ key: `s-${s.sectionId}`, label: s.title, change: s as typeof comparison.overall })),
    ...comparison.questions.map((q) => ({ key: `q-${q.questionId}`, label: `${t("surveys.questionNumber", { n: q.number })} ${q.text}`, change: q as typeof comparison.overall })),
  ].filter((l) => l.change.flag !== "none");
  return (
    <Stack gap="xs" data-testid="comparison">
      <Text size="sm" c="gray.7">
        {t("surveys.comparisonHint")}
      </Text>
      {lines.length === 0 ? (
        <Text size="sm">{t("surveys.noFlagged")}</Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("surveys.item")}</Table.Th>
              <Table.Th>{t("surveys.previous")}</Table.Th>
              <Table.Th>{t("surveys.current")}</Table.Th>
              <Table.Th>{t("surveys.change")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => (
              <Table.Tr key={l.key} data-flag={l.change.flag}>
                <Table.Td>{l.label}</Table.Td>
                <Table.Td>{l.change.previous ?? ""}</Table.Td>
                <Table.Td>{l.change.current ?? ""}</Table.Td>
                <Table.Td>
                  <Badge color={l.change.flag === "up" ? "teal" : "red"} variant="light" aria-label={`${l.change.flag === "up" ? t("surveys.up") : t("surveys.down")} ${Math.abs(l.change.changePoints ?? 0)}`}>
                    {l.change.flag === "up" ? "▲" : "▼"} {l.change.changePoints !== null && l.change.changePoints > 0 ? "+" : ""}
                    {l.change.changePoints}
                  </Badge>{" "}
                  <Text span size="xs" c="gray.7">
                    {l.change.message}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function NoticeBox({ children, testId }: { children: React.ReactNode; testId: string }) {
  return (
    <Alert color="gray" data-testid={testId}>
      {children}
    </Alert>
  );
}
