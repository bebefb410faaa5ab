// One review meeting (研提案件審查小組, issue 4 "Committee round"): the chair records attendance, puts
// proposals on the agenda, opens and closes voting, orders recusals and names an acting chair; every
// member sees each proposal's recusals and quorum in words, casts and changes a secret ballot, and,
// once voting has closed, the tally, every ballot and the score statistics; the presiding chair then
// records the decision. Ballots are hidden by loadRound (visibleBallots), never by this page: the
// loader's data holds no other member's vote before closing. One action dispatches on `intent`, so
// every form works without JavaScript.
import { Alert, Anchor, Badge, Box, Button, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  ActingChairForm,
  AgendaForm,
  AttendanceForm,
  BallotForm,
  CloseRoundForm,
  DecisionForm,
  DeclareConflictForm,
  OpenRoundForm,
  OrderRecusalForm,
  stateFor,
} from "~/components/committee/committee-forms";
import { orderedCriteria } from "~/components/committee/committee-format";
import { BallotsTable, QuorumText, RecusalList, RoundStateBadge, StatisticsTable, TallyView, type RoundItem } from "~/components/committee/committee-parts";
import { FormErrorSummary, type FormState } from "~/components/form-fields";
import { Notice } from "~/components/notice";
import { ProposalStateBadge } from "~/components/proposals/proposal-badges";
import { RocDate } from "~/components/roc-date";
import { formatRocDateTime } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { DomainError } from "~/modules/domain-error";
import { formFailure, parseForm, type FieldErrors } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { getProposalSettings } from "~/modules/proposals/proposals.server";
import { listSchedulableProposals } from "~/modules/proposals/committee-pages.server";
import {
  castBallot,
  closeRound,
  declareConflict,
  decisionFacts,
  loadRound,
  openRound,
  orderRecusal,
  scheduleProposal,
  setActingChair,
  setAttendance,
  type RoundView,
} from "~/modules/proposals/committee.server";
import type { DecisionKind } from "~/modules/proposals/proposal-workflow";
import { decideProposal } from "~/modules/proposals/proposals.server";
import { actingChairSchema, attendanceSchema, ballotSchema, decisionSchema, recusalSchema } from "~/modules/proposals/proposals.schema";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "committee.view");
  const roundId = requireIdParam(args.params.roundId);
  const view = await loadRound(args.context.db, user, roundId);
  const schedulable = view.isChair && view.round.state !== "closed" ? await listSchedulableProposals(args.context.db, user) : [];
  const { gradeThresholds } = await getProposalSettings(args.context.db, user.officeId);
  return { view, schedulable, viewerId: user.id, gradeThresholds };
}

// ------------------------------------------------------------------------------ the action

const scheduleForm = z.object({
  proposalId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
});

const fail = (formData: FormData, errors: FieldErrors) => data(formFailure(formData, errors), { status: 400 });

/** The item this form is about, found in this meeting only (an item of another meeting is a 404). */
function itemOf(view: RoundView, formData: FormData) {
  const raw = String(formData.get("itemId") ?? "");
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const item = view.items.find((i) => i.id === id);
  if (!item) throw new Response("Not Found", { status: 404 });
  return item;
}

/**
 * score_<criterion> fields as numbers; blank means not scored (an abstention may leave them blank).
 * Ranges are checked by the rubric rule in castBallot, which names the field it refuses.
 */
function parseScores(formData: FormData, weights: Record<string, number>) {
  const scores: Record<string, number | undefined> = {};
  const errors: FieldErrors = {};
  for (const criterion of Object.keys(weights)) {
    const raw = String(formData.get(`score_${criterion}`) ?? "").trim();
    if (raw === "") {
      scores[criterion] = undefined;
      continue;
    }
    const parsed = z.coerce.number().finite().safeParse(raw);
    if (parsed.success) scores[criterion] = parsed.data;
    else errors[`score_${criterion}`] = "committee.errors.scoreNumber";
  }
  return { scores, errors };
}

