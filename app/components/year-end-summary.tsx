// One person's 年終考核依據 on one A4 page (issue 9: "printable one page per person"). The same
// component serves the chief's view of a colleague (/year-end/:userId) and the person's own page
// (/year-end/me). Like the proposal form (proposals.$proposalId.print.tsx) it stays inside the app
// shell and carries its own print rules: on paper the shell's header, navigation and buttons vanish
// and only the sheet is printed; on screen the sheet is a preview with a 「列印」 button.
import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { OverallJudgement, yearText } from "~/components/training-hours/parts";
import { formatRocDate, formatRocShortDate } from "~/i18n/dates";
import type { MessageKey } from "~/i18n/i18n";
import { useLanguage, useT } from "~/i18n/use-t";
import { formatHours } from "~/modules/training/hours";
import { gradesText, hasAnyRecord, type PersonYearEnd } from "~/modules/year-end/year-end";

export const YEAR_END_PRINT_CSS = `
@page { size: A4 portrait; margin: 10mm 12mm; }
.year-end-paper { color: #000; font-size: 10.5pt; line-height: 1.45; }
.year-end-paper h1 { font-size: 16pt; text-align: center; margin: 0 0 2pt; letter-spacing: 0.1em; }
.year-end-paper h2 { font-size: 11.5pt; margin: 8pt 0 3pt; border-bottom: 1px solid #868e96; padding-bottom: 1pt; }
.year-end-paper .office { text-align: center; margin: 0; font-size: 11pt; }
.year-end-paper .who { text-align: center; margin: 2pt 0 0; font-weight: 700; }
.year-end-paper .basis { text-align: center; margin: 0 0 4pt; font-size: 9pt; color: #495057; }
.year-end-paper p { margin: 2pt 0; }
.year-end-paper table { width: 100%; border-collapse: collapse; font-size: 9.5pt; margin-top: 3pt; }
.year-end-paper th, .year-end-paper td { border: 1px solid #adb5bd; padding: 2pt 4pt; text-align: left; vertical-align: top; }
.year-end-paper th { background: #f1f3f5; font-weight: 700; }
.year-end-paper td.num { text-align: right; white-space: nowrap; }
.year-end-paper .muted { color: #495057; font-size: 9pt; }
.year-end-paper .footer { display: flex; justify-content: space-between; margin-top: 12pt; font-size: 9.5pt; }
.year-end-paper .sign { min-width: 45%; border-bottom: 1px solid #000; padding-bottom: 14pt; }
@media print {
  .mantine-AppShell-header, .mantine-AppShell-navbar, .skip-link, .no-print { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; min-height: 0 !important; }
  body { background: #fff !important; }
  .year-end-sheet { border: 0 !important; box-shadow: none !important; padding: 0 !important; max-width: none !important; }
  .year-end-paper th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .year-end-paper tr { break-inside: avoid; }
}
`;

export interface YearEndSummaryProps {
  officeName: string;
  year: number;
  person: PersonYearEnd;
  /** When the page was prepared (the loader's `now`), ISO. */
  preparedAt: string;
  /** The empty-state words: "this colleague" or "you". */
  own?: boolean;
  /** Where the 「回…」 link goes, or none. */
  backTo?: string;
}

const pct = (n: number | null) => (n === null ? "—" : `${formatHours(n)}%`);

