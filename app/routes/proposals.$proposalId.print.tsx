// 業務研提意見表, printable on one A4 page, laid out like the paper form (issue 4: "The proposal form
// prints as a one-page 研提意見表 (print stylesheet)").
//
// It stays inside the app shell: on paper app.css hides the shell's header, navigation and skip link
// and the main area loses the shell's offsets, so only the form is printed; this page adds the form's
// own print rules. On screen the form shows inside the shell as a preview, with a 「列印」 button
// (window.print) that does not print itself.
import { Button, Group, Paper, Stack, Text, VisuallyHidden } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatRocDate, formatRocDateTime } from "~/i18n/dates";
import type { MessageKey } from "~/i18n/i18n";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { requireIdParam } from "~/modules/params";
import { PROPOSAL_CATEGORIES, PROPOSAL_ORIGINS, type DecisionKind } from "~/modules/proposals/proposal-workflow";
import { loadProposal } from "~/modules/proposals/proposals.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const id = requireIdParam(args.params.proposalId);
  const { proposal, coProposers, timeline } = await loadProposal(args.context.db, user, id);
  // 主管審核意見: the latest screening (a resubmitted proposal is screened again).
  const screening = [...timeline].reverse().find((e) => e.action.startsWith("supervisor_"));
  return {
    officeName: user.officeName,
    proposal: {
      id: proposal.id,
      referenceNo: proposal.referenceNo,
      title: proposal.title,
      category: proposal.category,
      origin: proposal.origin,
      problem: proposal.problem,
      method: proposal.method,
      benefit: proposal.benefit,
      estimatedCost: proposal.estimatedCost,
      proposerName: proposal.proposerName,
      proposerTitle: proposal.proposerTitle,
      submittedAt: proposal.submittedAt,
      decision: proposal.decision as DecisionKind | null,
      decisionReason: proposal.decisionReason,
      documentNumber: proposal.documentNumber,
      decidedAt: proposal.decidedAt,
      meanScore: proposal.meanScore,
      rewardGrade: proposal.rewardGrade,
    },
    coProposers: coProposers.map((c) => `${c.name}（${c.title}）`),
    screening: screening ? { action: screening.action, reason: screening.reason, by: screening.actorName, at: screening.at } : null,
  };
}

