// 會議紀錄 of a review meeting (issue 4: "The round prints as minutes: proposals, attendance, recusals,
// tallies, decisions, dissent"). Only once voting has closed: before that the ballots are secret and
// the record is not complete, so the page says so instead of showing an error.
//
// Printing: the page is laid out as an A4 sheet. app.css hides the portal's chrome on paper (the
// AppShell header and navbar, the skip link, anything marked .no-print); a <style> block below
// (allowed by the CSP's style-src 'unsafe-inline', server/app.ts) holds `@page { size: A4 }` and the
// rules only these minutes need.
import { Alert, Anchor, Box, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatPoints, formatScore, isDissent, orderedCriteria } from "~/components/committee/committee-format";
import { countsText, outcomeText } from "~/components/committee/committee-parts";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { requireIdParam } from "~/modules/params";
import { loadRound } from "~/modules/proposals/committee.server";
import type { DecisionKind } from "~/modules/proposals/proposal-workflow";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "committee.view");
  const roundId = requireIdParam(args.params.roundId);
  const view = await loadRound(args.context.db, user, roundId);
  const { round } = view;
  const meeting = {
    id: round.id,
    title: round.title,
    state: round.state,
    meetingDate: round.meetingDate,
    location: round.location,
    chairName: round.chairName,
    openedAt: round.openedAt,
    closedAt: round.closedAt,
  };
  if (round.state !== "closed") return { closed: false as const, officeName: user.officeName, meeting };
  const criteria = orderedCriteria(round.rubricWeights).map(([c]) => c);
  return {
    closed: true as const,
    officeName: user.officeName,
    meeting,
    criteria,
    present: view.members
      .filter((m) => m.present)
      .map((m) => ({
        id: m.id,
        name: m.name,
        title: m.title,
        isChair: m.isChair,
      })),
    absent: view.members
      .filter((m) => !m.present)
      .map((m) => ({
        id: m.id,
        name: m.name,
        title: m.title,
        isChair: m.isChair,
      })),
    items: view.items.map((item) => {
      const decision = (item.decision as DecisionKind | null) ?? null;
      return {
        id: item.id,
        referenceNo: item.referenceNo,
        title: item.title,
        proposerName: item.proposerName,
        moved: item.movedToRoundId !== null,
        actingChairName: item.actingChairName,
        recused: item.recused,
        quorum: item.result?.quorum ?? item.quorum,
        tally: item.result?.tally ?? null,
        statistics: item.result?.statistics ?? null,
        meanScore: item.result?.meanScore ?? null,
        decision,
        decisionReason: item.decisionReason,
        documentNumber: decision === "forwarded_up" ? item.documentNumber : null,
        // 不同意見: the ballots that disagree with the decision, with their comments (committee-format.ts).
        dissent: item.ballots
          .filter((b) => isDissent(b.vote, decision))
          .map((b) => ({
            memberId: b.memberId,
            name: b.name,
            vote: b.vote,
            comment: b.comment,
          })),
      };
    }),
  };
}

