// The forms of the meeting page. Each is a plain <Form method="post"> with a hidden `intent` (and the
// item's id), so the page works without JavaScript; the route's one action dispatches on `intent`.
// A refused form gets back what was typed (forms.server.ts), and only the form that was sent shows it.
import { Alert, Box, Button, Checkbox, Fieldset, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FormErrorSummary, useFormFields, type FormState } from "~/components/form-fields";
import { formatRocDateTime } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import { VOTE_CHOICES } from "~/modules/proposals/committee-rules";
import { DECISION_KINDS } from "~/modules/proposals/proposal-workflow";
import { orderedCriteria } from "./committee-format";
import type { RoundItem } from "./committee-parts";

/** What the action answered, when it answers this form (same intent, same item). */
export function stateFor(actionData: FormState | undefined, intent: string, itemId?: number): FormState | undefined {
  const values = actionData?.values;
  if (!values || values.intent !== intent) return undefined;
  if (itemId !== undefined && values.itemId !== String(itemId)) return undefined;
  return actionData;
}

function Hidden({ intent, itemId }: { intent: string; itemId?: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {itemId !== undefined ? <input type="hidden" name="itemId" value={itemId} /> : null}
    </>
  );
}

/** The member's own ballot: one number per rubric criterion within its points, the vote, a comment. */
export function BallotForm({ item, weights, state }: { item: RoundItem; weights: Record<string, number>; state: FormState | undefined }) {
  const mine = item.myBallot;
  const defaults: Record<string, string> = {
    vote: mine?.vote ?? "",
    comment: mine?.comment ?? "",
  };
  for (const c of Object.keys(weights)) defaults[`score_${c}`] = mine?.scores[c] === undefined ? "" : String(mine.scores[c]);
  const fields = useFormFields(state, defaults);
  const { t } = fields;
  const language = useLanguage();
  const idBase = `ballot-${item.id}`;
  return (
    <Form method="post" key={mine?.updatedAt ?? "new"} aria-labelledby={`${idBase}-title`} data-testid="ballot-form">
      <Hidden intent="ballot" itemId={item.id} />
      <Stack gap="sm">
        <Text fw={700} id={`${idBase}-title`}>
          {t("committee.ballot.title")}
        </Text>
        <Alert color="blue" variant="light" p="xs">
          <Text size="sm">{t("committee.ballot.secret")}</Text>
          {mine ? (
            <Text size="sm" fw={600} mt={4} data-testid="ballot-cast-at">
              {t("committee.ballot.castAt", {
                at: formatRocDateTime(mine.updatedAt, language),
              })}
            </Text>
          ) : null}
        </Alert>
        <FormErrorSummary state={state} />
        <Fieldset legend={t("committee.ballot.rubric")} variant="filled">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            {orderedCriteria(weights).map(([criterion, max]) => {
              const name = `score_${criterion}`;
              return (
                <TextInput
                  key={criterion}
                  id={`${idBase}-${name}`}
                  name={name}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={max}
                  step="any"
                  label={t("committee.ballot.criterion", { criterion, max })}
                  defaultValue={fields.valueOf(name)}
                  error={fields.errorOf(name)}
                />
              );
            })}
          </SimpleGrid>
          <Text size="xs" c="gray.7" mt={6}>
            {t("committee.ballot.abstainNote")}
          </Text>
        </Fieldset>
        <Radio.Group name="vote" label={t("committee.ballot.vote")} defaultValue={fields.valueOf("vote")} error={fields.errorOf("vote")} withAsterisk>
          <Group mt={6} gap="lg">
            {VOTE_CHOICES.map((choice) => (
              <Radio key={choice} id={`${idBase}-vote-${choice}`} value={choice} label={t(`proposalVote.${choice}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          id={`${idBase}-comment`}
          name="comment"
          label={t("committee.ballot.comment")}
          defaultValue={fields.valueOf("comment")}
          error={fields.errorOf("comment")}
          autosize
          minRows={2}
          maxLength={1000}
        />
        <Group>
          <Button type="submit">{mine ? t("committee.ballot.change") : t("committee.ballot.submit")}</Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** 申請迴避: a member sits out one proposal, with a note for the minutes. Folded away until needed. */
export function DeclareConflictForm({ item, state }: { item: RoundItem; state: FormState | undefined }) {
  const fields = useFormFields(state);
  const { t } = fields;
  return (
    <Box component="details" open={Boolean(state)} className="no-print">
      <Box component="summary" style={{ cursor: "pointer" }}>
        <Text span size="sm" fw={600} c="blue.9">
          {t("committee.declare.title")}
        </Text>
      </Box>
      <Form method="post">
        <Hidden intent="declare" itemId={item.id} />
        <Stack gap="xs" mt="xs">
          <Text size="sm" c="gray.7">
            {t("committee.declare.hint")}
          </Text>
          <FormErrorSummary state={state} />
          <TextInput
            id={`declare-${item.id}-note`}
            name="note"
            label={t("committee.declare.note")}
            defaultValue={fields.valueOf("note")}
            error={fields.errorOf("note")}
            maxLength={200}
          />
          <Group>
            <Button type="submit" color="orange.9" variant="light" size="sm">
              {t("committee.declare.button")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Box>
  );
}

type Member = { id: number; name: string };

/** The chair orders a member out of one proposal (主席命其迴避). */
export function OrderRecusalForm({ item, members, state }: { item: RoundItem; members: Member[]; state: FormState | undefined }) {
  const fields = useFormFields(state);
  const { t } = fields;
  const candidates = members.filter((m) => !item.recused.some((r) => r.memberId === m.id));
  if (candidates.length === 0) return null;
  return (
    <Form method="post">
      <Hidden intent="order_recusal" itemId={item.id} />
      <Fieldset legend={t("committee.order.title")}>
        <Stack gap="xs">
          <FormErrorSummary state={state} />
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              id={`order-${item.id}-member`}
              name="memberId"
              label={t("committee.order.member")}
              data={[
                { value: "", label: t("committee.order.choose") },
                ...candidates.map((m) => ({
                  value: String(m.id),
                  label: m.name,
                })),
              ]}
              defaultValue={fields.valueOf("memberId")}
              error={fields.errorOf("memberId")}
              required
            />
            <TextInput
              id={`order-${item.id}-note`}
              name="note"
              label={t("committee.order.note")}
              defaultValue={fields.valueOf("note")}
              error={fields.errorOf("note")}
              maxLength={200}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button type="submit" variant="light" color="orange.9">
              {t("committee.order.button")}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Form>
  );
}

/** 代理主席, for an item the chair is recused from. */
export function ActingChairForm({ item, members, state }: { item: RoundItem; members: Member[]; state: FormState | undefined }) {
  const fields = useFormFields(state, { memberId: item.actingChairId ?? "" });
  const { t } = fields;
  const candidates = members.filter((m) => !item.recused.some((r) => r.memberId === m.id));
  return (
    <Form method="post">
      <Hidden intent="acting_chair" itemId={item.id} />
      <Fieldset legend={t("committee.acting.title")}>
        <Stack gap="xs">
          <Text size="sm">{t("committee.acting.hint")}</Text>
          <FormErrorSummary state={state} />
          <Group align="flex-end" gap="sm">
            <NativeSelect
              id={`acting-${item.id}-member`}
              name="memberId"
              label={t("committee.acting.member")}
              data={[
                { value: "", label: t("committee.order.choose") },
                ...candidates.map((m) => ({
                  value: String(m.id),
                  label: m.name,
                })),
              ]}
              defaultValue={fields.valueOf("memberId")}
              error={fields.errorOf("memberId")}
              required
            />
            <Button type="submit" variant="light">
              {t("committee.acting.button")}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Form>
  );
}

/**
 * The chair's decision: one of the five kinds, its reasons, and the 發文字號 for 報送上級機關. Without
 * JavaScript the number field is always there (with a hint); with it, it appears only for that kind.
 */
export function DecisionForm({ item, state }: { item: RoundItem; state: FormState | undefined }) {
  const fields = useFormFields(state);
  const { t } = fields;
  const [decision, setDecision] = useState(fields.valueOf("decision"));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const showNumber = !hydrated || decision === "forwarded_up";
  return (
    <Form method="post" data-testid="decision-form">
      <Hidden intent="decide" itemId={item.id} />
      <Stack gap="sm">
        <FormErrorSummary state={state} />
        <Radio.Group
          name="decision"
          label={t("committee.decision.kind")}
          value={decision}
          onChange={setDecision}
          error={fields.errorOf("decision")}
          withAsterisk
        >
          <Group mt={6} gap="lg">
            {DECISION_KINDS.map((kind) => (
              <Radio key={kind} id={`decide-${item.id}-${kind}`} value={kind} label={t(`proposalDecision.${kind}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          id={`decide-${item.id}-reason`}
          name="reason"
          label={t("committee.decision.reason")}
          defaultValue={fields.valueOf("reason")}
          error={fields.errorOf("reason")}
          withAsterisk
          autosize
          minRows={3}
          maxLength={2000}
        />
        {showNumber ? (
          <TextInput
            id={`decide-${item.id}-documentNumber`}
            name="documentNumber"
            label={t("committee.decision.documentNumber")}
            description={t("committee.decision.documentNumberHint")}
            defaultValue={fields.valueOf("documentNumber")}
            error={fields.errorOf("documentNumber")}
            withAsterisk={decision === "forwarded_up"}
            maxLength={60}
          />
        ) : null}
        <Group>
          <Button type="submit">{t("committee.decision.submit")}</Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** Attendance: one 出席 box per member. Marking someone absent withdraws a ballot they cast. */
export function AttendanceForm({
  members,
  state,
  disabled,
}: {
  members: {
    id: number;
    name: string;
    title: string;
    present: boolean;
    isChair: boolean;
  }[];
  state: FormState | undefined;
  disabled: boolean;
}) {
  const fields = useFormFields(state, {
    present: members.filter((m) => m.present).map((m) => String(m.id)),
  });
  const { t } = fields;
  const ticked = new Set(fields.listOf("present"));
  return (
    <Form method="post" data-testid="attendance-form">
      <Hidden intent="attendance" />
      <Stack gap="xs">
        <FormErrorSummary state={state} />
        {/* Plain checkboxes in a fieldset: inside Mantine's Checkbox.Group the group's value would
            override each box's defaultChecked, and the form must work without JavaScript. */}
        <Fieldset legend={t("committee.attendance.legend")} variant="unstyled">
          <Stack gap={6} mt={6}>
            {members.map((m) => (
              <Checkbox
                key={m.id}
                id={`present-${m.id}`}
                name="present"
                value={String(m.id)}
                defaultChecked={ticked.has(String(m.id))}
                disabled={disabled}
                label={`${m.name}（${m.title}）${m.isChair ? t("committee.attendance.chairMark") : ""}`}
              />
            ))}
          </Stack>
          {fields.errorOf("present") ? (
            <Text size="sm" c="red.8" mt={4}>
              {fields.errorOf("present")}
            </Text>
          ) : null}
        </Fieldset>
        <Text size="xs" c="gray.7">
          {t("committee.attendance.warning")}
        </Text>
        {!disabled ? (
          <Group>
            <Button type="submit" variant="light">
              {t("committee.attendance.save")}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Form>
  );
}

export function OpenRoundForm({ state }: { state: FormState | undefined }) {
  const t = useT();
  return (
    <Form method="post">
      <Hidden intent="open" />
      <Stack gap="xs">
        <FormErrorSummary state={state} />
        <Text size="sm">{t("committee.open.hint")}</Text>
        <Group>
          <Button type="submit" color="orange.9">
            {t("committee.open.button")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

/**
 * 結束投票 cannot be undone: the explanation is on the page and a box must be ticked (which works
 * without JavaScript). One confirmation is enough; a dialog on top of it only trains people to click through.
 */
export function CloseRoundForm({ state }: { state: FormState | undefined }) {
  const fields = useFormFields(state);
  const { t } = fields;
  return (
    <Form method="post" data-testid="close-form">
      <Hidden intent="close" />
      <Stack gap="xs">
        <FormErrorSummary state={state} />
        <Alert color="orange" variant="light" p="xs">
          <Text size="sm">{t("committee.close.explain")}</Text>
        </Alert>
        <Checkbox id="close-confirm" name="confirm" label={t("committee.close.confirm")} error={fields.errorOf("confirm")} required />
        <Group>
          <Button type="submit" color="red.8">
            {t("committee.close.button")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

export function AgendaForm({
  proposals,
  state,
}: {
  proposals: {
    id: number;
    referenceNo: string | null;
    title: string;
    proposerName: string;
  }[];
  state: FormState | undefined;
}) {
  const fields = useFormFields(state);
  const { t } = fields;
  if (proposals.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {t("committee.agenda.none")}
      </Text>
    );
  return (
    <Form method="post">
      <Hidden intent="schedule" />
      <Stack gap="xs">
        <FormErrorSummary state={state} />
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            id="agenda-proposal"
            name="proposalId"
            label={t("committee.agenda.proposal")}
            data={[
              { value: "", label: t("committee.agenda.choose") },
              ...proposals.map((p) => ({
                value: String(p.id),
                label: `${p.referenceNo ?? ""} ${p.title}（${p.proposerName}）`.trim(),
              })),
            ]}
            defaultValue={fields.valueOf("proposalId")}
            error={fields.errorOf("proposalId") ?? fields.errorOf("roundId")}
            required
            style={{ flex: 1, minWidth: 260 }}
          />
          <Button type="submit" variant="light">
            {t("committee.agenda.add")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
