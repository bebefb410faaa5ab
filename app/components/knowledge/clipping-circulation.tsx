// The supervisor's part of the clipping page (supervisors and the director, circulation.ts
// mayManageCirculations): the 傳閱 form, and per circulation its figures, who has read it and who
// has not, 「提醒未確認者」 and 「結束傳閱」. Plain forms: everything works without JavaScript (with it,
// the fields that do not apply to the chosen kind or audience are hidden and not posted).
import { Alert, Anchor, Badge, Button, Checkbox, Fieldset, Group, Paper, Radio, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useFormFields, type FormState } from "~/components/form-fields";
import { RocDate } from "~/components/roc-date";
import { formatRocDate } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";

export interface Colleague {
  id: number;
  name: string;
  employeeNo: string;
  title: string;
}

type Status = "acknowledged" | "opened" | "unopened";

export interface RecipientRow {
  userId: number;
  name: string;
  employeeNo: string;
  status: Status;
  openedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedVersion: number | null;
  comment: string;
  overdue: boolean;
  remindedAt: string | null;
}

export interface CirculationView {
  id: number;
  kind: "mandatory" | "information";
  dueOn: string | null;
  closed: boolean;
  note: string;
  createdAt: string;
  createdByName: string | null;
  counts: { recipients: number; opened: number; acknowledged: number; overdue: number; pending: number; reacknowledgementPending: number };
  recipients: RecipientRow[];
  remindable: number;
}

const AUDIENCE_ROLES = ["staff", "committee", "chair", "supervisor", "director"] as const;
const STATUS_COLOR: Record<Status, string> = { acknowledged: "teal.8", opened: "yellow.8", unopened: "gray.7" };
const dayOf = (isoDate: string) => `${isoDate}T00:00:00+08:00`;

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function StatusBadge({ status }: { status: Status }) {
  const t = useT();
  return (
    // max-content: in a narrow table the label is never cut to 「未…」.
    <Badge color={STATUS_COLOR[status]} variant={status === "acknowledged" ? "filled" : "light"} tt="none" style={{ minWidth: "max-content" }}>
      {t(`recipientStatus.${status}`)}
    </Badge>
  );
}