// A4 and print rules; see the comment at the top of this file.
const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm; }
@media print {
  .minutes-sheet { box-shadow: none !important; border: 0 !important; padding: 0 !important; max-width: none !important; }
  .minutes-item { break-inside: avoid; }
  a { color: inherit !important; text-decoration: none !important; }
}
.minutes-sheet th, .minutes-sheet td { vertical-align: top; }
`;

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Closed = Extract<Data, { closed: true }>;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={150} bg="gray.0" style={{ whiteSpace: "nowrap" }}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function names(people: { name: string; isChair: boolean }[], chairMark: string, none: string) {
  return people.length ? people.map((p) => `${p.name}${p.isChair ? chairMark : ""}`).join("、") : none;
}

function ItemMinutes({ item, n, criteria }: { item: Closed["items"][number]; n: number; criteria: string[] }) {
  const t = useT();
  const none = t("committee.minutes.none");
  return (
    <Box className="minutes-item" data-testid="minutes-item">
      <Title order={3} size="h4" mb={6}>
        {t("committee.minutes.case", { n })}
      </Title>
      <Table withTableBorder withColumnBorders>
        <Table.Tbody>
          <Row label={t("committee.minutes.subject")}>
            {t("committee.minutes.subjectText", {
              ref: item.referenceNo ?? "",
              title: item.title,
              proposer: item.proposerName ?? "",
            })}
          </Row>
          {item.moved ? (
            <Row label={t("committee.minutes.decision")}>{t("committee.minutes.movedItem")}</Row>
          ) : (
            <>
              <Row label={t("committee.minutes.recusal")}>
                {item.recused.length === 0
                  ? t("committee.minutes.recusalNone")
                  : item.recused.map((r) => (
                      <div key={r.memberId}>
                        {r.name}（{r.reasons.map((reason) => t(`recusalReason.${reason}`)).join("、")}
                        {r.notes.length ? `：${r.notes.join("；")}` : ""}）
                      </div>
                    ))}
              </Row>
              <Row label={t("committee.minutes.attendance")}>
                {t("committee.minutes.attendanceText", {
                  eligible: item.quorum.eligible,
                  present: item.quorum.eligiblePresent,
                  required: item.quorum.required,
                })}
                {item.quorum.met ? t("committee.quorum.met") : t("committee.quorum.notMet")}
                {item.actingChairName
                  ? `；${t("committee.acting.current", {
                      name: item.actingChairName,
                    })}`
                  : ""}
              </Row>
              <Row label={t("committee.minutes.votes")}>
                {item.tally ? (
                  <>
                    {countsText(t, item.tally.counts)}
                    <br />
                    {t("committee.result.outcome")}：{outcomeText(t, item.tally.outcome)}
                  </>
                ) : (
                  none
                )}
              </Row>
              <Row label={t("committee.minutes.scores")}>
                {item.statistics && item.meanScore !== null ? (
                  <>
                    {criteria
                      .map((c) => item.statistics!.byCriterion.find((s) => s.criterion === c))
                      .filter((s) => s !== undefined)
                      .map((s) =>
                        t("committee.minutes.scoreOf", {
                          criterion: s.criterion,
                          mean: formatScore(s.mean),
                        })
                      )
                      .join("、")}
                    <br />
                    <strong>
                      {t("committee.minutes.totalMean", {
                        mean: formatScore(item.meanScore),
                      })}
                    </strong>
                    {item.statistics.total.min !== null
                      ? `（${t("committee.result.sd")} ${formatScore(item.statistics.total.sd)}、${t("committee.result.range")} ${formatPoints(
                          item.statistics.total.min
                        )}–${formatPoints(item.statistics.total.max)}）`
                      : ""}
                  </>
                ) : (
                  t("committee.result.noScore")
                )}
              </Row>
              <Row label={t("committee.minutes.decision")}>
                {item.decision ? (
                  <>
                    <strong>{t(`proposalDecision.${item.decision}`)}</strong>
                    {item.decisionReason ? (
                      <div style={{ whiteSpace: "pre-wrap" }}>
                        {t("committee.minutes.reasonOf", {
                          reason: item.decisionReason,
                        })}
                      </div>
                    ) : null}
                    {item.documentNumber ? (
                      <div>
                        {t("committee.minutes.documentNumberOf", {
                          number: item.documentNumber,
                        })}
                      </div>
                    ) : null}
                  </>
                ) : (
                  t("committee.decision.pending")
                )}
              </Row>
              <Row label={t("committee.minutes.dissent")}>
                {item.dissent.length === 0
                  ? none
                  : item.dissent.map((d) => (
                      <div key={d.memberId}>
                        {d.name}（{t(`proposalVote.${d.vote}`)}）：
                        {d.comment || t("committee.minutes.noComment")}
                      </div>
                    ))}
              </Row>
            </>
          )}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export default function Minutes() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const back = `/committee/rounds/${d.meeting.id}`;
  if (!d.closed) {
    return (
      <Stack maw={720}>
        <Title order={1}>{t("committee.minutes.title", { office: d.officeName })}</Title>
        <Text fw={600}>{d.meeting.title}</Text>
        <Alert color="yellow" data-testid="minutes-not-closed">
          {t("committee.minutes.notClosed")}
        </Alert>
        <div>
          <Button component={Link} to={back} variant="light">
            {t("committee.minutes.back")}
          </Button>
        </div>
      </Stack>
    );
  }
  const chairMark = t("committee.attendance.chairMark");
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <Group justify="space-between" mb="md" maw="210mm" className="no-print">
        <Anchor component={Link} to={back} size="sm">
          ← {t("committee.minutes.back")}
        </Anchor>
        <Button type="button" onClick={() => window.print()}>
          {t("committee.minutes.print")}
        </Button>
      </Group>
      <Box
        className="minutes-sheet"
        maw="210mm"
        p="12mm"
        bg="white"
        style={{
          border: "1px solid var(--mantine-color-gray-3)",
          boxShadow: "0 1px 4px rgba(0,0,0,.08)",
        }}
        data-testid="minutes"
      >
        <Stack gap="md">
          <Stack gap={2} align="center">
            <Title order={1} size="h2" ta="center">
              {t("committee.minutes.title", { office: d.officeName })}
            </Title>
            <Text ta="center">{d.meeting.title}</Text>
          </Stack>
          <Table withTableBorder withColumnBorders>
            <Table.Tbody>
              <Row label={t("committee.minutes.time")}>
                <RocDate value={d.meeting.meetingDate} />
              </Row>
              <Row label={t("committee.minutes.place")}>{d.meeting.location || t("committee.round.noLocation")}</Row>
              <Row label={t("committee.minutes.chair")}>{d.meeting.chairName}</Row>
              <Row label={t("committee.minutes.present")}>
                <span data-testid="minutes-present">{names(d.present, chairMark, t("committee.minutes.none"))}</span>
              </Row>
              <Row label={t("committee.minutes.absent")}>
                <span data-testid="minutes-absent">{names(d.absent, chairMark, t("committee.minutes.none"))}</span>
              </Row>
            </Table.Tbody>
          </Table>
          <Title order={2} size="h3">
            {t("committee.minutes.items")}
          </Title>
          {d.items.map((item, i) => (
            <ItemMinutes key={item.id} item={item} n={i + 1} criteria={d.criteria} />
          ))}
          <Group justify="space-between" mt="xl" pt="xl">
            <Text>{t("committee.minutes.recorder")}：</Text>
            <Text>{t("committee.minutes.signature")}：＿＿＿＿＿＿＿＿</Text>
          </Group>
        </Stack>
      </Box>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