async function handle(user: CurrentUser, args: ActionFunctionArgs, roundId: number, formData: FormData) {
  const db = args.context.db;
  const intent = String(formData.get("intent") ?? "");
  const back = (itemId?: number) => redirect(`/committee/rounds/${roundId}?notice=saved${itemId ? `#item-${itemId}` : ""}`);
  switch (intent) {
    case "attendance": {
      const parsed = parseForm(attendanceSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await setAttendance(db, user, roundId, parsed.data.present);
      return back();
    }
    case "schedule": {
      const parsed = parseForm(scheduleForm, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await scheduleProposal(db, user, parsed.data.proposalId, roundId);
      return back();
    }
    case "open":
      await openRound(db, user, roundId);
      return back();
    case "close":
      if (formData.get("confirm") !== "on") return fail(formData, { confirm: "committee.close.confirmRequired" });
      await closeRound(db, user, roundId);
      return back();
  }

  const view = await loadRound(db, user, roundId);
  const item = itemOf(view, formData);
  switch (intent) {
    case "ballot": {
      const parsed = parseForm(ballotSchema, formData);
      const { scores, errors } = parseScores(formData, view.round.rubricWeights);
      const allErrors = { ...(parsed.ok ? {} : parsed.errors), ...errors };
      if (!parsed.ok || Object.keys(errors).length > 0) return fail(formData, allErrors);
      await castBallot(db, user, item.id, {
        vote: parsed.data.vote,
        comment: parsed.data.comment,
        scores,
      });
      return back(item.id);
    }
    case "declare": {
      const parsed = parseForm(recusalSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await declareConflict(db, user, item.id, parsed.data.note);
      return back(item.id);
    }
    case "order_recusal": {
      const parsed = parseForm(recusalSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      if (!parsed.data.memberId) return fail(formData, { memberId: "errors.required" });
      await orderRecusal(db, user, item.id, parsed.data.memberId, parsed.data.note);
      return back(item.id);
    }
    case "acting_chair": {
      const parsed = parseForm(actingChairSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await setActingChair(db, user, item.id, parsed.data.memberId);
      return back(item.id);
    }
    case "decide": {
      const parsed = parseForm(decisionSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      // A member recused from the item never decides it, whatever else they are: the workflow only
      // knows proposers and co-proposers, so a chair who declared a conflict or was ordered out is
      // refused here (see the report on decideProposal).
      if (item.recused.some((r) => r.memberId === user.id)) return fail(formData, { _form: "committee.decision.notYours.recused" });
      const facts = await decisionFacts(db, user, item.proposalId);
      if (item.movedToRoundId !== null || (facts.roundItemId !== 0 && facts.roundItemId !== item.id)) {
        return fail(formData, { _form: "committee.item.moved" });
      }
      await decideProposal(db, user, item.proposalId, parsed.data, facts);
      return back(item.id);
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "committee.view");
  const roundId = requireIdParam(args.params.roundId);
  const formData = await args.request.formData();
  try {
    return await handle(user, args, roundId, formData);
  } catch (error) {
    // A refusal by a rule (not the chair, voting closed, score out of range…) goes back beside its field.
    if (error instanceof DomainError) return fail(formData, { [error.field]: error.messageKey });
    throw error;
  }
}

// ------------------------------------------------------------------------------ the page

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = LoaderData["view"]["items"][number];

function MeetingHeader({ view }: { view: LoaderData["view"] }) {
  const t = useT();
  const { round } = view;
  return (
    <Stack gap="xs">
      <Anchor component={Link} to="/committee/rounds" size="sm" className="no-print">
        ← {t("committee.round.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="center">
          <Title order={1}>{round.title}</Title>
          <RoundStateBadge state={round.state} />
        </Group>
        {round.state === "closed" ? (
          <Button component={Link} to={`/committee/rounds/${round.id}/minutes`} variant="light">
            {t("committee.round.minutes")}
          </Button>
        ) : null}
      </Group>
      <Group gap="xl">
        <Text>
          {t("committee.round.when")}：<RocDate value={round.meetingDate} />
        </Text>
        <Text>
          {t("committee.round.where")}：{round.location || t("committee.round.noLocation")}
        </Text>
        <Text>
          {t("committee.round.chair")}：{round.chairName}
        </Text>
      </Group>
    </Stack>
  );
}

/** The page says plainly, at the top, who can see which ballot now. */
function SecrecyNotice({ view }: { view: LoaderData["view"] }) {
  const t = useT();
  const language = useLanguage();
  const { round } = view;
  if (round.state === "closed") {
    return (
      <Alert color="teal" variant="light" data-testid="secrecy">
        {t("committee.round.closedNote", {
          closedAt: round.closedAt ? formatRocDateTime(round.closedAt, language) : "",
        })}
      </Alert>
    );
  }
  return (
    <Alert color={round.state === "open" ? "orange" : "blue"} variant="light" data-testid="secrecy">
      <Text fw={600}>{round.state === "open" ? t("committee.round.hiddenOpen") : t("committee.round.hiddenPlanned")}</Text>
    </Alert>
  );
}

function ChairPanel({ data: d, actionData }: { data: LoaderData; actionData: FormState | undefined }) {
  const t = useT();
  const { view } = d;
  const state = view.round.state;
  return (
    <Paper withBorder p="md" className="no-print" component="section" aria-labelledby="chair-title">
      <Title order={2} size="h3" id="chair-title" mb="sm">
        {t("committee.chair.title")}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t("committee.attendance.title")}
          </Title>
          <AttendanceForm members={view.members} state={stateFor(actionData, "attendance")} disabled={state === "closed"} />
        </Stack>
        <Stack gap="lg">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t("committee.agenda.title")}
            </Title>
            <AgendaForm proposals={d.schedulable} state={stateFor(actionData, "schedule")} />
          </Stack>
          <Divider />
          {state === "planned" ? <OpenRoundForm state={stateFor(actionData, "open")} /> : null}
          {state === "open" ? <CloseRoundForm state={stateFor(actionData, "close")} /> : null}
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function AttendanceSummary({ view }: { view: LoaderData["view"] }) {
  const t = useT();
  const present = view.members.filter((m) => m.present);
  return (
    <Stack gap={4} component="section" aria-labelledby="attendance-title">
      <Title order={2} size="h4" id="attendance-title">
        {t("committee.attendance.title")}
      </Title>
      <Text size="sm">
        {t("committee.attendance.summary", {
          total: view.members.length,
          present: present.length,
        })}
      </Text>
      <Group gap={6}>
        {view.members.map((m) => (
          <Badge key={m.id} variant={m.present ? "filled" : "outline"} color={m.present ? "teal.8" : "gray.6"} data-present={m.present}>
            {m.name}
            {m.isChair ? t("committee.attendance.chairMark") : ""}：{m.present ? t("committee.attendance.present") : t("committee.attendance.absent")}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

function DecisionSection({ item, view, actionData }: { item: Item; view: LoaderData["view"]; actionData: FormState | undefined }) {
  const t = useT();
  if (item.decision) {
    const kind = item.decision as DecisionKind;
    return (
      <Stack gap={4} data-testid="decision">
        <Text fw={700}>
          {t("committee.decision.title")}：{t(`proposalDecision.${kind}`)}
        </Text>
        {item.decisionReason ? <Text style={{ whiteSpace: "pre-wrap" }}>{t("committee.minutes.reasonOf", { reason: item.decisionReason })}</Text> : null}
        {kind === "forwarded_up" && item.documentNumber ? (
          <Text>
            {t("committee.minutes.documentNumberOf", {
              number: item.documentNumber,
            })}
          </Text>
        ) : null}
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Text fw={700}>{t("committee.decision.title")}</Text>
      {item.actingChairName ? <Text size="sm">{t("committee.decision.by", { name: item.actingChairName })}</Text> : null}
      {item.canDecide ? (
        <>
          {item.result?.tally.outcome === "tie" ? (
            <Alert color="orange" variant="light" p="xs">
              {t("committee.decision.tieNote")}
            </Alert>
          ) : null}
          <DecisionForm item={item as RoundItem} state={stateFor(actionData, "decide", item.id)} />
        </>
      ) : (
        <Text size="sm" c="gray.7">
          {t("committee.decision.pending")}
          {view.isChair && item.chairRecused && !item.actingChairId ? ` ${t("committee.decision.needActing")}` : ""}
        </Text>
      )}
      {/* A refusal of the decision form when the form is no longer shown (e.g. a recused chair). */}
      {!item.canDecide ? <FormErrorSummary state={stateFor(actionData, "decide", item.id)} /> : null}
    </Stack>
  );
}

function ItemCard({ item, n, d, actionData }: { item: Item; n: number; d: LoaderData; actionData: FormState | undefined }) {
  const t = useT();
  const { view, viewerId, gradeThresholds } = d;
  const state = view.round.state;
  const weights = view.round.rubricWeights as Record<string, number>;
  const iAmRecused = item.recused.some((r) => r.memberId === viewerId);
  const memberChoices = view.members.map((m) => ({ id: m.id, name: m.name }));
  return (
    <Paper withBorder p="md" component="article" id={`item-${item.id}`} aria-labelledby={`item-${item.id}-title`} data-testid="round-item">
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge variant="outline" color="blue.9">
              {t("committee.item.heading", { n })}
            </Badge>
            <Text size="sm" c="gray.7">
              {item.referenceNo ?? t("committee.item.noReference")}
            </Text>
            <ProposalStateBadge state={item.proposalState} />
          </Group>
          <Title order={3} size="h3" id={`item-${item.id}-title`}>
            <Anchor component={Link} to={`/proposals/${item.proposalId}`} inherit>
              {item.title}
            </Anchor>
          </Title>
          <Text size="sm">
            {t("committee.item.proposer")}：{item.proposerName}
          </Text>
          {item.movedToRoundId !== null ? (
            <Alert color="gray" p="xs">
              {t("committee.item.moved")}
            </Alert>
          ) : null}
        </Stack>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Stack gap={4}>
            <Text fw={700} size="sm">
              {t("committee.recusal.title")}
            </Text>
            <RecusalList recused={item.recused} viewerId={viewerId} />
          </Stack>
          <Stack gap={4}>
            <Text fw={700} size="sm">
              {t("committee.quorum.title")}
              <Text span size="xs" c="gray.7" ml={4}>
                {t(`committee.quorum.rule.${view.round.quorumRule}`)}
              </Text>
            </Text>
            <Text size="sm">
              <QuorumText quorum={item.quorum} />
            </Text>
            {state !== "planned" ? (
              <Text size="sm" data-testid="ballots-cast">
                <Text span fw={700}>
                  {t("committee.ballots.count", {
                    cast: item.ballotsCast,
                    eligible: item.quorum.eligiblePresent,
                  })}
                </Text>{" "}
                {state === "open" ? (
                  <Text span size="xs" c="gray.7">
                    {t("committee.ballots.countHint")}
                  </Text>
                ) : null}
              </Text>
            ) : null}
          </Stack>
        </SimpleGrid>

        {state !== "closed" && view.isMember ? (
          <Box>
            {item.myRefusal === null ? (
              <BallotForm item={item as RoundItem} weights={weights} state={stateFor(actionData, "ballot", item.id)} />
            ) : (
              <Alert color={iAmRecused || state === "planned" ? "gray" : "yellow"} variant="light" data-testid="my-refusal">
                {t("committee.ballot.cannot")}
                {item.myRefusal}
              </Alert>
            )}
            {/* A ballot refused after the form disappeared (e.g. the chair closed voting meanwhile). */}
            {item.myRefusal !== null ? <FormErrorSummary state={stateFor(actionData, "ballot", item.id)} /> : null}
          </Box>
        ) : null}

        {state !== "closed" && view.isMember && !iAmRecused && item.movedToRoundId === null ? (
          <DeclareConflictForm item={item as RoundItem} state={stateFor(actionData, "declare", item.id)} />
        ) : null}

        {view.isChair && state !== "closed" && item.movedToRoundId === null ? (
          <Box className="no-print">
            <OrderRecusalForm item={item as RoundItem} members={memberChoices} state={stateFor(actionData, "order_recusal", item.id)} />
          </Box>
        ) : null}
        {view.isChair && item.chairRecused && !item.decision && item.movedToRoundId === null ? (
          <Box className="no-print">
            {item.actingChairName ? (
              <Text size="sm" mb={4}>
                {t("committee.acting.current", { name: item.actingChairName })}
              </Text>
            ) : null}
            <ActingChairForm item={item as RoundItem} members={memberChoices} state={stateFor(actionData, "acting_chair", item.id)} />
          </Box>
        ) : null}

        {state === "closed" && item.result ? (
          <Stack gap="md" component="section" aria-label={t("committee.result.title")}>
            <Divider label={t("committee.result.title")} labelPosition="left" />
            <TallyView result={item.result} />
            <BallotsTable
              ballots={item.ballots}
              criteria={orderedCriteria(weights).map(([c]) => c)}
              decision={(item.decision as DecisionKind | null) ?? null}
              viewerId={viewerId}
            />
            <Stack gap={4}>
              <Text fw={700} size="sm">
                {t("committee.result.stats")}
              </Text>
              <StatisticsTable result={item.result} weights={weights} thresholds={gradeThresholds} />
            </Stack>
          </Stack>
        ) : null}

        {state === "closed" && item.movedToRoundId === null ? <DecisionSection item={item} view={view} actionData={actionData} /> : null}
      </Stack>
    </Paper>
  );
}

export default function CommitteeRound() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormState | undefined;
  const t = useT();
  const { view } = d;
  return (
    <Stack gap="lg">
      <MeetingHeader view={view} />
      {/* The ?notice of an earlier success would sit oddly above a refusal. */}
      {actionData ? null : <Notice />}
      <SecrecyNotice view={view} />
      {!view.isMember ? (
        <Text size="sm" c="gray.7">
          {t("committee.round.viewerNotMember")}
        </Text>
      ) : null}
      {view.isChair && view.round.state !== "closed" ? <ChairPanel data={d} actionData={actionData} /> : null}
      {!view.isChair || view.round.state === "closed" ? <AttendanceSummary view={view} /> : null}
      <Stack gap="md" component="section" aria-labelledby="items-title">
        <Title order={2} size="h3" id="items-title">
          {t("committee.items.title")}
        </Title>
        {view.items.length === 0 ? <Text c="dimmed">{t("committee.items.none")}</Text> : null}
        {view.items.map((item, i) => (
          <ItemCard key={item.id} item={item} n={i + 1} d={d} actionData={actionData} />
        ))}
      </Stack>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