/** 傳閱: kind (必閱 with a due date / 參閱), audience (whole office, roles, people) and a note. */
export function CirculateForm({ people, state, today }: { people: Colleague[]; state: FormState | undefined; today: string }) {
  const fields = useFormFields(state, { kind: "mandatory", audience: "office" });
  const { t } = fields;
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [kind, setKind] = useState(fields.valueOf("kind"));
  const [audience, setAudience] = useState(fields.valueOf("audience"));
  // Without JavaScript every field is shown; the server ignores roles and people the audience does not use.
  const showDue = !hydrated || kind === "mandatory";
  const showRoles = !hydrated || audience === "roles";
  const showPeople = !hydrated || audience === "people";
  const chosenRoles = fields.listOf("audienceRoles");
  const chosenPeople = fields.listOf("audienceUserIds");
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="circulate-title" data-testid="circulate-form">
      <Form method="post">
        <input type="hidden" name="intent" value="circulate" />
        <fieldset disabled={navigation.state === "submitting"} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <Title order={2} size="h4" id="circulate-title">
              {t("clippings.circulate.title")}
            </Title>
            <Text size="sm" c="gray.7">
              {t("clippings.circulate.hint")}
            </Text>
            {fields.formError ? (
              <Alert color="red" role="alert" p="xs">
                {fields.formError}
              </Alert>
            ) : null}
            <Radio.Group name="kind" label={t("clippings.circulate.kind")} value={kind} onChange={setKind} error={fields.errorOf("kind")} required>
              <Stack gap={6} mt={4}>
                <Radio id="f-kind-mandatory" value="mandatory" label={`${t("circulationKind.mandatory")}（${t("clippings.circulate.mandatoryHint")}）`} />
                <Radio id="f-kind-information" value="information" label={`${t("circulationKind.information")}（${t("clippings.circulate.informationHint")}）`} />
              </Stack>
            </Radio.Group>
            {showDue ? (
              <TextInput
                id="f-dueOn"
                name="dueOn"
                type="date"
                min={today}
                label={t("clippings.circulate.dueOn")}
                description={t("clippings.circulate.dueOnHint")}
                defaultValue={fields.valueOf("dueOn")}
                error={fields.errorOf("dueOn")}
                w={260}
              />
            ) : null}
            <Radio.Group name="audience" label={t("clippings.circulate.audience")} value={audience} onChange={setAudience} error={fields.errorOf("audience")} required>
              <Group gap="lg" mt={4}>
                <Radio id="f-audience-office" value="office" label={t("clippings.circulate.audience.office")} />
                <Radio id="f-audience-roles" value="roles" label={t("clippings.circulate.audience.roles")} />
                <Radio id="f-audience-people" value="people" label={t("clippings.circulate.audience.people")} />
              </Group>
            </Radio.Group>
            {showRoles ? (
              <Fieldset legend={t("clippings.circulate.roles")} data-testid="audience-roles">
                <Group gap="md">
                  {AUDIENCE_ROLES.map((r) => (
                    <Checkbox key={r} id={`f-role-${r}`} name="audienceRoles" value={r} label={t(`role.${r}`)} defaultChecked={chosenRoles.includes(r)} />
                  ))}
                </Group>
                {fields.errorOf("audienceRoles") ? (
                  <Text c="red.8" size="sm" mt={6} role="alert">
                    {fields.errorOf("audienceRoles")}
                  </Text>
                ) : null}
              </Fieldset>
            ) : null}
            {showPeople ? (
              <Fieldset legend={t("clippings.circulate.people")} data-testid="audience-people">
                <div style={{ maxHeight: 260, overflowY: "auto" }}>
                  <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={6} verticalSpacing={6}>
                    {people.map((p) => (
                      <Checkbox
                        key={p.id}
                        id={`f-person-${p.id}`}
                        name="audienceUserIds"
                        value={String(p.id)}
                        label={`${p.name}（${p.title}，${p.employeeNo}）`}
                        defaultChecked={chosenPeople.includes(String(p.id))}
                      />
                    ))}
                  </SimpleGrid>
                </div>
                {fields.errorOf("audienceUserIds") ? (
                  <Text c="red.8" size="sm" mt={6} role="alert">
                    {fields.errorOf("audienceUserIds")}
                  </Text>
                ) : null}
              </Fieldset>
            ) : null}
            <Textarea
              id="f-circulate-note"
              name="note"
              label={t("clippings.circulate.note")}
              placeholder={t("clippings.circulate.noteHint")}
              defaultValue={fields.valueOf("note")}
              error={fields.errorOf("note")}
              autosize
              minRows={2}
              maxLength={500}
            />
            <div>
              <Button type="submit">{t("clippings.circulate.button")}</Button>
            </div>
          </Stack>
        </fieldset>
      </Form>
    </Paper>
  );
}

function When({ value }: { value: string | null }) {
  return value ? <RocDate value={value} withTime /> : <>—</>;
}