export function YearEndSummary({ officeName, year, person: p, preparedAt, own = false, backTo }: YearEndSummaryProps) {
  const t = useT();
  const language = useLanguage();
  const yearLabel = yearText(t, year);
  const progress = p.hours.progress;
  const empty = !hasAnyRecord(p);
  return (
    <Stack maw={880} mx="auto" gap="md">
      <style>{YEAR_END_PRINT_CSS}</style>
      <Group justify="space-between" className="no-print" wrap="wrap">
        {backTo ? (
          <Button component={Link} to={backTo} variant="subtle">
            {t("yearEnd.back")}
          </Button>
        ) : (
          <span />
        )}
        <Group gap="sm">
          <Text size="sm" c="gray.7">
            {t("yearEnd.printHint")}
          </Text>
          <Button type="button" onClick={() => window.print()} data-testid="print-button">
            {t("yearEnd.print")}
          </Button>
        </Group>
      </Group>
      {empty ? (
        <Alert color="gray" className="no-print" data-testid="year-end-empty">
          {t(own ? "yearEnd.emptyMine" : "yearEnd.emptyPerson", { year: yearLabel })}
        </Alert>
      ) : null}
      <Paper withBorder p="xl" className="year-end-sheet">
        <div className="year-end-paper" data-testid="year-end-sheet">
          <p className="office">{officeName}</p>
          <h1>{t("yearEnd.person.heading", { year: yearLabel })}</h1>
          <p className="who" data-testid="year-end-who">
            {t("yearEnd.person.who", { name: p.name, employeeNo: p.employeeNo, title: p.title })}
          </p>
          <p className="basis">{t("yearEnd.basis")}</p>

          <section aria-labelledby="ye-hours">
            <h2 id="ye-hours">{t("yearEnd.section.hours")}</h2>
            <table>
              <tbody>
                <tr>
                  <th scope="row">{t("yearEnd.hours.total")}</th>
                  <td data-testid="ye-total-hours">
                    {progress
                      ? t("yearEnd.hours.against", { achieved: formatHours(p.hours.totalHours), target: formatHours(progress.total.target) })
                      : t("yearEnd.hours.noTarget", { achieved: formatHours(p.hours.totalHours) })}
                  </td>
                  <th scope="row">{t("yearEnd.hours.digital")}</th>
                  <td data-testid="ye-digital-hours">
                    {progress
                      ? t("yearEnd.hours.against", { achieved: formatHours(p.hours.digitalHours), target: formatHours(progress.digital.target) })
                      : t("yearEnd.hours.noTarget", { achieved: formatHours(p.hours.digitalHours) })}
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t("yearEnd.hours.sessionsAttended")}</th>
                  <td data-testid="ye-sessions">{t("yearEnd.hours.sessionsCount", { n: p.sessionsAttended })}</td>
                  <th scope="row">{t("yearEnd.hours.judgement")}</th>
                  <td>{progress ? <OverallJudgement progress={progress} /> : t("yearEnd.noTarget")}</td>
                </tr>
              </tbody>
            </table>
            <p className="muted">
              {t("yearEnd.hours.parts", { sessions: formatHours(p.hours.sessionHours), elearning: formatHours(p.hours.elearningHours), outside: formatHours(p.hours.outsideHours) })}
            </p>
          </section>

          <section aria-labelledby="ye-quizzes">
            <h2 id="ye-quizzes">{t("yearEnd.section.quizzes")}</h2>
            {p.quizzes.length === 0 ? (
              <p data-testid="ye-quizzes-none">{t("yearEnd.quizzes.none")}</p>
            ) : (
              <>
                <p data-testid="ye-quiz-summary">
                  {t("yearEnd.quizzes.summary", { assigned: p.quizTally.assigned, taken: p.quizTally.takenOfAssigned, passed: p.quizTally.passed, mean: pct(p.quizTally.meanPercent) })}
                </p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("yearEnd.quiz.title")}</th>
                      <th scope="col">{t("yearEnd.quiz.date")}</th>
                      <th scope="col">{t("yearEnd.quiz.score")}</th>
                      <th scope="col">{t("yearEnd.quiz.percent")}</th>
                      <th scope="col">{t("yearEnd.quiz.result")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.quizzes.map((q) => (
                      <tr key={q.quizId}>
                        <td>
                          {q.title}
                          {q.assigned ? null : <span className="muted">{t("yearEnd.quiz.notAssigned")}</span>}
                        </td>
                        <td>{formatRocShortDate(q.heldAt, language)}</td>
                        <td className="num">{q.score === null ? "—" : `${formatHours(q.score)} / ${formatHours(q.maxScore ?? 0)}`}</td>
                        <td className="num">{pct(q.percent)}</td>
                        <td>{q.taken ? t(q.passed ? "yearEnd.quiz.passed" : "yearEnd.quiz.failed") : t(q.closed ? "yearEnd.quiz.notTaken" : "yearEnd.quiz.open")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted">{t("yearEnd.quizzes.rule")}</p>
              </>
            )}
          </section>

          <section aria-labelledby="ye-proposals">
            <h2 id="ye-proposals">{t("yearEnd.section.proposals")}</h2>
            {p.proposals.length === 0 ? (
              <p data-testid="ye-proposals-none">{t("yearEnd.proposals.none")}</p>
            ) : (
              <>
                <p data-testid="ye-proposal-summary">
                  {t("yearEnd.proposals.summary", {
                    count: p.proposalTally.count,
                    proposer: p.proposalTally.asProposer,
                    co: p.proposalTally.asCoProposer,
                    grades: gradesText(p.proposalTally.grades) || t("yearEnd.proposals.noGrades"),
                  })}
                </p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("yearEnd.proposal.ref")}</th>
                      <th scope="col">{t("yearEnd.proposal.title")}</th>
                      <th scope="col">{t("yearEnd.proposal.role")}</th>
                      <th scope="col">{t("yearEnd.proposal.state")}</th>
                      <th scope="col">{t("yearEnd.proposal.decision")}</th>
                      <th scope="col">{t("yearEnd.proposal.grade")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.proposals.map((x) => (
                      <tr key={`${x.id}-${x.role}`}>
                        <td>{x.referenceNo ?? "—"}</td>
                        <td>{x.title}</td>
                        <td>{t(`yearEnd.proposal.role.${x.role}`)}</td>
                        <td>{t(`proposalState.${x.state}` as MessageKey)}</td>
                        <td>{x.decision ? t(`proposalDecision.${x.decision}` as MessageKey) : "—"}</td>
                        <td>{x.rewardGrade ? t("rewardGrade", { grade: x.rewardGrade }) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>

          <section aria-labelledby="ye-incentives">
            <h2 id="ye-incentives">{t("yearEnd.section.incentives")}</h2>
            {p.incentives.rank === null ? (
              <p data-testid="ye-incentives-none">{t("yearEnd.incentives.none")}</p>
            ) : (
              <>
                <p data-testid="ye-incentives">
                  {t("yearEnd.incentives.summary", { points: formatHours(p.incentives.points), rank: p.incentives.rank, of: p.incentives.of })}
                  {"　"}
                  {p.incentives.reward ? t("yearEnd.incentives.reward", { reward: p.incentives.reward }) : t("yearEnd.incentives.noReward")}
                </p>
                {p.incentives.breakdown.length ? (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t("yearEnd.incentives.item")}</th>
                        <th scope="col">{t("yearEnd.incentives.points")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.incentives.breakdown.map((l) => (
                        <tr key={l.item}>
                          <td>{l.label}</td>
                          <td className="num">{formatHours(l.points)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </>
            )}
          </section>

          <section aria-labelledby="ye-counter">
            <h2 id="ye-counter">{t("yearEnd.section.counter")}</h2>
            <p data-testid="ye-counter">
              {p.counter.rank !== null
                ? t("yearEnd.counter.ranked", { rank: p.counter.rank, of: p.counter.of, score: p.counter.score === null ? "—" : String(p.counter.score) })
                : p.counter.noCounterWork
                  ? t("yearEnd.counter.noWork")
                  : t("yearEnd.counter.notRanked", { reason: p.counter.notRankedReason ?? "" })}
            </p>
            {p.counter.noCounterWork ? null : <p className="muted">{t("yearEnd.counter.volume", { served: p.counter.served, days: p.counter.staffedDays })}</p>}
          </section>

          <div className="footer">
            <span>{t("yearEnd.printedOn", { date: formatRocDate(preparedAt, language) })}</span>
            <span className="sign">{t("yearEnd.signature")}：</span>
          </div>
        </div>
      </Paper>
    </Stack>
  );
}

/** 「第 2 名／5」, 「未排名」 or 「無櫃台紀錄」 for the office list. */
export function counterShort(t: ReturnType<typeof useT>, counter: PersonYearEnd["counter"]): string {
  if (counter.rank !== null) return t("yearEnd.counter.short.rank", { rank: counter.rank, of: counter.of });
  return t(counter.noCounterWork ? "yearEnd.counter.short.noWork" : "yearEnd.counter.short.notRanked");
}