// Print rules for this page only (the shell is Mantine's AppShell: its parts carry these static classes).
const PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm 14mm; }
.proposal-paper { font-family: "Noto Serif TC", "Noto Serif CJK TC", "PMingLiU", "MingLiU", serif; color: #000; }
.proposal-paper h1 { font-size: 20pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 4pt; }
.proposal-paper .office { text-align: center; font-size: 13pt; margin: 0; }
.proposal-paper table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 11pt; }
.proposal-paper th, .proposal-paper td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: top; text-align: left; }
.proposal-paper th { width: 7.5em; background: #f1f3f5; font-weight: 700; vertical-align: middle; text-align: center; }
.proposal-paper td.text { white-space: pre-wrap; word-break: break-word; }
.proposal-paper td.tall { height: 42mm; }
.proposal-paper td.box { height: 28mm; }
.proposal-paper .choices { display: flex; flex-wrap: wrap; gap: 2pt 12pt; }
.proposal-paper .choice { white-space: nowrap; }
.proposal-paper .small { font-size: 9.5pt; color: #333; }
@media print {
  .proposal-sheet { border: 0 !important; box-shadow: none !important; padding: 0 !important; max-width: none !important; }
  .proposal-paper th { background: #f1f3f5 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const SCREENING_LABELS: Record<string, MessageKey> = {
  supervisor_forward: "proposals.screen.forward",
  supervisor_return: "proposals.screen.return",
  supervisor_reject: "proposals.screen.reject",
};

function Choices<T extends string>({ all, chosen, label }: { all: readonly T[]; chosen: string; label: (v: T) => string }) {
  const checkedText = useT()("proposals.printPage.checked");
  return (
    <div className="choices">
      {all.map((v) => (
        <span key={v} className="choice" data-chosen={v === chosen ? "yes" : undefined}>
          {/* The box is a character, like the paper form; the checked state is also said in words for screen readers. */}
          <span aria-hidden="true">{v === chosen ? "■" : "□"}</span>
          {label(v)}
          {v === chosen ? <VisuallyHidden>（{checkedText}）</VisuallyHidden> : null}
        </span>
      ))}
    </div>
  );
}

export default function PrintProposal() {
  const { officeName, proposal: p, coProposers, screening } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  return (
    <Stack maw={860} mx="auto">
      <style>{PRINT_CSS}</style>
      <Group justify="space-between" className="no-print">
        <Button component={Link} to={`/proposals/${p.id}`} variant="subtle">
          {t("proposals.printPage.back")}
        </Button>
        <Group gap="sm">
          <Text size="sm" c="gray.7">
            {t("proposals.printPage.hint")}
          </Text>
          <Button type="button" onClick={() => window.print()} data-testid="print-button">
            {t("proposals.printPage.button")}
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="xl" className="proposal-sheet">
        <div className="proposal-paper" data-testid="print-sheet">
          <p className="office">{officeName}</p>
          <h1>{t("proposals.printPage.heading")}</h1>
          <table>
            <tbody>
              <tr>
                <th scope="row">{t("proposals.printPage.referenceNo")}</th>
                <td>{p.referenceNo ?? t("proposals.printPage.notSubmitted")}</td>
                <th scope="row">{t("proposals.printPage.date")}</th>
                <td>{p.submittedAt ? formatRocDate(p.submittedAt, language) : t("proposals.printPage.notSubmitted")}</td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.field.title")}</th>
                <td colSpan={3} className="text" data-testid="print-title">
                  {p.title}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.printPage.proposer")}</th>
                <td>
                  {p.proposerName}（{p.proposerTitle}）
                </td>
                <th scope="row">{t("proposals.printPage.coProposers")}</th>
                <td>{coProposers.length ? coProposers.join("、") : t("proposals.none")}</td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.field.category")}</th>
                <td colSpan={3} data-testid="print-category">
                  <Choices all={PROPOSAL_CATEGORIES} chosen={p.category} label={(c) => t(`proposalCategory.${c}`)} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.field.origin")}</th>
                <td colSpan={3} data-testid="print-origin">
                  <Choices all={PROPOSAL_ORIGINS} chosen={p.origin} label={(o) => t(`proposalOrigin.${o}`)} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.field.problem")}</th>
                <td colSpan={3} className="text tall">
                  {p.problem}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.field.method")}</th>
                <td colSpan={3} className="text tall">
                  {p.method}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.field.benefit")}</th>
                <td colSpan={3} className="text tall">
                  {p.benefit}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.field.estimatedCost")}</th>
                <td colSpan={3} className="text">
                  {p.estimatedCost || t("proposals.none")}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.printPage.supervisorOpinion")}</th>
                <td colSpan={3} className="text box" data-testid="print-screening">
                  {screening ? (
                    <>
                      <strong>{t(SCREENING_LABELS[screening.action] ?? "proposals.event.other")}</strong>
                      {screening.reason ? `\n${screening.reason}` : ""}
                      {"\n"}
                      <span className="small">{t("proposals.printPage.screenedBy", { name: screening.by ?? "", date: formatRocDateTime(screening.at, language) })}</span>
                    </>
                  ) : null}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("proposals.printPage.committeeDecision")}</th>
                <td colSpan={3} className="text box" data-testid="print-decision">
                  {p.decision ? (
                    <>
                      <strong>{t(`proposalDecision.${p.decision}`)}</strong>
                      {p.decisionReason ? `\n${p.decisionReason}` : ""}
                      {p.documentNumber ? `\n${t("proposals.decision.documentNumber")}：${p.documentNumber}` : ""}
                      {p.meanScore !== null ? `\n${t("proposals.decision.meanScore")}：${p.meanScore.toFixed(2)}` : ""}
                      {p.rewardGrade ? `　${t("proposals.grade")}：${t("rewardGrade", { grade: p.rewardGrade })}` : ""}
                      {p.decidedAt ? (
                        <>
                          {"\n"}
                          <span className="small">
                            {t("proposals.decision.decidedAt")}：{formatRocDate(p.decidedAt, language)}
                          </span>
                        </>
                      ) : null}
                    </>
                  ) : null}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </Paper>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