/** One circulation: figures, recipients (sortable by status through the URL), remind and close. */
export function CirculationReport({
  circulation: c,
  sortByStatus,
  remindState,
  closeState,
}: {
  circulation: CirculationView;
  sortByStatus: boolean;
  remindState: FormState | undefined;
  closeState: FormState | undefined;
}) {
  const t = useT();
  const language = useLanguage();
  const location = useLocation();
  const remind = useFormFields(remindState);
  const close = useFormFields(closeState);
  const sortHref = (byStatus: boolean) => {
    const params = new URLSearchParams(location.search);
    params.delete("notice");
    params.delete("n");
    if (byStatus) params.set("recipients", "status");
    else params.delete("recipients");
    const qs = params.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}#circulation-${c.id}`;
  };
  const headingId = `circulation-${c.id}-title`;
  const created = formatRocDate(c.createdAt, language);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId} id={`circulation-${c.id}`} data-testid="circulation">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h5" id={headingId}>
              {t("clippings.circulations.heading", { kind: t(`circulationKind.${c.kind}`), date: created, name: c.createdByName ?? "—" })}
            </Title>
            {c.dueOn ? (
              <Text size="sm">{t("clippings.circulations.dueOn", { dueOn: formatRocDate(dayOf(c.dueOn), language) })}</Text>
            ) : null}
          </Stack>
          <Badge color={c.closed ? "gray" : "blue.8"} variant={c.closed ? "light" : "filled"} tt="none">
            {c.closed ? t("clippings.circulations.closed") : t("clippings.circulations.open")}
          </Badge>
        </Group>
        {c.note ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {t("clippings.circulations.note")}
            {c.note}
          </Text>
        ) : null}
        <Group gap="lg" data-testid="circulation-counts">
          <Text fw={700}>{t("clippings.counts.acknowledged", { n: c.counts.acknowledged, total: c.counts.recipients })}</Text>
          <Text>{t("clippings.counts.opened", { n: c.counts.opened })}</Text>
          <Text c={c.counts.overdue ? "red.8" : undefined} fw={c.counts.overdue ? 700 : undefined}>
            {t("clippings.counts.overdue", { n: c.counts.overdue })}
          </Text>
          {c.counts.reacknowledgementPending ? <Text>{t("clippings.counts.reacknowledge", { n: c.counts.reacknowledgementPending })}</Text> : null}
        </Group>
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder data-testid="recipients">
            <caption>
              <VisuallyHidden>{`${t("clippings.recipients.caption")}：${t("clippings.circulations.heading", { kind: t(`circulationKind.${c.kind}`), date: created, name: c.createdByName ?? "—" })}`}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" aria-sort={sortByStatus ? undefined : "ascending"}>
                  <Anchor component={Link} to={sortHref(false)} preventScrollReset c="inherit" fw={600} size="sm">
                    {t("clippings.recipients.name")} {sortByStatus ? "" : "▲"}
                    <VisuallyHidden>{t("clippings.recipients.sortByName")}</VisuallyHidden>
                  </Anchor>
                </Table.Th>
                <Table.Th scope="col" aria-sort={sortByStatus ? "ascending" : undefined} style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={sortHref(true)} preventScrollReset c="inherit" fw={600} size="sm">
                    {t("clippings.recipients.status")} {sortByStatus ? "▲" : ""}
                    <VisuallyHidden>{t("clippings.recipients.sortByStatus")}</VisuallyHidden>
                  </Anchor>
                </Table.Th>
                <Table.Th scope="col">{t("clippings.recipients.openedAt")}</Table.Th>
                <Table.Th scope="col">{t("clippings.recipients.acknowledgedAt")}</Table.Th>
                <Table.Th scope="col">{t("clippings.recipients.comment")}</Table.Th>
                <Table.Th scope="col" style={{ whiteSpace: "nowrap" }}>
                  {t("clippings.recipients.overdue")}
                </Table.Th>
                <Table.Th scope="col">{t("clippings.recipients.remindedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.recipients.map((r) => (
                <Table.Tr key={r.userId} data-testid="recipient-row">
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {r.name}
                    <Text span size="xs" c="gray.7" ml={4}>
                      {r.employeeNo}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <StatusBadge status={r.status} />
                    {r.status !== "acknowledged" && r.acknowledgedVersion !== null ? (
                      <Text size="xs" c="gray.7">
                        {t("clippings.recipients.earlierVersion")}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">
                      <When value={r.openedAt} />
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">
                      <When value={r.acknowledgedAt} />
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap", minWidth: 180 }}>
                    <Text size="sm">{r.comment || "—"}</Text>
                  </Table.Td>
                  <Table.Td>
                    {r.overdue ? (
                      <Badge color="red.8" tt="none">
                        {t("clippings.recipients.yes")}
                      </Badge>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">
                      <When value={r.remindedAt} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {c.closed ? null : (
          <Group align="flex-start" gap="xl">
            <Form method="post" data-testid="remind-form">
              <input type="hidden" name="intent" value="remind" />
              {sortByStatus ? <input type="hidden" name="recipients" value="status" /> : null}
              <input type="hidden" name="circulationId" value={c.id} />
              <Stack gap={6}>
                {remind.formError ? (
                  <Alert color="red" role="alert" p="xs">
                    {remind.formError}
                  </Alert>
                ) : null}
                <div>
                  <Button type="submit" variant="outline" disabled={c.remindable === 0} aria-describedby={c.remindable === 0 ? `remind-none-${c.id}` : undefined}>
                    {t("clippings.remind.button", { n: c.remindable })}
                  </Button>
                </div>
                {c.remindable === 0 && !remind.formError ? (
                  <Text size="sm" c="gray.7" id={`remind-none-${c.id}`}>
                    {t("clippings.remind.none")}
                  </Text>
                ) : null}
              </Stack>
            </Form>
            <Form method="post" data-testid="close-form">
              <input type="hidden" name="intent" value="close" />
              {sortByStatus ? <input type="hidden" name="recipients" value="status" /> : null}
              <input type="hidden" name="circulationId" value={c.id} />
              <Stack gap={6}>
                {close.formError ? (
                  <Alert color="red" role="alert" p="xs">
                    {close.formError}
                  </Alert>
                ) : null}
                <Checkbox id={`f-close-confirm-${c.id}`} name="confirm" label={t("clippings.close.confirm")} error={close.errorOf("confirm")} />
                <div>
                  <Button type="submit" variant="outline" color="red.8">
                    {t("clippings.close.button")}
                  </Button>
                </div>
              </Stack>
            </Form>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
